// POST /generate with the offline writer, an OpenAI-compatible and an Anthropic integration (the
// mock), the revise loop, provider faults, timeouts, integrations' secrecy, usage and quota.
import { existsSync, readFileSync } from 'node:fs';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createTenant, expectOk, expectError, fieldPaths, mock, mockIntegration, proseoPkg, usage, thisMonth, MOCK_LLM_URL, uid, products, sleep, waitForJob, allItems } from './helpers.mjs';

beforeEach(async () => {
  await mock.reset();
});

const PRODUCT = { name: 'Oak Desk Lamp', brand: 'Acme', features: ['Solid oak base', 'Warm LED light', 'Touch dimmer'], sku: 'LAMP-1', keyphrase: 'oak desk lamp' };
const RESULT_FIELDS = ['content', 'analysis', 'validation', 'score', 'seo_score', 'readability_score', 'attempts', 'provider', 'usage', 'repairs'];

function checkResult(r) {
  for (const f of RESULT_FIELDS) assert.ok(f in r, `GenerateResult.${f}`);
  assert.equal(r.score, Math.min(r.seo_score, r.readability_score));
  assert.equal(r.seo_score, r.analysis.seo.score);
  assert.equal(r.readability_score, r.analysis.readability.score);
  assert.ok(Array.isArray(r.validation.issues));
  assert.ok(Array.isArray(r.repairs));
}

test('offline writer (no integration): provider offline/proseo-writer, zero cost, counted in usage', async () => {
  const { api } = await createTenant();
  const before = await usage(api);
  const r = expectOk(await api.post('/generate', { product: PRODUCT }));
  checkResult(r);
  assert.deepEqual(r.provider, { type: 'offline', model: 'proseo-writer' });
  assert.equal(r.usage.cost_usd, 0);
  assert.equal(r.attempts, 1);
  const pkg = await proseoPkg();
  if (pkg) assert.deepEqual(r.content, pkg.write(PRODUCT, {}), 'the core writer, byte for byte');
  assert.equal((await mock.requests()).length, 0, 'no provider call');
  const after = await usage(api);
  assert.equal(after.generations, before.generations + 1);
  assert.equal(after.remaining, after.limit - after.generations);
});

test('offline writer in es, de, fr, it, pt, nl, pl: the native core\'s text byte for byte (and the package\'s)', async (t) => {
  // pkg/build/parity.json holds the native core's text for the first products of each
  // language's sample catalog (data/woocommerce/sample_<code>_8_products.csv); the CLI test
  // (crates/cli/tests/cli.rs) and the package suite compare the same.
  const file = new URL('../../pkg/build/parity.json', import.meta.url);
  if (!existsSync(file)) {
    t.skip('pkg/build/parity.json missing (npm --prefix pkg run build)');
    return;
  }
  const { written } = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(written.length, 14);
  const { api } = await createTenant();
  const pkg = await proseoPkg();
  for (const f of written) {
    const r = expectOk(await api.post('/generate', { product: f.product, options: f.options }));
    assert.deepEqual(r.provider, { type: 'offline', model: 'proseo-writer' });
    // The API writes object keys in sorted order; the values are the core's, exactly.
    assert.deepEqual(r.content, JSON.parse(f.expected), f.name);
    assert.equal(r.analysis.language, f.language, f.name);
    assert.ok(r.seo_score >= 70 && r.readability_score >= 70, `${f.name}: ${r.seo_score}/${r.readability_score}`);
    if (pkg) assert.deepEqual(r.content, pkg.write(f.product, f.options), f.name);
  }
});

test('offline writer: a German product without a language option is written in German; Japanese is refused with a pointer to an LLM provider', async () => {
  const { api } = await createTenant();
  const product = {
    name: 'Wollschal',
    description: '<p>Ein weicher Schal aus Wolle, der im Winter warm hält und zu jeder Jacke passt.</p>',
    categories: ['Accessoires > Schals'],
  };
  const r = expectOk(await api.post('/generate', { product }));
  assert.equal(r.analysis.language, 'de');
  assert.match(r.content.description, /dieses Produkt|Wollschal/);
  assert.doesNotMatch(r.content.description, /\b(the|and|with)\b/);
  const err = expectError(await api.post('/generate', { product: { name: 'ウールのマフラー' }, options: { language: 'ja' } }), 422, 'writer_unsupported_language');
  assert.match(err.message, /LLM provider/);
});

