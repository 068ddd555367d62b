// Finishes the app's Trunk build, where Trunk cannot:
// - its seven stylesheets become one, `app-<hash>.css`: they load on every
//   page, in the order index.html lists them, and one file compresses better
//   than seven apart (4.5 → 3.5 kB brotli on 2026-11-29) and is one request;
// - the wasm is split (scripts/lib/wasm-split.mjs, src/chunks.rs): Trunk runs
//   no step between cargo and wasm-bindgen, so its wasm and loader are
//   replaced by ones made again from what cargo linked for it, and the link
//   module and the chunks are added beside them;
// - the loader is minified (see scripts/lib/minify.mjs for why Trunk does
//   not) after the names by which it and the wasm call each other are
//   shortened (scripts/lib/wasm-interface.mjs).
// The loader and the wasm keep Trunk's names (one build always gives the same
// bytes, so a name still stands for one content), and index.html's integrity
// hashes, which Trunk computed for its files, are rewritten. Run by
// `make dist`, after Trunk.
// Usage: node scripts/finish-app.mjs [dist]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minifyModule } from './lib/minify.mjs';
import { shortenInterface } from './lib/wasm-interface.mjs';
import { SPLIT_POINTS, splitApp } from './lib/wasm-split.mjs';

const dist = process.argv[2] ?? 'dist';
const index = join(dist, 'index.html');
/** What cargo linked for Trunk's build, before wasm-bindgen. */
const CARGO_WASM = 'target/wasm32-unknown-unknown/release/gazette.wasm';
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const kB = (bytes) => (bytes.length / 1000).toFixed(1);

/** index.html with its run of stylesheet links as one link to their concatenation. */
function mergeStylesheets(html) {
  // Trunk's hash is a 64-bit number in hex without leading zeros: 13 to 16
  // digits (the server's `is_hashed_asset` reads it by the same rule).
  const link = /<link href=([^ >]*\/)?([\w-]+-[0-9a-f]{13,16}\.css) integrity=(sha384-[\w+/=]+) rel=stylesheet>/g;
  const links = [...html.matchAll(link)];
  if (links.length < 2) throw new Error(`${index}: expected Trunk's stylesheet links, found ${links.length}`);
  const run = html.slice(links[0].index, links.at(-1).index + links.at(-1)[0].length);
  if (run !== links.map((match) => match[0]).join('')) throw new Error(`${index}: the stylesheet links are not together`);
  const parts = links.map(([, , file, integrity]) => {
    const css = readFileSync(join(dist, file));
    if (sri(css) !== integrity) throw new Error(`${file}: not the file index.html names`);
    return css;
  });
  const css = Buffer.from(parts.map((part) => part.toString('utf8').trim()).join('\n') + '\n');
  const file = `app-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
  writeFileSync(join(dist, file), css);
  for (const [, , old] of links) rmSync(join(dist, old));
  console.log(`${links.length} stylesheets → ${file}, ${kB(css)} kB`);
  return html.replace(run, `<link href=${links[0][1] ?? ''}${file} integrity=${sri(css)} rel=stylesheet>`);
}

/** index.html after replacing Trunk's wasm and loader by the split build's,
 * with short names between them, minified. */
async function finishLoader(html) {
  const glue = readdirSync(dist).filter((name) => /^gazette-[0-9a-f]+\.js$/.test(name));
  if (glue.length !== 1) throw new Error(`${dist}: expected one gazette-<hash>.js, found ${glue.length}`);
  const jsFile = join(dist, glue[0]);
  const wasmFile = jsFile.replace(/\.js$/, '_bg.wasm');
  const trunk = { js: readFileSync(jsFile), wasm: readFileSync(wasmFile) };
  const split = splitApp(CARGO_WASM, glue[0].replace(/\.js$/, ''), 'target/split');
  const shortened = shortenInterface(split.glue, split.wasm, { keepExports: split.sharedExports });
  const after = { js: Buffer.from(await minifyModule(shortened.js)), wasm: shortened.wasm };
  for (const [kind, file] of [['js', jsFile], ['wasm', wasmFile]]) {
    if (!html.includes(sri(trunk[kind]))) throw new Error(`${index}: no integrity hash for ${file}`);
    html = html.replace(sri(trunk[kind]), sri(after[kind]));
    writeFileSync(file, after[kind]);
  }
  // The link module is the loader's import: preloaded with it, not after it.
  const link = Buffer.from(await minifyModule(split.link.code));
  writeFileSync(join(dist, split.link.file), link);
  const preload = html.match(/<link crossorigin href=([^ >]*\/)?gazette-[0-9a-f]+\.js integrity=[^ >]+ rel=modulepreload>/);
  if (!preload) throw new Error(`${index}: no modulepreload link for ${glue[0]}`);
  html = html.replace(preload[0], `${preload[0]}<link crossorigin href=${preload[1] ?? ''}${split.link.file} integrity=${sri(link)} rel=modulepreload>`);
  for (const { file, bytes } of split.chunks) writeFileSync(join(dist, file), bytes);
  // What each split point fetches: for scripts/size-report.mjs, and in the
  // page (gazette_api::markup::CHUNKS_ID) for Trunk.toml's loader, which
  // fetches a prerendered page's chunk beside the main wasm. File names
  // only: nothing in them can end the block.
  writeFileSync(SPLIT_POINTS, JSON.stringify(split.points, null, 2) + '\n');
  html = html.replace('</head>', `<script id=gazette-chunks type=application/json>${JSON.stringify(split.points)}</script></head>`);
  const chunks = split.chunks.map(({ file, bytes }) => `${file} ${kB(bytes)} kB`).join(', ');
  console.log(`${glue[0]}: ${kB(trunk.js)} → ${kB(after.js)} kB minified; wasm ${kB(trunk.wasm)} → ${kB(after.wasm)} kB, chunks: ${chunks}`);
  return html;
}

writeFileSync(index, await finishLoader(mergeStylesheets(readFileSync(index, 'utf8'))));
