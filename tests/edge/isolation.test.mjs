// Tenant isolation: tenant B gets 404 on every one of tenant A's resources and never sees A's
// data in lists or usage; A's resources are untouched afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTenant, client, expectOk, expectError, mock, mockIntegration, products, waitForJob, allItems, usage, uid } from './helpers.mjs';

test('tenant B cannot see, change or use any of tenant A\'s resources', async () => {
  await mock.reset();
  const A = await createTenant();
  const B = await createTenant();
  const tpl = expectOk(await A.api.post('/templates', { name: `a-${uid(4)}`, template: 'long_description', is_default: true }), 201);
  const { integration } = await mockIntegration(A.api, { is_default: false });
  const key = expectOk(await A.api.post('/keys', { name: 'a-extra', scopes: ['*'] }), 201);
  const job = expectOk(await A.api.post('/jobs', { name: 'a-job', products: products(2) }), 201);
  await waitForJob(A.api, job.id);
  const [item] = await allItems(A.api, job.id);
  const usageA = await usage(A.api);

  const Bjwt = client(B.jwt({ sub: 'b-owner', role: 'owner' }));
  for (const b of [B.api, Bjwt]) {
    const attempts = [
      ['GET', `/templates/${tpl.id}`],
      ['PATCH', `/templates/${tpl.id}`, { name: 'stolen' }],
      ['DELETE', `/templates/${tpl.id}`],
      ['GET', `/jobs/${job.id}`],
      ['POST', `/jobs/${job.id}/cancel`],
      ['GET', `/jobs/${job.id}/items`],
      ['GET', `/jobs/${job.id}/export`],
      ['GET', `/jobs/${job.id}/export?format=csv`],
      ['DELETE', `/jobs/${job.id}`],
      ['GET', `/items/${item.id}`],
      ['PATCH', `/items/${item.id}`, { sync_status: 'synced' }],
      ['POST', `/items/${item.id}/approve`],
      ['POST', `/items/${item.id}/reject`],
      ['POST', `/items/${item.id}/regenerate`, {}],
      ['DELETE', `/keys/${key.id}`],
      ['DELETE', `/integrations/${integration.id}`],
      ['POST', '/prompts/render', { product: { name: 'Lamp' }, template_id: tpl.id }],
      ['POST', '/generate', { product: { name: 'Lamp' }, template_id: tpl.id }],
      ['POST', '/generate', { product: { name: 'Lamp' }, integration_id: integration.id }],
      ['POST', '/jobs', { name: 'b', template_id: tpl.id, products: products(1) }],
    ];
    for (const [m, p, body] of attempts) {
      const [pathOnly, qs] = p.split('?');
      const query = qs ? Object.fromEntries(new URLSearchParams(qs)) : undefined;
      const res = await b.req(m, pathOnly, { body, query });
      expectError(res, 404, 'not_found');
    }
    // Lists show nothing of A.
    for (const p of ['/templates', '/jobs', '/integrations']) {
      const res = await b.get(p);
      assert.deepEqual(expectOk(res), [], `${p} of B`);
      assert.equal(res.meta.pagination.total, 0);
    }
    const keys = expectOk(await b.get('/keys'));
    assert.ok(!keys.some((k) => k.id === key.id || k.id === A.keyInfo.id));
    const u = await usage(b);
    assert.equal(u.generations, 0);
  }
  // A JWT naming tenant A but signed for B's user cannot reach A either: tenant comes from the claim,
  // and a key of B with A's id in the body/query changes nothing.
  expectError(await B.api.get(`/jobs/${job.id}`, { query: { tenant_id: A.tenant.id } }), 404, 'not_found');

  // A's resources are intact.
  const t = expectOk(await A.api.get(`/templates/${tpl.id}`));
  assert.equal(t.name, tpl.name);
  assert.equal(t.is_default, true);
  const j = expectOk(await A.api.get(`/jobs/${job.id}`));
  assert.equal(j.status, 'completed');
  assert.equal(expectOk(await A.api.get(`/items/${item.id}`)).status, 'generated');
  expectOk(await client(key.key).get('/templates'));
  assert.deepEqual(expectOk(await A.api.get('/integrations')).map((i) => i.id), [integration.id]);
  assert.deepEqual(await usage(A.api), usageA);
});

test('a JWT for tenant B only reaches tenant B', async () => {
  const A = await createTenant();
  const B = await createTenant();
  const tpl = expectOk(await A.api.post('/templates', { name: 'only-a', template: 'seo_title' }), 201);
  const asB = client(B.jwt({ sub: 'shared-user', role: 'owner' }));
  expectError(await asB.get(`/templates/${tpl.id}`), 404, 'not_found');
  const asA = client(A.jwt({ sub: 'shared-user', role: 'owner' }));
  assert.equal(expectOk(await asA.get(`/templates/${tpl.id}`)).id, tpl.id);
  const mine = expectOk(await asB.post('/templates', { name: 'only-a', template: 'seo_title' }), 201);
  assert.notEqual(mine.id, tpl.id, 'names are per tenant');
});
