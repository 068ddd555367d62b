// Minifies the app's wasm-bindgen loader in a Trunk build (see
// scripts/lib/minify.mjs for why Trunk does not) after shortening the names
// by which it and the wasm call each other (scripts/lib/wasm-interface.mjs),
// and writes both files' new subresource integrity hashes into index.html,
// which Trunk computed for the files as they were. Run by `make dist`, after
// Trunk. The files keep Trunk's names: the same build always gives the same
// bytes, so a name still stands for one content.
// Usage: node scripts/minify-app.mjs [dist]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minifyModule } from './lib/minify.mjs';
import { shortenInterface } from './lib/wasm-interface.mjs';

const dist = process.argv[2] ?? 'dist';
const glue = readdirSync(dist).filter((name) => /^gazette-[0-9a-f]+\.js$/.test(name));
if (glue.length !== 1) throw new Error(`${dist}: expected one gazette-<hash>.js, found ${glue.length}`);
const jsFile = join(dist, glue[0]);
const wasmFile = jsFile.replace(/\.js$/, '_bg.wasm');
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const index = join(dist, 'index.html');
let html = readFileSync(index, 'utf8');
const before = { js: readFileSync(jsFile), wasm: readFileSync(wasmFile) };
const shortened = shortenInterface(before.js.toString('utf8'), before.wasm);
const after = { js: Buffer.from(await minifyModule(shortened.js)), wasm: shortened.wasm };
for (const [kind, file] of [['js', jsFile], ['wasm', wasmFile]]) {
  if (!html.includes(sri(before[kind]))) throw new Error(`${index}: no integrity hash for ${file}`);
  html = html.replace(sri(before[kind]), sri(after[kind]));
  writeFileSync(file, after[kind]);
}
writeFileSync(index, html);
const kB = (bytes) => (bytes.length / 1000).toFixed(1);
console.log(`${glue[0]}: ${kB(before.js)} → ${kB(after.js)} kB minified; wasm ${kB(before.wasm)} → ${kB(after.wasm)} kB`);
