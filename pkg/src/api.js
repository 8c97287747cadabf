// The `proseo` functions, as wasm-bindgen exports them: re-exported by the entries that
// initialize the module synchronously at import (node.js, workerd.js), and their `init()`.
export {
  analyze,
  validateProduct,
  validateContent,
  sanitizeHtml,
  channels,
  version,
} from './proseo.js';

/** Already initialized at import; resolves immediately (the browser entry's init loads). */
export function init() {
  return Promise.resolve();
}
