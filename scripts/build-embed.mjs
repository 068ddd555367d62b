// The embed bundle for other sites: dist/embed.js (a stable URL, no-cache)
// and its content-hashed files beside it (immutable), one wasm per widget:
//   gazette-embed-<kind>-<hash>.js       wasm-bindgen's loader for <kind>
//   gazette-embed-<kind>-<hash>_bg.wasm  that widget only (crates/gazette-embed,
//                                        built with the feature <kind>)
//   gazette-embed-<kind>-<hash>.css      its styles, adopted in each of its shadow roots
// where <kind> is recent-posts or join-form. embed.js loads a kind's files when
// its first element is on the page, the wasm and the styles with their
// integrity hashes (SRI).
// Usage: node scripts/build-embed.mjs [dist]   (run by `make dist`)
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { minifyModule } from './lib/minify.mjs';
import { optimise, run } from './lib/tools.mjs';
import { shortenInterface, withoutClasses, withoutRelocations } from './lib/wasm-interface.mjs';

const dist = process.argv[2] ?? 'dist';
const work = 'target/embed';

/** The wasm-bindgen loader and the optimised wasm of one widget, in `work`. */
function buildWidget(kind) {
  run('cargo', [
    'build', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'gazette-embed',
    '--no-default-features', '--features', kind,
  ]);
  const out = join(work, kind);
  mkdirSync(out, { recursive: true });
  // Kept apart for scripts/wasm-breakdown.mjs: the next build overwrites cargo's.
  // The widgets are not split: the relocations that the build links in for
  // scripts/lib/wasm-split.mjs would only stop wasm-opt.
  writeFileSync(join(out, 'release.wasm'), withoutRelocations(readFileSync('target/wasm32-unknown-unknown/release/gazette_embed.wasm')));
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', 'glue', join(out, 'release.wasm')]);
  const loader = withoutClasses(readFileSync(join(out, 'glue.js'), 'utf8'));
  optimise(join(out, 'glue_bg.wasm'), loader);
  const { js, wasm } = shortenInterface(loader.js, readFileSync(join(out, 'glue_bg.wasm')));
  writeFileSync(join(out, 'glue.js'), js);
  writeFileSync(join(out, 'glue_bg.wasm'), wasm);
  return out;
}

/** The widgets, each the feature of crates/gazette-embed that links it in. */
const KINDS = ['recent-posts', 'join-form'];

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

/** The rules of `css` that a widget can use: a rule whose selector names a
 * class that the widget's wasm never spells is left out (the site's header
 * and footer, and the other widget's rules). Our views write class names as
 * whole string literals (tachys's `class="…"` and `class:name=`), so every
 * class a widget can render is in its wasm's data; a selector some of whose
 * classes are missing cannot match anything the widget renders. Rules
 * without classes (the tokens on `:host`, elements) are all kept. */
export function widgetCss(css, wasm) {
  const strings = wasm.toString('latin1');
  // A class under `:not(…)` need not be rendered for the rule to apply, nor
  // each one of `:is(…)`'s or `:where(…)`'s: those are not required.
  const required = (selector) => selector.replace(/:(?:not|is|where)\((?:[^()]|\([^()]*\))*\)/g, '');
  const used = (selector) => [...required(selector).matchAll(/\.([\w-]+)/g)].every(([, name]) => strings.includes(name));
  const rules = (text) => {
    let kept = '';
    for (let at = 0, depth = 0, start = 0; at < text.length; at += 1) {
      if (text[at] === '{') depth += 1;
      if (text[at] !== '}' || --depth !== 0) continue;
      const rule = text.slice(start, at + 1).trim();
      start = at + 1;
      const open = rule.indexOf('{');
      const head = rule.slice(0, open).trim();
      if (head.startsWith('@')) {
        const inner = rules(rule.slice(open + 1, -1));
        if (inner) kept += `${head}{${inner}}`;
      } else {
        const selectors = head.split(',').map((selector) => selector.trim()).filter(used);
        if (selectors.length) kept += `${selectors.join(',')}${rule.slice(open)}`;
      }
    }
    return kept;
  };
  return rules(css);
}

const hashed = (name, ext, bytes) => {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const file = `${name}-${hash}${ext}`;
  writeFileSync(join(dist, file), bytes);
  return file;
};

rmSync(work, { recursive: true, force: true });
const integrity = (file) => `sha384-${createHash('sha384').update(readFileSync(join(dist, file))).digest('base64')}`;
const bundles = {};
for (const kind of KINDS) {
  const out = buildWidget(kind);
  const glue = hashed(`gazette-embed-${kind}`, '.js', Buffer.from(await minifyModule(readFileSync(join(out, 'glue.js'), 'utf8'))));
  const wasm = hashed(`gazette-embed-${kind}`, '_bg.wasm', readFileSync(join(out, 'glue_bg.wasm')));
  const css = hashed(`gazette-embed-${kind}`, '.css', Buffer.from(widgetCss(embedCss(), readFileSync(join(dist, wasm)))));
  bundles[kind] = { glue, wasm, integrity: integrity(wasm), css, cssIntegrity: integrity(css) };
}
const loader = readFileSync('crates/gazette-embed/js/embed.js', 'utf8').replace('__BUNDLES__', JSON.stringify(bundles));
writeFileSync(join(dist, 'embed.js'), await minifyModule(loader));

const brotli = (file) =>
  brotliCompressSync(readFileSync(join(dist, file)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
for (const [kind, { glue, wasm, css }] of Object.entries(bundles)) {
  const sizes = ['embed.js', glue, wasm, css].map((file) => [file, brotli(file)]);
  const total = sizes.reduce((sum, [, size]) => sum + size, 0);
  console.log(
    `embed bundle for ${kind} (brotli): ${sizes.map(([file, size]) => `${file} ${(size / 1000).toFixed(1)} kB`).join(', ')}; total ${(total / 1000).toFixed(1)} kB`,
  );
}
