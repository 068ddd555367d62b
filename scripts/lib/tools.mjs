// What the build scripts share: running a tool, and wasm-opt's settings.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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

/** wasm-opt on `file`, in place, as the build ships it. */
export const optimise = (file, { removeExports = [] } = {}) =>
  run('wasm-opt', [...wasmOptArgs({ removeExports }), file, '-o', file]);
