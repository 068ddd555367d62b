// Prints the sizes of the release build in dist/ (wasm, JS, CSS: raw, gzip,
// brotli) for the app and, apart, for the embed bundle of each widget (what a
// host page showing that widget loads: embed.js and the widget's
// gazette-embed-<kind>-* loader, wasm and stylesheet), writes them to
// target/bench/size.json, and exits non-zero when the app or a widget's
// bundle passes its brotli budget. Run by `make bench`.
import { existsSync, readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { SPLIT_POINTS } from './lib/wasm-split.mjs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

/** The size budgets, from the one place every budget is kept
 * (docs/budgets.json): brotli bytes of wasm + JS + CSS, for the app's first
 * load (an article's; scripts/budgets.mjs checks every first page's) and for
 * the embed bundle a host page pays for one widget. */
const budgets = JSON.parse(readFileSync('docs/budgets.json', 'utf8'));
export const BROTLI_BUDGET_BYTES = Object.values(budgets.first_load_kB)[0] * 1000;
export const EMBED_BROTLI_BUDGET_BYTES = budgets.embed_kB * 1000;

const dist = process.argv[2] ?? 'dist';
/** `app`, a chunk of the app that loads when a reader first needs it
 * (`chunk:join`, src/chunks.rs, the search worker, and the service worker
 * with what registers it), a widget's own files (`embed:recent-posts`),
 * or what every widget loads (`embed`). */
function bundleOf(file) {
  // The search page's worker (js/search-worker.js), fetched with its chunk.
  if (file === 'search-worker.js') return 'chunk:search-worker';
  // Reading offline: loaded once the app is ready (src/offline.rs), never before.
  if (file === 'offline.js' || file === 'sw.js') return 'chunk:offline-worker';
  const chunk = file.match(/^gazette-chunk-([a-z0-9-]+)-[0-9a-f]{16}\.wasm$/)?.[1];
  if (chunk) return `chunk:${chunk}`;
  const widget = file.match(/^gazette-embed-([a-z]+(?:-[a-z]+)+)-[0-9a-f]+(_bg)?\.(js|wasm|css)$/)?.[1];
  if (widget) return `embed:${widget}`;
  return file === 'embed.js' || file.startsWith('gazette-embed-') ? 'embed' : 'app';
}
const kinds = { wasm: /\.wasm$/, js: /\.js$/, css: /\.css$/ };
const rows = [];
for (const file of readdirSync(dist)) {
  const kind = Object.keys(kinds).find((k) => kinds[k].test(file));
  if (!kind) continue;
  const bytes = readFileSync(join(dist, file));
  rows.push({
    file,
    kind,
    bundle: bundleOf(file),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
}
rows.sort((a, b) => a.kind.localeCompare(b.kind) || a.file.localeCompare(b.file));
const sum = (bundles) =>
  rows
    .filter((row) => bundles.includes(row.bundle))
    .reduce(
      (sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip, brotli: sum.brotli + row.brotli }),
      { raw: 0, gzip: 0, brotli: 0 },
    );
const total = sum(['app']);
const widgets = [...new Set(rows.map((row) => row.bundle).filter((bundle) => bundle.startsWith('embed:')))]
  .sort()
  .map((bundle) => ({ name: bundle.slice('embed:'.length), bundles: ['embed', bundle] }));
const embed = Object.fromEntries(widgets.map(({ name, bundles }) => [name, sum(bundles)]));
const chunks = [...new Set(rows.map((row) => row.bundle).filter((bundle) => bundle.startsWith('chunk:')))].sort();
const kb = (n) => (n / 1000).toFixed(1).padStart(8) + ' kB';
console.log('file'.padEnd(50) + 'raw'.padStart(11) + 'gzip'.padStart(11) + 'brotli'.padStart(11));
const groups = [
  ['app', ['app']],
  ...chunks.map((chunk) => [`app chunk ${chunk.slice('chunk:'.length)} (when first needed)`, [chunk]]),
  ...widgets.map(({ name, bundles }) => [`embed bundle for ${name}`, bundles]),
];
for (const [name, bundles] of groups) {
  for (const row of rows.filter((row) => bundles.includes(row.bundle))) {
    console.log(row.file.padEnd(50) + kb(row.raw) + kb(row.gzip) + kb(row.brotli));
  }
  const subtotal = sum(bundles);
  console.log(`${name} total`.padEnd(50) + kb(subtotal.raw) + kb(subtotal.gzip) + kb(subtotal.brotli) + '\n');
}
// What a reader loads before the app runs when the first page is in a chunk
// (src/chunks.rs), or when the lightbox first opens: the first load and what
// the split point fetches.
const points = existsSync(SPLIT_POINTS) ? JSON.parse(readFileSync(SPLIT_POINTS, 'utf8')) : {};
const byPoint = Object.fromEntries(
  Object.entries(points)
    .filter(([, files]) => files.every((file) => rows.some((row) => row.file === file)))
    .map(([point, files]) => [point, total.brotli + rows.filter((row) => files.includes(row.file)).reduce((sum, row) => sum + row.brotli, 0)]),
);
for (const [point, brotli] of Object.entries(byPoint)) {
  console.log(`first load with the chunk ${point}`.padEnd(72) + kb(brotli));
}
console.log(`app budget: ${kb(BROTLI_BUDGET_BYTES).trim()} brotli; embed budget: ${kb(EMBED_BROTLI_BUDGET_BYTES).trim()} brotli per widget`);

mkdirSync('target/bench', { recursive: true });
writeFileSync(
  'target/bench/size.json',
  JSON.stringify(
    { files: rows, total, first_load_with_chunk: byPoint, chunks: Object.fromEntries(chunks.map((chunk) => [chunk.slice('chunk:'.length), sum([chunk])])), embed, budget_brotli: BROTLI_BUDGET_BYTES, embed_budget_brotli: EMBED_BROTLI_BUDGET_BYTES },
    null,
    2,
  ) + '\n',
);
let over = false;
const checks = [
  ['app', total.brotli, BROTLI_BUDGET_BYTES],
  ...Object.entries(embed).map(([widget, size]) => [`embed bundle for ${widget}`, size.brotli, EMBED_BROTLI_BUDGET_BYTES]),
];
for (const [name, size, budget] of checks) {
  if (size > budget) {
    console.error(`${name} over budget by ${size - budget} bytes (brotli)`);
    over = true;
  }
}
if (over) process.exit(1);
