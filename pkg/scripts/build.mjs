#!/usr/bin/env node
// Builds the npm package into pkg/dist (run as `npm --prefix pkg run build`).
//
// The package has two .wasm modules, both from crates/wasm with different cargo features (see
// crates/wasm/src/lib.rs): `proseo` (features `scoring` and `external-lang-data`: analysis,
// validation, sanitizing; the `proseo` entry; its language data files are not in the .wasm but
// in dist/lang/<code>.js, written by gen-pkg-data and registered by the entries) and
// `proseo_prompt` (feature `prompt`: templates, completion parsing and
// the offline writer; the `proseo/prompt` entry).
//
// 1. Installs its own tools when missing (idempotent): the wasm32-unknown-unknown target,
//    wasm-bindgen-cli 0.2.130 (must equal the `wasm-bindgen` crate pin in the root Cargo.toml),
//    and pkg/node_modules (`npm ci` when a devDependency is missing or at another version:
//    binaryen's wasm-opt, json-schema-to-typescript, and the test/bench tools).
// 2. Per module: cargo build --profile wasm-release --target wasm32-unknown-unknown
//    -p proseo-wasm --lib --no-default-features --features <feature> (one cargo invocation per
//    module, so features never unify), copied to pkg/build/cargo/<module>.wasm (with its
//    `name` section, for scripts/size-breakdown.mjs)
// 3. gen-pkg-data (native): pkg/build/schema.json and pkg/build/parity.json
// 4. Per module: wasm-bindgen --target web → pkg/build/bindgen/{<module>.js, <module>_bg.wasm}
// 5. Per module: wasm-opt -Oz --converge (and the flags below) → pkg/dist/<module>_bg.wasm
// 6. json-schema-to-typescript → pkg/dist/types.d.ts
// 7. pkg/src/* (the per-environment wrappers and .d.ts) and the wasm-bindgen glue (long string
//    arguments through `TextEncoder.encodeInto`, see GLUE_STRING_FROM) → pkg/dist
// 8. Prints raw and gzipped .wasm sizes and writes them to pkg/dist/size.json.
//
// Environment: PROSEO_SKIP_WASM_OPT=1 skips step 5 (copies the unoptimized .wasm; faster
// iteration, much larger files).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const WASM_BINDGEN_VERSION = '0.2.130';
const TARGET = 'wasm32-unknown-unknown';
const PROFILE = 'wasm-release';
/** The .wasm modules: output name → crates/wasm feature. */
const MODULES = { proseo: 'scoring,external-lang-data', proseo_prompt: 'prompt' };

const pkg = dirname(dirname(fileURLToPath(import.meta.url)));
const root = dirname(pkg);
const build = join(pkg, 'build');
const dist = join(pkg, 'dist');
const started = performance.now();
const timings = {};

function log(msg) {
  process.stderr.write(`[build] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} exited with ${r.status}`);
}

function output(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}

async function step(name, fn) {
  const t = performance.now();
  await fn();
  timings[name] = Math.round(performance.now() - t) / 1000;
  log(`${name}: ${timings[name]} s`);
}

