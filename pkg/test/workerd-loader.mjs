// A Node module hook that imports `*.wasm` the way wrangler/workerd do (a default export that is
// a compiled WebAssembly.Module), so workerd.js can be exercised in Node. Registered by
// workerd-sim.test.mjs; real workerd tests run under wrangler.
export async function load(url, context, nextLoad) {
  if (url.endsWith('.wasm')) {
    return {
      format: 'module',
      shortCircuit: true,
      source:
        "import { readFileSync } from 'node:fs';\n" +
        `export default new WebAssembly.Module(readFileSync(new URL(${JSON.stringify(url)})));\n`,
    };
  }
  return nextLoad(url, context);
}