test('integrations: created with credentials_hint only, never the credentials', async () => {
  const { api } = await createTenant();
  const { integration, key } = await mockIntegration(api, { settings: { timeout_ms: 5000, max_tokens: 1500, price_input_per_mtok: 1.5, price_output_per_mtok: 6 } });
  for (const f of ['id', 'type', 'name', 'settings', 'credentials_hint', 'is_default', 'created_at']) assert.ok(f in integration, `Integration.${f}`);
  assert.equal(integration.type, 'openai_compatible');
  assert.equal(integration.credentials_hint, `sk-…${key.slice(-4)}`);
  assert.equal(integration.credentials, undefined);
  assert.equal(integration.settings.model, 'gpt-mock');
  assert.equal(integration.settings.base_url, `${MOCK_LLM_URL}/v1`);
  assert.equal(integration.settings.timeout_ms, 5000);
  assert.equal(integration.settings.max_tokens, 1500);
  assert.equal(integration.settings.price_input_per_mtok, 1.5);
  assert.equal(integration.is_default, true);
  const listRes = await api.get('/integrations');
  const list = expectOk(listRes);
  assert.deepEqual(list.map((i) => i.id), [integration.id]);
  for (const res of [listRes]) assert.ok(!res.text.includes(key) && !res.text.includes(key.slice(4, -4)), 'no key material');
  const offline = expectOk(await api.post('/integrations', { type: 'offline', name: 'writer', credentials: {} }), 201);
  assert.equal(offline.credentials_hint, null);
  let err = expectError(await api.post('/integrations', { type: 'gpt-9000', name: 'x', credentials: {} }), 422, 'validation_failed');
  assert.ok(fieldPaths(err).includes('/type'));
  err = expectError(await api.post('/integrations', { type: 'openai', credentials: { api_key: 'sk-test-1' } }), 422, 'validation_failed');
  assert.ok(fieldPaths(err).includes('/name'));
  expectOk(await api.del(`/integrations/${offline.id}`));
  assert.deepEqual(expectOk(await api.get('/integrations')).map((i) => i.id), [integration.id]);
  expectError(await api.del(`/integrations/${offline.id}`), 404, 'not_found');
});

test('openai_compatible: the mock gets the prompt, the key and the model; usage and cost recorded', async () => {
  const { api } = await createTenant();
  const { last4 } = await mockIntegration(api, { settings: { price_input_per_mtok: 2, price_output_per_mtok: 8 } });
  const before = await usage(api);
  const r = expectOk(await api.post('/generate', { product: PRODUCT }));
  checkResult(r);
  assert.deepEqual(r.provider, { type: 'openai_compatible', model: 'gpt-mock' });
  assert.equal(r.attempts, 1);
  const reqs = await mock.requests();
  assert.equal(reqs.length, 1);
  const [q] = reqs;
  assert.equal(q.path, '/v1/chat/completions');
  assert.equal(q.method, 'POST');
  assert.equal(q.auth.valid, true);
  assert.equal(q.auth.last4, last4);
  assert.match(q.headers['content-type'], /application\/json/);
  assert.equal(q.body.model, 'gpt-mock');
  assert.equal(q.response.status, 200);
  const pkg = await proseoPkg();
  if (pkg) {
    const built = pkg.buildPrompt(PRODUCT, {});
    const sys = q.body.messages.find((m) => m.role === 'system');
    const user = q.body.messages.filter((m) => m.role === 'user');
    assert.equal(sys.content, built.system);
    assert.equal(user.length, 1);
    assert.equal(user[0].content, built.user);
  }
  assert.equal(r.usage.input_tokens, q.response.usage.input_tokens);
  assert.equal(r.usage.output_tokens, q.response.usage.output_tokens);
  const cost = (q.response.usage.input_tokens * 2 + q.response.usage.output_tokens * 8) / 1e6;
  assert.ok(Math.abs(r.usage.cost_usd - cost) < 1e-9, `cost ${r.usage.cost_usd} vs ${cost}`);
  assert.equal(r.content.seo_title, JSON.parse(q.response.content).seo_title);
  assert.ok(r.score >= 70, `the mock's default answer scores well (${r.score})`);

  const after = await usage(api);
  assert.equal(after.generations, before.generations + 1);
  assert.equal(after.input_tokens, before.input_tokens + r.usage.input_tokens);
  assert.equal(after.output_tokens, before.output_tokens + r.usage.output_tokens);
  assert.ok(Math.abs(after.cost_usd - before.cost_usd - cost) < 1e-9);
  const row = after.by_provider.find((p) => p.provider === 'openai_compatible' && p.model === 'gpt-mock');
  assert.ok(row, JSON.stringify(after.by_provider));
  assert.equal(row.generations, 1);
  assert.equal(row.input_tokens, r.usage.input_tokens);
  assert.equal(row.output_tokens, r.usage.output_tokens);
});