function sizes(file) {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

function kb(n) {
  return `${(n / 1024).toFixed(1)} KiB`;
}

await step('tools', () => {
  if (!output('rustup', ['target', 'list', '--installed']).split('\n').includes(TARGET)) {
    run('rustup', ['target', 'add', TARGET]);
  }
  const have = output('wasm-bindgen', ['--version']).trim();
  if (have !== `wasm-bindgen ${WASM_BINDGEN_VERSION}`) {
    log(`wasm-bindgen is "${have || 'missing'}"; installing ${WASM_BINDGEN_VERSION} (≈ 3.5 min)`);
    // Not --locked: the CLI's own lockfile pins crates that no longer build with current rustc.
    run('cargo', ['install', 'wasm-bindgen-cli', '--version', WASM_BINDGEN_VERSION]);
  }
  // Every devDependency (build tools, and the test/bench ones: playwright-core, wrangler,
  // yoastseo), so a node_modules from an older package.json is brought up to date too.
  const { devDependencies } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  const installed = (name) => {
    try {
      return JSON.parse(readFileSync(join(pkg, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  const stale = Object.entries(devDependencies).filter(([name, version]) => installed(name) !== version);
  if (stale.length > 0) {
    log(`node_modules lacks ${stale.map(([n, v]) => `${n}@${v}`).join(', ')}: npm ci`);
    run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: pkg });
  }
});

const cargoOut = join(build, 'cargo');
await step('cargo build (wasm)', () => {
  rmSync(cargoOut, { recursive: true, force: true });
  mkdirSync(cargoOut, { recursive: true });
  for (const [name, feature] of Object.entries(MODULES)) {
    run('cargo', [
      'build', '--profile', PROFILE, '--target', TARGET, '-p', 'proseo-wasm', '--lib',
      '--no-default-features', '--features', feature,
    ]);
    cpSync(join(root, 'target', TARGET, PROFILE, 'proseo_wasm.wasm'), join(cargoOut, `${name}.wasm`));
  }
});

await step('gen-pkg-data (schema, parity)', () => {
  run('cargo', ['run', '--quiet', '-p', 'proseo-wasm', '--bin', 'gen-pkg-data', '--', build]);
});

const bindgen = join(build, 'bindgen');
await step('wasm-bindgen', () => {
  rmSync(bindgen, { recursive: true, force: true });
  for (const name of Object.keys(MODULES)) {
    run('wasm-bindgen', [
      '--target', 'web',
      '--no-typescript',
      '--out-dir', bindgen,
      '--out-name', name,
      join(cargoOut, `${name}.wasm`),
    ]);
  }
});

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await step('wasm-opt', () => {
  for (const name of Object.keys(MODULES)) {
    const from = join(bindgen, `${name}_bg.wasm`);
    const to = join(dist, `${name}_bg.wasm`);
    if (process.env.PROSEO_SKIP_WASM_OPT === '1') {
      log(`PROSEO_SKIP_WASM_OPT=1: copying the unoptimized ${name}_bg.wasm`);
      cpSync(from, to);
      continue;
    }
    // binaryen reads the enabled features from the module's target_features section (which,
    // like the producers section, the output then leaves out). --converge: repeat -Oz while it
    // still shrinks the module. --zero-filled-memory: the module defines its own memory, which
    // starts zeroed, so zero bytes of data segments need not be stored;
    // --low-memory-unused: Rust's wasm32 layout puts nothing in the first 1 KiB (≈ 1 KB gz
    // together). --reorder-functions-by-name: functions of one Rust module sit together, so
    // gzip finds more repeats (≈ 1.3 KB gz). Other -O levels and passes measured no smaller
    // (docs/architecture.md, "Size and speed of the npm package").
    run(join(pkg, 'node_modules', '.bin', 'wasm-opt'), [
      '-Oz', '--converge', '--zero-filled-memory', '--low-memory-unused',
      '--reorder-functions-by-name', '--strip-producers', '--strip-target-features', from, '-o', to,
    ]);
  }
});

await step('types', async () => {
  const { compile } = await import('json-schema-to-typescript');
  const schema = JSON.parse(readFileSync(join(build, 'schema.json'), 'utf8'));
  // json-schema-to-typescript turns `{ "$ref": X, "description": … }` (schemars' field docs)
  // into a fresh copy of X (Rating1, Section1…); keep the bare reference instead.
  const bareRefs = (v) => {
    if (Array.isArray(v)) return v.map(bareRefs);
    if (v === null || typeof v !== 'object') return v;
    if (typeof v.$ref === 'string') return { $ref: v.$ref };
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, bareRefs(x)]));
  };
  const ts = await compile(bareRefs(schema), 'ProseoWireType', {
    additionalProperties: false,
    unreachableDefinitions: true,
    strictIndexSignatures: true,
    bannerComment:
      '// Generated from proseo-core\'s Rust types (crates/wasm/src/bin/gen-pkg-data.rs →\n' +
      '// JSON Schema → json-schema-to-typescript) by pkg/scripts/build.mjs. Do not edit.',
    cwd: build,
  });
  writeFileSync(join(dist, 'types.d.ts'), ts);
});

// wasm-bindgen's glue copies a string argument into the module one character at a time in
// JavaScript while it is ASCII (≈ 2 µs for a 300-word description, ≈ 5 % of its `analyze` in
// Node); `TextEncoder.encodeInto` writes it natively (≈ 0.1 µs). So a string of more than 32
// code units is encoded straight into a buffer of one byte per code unit (all an ASCII string
// needs); if it does not all fit, the buffer grows by 3 bytes (UTF-8's most) per code unit
// left and the rest is encoded after it; the buffer is then shrunk to the bytes written. These
// are the same bytes as the glue's own path (which also ends in `encodeInto`, lone surrogates
// becoming U+FFFD), and no more memory for ASCII. The patch is written against the pinned
// wasm-bindgen (0.2.130); the build fails if its glue no longer has the lines it replaces.
const GLUE_STRING_FROM = `    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;
`;
const GLUE_STRING_TO = `    let len = arg.length;
    if (len > 32) {
        // proseo (pkg/scripts/build.mjs): long strings through encodeInto.
        let ptr = malloc(len, 1) >>> 0;
        let { read, written } = cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(ptr, ptr + len));
        if (read !== len) {
            const cap = written + (len - read) * 3;
            ptr = realloc(ptr, len, cap, 1) >>> 0;
            const rest = cachedTextEncoder.encodeInto(arg.slice(read), getUint8ArrayMemory0().subarray(ptr + written, ptr + cap));
            written += rest.written;
            ptr = realloc(ptr, cap, written, 1) >>> 0;
        }
        WASM_VECTOR_LEN = written;
        return ptr;
    }
    let ptr = malloc(len, 1) >>> 0;
`;

function patchGlue(js, name) {
  const parts = js.split(GLUE_STRING_FROM);
  if (parts.length !== 2) {
    throw new Error(`${name}.js: wasm-bindgen's passStringToWasm0 is not the one pkg/scripts/build.mjs patches (found ${parts.length - 1} copies); update GLUE_STRING_FROM/TO`);
  }
  return parts.join(GLUE_STRING_TO);
}

await step('copy', () => {
  for (const name of Object.keys(MODULES)) {
    const js = readFileSync(join(bindgen, `${name}.js`), 'utf8');
    writeFileSync(join(dist, `${name}.js`), patchGlue(js, name));
  }
  for (const f of readdirSync(join(pkg, 'src'))) cpSync(join(pkg, 'src', f), join(dist, f));
  cpSync(join(build, 'lang'), join(dist, 'lang'), { recursive: true });
});

const report = {
  optimized: process.env.PROSEO_SKIP_WASM_OPT !== '1',
  modules: {},
  seconds: Math.round(performance.now() - started) / 1000,
  steps: timings,
};
for (const name of Object.keys(MODULES)) {
  const before = sizes(join(bindgen, `${name}_bg.wasm`));
  const after = sizes(join(dist, `${name}_bg.wasm`));
  report.modules[name] = { wasm_bindgen: before, wasm_opt: after };
  log(`${name}_bg.wasm before wasm-opt: ${kb(before.raw)} raw, ${kb(before.gzip)} gzipped`);
  log(`${name}_bg.wasm after  wasm-opt: ${kb(after.raw)} raw, ${kb(after.gzip)} gzipped`);
}
report.lang = {};
for (const f of readdirSync(join(dist, 'lang'))) {
  report.lang[f] = sizes(join(dist, 'lang', f));
  log(`lang/${f}: ${kb(report.lang[f].raw)} raw, ${kb(report.lang[f].gzip)} gzipped`);
}
writeFileSync(join(dist, 'size.json'), `${JSON.stringify(report, null, 2)}\n`);
log(`done in ${report.seconds} s → ${dist}`);
