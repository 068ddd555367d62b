// Iframe embeds on a host page from another origin: no site chrome, links
// that open the full site, and the documented snippet that sizes the frames.
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { test, expect, startServer } from './fixtures';

const hostPage = (app: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A host site</title></head>
<body><main><h1>A host site</h1>
<iframe id="recent" src="${app}/embed/recent-posts" title="Recent posts" height="40" style="width: 100%; border: 0"></iframe>
<iframe id="join" src="${app}/embed/join" title="Join us" height="40" style="width: 100%; border: 0"></iframe>
<script>
addEventListener('message', (event) => {
  if (event.origin !== '${app}' || event.data?.type !== 'gazette:height') return;
  for (const frame of document.querySelectorAll('iframe'))
    if (frame.contentWindow === event.source) frame.style.height = event.data.height + 'px';
});
</script></main></body></html>`;

test('iframe embeds size themselves and link to the full site', async ({ page }) => {
  let html = '';
  const host = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  const app = await startServer({ args: ['--frame-ancestors', hostUrl] });
  html = hostPage(app.url);
  try {
    await page.goto(hostUrl);
    const recent = page.frameLocator('#recent');
    await expect(recent.locator('.post-card')).toHaveCount(3);
    await expect(recent.locator('.site-header')).toHaveCount(0);
    await expect(recent.locator('.post-card__title a').first()).toHaveAttribute('target', '_top');
    await expect(recent.locator('.post-card__title a').first()).toHaveAttribute('href', '/posts/norwegian-embassy-in-prague');
    await expect.poll(async () => (await page.locator('#recent').boundingBox())!.height).toBeGreaterThan(250);

    const join = page.frameLocator('#join');
    await expect(join.getByLabel('Name')).toBeVisible();
    await expect(join.locator('.site-footer')).toHaveCount(0);
    await expect.poll(async () => (await page.locator('#join').boundingBox())!.height).toBeGreaterThan(400);
  } finally {
    host.close();
    await app.stop();
  }
});
