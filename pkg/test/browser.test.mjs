// The shared suite in a real browser: Debian's headless Chromium driven by playwright-core.
//
// A node:http server on 127.0.0.1 (random port) serves pkg/dist, pkg/test and the parity data
// as plain files (no bundler: test/browser/page.mjs imports ../../dist/browser.js, the harness
// and the suite by relative URL). Each page calls the browser entry's init() — once with the
// .wasm's URL (fetch + streaming compile, with `Content-Type: application/wasm`), once with its
// bytes — then runs the suite in the page; every suite test comes back as its own subtest.
// Prints the cold init() time (first page of a fresh browser profile).
//
// Needs /usr/bin/chromium: pkg/scripts/ensure-browser.sh installs it (scripts/test runs it).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { report } from './harness.mjs';

const CHROMIUM = process.env.PROSEO_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const pkgDir = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};
// Only what the page needs is served.
const SERVED = [/^\/dist\/[^/]+$/, /^\/dist\/lang\/[a-z]+\.js$/, /^\/test\/[^/]+\.mjs$/, /^\/test\/browser\/[^/]+$/, /^\/build\/parity\.json$/];

/** A static file server for pkg/ on 127.0.0.1 with a random port; resolves once listening. */
async function serve() {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    const file = normalize(join(pkgDir, path));
    if (!SERVED.some((re) => re.test(path)) || !file.startsWith(pkgDir + sep)) {
      res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return { server, base: `http://127.0.0.1:${server.address().port}`, requests };
}

test('browser entry in headless Chromium', { timeout: 120_000 }, async (t) => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run pkg/scripts/ensure-browser.sh`);
  const { server, base, requests } = await serve();
  let browser;
  try {
    // launch() gives the browser a fresh temporary profile (--user-data-dir) and removes it on close.
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000 });
    const version = browser.version();

    /** Opens a fresh page (new module instances), runs the suite after init(source). */
    async function runPage(source) {
      const page = await browser.newPage();
      const problems = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      try {
        await page.goto(`${base}/test/browser/index.html`);
        await page.waitForFunction(() => window.proseoTest !== undefined, null, { timeout: 30_000 });
        const out = await page.evaluate((s) => window.proseoTest.run(s), source);
        return { ...out, problems };
      } finally {
        await page.close();
      }
    }

    await t.test('init(url): fetch + streaming compile, then the shared suite', async (t) => {
      const out = await runPage('url');
      t.diagnostic(
        `Chromium ${version}: cold init(url) ${out.initMs.toFixed(1)} ms, first analyze ${out.firstAnalyzeMs.toFixed(1)} ms, ` +
          `prompt module init(url) ${out.promptInitMs.toFixed(1)} ms`,
      );
      await t.test('before init(): not_initialized; after: works', () => {
        assert.equal(out.before, 'not_initialized');
        assert.equal(out.promptBefore, 'not_initialized', 'proseo/prompt needs its own init()');
        assert.match(out.version, /^\d+\.\d+\.\d+/);
        assert.ok(out.firstScore > 0);
      });
      await t.test('each .wasm was fetched once, served as application/wasm, no console errors or warnings', () => {
        assert.equal(requests.filter((p) => p === '/dist/proseo_bg.wasm').length, 1);
        assert.equal(requests.filter((p) => p === '/dist/proseo_prompt_bg.wasm').length, 1);
        assert.deepEqual(out.problems, []);
      });
      await report(t, out.results);
    });

    await t.test('init(bytes): Uint8Array of the .wasm, then the shared suite', async (t) => {
      const out = await runPage('bytes');
      t.diagnostic(`init(bytes) ${out.initMs.toFixed(1)} ms`);
      await t.test('before init(): not_initialized; after: works', () => {
        assert.equal(out.before, 'not_initialized');
        assert.equal(out.promptBefore, 'not_initialized');
        assert.ok(out.firstScore > 0);
        assert.deepEqual(out.problems, []);
      });
      await report(t, out.results);
    });
  } finally {
    await browser?.close().catch(() => {});
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
