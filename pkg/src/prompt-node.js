// proseo/prompt for Node.js (the `node` export condition of `proseo/prompt`).
// Reads proseo_prompt_bg.wasm next to this file and instantiates it synchronously at import;
// `init()` resolves immediately.
import { readFileSync } from 'node:fs';
import { initSync } from './proseo_prompt.js';

initSync({ module: readFileSync(new URL('./proseo_prompt_bg.wasm', import.meta.url)) });

export * from './prompt-api.js';
