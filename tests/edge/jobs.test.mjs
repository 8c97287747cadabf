// Jobs: inline JSON and CSV bodies processed through the queue, counters, item filters,
// review transitions, regenerate, export, cancel, delete, idempotency.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTenant, expectOk, expectError, mock, mockIntegration, products, waitForJob, waitFor, allItems, assertCounters,
  countBy, usage, sampleCsv, parseCsv, uid, fieldPaths, sleep,
} from './helpers.mjs';

beforeEach(async () => {
  await mock.reset();
});

const JOB_FIELDS = ['id', 'name', 'template_id', 'source', 'status', 'total', 'completed', 'failed', 'cancelled', 'pending', 'progress', 'target_score', 'created_at', 'started_at', 'finished_at'];
const ITEM_FIELDS = ['id', 'job_id', 'external_id', 'status', 'sync_status', 'sync_error', 'product', 'content', 'score', 'seo_score', 'readability_score', 'error', 'usage', 'created_at', 'updated_at'];
// The core's WooCommerce import format (docs/feeds.md), the same file as the CLI's.
const CSV_HEADER = ['ID', 'SKU', 'Name', 'Short description', 'Description', 'Meta: _yoast_wpseo_title', 'Meta: _yoast_wpseo_metadesc', 'Meta: _yoast_wpseo_focuskw', 'Meta: rank_math_title', 'Meta: rank_math_description', 'Meta: rank_math_focus_keyword', 'Meta: _proseo_image_alt'];
// WooCommerce's exporter's description escaping: a literal \n doubled, line breaks as \n.
const wooDescription = (s) => s.replace(/\\n/g, '\\\\n').replace(/\r?\n/g, '\\n');

