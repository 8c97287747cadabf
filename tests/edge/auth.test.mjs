// Authentication (API keys, JWTs, admin token), permissions, key scopes and the rate limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request, client, admin, expectOk, expectError, requiredOf, createTenant, jwt, nowSec, freshMinute, uid, ADMIN_TOKEN } from './helpers.mjs';

const sampleTemplate = () => ({ name: `tpl-${uid(6)}`, template: 'long_description' });

test('no Authorization header → 401 unauthorized', async () => {
  for (const [m, p, body] of [['GET', '/templates'], ['POST', '/analyze', { content: '<p>x</p>' }], ['GET', '/usage'], ['POST', '/generate', { product: { name: 'x' } }]]) {
    expectError(await request(m, p, { body }), 401, 'unauthorized');
  }
});

test('unknown API key → 401 invalid_api_key reason unknown', async () => {
  const fake = 'psk_' + 'A'.repeat(40);
  const err = expectError(await client(fake).get('/templates'), 401, 'invalid_api_key');
  assert.equal(err.details.reason, 'unknown');
  const err2 = expectError(await client('not-a-key-at-all').get('/templates'), 401, 'invalid_api_key');
  assert.equal(err2.details.reason, 'unknown');
});

test('API keys: created with psk_ + 40 base62, shown once, prefix in lists, revoked → invalid_api_key revoked', async () => {
  const { api, keyInfo, key: firstKey } = await createTenant();
  assert.match(firstKey, /^psk_[A-Za-z0-9]{40}$/);
  assert.equal(keyInfo.prefix, firstKey.slice(0, 12));
  const created = expectOk(await api.post('/keys', { name: 'ci', scopes: ['*'] }), 201);
  assert.match(created.key, /^psk_[A-Za-z0-9]{40}$/);
  assert.equal(created.prefix, created.key.slice(0, 12));
  assert.equal(created.name, 'ci');
  assert.deepEqual(created.scopes, ['*']);
  assert.equal(created.revoked_at, null);
  for (const f of ['id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'revoked_at']) assert.ok(f in created, `ApiKey.${f}`);
  const second = client(created.key);
  expectOk(await second.get('/templates'));
  const listRes = await api.get('/keys');
  const list = expectOk(listRes);
  assert.ok(Array.isArray(list));
  const mine = list.find((k) => k.id === created.id);
  assert.ok(mine, 'listed');
  assert.equal(mine.prefix, created.prefix);
  assert.equal(mine.key, undefined, 'the key is shown only once');
  assert.ok(!listRes.text.includes(created.key), 'no full key in the list');
  assert.ok(!listRes.text.includes(firstKey), 'no full key in the list');
  assert.notEqual(mine.last_used_at, null, 'last_used_at set after use');

  const revoked = expectOk(await api.del(`/keys/${created.id}`));
  assert.equal(revoked.id, created.id);
  assert.equal(typeof revoked.revoked_at, 'string');
  assert.ok(!Number.isNaN(Date.parse(revoked.revoked_at)));
  const err = expectError(await second.get('/templates'), 401, 'invalid_api_key');
  assert.equal(err.details.reason, 'revoked');
  // The first key still works; revoking twice is not a 404.
  expectOk(await api.get('/templates'));
  expectError(await api.del('/keys/does-not-exist'), 404, 'not_found');
});

test('keys: invalid scopes → 422 with the field path', async () => {
  const { api } = await createTenant();
  const err = expectError(await api.post('/keys', { name: 'x', scopes: ['templates:read', 'fly:to-the-moon'] }), 422, 'validation_failed');
  assert.ok(err.details.fields.some((f) => f.path.startsWith('/scopes')), JSON.stringify(err.details));
  const err2 = expectError(await api.post('/keys', { scopes: ['*'] }), 422, 'validation_failed');
  assert.ok(err2.details.fields.some((f) => f.path === '/name'), JSON.stringify(err2.details));
});

test('key scopes restrict routes; analyze/validate/render need only a valid key', async () => {
  const { api } = await createTenant();
  const ro = expectOk(await api.post('/keys', { name: 'ro', scopes: ['templates:read'] }), 201);
  const c = client(ro.key);
  expectOk(await c.get('/templates'));
  let err = expectError(await c.post('/templates', sampleTemplate()), 403, 'forbidden');
  assert.deepEqual(requiredOf(err), ['templates:write']);
  err = expectError(await c.get('/jobs'), 403, 'forbidden');
  assert.deepEqual(requiredOf(err), ['jobs:read']);
  err = expectError(await c.post('/generate', { product: { name: 'Lamp' } }), 403, 'forbidden');
  assert.deepEqual(requiredOf(err), ['generate']);
  err = expectError(await c.get('/keys'), 403, 'forbidden');
  assert.deepEqual(requiredOf(err), ['keys:admin']);
  err = expectError(await c.get('/usage'), 403, 'forbidden');
  assert.deepEqual(requiredOf(err), ['usage:read']);
  expectOk(await c.post('/analyze', { content: '<p>A lamp.</p>', keyphrase: 'lamp' }));
  expectOk(await c.post('/validate', { product: { name: 'Lamp' } }));
  expectOk(await c.post('/prompts/render', { product: { name: 'Lamp' } }));
});

test('JWT: owner token works; tenant comes from tenant_id', async () => {
  const { tenant } = await createTenant();
  const t = jwt({ sub: 'user-1', tenant_id: tenant.id, role: 'owner' });
  const c = client(t);
  expectOk(await c.get('/templates'));
  const created = expectOk(await c.post('/templates', sampleTemplate()), 201);
  expectOk(await c.get(`/templates/${created.id}`));
  expectOk(await c.get('/keys'));
});

test('JWT: bad signature, expired, nbf in the future, unknown tenant, alg none → 401 invalid_token', async () => {
  const { tenant } = await createTenant();
  const cases = [
    ['bad signature', jwt({ sub: 'u', tenant_id: tenant.id, role: 'owner' }, { secret: 'not-the-secret' }), /signature/],
    ['expired', jwt({ sub: 'u', tenant_id: tenant.id, role: 'owner', iat: nowSec() - 7200, exp: nowSec() - 3600 }), /expir/],
    ['nbf in the future', jwt({ sub: 'u', tenant_id: tenant.id, role: 'owner', nbf: nowSec() + 3600 }), /nbf|not.?yet|before/i],
    ['unknown tenant', jwt({ sub: 'u', tenant_id: 'tenant-that-does-not-exist', role: 'owner' }), /tenant/],
    ['alg none', jwt({ sub: 'u', tenant_id: tenant.id, role: 'owner' }, { header: { alg: 'none', typ: 'JWT' }, sign: false }), /./],
    ['garbage', 'eyJhbGciOiJIUzI1NiJ9.bm9wZQ.c2ln', /./],
  ];
  for (const [what, token, reason] of cases) {
    const err = expectError(await client(token).get('/templates'), 401, 'invalid_token');
    assert.equal(typeof err.details?.reason, 'string', `${what}: details.reason`);
    assert.match(err.details.reason, reason, `${what}: reason ${err.details.reason}`);
  }
});

test('JWT: nbf within the 60 s leeway is accepted', async () => {
  const { tenant } = await createTenant();
  const t = jwt({ sub: 'u', tenant_id: tenant.id, role: 'viewer', nbf: nowSec() + 20 });
  expectOk(await client(t).get('/templates'));
});

test('JWT roles: viewer and editor permissions, extra permissions, 403 details.required', async () => {
  const { tenant } = await createTenant();
  const viewer = client(jwt({ sub: 'v', tenant_id: tenant.id, role: 'viewer' }));
  expectOk(await viewer.get('/templates'));
  expectOk(await viewer.get('/jobs'));
  expectOk(await viewer.get('/usage'));
  expectOk(await viewer.post('/analyze', { content: '<p>Hi there.</p>' }));
  let err = expectError(await viewer.post('/templates', sampleTemplate()), 403, 'forbidden');
  assert.deepEqual(requiredOf(err), ['templates:write']);
  err = expectError(await viewer.post('/generate', { product: { name: 'Lamp' } }), 403, 'forbidden');
  assert.deepEqual(requiredOf(err), ['generate']);
  err = expectError(await viewer.post('/jobs', { name: 'j', products: [{ name: 'Lamp' }] }), 403, 'forbidden');
  assert.deepEqual(requiredOf(err), ['jobs:write']);

  const editor = client(jwt({ sub: 'e', tenant_id: tenant.id, role: 'editor' }));
  expectOk(await editor.post('/templates', sampleTemplate()), 201);
  expectOk(await editor.post('/generate', { product: { name: 'Oak Lamp' } }));
  err = expectError(await editor.get('/keys'), 403, 'forbidden');
  assert.deepEqual(requiredOf(err), ['keys:admin']);
  err = expectError(await editor.post('/integrations', { type: 'offline', name: 'x', credentials: {} }), 403, 'forbidden');
  assert.deepEqual(requiredOf(err), ['integrations:admin']);

  const viewerPlus = client(jwt({ sub: 'v2', tenant_id: tenant.id, role: 'viewer', permissions: ['generate'] }));
  expectOk(await viewerPlus.post('/generate', { product: { name: 'Oak Lamp' } }));

  const admin2 = client(jwt({ sub: 'a', tenant_id: tenant.id, role: 'admin' }));
  expectOk(await admin2.get('/keys'));
  expectOk(await admin2.get('/integrations'));
});

test('admin routes: wrong token → 401 invalid_admin_token; tenant credentials are not admin', async () => {
  const { key, tenant } = await createTenant();
  const body = { name: 'X', slug: `x-${uid(8)}` };
  expectError(await client('wrong-admin-token').post('/admin/tenants', body), 401, 'invalid_admin_token');
  expectError(await client(key).post('/admin/tenants', body), 401, 'invalid_admin_token');
  expectError(await client(jwt({ sub: 'o', tenant_id: tenant.id, role: 'owner' })).post('/admin/tenants', body), 401, 'invalid_admin_token');
  expectError(await request('POST', '/admin/tenants', { body }), 401, 'unauthorized');
  // The admin token is not a tenant credential.
  const res = await client(ADMIN_TOKEN).get('/templates');
  assert.equal(res.status, 401, String(res));
});

test('admin tenants: 201 with Tenant and its key; limits; slug taken → 409; bad body → 422', async () => {
  const slug = `acme-${uid(8)}`;
  const res = await admin.post('/admin/tenants', { name: 'Acme', slug, monthly_generations: 50, rate_limit_per_minute: 100, settings: { locale: 'en_US' } });
  const data = expectOk(res, 201);
  assert.equal(data.tenant.name, 'Acme');
  assert.equal(data.tenant.slug, slug);
  assert.deepEqual(data.tenant.limits, { monthly_generations: 50, rate_limit_per_minute: 100 });
  assert.deepEqual(data.tenant.settings, { locale: 'en_US' });
  assert.equal(typeof data.tenant.id, 'string');
  assert.ok(!Number.isNaN(Date.parse(data.tenant.created_at)));
  assert.match(data.api_key.key, /^psk_[A-Za-z0-9]{40}$/);
  assert.deepEqual(data.api_key.scopes, ['*']);
  expectOk(await client(data.api_key.key).get('/templates'));
  const defaults = expectOk(await admin.post('/admin/tenants', { name: 'D', slug: `d-${uid(8)}` }), 201);
  assert.deepEqual(defaults.tenant.limits, { monthly_generations: 1000, rate_limit_per_minute: 600 });
  const unlimited = expectOk(await admin.post('/admin/tenants', { name: 'U', slug: `u-${uid(8)}`, monthly_generations: null }), 201);
  assert.equal(unlimited.tenant.limits.monthly_generations, null);
  expectError(await admin.post('/admin/tenants', { name: 'Again', slug }), 409, 'conflict');
  const err = expectError(await admin.post('/admin/tenants', { slug: `n-${uid(8)}` }), 422, 'validation_failed');
  assert.ok(err.details.fields.some((f) => f.path === '/name'), JSON.stringify(err.details));
  const err2 = expectError(await admin.post('/admin/tenants', { name: 'N', slug: 'Not A Slug!' }), 422, 'validation_failed');
  assert.ok(err2.details.fields.some((f) => f.path === '/slug'), JSON.stringify(err2.details));
});

test('admin tenants: Idempotency-Key replays the same tenant', async () => {
  const key = `idem-${uid(12)}`;
  const body = { name: 'Idem', slug: `idem-${uid(8)}` };
  const a = await admin.post('/admin/tenants', body, { headers: { 'idempotency-key': key } });
  const da = expectOk(a, 201);
  const b = await admin.post('/admin/tenants', body, { headers: { 'idempotency-key': key } });
  assert.equal(b.status, 201);
  assert.equal(b.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(b.json.data, da);
  expectError(await admin.post('/admin/tenants', { ...body, name: 'Other' }, { headers: { 'idempotency-key': key } }), 409, 'idempotency_key_reused');
});

test('rate limit: 5 per minute → 6th request 429 rate_limited with Retry-After; per credential', async () => {
  const { api, tenant } = await createTenant({ rate_limit_per_minute: 5 });
  await freshMinute(20);
  const other = expectOk(await api.post('/keys', { name: 'second', scopes: ['*'] }), 201); // request 1
  const remaining = [];
  for (let i = 2; i <= 5; i++) {
    const res = await api.get('/templates');
    expectOk(res);
    assert.equal(res.headers.get('x-ratelimit-limit'), '5');
    remaining.push(Number(res.headers.get('x-ratelimit-remaining')));
  }
  assert.deepEqual(remaining, [3, 2, 1, 0]);
  const res = await api.get('/templates');
  expectError(res, 429, 'rate_limited');
  const retry = Number(res.headers.get('retry-after'));
  assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 60, `Retry-After ${res.headers.get('retry-after')}`);
  assert.equal(res.headers.get('x-ratelimit-remaining'), '0');
  // Another credential of the same tenant has its own window.
  expectOk(await client(other.key).get('/templates'));
  expectOk(await client(jwt({ sub: 'someone', tenant_id: tenant.id, role: 'viewer' })).get('/templates'));
});
