// The embed bundle for other sites: dist/embed.js (a stable URL, no-cache)
// and its content-hashed files beside it (immutable):
//   gazette-embed-<hash>.js       wasm-bindgen's loader
//   gazette-embed-<hash>_bg.wasm  the widgets only (crates/gazette-embed)
//   gazette-embed-<hash>.css      the widgets' styles, adopted in each shadow root
// embed.js fetches the wasm and the styles with their integrity hashes (SRI).
// Usage: node scripts/build-embed.mjs [dist]   (run by `make dist`)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const work = 'target/embed';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
}

// The same wasm-opt features as the app's (index.html), so one list is kept.
const optParams = readFileSync('index.html', 'utf8').match(/data-wasm-opt-params="([^"]*)"/)[1].split(/\s+/);

run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'gazette-embed']);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
run('wasm-bindgen', [
  '--target', 'web', '--no-typescript', '--out-dir', work, '--out-name', 'gazette-embed',
  'target/wasm32-unknown-unknown/release/gazette_embed.wasm',
]);
run('wasm-opt', ['-Oz', ...optParams, join(work, 'gazette-embed_bg.wasm'), '-o', join(work, 'gazette-embed_bg.wasm')]);

/** The widgets' stylesheet: the app's tokens on :host (themeable from outside
 * through --gazette-* properties, and by the `theme` attribute), the component
 * styles, and lengths in --gazette-rem rather than the host's rem. */
export function embedCss() {
  const tokens = readFileSync('style/tokens.css', 'utf8');
  const dark = tokens.match(/@media \(prefers-color-scheme: dark\) \{\s*:root \{([^}]*)\}\s*\}/);
  if (!dark) throw new Error('style/tokens.css: no dark block found');
  const themed = tokens
    .replace(dark[0], `@media (prefers-color-scheme: dark) { :host(:not([theme="light"])) {${dark[1]}} }`)
    .replace(':root {', ':host {')
    + `:host([theme="dark"]) {${dark[1]} color-scheme: dark; }\n:host([theme="light"]) { color-scheme: light; }\n`;
  const css = [themed, ...['base', 'shell', 'feed', 'embed'].map((name) => readFileSync(`style/${name}.css`, 'utf8'))]
    .join('\n')
    .replace(/\/\*[\s\S]*?\*\//g, '');
  return css
    .split('\n')
    .map((line) => (line.trim().startsWith('@media') ? line : line.replace(/(\d*\.?\d+)rem\b/g, 'calc($1 * var(--gazette-rem))')))
    .join('\n')
    .replace(/\s+/g, ' ')
    .trim();
}

const hashed = (name, ext, bytes) => {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const file = `${name}-${hash}${ext}`;
  writeFileSync(join(dist, file), bytes);
  return file;
};
const glue = hashed('gazette-embed', '.js', readFileSync(join(work, 'gazette-embed.js')));
const wasm = hashed('gazette-embed', '_bg.wasm', readFileSync(join(work, 'gazette-embed_bg.wasm')));
const css = hashed('gazette-embed', '.css', Buffer.from(embedCss()));
const integrity = (file) => `sha384-${createHash('sha384').update(readFileSync(join(dist, file))).digest('base64')}`;
const loader = readFileSync('crates/gazette-embed/js/embed.js', 'utf8')
  .replace('__GLUE__', glue)
  .replace('__WASM__', wasm)
  .replace('__WASM_SRI__', integrity(wasm))
  .replace('__CSS__', css)
  .replace('__CSS_SRI__', integrity(css));
writeFileSync(join(dist, 'embed.js'), loader);

const brotli = (file) =>
  brotliCompressSync(readFileSync(join(dist, file)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const sizes = ['embed.js', glue, wasm, css].map((file) => [file, brotli(file)]);
const total = sizes.reduce((sum, [, size]) => sum + size, 0);
console.log(
  `embed bundle (brotli): ${sizes.map(([file, size]) => `${file} ${(size / 1000).toFixed(1)} kB`).join(', ')}; total ${(total / 1000).toFixed(1)} kB`,
);