test('inline job of 25 products with the mock provider: completes with exact counters, filters, review, export', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const tag = uid(4);
  const list = products(25, tag);
  // Five products get a poor (low-scoring) answer, the rest the mock's good default.
  const poorIdx = [2, 7, 11, 16, 23];
  await mock.script(poorIdx.map((i) => ({ match: `Name: ${list[i].name}\n`, quality: 'poor' })));
  const before = await usage(api);
  const created = expectOk(await api.post('/jobs', { name: 'catalog', products: list }), 201);
  for (const f of JOB_FIELDS) assert.ok(f in created, `Job.${f}`);
  assert.equal(created.name, 'catalog');
  assert.equal(created.source, 'api');
  assert.equal(created.total, 25);
  assert.ok(['queued', 'running'].includes(created.status), created.status);
  assertCounters(created);

  const job = await waitForJob(api, created.id);
  assert.equal(job.status, 'completed');
  assert.deepEqual([job.total, job.completed, job.failed, job.cancelled, job.pending, job.progress], [25, 25, 0, 0, 0, 100]);
  assert.ok(!Number.isNaN(Date.parse(job.started_at)));
  assert.ok(Date.parse(job.finished_at) >= Date.parse(job.started_at));
  assert.equal((await mock.requests()).length, 25, 'one provider call per item');

  const items = await allItems(api, created.id);
  assert.equal(items.length, 25);
  for (const f of ITEM_FIELDS) assert.ok(f in items[0], `Item.${f}`);
  assert.ok(items.every((i) => i.analysis === undefined), 'lists have no analysis');
  assert.deepEqual(countBy(items), { generated: 25 });
  assert.deepEqual(items.map((i) => i.external_id).sort(), list.map((p) => p.id).sort());
  for (const i of items) {
    assert.equal(i.job_id, created.id);
    assert.equal(i.error, null);
    assert.equal(i.usage.provider, 'openai_compatible');
    assert.equal(i.usage.model, 'gpt-mock');
    assert.equal(i.usage.attempts, 1);
    assert.ok(i.usage.input_tokens > 0);
    assert.equal(i.score, Math.min(i.seo_score, i.readability_score));
  }
  const poorNames = new Set(poorIdx.map((i) => list[i].name));
  const poor = items.filter((i) => poorNames.has(i.product.name));
  assert.equal(poor.length, 5);
  assert.ok(poor.every((i) => i.content.seo_title === 'Product'));
  const maxPoor = Math.max(...poor.map((i) => i.score));
  const minGood = Math.min(...items.filter((i) => !poorNames.has(i.product.name)).map((i) => i.score));
  assert.ok(maxPoor < minGood, `poor ${maxPoor} < good ${minGood}`);

  const u = await usage(api);
  assert.equal(u.generations, before.generations + 25);
  assert.equal(u.input_tokens - before.input_tokens, items.reduce((s, i) => s + i.usage.input_tokens, 0));

  // Filters: score range and status.
  const low = await allItems(api, created.id, { max_score: maxPoor });
  assert.deepEqual(low.map((i) => i.id).sort(), poor.map((i) => i.id).sort());
  const high = await allItems(api, created.id, { min_score: minGood });
  assert.equal(high.length, 20);
  const band = await allItems(api, created.id, { min_score: maxPoor, max_score: maxPoor });
  assert.deepEqual(band.map((i) => i.id).sort(), items.filter((i) => i.score === maxPoor).map((i) => i.id).sort());
  const page = await api.get(`/jobs/${created.id}/items`, { query: { per_page: 10, page: 3 } });
  assert.equal(expectOk(page).length, 5);
  assert.deepEqual(page.meta.pagination, { page: 3, per_page: 10, total: 25, total_pages: 3 });
  expectError(await api.get(`/jobs/${created.id}/items`, { query: { status: 'weird' } }), 422, 'validation_failed');
  expectError(await api.get(`/jobs/${created.id}/items`, { query: { min_score: 'x' } }), 422, 'validation_failed');

  // One item with analysis.
  const one = expectOk(await api.get(`/items/${items[0].id}`));
  assert.equal(typeof one.analysis, 'object');
  assert.equal(one.analysis.seo.score, one.seo_score);

  // Review transitions.
  const [a, b, c, d] = items.filter((i) => !poorNames.has(i.product.name));
  assert.equal(expectOk(await api.post(`/items/${a.id}/approve`)).status, 'approved');
  assert.equal(expectOk(await api.post(`/items/${b.id}/approve`)).status, 'approved');
  assert.equal(expectOk(await api.post(`/items/${c.id}/approve`)).status, 'approved');
  let err = expectError(await api.post(`/items/${a.id}/approve`), 409, 'invalid_state');
  assert.equal(err.details.status, 'approved');
  assert.equal(expectOk(await api.post(`/items/${c.id}/reject`)).status, 'rejected');
  err = expectError(await api.post(`/items/${c.id}/reject`), 409, 'invalid_state');
  assert.equal(err.details.status, 'rejected');
  assert.equal(expectOk(await api.post(`/items/${c.id}/approve`)).status, 'approved');
  assert.equal(expectOk(await api.post(`/items/${d.id}/reject`)).status, 'rejected');
  const afterReview = expectOk(await api.get(`/jobs/${created.id}`));
  assert.deepEqual([afterReview.completed, afterReview.failed, afterReview.pending, afterReview.status], [25, 0, 0, 'completed'], 'approved/rejected still count as completed');
  assert.deepEqual(countBy(await allItems(api, created.id, { status: 'approved' })), { approved: 3 });
  assert.equal((await allItems(api, created.id, { status: 'generated' })).length, 21);
  assert.equal((await allItems(api, created.id, { status: 'rejected' })).length, 1);

  // sync status.
  const synced = expectOk(await api.patch(`/items/${a.id}`, { sync_status: 'synced' }));
  assert.equal(synced.sync_status, 'synced');
  const failedSync = expectOk(await api.patch(`/items/${b.id}`, { sync_status: 'failed', sync_error: 'WooCommerce said 500' }));
  assert.equal(failedSync.sync_error, 'WooCommerce said 500');
  err = expectError(await api.patch(`/items/${a.id}`, { sync_status: 'done' }), 422, 'validation_failed');
  assert.deepEqual(fieldPaths(err), ['/sync_status']);

  // Export JSON: approved by default.
  const rows = expectOk(await api.get(`/jobs/${created.id}/export`));
  assert.equal(rows.length, 3);
  assert.deepEqual(Object.keys(rows[0]).sort(), ['description', 'external_id', 'focus_keyphrase', 'item_id', 'meta_description', 'name', 'score', 'seo_title', 'short_description', 'sku', 'slug', 'status'].sort());
  assert.deepEqual(rows.map((r) => r.item_id).sort(), [a.id, b.id, c.id].sort());
  assert.ok(rows.every((r) => r.status === 'approved'));
  const rowA = rows.find((r) => r.item_id === a.id);
  assert.equal(rowA.external_id, a.external_id);
  assert.equal(rowA.sku, a.product.sku);
  assert.equal(rowA.name, a.product.name);
  assert.equal(rowA.seo_title, a.content.seo_title);
  assert.equal(rowA.focus_keyphrase, a.product.keyphrase);
  assert.equal(expectOk(await api.get(`/jobs/${created.id}/export`, { query: { status: 'all' } })).length, 25);
  assert.equal(expectOk(await api.get(`/jobs/${created.id}/export`, { query: { status: 'generated' } })).length, 21);
  expectError(await api.get(`/jobs/${created.id}/export`, { query: { format: 'xml' } }), 422, 'validation_failed');

  // Export CSV.
  const csvRes = await api.get(`/jobs/${created.id}/export`, { query: { format: 'csv' } });
  assert.equal(csvRes.status, 200);
  assert.match(csvRes.headers.get('content-type'), /^text\/csv/);
  const table = parseCsv(csvRes.text).filter((r) => r.length > 1 || r[0] !== '');
  assert.match(csvRes.headers.get('content-disposition'), new RegExp(`attachment; filename="proseo-${created.id}\\.csv"`));
  assert.deepEqual(table[0], CSV_HEADER);
  assert.equal(table.length, 4);
  assert.deepEqual([csvRes.headers.get('x-proseo-export-rows'), csvRes.headers.get('x-proseo-export-skipped')], ['3', '0']);
  // The ids of these products are not WooCommerce post ids: rows match by SKU, ID left empty.
  const csvA = table.find((r) => r[1] === a.product.sku);
  assert.ok(csvA, 'the row of an approved item, found by its SKU');
  const k = a.product.keyphrase;
  assert.deepEqual(csvA, ['', a.product.sku, a.product.name, wooDescription(a.content.short_description), wooDescription(a.content.description),
    a.content.seo_title, a.content.meta_description, k, a.content.seo_title, a.content.meta_description, k,
    a.content.image_alt.map((t) => t.trim().replace(/,/g, '\\,')).join(', ')]);
});

