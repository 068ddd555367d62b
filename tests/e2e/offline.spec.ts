// Reading offline, with the real service worker (js/sw.js as `make dist`
// names the build in it) in Chromium: pages visited stay readable with the
// network gone (Playwright's setOffline), a page never visited says so and
// lists the articles that were saved, a deploy while a tab is open waits
// for the reader's "Reload", and config.json's "offline": false removes the
// worker and its caches. The rest of the suite blocks service workers
// (playwright.config.ts); this file allows them.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, startServer, appStarted, APP_ALONE, ROOT, SERVER_BIN } from './fixtures';

test.use({ serviceWorkers: 'allow' });

const ARTICLE = '/posts/ukraine-czech-defense-cluster';
const ARTICLE_TITLE = 'Ukraine and the Czech Republic have created a defense cluster';

/** Waits until the worker controls the page and has saved `paths` (pages or API reads). */
async function saved(page: Page, paths: string[]) {
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true);
  for (const path of paths) {
    await expect
      .poll(() => page.evaluate(async (url) => !!(await caches.match(url, { ignoreVary: true })), new URL(path, page.url()).href), {
        message: `${path} saved`,
      })
      .toBe(true);
  }
}

/** The status region under the header, where reading offline speaks. */
const statusLine = (page: Page) => page.locator('.connection-status[role=status]');

/** The names of the worker's caches of the app shell, one per version. */
function shellCaches(page: Page) {
  return page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('gazette-shell-')));
}

/** Its registrations' count. */
function registrations(page: Page) {
  return page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
}

test('visited pages read offline with their pictures; an unvisited one lists what was saved', async ({ page, context }) => {
  await page.goto(ARTICLE);
  await saved(page, [ARTICLE, `/api/v1/posts/ukraine-czech-defense-cluster`, '/api/v1/site']);
  const pictures = await page.locator('main img').evaluateAll((images) =>
    (images as HTMLImageElement[]).filter((image) => image.complete && image.currentSrc).map((image) => image.currentSrc),
  );
  expect(pictures.length).toBeGreaterThan(0);
  await saved(page, pictures);
  await page.goto('/');
  await page.goto('/posts');
  await saved(page, ['/', '/posts']);

  await context.setOffline(true);
  await page.goto(ARTICLE);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ARTICLE_TITLE);
  await expect(statusLine(page)).toHaveText(/^You are offline\. This copy was saved on \w+ \d+, \d{4}\.$/);
  // The pictures at the size that was shown, from the saved copies.
  const first = page.locator('main img').first();
  await expect.poll(() => first.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  await page.goto('/');
  await expect(page.locator('.lead-story')).toBeVisible();
  await page.goto('/posts');
  await expect(page.getByRole('link', { name: ARTICLE_TITLE })).toBeVisible();

  // Never visited: the app says so, in its own language, and lists what can be read.
  await page.goto('/posts/norwegian-embassy-in-prague');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
  await expect(statusLine(page)).toHaveText('You are offline.');
  await expect(page.getByText('This page was not saved on this device.')).toBeVisible();
  await page.getByRole('link', { name: ARTICLE_TITLE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ARTICLE_TITLE);
  await expect(statusLine(page)).toHaveText(/^You are offline\. This copy was saved on \w+ \d+, \d{4}\.$/);

  await context.setOffline(false);
  await expect(statusLine(page)).toHaveText('');
  // Nothing but GETs go through the worker: the join form still says sending needs the network.
});

/** A copy of the build served by its own server, for a test that changes it. */
async function copiedSite(args: string[] = []) {
  const dist = mkdtempSync(path.join(tmpdir(), 'gazette-deploy-'));
  cpSync(path.join(ROOT, 'dist'), dist, { recursive: true });
  const server = await startServer({ dist, args });
  return {
    dist,
    url: server.url,
    close: async () => {
      await server.stop();
      rmSync(dist, { recursive: true, force: true });
    },
  };
}

test('a deploy while a tab is open: it keeps working, the reader is offered the new version, Reload takes it', async ({ page }) => {
  const site = await copiedSite();
  try {
    await page.goto(`${site.url}${ARTICLE}`);
    await saved(page, [ARTICLE]);
    const before = await shellCaches(page);
    expect(before).toHaveLength(1);

    // The new build: another config.json, so the worker names another version.
    const config = JSON.parse(readFileSync(path.join(site.dist, 'config.json'), 'utf8'));
    writeFileSync(path.join(site.dist, 'config.json'), JSON.stringify({ ...config, recent_posts: 4 }));
    execFileSync(SERVER_BIN, ['host-files', '--dist', site.dist]);
    execFileSync('node', [path.join(ROOT, 'scripts/precompress.mjs'), site.dist]);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());

    const offer = statusLine(page).filter({ hasText: 'A new version of this site is available.' });
    await expect(offer).toBeVisible();
    // The open tab goes on with its own version: both versions' files are kept.
    await expect.poll(() => shellCaches(page)).toHaveLength(2);
    await page.getByRole('link', { name: 'Posts', exact: true }).click();
    await expect(page.getByRole('link', { name: ARTICLE_TITLE })).toBeVisible();

    await Promise.all([page.waitForEvent('load'), offer.getByRole('button', { name: 'Reload' }).click()]);
    await appStarted(page);
    // The new version runs; the previous one's files stay for a tab still on it.
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
    const after = await shellCaches(page);
    expect(after).toHaveLength(2);
    expect(after[0]).toBe(before[0]);
    await expect(page.getByRole('link', { name: ARTICLE_TITLE })).toBeVisible();
    await expect(statusLine(page)).toHaveText('');
  } finally {
    await site.close();
  }
});

