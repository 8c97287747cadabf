// The npm package's edge API client (`proseo/client`, pkg/dist/client.js as built) against the
// real Worker: every method reaches the route it names, resolves to the envelope's data (with
// the pagination of item lists), and rejects with the API's own error codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { ROOT, PROSEO_URL, client, createTenant, products, uid, waitForJob } from './helpers.mjs';

const { ProseoClient, ProseoApiError } = await import(pathToFileURL(`${ROOT}/pkg/dist/client.js`).href);

test('proseo/client against the edge API: every method, pagination and error codes', async () => {
  const { key } = await createTenant();
  const api = new ProseoClient({ baseUrl: PROSEO_URL, apiKey: key });

  const health = await api.health();
  assert.deepEqual([health.status, health.d1], ['ok', 'ok']);

  const analysis = await api.analyze({ content: '<p>A walnut cutting board for every kitchen.</p>', keyphrase: 'walnut cutting board' });
  assert.equal(typeof analysis.seo.score, 'number');
  assert.ok(Array.isArray(analysis.readability.checks));

  const checked = await api.validate({ product: { name: 'Mug', regular_price: '-3' } });
  assert.ok(checked.product.issues.some((i) => i.path === '/regular_price'), JSON.stringify(checked));
  assert.equal(checked.content, undefined);

  const prompt = await api.renderPrompt({ product: { name: 'Walnut Board' } });
  assert.match(prompt.user, /Walnut Board/);

  const generated = await api.generate({ product: { name: 'Walnut Board', keyphrase: 'walnut board' } });
  assert.equal(generated.provider.type, 'offline');
  assert.match(generated.content.description, /walnut board/i);

  const job = await api.createJob({ name: `client ${uid(4)}`, products: products(3) });
  assert.equal(job.total, 3);
  await waitForJob(client(key), job.id);
  assert.equal((await api.getJob(job.id)).status, 'completed');
  const first = await api.listJobItems(job.id, { per_page: 2, status: 'generated' });
  assert.equal(first.items.length, 2);
  assert.deepEqual(first.pagination, { page: 1, per_page: 2, total: 3, total_pages: 2 });
  const second = await api.listJobItems(job.id, { page: 2, per_page: 2 });
  assert.equal(second.items.length, 1);
  assert.notEqual(second.items[0].id, first.items[0].id);

  const denied = await new ProseoClient({ baseUrl: PROSEO_URL, apiKey: 'psk_nope' }).health().then(
    () => null,
    (e) => e,
  );
  assert.equal(denied, null, 'health needs no key');
  const err = await new ProseoClient({ baseUrl: PROSEO_URL, apiKey: 'psk_nope' })
    .analyze({ content: 'x' })
    .catch((e) => e);
  assert.ok(err instanceof ProseoApiError);
  assert.deepEqual([err.code, err.status, err.details.reason], ['invalid_api_key', 401, 'unknown']);
  const missing = await api.getJob('job_missing').catch((e) => e);
  assert.deepEqual([missing.code, missing.status], ['not_found', 404]);
});


