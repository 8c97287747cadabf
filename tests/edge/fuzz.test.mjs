// API fuzzing: schemathesis (PyPI) drives every operation of the served /api/v1/openapi.json
// against this wrangler dev, with a real tenant's API key and JWT and the admin token, every
// check on (`--checks all`): no 5xx, and no conformance failure in either direction (the
// schema-valid accepted, the schema-invalid refused, answers as documented). Bounded: a fixed
// number of examples per operation and a time budget, a fixed seed. Config and hooks:
// tests/edge/fuzz/. FUZZ_EXAMPLES and FUZZ_SECONDS change the budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import { PROSEO_URL, ADMIN_TOKEN, ROOT, createTenant, webhookSecret } from './helpers.mjs';

const run = promisify(execFile);

test('API fuzzing (schemathesis, every check): no server error, no conformance failure', { timeout: 900000 }, async () => {
  const T = await createTenant({ monthly_generations: null, rate_limit_per_minute: 1000000 });
  const jwt = T.jwt({ sub: 'fuzzer', role: 'owner', exp: Math.floor(Date.now() / 1000) + 3600 });
  const hook = await webhookSecret(T.api);
  const dir = path.join(ROOT, 'tests/edge/fuzz');
  const report = path.join(process.env.PROSEO_STATE_DIR, 'fuzz-report.json');
  const args = [
    '--config-file', path.join(dir, 'schemathesis.toml'),
    'run', `${PROSEO_URL}/api/v1/openapi.json`,
    '--url', PROSEO_URL,
    '--checks', 'all',
    '--phases', 'examples,coverage,fuzzing',
    '--max-examples', process.env.FUZZ_EXAMPLES || '30',
    '--max-time', process.env.FUZZ_SECONDS || '240',
    '--seed', '20261205',
    '--workers', '2',
    '--report', 'json', '--report-json-path', report,
  ];
  const env = {
    ...process.env,
    PROSEO_FUZZ_KEY: T.key,
    PROSEO_FUZZ_JWT: jwt,
    PROSEO_ADMIN_TOKEN: ADMIN_TOKEN,
    PROSEO_FUZZ_WEBHOOK_ID: hook.id,
    PROSEO_FUZZ_WEBHOOK_SECRET: hook.secret,
    SCHEMATHESIS_HOOKS: 'hooks',
    PYTHONPATH: dir,
    NO_COLOR: '1',
  };
  let output = '';
  try {
    const r = await run('python3', ['-m', 'schemathesis.cli', ...args], { cwd: dir, env, maxBuffer: 64 << 20, timeout: 840000 });
    output = r.stdout;
  } catch (e) {
    output = `${e.stdout || ''}\n${e.stderr || ''}`;
  }
  let summary;
  try {
    summary = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    assert.fail(`schemathesis wrote no report:\n${output.slice(-4000)}`);
  }
  const cases = summary.test_cases;
  console.log(`# fuzzing: ${summary.operations.tested}/${summary.operations.total} operations, ${cases.generated} test cases in ${summary.running_time.toFixed(1)} s, ${cases.unique_failures} failures, ${summary.errors.length} errors`);
  assert.equal(summary.operations.tested, summary.operations.total, 'every operation tested');
  const failures = output.slice(output.indexOf('FAILURES'), output.indexOf('SUMMARY'));
  assert.equal(cases.unique_failures, 0, `failures:\n${failures.slice(0, 8000)}`);
  // The errors' details (a traceback, the operation) are in schemathesis's own output only.
  const errors = output.includes('ERRORS') ? output.slice(output.indexOf('ERRORS'), output.indexOf('FAILURES') > output.indexOf('ERRORS') ? output.indexOf('FAILURES') : output.indexOf('SUMMARY')) : '';
  // schemathesis's own "Runtime Error" (an exception inside the tool: seen about once in two
  // runs on a loaded machine, in its coverage phase, with no failing case recorded) is printed,
  // not counted; every other error — a hook error, a network error or timeout, a server that
  // stops answering, a schema the tool cannot use — fails the run.
  const internal = summary.errors.filter((e) => e.title === 'Runtime Error');
  if (internal.length) console.log(`# fuzzing: schemathesis internal errors (not counted):\n${errors.slice(0, 8000).replace(/^/gm, '#   ')}`);
  const counted = summary.errors.filter((e) => e.title !== 'Runtime Error');
  assert.equal(counted.length, 0, `errors:\n${JSON.stringify(counted).slice(0, 4000)}\n${errors.slice(0, 8000)}`);
  assert.ok(cases.generated >= 1000, `only ${cases.generated} test cases`);
});
