// What the build scripts share: running a tool, and wasm-opt's settings.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/** Runs `command`, its output to ours; throws when it fails. */
export function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
}

/** The wasm features wasm-opt may use, kept in index.html beside the rust
 * link (where `trunk serve` would read them), one list for every wasm the
 * build optimises. Trunk's own wasm-opt is off (`data-wasm-opt="0"`): its
 * release wasm is made again by scripts/finish-app.mjs, split, and
 * optimised here. */
export const wasmOptParams = () =>
  readFileSync('index.html', 'utf8').match(/data-wasm-opt-params="([^"]*)"/)[1].split(/\s+/);

/** wasm-opt's flags for every wasm the build ships (and for the breakdown,
 * which measures them with names kept): `-Oz`, after removing the exports
 * named in `removeExports` (see wasm-interface.mjs's `withoutClasses`).
 * `--converge` runs the passes again until the module stops shrinking:
 * about 0.3 kB brotli on a widget for a few more seconds of build
 * (docs/performance.md). */
export const wasmOptArgs = ({ removeExports = [], keepNames = false } = {}) => [
  ...(removeExports.length ? [`--remove-exports=${removeExports.join(',')}`] : []),
  '-Oz',
  '--converge',
  ...(keepNames ? ['-g'] : []),
  ...wasmOptParams(),
];

/** Where `optimise` keeps what wasm-opt made, by what it was made from. */
const OPTIMISED = 'target/wasm-opt-cache';

/** wasm-opt on `file`, in place, as the build ships it. wasm-opt is
 * deterministic, and `--converge` on the app takes most of a minute: the
 * result is kept under the hash of the input, the flags and wasm-opt's
 * version, so that a build whose wasm did not change (the same code built
 * again, or for another PUBLIC_URL, as `make test` does) reuses it. */
export function optimise(file, { removeExports = [] } = {}) {
  const args = wasmOptArgs({ removeExports });
  const version = spawnSync('wasm-opt', ['--version'], { encoding: 'utf8' }).stdout;
  const key = createHash('sha256').update(version).update(JSON.stringify(args)).update(readFileSync(file)).digest('hex');
  const kept = join(OPTIMISED, `${key}.wasm`);
  if (existsSync(kept)) return copyFileSync(kept, file);
  run('wasm-opt', [...args, file, '-o', file]);
  mkdirSync(OPTIMISED, { recursive: true });
  // Whole or not at all: a build stopped halfway leaves no half file.
  copyFileSync(file, `${kept}.part`);
  renameSync(`${kept}.part`, kept);
}
