// `make bench`: how the all-posts page copes with 500 posts loaded through
// 49 clicks on "Load more" (reference server, generated feed, headless
// Chromium), each timed in the page from the click to the paint that shows
// its posts (`clickToPaint`), and how fast Back renders all 500 from the
// session cache.
// Prints the figures and writes them to target/bench/feed.json.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clickToPaint, launchChromium, reportFigures, startServer } from './lib/harness.mjs';
import { generatePosts } from './generate-posts.mjs';

const POSTS = 500;
const dir = mkdtempSync(join(tmpdir(), 'gazette-bench-'));
generatePosts(POSTS, join(dir, 'content'));
const server = await startServer({ content: join(dir, 'content'), db: join(dir, 'bench.sqlite3') });
const url = server.url;

const browser = await launchChromium();
const cards = (page, n) =>
  page.waitForFunction((n) => document.querySelectorAll('.all-posts .post-card').length >= n, n, { polling: 'raf' });
try {
  const page = await browser.newPage();
  await page.goto(url + '/posts');
  // The app has taken the prerendered list over: before, "Load more" is the
  // server's button, which does nothing.
  await page.waitForFunction(() => !document.querySelector('[data-gazette-prerender]'));
  await cards(page, 10);
  const clicks = [];
  const button = page.getByRole('button', { name: 'Load more posts' });
  for (let pages = 2; pages <= POSTS / 10; pages++) {
    const ms = await clickToPaint(
      page,
      () => button.click(),
      (n) => document.querySelectorAll('.all-posts .post-card').length >= n,
      pages * 10,
    );
    clicks.push(ms);
  }
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  await page.locator('.all-posts .post-card__title a').nth(480).click();
  await page.waitForSelector('article.article h1');
  const back = performance.now();
  await page.goBack();
  await cards(page, POSTS);
  const backMs = performance.now() - back;

  const sorted = [...clicks].sort((a, b) => a - b);
  const figures = {
    posts: POSTS,
    load_more_clicks: clicks.length,
    load_more_ms_median: +sorted[Math.floor(sorted.length / 2)].toFixed(1),
    load_more_ms_p95: +sorted[Math.floor(sorted.length * 0.95)].toFixed(1),
    load_more_ms_last: +clicks[clicks.length - 1].toFixed(1),
    back_to_500_posts_ms: +backMs.toFixed(1),
    dom_elements_with_500_posts: domNodes,
  };
  reportFigures('feed', 'all-posts page, 500 posts through "Load more" (the click to the paint showing its posts, incl. the API call):', figures);
} finally {
  await browser.close();
  server.stop();
}
