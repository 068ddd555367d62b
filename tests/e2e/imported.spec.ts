// A WordPress site imported with `gazette-server import wordpress … --images`
// and served by the reference server: the app renders its article, and the
// gallery from WordPress's markup opens in the lightbox with its captions.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect, startServer, RunningServer, ROOT, SERVER_BIN } from './fixtures';

const picture = readFileSync(path.join(ROOT, 'content/images/gallery-vltava.webp'));

/** A WordPress that answers the two requests `import` makes, and its pictures. */
async function fakeWordpress(): Promise<{ url: string; server: Server }> {
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
    if (url.pathname.startsWith('/wp-content/uploads/')) {
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
      const wordpress = await fakeWordpress();
      const content = mkdtempSync(path.join(tmpdir(), 'gazette-imported-'));
      execFileSync(SERVER_BIN, ['import', 'wordpress', wordpress.url, '--to', content, '--images']);
      wordpress.server.close();
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
