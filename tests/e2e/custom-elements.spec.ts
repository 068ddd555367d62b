// The custom elements (embed.js) on examples/embed-host.html: a host page on
// another origin with a deliberately hostile stylesheet. The widgets render in
// their own shadow roots, look exactly as on a clean page, leave the host's own
// elements alone, and the join form stores one row in the real SQLite file.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { test as base, expect, startServer, ROOT, RunningServer } from './fixtures';
import type { Page } from '@playwright/test';

const EXAMPLE = readFileSync(path.join(ROOT, 'examples/embed-host.html'), 'utf8');
const HOSTILE_STYLE = /<style id="hostile">[\s\S]*?<\/style>/;
const EMBED_SCRIPT = /<script type="module" src="[^"]*embed\.js"><\/script>/;
const JOIN_FORM = /<gazette-join-form id="join"[^>]*><\/gazette-join-form>/;

interface Host {
  url: string;
  app: RunningServer;
}

/** The example page, pointed at `app`; variants without the hostile styles,
 * without embed.js, or without the join form. */
function pageFor(app: string, variant: string) {
  let html = EXAMPLE.replaceAll('http://127.0.0.1:8080', app);
  if (variant === 'clean') html = html.replace(HOSTILE_STYLE, '');
  if (variant === 'no-embed') html = html.replace(EMBED_SCRIPT, '');
  if (variant === 'posts-only') html = html.replace(JOIN_FORM, '');
  return html;
}

