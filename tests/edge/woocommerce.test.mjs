// The WooCommerce connector end to end: the Worker under wrangler dev talks to the test store
// (tests/wordpress/store-up: a real WordPress serving the wc/v3 products, variations and batch
// routes behind Application Passwords) — connection test, full and incremental pulls with
// paging and variations, generation from the catalog, pushes with conflict detection, the
// store's 401/403/404/429/500, timeouts and malformed JSON, scheduled pulls, cancel, isolation.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { allProducts, createTenant, d1, expectError, expectOk, sleep, sweep, waitFor, waitForJob } from './helpers.mjs';

const STORE = process.env.WC_STORE_URL;
const USER = process.env.WC_USER;
const PASSWORD = process.env.WC_APP_PASSWORD;
if (!STORE || !PASSWORD) throw new Error('WC_STORE_URL is not set: run with tests/edge/run.sh (it starts the test store)');

/** The test store's own API (as its administrator). */
async function shop(method, path, body) {
  const res = await fetch(`${STORE}/wp-json/${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.status < 300, `${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}
const seed = (opts) => shop('POST', 'proseo-test/v1/seed', opts);
const fault = (f) => shop('POST', 'proseo-test/v1/fault', f);
const product = (id) => shop('GET', `wc/v3/products/${id}`);
const requests = () => shop('GET', 'proseo-test/v1/requests');

before(async () => {
  await shop('POST', 'proseo-test/v1/reset', {});
});

async function connect(api, settings = {}, credentials = { consumer_key: USER, consumer_secret: PASSWORD }) {
  return expectOk(await api.post('/integrations', { type: 'woocommerce', name: 'Test store', credentials, settings: { store_url: STORE, ...settings } }), 201);
}

const FINISHED = new Set(['completed', 'failed', 'cancelled']);
async function waitForRun(api, id, timeout = 120000) {
  let last;
  try {
    return await waitFor(async () => {
      last = expectOk(await api.get(`/syncs/${id}`));
      return FINISHED.has(last.status) ? last : null;
    }, { timeout, interval: 300, what: `sync run ${id}` });
  } catch (e) {
    e.message += `; last: ${JSON.stringify(last)}`;
    throw e;
  }
}
async function pull(api, store, body) {
  const run = expectOk(await api.post(`/integrations/${store.id}/pull`, body), 202);
  assert.equal(run.kind, 'pull');
  return waitForRun(api, run.id);
}
async function push(api, store, body) {
  const run = expectOk(await api.post(`/integrations/${store.id}/push`, body), 202);
  assert.equal(run.kind, 'push');
  return waitForRun(api, run.id);
}

test('a store: HTTPS only (loopback excepted), keys sealed, connection test with typed failures', async () => {
  const { api } = await createTenant();
  const bad = expectError(await api.post('/integrations', { type: 'woocommerce', name: 's', credentials: { consumer_key: 'ck', consumer_secret: 'cs' }, settings: { store_url: 'http://shop.example' } }), 422, 'validation_failed');
  assert.equal(bad.details.fields[0].code, 'store_url_not_allowed');
  expectError(await api.post('/integrations', { type: 'woocommerce', name: 's', credentials: { consumer_key: 'ck' }, settings: { store_url: 'https://shop.example' } }), 422, 'validation_failed');
  expectError(await api.post('/integrations', { type: 'woocommerce', name: 's', credentials: { consumer_key: 'ck', consumer_secret: 'cs' }, settings: { store_url: 'https://shop.example' }, is_default: true }), 422, 'validation_failed');
  const store = await connect(api);
  assert.equal(store.type, 'woocommerce');
  assert.equal(store.settings.store_url, STORE);
  assert.equal(store.settings.per_page, 100);
  assert.ok(!JSON.stringify(store).includes(PASSWORD), 'the secret is never returned');
  assert.equal(store.store.last_run, null);
  const listed = expectOk(await api.get('/integrations')).find((i) => i.id === store.id);
  assert.deepEqual(listed.settings, store.settings);
  // A store is not an LLM provider.
  expectError(await api.post('/generate', { product: { name: 'Mug' }, integration_id: store.id }), 404, 'not_found');

  await seed({ count: 3, prefix: 'conn' });
  const ok = expectOk(await api.post(`/integrations/${store.id}/test`));
  assert.deepEqual([ok.ok, ok.products, ok.error], [true, 3, null]);
  const wrong = await connect(api, {}, { consumer_key: USER, consumer_secret: 'not the password' });
  const r1 = expectOk(await api.post(`/integrations/${wrong.id}/test`));
  assert.deepEqual([r1.ok, r1.error.code, r1.error.status], [false, 'store_unauthorized', 401]);
  const viewer = await connect(api, {}, { consumer_key: process.env.WC_VIEWER_USER, consumer_secret: process.env.WC_VIEWER_PASSWORD });
  const r2 = expectOk(await api.post(`/integrations/${viewer.id}/test`));
  assert.deepEqual([r2.error.code, r2.error.status], ['store_unauthorized', 403]);
  assert.match(r2.error.message, /woocommerce_rest_cannot_view/);
  const nowhere = await connect(api, { store_url: `${STORE}/no-woocommerce-here` });
  const r3 = expectOk(await api.post(`/integrations/${nowhere.id}/test`));
  assert.equal(r3.error.code, 'store_not_found');
  const closed = await connect(api, { store_url: 'http://127.0.0.1:9', timeout_ms: 2000 });
  const r4 = expectOk(await api.post(`/integrations/${closed.id}/test`));
  assert.ok(['store_unreachable', 'store_timeout'].includes(r4.error.code), JSON.stringify(r4));

  // PATCH: the keys, the settings merged over the stored ones, the schedule from now.
  const fixed = expectOk(await api.patch(`/integrations/${wrong.id}`, { name: 'Fixed', credentials: { consumer_key: USER, consumer_secret: PASSWORD }, settings: { per_page: 7, sync_interval_minutes: 30 } }));
  assert.deepEqual([fixed.name, fixed.settings.per_page, fixed.settings.store_url], ['Fixed', 7, STORE]);
  assert.ok(Math.abs(Date.parse(fixed.store.next_sync_at) - (Date.now() + 30 * 60000)) < 120000);
  assert.equal(expectOk(await api.post(`/integrations/${wrong.id}/test`)).ok, true);
  const off = expectOk(await api.patch(`/integrations/${wrong.id}`, { settings: { sync_interval_minutes: null } }));
  assert.equal(off.store.next_sync_at, null);
  const refused = expectError(await api.patch(`/integrations/${wrong.id}`, { settings: { store_url: 'http://shop.example' } }), 422, 'validation_failed');
  assert.equal(refused.details.fields[0].code, 'store_url_not_allowed');
  expectError(await api.patch(`/integrations/${wrong.id}`, { settings: { per_page: 500 } }), 422, 'validation_failed');
  const provider = expectOk(await api.post('/integrations', { type: 'offline', name: 'writer' }), 201);
  expectError(await api.patch(`/integrations/${provider.id}`, { name: 'x' }), 409, 'invalid_state');
  expectError(await api.patch('/integrations/int_missing', { name: 'x' }), 404, 'not_found');
  await shop('POST', 'proseo-test/v1/reset', {});
});

test('pull: every page (X-WP-Total/X-WP-TotalPages), variations attached to their parents, re-pull unchanged, incremental by modified_after', async () => {
  const { api } = await createTenant();
  await shop('POST', 'proseo-test/v1/reset', {});
  await seed({ count: 23, prefix: 'pull', variable_every: 5, variations: 3, images: 2, modified_gmt: '2026-01-01 00:00:00' });
  const store = await connect(api, { per_page: 10, currency: 'EUR' });
  const run = await pull(api, store);
  assert.equal(run.status, 'completed', JSON.stringify(run));
  assert.deepEqual([run.full, run.total, run.total_pages, run.page, run.created, run.processed], [true, 23, 3, 3, 23, 23]);
  assert.equal(run.progress, 100);
  const products = await allProducts(api, { source: store.id });
  assert.equal(products.length, 23);
  const variable = products.filter((p) => p.product.type === 'variable');
  assert.equal(variable.length, 4);
  for (const p of variable) {
    assert.equal(p.product.variants.length, 3, p.name);
    assert.deepEqual(p.product.variants.map((v) => v.attributes[0].value), ['S', 'M', 'L']);
  }
  const one = products[0];
  assert.equal(one.source_kind, 'woocommerce');
  assert.equal(one.product.currency, 'EUR');
  assert.equal(one.product.images.length, 2);
  assert.equal(one.source_modified, '2026-01-01T00:00:00');
  const state = expectOk(await api.get('/integrations')).find((i) => i.id === store.id).store;
  assert.equal(state.last_run.id, run.id);
  assert.match(state.pull_cutoff, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);

  // Edit one product in the store; the next pull asks only for what changed since the cutoff.
  const target = products.find((p) => p.product.type === 'simple');
  await shop('PUT', `wc/v3/products/${target.external_id}`, { name: `${target.name} Deluxe` });
  const again = await pull(api, store);
  assert.equal(again.full, false);
  assert.equal(again.modified_after, state.pull_cutoff);
  assert.deepEqual([again.processed, again.updated, again.created], [1, 1, 0], JSON.stringify(again));
  const changed = expectOk(await api.get(`/products/${target.id}`));
  assert.equal(changed.name, `${target.name} Deluxe`);
  // A full pull sees everything again; nothing else changed.
  const full = await pull(api, store, { full: true });
  assert.deepEqual([full.processed, full.unchanged, full.updated], [23, 23, 0]);
  // Runs are listed newest first.
  const runs = expectOk(await api.get(`/integrations/${store.id}/syncs`));
  assert.deepEqual(runs.map((r) => r.id), [full.id, again.id, run.id]);
});

test('pull → generate → push: description, short description, Yoast meta and image alt texts reach the store; a re-pull changes nothing', async () => {
  const { api } = await createTenant();
  await shop('POST', 'proseo-test/v1/reset', {});
  const seeded = await seed({ count: 12, prefix: 'push', variable_every: 4, images: 2, unique_images: true });
  const store = await connect(api, { per_page: 5, seo_meta: ['yoast', 'rank_math'], push_batch_size: 5 });
  await pull(api, store);
  const job = expectOk(await api.post('/jobs', { name: 'store', catalog: { source: store.id }, approve_min_score: 0 }), 201);
  const done = await waitForJob(api, job.id);
  assert.deepEqual([done.total, done.completed], [12, 12]);
  const run = await push(api, store);
  assert.equal(run.status, 'completed', JSON.stringify(run));
  assert.deepEqual([run.total, run.pushed, run.conflicts, run.failed], [12, 12, 0, 0]);
  const products = await allProducts(api, { source: store.id });
  assert.ok(products.every((p) => p.status === 'pushed' && p.sync.status === 'pushed'));
  for (const id of seeded.ids.slice(0, 3)) {
    const p = await product(id);
    const mine = products.find((x) => x.external_id === String(id));
    assert.equal(p.description, mine.content.description);
    assert.equal(p.short_description, mine.content.short_description);
    const meta = Object.fromEntries(p.meta_data.map((m) => [m.key, m.value]));
    assert.equal(meta._yoast_wpseo_title, mine.content.seo_title);
    assert.equal(meta._yoast_wpseo_metadesc, mine.content.meta_description);
    assert.equal(meta._yoast_wpseo_focuskw, mine.focus_keyphrase);
    assert.equal(meta.rank_math_description, mine.content.meta_description);
    assert.equal(p.slug, mine.product.url.split('/').filter(Boolean).pop(), 'the slug is kept unless push_slug');
    assert.equal(p.images.length, 2);
    assert.equal(p.images[0].alt, mine.content.image_alt[0], 'alt texts written to the images');
    assert.equal(mine.source_modified, p.date_modified_gmt, 'the stamp after the push is kept');
  }
  // Pushing again writes nothing; pulling again finds nothing changed; nothing to generate.
  assert.equal((await push(api, store)).pushed, 0);
  const re = await pull(api, store, { full: true });
  assert.deepEqual([re.updated, re.unchanged], [0, 12]);
  const rerun = await waitForJob(api, expectOk(await api.post('/jobs', { name: 'again', catalog: { source: store.id } }), 201).id);
  assert.deepEqual([rerun.total, rerun.catalog.skipped], [0, 12]);
});

test('conflict: a product edited in the store between pull and push is not overwritten, and is reported', async () => {
  const { api } = await createTenant();
  await shop('POST', 'proseo-test/v1/reset', {});
  const seeded = await seed({ count: 4, prefix: 'conf', images: 1 });
  const store = await connect(api);
  await pull(api, store);
  await waitForJob(api, expectOk(await api.post('/jobs', { name: 'c', catalog: { source: store.id }, approve_min_score: 0 }), 201).id);
  // The merchant edits one product in the store (a second later: WooCommerce's stamps are in seconds).
  await sleep(1100);
  const edited = seeded.ids[1];
  await shop('PUT', `wc/v3/products/${edited}`, { description: '<p>Written by the merchant.</p>' });
  const run = await push(api, store);
  assert.deepEqual([run.status, run.pushed, run.conflicts], ['completed', 3, 1], JSON.stringify(run));
  const conflict = run.errors.find((e) => e.code === 'conflict');
  assert.equal(conflict.external_id, String(edited));
  assert.match(conflict.message, /modified in the store/);
  assert.equal((await product(edited)).description, '<p>Written by the merchant.</p>', 'not overwritten');
  const [row] = await allProducts(api, { q: String(edited) });
  assert.equal(row.sync.status, 'conflict');
  assert.equal(row.status, 'approved');
  // A plain push leaves it alone; force overwrites it.
  assert.deepEqual([(await push(api, store)).conflicts, (await product(edited)).description], [0, '<p>Written by the merchant.</p>']);
  const forced = await push(api, store, { force: true, ids: [row.id] });
  assert.equal(forced.pushed, 1);
  assert.equal((await product(edited)).description, row.content.description);
});

test('the store fails: 429 waits for Retry-After, 500 and malformed JSON and timeouts are retried, 401 and 404 fail the run; errors are on the run and the store', async () => {
  const { api } = await createTenant();
  await shop('POST', 'proseo-test/v1/reset', {});
  await seed({ count: 6, prefix: 'flt' });
  const store = await connect(api, { per_page: 3, timeout_ms: 1500, push_batch_size: 3 });

  await fault({ mode: 'status', status: 429, retry_after: '3', match: 'GET /wc/v3/products' });
  let run = await pull(api, store);
  assert.equal(run.status, 'completed', JSON.stringify(run));
  const rate = run.errors.find((e) => e.code === 'store_rate_limited');
  assert.ok(rate, JSON.stringify(run.errors));
  assert.match(rate.message, /retrying in 3 s/);
  assert.ok(Date.parse(run.finished_at) - Date.parse(rate.at) >= 3000, 'the step waited for Retry-After');
  assert.equal(run.created, 6);
  assert.equal((await requests())['GET /wc/v3/products'], 3, 'the 429, then both pages');

  for (const f of [{ mode: 'status', status: 500 }, { mode: 'malformed' }, { mode: 'timeout', seconds: 3 }]) {
    await fault({ ...f, match: 'GET /wc/v3/products' });
    run = await pull(api, store, { full: true });
    assert.equal(run.status, 'completed', `${f.mode}: ${JSON.stringify(run)}`);
    const code = { status: 'store_server_error', malformed: 'store_malformed_response', timeout: 'store_timeout' }[f.mode];
    assert.ok(run.errors.some((e) => e.code === code), `${f.mode}: ${JSON.stringify(run.errors)}`);
    assert.deepEqual([run.processed, run.unchanged], [6, 6]);
  }

  // Permanent failures fail the run at once, with the store's answer.
  for (const [status, code] of [[401, 'store_unauthorized'], [404, 'store_not_found']]) {
    await fault({ mode: 'status', status, match: 'GET /wc/v3/products' });
    run = await pull(api, store, { full: true });
    assert.deepEqual([run.status, run.error.code, run.error.status, run.attempts], ['failed', code, status, 1], JSON.stringify(run));
  }
  const state = expectOk(await api.get('/integrations')).find((i) => i.id === store.id).store;
  assert.equal(state.last_error.code, 'store_not_found');

  // A store that keeps failing: the step is tried five times, then the run fails.
  await fault({ mode: 'status', status: 503, count: 10, match: 'GET /wc/v3/products' });
  run = await pull(api, store, { full: true });
  assert.deepEqual([run.status, run.error.code, run.attempts], ['failed', 'store_server_error', 5], JSON.stringify(run));
  await shop('DELETE', 'proseo-test/v1/fault');

  // A push whose batch request fails once is retried without writing twice.
  await waitForJob(api, expectOk(await api.post('/jobs', { name: 'f', catalog: { source: store.id }, approve_min_score: 0 }), 201).id);
  await fault({ mode: 'status', status: 500, match: 'POST /wc/v3/products/batch' });
  run = await push(api, store);
  assert.deepEqual([run.status, run.pushed, run.conflicts], ['completed', 6, 0], JSON.stringify(run));
  assert.ok(run.errors.some((e) => e.code === 'store_server_error'));
  const counts = await requests();
  assert.equal(counts['POST /wc/v3/products/batch'], 3, 'one failed batch, then one per chunk of 3');
});

test('scheduled pulls from the Cron Trigger; one active run per store (409); cancel; isolation; deleting a store', async () => {
  const { api } = await createTenant();
  await shop('POST', 'proseo-test/v1/reset', {});
  await seed({ count: 3, prefix: 'sched' });
  const store = await connect(api, { sync_interval_minutes: 60 });
  const first = expectOk(await api.get('/integrations')).find((i) => i.id === store.id).store;
  assert.ok(Date.parse(first.next_sync_at) > Date.now() + 50 * 60000);
  // Make it due, and run the sweeper as the cron would.
  await d1(`UPDATE stores SET next_sync_at = 0 WHERE integration_id = '${store.id}'`);
  await sweep();
  const runs = await waitFor(async () => {
    const r = expectOk(await api.get(`/integrations/${store.id}/syncs`));
    return r.length ? r : null;
  }, { what: 'a scheduled run' });
  assert.equal(runs[0].trigger, 'schedule');
  const done = await waitForRun(api, runs[0].id);
  assert.equal(done.created, 3);
  const next = expectOk(await api.get('/integrations')).find((i) => i.id === store.id).store;
  assert.ok(Date.parse(next.next_sync_at) > Date.now() + 50 * 60000, 'rescheduled an interval later');

  // One active run per store; a cancelled run stops.
  await fault({ mode: 'timeout', seconds: 4, match: 'GET /wc/v3/products' });
  const slow = expectOk(await api.post(`/integrations/${store.id}/pull`, { full: true }), 202);
  const busy = expectError(await api.post(`/integrations/${store.id}/push`), 409, 'sync_in_progress');
  assert.equal(busy.details.run_id, slow.id);
  const cancelled = expectOk(await api.post(`/syncs/${slow.id}/cancel`));
  assert.equal(cancelled.status, 'cancelled');
  expectError(await api.post(`/syncs/${slow.id}/cancel`), 409, 'invalid_state');
  await sleep(4500);
  assert.equal(expectOk(await api.get(`/syncs/${slow.id}`)).status, 'cancelled');
  await shop('DELETE', 'proseo-test/v1/fault');

  // Another tenant sees nothing of it.
  const other = await createTenant();
  expectError(await other.api.get(`/syncs/${slow.id}`), 404, 'not_found');
  expectError(await other.api.post(`/integrations/${store.id}/pull`), 404, 'not_found');
  expectError(await other.api.get(`/integrations/${store.id}/syncs`), 404, 'not_found');

  // Deleting the store removes its runs; its catalog products stay.
  expectOk(await api.del(`/integrations/${store.id}`));
  expectError(await api.get(`/syncs/${slow.id}`), 404, 'not_found');
  assert.equal((await allProducts(api, { source: store.id })).length, 3);
});
