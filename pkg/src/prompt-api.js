// The `proseo/prompt` functions, as wasm-bindgen exports them: re-exported by the entries that
// initialize the module synchronously at import (prompt-node.js, prompt-workerd.js), and their
// `init()`.
export {
  renderPrompt,
  buildPrompt,
  templates,
  parseCompletion,
  sanitizeContent,
  write,
  scoreGenerated,
  exportFeed,
  jsonLd,
  contentSignature,
  nearDuplicates,
  checkDuplicate,
  version,
} from './proseo_prompt.js';

/** Already initialized at import; resolves immediately (the browser entry's init loads). */
export function init() {
  return Promise.resolve();
}
