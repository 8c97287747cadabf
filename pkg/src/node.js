// proseo for Node.js (the package's `node` export condition).
// Reads proseo_bg.wasm next to this file and instantiates it synchronously at import, so every
// function works right away; `init()` exists for symmetry with the browser entry and resolves
// immediately.
import { readFileSync } from 'node:fs';
import { initSync } from './proseo.js';

initSync({ module: readFileSync(new URL('./proseo_bg.wasm', import.meta.url)) });

export * from './api.js';
