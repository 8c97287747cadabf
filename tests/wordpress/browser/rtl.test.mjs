// The plugin in other languages, in headless Chromium against the live test site: a Polish admin
// (translated PHP- and script-rendered strings, Polish plurals evaluated in the browser), an
// Arabic and a Hebrew admin (WordPress's own translations from wordpress-l10n make wp-admin
// right-to-left): the panel, the bulk page and the settings are checked by their layout — what
// sits left or right of what, which side a bullet, padding and border are on, the direction of
// the merchant's own text — and kept as screenshots in tests/wordpress/test-artifacts/.
// Also the analysis locale: the site's (not the admin's language), or the product's own from
// WPML (stand-in). Runs after plugin.test.mjs (node --test sorts the files), which completes the
// onboarding wizard.
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
const errors = [];

before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
});

after(async () => {
  php('user-locale', 'shopmanager', '');
  php('user-locale', 'admin', '');
  php('multilingual', '');
  await browser?.close();
});

/** A logged-in page for `login` whose admin language is `locale`. */
async function session(login, locale) {
  php('user-locale', login, locale);
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && /proseo/i.test(m.text() + (m.location().url || ''))) errors.push(m.text());
  });
  page.on('dialog', (d) => d.accept());
  await page.goto(`${WP}/wp-login.php`);
  await page.fill('#user_login', login);
  await page.fill('#user_pass', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('#wp-submit')]);
  return page;
}

const shot = (page, name) => page.screenshot({ path: join(artifacts, name), fullPage: true });
const box = async (page, selector) => {
  const b = await page.locator(selector).first().boundingBox();
  assert.ok(b, `${selector} is laid out`);
  return b;
};

/** Where a check's bullet, padding and text sit in its list item (the first check listed). */
const checkGeometry = (page) =>
  page.evaluate(() => {
    const li = document.querySelector('#proseo-seo-checks li');
    const button = li.querySelector('button');
    const style = getComputedStyle(li);
    const r = li.getBoundingClientRect();
    const b = button.getBoundingClientRect();
    return {
      padLeft: style.paddingLeft,
      padRight: style.paddingRight,
      bulletLeft: getComputedStyle(li, '::before').left,
      bulletRight: getComputedStyle(li, '::before').right,
      textFromLeft: b.left - r.left,
      textFromRight: r.right - b.right,
    };
  });

// Categories of their own in each run, so the counts below hold on a reused test site too.
const run = Date.now().toString(36);
const [category22, category3] = [`Polski 22 ${run}`, `RTL 3 ${run}`];
let ids22;
let ids3;

test('a Polish admin: PHP and script strings translated, Polish plurals in the browser, left-to-right layout', async () => {
  ids22 = php('products', '22', category22);
  ids3 = php('products', '3', category3);
  const page = await session('shopmanager', 'pl_PL');
  await page.goto(`${WP}/wp-admin/edit.php?post_type=product&page=proseo-bulk`);
  assert.equal(await page.getAttribute('html', 'dir'), null, 'Polish is left-to-right');
  assert.equal((await page.textContent('h1')).trim(), 'Generuj opisy z proseo', 'PHP string');
  const category = await page.locator('#proseo-filter-category option', { hasText: category22 }).getAttribute('value');
  await page.selectOption('#proseo-filter-category', category);
  await page.click('#proseo-filter-apply');
  // 22 takes the "2–4" form in Polish (22 produkty), 12 would not: the Plural-Forms expression
  // from the .po runs in the browser.
  await page.waitForFunction(() => document.querySelector('#proseo-page-info').textContent === 'Strona 1 z 2 (22 produkty)');
  await page.click('#proseo-select-all');
  await page.waitForFunction(() => document.querySelector('#proseo-create-job').textContent === 'Wygeneruj opisy dla 22 produktów');
  const prev = await box(page, '#proseo-prev');
  const next = await box(page, '#proseo-next');
  assert.ok(prev.x < next.x, 'previous page on the left');
  assert.equal(await page.getAttribute('#proseo-prev', 'aria-label'), 'Poprzednia strona');

  await page.goto(`${WP}/wp-admin/post.php?post=${ids22[0]}&action=edit`);
  await page.waitForSelector('#proseo-root[data-scored]');
  assert.equal((await page.textContent('#proseo-panel h2')).trim(), 'proseo: SEO i czytelność');
  assert.match(await page.textContent('#proseo-seo-coverage'), /^Wykonano \d+ z \d+ testów/, 'script string');
  assert.match(await page.textContent('#proseo-language'), /^Język analizy: angielski/, 'the site language, named in Polish');
  const geometry = await checkGeometry(page);
  assert.equal(geometry.padLeft, '18px');
  assert.equal(geometry.bulletLeft, '0px', 'bullet on the left');
  assert.ok(Math.abs(geometry.textFromLeft - 18) < 1.5, `text starts after the bullet: ${JSON.stringify(geometry)}`);
  const menu = await box(page, '#adminmenuwrap');
  assert.ok(menu.x < 100, 'admin menu on the left');
  await shot(page, 'panel-pl.png');
  await page.context().close();
});

