// `make bench`: the lightbox and a 200-image gallery (generated content,
// reference server, headless Chromium at 1280×800). Reports how long the
// lightbox takes from a click to the paint that shows its full image (timed
// in the page, `clickToPaint`), and the image bytes a visitor downloads
// before scrolling and once scrolled through the gallery (each thumbnail
// loads as it nears the viewport). Writes target/bench/lightbox.json.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clickToPaint, launchChromium, reportFigures, startServer } from './lib/harness.mjs';

const IMAGES = 200;
const names = ['gallery-charles-bridge', 'gallery-vltava', 'gallery-kyiv', 'gallery-reception', 'gallery-old-town', 'gallery-petrin', 'gallery-lviv'];
const dir = mkdtempSync(join(tmpdir(), 'gazette-bench-lightbox-'));
const content = join(dir, 'content');
mkdirSync(join(content, 'posts'), { recursive: true });
mkdirSync(join(content, 'images'), { recursive: true });
copyFileSync('content/site.json', join(content, 'site.json'));
for (const name of names) copyFileSync(`content/images/${name}.webp`, join(content, 'images', `${name}.webp`));
const images = Array.from({ length: IMAGES }, (_, i) => {
  const name = names[i % names.length];
  return {
    // The query makes each photo's variants distinct URLs, as 200 photos would be.
    src: `/images/${name}.webp?n=${i}`,
    alt: `Generated photo ${i + 1}`,
    caption: `Caption of photo ${i + 1}`,
    caption_lang: 'en',
  };
});
writeFileSync(
  join(content, 'posts', 'big-gallery.json'),
  JSON.stringify({
    slug: 'big-gallery',
    title: 'A gallery of 200 photos',
    author: { name: 'Bench' },
    published_at: '2024-06-01T10:00:00Z',
    body: [{ type: 'paragraph', text: [{ text: 'Two hundred photos.' }] }, { type: 'gallery', images }],
  }),
);

const server = await startServer({ content, db: join(dir, 'bench.sqlite3') });
const url = server.url;
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  let imageBytes = 0;
  let imageRequests = 0;
  const sizing = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'image') {
      imageRequests += 1;
      // The body's length: the request's own sizes say nothing of what the
      // service worker (which controls the page once the app has started)
      // fetched for it. Pictures are sent as they are, not compressed.
      sizing.push(response.body().then((body) => (imageBytes += body.length), () => {}));
    }
  });
  /** The images answered so far, their bytes counted. */
  const answered = async () => {
    await Promise.all(sizing);
    return { requests: imageRequests, bytes: imageBytes };
  };
  await page.goto(url + '/posts/big-gallery', { waitUntil: 'networkidle' });
  await page.waitForTimeout(500);
  const beforeScroll = await answered();

  const opens = [];
  for (let i = 0; i < 5; i++) {
    const button = page.locator('.gallery .zoom-button').nth(i);
    const ms = await clickToPaint(
      page,
      () => button.click(),
      () => document.querySelector('dialog.lightbox .lightbox__image--loaded') !== null,
    );
    opens.push(ms);
    await page.keyboard.press('Escape');
    await page.locator('dialog.lightbox').waitFor({ state: 'hidden' });
  }
  opens.sort((a, b) => a - b);
  // Then a screen at a time, as a reader scrolls, each screen's thumbnails
  // loaded before the next; then every one of them. The photos opened above
  // are counted apart.
  const opened = await answered();
  const onScreenLoaded = () =>
    [...document.querySelectorAll('.gallery img')]
      .filter((img) => {
        const box = img.getBoundingClientRect();
        return box.bottom > 0 && box.top < innerHeight;
      })
      .every((img) => img.complete);
  for (let moved = true; moved; ) {
    moved = await page.evaluate(() => {
      const before = scrollY;
      scrollBy(0, innerHeight);
      return scrollY > before;
    });
    await page.waitForFunction(onScreenLoaded);
  }
  await page.waitForFunction(() => [...document.querySelectorAll('.gallery img')].every((img) => img.complete));
  const scrolled = await answered();

  const figures = {
    gallery_images: IMAGES,
    image_requests_before_scroll: beforeScroll.requests,
    image_kb_before_scroll: +(beforeScroll.bytes / 1000).toFixed(1),
    image_requests_scrolled_through: beforeScroll.requests + scrolled.requests - opened.requests,
    image_kb_scrolled_through: +((beforeScroll.bytes + scrolled.bytes - opened.bytes) / 1000).toFixed(1),
    lightbox_open_ms_median: +opens[2].toFixed(1),
    lightbox_open_ms_max: +opens[4].toFixed(1),
  };
  reportFigures('lightbox', 'lightbox, 200-image gallery (the click to the paint showing the full image; image bytes before any scroll, and scrolled through):', figures);
} finally {
  await browser.close();
  server.stop();
}
