// The shared suite in real workerd: `wrangler dev` (wrangler 4.86.0, a devDependency, with its
// bundled workerd) serves test/workerd/worker.mjs on 127.0.0.1 at a random free port; the test
// POSTs the native core's parity data to /suite and reports every suite test as a subtest.
//
// wrangler runs offline and quiet (no metrics, no error reports, no banner, no cf fetch), in its
// own process group (detached = setsid), stopped by group at the end, whatever happened.
// Its state and logs go to a temporary directory.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

import { report } from './harness.mjs';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const workerDir = fileURLToPath(new URL('./workerd/', import.meta.url));
const wrangler = join(pkgDir, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

/** A port that was free a moment ago on 127.0.0.1. */
async function freePort() {
  const srv = createServer();
  await new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', resolve);
  });
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stops a detached child's whole process group: SIGTERM, then SIGKILL after `graceMs`. */
async function stopGroup(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  let timer;
  const grace = new Promise((resolve) => (timer = setTimeout(resolve, graceMs)));
  await Promise.race([exited, grace]);
  clearTimeout(timer);
  signal('SIGKILL'); // whatever is left of the group (workerd outliving wrangler)
  await exited;
}

test('workerd entry under wrangler dev (real workerd)', { timeout: 180_000 }, async (t) => {
  const tmp = mkdtempSync(join(tmpdir(), 'proseo-workerd-'));
  const port = await freePort();
  const inspectorPort = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      wrangler, 'dev',
      '--ip', '127.0.0.1',
      '--port', String(port),
      '--inspector-port', String(inspectorPort),
      '--show-interactive-dev-session=false',
      '--persist-to', join(tmp, 'state'),
      '--log-level', 'warn',
    ],
    {
      cwd: workerDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_SEND_ERROR_REPORTS: 'false',
        WRANGLER_HIDE_BANNER: 'true',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        WRANGLER_LOG_PATH: join(tmp, 'logs'),
        NO_COLOR: '1',
        CI: 'true',
      },
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const cleanup = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', cleanup); // even if the runner dies mid-test
  const base = `http://127.0.0.1:${port}`;
  try {
    // Ready when /health answers (wrangler bundles, then starts workerd).
    const deadline = Date.now() + 90_000;
    for (;;) {
      assert.ok(child.exitCode === null, `wrangler exited (${child.exitCode}):\n${output}`);
      assert.ok(Date.now() < deadline, `wrangler dev not ready after 90 s:\n${output}`);
      try {
        const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
        if (res.ok && (await res.text()) === 'ok') break;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    t.diagnostic(`wrangler dev ready in ${Math.round(performance.now() - started)} ms`);

    const parity = readFileSync(new URL('../build/parity.json', import.meta.url), 'utf8');
    const res = await fetch(`${base}/suite`, { method: 'POST', body: parity, signal: AbortSignal.timeout(60_000) });
    assert.equal(res.status, 200, await res.clone().text());
    const out = await res.json();
    await t.test('the Worker imported proseo through the workerd entry (ready at import)', () => {
      assert.match(out.atImport, /^\d+\.\d+\.\d+/);
      assert.equal(out.version, out.atImport);
      assert.ok(out.results.length >= 15, `only ${out.results.length} results`);
    });
    await report(t, out.results);
  } finally {
    const stopping = performance.now();
    await stopGroup(child);
    t.diagnostic(`wrangler stopped in ${Math.round(performance.now() - stopping)} ms`);
    process.removeListener('exit', cleanup);
    rmSync(tmp, { recursive: true, force: true });
  }
});
