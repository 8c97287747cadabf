// `analyze` through a wasm-bindgen module of proseo's scoring .wasm, shared by the entries.

/**
 * Analyzes `input` with `wasm`. When `input.content` is a well-formed string (no lone
 * surrogates) of the plain object's own, it goes in as a string of its own and the rest of the
 * input as JSON (`analyzeContent`): `JSON.stringify` need not escape the description, nor
 * serde_json read it back (a 23 KB page's input took ≈ 45 µs to stringify). Anything else (a
 * `toJSON`, an array, a getter, content of another type or with lone surrogates, which
 * `JSON.stringify` and serde_json reject) takes `analyze` and its JSON, so the answers and
 * errors are the same either way.
 */
export function analyzeWith(wasm, input) {
  if (input !== null && typeof input === 'object' && !Array.isArray(input) && typeof input.toJSON !== 'function') {
    const d = Object.getOwnPropertyDescriptor(input, 'content');
    if (d !== undefined && d.enumerable && typeof d.value === 'string' && wellFormed(d.value)) {
      const { content, ...rest } = input;
      return wasm.analyzeContent(rest, content);
    }
  }
  return wasm.analyze(input);
}

function wellFormed(s) {
  // String.prototype.isWellFormed: Node 20, Chrome 111, Safari 16.4, Firefox 119.
  return typeof s.isWellFormed === 'function' ? s.isWellFormed() : !/[\uD800-\uDFFF]/.test(s);
}
