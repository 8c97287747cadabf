// proseo for browsers, web workers and any other ESM runtime (the `browser`, `worker` and
// `default` export conditions). The .wasm loads asynchronously: `await init()` once before
// calling anything else; a call before that throws an Error with code `not_initialized`.
import initWasm, * as wasm from './proseo.js';

let ready = false;
let pending;

/**
 * Loads and instantiates the WebAssembly module. `source` may be a URL or URL string (fetched),
 * a Response or Promise<Response>, an ArrayBuffer / Uint8Array of the .wasm bytes, or a compiled
 * WebAssembly.Module. Default: `proseo_bg.wasm` next to this file. Calling it again (with any
 * source) returns the same promise; after a failure it may be called again.
 */
export function init(source) {
  if (ready) return Promise.resolve();
  if (pending === undefined) {
    const module_or_path = source ?? new URL('./proseo_bg.wasm', import.meta.url);
    pending = initWasm({ module_or_path }).then(
      () => {
        ready = true;
      },
      (err) => {
        pending = undefined;
        throw err;
      },
    );
  }
  return pending;
}

function guard(name, fn) {
  return function (...args) {
    if (!ready) {
      const err = new Error(`proseo: await init() before calling ${name}()`);
      err.code = 'not_initialized';
      throw err;
    }
    return fn(...args);
  };
}

export const analyze = guard('analyze', wasm.analyze);
export const validateProduct = guard('validateProduct', wasm.validateProduct);
export const validateContent = guard('validateContent', wasm.validateContent);
export const sanitizeHtml = guard('sanitizeHtml', wasm.sanitizeHtml);
export const renderPrompt = guard('renderPrompt', wasm.renderPrompt);
export const buildPrompt = guard('buildPrompt', wasm.buildPrompt);
export const parseCompletion = guard('parseCompletion', wasm.parseCompletion);
export const channels = guard('channels', wasm.channels);
export const templates = guard('templates', wasm.templates);
export const write = guard('write', wasm.write);
export const version = guard('version', wasm.version);