test('an Arabic admin: the product panel is right-to-left, the shop\'s English text stays left-to-right', async () => {
  const page = await session('shopmanager', 'ar');
  await page.goto(`${WP}/wp-admin/post.php?post=${ids3[0]}&action=edit`);
  await page.waitForSelector('#proseo-root[data-scored]');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.ok(await page.locator('body.rtl').count(), 'WordPress says rtl');
  const menu = await box(page, '#adminmenuwrap');
  assert.ok(menu.x > 700, `admin menu on the right (x = ${menu.x})`);

  // Translated: PHP (meta box title) and script (coverage, language) strings.
  assert.equal((await page.textContent('#proseo-panel h2')).trim(), 'proseo: SEO وسهولة القراءة');
  assert.match(await page.textContent('#proseo-seo-coverage'), /^الفحوصات المنفَّذة: \d+ من \d+/);
  // The analysis language is the site's (English), not the admin's (Arabic).
  assert.equal(await page.getAttribute('#proseo-root', 'data-locale'), 'en_US');
  assert.match(await page.textContent('#proseo-language'), /^لغة التحليل: /);
  assert.equal(await page.evaluate(() => window.proseoTimings.at(-1).locale), 'en_US');

  // Mirrored layout.
  const label = await box(page, 'label[for="proseo-keyphrase"]');
  const input = await box(page, '#proseo-keyphrase');
  assert.ok(label.x > input.x, 'the label is right of its field');
  const seo = await box(page, '#proseo-seo-score');
  const readability = await box(page, '#proseo-readability-score');
  assert.ok(seo.x > readability.x, 'the SEO badge comes first, on the right');
  const seoChecks = await box(page, '#proseo-seo-checks');
  const readabilityChecks = await box(page, '#proseo-readability-checks');
  assert.ok(seoChecks.x > readabilityChecks.x, 'SEO checks in the right column');
  const geometry = await checkGeometry(page);
  assert.equal(geometry.padRight, '18px', `padding on the start (right) side: ${JSON.stringify(geometry)}`);
  assert.equal(geometry.padLeft, '0px');
  assert.equal(geometry.bulletRight, '0px', 'bullet on the right');
  assert.ok(Math.abs(geometry.textFromRight - 18) < 1.5, `text starts after the bullet, from the right: ${JSON.stringify(geometry)}`);

  // The merchant's text keeps its own direction: an Arabic keyphrase right-to-left, English left-to-right.
  await page.fill('#proseo-keyphrase', 'لوح تقطيع');
  assert.equal(await page.$eval('#proseo-keyphrase', (el) => getComputedStyle(el).direction), 'rtl');
  await page.fill('#proseo-keyphrase', 'cutting board');
  assert.equal(await page.$eval('#proseo-keyphrase', (el) => getComputedStyle(el).direction), 'ltr');
  await page.locator('#proseo-keyphrase').dispatchEvent('input');
  await page.waitForFunction(() => window.proseoTimings.length > 1);

  const check = page.locator('#proseo-seo-checks li button:not([disabled])').first();
  await check.click();
  await page.waitForSelector('#proseo-highlight:not([hidden]) mark');
  const border = await page.$eval('#proseo-highlight', (el) => {
    const s = getComputedStyle(el);
    return { left: s.borderLeftWidth, right: s.borderRightWidth };
  });
  assert.deepEqual(border, { left: '0px', right: '4px' }, 'the highlight\'s bar on the start (right) side');
  assert.equal(await page.$eval('#proseo-highlight p:nth-of-type(2)', (el) => getComputedStyle(el).direction), 'ltr', 'English excerpt');

  await page.click('#proseo-generate');
  await page.waitForSelector('#proseo-suggestion:not([hidden])');
  assert.match(await page.textContent('#proseo-suggestion-score'), /^SEO \d+ · سهولة القراءة \d+$/);
  const current = await box(page, '#proseo-current');
  const suggested = await box(page, '#proseo-suggested');
  assert.ok(current.x > suggested.x, 'current text on the right, the suggestion on the left');
  assert.equal(await page.$eval('#proseo-suggested', (el) => getComputedStyle(el).direction), 'ltr', 'the English suggestion reads left-to-right');
  await shot(page, 'panel-rtl-ar.png');
  await page.click('#proseo-discard');
  await page.waitForSelector('#proseo-suggestion[hidden]', { state: 'attached' });
  await page.context().close();
});

