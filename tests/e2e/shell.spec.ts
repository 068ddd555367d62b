// The app shell: boot, header and navigation, not-found, and start-up errors.
import { test, expect, expectAccessible, openInApp, APP_ALONE } from './fixtures';

test('the front page shows the site name from the API', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.site-header__name')).toHaveText('Prague Forum');
  await expect(page).toHaveTitle(/Prague Forum/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('navigation moves between the routes without reloading', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.site-header__name')).toHaveText('Prague Forum');
  await page.evaluate(() => ((window as any).__sameDocument = true));
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Join' }).click();
  await expect(page).toHaveURL(/\/join$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join us');
  await expect(nav.getByRole('link', { name: 'Join' })).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page);
  await nav.getByRole('link', { name: 'Posts' }).click();
  await expect(page).toHaveURL(/\/posts$/);
  await nav.getByRole('link', { name: 'Home' }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
});

test('the router: links and Back and Forward stay in the page, a modified click and the skip link are the browser\'s', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.site-header__name')).toHaveText('Prague Forum');
  await page.evaluate(() => ((window as any).__sameDocument = true));
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Posts' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All posts');
  // A link to the page on screen adds no history entry: Back leaves the page.
  await nav.getByRole('link', { name: 'Posts' }).click();
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All posts');
  const first = page.locator('.post-card__title a').first();
  const title = (await first.textContent())!;
  // Shift-click opens a window of its own: this page stays where it is.
  const [opened] = await Promise.all([page.context().waitForEvent('page'), first.click({ modifiers: ['Shift'] })]);
  await opened.close();
  await expect(page).toHaveURL(/\/posts$/);
  await first.click();
  await expect(page.locator('.article__title')).toHaveText(title);
  // An article is under Posts; the site's name is not the current page.
  await expect(nav.getByRole('link', { name: 'Posts' })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('.site-header__name')).not.toHaveAttribute('aria-current', /.*/);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All posts');
  await page.goForward();
  await expect(page.locator('.article__title')).toHaveText(title);
  // The skip link is followed by the browser, which moves the focus.
  await page.locator('.skip-link').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  await expect(page.locator('.article__title')).toHaveText(title);
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
});

test('the join pages\' code loads when a reader opens one, and Retry fetches it again after a failure', async ({ page }) => {
  const chunk = /\/gazette-chunk-join-[0-9a-f]{16}\.wasm$/;
  const fetched: string[] = [];
  page.on('request', (request) => chunk.test(request.url()) && fetched.push(request.url()));
  await page.goto('/posts/ukraine-czech-defense-cluster');
  await expect(page.locator('.article__title')).toBeVisible();
  expect(fetched, 'an article does not load the join form').toEqual([]);
  // The first attempt fails: the page says so, in place of the form.
  let failures = 1;
  await page.route(chunk, (route) => (failures-- > 0 ? route.abort() : route.continue()));
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Join' }).click();
  const panel = page.getByRole('alert');
  await expect(panel.getByRole('heading', { level: 1 })).toHaveText('This page could not be loaded');
  await expectAccessible(page);
  await panel.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join us');
  await expect(page.getByLabel('Name')).toBeVisible();
  expect(fetched).toHaveLength(2);
  // Loaded once, it stays: the confirmation page asks for nothing more.
  await nav.getByRole('link', { name: 'Home' }).click();
  await nav.getByRole('link', { name: 'Join' }).click();
  await expect(page.getByLabel('Name')).toBeVisible();
  expect(fetched).toHaveLength(2);
});

test('a link to a path that is no page (a file, a feed) is the browser\'s: the server answers it', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.site-header__name')).toHaveText('Prague Forum');
  // As an article's text may link to a file the site serves.
  await page.evaluate(() => {
    const link = document.createElement('a');
    link.href = '/robots.txt';
    link.textContent = 'The robots file';
    document.querySelector('main')!.append(link);
  });
  await page.getByRole('link', { name: 'The robots file' }).click();
  await expect(page).toHaveURL(/\/robots\.txt$/);
  await expect(page.locator('body')).toContainText('User-agent: *');
  await page.goBack();
  await expect(page.locator('.site-header__name')).toHaveText('Prague Forum');
});

test('an unknown path shows the not-found page', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'See all posts' })).toHaveAttribute('href', '/posts');
});

