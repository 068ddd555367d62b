// Short names for the functions that a wasm-bindgen loader and its wasm call
// each other by. wasm-bindgen names every import after what it binds plus a
// hash (`__wbg_instanceof_HtmlAnchorElement_fee0a0613fd8e6aa`) and exports
// closures' trampolines under their whole Rust type (up to 330 characters);
// each name is written once in the wasm and once or more in the loader, and
// hashes do not compress. In the app (2026-11-29) the 237 imports' names
// were 11.3 kB of the wasm. Both files are rewritten together, so they only
// ever ship as a pair: run this on wasm-bindgen's unminified loader, before
// it is minified, and on the optimised wasm.

/** `js` (wasm-bindgen's `--target web` loader) and `wasm` with short names,
 * but for the exports named in `keepExports` (read by other scripts). */
export function shortenInterface(js, wasm, { keepExports = [] } = {}) {
  const sections = readSections(wasm);
  const imports = sections.find((section) => section.id === 2);
  const exports = sections.find((section) => section.id === 7);
  if (!imports || !exports) throw new Error('wasm: no import or export section');

  const module = onlyMatch(js, /^ {8}"(\.\/[\w-]+_bg\.js)": import0,$/gm, 'the imports object')[1];
  const importNames = names();
  const exportNames = names();
  const renamedImports = parseImports(imports.body).map((entry) => {
    if (entry.module !== module) return entry;
    const name = importNames.next().value;
    js = replaceOnce(js, new RegExp(`^( {8})${entry.name}(: function\\()`, 'm'), `$1${name}$2`, entry.name);
    return { ...entry, module: 'a', name };
  });
  js = replaceOnce(js, new RegExp(`^( {8})"${escape(module)}"(: import0,)$`, 'm'), '$1a$2', module);
  // What is left under wasm-bindgen's names, the wasm no longer imports:
  // wasm-opt removed the code that called it.
  js = js.replace(/^ {8}__wb\w+: function\([^)]*\) \{\n[\s\S]*?^ {8}\},\n/gm, '');

  const renamedExports = parseExports(exports.body).map((entry) => {
    if (keepExports.includes(entry.name)) return entry;
    // The loader reaches the wasm's exports through `wasm.<name>` only.
    const uses = new RegExp(`\\bwasm\\.${entry.name}\\b`, 'g');
    const name = exportNames.next().value;
    js = js.replace(uses, `wasm.${name}`);
    return { ...entry, name };
  });
  // A name the loader used in any other way would now point at nothing.
  for (const { name } of parseExports(exports.body)) {
    if (!keepExports.includes(name) && new RegExp(`\\.${name}\\b`).test(js)) throw new Error(`loader: ${name} is reached other than as wasm.${name}`);
  }

  imports.body = writeImports(renamedImports);
  exports.body = writeExports(renamedExports);
  return { js, wasm: writeSections(wasm, sections) };
}

/** The classes that wasm-bindgen exports for wasm-streams, which leptos
 * links in through server_fn's `browser` feature for streamed server
 * functions. Nothing of Gazette's streams, and no loader or page script of
 * ours imports them; kept, they hold about 6 kB of the wasm (raw) that only
 * they reach. */
const UNUSED_CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];

/** `js` (wasm-bindgen's `--target web` loader) without the exported
 * `classes` and their finalization registries, and the wasm exports that
 * only those classes called, for wasm-opt to remove (`removeExports`), with
 * the code only they reach. Throws if the loader names a class, or one of
 * those exports, anywhere else, and when a class is not there to remove. */
export function withoutClasses(js, classes = UNUSED_CLASSES) {
  const removed = [];
  for (const name of classes) {
    const definition = new RegExp(`^export class ${name} \\{\\n[\\s\\S]*?^\\}\\n(?:if \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n)?`, 'm');
    const registry = new RegExp(`^const ${name}Finalization = [^;]*;\\n`, 'm');
    for (const pattern of [definition, registry]) {
      const found = js.match(pattern);
      if (!found) throw new Error(`loader: no ${pattern} to remove`);
      removed.push(found[0]);
      js = js.replace(found[0], '');
    }
    if (new RegExp(`\\b${name}\\b`).test(js)) throw new Error(`loader: ${name} is used beyond its class`);
  }
  const exports = [...new Set(removed.join('').match(/\bwasm\.\w+/g) ?? [])].map((use) => use.slice('wasm.'.length));
  for (const name of exports) {
    if (new RegExp(`\\bwasm\\.${name}\\b`).test(js)) throw new Error(`loader: ${name} is called beyond the removed classes`);
  }
  return { js, removeExports: exports };
}