test('anthropic: x-api-key, anthropic-version 2023-06-01, system and max_tokens; integration_id picks it', async () => {
  const { api } = await createTenant();
  await mockIntegration(api, { is_default: true });
  const { integration, last4 } = await mockIntegration(api, { type: 'anthropic', is_default: false, settings: { max_tokens: 3000 } });
  assert.equal(integration.credentials_hint.endsWith(last4), true);
  const r = expectOk(await api.post('/generate', { product: PRODUCT, integration_id: integration.id }));
  checkResult(r);
  assert.deepEqual(r.provider, { type: 'anthropic', model: 'claude-mock' });
  const reqs = await mock.requests();
  assert.equal(reqs.length, 1);
  const [q] = reqs;
  assert.equal(q.path, '/v1/messages');
  assert.equal(q.headers['anthropic-version'], '2023-06-01');
  assert.equal(q.headers['x-api-key'], '[redacted]');
  assert.equal(q.auth.last4, last4);
  assert.equal(q.headers.authorization, undefined, 'no bearer header for Anthropic');
  assert.equal(q.body.model, 'claude-mock');
  assert.equal(q.body.max_tokens, 3000);
  assert.ok(q.body.messages.every((m) => m.role === 'user' || m.role === 'assistant'));
  const pkg = await proseoPkg();
  if (pkg) {
    const built = pkg.buildPrompt(PRODUCT, {});
    const system = typeof q.body.system === 'string' ? q.body.system : q.body.system.map((b) => b.text).join('');
    assert.equal(system, built.system);
    const content = q.body.messages[0].content;
    assert.equal(typeof content === 'string' ? content : content.map((b) => b.text).join(''), built.user);
  }
  assert.equal(r.usage.input_tokens, q.response.usage.input_tokens);
  assert.equal(r.usage.output_tokens, q.response.usage.output_tokens);
  const u = await usage(api);
  assert.ok(u.by_provider.some((p) => p.provider === 'anthropic' && p.model === 'claude-mock' && p.generations === 1), JSON.stringify(u.by_provider));
  expectError(await api.post('/generate', { product: PRODUCT, integration_id: 'no-such-integration' }), 404, 'not_found');
});

test('revise loop: poor answer then a good one → attempts 2, target reached, billed once', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  await mock.script([{ quality: 'poor' }, {}]);
  const before = await usage(api);
  const r = expectOk(await api.post('/generate', { product: PRODUCT, target_score: 70 }));
  checkResult(r);
  assert.equal(r.attempts, 2);
  assert.ok(r.score >= 70, `score ${r.score}`);
  const reqs = await mock.requests();
  assert.equal(reqs.length, 2);
  const lastUser = (q) => q.body.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  assert.match(lastUser(reqs[1]), /Your previous answer was/);
  assert.match(lastUser(reqs[1]), /"seo_title": "Product"/, 'the poor answer is fed back');
  assert.equal(r.usage.input_tokens, reqs[0].response.usage.input_tokens + reqs[1].response.usage.input_tokens);
  assert.equal(r.usage.output_tokens, reqs[0].response.usage.output_tokens + reqs[1].response.usage.output_tokens);
  const after = await usage(api);
  assert.equal(after.generations, before.generations + 1, 'one generation per request, not per attempt');
  assert.equal(after.input_tokens, before.input_tokens + r.usage.input_tokens);
});

