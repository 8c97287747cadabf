// proseo for browsers, web workers and any other ESM runtime (the `browser`, `worker` and
// `default` export conditions). The .wasm loads asynchronously: `await init()` once before
// calling anything else; a call before that throws an Error with code `not_initialized`.
// English's language data is registered by init(); another language's (lang/<code>.js) is
// fetched by `loadLanguage(locale)`, or in the background the first time `analyze` sees its
// locale (that analysis reports the language-specific checks as "language data not loaded";
// the next one has them).
import initWasm, * as wasm from './proseo.js';
import { loader } from './loader.js';
import { languages } from './lang.js';
import { analyzeWith } from './analyze.js';
import en from './lang/en.js';

// A module per language: bundlers see the pattern and make each file a chunk of its own.
const lang = languages(wasm, (code) => import(`./lang/${code}.js`).then((m) => m.default));

// Default source: proseo_bg.wasm next to this file (bundlers see the `new URL` and copy it).
const { init, guard } = loader(
  async (opts) => {
    await initWasm(opts);
    wasm.registerLanguageData('en', en);
  },
  () => new URL('./proseo_bg.wasm', import.meta.url),
  'proseo',
);

export { init };

/** Analyzes `input`; starts loading its language's data when it is not there yet. */
export const analyze = guard('analyze', (input) => {
  if (input !== null && typeof input === 'object') lang.load(input.locale).catch(() => {});
  return analyzeWith(wasm, input);
});

/**
 * Loads the data of the given languages (locales or codes, or `'all'`) after `init()`;
 * resolves when they are registered. Rejects when a file cannot be fetched.
 */
export const loadLanguage = guard('loadLanguage', (...locales) => lang.loadLanguage(...locales));

export const validateProduct = guard('validateProduct', wasm.validateProduct);
export const validateContent = guard('validateContent', wasm.validateContent);
export const sanitizeHtml = guard('sanitizeHtml', wasm.sanitizeHtml);
export const channels = guard('channels', wasm.channels);
export const version = guard('version', wasm.version);