/** `wasm` without the linker's relocation sections (`linking`, `reloc.*`),
 * which `--emit-relocs` adds for scripts/lib/wasm-split.mjs and with which
 * wasm-opt declines to optimise. The code is the same without them. */
export function withoutRelocations(wasm) {
  const sections = readSections(wasm).filter((section) => {
    if (section.id !== 0) return true;
    const name = new Reader(section.body).name();
    return name !== 'linking' && !name.startsWith('reloc.');
  });
  return writeSections(wasm, sections);
}

/** a, b, … Z, aa, ab, …: identifiers and property names, no keyword. */
function* names() {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let length = 1; ; length++) {
    const count = letters.length ** length;
    for (let n = 0; n < count; n++) {
      let name = '';
      for (let rest = n, i = 0; i < length; i++, rest = Math.floor(rest / letters.length)) {
        name = letters[rest % letters.length] + name;
      }
      if (!['do', 'if', 'in'].includes(name)) yield name;
    }
  }
}

function onlyMatch(text, pattern, what) {
  const found = [...text.matchAll(pattern)];
  if (found.length !== 1) throw new Error(`loader: expected one ${what}, found ${found.length}`);
  return found[0];
}

function replaceOnce(text, pattern, replacement, what) {
  onlyMatch(text, new RegExp(pattern.source, `${pattern.flags}g`), what);
  return text.replace(pattern, replacement);
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// The wasm binary format: https://webassembly.github.io/spec/core/binary/

function readSections(bytes) {
  const sections = [];
  for (let at = 8; at < bytes.length; ) {
    const id = bytes[at];
    const [size, start] = readU32(bytes, at + 1);
    sections.push({ id, start: at, end: start + size, body: bytes.subarray(start, start + size) });
    at = start + size;
  }
  return sections;
}

function writeSections(bytes, sections) {
  const parts = [bytes.subarray(0, 8)];
  for (const { id, body } of sections) parts.push(Uint8Array.of(id), writeU32(body.length), body);
  return Buffer.concat(parts);
}

function parseImports(body) {
  const reader = new Reader(body);
  return reader.vector(() => {
    const module = reader.name();
    const name = reader.name();
    const start = reader.at;
    const kind = reader.byte();
    if (kind === 0x00) reader.u32(); // function: its type
    else if (kind === 0x01) (reader.byte(), reader.limits()); // table: element type, limits
    else if (kind === 0x02) reader.limits(); // memory
    else if (kind === 0x03) reader.at += 2; // global: value type, mutability
    else if (kind === 0x04) (reader.byte(), reader.u32()); // tag: attribute, type
    else throw new Error(`wasm: import ${name} of unknown kind ${kind}`);
    return { module, name, description: body.subarray(start, reader.at) };
  });
}

function writeImports(entries) {
  return Buffer.concat([
    writeU32(entries.length),
    ...entries.flatMap(({ module, name, description }) => [writeName(module), writeName(name), description]),
  ]);
}

function parseExports(body) {
  const reader = new Reader(body);
  return reader.vector(() => {
    const name = reader.name();
    const start = reader.at;
    reader.byte();
    reader.u32();
    return { name, description: body.subarray(start, reader.at) };
  });
}

function writeExports(entries) {
  return Buffer.concat([writeU32(entries.length), ...entries.flatMap(({ name, description }) => [writeName(name), description])]);
}

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.at = 0;
  }
  byte() {
    return this.bytes[this.at++];
  }
  u32() {
    const [value, next] = readU32(this.bytes, this.at);
    this.at = next;
    return value;
  }
  name() {
    const length = this.u32();
    const text = Buffer.from(this.bytes.subarray(this.at, this.at + length)).toString('utf8');
    this.at += length;
    return text;
  }
  limits() {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }
  vector(item) {
    return Array.from({ length: this.u32() }, item);
  }
}

function readU32(bytes, at) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
  }
}

function writeU32(value) {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    bytes.push(byte);
  } while (value);
  return Uint8Array.from(bytes);
}

const writeName = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([writeU32(bytes.length), bytes]);
};
