// Shared by the screenshot and bench scripts: the reference server on a free
// port, and Debian's headless Chromium.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Starts target/server/gazette-server with dist/; resolves to its URL and a stop(). */
export async function startServer({ content = 'content', dist = 'dist', db }) {
  const server = spawn(
    'target/server/gazette-server',
    ['--addr', '127.0.0.1:0', '--dist', dist, '--content', content, '--db', db],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/running at (http:\/\/\S+?)\//);
      if (match) resolve(match[1]);
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, stop: () => server.kill('SIGTERM') };
}

/** Launches /usr/bin/chromium headless, as root on a closed network. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** Prints a bench's figures under a title and writes them to target/bench/NAME.json. */
export function reportFigures(name, title, figures) {
  console.log(title);
  for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(30)} ${value}`);
  mkdirSync('target/bench', { recursive: true });
  writeFileSync(`target/bench/${name}.json`, JSON.stringify(figures, null, 2) + '\n');
}

/**
 * How long the page took from a click to the frame that shows its result,
 * measured in the page as INP measures an interaction: from the click
 * event's time stamp to the first moment after the next paint once `done`
 * (a predicate run in the page on every DOM change) holds. The automation's
 * own round trips (Playwright's checks before it clicks, its polling after)
 * are not the reader's wait, and are left out. `click` performs the click.
 */
export async function clickToPaint(page, click, done, arg) {
  await page.evaluate(
    ([done, arg]) => {
      const holds = new Function('arg', `return (${done})(arg)`);
      window.__clickAt = undefined;
      window.__painted = undefined;
      document.addEventListener('click', (event) => (window.__clickAt ??= event.timeStamp), { capture: true, once: true });
      const check = () => {
        if (window.__painted !== undefined || window.__clickAt === undefined || !holds(arg)) return false;
        // After the frame that shows it: rAF runs before that paint, a task after it.
        requestAnimationFrame(() => setTimeout(() => (window.__painted = performance.now())));
        return true;
      };
      const observer = new MutationObserver(() => check() && observer.disconnect());
      observer.observe(document, { childList: true, subtree: true, attributes: true });
    },
    [done.toString(), arg],
  );
  await click();
  await page.waitForFunction(() => window.__painted !== undefined);
  return page.evaluate(() => window.__painted - window.__clickAt);
}

/** The phone-like throttle of the timing benches on a page: 4× CPU, 40 ms
 * round trips, 10 Mbit/s both ways. */
export async function throttle(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 40,
    downloadThroughput: (10 * 1024 * 1024) / 8,
    uploadThroughput: (10 * 1024 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}
