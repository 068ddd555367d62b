// The article view against the reference server: content, captions, head
// tags, every state of the fetch, the cache, themes and layout stability.
import { test, expect, expectAccessible, openInApp, appStarted } from './fixtures';
import type { Page } from '@playwright/test';

const SEED = '/posts/ukraine-czech-defense-cluster';
const SEED_API = '**/api/v1/posts/ukraine-czech-defense-cluster';

test('the seed article shows its headline, list and quote', async ({ page }) => {
  await page.goto(SEED);
  const article = page.locator('article.article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(
    'Ukraine and the Czech Republic have created a defense cluster',
  );
  await expect(article).toHaveAttribute('lang', 'en');
  // The body's list (the header's list is the tags').
  await expect(article.locator('.article__body ul > li')).toHaveCount(4);
  await expect(article.locator('.article__body ul > li').first()).toHaveText('production of military equipment;');
  await expect(article.getByRole('list', { name: 'Tags' }).getByRole('link')).toHaveText(['Ukraine', 'Czech Republic', 'Defense']);
  await expect(article.locator('blockquote')).toContainText('reliable industrial support');
  await expect(article.locator('.quote figcaption')).toHaveText(
    'Tomáš Kopečný, Deputy Minister of Defense of the Czech Republic',
  );
  await expect(article.locator('time')).toHaveAttribute('datetime', '2022-11-02T09:00:00Z');
  await expect(article.locator('.post-meta')).toContainText('min read');
});

test('the three captions are Ukrainian, with their credits', async ({ page }) => {
  await page.goto(SEED);
  const captions = page.locator('article .figure figcaption');
  await expect(captions).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    await expect(captions.nth(i).locator('.figure__text')).toHaveAttribute('lang', 'uk');
  }
  await expect(captions.nth(0)).toContainText('Підписання угоди між Укроборонпром');
  await expect(captions.nth(0).locator('.figure__credit')).toHaveText('Photo: Укроборонпром');
  await expect(captions.nth(1).locator('.figure__credit')).toHaveText('Photo: Офіс Президента України');
  await expect(captions.nth(2).locator('.figure__credit')).toHaveCount(0);
  const first = page.locator('article img').first();
  await expect(first).toHaveAttribute('fetchpriority', 'high');
  await expect(first).toHaveAttribute('width', '1440');
  await expect(page.locator('article img').nth(1)).toHaveAttribute('loading', 'lazy');
});

test('the title, description, canonical link and social tags are the article’s', async ({ page, server }) => {
  await page.goto(SEED);
  await expect(page).toHaveTitle('Ukraine and the Czech Republic have created a defense cluster');
  const meta = (selector: string) => page.locator(`head ${selector}`);
  await expect(meta('meta[name="description"]')).toHaveAttribute('content', /Ukroboronprom State Concern/);
  await expect(meta('link[rel="canonical"]')).toHaveAttribute('href', server.url + SEED);
  await expect(meta('meta[property="og:title"]')).toHaveAttribute(
    'content',
    'Ukraine and the Czech Republic have created a defense cluster',
  );
  await expect(meta('meta[property="og:type"]')).toHaveAttribute('content', 'article');
  // The narrowest variant at least 1200 px wide, as link previews want it.
  await expect(meta('meta[property="og:image"]')).toHaveAttribute('content', new RegExp(`^${server.url}/images/defense-agreement-1440-[0-9a-f]{12}\\.webp$`));
  await expect(meta('meta[property="og:image:width"]')).toHaveAttribute('content', '1440');
  await expect(meta('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
});

/** The headlines of the page's JSON-LD blocks, one per block. */
async function jsonLdHeadlines(page: Page) {
  return page.locator('script[type="application/ld+json"]').evaluateAll((scripts) =>
    scripts.map((script) => JSON.parse(script.textContent ?? 'null')?.headline),
  );
}

test('the server’s head stays when the app takes over, and the next article’s replaces it', async ({ page }) => {
  await page.goto(SEED);
  await appStarted(page);
  // A crawler that runs scripts reads the JSON-LD the server wrote, once.
  await expect.poll(() => jsonLdHeadlines(page)).toEqual(['Ukraine and the Czech Republic have created a defense cluster']);
  await expect(page.locator('head meta[property="og:title"]')).toHaveCount(1);
  await expect(page.locator('head link[rel="canonical"]')).toHaveCount(1);

  // In-app navigation to another article: its head, from the same description.
  const next = page.locator('.recent-posts .post-card__title a').first();
  const nextTitle = (await next.textContent())!.trim();
  await next.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(nextTitle);
  await expect.poll(() => jsonLdHeadlines(page)).toEqual([nextTitle]);
  await expect(page).toHaveTitle(nextTitle);
  await expect(page.locator('head meta[property="og:title"]')).toHaveAttribute('content', nextTitle);
  await expect(page.locator('head link[rel="canonical"]')).toHaveCount(1);
  await expect(page.locator('head meta[name="description"]')).toHaveCount(1);

  // A page without an article: no JSON-LD left behind; the list's own head.
  await page.getByRole('link', { name: 'Posts', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All posts');
  await expect.poll(() => jsonLdHeadlines(page)).toEqual([]);
  await expect(page).toHaveTitle('Posts – Prague Forum');
  await expect(page.locator('head meta[name="description"]')).toHaveCount(1);
  await expect(page.locator('head meta[property="og:image"]')).toHaveAttribute('content', /\/images\/gallery-charles-bridge-1440-[0-9a-f]{12}\.webp$/);
});

test('below the article: recent posts without it, and the membership block', async ({ page }) => {
  await page.goto(SEED);
  const recent = page.locator('.recent-posts');
  await expect(recent.locator('.post-card')).toHaveCount(3);
  await expect(recent).not.toContainText('defense cluster');
  await expect(recent.locator('.post-card__title[lang="cs"]')).toHaveText('Izrael v České republice');
  const cta = page.locator('.membership-cta');
  await expect(cta).toContainText('Prague Forum Membership');
  await expect(cta.getByRole('link', { name: 'Become a member' })).toHaveAttribute('href', '/join');
});

test('the front page leads with the newest post', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.lead-story h2')).toHaveText('Norwegian Embassy in Prague');
  await expect(page.locator('.recent-posts .post-card')).toHaveCount(3);
  await expect(page.locator('.membership-cta')).toContainText('Join us');
  await page.locator('.lead-story h2 a').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Norwegian Embassy in Prague');
  await expect(page.locator('.gallery__grid > li')).toHaveCount(7);
});

test('an unknown slug shows the not-found page', async ({ page }) => {
  await page.goto('/posts/no-such-article');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'See all posts' })).toHaveAttribute('href', '/posts');
});

