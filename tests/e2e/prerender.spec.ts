// The pages the server prerenders: the same DOM as the app's own view of the
// same article, so that the app taking over changes nothing a reader sees;
// and readable, with their pictures, captions and links, without JavaScript.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test as base, expect, expectAccessible, startServer, ROOT, RunningServer } from './fixtures';

const DEMO = [
  'ukraine-czech-defense-cluster',
  'norwegian-embassy-in-prague',
  'embassy-of-kazakhstan-to-the-czech-republic',
  'izrael-v-ceske-republice',
];

// An article with every block type, every span style and the image cases:
// a size and none, a caption and credit in another language, a URL the
// allow-list refuses, a gallery after a figure. (A link the allow-list
// refuses never gets this far: the server refuses the content.)
const EVERY_BLOCK = {
  slug: 'every-block',
  title: 'Every block <b>type</b>',
  excerpt: 'All of them.',
  author: { name: 'Test "Author"' },
  lang: 'en',
  published_at: '2024-06-01T22:30:00Z',
  body: [
    {
      type: 'paragraph',
      text: [
        { text: 'Plain, ' },
        { text: 'bold', bold: true },
        { text: ', ' },
        { text: 'italic', italic: true },
        { text: ', both', bold: true, italic: true },
        { text: ', a link', href: 'https://example.org/a' },
        { text: ', an inner one', href: '/posts/norwegian-embassy-in-prague' },
        { text: ' and https://example.org/a/long/address?x=1' },
      ],
    },
    { type: 'heading', level: 2, text: [{ text: 'Second level' }] },
    { type: 'heading', level: 3, text: [{ text: 'Third level' }] },
    { type: 'heading', level: 4, text: [{ text: 'Fourth level' }] },
    { type: 'list', ordered: true, items: [[{ text: 'One' }], [{ text: 'Two', bold: true }]] },
    { type: 'list', ordered: false, items: [[{ text: 'Dot' }]] },
    { type: 'quote', text: [{ text: 'A quote.' }], attribution: 'Someone' },
    { type: 'quote', text: [{ text: 'Unattributed.' }] },
    {
      type: 'figure',
      image: { src: '/images/gallery-kyiv.webp', alt: 'Kyiv "at dusk"', caption: 'Київ', caption_lang: 'uk', credit: 'Фото' },
    },
    {
      type: 'gallery',
      caption: 'Prague',
      images: [
        { src: '/images/gallery-vltava.webp', alt: 'Vltava', caption: 'Vltava' },
        { src: '/images/gallery-petrin.webp', alt: '' },
        // (A picture whose address the allow-list refuses never reaches a
        // page: the server refuses such a content file at start-up, and
        // tests/markup.rs renders one from the network in both renderers.)
      ],
    },
    {
      type: 'table',
      caption: 'Releases',
      header_row: true,
      header_column: true,
      rows: [
        [[{ text: 'Version' }], [{ text: 'Musician' }]],
        [[{ text: '.70' }], [{ text: 'No musician', italic: true }]],
      ],
    },
    { type: 'code', text: 'fn main() {\n    println!("<b>");\n}', language: 'rust', caption: 'A program' },
    {
      type: 'embed',
      url: 'https://www.youtube.com/watch?v=abc',
      provider: 'YouTube',
      title: 'The concert',
      caption: 'Live',
      thumbnail: { src: '/images/gallery-lviv.webp', alt: 'A still' },
    },
    { type: 'embed', url: 'https://example.org/a/page' },
    { type: 'separator' },
    { type: 'divider' },
    { type: 'video', src: '/unknown-block.mp4' },
    { type: 'paragraph', text: [{ text: 'The end.' }] },
  ],
};