test('CSV body (WooCommerce export) job: 9 products, source csv, completes', async () => {
  const { api } = await createTenant();
  const csv = sampleCsv();
  const res = await api.post('/jobs', csv, { headers: { 'content-type': 'text/csv' }, query: { name: 'woo sample', target_score: 10 } });
  const created = expectOk(res, 201);
  assert.equal(created.name, 'woo sample');
  assert.equal(created.source, 'csv');
  assert.equal(created.total, 9);
  assert.equal(created.target_score, 10);
  const job = await waitForJob(api, created.id);
  assert.deepEqual([job.status, job.completed, job.failed, job.cancelled, job.pending, job.progress], ['completed', 9, 0, 0, 0, 100]);
  const items = await allItems(api, created.id);
  const ids = parseCsv(csv).slice(1).filter((r) => r.length > 1).map((r) => r[0]);
  assert.deepEqual(items.map((i) => i.external_id).sort(), ids.sort());
  const hoodie = items.find((i) => i.product.name === 'Hoodie');
  assert.ok(hoodie, 'names come from the CSV');
  assert.equal(hoodie.product.sku, 'woo-hoodie');
  assert.deepEqual(hoodie.usage.provider, 'offline');
});

test('CSV jobs of a Spanish and a German catalog (no language given): written in the catalog\'s language', async () => {
  const { api } = await createTenant();
  for (const [code, english] of [['es', /\b(the|and|with|your)\b/], ['de', /\b(the|and|with|your)\b/]]) {
    const csv = sampleCsv(`sample_${code}_8_products.csv`);
    const created = expectOk(await api.post('/jobs', csv, { headers: { 'content-type': 'text/csv' }, query: { name: `catalog ${code}` } }), 201);
    assert.equal(created.total, 8);
    const job = await waitForJob(api, created.id);
    assert.deepEqual([job.status, job.completed, job.failed], ['completed', 8, 0], code);
    const items = await allItems(api, created.id);
    for (const item of items) {
      assert.equal(item.usage.provider, 'offline');
      const text = item.content.description;
      assert.doesNotMatch(text, english, `${code}: ${item.product.name}`);
      assert.ok(item.seo_score >= 70 && item.readability_score >= 70, `${code}: ${item.product.name} ${item.seo_score}/${item.readability_score}`);
    }
    const socks = items.find((i) => i.product.sku === `${code}-socks`);
    assert.match(socks.content.description, code === 'es' ? /este artículo|nuestra gama/ : /dieses Produkt|Kategorie/);
  }
});

test('CSV errors → 400 invalid_csv with details.line', async () => {
  const { api } = await createTenant();
  const noName = 'ID,Type,SKU\n1,simple,a\n';
  const err2 = expectError(await api.post('/jobs', noName, { headers: { 'content-type': 'text/csv' }, query: { name: 'bad' } }), 400, 'invalid_csv');
  assert.equal(typeof err2.details.line, 'number');
  const empty = '';
  expectError(await api.post('/jobs', empty, { headers: { 'content-type': 'text/csv' }, query: { name: 'bad' } }), 400, 'invalid_csv');
  const broken = 'ID,Type,SKU,Name\n1,simple,a,"Unclosed\n';
  const err = expectError(await api.post('/jobs', broken, { headers: { 'content-type': 'text/csv' }, query: { name: 'bad' } }), 400, 'invalid_csv');
  assert.equal(typeof err.details.line, 'number');
  assert.deepEqual(expectOk(await api.get('/jobs')), [], 'no job created');
});

