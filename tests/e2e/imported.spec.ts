// A WordPress site and a Ghost site imported with `gazette-server import …
// --images` into one content folder, served by the reference server: the app
// renders each one's article, and the gallery from each CMS's markup opens
// in the lightbox with its captions.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect, startServer, RunningServer, ROOT, SERVER_BIN } from './fixtures';

const picture = readFileSync(path.join(ROOT, 'content/images/gallery-vltava.webp'));

/** A WordPress and a Ghost that answer the requests `import` makes, and their pictures. */
async function fakeCms(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url!, 'http://x');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (url.pathname === '/wp-json') {
      response.setHeader('content-type', 'application/json');
      return response.end(JSON.stringify({ name: 'Imported Forum', description: 'From WordPress' }));
    }
    if (url.pathname === '/wp-json/wp/v2/posts') {
      const content = `<p>Imported from <strong>WordPress</strong>.</p>
        <figure class="wp-block-gallery has-nested-images">
          <figure class="wp-block-image"><img src="${base}/wp-content/uploads/one.webp" alt="First photo"/><figcaption>Перше фото</figcaption></figure>
          <figure class="wp-block-image"><img src="${base}/wp-content/uploads/two.webp" alt="Second photo"/><figcaption>Second photo</figcaption></figure>
        </figure><script>document.title = 'hacked'</script>`;
      response.setHeader('content-type', 'application/json');
      response.setHeader('x-wp-totalpages', '1');
      return response.end(
        JSON.stringify([
          {
            slug: 'imported-gallery',
            date_gmt: '2024-06-01T10:00:00',
            title: { rendered: 'An imported gallery' },
            excerpt: { rendered: '<p>From WordPress.</p>' },
            content: { rendered: content },
            _embedded: { author: [{ name: 'Olena' }] },
          },
        ]),
      );
    }
    if (url.pathname === '/ghost/api/content/settings/') {
      response.setHeader('content-type', 'application/json');
      return response.end(JSON.stringify({ settings: { title: 'Imported Forum', lang: 'en' } }));
    }
    if (url.pathname === '/ghost/api/content/posts/') {
      const html = `<p>Imported from <strong>Ghost</strong>.</p>
        <figure class="kg-card kg-gallery-card kg-width-wide"><div class="kg-gallery-container"><div class="kg-gallery-row">
          <div class="kg-gallery-image"><img src="${base}/content/images/three.webp" alt="Third photo" width="1440" height="960"></div>
          <div class="kg-gallery-image"><img src="${base}/content/images/four.webp" alt="Fourth photo" width="1440" height="960"></div>
        </div></div><figcaption>Фото з Ghost</figcaption></figure><img src=x onerror="document.title='hacked'">`;
      response.setHeader('content-type', 'application/json');
      return response.end(
        JSON.stringify({
          posts: [
            {
              slug: 'ghost-gallery',
              title: 'A gallery from Ghost',
              html,
              excerpt: 'From Ghost.',
              published_at: '2024-06-02T12:00:00.000+02:00',
              authors: [{ name: 'Jana' }],
              tags: [],
            },
          ],
          meta: { pagination: { next: null } },
        }),
      );
    }
    if (url.pathname.startsWith('/wp-content/uploads/') || url.pathname.startsWith('/content/images/')) {
      response.setHeader('content-type', 'image/webp');
      return response.end(picture);
    }
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const test = base.extend<{}, { server: RunningServer }>({
  server: [
    async ({}, use) => {
      const cms = await fakeCms();
      const content = mkdtempSync(path.join(tmpdir(), 'gazette-imported-'));
      // Asynchronously: the fake CMS answers from this process's event loop.
      const run = promisify(execFile);
      await run(SERVER_BIN, ['import', 'wordpress', cms.url, '--to', content, '--images']);
      await run(SERVER_BIN, ['import', 'ghost', cms.url, '--ghost-key', 'k', '--to', content, '--images']);
      cms.server.close();
      const server = await startServer({ content });
      await use(server);
      await server.stop();
      rmSync(content, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

test('an article imported from WordPress renders, and its gallery opens in the lightbox', async ({ page }) => {
  await page.goto('/posts/imported-gallery');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('An imported gallery');
  await expect(page.locator('article strong')).toHaveText('WordPress');
  await expect(page).not.toHaveTitle('hacked');
  const thumbnails = page.locator('.gallery img');
  await expect(thumbnails).toHaveCount(2);
  await expect(thumbnails.first()).toHaveAttribute('srcset', /\/images\/one-[0-9a-f]{8}-480-[0-9a-f]{12}\.webp 480w/);
  await page.locator('.gallery .zoom-button').first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(/\?photo=1$/);
  await expect(dialog).toContainText('Перше фото');
});

test('an article imported from Ghost renders, and its gallery card opens in the lightbox', async ({ page }) => {
  await page.goto('/posts/ghost-gallery');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('A gallery from Ghost');
  await expect(page.locator('time').first()).toHaveAttribute('datetime', '2024-06-02T10:00:00Z');
  await expect(page.locator('.gallery__caption')).toHaveText('Фото з Ghost');
  await page.locator('.gallery .zoom-button').nth(1).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page).toHaveURL(/\?photo=2$/);
  await expect(page).not.toHaveTitle('hacked');
});
