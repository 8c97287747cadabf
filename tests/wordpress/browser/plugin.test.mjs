// Browser tests of the proseo plugin: headless Debian chromium (playwright-core) against the
// live test site (tests/wordpress/up) and the local edge API. One admin session walks through
// onboarding, the product panel (live score while typing, generate → accept → reload → undo)
// and the bulk page (25 products, progress to 100 %, accept all, checked in the database).
// Screenshots go to tests/wordpress/test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
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
const metrics = {};
let browser;
let page;
const consoleErrors = [];

before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
  page.on('dialog', (d) => d.accept()); // "leave page?" on reload after editing
  page.on('console', (m) => {
    if (m.type() === 'error' && /proseo/i.test(m.text() + (m.location().url || ''))) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
});

after(async () => {
  writeFileSync(join(artifacts, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  await browser?.close();
});

const shot = (name) => page.screenshot({ path: join(artifacts, name), fullPage: true });

test('log in: the first admin screen after activation is the onboarding wizard, which completes', async () => {
  await page.goto(`${WP}/wp-login.php`);
  await page.fill('#user_login', 'admin');
  await page.fill('#user_pass', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
  assert.match(page.url(), /page=proseo-setup&step=1/, 'redirected to the wizard once');
  await shot('onboarding-connect.png');
  // Step 1 keeps the stored key (the field is empty: the key is never printed back).
  assert.equal(await page.inputValue('#proseo-wizard-key'), '');
  await Promise.all([page.waitForNavigation(), page.click('#proseo-wizard-next')]);
  assert.match(page.url(), /step=2/, 'the connection check passed');
  await page.selectOption('#proseo-wizard-tone', 'professional');
  await page.fill('#proseo-wizard-banned', 'cheap, bargain');
  await Promise.all([page.waitForNavigation(), page.click('#proseo-wizard-next')]);
  assert.match(await page.textContent('#proseo-wizard-detected'), /No Yoast SEO or Rank Math found/);
  await Promise.all([page.waitForNavigation(), page.click('#proseo-wizard-next')]);
  assert.ok(await page.isVisible('#proseo-wizard-try') || (await page.textContent('.proseo-wizard-step')).includes('first product'));
  await Promise.all([page.waitForNavigation(), page.click('#proseo-wizard-next')]);
  assert.match(page.url(), /edit\.php\?post_type=product/);
  await page.goto(`${WP}/wp-admin/`);
  assert.doesNotMatch(page.url(), /proseo-setup/, 'the wizard shows only once');
});

test('settings: the key is never shown; Test connection works', async () => {
  await page.goto(`${WP}/wp-admin/options-general.php?page=proseo`);
  assert.equal(await page.inputValue('#proseo-api-key'), '');
  assert.match(await page.getAttribute('#proseo-api-key', 'placeholder'), /^psk_\w{4}…\w{4}$/);
  assert.equal(await page.inputValue('#proseo-tone'), 'professional', 'the wizard saved the brand voice');
  await page.click('#proseo-test-connection');
  await page.waitForSelector('#proseo-test-result.proseo-ok');
  assert.match(await page.textContent('#proseo-test-result'), /^Connected/);
  assert.doesNotMatch(await page.content(), /psk_\w{40}/);
});

let productId;
let original;

test('product panel: the score changes while typing; clicking a check highlights the text', async () => {
  [productId] = php('products', '1', 'Panel');
  original = php('get', String(productId))[0].post_content;
  await page.goto(`${WP}/wp-admin/post.php?post=${productId}&action=edit`);
  await page.waitForSelector('#proseo-root[data-scored]');
  const seo = async () => Number(await page.textContent('#proseo-seo-score b'));
  const before = await seo();
  await page.click('#content-html'); // the description's text tab
  await page.fill('#proseo-keyphrase', 'linen apron');
  await page.click('#content');
  await page.keyboard.press('End');
  const typed = ' This linen apron keeps your clothes clean in the kitchen. The linen apron has two deep pockets. '
    + 'It washes well and dries fast. Tie it at the back and forget about it.';
  await page.keyboard.type(typed, { delay: 2 });
  await page.waitForFunction((b) => Number(document.querySelector('#proseo-seo-score b').textContent) !== b, before);
  const afterTyping = await seo();
  assert.notEqual(afterTyping, before, `SEO score ${before} → ${afterTyping}`);
  metrics.panel_typing_scores = { before, after: afterTyping };

  // Each section says how many of its checks ran; checks that did not run stay listed, with why.
  assert.match(await page.textContent('#proseo-seo-coverage'), /\d+ of \d+ checks ran/);
  assert.match(await page.textContent('#proseo-readability-coverage'), /\d+ of \d+ checks ran/);
  const na = page.locator('#proseo-seo-checks li[data-rating="na"] button').first();
  if ((await na.count()) > 0) assert.match(await na.textContent(), /^Not assessed: ./);

  const check = page.locator('#proseo-seo-checks li button:not([disabled])').first();
  await check.click();
  await page.waitForSelector('#proseo-highlight:not([hidden]) mark');
  assert.ok((await page.textContent('#proseo-highlight mark')).length > 0);
  await shot('panel-live-score.png');

  // Speed, reported (not asserted): one analysis of a 1,000-word description in this browser.
  const words = Array.from({ length: 100 }, (_, i) => `Sentence ${i} of the linen apron text has exactly ten words.`).join(' ');
  const timing = await page.evaluate(async (text) => {
    const ta = document.getElementById('content');
    const n = window.proseoTimings.length;
    ta.value = `<p>${text}</p>`;
    ta.dispatchEvent(new Event('input'));
    await new Promise((resolve) => {
      const t = setInterval(() => window.proseoTimings.length > n && (clearInterval(t), resolve()), 20);
    });
    return window.proseoTimings[window.proseoTimings.length - 1];
  }, words);
  metrics.analyze_1000_words_ms = Number(timing.ms.toFixed(2));
  metrics.analyze_1000_words_counted = timing.words;
  console.log(`# analyze() of a ${timing.words}-word description in Chromium: ${timing.ms.toFixed(2)} ms`);
  await page.fill('#content', original); // back to the saved text for the next test
  await page.locator('#content').dispatchEvent('input');
});

test('generate → review beside the current text → accept → reload: saved; undo restores', async () => {
  await page.click('#proseo-generate');
  await page.waitForSelector('#proseo-suggestion:not([hidden])');
  const suggested = (await page.textContent('#proseo-suggested')).trim();
  assert.match(suggested, /linen apron/i, 'written for the keyphrase');
  assert.match(await page.textContent('#proseo-suggestion-score'), /SEO \d+ · readability \d+/);
  assert.equal(php('get', String(productId))[0].post_content, original, 'nothing saved before Accept');
  await shot('panel-suggestion.png');

  await page.click('#proseo-accept');
  // Not just any success message: "Suggestion ready" (from Generate) is one too, and leaving the
  // page before Accept's answer races it.
  await page.waitForFunction(() => /^Saved to the product\./.test(document.querySelector('#proseo-message').textContent));
  // A new navigation, not reload(): Chromium restores edited form fields on reload.
  await page.goto(`${WP}/wp-admin/post.php?post=${productId}&action=edit`);
  await page.waitForSelector('#proseo-root[data-scored]');
  const saved = php('get', String(productId))[0];
  assert.notEqual(saved.post_content, original);
  assert.equal(saved.keyphrase, 'linen apron');
  const shown = await page.inputValue('#content');
  assert.ok(shown.includes(saved.post_content.slice(0, 60)), `the editor shows the saved description after reload:\n${shown}\n---\n${saved.post_content}`);
  assert.equal(await page.isVisible('#proseo-undo'), true);

  await page.click('#proseo-undo');
  await page.waitForSelector('#proseo-message.is-success');
  const restored = php('get', String(productId))[0];
  assert.equal(restored.post_content, original);
  assert.equal(restored.revision, false);
  await page.goto(`${WP}/wp-admin/post.php?post=${productId}&action=edit`);
  await page.waitForSelector('#proseo-root[data-scored]');
  assert.equal(await page.isVisible('#proseo-undo'), false);
});

test('discard leaves the product untouched', async () => {
  await page.click('#proseo-generate');
  await page.waitForSelector('#proseo-suggestion:not([hidden])');
  await page.click('#proseo-discard');
  await page.waitForSelector('#proseo-suggestion[hidden]', { state: 'attached' });
  assert.equal(php('get', String(productId))[0].post_content, original);
});

test('bulk: 25 products, progress bar to 100 %, accept all, written to the database', async () => {
  const ids = php('products', '25', 'Bulk 25');
  await page.goto(`${WP}/wp-admin/edit.php?post_type=product&page=proseo-bulk`);
  const category = await page.locator('#proseo-filter-category option', { hasText: 'Bulk 25' }).getAttribute('value');
  await page.selectOption('#proseo-filter-category', category);
  await page.click('#proseo-filter-apply');
  await page.waitForFunction(() => /of 2 \(25 products\)/.test(document.querySelector('#proseo-page-info').textContent));
  assert.equal(await page.locator('#proseo-products tbody tr').count(), 20, 'paginated: 20 per page');
  assert.match(await page.textContent('#proseo-products tbody tr td:nth-child(4)'), /^\d+$/, 'current score shown');
  await page.click('#proseo-select-all');
  await page.waitForFunction(() => /for 25 products/.test(document.querySelector('#proseo-create-job').textContent));
  await page.uncheck('#proseo-background'); // reviewed in the page (writeback.test.mjs: in the background)
  await page.click('#proseo-create-job');
  await page.waitForSelector('#proseo-job:not([hidden])');
  const progress = [];
  await page.waitForFunction(
    (seen) => {
      const p = document.querySelector('#proseo-job').dataset.progress;
      return p === '100';
    },
    progress,
    { timeout: 120000 }
  );
  assert.equal(await page.textContent('#proseo-progress-text'), '100 %');
  await page.waitForSelector('#proseo-review:not([hidden])');
  assert.equal(await page.locator('#proseo-items tbody tr').count(), 25);
  await shot('bulk-review.png');

  await page.fill('#proseo-min-score', '0');
  await page.click('#proseo-accept-all');
  await page.waitForFunction(() => /25 descriptions written/.test(document.querySelector('#proseo-apply-status').textContent), null, { timeout: 120000 });
  const rows = php('get', ...ids.map(String));
  for (const row of rows) {
    assert.notEqual(row.post_content, `<p>${row.post_content}</p>`);
    assert.doesNotMatch(row.post_content, /Good quality\.<\/p>$/, `product ${row.id} has its new description`);
    assert.equal(row.revision, true, `product ${row.id} can be undone`);
  }
  assert.equal(await page.locator('#proseo-items tbody tr[data-sync="synced"]').count(), 25);
  await shot('bulk-accepted.png');

  // Resumable: reopening the page with the job lists it and shows its state from the edge API.
  await page.reload();
  await page.waitForSelector('#proseo-review:not([hidden])');
  assert.equal(await page.locator('#proseo-items tbody tr[data-sync="synced"]').count(), 25);
});

test('product list bulk action opens the bulk page with the products chosen', async () => {
  await page.goto(`${WP}/wp-admin/edit.php?post_type=product`);
  const boxes = page.locator('#the-list input[type=checkbox]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.selectOption('#bulk-action-selector-top', 'proseo_generate');
  await Promise.all([page.waitForNavigation(), page.click('#doaction')]);
  assert.match(page.url(), /page=proseo-bulk&products=\d+%2C\d+|page=proseo-bulk&products=\d+,\d+/);
  await page.waitForFunction(() => /for 2 products/.test(document.querySelector('#proseo-create-job').textContent));
});

test('logs screen lists the activity and filters it', async () => {
  await page.goto(`${WP}/wp-admin/edit.php?post_type=product&page=proseo-logs&log_action=bulk_accept`);
  const rows = page.locator('#proseo-log-table tbody tr');
  assert.ok((await rows.count()) >= 25);
  assert.equal(await page.locator('#proseo-log-table tbody tr:not([data-action="bulk_accept"])').count(), 0);
  await shot('logs.png');
  assert.deepEqual(consoleErrors, [], 'no script errors');
});
