#!/usr/bin/env node
// A mock LLM server for proseo's end-to-end tests, on 127.0.0.1 only.
//
// Speaks two real wire formats:
//   POST /v1/chat/completions   OpenAI-compatible (Authorization: Bearer sk-test…)
//   POST /v1/messages           Anthropic Messages (x-api-key: sk-ant-test…, anthropic-version)
// (any path ending in /chat/completions or /messages is accepted, so a base URL with another
// prefix works too; the recorded `path` says what was called).
//
// By default it answers with a JSON object holding the fields the prompt's JSON Schema asks
// for, written from the product facts and focus keyphrase in the prompt, good enough to score
// well in proseo's analysis. Tests steer it through a control API:
//   POST /__mock/script   {responses:[entry…]}  appended to a FIFO queue; each provider request
//                         that passes the auth and shape checks consumes one entry:
//                           {status, body?, headers?}  that raw response (body: object → JSON,
//                                                      string → as is; no body on an error status
//                                                      → the provider's own error format)
//                           {content: "text"}          a normal answer with this content
//                           {quality: "poor"}          a normal answer, valid JSON, that scores low
//                           {fields: {...}}            the default answer with these fields replaced
//                           {malformed: true}          200 with a body that is not JSON
//                           {drop: true}               the socket is destroyed, no answer
//                           {delay_ms: N, …}           wait N ms first, then the rest of the entry
//                                                      (or the default answer)
//                         An entry with `match: "text"` is only taken by a request whose prompt
//                         (system or user text) contains that text: the first matching entry in
//                         queue order is consumed, so faults can target one product of a job.
//   GET  /__mock/requests recorded provider requests (auth values redacted)
//   POST /__mock/reset    clears the queue and the recorded requests
//   GET  /__mock/state    {queued, requests}
//
// Usage numbers are deterministic: prompt tokens = ceil(prompt chars / 4), completion tokens =
// ceil(answer chars / 4), where prompt chars is the sum of the text of the system prompt and
// every message.
//
// Run: node tests/mock-llm/server.mjs [--port N]   (or MOCK_LLM_PORT; 0 = ephemeral)
// Prints MOCK_LLM_URL=http://127.0.0.1:PORT once listening.

import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const HOST = '127.0.0.1';
const MAX_BODY = 20 * 1024 * 1024;

/** Deterministic token estimate used for `usage`. */
export function tokensFor(chars) {
  return Math.ceil(chars / 4);
}

// ---------------------------------------------------------------------------------------------
// Prompt reading

function textOf(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (typeof part === 'string' ? part : part && typeof part.text === 'string' ? part.text : ''))
      .join('');
  }
  return '';
}

/** {system, user, promptChars} from an OpenAI or Anthropic request body. */
export function readPrompt(provider, body) {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  let system = '';
  let chars = 0;
  if (provider === 'anthropic' && body.system !== undefined) {
    system = textOf(body.system);
    chars += system.length;
  }
  const users = [];
  for (const m of messages) {
    const t = textOf(m && m.content);
    chars += t.length;
    if (m && m.role === 'system') system += (system ? '\n' : '') + t;
    if (m && m.role === 'user') users.push(t);
  }
  return { system, user: users.length ? users[users.length - 1] : '', promptChars: chars };
}

/** The first balanced JSON object after `marker` in `text`, parsed, or null. */
function jsonAfter(text, marker) {
  const at = text.indexOf(marker);
  if (at < 0) return null;
  const start = text.indexOf('{', at);
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) {
        try {
          return JSON.parse(text.slice(start, i + 1));
        } catch {
          return null;
        }
      }
    }
  }
  return null;
}

