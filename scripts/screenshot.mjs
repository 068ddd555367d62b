// Takes docs/screenshot.png of the running demo with headless Chromium:
// starts the reference server on a free port, opens a page, saves a PNG.
// Usage: node scripts/screenshot.mjs [path] [output] [ui-lang] [width]
// (make screenshot takes the desktop one, and a phone's in Ukrainian)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, startServer } from './lib/harness.mjs';

const target = process.argv[2] ?? '/posts/ukraine-czech-defense-cluster';
const output = process.argv[3] ?? 'docs/screenshot.png';
const lang = process.argv[4];
const width = Number(process.argv[5] ?? 1280);
const db = join(mkdtempSync(join(tmpdir(), 'gazette-shot-')), 'shot.sqlite3');
const server = await startServer({ db });
const url = server.url;
const browser = await launchChromium();
try {
  const phone = width < 600;
  const page = await browser.newPage({
    viewport: phone ? { width, height: 640 } : { width, height: 900 },
    deviceScaleFactor: phone ? 2 : 1,
  });
  if (lang) {
    await page.route('**/config.json', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), lang } });
    });
  }
  await page.goto(url + target, { waitUntil: 'networkidle' });
  await page.waitForSelector('h1');
  await page.screenshot({ path: output, fullPage: process.env.FULL_PAGE === '1' });
  console.log(`wrote ${output} (${url}${target})`);
} finally {
  await browser.close();
  server.stop();
}
