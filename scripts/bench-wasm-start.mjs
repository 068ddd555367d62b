// `make bench`: what the browser spends on the wasm before the app runs, for
// the app and for each widget's embed wasm, in headless Chromium on a 4× CPU
// throttle, the bytes already downloaded: `WebAssembly.compile` of the
// bytes, then wasm-bindgen's `initSync` (instantiation and the start
// function: the app's `main`, which mounts its first view; a widget's, which
// only sets the panic hook). Eleven cold runs each (a new context
// every time), medians to target/bench/wasm-start.json.
//
// `node scripts/bench-wasm-start.mjs other/dist` measures another build, to
// compare a change with what came before it.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, reportFigures, startServer } from './lib/harness.mjs';

const dist = process.argv[2] ?? 'dist';
const RUNS = 11;
const files = readdirSync(dist);
// The app's files are gazette-<hash>.js and gazette-<hash>_bg.wasm, each
// widget's gazette-embed-<kind>-<hash>.* (each of its own hash).
function bundle(prefix) {
  const wasm = files.find((name) => new RegExp(`^${prefix}-[0-9a-f]+_bg\\.wasm$`).test(name));
  const js = files.find((name) => new RegExp(`^${prefix}-[0-9a-f]+\\.js$`).test(name));
  if (!wasm || !js) throw new Error(`${dist}: no ${prefix}-<hash>.js and _bg.wasm (a build from before one wasm per widget?)`);
  return { wasm, js };
}
const bundles = {
  app: bundle('gazette'),
  embed_recent_posts: bundle('gazette-embed-recent-posts'),
  embed_join_form: bundle('gazette-embed-join-form'),
};

const server = await startServer({ dist, db: join(mkdtempSync(join(tmpdir(), 'gazette-start-')), 'bench.sqlite3') });
const browser = await launchChromium();

async function once({ wasm, js }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A blank page of the server's origin, without the site's CSP.
  await page.route(`${server.url}/__bench`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>bench</title><body></body>' }),
  );
  await page.goto(`${server.url}/__bench`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const timings = await page.evaluate(
    async ({ wasm, js }) => {
      const bytes = await (await fetch(`/${wasm}`)).arrayBuffer();
      const glue = await import(`/${js}`);
      const start = performance.now();
      const module = await WebAssembly.compile(bytes);
      const compiled = performance.now();
      try {
        glue.initSync({ module });
      } catch (error) {
        // The app may fail to boot on a blank page; its start has run.
      }
      return { compile: compiled - start, start: performance.now() - compiled };
    },
    { wasm, js },
  );
  await context.close();
  return timings;
}

const median = (values) => +[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)].toFixed(1);
try {
  const figures = { dist, runs: RUNS };
  for (const [name, files] of Object.entries(bundles)) {
    const runs = [];
    for (let run = 0; run < RUNS; run++) runs.push(await once(files));
    figures[`${name}_compile_ms`] = median(runs.map((run) => run.compile));
    figures[`${name}_instantiate_and_start_ms`] = median(runs.map((run) => run.start));
  }
  reportFigures('wasm-start', `wasm compile, then instantiation and start (median of ${RUNS}, 4× CPU):`, figures);
} finally {
  await browser.close();
  server.stop();
}
