/**
 * proseo's scoring engine in the browser: loads the bundled npm package (assets/vendor/proseo)
 * once, with `init(url of proseo_bg.wasm)`, and exposes `window.proseoEngine.load(locales)` →
 * Promise<{ analyze }>, resolved once the data of each locale's language is registered (the
 * package loads a language's data on demand: analyzing before it is there would report that
 * language's checks as not assessed). Shared by the editor panel and the bulk page.
 */
(function () {
	'use strict';
	let loading;
	let prompt;
	window.proseoEngine = {
		/** `proseo/prompt` (the core's JSON-LD and more): Promise<{ jsonLd }>, loaded on first use. */
		loadPrompt() {
			const cfg = window.proseoConfig || {};
			if (!cfg.prompt) {
				return Promise.reject(new Error('not_built'));
			}
			if (!prompt) {
				prompt = import(cfg.prompt.module).then(async (mod) => {
					await mod.init(cfg.prompt.wasm);
					return mod;
				});
				prompt.catch(() => {
					prompt = undefined;
				});
			}
			return prompt;
		},
		/** The engine with the languages of `locales` (default: the page's locale) ready. */
		load(locales) {
			const cfg = window.proseoConfig || {};
			if (!cfg.engine) {
				return Promise.reject(new Error('not_built'));
			}
			if (!loading) {
				loading = import(cfg.engine.module).then(async (mod) => {
					await mod.init(cfg.engine.wasm);
					return mod;
				});
				loading.catch(() => {
					loading = undefined;
				});
			}
			const wanted = (locales && locales.length ? locales : [cfg.locale || 'en_US']).filter(Boolean);
			return loading.then(async (mod) => {
				if (mod.loadLanguage) {
					await mod.loadLanguage(...new Set(wanted));
				}
				return mod;
			});
		},
		/** Plain text of an HTML string (for previews), without running anything in it. */
		text(html) {
			const doc = new DOMParser().parseFromString('<body>' + String(html || ''), 'text/html');
			return (doc.body.textContent || '').replace(/\s+/g, ' ').trim();
		},
		words(html) {
			const t = this.text(html);
			return t ? t.split(' ').length : 0;
		},
		/**
		 * Text of another direction (the engine's English check messages, a product name) set
		 * inside a translated sentence: isolated (FSI … PDI), so an Arabic or Hebrew sentence
		 * keeps its order and the English keeps its punctuation.
		 */
		isolate(text) {
			return '\u2068' + String(text) + '\u2069';
		},
		/** A score badge's rating as the core rates sections: ≤ 40 bad, ≤ 70 ok, else good. */
		rating(score) {
			if (typeof score !== 'number') {
				return 'na';
			}
			return score <= 40 ? 'bad' : score <= 70 ? 'ok' : 'good';
		},
		/** apiFetch's rejection → a message for the merchant. */
		message(err) {
			if (err && err.message) {
				return err.message;
			}
			return window.wp.i18n.__('Something went wrong. Please try again.', 'proseo');
		},
	};
})();
