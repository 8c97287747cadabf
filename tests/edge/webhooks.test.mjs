// Signed webhook imports (POST /webhooks/{source}): the signing secrets, the signature over the
// timestamp and the raw body, the 5-minute window, replays and re-deliveries, upserts by
// external id, and an n8n-style delivery (the fixture is the exact body n8n's HTTP Request node
// sends, signed the way its Crypto node computes an HMAC).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ROOT,
  createTenant,
  deliver,
  expectError,
  expectOk,
  nowSec,
  webhookSecret,
  webhookSignature,
  allProducts,
  waitForJob,
  uid,
  request,
} from './helpers.mjs';

const product = (id, extra = {}) => ({ id, name: `Oak Board ${id}`, sku: `OB-${id}`, regular_price: '20.00', language: 'en', ...extra });

test('webhook secrets: created (shown once), listed without the secret, at most two active, revoked', async () => {
  const { api } = await createTenant();
  const a = await webhookSecret(api);
  assert.match(a.secret, /^whsec_/);
  const mine = 'a-sender-supplied-secret-of-at-least-32-bytes';
  const b = await webhookSecret(api, { secret: mine });
  assert.equal(b.secret, mine);
  expectError(await api.post('/webhook-secrets', {}), 409, 'too_many_keys');
  expectError(await api.post('/webhook-secrets', { secret: 'short' }), 422, 'validation_failed');
  const listed = expectOk(await api.get('/webhook-secrets'));
  assert.deepEqual(listed.map((s) => s.id).sort(), [a.id, b.id].sort());
  assert.ok(listed.every((s) => !('secret' in s)), 'secrets are never listed');
  const revoked = expectOk(await api.del(`/webhook-secrets/${a.id}`));
  assert.equal(typeof revoked.revoked_at, 'string');
  // A revoked secret signs nothing any more.
  const e = expectError(await deliver(a, 'shop', { products: [product('1')] }), 401, 'invalid_signature');
  assert.equal(e.details.reason, 'unknown_secret');
  await webhookSecret(api);
  expectError(await api.del('/webhook-secrets/whk_missing'), 404, 'not_found');
  // Another tenant cannot see or revoke them.
  const other = await createTenant();
  expectError(await other.api.del(`/webhook-secrets/${b.id}`), 404, 'not_found');
  assert.deepEqual(expectOk(await other.api.get('/webhook-secrets')), []);
});

