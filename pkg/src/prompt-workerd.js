// proseo/prompt for Cloudflare Workers / workerd (the `workerd` export condition of
// `proseo/prompt`): the bundler imports the .wasm as a compiled WebAssembly.Module, which is
// instantiated synchronously at import. `init()` resolves immediately.
import wasm from './proseo_prompt_bg.wasm';
import { initSync } from './proseo_prompt.js';

initSync({ module: wasm });

export * from './prompt-api.js';
