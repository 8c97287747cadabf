// proseo for Node.js (the package's `node` export condition).
// Reads proseo_bg.wasm next to this file and instantiates it synchronously at import, and
// registers English's language data; another language's data file (lang/<code>.js) is read
// from disk and registered the first time `analyze` sees its locale, so every function works
// right away. `init()` and `loadLanguage()` exist for symmetry with the browser entry and
// resolve immediately.
import { readFileSync } from 'node:fs';
import * as wasm from './proseo.js';
import { LANGUAGES, dataOfModuleSource, languages } from './lang.js';
import { analyzeWith } from './analyze.js';

wasm.initSync({ module: readFileSync(new URL('./proseo_bg.wasm', import.meta.url)) });

const lang = languages(wasm, (code) =>
  dataOfModuleSource(readFileSync(new URL(`./lang/${code}.js`, import.meta.url), 'utf8')),
);
lang.loadSync('en');

export { validateProduct, validateContent, sanitizeHtml, channels, version } from './proseo.js';

/** Analyzes `input`, registering its language's data first when needed. */
export function analyze(input) {
  if (input !== null && typeof input === 'object') lang.loadSync(input.locale);
  return analyzeWith(wasm, input);
}

/** Registers the data of the given languages (locales or codes; `'all'`): synchronously. */
export function loadLanguage(...locales) {
  const list = locales.length === 1 && locales[0] === 'all' ? LANGUAGES : locales;
  for (const l of list) lang.loadSync(l);
  return Promise.resolve();
}

/** Already initialized at import; resolves immediately (the browser entry's init loads). */
export function init() {
  return Promise.resolve();
}
