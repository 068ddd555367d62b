// `make bench`: search over 500 generated posts (5 paragraphs of Czech,
// Ukrainian and English words each) on the reference server, in headless
// Chromium: the index's size, the first query on a cold page (the worker,
// Pagefind and the index not loaded yet) and later queries (warm), each
// from the last keystroke to the results on screen, and the bytes the
// first query downloads. Prints the figures and writes them to
// target/bench/search.json.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, reportFigures, startServer } from './lib/harness.mjs';
import { generatePosts } from './generate-posts.mjs';

const POSTS = 500;
const dir = mkdtempSync(join(tmpdir(), 'gazette-bench-search-'));
generatePosts(POSTS, join(dir, 'content'), { paragraphs: 5 });

// The index as a static build writes it, to weigh it.
const dist = join(dir, 'dist');
cpSync('dist', dist, { recursive: true });
execFileSync('target/server/gazette-server', ['host-files', '--dist', dist, '--content', join(dir, 'content')]);
const files = (folder) =>
  readdirSync(folder, { recursive: true })
    .map((name) => join(folder, name))
    .filter((file) => statSync(file).isFile());
const index = files(join(dist, 'pagefind'));
const kB = (bytes) => +(bytes / 1000).toFixed(1);

const server = await startServer({ content: join(dir, 'content'), db: join(dir, 'bench.sqlite3') });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  let searchBytes = 0;
  page.on('requestfinished', async (request) => {
    const path = new URL(request.url()).pathname;
    if (/\/pagefind\/|search-worker|chunk-search/.test(path)) searchBytes += (await request.sizes()).responseBodySize;
  });
  // The search page open, nothing of the search loaded but its chunk.
  await page.goto(server.url + '/search');
  await page.waitForSelector('#search-q');
  const field = page.locator('#search-q');
  const shown = (query) =>
    page.waitForFunction(
      (query) => document.querySelector('.search__status')?.textContent.includes(`“${query}”`),
      query,
      { polling: 'raf' },
    );
  // The whole query in one input event, as the last keystroke.
  const timed = async (query) => {
    const start = performance.now();
    await field.fill(query);
    await shown(query);
    return performance.now() - start;
  };
  const cold = await timed('vyzkum');
  const firstQueryBytes = searchBytes;
  const warm = [];
  for (const query of ['культура', 'embassy', 'divadlo', 'зустріч', 'garden', 'praha', 'освіта', 'spoluprace']) {
    warm.push(await timed(query));
  }
  const sorted = [...warm].sort((a, b) => a - b);
  reportFigures('search', `search over ${POSTS} posts (last keystroke to results on screen):`, {
    posts: POSTS,
    index_files: index.length,
    index_kB: kB(index.reduce((sum, file) => sum + statSync(file).size, 0)),
    first_query_cold_ms: +cold.toFixed(1),
    first_query_download_kB: kB(firstQueryBytes),
    warm_query_ms_median: +sorted[Math.floor(sorted.length / 2)].toFixed(1),
    warm_query_ms_max: +sorted.at(-1).toFixed(1),
  });
} finally {
  await browser.close();
  server.stop();
}
