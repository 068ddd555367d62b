// Search against the reference server and the demo content: the header's
// form (with the keyboard, and without JavaScript), the search page's
// results in Czech, Ukrainian and English, diacritics and case, ranking,
// the address as the query's home, no results, and an index that does not
// load. The index is the server's, built from the content at start.
import { test, expect, expectAccessible } from './fixtures';

const status = (page: import('@playwright/test').Page) => page.locator('.search__status');
const hitTitles = (page: import('@playwright/test').Page) => page.locator('.search-hit__title');

test('the header searches from any page with the keyboard alone, and Back returns to the results', async ({ page }) => {
  await page.goto('/posts/norwegian-embassy-in-prague');
  const field = page.getByRole('search').getByRole('searchbox', { name: 'Search the posts' });
  // Tab from the top of the page until the field has the focus.
  await expect
    .poll(async () => {
      await page.keyboard.press('Tab');
      return page.evaluate(() => document.activeElement?.id);
    })
    .toBe('site-search-q');
  await page.keyboard.type('vyzkum');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=vyzkum$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search');
  await expect(page).toHaveTitle(/^Search – /);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  // Without its diacritics, "vyzkum" finds "výzkumu" and "výzkumných", in the
  // two Czech posts of an English site (search spans every edition).
  const CZECH = ['Izrael v České republice', 'Ukrajina a Česká republika vytvořily obranný klastr'];
  await expect(status(page)).toHaveText('2 results for “vyzkum”');
  await expect(status(page)).toHaveAttribute('role', 'status');
  await expect(hitTitles(page)).toHaveText(CZECH);
  await expect(hitTitles(page).first()).toHaveAttribute('lang', 'cs');
  await expect(page.locator('.search-hit mark')).toHaveText(['výzkumu', 'výzkumných']);
  await expect(page.locator('.search-hit time')).toHaveText(['May 22, 2024', 'November 2, 2022']);
  await expectAccessible(page);
  // The field keeps what was typed; the result's link opens with Enter.
  await expect(field).toHaveValue('vyzkum');
  await page.getByRole('link', { name: 'Izrael v České republice' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/posts\/izrael-v-ceske-republice$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/search\?q=vyzkum$/);
  await expect(hitTitles(page)).toHaveText(CZECH);
  await expect(page.getByLabel('Search the posts', { exact: true }).last()).toHaveValue('vyzkum');
});

test('Ukrainian, Czech and English, in any case and with or without diacritics, in titles, text and captions', async ({ page }) => {
  const finds: [string, string[]][] = [
    // A caption in Ukrainian, in a post in English.
    ['софійська', ['Norwegian Embassy in Prague']],
    ['Укроборонпром', ['Ukraine and the Czech Republic have created a defense cluster']],
    ['CLUSTER', ['Ukraine and the Czech Republic have created a defense cluster']],
    // A Czech caption, with and without its diacritics.
    ['národního divadla', ['Norwegian Embassy in Prague']],
    ['narodniho divadla', ['Norwegian Embassy in Prague']],
    // A tag and an author.
    ['velvyslanectvi', ['Izrael v České republice']],
    ['weber', ['Embassy of Kazakhstan to the Czech Republic', 'Izrael v České republice', 'Norwegian Embassy in Prague']],
  ];
  for (const [query, titles] of finds) {
    await page.goto(`/search?q=${encodeURIComponent(query)}`);
    await expect(status(page), query).toHaveText(new RegExp(`^\\d+ results? for “${query}”$`));
    const shown = await hitTitles(page).allTextContents();
    for (const title of titles) expect(shown, query).toContain(title);
  }
});

test('words in titles rank first', async ({ page }) => {
  await page.goto('/search?q=embassy');
  await expect(status(page)).toHaveText(/^\d+ results for “embassy”$/);
  const titles = await hitTitles(page).allTextContents();
  const inTitle = titles.map((title) => /embassy/i.test(title));
  expect(inTitle.filter(Boolean).length, titles.join(' | ')).toBeGreaterThanOrEqual(2);
  // Every title that has the word comes before every one that has not.
  expect(inTitle.indexOf(false) === -1 || inTitle.lastIndexOf(true) < inTitle.indexOf(false), titles.join(' | ')).toBe(true);
});

test('typing searches as it goes and keeps the query in the address; nothing found says so', async ({ page }) => {
  await page.goto('/search');
  await expect(status(page)).toHaveText(/^Type a word or two/);
  // The search page is a page of the site; a page of results is not to be indexed.
  await expect(page.locator('meta[name="robots"]')).toHaveCount(0);
  const field = page.locator('#search-q');
  await field.fill('kazakhstan');
  await expect(page).toHaveURL(/\/search\?q=kazakhstan$/);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  await expect(hitTitles(page)).toHaveText(['Embassy of Kazakhstan to the Czech Republic']);
  await field.fill('zzzzqqq');
  await expect(page).toHaveURL(/\/search\?q=zzzzqqq$/);
  await expect(status(page)).toHaveText('No posts match “zzzzqqq”.');
  await expect(page.locator('.search__results')).toHaveCount(0);
  // A shared link searches again.
  await page.goto('/search?q=%20Kazakhstan%20%20embassy%20');
  await expect(status(page)).toHaveText(/ for “Kazakhstan embassy”$/);
  await expect(hitTitles(page).first()).toHaveText('Embassy of Kazakhstan to the Czech Republic');
});

test('an index that does not load says so, and Retry searches again', async ({ page, context }) => {
  await context.route('**/pagefind/**', (route) => route.abort());
  await page.goto('/search?q=cluster');
  await expect(page.getByRole('alert')).toContainText('Search is unavailable');
  await expect(page.getByRole('alert')).toContainText('The search index did not load');
  await context.unroute('**/pagefind/**');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(hitTitles(page)).toHaveText(['Ukraine and the Czech Republic have created a defense cluster']);
});

test('without JavaScript the header form is a plain GET to /search, whose page says search needs JavaScript', async ({ browser, server }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/posts/norwegian-embassy-in-prague');
  const form = page.getByRole('search');
  await expect(form).toHaveAttribute('method', 'get');
  await form.getByRole('searchbox', { name: 'Search the posts' }).fill('výzkum');
  await form.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/search\?q=v%C3%BDzkum$/);
  // The server's search page: the query in its field, and why there are no results.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search');
  await expect(page.locator('#search-q')).toHaveValue('výzkum');
  await expect(page.locator('.notice')).toHaveText(/needs JavaScript/);
  await context.close();
});

test('the search index is served with its cache rules, and nothing of it loads before search is used', async ({ page, request }) => {
  const entry = await request.get('/pagefind/pagefind-entry.json');
  expect(entry.status()).toBe(200);
  expect(entry.headers()['cache-control']).toBe('no-cache');
  const languages = Object.values((await entry.json()).languages) as { hash: string }[];
  const meta = await request.get(`/pagefind/pagefind.${languages[0].hash}.pf_meta`);
  expect(meta.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect((await request.get('/pagefind/no-such-file')).status()).toBe(404);

  const asked: string[] = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  await page.goto('/posts/norwegian-embassy-in-prague');
  await page.getByRole('link', { name: 'Posts', exact: true }).click();
  await expect(page.locator('.all-posts .post-card').first()).toBeVisible();
  expect(asked.filter((path) => /pagefind|search/.test(path))).toEqual([]);
  // Focusing the field loads the search page's code and the worker.
  await page.locator('#site-search-q').focus();
  await expect.poll(() => asked.some((path) => path.endsWith('/pagefind/pagefind.js'))).toBe(true);
});
