/** Settings → proseo: the "Test connection" button (the API is called server-side). */
(function () {
	'use strict';
	const { __ } = window.wp.i18n;
	const button = document.getElementById('proseo-test-connection');
	const out = document.getElementById('proseo-test-result');
	if (!button || !out) {
		return;
	}
	button.addEventListener('click', async () => {
		button.disabled = true;
		out.className = '';
		out.textContent = __('Testing…', 'proseo');
		try {
			const r = await window.wp.apiFetch({ path: '/proseo/v1/settings/test', method: 'POST' });
			out.className = 'proseo-ok';
			out.textContent = r.message;
		} catch (err) {
			out.className = 'proseo-error';
			out.textContent = window.proseoEngine.message(err);
		} finally {
			button.disabled = false;
		}
	});
})();
