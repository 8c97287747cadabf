// proseo for browsers, web workers and any other ESM runtime (the `browser`, `worker` and
// `default` export conditions). The .wasm loads asynchronously: `await init()` once before
// calling anything else; a call before that throws an Error with code `not_initialized`.
import initWasm, * as wasm from './proseo.js';
import { loader } from './loader.js';
import en from './lang/en.js';

// Default source: proseo_bg.wasm next to this file (bundlers see the `new URL` and copy it).
// After instantiating, init() registers the language data the .wasm leaves out (lang/*.js).
const { init, guard } = loader(
  async (opts) => {
    await initWasm(opts);
    wasm.registerLanguageData('en', en);
  },
  () => new URL('./proseo_bg.wasm', import.meta.url),
  'proseo',
);

export { init };
export const analyze = guard('analyze', wasm.analyze);
export const validateProduct = guard('validateProduct', wasm.validateProduct);
export const validateContent = guard('validateContent', wasm.validateContent);
export const sanitizeHtml = guard('sanitizeHtml', wasm.sanitizeHtml);
export const channels = guard('channels', wasm.channels);
export const version = guard('version', wasm.version);
