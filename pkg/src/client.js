// ProseoClient: a dependency-free client for the proseo edge API (`/api/v1`). Pure fetch, so it
// runs in Node 18+, browsers, web workers and Workers alike. Import it as `proseo/client`.
//
// Every response is an envelope: `{ success: true, data, meta }` → the method resolves to
// `data`; `{ success: false, error: { code, message, details } }` → it rejects with a
// ProseoApiError carrying that code. A failed fetch rejects with code `network_error`; a
// response that is not a JSON envelope (or an HTTP error without one) with code `http_error`.

/** The error every ProseoClient method rejects with. */
export class ProseoApiError extends Error {
  constructor(code, message, { status = 0, details = undefined, cause = undefined } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ProseoApiError';
    /** Stable code: the API's error code, `network_error` or `http_error`. */
    this.code = code;
    /** HTTP status (0 when no response arrived). */
    this.status = status;
    /** The API's `error.details`, or for `http_error` `{ body }` (the start of the body). */
    this.details = details;
  }
}

/** The routes, relative to `${baseUrl}/api/v1`. */
const ROUTES = {
  analyze: ['POST', '/analyze'],
  validate: ['POST', '/validate'],
  renderPrompt: ['POST', '/prompts/render'],
  generate: ['POST', '/generate'],
  createJob: ['POST', '/jobs'],
  getJob: ['GET', '/jobs/:id'],
  listJobItems: ['GET', '/jobs/:id/items'],
  health: ['GET', '/health'],
  listProducts: ['GET', '/products'],
  catalogStats: ['GET', '/products/stats'],
  getProduct: ['GET', '/products/:id'],
  deleteProduct: ['DELETE', '/products/:id'],
  productJsonLd: ['GET', '/products/:id/jsonld'],
  jsonLd: ['POST', '/jsonld'],
  exportCatalog: ['GET', '/exports/:channel'],
  listExportProfiles: ['GET', '/export-profiles'],
  getExportProfile: ['GET', '/export-profiles/:channel'],
  putExportProfile: ['PUT', '/export-profiles/:channel'],
  deleteExportProfile: ['DELETE', '/export-profiles/:channel'],
  listIntegrations: ['GET', '/integrations'],
  createIntegration: ['POST', '/integrations'],
  updateIntegration: ['PATCH', '/integrations/:id'],
  deleteIntegration: ['DELETE', '/integrations/:id'],
  testStore: ['POST', '/integrations/:id/test'],
  pullStore: ['POST', '/integrations/:id/pull'],
  pushStore: ['POST', '/integrations/:id/push'],
  listSyncs: ['GET', '/integrations/:id/syncs'],
  getSync: ['GET', '/syncs/:id'],
  cancelSync: ['POST', '/syncs/:id/cancel'],
  createWebhookSecret: ['POST', '/webhook-secrets'],
  listWebhookSecrets: ['GET', '/webhook-secrets'],
  revokeWebhookSecret: ['DELETE', '/webhook-secrets/:id'],
  deliverWebhook: ['POST', '/webhooks/:source'],
};

/** The defined values of `values` as query strings. */
function queryOf(values) {
  const query = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null) query[k] = String(v);
  return query;
}

const EXPORT_QUERY = ['source', 'status', 'min_score', 'max_score', 'missing_description', 'changed', 'q', 'ids', 'job_id', 'include', 'currency', 'brand', 'locale', 'category', 'quantity', 'strict'];

