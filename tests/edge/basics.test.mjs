// Health, the envelope and X-Request-Id, unknown routes and methods, and the OpenAPI document
// against the route table of docs/api.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { API, ROOT, request, expectOk, expectError, createTenant, admin, products, waitForJob, allItems, mockIntegration, mock, webhookSecret, deliver } from './helpers.mjs';

// The route table of docs/api.md (method, path under /api/v1), read from the document itself:
// rows `| GET/PATCH | \`/templates/{id}\` | …`.
export const ROUTES = readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8')
  .split('\n')
  .map((line) => line.match(/^\| ((?:GET|POST|PATCH|PUT|DELETE)(?:\/(?:GET|POST|PATCH|PUT|DELETE))*) \| `([^`]+)` \|/))
  .filter(Boolean)
  .flatMap(([, methods, p]) => methods.split('/').map((m) => [m, p.replace(/\{[^}]+\}/g, '{id}')]));

const norm = (p) => p.replace(/^\/api\/v1/, '').replace(/\{[^}]+\}/g, '{id}');

test('GET /health: ok with d1 and version, enveloped, no credential needed', async () => {
  const res = await request('GET', '/health');
  const data = expectOk(res);
  assert.equal(data.status, 'ok');
  assert.equal(data.d1, 'ok');
  assert.equal(typeof data.version, 'string');
  assert.match(data.version, /^\d+\.\d+\.\d+/);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  assert.equal(res.json.error, undefined);
});

test('X-Request-Id: generated when absent, unique, echoed when sane, replaced when not', async () => {
  const a = await request('GET', '/health');
  const b = await request('GET', '/health');
  const ida = a.headers.get('x-request-id');
  assert.ok(ida && ida.length >= 8, `request id ${ida}`);
  assert.notEqual(ida, b.headers.get('x-request-id'));
  const mine = `e2e-${Date.now()}-abc`;
  const c = await request('GET', '/health', { headers: { 'x-request-id': mine } });
  assert.equal(c.headers.get('x-request-id'), mine);
  assert.equal(c.json.meta.request_id, mine);
  const insane = 'x'.repeat(1000);
  const d = await request('GET', '/health', { headers: { 'x-request-id': insane } });
  assert.notEqual(d.headers.get('x-request-id'), insane);
  assert.equal(d.json.meta.request_id, d.headers.get('x-request-id'));
  // Errors carry it too.
  const e = await request('GET', '/templates', { headers: { 'x-request-id': mine } });
  expectError(e, 401, 'unauthorized');
  assert.equal(e.headers.get('x-request-id'), mine);
});

test('unknown route → 404 not_found; known path, other method → 405 with Allow', async () => {
  const { api } = await createTenant();
  expectError(await api.get('/no-such-route'), 404, 'not_found');
  expectError(await request('GET', '/no-such-route'), 404, 'not_found');
  const res = await api.req('DELETE', '/analyze');
  expectError(res, 405, 'method_not_allowed');
  assert.match(res.headers.get('allow') || '', /\bPOST\b/);
  const res2 = await api.req('PUT', '/templates');
  expectError(res2, 405, 'method_not_allowed');
  const allow = (res2.headers.get('allow') || '').split(/\s*,\s*/).sort();
  assert.deepEqual(allow, ['GET', 'POST']);
});

test('openapi.json: OpenAPI 3.1, not enveloped, lists every route of docs/api.md', async () => {
  const res = await request('GET', '/openapi.json');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /json/);
  const doc = res.json;
  assert.ok(doc, 'JSON');
  assert.equal(doc.success, undefined, 'not enveloped');
  assert.match(doc.openapi, /^3\.1\.\d+$/);
  assert.equal(typeof doc.info.title, 'string');
  assert.equal(typeof doc.info.version, 'string');
  assert.equal(typeof doc.paths, 'object');
  const listed = new Set();
  for (const [p, ops] of Object.entries(doc.paths)) {
    for (const m of Object.keys(ops)) {
      if (['get', 'post', 'patch', 'put', 'delete'].includes(m)) listed.add(`${m.toUpperCase()} ${norm(p)}`);
    }
  }
  const missing = ROUTES.map(([m, p]) => `${m} ${p}`).filter((r) => !listed.has(r));
  assert.deepEqual(missing, [], 'routes of docs/api.md missing from openapi.json');
  const extra = [...listed].filter((r) => !ROUTES.some(([m, p]) => `${m} ${p}` === r));
  assert.deepEqual(extra, [], 'openapi.json lists routes docs/api.md does not have');
  for (const [p, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      if (!['get', 'post', 'patch', 'put', 'delete'].includes(m)) continue;
      assert.equal(typeof op.responses, 'object', `${m} ${p} has responses`);
      assert.ok(Object.keys(op.responses).length > 0, `${m} ${p} has responses`);
    }
  }
});

test('openapi.json: components describe the documented shapes and the bearer scheme', async () => {
  const doc = (await request('GET', '/openapi.json')).json;
  const schemas = Object.keys(doc.components?.schemas || {});
  for (const name of ['Tenant', 'ApiKey', 'Template', 'GenerateResult', 'Job', 'Item', 'ExportRow', 'Usage', 'Integration']) {
    // docs/api.md names the shapes but not the components: accept `Name` or `NameView`.
    assert.ok(schemas.includes(name) || schemas.includes(`${name}View`), `components.schemas.${name} (has: ${schemas.join(', ')})`);
  }
  const schemes = Object.values(doc.components?.securitySchemes || {});
  assert.ok(schemes.some((s) => s.type === 'http' && String(s.scheme).toLowerCase() === 'bearer'), 'a bearer security scheme');
  const job = doc.components.schemas.Job || doc.components.schemas.JobView;
  const props = Object.keys(job.properties || {});
  for (const f of ['id', 'name', 'template_id', 'source', 'status', 'total', 'completed', 'failed', 'cancelled', 'pending', 'progress', 'target_score', 'created_at', 'started_at', 'finished_at']) {
    assert.ok(props.includes(f), `Job.${f} in the schema`);
  }
});

test('every documented path+method is routed (no 404/405 with real ids)', async () => {
  const { api, tenant, jwtKey } = await createTenant();
  await mock.reset();
  const { integration } = await mockIntegration(api, { is_default: false });
  const tpl = expectOk(await api.post('/templates', { name: `t-${Date.now()}`, template: 'long_description' }), 201);
  const job = expectOk(await api.post('/jobs', { name: 'routes', products: products(1) }), 201);
  await waitForJob(api, job.id);
  const [item] = await allItems(api, job.id);
  const key = expectOk(await api.post('/keys', { name: 'k', scopes: ['*'] }), 201);
  const hook = await webhookSecret(api);
  expectOk(await deliver(hook, 'routes', { products: [{ id: 'r1', name: 'Route product' }] }));
  const [prd] = expectOk(await api.get('/products'));
  // The store routes need a store (an LLM integration is no store: 404), and a sync run of it.
  const store = expectOk(await api.post('/integrations', { type: 'woocommerce', name: 'Routes', credentials: { consumer_key: 'ck', consumer_secret: 'cs' }, settings: { store_url: 'http://127.0.0.1:9', timeout_ms: 1000 } }), 201);
  const run = expectOk(await api.post(`/integrations/${store.id}/pull`, {}), 202);
  // A profile to read before the PUT row comes (GET/PUT/DELETE are in that order).
  expectOk(await api.req('PUT', '/export-profiles/ebay', { body: {} }));
  const ids = { '/templates/{id}': tpl.id, '/jobs/{id}': job.id, '/items/{id}': item.id, '/keys/{id}': key.id, '/integrations/{id}/': store.id, '/integrations/{id}': integration.id, '/syncs/{id}': run.id, '/admin/jobs/{id}': job.id, '/admin/tenants/{id}': tenant.id, '/products/{id}': prd.id, '/webhook-secrets/{id}': hook.id, '/webhooks/{id}': 'routes', '/exports/{id}': 'woocommerce', '/export-profiles/{id}': 'ebay' };
  const fill = (p) => {
    for (const [prefix, id] of Object.entries(ids)) if (p.startsWith(prefix)) return p.replace('{id}', id).replace('/jwt-keys/{id}', `/jwt-keys/${jwtKey.kid}`);
    return p;
  };
  const ordered = [...ROUTES.filter(([m]) => m !== 'DELETE'), ...ROUTES.filter(([m]) => m === 'DELETE')];
  const bad = [];
  for (const [m, p] of ordered) {
    const who = p.startsWith('/admin') ? admin : api;
    const body = ['POST', 'PATCH', 'PUT'].includes(m) ? {} : undefined;
    const res = await who.req(m, fill(p), { body });
    if (res.status === 404 || res.status === 405) bad.push(`${m} ${p} → ${res.status} ${res.text.slice(0, 200)}`);
  }
  assert.deepEqual(bad, []);
});

test('API base path: responses come from /api/v1 only', async () => {
  const res = await fetch(API.replace('/api/v1', '/api/v2') + '/health');
  assert.equal(res.status, 404);
});
