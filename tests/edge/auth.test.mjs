// Authentication (API keys, JWTs, admin token), permissions, key scopes and the rate limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request, client, admin, expectOk, expectError, requiredOf, createTenant, jwt, jwtKey, nowSec, freshMinute, uid, ADMIN_TOKEN } from './helpers.mjs';

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
  const T = await createTenant();
  const { tenant } = T;
  const t = T.jwt({ sub: 'user-1', role: 'owner' });
  const c = client(t);
  expectOk(await c.get('/templates'));
  const created = expectOk(await c.post('/templates', sampleTemplate()), 201);
  expectOk(await c.get(`/templates/${created.id}`));
  expectOk(await c.get('/keys'));
});

test('JWT: bad signature, expired, nbf in the future, unknown tenant, alg none → 401 invalid_token', async () => {
  const T = await createTenant();
  const { tenant } = T;
  const cases = [
    ['bad signature', T.jwt({ sub: 'u', role: 'owner' }, { secret: 'not-the-secret' }), /signature/],
    ['expired', T.jwt({ sub: 'u', role: 'owner', iat: nowSec() - 7200, exp: nowSec() - 3600 }), /expir/],
    ['nbf in the future', T.jwt({ sub: 'u', role: 'owner', nbf: nowSec() + 3600 }), /nbf|not.?yet|before/i],
    ['another tenant', T.jwt({ sub: 'u', tenant_id: 'tenant-that-does-not-exist', role: 'owner' }), /tenant_mismatch/],
    ['alg none', T.jwt({ sub: 'u', role: 'owner' }, { header: { alg: 'none', typ: 'JWT' }, sign: false }), /./],
    ['garbage', 'eyJhbGciOiJIUzI1NiJ9.bm9wZQ.c2ln', /./],
  ];
  for (const [what, token, reason] of cases) {
    const err = expectError(await client(token).get('/templates'), 401, 'invalid_token');
    assert.equal(typeof err.details?.reason, 'string', `${what}: details.reason`);
    assert.match(err.details.reason, reason, `${what}: reason ${err.details.reason}`);
  }
});

test('JWT: nbf within the 60 s leeway is accepted', async () => {
  const T = await createTenant();
  const { tenant } = T;
  const t = T.jwt({ sub: 'u', role: 'viewer', nbf: nowSec() + 20 });
  expectOk(await client(t).get('/templates'));
});

test('JWT roles: viewer and editor permissions, extra permissions, 403 details.required', async () => {
  const T = await createTenant();
  const { tenant } = T;
  const viewer = client(T.jwt({ sub: 'v', role: 'viewer' }));
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

  const editor = client(T.jwt({ sub: 'e', role: 'editor' }));
  expectOk(await editor.post('/templates', sampleTemplate()), 201);
  expectOk(await editor.post('/generate', { product: { name: 'Oak Lamp' } }));
  err = expectError(await editor.get('/keys'), 403, 'forbidden');
  assert.deepEqual(requiredOf(err), ['keys:admin']);
  err = expectError(await editor.post('/integrations', { type: 'offline', name: 'x', credentials: {} }), 403, 'forbidden');
  assert.deepEqual(requiredOf(err), ['integrations:admin']);

  const viewerPlus = client(T.jwt({ sub: 'v2', role: 'viewer', permissions: ['generate'] }));
  expectOk(await viewerPlus.post('/generate', { product: { name: 'Oak Lamp' } }));

  const admin2 = client(T.jwt({ sub: 'a', role: 'admin' }));
  expectOk(await admin2.get('/keys'));
  expectOk(await admin2.get('/integrations'));
});