/** Splits export options into the query and the request options (`signal`, `headers`). */
function exportQuery(options) {
  const query = {};
  const init = {};
  for (const [k, v] of Object.entries(options)) {
    if (!EXPORT_QUERY.includes(k)) init[k] = v;
    else if (v !== undefined && v !== null) query[k] = Array.isArray(v) ? v.join(',') : String(v);
  }
  return { query, init };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * The signature of a webhook delivery: `sha256=` + hex HMAC-SHA256, keyed with the signing
 * secret, of the timestamp (Unix seconds, as sent in `X-Proseo-Timestamp`), a `.`, and the raw
 * body exactly as sent. WebCrypto only: Node 18+, browsers, Workers.
 * @param {string} secret
 * @param {string|number} timestamp
 * @param {string} rawBody
 * @returns {Promise<string>}
 */
export async function signWebhook(secret, timestamp, rawBody) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new ProseoApiError('invalid_input', 'signWebhook needs WebCrypto (globalThis.crypto.subtle)');
  const enc = new TextEncoder();
  const key = await subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await subtle.sign('HMAC', key, enc.encode(`${timestamp}.${rawBody}`)));
  let hex = '';
  for (const b of mac) hex += HEX[b];
  return `sha256=${hex}`;
}

export class ProseoClient {
  /**
   * @param {{ baseUrl: string, apiKey?: string, fetch?: typeof fetch, headers?: Record<string, string> }} options
   */
  constructor({ baseUrl, apiKey, fetch: fetchImpl, headers } = {}) {
    if (typeof baseUrl !== 'string' || baseUrl === '') {
      throw new TypeError('ProseoClient: `baseUrl` is required (e.g. "https://proseo.example.com")');
    }
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.apiKey = apiKey;
    this.headers = { ...headers };
    const f = fetchImpl ?? globalThis.fetch;
    if (typeof f !== 'function') {
      throw new TypeError('ProseoClient: no fetch available; pass `fetch` in the options');
    }
    // Calling the global fetch unbound throws "Illegal invocation" in browsers and Workers.
    this.fetch = fetchImpl ? fetchImpl : f.bind(globalThis);
  }

  /** SEO + readability analysis of an AnalyzeInput. */
  analyze(input, init) {
    return this.#call('analyze', {}, input, init);
  }

  /** Validation of `{ product?, content?, channel? }` → `{ product?: Report, content?: Report }`. */
  validate(body, init) {
    return this.#call('validate', {}, body, init);
  }

  /** Renders a prompt: `{ product, options?, template_id? }` → BuiltPrompt. */
  renderPrompt(body, init) {
    return this.#call('renderPrompt', {}, body, init);
  }

  /** Generates content for one product (`{ product, options?, template_id?, target_score?, max_attempts?, integration_id? }`). */
  generate(body, init) {
    return this.#call('generate', {}, body, init);
  }

  /** Starts a bulk job (`{ products, options }`) → the job. */
  createJob(body, init) {
    return this.#call('createJob', {}, body, init);
  }

  /** A job's state. */
  getJob(id, init) {
    return this.#call('getJob', { id }, undefined, init);
  }

  /**
   * A page of a job's items, filtered: `{ page?, per_page?, status?, min_score?, max_score? }`
   * → `{ items, pagination: { page, per_page, total, total_pages } }`.
   */
  async listJobItems(id, { page, per_page, status, min_score, max_score, ...init } = {}) {
    const query = {};
    for (const [name, value] of Object.entries({ page, per_page, status, min_score, max_score })) {
      if (value !== undefined && value !== null) query[name] = String(value);
    }
    const { data, meta } = await this.#send('listJobItems', { id }, undefined, init, query);
    return { items: data, pagination: meta?.pagination };
  }

  /** Liveness and version of the API. */
  health(init) {
    return this.#call('health', {}, undefined, init);
  }

  /**
   * A page of the catalog, filtered: `{ page?, per_page?, source?, status?, min_score?, max_score?,
   * missing_description?, changed?, q? }` → `{ items, pagination }`.
   */
  listProducts(options = {}) {
    return this.#list('listProducts', {}, options, ['source', 'status', 'min_score', 'max_score', 'missing_description', 'changed', 'q']);
  }

  /** Catalog summary (`{ source? }`): counts by status, score histogram. */
  catalogStats({ source, ...init } = {}) {
    return this.#call('catalogStats', {}, undefined, init, source === undefined ? undefined : { source: String(source) });
  }

