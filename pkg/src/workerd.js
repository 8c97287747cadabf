// proseo for Cloudflare Workers / workerd (the package's `workerd` export condition).
// Wrangler (and other workerd bundlers) import a `.wasm` file as a compiled WebAssembly.Module;
// instantiating a Module is synchronous and allowed at module scope, so every function works
// right away. `init()` resolves immediately.
import wasm from './proseo_bg.wasm';
import { initSync } from './proseo.js';

initSync({ module: wasm });

export {
  analyze,
  validateProduct,
  validateContent,
  sanitizeHtml,
  renderPrompt,
  buildPrompt,
  parseCompletion,
  channels,
  templates,
  write,
  version,
} from './proseo.js';

/** Already initialized at import; resolves immediately. */
export function init() {
  return Promise.resolve();
}