test('job validation: empty products, too many products, unknown template', async () => {
  const { api } = await createTenant();
  let err = expectError(await api.post('/jobs', { name: 'empty', products: [] }), 422, 'validation_failed');
  assert.deepEqual(fieldPaths(err), ['/products']);
  err = expectError(await api.post('/jobs', { products: products(1) }), 422, 'validation_failed');
  assert.deepEqual(fieldPaths(err), ['/name']);
  err = expectError(await api.post('/jobs', { name: 'x', products: [{ name: 'A' }, { sku: 'no-name' }] }), 422, 'validation_failed');
  assert.ok(fieldPaths(err)[0].startsWith('/products/1/name'), JSON.stringify(err.details));
  const many = Array.from({ length: 5001 }, (_, i) => ({ name: `P${i}` }));
  err = expectError(await api.post('/jobs', { name: 'many', products: many }), 422, 'validation_failed');
  assert.deepEqual(err.details.fields.map((f) => [f.path, f.code]), [['/products', 'invalid_length']]);
  expectError(await api.post('/jobs', { name: 't', template_id: 'nope', products: products(1) }), 404, 'not_found');
  assert.deepEqual(expectOk(await api.get('/jobs')), []);
});

test('jobs list: status filter and pagination', async () => {
  const { api } = await createTenant();
  const j1 = expectOk(await api.post('/jobs', { name: 'one', products: products(1) }), 201);
  const j2 = expectOk(await api.post('/jobs', { name: 'two', products: products(2) }), 201);
  await waitForJob(api, j1.id);
  await waitForJob(api, j2.id);
  const res = await api.get('/jobs');
  assert.deepEqual(expectOk(res).map((j) => j.id).sort(), [j1.id, j2.id].sort());
  assert.deepEqual(res.meta.pagination, { page: 1, per_page: 25, total: 2, total_pages: 1 });
  assert.equal(expectOk(await api.get('/jobs', { query: { status: 'completed' } })).length, 2);
  assert.deepEqual(expectOk(await api.get('/jobs', { query: { status: 'cancelled' } })), []);
  expectError(await api.get('/jobs', { query: { status: 'exploded' } }), 422, 'validation_failed');
});

test('regenerate: 202 pending, regenerated once, 409 while generating; approve a failed item → 409', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const tag = uid(4);
  const list = products(2, tag);
  await mock.script([{ match: `Name: ${list[1].name}\n`, status: 400 }]);
  const created = expectOk(await api.post('/jobs', { name: 'regen', products: list }), 201);
  const job = await waitForJob(api, created.id);
  assert.deepEqual([job.completed, job.failed], [1, 1]);
  const items = await allItems(api, created.id);
  const ok = items.find((i) => i.status === 'generated');
  const bad = items.find((i) => i.status === 'failed');
  const err = expectError(await api.post(`/items/${bad.id}/approve`), 409, 'invalid_state');
  assert.equal(err.details.status, 'failed');
  expectError(await api.post(`/items/${bad.id}/reject`), 409, 'invalid_state');

  const before = await usage(api);
  const seenBefore = (await mock.requests()).length;
  await mock.script([{ match: `Name: ${ok.product.name}\n`, delay_ms: 2500 }]);
  const res = await api.post(`/items/${ok.id}/regenerate`, {});
  const pending = expectOk(res, 202);
  assert.equal(pending.status, 'pending');
  assert.equal(pending.id, ok.id);
  const during = expectOk(await api.get(`/jobs/${created.id}`));
  assertCounters(during);
  await waitFor(async () => expectOk(await api.get(`/items/${ok.id}`)).status === 'generating', { timeout: 20000, what: 'generating' });
  const e2 = expectError(await api.post(`/items/${ok.id}/regenerate`, {}), 409, 'invalid_state');
  assert.equal(e2.details.status, 'generating');
  const done = await waitFor(async () => {
    const it = expectOk(await api.get(`/items/${ok.id}`));
    return it.status === 'generated' ? it : null;
  }, { timeout: 30000, what: 'regenerated' });
  assert.ok(Date.parse(done.updated_at) > Date.parse(ok.updated_at));
  assert.equal((await mock.requests()).length, seenBefore + 1, 'regenerated exactly once');
  const after = await usage(api);
  assert.equal(after.generations, before.generations + 1);
  const finalJob = await waitForJob(api, created.id);
  assert.deepEqual([finalJob.status, finalJob.completed, finalJob.failed, finalJob.pending], ['completed', 1, 1, 0]);

  // A failed item can be regenerated and then succeeds.
  const r2 = expectOk(await api.post(`/items/${bad.id}/regenerate`, {}), 202);
  assert.equal(r2.status, 'pending');
  const fixed = await waitFor(async () => {
    const it = expectOk(await api.get(`/items/${bad.id}`));
    return it.status === 'generated' ? it : null;
  }, { timeout: 30000, what: 'failed item regenerated' });
  assert.equal(fixed.error, null);
  const j3 = await waitForJob(api, created.id);
  assert.deepEqual([j3.completed, j3.failed, j3.pending], [2, 0, 0]);
});