/** What the prompt asks for and about which product. */
export function readBrief(system, user) {
  const schema = jsonAfter(system, 'JSON Schema') || jsonAfter(user, 'JSON Schema');
  const line = (re) => {
    const m = user.match(re);
    return m ? m[1].trim() : null;
  };
  const name = line(/^- Name: (.+)$/m) || 'this product';
  const keyphraseMatch = user.match(/Focus keyphrase: "([^"\n]*)"/);
  const keyphrase = keyphraseMatch && keyphraseMatch[1].trim() ? keyphraseMatch[1].trim() : name.toLowerCase();
  const brand = line(/^- Brand: (.+)$/m);
  const categories = line(/^- Categories: (.+)$/m);
  const features = [];
  const feat = user.match(/^- Features:\n((?:  - .*\n?)+)/m);
  if (feat) for (const l of feat[1].split('\n')) if (l.startsWith('  - ')) features.push(l.slice(4).trim());
  const attributes = [];
  const attr = user.match(/^- Attributes:\n((?:  - .*\n?)+)/m);
  if (attr) for (const l of attr[1].split('\n')) if (l.startsWith('  - ')) attributes.push(l.slice(4).replace(/ \(the customer chooses one\)$/, '').trim());
  let images = 0;
  const imgs = user.match(/Images, in order[^\n]*\n((?:\d+\. .*\n?)+)/);
  if (imgs) images = imgs[1].split('\n').filter((l) => /^\d+\. /.test(l)).length;
  const properties = schema && schema.properties && typeof schema.properties === 'object' ? Object.keys(schema.properties) : null;
  const marketplace = !!(properties && properties.includes('bullets') && properties.includes('title') && properties.includes('description'));
  return { schema, properties, marketplace, name, keyphrase, brand, categories, features, attributes, images: Math.max(images, 1) };
}

// ---------------------------------------------------------------------------------------------
// Writing answers

function capitalize(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

function escapeHtml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slugify(s) {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '') || 'product';
}

function seoTitle(kp, brand) {
  let base = capitalize(kp);
  if (base.length > 60) {
    base = base.slice(0, 60);
    const cut = base.lastIndexOf(' ');
    if (cut > 20) base = base.slice(0, cut);
    return base;
  }
  for (const tail of [brand ? ` | ${brand}` : null, ' | Shop Online', ' | Shop']) {
    if (tail && base.length + tail.length <= 60) return base + tail;
  }
  return base;
}

function metaDescription(kp) {
  let text = `Discover the ${kp}.`;
  const clauses = [
    ' It is practical, well made and easy to enjoy every day.',
    ' Order yours today and see why customers come back.',
    ' Simple care and lasting comfort.',
    ' Shop now.',
  ];
  for (const c of clauses) if (text.length + c.length <= 156) text += c;
  const pad = [' Great', ' value', ' for', ' any', ' home', ' and', ' every', ' season', ' ahead'];
  let i = 0;
  while (text.length < 120 && i < pad.length && text.length + pad[i].length + 1 <= 156) {
    text = text.replace(/\.$/, '') + pad[i] + '.';
    i++;
  }
  return text;
}