test('revise loop: never reaching the target stops at max_attempts and returns the best attempt', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  await mock.script([{ quality: 'poor' }, {}, { quality: 'poor' }]);
  const r = expectOk(await api.post('/generate', { product: PRODUCT, target_score: 100, max_attempts: 3 }));
  assert.equal(r.attempts, 3);
  assert.equal((await mock.requests()).length, 3);
  assert.ok(r.score >= 70, `the best (second) attempt is returned, score ${r.score}`);
  assert.notEqual(r.content.seo_title, 'Product');
  await mock.script([{ quality: 'poor' }]);
  const once = expectOk(await api.post('/generate', { product: PRODUCT, target_score: 95, max_attempts: 1 }));
  assert.equal(once.attempts, 1);
  assert.equal(once.content.seo_title, 'Product');
});

// A German request answered in English (the model followed the English instructions): the
// answer fails validation with language_mismatch, goes back to the model, and is never returned.
const DE_PRODUCT = { name: 'Schneidebrett aus Walnuss', keyphrase: 'Schneidebrett aus Walnuss', language: 'de-DE', features: ['Massives Walnussholz', 'Saftrille'], sku: 'SB-1' };
const ENGLISH_ANSWER = {
  description: '<p>The walnut cutting board is made for your kitchen, and it stays beautiful for years. The solid wood is kind to your knives, so they stay sharp for a long time.</p><h2>Why you will love it</h2><p>The juice groove catches every drop when you carve a roast. It is easy to clean with warm water and a soft cloth, and it looks great on the table too.</p>',
  meta_description: 'The walnut cutting board with a juice groove: solid walnut that is kind to your knives and looks great on the table. Order yours today.',
};
const GERMAN_ANSWER = {
  description: '<p>Das Schneidebrett aus Walnuss ist für deine Küche gemacht, und es bleibt über viele Jahre schön. Das massive Holz schont deine Messer, deshalb bleiben sie lange scharf.</p><h2>Schneidebrett aus Walnuss: die Vorteile</h2><p>Die Saftrille fängt jeden Tropfen auf, wenn du einen Braten schneidest. Du reinigst es einfach mit warmem Wasser und einem weichen Tuch, und auch auf dem Tisch sieht es gut aus.</p>',
  meta_description: 'Schneidebrett aus Walnuss mit Saftrille: massives Walnussholz, das deine Messer schont und auf dem Tisch gut aussieht. Jetzt bestellen.',
};

test('language_mismatch: an English answer to a German request is sent back and revised', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  await mock.script([{ fields: ENGLISH_ANSWER }, { fields: GERMAN_ANSWER }]);
  const r = expectOk(await api.post('/generate', { product: DE_PRODUCT, max_attempts: 3 }));
  assert.equal(r.attempts, 2);
  assert.equal(r.content.description, GERMAN_ANSWER.description);
  assert.equal(r.analysis.language, 'de');
  assert.ok(!r.validation.issues.some((i) => i.code === 'language_mismatch'));
  const reqs = await mock.requests();
  assert.equal(reqs.length, 2);
  const system = (q) => q.body.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
  const lastUser = (q) => q.body.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  assert.match(system(reqs[0]), /Write every field in German \(BCP 47 tag "de-DE"\)/);
  assert.match(system(reqs[0]), /German conventions: decimal comma/);
  assert.match(lastUser(reqs[1]), /- language_mismatch \(bad\): the content is written in English/);
});