const test = base.extend<{}, { host: Host }>({
  host: [
    async ({}, use) => {
      let appUrl = '';
      const server: Server = createServer((request, response) => {
        const variant = new URL(request.url!, 'http://x').searchParams.get('variant') ?? '';
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(pageFor(appUrl, variant));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // The API opens CORS to the host page's origin, as --allow-origin documents.
      const app = await startServer({ args: ['--allow-origin', url] });
      appUrl = app.url;
      await use({ url, app });
      server.close();
      await app.stop();
    },
    { scope: 'worker' },
  ],
});

// Loaded cards only: the skeleton's rows are `.post-card`s too, and the frame
// around them is replaced when the posts arrive.
const cards = (page: Page, id: string) => page.locator(`#${id} .post-card`).filter({ has: page.locator('.post-card__title') });

test('the widgets render in shadow roots on a cross-origin host page, with links to the full site', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(cards(page, 'recent')).toHaveCount(3);
  await expect(cards(page, 'recent-cs')).toHaveCount(2);
  expect(await page.locator('#recent').evaluate((element) => element.shadowRoot !== null)).toBe(true);
  // Nothing of ours is in the host's light DOM.
  expect(await page.locator('#recent').evaluate((element) => element.children.length)).toBe(0);
  await expect(page.locator('#recent .recent-posts__title')).toHaveText('Recent posts');
  await expect(page.locator('#recent-cs .recent-posts__title')).toHaveText('Nejnovější příspěvky');
  await expect(page.locator('#recent-cs .gazette-widget')).toHaveAttribute('lang', 'cs');
  const link = page.locator('#recent .post-card__title a').first();
  await expect(link).toHaveAttribute('href', `${host.app.url}/posts/norwegian-embassy-in-prague`);
  await expect(link).not.toHaveAttribute('target', /.+/);
  await expect(page.locator('#recent .post-card__thumb img').first()).toHaveAttribute('src', new RegExp(`^${host.app.url}/images/`));
  await expect(page.locator('#recent .recent-posts a', { hasText: 'See all' })).toHaveAttribute('href', `${host.app.url}/posts`);
  await expect(page.locator('#join').getByLabel('Email')).toBeVisible();
});

/** Computed styles that a host's rules could change, for each element the selector finds. */
async function stylesOf(page: Page, selectors: string[]) {
  const properties = ['color', 'font-size', 'font-family', 'font-style', 'background-color', 'border-top-style',
    'border-top-width', 'padding-top', 'text-transform', 'letter-spacing', 'text-decoration-line', 'width'];
  const result: Record<string, Record<string, string>> = {};
  for (const selector of selectors) {
    const element = page.locator(selector).first();
    await expect(element).toBeVisible();
    result[selector] = await element.evaluate(
      (node, properties) => {
        const style = getComputedStyle(node);
        return Object.fromEntries(properties.map((name) => [name, style.getPropertyValue(name)]));
      },
      properties,
    );
  }
  return result;
}

const WIDGET_PARTS = [
  '#recent .recent-posts__title',
  '#recent .post-card__title a',
  '#recent .post-meta',
  '#recent-cs .recent-posts__title',
  '#join .embed__title',
  '#join label[for="join-name"]',
  '#join #join-name',
  '#join button[type="submit"]',
];
const HOST_PARTS = ['h1', '#host-text', '#host-button'];

test('the host’s hostile rules do not reach the widgets, and ours do not reach the host', async ({ page, host }) => {
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.goto(`${host.url}/?variant=clean`);
  await expect(cards(page, 'recent')).toHaveCount(3);
  const clean = await stylesOf(page, WIDGET_PARTS);

  await page.goto(host.url);
  await expect(cards(page, 'recent')).toHaveCount(3);
  const hostile = await stylesOf(page, WIDGET_PARTS);
  expect(hostile).toEqual(clean);
  for (const part of Object.values(hostile)) {
    expect(part['color']).not.toBe('rgb(255, 0, 0)');
    expect(part['font-size']).not.toBe('40px');
  }
  // The one way in is by design: the host's --gazette-accent colours the join button.
  expect(hostile['#join button[type="submit"]']['background-color']).toBe('rgb(29, 78, 216)');
  const hostWithWidgets = await stylesOf(page, HOST_PARTS);

  await page.goto(`${host.url}/?variant=no-embed`);
  expect(await stylesOf(page, HOST_PARTS)).toEqual(hostWithWidgets);
  expect(hostWithWidgets['#host-button']['background-color']).toBe('rgb(255, 255, 0)');
  expect(hostWithWidgets['#host-text']['font-size']).toBe('40px');
});

test('theme="dark" darkens one widget; the others follow the visitor’s scheme', async ({ page, host }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(host.url);
  await expect(cards(page, 'recent-cs')).toHaveCount(2);
  const background = (id: string) =>
    page.locator(`#${id} .gazette-widget`).evaluate((node) => getComputedStyle(node).backgroundColor);
  expect(await background('recent')).toBe('rgb(253, 252, 250)');
  expect(await background('recent-cs')).toBe('rgb(20, 19, 18)');
});

test('widgets added after load, several at once, and removed ones', async ({ page, host }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Add a widget' }).click();
  await expect(cards(page, 'added')).toHaveCount(1);
  await expect(page.locator('#added .recent-posts__title')).toHaveText('Останні публікації');
  // A Ukrainian join form: Ukrainian labels; the site's English texts marked as English.
  await page.evaluate((api) => {
    const form = document.createElement('gazette-join-form');
    form.id = 'join-uk';
    form.setAttribute('api', api);
    form.setAttribute('lang', 'uk');
    document.querySelector('main')!.append(form);
  }, `${host.app.url}/api/v1`);
  const ukrainian = page.locator('#join-uk');
  await expect(ukrainian.getByRole('button', { name: 'Надіслати заявку' })).toBeVisible();
  await expect(ukrainian.locator('.embed__title')).toHaveAttribute('lang', 'en');
  await expect(ukrainian.locator('label[for="join-consent"]')).toHaveAttribute('lang', 'en');
  await expect(ukrainian.getByLabel('Електронна пошта')).toBeVisible();
  // Removing a widget unmounts it; putting it back mounts it again.
  await page.evaluate(() => {
    const widget = document.getElementById('recent')!;
    widget.remove();
    document.querySelector('main')!.append(widget);
  });
  await expect(cards(page, 'recent')).toHaveCount(3);
  // An attribute change re-renders; an unusable one is named.
  await page.locator('#recent').evaluate((element) => element.setAttribute('limit', '1'));
  await expect(cards(page, 'recent')).toHaveCount(1);
  await page.locator('#recent').evaluate((element) => element.setAttribute('limit', 'lots'));
  await expect(page.locator('#recent [role="alert"]')).toHaveText(
    '<gazette-recent-posts>: the `limit` attribute must be a whole number from 1 to 20.',
  );
  await page.locator('#recent').evaluate((element) => element.setAttribute('limit', '2'));
  await expect(cards(page, 'recent')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('the join form on the host page submits once and stores one row', async ({ page, host }) => {
  const email = `embed${Date.now()}@example.cz`;
  const posts: string[] = [];
  page.on('request', (request) => request.method() === 'POST' && posts.push(request.url()));
  await page.goto(host.url);
  const form = page.locator('#join');
  await form.getByRole('button', { name: 'Send my application' }).click();
  // Focus moves to the first invalid field, inside the shadow root.
  await expect(form.getByLabel('Name')).toBeFocused();
  await form.getByLabel('Name').fill('Jana Nováková');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel(/I agree/).check();
  await form.getByRole('button', { name: 'Send my application' }).dblclick();
  await expect(form.getByRole('status').filter({ hasText: 'Thank you, Jana Nováková!' })).toBeVisible();
  const rows = execFileSync('sqlite3', [host.app.db, `SELECT COUNT(*) FROM members WHERE email_normalised = '${email}'`]);
  expect(Number(rows.toString().trim())).toBe(1);
  expect(posts).toEqual([`${host.app.url}/api/v1/members`]);
});

test('each widget loads its own wasm: a list of posts does not fetch the join form until one is added', async ({ page, host }) => {
  const wasm: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasm.push(new URL(request.url()).pathname);
  });
  await page.goto(`${host.url}/?variant=posts-only`);
  await expect(cards(page, 'recent')).toHaveCount(3);
  await expect(cards(page, 'recent-cs')).toHaveCount(2);
  expect(wasm).toEqual([expect.stringMatching(/^\/gazette-embed-recent-posts-[0-9a-f]+_bg\.wasm$/)]);

  await page.evaluate((api) => {
    const form = document.createElement('gazette-join-form');
    form.id = 'join';
    form.setAttribute('api', api);
    document.querySelector('main')!.append(form);
  }, `${host.app.url}/api/v1`);
  await expect(page.locator('#join').getByLabel('Email')).toBeVisible();
  expect(wasm).toHaveLength(2);
  expect(wasm[1]).toMatch(/^\/gazette-embed-join-form-[0-9a-f]+_bg\.wasm$/);
});

test('a tampered bundle is refused by its integrity hash, and the elements say so', async ({ page, host }) => {
  await page.route(/gazette-embed-[a-z-]+-[0-9a-f]+_bg\.wasm$/, async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    body[body.length - 1] ^= 1;
    await route.fulfill({ response, body });
  });
  const console: string[] = [];
  page.on('console', (message) => console.push(message.text()));
  await page.goto(host.url);
  for (const id of ['recent', 'recent-cs', 'join']) {
    await expect(page.locator(`#${id} [role="alert"]`)).toHaveText('This widget could not load.');
  }
  expect(console.join('\n')).toMatch(/integrity/i);
});
