// Edge API figures under wrangler dev (workerd, local D1 and Queues, offline writer), from the
// client's side on the same machine: latency of POST /analyze and POST /generate (p50/p95 over
// sequential requests), and the throughput of a bulk job (create → every item generated).
// Run by scripts/bench-edge, which starts and stops the server. Local figures: they include
// wrangler dev's proxy and the local SQLite D1, not Cloudflare's network.
import { readFileSync, writeFileSync } from 'node:fs';

const base = process.env.PROSEO_URL + '/api/v1';
const admin = process.env.PROSEO_ADMIN_TOKEN;

async function call(method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!json.success) throw new Error(`${method} ${path}: ${res.status} ${json.error.code}`);
  return json.data;
}

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function timed(n, fn) {
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  return { n, p50_ms: +percentile(ms, 50).toFixed(2), p95_ms: +percentile(ms, 95).toFixed(2) };
}

const { api_key } = await call('POST', '/admin/tenants', admin, { name: 'bench', slug: `bench-${Date.now().toString(36)}`, monthly_generations: null, rate_limit_per_minute: 100000 });
const key = api_key.key;

// The core's `good_product` fixture: a product description with headings, a list and links.
const input = JSON.parse(readFileSync(new URL('../crates/core/tests/fixtures/analyze/good_product.json', import.meta.url), 'utf8')).input;

const product = (i) => ({
  id: String(1000 + i),
  name: `Cast Iron Skillet ${i}`,
  sku: `SK-${i}`,
  categories: ['Kitchen > Cookware'],
  features: ['Pre-seasoned cast iron', 'Oven safe to 260 °C', 'Works on induction'],
  regular_price: '39.90',
  currency: 'EUR',
  keyphrase: 'cast iron skillet',
});

// Warm up (first requests compile the module and open the database).
for (let i = 0; i < 5; i++) await call('POST', '/analyze', key, input);

const results = {
  analyze: await timed(200, () => call('POST', '/analyze', key, input)),
  generate_offline: await timed(100, (i) => call('POST', '/generate', key, { product: product(i) })),
};

const N = Number(process.env.JOB_ITEMS ?? 500);
const t0 = performance.now();
const job = await call('POST', '/jobs', key, { name: 'bench', products: Array.from({ length: N }, (_, i) => product(i)) });
const created = performance.now() - t0;
let current = job;
while (current.status !== 'completed') {
  await new Promise((r) => setTimeout(r, 100));
  current = await call('GET', `/jobs/${job.id}`, key);
}
const total = performance.now() - t0;
results.job = { items: N, create_ms: Math.round(created), done_ms: Math.round(total), items_per_s: +((N / total) * 1000).toFixed(1), completed: current.completed, failed: current.failed };

console.log(JSON.stringify(results, null, 2));
writeFileSync(new URL('./edge-results.json', import.meta.url), JSON.stringify({ date: new Date().toISOString().slice(0, 10), ...results }, null, 2) + '\n');
