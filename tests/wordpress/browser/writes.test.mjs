// Browser tests of what the plugin writes besides the description: image alt texts on the product
// screen (into the media library, the merchant's own kept), and a bulk job written back in the
// background by WP-Cron after the page was left (the real wp-cron.php over HTTP, then the
// callback for the final pass), its progress shown when the page is opened again; cancel; and
// Product JSON-LD built by the core in the panel, with its rich-result checks, output on the
// product page.
// Runs after plugin.test.mjs (which completes the onboarding wizard).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, '..', 'test-artifacts');
mkdirSync(artifacts, { recursive: true });
const WP = process.env.WP_URL;
const PASSWORD = process.env.WP_ADMIN_PASSWORD;
assert.ok(WP && PASSWORD, 'run tests/wordpress/up and export its lines (scripts/test-wordpress does)');

const php = (...args) => JSON.parse(execFileSync('php', [join(here, '..', 'fixtures.php'), ...args], { encoding: 'utf8' }));
let browser;
let page;
const errors = [];

before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  page.on('dialog', (d) => d.accept());
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && /proseo/i.test(m.text() + (m.location().url || ''))) errors.push(m.text());
  });
  await page.goto(`${WP}/wp-login.php`);
  await page.fill('#user_login', 'admin');
  await page.fill('#user_pass', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
});

after(async () => {
  await browser?.close();
});

const shot = (name) => page.screenshot({ path: join(artifacts, name), fullPage: true });

/** Waits until the edge API generated every item of the job (up to two minutes). */
async function edgeDone(jobId) {
  for (let i = 0; i < 480; i++) {
    const job = php('edge-job', jobId);
    if (job.pending === 0) return job;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`the edge API did not finish job ${jobId}`);
}

/** WP-Cron as a real site runs it: a request to wp-cron.php (DISABLE_WP_CRON only stops the spawn on page views). */
async function wpCron() {
  const response = await fetch(`${WP}/wp-cron.php`);
  assert.equal(response.status, 200);
  await response.text();
}

async function startBulk(ids, minScore) {
  await page.goto(`${WP}/wp-admin/edit.php?post_type=product&page=proseo-bulk&products=${ids.join(',')}`);
  await page.waitForFunction((n) => new RegExp(`for ${n} products`).test(document.querySelector('#proseo-create-job').textContent), ids.length);
  assert.equal(await page.isChecked('#proseo-background'), true, 'background write-back is the default');
  await page.fill('#proseo-background-score', String(minScore));
  await page.click('#proseo-create-job');
  await page.waitForSelector('#proseo-job:not([hidden])');
  await page.waitForFunction(() => /job=/.test(window.location.hash));
  return decodeURIComponent(/job=([A-Za-z0-9_-]+)/.exec(await page.evaluate(() => window.location.hash))[1]);
}

test('alt texts: accepting a suggestion writes them to the media library and keeps the merchant’s', async () => {
  const [id] = php('products', '1', 'Alt texts');
  const images = php('images', String(id), '', 'Written by the merchant');
  await page.goto(`${WP}/wp-admin/post.php?post=${id}&action=edit`);
  await page.waitForSelector('#proseo-root');
  await page.click('#proseo-generate');
  await page.waitForSelector('#proseo-suggestion:not([hidden])');
  const meta = await page.textContent('#proseo-suggested-meta');
  assert.match(meta, /Alt text, image 1/);
  assert.match(meta, /Alt text, image 2/);
  assert.equal(await page.isVisible('#proseo-alt-choice'), true);
  assert.equal(await page.isChecked('#proseo-overwrite-alt'), false, 'the setting (off) is the default choice');
  await shot('panel-alt-texts.png');
  await page.click('#proseo-accept');
  await page.waitForFunction(() => /Image alt texts: 1 written, 1 kept\./.test(document.querySelector('#proseo-message').textContent));
  const [first, second] = php('alts', ...images.map(String));
  assert.notEqual(first, '', 'the image without an alt text got the generated one');
  assert.equal(second, 'Written by the merchant');

  // The per-accept choice replaces the merchant's text too.
  await page.click('#proseo-generate');
  await page.waitForSelector('#proseo-suggestion:not([hidden])');
  await page.check('#proseo-overwrite-alt');
  await page.click('#proseo-accept');
  await page.waitForFunction(() => /Image alt texts: [12] written, 0 kept\./.test(document.querySelector('#proseo-message').textContent));
  assert.notEqual(php('alts', String(images[1]))[0], 'Written by the merchant');
});