test('language_mismatch: English every time → 422 language_mismatch, nothing returned; a job item fails with the code', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  await mock.script([{ fields: ENGLISH_ANSWER }, { fields: ENGLISH_ANSWER }]);
  const before = await usage(api);
  const err = expectError(await api.post('/generate', { product: DE_PRODUCT, max_attempts: 2 }), 422, 'language_mismatch');
  assert.match(err.message, /written in English .* not in German/);
  assert.equal(err.details.attempts, 2);
  assert.equal((await mock.requests()).length, 2);
  assert.equal((await usage(api)).generations, before.generations, 'not counted: nothing was generated');

  await mock.reset();
  await mock.script([{ fields: ENGLISH_ANSWER }, { fields: ENGLISH_ANSWER }]);
  const created = expectOk(await api.post('/jobs', { name: 'de', products: [{ ...DE_PRODUCT, id: 'de-1' }], max_attempts: 2 }), 201);
  const job = await waitForJob(api, created.id);
  assert.deepEqual([job.completed, job.failed], [0, 1]);
  const items = await allItems(api, created.id);
  assert.equal(items.length, 1);
  assert.equal(items[0].status, 'failed');
  assert.equal(items[0].error.code, 'language_mismatch');
  assert.equal(items[0].content, null, 'nothing stored');
});

test('repairs: fenced JSON and prose around JSON are accepted and reported', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const good = { description: '<p>The oak desk lamp lights your desk.</p><h2>Oak desk lamp</h2><p>Warm light.</p>', seo_title: 'Oak desk lamp | Acme', meta_description: 'x'.repeat(130), slug: 'oak-desk-lamp' };
  await mock.script([{ content: '```json\n' + JSON.stringify(good) + '\n```' }, { content: 'Sure! Here it is:\n' + JSON.stringify(good) + '\nHope this helps.' }]);
  let r = expectOk(await api.post('/generate', { product: PRODUCT }));
  assert.ok(r.repairs.includes('code_fence'), JSON.stringify(r.repairs));
  assert.equal(r.content.slug, 'oak-desk-lamp');
  r = expectOk(await api.post('/generate', { product: PRODUCT }));
  assert.ok(r.repairs.includes('surrounding_prose'), JSON.stringify(r.repairs));
});

test('provider faults → 502 provider_error with provider, status, retryable; nothing billed', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const before = await usage(api);
  const cases = [
    [{ status: 500 }, 500, true],
    [{ status: 503 }, 503, true],
    [{ status: 429 }, 429, true],
    [{ status: 400 }, 400, false],
    [{ status: 401 }, 401, false],
    [{ status: 404 }, 404, false],
  ];
  for (const [entry, status, retryable] of cases) {
    await mock.script([entry]);
    const err = expectError(await api.post('/generate', { product: PRODUCT }), 502, 'provider_error');
    assert.equal(err.details.provider, 'openai_compatible', JSON.stringify(err));
    assert.equal(err.details.status, status, JSON.stringify(err));
    assert.equal(err.details.retryable, retryable, `${status}: ${JSON.stringify(err)}`);
  }
  assert.equal((await mock.requests()).length, cases.length, '/generate does not retry');
  await mock.script([{ malformed: true }]);
  let err = expectError(await api.post('/generate', { product: PRODUCT }), 502, 'provider_error');
  assert.equal(err.details.provider, 'openai_compatible');
  await mock.script([{ content: 'I am sorry, I cannot help with that.' }]);
  err = expectError(await api.post('/generate', { product: PRODUCT }), 502, 'provider_error');
  assert.equal(err.details.retryable, true, 'unusable content is retryable');
  await mock.script([{ drop: true }]);
  err = expectError(await api.post('/generate', { product: PRODUCT }), 502, 'provider_error');
  assert.equal(err.details.retryable, true, 'a network error is retryable');
  const after = await usage(api);
  assert.equal(after.generations, before.generations, 'failed generations are not counted');
  // A provider that rejects the key (the mock checks it) is a 401 from the provider, not ours.
  const other = await createTenant();
  const bad = expectOk(await other.api.post('/integrations', { type: 'openai_compatible', name: 'bad key', credentials: { api_key: 'sk-live-wrong', base_url: `${MOCK_LLM_URL}/v1` }, settings: { model: 'm' }, is_default: true }), 201);
  err = expectError(await other.api.post('/generate', { product: PRODUCT }), 502, 'provider_error');
  assert.equal(err.details.status, 401);
  assert.equal(err.details.retryable, false);
  assert.equal(bad.credentials_hint, 'sk-…rong');
});

