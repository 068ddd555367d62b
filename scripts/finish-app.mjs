// Finishes the app's Trunk build, where Trunk cannot:
// - its seven stylesheets become one, `app-<hash>.css`: they load on every
//   page, in the order index.html lists them, and one file compresses better
//   than seven apart (4.5 → 3.5 kB brotli on 2026-11-29) and is one request;
// - the wasm-bindgen loader is minified (see scripts/lib/minify.mjs for why
//   Trunk does not) after the names by which it and the wasm call each other
//   are shortened (scripts/lib/wasm-interface.mjs). The loader and the wasm
//   keep Trunk's names: the same build always gives the same bytes, so a
//   name still stands for one content.
// index.html's integrity hashes, which Trunk computed for the files as they
// were, are rewritten. Run by `make dist`, after Trunk.
// Usage: node scripts/finish-app.mjs [dist]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minifyModule } from './lib/minify.mjs';
import { shortenInterface } from './lib/wasm-interface.mjs';

const dist = process.argv[2] ?? 'dist';
const index = join(dist, 'index.html');
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const kB = (bytes) => (bytes.length / 1000).toFixed(1);

/** index.html with its run of stylesheet links as one link to their concatenation. */
function mergeStylesheets(html) {
  const link = /<link href=([^ >]*\/)?([\w-]+-[0-9a-f]{16}\.css) integrity=(sha384-[\w+/=]+) rel=stylesheet>/g;
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

/** index.html after shortening and minifying the loader and its wasm. */
async function finishLoader(html) {
  const glue = readdirSync(dist).filter((name) => /^gazette-[0-9a-f]+\.js$/.test(name));
  if (glue.length !== 1) throw new Error(`${dist}: expected one gazette-<hash>.js, found ${glue.length}`);
  const jsFile = join(dist, glue[0]);
  const wasmFile = jsFile.replace(/\.js$/, '_bg.wasm');
  const before = { js: readFileSync(jsFile), wasm: readFileSync(wasmFile) };
  const shortened = shortenInterface(before.js.toString('utf8'), before.wasm);
  const after = { js: Buffer.from(await minifyModule(shortened.js)), wasm: shortened.wasm };
  for (const [kind, file] of [['js', jsFile], ['wasm', wasmFile]]) {
    if (!html.includes(sri(before[kind]))) throw new Error(`${index}: no integrity hash for ${file}`);
    html = html.replace(sri(before[kind]), sri(after[kind]));
    writeFileSync(file, after[kind]);
  }
  console.log(`${glue[0]}: ${kB(before.js)} → ${kB(after.js)} kB minified; wasm ${kB(before.wasm)} → ${kB(after.wasm)} kB`);
  return html;
}

writeFileSync(index, await finishLoader(mergeStylesheets(readFileSync(index, 'utf8'))));
