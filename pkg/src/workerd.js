// proseo for Cloudflare Workers / workerd (the package's `workerd` export condition).
// Wrangler (and other workerd bundlers) import a `.wasm` file as a compiled WebAssembly.Module;
// instantiating a Module is synchronous and allowed at module scope, so every function works
// right away. `init()` resolves immediately.
import wasm from './proseo_bg.wasm';
import { initSync, registerLanguageData } from './proseo.js';
import en from './lang/en.js';

initSync({ module: wasm });
// The language data the .wasm leaves out (see lang/).
registerLanguageData('en', en);

export * from './api.js';
