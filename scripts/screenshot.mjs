// Takes docs/screenshot.png of the running demo with headless Chromium:
// starts the reference server on a free port, opens a page, saves a PNG.
// Usage: node scripts/screenshot.mjs [path] [output]   (make screenshot)
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const target = process.argv[2] ?? '/posts/ukraine-czech-defense-cluster';
const output = process.argv[3] ?? 'docs/screenshot.png';
const db = join(mkdtempSync(join(tmpdir(), 'gazette-shot-')), 'shot.sqlite3');
const server = spawn('target/server/gazette-server', ['--addr', '127.0.0.1:0', '--dist', 'dist', '--content', 'content', '--db', db], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const match = out.match(/running at (http:\/\/\S+?)\//);
    if (match) resolve(match[1]);
  });
  server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url + target, { waitUntil: 'networkidle' });
  await page.waitForSelector('h1');
  await page.screenshot({ path: output, fullPage: process.env.FULL_PAGE === '1' });
  console.log(`wrote ${output} (${url}${target})`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
