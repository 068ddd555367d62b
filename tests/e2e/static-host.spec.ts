// The built app on a plain static file server that knows nothing of the SPA
// (GitHub Pages' rules: files as they are, 404.html for anything else), which
// applies dist/_headers as Netlify and Cloudflare Pages do. The API is on
// another origin: CORS opened by --allow-origin, and the CSP's connect-src
// and img-src name it (`make dist API_ORIGIN=<api origin>`). The CSP is enforced on
// every page visited, and the fixtures fail the test on any violation.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, startServer, appStarted, ROOT, SERVER_BIN } from './fixtures';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webp': 'image/webp',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

/** The rules of a `_headers` file: a path pattern (`*` matches anything), then indented `Name: value` lines. */
function headerRules(text: string) {
  const rules: { pattern: RegExp; headers: [string, string][] }[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) {
      const pattern = line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
      rules.push({ pattern: new RegExp(`^${pattern}$`), headers: [] });
    } else {
      const [name, ...value] = line.trim().split(':');
      rules.at(-1)!.headers.push([name, value.join(':').trim()]);
    }
  }
  return rules;
}

function staticServer(dist: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url!, 'http://x').pathname);
    const rules = existsSync(path.join(dist, '_headers')) ? headerRules(readFileSync(path.join(dist, '_headers'), 'utf8')) : [];
    const send = (status: number, file: string, body: Buffer | string) => {
      const headers: Record<string, string> = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
      for (const rule of rules) if (rule.pattern.test(pathname)) for (const [name, value] of rule.headers) headers[name] = value;
      response.writeHead(status, headers);
      response.end(body);
    };
    let file = path.join(dist, pathname);
    if (file.startsWith(dist) && existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    // `/posts/a` is `posts/a.html`, as GitHub Pages, Netlify and Cloudflare Pages serve it.
    if (file.startsWith(dist) && !existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (file.startsWith(dist) && existsSync(file) && statSync(file).isFile()) return send(200, file, readFileSync(file));
    send(404, '404.html', readFileSync(path.join(dist, '404.html')));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })),
  );
}

/**
 * A copy of dist/ on the static host, with the API on another origin, and
 * `host-files` run over the copy (with `flags` for the host's URL) as a site
 * owner's build would: its _headers name the API's origin. The API opens CORS
 * to the host's origin, so the host binds first; its config.json then points
 * at the API, before the pages are written (their data blocks carry it).
 */
async function staticSite(flags: (hostUrl: string, apiUrl: string) => string[] = () => []) {
  const dist = mkdtempSync(path.join(tmpdir(), 'gazette-static-'));
  cpSync(path.join(ROOT, 'dist'), dist, { recursive: true });
  const host = await staticServer(dist);
  const api = await startServer({ args: ['--allow-origin', host.url] });
  writeFileSync(path.join(dist, 'config.json'), JSON.stringify({ api_base: `${api.url}/api/v1` }));
  execFileSync(SERVER_BIN, ['host-files', '--dist', dist, '--api-origin', api.url, ...flags(host.url, api.url)]);
  const close = async () => {
    host.server.close();
    await api.stop();
    rmSync(dist, { recursive: true, force: true });
  };
  return { host: { ...host, dist }, api, close };
}

