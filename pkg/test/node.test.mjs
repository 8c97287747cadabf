// The shared suite against the built package's Node entry, resolved through the package's own
// `exports` (self-reference: `proseo` → dist/node.js under the `node` condition), plus the
// browser entry run in Node (init() from bytes, and `not_initialized` before it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';

import * as proseo from 'proseo';
import { run } from './suite.mjs';

/** Runs the shared suite as subtests of `t` (and waits for them all). */
async function suite(t, api, extra = {}) {
  const pending = [];
  run(api, { test: (name, fn) => pending.push(t.test(name, fn)), assert, ...extra });
  await Promise.all(pending);
}

const parity = JSON.parse(readFileSync(new URL('../build/parity.json', import.meta.url), 'utf8'));

test('node entry', async (t) => {
  await suite(t, proseo, { parity });
});

test('browser entry (in Node)', async (t) => {
  const browser = await import('../dist/browser.js');
  await t.test('calls before init() throw not_initialized', () => {
    assert.throws(() => browser.version(), (err) => err instanceof Error && err.code === 'not_initialized');
  });
  await t.test('init() from bytes, then from anything (no-op)', async () => {
    const bytes = readFileSync(new URL('../dist/proseo_bg.wasm', import.meta.url));
    await browser.init(new Uint8Array(bytes));
    await browser.init('ignored: already initialized');
    assert.equal(browser.version(), proseo.version());
  });
  await suite(t, browser);
});

test('package.json exports', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  assert.deepEqual(Object.keys(pkg.exports['.']), ['types', 'workerd', 'worker', 'browser', 'node', 'default']);
  for (const target of [...Object.values(pkg.exports['.']), ...Object.values(pkg.exports['./client']), pkg.exports['./proseo_bg.wasm']]) {
    assert.ok(readFileSync(new URL(`../${target}`, import.meta.url)).length > 0, target);
  }
});