test('cancel with a slow provider: pending items cancelled, counters exact, 409 afterwards', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const tag = uid(4);
  const list = products(12, tag);
  await mock.script(list.map((p) => ({ match: `Name: ${p.name}\n`, delay_ms: 3000 })));
  const created = expectOk(await api.post('/jobs', { name: 'slow', products: list }), 201);
  await sleep(500);
  const cancelled = expectOk(await api.post(`/jobs/${created.id}/cancel`));
  assert.equal(cancelled.status, 'cancelled');
  assertCounters(cancelled);
  assert.ok(cancelled.cancelled >= 1, `cancelled ${cancelled.cancelled}`);
  assert.ok(cancelled.pending <= 12 - cancelled.cancelled, 'only in-flight items may still be unfinished');
  const err = expectError(await api.post(`/jobs/${created.id}/cancel`), 409, 'invalid_state');
  assert.equal(err.details.status, 'cancelled');
  // Let in-flight generations finish.
  const items = await waitFor(async () => {
    const it = await allItems(api, created.id);
    return it.every((i) => i.status !== 'generating' && i.status !== 'pending') ? it : null;
  }, { timeout: 30000, what: 'in-flight items' });
  await sleep(3000);
  const job = expectOk(await api.get(`/jobs/${created.id}`));
  assert.equal(job.status, 'cancelled');
  assertCounters(job);
  const counts = countBy(await allItems(api, created.id));
  assert.equal(job.cancelled, counts.cancelled || 0);
  assert.equal(job.completed, counts.generated || 0);
  assert.equal(job.failed, counts.failed || 0);
  assert.equal(job.pending, 0);
  assert.equal(job.cancelled, cancelled.cancelled, 'cancelled count is stable');
  const calls = (await mock.requests()).length;
  assert.equal(calls, job.completed + job.failed, 'no provider call for cancelled items');
  assert.ok(items.filter((i) => i.status === 'cancelled').every((i) => i.content === null || i.content === undefined || Object.keys(i.content).length === 0));
  expectError(await api.post(`/items/${items.find((i) => i.status === 'cancelled').id}/approve`), 409, 'invalid_state');
});

test('delete a job: job and items gone', async () => {
  const { api } = await createTenant();
  const created = expectOk(await api.post('/jobs', { name: 'doomed', products: products(2) }), 201);
  await waitForJob(api, created.id);
  const [item] = await allItems(api, created.id);
  assert.deepEqual(expectOk(await api.del(`/jobs/${created.id}`)), { id: created.id, deleted: true });
  expectError(await api.get(`/jobs/${created.id}`), 404, 'not_found');
  expectError(await api.get(`/jobs/${created.id}/items`), 404, 'not_found');
  expectError(await api.get(`/jobs/${created.id}/export`), 404, 'not_found');
  expectError(await api.get(`/items/${item.id}`), 404, 'not_found');
  expectError(await api.del(`/jobs/${created.id}`), 404, 'not_found');
  assert.deepEqual(expectOk(await api.get('/jobs')), []);
});

test('jobs: Idempotency-Key replays the same job and enqueues nothing new', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const key = `job-${uid(12)}`;
  const body = { name: 'idem job', products: products(3) };
  const first = await api.post('/jobs', body, { headers: { 'idempotency-key': key } });
  const j = expectOk(first, 201);
  await waitForJob(api, j.id);
  const again = await api.post('/jobs', body, { headers: { 'idempotency-key': key } });
  assert.equal(again.status, 201);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(again.json.data, j);
  const list = await api.get('/jobs');
  assert.equal(list.meta.pagination.total, 1);
  await sleep(1500);
  assert.equal((await mock.requests()).length, 3);
  expectError(await api.post('/jobs', { ...body, name: 'changed' }, { headers: { 'idempotency-key': key } }), 409, 'idempotency_key_reused');
});