test('on a plain static host with _headers: deep links through 404.html, the strict CSP with the API elsewhere, every route', async ({ page }) => {
  const { host, api, close } = await staticSite();
  try {
    const response = await page.goto(`${host.url}/posts/ukraine-czech-defense-cluster`);
    expect(response!.status()).toBe(404);
    const csp = response!.headers()['content-security-policy'];
    expect(csp).toContain(`connect-src 'self' ${api.url};`);
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
    expect(csp).not.toContain('unsafe-inline');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Ukraine and the Czech Republic have created a defense cluster',
    );
    await expect(page.locator('.site-header__name')).toHaveText('Prague Forum');

    // Every route, by the app's own links, under the same policy.
    await page.getByRole('link', { name: 'Posts', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('All posts');
    await page.getByRole('link', { name: 'Norwegian Embassy in Prague' }).click();
    await page.locator('.gallery .zoom-button').nth(1).click();
    await expect(page.locator('dialog.lightbox')).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(/\?photo=3$/);
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Join', exact: true }).click();
    await page.getByLabel('Name').fill('Static Host');
    await page.getByLabel('Email').fill(`static${Date.now()}@example.cz`);
    await page.getByLabel(/I agree/).check();
    await page.getByRole('button', { name: 'Send my application' }).click();
    await expect(page.getByText('Thank you, Static Host!')).toBeVisible();
    await page.goto(`${host.url}/embed/recent-posts`);
    await expect(page.locator('.post-card')).toHaveCount(3);
    await page.goto(`${host.url}/embed/join`);
    await expect(page.getByLabel('Email')).toBeVisible();
    await page.goto(`${host.url}/no/such/page`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    // Search runs on the host alone: the index is files in pagefind/, under
    // the same CSP, and its manifest is revalidated while its chunks are kept.
    await page.getByRole('searchbox', { name: 'Search the posts' }).fill('vyzkum');
    await page.getByRole('searchbox', { name: 'Search the posts' }).press('Enter');
    await expect(page.locator('.search-hit__title')).toHaveText([
      'Izrael v České republice',
      'Ukrajina a Česká republika vytvořily obranný klastr',
    ]);
    const entry = await page.request.get(`${host.url}/pagefind/pagefind-entry.json`);
    expect(entry.headers()['cache-control']).toBe('no-cache');
    const fragments = readdirSync(path.join(host.dist, 'pagefind/fragment'));
    const fragment = await page.request.get(`${host.url}/pagefind/fragment/${fragments[0]}`);
    expect(fragment.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    await page.goto(host.url);
    await expect(page.locator('.lead-story')).toBeVisible();

    // The stale-deploy rules: index.html revalidated, hashed assets kept for a year.
    const index = await page.request.get(`${host.url}/index.html`);
    expect(index.headers()['cache-control']).toBe('no-cache');
    const html = await index.text();
    const wasm = html.match(/\/(gazette-[0-9a-f]+_bg\.wasm)/)![1];
    const asset = await page.request.get(`${host.url}/${wasm}`);
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    const embed = await page.request.get(`${host.url}/embed.js`);
    expect(embed.headers()['cache-control']).toBe('no-cache');
    expect(embed.headers()['access-control-allow-origin']).toBe('*');

    // Installable from the host alone: the manifest, revalidated, and its icons.
    const cdp = await page.context().newCDPSession(page);
    const { url, errors, data } = await cdp.send('Page.getAppManifest');
    expect([new URL(url).pathname, errors]).toEqual(['/manifest.webmanifest', []]);
    expect(JSON.parse(data!).icons).toHaveLength(2);
    const manifest = await page.request.get(`${host.url}/manifest.webmanifest`);
    expect(manifest.headers()['cache-control']).toBe('no-cache');
    expect((await page.request.get(`${host.url}/icon-512.png`)).ok()).toBe(true);
  } finally {
    await close();
  }
});

test('with a site URL, an article has a page of its own: its head for crawlers and link previews, then the app', async ({ page }) => {
  const { host, close } = await staticSite((hostUrl) => ['--site-url', hostUrl, '--content', path.join(ROOT, 'content')]);
  const title = 'Ukraine and the Czech Republic have created a defense cluster';
  const article = `${host.url}/posts/ukraine-czech-defense-cluster`;
  try {
    // What a crawler or a link preview reads, without running anything.
    const crawled = await page.request.get(article);
    expect(crawled.status()).toBe(200);
    const html = await crawled.text();
    expect(html).toContain(`<title data-gazette-head>${title}</title>`);
    expect(html).toContain(`property="og:url" content="${article}"`);
    expect(html).toMatch(new RegExp(`property="og:image" content="${host.url}/images/defense-agreement-1440-[0-9a-f]{12}\\.webp"`));
    expect(html).toContain('"@type":"NewsArticle"');
    const feed = await page.request.get(`${host.url}/feed.xml`);
    expect(await feed.text()).toContain(`<id>${article}</id>`);
    expect(await (await page.request.get(`${host.url}/robots.txt`)).text()).toContain(`Sitemap: ${host.url}/sitemap.xml`);

    // The app takes over the same page and keeps the head written for it,
    // JSON-LD included, one of each.
    await page.goto(article);
    await appStarted(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page).toHaveTitle(title);
    await expect(page.locator('script[type="application/ld+json"]')).toHaveCount(1);
    expect(JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!).headline).toBe(title);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', article);
    await expect(page.locator('meta[property="og:title"]')).toHaveCount(1);
    // The app's next page comes from the API that config.json names.
    await page.getByRole('link', { name: 'Posts', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('All posts');
    // Every post of the demo content once (one file each, but the
    // translations, which the root lists in English).
    const demoPosts = readdirSync(path.join(ROOT, 'content/posts')).filter(
      (file) => !readFileSync(path.join(ROOT, 'content/posts', file), 'utf8').includes('\ntranslation_of: '),
    ).length;
    await expect(page.locator('.post-card')).toHaveCount(demoPosts);

    // /posts and /join are pages of their own; /posts/ (where GitHub Pages
    // sends /posts, as the posts/ folder exists) is /posts.
    for (const [address, heading] of [['/posts', 'All posts'], ['/posts/', 'All posts'], ['/join', 'Join us']]) {
      const prerendered = await page.request.get(`${host.url}${address}`);
      expect(prerendered.status(), address).toBe(200);
      expect(await prerendered.text()).toContain('data-gazette-prerender');
      await page.goto(`${host.url}${address}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(page.locator('[data-gazette-prerender]')).toHaveCount(0);
      if (heading === 'All posts') await expect(page.locator('.all-posts .post-card')).toHaveCount(demoPosts);
    }
    // A tag's page and its feed are files of their own too.
    const tag = await page.request.get(`${host.url}/tag/embassies`);
    expect(tag.status()).toBe(200);
    expect(await tag.text()).toContain('data-gazette-prerender');
    const tagFeed = await (await page.request.get(`${host.url}/tag/embassies/feed.xml`)).text();
    expect(tagFeed.match(/<entry /g)).toHaveLength(2);
    await page.goto(`${host.url}/tag/embassies`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Embassies');
    await expect(page.locator('[data-gazette-prerender]')).toHaveCount(0);
    await expect(page.locator('.all-posts .post-card')).toHaveCount(2);

    // Each edition's pages are files of their own, and a translation's page
    // carries its head's versions; the app takes them over in their language.
    for (const [address, heading] of [['/cs/posts', 'Všechny příspěvky'], ['/uk/join', 'Join us']]) {
      const prerendered = await page.request.get(`${host.url}${address}`);
      expect(prerendered.status(), address).toBe(200);
      expect(await prerendered.text()).toContain('data-gazette-prerender');
      await page.goto(`${host.url}${address}`);
      await appStarted(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    }
    await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
    const czech = await (await page.request.get(`${host.url}/posts/ukrajina-a-cesko-vytvorily-obranny-klastr`)).text();
    expect(czech).toContain(`hreflang="x-default" href="${article}"`);
    expect(await (await page.request.get(`${host.url}/cs/feed.xml`)).text()).toContain('xml:lang="cs"');
  } finally {
    await close();
  }
});

test('built from a running API (make dist CONTENT_API=…): its articles, its site, its pictures', async ({ page }) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'gazette-content-api-'));
  const { host, api, close } = await staticSite((hostUrl, apiUrl) => {
    execFileSync(SERVER_BIN, ['import', 'gazette', `${apiUrl}/api/v1`, '--to', folder]);
    return ['--site-url', hostUrl, '--content', folder];
  });
  try {
    const html = await (await page.request.get(`${host.url}/posts/norwegian-embassy-in-prague`)).text();
    expect(html).toContain('data-gazette-prerender');
    expect(html).toContain(`src="${api.url}/images/`);
    await page.goto(`${host.url}/posts/norwegian-embassy-in-prague`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Norwegian Embassy in Prague');
    const picture = page.locator('article img').first();
    await expect(picture).toHaveAttribute('src', new RegExp(`^${api.url}/images/`));
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await expect(page.locator('.site-header__name')).toHaveText('Prague Forum');
  } finally {
    await close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('dist/ holds the files that static hosts need', async () => {
  const dist = path.join(ROOT, 'dist');
  const index = readFileSync(path.join(dist, 'index.html'), 'utf8');
  expect(readFileSync(path.join(dist, '404.html'), 'utf8')).toBe(index);
  expect(readFileSync(path.join(dist, '_redirects'), 'utf8')).toContain('/*    /404.html   200');
  const headers = readFileSync(path.join(dist, '_headers'), 'utf8');
  expect(headers).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(headers).not.toContain('unsafe-inline');
  expect(headers).toContain("worker-src 'self'");
  expect(headers).toContain('/sw.js\n  Cache-Control: no-cache');
  expect(headers).toMatch(/\/gazette-[0-9a-f]+_bg\.wasm\n {2}Cache-Control: public, max-age=31536000, immutable/);
  const wasm = index.match(/\/(gazette-[0-9a-f]+_bg\.wasm)/)![1];
  for (const suffix of ['.br', '.gz']) expect(existsSync(path.join(dist, wasm + suffix))).toBe(true);
  expect(existsSync(path.join(dist, 'config.json.br'))).toBe(false);
  // The embed bundle: a stable loader and its hashed files.
  const loader = readFileSync(path.join(dist, 'embed.js'), 'utf8');
  // Per widget a wasm, its loader and its stylesheet.
  const files = loader.match(/gazette-embed-(recent-posts|join-form)-[0-9a-f]{16}(_bg\.wasm|\.js|\.css)/g)!;
  expect(files).toHaveLength(6);
  for (const file of files) {
    expect(existsSync(path.join(dist, file)), file).toBe(true);
  }
});

test('a subpath build names its own paths in the host rule files', async () => {
  const dist = path.join(ROOT, 'target/dist-news');
  expect(readFileSync(path.join(dist, '_redirects'), 'utf8')).toBe('/news/*    /news/404.html   200\n');
  const headers = readFileSync(path.join(dist, '_headers'), 'utf8');
  expect(headers).toContain('/news/index.html\n  Cache-Control: no-cache');
  expect(headers).toMatch(/\/news\/gazette-[0-9a-f]+_bg\.wasm\n {2}Cache-Control: public, max-age=31536000, immutable/);
});

test.describe('reading offline on a static host', () => {
  test.use({ serviceWorkers: 'allow' });

  test('an article read once stays readable offline, its API on another origin', async ({ page, context }) => {
    const { host, close } = await staticSite();
    const title = 'Ukraine and the Czech Republic have created a defense cluster';
    try {
      await page.goto(`${host.url}/posts/ukraine-czech-defense-cluster`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true);
      const savedFromApi = () =>
        page.evaluate(async () =>
          (await (await caches.open('gazette-pages')).keys()).some((key) => key.url.endsWith('/api/v1/posts/ukraine-czech-defense-cluster')),
        );
      await expect.poll(savedFromApi).toBe(true);
      await context.setOffline(true);
      // GitHub Pages' way: the deep link was a 404 with the shell; offline, the saved shell and the saved article.
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await context.setOffline(false);
    } finally {
      await close();
    }
  });
});
