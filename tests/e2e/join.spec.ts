// The join form against the reference server and its real SQLite file, which
// the tests read (with the sqlite3 shell) to count what was stored.
import { execFileSync } from 'node:child_process';
import { test as base, expect, serverWith, RunningServer, expectAccessible } from './fixtures';
import type { Page, Request } from '@playwright/test';

// A generous limit: every test here posts from 127.0.0.1.
const test = base.extend<{}, { server: RunningServer }>({
  server: serverWith(['--member-posts-per-minute', '1000']),
});

const sql = (db: string, query: string) => execFileSync('sqlite3', [db, query]).toString().trim();
const rowsFor = (db: string, email: string) =>
  Number(sql(db, `SELECT COUNT(*) FROM members WHERE email_normalised = '${email.toLowerCase()}'`));

let counter = 0;
const uniqueEmail = () => `member${Date.now()}${counter++}@example.cz`;

async function fill(page: Page, email: string) {
  await page.getByLabel('Name').fill('Jana Nováková');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Organisation (optional)').fill('Example s.r.o.');
  await page.getByLabel('Message (optional)').fill('Looking forward to the next event.');
  await page.getByLabel(/I agree/).check();
}

const posts = (page: Page) => {
  const seen: Request[] = [];
  page.on('request', (request) => request.method() === 'POST' && request.url().endsWith('/api/v1/members') && seen.push(request));
  return seen;
};

test('a person fills in and submits the form: one row, with the consent time', async ({ page, server }) => {
  const email = uniqueEmail();
  await page.goto('/join');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join us');
  await expect(page.getByText('Be part of building bridges')).toBeVisible();
  await fill(page, email);
  await page.getByRole('button', { name: 'Send my application' }).click();
  const thanks = page.locator('#join-thanks');
  await expect(thanks).toContainText('Thank you, Jana Nováková!');
  await expect(thanks).toBeFocused();
  expect(rowsFor(server.db, email)).toBe(1);
  expect(sql(server.db, `SELECT consent_at FROM members WHERE email_normalised = '${email}'`)).toMatch(
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/,
  );
  // The draft is gone: coming back shows an empty form.
  await page.goto('/join');
  await expect(page.getByLabel('Name')).toHaveValue('');
});

test('a double click, or Enter twice, sends one request and stores one row', async ({ page, server }) => {
  const sent = posts(page);
  await page.goto('/join');
  const email = uniqueEmail();
  await fill(page, email);
  await page.getByRole('button', { name: 'Send my application' }).dblclick();
  await expect(page.locator('#join-thanks')).toBeVisible();
  expect(sent).toHaveLength(1);
  expect(rowsFor(server.db, email)).toBe(1);

  await page.goto('/join');
  const again = uniqueEmail();
  await fill(page, again);
  await page.getByLabel('Email').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.locator('#join-thanks')).toBeVisible();
  expect(sent).toHaveLength(2);
  expect(rowsFor(server.db, again)).toBe(1);
});