test('signature: HMAC-SHA256 over `timestamp.raw body`; anything else is 401 with the reason', async () => {
  const { api } = await createTenant();
  const key = await webhookSecret(api);
  const body = { products: [product('sig-1')] };
  const ok = expectOk(await deliver(key, 'shop', body));
  assert.deepEqual([ok.received, ok.created, ok.duplicate], [1, 1, false]);

  const raw = JSON.stringify(body);
  const ts = nowSec();
  const reason = async (res) => expectError(res, 401, 'invalid_signature').details.reason;
  // The signature of other bytes: the same JSON with a space is another body.
  assert.equal(await reason(await deliver(key, 'shop', JSON.stringify(body, null, 1), { timestamp: ts, signature: webhookSignature(key.secret, String(ts), raw) })), 'bad_signature');
  assert.equal(await reason(await deliver(key, 'shop', raw, { signature: webhookSignature('another secret', String(ts), raw), timestamp: ts })), 'bad_signature');
  // Signed for another timestamp than the one sent.
  assert.equal(await reason(await deliver(key, 'shop', raw, { timestamp: ts, signature: webhookSignature(key.secret, String(ts - 1), raw) })), 'bad_signature');
  assert.equal(await reason(await deliver(key, 'shop', raw, { signature: 'sha256=xyz' })), 'malformed_signature');
  assert.equal(await reason(await deliver(key, 'shop', raw, { signature: 'md5=abc' })), 'malformed_signature');
  assert.equal(await reason(await deliver(key, 'shop', raw, { timestamp: `${ts}000` })), 'malformed_timestamp');
  assert.equal(await reason(await deliver({ id: 'whk_nope', secret: key.secret }, 'shop', raw)), 'unknown_secret');
  assert.equal(await reason(await deliver(key, 'shop', raw, { headers: { 'x-proseo-signature': undefined } })), 'missing_header');
  assert.equal(await reason(await deliver(key, 'shop', raw, { headers: { 'x-proseo-webhook-id': undefined } })), 'missing_header');
  // A bearer credential is not a signature.
  assert.equal(await reason(await request('POST', '/webhooks/shop', { token: (await createTenant()).key, body })), 'missing_header');

  // The 5-minute window, both ways, signed correctly.
  assert.equal(await reason(await deliver(key, 'shop', raw, { timestamp: nowSec() - 6 * 60 })), 'stale_timestamp');
  assert.equal(await reason(await deliver(key, 'shop', raw, { timestamp: nowSec() + 6 * 60 })), 'stale_timestamp');
  expectOk(await deliver(key, 'shop', raw, { timestamp: nowSec() - 4 * 60 }));

  // The body is checked against its schema only after the signature.
  const bad = { products: [{ name: 'no id' }] };
  assert.equal(await reason(await deliver(key, 'shop', JSON.stringify(bad), { signature: 'sha256=' + '0'.repeat(64) })), 'bad_signature');
  const e = expectError(await deliver(key, 'shop', bad), 422, 'validation_failed');
  assert.ok(e.details.fields.some((f) => f.path === '/products/0/id'), JSON.stringify(e.details));
  const e2 = expectError(await deliver(key, 'Bad_Source', body), 422, 'validation_failed');
  assert.equal(e2.details.fields[0].code, 'invalid_source');
  expectError(await deliver(key, 'shop', { products: Array.from({ length: 201 }, (_, i) => product(`x${i}`)) }), 422, 'validation_failed');
});

test('replays and re-deliveries: the same delivery answers its first answer and does nothing again', async () => {
  const { api } = await createTenant();
  const key = await webhookSecret(api);
  const body = JSON.stringify({ products: [product('r-1'), product('r-2')] });
  const ts = nowSec();
  const first = expectOk(await deliver(key, 'shop', body, { timestamp: ts }));
  assert.deepEqual([first.created, first.duplicate], [2, false]);
  // The captured request, sent again as is (a replay within the window).
  const replay = expectOk(await deliver(key, 'shop', body, { timestamp: ts }));
  assert.equal(replay.duplicate, true);
  assert.equal(replay.created, 2, 'the first answer');
  // The sender's own delivery id: the same id is the same delivery, whatever its body.
  const d = `exec-${uid(6)}`;
  const a = expectOk(await deliver(key, 'shop', { products: [product('r-3')] }, { delivery: d }));
  assert.equal(a.created, 1);
  const b = expectOk(await deliver(key, 'shop', { products: [product('r-3', { name: 'Renamed' })] }, { delivery: d }));
  assert.deepEqual([b.duplicate, b.created, b.updated], [true, 1, 0]);
  assert.equal((await allProducts(api, { q: 'OB-r-3' }))[0].name, 'Oak Board r-3', 'the duplicate changed nothing');
  // A re-delivery (signed anew, so another signature) of the same products: idempotent by
  // external id.
  const again = expectOk(await deliver(key, 'shop', body, { timestamp: ts - 1 }));
  assert.deepEqual([again.duplicate, again.created, again.updated, again.unchanged], [false, 0, 0, 2]);
  assert.equal((await allProducts(api, { source: 'shop' })).length, 3);
});