test('an unreachable API gives a clear screen, and Retry recovers', async ({ page }) => {
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await page.goto(APP_ALONE);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The site cannot start');
  await expect(alert).toContainText('cannot reach the API');
  await expectAccessible(page);
  await page.unroute('**/api/**');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('.site-header__name')).toHaveText('Prague Forum');
});

test('a stopped server: reloading shows the cannot-reach screen, not a blank page', async ({ page, server }) => {
  await page.goto(APP_ALONE);
  await expect(page.locator('.site-header__name')).toHaveText('Prague Forum');
  // The app's files stay reachable (as from a CDN or the browser cache); the API is gone.
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('cannot reach the API');
});

test('a missing or invalid config.json is named on the error screen', async ({ page }) => {
  await page.route('**/config.json', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto(APP_ALONE);
  await expect(page.getByRole('alert')).toContainText('config.json, is missing');

  await page.unroute('**/config.json');
  await page.route('**/config.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"recent_posts": 0}' }),
  );
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('recent_posts');
});

test('the server sends index.html uncached and every hashed asset immutable', async ({ request }) => {
  const index = await request.get('/');
  expect(index.headers()['cache-control']).toBe('no-cache');
  const html = await index.text();
  const assets = [...html.matchAll(/\/([\w.-]+-[0-9a-f]{13,16}(?:_bg)?\.(?:js|wasm|css))\b/g)].map((m) => m[1]);
  const unique = [...new Set(assets)];
  expect(unique.filter((a) => a.endsWith('.wasm'))).toHaveLength(1);
  expect(unique.filter((a) => a.endsWith('.css')).length).toBeGreaterThan(0);
  for (const asset of unique) {
    const response = await request.get('/' + asset);
    expect(response.status(), asset).toBe(200);
    expect(response.headers()['cache-control'], asset).toBe('public, max-age=31536000, immutable');
  }
  const wasm = await request.get('/' + unique.find((a) => a.endsWith('.wasm')));
  expect(wasm.headers()['content-type']).toBe('application/wasm');
});

test('theme tokens from config.json restyle the site, and bad ones are named', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ theme: { accent: '#1d4ed8', font: 'Georgia, serif' } }),
    }),
  );
  await page.goto(APP_ALONE);
  await expect(page.locator('.site-header__name')).toHaveText('Prague Forum');
  const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--gazette-accent'));
  expect(accent.trim()).toBe('#1d4ed8');
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toBe('Georgia, serif');

  await page.unroute('**/config.json');
  await page.route('**/config.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"theme": {"accent": "red;}"}}' }),
  );
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('theme.accent');
});

test('config.json `lang` sets the UI language; content keeps its own', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ lang: 'cs' }) }),
  );
  // By the app's own navigation: a prerendered page carries the build's
  // config.json with it.
  await openInApp(page, '/posts/norwegian-embassy-in-prague');
  await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
  const nav = page.getByRole('navigation', { name: 'Hlavní' });
  await expect(nav.getByRole('link')).toHaveText(['Úvod', 'Příspěvky', 'Přidat se']);
  // The English site name and article are marked as English inside the Czech UI.
  await expect(page.locator('.site-header__name')).toHaveAttribute('lang', 'en');
  await expect(page.locator('article.article')).toHaveAttribute('lang', 'en');
  // Dates and reading times are Czech too.
  await expect(page.locator('article .post-meta')).toHaveAttribute('lang', 'cs');
  await expect(page.locator('article .post-meta')).toContainText('min čtení');
  await expect(page.locator('article .post-meta time')).toHaveText(/\d+\. [a-zěščřžýáíéúů]+ \d{4}/);
  await page.locator('.gallery .zoom-button').first().click();
  await expect(page.getByRole('dialog', { name: 'Prohlížeč fotografií' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Zavřít' })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: 'Přidat se' }).click();
  await page.getByRole('button', { name: 'Odeslat přihlášku' }).click();
  await expect(page.getByText('Vyplňte prosím své jméno.').first()).toBeVisible();

  await page.unroute('**/config.json');
  await page.route('**/config.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"lang": "de"}' }),
  );
  await page.goto(APP_ALONE);
  await expect(page.getByRole('alert')).toContainText('`lang` must be a language the UI speaks: en, cs or uk');
});
