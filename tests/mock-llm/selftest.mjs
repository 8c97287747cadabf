// Self-test of the mock LLM server: wire formats, auth, the control API, fault injection and
// the default answer. Runs without the Worker: node --test tests/mock-llm/selftest.mjs
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startMockLlm, tokensFor } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

let mock;
before(async () => {
  mock = await startMockLlm({ port: 0 });
});
after(async () => {
  await mock.close();
});
beforeEach(async () => {
  const r = await fetch(`${mock.url}/__mock/reset`, { method: 'POST' });
  assert.equal(r.status, 200);
});

const SYSTEM = `You are a copywriter.
Answer ONLY with a single JSON object matching this JSON Schema. Do not wrap it in code fences and write nothing before or after it.
{
  "additionalProperties": false,
  "properties": {
    "description": { "type": "string" },
    "meta_description": { "type": "string", "minLength": 120, "maxLength": 156 },
    "seo_title": { "type": "string", "maxLength": 60 },
    "slug": { "type": "string" }
  },
  "required": ["description", "seo_title", "meta_description", "slug"],
  "type": "object"
}`;
const USER = `Write the long product description, 250 to 400 words, plus its SEO title, meta description and slug.

Product data:
- Name: Ceramic Mug
- Brand: Acme
- Features:
  - Holds 350 ml
  - Dishwasher safe

Focus keyphrase: "ceramic coffee mug"
`;

function openai(body, { key = 'sk-test-selftest-1234', headers = {} } = {}) {
  return fetch(`${mock.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function anthropic(body, { key = 'sk-ant-test-selftest-abcd', version = '2023-06-01', headers = {} } = {}) {
  return fetch(`${mock.url}/v1/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key ? { 'x-api-key': key } : {}),
      ...(version ? { 'anthropic-version': version } : {}),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const chatBody = () => ({ model: 'gpt-test', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: USER }], temperature: 0.7 });
const msgBody = () => ({ model: 'claude-test', max_tokens: 2048, system: SYSTEM, messages: [{ role: 'user', content: USER }] });

async function script(responses) {
  const r = await fetch(`${mock.url}/__mock/script`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ responses }) });
  assert.equal(r.status, 200);
  return r.json();
}

async function recorded() {
  const r = await fetch(`${mock.url}/__mock/requests`);
  return (await r.json()).requests;
}