test('proseo/client: webhook secrets, a signed delivery, the catalog, catalog jobs, stores and their runs', async () => {
  const { key } = await createTenant();
  const api = new ProseoClient({ baseUrl: PROSEO_URL, apiKey: key });
  const secret = await api.createWebhookSecret();
  assert.match(secret.id, /^whk_/);
  assert.deepEqual((await api.listWebhookSecrets()).items.map((s) => s.id), [secret.id]);
  const delivered = await api.deliverWebhook({
    source: 'client',
    webhookId: secret.id,
    secret: secret.secret,
    body: { products: [{ id: 'c1', sku: 'OAK-B', name: 'Oak Board', language: 'en' }, { id: 'c2', sku: 'OAK-S', name: 'Oak Spoon', language: 'en' }] },
    delivery: `client-${uid(4)}`,
  });
  assert.deepEqual([delivered.received, delivered.created, delivered.duplicate], [2, 2, false]);
  const bad = await api.deliverWebhook({ source: 'client', webhookId: secret.id, secret: 'wrong', body: { products: [{ id: 'x', name: 'x' }] } }).catch((e) => e);
  assert.deepEqual([bad.code, bad.status, bad.details.reason], ['invalid_signature', 401, 'bad_signature']);

  const page = await api.listProducts({ source: 'client', per_page: 1 });
  assert.equal(page.items.length, 1);
  assert.deepEqual(page.pagination, { page: 1, per_page: 1, total: 2, total_pages: 2 });
  const stats = await api.catalogStats({ source: 'client' });
  assert.deepEqual([stats.total, stats.by_status.new], [2, 2]);
  const job = await api.createJob({ name: `catalog ${uid(4)}`, catalog: { source: 'client' }, approve_min_score: 0 });
  await waitForJob(client(key), job.id);
  const one = await api.getProduct(page.items[0].id);
  assert.equal(one.status, 'approved');
  assert.equal(typeof one.analysis.seo.score, 'number');
  assert.equal(one.duplicates.code, 'near_duplicate_content');
  assert.equal(one.duplicates.compared, 1);
  const ld = await api.productJsonLd(one.id, { currency: 'EUR' });
  assert.equal(ld.json_ld.name, one.product.name);
  assert.equal((await api.jsonLd({ product: one.product, content: one.content })).json_ld.name, one.product.name);
  // Both products are approved; the feed names them, its counts come from the headers.
  const feed = await api.exportCatalog('woocommerce', { source: 'client' });
  assert.deepEqual([feed.rows, feed.skipped, feed.fileName], [2, 0, 'proseo-woocommerce.csv']);
  assert.match(feed.contentType, /^text\/csv/);
  assert.ok(feed.body.startsWith('ID,SKU,Name,'));
  const streamed = await api.exportCatalog('woocommerce', { source: 'client', stream: true });
  assert.equal(await new Response(streamed.body).text(), feed.body);
  // Without a price or an image nothing reaches Amazon: the report says why, strict refuses.
  const report = await api.exportReport('amazon', { ids: [one.id], category: 'HOME' });
  assert.deepEqual([report.rows, report.skipped], [0, 1]);
  assert.ok(report.skipped_codes.export_price_missing === 1, JSON.stringify(report.skipped_codes));
  const refused = await api.exportCatalog('amazon', { ids: [one.id], category: 'HOME', strict: true }).catch((e) => e);
  assert.deepEqual([refused.code, refused.status, refused.details.skipped], ['export_rows_invalid', 422, 1]);
  const profile = { currency: 'EUR', categories: [{ shop: 'Kitchen', channel: 'HOME' }] };
  assert.deepEqual((await api.putExportProfile('amazon', profile)).options, profile);
  assert.deepEqual((await api.getExportProfile('amazon')).options, profile);
  assert.deepEqual((await api.listExportProfiles()).map((p) => p.channel), ['amazon']);
  assert.equal((await api.deleteExportProfile('amazon')).deleted, true);
  assert.equal((await api.getExportProfile('amazon').catch((e) => e)).code, 'not_found');
  await api.deleteProduct(one.id);
  assert.equal((await api.catalogStats()).total, 1);

  const store = await api.createIntegration({ type: 'woocommerce', name: 'Nowhere', credentials: { consumer_key: 'ck', consumer_secret: 'cs' }, settings: { store_url: 'http://127.0.0.1:9', timeout_ms: 1000 } });
  const tested = await api.testStore(store.id);
  assert.equal(tested.ok, false);
  const run = await api.pullStore(store.id, { full: true });
  assert.equal(run.kind, 'pull');
  const busy = await api.pushStore(store.id).catch((e) => e);
  assert.equal(busy.code, 'sync_in_progress');
  assert.equal((await api.listSyncs(store.id)).items[0].id, run.id);
  assert.equal((await api.cancelSync(run.id)).status, 'cancelled');
  assert.equal((await api.getSync(run.id)).status, 'cancelled');
  assert.ok((await api.listIntegrations()).items.some((i) => i.id === store.id));
  await api.deleteIntegration(store.id);
  await api.revokeWebhookSecret(secret.id);
});