test('upserts by external id: created, updated when facts change, unchanged otherwise; per source; invalid ones stored and reported', async () => {
  const { api } = await createTenant();
  const key = await webhookSecret(api);
  expectOk(await deliver(key, 'feed-a', { products: [product('1'), product('2', { description: '<p>Has one</p>' })] }));
  expectOk(await deliver(key, 'feed-b', { products: [product('1')] }));
  const all = await allProducts(api);
  assert.equal(all.length, 3, 'the same external id in two sources is two products');
  const p1 = all.find((p) => p.source === 'feed-a' && p.external_id === '1');
  assert.equal(p1.status, 'new');
  assert.equal(p1.source_kind, 'webhook');
  assert.equal(p1.description_missing, true);
  assert.equal(p1.product.name, 'Oak Board 1');
  // A description-only change is stored but is not a change of facts; a price change is.
  const r = expectOk(await deliver(key, 'feed-a', { products: [product('1', { description: '<p>New</p>' }), product('2', { description: '<p>Has one</p>', regular_price: '25.00' })] }));
  assert.deepEqual([r.created, r.updated, r.unchanged], [0, 1, 1]);
  const again = expectOk(await api.get(`/products/${p1.id}`));
  assert.equal(again.product.description, '<p>New</p>');
  assert.equal(again.description_missing, false);
  // Invalid data is stored (the catalog mirrors the source) and reported, never generated.
  const inv = expectOk(await deliver(key, 'feed-a', { products: [product('3', { regular_price: '-5', gtin: '123' })] }));
  assert.equal(inv.invalid_count, 1);
  assert.match(inv.invalid[0].message, /^\/(regular_price|gtin)/);
  const stored = (await allProducts(api, { q: 'OB-3' }))[0];
  assert.equal(stored.status, 'invalid');
  assert.match(stored.invalid, /regular_price|gtin/);
});

test('n8n-style delivery: the fixture body as n8n sends it, signed like its Crypto node (HMAC, SHA256, hex), generated', async () => {
  const T = await createTenant();
  const key = await webhookSecret(T.api);
  // n8n: a Code/Set node builds the body; `{{$now.toSeconds()}}` gives the timestamp; the Crypto
  // node (Action: Hmac, Type: SHA256, Encoding: hex) signs `{{timestamp}}.{{body}}`; the HTTP
  // Request node sends the body raw (Content Type: JSON, Body: the same string) with the headers.
  const raw = readFileSync(path.join(ROOT, 'tests/edge/fixtures/n8n-delivery.json'), 'utf8').trim();
  const ts = String(nowSec());
  const { createHmac } = await import('node:crypto');
  const hex = createHmac('sha256', key.secret).update(`${ts}.${raw}`).digest('hex');
  const res = await request('POST', '/webhooks/n8n-allegro', {
    body: raw,
    headers: {
      'content-type': 'application/json',
      'x-proseo-webhook-id': key.id,
      'x-proseo-timestamp': ts,
      'x-proseo-signature': `sha256=${hex}`,
      'x-proseo-delivery': 'n8n-execution-4711',
      'user-agent': 'n8n',
    },
  });
  const out = expectOk(res);
  assert.deepEqual([out.received, out.created, out.invalid_count], [3, 3, 0]);
  assert.match(out.job_id, /^job_/);
  const job = await waitForJob(T.api, out.job_id);
  assert.deepEqual([job.total, job.completed, job.source], [3, 3, 'webhook']);
  const products = await allProducts(T.api, { source: 'n8n-allegro' });
  assert.equal(products.length, 3);
  for (const p of products) {
    assert.equal(p.status, 'approved', `${p.external_id} approved at score ≥ 0`);
    assert.ok(p.content.description.length > 100);
    assert.equal(typeof p.score, 'number');
  }
  const apron = products.find((p) => p.external_id === 'allegro-11849302157');
  assert.equal(apron.product.variants.length, 3);
  // n8n retries a failed execution with the same execution id: nothing happens twice.
  const retry = await request('POST', '/webhooks/n8n-allegro', {
    body: raw,
    headers: { 'content-type': 'application/json', 'x-proseo-webhook-id': key.id, 'x-proseo-timestamp': ts, 'x-proseo-signature': `sha256=${hex}`, 'x-proseo-delivery': 'n8n-execution-4711' },
  });
  const dup = expectOk(retry);
  assert.deepEqual([dup.duplicate, dup.job_id], [true, out.job_id]);
  assert.equal(expectOk(await T.api.get('/jobs')).length, 1, 'no second job');
});
