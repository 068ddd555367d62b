// Reflow (WCAG 1.4.10): every page fits a 320 CSS px phone in every UI
// language, with the seed content and with 300-character unbroken words, under
// the WCAG 1.4.12 text spacing, and at 200% zoom; nothing that must show is
// clipped, and touch targets are at least 24 × 24 CSS px (WCAG 2.5.8).
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { test as base, expect, openInApp, startServer, APP_ALONE, RunningServer } from './fixtures';
import type { Page, Route } from '@playwright/test';

const LANGS = ['en', 'cs', 'uk'] as const;
type Lang = (typeof LANGS)[number];
/** Phones, and a 1280 px screen at 200% zoom (400% zoom is 320 px). */
const WIDTHS = [320, 360, 390, 640];
const ARTICLE = '/posts/ukraine-czech-defense-cluster';
const GALLERY = '/posts/norwegian-embassy-in-prague';
/** The demo post with every block type: a table and code scroll inside themselves. */
const BLOCKS = '/posts/how-an-article-is-built';

/** A 300-character word, as pasted content sometimes holds, and a long URL. */
const LONG = 'Довгеслово'.repeat(30);
const LONG_URL = 'https://example.org/' + 'a-long-path-segment/'.repeat(12) + '?utm_source=newsletter&id=1';

/** The users' stylesheet of WCAG 1.4.12, and one for 200% text size. */
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }`;
const TEXT_200 = 'html { font-size: 200% !important; }';

interface Place {
  path: string;
  /**
   * Opened by the app's own navigation: a page opened directly carries its
   * data and `config.json` with it, so neither the language nor a fault set
   * up by interception would reach it.
   */
  inApp?: boolean;
  /** Waits until the page shows what is to be measured. */
  ready: (page: Page) => Promise<void>;
  /** Request interception the place needs, set up before it loads. */
  setup?: (page: Page) => Promise<void>;
}

const visible = (selector: string) => async (page: Page) => {
  await expect(page.locator(selector).first()).toBeVisible();
};

const PLACES: Record<string, Place> = {
  home: { path: '/', inApp: true, ready: visible('.recent-posts .post-card') },
  posts: { path: '/posts', inApp: true, ready: visible('.all-posts .post-card') },
  article: { path: ARTICLE, inApp: true, ready: visible('.article__body p') },
  'every block': { path: BLOCKS, inApp: true, ready: visible('.table-block') },
  // The editions and a translation, with their language switchers.
  'Czech edition': { path: '/cs/', inApp: true, ready: visible('.language-switcher a') },
  'Ukrainian edition, its posts': { path: '/uk/posts', inApp: true, ready: visible('.all-posts .post-card') },
  'article in Ukrainian': {
    path: '/posts/ukraina-i-chekhiia-stvoryly-oboronnyi-klaster',
    inApp: true,
    ready: visible('.language-switcher a'),
  },
  lightbox: {
    path: `${GALLERY}?photo=2`,
    inApp: true,
    ready: async (page) => {
      await expect(page.locator('dialog.lightbox .lightbox__caption')).toBeVisible();
      // The photo's stage spans the screen (grid placement once squeezed it out).
      await expect.poll(async () => (await page.locator('.lightbox__stage').boundingBox())?.width).toBe(320);
    },
  },
  join: {
    path: '/join',
    inApp: true,
    // With the error summary showing, the longest state of the form.
    ready: async (page) => {
      await page.locator('.join-form button[type="submit"]').click();
      await expect(page.locator('.error-summary')).toBeVisible();
    },
  },
  'not found': { path: '/no/such/page', ready: visible('.not-found') },
  'article error': {
    path: ARTICLE,
    inApp: true,
    setup: (page) => page.route(`**/api/v1${ARTICLE}`, (route) => route.fulfill({ status: 500, body: '' })),
    ready: visible('.error-panel .button'),
  },
  'boot error': {
    path: APP_ALONE,
    setup: (page) => page.route('**/api/v1/site', (route) => route.abort('connectionrefused')),
    ready: visible('.boot-error .button'),
  },
  'iframe embed, recent posts': { path: '/embed/recent-posts', ready: visible('.post-card') },
  'iframe embed, join form': { path: '/embed/join', ready: visible('.join-form') },
};

/** Serves `config.json` with the given UI language. */
async function speak(page: Page, lang: Lang) {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), lang } });
  });
}

/** Applies a user stylesheet (constructed, so the strict CSP allows it); `null` removes it. */
async function userStyles(page: Page, css: string | null) {
  await page.evaluate((css) => {
    const sheets = document.adoptedStyleSheets.filter((sheet) => !(sheet as any).__user);
    if (css !== null) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      (sheet as any).__user = true;
      sheets.push(sheet);
    }
    document.adoptedStyleSheets = sheets;
  }, css);
}

/** The page scrolls in one direction only: nothing is wider than the viewport. */
async function expectNoSidewaysScroll(page: Page, label: string) {
  const { width, scrollWidth, widest } = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const widest = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
    return { width, scrollWidth: root.scrollWidth, widest };
  });
  expect(scrollWidth, `${label}: the page is wider than the viewport; too wide: ${widest.join(', ')}`).toBeLessThanOrEqual(width);
}

/** The title, the first paragraph and the navigation show whole: inside the viewport, not cut by their own box. */
async function expectNotClipped(page: Page, label: string) {
  const problems = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const selectors = ['h1', 'main p', '.site-nav', '.site-nav a', '.lightbox__caption'];
    const found: string[] = [];
    for (const selector of selectors) {
      for (const element of document.querySelectorAll<HTMLElement>(selector)) {
        if (element.closest('.visually-hidden, .join-form__trap') || element.getClientRects().length === 0) continue;
        if (selector === 'main p' && element !== document.querySelector('main p')) continue;
        const box = element.getBoundingClientRect();
        // A scroll area that the keyboard can reach shows all of its content.
        const scrolls = ['auto', 'scroll'].includes(getComputedStyle(element).overflowY) && element.tabIndex >= 0;
        const cut =
          element.scrollWidth > element.clientWidth + 1 || (!scrolls && element.scrollHeight > element.clientHeight + 1);
        if (box.left < -0.5 || box.right > width + 0.5 || cut) {
          found.push(`${selector} "${(element.textContent ?? '').slice(0, 30)}" at ${Math.round(box.left)}–${Math.round(box.right)} of ${width}${cut ? ', cut by its box' : ''}`);
        }
      }
    }
    return found;
  });
  expect(problems, `${label}: clipped`).toEqual([]);
}

/** Controls are at least 24 × 24 CSS px (the lightbox's 44), and none covers another. */
async function expectTouchTargets(page: Page, label: string) {
  const problems = await page.evaluate(() => {
    const selector = 'button, input:not([type="hidden"]), textarea, select, .site-nav a, .recent-posts__head a';
    // Under an open modal dialog the page is inert: only the dialog's controls count.
    const scope = document.querySelector('dialog[open]') ?? document;
    const targets = [...scope.querySelectorAll<HTMLElement>(selector)].filter(
      (element) => !element.closest('.visually-hidden, .join-form__trap') && element.getClientRects().length > 0,
    );
    const found: string[] = [];
    const boxes = targets.map((element) => ({ element, box: element.getBoundingClientRect() }));
    for (const { element, box } of boxes) {
      const least = element.classList.contains('lightbox__button') ? 44 : 24;
      if (box.width < least - 0.5 || box.height < least - 0.5) {
        found.push(`${element.tagName.toLowerCase()}.${element.className} is ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        if (a.element.contains(b.element) || b.element.contains(a.element)) continue;
        const overlap =
          Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left) > 1 &&
          Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top) > 1;
        if (overlap) found.push(`${a.element.className} overlaps ${b.element.className}`);
      }
    }
    return found;
  });
  expect(problems, `${label}: touch targets`).toEqual([]);
}

