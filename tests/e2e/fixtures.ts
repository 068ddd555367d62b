// Shared fixtures: a real reference server per worker, and checks that run
// after every test: axe-core finds no violation, and no CSP violation fired.
import { test as base, expect, Page, WorkerFixture } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER_BIN = path.join(ROOT, 'target/server/gazette-server');

export interface RunningServer {
  url: string;
  db: string;
  stop: () => Promise<void>;
}

/** Starts the reference server on a free port with a fresh SQLite file. */
export async function startServer(
  { content = path.join(ROOT, 'content'), dist = path.join(ROOT, 'dist'), args = [] as string[] } = {},
): Promise<RunningServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-e2e-'));
  const db = path.join(dir, 'e2e.sqlite3');
  const child: ChildProcess = spawn(
    SERVER_BIN,
    ['--addr', '127.0.0.1:0', '--dist', dist, '--content', content, '--db', db, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG: 'warn' } },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(/running at (http:\/\/[^\s/]+)\//);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    db,
    stop: () =>
      new Promise<void>((resolve) => {
        child.on('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** The worker's server started with extra flags, for a spec's `test.extend({ server: … })`. */
export function serverWith(args: string[]): [WorkerFixture<RunningServer, {}>, { scope: 'worker' }] {
  return [
    async ({}, use) => {
      const server = await startServer({ args });
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ];
}

/** Fails on any axe-core violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(summary, 'axe-core violations').toEqual([]);
}

/**
 * Waits until the app has taken over a page the server prerendered (or has
 * kept it, its boot having failed): before that, the page's buttons are the
 * prerendered ones, which do nothing.
 */
export async function appStarted(page: Page) {
  await expect(page.locator('[data-gazette-prerender]:not([data-gazette-prerender="kept"])')).toHaveCount(0);
}

/**
 * A page the server never prerenders (an unknown path: the app's not-found
 * page). The app starts there from config.json and the API, so a test that
 * intercepts either reaches it; a prerendered page carries both with it.
 */
export const APP_ALONE = '/no/such/page';

/**
 * Opens a page as a reader who follows a link does: by the app's own
 * navigation, from a page it started on by itself, so that the page's data
 * comes from the API (a page opened directly carries its data with it, and
 * asks the API nothing).
 */
export async function openInApp(page: Page, path: string) {
  await page.goto(APP_ALONE);
  await page.evaluate((path) => {
    history.pushState(null, '', path);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

type Fixtures = { cspViolations: string[]; afterEachChecks: void };
type WorkerFixtures = { server: RunningServer };

export const test = base.extend<Fixtures, WorkerFixtures>({
  server: [
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  // A test that opens or reloads a page then acts on it as the app.
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (...args) => {
      const response = await goto(...args);
      await appStarted(page);
      return response;
    };
    page.reload = async (...args) => {
      const response = await reload(...args);
      await appStarted(page);
      return response;
    };
    await use(page);
  },
  cspViolations: async ({ page }, use) => {
    const violations: string[] = [];
    await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as any).__reportCspViolation(`${event.violatedDirective}: ${event.blockedURI}`);
      });
    });
    await use(violations);
  },
  // After every test: the final page passes axe-core, and no CSP violation fired.
  afterEachChecks: [
    async ({ page, cspViolations }, use) => {
      await use();
      if (page.url().startsWith('http')) await expectAccessible(page);
      expect(cspViolations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
