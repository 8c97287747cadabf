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
 * The `Analysis` of the module's compact answer `[numbers, text]`: the value `JSON.parse` gives of the
 * analysis' JSON, fields in the same order (the parity test compares the two byte for byte).
 * Why not `JSON.parse`: reading every field name and building every object from 5–11 KB of
 * text took ≈ 15 µs of a 300-word description's ≈ 85 µs in Node; object literals over a
 * `Float64Array` take ≈ 2–3 µs. The layout is documented in crates/wasm/src/tape.rs.
 */
function fromTape(names, [f, text]) {
  let i = 0;
  let at = 0;
  const string = (units) => {
    const s = text.slice(at, at + units);
    at += units;
    return s;
  };
  const name = (list) => {
    const v = list[f[i++]];
    if (v === undefined) throw new Error('proseo: an analysis value the module did not name');
    return v;
  };
  const section = () => {
    const s = { score: f[i++], rating: name(names.rating), checks_run: f[i++], checks_total: f[i++] };
    const reason = f[i++];
    if (reason >= 0) s.reason = string(reason);
    const checks = new Array(f[i++]);
    for (let k = 0; k < checks.length; k++) {
      const id = name(names.check);
      const score = f[i++];
      const rating = name(names.rating);
      const message = string(f[i++]);
      const highlights = new Array(f[i++]);
      for (let h = 0; h < highlights.length; h++) {
        highlights[h] = {
          field: name(names.field),
          start: f[i++],
          end: f[i++],
          start_utf16: f[i++],
          end_utf16: f[i++],
        };
      }
      checks[k] = { id, score, rating, message, highlights, origin: name(names.origin) };
    }
    s.checks = checks;
    return s;
  };
  const language = name(names.language);
  const profile = name(names.profile);
  const seo = section();
  const readability = section();
  return { language, profile, seo, readability, stats: JSON.parse(text.slice(at)) };
}
