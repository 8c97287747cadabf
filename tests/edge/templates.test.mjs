// Templates CRUD, soft delete, is_default, core syntax errors, pagination, idempotency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTenant, expectOk, expectError, fieldPaths, uid } from './helpers.mjs';

const TEMPLATE_FIELDS = ['id', 'name', 'description', 'template', 'options', 'is_default', 'created_at', 'updated_at'];

test('create, get, patch, list, soft delete', async () => {
  const { api } = await createTenant();
  const body = { name: 'Long EN', description: 'house style', template: 'long_description', options: { keyphrase: null, voice: { tone: 'friendly' } }, is_default: false };
  const created = expectOk(await api.post('/templates', body), 201);
  for (const f of TEMPLATE_FIELDS) assert.ok(f in created, `Template.${f}`);
  assert.equal(created.name, 'Long EN');
  assert.equal(created.description, 'house style');
  assert.equal(created.is_default, false);
  assert.equal(created.options.voice.tone, 'friendly');
  assert.ok(!Number.isNaN(Date.parse(created.created_at)));

  const got = expectOk(await api.get(`/templates/${created.id}`));
  assert.deepEqual(got, created);

  await new Promise((r) => setTimeout(r, 1100));
  const patched = expectOk(await api.patch(`/templates/${created.id}`, { name: 'Long EN v2', template: { custom: '{% block user %}Describe {{ product.name }}.{% endblock %}' } }));
  assert.equal(patched.name, 'Long EN v2');
  assert.deepEqual(patched.template, { custom: '{% block user %}Describe {{ product.name }}.{% endblock %}' });
  assert.equal(patched.description, 'house style', 'unpatched fields kept');
  assert.equal(patched.created_at, created.created_at);
  assert.ok(Date.parse(patched.updated_at) > Date.parse(created.updated_at), 'updated_at moves');

  const list = expectOk(await api.get('/templates'));
  assert.deepEqual(list.map((t) => t.id), [created.id]);
  const q = expectOk(await api.get('/templates', { query: { q: 'v2' } }));
  assert.deepEqual(q.map((t) => t.id), [created.id]);
  const none = expectOk(await api.get('/templates', { query: { q: 'zzz-nothing' } }));
  assert.deepEqual(none, []);

  const del = expectOk(await api.del(`/templates/${created.id}`));
  assert.deepEqual(del, { id: created.id, deleted: true });
  expectError(await api.get(`/templates/${created.id}`), 404, 'not_found');
  expectError(await api.patch(`/templates/${created.id}`, { name: 'x' }), 404, 'not_found');
  expectError(await api.del(`/templates/${created.id}`), 404, 'not_found');
  assert.deepEqual(expectOk(await api.get('/templates')), []);
  // A soft-deleted template can no longer be used.
  expectError(await api.post('/prompts/render', { product: { name: 'Lamp' }, template_id: created.id }), 404, 'not_found');
});

test('is_default is unique per tenant', async () => {
  const { api } = await createTenant();
  const a = expectOk(await api.post('/templates', { name: 'A', template: 'long_description', is_default: true }), 201);
  assert.equal(a.is_default, true);
  const b = expectOk(await api.post('/templates', { name: 'B', template: 'seo_title', is_default: true }), 201);
  assert.equal(b.is_default, true);
  assert.equal(expectOk(await api.get(`/templates/${a.id}`)).is_default, false, 'the previous default is cleared');
  expectOk(await api.patch(`/templates/${a.id}`, { is_default: true }));
  const list = expectOk(await api.get('/templates'));
  assert.deepEqual(list.filter((t) => t.is_default).map((t) => t.id), [a.id]);
});

test('name taken → 409 conflict; missing fields → 422 with paths', async () => {
  const { api } = await createTenant();
  expectOk(await api.post('/templates', { name: 'Same', template: 'long_description' }), 201);
  expectError(await api.post('/templates', { name: 'Same', template: 'seo_title' }), 409, 'conflict');
  const err = expectError(await api.post('/templates', { description: 'no name' }), 422, 'validation_failed');
  assert.deepEqual(fieldPaths(err).sort(), ['/name', '/template']);
  const err2 = expectError(await api.post('/templates', { name: 7, template: 'long_description' }), 422, 'validation_failed');
  assert.deepEqual(fieldPaths(err2), ['/name']);
});

test('template errors from the core → 422 with the core code', async () => {
  const { api } = await createTenant();
  const err = expectError(await api.post('/templates', { name: 'broken', template: { custom: 'Hello {% if product.name %}' } }), 422, 'template_syntax');
  assert.equal(typeof err.details, 'object');
  assert.equal(err.details.line, 1, JSON.stringify(err.details));
  const unknown = expectError(await api.post('/templates', { name: 'unknown', template: 'no_such_builtin' }), 422, 'validation_failed');
  assert.equal(unknown.details.fields[0].path, '/template');
  const ok = expectOk(await api.post('/templates', { name: 'fine', template: 'long_description' }), 201);
  expectError(await api.patch(`/templates/${ok.id}`, { template: { custom: '{% for %}' } }), 422, 'template_syntax');
  assert.deepEqual(expectOk(await api.get(`/templates/${ok.id}`)).template, ok.template, 'a failed patch changes nothing');
});

test('pagination meta: page, per_page, total, total_pages', async () => {
  const { api } = await createTenant();
  for (let i = 0; i < 5; i++) expectOk(await api.post('/templates', { name: `P${i}`, template: 'seo_title' }), 201);
  const r1 = await api.get('/templates', { query: { per_page: 2 } });
  assert.equal(expectOk(r1).length, 2);
  assert.deepEqual(r1.meta.pagination, { page: 1, per_page: 2, total: 5, total_pages: 3 });
  const r3 = await api.get('/templates', { query: { per_page: 2, page: 3 } });
  assert.equal(expectOk(r3).length, 1);
  assert.deepEqual(r3.meta.pagination, { page: 3, per_page: 2, total: 5, total_pages: 3 });
  const r4 = await api.get('/templates', { query: { per_page: 2, page: 4 } });
  assert.deepEqual(expectOk(r4), []);
  const ids = new Set([...expectOk(r1), ...expectOk(await api.get('/templates', { query: { per_page: 2, page: 2 } })), ...expectOk(r3)].map((t) => t.id));
  assert.equal(ids.size, 5, 'pages do not overlap');
});

test('Idempotency-Key: replay returns the first response, no second template; other body → 409', async () => {
  const { api } = await createTenant();
  const key = `tpl-${uid(12)}`;
  const body = { name: 'Idem', template: 'long_description' };
  const first = await api.post('/templates', body, { headers: { 'idempotency-key': key } });
  const t = expectOk(first, 201);
  assert.equal(first.headers.get('idempotent-replayed'), null);
  const again = await api.post('/templates', body, { headers: { 'idempotency-key': key } });
  assert.equal(again.status, 201);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(again.json.data, t);
  const list = await api.get('/templates');
  assert.equal(list.meta.pagination.total, 1);
  expectError(await api.post('/templates', { ...body, name: 'Other' }, { headers: { 'idempotency-key': key } }), 409, 'idempotency_key_reused');
  // The key is per tenant: another tenant can use the same key.
  const other = await createTenant();
  const res = await other.api.post('/templates', body, { headers: { 'idempotency-key': key } });
  expectOk(res, 201);
  assert.equal(res.headers.get('idempotent-replayed'), null);
  assert.notEqual(res.json.data.id, t.id);
});