/** Every width, then 200% text at 1280 px, then the text spacing at 320 px. */
async function expectReflows(page: Page, label: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await expectNoSidewaysScroll(page, `${label} at ${width} px`);
    await expectNotClipped(page, `${label} at ${width} px`);
    await expectTouchTargets(page, `${label} at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await userStyles(page, TEXT_200);
  await expectNoSidewaysScroll(page, `${label}, 200% text at 1280 px`);
  await expectNotClipped(page, `${label}, 200% text at 1280 px`);
  await page.setViewportSize({ width: 320, height: 800 });
  await userStyles(page, TEXT_SPACING);
  await expectNoSidewaysScroll(page, `${label}, text spacing at 320 px`);
  await expectNotClipped(page, `${label}, text spacing at 320 px`);
  await userStyles(page, null);
}

const test = base.extend<{}, { widgetHost: { url: string; app: RunningServer } }>({
  // A host page on another origin with both custom elements, in the language asked for.
  widgetHost: [
    async ({}, use) => {
      let app = '';
      const server: Server = createServer((request, response) => {
        const lang = new URL(request.url!, 'http://x').searchParams.get('lang') ?? 'en';
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>A host site</title>
<script type="module" src="${app}/embed.js"></script></head>
<body><main><h1>A host site</h1><p>Our partners' news, and how to join them.</p>
<gazette-recent-posts api="${app}/api/v1" limit="3" lang="${lang}"></gazette-recent-posts>
<gazette-join-form api="${app}/api/v1" lang="${lang}"></gazette-join-form></main></body></html>`);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const running = await startServer({ args: ['--allow-origin', url] });
      app = running.url;
      await use({ url, app: running });
      server.close();
      await running.stop();
    },
    { scope: 'worker' },
  ],
});

