#!/usr/bin/env node
// Which crates make the .wasm big: sums code size per crate from the function names.
//
//   node pkg/scripts/size-breakdown.mjs [file.wasm]
//
// Default input: the scoring module's cargo output, pkg/build/cargo/proseo.wasm (the prompt
// module's is pkg/build/cargo/proseo_prompt.wasm; scripts/build.mjs copies both there), which
// still has its `name` section (wasm-bindgen and wasm-opt strip it). Function bodies are
// attributed to the first crate in their (Rust legacy-mangled) symbol: generic code lands in
// the crate that defines the function (serde's visitors instantiated for core types count as
// `serde`, `core`/`alloc` hold formatting and collections). Data segments (string tables, word
// lists, Unicode tables) are reported as one figure. Sizes are before wasm-bindgen/wasm-opt.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const file =
  process.argv[2] ?? join(root, 'pkg/build/cargo/proseo.wasm');
const buf = readFileSync(file);

let pos = 8;
function leb() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return result;
  }
}
function name() {
  const len = leb();
  const s = buf.toString('utf8', pos, pos + len);
  pos += len;
  return s;
}
function limits() {
  const flags = buf[pos++];
  leb();
  if (flags & 1) leb();
}

let importedFuncs = 0;
const bodies = []; // [size, bytes]
const names = new Map();
const sections = {};
while (pos < buf.length) {
  const id = buf[pos++];
  const size = leb();
  const end = pos + size;
  let label = `section ${id}`;
  if (id === 0) {
    const n = name();
    label = `custom "${n}"`;
    if (n === 'name') {
      while (pos < end) {
        const sub = buf[pos++];
        const subSize = leb();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const count = leb();
          for (let i = 0; i < count; i++) {
            const idx = leb();
            names.set(idx, name());
          }
        }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    label = 'imports';
    const count = leb();
    for (let i = 0; i < count; i++) {
      name();
      name();
      const kind = buf[pos++];
      if (kind === 0) {
        leb();
        importedFuncs++;
      } else if (kind === 1) {
        pos++;
        limits();
      } else if (kind === 2) limits();
      else if (kind === 3) pos += 2;
      else if (kind === 4) {
        pos++;
        leb();
      }
    }
  } else if (id === 10) {
    label = 'code';
    const count = leb();
    for (let i = 0; i < count; i++) {
      const bodySize = leb();
      bodies.push([importedFuncs + i, bodySize]);
      pos += bodySize;
    }
  } else if (id === 11) label = 'data';
  sections[label] = (sections[label] ?? 0) + size;
  pos = end;
}

/** The crate of a legacy-mangled Rust symbol (`_ZN4core3fmt5write17h…E` → core). */
function crateOf(sym) {
  if (!sym) return '(unnamed)';
  if (sym.startsWith('_R')) {
    // v0 mangling: the first crate root `C[s<hash>_]<len><name>`.
    const v0 = /C(?:s[0-9A-Za-z]*_)?(\d+)/.exec(sym);
    return v0 ? sym.substr(v0.index + v0[0].length, Number(v0[1])) : '(other)';
  }
  if (!sym.startsWith('_ZN')) return sym.startsWith('__wbg') || sym.startsWith('__wbindgen') ? 'wasm-bindgen glue' : `(${sym.split(/[^A-Za-z0-9_]/)[0] || 'other'})`;
  const m = /^_ZN(\d+)/.exec(sym);
  if (!m) return '(other)';
  let first = sym.slice(3 + m[1].length, 3 + m[1].length + Number(m[1]));
  // `<T as Trait>::f`: the implementing type's crate.
  first = first
    .replace(/^_\$LT\$/, '')
    .replace(/^\$RF\$/, '')
    .replace(/^\$u5b\$/, '')
    .replace(/^(mut|dyn)\$u20\$/, '');
  // A bare generic parameter (`<T as Trait>::f`): no crate to blame.
  if (/^[A-Z][A-Za-z]*$/.test(first.split('..')[0].split('$')[0])) return '(generic impl)';
  return first.split('..')[0].split('$')[0] || '(other)';
}

const perCrate = new Map();
let codeTotal = 0;
for (const [idx, size] of bodies) {
  const c = crateOf(names.get(idx));
  perCrate.set(c, (perCrate.get(c) ?? 0) + size);
  codeTotal += size;
}
const kib = (n) => `${(n / 1024).toFixed(1).padStart(8)} KiB`;
console.log(`${file}: ${kib(buf.length)} raw, ${kib(gzipSync(buf, { level: 9 }).length)} gzipped`);
console.log('\nsections:');
for (const [k, v] of Object.entries(sections).sort((a, b) => b[1] - a[1])) console.log(`  ${kib(v)}  ${k}`);
console.log(`\ncode by crate (${bodies.length} functions, ${kib(codeTotal)}):`);
for (const [k, v] of [...perCrate].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  console.log(`  ${kib(v)}  ${((100 * v) / codeTotal).toFixed(1).padStart(5)} %  ${k}`);
}
if (process.env.TOP) {
  const n = Number(process.env.TOP);
  console.log(`\nlargest ${n} functions:`);
  for (const [idx, size] of [...bodies].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`  ${kib(size)}  ${(names.get(idx) ?? '?').slice(0, 140)}`);
  }
}
