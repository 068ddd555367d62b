// Tag and author pages against the reference server with the demo content:
// the links from an article to them, their lists, their heads and feeds,
// the sitemap, and slugs there is none of.
import { test, expect, expectAccessible } from './fixtures';

const NORWAY = '/posts/norwegian-embassy-in-prague';
const cardTitles = (page: import('@playwright/test').Page) =>
  page.locator('.all-posts .post-card__title').allTextContents();

test("an article's tags and author lead to their pages, and Back returns", async ({ page }) => {
  await page.goto(NORWAY);
  const tags = page.getByRole('list', { name: 'Tags' });
  await expect(tags.getByRole('link')).toHaveText(['Embassies', 'Events']);
  await tags.getByRole('link', { name: 'Embassies' }).click();
  await expect(page).toHaveURL(/\/tag\/embassies$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Embassies');
  await expect(page.locator('.term__kind')).toHaveText('Tag');
  await expect(page.locator('.term__header')).toContainText('2 posts');
  // Its description, from the content folder's terms.json, also its page's description.
  const description = 'The embassies in Prague that the Forum has visited, and what their diplomats told us.';
  await expect(page.locator('.term__description')).toHaveText(description);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', description);
  // Its picture (terms.json's), beside the name that says what it shows.
  const picture = page.locator('.term__picture img');
  await expect(picture).toHaveAttribute('alt', '');
  await expect(picture).toHaveAttribute('srcset', /norway-embassy-\d+-[0-9a-f]{12}\.webp \d+w/);
  await expect(picture).toHaveJSProperty('complete', true);
  expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  expect(await cardTitles(page)).toEqual([
    'Norwegian Embassy in Prague',
    'Embassy of Kazakhstan to the Czech Republic',
  ]);
  await expect(page).toHaveTitle(/^Embassies – /);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/tag\/embassies$/);
  await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
    'href',
    /\/tag\/embassies\/feed\.xml$/,
  );
  await expectAccessible(page);

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`${NORWAY}$`));
  await page.locator('article .post-meta__author a').click();
  await expect(page).toHaveURL(/\/author\/hans-weber$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hans Weber');
  await expect(page.locator('.term__kind')).toHaveText('Author');
  // An author's page lists their posts in every language.
  await expect(page.locator('.all-posts .post-card')).toHaveCount(4);
  // Every card's byline links to its author's page.
  await expect(page.locator('.all-posts .post-meta__author a').first()).toHaveAttribute('href', /\/author\/hans-weber$/);
});

test('a tag or an author there is none of shows the not-found page', async ({ page }) => {
  for (const path of ['/tag/nothing-here', '/author/nobody']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.locator('.all-posts')).toHaveCount(0);
  }
});

test('a tag and an author have their own feeds, and the sitemap lists their pages', async ({ request }) => {
  const feed = await request.get('/tag/embassies/feed.xml');
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('application/atom+xml');
  const xml = await feed.text();
  expect(xml.match(/<entry /g)).toHaveLength(2);
  expect(xml).toContain('<title>Embassies – ');
  expect(xml).toMatch(/<link rel="self" type="application\/atom\+xml" href="[^"]*\/tag\/embassies\/feed\.xml"\/>/);
  const author = await (await request.get('/author/hans-weber/feed.xml')).text();
  expect(author.match(/<entry /g)).toHaveLength(4);
  expect((await request.get('/tag/nothing/feed.xml')).status()).toBe(404);

  const sitemap = await (await request.get('/sitemap.xml')).text();
  for (const page of ['/tag/embassies', '/tag/velvyslanectvi', '/author/hans-weber']) {
    expect(sitemap).toMatch(new RegExp(`<loc>[^<]*${page}</loc><lastmod>`));
  }
});
