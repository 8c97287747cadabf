// Shared helpers of the edge API end-to-end suite (run by tests/edge/run.sh, which sets the env).
import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the suite with tests/edge/run.sh`);
  return v.replace(/\/+$/, '');
}

export const PROSEO_URL = need('PROSEO_URL');
export const ADMIN_TOKEN = need('PROSEO_ADMIN_TOKEN');
export const MOCK_LLM_URL = need('MOCK_LLM_URL');
export const ROOT = process.env.PROSEO_ROOT || process.cwd();
export const API = `${PROSEO_URL}/api/v1`;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const uid = (n = 8) => randomBytes(n).toString('hex').slice(0, n);

// ---------------------------------------------------------------------------------------------
// HTTP

/**
 * One request to the API. `path` is relative to /api/v1. `body`: object → JSON, string/Buffer →
 * sent as is (set content-type yourself). Returns {status, headers, text, json, data, error,
 * meta, ok}; `json` is null when the body is not JSON.
 */
export async function request(method, path, { token, body, headers = {}, query } = {}) {
  const url = new URL(API + path);
  if (query) for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
  // Each call comes from its own client address unless the test names one: the API throttles
  // failed authentication per address, and the suite fails authentication on purpose often.
  const octet = () => Math.floor(Math.random() * 250) + 1;
  const h = { 'cf-connecting-ip': `10.${octet()}.${octet()}.${octet()}`, ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Uint8Array) payload = body;
    else {
      payload = JSON.stringify(body);
      if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
    }
  }
  const res = await fetch(url, { method, headers: h, body: payload });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return {
    status: res.status,
    headers: res.headers,
    text,
    json,
    ok: !!(json && json.success === true),
    data: json && json.success === true ? json.data : undefined,
    error: json && json.success === false ? json.error : undefined,
    meta: json ? json.meta : undefined,
    toString() {
      return `${method} ${path} → ${res.status} ${text.slice(0, 600)}`;
    },
  };
}

/** A client bound to a credential. */
export function client(token) {
  return {
    token,
    get: (p, o = {}) => request('GET', p, { token, ...o }),
    post: (p, body, o = {}) => request('POST', p, { token, body, ...o }),
    patch: (p, body, o = {}) => request('PATCH', p, { token, body, ...o }),
    del: (p, o = {}) => request('DELETE', p, { token, ...o }),
    req: (m, p, o = {}) => request(m, p, { token, ...o }),
  };
}

export const admin = client(ADMIN_TOKEN);

/** Asserts a success envelope with `status`, returns data. */
export function expectOk(res, status = 200) {
  assert.equal(res.status, status, String(res));
  assert.ok(res.json, `not JSON: ${res}`);
  assert.equal(res.json.success, true, String(res));
  assert.ok('data' in res.json, String(res));
  assert.equal(typeof res.json.meta, 'object', String(res));
  assert.equal(typeof res.json.meta.request_id, 'string', String(res));
  assert.equal(res.headers.get('x-request-id'), res.json.meta.request_id, 'X-Request-Id header equals meta.request_id');
  return res.json.data;
}

/** Asserts an error envelope with `status` and `code`, returns the error. */
export function expectError(res, status, code) {
  assert.equal(res.status, status, String(res));
  assert.ok(res.json, `not JSON: ${res}`);
  assert.equal(res.json.success, false, String(res));
  assert.equal(res.json.error && res.json.error.code, code, String(res));
  assert.equal(typeof res.json.error.message, 'string', String(res));
  assert.ok(res.json.error.message.length > 0, String(res));
  assert.equal(typeof res.json.meta?.request_id, 'string', String(res));
  assert.equal(res.headers.get('x-request-id'), res.json.meta.request_id, 'X-Request-Id header equals meta.request_id');
  return res.json.error;
}

/** details.required as a list, whether the API sent a string or a list. */
export function requiredOf(error) {
  const r = error.details && error.details.required;
  return Array.isArray(r) ? r : r ? [r] : [];
}

/** The field errors' paths. */
export function fieldPaths(error) {
  const f = error.details && error.details.fields;
  assert.ok(Array.isArray(f), `details.fields is a list: ${JSON.stringify(error)}`);
  for (const x of f) {
    assert.equal(typeof x.path, 'string');
    assert.equal(typeof x.code, 'string');
    assert.equal(typeof x.message, 'string');
  }
  return f.map((x) => x.path);
}

// ---------------------------------------------------------------------------------------------
// Tenants and credentials

/**
 * Creates a tenant through the admin route, with a JWT signing secret. Returns {tenant, key,
 * keyInfo, api, jwtKey, jwt} where `api` is a client bound to the tenant's first API key,
 * `jwtKey` is {kid, secret} and `jwt(claims, opts)` signs a token with it.
 */
export async function createTenant(opts = {}) {
  const slug = opts.slug || `t-${uid(10)}`;
  const body = { name: opts.name || `Tenant ${slug}`, slug, ...opts };
  delete body.headers;
  const res = await admin.post('/admin/tenants', body, { headers: opts.headers || {} });
  const data = expectOk(res, 201);
  assert.equal(typeof data.api_key.key, 'string', String(res));
  const key = await jwtKey(data.tenant.id);
  return {
    tenant: data.tenant,
    key: data.api_key.key,
    keyInfo: data.api_key,
    api: client(data.api_key.key),
    raw: data,
    jwtKey: key,
    jwt: (claims, o = {}) => jwt({ tenant_id: data.tenant.id, ...claims }, { key, ...o }),
  };
}

/** Adds a JWT signing secret to a tenant (admin route); returns {kid, secret, ...}. */
export async function jwtKey(tenantId, body) {
  const data = expectOk(await admin.post(`/admin/tenants/${tenantId}/jwt-keys`, body), 201);
  assert.equal(typeof data.kid, 'string');
  assert.equal(typeof data.secret, 'string');
  return data;
}

function b64url(buf) {
  return Buffer.from(buf).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * An HS256 JWT signed with `key` ({kid, secret}: a tenant's signing secret), `aud` proseo, 10
 * minutes long; `secret`, `header` (kid included unless given) and claims override.
 */
export function jwt(claims, { key, secret = key && key.secret, header, sign = true } = {}) {
  const now = Math.floor(Date.now() / 1000);
  header = header || { alg: 'HS256', typ: 'JWT', kid: key && key.kid };
  const payload = { iat: now, exp: now + 600, aud: 'proseo', ...claims };
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  if (!sign) return `${input}.`;
  const sig = createHmac('sha256', secret).update(input).digest();
  return `${input}.${b64url(sig)}`;
}

export const nowSec = () => Math.floor(Date.now() / 1000);

// ---------------------------------------------------------------------------------------------
// Polling

/** Polls `fn` until it returns a truthy value; returns it. */
export async function waitFor(fn, { timeout = 60000, interval = 250, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(interval);
  }
}

const FINISHED = new Set(['completed', 'cancelled']);

/** Waits until the job is finished (completed/cancelled) and nothing is pending; returns it. */
export async function waitForJob(api, jobId, { timeout = 90000, until } = {}) {
  let last;
  try {
    return await waitFor(
      async () => {
        const res = await api.get(`/jobs/${jobId}`);
        last = expectOk(res);
        if (until) return until(last) ? last : null;
        return FINISHED.has(last.status) && last.pending === 0 ? last : null;
      },
      { timeout, interval: 300, what: `job ${jobId}` },
    );
  } catch (e) {
    e.message += `; last: ${JSON.stringify(last)}`;
    throw e;
  }
}

/** Waits until no item of the job is pending or generating. */
export async function waitForItemsSettled(api, jobId, { timeout = 90000 } = {}) {
  return waitFor(
    async () => {
      const items = await allItems(api, jobId);
      return items.every((i) => i.status !== 'pending' && i.status !== 'generating') ? items : null;
    },
    { timeout, interval: 400, what: `items of job ${jobId} to settle` },
  );
}

/** Every item of a job (follows pagination). */
export async function allItems(api, jobId, query = {}) {
  const out = [];
  for (let page = 1; ; page++) {
    const res = await api.get(`/jobs/${jobId}/items`, { query: { per_page: 100, page, ...query } });
    const data = expectOk(res);
    out.push(...data);
    const p = res.meta.pagination;
    if (!p || page >= p.total_pages) break;
  }
  return out;
}

/** Asserts completed + failed + cancelled + pending = total and progress in range. */
export function assertCounters(job) {
  assert.equal(job.completed + job.failed + job.cancelled + job.pending, job.total, `counters add up: ${JSON.stringify(job)}`);
  assert.ok(job.progress >= 0 && job.progress <= 100, `progress ${job.progress}`);
}

/** Counts items by status. */
export function countBy(items, key = 'status') {
  const out = {};
  for (const i of items) out[i[key]] = (out[i[key]] || 0) + 1;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The local D1, directly (fault injection and checks of what is stored)

/**
 * Runs SQL on the Worker's local D1 through wrangler (the same SQLite file the Worker uses);
 * returns the rows of the last statement. Retried a few times: the Worker may hold SQLite's
 * write lock at that instant.
 */
export async function d1(sql) {
  // Asynchronous on purpose: a synchronous child process blocks the event loop for seconds,
  // during which the HTTP client cannot retire keep-alive connections the server has closed,
  // and the next request on one fails.
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  for (let attempt = 1; ; attempt++) {
    try {
      const { stdout: out } = await promisify(execFile)(`${ROOT}/node_modules/.bin/wrangler`, ['d1', 'execute', 'DB', '--local', '--json', '--persist-to', process.env.PROSEO_STATE_DIR, '--command', sql], {
        cwd: ROOT,
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', WRANGLER_HIDE_BANNER: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
        maxBuffer: 16 << 20,
      });
      const parsed = JSON.parse(out.toString());
      const last = Array.isArray(parsed) ? parsed[parsed.length - 1] : parsed;
      return (last && last.results) || [];
    } catch (e) {
      if (attempt >= 5) throw e;
      await sleep(500);
    }
  }
}

/**
 * Statements for one d1() call: wrangler runs a command's statements as one D1 batch, which is
 * a transaction. Tests that set a state over several tables write it this way, because the dev
 * ticker (scripts/edge-up) runs the sweeper every 10 s: between two separate d1() calls (seconds
 * apart on a busy machine) a sweep could act on half the state, e.g. finish a reclaimed item
 * and have the next write undo the job's counters.
 */
export function atomically(...statements) {
  return statements.join(';\n');
}

/** Runs the Worker's scheduled handler (the sweeper) once, as the Cron Trigger would. */
export async function sweep() {
  const res = await fetch(`${PROSEO_URL}/__scheduled?cron=*+*+*+*+*`);
  assert.equal(res.status, 200, `/__scheduled answered ${res.status}`);
}

// ---------------------------------------------------------------------------------------------
// The mock LLM

export const mock = {
  async script(responses) {
    const r = await fetch(`${MOCK_LLM_URL}/__mock/script`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ responses }) });
    assert.equal(r.status, 200);
  },
  async reset() {
    const r = await fetch(`${MOCK_LLM_URL}/__mock/reset`, { method: 'POST' });
    assert.equal(r.status, 200);
  },
  async requests(filter = {}) {
    const r = await fetch(`${MOCK_LLM_URL}/__mock/requests`);
    const all = (await r.json()).requests;
    return all.filter((x) => (!filter.last4 || x.auth.last4 === filter.last4) && (!filter.match || JSON.stringify(x.body).includes(filter.match)));
  },
  async state() {
    return (await fetch(`${MOCK_LLM_URL}/__mock/state`)).json();
  },
};

/** A fresh fake provider key whose last 4 characters identify it in the mock's log. */
export function providerKey(kind = 'openai') {
  const tail = uid(4);
  return { key: `${kind === 'anthropic' ? 'sk-ant-test' : 'sk-test'}-${uid(16)}${tail}`, last4: tail };
}

/** Creates an integration pointing at the mock; returns {integration, key, last4}. */
export async function mockIntegration(api, { type = 'openai_compatible', settings = {}, is_default = true, name } = {}) {
  const { key, last4 } = providerKey(type === 'anthropic' ? 'anthropic' : 'openai');
  const res = await api.post('/integrations', {
    type,
    name: name || `${type}-${uid(6)}`,
    credentials: { api_key: key, base_url: `${MOCK_LLM_URL}/v1` },
    settings: { model: type === 'anthropic' ? 'claude-mock' : 'gpt-mock', ...settings },
    is_default,
  });
  const integration = expectOk(res, 201);
  return { integration, key, last4 };
}

// ---------------------------------------------------------------------------------------------
// Products

const NOUNS = ['Mug', 'Teapot', 'Apron', 'Lamp', 'Backpack', 'Scarf', 'Candle', 'Notebook', 'Blanket', 'Bottle', 'Planter', 'Cushion', 'Wallet'];
const ADJ = ['Ceramic', 'Linen', 'Oak', 'Wool', 'Canvas', 'Glass', 'Leather', 'Bamboo', 'Cotton', 'Steel'];

/** `n` valid, distinct products; `tag` makes names unique to a test (for mock `match`). */
export function products(n, tag = uid(4)) {
  return Array.from({ length: n }, (_, i) => {
    const name = `${ADJ[i % ADJ.length]} ${NOUNS[i % NOUNS.length]} ${tag}-${i + 1}`;
    return {
      id: `ext-${tag}-${i + 1}`,
      name,
      sku: `SKU-${tag}-${i + 1}`.toUpperCase(),
      brand: 'Acme',
      regular_price: `${(10 + i).toFixed(2)}`,
      currency: 'EUR',
      categories: ['Home > Kitchen'],
      features: ['Made to last', 'Easy to clean', `Model ${i + 1}`],
      keyphrase: `${ADJ[i % ADJ.length]} ${NOUNS[i % NOUNS.length]}`.toLowerCase(),
    };
  });
}

/**
 * The proseo npm package of this repo (its node entries: `proseo` for scoring and parsing,
 * `proseo/prompt` for buildPrompt and write, in one object), or null when not built.
 */
export async function proseoPkg() {
  const entry = path.join(ROOT, 'pkg/dist/node.js');
  const promptEntry = path.join(ROOT, 'pkg/dist/prompt-node.js');
  if (!existsSync(entry) || !existsSync(promptEntry)) return null;
  return { ...(await import(promptEntry)), ...(await import(entry)) };
}

export function sampleCsv(name = 'experimental_sample_9_products.csv') {
  return readFileSync(path.join(ROOT, 'data/woocommerce', name), 'utf8');
}

/** A small RFC 4180 CSV parser (quotes, doubled quotes, CRLF/LF, newlines in fields). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  let quoted = false;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Current month as YYYY-MM (UTC). */
export function thisMonth() {
  return new Date().toISOString().slice(0, 7);
}

export async function usage(api, query) {
  return expectOk(await api.get('/usage', { query }));
}

/** Waits until the start of a fresh minute window when fewer than `need` seconds remain. */
export async function freshMinute(need = 15) {
  const s = new Date().getUTCSeconds();
  if (60 - s < need) await sleep((60 - s) * 1000 + 200);
}

export { randomUUID };

// ---------------------------------------------------------------------------------------------
// Signed webhooks

/** Creates a webhook signing secret for the tenant behind `api`; returns {id, secret}. */
export async function webhookSecret(api, body) {
  const data = expectOk(await api.post('/webhook-secrets', body), 201);
  assert.match(data.id, /^whk_/);
  assert.equal(typeof data.secret, 'string');
  return data;
}

/** `sha256=` + hex HMAC-SHA256 of `${timestamp}.${raw}` with `secret` (what a sender computes). */
export function webhookSignature(secret, timestamp, raw) {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(raw).digest('hex')}`;
}

/**
 * Delivers `payload` (an object, or a raw string sent as is) to `/webhooks/{source}`, signed
 * with `key` ({id, secret}); `timestamp` (Unix seconds), `signature`, `delivery` and `headers`
 * override what is sent.
 */
export async function deliver(key, source, payload, { timestamp = nowSec(), signature, delivery, headers = {} } = {}) {
  const raw = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const h = {
    'content-type': 'application/json',
    'x-proseo-webhook-id': key.id,
    'x-proseo-timestamp': String(timestamp),
    'x-proseo-signature': signature ?? webhookSignature(key.secret, String(timestamp), raw),
    ...(delivery ? { 'x-proseo-delivery': delivery } : {}),
    ...headers,
  };
  for (const k of Object.keys(h)) if (h[k] === undefined) delete h[k];
  return request('POST', `/webhooks/${source}`, { body: raw, headers: h });
}

/** Every catalog product matching `query` (follows pagination). */
export async function allProducts(api, query = {}) {
  const out = [];
  for (let page = 1; ; page++) {
    const res = await api.get('/products', { query: { per_page: 100, page, ...query } });
    const data = expectOk(res);
    out.push(...data);
    const p = res.meta.pagination;
    if (!p || page >= p.total_pages) break;
  }
  return out;
}
