// `make bench`: how soon the seed article is on screen. The prerendered page
// as the reference server sends it, against a hand-made static HTML copy of
// it (the same document without a script: no loader, no wasm, no data
// block), both from the same server, and the app as it was before pages were
// prerendered (the bare index.html, which then asks config.json, the site and
// the article). Each run is a fresh browser context (a cold cache) on a
// phone-like throttle: 4× CPU, 40 ms RTT, 10 Mbit/s. Five runs each,
// interleaved; the medians go to target/bench/lcp.json.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, reportFigures, startServer, throttle } from './lib/harness.mjs';

const ARTICLE = '/posts/ukraine-czech-defense-cluster';
const RUNS = 5;

const dir = mkdtempSync(join(tmpdir(), 'gazette-lcp-'));
const dist = join(dir, 'dist');
cpSync('dist', dist, { recursive: true });
// The pages are written by a first server; the copies are files the second
// serves from the same dist.
const first = await startServer({ dist, db: join(dir, 'first.sqlite3') });
const prerendered = await (await fetch(first.url + ARTICLE)).text();
first.stop();
const staticCopy = prerendered
  .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
  .replace(/<link\b[^>]*rel=(?:modulepreload|preload)[^>]*>/g, '');
writeFileSync(join(dist, 'static-copy.html'), staticCopy);
const server = await startServer({ dist, db: join(dir, 'bench.sqlite3') });
const spaShell = readFileSync(join(dist, 'index.html'), 'utf8');

const browser = await launchChromium();

/** One cold visit under the throttle: LCP, FCP, requests before FCP, HTML bytes. */
async function visit(path, { spa = false, app = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  if (spa) {
    // The page as it was before prerendering: the build's own index.html.
    await page.route(server.url + ARTICLE, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: spaShell }),
    );
  }
  await throttle(context, page);
  await page.addInitScript(() => {
    window.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
  await page.goto(server.url + path, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('article.article h1') && window.__lcp > 0);
  // Where there is an app, the figures are read once it has the page.
  if (app) await page.waitForFunction(() => !document.querySelector('[data-gazette-prerender]'));
  const figures = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
    const navigation = performance.getEntriesByType('navigation')[0];
    const before = (time) => 1 + performance.getEntriesByType('resource').filter((entry) => entry.startTime < time).length;
    return {
      lcp: window.__lcp,
      fcp,
      requestsBeforeFcp: before(fcp),
      requestsBeforeLcp: before(window.__lcp),
      htmlTransfer: navigation.transferSize,
      htmlDecoded: navigation.decodedBodySize,
    };
  });
  await context.close();
  return figures;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  const runs = { prerendered: [], static: [], spa: [] };
  for (let run = 0; run < RUNS; run++) {
    runs.prerendered.push(await visit(ARTICLE));
    runs.static.push(await visit('/static-copy.html', { app: false }));
    runs.spa.push(await visit(ARTICLE, { spa: true }));
  }
  const lcp = (name) => +median(runs[name].map((r) => r.lcp)).toFixed(0);
  const figures = {
    runs: RUNS,
    prerendered_lcp_ms: lcp('prerendered'),
    static_copy_lcp_ms: lcp('static'),
    lcp_ratio_to_static: +(lcp('prerendered') / lcp('static')).toFixed(3),
    app_before_prerendering_lcp_ms: lcp('spa'),
    prerendered_fcp_ms: +median(runs.prerendered.map((r) => r.fcp)).toFixed(0),
    requests_before_first_paint: median(runs.prerendered.map((r) => r.requestsBeforeFcp)),
    requests_before_lcp: median(runs.prerendered.map((r) => r.requestsBeforeLcp)),
    requests_before_lcp_before_prerendering: median(runs.spa.map((r) => r.requestsBeforeLcp)),
    html_bytes_transferred: median(runs.prerendered.map((r) => r.htmlTransfer)),
    html_bytes_decoded: median(runs.prerendered.map((r) => r.htmlDecoded)),
  };
  reportFigures('lcp', `the seed article's LCP (median of ${RUNS}, 4× CPU, 40 ms RTT, 10 Mbit/s):`, figures);
} finally {
  await browser.close();
  server.stop();
}
