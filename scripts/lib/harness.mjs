// Shared by the screenshot and bench scripts: the reference server on a free
// port, and Debian's headless Chromium.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Starts target/server/gazette-server with dist/; resolves to its URL and a stop(). */
export async function startServer({ content = 'content', dist = 'dist', db }) {
  const server = spawn(
    'target/server/gazette-server',
    ['--addr', '127.0.0.1:0', '--dist', dist, '--content', content, '--db', db],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/running at (http:\/\/\S+?)\//);
      if (match) resolve(match[1]);
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, stop: () => server.kill('SIGTERM') };
}

/** Launches /usr/bin/chromium headless, as root on a closed network. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/** Prints a bench's figures under a title and writes them to target/bench/NAME.json. */
export function reportFigures(name, title, figures) {
  console.log(title);
  for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(30)} ${value}`);
  mkdirSync('target/bench', { recursive: true });
  writeFileSync(`target/bench/${name}.json`, JSON.stringify(figures, null, 2) + '\n');
}
