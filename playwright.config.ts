import { defineConfig } from '@playwright/test';

// End-to-end tests: Debian's Chromium (Playwright cannot download a browser
// here) against the release build served by the real reference server, which
// each worker starts on a free port (tests/e2e/fixtures.ts).
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    // The site registers a service worker; requests it answers are invisible
    // to page.route, which many specs fault or count with. Blocked here,
    // allowed in tests/e2e/offline.spec.ts, which tests the worker.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
