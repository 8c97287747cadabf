// `analyze` through a wasm-bindgen module of proseo's scoring .wasm, shared by the entries.

/**
 * Analyzes `input` with `wasm`. When `input` is a plain object whose own `content` is a
 * well-formed string (no lone surrogates), the description goes in as a string of its own and
 * the rest of the input as JSON (`analyzeContent`): `JSON.stringify` need not escape the
 * description, nor serde_json read it back (a 23 KB page's input took ≈ 45 µs to stringify).
 * Anything else (another prototype, `toJSON`, a getter, content of another type or with lone
 * surrogates, which `JSON.stringify` and serde_json reject, a property that throws) takes
 * `analyze` and its JSON, so the answers and errors are the same either way. Both answer in
 * compact form (crates/wasm/src/tape.rs), from which `fromTape` builds the `Analysis`.
 */
export function analyzeWith(wasm, input) {
  let split;
  try {
    split = splitContent(input);
  } catch {
    split = undefined;
  }
  const tape = split === undefined ? wasm.analyze(input) : wasm.analyzeContent(split.rest, split.content);
  return fromTape(namesOf(wasm), tape);
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

const NAMES = new WeakMap();

/** The module's lists of enum names (`analysisNames`), asked once per module. */
function namesOf(wasm) {
  let names = NAMES.get(wasm);
  if (names === undefined) {
    names = wasm.analysisNames();
    NAMES.set(wasm, names);
  }
  return names;
}

/**
 * The `Analysis` of the module's compact answer `[numbers, text]`: the value `JSON.parse` gives
 * of the analysis' JSON, fields in the same order (the parity test compares the two byte for
 * byte). Why not `JSON.parse`: reading every field name and building every object from 5–11 KB
 * of text took ≈ 15 µs of a 300-word description's ≈ 85 µs in Node; object literals over a
 * `Float64Array` take ≈ 1.4 µs. The layout is documented in crates/wasm/src/tape.rs. One loop
 * with plain locals (no closures over the read position, which V8 keeps in a context).
 */
function fromTape(names, [f, text]) {
  const { rating: R, check: C, field: F, origin: O } = names;
  let i = 2;
  let at = 0;
  const sections = [];
  for (let k = 0; k < 2; k++) {
    const s = { score: f[i], rating: R[f[i + 1]], checks_run: f[i + 2], checks_total: f[i + 3] };
    const reason = f[i + 4];
    i += 5;
    if (reason >= 0) s.reason = text.slice(at, (at += reason));
    const checks = new Array(f[i++]);
    for (let c = 0; c < checks.length; c++) {
      const id = C[f[i]];
      const score = f[i + 1];
      const rating = R[f[i + 2]];
      const message = text.slice(at, (at += f[i + 3]));
      const highlights = new Array(f[i + 4]);
      i += 5;
      for (let h = 0; h < highlights.length; h++, i += 5) {
        highlights[h] = { field: F[f[i]], start: f[i + 1], end: f[i + 2], start_utf16: f[i + 3], end_utf16: f[i + 4] };
      }
      checks[c] = { id, score, rating, message, highlights, origin: O[f[i++]] };
    }
    s.checks = checks;
    sections.push(s);
  }
  return {
    language: names.language[f[0]],
    profile: names.profile[f[1]],
    seo: sections[0],
    readability: sections[1],
    stats: JSON.parse(text.slice(at)),
  };
}
