// The all-posts page against the reference server with a generated feed of
// 65 posts: paging, position in the URL, scroll restoration, prefetch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test as base, expect, startServer, RunningServer, expectAccessible, openInApp, ROOT } from './fixtures';

const POSTS = 65;

const test = base.extend<{}, { server: RunningServer }>({
  server: [
    async ({}, use) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'gazette-feed-'));
      execFileSync('node', [path.join(ROOT, 'scripts/generate-posts.mjs'), String(POSTS), dir]);
      const server = await startServer({ content: dir });
      await use(server);
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

const titles = (page: import('@playwright/test').Page) => page.locator('.all-posts .post-card__title').allTextContents();
const expected = Array.from({ length: POSTS }, (_, i) => `Generated post number ${POSTS - 1 - i}`);

test('walking through every page shows every post once, newest first', async ({ page }) => {
  await page.goto('/posts');
  await expect(page.locator('.all-posts .post-card')).toHaveCount(10);
  for (let pages = 2; pages <= 7; pages++) {
    await page.getByRole('button', { name: 'Load more posts' }).click();
    await expect(page).toHaveURL(new RegExp(`/posts\\?pages=${pages}$`));
    await expect(page.locator('.all-posts .post-card')).toHaveCount(Math.min(pages * 10, POSTS));
  }
  await expect(page.getByRole('button', { name: 'Load more posts' })).toHaveCount(0);
  expect(await titles(page)).toEqual(expected);
  // Czech titles carry their language; the list reads its reading times.
  await expect(page.locator('.all-posts .post-card__title[lang="cs"]').first()).toBeVisible();
  await expect(page.locator('.all-posts .post-meta').first()).toContainText('min read');
});

test('reload and Back restore the same list and scroll position', async ({ page }) => {
  await page.goto('/posts?pages=3');
  await expect(page.locator('.all-posts .post-card')).toHaveCount(30);
  await page.mouse.wheel(0, 1800);
  // Wait until the position is saved in the history entry (after a pause in scrolling).
  await expect.poll(() => page.evaluate(() => history.state?.gazetteScrollY ?? 0)).toBeGreaterThan(1000);
  const scrolled = await page.evaluate(() => scrollY);
  expect(scrolled).toBeGreaterThan(1000);

  await page.reload();
  await expect(page.locator('.all-posts .post-card')).toHaveCount(30);
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(scrolled - 5);
  expect(await page.evaluate(() => scrollY)).toBeLessThan(scrolled + 5);
  expect(await titles(page)).toEqual(expected.slice(0, 30));

  const link = page.locator('.all-posts .post-card__title a').nth(20);
  const title = await link.textContent();
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title!);
  let listRequests = 0;
  page.on('request', (request) => request.url().includes('/api/v1/posts?') && listRequests++);
  await page.goBack();
  await expect(page).toHaveURL(/\/posts\?pages=3$/);
  await expect(page.locator('.all-posts .post-card')).toHaveCount(30);
  await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(scrolled - 5);
  expect(listRequests).toBe(0);
});

test('a fresh visit starts at the top', async ({ page }) => {
  await page.goto('/posts?pages=2');
  await expect(page.locator('.all-posts .post-card')).toHaveCount(20);
  await page.mouse.wheel(0, 1500);
  // Until the position is saved into the history entry: a later visit could restore it.
  await expect.poll(() => page.evaluate(() => history.state?.gazetteScrollY ?? 0)).toBeGreaterThan(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Posts' }).click();
  await expect(page.locator('.all-posts .post-card')).toHaveCount(10);
  expect(await page.evaluate(() => scrollY)).toBe(0);
});

test('an article opened through a prefetch makes no second request', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/posts/generated-post-0060')) requested.push(request.url());
  });
  await page.goto('/posts');
  const link = page.getByRole('link', { name: 'Generated post number 60', exact: true });
  await link.hover();
  await expect.poll(() => requested.length).toBe(1);
  await page.waitForLoadState('networkidle');
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Generated post number 60');
  expect(requested).toHaveLength(1);
});

test('a pointer that leaves at once, or a touch without intent, prefetches nothing', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (request) => request.url().includes('/api/v1/posts/generated-') && requested.push(request.url()));
  await page.goto('/posts');
  const link = page.getByRole('link', { name: 'Generated post number 63', exact: true });
  await expect(link).toBeVisible();
  const control = page.getByRole('link', { name: 'Generated post number 62', exact: true });
  // Enter and leave in one task, so that no machine is slow enough to let the
  // intent delay pass in between; then a touch pointer, which never prefetches;
  // then a mouse that stays on another link, whose prefetch is the control: its
  // intent delay started last, so when its request is out, any request the
  // first link could have scheduled would be out too.
  await link.evaluate((element, other) => {
    element.dispatchEvent(new PointerEvent('pointerenter', { pointerType: 'mouse' }));
    element.dispatchEvent(new PointerEvent('pointerleave', { pointerType: 'mouse' }));
    element.dispatchEvent(new PointerEvent('pointerenter', { pointerType: 'touch' }));
    other!.dispatchEvent(new PointerEvent('pointerenter', { pointerType: 'mouse' }));
  }, await control.elementHandle());
  await expect.poll(() => requested.length).toBe(1);
  expect(requested[0]).toContain('generated-post-0062');
});

test('a bad cursor in the URL falls back to the first page with a notice', async ({ page }) => {
  await page.goto('/posts?cursor=not-a-real-cursor&pages=2');
  await expect(page.getByRole('status').filter({ hasText: 'no longer exists' })).toBeVisible();
  await expect(page).toHaveURL(/\/posts$/);
  await expect(page.locator('.all-posts .post-card').first()).toHaveText(/Generated post number 64/);
  await expectAccessible(page);
});

test('an error offers Retry, which recovers', async ({ page }) => {
  let calls = 0;
  await page.route(/\/api\/v1\/posts\?limit=10&?$/, async (route) => {
    calls += 1;
    if (calls === 1) await route.fulfill({ status: 503, body: 'down' });
    else await route.continue();
  });
  await openInApp(page, '/posts');
  await expect(page.getByRole('alert')).toContainText('error 503');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('.all-posts .post-card')).toHaveCount(10);
});

test('an empty feed says so', async ({ page }) => {
  await page.route(/\/api\/v1\/posts\?limit=10&?$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"items": []}' }),
  );
  await openInApp(page, '/posts');
  await expect(page.getByText('Nothing has been published yet.')).toBeVisible();
});

test("an author's page pages through their posts as the list of all does", async ({ page }) => {
  // The generator gives the even-numbered posts to Jana Nováková.
  const hers = expected.filter((title) => Number(title.split(' ').pop()) % 2 === 0);
  await page.goto('/author/jana-novakova');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jana Nováková');
  await expect(page.locator('.term__header')).toContainText(`${hers.length} posts`);
  await expect(page.locator('.all-posts .post-card')).toHaveCount(10);
  for (let pages = 2; pages <= 4; pages++) {
    await page.getByRole('button', { name: 'Load more posts' }).click();
    await expect(page).toHaveURL(new RegExp(`/author/jana-novakova\\?pages=${pages}$`));
    await expect(page.locator('.all-posts .post-card')).toHaveCount(Math.min(pages * 10, hers.length));
  }
  await expect(page.getByRole('button', { name: 'Load more posts' })).toHaveCount(0);
  expect(await titles(page)).toEqual(hers);
  // A reload rebuilds the same list from the URL.
  await page.reload();
  await expect(page.locator('.all-posts .post-card')).toHaveCount(hers.length);
  await expectAccessible(page);
});
