// Where the bytes of the app's and the embed bundle's WebAssembly are: each
// release wasm is passed through wasm-bindgen and wasm-opt (`-Oz --converge`) as the build
// does, but with its function names kept (-g), and `twiggy top` sizes every
// function. Functions are summed by crate (the first path segment of their
// demangled name), and the whole is compared with the last committed report
// (docs/wasm-breakdown.json) and with the previous run.
//   target/bench/wasm-breakdown.json   this run: per bundle, bytes by crate and the 40 largest functions
//   target/bench/wasm-breakdown.diff   crates and functions that grew or shrank, against both
// Usage: node scripts/wasm-breakdown.mjs [--commit]   (run by `make bench`;
// --commit also writes docs/wasm-breakdown.json, to review with a change)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { wasmOptArgs } from './lib/tools.mjs';
import { withoutClasses, withoutRelocations } from './lib/wasm-interface.mjs';

// The embed has one wasm per widget; scripts/build-embed.mjs keeps each
// widget's release build apart.
const bundles = {
  app: 'target/wasm32-unknown-unknown/release/gazette.wasm',
  'embed-recent-posts': 'target/embed/recent-posts/release.wasm',
  'embed-join-form': 'target/embed/join-form/release.wasm',
};
const work = 'target/bench/names';
const report = 'target/bench/wasm-breakdown.json';
const committed = 'docs/wasm-breakdown.json';

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** The crate a demangled name belongs to: `serde_json::de::f`, `core[ab12]::fmt::f`
 * and `<&mut serde_json::X as serde_core::Y>::f` are serde_json's, core's and serde_json's;
 * `<F as leptos_router::Z>::f` (a generic) is leptos_router's. */
export function crateOf(name) {
  if (name.startsWith('data segment')) return '(data)';
  if (/^(elem|table|memory|global|type|import|export)\[/.test(name)) return '(tables and imports)';
  const first = (path) => path.replace(/^(&|\*const |\*mut |dyn |mut |\(|\[)+/, '').match(/^([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/)?.[1];
  if (name.startsWith('<')) {
    const inner = name.slice(1);
    const as = inner.indexOf(' as ');
    return first(inner) ?? (as >= 0 ? first(inner.slice(as + 4)) : undefined) ?? '(other)';
  }
  return first(name) ?? '(other)';
}

/** Sections that only carry names: kept for this report, never shipped. */
const isNames = (name) => /^"(function|local|label|type|table|memory|global|elem|data|field|module) names" subsection$/.test(name) || name === 'custom section \'name\'' || name.startsWith('custom section');

/** The sizes of one bundle's functions, names kept. */
function measure(bundle, wasm) {
  const out = join(work, bundle);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-debug', '--out-dir', out, '--out-name', bundle, wasm]);
  const named = join(out, `${bundle}_bg.wasm`);
  // Optimised as the build ships it (without wasm-streams' classes), names kept.
  const { removeExports } = withoutClasses(readFileSync(join(out, `${bundle}.js`), 'utf8'));
  run('wasm-opt', [...wasmOptArgs({ removeExports, keepNames: true }), named, '-o', named]);
  const items = JSON.parse(run('twiggy', ['top', '-n', '1000000', '--format', 'json', named]));
  const crates = {};
  let total = 0;
  for (const item of items.filter((item) => !isNames(item.name))) {
    const crate = crateOf(item.name);
    crates[crate] = (crates[crate] ?? 0) + item.shallow_size;
    total += item.shallow_size;
  }
  const functions = items
    .filter((item) => !isNames(item.name) && !crateOf(item.name).startsWith('('))
    .slice(0, 40)
    .map((item) => ({ name: item.name.replace(/::h[0-9a-f]{16}$/, ''), bytes: item.shallow_size }));
  const sorted = Object.fromEntries(Object.entries(crates).sort((a, b) => b[1] - a[1]));
  return { total, crates: sorted, functions };
}

/** Lines for what grew or shrank by at least `min` bytes, largest change first. */
function changes(now, before, min = 200) {
  const lines = [];
  for (const bundle of Object.keys(now)) {
    const was = before?.[bundle];
    if (!was) continue;
    const delta = (a, b) => (a ?? 0) - (b ?? 0);
    lines.push(`${bundle}: ${now[bundle].total} bytes, ${sign(delta(now[bundle].total, was.total))}`);
    const names = new Set([...Object.keys(now[bundle].crates), ...Object.keys(was.crates)]);
    const moved = [...names]
      .map((name) => [name, delta(now[bundle].crates[name], was.crates[name])])
      .filter(([, change]) => Math.abs(change) >= min)
      .sort((a, b) => b[1] - a[1]);
    const growers = moved.filter(([, change]) => change > 0).slice(0, 10);
    for (const [name, change] of growers) lines.push(`  grew   ${name.padEnd(32)} ${sign(change)}`);
    for (const [name, change] of moved.filter(([, change]) => change < 0)) lines.push(`  shrank ${name.padEnd(32)} ${sign(change)}`);
  }
  return lines;
}

function sign(bytes) {
  return `${bytes >= 0 ? '+' : ''}${bytes} bytes`;
}

mkdirSync(work, { recursive: true });
const previous = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : null;
const last = existsSync(committed) ? JSON.parse(readFileSync(committed, 'utf8')) : null;
const now = {};
for (const [bundle, wasm] of Object.entries(bundles)) {
  if (!existsSync(wasm)) throw new Error(`${wasm} is missing: build first (make build)`);
  // The app's code whole, its chunks with it (scripts/lib/wasm-split.mjs),
  // without the relocations that would stop wasm-opt.
  const linked = join(work, `${bundle}.linked.wasm`);
  writeFileSync(linked, withoutRelocations(readFileSync(wasm)));
  now[bundle] = measure(bundle, linked);
}
if (existsSync(report)) copyFileSync(report, 'target/bench/wasm-breakdown.previous.json');
writeFileSync(report, JSON.stringify(now, null, 2) + '\n');
const diff = [
  '# against the last committed report (docs/wasm-breakdown.json)',
  ...(last ? changes(now, last) : ['(none committed)']),
  '',
  '# against the previous run',
  ...(previous ? changes(now, previous) : ['(no previous run)']),
];
writeFileSync('target/bench/wasm-breakdown.diff', diff.join('\n') + '\n');

for (const [bundle, result] of Object.entries(now)) {
  console.log(`\n${bundle} wasm, names kept (-Oz -g): ${(result.total / 1000).toFixed(1)} kB by crate:`);
  for (const [crate, bytes] of Object.entries(result.crates).slice(0, 15)) {
    console.log(`  ${crate.padEnd(28)} ${(bytes / 1000).toFixed(1).padStart(7)} kB ${((100 * bytes) / result.total).toFixed(1).padStart(5)} %`);
  }
}
console.log('\n' + diff.join('\n'));
if (process.argv.includes('--commit')) {
  writeFileSync(committed, JSON.stringify(now, null, 2) + '\n');
  console.log(`\nwrote ${committed}`);
}