function descriptionHtml(b) {
  const kp = escapeHtml(b.keyphrase);
  const name = escapeHtml(b.name);
  const brand = b.brand ? escapeHtml(b.brand) : null;
  const items = (b.features.length ? b.features : ['Made for everyday use', 'Easy to clean and care for', 'Simple, timeless design'])
    .concat(b.attributes)
    .slice(0, 6)
    .map((f) => `<li>${escapeHtml(f)}</li>`)
    .join('');
  const maker = brand ? ` from ${brand}` : '';
  return [
    `<p>The ${kp}${maker} is made for people who want a reliable product they can use every day.`,
    ` We designed ${name} to feel easy and friendly from the very first moment you use it.`,
    ` It fits busy routines, small homes and thoughtful gifts without asking for any extra effort.</p>`,
    `<h2>Why you will love the ${kp}</h2>`,
    `<p>First, the design stays simple, so it blends into your space instead of taking it over.`,
    ` In addition, every detail has a clear purpose, which makes daily use quick and pleasant.`,
    ` Many customers tell us they reach for it more often than they expected.`,
    ` Because it is easy to care for, you spend less time cleaning and more time enjoying it.</p>`,
    `<h2>Key features of the ${kp}</h2>`,
    `<ul>${items}</ul>`,
    `<p>Each feature solves a small problem you meet in ordinary life at home or at work.`,
    ` For example, the practical shape makes it comfortable to handle, even when you are in a hurry.`,
    ` Also, the materials were chosen to last, so you can count on it for many seasons.</p>`,
    `<h2>Made for everyday life</h2>`,
    `<p>Think about the moments when a good tool quietly makes your day a little better.`,
    ` That is exactly where the ${kp} shines, from early mornings to relaxed evenings with friends.`,
    ` Moreover, it looks good on a shelf, a desk or a kitchen counter.`,
    ` As a result, it works as well for a first home as for a seasoned collector.</p>`,
    `<p>Gift givers like the ${kp} too, because it suits many tastes and rarely ends up in a drawer.`,
    ` Wrap it with a short note, and you have a present that feels personal and useful.`,
    ` Of course, you may simply decide to keep one for yourself as well.</p>`,
    `<h2>Order with confidence</h2>`,
    `<p>Still wondering whether it is right for you? Read the details above once more and compare.`,
    ` Then choose the ${kp} and enjoy a dependable companion for your daily routine.`,
    ` Finally, keep it in mind when friends ask you for a practical and thoughtful recommendation.</p>`,
  ].join('');
}

