// A build made with `make dist PUBLIC_URL=/news/` (in target/dist-news),
// served by the reference server with `--base-path /news`: routes, assets,
// config.json, the API, images, deep links and the lightbox's photo URLs all
// stay under /news/. The rest of the suite runs the root build.
import path from 'node:path';
import { test as base, expect, startServer, ROOT, RunningServer } from './fixtures';

const test = base.extend<{}, { newsServer: RunningServer }>({
  newsServer: [
    async ({}, use) => {
      const server = await startServer({
        dist: path.join(ROOT, 'target/dist-news'),
        args: ['--base-path', '/news'],
      });
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ newsServer }, use) => use(newsServer.url),
});

/** The paths of the requests a page makes outside /news/, as they come. */
function requestsOutsideNews(page: import('@playwright/test').Page) {
  const outside: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && !url.pathname.startsWith('/news/')) outside.push(url.pathname);
  });
  return outside;
}

test('the front page, its links and an article work under /news/', async ({ page }) => {
  const outside = requestsOutsideNews(page);
  await page.goto('/news/');
  await expect(page.locator('.site-header__name')).toHaveText('Prague Forum');
  await expect(page.getByRole('link', { name: 'Posts', exact: true })).toHaveAttribute('href', '/news/posts');
  await page.getByRole('link', { name: 'Ukraine and the Czech Republic have created a defense cluster' }).first().click();
  await expect(page).toHaveURL(/\/news\/posts\/ukraine-czech-defense-cluster$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Ukraine and the Czech Republic have created a defense cluster',
  );
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
    'href',
    /\/news\/posts\/ukraine-czech-defense-cluster$/,
  );
  const figure = page.locator('article figure img').first();
  await expect(figure).toHaveJSProperty('complete', true);
  expect(await figure.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await page.getByRole('link', { name: 'Join', exact: true }).click();
  await expect(page).toHaveURL(/\/news\/join$/);
  await expect(page.getByLabel('Email')).toBeVisible();
  expect(outside, 'requests outside /news/').toEqual([]);
});

test('search under /news/: the header form, the worker, the index and the results stay under the base', async ({ page }) => {
  const outside = requestsOutsideNews(page);
  await page.goto('/news/posts');
  await expect(page.getByRole('search')).toHaveAttribute('action', '/news/search');
  await page.getByRole('searchbox', { name: 'Search the posts' }).fill('cluster');
  await page.getByRole('searchbox', { name: 'Search the posts' }).press('Enter');
  await expect(page).toHaveURL(/\/news\/search\?q=cluster$/);
  const hit = page.getByRole('link', { name: 'Ukraine and the Czech Republic have created a defense cluster' });
  await expect(hit).toHaveAttribute('href', '/news/posts/ukraine-czech-defense-cluster');
  expect(outside, 'requests outside /news/').toEqual([]);
});

test('a deep link with ?photo= opens the lightbox, and its photo URLs keep the base path', async ({ page }) => {
  const post = '/news/posts/norwegian-embassy-in-prague';
  await page.goto(`${post}?photo=2`);
  const dialog = page.locator('dialog.lightbox');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(new RegExp(`${post}\\?photo=3$`));
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`${post}$`));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('the root redirects to /news/', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/news\/$/);
  await expect(page.locator('.site-header__name')).toHaveText('Prague Forum');
});

test('an unknown page under /news/ is the app’s not-found page', async ({ page }) => {
  await page.goto('/news/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});

test('the iframe embed links to the full site under /news/', async ({ page }) => {
  // A same-origin host page (frame-ancestors 'self') that is not the app:
  // the app, left booting under a setContent, could mount a second <main>
  // into it (axe found it once in a series of three).
  await page.route('**/news/host.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>Host</title></head>
    <body><main><h1>Host</h1><iframe title="Recent posts" src="/news/embed/recent-posts"></iframe></main></body></html>`,
    }),
  );
  await page.goto('/news/host.html');
  const frame = page.frameLocator('iframe');
  const links = frame.locator('.post-card__title a');
  await expect(links.first()).toBeVisible();
  for (const link of await links.all()) {
    await expect(link).toHaveAttribute('href', /^\/news\/posts\//);
    await expect(link).toHaveAttribute('target', '_top');
  }
  await expect(frame.locator('.site-header')).toHaveCount(0);
});

test('embed.js from a subpath build loads its bundle beside it', async ({ page }) => {
  // A host page of the app's origin that is not the app (the app, left
  // booting under a setContent, would mount a second <main> into it).
  await page.route('**/host.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>Host</title>
    <script type="module" src="/news/embed.js"></script></head>
    <body><main><h1>Host</h1><gazette-recent-posts api="/news/api/v1" limit="2"></gazette-recent-posts></main></body></html>`,
    }),
  );
  await page.goto('/host.html');
  const links = page.locator('gazette-recent-posts .post-card__title a');
  await expect(links).toHaveCount(2);
  await expect(links.first()).toHaveAttribute('href', /^\/news\/posts\//);
  await expect(page.locator('gazette-recent-posts .post-card__thumb img').first()).toHaveAttribute('src', /^\/news\/images\//);
});

test('the manifest starts and stays under /news/, its icons too', async ({ page, request }) => {
  await page.goto('/news/');
  const cdp = await page.context().newCDPSession(page);
  const { url, errors, data } = await cdp.send('Page.getAppManifest');
  expect(new URL(url).pathname).toBe('/news/manifest.webmanifest');
  expect(errors).toEqual([]);
  const manifest = JSON.parse(data!);
  expect([manifest.start_url, manifest.scope, manifest.id]).toEqual(['/news/', '/news/', '/news/']);
  for (const icon of manifest.icons) {
    expect(icon.src).toMatch(/^\/news\/icon-(192|512)\.png$/);
    expect((await request.get(icon.src)).headers()['content-type']).toBe('image/png');
  }
});