test('a cut request keeps everything typed, and Retry reuses the same key', async ({ page, server }) => {
  const sent = posts(page);
  let first = true;
  await page.route('**/api/v1/members', async (route) => {
    if (first) {
      first = false;
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await page.goto('/join');
  const email = uniqueEmail();
  await fill(page, email);
  await page.getByRole('button', { name: 'Send my application' }).click();
  const panel = page.locator('.join-form__status');
  await expect(panel).toContainText('Your application was not sent');
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await expect(page.getByLabel('Message (optional)')).toHaveValue('Looking forward to the next event.');
  await expectAccessible(page);
  await panel.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('#join-thanks')).toBeVisible();
  expect(sent).toHaveLength(2);
  const keys = await Promise.all(sent.map((request) => request.headerValue('idempotency-key')));
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(rowsFor(server.db, email)).toBe(1);
});

test('an answer lost after the server stored it, then an edit: the next send has a new key and is answered', async ({ page, server }) => {
  const sent = posts(page);
  let first = true;
  await page.route('**/api/v1/members', async (route) => {
    if (first) {
      // The server stores the application; its answer never reaches the browser.
      first = false;
      await route.fetch();
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  await page.goto('/join');
  const email = uniqueEmail();
  await fill(page, email);
  await page.getByRole('button', { name: 'Send my application' }).click();
  await expect(page.locator('.join-form__status')).toContainText('Your application was not sent');
  await expect.poll(() => rowsFor(server.db, email)).toBe(1);
  await page.getByLabel('Message (optional)').fill('Looking forward to it. (Edited.)');
  await page.getByRole('button', { name: 'Send my application' }).click();
  await expect(page.locator('#join-thanks')).toBeVisible();
  const keys = await Promise.all(sent.map((request) => request.headerValue('idempotency-key')));
  expect(keys).toHaveLength(2);
  expect(keys[1]).not.toBe(keys[0]);
  expect(rowsFor(server.db, email)).toBe(1);
});

test('a key conflict is explained, and Retry sends the form under a new key', async ({ page, server }) => {
  const sent = posts(page);
  let first = true;
  await page.route('**/api/v1/members', async (route) => {
    if (first) {
      first = false;
      await route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({ code: 'idempotency_conflict', message: 'This Idempotency-Key was used for a different application.' }),
      });
    } else {
      await route.continue();
    }
  });
  await page.goto('/join');
  const email = uniqueEmail();
  await fill(page, email);
  await page.getByRole('button', { name: 'Send my application' }).click();
  const panel = page.locator('.join-form__status');
  await expect(panel).toContainText('This application changed after it was first sent');
  await expectAccessible(page);
  await panel.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('#join-thanks')).toBeVisible();
  const keys = await Promise.all(sent.map((request) => request.headerValue('idempotency-key')));
  expect(keys).toHaveLength(2);
  expect(keys[1]).not.toBe(keys[0]);
  expect(rowsFor(server.db, email)).toBe(1);
});

test('a reload halfway through filling in restores the draft', async ({ page }) => {
  await page.goto('/join');
  await page.getByLabel('Name').fill('Petr Svoboda');
  await page.getByLabel('Email').fill('petr@example.cz');
  await page.getByLabel('Message (optional)').fill('Half written');
  await page.locator('#join-hp').evaluate((input: HTMLInputElement) => {
    input.value = 'bot text';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.reload();
  await expect(page.getByText('We restored what you typed earlier.')).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue('Petr Svoboda');
  await expect(page.getByLabel('Email')).toHaveValue('petr@example.cz');
  await expect(page.getByLabel('Message (optional)')).toHaveValue('Half written');
  await expect(page.locator('#join-hp')).toHaveValue('');
});

test('errors show on their fields, with a summary, and focus moves to the first', async ({ page }) => {
  await page.goto('/join');
  await page.getByLabel('Name').fill('Jana');
  await page.getByLabel('Email').fill('jana@localhost');
  await page.getByRole('button', { name: 'Send my application' }).click();
  const email = page.getByLabel('Email');
  await expect(email).toBeFocused();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAttribute('aria-describedby', 'join-email-error');
  await expect(page.locator('#join-email-error')).toHaveText(/valid email address/);
  await expect(page.locator('#join-consent-error')).toHaveText('Please tick this box to agree.');
  await expect(page.getByRole('alert')).toContainText('Please check these fields');
  await expectAccessible(page);
});

test('the server’s 422 is shown on its field, and focus is there', async ({ page }) => {
  await page.route('**/api/v1/members', (route) =>
    route.fulfill({
      status: 422,
      contentType: 'application/json',
      body: JSON.stringify({ code: 'validation_failed', message: 'x', fields: { email: ['invalid_email'] } }),
    }),
  );
  await page.goto('/join');
  await fill(page, 'someone@example.cz');
  await page.getByRole('button', { name: 'Send my application' }).click();
  const email = page.getByLabel('Email');
  await expect(email).toBeFocused();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#join-email-error')).toHaveText(/valid email address/);
  // Editing the field clears the server's verdict.
  await email.fill('other@example.cz');
  await expect(email).not.toHaveAttribute('aria-invalid', 'true');
});

test('a 429 shows the wait, then gives the button back', async ({ page }) => {
  await page.route('**/api/v1/members', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'retry-after': '2' },
      contentType: 'application/json',
      body: '{"code":"rate_limited","message":"slow down"}',
    }),
  );
  await page.goto('/join');
  await fill(page, uniqueEmail());
  const button = page.getByRole('button', { name: 'Send my application' });
  await button.click();
  await expect(page.locator('.join-form__status')).toContainText(/send again in [12] seconds/);
  await expect(button).toBeDisabled();
  await expect(button).toBeEnabled({ timeout: 5_000 });
});

test('the honeypot, filled by a script, stores nothing', async ({ page, server }) => {
  const email = uniqueEmail();
  await page.goto('/join');
  await fill(page, email);
  await page.locator('#join-hp').evaluate((input: HTMLInputElement) => {
    input.value = 'https://spam.example';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.getByRole('button', { name: 'Send my application' }).click();
  await expect(page.locator('#join-thanks')).toBeVisible();
  expect(rowsFor(server.db, email)).toBe(0);
});

test('autofill fills name and email only: the honeypot is unreachable and untagged', async ({ page }) => {
  await page.goto('/join');
  await expect(page.getByLabel('Name')).toHaveAttribute('autocomplete', 'name');
  await expect(page.getByLabel('Email')).toHaveAttribute('autocomplete', 'email');
  await expect(page.getByLabel('Email')).toHaveAttribute('type', 'email');
  await expect(page.getByLabel('Organisation (optional)')).toHaveAttribute('autocomplete', 'organization');
  const trap = page.locator('#join-hp');
  await expect(trap).toHaveAttribute('autocomplete', 'off');
  await expect(trap).toHaveAttribute('tabindex', '-1');
  expect(await trap.getAttribute('name')).not.toMatch(/name|mail|phone|url|site|company|address/i);
  const box = await trap.boundingBox();
  expect(box === null || box.x + box.width < 0).toBe(true);
  expect(await trap.evaluate((el) => getComputedStyle(el.parentElement!).display)).not.toBe('none');
  // Tab goes from the consent box's privacy link to the submit button, never into the trap.
  await page.getByRole('link', { name: 'Privacy policy' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Send my application' })).toBeFocused();
});

test('offline: said so, then sent once when the browser is back online', async ({ page, context, server }) => {
  const sent = posts(page);
  await page.goto('/join');
  const email = uniqueEmail();
  await fill(page, email);
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Send my application' }).click();
  await expect(page.locator('.join-form__status')).toContainText('You are offline');
  await context.setOffline(false);
  await expect(page.locator('#join-thanks')).toBeVisible();
  expect(rowsFor(server.db, email)).toBe(1);
  const keys = await Promise.all(sent.map((request) => request.headerValue('idempotency-key')));
  expect(new Set(keys).size).toBe(1);
});
