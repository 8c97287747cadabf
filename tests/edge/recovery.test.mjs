// Crash and restart: the local runtime (wrangler dev + workerd) is killed with SIGKILL in the
// middle of a 300-item job, twice, and started again on the same state. The local queue keeps
// no messages across a restart, so this is the real thing the outbox and the sweeper recover
// from: every item ends exactly once, the counters are exact, and usage is billed once per item,
// without the admin requeue route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { PROSEO_URL, ROOT, createTenant, expectOk, mock, mockIntegration, products, waitFor, waitForJob, allItems, assertCounters, countBy, usage, d1, sleep } from './helpers.mjs';

const run = promisify(execFile);
const STATE = process.env.PROSEO_STATE_DIR;

/** SIGKILL the runtime's whole process group (wrangler and workerd), as a crash would. */
async function crash() {
  const pid = Number(readFileSync(path.join(STATE, 'edge.pid'), 'utf8'));
  process.kill(-pid, 'SIGKILL');
  await waitFor(async () => {
    try {
      await fetch(`${PROSEO_URL}/api/v1/health`);
      return false;
    } catch {
      return true;
    }
  }, { timeout: 20000, what: 'the runtime to die' });
  return pid;
}

/** Starts the runtime again on the same state and port (scripts/edge-up). */
async function restart() {
  const port = new URL(PROSEO_URL).port;
  await run('bash', [path.join(ROOT, 'scripts/edge-up')], { cwd: ROOT, env: { ...process.env, PROSEO_STATE_DIR: STATE, PROSEO_PORT: port }, timeout: 180000 });
  assert.equal((await fetch(`${PROSEO_URL}/api/v1/health`)).status, 200);
}

test('crash and restart twice during a 300-item job: every item exactly once, billed once', { timeout: 900000 }, async () => {
  await mock.reset();
  const { api } = await createTenant({ monthly_generations: null, rate_limit_per_minute: 100000 });
  // A provider that takes 300 ms per answer, with a short timeout so that the leases of the
  // calls cut by a crash expire within a minute.
  await mockIntegration(api, { settings: { timeout_ms: 5000 } });
  const list = products(300);
  await mock.script(list.map((p) => ({ match: `Name: ${p.name}\n`, delay_ms: 300 })));
  const created = expectOk(await api.post('/jobs', { name: 'crash', products: list }), 201);
  const t0 = Date.now();
  const log = [];
  for (const at of [60, 180]) {
    const seen = await waitForJob(api, created.id, { until: (j) => j.completed >= at, timeout: 240000 });
    const pid = await crash();
    log.push(`crash at ${seen.completed}/300 (pid ${pid}) after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await sleep(1000);
    await restart();
    log.push(`restarted after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const job = await waitForJob(api, created.id, { timeout: 600000 });
  const elapsed = (Date.now() - t0) / 1000;
  assertCounters(job);
  assert.deepEqual([job.status, job.total, job.completed, job.failed, job.cancelled, job.pending], ['completed', 300, 300, 0, 0, 0]);
  const items = await allItems(api, created.id);
  assert.equal(items.length, 300);
  assert.deepEqual(countBy(items), { generated: 300 });
  // Billed exactly once per item, straight from the usage rows.
  const bills = await d1(`SELECT item_id, COUNT(*) AS n FROM usage_events WHERE item_id IN (SELECT id FROM job_items WHERE job_id = '${created.id}') GROUP BY item_id`);
  assert.equal(bills.length, 300, 'every item billed');
  assert.deepEqual([...new Set(bills.map((b) => b.n))], [1], 'no item billed twice');
  const u = await usage(api);
  assert.deepEqual([u.generations, u.reserved], [300, 0]);
  // The stored counters equal a recount from the items.
  const [recount] = await d1(`SELECT COUNT(*) AS total, SUM(status = 'generated') AS generated FROM job_items WHERE job_id = '${created.id}'`);
  assert.deepEqual([recount.total, recount.generated], [300, 300]);
  const calls = (await mock.requests()).length;
  log.push(`completed in ${elapsed.toFixed(1)} s; ${calls} provider calls for 300 items (calls cut by a crash are made again, never billed twice)`);
  for (const line of log) console.log(`# ${line}`);
});
