// Minifies the app's wasm-bindgen loader in a Trunk build (see
// scripts/lib/minify.mjs for why Trunk does not), and writes its new
// subresource integrity hash into index.html's modulepreload link, which
// Trunk computed for the file as it was. Run by `make dist`, after Trunk.
// Usage: node scripts/minify-app-js.mjs [dist]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minifyModule } from './lib/minify.mjs';

const dist = process.argv[2] ?? 'dist';
const glue = readdirSync(dist).filter((name) => /^gazette-[0-9a-f]+\.js$/.test(name));
if (glue.length !== 1) throw new Error(`${dist}: expected one gazette-<hash>.js, found ${glue.length}`);
const file = join(dist, glue[0]);
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const before = readFileSync(file);
const after = Buffer.from(await minifyModule(before.toString('utf8')));
const index = join(dist, 'index.html');
const html = readFileSync(index, 'utf8');
if (!html.includes(sri(before))) throw new Error(`${index}: no integrity hash for ${glue[0]}`);
writeFileSync(file, after);
writeFileSync(index, html.replace(sri(before), sri(after)));
console.log(`${glue[0]}: ${(before.length / 1000).toFixed(1)} → ${(after.length / 1000).toFixed(1)} kB minified`);
