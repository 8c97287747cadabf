// Runs in the browser page (served by browser.test.mjs): imports the package's browser entries
// (`proseo` and `proseo/prompt`) and the shared suite as plain ES modules (no bundler) and exposes `window.proseoTest`, which
// the Node side calls through playwright-core's page.evaluate().
import * as proseo from '../../dist/browser.js';
import * as prompt from '../../dist/prompt-browser.js';
import { collect } from '../harness.mjs';
import { combine, run } from '../suite.mjs';

async function parity() {
  const res = await fetch(new URL('../../build/parity.json', import.meta.url));
  if (!res.ok) throw new Error(`parity.json: HTTP ${res.status}`);
  return res.json();
}

function notInitialized(entry) {
  try {
    entry.version();
    return 'no error';
  } catch (err) {
    return err?.code;
  }
}

window.proseoTest = {
  /**
   * Initializes the scoring module from `source` ('url': the .wasm's URL, fetched and compiled
   * while streaming; 'bytes': the .wasm fetched first and passed as a Uint8Array), timing init()
   * and the first analysis; then the prompt module the same way (checking that it was not
   * loaded before its own init()), then runs the shared suite (with the native core's parity
   * data).
   */
  async run(source) {
    const before = notInitialized(proseo);
    const load = async (file) => {
      const url = new URL(`/dist/${file}`, location);
      return source === 'bytes' ? new Uint8Array(await (await fetch(url)).arrayBuffer()) : url;
    };
    const arg = await load('proseo_bg.wasm');
    const t0 = performance.now();
    await proseo.init(arg);
    const t1 = performance.now();
    const first = proseo.analyze({ content: '<p>Our ceramic mug keeps coffee hot.</p>', keyphrase: 'ceramic mug' });
    const t2 = performance.now();
    const promptBefore = notInitialized(prompt);
    const promptArg = await load('proseo_prompt_bg.wasm');
    const t3 = performance.now();
    await prompt.init(promptArg);
    const t4 = performance.now();
    const results = await collect(run, combine(proseo, prompt), { parity: await parity() });
    return {
      before,
      promptBefore,
      promptInitMs: t4 - t3,
      version: proseo.version(),
      firstScore: first.seo.score,
      initMs: t1 - t0,
      firstAnalyzeMs: t2 - t1,
      userAgent: navigator.userAgent,
      results,
    };
  },
};
