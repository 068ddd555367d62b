// The built app on a plain static file server that knows nothing of the SPA
// (GitHub Pages' rules: files as they are, 404.html for anything else), with
// the API on another origin opened by --allow-origin.
import { createServer, Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { test, expect, startServer, ROOT } from './fixtures';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webp': 'image/webp',
};

function staticServer(dist: string, config: () => string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url!, 'http://x').pathname);
    if (pathname === '/config.json') {
      response.writeHead(200, { 'content-type': TYPES['.json'] });
      return response.end(config());
    }
    let file = path.join(dist, pathname);
    if (file.startsWith(dist) && existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (file.startsWith(dist) && existsSync(file) && statSync(file).isFile()) {
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      return response.end(readFileSync(file));
    }
    response.writeHead(404, { 'content-type': TYPES['.html'] });
    response.end(readFileSync(path.join(dist, '404.html')));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })),
  );
}

test('a deep link to an article opens through 404.html on a plain static host', async ({ browser }) => {
  const dist = path.join(ROOT, 'dist');
  expect(existsSync(path.join(dist, '404.html'))).toBe(true);
  // The API opens CORS to the static host's origin, so the host binds first;
  // its config.json then points at the API.
  let apiBase = '';
  const host = await staticServer(dist, () => JSON.stringify({ api_base: apiBase }));
  const api = await startServer({ args: ['--allow-origin', host.url] });
  apiBase = `${api.url}/api/v1`;
  const page = await browser.newPage();
  try {
    const response = await page.goto(`${host.url}/posts/ukraine-czech-defense-cluster`);
    expect(response!.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Ukraine and the Czech Republic have created a defense cluster',
    );
    await expect(page.locator('.site-header__name')).toHaveText('Prague Forum');
  } finally {
    await page.close();
    host.server.close();
    await api.stop();
  }
});

test('dist/ holds the files that static hosts need', async () => {
  const dist = path.join(ROOT, 'dist');
  const index = readFileSync(path.join(dist, 'index.html'), 'utf8');
  expect(readFileSync(path.join(dist, '404.html'), 'utf8')).toBe(index);
  expect(readFileSync(path.join(dist, '_redirects'), 'utf8')).toContain('/*    /index.html   200');
  const headers = readFileSync(path.join(dist, '_headers'), 'utf8');
  expect(headers).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(headers).not.toContain('unsafe-inline');
  expect(headers).toMatch(/\/gazette-[0-9a-f]+_bg\.wasm\n {2}Cache-Control: public, max-age=31536000, immutable/);
  const wasm = index.match(/\/(gazette-[0-9a-f]+_bg\.wasm)/)![1];
  for (const suffix of ['.br', '.gz']) expect(existsSync(path.join(dist, wasm + suffix))).toBe(true);
  expect(existsSync(path.join(dist, 'config.json.br'))).toBe(false);
});
