// After `trunk build --release` and `gazette-server host-files`: precompressed
// copies (.br, .gz) of every text and wasm asset of dist/, which static hosts
// and the reference server send to browsers that accept them.
// Usage: node scripts/precompress.mjs [dist]   (run by `make dist`)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
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
console.log(`precompressed ${compressed} files of ${dist} (.br, .gz)`);
