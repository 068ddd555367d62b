// The lightbox on the demo gallery (the Norwegian Embassy post: seven photos
// with English, Czech and Ukrainian captions).
import { test, expect, expectAccessible } from './fixtures';

const POST = '/posts/norwegian-embassy-in-prague';
const dialog = (page: import('@playwright/test').Page) => page.locator('dialog.lightbox');
const status = (page: import('@playwright/test').Page) => dialog(page).locator('[aria-live="polite"]');

test.use({ viewport: { width: 1280, height: 800 } });

test('keyboard: Enter opens, arrows and Home/End move, Esc closes and returns focus', async ({ page }) => {
  await page.goto(POST);
  const thumbnail = page.locator('.gallery .zoom-button').nth(2);
  await expect(thumbnail).toHaveAccessibleName(/Open photo: Domes of churches/);
  await thumbnail.focus();
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toBeVisible();
  await expect(page).toHaveURL(/\?photo=3$/);
  await expect(status(page)).toHaveText('Image 3 of 7. Київ, Софійська площа взимку.');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/\?photo=4$/);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/\?photo=2$/);
  await page.keyboard.press('End');
  await expect(page).toHaveURL(/\?photo=7$/);
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/\?photo=7$/);
  await page.keyboard.press('Home');
  await expect(page).toHaveURL(/\?photo=1$/);
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`${POST}$`));
  await expect(thumbnail).toBeFocused();
});

test('the arrows still move once the slide that held the focus is gone, and the focus comes back into the dialog', async ({ page }) => {
  await page.goto(POST + '?photo=3');
  await expect(dialog(page)).toBeVisible();
  const zoom = dialog(page).getByRole('button', { name: 'Zoom' });
  await zoom.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/\?photo=4$/);
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/\?photo=5$/);
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('dialog.lightbox'))).toBe(true);
});

test('Tab stays inside the open lightbox, whose buttons are 44×44 at least', async ({ page }) => {
  await page.goto(POST + '?photo=2');
  await expect(dialog(page)).toBeVisible();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog.lightbox'))).toBe(true);
  }
  for (const button of await dialog(page).locator('button').all()) {
    const box = (await button.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
  }
});

test('Back closes the lightbox and Forward reopens it', async ({ page }) => {
  await page.goto(POST);
  await page.locator('.gallery .zoom-button').nth(1).click();
  await expect(page).toHaveURL(/\?photo=2$/);
  await expect(dialog(page)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/\?photo=3$/);
  await page.goBack();
  await expect(dialog(page)).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`${POST}$`));
  await page.goForward();
  await expect(dialog(page)).toBeVisible();
  await expect(page).toHaveURL(/\?photo=3$/);
});

test('a direct ?photo=4 link opens on image 4; out of range opens the last', async ({ page }) => {
  await page.goto(POST + '?photo=4');
  await expect(dialog(page)).toBeVisible();
  await expect(status(page)).toContainText('Image 4 of 7');
  await page.goto(POST + '?photo=99');
  await expect(status(page)).toContainText('Image 7 of 7');
  await page.goto(POST + '?photo=<script>');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Norwegian Embassy in Prague');
  await expect(dialog(page)).toBeHidden();
});

test('captions carry their language and credit', async ({ page }) => {
  await page.goto(POST + '?photo=2');
  const caption = dialog(page).locator('.lightbox__caption');
  await expect(caption.locator('span[lang="cs"]').first()).toHaveText('Vltava u Národního divadla za soumraku.');
  await expect(caption).toContainText('Photo: Jana Nováková');
  // The keys go to the dialog once it is open (its caption renders a frame before).
  await expect(dialog(page)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(caption.locator('span[lang="uk"]').first()).toHaveText('Київ, Софійська площа взимку.');
});

test('a swipe made of pointer events moves to the next image, and down closes', async ({ page }) => {
  await page.goto(POST + '?photo=2');
  const stage = dialog(page).locator('.lightbox__stage');
  await expect(stage).toBeVisible();
  const swipe = async (dx: number, dy: number) =>
    stage.evaluate((element, [dx, dy]) => {
      const at = (type: string, x: number, y: number) =>
        element.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerId: 7, pointerType: 'touch', clientX: x, clientY: y }));
      at('pointerdown', 600, 300);
      at('pointermove', 600 + dx / 2, 300 + dy / 2);
      at('pointerup', 600 + dx, 300 + dy);
    }, [dx, dy]);
  await swipe(-150, 10);
  await expect(page).toHaveURL(/\?photo=3$/);
  await swipe(150, 0);
  await expect(page).toHaveURL(/\?photo=2$/);
  await swipe(0, 200);
  await expect(dialog(page)).toBeHidden();
});

test('axe-core finds nothing with the lightbox open', async ({ page }) => {
  await page.goto(POST + '?photo=3');
  await expect(dialog(page)).toBeVisible();
  await expectAccessible(page);
});

