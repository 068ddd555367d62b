// The site can be installed: every page links to the web app manifest that
// `make dist` writes (host-files), which Chromium itself reads without error
// (the DevTools protocol's own parser), with the site's name, the
// stylesheet's colours, and icons of 192 and 512 px that are real PNGs of
// that size, made from content/icon.png.
import { test, expect } from './fixtures';

test('every page links to a manifest that Chromium reads, with the site and its icons', async ({ page, request }) => {
  for (const path of ['/', '/posts', '/join', '/posts/ukraine-czech-defense-cluster']) {
    await page.goto(path);
    await expect(page.locator('link[rel=manifest]')).toHaveAttribute('href', 'manifest.webmanifest');
  }
  const cdp = await page.context().newCDPSession(page);
  const { url, errors, data } = await cdp.send('Page.getAppManifest');
  expect(new URL(url).pathname).toBe('/manifest.webmanifest');
  expect(errors).toEqual([]);
  const manifest = JSON.parse(data!);
  expect(manifest).toMatchObject({
    name: 'Prague Forum',
    short_name: 'Prague Forum',
    lang: 'en',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: '#9b1c1c',
    background_color: '#fdfcfa',
  });
  const response = await request.get('/manifest.webmanifest');
  expect(response.headers()['content-type']).toBe('application/manifest+json');
  expect(response.headers()['cache-control']).toBe('no-cache');
  for (const icon of manifest.icons) {
    const size = Number(icon.sizes.split('x')[0]);
    const dimensions = await page.evaluate(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      return [image.naturalWidth, image.naturalHeight];
    }, icon.src);
    expect(dimensions).toEqual([size, size]);
    expect(icon.type).toBe('image/png');
  }
  expect(manifest.icons.map((icon: { sizes: string }) => icon.sizes)).toEqual(['192x192', '512x512']);
});
