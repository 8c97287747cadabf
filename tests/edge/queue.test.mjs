// The queue consumer: transient faults retried with backoff and billed once, permanent faults
// failed without retry, exhausted retries failing one item without touching the others,
// redelivery (admin requeue) generating nothing twice, and a 200-item job.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createTenant, admin, client, expectOk, expectError, mock, mockIntegration, products, waitFor, waitForJob, allItems, assertCounters, countBy, usage, uid, sleep, d1 } from './helpers.mjs';

beforeEach(async () => {
  await mock.reset();
});

test('transient faults: 500, 500, then good → generated with attempts 3, billed once', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const [p] = products(1, uid(4));
  await mock.script([{ match: `Name: ${p.name}\n`, status: 500 }, { match: `Name: ${p.name}\n`, status: 500 }]);
  const before = await usage(api);
  const created = expectOk(await api.post('/jobs', { name: 'retry', products: [p] }), 201);
  const job = await waitForJob(api, created.id, { timeout: 60000 });
  assert.deepEqual([job.status, job.completed, job.failed, job.pending], ['completed', 1, 0, 0]);
  const [item] = await allItems(api, created.id);
  assert.equal(item.status, 'generated');
  assert.equal(item.usage.attempts, 3);
  assert.equal(item.error, null);
  const reqs = await mock.requests();
  assert.deepEqual(reqs.map((r) => r.response.status), [500, 500, 200]);
  // Backoff RETRY_BASE_SECONDS · 2^(attempt-1) with RETRY_BASE_SECONDS=1: at least 1 s + 2 s.
  const gap1 = Date.parse(reqs[1].at) - Date.parse(reqs[0].at);
  const gap2 = Date.parse(reqs[2].at) - Date.parse(reqs[1].at);
  assert.ok(gap1 >= 900, `first retry after ${gap1} ms`);
  assert.ok(gap2 >= 1800, `second retry after ${gap2} ms`);
  assert.equal(item.usage.input_tokens, reqs[2].response.usage.input_tokens, 'tokens of the successful call');
  const after = await usage(api);
  assert.equal(after.generations, before.generations + 1, 'billed once');
});

test('429 from the provider is retried too', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const [p] = products(1, uid(4));
  await mock.script([{ match: `Name: ${p.name}\n`, status: 429 }]);
  const created = expectOk(await api.post('/jobs', { name: '429', products: [p] }), 201);
  await waitForJob(api, created.id);
  const [item] = await allItems(api, created.id);
  assert.equal(item.status, 'generated');
  assert.equal(item.usage.attempts, 2);
});

test('permanent 400 → item failed with the error, not retried', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const [p] = products(1, uid(4));
  await mock.script([{ match: `Name: ${p.name}\n`, status: 400 }]);
  const before = await usage(api);
  const created = expectOk(await api.post('/jobs', { name: 'perm', products: [p] }), 201);
  const job = await waitForJob(api, created.id);
  assert.deepEqual([job.status, job.completed, job.failed, job.cancelled, job.pending, job.progress], ['completed', 0, 1, 0, 0, 100]);
  const [item] = await allItems(api, created.id);
  assert.equal(item.status, 'failed');
  assert.equal(item.error.code, 'provider_error');
  assert.equal(typeof item.error.message, 'string');
  assert.equal(item.usage.attempts, 1);
  await sleep(2500);
  assert.equal((await mock.requests()).length, 1, 'not retried');
  assert.equal((await usage(api)).generations, before.generations, 'a failure is not billed');
  assert.deepEqual((await allItems(api, created.id, { status: 'failed' })).map((i) => i.id), [item.id]);
});

test('retries exhausted on one item: it fails after MAX_ATTEMPTS (4), the others are untouched', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const list = products(3, uid(4));
  const target = list[1];
  await mock.script(Array.from({ length: 6 }, () => ({ match: `Name: ${target.name}\n`, status: 503 })));
  const before = await usage(api);
  const created = expectOk(await api.post('/jobs', { name: 'exhaust', products: list }), 201);
  const job = await waitForJob(api, created.id, { timeout: 90000 });
  assert.deepEqual([job.status, job.total, job.completed, job.failed, job.cancelled, job.pending], ['completed', 3, 2, 1, 0, 0]);
  const items = await allItems(api, created.id);
  const failed = items.find((i) => i.product.name === target.name);
  assert.equal(failed.status, 'failed');
  assert.equal(failed.usage.attempts, 4);
  assert.equal(failed.error.code, 'provider_error');
  for (const i of items.filter((x) => x !== failed)) {
    assert.equal(i.status, 'generated');
    assert.equal(i.usage.attempts, 1);
  }
  const reqs = await mock.requests();
  assert.equal(reqs.filter((r) => r.brief.name === target.name).length, 4);
  assert.equal(reqs.length, 6);
  assert.equal((await usage(api)).generations, before.generations + 2);
});

