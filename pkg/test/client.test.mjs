// ProseoClient against a tiny local API (node:http on 127.0.0.1, random port, closed at the end)
// that answers with the `{success, data, meta}` envelope.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';

import { createHmac } from 'node:crypto';

import { ProseoApiError, ProseoClient, signWebhook } from 'proseo/client';

const requests = [];
let server;
let baseUrl;

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'content-type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

before(async () => {
  server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url, 'http://x');
    requests.push({
      method: req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      auth: req.headers.authorization,
      type: req.headers['content-type'],
      body: raw ? JSON.parse(raw) : undefined,
      raw,
    });
    const ok = (data) => send(res, 200, { success: true, data, meta: { request_id: 'r1' } });
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /api/v1/health':
        return ok({ status: 'ok', version: '0.1.0' });
      case 'POST /api/v1/analyze':
        return ok({ seo: { score: 50 } });
      case 'POST /api/v1/validate':
        return send(res, 422, {
          success: false,
          error: { code: 'validation_failed', message: 'bad product', details: { issues: [{ code: 'name_required' }] } },
        });
      case 'POST /api/v1/prompts/render':
        return ok({ system: 's', user: 'u' });
      case 'POST /api/v1/generate':
        return send(res, 500, 'Internal Server Error', 'text/plain');
      case 'POST /api/v1/jobs':
        return send(res, 202, { success: true, data: { id: 'job 1', status: 'queued' }, meta: {} });
      case 'GET /api/v1/jobs/job%201':
        return ok({ id: 'job 1', status: 'running' });
      case 'GET /api/v1/jobs/job%201/items':
        return send(res, 200, { success: true, data: [{ n: 1 }], meta: { request_id: 'r2', pagination: { page: 2, per_page: 50, total: 51, total_pages: 2 } } });
      case 'GET /api/v1/products':
        return send(res, 200, { success: true, data: [{ id: 'prd_1' }], meta: { request_id: 'r3', pagination: { page: 1, per_page: 10, total: 1, total_pages: 1 } } });
      case 'GET /api/v1/products/stats':
        return ok({ total: 1 });
      case 'GET /api/v1/products/prd_1':
      case 'DELETE /api/v1/products/prd_1':
        return ok({ id: 'prd_1' });
      case 'POST /api/v1/integrations':
        return send(res, 201, { success: true, data: { id: 'int_1', type: 'woocommerce' }, meta: {} });
      case 'POST /api/v1/integrations/int_1/test':
        return ok({ ok: true, products: 3 });
      case 'POST /api/v1/integrations/int_1/pull':
      case 'POST /api/v1/integrations/int_1/push':
        return send(res, 202, { success: true, data: { id: 'syn_1', kind: url.pathname.endsWith('pull') ? 'pull' : 'push' }, meta: {} });
      case 'GET /api/v1/integrations/int_1/syncs':
      case 'GET /api/v1/webhook-secrets':
      case 'GET /api/v1/integrations':
        return send(res, 200, { success: true, data: [], meta: { request_id: 'r4', pagination: { page: 1, per_page: 25, total: 0, total_pages: 0 } } });
      case 'GET /api/v1/syncs/syn_1':
      case 'POST /api/v1/syncs/syn_1/cancel':
        return ok({ id: 'syn_1' });
      case 'POST /api/v1/webhook-secrets':
        return send(res, 201, { success: true, data: { id: 'whk_1', secret: 's' }, meta: {} });
      case 'DELETE /api/v1/webhook-secrets/whk_1':
      case 'DELETE /api/v1/integrations/int_1':
      case 'PATCH /api/v1/integrations/int_1':
        return ok({ id: 'x' });
      case 'POST /api/v1/webhooks/n8n':
        return ok({ received: JSON.parse(raw).products.length, headers: { id: req.headers['x-proseo-webhook-id'], ts: req.headers['x-proseo-timestamp'], sig: req.headers['x-proseo-signature'], delivery: req.headers['x-proseo-delivery'] }, raw });
      case 'GET /api/v1/products/prd_1/jsonld':
      case 'POST /api/v1/jsonld':
        return ok({ json_ld: { '@type': 'Product' }, checks: { issues: [], truncated: 0 }, eligible: true, script_tag: '<script type="application/ld+json">{}</script>' });
      case 'GET /api/v1/exports/amazon':
        if (url.searchParams.get('report') === 'true') return ok({ format: 'amazon', rows: 1, skipped: 1, skipped_codes: { export_price_missing: 1 } });
        res.writeHead(200, {
          'content-type': 'text/tab-separated-values; charset=utf-8',
          'content-disposition': 'attachment; filename="proseo-amazon.txt"',
          'x-proseo-export-rows': '1',
          'x-proseo-export-skipped': '2',
          'x-proseo-export-skipped-codes': 'export_price_missing=1, description_too_long=1',
        });
        return res.end('item_sku\titem_name\nSW-1\tMug\n');
      case 'GET /api/v1/export-profiles':
        return ok([{ channel: 'ebay', options: {}, updated_at: 't' }]);
      case 'GET /api/v1/export-profiles/ebay':
      case 'PUT /api/v1/export-profiles/ebay':
        return ok({ channel: 'ebay', options: raw ? JSON.parse(raw) : {}, updated_at: 't' });
      case 'DELETE /api/v1/export-profiles/ebay':
        return ok({ id: 'ebay', deleted: true });
      case 'GET /api/v1/exports/ebay':
        return send(res, 422, { success: false, error: { code: 'export_rows_invalid', message: '1 row(s)', details: { rows: 0, skipped: 1 } } });
      case 'GET /api/v1/not-json':
        return send(res, 200, '<html>proxy page</html>', 'text/html');
      default:
        return send(res, 404, { success: false, error: { code: 'not_found', message: 'no route' } });
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}/`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test('unwraps data and sends JSON with the bearer key', async () => {
  const c = new ProseoClient({ baseUrl, apiKey: 'k-123' });
  assert.deepEqual(await c.health(), { status: 'ok', version: '0.1.0' });
  assert.deepEqual(await c.analyze({ content: '<p>x</p>', keyphrase: 'x' }), { seo: { score: 50 } });
  const r = requests.at(-1);
  assert.deepEqual(
    [r.method, r.path, r.auth, r.type, r.body],
    ['POST', '/api/v1/analyze', 'Bearer k-123', 'application/json', { content: '<p>x</p>', keyphrase: 'x' }],
  );
  assert.deepEqual(await c.renderPrompt({ product: { name: 'Mug' } }), { system: 's', user: 'u' });
  assert.deepEqual(await c.request('GET', '/health'), {
    data: { status: 'ok', version: '0.1.0' },
    meta: { request_id: 'r1' },
  });
});

test('jobs: create, get (id encoded), list items with page, per_page and filters', async () => {
  const c = new ProseoClient({ baseUrl });
  assert.deepEqual(await c.createJob({ products: [{ name: 'Mug' }] }), { id: 'job 1', status: 'queued' });
  assert.deepEqual(await c.getJob('job 1'), { id: 'job 1', status: 'running' });
  assert.equal(requests.at(-1).auth, undefined);
  assert.deepEqual(await c.listJobItems('job 1', { page: 2, per_page: 50, status: 'generated', min_score: 80 }), {
    items: [{ n: 1 }],
    pagination: { page: 2, per_page: 50, total: 51, total_pages: 2 },
  });
  assert.deepEqual(requests.at(-1).query, { page: '2', per_page: '50', status: 'generated', min_score: '80' });
  await assert.rejects(c.getJob(''), (e) => e instanceof ProseoApiError && e.code === 'invalid_input');
});

test('error envelope → ProseoApiError with the API code, status and details', async () => {
  const c = new ProseoClient({ baseUrl });
  const err = await c.validate({ product: { name: '' } }).catch((e) => e);
  assert.ok(err instanceof ProseoApiError && err instanceof Error);
  assert.equal(err.name, 'ProseoApiError');
  assert.equal(err.code, 'validation_failed');
  assert.equal(err.status, 422);
  assert.equal(err.message, 'bad product');
  assert.deepEqual(err.details, { issues: [{ code: 'name_required' }] });
  const notFound = await c.request('GET', '/nope').catch((e) => e);
  assert.deepEqual([notFound.code, notFound.status], ['not_found', 404]);
});

test('HTTP 500 without an envelope and non-JSON bodies → http_error', async () => {
  const c = new ProseoClient({ baseUrl });
  const err = await c.generate({ product: { name: 'Mug' } }).catch((e) => e);
  assert.ok(err instanceof ProseoApiError);
  assert.deepEqual([err.code, err.status], ['http_error', 500]);
  assert.equal(err.details.body, 'Internal Server Error');
  const html = await c.request('GET', '/not-json').catch((e) => e);
  assert.deepEqual([html.code, html.status], ['http_error', 200]);
});

test('fetch failure → network_error; custom fetch is used', async () => {
  const refused = new ProseoClient({ baseUrl: 'http://127.0.0.1:1' });
  const err = await refused.health().catch((e) => e);
  assert.deepEqual([err.code, err.status], ['network_error', 0]);
  assert.ok(err.cause);
  const seen = [];
  const fake = new ProseoClient({
    baseUrl: 'https://api.example',
    fetch: async (url, init) => {
      seen.push([url, init.method]);
      return new Response(JSON.stringify({ success: true, data: 7, meta: null }), { status: 200 });
    },
  });
  assert.equal(await fake.health(), 7);
  assert.deepEqual(seen, [['https://api.example/api/v1/health', 'GET']]);
  assert.throws(() => new ProseoClient({}), TypeError);
});

test('catalog, stores, sync runs and webhook secrets: each method reaches its route', async () => {
  const c = new ProseoClient({ baseUrl, apiKey: 'k' });
  const page = await c.listProducts({ per_page: 10, source: 'int_1', status: 'approved', min_score: 50, missing_description: false, changed: true, q: 'mug' });
  assert.deepEqual(page, { items: [{ id: 'prd_1' }], pagination: { page: 1, per_page: 10, total: 1, total_pages: 1 } });
  assert.deepEqual(requests.at(-1).query, { per_page: '10', source: 'int_1', status: 'approved', min_score: '50', missing_description: 'false', changed: 'true', q: 'mug' });
  assert.deepEqual(await c.catalogStats({ source: 'n8n' }), { total: 1 });
  assert.deepEqual(requests.at(-1).query, { source: 'n8n' });
  assert.equal((await c.getProduct('prd_1')).id, 'prd_1');
  await c.deleteProduct('prd_1');
  assert.equal(requests.at(-1).method, 'DELETE');
  const store = await c.createIntegration({ type: 'woocommerce', name: 'Shop', credentials: { consumer_key: 'ck', consumer_secret: 'cs' }, settings: { store_url: 'https://shop.example' } });
  assert.equal(store.id, 'int_1');
  assert.equal(requests.at(-1).body.settings.store_url, 'https://shop.example');
  assert.deepEqual(await c.testStore('int_1'), { ok: true, products: 3 });
  assert.equal((await c.pullStore('int_1', { full: true })).kind, 'pull');
  assert.deepEqual(requests.at(-1).body, { full: true });
  assert.equal((await c.pushStore('int_1')).kind, 'push');
  assert.deepEqual(requests.at(-1).body, {});
  assert.deepEqual((await c.listSyncs('int_1', { page: 1 })).items, []);
  assert.deepEqual(requests.at(-1).query, { page: '1' });
  assert.equal((await c.getSync('syn_1')).id, 'syn_1');
  assert.equal((await c.cancelSync('syn_1')).id, 'syn_1');
  assert.deepEqual((await c.listIntegrations()).pagination.total, 0);
  await c.updateIntegration('int_1', { settings: { sync_interval_minutes: 60 } });
  assert.deepEqual([requests.at(-1).method, requests.at(-1).body], ['PATCH', { settings: { sync_interval_minutes: 60 } }]);
  await c.deleteIntegration('int_1');
  assert.equal((await c.createWebhookSecret()).secret, 's');
  assert.deepEqual((await c.listWebhookSecrets()).items, []);
  await c.revokeWebhookSecret('whk_1');
  await assert.rejects(c.getSync(''), (e) => e.code === 'invalid_input');
});

test('JSON-LD and exports: feeds with their counts, reports, typed refusals', async () => {
  const c = new ProseoClient({ baseUrl, apiKey: 'k' });
  const ld = await c.productJsonLd('prd_1', { currency: 'EUR', include: 'generated' });
  assert.equal(ld.eligible, true);
  assert.deepEqual(requests.at(-1).query, { currency: 'EUR', include: 'generated' });
  await c.jsonLd({ product: { name: 'Mug' }, options: { brand: 'Acme' } });
  assert.deepEqual([requests.at(-1).method, requests.at(-1).body], ['POST', { product: { name: 'Mug' }, options: { brand: 'Acme' } }]);
  const feed = await c.exportCatalog('amazon', { ids: ['prd_1', 'prd_2'], currency: 'EUR', quantity: 3, strict: false, headers: { 'x-trace': 't' } });
  assert.deepEqual(requests.at(-1).query, { ids: 'prd_1,prd_2', currency: 'EUR', quantity: '3', strict: 'false' });
  assert.equal(requests.at(-1).auth, 'Bearer k');
  assert.deepEqual(feed, {
    body: 'item_sku\titem_name\nSW-1\tMug\n',
    contentType: 'text/tab-separated-values; charset=utf-8',
    fileName: 'proseo-amazon.txt',
    rows: 1,
    skipped: 2,
    skippedCodes: { export_price_missing: 1, description_too_long: 1 },
  });
  const streamed = await c.exportCatalog('amazon', { stream: true });
  assert.equal(await new Response(streamed.body).text(), feed.body);
  const report = await c.exportReport('amazon', { source: 'shop' });
  assert.deepEqual(requests.at(-1).query, { source: 'shop', report: 'true' });
  assert.equal(report.skipped, 1);
  await assert.rejects(c.exportCatalog('ebay', { strict: true }), (e) => e instanceof ProseoApiError && e.code === 'export_rows_invalid' && e.status === 422 && e.details.skipped === 1);
  await assert.rejects(c.exportCatalog('shopify'), (e) => e.code === 'not_found' && e.status === 404);
  const profile = { locale: 'de-DE', categories: [{ shop: 'Home', channel: '20635' }], constants: [{ column: '*Location', value: 'Berlin' }] };
  assert.deepEqual((await c.putExportProfile('ebay', profile)).options, profile);
  assert.deepEqual([requests.at(-1).method, requests.at(-1).body], ['PUT', profile]);
  assert.equal((await c.getExportProfile('ebay')).channel, 'ebay');
  assert.deepEqual((await c.listExportProfiles()).map((p) => p.channel), ['ebay']);
  assert.equal((await c.deleteExportProfile('ebay')).deleted, true);
  assert.equal(requests.at(-1).method, 'DELETE');
  await assert.rejects(c.exportCatalog(''), (e) => e.code === 'invalid_input');
});

test('webhooks: signWebhook is HMAC-SHA256 of `timestamp.raw body`; deliverWebhook signs what it sends, without the API key', async () => {
  // `printf '1700000000.{}' | openssl dgst -sha256 -hmac secret`
  assert.equal(await signWebhook('secret', 1700000000, '{}'), 'sha256=b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163');
  const c = new ProseoClient({ baseUrl, apiKey: 'k' });
  const body = { products: [{ id: 'A1', name: 'Mug' }], generate: true };
  const out = await c.deliverWebhook({ source: 'n8n', webhookId: 'whk_1', secret: 'whsec_x', body, delivery: 'exec-1', timestamp: 1700000123 });
  assert.equal(out.received, 1);
  assert.deepEqual(out.headers, {
    id: 'whk_1',
    ts: '1700000123',
    sig: `sha256=${createHmac('sha256', 'whsec_x').update(`1700000123.${out.raw}`).digest('hex')}`,
    delivery: 'exec-1',
  });
  assert.equal(out.raw, JSON.stringify(body), 'the signed text is the sent text');
  assert.equal(requests.at(-1).auth, undefined, 'no API key on a webhook');
  // A raw string is sent (and signed) as is.
  const raw = '{"products": [{"id": "A2", "name": "Cup"}]}';
  const again = await c.deliverWebhook({ source: 'n8n', webhookId: 'whk_1', secret: 'whsec_x', body: raw });
  assert.equal(again.raw, raw);
  assert.match(again.headers.ts, /^\d{10}$/);
});
