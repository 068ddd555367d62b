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
        { src: 'ftp://example.org/refused.webp', alt: 'Refused', width: 400, height: 300 },
      ],
    },
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

for (const slug of [...DEMO, 'every-block']) {
  test(`the prerendered ${slug} is the app's own DOM`, async ({ page, request }) => {
    const html = await (await request.get(`/posts/${slug}`)).text();
    expect(html).toContain('data-gazette-prerender');
    await page.goto(`/posts/${slug}`);
    // The app's view, once the article and its recent posts have loaded.
    await expect(page.locator('article.article')).toBeVisible();
    await expect(page.locator('.recent-posts .post-card').first()).toBeVisible();
    await expect(page.locator('.skeleton')).toHaveCount(0);
    const prerendered = await normalise(page, html);
    expect(prerendered.length).toBeGreaterThan(50);
    expect(await normalise(page, null)).toEqual(prerendered);
  });
}

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
  await page.route(/\/api\/v1\/site$/, (route) => route.fulfill({ status: 503, body: '' }));
  await page.goto('/posts/every-block');
  await expect(page.locator('[data-gazette-prerender="kept"]')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Every block <b>type</b>');
  await expect(page).toHaveTitle('Every block <b>type</b>');
  await expect(page.locator('main')).toHaveCount(1);
});
