// The persistent catalog (GET /products, /products/{id}, /products/stats, DELETE) and catalog
// jobs (POST /jobs with `catalog`): only products that need generation become items, a re-run
// over an unchanged catalog does nothing, a changed product is generated again, big selections
// are filled a chunk at a time, the quota stops the filling, reviews follow to the catalog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allItems,
  allProducts,
  assertCounters,
  createTenant,
  deliver,
  expectError,
  expectOk,
  waitForJob,
  webhookSecret,
} from './helpers.mjs';

const product = (id, extra = {}) => ({
  id,
  name: `Walnut Tray ${id}`,
  sku: `WT-${id}`,
  regular_price: '30.00',
  categories: ['Home > Kitchen'],
  features: ['Oiled walnut', 'Raised edges'],
  language: 'en',
  ...extra,
});

async function seed(api, source, products) {
  const key = await webhookSecret(api);
  for (let i = 0; i < products.length; i += 200) {
    expectOk(await deliver(key, source, { products: products.slice(i, i + 200) }));
  }
  return key;
}

test('catalog lists, filters, gets, stats and deletes; other tenants see nothing', async () => {
  const { api } = await createTenant();
  await seed(api, 'feed', [
    product('1', { description: '<p>Existing copy</p>' }),
    product('2'),
    product('3', { name: 'Oak Spoon 3', sku: 'OS-3' }),
    product('4', { regular_price: '-1' }),
  ]);
  const res = await api.get('/products', { query: { per_page: 2 } });
  assert.equal(expectOk(res).length, 2);
  assert.deepEqual(res.meta.pagination, { page: 1, per_page: 2, total: 4, total_pages: 2 });
  assert.equal((await allProducts(api, { missing_description: true })).length, 3);
  assert.equal((await allProducts(api, { missing_description: false })).length, 1);
  assert.deepEqual((await allProducts(api, { q: 'spoon' })).map((p) => p.external_id), ['3']);
  assert.deepEqual((await allProducts(api, { q: 'WT-2' })).map((p) => p.external_id), ['2']);
  assert.deepEqual((await allProducts(api, { q: '4' })).map((p) => p.external_id), ['4'], 'exact external id');
  assert.deepEqual((await allProducts(api, { q: '%' })).length, 0, 'LIKE wildcards are text');
  assert.equal((await allProducts(api, { status: 'new' })).length, 3);
  assert.equal((await allProducts(api, { status: 'invalid' })).length, 1);
  assert.equal((await allProducts(api, { source: 'other' })).length, 0);
  expectError(await api.get('/products', { query: { status: 'bogus' } }), 422, 'validation_failed');
  expectError(await api.get('/products', { query: { min_score: 80, max_score: 20 } }), 422, 'validation_failed');

  const stats = expectOk(await api.get('/products/stats'));
  assert.deepEqual([stats.total, stats.with_content, stats.missing_description, stats.invalid], [4, 0, 3, 1]);
  assert.equal(stats.by_status.new, 3);
  assert.equal(stats.by_status.invalid, 1);
  assert.equal(stats.by_status.pushed, 0);
  assert.equal(stats.score_histogram.length, 10);
  assert.deepEqual(stats.score_histogram[9], { min: 90, max: 100, count: 0 });
  assert.equal(stats.average_score, null);

  const [one] = await allProducts(api, { q: 'OS-3' });
  const got = expectOk(await api.get(`/products/${one.id}`));
  assert.equal(got.name, 'Oak Spoon 3');
  const other = await createTenant();
  expectError(await other.api.get(`/products/${one.id}`), 404, 'not_found');
  expectError(await other.api.del(`/products/${one.id}`), 404, 'not_found');
  assert.equal(expectOk(await other.api.get('/products/stats')).total, 0);
  expectOk(await api.del(`/products/${one.id}`));
  expectError(await api.get(`/products/${one.id}`), 404, 'not_found');
});

