// The app's wasm cut into a main module and chunks that load when they are
// first needed (src/chunks.rs). cargo links the app with `--emit-relocs`, so
// that `wasm-split-cli` (crates.io's wasm_split_cli_support, which
// cargo-leptos's `--split` runs too) can move every function that only a
// `#[wasm_split]` function reaches into that split's chunk. The main module
// then goes through wasm-bindgen, which keeps the linker's exports
// (`--keep-lld-exports`) that the chunks share: the memory, the function
// table and the stack pointer. A chunk imports nothing else: it reaches the
// main module's functions through the table.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { optimise, run } from './tools.mjs';
import { withoutClasses } from './wasm-interface.mjs';

/** What each split point of the last build fetches, by file name: written
 * by scripts/finish-app.mjs, read by scripts/size-report.mjs; not shipped. */
export const SPLIT_POINTS = 'target/split-points.json';

const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/**
 * Splits cargo's `wasm` for a loader that will be served as `<stem>.js`.
 * Returns the loader's code, the main module, the link module (the
 * JavaScript that fetches the chunks) and the chunks, each with the
 * content-hashed file name it must be served under, and the main module's
 * exports that the link module reads.
 */
export function splitApp(wasm, stem, work) {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  run('wasm-split-cli', [wasm, work, '--out-name', stem]);
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript', '--out-dir', join(work, 'bindgen'), '--out-name', stem, join(work, `${stem}.wasm`)]);
  const main = join(work, 'bindgen', `${stem}_bg.wasm`);
  const loader = withoutClasses(readFileSync(join(work, 'bindgen', `${stem}.js`), 'utf8'));
  optimise(main, loader);

  let link = readFileSync(join(work, '__wasm_split.js'), 'utf8');
  const chunks = readdirSync(work)
    .filter((name) => name.endsWith('.wasm') && name !== `${stem}.wasm`)
    .map((name) => {
      optimise(join(work, name));
      const bytes = readFileSync(join(work, name));
      // split_<point>.wasm, or chunk_<n>.wasm for code that several points share.
      const chunk = name.replace(/\.wasm$/, '').replace(/^split_/, '').replace(/^chunk_/, 'shared-');
      const file = `${stem.replace(/-[0-9a-f]+$/, '')}-chunk-${chunk}-${hash(bytes)}.wasm`;
      link = replaceOnce(link, `"./${name}"`, `"./${file}"`);
      return { file, bytes };
    });
  const shared = link.match(/const \{([^}]*)\} = initSync\(/);
  if (!shared) throw new Error('__wasm_split.js: no shared exports found');
  const linkFile = `${stem.replace(/-[0-9a-f]+$/, '')}-split-${hash(link)}.js`;
  // wasm-bindgen imports the link module once per split point, all alike.
  const glue = loader.js.replaceAll('from "./__wasm_split.js"', `from "./${linkFile}"`);
  if (!glue.includes(linkFile)) throw new Error(`${stem}.js: the link module is not imported`);
  return {
    glue,
    wasm: readFileSync(main),
    link: { file: linkFile, code: link },
    chunks,
    points: pointFiles(link),
    sharedExports: shared[1].split(',').map((name) => name.trim()).filter(Boolean),
  };
}

/** For each split point of the link module, the chunks its first call
 * fetches: its own and those it shares with other points. */
function pointFiles(link) {
  const loaders = new Map();
  const loader = /(?:export )?const (\w+) = (?:wrapAsyncCb\()?makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.-]+)"[\s\S]*?\n, \[([^\]]*)\]\)/g;
  for (const [, name, file, deps] of link.matchAll(loader)) {
    loaders.set(name, { file, deps: deps.split(',').map((dep) => dep.trim()).filter(Boolean) });
  }
  const points = {};
  for (const [name, { file, deps }] of loaders) {
    const point = name.match(/^__wasm_split_load_(\w+)$/)?.[1];
    if (!point) continue;
    points[point] = [file, ...deps.map((dep) => loaders.get(dep)?.file ?? fail(`__wasm_split.js: no loader ${dep}`))];
  }
  if (Object.keys(points).length === 0) throw new Error('__wasm_split.js: no split point found');
  return points;
}

const fail = (message) => {
  throw new Error(message);
};

function replaceOnce(text, from, to) {
  const found = text.split(from).length - 1;
  if (found !== 1) throw new Error(`expected one ${from}, found ${found}`);
  return text.replace(from, to);
}
