// The shared suite inside workerd. `proseo` and `proseo/prompt` resolve through the package's
// own `exports` under wrangler's `workerd` condition (→ dist/workerd.js and
// dist/prompt-workerd.js, which import their .wasm as a module).
//
//   GET  /health → "ok"
//   POST /suite  → {atImport, version, results: [{name, ok, ms, error?}]}; body: parity.json
//                  (optional). `atImport`: version() called before any init() — only the
//                  workerd entry (ready at import) answers; the browser entry would throw.
import * as proseo from 'proseo';
import * as prompt from 'proseo/prompt';

import { collect } from '../harness.mjs';
import { combine, run } from '../suite.mjs';

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === '/health') return new Response('ok');
    if (pathname === '/suite' && request.method === 'POST') {
      let atImport;
      try {
        atImport = proseo.version();
        if (prompt.version() !== atImport) atImport = `prompt module: ${prompt.version()}`;
      } catch (err) {
        atImport = `threw ${err?.code}`;
      }
      const body = await request.text();
      const parity = body ? JSON.parse(body) : undefined;
      const started = performance.now();
      const results = await collect(run, combine(proseo, prompt), { parity });
      return Response.json({ atImport, version: proseo.version(), ms: performance.now() - started, results });
    }
    return new Response('not found', { status: 404 });
  },
};
