// One site in several languages: each edition's front page and list under
// /{lang}/, an article's versions offered by a language switcher, the UI in
// the page's language, and the head's hreflang alternates, with and without
// JavaScript. (Reciprocity over the whole sitemap is checked natively, in
// crates/gazette-server/tests/crawlers.rs.)
import { test, expect, appStarted, openInApp } from './fixtures';
import type { Page } from '@playwright/test';

const SEED = '/posts/ukraine-czech-defense-cluster';
const SEED_CS = '/posts/ukrajina-a-cesko-vytvorily-obranny-klastr';
const SEED_UK = '/posts/ukraina-i-chekhiia-stvoryly-oboronnyi-klaster';

const switcher = (page: Page) => page.getByRole('navigation', { name: /Other languages|Jiné jazyky|Інші мови/ });

/** The head's hreflang links, as [hreflang, path]. */
async function alternates(page: Page) {
  return page.locator('head link[rel="alternate"][hreflang]').evaluateAll((links) =>
    links.map((link) => [link.getAttribute('hreflang'), new URL(link.getAttribute('href')!).pathname]),
  );
}

test("an edition's front page and list speak its language and list its posts", async ({ page }) => {
  await page.goto('/cs/');
  await appStarted(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
  const nav = page.getByRole('navigation', { name: 'Hlavní' });
  await expect(nav.getByRole('link')).toHaveText(['Úvod', 'Příspěvky', 'Přidat se']);
  await expect(nav.getByRole('link', { name: 'Úvod' })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('.lead-story h2')).toHaveText('Velvyslanectví Kazachstánu v České republice');
  await expect(page.locator('main .post-card__title')).toHaveText([
    'Izrael v České republice',
    'Ukrajina a Česká republika vytvořily obranný klastr',
  ]);
  // Czech dates in the Czech edition.
  await expect(page.locator('.lead-story time')).toHaveText('22. května 2024');
  await expect(switcher(page).getByRole('link')).toHaveText(['English', 'Українська']);
  await expect(switcher(page).getByRole('link', { name: 'Українська' })).toHaveAttribute('hreflang', 'uk');
  await expect(switcher(page).getByRole('link', { name: 'Українська' })).toHaveAttribute('lang', 'uk');
  await expect.poll(() => alternates(page)).toEqual([
    ['en', '/'],
    ['cs', '/cs/'],
    ['uk', '/uk/'],
    ['x-default', '/'],
  ]);

  // "See all" and the navigation stay in the edition.
  await page.getByRole('link', { name: 'Zobrazit vše' }).click();
  await expect(page).toHaveURL(/\/cs\/posts$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Všechny příspěvky');
  await expect(page.locator('.all-posts .post-card__title')).toHaveText([
    'Velvyslanectví Kazachstánu v České republice',
    'Izrael v České republice',
    'Ukrajina a Česká republika vytvořily obranný klastr',
  ]);
  await expect(page).toHaveTitle(/^Příspěvky – Prague Forum$/);

  // To the Ukrainian edition, in place: every word of the chrome in Ukrainian.
  await switcher(page).getByRole('link', { name: 'Українська' }).click();
  await expect(page).toHaveURL(/\/uk\/posts$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.getByRole('navigation', { name: 'Головна навігація' }).getByRole('link')).toHaveText([
    'Головна',
    'Публікації',
    'Приєднатися',
  ]);
  await expect(page.locator('.all-posts .post-card__title')).toHaveText(['Україна та Чехія створили оборонний кластер']);
  await expect.poll(() => alternates(page)).toEqual([
    ['en', '/posts'],
    ['cs', '/cs/posts'],
    ['uk', '/uk/posts'],
    ['x-default', '/posts'],
  ]);
});

test("an edition's join page speaks its language, to the error messages", async ({ page }) => {
  await page.goto('/cs/');
  await appStarted(page);
  await page.getByRole('navigation', { name: 'Hlavní' }).getByRole('link', { name: 'Přidat se' }).click();
  await expect(page).toHaveURL(/\/cs\/join$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
  await expect(page.getByRole('button', { name: 'Odeslat přihlášku' })).toBeVisible();
  await page.getByRole('button', { name: 'Odeslat přihlášku' }).click();
  await expect(page.getByText('Vyplňte prosím své jméno.').first()).toBeVisible();
  await expect(switcher(page).getByRole('link')).toHaveText(['English', 'Українська']);
  await expect.poll(() => alternates(page)).toEqual([
    ['en', '/join'],
    ['cs', '/cs/join'],
    ['uk', '/uk/join'],
    ['x-default', '/join'],
  ]);
  // The membership block under a Czech article leads here too.
  await page.goto(SEED_CS);
  await appStarted(page);
  await expect(page.locator('.membership-cta a.button')).toHaveAttribute('href', '/cs/join');
});

test('the root lists every post once, in English where it can, and offers the editions', async ({ page }) => {
  await openInApp(page, '/posts');
  const titles = page.locator('.all-posts .post-card__title');
  await expect(titles.first()).toBeVisible();
  await expect(titles).not.toContainText(['Ukrajina a Česká republika vytvořily obranný klastr']);
  await expect(titles.filter({ hasText: 'Izrael v České republice' })).toHaveCount(1);
  await expect(titles.filter({ hasText: 'Velvyslanectví Kazachstánu' })).toHaveCount(0);
  await expect(switcher(page).getByRole('link')).toHaveText(['Čeština', 'Українська']);
});

test("an article's switcher leads to its translations, whose page speaks their language", async ({ page }) => {
  await page.goto(SEED);
  await appStarted(page);
  const links = switcher(page).getByRole('link');
  await expect(links).toHaveText(['Čeština', 'Українська']);
  await expect(links.first()).toHaveAttribute('hreflang', 'cs');
  await expect.poll(() => alternates(page)).toEqual([
    ['en', SEED],
    ['cs', SEED_CS],
    ['uk', SEED_UK],
    ['x-default', SEED],
  ]);
  await expect(page.locator('head meta[property="og:locale"]')).toHaveAttribute('content', 'en_GB');

  // By keyboard, in place.
  await links.first().focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${SEED_CS}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ukrajina a Česká republika vytvořily obranný klastr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
  await expect(page.getByRole('navigation', { name: 'Hlavní' }).getByRole('link')).toHaveText([
    'Úvod',
    'Příspěvky',
    'Přidat se',
  ]);
  await expect(page.getByRole('navigation', { name: 'Hlavní' }).getByRole('link', { name: 'Příspěvky' })).toHaveAttribute(
    'href',
    '/cs/posts',
  );
  await expect(page.locator('article .post-meta')).toContainText('min čtení');
  await expect(page.locator('article time')).toHaveText('2. listopadu 2022');
  await expect(switcher(page).getByRole('link')).toHaveText(['English', 'Українська']);
  // The recent posts are the Czech edition's.
  await expect(page.locator('.recent-posts .post-card__title')).toHaveText([
    'Velvyslanectví Kazachstánu v České republice',
    'Izrael v České republice',
  ]);
  // A caption in Ukrainian keeps its own language inside the Czech article.
  await expect(page.locator('article figcaption .figure__text').first()).toHaveAttribute('lang', 'uk');
  // The head is the Czech version's, naming the same versions.
  await expect.poll(() => alternates(page)).toEqual([
    ['en', SEED],
    ['cs', SEED_CS],
    ['uk', SEED_UK],
    ['x-default', SEED],
  ]);
  await expect(page.locator('head meta[property="og:locale"]')).toHaveAttribute('content', 'cs_CZ');
  await expect(page.locator('head meta[property="og:locale:alternate"]')).toHaveCount(2);

  // Back: the English article, in English again.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ukraine and the Czech Republic have created a defense cluster');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('an article in one language has no switcher and no alternates', async ({ page }) => {
  await page.goto('/posts/how-an-article-is-built');
  await appStarted(page);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(switcher(page)).toHaveCount(0);
  await expect.poll(() => alternates(page)).toEqual([]);
});

test('a language the site has no edition in is not found', async ({ page }) => {
  await page.goto('/de/');
  await expect(page.locator('.not-found')).toBeVisible();
  await expect(switcher(page)).toHaveCount(0);
});

test('config.json `lang` keeps the UI in one language on every edition', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ lang: 'en' }) }),
  );
  await openInApp(page, '/uk/');
  await expect(page.locator('.lead-story h2')).toHaveText('Україна та Чехія створили оборонний кластер');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Posts' })).toHaveAttribute(
    'href',
    '/uk/posts',
  );
  await expect(page.locator('.lead-story')).toHaveAttribute('lang', 'uk');
});

test('without JavaScript the switcher and the editions work as plain links', async ({ browser, server }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: server.url });
  const page = await context.newPage();
  await page.goto(SEED_UK);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.locator('article time')).toHaveText('2 листопада 2022 р.');
  await switcher(page).getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(new RegExp(`${SEED}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ukraine and the Czech Republic have created a defense cluster');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await switcher(page).getByRole('link', { name: 'Čeština' }).click();
  await page.getByRole('navigation', { name: 'Hlavní' }).getByRole('link', { name: 'Příspěvky' }).click();
  await expect(page).toHaveURL(/\/cs\/posts$/);
  await expect(page.locator('.all-posts .post-card')).toHaveCount(3);
  await context.close();
});
