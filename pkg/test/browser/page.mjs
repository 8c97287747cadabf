// Runs in the browser page (served by browser.test.mjs): imports the package's browser entry
// and the shared suite as plain ES modules (no bundler) and exposes `window.proseoTest`, which
// the Node side calls through playwright-core's page.evaluate().
import * as proseo from '../../dist/browser.js';
import { collect } from '../harness.mjs';
import { run } from '../suite.mjs';

async function parity() {
  const res = await fetch(new URL('../../build/parity.json', import.meta.url));
  if (!res.ok) throw new Error(`parity.json: HTTP ${res.status}`);
  return res.json();
}

function notInitialized() {
  try {
    proseo.version();
    return 'no error';
  } catch (err) {
    return err?.code;
  }
}

window.proseoTest = {
  /**
   * Initializes the module from `source` ('url': the .wasm's URL, fetched and compiled while
   * streaming; 'bytes': the .wasm fetched first and passed as a Uint8Array), timing init() and
   * the first analysis, then runs the shared suite (with the native core's parity data).
   */
  async run(source) {
    const before = notInitialized();
    const wasmUrl = new URL('/dist/proseo_bg.wasm', location);
    let arg = wasmUrl;
    if (source === 'bytes') arg = new Uint8Array(await (await fetch(wasmUrl)).arrayBuffer());
    const t0 = performance.now();
    await proseo.init(arg);
    const t1 = performance.now();
    const first = proseo.analyze({ content: '<p>Our ceramic mug keeps coffee hot.</p>', keyphrase: 'ceramic mug' });
    const t2 = performance.now();
    const results = await collect(run, proseo, { parity: await parity() });
    return {
      before,
      version: proseo.version(),
      firstScore: first.seo.score,
      initMs: t1 - t0,
      firstAnalyzeMs: t2 - t1,
      userAgent: navigator.userAgent,
      results,
    };
  },
};
