// Language data for the scoring module (`proseo`): its .wasm is built without the language
// data files (see README: "Languages"); each is `lang/<code>.js`, an ES module whose default
// export is the file's text, registered with the .wasm before that language is analyzed.
// English is registered by every entry up front; the others when first needed: synchronously
// from disk in Node, by dynamic import() in browsers (a bundler makes each file a chunk of its
// own), all up front in workerd.

/** The languages with a data file (proseo-core's `lang::DATA_FILES`). */
export const LANGUAGES = ['en', 'es', 'de', 'fr', 'it', 'nl', 'pt', 'ru', 'pl', 'ar', 'he', 'fa', 'ja', 'zh', 'ko'];

/** The text a `lang/<code>.js` module exports, read from its source (Node reads the file). */
export function dataOfModuleSource(source) {
  const start = source.indexOf('export default ');
  const end = source.lastIndexOf(';');
  if (start < 0 || end < start) throw new Error('proseo: not a language data module');
  return JSON.parse(source.slice(start + 'export default '.length, end));
}

/**
 * The language machinery of one entry over its wasm-bindgen module `wasm`. `fetchData(code)`
 * returns the data file's text, or a Promise of it.
 */
export function languages(wasm, fetchData) {
  const pending = new Map();

  function codeOf(locale) {
    return wasm.languageOf(typeof locale === 'string' ? locale : '');
  }

  /** Loads a language's data (by locale or code); resolves when it is registered. */
  function load(locale) {
    const code = codeOf(locale);
    if (!LANGUAGES.includes(code) || wasm.languageLoaded(code)) return Promise.resolve();
    let p = pending.get(code);
    if (p === undefined) {
      p = Promise.resolve()
        .then(() => fetchData(code))
        .then((text) => wasm.registerLanguageData(code, text))
        .finally(() => pending.delete(code));
      pending.set(code, p);
    }
    return p;
  }

  /** Registers a language's data synchronously, when `fetchData` answers synchronously. */
  function loadSync(locale) {
    const code = codeOf(locale);
    if (!LANGUAGES.includes(code) || wasm.languageLoaded(code)) return;
    wasm.registerLanguageData(code, fetchData(code));
  }

  /** `loadLanguage(...locales)`: loads each (all of them for `'all'`). */
  function loadLanguage(...locales) {
    const list = locales.length === 1 && locales[0] === 'all' ? LANGUAGES : locales;
    return Promise.all(list.map(load)).then(() => undefined);
  }

  return { codeOf, load, loadSync, loadLanguage };
}