test('redelivery: admin requeue of a finished job generates and bills nothing again', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const created = expectOk(await api.post('/jobs', { name: 'requeue', products: products(4, uid(4)) }), 201);
  const job = await waitForJob(api, created.id);
  const items = await allItems(api, created.id);
  const u1 = await usage(api);
  const calls = (await mock.requests()).length;
  assert.equal(calls, 4);
  const res = expectOk(await admin.post(`/admin/jobs/${created.id}/requeue`));
  assert.deepEqual(res, { job_id: created.id, enqueued: 4 });
  await sleep(5000);
  const job2 = expectOk(await api.get(`/jobs/${created.id}`));
  assert.deepEqual(
    [job2.status, job2.completed, job2.failed, job2.cancelled, job2.pending, job2.finished_at],
    [job.status, job.completed, job.failed, job.cancelled, job.pending, job.finished_at],
  );
  const items2 = await allItems(api, created.id);
  assert.deepEqual(items2.map((i) => [i.id, i.status, i.updated_at, i.usage.attempts]).sort(), items.map((i) => [i.id, i.status, i.updated_at, i.usage.attempts]).sort());
  assert.deepEqual(await usage(api), u1);
  assert.equal((await mock.requests()).length, calls, 'no provider call on redelivery');
  // Only the admin token may requeue; unknown jobs are 404.
  const { key } = await createTenant();
  expectError(await client(key).post(`/admin/jobs/${created.id}/requeue`), 401, 'invalid_admin_token');
  expectError(await api.post(`/admin/jobs/${created.id}/requeue`), 401, 'invalid_admin_token');
  expectError(await admin.post('/admin/jobs/no-such-job/requeue'), 404, 'not_found');
});

test('redelivery while items are in flight: each item generated exactly once', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const list = products(3, uid(4));
  await mock.script(list.map((p) => ({ match: `Name: ${p.name}\n`, delay_ms: 1500 })));
  const created = expectOk(await api.post('/jobs', { name: 'inflight', products: list }), 201);
  await sleep(300);
  expectOk(await admin.post(`/admin/jobs/${created.id}/requeue`));
  const job = await waitForJob(api, created.id);
  await sleep(2000);
  assert.deepEqual([job.completed, job.failed, job.pending], [3, 0, 0]);
  const reqs = await mock.requests();
  const perName = countBy(reqs.map((r) => ({ name: r.brief.name })), 'name');
  assert.deepEqual(Object.values(perName), [1, 1, 1], JSON.stringify(perName));
  assert.equal((await usage(api)).generations, 3);
});

test('a 200-item job completes through the queue with exact counters', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const t0 = Date.now();
  const created = expectOk(await api.post('/jobs', { name: 'two hundred', products: products(200, uid(4)) }), 201);
  assert.equal(created.total, 200);
  let polls = 0;
  const job = await waitForJob(api, created.id, {
    timeout: 150000,
    until: (j) => {
      assertCounters(j);
      polls++;
      return j.status === 'completed' && j.pending === 0;
    },
  });
  assert.deepEqual([job.total, job.completed, job.failed, job.cancelled, job.pending, job.progress], [200, 200, 0, 0, 0, 100]);
  const items = await allItems(api, created.id);
  assert.equal(items.length, 200);
  assert.deepEqual(countBy(items), { generated: 200 });
  assert.equal((await mock.requests()).length, 200);
  assert.equal((await usage(api)).generations, 200);
  console.log(`# 200 items in ${((Date.now() - t0) / 1000).toFixed(1)} s (${polls} polls)`);
});

// Fault injection in D1 itself: with the usage table renamed away (through wrangler's own local
// D1, the same SQLite file the Worker uses) while the item's first provider call is under way,
// every commit of the item fails; the consumer releases its claim and retries until the queue
// gives up (max_retries in wrangler.toml), and the dead-letter queue's consumer marks the item
// failed. Counters stay exact, nothing is billed.
test('D1 commit failures until the queue gives up → dead-letter consumer fails the item', async () => {
  const { api } = await createTenant({ monthly_generations: null });
  await mockIntegration(api);
  const [p] = products(1, uid(4));
  await mock.script([{ match: `Name: ${p.name}\n`, delay_ms: 3000 }]);
  const before = await usage(api);
  const created = expectOk(await api.post('/jobs', { name: 'dlq', products: [p] }), 201);
  await waitFor(async () => (await mock.requests()).length > 0, { what: 'the first provider call' });
  await d1('ALTER TABLE usage_events RENAME TO usage_events_off');
  let job;
  try {
    job = await waitForJob(api, created.id, { timeout: 120000 });
  } finally {
    await d1('ALTER TABLE usage_events_off RENAME TO usage_events');
  }
  assert.deepEqual([job.status, job.completed, job.failed, job.pending], ['completed', 0, 1, 0]);
  const [item] = await allItems(api, job.id);
  assert.equal(item.status, 'failed');
  assert.equal(item.error.code, 'dead_letter');
  assert.match(item.error.message, /queue gave up/);
  const after = await usage(api);
  assert.equal(after.generations, before.generations, 'nothing billed');
});