test('"offline": false in config.json removes the worker and everything it kept', async ({ page }) => {
  const site = await copiedSite();
  try {
    await page.goto(`${site.url}/`);
    await saved(page, ['/']);
    const config = JSON.parse(readFileSync(path.join(site.dist, 'config.json'), 'utf8'));
    // Edited in place; a page the app starts on by itself reads it (a
    // prerendered page carries the configuration it was written with).
    writeFileSync(path.join(site.dist, 'config.json'), JSON.stringify({ ...config, offline: false }));
    // Last-Modified counts seconds: an edit within the second of the last
    // read would be answered 304. An owner's edit comes later than that.
    const later = new Date(Date.now() + 5_000);
    utimesSync(path.join(site.dist, 'config.json'), later, later);
    await page.goto(`${site.url}${APP_ALONE}`);
    await expect.poll(() => registrations(page)).toBe(0);
    await expect.poll(() => page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('gazette-')))).toEqual([]);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    expect(await registrations(page)).toBe(0);
  } finally {
    await site.close();
  }
});

test('a subpath build registers its worker for /news/ and reads offline there', async ({ page, context }) => {
  const server = await startServer({ dist: path.join(ROOT, 'target/dist-news'), args: ['--base-path', '/news'] });
  try {
    await page.goto(`${server.url}/news${ARTICLE}`);
    await saved(page, [`/news${ARTICLE}`]);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.scope);
    expect(scope).toBe(`${server.url}/news/`);
    await context.setOffline(true);
    await page.goto(`${server.url}/news${ARTICLE}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ARTICLE_TITLE);
    await context.setOffline(false);
  } finally {
    await server.stop();
  }
});

test('with the worker, the join form says sending needs a connection, and sends once when back', async ({ page, context, server }) => {
  await page.goto('/join');
  await saved(page, ['/join']);
  const email = `offline${Date.now()}@example.cz`;
  await page.getByLabel('Name').fill('Jana Nováková');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/I agree/).check();
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Send my application' }).click();
  await expect(page.locator('.join-form__status')).toContainText('You are offline');
  await context.setOffline(false);
  await expect(page.locator('#join-thanks')).toBeVisible();
  const rows = execFileSync('sqlite3', [server.db, `SELECT COUNT(*) FROM members WHERE email_normalised = '${email}'`]);
  expect(Number(rows.toString().trim())).toBe(1);
});

test('the iframe embeds register no worker', async ({ page }) => {
  await page.goto('/embed/recent-posts');
  await expect(page.locator('.post-card').first()).toBeVisible();
  // After the app's first render and its effects, where a site page loads offline.js.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))));
  await expect(page.locator('script[src^="offline.js"]')).toHaveCount(0);
  expect(await registrations(page)).toBe(0);
});

/** A copy of the build whose worker keeps fewer pictures, as `limits` in its build line says. */
async function siteWithLimits(limits: Record<string, number>) {
  const site = await copiedSite();
  const worker = path.join(site.dist, 'sw.js');
  writeFileSync(worker, readFileSync(worker, 'utf8').replace('const GAZETTE_BUILD = {', `const GAZETTE_BUILD = {"limits":${JSON.stringify(limits)},`));
  for (const suffix of ['.br', '.gz']) rmSync(worker + suffix, { force: true });
  return site;
}

/** The pictures the worker keeps, oldest first. */
function keptPictures(page: Page) {
  return page.evaluate(async () => (await (await caches.open('gazette-pictures')).keys()).map((key) => key.url));
}

test('pictures are kept within a count and a size, the oldest leaving first', async ({ page }) => {
  const counted = await siteWithLimits({ pictures: 1 });
  try {
    await page.goto(`${counted.url}${ARTICLE}`);
    await saved(page, [ARTICLE]);
    const shown = await page.evaluate(() => [...new Set([...document.images].map((image) => image.currentSrc).filter(Boolean))]);
    expect(shown.length).toBeGreaterThan(1);
    // Every picture shown went into the cache; one stays, the last one in.
    await expect.poll(async () => (await keptPictures(page)).length).toBe(1);
    expect(shown).toEqual(expect.arrayContaining(await keptPictures(page)));
  } finally {
    await counted.close();
  }
  const weighed = await siteWithLimits({ pictureBytes: 1 });
  try {
    await page.goto(`${weighed.url}${ARTICLE}`);
    await saved(page, [ARTICLE]);
    await expect.poll(() => keptPictures(page)).toEqual([]);
    expect(await page.evaluate(async () => (await caches.keys()).includes('gazette-pictures'))).toBe(true);
  } finally {
    await weighed.close();
  }
});

test('the server sends sw.js and offline.js to be revalidated on every visit', async ({ request }) => {
  for (const file of ['/sw.js', '/offline.js']) {
    const response = await request.get(file);
    expect(response.headers()['cache-control'], file).toBe('no-cache');
    expect(response.headers()['content-type'], file).toContain('javascript');
  }
});