for (const lang of LANGS) {
  test.describe(`in ${lang}`, () => {
    for (const [name, place] of Object.entries(PLACES)) {
      test(`${name} reflows`, async ({ page }) => {
        await speak(page, lang);
        await place.setup?.(page);
        await page.setViewportSize({ width: 320, height: 800 });
        await (place.inApp ? openInApp(page, place.path) : page.goto(place.path));
        await place.ready(page);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expectReflows(page, `${name} in ${lang}`);
      });
    }

    test('the custom-element widgets reflow', async ({ page, widgetHost }) => {
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(`${widgetHost.url}/?lang=${lang}`);
      await expect(page.locator('gazette-recent-posts .post-card')).toHaveCount(3);
      await page.locator('gazette-join-form button[type="submit"]').click();
      await expect(page.locator('gazette-join-form .error-summary')).toBeVisible();
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        await expectNoSidewaysScroll(page, `widgets in ${lang} at ${width} px`);
        // Inside the shadow roots: each widget box holds its content.
        const cut = await page.evaluate(() =>
          [...document.querySelectorAll('gazette-recent-posts, gazette-join-form')]
            .map((host) => host.shadowRoot!.querySelector<HTMLElement>('.gazette-widget')!)
            .filter((box) => box.scrollWidth > box.clientWidth + 1)
            .map((box) => `${box.scrollWidth} > ${box.clientWidth}`),
        );
        expect(cut, `widgets in ${lang} at ${width} px`).toEqual([]);
      }
    });
  });
}

/** Fetches the real answer and rewrites its JSON. */
function rewrite(change: (json: any) => void) {
  return async (route: Route) => {
    const response = await route.fetch();
    const json = await response.json();
    change(json);
    await route.fulfill({ response, json });
  };
}

function longPost(post: any) {
  post.title = LONG;
  post.excerpt = LONG;
  post.author.name = LONG;
}

function longArticle(article: any) {
  longPost(article);
  article.body.unshift(
    { type: 'heading', level: 2, text: [{ text: LONG }] },
    { type: 'paragraph', text: [{ text: `${LONG} ` }, { text: LONG_URL, href: LONG_URL }] },
  );
  for (const block of article.body) {
    if (block.type === 'list') block.items[0] = [{ text: LONG }];
    if (block.type === 'quote') Object.assign(block, { text: [{ text: LONG }], attribution: LONG });
    if (block.type === 'figure') Object.assign(block.image, { caption: LONG, credit: LONG });
    if (block.type === 'gallery') for (const image of block.images) Object.assign(image, { caption: LONG, credit: LONG });
  }
}

test.describe('unbroken 300-character words', () => {
  test.beforeEach(async ({ page }) => {
    await speak(page, 'uk');
    await page.route('**/api/v1/site', rewrite((site) => Object.assign(site, { name: LONG, tagline: LONG })));
    await page.route(
      (url) => url.pathname.endsWith('/api/v1/posts'),
      rewrite((list) => list.items.forEach(longPost)),
    );
    await page.route(
      (url) => /\/api\/v1\/posts\/[^/]+$/.test(url.pathname),
      rewrite(longArticle),
    );
    await page.setViewportSize({ width: 320, height: 800 });
  });

  test('in an article, its figures and the recent posts', async ({ page }) => {
    await openInApp(page, ARTICLE);
    await expect(page.locator('.article__title')).toHaveText(LONG);
    await expect(page.locator('.article__body a', { hasText: 'example.org' })).toHaveAttribute('href', LONG_URL);
    await expect(page.locator('.recent-posts .post-card').first()).toBeVisible();
    await expectReflows(page, 'long article');
  });

  test('in a gallery photo in the lightbox', async ({ page }) => {
    await openInApp(page, `${GALLERY}?photo=1`);
    await expect(page.locator('dialog.lightbox .lightbox__caption')).toContainText(LONG);
    await expectReflows(page, 'long lightbox caption');
  });

  test('in the feed and on the front page', async ({ page }) => {
    await openInApp(page, '/posts');
    await expect(page.locator('.all-posts .post-card__title').first()).toHaveText(LONG);
    await expectReflows(page, 'long feed');
    await openInApp(page, '/');
    await expect(page.locator('.lead-story__title')).toHaveText(LONG);
    await expectReflows(page, 'long front page');
  });

  test('in the join form’s fields', async ({ page }) => {
    await page.goto('/join');
    await page.locator('#join-name').fill(LONG);
    await page.locator('#join-email').fill(`${'x'.repeat(300)}@example.org`);
    await page.locator('#join-message').fill(LONG);
    await page.locator('.join-form button[type="submit"]').click();
    await expect(page.locator('.error-summary')).toBeVisible();
    await expectReflows(page, 'long join form');
  });
});
