// Confirmation by e-mail, end to end: the reference server sends the link
// through a real SMTP conversation to the tests' sink (aiosmtpd), and the
// browser follows the link from the received message.
import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, expect, startServer, RunningServer, ROOT } from './fixtures';

interface Sink {
  port: number;
  messages: () => { rcpt_tos: string[]; subject: string; body: string }[];
  stop: () => void;
}

/** Starts tests/support/smtp_sink.py on a free port. */
async function startSink(): Promise<Sink> {
  const folder = mkdtempSync(path.join(tmpdir(), 'gazette-mail-'));
  const child: ChildProcess = spawn(
    path.join(ROOT, 'target/smtp-sink/bin/python'),
    [path.join(ROOT, 'tests/support/smtp_sink.py'), folder, '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on (\d+)/);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`the SMTP sink exited with ${code}`)));
  });
  return {
    port,
    messages: () =>
      readdirSync(folder)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => JSON.parse(readFileSync(path.join(folder, name), 'utf8'))),
    stop: () => {
      child.kill();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

const test = base.extend<{}, { sink: Sink; server: RunningServer }>({
  sink: [
    async ({}, use) => {
      const sink = await startSink();
      await use(sink);
      sink.stop();
    },
    { scope: 'worker' },
  ],
  server: [
    async ({ sink }, use) => {
      const server = await startServer({
        args: [
          '--member-posts-per-minute', '1000',
          '--smtp-url', `smtp://127.0.0.1:${sink.port}?tls=none`,
          '--mail-from', 'Prague Forum <news@example.org>',
        ],
      });
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
});

const linkIn = (body: string) => body.match(/https?:\/\/\S+\/join\/confirm\?token=[\w-]+/)![0];

test('an applicant is asked to confirm, follows the link from the e-mail and is confirmed once', async ({ page, sink }) => {
  const email = `confirm${Date.now()}@example.cz`;
  await page.goto('/join');
  await page.getByLabel('Name').fill('Oksana Petrenko');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/I agree/).check();
  await page.getByRole('button', { name: 'Send my application' }).click();
  const thanks = page.locator('#join-thanks');
  await expect(thanks).toContainText('Thank you, Oksana Petrenko!');
  await expect(thanks).toContainText('We have sent a link to your email address');

  const to = () => sink.messages().filter((message) => message.rcpt_tos.includes(email));
  await expect.poll(() => to().length).toBe(1);
  const [letter] = to();
  expect(letter.subject).toBe('Confirm your application: Prague Forum');
  const link = linkIn(letter.body);

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your application');
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Thank you: your application is confirmed. We will be in touch.');
  await expect(page).toHaveTitle(/Confirm your application/);

  // Followed a second time: a clear answer, and nothing changes.
  await page.reload();
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    'This application was already confirmed. There is nothing more to do.',
  );
});

test('a forged or truncated link says so and leads back to the form', async ({ page }) => {
  await page.goto('/join/confirm?token=not-a-token-we-sent');
  await expect(page.getByRole('main').getByRole('status')).toContainText('This link is not valid');
  await page.getByRole('link', { name: 'Apply again' }).click();
  await expect(page).toHaveURL(/\/join$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join us');
});
