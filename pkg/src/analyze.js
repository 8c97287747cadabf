// `analyze` through a wasm-bindgen module of proseo's scoring .wasm, shared by the entries.

/**
 * Analyzes `input` with `wasm`. When `input` is a plain object whose own `content` is a
 * well-formed string (no lone surrogates), the description goes in as a string of its own and
 * the rest of the input as JSON (`analyzeContent`): `JSON.stringify` need not escape the
 * description, nor serde_json read it back (a 23 KB page's input took ≈ 45 µs to stringify).
 * Anything else (another prototype, `toJSON`, a getter, content of another type or with lone
 * surrogates, which `JSON.stringify` and serde_json reject, a property that throws) takes
 * `analyze` and its JSON, so the answers and errors are the same either way.
 */
export function analyzeWith(wasm, input) {
  let split;
  try {
    split = splitContent(input);
  } catch {
    split = undefined;
  }
  return split === undefined ? wasm.analyze(input) : wasm.analyzeContent(split.rest, split.content);
}

function splitContent(input) {
  if (input === null || typeof input !== 'object') return undefined;
  const proto = Object.getPrototypeOf(input);
  if ((proto !== Object.prototype && proto !== null) || typeof input.toJSON === 'function') return undefined;
  const d = Object.getOwnPropertyDescriptor(input, 'content');
  if (d === undefined || !d.enumerable || typeof d.value !== 'string' || !wellFormed(d.value)) return undefined;
  const { content, ...rest } = input;
  return { content, rest };
}

function wellFormed(s) {
  // String.prototype.isWellFormed: Node 20, Chrome 111, Safari 16.4, Firefox 119.
  return typeof s.isWellFormed === 'function' ? s.isWellFormed() : !/[\uD800-\uDFFF]/.test(s);
}
