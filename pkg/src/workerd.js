// proseo for Cloudflare Workers / workerd (the package's `workerd` export condition).
// Wrangler (and other workerd bundlers) import a `.wasm` file as a compiled WebAssembly.Module;
// instantiating a Module is synchronous and allowed at module scope, so every function works
// right away. `init()` resolves immediately.
import wasm from './proseo_bg.wasm';
import { initSync } from './proseo.js';

initSync({ module: wasm });

export * from './api.js';
