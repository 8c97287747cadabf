// Scale of the feeds: a 10,000-product catalog (filled by signed webhook deliveries of 200
// products, then given approved content in one SQL statement, so no generation is waited for)
// exported in every channel by the Worker under wrangler dev, each feed read to its end and
// counted; then the catalog stats with their near-duplicate search (every description here
// repeats one template: the search's worst case, stopped by its comparison bound). Prints the
// wall time of each and writes them to $EXPORT_RESULTS when set. Figures, not timed assertions.
// Run: bash tests/edge/run.sh tests/scale/exports-10k.test.mjs (EXPORT_PRODUCTS=N for another size).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createTenant, d1, deliver, expectOk, webhookSecret } from '../edge/helpers.mjs';

const N = Number(process.env.EXPORT_PRODUCTS || 10000);
const TEXT = 'This hand-glazed stoneware piece is made for daily use in busy kitchens. It keeps drinks warm, survives the dishwasher and the microwave, and stacks neatly in small cupboards. Each one is thrown, glazed and fired by hand, so the colour varies a little from piece to piece. ';

function ean(twelve) {
  const sum = [...twelve].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return twelve + ((10 - (sum % 10)) % 10);
}

test(`scale: export a ${N}-product catalog in every channel`, { timeout: 60 * 60000 }, async () => {
  const { api, tenant } = await createTenant({ monthly_generations: null, rate_limit_per_minute: 1000000 });
  const key = await webhookSecret(api);
  let t = Date.now();
  for (let start = 0; start < N; start += 200) {
    const products = [];
    for (let i = start; i < Math.min(N, start + 200); i++) {
      products.push({
        id: String(100000 + i),
        name: `Stoneware Mug ${i}`,
        sku: `SM-${i}`,
        gtin: ean(`40063813${String(i).padStart(4, '0')}`),
        brand: 'Acme',
        regular_price: `${10 + (i % 40)}.90`,
        currency: 'EUR',
        categories: ['Home > Kitchen > Mugs'],
        images: [{ src: `https://shop.example/img/${i}.jpg` }],
        in_stock: true,
        language: 'en',
        description: `<p>${TEXT}</p>`,
      });
    }
    expectOk(await deliver(key, 'bench', { products }));
  }
  const fillMs = Date.now() - t;
  // Approved content for every product, as a generation would leave it (about 2 KB each).
  await d1(`UPDATE catalog_products SET review = 'approved', item_id = 'itm_bench', generated_hash = source_hash, score = 80, focus_keyphrase = lower(name),
    content = json_object('title', name || ', hand glazed, 300 ml', 'description', '<h2>' || name || '</h2><p>' || '${TEXT.repeat(4)}' || '</p>',
      'short_description', '<p>A hand-glazed ' || lower(name) || '.</p>', 'seo_title', name || ' | Acme', 'meta_description', 'Buy the ' || name || ' online: hand glazed, 300 ml.',
      'slug', lower(replace(name, ' ', '-')), 'image_alt', json_array(name), 'bullets', json_array('Hand glazed', 'Dishwasher safe', 'Holds 300 ml'))
    WHERE tenant_id = '${tenant.id}'`);
  const figures = { products: N, fill_ms: fillMs, exports: {} };
  const query = { category: '20635', currency: 'EUR', locale: 'de-DE', quantity: '5' };
  for (const channel of ['woocommerce', 'amazon', 'ebay', 'kaufland', 'allegro', 'jsonld']) {
    t = Date.now();
    const url = `${process.env.PROSEO_URL}/api/v1/exports/${channel}?${new URLSearchParams(query)}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${api.token}` } });
    const headersMs = Date.now() - t;
    assert.equal(res.status, 200, channel);
    const body = await res.text();
    const ms = Date.now() - t;
    const rows = Number(res.headers.get('x-proseo-export-rows'));
    assert.equal(rows + Number(res.headers.get('x-proseo-export-skipped')), N, channel);
    assert.equal(rows, N, `${channel}: ${res.headers.get('x-proseo-export-skipped-codes')}`);
    const written = channel === 'allegro' || channel === 'jsonld' ? JSON.parse(body).length : body.split('\n').filter((l) => l !== '').length - 1;
    assert.equal(written, N, channel);
    figures.exports[channel] = { ms, check_pass_ms: headersMs, bytes: body.length, products_per_s: Math.round(N / (ms / 1000)) };
    console.log(`# export ${channel}: ${N} products, ${(body.length / 1e6).toFixed(1)} MB in ${(ms / 1000).toFixed(1)} s (check pass ${(headersMs / 1000).toFixed(1)} s), ${figures.exports[channel].products_per_s} products/s`);
  }
  t = Date.now();
  const stats = expectOk(await api.get('/products/stats'));
  figures.stats = { ms: Date.now() - t, duplicates: { ...stats.duplicates, pairs: stats.duplicates.pairs.length } };
  console.log(`# stats with near-duplicates over ${stats.duplicates.products} products: ${(figures.stats.ms / 1000).toFixed(1)} s, ${stats.duplicates.pairs_total} pairs counted, complete ${stats.duplicates.complete}`);
  assert.equal(stats.duplicates.products, N);
  if (process.env.EXPORT_RESULTS) writeFileSync(process.env.EXPORT_RESULTS, JSON.stringify(figures, null, 2) + '\n');
});
