// proseo for Node.js (the package's `node` export condition).
// Reads proseo_bg.wasm next to this file and instantiates it synchronously at import, registers
// the language data (lang/*.js), so every function works right away; `init()` exists for symmetry with the browser entry and resolves
// immediately.
import { readFileSync } from 'node:fs';
import { initSync, registerLanguageData } from './proseo.js';
import en from './lang/en.js';

initSync({ module: readFileSync(new URL('./proseo_bg.wasm', import.meta.url)) });
// The language data the .wasm leaves out (see lang/).
registerLanguageData('en', en);

export * from './api.js';
