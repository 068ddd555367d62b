// After `trunk build --release`: adds to dist/ what common static hosts need.
//   404.html   GitHub Pages serves it for unknown paths: a copy of index.html,
//              so a deep link boots the app, whose router reads the address.
//   _redirects Netlify: every path that is not a file is the app.
//   _headers   Netlify and Cloudflare Pages: cache rules and the strict CSP,
//              with the hashes of Trunk's inline loader script; CORS on the
//              embed bundle, which other sites load as module scripts.
//   *.br, *.gz precompressed copies of every text and wasm asset.
// Usage: node scripts/static-host-files.mjs [dist]   (run by `make dist`)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const index = readFileSync(join(dist, 'index.html'), 'utf8');
// The public URL the build was made for (`make dist PUBLIC_URL=/news/`): the
// hosts' rule files name paths from the site's root.
const base = index.match(/<base href=["']?([^"'\s>]+)/)?.[1] ?? '/';
// An API on another origin, which the app calls and whose images it shows:
// `make dist API_ORIGIN=https://api.example.org` names it in the CSP.
const apiOrigins = (process.env.API_ORIGIN ?? '').split(/[\s,]+/).filter((origin) => /^https?:\/\/[^\s;,'"]+$/.test(origin));

/** The CSP sources of the inline scripts in index.html, as the server computes them. */
export function inlineScriptHashes(html) {
  return [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) => `'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`,
  );
}

const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${inlineScriptHashes(index).join(' ')}`,
  "style-src 'self'",
  ["img-src 'self' data: https:", ...apiOrigins].join(' '),
  ["connect-src 'self'", ...apiOrigins].join(' '),
  "font-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

writeFileSync(join(dist, '404.html'), index);
writeFileSync(join(dist, '_redirects'), `${base}*    ${base}index.html   200\n`);
writeFileSync(
  join(dist, '_headers'),
  `${base}*
  Content-Security-Policy: ${csp}
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
${base}index.html
  Cache-Control: no-cache
${base}404.html
  Cache-Control: no-cache
${base}config.json
  Cache-Control: no-cache
${base}embed.js
  Cache-Control: no-cache
  Access-Control-Allow-Origin: *
${base}gazette-embed-*
  Access-Control-Allow-Origin: *
${readdirSync(dist)
  .filter((file) => /-[0-9a-f]{13,16}(_bg)?\.(js|wasm|css)$/.test(file))
  .map((file) => `${base}${file}\n  Cache-Control: public, max-age=31536000, immutable`)
  .join('\n')}
`,
);

let compressed = 0;
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    // config.json is left alone: site owners edit it after the build.
    else if (/\.(html|js|wasm|css|json|svg|txt)$/.test(name) && name !== 'config.json') {
      const bytes = readFileSync(path);
      writeFileSync(path + '.br', brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      writeFileSync(path + '.gz', gzipSync(bytes, { level: 9 }));
      compressed += 1;
    }
  }
})(dist);
console.log(`static host files: 404.html, _redirects, _headers; ${compressed} files precompressed (.br, .gz)`);
