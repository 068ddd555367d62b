// The app under a failing API: every fault on every page that reads from it.
// For each: no panic, a message that says what happened, a Retry where
// retrying can help, a page that stays responsive, and recovery when the API
// comes back. Requests are intercepted; the one wait on time (an API that
// never answers) moves the page's clock instead of sleeping.
import { test as base, expect, openInApp, serverWith, RunningServer } from './fixtures';
import type { Page, Route } from '@playwright/test';

const ARTICLE = '/posts/ukraine-czech-defense-cluster';
const TEN_MB = 10 * 1024 * 1024;

interface Fault {
  /** Answers the faulted request; `undefined` for an API that never answers. */
  answer?: (route: Route) => Promise<void>;
  /** What the page says. */
  says: RegExp;
  /** What the join form says instead, when that differs. */
  joinSays?: RegExp;
  /** Not a fault for the join form's POST. */
  readOnly?: boolean;
}

const json = (status: number, body: string, headers: Record<string, string> = {}) => (route: Route) =>
  route.fulfill({ status, contentType: 'application/json', body, headers });

const UNREADABLE = /sent something we cannot read/;

const FAULTS: Record<string, Fault> = {
  '500': { answer: json(500, '{"code":"internal","message":"boom"}'), says: /server had a problem \(error 500\)/ },
  '502 with an HTML body': {
    answer: (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<html><h1>Bad Gateway</h1></html>' }),
    says: /server had a problem \(error 502\)/,
  },
  '429 with Retry-After': {
    answer: json(429, '{"code":"rate_limited","message":"slow down"}', { 'Retry-After': '7' }),
    says: /Please wait 7 seconds/,
    joinSays: /send again in 7 seconds/,
  },
  'malformed JSON': { answer: json(200, '{"items": [{"slug": '), says: UNREADABLE },
  'JSON of the wrong shape': { answer: json(200, '{"items": 5, "slug": ["x"], "id": {"a": 1}}'), says: UNREADABLE },
  '{}': { answer: json(200, '{}'), says: UNREADABLE },
  'a non-JSON 200': {
    answer: (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><p>Welcome to nginx!</p>' }),
    says: UNREADABLE,
  },
  'a reset connection': { answer: (route) => route.abort('connectionreset'), says: /cannot reach the server/ },
  offline: { answer: (route) => route.abort('internetdisconnected'), says: /cannot reach the server/ },
  'a 10 MB answer': {
    answer: json(200, `{"items": [], "pad": "${'x'.repeat(TEN_MB)}"}`),
    says: UNREADABLE,
    readOnly: true,
  },
  'an API that never answers': { says: /taking too long/ },
};

interface Place {
  path: string;
  /** Opens it by the app's own navigation, where a direct visit would ask the API nothing. */
  inApp?: boolean;
  /** The request the fault replaces. */
  request: (url: URL) => boolean;
  /** Makes the page send it (after loading). */
  trigger?: (page: Page) => Promise<void>;
  /** What shows once the API answers again. */
  recovered: (page: Page) => Promise<void>;
  method?: string;
}

const isList = (url: URL) => url.pathname.endsWith('/api/v1/posts');

const PLACES: Record<string, Place> = {
  article: {
    path: ARTICLE,
    inApp: true,
    request: (url) => url.pathname.endsWith(`/api/v1${ARTICLE}`),
    recovered: (page) => expect(page.locator('.article__title')).toHaveText(/defense cluster/),
  },
  '/posts': {
    path: '/posts',
    inApp: true,
    request: isList,
    recovered: (page) => expect(page.locator('.all-posts .post-card').first()).toBeVisible(),
  },
  'the home page': {
    path: '/',
    inApp: true,
    request: isList,
    recovered: (page) => expect(page.locator('.lead-story__title')).toBeVisible(),
  },
  '/join': {
    path: '/join',
    method: 'POST',
    request: (url) => url.pathname.endsWith('/api/v1/members'),
    trigger: async (page) => {
      await page.getByLabel('Name').fill('Jana Nováková');
      await page.getByLabel('Email').fill(`fault${Date.now()}${Math.random().toString(16).slice(2)}@example.cz`);
      await page.getByLabel(/I agree/).check();
      await page.getByRole('button', { name: 'Send my application' }).click();
    },
    recovered: (page) => expect(page.locator('#join-thanks')).toBeVisible(),
  },
};

const test = base.extend<{ panics: string[] }, { server: RunningServer }>({
  // Every join test here posts from 127.0.0.1: a generous limit.
  server: serverWith(['--member-posts-per-minute', '1000']),
  // A panic in the wasm kills the page: none may show in its console.
  panics: async ({ page }, use) => {
    const panics: string[] = [];
    page.on('pageerror', (error) => panics.push(error.message));
    page.on('console', (message) => message.text().includes('panicked') && panics.push(message.text()));
    await use(panics);
  },
});

for (const [placeName, place] of Object.entries(PLACES)) {
  test.describe(`${placeName} with`, () => {
    for (const [faultName, fault] of Object.entries(FAULTS)) {
      if (fault.readOnly && place.method === 'POST') continue;
      test(faultName, async ({ page, panics }) => {
        let faulty = true;
        let arrived: () => void;
        const faulted = new Promise<void>((resolve) => (arrived = resolve));
        // Time flows as usual; the test moves it on where the app would wait.
        await page.clock.install();
        await page.route(
          (url) => place.request(url),
          async (route) => {
            if (!faulty || route.request().method() !== (place.method ?? 'GET')) return route.continue();
            arrived();
            if (fault.answer) return fault.answer(route);
            // Never answered: the app's own time limit ends it.
          },
        );
        await (place.inApp ? openInApp(page, place.path) : page.goto(place.path));
        await place.trigger?.(page);
        if (!fault.answer) {
          // Once the request is out (so the start-up's own requests are done),
          // past the app's 10-second limit.
          await faulted;
          await page.clock.fastForward(11_000);
        }

        const says = place.method === 'POST' ? fault.joinSays ?? fault.says : fault.says;
        const status = place.method === 'POST' ? page.locator('.join-form__status') : page.getByRole('alert').first();
        await expect(status).toContainText(says);
        // Responsive: the header's links still work in place.
        await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Posts' })).toBeVisible();
        expect(await page.evaluate(() => document.readyState)).toBe('complete');

        // The API comes back: Retry where offered, else a reload.
        faulty = false;
        const retry = status.getByRole('button', { name: 'Retry' });
        if (await retry.count()) {
          await retry.click();
        } else if (place.method === 'POST') {
          // The form's button is back once the Retry-After has passed.
          await page.clock.fastForward(8_000);
          await page.getByRole('button', { name: 'Send my application' }).click();
        } else {
          await page.reload();
        }
        await place.recovered(page);
        expect(panics, 'no panic').toEqual([]);
      });
    }
  });

  if (place.method !== 'POST') {
    test(`${placeName} with an empty feed`, async ({ page, panics }) => {
      await page.route((url) => isList(url), json(200, '{"items": []}'));
      await (place.inApp ? openInApp(page, place.path) : page.goto(place.path));
      if (placeName === 'article') {
        // The article shows; the recent-posts box, with nothing in it, does not.
        await place.recovered(page);
        await expect(page.locator('.recent-posts')).toHaveCount(0);
      } else {
        await expect(page.getByText('Nothing has been published yet.').first()).toBeVisible();
      }
      expect(panics, 'no panic').toEqual([]);
    });
  }
}