test('an Arabic admin: the bulk page is right-to-left, with Arabic plurals and a left-pointing arrow', async () => {
  const page = await session('shopmanager', 'ar');
  await page.goto(`${WP}/wp-admin/edit.php?post_type=product&page=proseo-bulk`);
  const filter = async (name) => {
    const value = await page.locator('#proseo-filter-category option', { hasText: name }).getAttribute('value');
    await page.selectOption('#proseo-filter-category', value);
    await page.click('#proseo-filter-apply');
  };
  await filter(category22);
  // 22 takes Arabic's 11–99 form (منتجًا).
  await page.waitForFunction(() => document.querySelector('#proseo-page-info').textContent === 'الصفحة 1 من 2 (22 منتجًا)');
  const prev = await box(page, '#proseo-prev');
  const next = await box(page, '#proseo-next');
  assert.ok(prev.x > next.x, 'previous page on the right');
  const checkColumn = await box(page, '#proseo-products thead .check-column');
  const nameColumn = await box(page, '#proseo-products thead th');
  assert.ok(checkColumn.x > nameColumn.x, 'the checkbox column on the right');

  await filter(category3);
  await page.waitForFunction(() => document.querySelector('#proseo-page-info').textContent === 'الصفحة 1 من 1 (3 منتجات)');
  await page.click('#proseo-select-all');
  await page.waitForFunction(() => document.querySelector('#proseo-create-job').textContent === 'إنشاء أوصاف لـ 3 منتجات');
  await page.click('#proseo-create-job');
  await page.waitForSelector('#proseo-job:not([hidden])');
  await page.waitForFunction(() => document.querySelector('#proseo-job').dataset.progress === '100', null, { timeout: 120000 });
  assert.equal(await page.textContent('#proseo-progress-text'), '100٪');
  await page.waitForSelector('#proseo-review:not([hidden])');
  assert.equal(await page.locator('#proseo-items tbody tr').count(), 3);
  const change = await page.evaluate(() => {
    const cell = document.querySelector('#proseo-items .proseo-score-change');
    const text = cell.firstChild;
    const [first, , last] = text.textContent.split(' ');
    const at = (start, end) => {
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, end);
      return range.getBoundingClientRect().x;
    };
    const length = text.textContent.length;
    return { text: text.textContent, beforeX: at(0, first.length), afterX: at(length - last.length, length) };
  });
  assert.match(change.text, /^(–|\d+) ← (–|\d+)$/);
  assert.ok(change.beforeX > change.afterX, `the old score on the right, the arrow pointing to the new one: ${JSON.stringify(change)}`);
  const statuses = await page.locator('#proseo-items .proseo-item-status').allTextContents();
  for (const status of statuses) assert.doesNotMatch(status, /^[a-z]+$/, 'statuses are translated');
  await shot(page, 'bulk-rtl-ar.png');
  await page.context().close();
});

test('a Hebrew admin: the settings page is right-to-left with translated choices', async () => {
  const page = await session('admin', 'he_IL');
  await page.goto(`${WP}/wp-admin/options-general.php?page=proseo`);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal((await page.textContent('.proseo-settings h1')).trim(), 'הגדרות proseo');
  const th = await box(page, 'label[for="proseo-tone"]');
  const select = await box(page, '#proseo-tone');
  assert.ok(th.x > select.x, 'labels on the right of their fields');
  assert.equal(await page.textContent('#proseo-tone option[value="professional"]'), 'מקצועי');
  await page.click('#proseo-test-connection');
  await page.waitForSelector('#proseo-test-result.proseo-ok');
  assert.match(await page.textContent('#proseo-test-result'), /^מחובר \(\d+ אלפיות שנייה\)/);
  await shot(page, 'settings-rtl-he.png');
  await page.context().close();
});

test('with WPML, the panel analyzes a French product in French', async () => {
  php('multilingual', 'wpml');
  const [id] = php('products', '1', 'WPML');
  php('language', String(id), 'fr');
  const page = await session('shopmanager', 'pl_PL');
  await page.goto(`${WP}/wp-admin/post.php?post=${id}&action=edit`);
  await page.waitForSelector('#proseo-root[data-scored]');
  assert.equal(await page.getAttribute('#proseo-root', 'data-locale'), 'fr_FR');
  assert.equal(await page.evaluate(() => window.proseoTimings.at(-1).locale), 'fr_FR', 'scored with the French locale');
  // French's own data (word lists, passive forms) is registered before the panel scores: no
  // check waits for it.
  const checks = await page.textContent('#proseo-readability-checks');
  assert.ok(!/not loaded/.test(checks), checks);
  assert.match(checks, /transition/i, 'the transition-word check ran in French');
  assert.match(await page.textContent('#proseo-language'), /^Język analizy: francuski/);
  php('multilingual', '');
  await page.context().close();
  assert.deepEqual(errors, [], 'no script errors');
});