test('admin routes: wrong token → 401 invalid_admin_token; tenant credentials are not admin', async () => {
  const T = await createTenant();
  const { key, tenant } = T;
  const body = { name: 'X', slug: `x-${uid(8)}` };
  expectError(await client('wrong-admin-token').post('/admin/tenants', body), 401, 'invalid_admin_token');
  expectError(await client(key).post('/admin/tenants', body), 401, 'invalid_admin_token');
  expectError(await client(T.jwt({ sub: 'o', role: 'owner' })).post('/admin/tenants', body), 401, 'invalid_admin_token');
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

test('rate limit: 5 per minute → 6th request 429 rate_limited with Retry-After; shared by all the tenant\'s credentials', async () => {
  const T = await createTenant({ rate_limit_per_minute: 5 });
  const { api } = T;
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
  // N credentials do not give N× the tenant's limit: another key and a JWT of the same tenant
  // are refused too.
  const err = expectError(await client(other.key).get('/templates'), 429, 'rate_limited');
  assert.equal(err.details.scope, 'tenant');
  expectError(await client(T.jwt({ sub: 'someone', role: 'viewer' })).get('/templates'), 429, 'rate_limited');
});

test('rate limit: a key\'s own limit (at most the tenant\'s) applies to that key only', async () => {
  const T = await createTenant({ rate_limit_per_minute: 50 });
  expectError(await T.api.post('/keys', { name: 'x', scopes: ['*'], rate_limit_per_minute: 51 }), 422, 'validation_failed');
  await freshMinute(20);
  const slow = expectOk(await T.api.post('/keys', { name: 'slow', scopes: ['templates:read'], rate_limit_per_minute: 2 }), 201);
  assert.equal(slow.rate_limit_per_minute, 2);
  const c = client(slow.key);
  expectOk(await c.get('/templates'));
  expectOk(await c.get('/templates'));
  const err = expectError(await c.get('/templates'), 429, 'rate_limited');
  assert.equal(err.details.scope, 'credential');
  expectOk(await T.api.get('/templates'));
});

test('keys: a keys:admin key cannot mint a key with more than it holds (no `*`, no other scopes)', async () => {
  const { api } = await createTenant();
  const ka = expectOk(await api.post('/keys', { name: 'key-admin', scopes: ['keys:admin', 'jobs:read'] }), 201);
  const c = client(ka.key);
  for (const scopes of [['*'], ['jobs:write'], ['jobs:read', 'integrations:admin']]) {
    const err = expectError(await c.post('/keys', { name: 'escalate', scopes }), 403, 'forbidden');
    assert.ok(scopes.includes(err.details.required), JSON.stringify(err.details));
  }
  const ok = expectOk(await c.post('/keys', { name: 'narrow', scopes: ['jobs:read'] }), 201);
  assert.deepEqual(ok.scopes, ['jobs:read']);
  // Nothing was minted by the refused calls.
  const names = expectOk(await api.get('/keys')).map((k) => k.name);
  assert.ok(!names.includes('escalate'), names.join());
});

test('JWT: each tenant signs with its own secret; a platform cannot sign for another tenant', async () => {
  const A = await createTenant();
  const B = await createTenant();
  const tplB = expectOk(await B.api.post('/templates', { name: `b-${uid(4)}`, template: 'seo_title' }), 201);
  // A's platform names tenant B: refused (the secret belongs to A).
  let err = expectError(await client(A.jwt({ sub: 'evil', tenant_id: B.tenant.id, role: 'owner' })).get(`/templates/${tplB.id}`), 401, 'invalid_token');
  assert.equal(err.details.reason, 'tenant_mismatch');
  // A's secret under B's kid: bad signature.
  err = expectError(await client(jwt({ sub: 'evil', tenant_id: B.tenant.id, role: 'owner' }, { key: { kid: B.jwtKey.kid, secret: A.jwtKey.secret } })).get('/templates'), 401, 'invalid_token');
  assert.equal(err.details.reason, 'bad_signature');
  // B's own token works.
  expectOk(await client(B.jwt({ sub: 'b', role: 'owner' })).get(`/templates/${tplB.id}`));
});

test('JWT: kid, aud, lifetime and the secret are all required', async () => {
  const T = await createTenant();
  const cases = [
    ['no kid', T.jwt({ sub: 'u', role: 'owner' }, { header: { alg: 'HS256', typ: 'JWT' } }), 'missing_kid'],
    ['unknown kid', T.jwt({ sub: 'u', role: 'owner' }, { header: { alg: 'HS256', typ: 'JWT', kid: 'kid_000000000000000000000000' } }), 'unknown_kid'],
    ['no aud', T.jwt({ sub: 'u', role: 'owner', aud: undefined }), 'invalid_claims'],
    ['wrong aud', T.jwt({ sub: 'u', role: 'owner', aud: 'someone-else' }), 'wrong_audience'],
    ['no iat', T.jwt({ sub: 'u', role: 'owner', iat: undefined }), 'invalid_claims'],
    ['lifetime over an hour', T.jwt({ sub: 'u', role: 'owner', iat: nowSec(), exp: nowSec() + 3601 }), 'lifetime_too_long'],
  ];
  for (const [what, token, reason] of cases) {
    const err = expectError(await client(token).get('/templates'), 401, 'invalid_token');
    assert.equal(err.details.reason, reason, what);
  }
  expectOk(await client(T.jwt({ sub: 'u', role: 'owner', aud: ['x', 'proseo'] })).get('/templates'));
});

test('JWT secrets: admin only, at least 32 bytes, one tenant each, two active, rotation and revocation', async () => {
  const T = await createTenant();
  const id = T.tenant.id;
  expectError(await T.api.post(`/admin/tenants/${id}/jwt-keys`, {}), 401, 'invalid_admin_token');
  expectError(await admin.post(`/admin/tenants/${id}/jwt-keys`, { secret: 'too-short' }), 422, 'validation_failed');
  expectError(await admin.post('/admin/tenants/tnt_nope/jwt-keys', {}), 404, 'not_found');
  // A secret the platform already holds can be set, but never for a second tenant.
  const own = 'a-platform-secret-that-is-long-enough-' + uid(8);
  const second = await jwtKey(id, { secret: own });
  assert.equal(second.secret, own);
  const other = await createTenant();
  expectError(await admin.post(`/admin/tenants/${other.tenant.id}/jwt-keys`, { secret: own }), 409, 'conflict');
  // Two active: a third is refused until one is revoked.
  expectError(await admin.post(`/admin/tenants/${id}/jwt-keys`, {}), 409, 'too_many_keys');
  const oldToken = T.jwt({ sub: 'u', role: 'viewer' });
  const newToken = jwt({ sub: 'u', tenant_id: id, role: 'viewer' }, { key: second });
  expectOk(await client(oldToken).get('/templates'));
  expectOk(await client(newToken).get('/templates'));
  const listed = expectOk(await admin.get(`/admin/tenants/${id}/jwt-keys`));
  assert.deepEqual(listed.map((k) => k.kid).sort(), [T.jwtKey.kid, second.kid].sort());
  assert.ok(listed.every((k) => !('secret' in k)), 'secrets are never listed');
  const revoked = expectOk(await admin.del(`/admin/tenants/${id}/jwt-keys/${T.jwtKey.kid}`));
  assert.equal(typeof revoked.revoked_at, 'string');
  const err = expectError(await client(oldToken).get('/templates'), 401, 'invalid_token');
  assert.equal(err.details.reason, 'unknown_kid');
  expectOk(await client(newToken).get('/templates'));
  expectOk(await admin.post(`/admin/tenants/${id}/jwt-keys`, {}), 201);
});
