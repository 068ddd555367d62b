// Prints the sizes of the release build in dist/ (wasm, JS, CSS: raw, gzip,
// brotli) for the app and, apart, for the embed bundle (embed.js and its
// gazette-embed-* files), writes them to target/bench/size.json, and exits
// non-zero when the app or the embed bundle passes its brotli budget. Run by
// `make bench`.
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

/** The one place the size budgets are kept: brotli bytes of wasm + JS + CSS,
 * for the app's first load and for the embed bundle every host page pays. */
export const BROTLI_BUDGET_BYTES = 150 * 1000;
export const EMBED_BROTLI_BUDGET_BYTES = 100 * 1000;

const dist = process.argv[2] ?? 'dist';
const kinds = { wasm: /\.wasm$/, js: /\.js$/, css: /\.css$/ };
const rows = [];
for (const file of readdirSync(dist)) {
  const kind = Object.keys(kinds).find((k) => kinds[k].test(file));
  if (!kind) continue;
  const bytes = readFileSync(join(dist, file));
  rows.push({
    file,
    kind,
    bundle: file === 'embed.js' || file.startsWith('gazette-embed-') ? 'embed' : 'app',
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
}
rows.sort((a, b) => a.kind.localeCompare(b.kind) || a.file.localeCompare(b.file));
const sum = (bundle) =>
  rows
    .filter((row) => row.bundle === bundle)
    .reduce(
      (sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip, brotli: sum.brotli + row.brotli }),
      { raw: 0, gzip: 0, brotli: 0 },
    );
const total = sum('app');
const embed = sum('embed');
const kb = (n) => (n / 1000).toFixed(1).padStart(8) + ' kB';
console.log('file'.padEnd(44) + 'raw'.padStart(11) + 'gzip'.padStart(11) + 'brotli'.padStart(11));
for (const bundle of ['app', 'embed']) {
  for (const row of rows.filter((row) => row.bundle === bundle)) {
    console.log(row.file.padEnd(44) + kb(row.raw) + kb(row.gzip) + kb(row.brotli));
  }
  const subtotal = sum(bundle);
  console.log(`${bundle} total`.padEnd(44) + kb(subtotal.raw) + kb(subtotal.gzip) + kb(subtotal.brotli) + '\n');
}
console.log(`app budget: ${kb(BROTLI_BUDGET_BYTES).trim()} brotli; embed budget: ${kb(EMBED_BROTLI_BUDGET_BYTES).trim()} brotli`);

mkdirSync('target/bench', { recursive: true });
writeFileSync(
  'target/bench/size.json',
  JSON.stringify(
    { files: rows, total, embed_total: embed, budget_brotli: BROTLI_BUDGET_BYTES, embed_budget_brotli: EMBED_BROTLI_BUDGET_BYTES },
    null,
    2,
  ) + '\n',
);
let over = false;
for (const [name, size, budget] of [['app', total.brotli, BROTLI_BUDGET_BYTES], ['embed bundle', embed.brotli, EMBED_BROTLI_BUDGET_BYTES]]) {
  if (size > budget) {
    console.error(`${name} over budget by ${size - budget} bytes (brotli)`);
    over = true;
  }
}
if (over) process.exit(1);
