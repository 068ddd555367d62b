// Embedded videos: by default a card that links to the original, with no
// frame allowed by the CSP; where the site sets `play_embeds` in
// config.json, a "Play here" button loads the provider's player (YouTube's
// without cookies), sandboxed, and the CSP names those players alone.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, expectAccessible, startServer, ROOT } from './fixtures';

const POST = '/posts/how-an-article-is-built';

test('an embed is a card that loads nothing of the provider, and the CSP allows no frame', async ({ page }) => {
  const response = await page.goto(POST);
  expect(response!.headers()['content-security-policy']).toContain("frame-src 'none'");
  const card = page.locator('.embed-card').first();
  await expect(card.locator('.embed-card__provider')).toHaveText('youtube.com');
  await expect(card.locator('a')).toHaveAttribute('href', 'https://www.youtube.com/watch?v=jNQXAC9IVRw');
  await expect(page.getByRole('button', { name: 'Play here' })).toHaveCount(0);
  await expect(page.locator('iframe')).toHaveCount(0);
});

test('where the site allows it, Play here loads the sandboxed player, which the CSP names', async ({ page }) => {
  const dist = mkdtempSync(path.join(tmpdir(), 'gazette-play-'));
  cpSync(path.join(ROOT, 'dist'), dist, { recursive: true });
  const config = JSON.parse(readFileSync(path.join(dist, 'config.json'), 'utf8'));
  writeFileSync(path.join(dist, 'config.json'), JSON.stringify({ ...config, play_embeds: true }));
  // The player's host is not reachable from the tests: its frame stays empty.
  await page.route('https://www.youtube-nocookie.com/**', (route) => route.fulfill({ body: '<title>Player</title>', contentType: 'text/html' }));
  const server = await startServer({ dist });
  try {
    const response = await page.goto(server.url + POST);
    expect(response!.headers()['content-security-policy']).toContain(
      'frame-src https://www.youtube-nocookie.com https://player.vimeo.com;',
    );
    const play = page.getByRole('button', { name: 'Play here' });
    await expect(play).toHaveCount(1);
    await play.click();
    const player = page.locator('.embed-card__player iframe');
    await expect(player).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/jNQXAC9IVRw');
    await expect(player).toHaveAttribute('sandbox', /allow-scripts/);
    await expect(player).toHaveAttribute('title', /youtube\.com\/watch/);
    // The focus the button had is the player's.
    await expect(player).toBeFocused();
    await expect(play).toHaveCount(0);
    await expectAccessible(page);
  } finally {
    await page.goto('about:blank');
    await server.stop();
    rmSync(dist, { recursive: true, force: true });
  }
});
