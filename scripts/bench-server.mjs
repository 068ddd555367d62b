// `make bench`: the reference server against nginx serving the same bytes,
// for an article's JSON and for its prerendered page, as a browser asks
// (`Accept-Encoding: br, gzip`). The bytes are the server's own answers,
// saved as files (and as nginx's precompressed .br and .gz beside them,
// brotli 11 and gzip 9 as `make dist` writes them); nginx (Debian's, with its
// brotli_static module) serves them with two workers, as the server has two
// cores' threads. wrk, one thread, 32 connections, 5 s per run, the two
// servers interleaved, three rounds; the medians and their ratios go to
// target/bench/server.json.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { reportFigures, startServer } from './lib/harness.mjs';

const ARTICLE = '/posts/norwegian-embassy-in-prague';
const JSON_PATH = '/api/v1/posts/norwegian-embassy-in-prague';
const ROUNDS = 3;

const dir = mkdtempSync(join(tmpdir(), 'gazette-bench-server-'));
// nginx's workers run as another user, which must read the files.
chmodSync(dir, 0o755);
const server = await startServer({ db: join(dir, 'bench.sqlite3') });
try {
  // The same bytes for nginx: the server's answers, uncompressed.
  const root = join(dir, 'root');
  const save = async (path, file, accept) => {
    const body = Buffer.from(await (await fetch(server.url + path, { headers: { accept } })).arrayBuffer());
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), body);
    writeFileSync(join(root, `${file}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(join(root, `${file}.gz`), gzipSync(body, { level: 9 }));
  };
  await save(ARTICLE, 'article.html', 'text/html');
  await save(JSON_PATH, 'article.json', 'application/json');

  const port = 20000 + Math.floor(Math.random() * 20000);
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  brotli_static on;
  gzip_static on;
  gzip_vary on;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location = ${ARTICLE} { default_type "text/html; charset=utf-8"; add_header Cache-Control no-cache; try_files /article.html =404; }
    location = ${JSON_PATH} { default_type application/json; add_header Cache-Control no-cache; try_files /article.json =404; }
  }
}
`,
  );
  const nginx = spawn('nginx', ['-c', conf, '-p', dir, '-g', 'daemon off;'], { stdio: 'inherit' });
  const nginxUrl = `http://127.0.0.1:${port}`;
  const wrk = (url, accept) => {
    const out = execFileSync('wrk', ['-t1', '-c32', '-d5s', '-H', `Accept: ${accept}`, '-H', 'Accept-Encoding: br, gzip', url], {
      encoding: 'utf8',
    });
    return Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]);
  };
  const runs = { page: { gazette: [], nginx: [] }, json: { gazette: [], nginx: [] } };
  try {
    for (let tries = 0; !(await fetch(nginxUrl + ARTICLE).then((r) => r.ok, () => false)); tries++) {
      if (tries > 100) throw new Error(`nginx does not serve the page (see ${dir}/nginx-error.log)`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const [what, path, accept] of [['page', ARTICLE, 'text/html'], ['json', JSON_PATH, 'application/json']]) {
        runs[what].gazette.push(wrk(server.url + path, accept));
        runs[what].nginx.push(wrk(nginxUrl + path, accept));
      }
    }
  } finally {
    nginx.kill('SIGTERM');
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const figures = {};
  for (const what of ['page', 'json']) {
    const [gazette, other] = [median(runs[what].gazette), median(runs[what].nginx)];
    figures[`${what}_gazette_req_s`] = Math.round(gazette);
    figures[`${what}_nginx_req_s`] = Math.round(other);
    figures[`${what}_ratio`] = +(gazette / other).toFixed(2);
  }
  reportFigures('server', `the reference server against nginx, the same bytes (wrk -t1 -c32, brotli asked, medians of ${ROUNDS}):`, figures);
} finally {
  server.stop();
}
