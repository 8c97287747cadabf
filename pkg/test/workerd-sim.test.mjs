// The shared suite against dist/workerd.js in Node, with `.wasm` imports turned into compiled
// WebAssembly.Modules as wrangler does (workerd-loader.mjs). Checks the entry's wiring; the
// runtime itself is covered by the workerd tests.
import assert from 'node:assert/strict';
import { register } from 'node:module';
import test from 'node:test';

import { run } from './suite.mjs';

register('./workerd-loader.mjs', import.meta.url);

test('workerd entry (simulated in Node)', async (t) => {
  const workerd = await import('../dist/workerd.js');
  const pending = [];
  run(workerd, { test: (name, fn) => pending.push(t.test(name, fn)), assert });
  await Promise.all(pending);
});