test('catalog jobs: only what needs generation; a re-run does nothing; a change is generated again; reviews reach the catalog', async () => {
  const { api } = await createTenant();
  const key = await seed(api, 'shop', [product('1'), product('2'), product('3'), product('4', { gtin: '12' })]);
  const job = expectOk(await api.post('/jobs', { name: 'catalog run', catalog: { source: 'shop' } }), 201);
  assert.equal(job.catalog.selection.filter.source, 'shop');
  const done = await waitForJob(api, job.id);
  assertCounters(done);
  assert.deepEqual([done.total, done.completed, done.catalog.skipped, done.catalog.filling], [3, 3, 1, false], 'the invalid product is skipped');
  let products = await allProducts(api, { source: 'shop' });
  const generated = products.filter((p) => p.status === 'generated');
  assert.equal(generated.length, 3);
  for (const p of generated) {
    assert.ok(p.content.description.length > 50);
    assert.equal(typeof p.score, 'number');
    assert.equal(p.changed, false);
    assert.match(p.item_id, /^itm_/);
    assert.equal(p.focus_keyphrase.length > 0, true);
  }
  const detail = expectOk(await api.get(`/products/${generated[0].id}`));
  assert.equal(typeof detail.analysis.seo.score, 'number', 'the analysis of its item');

  // Unchanged: nothing to do.
  const rerun = expectOk(await api.post('/jobs', { name: 'again', catalog: { source: 'shop' } }), 201);
  const rerunDone = await waitForJob(api, rerun.id);
  assert.deepEqual([rerunDone.total, rerunDone.status, rerunDone.catalog.skipped], [0, 'completed', 4]);

  // One product changes at the source: it (and only it) is generated again.
  const r = expectOk(await deliver(key, 'shop', { products: [product('2', { name: 'Walnut Tray 2 Large' })] }));
  assert.equal(r.updated, 1);
  const changed = await allProducts(api, { changed: true });
  assert.deepEqual(changed.map((p) => p.external_id), ['2']);
  const third = expectOk(await api.post('/jobs', { name: 'changes', catalog: { source: 'shop' } }), 201);
  const thirdDone = await waitForJob(api, third.id);
  assert.deepEqual([thirdDone.total, thirdDone.catalog.skipped], [1, 3]);
  const [item] = await allItems(api, third.id);
  assert.equal(item.external_id, '2');
  assert.equal(item.product.name, 'Walnut Tray 2 Large');
  assert.equal((await allProducts(api, { changed: true })).length, 0);

  // `force` takes current content too; `ids` selects exactly.
  const [p1] = await allProducts(api, { q: 'WT-1' });
  const forced = expectOk(await api.post('/jobs', { name: 'forced', catalog: { ids: [p1.id] }, force: true }), 201);
  assert.equal((await waitForJob(api, forced.id)).total, 1);

  // Review of the item that produced the content moves the catalog row.
  const [forcedItem] = await allItems(api, forced.id);
  expectOk(await api.post(`/items/${forcedItem.id}/approve`));
  assert.equal(expectOk(await api.get(`/products/${p1.id}`)).status, 'approved');
  expectOk(await api.post(`/items/${forcedItem.id}/reject`));
  assert.equal(expectOk(await api.get(`/products/${p1.id}`)).status, 'rejected');
  // An older item's review does not touch it (its content is not the current one).
  const [oldItem] = (await allItems(api, job.id)).filter((i) => i.external_id === '1');
  expectOk(await api.post(`/items/${oldItem.id}/approve`));
  assert.equal(expectOk(await api.get(`/products/${p1.id}`)).status, 'rejected');

  const stats = expectOk(await api.get('/products/stats', { query: { source: 'shop' } }));
  assert.equal(stats.with_content, 3);
  assert.equal(stats.score_histogram.reduce((s, b) => s + b.count, 0), 3);
  assert.equal(typeof stats.average_score, 'number');

  // A job body has products or a catalog selection, not both or neither.
  expectError(await api.post('/jobs', { name: 'both', catalog: {}, products: [product('x')] }), 422, 'validation_failed');
  expectError(await api.post('/jobs', { name: 'neither' }), 422, 'validation_failed');
});

test('a selection larger than a chunk fills a chunk at a time; auto-approval; cancel releases the catalog', async () => {
  const { api } = await createTenant();
  const many = Array.from({ length: 450 }, (_, i) => product(`m${i}`));
  await seed(api, 'big', many);
  const job = expectOk(await api.post('/jobs', { name: 'big', catalog: { source: 'big' }, approve_min_score: 0 }), 201);
  assert.equal(job.total, 200, 'the first chunk only');
  assert.equal(job.catalog.filling, true);
  const done = await waitForJob(api, job.id, { timeout: 180000 });
  assertCounters(done);
  assert.deepEqual([done.total, done.completed, done.catalog.filling, done.approve_min_score], [450, 450, false, 0]);
  const items = await allItems(api, job.id);
  assert.equal(new Set(items.map((i) => i.external_id)).size, 450, 'every product once');
  assert.ok(items.every((i) => i.status === 'approved'));
  const stats = expectOk(await api.get('/products/stats'));
  assert.equal(stats.by_status.approved, 450);

  // Cancelling a filling job stops it and frees its products for the next job.
  const again = expectOk(await api.post('/jobs', { name: 'forced', catalog: { source: 'big' }, force: true }), 201);
  expectOk(await api.post(`/jobs/${again.id}/cancel`));
  const cancelled = await waitForJob(api, again.id);
  assert.equal(cancelled.status, 'cancelled');
  assert.equal(cancelled.catalog.filling, false);
  assert.ok(cancelled.total < 450);
  assert.equal((await allProducts(api, { status: 'queued' })).length, 0, 'nothing stays queued');
});

test('the quota: a catalog job takes what fits, then stops filling with the reason', async () => {
  const { api } = await createTenant({ monthly_generations: 5 });
  await seed(api, 'q', Array.from({ length: 8 }, (_, i) => product(`q${i}`)));
  const job = expectOk(await api.post('/jobs', { name: 'quota', catalog: {} }), 201);
  const done = await waitForJob(api, job.id);
  assert.deepEqual([done.total, done.completed], [5, 5]);
  assert.match(done.catalog.fill_error, /^quota_exceeded/);
  assert.equal((await allProducts(api, { status: 'new' })).length, 3);
  // The month is used up: the next job takes nothing and says why.
  const next = await waitForJob(api, expectOk(await api.post('/jobs', { name: 'q2', catalog: {} }), 201).id);
  assert.equal(next.total, 0);
  assert.match(next.catalog.fill_error, /^quota_exceeded/);
});