  /** One catalog product, with its content's analysis. */
  getProduct(id, init) {
    return this.#call('getProduct', { id }, undefined, init);
  }

  /** Deletes a catalog product. */
  deleteProduct(id, init) {
    return this.#call('deleteProduct', { id }, undefined, init);
  }

  /**
   * A catalog product's schema.org Product JSON-LD with Google's rich result checks
   * (`{ include?, currency?, brand?, url? }`) → `{ json_ld, checks, eligible, script_tag }`.
   */
  productJsonLd(id, { include, currency, brand, url, ...init } = {}) {
    return this.#call('productJsonLd', { id }, undefined, init, queryOf({ include, currency, brand, url }));
  }

  /** JSON-LD from product data: `{ product, content?, options?: { currency?, brand?, url? } }`. */
  jsonLd(body, init) {
    return this.#call('jsonLd', {}, body, init);
  }

  /**
   * The catalog's approved content as a channel's feed (`woocommerce`, `amazon`, `ebay`,
   * `kaufland`, `allegro`, `jsonld`). Options: the catalog filters, `ids` (array or
   * comma-separated), `job_id`, `include`, `currency`, `brand`, `locale`, `category`,
   * `quantity`, `strict`; `stream: true` gives the body as a ReadableStream instead of text.
   * → `{ body, contentType, fileName, rows, skipped, skippedCodes }` (counts from the
   * `X-Proseo-Export-*` headers; `skippedCodes`: `{ code: products }`).
   */
  async exportCatalog(channel, { stream = false, ...options } = {}) {
    const { query, init } = exportQuery(options);
    const response = await this.#raw('exportCatalog', { channel }, init, query);
    const h = (name) => response.headers.get(name);
    const skippedCodes = {};
    for (const part of (h('x-proseo-export-skipped-codes') ?? '').split(',')) {
      const [code, n] = part.trim().split('=');
      if (code && n !== undefined) skippedCodes[code] = Number(n);
    }
    const disposition = h('content-disposition') ?? '';
    return {
      body: stream ? response.body : await response.text(),
      contentType: h('content-type') ?? '',
      fileName: /filename="([^"]*)"/.exec(disposition)?.[1] ?? null,
      rows: Number(h('x-proseo-export-rows') ?? 0),
      skipped: Number(h('x-proseo-export-skipped') ?? 0),
      skippedCodes,
    };
  }

  /** What `exportCatalog` would write, without the feed: the ExportReport (same options). */
  exportReport(channel, options = {}) {
    const { query, init } = exportQuery(options);
    return this.#call('exportCatalog', { channel }, undefined, init, { ...query, report: 'true' });
  }

  /** The tenant's export profiles (stored feed options per channel). */
  listExportProfiles(init) {
    return this.#call('listExportProfiles', {}, undefined, init);
  }

  /** A channel's export profile → `{ channel, options, updated_at }`. */
  getExportProfile(channel, init) {
    return this.#call('getExportProfile', { channel }, undefined, init);
  }

  /**
   * Stores a channel's export profile (replacing it): `{ currency?, brand?, locale?, category?,
   * categories?: [{ shop, channel }], quantity?, constants?: [{ column, value }] }`.
   */
  putExportProfile(channel, profile, init) {
    return this.#call('putExportProfile', { channel }, profile, init);
  }

  /** Deletes a channel's export profile. */
  deleteExportProfile(channel, init) {
    return this.#call('deleteExportProfile', { channel }, undefined, init);
  }

  /** A page of integrations (providers and stores) → `{ items, pagination }`. */
  listIntegrations(options = {}) {
    return this.#list('listIntegrations', {}, options, []);
  }

  /** Adds a provider, or a WooCommerce store (`{ type: 'woocommerce', name, credentials, settings }`). */
  createIntegration(body, init) {
    return this.#call('createIntegration', {}, body, init);
  }

  /** Changes a store (`{ name?, credentials?, settings? }`: settings merged over the stored ones). */
  updateIntegration(id, body, init) {
    return this.#call('updateIntegration', { id }, body, init);
  }

  /** Deletes an integration (a store's runs with it; its catalog products stay). */
  deleteIntegration(id, init) {
    return this.#call('deleteIntegration', { id }, undefined, init);
  }

  /** Tests a store's URL and keys → `{ ok, products, latency_ms, error }`. */
  testStore(id, init) {
    return this.#call('testStore', { id }, undefined, init);
  }

  /** Starts a pull (`{ full? }`) → the sync run (202). */
  pullStore(id, body = {}, init) {
    return this.#call('pullStore', { id }, body, init);
  }

  /** Starts a push of approved content (`{ force?, ids? }`) → the sync run (202). */
  pushStore(id, body = {}, init) {
    return this.#call('pushStore', { id }, body, init);
  }

  /** A page of a store's sync runs, newest first → `{ items, pagination }`. */
  listSyncs(id, options = {}) {
    return this.#list('listSyncs', { id }, options, []);
  }

  /** A sync run with its progress and errors. */
  getSync(id, init) {
    return this.#call('getSync', { id }, undefined, init);
  }

  /** Cancels an active sync run. */
  cancelSync(id, init) {
    return this.#call('cancelSync', { id }, undefined, init);
  }

  /** Adds a webhook signing secret (`{ secret? }`): the answer shows it once. */
  createWebhookSecret(body = {}, init) {
    return this.#call('createWebhookSecret', {}, body, init);
  }

  /** A page of the webhook signing secrets (never the secrets) → `{ items, pagination }`. */
  listWebhookSecrets(options = {}) {
    return this.#list('listWebhookSecrets', {}, options, []);
  }

  /** Revokes a webhook signing secret. */
  revokeWebhookSecret(id, init) {
    return this.#call('revokeWebhookSecret', { id }, undefined, init);
  }

  /**
   * Delivers products to `POST /webhooks/{source}`, signed with a webhook secret (no API key is
   * sent): `{ source, webhookId, secret, body, delivery?, timestamp? }` → the WebhookResult.
   */
  async deliverWebhook({ source, webhookId, secret, body, delivery, timestamp, ...init }) {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const ts = String(timestamp ?? Math.floor(Date.now() / 1000));
    const headers = {
      ...init.headers,
      'x-proseo-webhook-id': webhookId,
      'x-proseo-timestamp': ts,
      'x-proseo-signature': await signWebhook(secret, ts, raw),
    };
    if (delivery !== undefined) headers['x-proseo-delivery'] = String(delivery);
    const [method, pattern] = ROUTES.deliverWebhook;
    const path = pattern.replace(':source', encodeURIComponent(String(source ?? '')));
    const { data } = await this.request(method, path, undefined, { ...init, headers, rawBody: raw, anonymous: true });
    return data;
  }

  /** A non-enveloped answer (a feed): the Response when it is 2xx, else the API's error. */
  async #raw(route, params, { signal, headers } = {}, query) {
    const [method, pattern] = ROUTES[route];
    const path = pattern.replace(/:(\w+)/g, (_, name) => {
      const value = params[name];
      if (value === undefined || value === null || value === '') {
        throw new ProseoApiError('invalid_input', `${route}: \`${name}\` is required`);
      }
      return encodeURIComponent(String(value));
    });
    let url = `${this.baseUrl}/api/v1${path}`;
    if (query && Object.keys(query).length > 0) url += `?${new URLSearchParams(query)}`;
    const h = { ...this.headers, ...headers };
    if (this.apiKey) h.authorization = `Bearer ${this.apiKey}`;
    let response;
    try {
      response = await this.fetch(url, { method, headers: h, signal });
    } catch (err) {
      throw new ProseoApiError('network_error', `${method} ${url} failed: ${err?.message ?? err}`, { cause: err });
    }
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    let e;
    try {
      e = JSON.parse(text)?.error;
    } catch {
      e = undefined;
    }
    if (e && typeof e.code === 'string') {
      throw new ProseoApiError(e.code, typeof e.message === 'string' ? e.message : `HTTP ${response.status}`, { status: response.status, details: e.details });
    }
    throw new ProseoApiError('http_error', `${method} ${url}: HTTP ${response.status}, not a JSON envelope`, { status: response.status, details: { body: text.slice(0, 500) } });
  }

  async #list(route, params, { page, per_page, ...rest } = {}, names) {
    const query = {};
    const init = {};
    for (const [k, v] of Object.entries(rest)) {
      if (names.includes(k)) {
        if (v !== undefined && v !== null) query[k] = String(v);
      } else {
        init[k] = v;
      }
    }
    if (page !== undefined && page !== null) query.page = String(page);
    if (per_page !== undefined && per_page !== null) query.per_page = String(per_page);
    const { data, meta } = await this.#send(route, params, undefined, init, query);
    return { items: data, pagination: meta?.pagination };
  }

  async #call(route, params, body, init, query) {
    const { data } = await this.#send(route, params, body, init, query);
    return data;
  }

  #send(route, params, body, init, query) {
    const [method, pattern] = ROUTES[route];
    const path = pattern.replace(/:(\w+)/g, (_, name) => {
      const value = params[name];
      if (value === undefined || value === null || value === '') {
        throw new ProseoApiError('invalid_input', `${route}: \`${name}\` is required`);
      }
      return encodeURIComponent(String(value));
    });
    return this.request(method, path, body, { ...init, query });
  }

  /**
   * Low-level: one request under `/api/v1`; resolves to the whole envelope's `{ data, meta }`.
   * @param {'GET'|'POST'|'PUT'|'PATCH'|'DELETE'} method
   * @param {string} path e.g. `/jobs/123`
   */
  async request(method, path, body, { query, signal, headers, rawBody, anonymous } = {}) {
    let url = `${this.baseUrl}/api/v1${path}`;
    if (query && Object.keys(query).length > 0) url += `?${new URLSearchParams(query)}`;
    const h = { accept: 'application/json', ...this.headers, ...headers };
    if (this.apiKey && !anonymous) h.authorization = `Bearer ${this.apiKey}`;
    const options = { method, headers: h, signal };
    if (rawBody !== undefined) {
      h['content-type'] = 'application/json';
      options.body = rawBody;
    } else if (body !== undefined) {
      h['content-type'] = 'application/json';
      options.body = JSON.stringify(body);
    }

    let response;
    try {
      response = await this.fetch(url, options);
    } catch (err) {
      throw new ProseoApiError('network_error', `${method} ${url} failed: ${err?.message ?? err}`, {
        cause: err,
      });
    }
    const status = response.status;
    const text = await response.text().catch(() => '');
    let envelope;
    try {
      envelope = JSON.parse(text);
    } catch {
      envelope = undefined;
    }
    const isEnvelope =
      envelope !== null && typeof envelope === 'object' && typeof envelope.success === 'boolean';
    if (isEnvelope && envelope.success === false) {
      const e = envelope.error ?? {};
      throw new ProseoApiError(
        typeof e.code === 'string' ? e.code : 'http_error',
        typeof e.message === 'string' ? e.message : `HTTP ${status}`,
        { status, details: e.details },
      );
    }
    if (!isEnvelope || !response.ok) {
      const what = isEnvelope ? `HTTP ${status}` : `HTTP ${status}, not a JSON envelope`;
      throw new ProseoApiError('http_error', `${method} ${url}: ${what}`, {
        status,
        details: { body: text.slice(0, 500) },
      });
    }
    return { data: envelope.data, meta: envelope.meta };
  }
}
