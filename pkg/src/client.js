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
};

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
  async request(method, path, body, { query, signal, headers } = {}) {
    let url = `${this.baseUrl}/api/v1${path}`;
    if (query && Object.keys(query).length > 0) url += `?${new URLSearchParams(query)}`;
    const h = { accept: 'application/json', ...this.headers, ...headers };
    if (this.apiKey) h.authorization = `Bearer ${this.apiKey}`;
    const options = { method, headers: h, signal };
    if (body !== undefined) {
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
