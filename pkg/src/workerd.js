// proseo for Cloudflare Workers / workerd (the package's `workerd` export condition).
// Wrangler (and other workerd bundlers) import a `.wasm` file as a compiled WebAssembly.Module;
// instantiating a Module is synchronous and allowed at module scope, so every function works
// right away. A Worker carries every language: all language data files (lang/*.js) are
// imported and registered here. `init()` and `loadLanguage()` resolve immediately.
import wasm from './proseo_bg.wasm';
import { initSync, registerLanguageData } from './proseo.js';
import en from './lang/en.js';
import es from './lang/es.js';
import de from './lang/de.js';
import fr from './lang/fr.js';
import it from './lang/it.js';
import nl from './lang/nl.js';
import pt from './lang/pt.js';
import ru from './lang/ru.js';
import pl from './lang/pl.js';
import ar from './lang/ar.js';
import he from './lang/he.js';
import fa from './lang/fa.js';
import ja from './lang/ja.js';
import zh from './lang/zh.js';
import ko from './lang/ko.js';

initSync({ module: wasm });
for (const [code, text] of Object.entries({ en, es, de, fr, it, nl, pt, ru, pl, ar, he, fa, ja, zh, ko })) {
  registerLanguageData(code, text);
}

export * from './api.js';

/** Every language is registered at import; resolves immediately. */
export function loadLanguage() {
  return Promise.resolve();
}