test('listens on 127.0.0.1', () => {
  assert.match(mock.url, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('OpenAI: default answer has the wire shape, the schema fields and deterministic usage', async () => {
  const r = await openai(chatBody());
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /application\/json/);
  const b = await r.json();
  assert.match(b.id, /^chatcmpl-/);
  assert.equal(b.object, 'chat.completion');
  assert.equal(typeof b.created, 'number');
  assert.equal(b.model, 'gpt-test');
  assert.equal(b.choices.length, 1);
  assert.equal(b.choices[0].index, 0);
  assert.equal(b.choices[0].message.role, 'assistant');
  assert.equal(b.choices[0].finish_reason, 'stop');
  const content = JSON.parse(b.choices[0].message.content);
  assert.deepEqual(Object.keys(content).sort(), ['description', 'meta_description', 'seo_title', 'slug']);
  assert.ok(content.seo_title.startsWith('Ceramic coffee mug'), content.seo_title);
  assert.ok(content.seo_title.length <= 60);
  assert.ok(content.meta_description.length >= 120 && content.meta_description.length <= 156, String(content.meta_description.length));
  assert.ok(content.meta_description.includes('ceramic coffee mug'));
  assert.equal(content.slug, 'ceramic-coffee-mug');
  assert.ok((content.description.match(/<h2>/g) || []).length >= 2);
  assert.match(content.description, /<ul><li>Holds 350 ml<\/li><li>Dishwasher safe<\/li>/);
  assert.match(content.description.split('</p>')[0], /ceramic coffee mug/);
  const words = content.description.replace(/<[^>]+>/g, ' ').split(/\s+/).filter(Boolean).length;
  assert.ok(words >= 300, `words ${words}`);
  const promptChars = SYSTEM.length + USER.length;
  assert.deepEqual(b.usage, {
    prompt_tokens: tokensFor(promptChars),
    completion_tokens: tokensFor(b.choices[0].message.content.length),
    total_tokens: tokensFor(promptChars) + tokensFor(b.choices[0].message.content.length),
  });
});

test('OpenAI: missing or wrong bearer → 401 in OpenAI error format', async () => {
  let r = await openai(chatBody(), { key: null });
  assert.equal(r.status, 401);
  let b = await r.json();
  assert.equal(typeof b.error.message, 'string');
  assert.equal(b.error.type, 'invalid_request_error');
  assert.ok('code' in b.error);
  r = await openai(chatBody(), { key: 'sk-live-nope' });
  assert.equal(r.status, 401);
  b = await r.json();
  assert.equal(b.error.code, 'invalid_api_key');
});

test('OpenAI: bad request shapes → 400, and they do not consume the script', async () => {
  await script([{ status: 503 }]);
  let r = await openai('{not json');
  assert.equal(r.status, 400);
  r = await openai({ messages: [{ role: 'user', content: 'x' }] });
  assert.equal(r.status, 400);
  assert.match((await r.json()).error.message, /model/);
  r = await openai({ model: 'm', messages: [] });
  assert.equal(r.status, 400);
  r = await openai(chatBody());
  assert.equal(r.status, 503);
});

test('Anthropic: default answer has the wire shape and usage', async () => {
  const r = await anthropic(msgBody());
  assert.equal(r.status, 200);
  const b = await r.json();
  assert.match(b.id, /^msg_/);
  assert.equal(b.type, 'message');
  assert.equal(b.role, 'assistant');
  assert.equal(b.model, 'claude-test');
  assert.equal(b.stop_reason, 'end_turn');
  assert.equal(b.content.length, 1);
  assert.equal(b.content[0].type, 'text');
  const content = JSON.parse(b.content[0].text);
  assert.deepEqual(Object.keys(content).sort(), ['description', 'meta_description', 'seo_title', 'slug']);
  assert.deepEqual(b.usage, { input_tokens: tokensFor(SYSTEM.length + USER.length), output_tokens: tokensFor(b.content[0].text.length) });
});

test('Anthropic: system as content blocks counts the same', async () => {
  const body = msgBody();
  body.system = [{ type: 'text', text: SYSTEM }];
  const r = await anthropic(body);
  assert.equal(r.status, 200);
  assert.equal((await r.json()).usage.input_tokens, tokensFor(SYSTEM.length + USER.length));
});

test('Anthropic: header and shape errors in Anthropic format', async () => {
  let r = await anthropic(msgBody(), { key: null });
  assert.equal(r.status, 401);
  let b = await r.json();
  assert.deepEqual(Object.keys(b).sort(), ['error', 'type']);
  assert.equal(b.type, 'error');
  assert.equal(b.error.type, 'authentication_error');
  r = await anthropic(msgBody(), { key: 'sk-test-openai-style' });
  assert.equal(r.status, 401);
  r = await anthropic(msgBody(), { version: null });
  assert.equal(r.status, 400);
  b = await r.json();
  assert.equal(b.error.type, 'invalid_request_error');
  assert.match(b.error.message, /anthropic-version/);
  const noMax = msgBody();
  delete noMax.max_tokens;
  r = await anthropic(noMax);
  assert.equal(r.status, 400);
  const sysRole = msgBody();
  sysRole.messages.unshift({ role: 'system', content: 'x' });
  r = await anthropic(sysRole);
  assert.equal(r.status, 400);
});

test('script: FIFO entries of every kind, then the default again', async () => {
  const { queued } = await script([
    { status: 500 },
    { status: 429 },
    { status: 418, body: { custom: true }, headers: { 'x-mock': 'yes' } },
    { content: '```json\n{"seo_title": "Fenced"}\n```' },
    { malformed: true },
    { quality: 'poor' },
    { fields: { slug: 'overridden' } },
  ]);
  assert.equal(queued, 7);
  let r = await openai(chatBody());
  assert.equal(r.status, 500);
  assert.equal((await r.json()).error.type, 'server_error');
  r = await anthropic(msgBody());
  assert.equal(r.status, 429);
  assert.equal(r.headers.get('retry-after'), '1');
  assert.equal((await r.json()).error.type, 'rate_limit_error');
  r = await openai(chatBody());
  assert.equal(r.status, 418);
  assert.equal(r.headers.get('x-mock'), 'yes');
  assert.deepEqual(await r.json(), { custom: true });
  r = await openai(chatBody());
  assert.equal(r.status, 200);
  assert.equal((await r.json()).choices[0].message.content, '```json\n{"seo_title": "Fenced"}\n```');
  r = await openai(chatBody());
  assert.equal(r.status, 200);
  await assert.rejects(r.json());
  r = await openai(chatBody());
  const poor = JSON.parse((await r.json()).choices[0].message.content);
  assert.equal(poor.seo_title, 'Product');
  assert.deepEqual(Object.keys(poor).sort(), ['description', 'meta_description', 'seo_title', 'slug']);
  r = await openai(chatBody());
  assert.equal(JSON.parse((await r.json()).choices[0].message.content).slug, 'overridden');
  r = await openai(chatBody());
  assert.equal(JSON.parse((await r.json()).choices[0].message.content).slug, 'ceramic-coffee-mug');
  const state = await (await fetch(`${mock.url}/__mock/state`)).json();
  assert.equal(state.queued, 0);
  assert.equal(state.requests, 8);
});

test('script: match targets the requests whose prompt contains the text', async () => {
  await script([{ match: 'Name: Teapot', status: 500 }, { status: 502 }]);
  let r = await openai(chatBody());
  assert.equal(r.status, 502, 'the unmatched entry is skipped, the next general one taken');
  r = await openai(chatBody());
  assert.equal(r.status, 200);
  const teapot = chatBody();
  teapot.messages[1].content = USER.replace('Ceramic Mug', 'Teapot');
  r = await openai(teapot);
  assert.equal(r.status, 500);
  assert.equal((await (await fetch(`${mock.url}/__mock/state`)).json()).queued, 0);
});

test('script: delay_ms delays, drop destroys the socket', async () => {
  await script([{ delay_ms: 400 }, { drop: true }]);
  const t0 = Date.now();
  const r = await openai(chatBody());
  assert.equal(r.status, 200);
  assert.ok(Date.now() - t0 >= 380, `took ${Date.now() - t0} ms`);
  await assert.rejects(openai(chatBody()));
  const reqs = await recorded();
  assert.equal(reqs[1].response.kind, 'dropped');
});

test('script: delay aborted by the client is recorded as client_gone', async () => {
  await script([{ delay_ms: 2000 }]);
  await assert.rejects(
    fetch(`${mock.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-test-x', 'content-type': 'application/json' },
      body: JSON.stringify(chatBody()),
      signal: AbortSignal.timeout(200),
    }),
  );
  await new Promise((res) => setTimeout(res, 100));
  const reqs = await recorded();
  assert.equal(reqs.length, 1);
  assert.equal(reqs[0].response.kind, 'client_gone');
});

test('requests are recorded with redacted auth, parsed body and response usage', async () => {
  await openai(chatBody(), { key: 'sk-test-secret-wxyz' });
  await anthropic(msgBody(), { key: 'sk-ant-test-secret-9876' });
  const reqs = await recorded();
  assert.equal(reqs.length, 2);
  const [o, a] = reqs;
  assert.equal(o.method, 'POST');
  assert.equal(o.path, '/v1/chat/completions');
  assert.equal(o.provider, 'openai');
  assert.equal(o.headers.authorization, '[redacted]');
  assert.deepEqual(o.auth, { present: true, valid: true, last4: 'wxyz', length: 19 });
  assert.deepEqual(o.body, chatBody());
  assert.equal(o.brief.keyphrase, 'ceramic coffee mug');
  assert.equal(o.brief.name, 'Ceramic Mug');
  assert.equal(o.response.status, 200);
  assert.equal(o.response.usage.input_tokens, tokensFor(SYSTEM.length + USER.length));
  assert.equal(a.path, '/v1/messages');
  assert.equal(a.headers['x-api-key'], '[redacted]');
  assert.equal(a.headers['anthropic-version'], '2023-06-01');
  assert.equal(a.auth.last4, '9876');
  const all = JSON.stringify(reqs);
  assert.ok(!all.includes('secret'), 'no key material in the log');
  const since = await (await fetch(`${mock.url}/__mock/requests?since=${o.seq}`)).json();
  assert.deepEqual(since.requests.map((r) => r.seq), [a.seq]);
});

test('reset clears the queue and the log', async () => {
  await script([{ status: 500 }]);
  await openai(chatBody(), { key: null });
  await fetch(`${mock.url}/__mock/reset`, { method: 'POST' });
  const state = await (await fetch(`${mock.url}/__mock/state`)).json();
  assert.equal(state.queued, 0);
  assert.equal(state.requests, 0);
  assert.ok(state.seq >= 1, 'seq keeps counting across resets');
  const r = await openai(chatBody());
  assert.equal(r.status, 200);
});

test('unknown routes and methods', async () => {
  let r = await fetch(`${mock.url}/v1/embeddings`, { method: 'POST', body: '{}' });
  assert.equal(r.status, 404);
  r = await fetch(`${mock.url}/v1/chat/completions`);
  assert.equal(r.status, 405);
  r = await fetch(`${mock.url}/__mock/script`, { method: 'POST', body: '{"responses": 3}' });
  assert.equal(r.status, 400);
});

test('default answers score well and poor ones do not (proseo npm package)', async (t) => {
  const pkgEntry = path.join(process.cwd(), 'pkg/dist/node.js');
  if (!existsSync(pkgEntry)) {
    t.skip(`no built npm package at ${pkgEntry}`);
    return;
  }
  // `proseo` validates; `proseo/prompt` builds the prompt, parses the answer and scores it as the
  // edge API does (scoreGenerated: the product's facts and images count).
  const p = { ...(await import(path.join(process.cwd(), 'pkg/dist/prompt-node.js'))), ...(await import(pkgEntry)) };
  const product = {
    name: 'Linen Apron', brand: 'Acme', features: ['Pure linen', 'Adjustable strap', 'Two pockets'], keyphrase: 'linen apron',
    sku: 'LA-1', gtin: '4006381333931',
    images: ['Linen apron in natural', 'Linen apron pockets', 'Adjustable strap', 'Linen apron in a kitchen'].map((alt, i) => ({
      src: `https://shop.example/apron-${i}.jpg`, alt,
    })),
  };
  const built = p.buildPrompt(product, {});
  await script([{}, { quality: 'poor' }]);
  const scores = [];
  for (let i = 0; i < 2; i++) {
    const r = await openai({ model: 'm', messages: [{ role: 'system', content: built.system }, { role: 'user', content: built.user }] });
    const text = (await r.json()).choices[0].message.content;
    const c = p.parseCompletion(text);
    assert.deepEqual(c.repairs, []);
    assert.deepEqual(p.validateContent(c).issues.filter((x) => x.severity === 'error'), []);
    const a = p.scoreGenerated(product, c, {});
    scores.push(Math.min(a.seo.score, a.readability.score));
  }
  assert.ok(scores[0] >= 80, `default answer scores ${scores[0]}`);
  // A poor text on a product with images and identifiers: readability stays at Yoast's 60 (two
  // bad checks), the SEO score falls well below the good answer's.
  assert.ok(scores[1] <= 60 && scores[0] - scores[1] >= 30, `poor answer scores ${scores[1]} (good ${scores[0]})`);
  for (const tpl of ['marketplace', 'short_description', 'image_alt', 'seo_title', 'meta_description']) {
    const b = p.buildPrompt(product, { template: tpl });
    const r = await openai({ model: 'm', messages: [{ role: 'system', content: b.system }, { role: 'user', content: b.user }] });
    const text = (await r.json()).choices[0].message.content;
    assert.deepEqual(Object.keys(JSON.parse(text)).sort(), [...b.schema.required].sort(), tpl);
    p.parseCompletion(text);
  }
});

test('CLI: --port 0 prints MOCK_LLM_URL and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, [path.join(HERE, 'server.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/^MOCK_LLM_URL=(http:\/\/127\.0\.0\.1:\d+)$/m);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    setTimeout(() => reject(new Error('no MOCK_LLM_URL line')), 5000);
  });
  const r = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer sk-test' }, body: JSON.stringify(chatBody()) });
  assert.equal(r.status, 200);
  const code = await new Promise((resolve) => {
    child.on('exit', (c) => resolve(c));
    child.kill('SIGTERM');
  });
  assert.equal(code, 0);
});
