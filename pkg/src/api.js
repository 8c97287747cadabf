// The `proseo` functions, as wasm-bindgen exports them: re-exported by the workerd entry,
// which initializes the module synchronously at import, and its `init()`.
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
