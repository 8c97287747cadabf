// Scale: a 10,000-product WooCommerce store pulled into the catalog, generated (the offline
// writer, no LLM) and pushed back, in the local runtime (wrangler dev + the test store), every
// Worker invocation bounded: a pull step reads one page of ≤ 100 products (plus the variations
// of its variable products, ≤ 20 requests), a catalog job adds ≤ 200 items per chunk as the queue
// works them off, a push step writes ≤ 100 products in one batch request. Prints the wall time
// and products/s of each phase (and writes them to $SCALE_RESULTS when set).
// Run on its own: scripts/test-scale (SCALE_PRODUCTS=N for another size).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { allProducts, createTenant, expectOk, waitFor, waitForJob } from '../edge/helpers.mjs';

const N = Number(process.env.SCALE_PRODUCTS || 10000);
const VARIABLE_EVERY = 20;
const STORE = process.env.WC_STORE_URL;
const AUTH = `Basic ${Buffer.from(`${process.env.WC_USER}:${process.env.WC_APP_PASSWORD}`).toString('base64')}`;

async function shop(method, path, body) {
  const res = await fetch(`${STORE}/wp-json/${path}`, { method, headers: { authorization: AUTH, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  const text = await res.text();
  assert.ok(res.status < 300, `${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function run(api, path, body) {
  const started = expectOk(await api.post(path, body), 202);
  let last;
  return waitFor(async () => {
    last = expectOk(await api.get(`/syncs/${started.id}`));
    return ['completed', 'failed', 'cancelled'].includes(last.status) ? last : null;
  }, { timeout: 40 * 60000, interval: 2000, what: `${path} (last: ${JSON.stringify(last)})` });
}

const rate = (n, ms) => Math.round((n / (ms / 1000)) * 10) / 10;

test(`scale: pull, generate and push a ${N}-product store`, { timeout: 90 * 60000 }, async () => {
  await shop('POST', 'proseo-test/v1/reset', {});
  const t0 = Date.now();
  for (let done = 0; done < N; done += 5000) {
    const seeded = await shop('POST', 'proseo-test/v1/seed', { count: Math.min(5000, N - done), prefix: `s${done / 5000}`, variable_every: VARIABLE_EVERY, variations: 3, images: 2 });
    assert.equal(seeded.created, Math.min(5000, N - done));
  }
  const seedMs = Date.now() - t0;
  const { api } = await createTenant({ monthly_generations: null, rate_limit_per_minute: 1000000 });
  const store = expectOk(await api.post('/integrations', {
    type: 'woocommerce', name: 'Scale store', credentials: { consumer_key: process.env.WC_USER, consumer_secret: process.env.WC_APP_PASSWORD },
    settings: { store_url: STORE, per_page: 100, push_batch_size: 100, timeout_ms: 60000 },
  }), 201);

  let t = Date.now();
  const pull = await run(api, `/integrations/${store.id}/pull`);
  const pullMs = Date.now() - t;
  assert.equal(pull.status, 'completed', JSON.stringify(pull));
  assert.deepEqual([pull.created, pull.total, pull.page], [N, N, Math.ceil(N / 100)]);

  t = Date.now();
  const job = expectOk(await api.post('/jobs', { name: 'scale', catalog: { source: store.id }, approve_min_score: 0 }), 201);
  assert.ok(job.total <= 200, 'the request filled one chunk');
  const done = await waitForJob(api, job.id, { timeout: 60 * 60000 });
  const genMs = Date.now() - t;
  assert.deepEqual([done.total, done.completed, done.failed], [N, N, 0]);

  t = Date.now();
  const push = await run(api, `/integrations/${store.id}/push`);
  const pushMs = Date.now() - t;
  assert.deepEqual([push.status, push.pushed, push.conflicts, push.failed], ['completed', N, 0, 0], JSON.stringify(push));

  const requests = await shop('GET', 'proseo-test/v1/requests');
  const stats = expectOk(await api.get('/products/stats', { query: { source: store.id } }));
  assert.equal(stats.by_status.pushed, N);
  const sample = (await allProducts(api, { source: store.id, per_page: 5 })).slice(0, 1);
  assert.equal(sample.length, 1);

  const figures = {
    products: N,
    variable_products: Math.floor(N / VARIABLE_EVERY),
    seed_ms: seedMs,
    pull: { ms: pullMs, products_per_s: rate(N, pullMs), steps: pull.page, store_requests: (requests['GET /wc/v3/products'] || 0) + (requests['GET /wc/v3/products/{id}/variations'] || 0) },
    generate: { ms: genMs, products_per_s: rate(N, genMs) },
    push: { ms: pushMs, products_per_s: rate(N, pushMs), batch_requests: requests['POST /wc/v3/products/batch'] || 0 },
    total: { ms: pullMs + genMs + pushMs, products_per_s: rate(N, pullMs + genMs + pushMs) },
  };
  console.log(`# scale ${N} products: pull ${(pullMs / 1000).toFixed(1)} s (${figures.pull.products_per_s}/s, ${pull.page} steps), generate ${(genMs / 1000).toFixed(1)} s (${figures.generate.products_per_s}/s), push ${(pushMs / 1000).toFixed(1)} s (${figures.push.products_per_s}/s, ${figures.push.batch_requests} batch requests); total ${(figures.total.ms / 1000).toFixed(1)} s, ${figures.total.products_per_s} products/s`);
  if (process.env.SCALE_RESULTS) writeFileSync(process.env.SCALE_RESULTS, JSON.stringify(figures, null, 2) + '\n');
  // Every push step wrote at most 100 products in one request.
  assert.ok(figures.push.batch_requests <= Math.ceil(N / 100) + 5, JSON.stringify(figures));
});
