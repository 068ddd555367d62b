// Opens a running Gazette in headless Chromium as a reader would, and fails
// unless the app really runs: a build that passed can still ship a wasm that
// dies on load, and a prerendered page reads the same without any wasm. So
// each page must be taken over by the app (no `data-gazette-prerender` left),
// a link followed in the app, and the join page's chunk loaded, with no
// uncaught error on the way. Writes a screenshot of the article.
// Usage: node scripts/open-site.mjs URL [screenshot.png]   (make fresh-check)
import { launchChromium } from './lib/harness.mjs';

const base = (process.argv[2] ?? 'http://127.0.0.1:8080/').replace(/\/?$/, '/');
const shot = process.argv[3] ?? 'target/open-site.png';

const browser = await launchChromium();
const errors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && errors.push(`console: ${message.text()}`));
  const takenOver = () => page.waitForFunction(
    () => document.querySelector('h1') && !document.querySelector('[data-gazette-prerender]'),
    null,
    { timeout: 30_000 },
  );

  await page.goto(base);
  await takenOver();
  const article = page.locator('a[href*="posts/ukraine-czech-defense-cluster"]').first();
  await article.click();
  await page.waitForURL(/\/posts\/ukraine-czech-defense-cluster$/);
  await page.locator('h1', { hasText: 'defense cluster' }).waitFor();
  await page.screenshot({ path: shot });

  await page.goto(base + 'join');
  await takenOver();
  await page.getByLabel('Email').fill('reader@example.org');
  if ((await page.getByLabel('Email').inputValue()) !== 'reader@example.org') throw new Error('the join form takes no input');

  if (errors.length) throw new Error(errors.join('\n'));
  console.log(`open-site: ${base} runs in Chromium (front page, an article, the join form); ${shot}`);
} finally {
  await browser.close();
}