function plainDescription(b) {
  return descriptionHtml(b)
    .replace(/<li>/g, '')
    .replace(/<\/li>/g, '. ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The full default answer for a brief, restricted to the schema's properties when known. */
export function defaultAnswer(b) {
  const kp = b.keyphrase;
  const bullets = (b.features.length >= 3 ? b.features : b.features.concat(['Made for everyday use', 'Easy to care for', 'Simple, timeless design']))
    .slice(0, 5)
    .map((f) => `${f.toUpperCase().split(' ').slice(0, 2).join(' ')}: ${capitalize(f)} for a better everyday experience.`);
  const all = {
    description: b.marketplace ? plainDescription(b) : descriptionHtml(b),
    short_description: `<p>The ${escapeHtml(kp)} makes everyday life easier with a simple design and lasting quality. Order yours today.</p>`,
    seo_title: seoTitle(kp, b.brand),
    meta_description: metaDescription(kp),
    slug: slugify(kp),
    image_alt: Array.from({ length: b.images }, (_, i) => (i === 0 ? capitalize(kp) : `${b.name}, view ${i + 1}`).slice(0, 125)),
    title: [b.brand, b.name, ...b.attributes].filter(Boolean).join(' ').slice(0, 200),
    bullets,
  };
  if (!b.properties) return all;
  const out = {};
  for (const k of b.properties) if (k in all) out[k] = all[k];
  return Object.keys(out).length ? out : all;
}

/** A valid answer with the right fields that scores poorly (short, no keyphrase, no headings). */
export function poorAnswer(b) {
  const all = {
    description: '<p>This is a thing. It is nice. Buy it.</p>',
    short_description: '<p>Nice thing.</p>',
    seo_title: 'Product',
    meta_description: 'A product.',
    slug: 'product',
    image_alt: ['image'],
    title: 'Product',
    bullets: ['Nice', 'Good', 'Fine'],
  };
  if (!b.properties) return all;
  const out = {};
  for (const k of b.properties) if (k in all) out[k] = all[k];
  return Object.keys(out).length ? out : all;
}

// ---------------------------------------------------------------------------------------------
// Wire formats

function openAiError(status, message, type, code = null) {
  return { status, body: { error: { message, type, param: null, code } } };
}

function anthropicError(status, type, message) {
  return { status, body: { type: 'error', error: { type, message } } };
}

function defaultError(provider, status) {
  if (provider === 'anthropic') {
    const type =
      status === 400 ? 'invalid_request_error'
      : status === 401 ? 'authentication_error'
      : status === 403 ? 'permission_error'
      : status === 404 ? 'not_found_error'
      : status === 413 ? 'request_too_large'
      : status === 429 ? 'rate_limit_error'
      : status === 529 ? 'overloaded_error'
      : 'api_error';
    return anthropicError(status, type, `mock ${status}`).body;
  }
  const type =
    status === 429 ? 'rate_limit_exceeded'
    : status === 401 ? 'invalid_request_error'
    : status >= 500 ? 'server_error'
    : 'invalid_request_error';
  return openAiError(status, `mock ${status}`, type, status === 429 ? 'rate_limit_exceeded' : null).body;
}

function answerBody(provider, model, content, promptChars, extra = {}) {
  const input = tokensFor(promptChars);
  const output = tokensFor(content.length);
  if (provider === 'anthropic') {
    return {
      id: `msg_mock_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: content }],
      stop_reason: extra.stop_reason || 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: input, output_tokens: output },
    };
  }
  return {
    id: `chatcmpl-mock${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: extra.finish_reason || 'stop' }],
    usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
  };
}

/** Shape and auth checks; returns an error response or null. */
function checkRequest(provider, headers, body) {
  if (provider === 'openai') {
    const auth = headers.authorization || '';
    const m = auth.match(/^Bearer\s+(.+)$/i);
    if (!m) return openAiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error', null);
    if (!m[1].startsWith('sk-test')) return openAiError(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
    if (body === undefined) return openAiError(400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null);
    if (!body || typeof body !== 'object' || Array.isArray(body)) return openAiError(400, 'The request body must be a JSON object.', 'invalid_request_error', null);
    if (typeof body.model !== 'string' || !body.model) return openAiError(400, 'you must provide a model parameter', 'invalid_request_error', null);
    if (!Array.isArray(body.messages) || body.messages.length === 0) return openAiError(400, "'messages' must be a non-empty array", 'invalid_request_error', null);
    for (const [i, msg] of body.messages.entries()) {
      if (!msg || !['system', 'user', 'assistant', 'developer', 'tool'].includes(msg.role)) return openAiError(400, `Invalid value for 'messages[${i}].role'.`, 'invalid_request_error', null);
      if (typeof msg.content !== 'string' && !Array.isArray(msg.content)) return openAiError(400, `Invalid type for 'messages[${i}].content'.`, 'invalid_request_error', null);
    }
    if (body.stream) return openAiError(400, 'The mock does not stream.', 'invalid_request_error', null);
    return null;
  }
  const key = headers['x-api-key'];
  if (!key) return anthropicError(401, 'authentication_error', 'x-api-key header is required');
  if (!key.startsWith('sk-ant-test')) return anthropicError(401, 'authentication_error', 'invalid x-api-key');
  if (!headers['anthropic-version']) return anthropicError(400, 'invalid_request_error', 'anthropic-version: header is required');
  if (body === undefined) return anthropicError(400, 'invalid_request_error', 'There was an issue with the request body: not JSON');
  if (!body || typeof body !== 'object' || Array.isArray(body)) return anthropicError(400, 'invalid_request_error', 'The request body must be a JSON object');
  if (typeof body.model !== 'string' || !body.model) return anthropicError(400, 'invalid_request_error', 'model: Field required');
  if (!Number.isInteger(body.max_tokens) || body.max_tokens < 1) return anthropicError(400, 'invalid_request_error', 'max_tokens: Field required');
  if (!Array.isArray(body.messages) || body.messages.length === 0) return anthropicError(400, 'invalid_request_error', 'messages: at least one message is required');
  for (const [i, msg] of body.messages.entries()) {
    if (!msg || !['user', 'assistant'].includes(msg.role)) return anthropicError(400, 'invalid_request_error', `messages.${i}.role: Input should be 'user' or 'assistant'`);
  }
  if (body.messages[0].role !== 'user') return anthropicError(400, 'invalid_request_error', 'messages: first message must use the "user" role');
  if (body.system !== undefined && typeof body.system !== 'string' && !Array.isArray(body.system)) return anthropicError(400, 'invalid_request_error', 'system: Input should be a valid string');
  if (body.stream) return anthropicError(400, 'invalid_request_error', 'The mock does not stream.');
  return null;
}

function redactHeaders(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) {
    out[k] = k === 'authorization' || k === 'x-api-key' || k === 'api-key' ? '[redacted]' : v;
  }
  return out;
}

function authSummary(provider, headers) {
  const raw = provider === 'anthropic' ? headers['x-api-key'] || '' : (headers.authorization || '').replace(/^Bearer\s+/i, '');
  return {
    present: !!raw,
    valid: provider === 'anthropic' ? raw.startsWith('sk-ant-test') : raw.startsWith('sk-test'),
    last4: raw ? raw.slice(-4) : null,
    length: raw.length,
  };
}

// ---------------------------------------------------------------------------------------------
// The server

function send(res, status, body, headers = {}) {
  if (res.destroyed || res.writableEnded) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const h = { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json', ...headers };
  for (const k of Object.keys(h)) if (h[k] === undefined || h[k] === null) delete h[k];
  res.writeHead(status, h);
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function providerOf(path) {
  if (/\/chat\/completions\/?$/.test(path)) return 'openai';
  if (/\/messages\/?$/.test(path)) return 'anthropic';
  return null;
}

function sleep(ms, req) {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    req.socket.once('close', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/**
 * Starts the mock. Returns {url, port, close(), script(responses), reset(), requests(), queued()}.
 */
export async function startMockLlm({ port = 0, quiet = true } = {}) {
  const state = { queue: [], requests: [], seq: 0 };
  const sockets = new Set();

  async function handleProvider(req, res, provider, path, raw) {
    let body;
    if (raw.length) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
    } else body = undefined;
    const headers = req.headers;
    const record = {
      seq: ++state.seq,
      at: new Date().toISOString(),
      method: req.method,
      path,
      provider,
      headers: redactHeaders(headers),
      auth: authSummary(provider, headers),
      body: body === undefined ? null : body,
      raw_body: body === undefined ? raw.slice(0, 10000) : undefined,
      response: null,
    };
    state.requests.push(record);

    const bad = checkRequest(provider, headers, body);
    if (bad) {
      record.response = { status: bad.status, kind: 'rejected', error: bad.body };
      return send(res, bad.status, bad.body);
    }

    const { system, user, promptChars } = readPrompt(provider, body);
    // The first queued entry this request matches (entries without `match` match anything).
    const at = state.queue.findIndex((e) => typeof e.match !== 'string' || system.includes(e.match) || user.includes(e.match));
    const entry = at >= 0 ? state.queue.splice(at, 1)[0] : {};
    record.script = Object.keys(entry).length ? entry : null;
    const brief = readBrief(system, user);
    record.brief = { keyphrase: brief.keyphrase, name: brief.name, fields: brief.properties };

    if (entry.delay_ms) {
      await sleep(entry.delay_ms, req);
      if (req.socket.destroyed) {
        record.response = { status: null, kind: 'client_gone' };
        return;
      }
    }
    if (entry.drop) {
      record.response = { status: null, kind: 'dropped' };
      req.socket.destroy();
      return;
    }
    if (entry.malformed) {
      record.response = { status: 200, kind: 'malformed' };
      return send(res, 200, '{"id": "broken", "choices": [ this is not json', { 'content-type': 'application/json' });
    }
    if (entry.status !== undefined && entry.content === undefined) {
      const b = entry.body !== undefined ? entry.body : entry.status >= 400 ? defaultError(provider, entry.status) : '';
      const h = { ...(entry.headers || {}) };
      if (entry.status === 429 && !Object.keys(h).some((k) => k.toLowerCase() === 'retry-after')) h['retry-after'] = '1';
      record.response = { status: entry.status, kind: 'scripted' };
      return send(res, entry.status, b, h);
    }
    let content;
    if (typeof entry.content === 'string') content = entry.content;
    else if (entry.quality === 'poor') content = JSON.stringify(poorAnswer(brief));
    else content = JSON.stringify({ ...defaultAnswer(brief), ...(entry.fields || {}) });
    const model = typeof body.model === 'string' ? body.model : 'mock';
    const answer = answerBody(provider, model, content, promptChars, entry);
    record.response = {
      status: entry.status || 200,
      kind: entry.content !== undefined ? 'content' : entry.quality === 'poor' ? 'poor' : 'default',
      usage: provider === 'anthropic'
        ? { input_tokens: answer.usage.input_tokens, output_tokens: answer.usage.output_tokens }
        : { input_tokens: answer.usage.prompt_tokens, output_tokens: answer.usage.completion_tokens },
      content,
    };
    return send(res, entry.status || 200, answer, entry.headers || {});
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://127.0.0.1');
    const path = url.pathname;
    let raw;
    try {
      raw = await readBody(req);
    } catch (e) {
      return send(res, e.status || 400, { error: { message: e.message, type: 'invalid_request_error' } });
    }
    if (path.startsWith('/__mock/')) {
      if (path === '/__mock/script' && req.method === 'POST') {
        let body;
        try {
          body = JSON.parse(raw);
        } catch {
          return send(res, 400, { error: 'body must be JSON {responses:[…]}' });
        }
        const list = Array.isArray(body) ? body : body && body.responses;
        if (!Array.isArray(list) || !list.every((e) => e && typeof e === 'object')) return send(res, 400, { error: 'responses must be an array of objects' });
        if (body.replace) state.queue = [];
        state.queue.push(...list);
        return send(res, 200, { queued: state.queue.length });
      }
      if (path === '/__mock/requests' && req.method === 'GET') {
        const since = Number(url.searchParams.get('since') || 0);
        return send(res, 200, { requests: state.requests.filter((r) => r.seq > since) });
      }
      if (path === '/__mock/reset' && req.method === 'POST') {
        state.queue = [];
        state.requests = [];
        return send(res, 200, { reset: true });
      }
      if (path === '/__mock/state' && req.method === 'GET') {
        return send(res, 200, { queued: state.queue.length, requests: state.requests.length, seq: state.seq });
      }
      return send(res, 404, { error: 'unknown mock control route' });
    }
    const provider = providerOf(path);
    if (!provider) {
      return send(res, 404, { error: { message: `Unknown request URL: ${req.method} ${path}.`, type: 'invalid_request_error', param: null, code: 'unknown_url' } });
    }
    if (req.method !== 'POST') {
      return send(res, 405, provider === 'anthropic' ? anthropicError(405, 'invalid_request_error', 'Method not allowed').body : openAiError(405, 'Method not allowed', 'invalid_request_error').body, { allow: 'POST' });
    }
    return handleProvider(req, res, provider, path, raw);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!quiet) console.error('mock-llm error', e);
      send(res, 500, { error: { message: String(e && e.message), type: 'server_error' } });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, resolve);
  });
  const actual = server.address().port;
  const url = `http://${HOST}:${actual}`;
  return {
    url,
    port: actual,
    script(responses) {
      state.queue.push(...responses);
    },
    reset() {
      state.queue = [];
      state.requests = [];
    },
    requests() {
      return state.requests.slice();
    },
    queued() {
      return state.queue.length;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function parsePort(argv) {
  const i = argv.indexOf('--port');
  if (i >= 0 && argv[i + 1] !== undefined) return Number(argv[i + 1]);
  const eq = argv.find((a) => a.startsWith('--port='));
  if (eq) return Number(eq.slice(7));
  if (process.env.MOCK_LLM_PORT !== undefined && process.env.MOCK_LLM_PORT !== '') return Number(process.env.MOCK_LLM_PORT);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const port = parsePort(process.argv.slice(2));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`mock-llm: bad port ${port}`);
    process.exit(2);
  }
  const mock = await startMockLlm({ port, quiet: false });
  process.stdout.write(`MOCK_LLM_URL=${mock.url}\n`);
  const stop = async () => {
    await mock.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
