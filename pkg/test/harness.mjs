// A tiny test harness for running suite.mjs where node:test and node:assert do not exist (a
// browser page, a Worker in workerd). Environment-neutral: no Node APIs, no dependencies.
//
//   const results = await collect(api, { parity });
//   // → [{ name, ok, ms, error? }], in the suite's order
//
// The Node runners turn each result into a node:test subtest, so a failure shows up under its
// own name with the message and stack from the environment that ran it.

/** Thrown by `assert`; `code` matches node:assert's AssertionError (suite.mjs relies on it). */
export class AssertionError extends Error {
  constructor(message, { actual, expected, operator } = {}) {
    super(message);
    this.name = 'AssertionError';
    this.code = 'ERR_ASSERTION';
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
  }
}

function show(value) {
  try {
    const s = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
    return s.length > 300 ? `${s.slice(0, 300)}…` : s;
  } catch {
    return String(value);
  }
}

/** Strict deep equality in the spirit of node:assert's deepStrictEqual (JSON-shaped values). */
function deepEqual(a, b, path = '') {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${path || 'value'}: ${show(a)} !== ${show(b)}`;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path || 'value'}: different prototypes`;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return `${path}.length: ${a.length} !== ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = deepEqual(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.join('\0') !== kb.join('\0')) return `${path || 'value'}: keys ${show(ka)} !== ${show(kb)}`;
  for (const k of ka) {
    const d = deepEqual(a[k], b[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

function fail(message, fallback, details) {
  throw new AssertionError(message === undefined ? fallback : `${message}\n  ${fallback}`, details);
}

/** The subset of node:assert/strict that suite.mjs uses. */
export const assert = {
  ok(value, message) {
    if (!value) fail(message, `expected a truthy value, got ${show(value)}`, { actual: value, expected: true, operator: '==' });
  },
  equal(actual, expected, message) {
    if (!Object.is(actual, expected)) {
      let where = '';
      if (typeof actual === 'string' && typeof expected === 'string') {
        let i = 0;
        while (actual[i] === expected[i]) i++;
        where = `\n  first difference at index ${i}: ${show(actual.slice(Math.max(0, i - 40), i + 40))} vs ${show(expected.slice(Math.max(0, i - 40), i + 40))}`;
      }
      fail(message, `${show(actual)} !== ${show(expected)}${where}`, { actual, expected, operator: 'strictEqual' });
    }
  },
  deepEqual(actual, expected, message) {
    const d = deepEqual(actual, expected);
    if (d) fail(message, d, { actual, expected, operator: 'deepStrictEqual' });
  },
  match(string, regexp, message) {
    if (typeof string !== 'string' || !regexp.test(string)) {
      fail(message, `${show(string)} does not match ${regexp}`, { actual: string, expected: regexp, operator: 'match' });
    }
  },
  throws(fn, check, message) {
    try {
      fn();
    } catch (err) {
      if (typeof check === 'function' && check(err) !== true) fail(message, `the error did not validate: ${err}`);
      return;
    }
    fail(message, 'expected the function to throw');
  },
  fail(message) {
    throw new AssertionError(message ?? 'failed', { operator: 'fail' });
  },
};

/**
 * Runs `run(api, {test, assert, parity})` (suite.mjs) one test at a time and returns every
 * test's outcome; never throws for a failing test.
 */
export async function collect(run, api, { parity } = {}) {
  const tests = [];
  run(api, { test: (name, fn) => tests.push({ name, fn }), assert, parity });
  const results = [];
  for (const { name, fn } of tests) {
    const started = performance.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: performance.now() - started });
    } catch (err) {
      results.push({
        name,
        ok: false,
        ms: performance.now() - started,
        error: { message: String(err?.message ?? err), code: err?.code, stack: String(err?.stack ?? '') },
      });
    }
  }
  return results;
}

/**
 * Node side: reports collected results as node:test subtests of `t` (one per suite test), so a
 * failure in another environment is listed by name with its message and remote stack.
 */
export async function report(t, results) {
  if (results.length === 0) throw new Error('the environment ran no test');
  for (const r of results) {
    await t.test(r.name, () => {
      if (!r.ok) {
        const err = new Error(`${r.error.message}\n--- stack in the environment ---\n${r.error.stack}`);
        err.code = r.error.code;
        throw err;
      }
    });
  }
}