test('provider timeout → 504 provider_timeout within the integration timeout', async () => {
  const { api } = await createTenant();
  await mockIntegration(api, { settings: { timeout_ms: 1000 } });
  // The provider would answer after 20 s: a 504 well before that is the integration's timeout
  // (the bound is loose because CI's machine runs four suites at once on two cores).
  await mock.script([{ delay_ms: 20000 }]);
  const t0 = Date.now();
  const err = expectError(await api.post('/generate', { product: PRODUCT }), 504, 'provider_timeout');
  const took = Date.now() - t0;
  assert.ok(took < 15000, `answered after ${took} ms`);
  assert.ok(took >= 900, `answered after ${took} ms`);
  assert.equal(typeof err.message, 'string');
  await sleep(200);
});

test('generate: Idempotency-Key replays without calling the provider again', async () => {
  const { api } = await createTenant();
  await mockIntegration(api);
  const key = `gen-${uid(12)}`;
  const first = await api.post('/generate', { product: PRODUCT }, { headers: { 'idempotency-key': key } });
  const r = expectOk(first);
  const u1 = await usage(api);
  const again = await api.post('/generate', { product: PRODUCT }, { headers: { 'idempotency-key': key } });
  assert.equal(again.status, first.status);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(again.json.data, r);
  assert.equal((await mock.requests()).length, 1);
  assert.equal((await usage(api)).generations, u1.generations);
  expectError(await api.post('/generate', { product: { ...PRODUCT, name: 'Other' } }, { headers: { 'idempotency-key': key } }), 409, 'idempotency_key_reused');
  assert.equal((await mock.requests()).length, 1);
});

test('quota: monthly_generations 2 → third generate 429 quota_exceeded; jobs bigger than the rest → 429', async () => {
  const { api } = await createTenant({ monthly_generations: 2 });
  expectOk(await api.post('/generate', { product: PRODUCT }));
  let err = expectError(await api.post('/jobs', { name: 'too big', products: products(2) }), 429, 'quota_exceeded');
  assert.deepEqual(err.details, { limit: 2, used: 1, reserved: 0, requested: 2 });
  expectOk(await api.post('/generate', { product: PRODUCT }));
  err = expectError(await api.post('/generate', { product: PRODUCT }), 429, 'quota_exceeded');
  assert.deepEqual(err.details, { limit: 2, used: 2, reserved: 0, requested: 1 });
  const u = await usage(api);
  assert.equal(u.month, thisMonth());
  assert.equal(u.generations, 2);
  assert.equal(u.limit, 2);
  assert.equal(u.remaining, 0);
  // Stateless routes are not metered.
  expectOk(await api.post('/analyze', { content: '<p>Still fine.</p>' }));
  expectError(await api.post('/jobs', { name: 'one', products: products(1) }), 429, 'quota_exceeded');
});

test('usage: shape, other months, bad month → 422', async () => {
  const { api } = await createTenant({ monthly_generations: 10 });
  const u = await usage(api);
  assert.deepEqual(Object.keys(u).sort(), ['by_provider', 'cost_usd', 'generations', 'input_tokens', 'limit', 'month', 'output_tokens', 'remaining', 'reserved']);
  assert.deepEqual(u, { month: thisMonth(), generations: 0, limit: 10, reserved: 0, remaining: 10, input_tokens: 0, output_tokens: 0, cost_usd: 0, by_provider: [] });
  expectOk(await api.post('/generate', { product: PRODUCT }));
  const u2 = await usage(api);
  assert.equal(u2.generations, 1);
  assert.deepEqual(u2.by_provider, [{ provider: 'offline', model: 'proseo-writer', generations: 1, input_tokens: 0, output_tokens: 0, cost_usd: 0 }]);
  const old = await usage(api, { month: '2020-01' });
  assert.equal(old.month, '2020-01');
  assert.equal(old.generations, 0);
  for (const month of ['2020-13', 'January', '2020-1']) expectError(await api.get('/usage', { query: { month } }), 422, 'validation_failed');
  const unlimited = await createTenant({ monthly_generations: null });
  const uu = await usage(unlimited.api);
  assert.equal(uu.limit, null);
  assert.equal(uu.remaining, null);
});