test('a 500, then Retry, shows the article', async ({ page }) => {
  let calls = 0;
  await page.route(SEED_API, async (route) => {
    calls += 1;
    if (calls === 1) {
      await route.fulfill({ status: 500, contentType: 'application/json', body: '{"code":"internal","message":"boom"}' });
    } else {
      await route.continue();
    }
  });
  await openInApp(page, SEED);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The server had a problem (error 500)');
  await expectAccessible(page);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Ukraine and the Czech Republic have created a defense cluster',
  );
  expect(calls).toBe(2);
});

test('an undecodable answer gives a clear message, not a crash', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.route(SEED_API, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"slug": 42, "body": "<script>"}' }),
  );
  await openInApp(page, SEED);
  await expect(page.getByRole('alert')).toContainText('something we cannot read');
  expect(errors.join('\n')).toContain('undecodable response');
  // The app is still alive: navigation works.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.locator('.lead-story h2')).toBeVisible();
});

test('a hanging API gives the timeout message', async ({ page }) => {
  test.setTimeout(45_000);
  await page.route(SEED_API, () => {
    /* never answer */
  });
  await openInApp(page, SEED);
  await expect(page.locator('.skeleton').first()).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('taking too long', { timeout: 20_000 });
});

test('an article read before renders from the cache: no skeleton, no second request', async ({ page }) => {
  let requests = 0;
  page.on('request', (request) => request.url().endsWith('/api/v1/posts/ukraine-czech-defense-cluster') && requests++);
  await openInApp(page, SEED);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('defense cluster');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.locator('.lead-story')).toBeVisible();
  await page.evaluate(() => {
    (window as any).__skeletonSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('.skeleton.article')) (window as any).__skeletonSeen = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('defense cluster');
  expect(await page.evaluate(() => (window as any).__skeletonSeen)).toBe(false);
  expect(requests).toBe(1);
});

test('moving to another article aborts the request in flight', async ({ page }) => {
  await page.route(SEED_API, () => {
    /* never answer: the request stays in flight */
  });
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`));
  await page.goto('/');
  await expect(page.locator('.lead-story')).toBeVisible();
  await page.evaluate(() => history.pushState(null, '', '/posts/ukraine-czech-defense-cluster'));
  await page.evaluate(() => window.dispatchEvent(new PopStateEvent('popstate')));
  await expect(page.locator('.skeleton.article')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect.poll(() => failed.join('\n')).toContain('ukraine-czech-defense-cluster net::ERR_ABORTED');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe-core finds nothing in the ${scheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(SEED);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page);
    await page.goto('/posts/izrael-v-ceske-republice');
    await expect(page.locator('article.article')).toHaveAttribute('lang', 'cs');
    await expectAccessible(page);
    await page.goto('/');
    await expect(page.locator('.lead-story')).toBeVisible();
  });
}

test('the seed article loads without layout shift (CLS < 0.01)', async ({ page }) => {
  await page.addInitScript(() => {
    (window as any).__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) {
        if (!entry.hadRecentInput) (window as any).__cls += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(SEED, { waitUntil: 'networkidle' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Bring each image into view, so that the lazy ones load too, and wait until
  // every image has loaded.
  for (const image of await page.locator('article img').all()) await image.scrollIntoViewIfNeeded();
  await expect.poll(() => page.evaluate(() => [...document.images].every((image) => image.complete))).toBe(true);
  await page.waitForLoadState('networkidle');
  const cls = await page.evaluate(() => (window as any).__cls);
  console.log(`CLS while the seed article loads: ${cls}`);
  expect(cls).toBeLessThan(0.01);
});