const test = base.extend<{}, { server: RunningServer }>({
  server: [
    async ({}, use) => {
      const content = mkdtempSync(path.join(tmpdir(), 'gazette-prerender-'));
      cpSync(path.join(ROOT, 'content'), content, { recursive: true });
      writeFileSync(path.join(content, 'posts/every-block.json'), JSON.stringify(EVERY_BLOCK));
      const server = await startServer({ content });
      await use(server);
      await server.stop();
      rmSync(content, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

/**
 * A page's body as a comparable text: elements with their attributes sorted,
 * text merged; comments (the app's markers), scripts, the build's
 * `<noscript>` and the lightbox's closed `<dialog>` (the app's, for the
 * script-driven viewer) left out, the prerender's wrapper unwrapped, and the
 * `style` the app sets through the CSSOM on image frames left out (the
 * prerender reserves the same box from the `<img>`'s width and height).
 */
function normalise(page: Page, html: string | null) {
  return page.evaluate((html) => {
    const body = html === null ? document.body : new DOMParser().parseFromString(html, 'text/html').body;
    const out: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node.textContent ?? '';
        if (out.length && out[out.length - 1].startsWith('#')) out[out.length - 1] += text;
        else out.push('#' + text);
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      const element = node as Element;
      const tag = element.tagName.toLowerCase();
      if (['script', 'noscript'].includes(tag) || element.matches('dialog.lightbox')) return;
      if (element.hasAttribute('data-gazette-prerender')) return element.childNodes.forEach(walk);
      const attributes = [...element.attributes]
        .filter((a) => !(a.name === 'style' && element.classList.contains('image-frame')))
        .map((a) => `${a.name}="${a.value}"`)
        .sort();
      out.push(`<${[tag, ...attributes].join(' ')}>`);
      element.childNodes.forEach(walk);
      out.push(`</${tag}>`);
    };
    body.childNodes.forEach(walk);
    return out.filter((piece) => piece.trim() !== '#' && piece !== '#');
  }, html);
}

const PAGES = [
  ...[...DEMO, 'every-block', 'ukrajina-a-cesko-vytvorily-obranny-klastr'].map((slug) => `/posts/${slug}`),
  '/',
  '/posts',
  '/cs/',
  '/uk/posts',
  '/uk/join',
  '/join',
  '/tag/embassies',
  '/author/hans-weber',
];
for (const path of PAGES) {
  test(`the prerendered ${path} is the app's own DOM`, async ({ page, request }) => {
    const html = await (await request.get(path)).text();
    expect(html).toContain('data-gazette-prerender');
    await page.goto(path);
    // The app's view, once its posts (or its form) are there and nothing is loading.
    await expect(page.locator(path.endsWith('/join') ? 'main form.join-form' : 'main .post-card').first()).toBeVisible();
    await expect(page.locator('.skeleton')).toHaveCount(0);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    const prerendered = await normalise(page, html);
    expect(prerendered.length).toBeGreaterThan(50);
    expect(await normalise(page, null)).toEqual(prerendered);
  });
}

test("without JavaScript a tag's page lists its posts under its name, and its links work", async ({ browser, server }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/tag/embassies');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Embassies');
  await expect(page.locator('.term__header')).toContainText('2 posts');
  await expect(page.locator('.all-posts .post-card')).toHaveCount(2);
  await page.locator('.all-posts .post-meta__author a').first().click();
  await expect(page).toHaveURL(/\/author\/hans-weber$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hans Weber');
  await context.close();
});

test('without JavaScript an article is read whole: text, pictures, captions, links', async ({ browser, server }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/posts/ukraine-czech-defense-cluster');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Ukraine and the Czech Republic have created a defense cluster',
  );
  await expect(page.locator('.article__body p').first()).toContainText('Ukroboronprom State Concern');
  await expect(page.locator('article time')).toHaveText('November 2, 2022');
  const pictures = page.locator('article img');
  await expect(pictures).toHaveCount(3);
  // The first picture loads at once, in its reserved box, with its caption.
  await expect.poll(() => pictures.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await expect(page.locator('article figcaption').first()).toContainText('Укроборонпром');
  await expect(page.locator('article figcaption .figure__text').first()).toHaveAttribute('lang', 'uk');
  await expect(page.getByText('This site needs JavaScript')).toHaveCount(0);
  // The recent posts are links to the other articles, which read the same way.
  await page.locator('.recent-posts').getByRole('link', { name: 'Norwegian Embassy in Prague' }).click();
  await expect(page).toHaveURL(/\/posts\/norwegian-embassy-in-prague$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Norwegian Embassy in Prague');
  // A gallery photo opens whole: its thumbnail links to the full image.
  const thumbnail = page.locator('.gallery .zoom-button').nth(1);
  await expect(thumbnail).toHaveAccessibleName(/^Open photo: /);
  const full = await thumbnail.getAttribute('href');
  expect(full).toMatch(/-1440-[0-9a-f]{12}\.webp$/);
  await thumbnail.click();
  await expect(page).toHaveURL(new RegExp(`${full}$`));
  await context.close();
});

test('without JavaScript the join page says what it needs, and shows no form it could not send', async ({ browser, server }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/join');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join us');
  // (Playwright's text matching skips <noscript>: the paragraph by its place.)
  const notice = page.locator('.join-form-root noscript p.notice');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveText(/^Sending this form needs JavaScript/);
  await expect(page.locator('form.join-form')).toBeHidden();
  await context.close();
});

test('the app is fetched only once the page\'s paint is on screen: its LCP entry reported first', async ({ context }) => {
  const page = await context.newPage();
  // Replaced before its frame is presented, the server's paragraph would
  // not be the LCP: the app's, later, would.
  await page.addInitScript(() => {
    const reported: number[] = ((window as any).__lcpReported = []);
    new PerformanceObserver((list) => list.getEntries().forEach(() => reported.push(performance.now()))).observe({
      type: 'largest-contentful-paint',
      buffered: true,
    });
  });
  await page.goto('/posts/ukraine-czech-defense-cluster');
  await expect(page.locator('[data-gazette-prerender]')).toHaveCount(0);
  const [reported, wasmAsked] = await page.evaluate(() => [
    (window as any).__lcpReported[0],
    performance.getEntriesByType('resource').find((entry) => /_bg\.wasm$/.test(entry.name))?.startTime,
  ]);
  expect(reported).toBeDefined();
  expect(wasmAsked).toBeGreaterThan(reported);
});

test('a picture that never arrives does not hold the app back', async ({ context }) => {
  const page = await context.newPage();
  // The article's first picture stalls: the page's load event never comes.
  await page.route(/defense-agreement-[^/]*\.webp$/, () => {});
  await page.goto('/posts/ukraine-czech-defense-cluster', { waitUntil: 'commit' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Ukraine and the Czech Republic have created a defense cluster',
  );
  await expect(page.locator('[data-gazette-prerender]')).toHaveCount(0);
  await expect(page.locator('.recent-posts .post-card')).toHaveCount(3);
});

test('a reader whose locale is a variant of the UI language sees the same date before and after the takeover', async ({ browser, server }) => {
  const context = await browser.newContext({ locale: 'en-GB', baseURL: server.url });
  const page = await context.newPage();
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/posts/ukraine-czech-defense-cluster');
  await expect(page.locator('article time')).toHaveText('November 2, 2022');
  release();
  await expect(page.locator('[data-gazette-prerender]')).toHaveCount(0);
  await expect(page.locator('.recent-posts .post-card')).toHaveCount(3);
  await expect(page.locator('article time')).toHaveText('November 2, 2022');
  await context.close();
});

test('a page whose wasm does not arrive stays readable', async ({ context }) => {
  // A page of its own: the fixture's would wait for the app.
  const page = await context.newPage();
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto('/posts/norwegian-embassy-in-prague');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Norwegian Embassy in Prague');
  await expect(page.locator('.recent-posts .post-card')).toHaveCount(3);
  await expectAccessible(page);
});

test('a page whose app cannot start stays as the server wrote it', async ({ page }) => {
  // The build's config.json, as the page carries it, holds a value the app
  // refuses.
  await page.route(/\/posts\/every-block$/, async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    const broken = html.replace('\\"recent_posts\\": 3', '\\"recent_posts\\": 300');
    expect(broken).not.toBe(html);
    await route.fulfill({ response, body: broken });
  });
  await page.goto('/posts/every-block');
  await expect(page.locator('[data-gazette-prerender="kept"]')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Every block <b>type</b>');
  await expect(page).toHaveTitle('Every block <b>type</b>');
  await expect(page.locator('main')).toHaveCount(1);
});

test('the app takes a page over with nothing in between: the same pixels, no skeleton, no shift, no request', async ({ context }) => {
  // A page of its own: the wasm is held back until the prerendered page is
  // on screen, which the fixture's page would wait for.
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => {
    if (/\/api\/v1\/|config\.json/.test(request.url())) requests.push(request.url());
  });
  // Every frame the browser paints, sampled just before it paints it; and
  // every layout shift.
  await page.addInitScript(() => {
    const state = { frames: [] as { prerendered: boolean; app: boolean; loading: boolean }[], shift: 0 };
    (window as any).__takeover = state;
    const sample = () => {
      const prerendered = !!document.querySelector('[data-gazette-prerender]');
      state.frames.push({
        prerendered,
        app: !prerendered && !!document.querySelector('main article.article h1'),
        loading: !!document.querySelector('.skeleton, .boot-loading'),
      });
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) if (!entry.hadRecentInput) state.shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  const loaded = async () => {
    const image = page.locator('article img').first();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await image.evaluate((img: HTMLImageElement) => img.decode());
  };

  await page.goto('/posts/ukraine-czech-defense-cluster');
  await loaded();
  const before = await page.screenshot();
  release();
  await expect(page.locator('[data-gazette-prerender]')).toHaveCount(0);
  await expect(page.locator('.recent-posts .post-card')).toHaveCount(3);
  await loaded();
  const after = await page.screenshot();

  expect(after.equals(before), 'the screen after the takeover is the screen before it').toBe(true);
  const { frames, shift } = await page.evaluate(() => (window as any).__takeover);
  expect(frames.length).toBeGreaterThan(0);
  expect(frames.filter((frame: any) => frame.loading || !(frame.prerendered || frame.app))).toEqual([]);
  expect(shift).toBe(0);
  expect(requests, 'no config.json, no API request').toEqual([]);
  await expectAccessible(page);
});

test('a prerendered page whose code is a chunk stays until its chunk is here, then gives way with no loading status', async ({ context }) => {
  const page = await context.newPage();
  await page.addInitScript(() => {
    (window as any).__statuses = 0;
    const sample = () => {
      if (document.querySelector('.boot-loading')) (window as any).__statuses++;
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  const chunk = /\/gazette-chunk-posts-[0-9a-f]{16}\.wasm$/;
  const asked: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(chunk, async (route) => {
    asked.push(route.request().url());
    await held;
    await route.continue();
  });
  await page.goto('/posts');
  // The page's loader and then the app have asked for the list's code (twice:
  // routing turns the HTTP cache off): the page is still the prerendered one.
  await expect.poll(() => asked.length).toBe(2);
  await expect(page.locator('[data-gazette-prerender]')).toHaveCount(1);
  release();
  await expect(page.locator('[data-gazette-prerender]')).toHaveCount(0);
  await expect(page.locator('main .post-card').first()).toBeVisible();
  expect(await page.evaluate(() => (window as any).__statuses)).toBe(0);
  await expectAccessible(page);
});

for (const [path, point] of [['/posts', 'posts'], ['/tag/embassies', 'posts'], ['/join', 'join'], ['/search', 'search']]) {
  test(`the prerendered ${path} has its chunk fetched beside the main wasm, not once the main wasm runs`, async ({ context }) => {
    // Not the fixture's page, whose goto waits for the app to start.
    const page = await context.newPage();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/gazette-[0-9a-f]{16}_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    const chunk = page.waitForRequest(new RegExp(`/gazette-chunk-${point}-[0-9a-f]{16}\\.wasm$`));
    await page.goto(path);
    // The main wasm is held back, so the app has not run: the page's loader asked.
    await chunk;
    release();
    await expect(page.locator('[data-gazette-prerender]')).toHaveCount(0);
    await expect(page.locator('main h1')).toBeVisible();
  });
}
