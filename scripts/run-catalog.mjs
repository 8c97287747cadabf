// The main job's client half (scripts/run starts the local edge API first): uploads each
// WooCommerce CSV export as a bulk job, waits for the queue to finish it, approves every item
// that validates and scores at least MIN_SCORE, exports the approved results as a WooCommerce
// import CSV to out/<catalog>.proseo.csv, and prints a score table.
//
// Environment: PROSEO_URL, PROSEO_ADMIN_TOKEN (from scripts/edge-up), MIN_SCORE (default 70).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename } from 'node:path';

const base = process.env.PROSEO_URL;
const admin = process.env.PROSEO_ADMIN_TOKEN;
const minScore = Number(process.env.MIN_SCORE ?? 70);
const catalogs = process.argv.slice(2);
if (!base || !admin || catalogs.length === 0) {
  console.error('usage: PROSEO_URL=… PROSEO_ADMIN_TOKEN=… node scripts/run-catalog.mjs CATALOG.csv…');
  process.exit(2);
}

async function call(method, path, { token, body, type = 'application/json', raw = false } = {}) {
  const res = await fetch(base + '/api/v1' + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': type }) },
    body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
  });
  if (raw) {
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
    return res.text();
  }
  const json = await res.json();
  if (!json.success) throw new Error(`${method} ${path}: ${json.error.code}: ${json.error.message}`);
  return json;
}

const slug = `run-${Date.now().toString(36)}`;
const { data: created } = await call('POST', '/admin/tenants', { token: admin, body: { name: 'proseo run', slug, monthly_generations: null } });
const key = created.api_key.key;
mkdirSync('out', { recursive: true });

for (const csv of catalogs) {
  const name = basename(csv, '.csv');
  const started = Date.now();
  const { data: job } = await call('POST', `/jobs?name=${encodeURIComponent(name)}`, { token: key, body: readFileSync(csv, 'utf8'), type: 'text/csv' });
  let current = job;
  while (current.status !== 'completed' && current.status !== 'cancelled') {
    if (Date.now() - started > 10 * 60_000) throw new Error(`job ${job.id} did not finish in 10 minutes`);
    await new Promise((r) => setTimeout(r, 250));
    current = (await call('GET', `/jobs/${job.id}`, { token: key })).data;
  }
  const items = [];
  for (let page = 1; ; page++) {
    const res = await call('GET', `/jobs/${job.id}/items?per_page=100&page=${page}`, { token: key });
    items.push(...res.data);
    if (page >= res.meta.pagination.total_pages) break;
  }
  for (const item of items) {
    if (item.status === 'generated' && item.score >= minScore) {
      item.status = (await call('POST', `/items/${item.id}/approve`, { token: key })).data.status;
    }
  }
  const out = `out/${name}.proseo.csv`;
  writeFileSync(out, await call('GET', `/jobs/${job.id}/export?format=csv`, { token: key, raw: true }));
  console.log(`\n${csv}: job ${job.id} ${current.status} in ${((Date.now() - started) / 1000).toFixed(1)} s — ${current.completed} generated, ${current.failed} failed → ${out}`);
  console.log('  score  seo  read  status     product');
  for (const item of items) {
    const s = (v) => String(v ?? '–').padStart(4);
    console.log(`  ${s(item.score)}  ${s(item.seo_score)} ${s(item.readability_score)}  ${item.status.padEnd(10)} ${item.product.name}${item.error ? `  (${item.error.code}: ${item.error.message})` : ''}`);
  }
}
const { data: usage } = await call('GET', '/usage', { token: key });
console.log(`\nusage ${usage.month}: ${usage.generations} generations, $${usage.cost_usd.toFixed(4)} (${usage.by_provider.map((p) => `${p.provider}/${p.model}`).join(', ')})`);
