/**
 * The proseo panel on the product editor: scores the description as the merchant types
 * (debounced, in the browser, with the proseo engine), lists the checks (click one to see
 * where), and runs Generate → suggestion → Accept / Discard, and Undo, through the plugin's
 * REST routes (wp.apiFetch adds the nonce).
 */
(function () {
	'use strict';
	const { __, _n, sprintf } = window.wp.i18n;
	const apiFetch = window.wp.apiFetch;
	const cfg = window.proseoConfig;
	const engine = window.proseoEngine;
	const $ = (id) => document.getElementById(id);
	const root = $('proseo-root');
	if (!root || !cfg) {
		return;
	}
	const DEBOUNCE_MS = 250;
	const timings = (window.proseoTimings = []); // each scoring: its time, words and locale
	let analyze = null;
	let lastInput = null;
	let lastAnalysis = null;
	let timer = 0;

	function tinymceEditor() {
		const ed = window.tinymce && window.tinymce.get('content');
		return ed && !ed.isHidden() ? ed : null;
	}

	function description() {
		const ed = tinymceEditor();
		if (ed) {
			return ed.getContent();
		}
		const ta = $('content');
		return ta ? ta.value : '';
	}

	function setDescription(html) {
		const ta = $('content');
		if (ta) {
			ta.value = html;
		}
		const ed = window.tinymce && window.tinymce.get('content');
		if (ed) {
			ed.setContent(window.switchEditors ? window.switchEditors.wpautop(html) : html);
			ed.setDirty(false);
		}
	}

	function input() {
		const value = (id) => ($(id) ? $(id).value : '');
		return {
			content: description(),
			short_description: value('excerpt'),
			title: cfg.seoTitle || value('title'),
			meta_description: cfg.metaDescription || '',
			slug: cfg.slug || '',
			keyphrase: value('proseo-keyphrase').trim(),
			locale: cfg.locale || 'en_US',
			profile: 'product',
			product: { sku: cfg.sku || null },
		};
	}

	/** A section's badge: its score and rating, or "–" with the reason when it is not assessed. */
	function badge(el, label, section) {
		const na = !section || section.rating === 'na';
		el.dataset.rating = na ? 'na' : section.rating;
		el.textContent = '';
		el.append(label + ' ');
		const b = document.createElement('b');
		b.textContent = na ? '–' : String(section.score);
		el.append(b);
		el.title = section && section.reason ? section.reason : '';
	}

	/** "n of m checks ran", and why the others did not (or why the section is not assessed). */
	function coverage(id, section) {
		const el = $(id);
		if (!el) {
			return;
		}
		el.textContent = sprintf(
			/* translators: 1: number of checks that ran, 2: number of checks */
			__('%1$d of %2$d checks ran', 'proseo'),
			section.checks_run,
			section.checks_total
		);
		if (section.rating === 'na') {
			el.textContent = __('Not assessed.', 'proseo') + ' ' + el.textContent;
		}
		if (section.reason) {
			const reason = document.createElement('span');
			reason.dir = 'auto'; // the engine's words, whatever the admin's language
			reason.textContent = section.reason;
			el.append(document.createElement('br'), reason);
		}
		el.dataset.rating = section.rating;
	}

	function renderChecks(listId, section, data) {
		const list = $(listId);
		list.textContent = '';
		// Checks that ran first, then those that did not (with the reason), so nothing is hidden.
		const ordered = section.checks
			.filter((c) => c.rating !== 'na')
			.concat(section.checks.filter((c) => c.rating === 'na'));
		for (const check of ordered) {
			const li = document.createElement('li');
			li.dataset.rating = check.rating;
			li.dataset.check = check.id;
			li.dataset.origin = check.origin;
			const button = document.createElement('button');
			button.type = 'button';
			button.className = 'button-link';
			if (check.rating === 'na') {
				/* translators: %s: why a check did not run */
				button.textContent = sprintf(__('Not assessed: %s', 'proseo'), engine.isolate(check.message));
			} else {
				button.dir = 'auto'; // the engine's message keeps its own direction
				button.textContent = check.message;
			}
			button.disabled = check.highlights.length === 0;
			button.addEventListener('click', () => highlight(check, data));
			li.append(button);
			list.append(li);
		}
	}

	/** Shows where a check found something: selects it in the text editor or title, and lists
	 * each place with some context (UTF-16 offsets into the scored input). */
	function highlight(check, data) {
		const box = $('proseo-highlight');
		box.textContent = '';
		const title = document.createElement('p');
		title.className = 'proseo-highlight-title';
		title.dir = 'auto';
		title.textContent = check.message;
		box.append(title);
		for (const h of check.highlights.slice(0, 20)) {
			const text = data[h.field] || '';
			const p = document.createElement('p');
			p.dir = 'auto'; // the product's text, whatever the direction of the admin's language
			p.append('…' + text.slice(Math.max(0, h.start_utf16 - 40), h.start_utf16));
			const mark = document.createElement('mark');
			mark.textContent = text.slice(h.start_utf16, h.end_utf16);
			p.append(mark, text.slice(h.end_utf16, h.end_utf16 + 40) + '…');
			box.append(p);
		}
		box.hidden = false;
		const first = check.highlights[0];
		if (first) {
			const target = first.field === 'content' && !tinymceEditor() ? $('content') : first.field === 'title' ? $('title') : null;
			if (target && target.setSelectionRange) {
				target.focus();
				target.setSelectionRange(first.start_utf16, first.end_utf16);
			}
		}
	}

	function score() {
		if (!analyze) {
			return;
		}
		const data = input();
		const key = JSON.stringify(data);
		if (key === lastInput) {
			return;
		}
		lastInput = key;
		const t0 = performance.now();
		const analysis = analyze(data);
		const ms = performance.now() - t0;
		timings.push({ ms, words: analysis.stats ? analysis.stats.words : null, locale: data.locale });
		lastAnalysis = analysis;
		badge($('proseo-seo-score'), __('SEO', 'proseo'), analysis.seo);
		badge($('proseo-readability-score'), __('Readability', 'proseo'), analysis.readability);
		coverage('proseo-seo-coverage', analysis.seo);
		coverage('proseo-readability-coverage', analysis.readability);
		/* translators: %s: milliseconds */
		$('proseo-timing').textContent = sprintf(__('scored in %s ms', 'proseo'), ms.toFixed(1));
		renderChecks('proseo-seo-checks', analysis.seo, data);
		renderChecks('proseo-readability-checks', analysis.readability, data);
		root.dataset.scored = String(timings.length);
	}

	/** "Analysis language: French": the locale the panel scores in, named in the admin's language. */
	function showLanguage() {
		const el = $('proseo-language');
		if (!el) {
			return;
		}
		const tag = String(cfg.locale || 'en_US').replace(/_/g, '-');
		let name = tag;
		try {
			const ui = document.documentElement.lang || 'en';
			name = new Intl.DisplayNames([ui, 'en'], { type: 'language' }).of(tag) || tag;
		} catch (e) {
			// Intl.DisplayNames is missing (old browser) or the tag is not BCP 47: show the tag.
		}
		/* translators: %s: a language's name, e.g. French */
		el.textContent = sprintf(__('Analysis language: %s', 'proseo'), name);
		el.dataset.locale = cfg.locale || 'en_US';
	}

	function schedule() {
		clearTimeout(timer);
		timer = setTimeout(score, DEBOUNCE_MS);
	}

	function message(text, kind) {
		const el = $('proseo-message');
		el.textContent = text;
		el.className = 'proseo-message' + (kind ? ' is-' + kind : '');
	}

	function busy(on) {
		for (const id of ['proseo-generate', 'proseo-accept', 'proseo-discard', 'proseo-undo']) {
			$(id).disabled = on;
		}
		root.classList.toggle('is-busy', on);
	}

	function showSuggestion(s) {
		const box = $('proseo-suggestion');
		if (!s) {
			box.hidden = true;
			return;
		}
		$('proseo-current').textContent = engine.text(description());
		if (lastAnalysis) {
			$('proseo-current-score').textContent = sprintf(
				/* translators: 1: SEO score, 2: readability score */
				__('SEO %1$d · readability %2$d', 'proseo'),
				lastAnalysis.seo.score,
				lastAnalysis.readability.score
			);
		}
		// Sanitized on the server (wp_kses_post) before it was stored.
		$('proseo-suggested').innerHTML = s.content.description || '';
		$('proseo-suggestion-score').textContent = sprintf(
			/* translators: 1: SEO score, 2: readability score */
			__('SEO %1$d · readability %2$d', 'proseo'),
			s.seo_score,
			s.readability_score
		);
		const meta = $('proseo-suggested-meta');
		meta.textContent = '';
		const rows = [
			[__('Short description', 'proseo'), engine.text(s.content.short_description)],
			[__('SEO title', 'proseo'), s.content.seo_title],
			[__('Meta description', 'proseo'), s.content.meta_description],
		];
		// Alt texts: the n-th for the n-th image of the generation input (featured, then gallery).
		const alts = (s.content.image_alt || []).filter((alt, n) => alt && s.images && s.images[n]);
		(s.content.image_alt || []).forEach((alt, n) => {
			if (alt && s.images && s.images[n]) {
				/* translators: %d: the image's position (1 = the featured image, then the gallery) */
				rows.push([sprintf(__('Alt text, image %d', 'proseo'), n + 1), alt]);
			}
		});
		$('proseo-alt-choice').hidden = alts.length === 0;
		$('proseo-overwrite-alt').checked = !!cfg.overwriteAlt;
		for (const [label, value] of rows) {
			if (value) {
				const dt = document.createElement('dt');
				dt.textContent = label;
				const dd = document.createElement('dd');
				dd.dir = 'auto';
				dd.textContent = value;
				meta.append(dt, dd);
			}
		}
		const keeps = $('proseo-keeps');
		keeps.hidden = !(s.keeps && s.keeps.length);
		keeps.textContent = keeps.hidden
			? ''
			: sprintf(
					/* translators: %d: number of shortcodes or embedded media */
					_n(
						'%d shortcode or embedded medium from the current description is not in the suggestion: accepting keeps it at its end.',
						'%d shortcodes or embedded media from the current description are not in the suggestion: accepting keeps them at its end.',
						s.keeps.length,
						'proseo'
					),
					s.keeps.length
			  );
		box.hidden = false;
	}

	/**
	 * The product's structured data: its JSON-LD is built by the core (proseo/prompt's jsonLd,
	 * here in the browser) whenever the product data changed since it was last built (a save
	 * reloads this page; accept and undo change the description), stored through the REST
	 * route, and its rich-result checks listed. The server outputs it on the product page only
	 * while it matches the product.
	 */
	async function structuredData() {
		const status = $('proseo-jsonld-status');
		const list = $('proseo-jsonld-checks');
		const box = $('proseo-jsonld');
		try {
			let st = await apiFetch({ path: route('jsonld') });
			box.dataset.state = 'loading';
			if (st.enabled && !st.emitter && !st.fresh) {
				const mod = await engine.loadPrompt();
				const built = mod.jsonLd(st.input.product, null, st.input.options);
				st = await apiFetch({
					path: route('jsonld'),
					method: 'POST',
					data: { json_ld: built.json_ld, checks: built.checks, eligible: built.eligible, hash: st.hash },
				});
			}
			list.textContent = '';
			if (!st.enabled) {
				status.textContent = __('Off: proseo outputs no structured data (Settings → proseo).', 'proseo');
				box.dataset.state = 'off';
				return;
			}
			if (st.emitter) {
				status.textContent = sprintf(
					/* translators: %s: the plugin that outputs Product structured data (Yoast WooCommerce SEO, Rank Math, WooCommerce) */
					__('%s already outputs Product structured data on this page, so proseo does not.', 'proseo'),
					engine.isolate(st.emitter)
				);
				box.dataset.state = 'other';
				return;
			}
			const stored = st.stored || { eligible: false, checks: { issues: [] } };
			box.dataset.state = stored.eligible ? 'eligible' : 'not-eligible';
			status.textContent = stored.eligible
				? __('Output on the product page. Eligible for product rich results.', 'proseo')
				: __('Output on the product page, but not eligible for product rich results: see the errors below.', 'proseo');
			for (const issue of stored.checks.issues || []) {
				const li = document.createElement('li');
				li.dataset.rating = issue.severity === 'error' ? 'bad' : 'ok';
				li.dataset.check = issue.code;
				const text = document.createElement('span');
				text.dir = 'auto'; // the engine's English message
				text.textContent = issue.message;
				li.append(text);
				list.append(li);
			}
		} catch (err) {
			box.dataset.state = 'error';
			status.textContent =
				err && err.message === 'not_built'
					? __('The structured data engine is not built: run wordpress-plugin/bin/build-assets.', 'proseo')
					: engine.message(err);
		}
	}

	function route(action) {
		return `/proseo/v1/products/${cfg.postId}/${action}`;
	}

	async function generate() {
		busy(true);
		message(__('Writing a description…', 'proseo'));
		try {
			const s = await apiFetch({ path: route('generate'), method: 'POST', data: { keyphrase: $('proseo-keyphrase').value.trim() } });
			showSuggestion(s);
			/* translators: %d: the suggestion's score (0-100) */
			message(sprintf(__('Suggestion ready: score %d.', 'proseo'), s.score), 'success');
		} catch (err) {
			message(engine.message(err), 'error');
		} finally {
			busy(false);
		}
	}

	async function accept() {
		busy(true);
		try {
			const data = { keyphrase: $('proseo-keyphrase').value.trim() };
			if (!$('proseo-alt-choice').hidden) {
				data.overwrite_alt = $('proseo-overwrite-alt').checked;
			}
			const r = await apiFetch({ path: route('accept'), method: 'POST', data });
			setDescription(r.post_content);
			if ($('excerpt')) {
				$('excerpt').value = r.post_excerpt;
			}
			cfg.seoTitle = r.fields.seo_title || cfg.seoTitle;
			cfg.metaDescription = r.fields.meta_description || cfg.metaDescription;
			showSuggestion(null);
			$('proseo-undo').hidden = false;
			let text = __('Saved to the product.', 'proseo');
			if (r.preserved && r.preserved.length) {
				text +=
					' ' +
					sprintf(
						/* translators: %d: number of shortcodes or embedded media */
						_n(
							'%d shortcode or embedded medium from the old description was kept at the end.',
							'%d shortcodes or embedded media from the old description were kept at the end.',
							r.preserved.length,
							'proseo'
						),
						r.preserved.length
					);
			}
			if (r.alts && (r.alts.written || r.alts.kept)) {
				text +=
					' ' +
					sprintf(
						/* translators: 1: alt texts written, 2: alt texts kept as the merchant wrote them */
						__('Image alt texts: %1$d written, %2$d kept.', 'proseo'),
						r.alts.written,
						r.alts.kept
					);
			}
			message(text, 'success');
			score();
			structuredData();
		} catch (err) {
			message(engine.message(err), 'error');
		} finally {
			busy(false);
		}
	}

	async function discard() {
		busy(true);
		try {
			await apiFetch({ path: route('discard'), method: 'POST' });
			showSuggestion(null);
			message(__('Suggestion discarded; the product is unchanged.', 'proseo'));
		} catch (err) {
			message(engine.message(err), 'error');
		} finally {
			busy(false);
		}
	}

	async function undo() {
		busy(true);
		try {
			const r = await apiFetch({ path: route('undo'), method: 'POST' });
			setDescription(r.post_content);
			if ($('excerpt')) {
				$('excerpt').value = r.post_excerpt;
			}
			$('proseo-keyphrase').value = r.keyphrase || '';
			$('proseo-undo').hidden = true;
			message(__('Restored the previous description.', 'proseo'), 'success');
			score();
			structuredData();
		} catch (err) {
			message(engine.message(err), 'error');
		} finally {
			busy(false);
		}
	}

	$('proseo-generate').addEventListener('click', generate);
	$('proseo-accept').addEventListener('click', accept);
	$('proseo-discard').addEventListener('click', discard);
	$('proseo-undo').addEventListener('click', undo);
	$('proseo-undo').hidden = !cfg.canUndo;
	showLanguage();
	structuredData();
	if (!cfg.configured) {
		$('proseo-generate').disabled = true;
		message(__('Connect proseo under Settings → proseo to generate descriptions.', 'proseo'));
	}

	for (const id of ['content', 'title', 'excerpt', 'proseo-keyphrase']) {
		const el = $(id);
		if (el) {
			el.addEventListener('input', schedule);
		}
	}
	const watch = (ed) => {
		if (ed && ed.id === 'content') {
			ed.on('input keyup change SetContent', schedule);
		}
	};
	if (window.tinymce) {
		window.tinymce.on('AddEditor', (e) => watch(e.editor));
		watch(window.tinymce.get('content'));
	}
	document.addEventListener('click', (e) => {
		if (e.target && (e.target.id === 'content-html' || e.target.id === 'content-tmce')) {
			schedule();
		}
	});

	engine
		.load()
		.then((mod) => {
			analyze = mod.analyze;
			$('proseo-engine-status').hidden = true;
			score();
			showSuggestion(cfg.suggestion);
		})
		.catch((err) => {
			$('proseo-engine-status').textContent =
				err && err.message === 'not_built'
					? __('The scoring engine is not built: run wordpress-plugin/bin/build-assets.', 'proseo')
					: __('The scoring engine could not be loaded.', 'proseo') + ' ' + String(err);
			showSuggestion(cfg.suggestion);
		});
})();
