// `make bench`, last: every budget of docs/budgets.json against the figures
// the bench scripts wrote into target/bench/, as one table; exits non-zero
// when a figure is over its budget or was not measured (an unmeasured
// figure is not within its budget). Run alone after `make bench`, or after
// the scripts whose figures it reads.
import { existsSync, readFileSync } from 'node:fs';

const budgets = JSON.parse(readFileSync('docs/budgets.json', 'utf8'));
const figures = (name) => {
  const file = `target/bench/${name}.json`;
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
};
const size = figures('size');
const lighthouse = figures('lighthouse');
const server = figures('server');
const feed = figures('feed');
const lightbox = figures('lightbox');
const ready = figures('ready');

const kB = (bytes) => (bytes === undefined ? undefined : bytes / 1000);
const [article, posts, join, search] = Object.values(budgets.first_load_kB);
const rows = [
  // [what, figure, budget, whether the figure may not exceed (else: not fall under)]
  ['first load: an article, the front page', kB(size.total?.brotli), article, 'max'],
  ['first load: /posts, its lists', kB(size.first_load_with_chunk?.posts), posts, 'max'],
  ['first load: /join', kB(size.first_load_with_chunk?.join), join, 'max'],
  ['first load: /search', kB(size.first_load_with_chunk?.search), search, 'max'],
  ...Object.entries(size.embed ?? { 'join-form': {}, 'recent-posts': {} }).map(([widget, bytes]) => [
    `embed: <gazette-${widget}>`,
    kB(bytes.brotli),
    budgets.embed_kB,
    'max',
  ]),
  // Every page and category scripts/lighthouse/run.mjs audited.
  ...Object.entries(lighthouse)
    .filter(([key]) => / (performance|accessibility|best-practices|seo)$/.test(key))
    .map(([key, score]) => [`Lighthouse ${key.replace(/ (\S+)$/, ', $1')}`, score, budgets.lighthouse_min, 'min']),
  ...(Object.keys(lighthouse).length ? [] : [['Lighthouse, every first page', undefined, budgets.lighthouse_min, 'min']]),
  ...Object.entries(ready).map(([page, ms]) => [`ready after LCP: ${page}`, ms, budgets.ready_after_lcp_ms, 'max']),
  ...(Object.keys(ready).length ? [] : [['ready after LCP: every first page', undefined, budgets.ready_after_lcp_ms, 'max']]),
  ['server / nginx: an article’s JSON', server.json_ratio, budgets.server_vs_nginx_min, 'min'],
  ['server / nginx: an article’s page', server.page_ratio, budgets.server_vs_nginx_min, 'min'],
  ['"Load more", 500 posts: median', feed.load_more_ms_median, budgets.interactions_ms.median, 'max'],
  ['"Load more", 500 posts: p95', feed.load_more_ms_p95, budgets.interactions_ms.p95, 'max'],
  ['open a photo, 200-photo gallery: median', lightbox.lightbox_open_ms_median, budgets.interactions_ms.median, 'max'],
  ['open a photo, 200-photo gallery: worst of five', lightbox.lightbox_open_ms_max, budgets.interactions_ms.p95, 'max'],
];

let failed = 0;
const width = Math.max(...rows.map(([what]) => what.length));
console.log(`${'what'.padEnd(width)} ${'figure'.padStart(9)} ${'budget'.padStart(9)}  verdict`);
for (const [what, figure, budget, direction] of rows) {
  const within = figure !== undefined && (direction === 'max' ? figure <= budget : figure >= budget);
  if (!within) failed++;
  const shown = figure === undefined ? '—' : String(+Number(figure).toFixed(2));
  const verdict = figure === undefined ? 'NOT MEASURED' : within ? 'ok' : 'OVER';
  console.log(`${what.padEnd(width)} ${shown.padStart(9)} ${String(budget).padStart(9)}  ${verdict}`);
}
console.log(failed ? `${failed} of ${rows.length} budgets not met` : `all ${rows.length} budgets met`);
process.exit(failed ? 1 : 0);