test('only the current image and its neighbours are loaded at full size', async ({ page }) => {
  const full: string[] = [];
  page.on('request', (request) => {
    const match = request.url().match(/\/images\/([a-z-]+)-1440-[0-9a-f]{12}\.webp$/);
    if (match) full.push(match[1]);
  });
  await page.goto(POST + '?photo=4');
  await expect(dialog(page).locator('.lightbox__image--loaded')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(new Set(full)).toEqual(new Set(['gallery-reception', 'gallery-old-town', 'gallery-kyiv']));
});

test('zoom: double click, the Zoom button and the wheel; panning stays in bounds', async ({ page }) => {
  await page.goto(POST + '?photo=1');
  const stage = dialog(page).locator('.lightbox__stage');
  const image = dialog(page).locator('.lightbox__image');
  await expect(dialog(page).locator('.lightbox__image--loaded')).toBeVisible();
  await stage.dblclick();
  await expect(stage).toHaveClass(/zoomed/);
  await expect(dialog(page).getByRole('button', { name: 'Zoom' })).toHaveAttribute('aria-pressed', 'true');
  // Drag far to the right: the pan stops at the bound instead of losing the image.
  const box = (await stage.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 5000, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const transform = await image.evaluate((element) => (element as HTMLElement).style.transform);
  const x = Number(transform.match(/translate\(([-\d.]+)px/)![1]);
  expect(x).toBeGreaterThan(0);
  expect(x).toBeLessThanOrEqual((box.width * 1.5) / 2 + 1);
  // Still on the first photo: a drag while zoomed is a pan, not a swipe.
  await expect(page).toHaveURL(/\?photo=1$/);
  await dialog(page).getByRole('button', { name: 'Zoom' }).click();
  await expect(stage).not.toHaveClass(/zoomed/);
  await stage.hover();
  await page.mouse.wheel(0, -300);
  await expect(stage).toHaveClass(/zoomed/);
});

test('a broken photo shows its alt text, keeps its caption, and navigation still works', async ({ page }) => {
  await page.route('**/images/gallery-vltava-*.webp', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto(POST + '?photo=2');
  const broken = dialog(page).locator('.lightbox__broken');
  await expect(broken).toHaveText('Waves on a river in green and violet');
  await expect(dialog(page).locator('.lightbox__caption')).toContainText('Vltava u Národního divadla');
  await expect(dialog(page)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/\?photo=3$/);
  await expect(dialog(page).locator('.lightbox__image--loaded')).toBeVisible();
});

test('Copy link copies the slide’s URL', async ({ page, context, server }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.goto(POST + '?photo=5');
  await dialog(page).getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog(page).getByRole('button', { name: 'Link copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}${POST}?photo=5`);
});

test('the first photo opened is fetched while the slide\'s code is still coming, not after it', async ({ page }) => {
  const chunk = /\/gazette-chunk-lightbox-[0-9a-f]{16}\.wasm$/;
  // The slide's code held back until the photo's full image is asked for.
  let release!: () => void;
  const released = new Promise<void>((go) => (release = go));
  await page.route(chunk, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(POST);
  const thumbnail = page.locator('.gallery .zoom-button').nth(2);
  await expect(thumbnail).toBeVisible();
  const fullImage = page.waitForRequest((request) => /gallery-kyiv-1440-/.test(request.url()));
  await thumbnail.click();
  await fullImage;
  release();
  await expect(dialog(page).locator('.lightbox__image--loaded')).toBeVisible();
  await expect(status(page)).toHaveText('Image 3 of 7. Київ, Софійська площа взимку.');
});

test('the slide\'s code comes once an article with photos is idle; when it cannot, the photo says so and Retry fetches it again', async ({ page }) => {
  const chunk = /\/gazette-chunk-lightbox-[0-9a-f]{16}\.wasm$/;
  const fetched: string[] = [];
  page.on('request', (request) => chunk.test(request.url()) && fetched.push(request.url()));
  let failing = true;
  await page.route(chunk, (route) => (failing ? route.abort() : route.continue()));
  await page.goto(POST);
  const thumbnail = page.locator('.gallery .zoom-button').nth(2);
  await expect(thumbnail).toBeVisible();
  // Asked for with no photo opened.
  await expect.poll(() => fetched.length).toBeGreaterThan(0);
  await thumbnail.click();
  const alert = dialog(page).getByRole('alert');
  await expect(alert).toContainText('The photo viewer could not be loaded.');
  await expectAccessible(page);
  failing = false;
  const before = fetched.length;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(status(page)).toHaveText('Image 3 of 7. Київ, Софійська площа взимку.');
  await expect(dialog(page).locator('.lightbox__image')).toBeVisible();
  expect(fetched.length).toBe(before + 1);
});

test('a browser without idle callbacks (Safari) gets the slide\'s code after the article too, not with the first photo', async ({ page }) => {
  const chunk = /\/gazette-chunk-lightbox-[0-9a-f]{16}\.wasm$/;
  const fetched: string[] = [];
  page.on('request', (request) => chunk.test(request.url()) && fetched.push(request.url()));
  await page.addInitScript(() => {
    delete (window as any).requestIdleCallback;
    delete (window as any).cancelIdleCallback;
  });
  await page.goto(POST);
  await expect.poll(() => fetched.length).toBe(1);
  await page.locator('.gallery .zoom-button').nth(2).click();
  await expect(dialog(page).locator('.lightbox__image--loaded')).toBeVisible();
  expect(fetched).toHaveLength(1);
});

test('a reader who asks to save data gets the slide\'s code with the first photo opened, not before', async ({ page }) => {
  const chunk = /\/gazette-chunk-lightbox-[0-9a-f]{16}\.wasm$/;
  const fetched: string[] = [];
  page.on('request', (request) => chunk.test(request.url()) && fetched.push(request.url()));
  await page.addInitScript(() => Object.defineProperty(navigator, 'connection', { value: { saveData: true } }));
  await page.goto(POST);
  const thumbnail = page.locator('.gallery .zoom-button').nth(2);
  await expect(thumbnail).toBeVisible();
  // The idle callback has had its turn: one requested now would have been.
  await page.evaluate(() => new Promise((done) => requestIdleCallback(() => setTimeout(done))));
  expect(fetched).toEqual([]);
  await thumbnail.click();
  await expect(dialog(page).locator('.lightbox__image--loaded')).toBeVisible();
  expect(fetched).toHaveLength(1);
});
