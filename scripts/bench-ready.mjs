// `make bench`: how soon after the first pages are on screen the app has
// them (issue 35's "ready within 0.5 s of LCP"). Each first page a reader
// may land on, prerendered by the reference server, in a fresh browser
// context (a cold cache) on a phone-like throttle: 4× CPU, 40 ms RTT,
// 10 Mbit/s. "Ready" is when the app has taken the page over (the
// prerendered wrapper gone: from then its links, lightbox and form respond);
// what is reported per page is that time minus the page's LCP, median of
// five runs, into target/bench/ready.json (scripts/budgets.mjs reads it).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, reportFigures, startServer, throttle } from './lib/harness.mjs';

const PAGES = ['/posts/ukraine-czech-defense-cluster', '/', '/posts', '/join', '/cs/'];
const RUNS = 5;

const dir = mkdtempSync(join(tmpdir(), 'gazette-ready-'));
const server = await startServer({ db: join(dir, 'bench.sqlite3') });
const browser = await launchChromium();

/** One cold visit under the throttle: LCP, and when the app had the page. */
async function visit(path) {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await throttle(context, page);
  await page.addInitScript(() => {
    window.__lcp = 0;
    window.__ready = 0;
    let seen = false;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    // The moment the app removes the prerendered page, replacing it with its own.
    new MutationObserver(() => {
      const prerendered = document.querySelector('[data-gazette-prerender]');
      if (prerendered) seen = true;
      else if (seen && !window.__ready) window.__ready = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(server.url + path, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__ready > 0 && window.__lcp > 0);
  const { lcp, ready } = await page.evaluate(() => ({ lcp: window.__lcp, ready: window.__ready }));
  await context.close();
  return { lcp, ready };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  const runs = Object.fromEntries(PAGES.map((path) => [path, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const path of PAGES) runs[path].push(await visit(path));
  }
  const figures = {};
  const details = {};
  for (const path of PAGES) {
    figures[path] = +median(runs[path].map((r) => r.ready - r.lcp)).toFixed(0);
    details[path] = `ready ${median(runs[path].map((r) => r.ready)).toFixed(0)} ms, LCP ${median(runs[path].map((r) => r.lcp)).toFixed(0)} ms`;
  }
  for (const [path, line] of Object.entries(details)) console.log(`  ${path.padEnd(40)} ${line}`);
  reportFigures('ready', `the app ready after LCP, ms (median of ${RUNS}, 4× CPU, 40 ms RTT, 10 Mbit/s):`, figures);
} finally {
  await browser.close();
  server.stop();
}