test('bulk in the background: start the job, leave the page, WP-Cron writes, reopening shows it', async () => {
  const ids = php('products', '3', 'Background 3');
  const before = php('get', ...ids.map(String));
  const jobId = await startBulk(ids, 0);
  await page.goto(`${WP}/wp-admin/`); // the bulk page is closed
  await edgeDone(jobId);
  assert.deepEqual(php('get', ...ids.map(String)), before, 'nothing written before cron runs');

  await wpCron();
  const rows = php('get', ...ids.map(String));
  for (const [n, row] of rows.entries()) {
    assert.notEqual(row.post_content, before[n].post_content, `product ${row.id} written by WP-Cron`);
    assert.equal(row.revision, true, `product ${row.id} can be undone`);
  }
  // The run re-scheduled itself for a final pass; run that pass now instead of waiting for it.
  const last = php('writeback');
  assert.equal(last.written, 0, 'nothing written twice');

  await page.goto(`${WP}/wp-admin/edit.php?post_type=product&page=proseo-bulk#job=${jobId}`);
  await page.waitForSelector('#proseo-writeback[data-state="done"]');
  assert.equal(await page.getAttribute('#proseo-writeback', 'data-written'), '3');
  assert.match(await page.textContent('#proseo-writeback-status'), /Written in the background: 3 written, 0 failed \(score at least 0\)\./);
  assert.equal(await page.isVisible('#proseo-cancel-job'), false);
  assert.match(await page.textContent(`#proseo-jobs li[data-job-id="${jobId}"]`), /Written in the background/);
  await page.waitForSelector('#proseo-review:not([hidden])');
  assert.equal(await page.locator('#proseo-items tbody tr[data-sync="synced"]').count(), 3);
  await shot('bulk-background-done.png');
});

test('cancel: a cancelled background job writes nothing', async () => {
  const ids = php('products', '2', 'Cancelled 2');
  const before = php('get', ...ids.map(String));
  const jobId = await startBulk(ids, 0);
  await page.waitForSelector('#proseo-cancel-job:not([hidden])');
  await page.click('#proseo-cancel-job');
  await page.waitForSelector('#proseo-writeback[data-state="cancelled"]');
  await edgeDone(jobId);
  await wpCron();
  assert.deepEqual(php('get', ...ids.map(String)), before, 'nothing written');
  await shot('bulk-background-cancelled.png');
  assert.deepEqual(errors, [], 'no script errors');
});

test('structured data: the panel builds Product JSON-LD with the core and the product page outputs it', async () => {
  const [id] = php('products', '1', 'Structured data');
  php('images', String(id), '');
  await page.goto(`${WP}/wp-admin/post.php?post=${id}&action=edit`);
  await page.waitForSelector('#proseo-jsonld[data-state="eligible"], #proseo-jsonld[data-state="not-eligible"]', { timeout: 60000 });
  assert.match(await page.textContent('#proseo-jsonld-status'), /^Output on the product page/);
  const codes = await page.locator('#proseo-jsonld-checks li').evaluateAll((lis) => lis.map((li) => li.dataset.check));
  assert.ok(codes.includes('jsonld_gtin_missing'), `rich-result checks listed: ${codes}`);
  await shot('panel-structured-data.png');

  const front = await page.context().request.get(`${WP}/?post_type=product&p=${id}`);
  assert.equal(front.status(), 200);
  const html = await front.text();
  const scripts = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]));
  const products = scripts.filter((s) => s['@type'] === 'Product');
  assert.equal(products.length, 1, 'one Product JSON-LD on the page');
  assert.match(products[0].name, /^Oak Cutting Board|^Linen Apron|^Steel Kettle|^Wool Throw|^Glass Carafe/);
  assert.equal(products[0].sku, `SKU-${id}`);
  assert.deepEqual(errors, [], 'no script errors');
});
