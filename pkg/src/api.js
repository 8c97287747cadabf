// The `proseo` functions (wasm-bindgen's exports; `analyze` through `analyzeWith`), re-exported by the workerd entry,
// which initializes the module synchronously at import, and its `init()`.
import * as wasm from './proseo.js';
import { analyzeWith } from './analyze.js';

export {
  validateProduct,
  validateContent,
  sanitizeHtml,
  channels,
  version,
} from './proseo.js';

/** Analyzes `input` (every language is registered at import). */
export function analyze(input) {
  return analyzeWith(wasm, input);
}

/** Already initialized at import; resolves immediately (the browser entry's init loads). */
export function init() {
  return Promise.resolve();
}
