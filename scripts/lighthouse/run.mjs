// `make bench`: Lighthouse (its default: a mobile phone, simulated
// throttling) on every kind of first page as the reference server sends it
// (the seed article, the front page, /posts, a tag's page, /join, /search),
// five runs each, the median of each category's score. Writes each page's
// four scores and the audits that did not pass to
// target/bench/lighthouse.json.
//
// Lighthouse lives in its own package here (scripts/lighthouse/package.json,
// installed by `scripts/bootstrap bench`), so that `make test` never installs it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { reportFigures, startServer } from '../lib/harness.mjs';

const PAGES = ['/posts/ukraine-czech-defense-cluster', '/', '/posts', '/tag/embassies', '/join', '/search'];
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 5);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

const dir = mkdtempSync(join(tmpdir(), 'gazette-lighthouse-'));
const server = await startServer({ db: join(dir, 'bench.sqlite3') });
const chrome = await chromeLauncher.launch({
  chromePath: '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

const results = {};
try {
  for (const page of PAGES) {
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      const result = await lighthouse(server.url + page, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: CATEGORIES,
      });
      runs.push(result.lhr);
    }
    results[page] = runs;
  }
} finally {
  await chrome.kill();
  server.stop();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** A page's median scores, timings and what kept a category from 100 in its last run. */
function figuresOf(runs) {
  const figures = {};
  for (const category of CATEGORIES) {
    figures[category] = median(runs.map((lhr) => Math.round(lhr.categories[category].score * 100)));
  }
  figures.performance_runs = runs.map((lhr) => Math.round(lhr.categories.performance.score * 100)).join(' ');
  for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
    figures[id] = median(runs.map((lhr) => lhr.audits[id].numericValue)).toFixed(id === 'cumulative-layout-shift' ? 3 : 0);
  }
  const last = runs.at(-1);
  figures.failed = Object.values(last.categories)
    .flatMap((category) => category.auditRefs.filter((ref) => ref.weight > 0))
    .map((ref) => last.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map((audit) => `${audit.id} (${audit.score})`)
    .join(', ') || 'none';
  return figures;
}
const figures = {};
for (const [page, runs] of Object.entries(results)) {
  for (const [key, value] of Object.entries(figuresOf(runs))) figures[`${page} ${key}`] = value;
}
reportFigures('lighthouse', `Lighthouse (mobile), median of ${RUNS} runs per page:`, figures);
