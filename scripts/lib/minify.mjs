// wasm-bindgen's JavaScript loaders, minified. Trunk's own minifier gives up
// on them (it cannot parse their `export default`) and leaves them whole:
// 68.9 kB for the app's, 9.1 kB brotli. terser, as an ES module, keeping
// the exports that the loader scripts import.
import { minify } from 'terser';

/** `code`, an ES module, minified. */
export async function minifyModule(code) {
  const result = await minify(code, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  return result.code;
}
