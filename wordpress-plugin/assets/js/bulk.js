/**
 * Products → Generate with proseo: choose products (paginated, with their current score from
 * the in-browser engine), create a job on the edge API (through the plugin's REST routes),
 * poll its progress, review before/after, and accept/reject per row or all rows with a score of
 * at least N — written in chunks, so a catalog of any size never hits a PHP timeout. The job's
 * id is kept in the URL (#job=…) and in the site's job list, so a closed page resumes.
 */
(function () {
	'use strict';
	const { __, _n, sprintf } = window.wp.i18n;
	const apiFetch = window.wp.apiFetch;
	const cfg = window.proseoConfig || {};
	const engine = window.proseoEngine;
	const $ = (id) => document.getElementById(id);
	if (!$('proseo-bulk')) {
		return;
	}
	const PER_PAGE = 20;
	const CHUNK = 10;
	const state = { page: 1, pages: 1, total: 0, selected: new Set(cfg.preselected || []), job: null, items: [], poll: 0, loads: 0 };
	let analyze = null;

	function el(tag, props, ...children) {
		const node = document.createElement(tag);
		const { dataset, ...rest } = props || {};
		Object.assign(node, rest);
		Object.assign(node.dataset, dataset || {});
		node.append(...children.filter((c) => c !== null && c !== undefined));
		return node;
	}

	/** Registers the languages of the listed products before they are scored. */
	async function languagesOf(list) {
		if (!analyze) {
			return;
		}
		try {
			await engine.load(list.map((p) => p.locale || cfg.locale || 'en_US'));
		} catch (e) {
			// Scores in a language whose data did not load say so (its checks are not assessed).
		}
	}

	/** A product's current scores, analyzed in its own language (WPML/Polylang, else the site's). */
	function scoreOf(html, keyphrase, locale) {
		if (!analyze) {
			return null;
		}
		const a = analyze({ content: html || '', keyphrase: keyphrase || '', profile: 'product', locale: locale || cfg.locale || 'en_US' });
		return { seo: a.seo.score, readability: a.readability.score };
	}

	function scoreCell(value) {
		return el('td', {}, el('span', { className: 'proseo-score', textContent: value === null ? '–' : String(value) }));
	}

	function status(text, kind) {
		const s = $('proseo-apply-status');
		s.textContent = text;
		s.className = kind ? 'proseo-' + kind : '';
	}

	function query() {
		const params = new URLSearchParams({
			page: String(state.page),
			per_page: String(PER_PAGE),
			search: $('proseo-filter-search').value.trim(),
			category: $('proseo-filter-category').value,
			missing: $('proseo-filter-missing').checked ? '1' : '0',
		});
		return params;
	}

	async function loadProducts() {
		// Only the latest request's answer is shown: the first page load (started once the engine
		// is ready) must not overwrite a filtered list that was asked for meanwhile.
		const seq = ++state.loads;
		const r = await apiFetch({ path: '/proseo/v1/products?' + query().toString() });
		if (seq !== state.loads) {
			return;
		}
		await languagesOf(r.items);
		state.pages = Math.max(1, r.pages);
		state.total = r.total;
		const body = $('proseo-products').querySelector('tbody');
		body.textContent = '';
		for (const p of r.items) {
			const box = el('input', { type: 'checkbox', value: String(p.id), checked: state.selected.has(p.id) });
			box.addEventListener('change', () => {
				if (box.checked) {
					state.selected.add(p.id);
				} else {
					state.selected.delete(p.id);
				}
				updateButton();
			});
			const s = scoreOf(p.description, p.keyphrase, p.locale);
			const row = el(
				'tr',
				{ dataset: { productId: String(p.id) } },
				el('th', { className: 'check-column' }, box),
				el('td', {}, el('a', { href: p.edit_link, textContent: p.name || '#' + p.id, dir: 'auto' })),
				el('td', { textContent: String(engine.words(p.description)) }),
				scoreCell(s ? s.seo : null),
				scoreCell(s ? s.readability : null)
			);
			row.querySelectorAll('.proseo-score').forEach((b) => (b.dataset.rating = engine.rating(Number(b.textContent))));
			body.append(row);
		}
		$('proseo-page-info').textContent = sprintf(
			/* translators: 1: page, 2: pages, 3: number of products */
			_n('Page %1$d of %2$d (%3$d product)', 'Page %1$d of %2$d (%3$d products)', state.total, 'proseo'),
			state.page,
			state.pages,
			state.total
		);
		$('proseo-prev').disabled = state.page <= 1;
		$('proseo-next').disabled = state.page >= state.pages;
		$('proseo-select-all').textContent = sprintf(
			/* translators: %d: number of products */
			_n('Select the %d matching product', 'Select all %d matching products', state.total, 'proseo'),
			state.total
		);
		updateButton();
	}

	function updateButton() {
		const b = $('proseo-create-job');
		b.disabled = state.selected.size === 0 || !cfg.configured;
		b.textContent = sprintf(
			/* translators: %d: number of products */
			_n('Generate a description for %d product', 'Generate descriptions for %d products', state.selected.size, 'proseo'),
			state.selected.size
		);
	}

	async function selectAllMatching() {
		const params = query();
		params.set('per_page', '100');
		for (let page = 1; ; page++) {
			params.set('page', String(page));
			const r = await apiFetch({ path: '/proseo/v1/products?' + params.toString() });
			r.items.forEach((p) => state.selected.add(p.id));
			if (page >= r.pages) {
				break;
			}
		}
		await loadProducts();
	}

	async function loadJobs() {
		const jobs = await apiFetch({ path: '/proseo/v1/jobs' });
		const list = $('proseo-jobs');
		list.textContent = '';
		if (!jobs.length) {
			list.append(el('li', { textContent: __('No jobs yet.', 'proseo') }));
		}
		for (const job of jobs) {
			const open = el('button', { type: 'button', className: 'button-link', textContent: __('Open', 'proseo') });
			open.addEventListener('click', () => openJob(job.id));
			const wb = job.writeback ? ' — ' + writebackLabel(job.writeback) + ' ' : ' ';
			list.append(el('li', { dataset: { jobId: job.id } }, el('bdi', { textContent: job.name }), ` (${job.total})${wb}`, open));
		}
	}

	async function createJob() {
		const b = $('proseo-create-job');
		b.disabled = true;
		try {
			const data = { product_ids: [...state.selected] };
			if ($('proseo-background').checked) {
				data.background = Math.max(0, Math.min(100, Number($('proseo-background-score').value || 0)));
			}
			const job = await apiFetch({ path: '/proseo/v1/jobs', method: 'POST', data });
			state.selected.clear();
			await loadJobs();
			openJob(job.id);
		} catch (err) {
			$('proseo-engine-status').textContent = engine.message(err);
			$('proseo-engine-status').className = 'proseo-engine-status proseo-error';
			updateButton();
		}
	}

	function showProgress(job) {
		$('proseo-progress').value = job.progress;
		/* translators: %d: a percentage; write it as your language does (e.g. "%d %%", "%%%d", "%d%%"). */
		$('proseo-progress-text').textContent = sprintf(__('%d %%', 'proseo'), job.progress);
		$('proseo-job').dataset.status = job.status;
		$('proseo-job').dataset.progress = String(job.progress);
		$('proseo-job-counts').textContent = sprintf(
			/* translators: 1: products written, 2: products failed, 3: products waiting, 4: products in the job */
			__('Written: %1$d, failed: %2$d, waiting: %3$d, total: %4$d', 'proseo'),
			job.completed,
			job.failed,
			job.pending,
			job.total
		);
	}

	/** A background write-back's state as the merchant reads it. */
	function writebackLabel(wb) {
		const labels = {
			running: __('Writing in the background', 'proseo'),
			done: __('Written in the background', 'proseo'),
			cancelled: __('Cancelled', 'proseo'),
			failed: __('Stopped', 'proseo'),
		};
		return labels[wb.state] || wb.state;
	}

	/** The background write-back of the open job: state, counts, last run and errors. */
	function showWriteback(job) {
		const wb = job.writeback;
		const box = $('proseo-writeback');
		box.hidden = !wb;
		$('proseo-cancel-job').hidden = job.status === 'cancelled' || (wb ? wb.state !== 'running' : job.status === 'completed');
		if (!wb) {
			return;
		}
		box.dataset.state = wb.state;
		box.dataset.written = String(wb.written);
		let text =
			writebackLabel(wb) +
			': ' +
			sprintf(
				/* translators: 1: products written by WP-Cron, 2: products that failed, 3: the lowest score written */
				__('%1$d written, %2$d failed (score at least %3$d).', 'proseo'),
				wb.written,
				wb.failed,
				wb.min_score
			);
		if (wb.last_run) {
			/* translators: %s: date and time */
			text += ' ' + sprintf(__('Last run: %s.', 'proseo'), new Date(wb.last_run).toLocaleString());
		}
		if (wb.state === 'running') {
			text += ' ' + __('Runs by WP-Cron; this page can be closed.', 'proseo');
		}
		$('proseo-writeback-status').textContent = text;
		const errors = $('proseo-writeback-errors');
		errors.textContent = '';
		for (const e of wb.errors || []) {
			const who = e.product_id ? /* translators: %d: product ID */ sprintf(__('Product #%d', 'proseo'), e.product_id) : __('Job', 'proseo');
			errors.append(el('li', {}, who + ': ', el('bdi', { textContent: e.message })));
		}
	}

	async function cancelJob() {
		const b = $('proseo-cancel-job');
		b.disabled = true;
		try {
			await apiFetch({ path: `/proseo/v1/jobs/${encodeURIComponent(state.job)}/cancel`, method: 'POST' });
			const job = await apiFetch({ path: '/proseo/v1/jobs/' + encodeURIComponent(state.job) });
			showProgress(job);
			showWriteback(job);
			loadJobs();
		} catch (err) {
			$('proseo-job-counts').textContent = engine.message(err);
		} finally {
			b.disabled = false;
		}
	}

	async function openJob(id) {
		clearTimeout(state.poll);
		state.job = id;
		window.location.hash = 'job=' + encodeURIComponent(id);
		$('proseo-job').hidden = false;
		$('proseo-review').hidden = true;
		state.written = -1;
		/* translators: %s: the job's ID */
		$('proseo-job-title').textContent = sprintf(__('Job %s', 'proseo'), id);
		const poll = async () => {
			if (state.job !== id) {
				return;
			}
			try {
				const job = await apiFetch({ path: '/proseo/v1/jobs/' + encodeURIComponent(id) });
				showProgress(job);
				showWriteback(job);
				if (job.status === 'completed' || job.status === 'cancelled' || job.pending === 0) {
					const written = job.writeback ? job.writeback.written : 0;
					if ($('proseo-review').hidden || written !== state.written) {
						state.written = written;
						await loadItems(id);
					}
					// Keep showing the background write-back's progress while it runs.
					if (job.writeback && job.writeback.state === 'running') {
						state.poll = setTimeout(poll, 5000);
					}
					return;
				}
			} catch (err) {
				$('proseo-job-counts').textContent = engine.message(err);
			}
			state.poll = setTimeout(poll, 1000);
		};
		poll();
	}

	async function loadItems(id) {
		const items = [];
		for (let page = 1; ; page++) {
			const r = await apiFetch({ path: `/proseo/v1/jobs/${encodeURIComponent(id)}/items?page=${page}` });
			items.push(...r.items);
			if (!r.pagination || page >= r.pagination.total_pages) {
				break;
			}
		}
		await languagesOf(items);
		state.items = items;
		renderItems();
		$('proseo-review').hidden = false;
		if ($('proseo-min-score').value === '') {
			$('proseo-min-score').value = String(cfg.targetScore || 70);
		}
	}

	/** An item's status as the merchant reads it (the edge API's statuses are identifiers). */
	function statusLabel(status) {
		const labels = {
			pending: __('Waiting', 'proseo'),
			generating: __('Writing', 'proseo'),
			generated: __('Ready for review', 'proseo'),
			failed: __('Failed', 'proseo'),
			approved: __('Accepted', 'proseo'),
			rejected: __('Rejected', 'proseo'),
			cancelled: __('Cancelled', 'proseo'),
		};
		return labels[status] || status;
	}

	function itemDone(item) {
		return (item.status === 'approved' && item.sync_status === 'synced') || item.status === 'rejected';
	}

	function renderItems() {
		const body = $('proseo-items').querySelector('tbody');
		body.textContent = '';
		for (const item of state.items) {
			const before = scoreOf(item.before, item.keyphrase, item.locale);
			const beforeScore = before ? Math.min(before.seo, before.readability) : null;
			const accept = el('button', { type: 'button', className: 'button button-small', textContent: __('Accept', 'proseo') });
			const reject = el('button', { type: 'button', className: 'button button-small', textContent: __('Reject', 'proseo') });
			const usable = item.status === 'generated' || item.status === 'approved' || item.status === 'rejected';
			accept.disabled = !usable || (item.status === 'approved' && item.sync_status === 'synced');
			reject.disabled = !usable || item.status === 'rejected' || (item.status === 'approved' && item.sync_status === 'synced');
			accept.addEventListener('click', () => apply([item.id], 'accept'));
			reject.addEventListener('click', () => apply([item.id], 'reject'));
			const label = statusLabel(item.status);
			const statusText = item.error
				? /* translators: 1: an item's status, 2: why it failed */ sprintf(__('%1$s: %2$s', 'proseo'), label, engine.isolate(item.error))
				: label + (item.sync_status === 'synced' ? ' ✓' : '');
			const change = sprintf(
				/* translators: 1: score before, 2: score after. The arrow points in your reading direction (← in right-to-left languages). */
				__('%1$s → %2$s', 'proseo'),
				beforeScore === null ? '–' : String(beforeScore),
				item.score === null ? '–' : String(item.score)
			);
			body.append(
				el(
					'tr',
					{ dataset: { itemId: item.id, productId: String(item.product_id), status: item.status, sync: item.sync_status } },
					el('td', {}, el('a', { href: item.edit_link, textContent: item.name || '#' + item.product_id, dir: 'auto' })),
					el('td', { className: 'proseo-text', textContent: engine.text(item.before).slice(0, 160), dir: 'auto' }),
					el('td', { className: 'proseo-text', textContent: engine.text(item.after).slice(0, 160), dir: 'auto' }),
					el('td', { className: 'proseo-score-change', textContent: change }),
					el('td', { className: 'proseo-item-status', textContent: statusText }),
					el('td', {}, accept, ' ', reject)
				)
			);
		}
	}

	async function apply(ids, decision) {
		let done = 0;
		let failed = 0;
		for (let i = 0; i < ids.length; i += CHUNK) {
			const chunk = ids.slice(i, i + CHUNK);
			/* translators: 1: items done, 2: items to do */
			status(sprintf(__('Saving %1$d of %2$d…', 'proseo'), i, ids.length));
			try {
				const results = await apiFetch({
					path: `/proseo/v1/jobs/${encodeURIComponent(state.job)}/apply`,
					method: 'POST',
					data: { item_ids: chunk, decision },
				});
				for (const r of results) {
					const item = state.items.find((it) => it.id === r.id);
					if (r.result === 'accepted' && item) {
						item.status = 'approved';
						item.sync_status = 'synced';
						done++;
					} else if (r.result === 'rejected' && item) {
						item.status = 'rejected';
						done++;
					} else {
						failed++;
						if (item) {
							item.error = r.message || r.result;
						}
					}
				}
			} catch (err) {
				status(engine.message(err), 'error');
				renderItems();
				return;
			}
			renderItems();
		}
		const text =
			decision === 'accept'
				? /* translators: %d: number of products */ sprintf(_n('%d description written.', '%d descriptions written.', done, 'proseo'), done)
				: /* translators: %d: number of products */ sprintf(_n('%d suggestion rejected.', '%d suggestions rejected.', done, 'proseo'), done);
		const failures = /* translators: %d: number of products */ sprintf(_n('%d product failed.', '%d products failed.', failed, 'proseo'), failed);
		status(failed ? text + ' ' + failures : text, failed ? 'error' : 'ok');
		$('proseo-review').dataset.applied = String(Date.now());
	}

	function acceptAll() {
		const min = Number($('proseo-min-score').value || 0);
		const ids = state.items.filter((it) => !itemDone(it) && (it.status === 'generated' || it.status === 'approved') && (it.score || 0) >= min).map((it) => it.id);
		if (!ids.length) {
			status(__('Nothing left to accept at this score.', 'proseo'));
			return;
		}
		apply(ids, 'accept');
	}

	$('proseo-filter-apply').addEventListener('click', () => {
		state.page = 1;
		loadProducts();
	});
	$('proseo-prev').addEventListener('click', () => {
		state.page--;
		loadProducts();
	});
	$('proseo-next').addEventListener('click', () => {
		state.page++;
		loadProducts();
	});
	$('proseo-select-page').addEventListener('change', (e) => {
		$('proseo-products')
			.querySelectorAll('tbody input[type=checkbox]')
			.forEach((box) => {
				box.checked = e.target.checked;
				box.dispatchEvent(new Event('change'));
			});
	});
	$('proseo-select-all').addEventListener('click', selectAllMatching);
	$('proseo-create-job').addEventListener('click', createJob);
	$('proseo-accept-all').addEventListener('click', acceptAll);
	$('proseo-cancel-job').addEventListener('click', cancelJob);
	$('proseo-background-score').value = String(cfg.targetScore || 70);

	const start = () => {
		loadProducts().catch((err) => ($('proseo-engine-status').textContent = engine.message(err)));
		loadJobs();
		const m = /job=([A-Za-z0-9_-]+)/.exec(window.location.hash);
		if (m) {
			openJob(m[1]);
		}
	};
	engine
		.load()
		.then((mod) => {
			analyze = mod.analyze;
		})
		.catch(() => {
			$('proseo-engine-status').textContent = __('The scoring engine is not available: scores are not shown.', 'proseo');
		})
		.finally(start);
})();
