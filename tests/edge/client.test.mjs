// The npm package's edge API client (`proseo/client`, pkg/dist/client.js as built) against the
// real Worker: every method reaches the route it names, resolves to the envelope's data (with
// the pagination of item lists), and rejects with the API's own error codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { ROOT, PROSEO_URL, client, createTenant, products, uid, waitForJob } from './helpers.mjs';

const { ProseoClient, ProseoApiError } = await import(pathToFileURL(`${ROOT}/pkg/dist/client.js`).href);

test('proseo/client against the edge API: every method, pagination and error codes', async () => {
  const { key } = await createTenant();
  const api = new ProseoClient({ baseUrl: PROSEO_URL, apiKey: key });

  const health = await api.health();
  assert.deepEqual([health.status, health.d1], ['ok', 'ok']);

  const analysis = await api.analyze({ content: '<p>A walnut cutting board for every kitchen.</p>', keyphrase: 'walnut cutting board' });
  assert.equal(typeof analysis.seo.score, 'number');
  assert.ok(Array.isArray(analysis.readability.checks));

  const checked = await api.validate({ product: { name: 'Mug', regular_price: '-3' } });
  assert.ok(checked.product.issues.some((i) => i.path === '/regular_price'), JSON.stringify(checked));
  assert.equal(checked.content, undefined);

  const prompt = await api.renderPrompt({ product: { name: 'Walnut Board' } });
  assert.match(prompt.user, /Walnut Board/);

  const generated = await api.generate({ product: { name: 'Walnut Board', keyphrase: 'walnut board' } });
  assert.equal(generated.provider.type, 'offline');
  assert.match(generated.content.description, /walnut board/i);

  const job = await api.createJob({ name: `client ${uid(4)}`, products: products(3) });
  assert.equal(job.total, 3);
  await waitForJob(client(key), job.id);
  assert.equal((await api.getJob(job.id)).status, 'completed');
  const first = await api.listJobItems(job.id, { per_page: 2, status: 'generated' });
  assert.equal(first.items.length, 2);
  assert.deepEqual(first.pagination, { page: 1, per_page: 2, total: 3, total_pages: 2 });
  const second = await api.listJobItems(job.id, { page: 2, per_page: 2 });
  assert.equal(second.items.length, 1);
  assert.notEqual(second.items[0].id, first.items[0].id);

  const denied = await new ProseoClient({ baseUrl: PROSEO_URL, apiKey: 'psk_nope' }).health().then(
    () => null,
    (e) => e,
  );
  assert.equal(denied, null, 'health needs no key');
  const err = await new ProseoClient({ baseUrl: PROSEO_URL, apiKey: 'psk_nope' })
    .analyze({ content: 'x' })
    .catch((e) => e);
  assert.ok(err instanceof ProseoApiError);
  assert.deepEqual([err.code, err.status, err.details.reason], ['invalid_api_key', 401, 'unknown']);
  const missing = await api.getJob('job_missing').catch((e) => e);
  assert.deepEqual([missing.code, missing.status], ['not_found', 404]);
});

