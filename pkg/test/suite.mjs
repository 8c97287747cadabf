// The package's shared test suite: every export, with real inputs. Environment-neutral (no Node
// APIs): each environment's runner imports its two entries (`proseo` and `proseo/prompt`),
// initializes them and calls
//
//   run(combine(proseo, prompt), { test, assert, parity })
//
// `test(name, fn)` and `assert` (node:assert/strict's API: ok, equal, deepEqual, match, throws)
// come from the runner; `parity` is optional: the contents of pkg/build/parity.json, written by
// the native core (crates/wasm/src/bin/gen-pkg-data.rs), to compare with byte for byte.

/** A product the offline writer and the validators accept. */
export const SAMPLE_PRODUCT = {
  name: 'Ceramic Mug',
  sku: 'MUG-1',
  gtin: '4006381333931',
  brand: 'Northwind',
  regular_price: '12.50',
  sale_price: 9.99,
  currency: 'EUR',
  categories: ['Kitchen > Mugs'],
  tags: ['coffee'],
  features: ['Holds 350 ml', 'Dishwasher safe', 'Glazed stoneware'],
  attributes: [{ name: 'Color', values: ['Blue', 'White'], visible: true, variation: true }],
  images: [{ src: 'https://shop.example/mug.jpg' }, { src: 'https://shop.example/mug-2.jpg' }],
  variants: [{ sku: 'MUG-1-B', attributes: [{ name: 'Color', value: 'Blue' }] }],
  url: 'https://shop.example/p/ceramic-mug',
  language: 'en',
};

/**
 * An HTML description with emoji (surrogate pairs, a skin-tone modifier, a flag), CJK and a
 * combining mark before the keyphrase, so UTF-8, UTF-16 and char offsets all differ.
 */
export const UNICODE_INPUT = {
  content:
    '<p>😀 Our ceramic mug 日本製 holds café au lait (cafe\u0301). The ceramic mug is 👍🏽 great.</p>' +
    '<h2>Why a ceramic mug</h2><p>Our ceramic mug keeps heat. 中文字符在这里。</p>',
  keyphrase: 'ceramic mug',
  title: '😀 Ceramic Mug – cafe\u0301',
  meta_description: 'Cafe\u0301 🇫🇷 lovers: a ceramic mug for every morning.',
  slug: 'ceramic-mug',
  locale: 'en_US',
};

function codeOf(assert, fn) {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof Error, `threw a non-Error: ${err}`);
    assert.equal(typeof err.code, 'string', 'Error without a code');
    return err;
  }
  assert.fail('expected an Error');
  return undefined;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** What each entry exports (functions), in order. */
export const EXPORTS = {
  proseo: ['analyze', 'channels', 'init', 'loadLanguage', 'sanitizeHtml', 'validateContent', 'validateProduct', 'version'],
  // registerLanguageData is the entries' own business (lang/*.js), not part of the API.
  prompt: [
    'buildPrompt',
    'checkDuplicate',
    'contentSignature',
    'exportFeed',
    'init',
    'jsonLd',
    'nearDuplicates',
    'parseCompletion',
    'renderPrompt',
    'sanitizeContent',
    'scoreGenerated',
    'templates',
    'version',
    'write',
  ],
};

/**
 * One object with both entries' functions, for the suite: `init()` initializes both,
 * `entries` keeps the two namespaces.
 */
export function combine(proseo, prompt) {
  return {
    ...prompt,
    ...proseo,
    init: async () => {
      await proseo.init();
      await prompt.init();
    },
    entries: { proseo, prompt },
  };
}

export function run(api, { test, assert, parity }) {
  test('each entry exports its API, and nothing else', () => {
    for (const [entry, names] of Object.entries(EXPORTS)) {
      const ns = api.entries[entry];
      assert.deepEqual(Object.keys(ns).filter((k) => k !== 'default').sort(), names, entry);
      for (const name of names) assert.equal(typeof ns[name], 'function', `${entry}: ${name}`);
    }
  });

  test('init() resolves once initialized', async () => {
    await api.init();
    await api.init();
    await api.entries.proseo.init();
    await api.entries.prompt.init();
  });

  test('version() is semver, the same in both modules', () => {
    assert.match(api.version(), /^\d+\.\d+\.\d+/);
    assert.equal(api.entries.prompt.version(), api.entries.proseo.version());
  });

  test('analyze(): plain objects, both sections, stats', () => {
    const a = api.analyze(UNICODE_INPUT);
    assert.equal(Object.getPrototypeOf(a), Object.prototype);
    assert.equal(a.language, 'en');
    assert.equal(a.profile, 'product');
    for (const section of [a.seo, a.readability]) {
      assert.ok(section.score >= 0 && section.score <= 100);
      assert.ok(['bad', 'ok', 'good', 'na'].includes(section.rating));
      assert.ok(Array.isArray(section.checks) && section.checks.length > 0);
      assert.equal(section.checks_total, section.checks.length);
      assert.equal(section.checks_run, section.checks.filter((c) => c.rating !== 'na').length);
      for (const c of section.checks) {
        assert.ok(['bad', 'ok', 'good', 'feedback', 'na'].includes(c.rating), c.id);
        assert.ok(['yoast', 'proseo'].includes(c.origin), c.id);
        assert.ok(Number.isInteger(c.score) && c.score <= 9, c.id);
        if (c.rating === 'na') assert.ok(c.message.length > 0, `${c.id}: na without a reason`);
      }
    }
    assert.ok(a.stats.words > 10);
    assert.ok(a.stats.keyphrase_count >= 3);
  });

  test('analyze(): highlights slice JS strings with start_utf16/end_utf16', () => {
    const a = api.analyze(UNICODE_INPUT);
    const all = [...a.seo.checks, ...a.readability.checks].flatMap((c) =>
      c.highlights.map((h) => ({ id: c.id, ...h })),
    );
    assert.ok(all.length >= 4, 'expected highlights');
    for (const h of all) {
      const field = UNICODE_INPUT[h.field];
      const js = field.slice(h.start_utf16, h.end_utf16);
      // The UTF-8 offsets name the same text.
      const bytes = utf8.encode(field).slice(h.start, h.end);
      assert.equal(fromUtf8.decode(bytes), js, `${h.id}: UTF-8 and UTF-16 ranges differ`);
    }
    const find = (id, field) => all.filter((h) => h.id === id && h.field === field);
    const sub = find('keyphrase_in_subheadings', 'content');
    assert.equal(sub.length, 1);
    assert.equal(UNICODE_INPUT.content.slice(sub[0].start_utf16, sub[0].end_utf16), 'Why a ceramic mug');
    assert.ok(sub[0].start > sub[0].start_utf16, 'UTF-8 offset should be past the UTF-16 one');
    const title = find('keyphrase_in_title', 'title').map((h) =>
      UNICODE_INPUT.title.slice(h.start_utf16, h.end_utf16),
    );
    assert.deepEqual(title, ['Ceramic', 'Mug']);
    const meta = find('keyphrase_in_meta_description', 'meta_description').map((h) =>
      UNICODE_INPUT.meta_description.slice(h.start_utf16, h.end_utf16),
    );
    assert.deepEqual(meta, ['ceramic', 'mug']);
    const intro = find('keyphrase_in_introduction', 'content');
    assert.equal(intro.length, 1);
    const introText = UNICODE_INPUT.content.slice(intro[0].start_utf16, intro[0].end_utf16);
    assert.ok(introText.startsWith('😀 Our ceramic mug 日本製'), introText);
    assert.ok(introText.includes('cafe\u0301'), 'the combining mark stays inside the range');
  });

  test('analyze(): Chinese is measured in characters; word checks are na with the reason', async () => {
    // Browsers fetch a language's data on demand: preload it, as the README shows.
    await api.loadLanguage('zh_CN');
    const a = api.analyze({ content: '<p>这款羊毛毛衣柔软舒适，非常适合寒冷的冬天。</p>', keyphrase: '羊毛毛衣', locale: 'zh_CN' });
    assert.equal(a.language, 'zh');
    assert.equal(a.stats.words, 0);
    assert.equal(a.stats.characters, 19);
    assert.equal(a.stats.keyphrase_count, 1);
    const check = (id) => [...a.seo.checks, ...a.readability.checks].find((c) => c.id === id);
    assert.match(check('text_length').message, /19 characters/);
    assert.equal(check('flesch_reading_ease').rating, 'na');
    assert.equal(check('keyphrase_density').rating, 'na');
    assert.match(check('keyphrase_density').message, /segmenter/);
    assert.equal(check('sentence_length').rating, 'good');
    assert.ok(a.readability.rating !== 'na');
    assert.ok(a.readability.checks_run < a.readability.checks_total);
  });

  test('analyze(): a language without readability data is na, never good', () => {
    const a = api.analyze({
      content: '<p>Bu yün çoraplar ayaklarınızı sıcak tutar. Yumuşak ve dayanıklıdırlar.</p>',
      keyphrase: 'yün çorap',
      locale: 'tr_TR',
    });
    assert.equal(a.language, 'other');
    assert.equal(a.readability.rating, 'na');
    assert.match(a.readability.reason, /not supported/i);
    const passive = a.readability.checks.find((c) => c.id === 'passive_voice');
    assert.equal(passive.rating, 'na');
    assert.match(passive.message, /not supported/i);
  });

  test('validateProduct(): issue codes', () => {
    const r = api.validateProduct({ name: '', regular_price: -1, currency: 'EURO', gtin: '123' });
    const codes = r.issues.map((i) => i.code);
    for (const c of ['name_required', 'price_negative', 'currency_invalid', 'gtin_invalid']) {
      assert.ok(codes.includes(c), `${c} missing from ${codes}`);
    }
    assert.deepEqual(r.issues.find((i) => i.code === 'name_required'), {
      path: '/name',
      code: 'name_required',
      severity: 'error',
      message: r.issues.find((i) => i.code === 'name_required').message,
    });
    assert.deepEqual(api.validateProduct(SAMPLE_PRODUCT).issues.filter((i) => i.severity === 'error'), []);
  });

  test('validateContent(): channel rules, default channel, unknown channel', () => {
    const content = {
      description: '<p>A sturdy mug.</p><script>x()</script>',
      seo_title: '',
      bullets: ['a', 'b', 'c', 'd', 'e', 'f'],
    };
    const woo = api.validateContent(content).issues.map((i) => i.code);
    assert.ok(woo.includes('unsafe_html'), woo.join());
    assert.ok(woo.includes('seo_title_empty'), woo.join());
    const amazon = api.validateContent(content, 'AMAZON').issues.map((i) => i.code);
    assert.ok(amazon.includes('html_not_allowed'), amazon.join());
    assert.ok(amazon.includes('bullets_too_many'), amazon.join());
    assert.ok(amazon.includes('title_empty'), amazon.join());
    const err = codeOf(assert, () => api.validateContent(content, 'etsy'));
    assert.equal(err.code, 'invalid_input');
    assert.equal(err.details.argument, 'channel');
  });

  test('sanitizeHtml(): removes <script> and event handlers', () => {
    const s = api.sanitizeHtml('<p>Hi<script>alert(1)</script> <b onclick="x()">there</b></p>');
    assert.equal(s.html, '<p>Hi <b>there</b></p>');
    assert.deepEqual(s.removed.map((r) => r.what), ['script', 'onclick attribute']);
    assert.deepEqual([s.removed[0].start, s.removed[0].end], [5, 30]);
  });

  test('sanitizeContent(): publishable fields, unsafe markup flagged', () => {
    const raw = {
      description: '<p>Mug</p><img src=x onerror=alert(1)>',
      seo_title: '<b>Mug</b> | Shop',
      bullets: ['Safe &amp; sound'],
    };
    const s = api.sanitizeContent(raw);
    assert.equal(s.content.description, '<p>Mug</p>');
    assert.equal(s.content.seo_title, 'Mug | Shop');
    assert.deepEqual(s.content.bullets, ['Safe & sound']);
    assert.equal(s.unsafe_removed, true);
    assert.equal(s.changed, true);
    assert.ok(api.validateContent(raw).issues.some((i) => i.code === 'unsafe_html'));
    const again = api.sanitizeContent(s.content);
    assert.equal(again.unsafe_removed, false);
    assert.equal(again.changed, false);
  });

  test('renderPrompt(): variables, strict undefined with line', () => {
    assert.equal(api.renderPrompt('Hello {{ name }}!', { name: 'Mug' }), 'Hello Mug!');
    assert.equal(api.renderPrompt('{% for f in fs %}[{{ f }}]{% endfor %}', { fs: ['a', 'b'] }), '[a][b]');
    assert.equal(api.renderPrompt('static'), 'static');
    const err = codeOf(assert, () => api.renderPrompt('line one\n{{ product.nme }}', { product: { name: 'x' } }));
    assert.equal(err.code, 'template_unknown_variable');
    assert.equal(err.line, 2);
    assert.equal(typeof err.column, 'number');
    assert.equal(err.details.code, 'template_unknown_variable');
    assert.match(err.message, /nme/);
    assert.equal(codeOf(assert, () => api.renderPrompt('{% if %}')).code, 'template_syntax');
  });

  test('buildPrompt(): system, user, schema; unknown template', () => {
    const p = api.buildPrompt(SAMPLE_PRODUCT, { template: 'seo_title', voice: { tone: 'friendly' } });
    assert.equal(p.template, 'seo_title');
    assert.ok(p.system.length > 0 && p.user.includes('Ceramic Mug'));
    assert.equal(p.schema.type, 'object');
    assert.ok(p.schema.required.includes('seo_title'));
    assert.ok(p.estimated_tokens > 0);
    const custom = api.buildPrompt(SAMPLE_PRODUCT, { template: { custom: 'Write about {{ product.name }}.' } });
    assert.equal(custom.template, 'custom');
    assert.match(custom.user, /Write about Ceramic Mug\./);
    const err = codeOf(assert, () => api.buildPrompt(SAMPLE_PRODUCT, { template: 'nope' }));
    assert.equal(err.code, 'template_unknown');
  });

  test('parseCompletion(): repairs a fenced answer with prose and a trailing comma', () => {
    const c = api.parseCompletion(
      'Sure! Here it is:\n```json\n{"seo_title": "Ceramic Mug", "description": "<p>Hi</p>", "bullets": ["a",],}\n```\nEnjoy.',
    );
    assert.equal(c.seo_title, 'Ceramic Mug');
    assert.equal(c.description, '<p>Hi</p>');
    assert.deepEqual(c.bullets, ['a']);
    assert.deepEqual(c.repairs, ['code_fence', 'surrounding_prose', 'trailing_comma']);
    assert.equal(codeOf(assert, () => api.parseCompletion('no json here')).code, 'completion_no_json');
    assert.equal(codeOf(assert, () => api.parseCompletion('   ')).code, 'completion_empty');
    const schema = codeOf(assert, () => api.parseCompletion('{"bullets": [1]}'));
    assert.equal(schema.code, 'completion_schema');
    assert.equal(schema.path, '/bullets/0');
    const bad = codeOf(assert, () => api.parseCompletion('{"seo_title": "x"\n"slug": }'));
    assert.equal(bad.code, 'completion_invalid_json');
    assert.equal(bad.line, 2);
  });

  test('channels() and templates(): the core tables', () => {
    const ch = api.channels();
    assert.deepEqual(ch.map((c) => c.id), ['woocommerce', 'amazon', 'ebay', 'kaufland', 'allegro']);
    assert.equal(ch.find((c) => c.id === 'amazon').html_allowed, false);
    assert.ok('short_description_max_chars' in ch[0], 'None is null, not missing');
    const t = api.templates();
    assert.ok(t.map((x) => x.name).includes('long_description'));
    for (const x of t) {
      assert.equal(typeof x.description, 'string');
      assert.ok(Array.isArray(x.output_fields));
      assert.equal(x.source, undefined);
    }
  });

  test('write(): offline content that validates and scores', () => {
    const content = api.write(SAMPLE_PRODUCT, { keyphrase: 'ceramic mug' });
    for (const f of ['description', 'short_description', 'seo_title', 'meta_description', 'slug']) {
      assert.ok(content[f].length > 0, f);
    }
    assert.equal(content.image_alt.length, SAMPLE_PRODUCT.images.length);
    const report = api.validateContent(content, 'woocommerce');
    assert.deepEqual(report.issues.filter((i) => i.severity === 'error'), []);
    const a = api.analyze({
      content: content.description,
      title: content.seo_title,
      meta_description: content.meta_description,
      slug: content.slug,
      keyphrase: 'ceramic mug',
    });
    assert.ok(a.seo.score > 0);
    // Deterministic.
    assert.deepEqual(api.write(SAMPLE_PRODUCT, { keyphrase: 'ceramic mug' }), content);
    assert.equal(codeOf(assert, () => api.write({ name: 'Tasse' }, { language: 'ja' })).code, 'writer_unsupported_language');
    assert.equal(codeOf(assert, () => api.write({ name: '  ' })).code, 'writer_missing_name');
  });

  test('exportFeed(): every format, rows that break a rule left out, formula-safe cells', () => {
    const content = api.write(SAMPLE_PRODUCT, { keyphrase: 'ceramic mug' });
    const item = { product: SAMPLE_PRODUCT, content, quantity: 3 };
    const options = { category: '1234', locale: 'de-DE' };
    for (const format of ['woocommerce', 'amazon', 'ebay', 'kaufland', 'allegro', 'jsonld']) {
      const feed = api.exportFeed(format, [item], options);
      assert.equal(feed.format, format);
      assert.equal(feed.rows, 1, `${format}: ${JSON.stringify(feed.report)}`);
      assert.equal(feed.skipped, 0, format);
      assert.ok(feed.body.length > 100, format);
      assert.ok(feed.media_type.length > 0 && feed.file_extension.length > 0, format);
    }
    // A title too long for Allegro (75 characters) is not cut: the row is left out.
    const long = { ...item, content: { ...content, title: 'A'.repeat(76) } };
    const feed = api.exportFeed('allegro', [item, long], options);
    assert.equal(feed.rows, 1);
    assert.equal(feed.skipped, 1);
    assert.ok(feed.report.issues.some((i) => i.code === 'title_too_long' && i.path === '/items/1/content/title'));
    const err = codeOf(assert, () => api.exportFeed('allegro', [long], { ...options, on_invalid: 'refuse' }));
    assert.equal(err.code, 'export_rows_invalid');
    assert.equal(err.details.invalid, 1);
    assert.equal(codeOf(assert, () => api.exportFeed('etsy', [])).code, 'export_format_unknown');
    assert.equal(codeOf(assert, () => api.exportFeed('amazon', [], { currency: 'EURO' })).code, 'export_options_invalid');
    assert.equal(codeOf(assert, () => api.exportFeed('amazon', [{ product: 5 }])).code, 'invalid_input');
    // A cell that starts like a formula gets a leading '.
    const formula = { ...item, product: { ...SAMPLE_PRODUCT, sku: '=1+1' } };
    const csv = api.exportFeed('woocommerce', [formula], options).body;
    assert.ok(csv.includes(",'=1+1,"), csv.slice(0, 300));
  });

  test('jsonLd(): a Product with its offer, checks, a script tag that stays closed', () => {
    const j = api.jsonLd(SAMPLE_PRODUCT, { description: '<p>Type &lt;/script&gt; here.</p>' });
    assert.equal(j.json_ld['@type'], 'Product');
    assert.equal(j.json_ld.offers.price, '9.99');
    assert.equal(j.json_ld.gtin13, SAMPLE_PRODUCT.gtin);
    assert.equal(j.eligible, true);
    assert.equal(j.json_ld.description, 'Type </script> here.');
    const bare = api.jsonLd({ name: 'Mug' });
    assert.equal(bare.eligible, false);
    const codes = bare.checks.issues.map((i) => i.code);
    assert.ok(codes.includes('jsonld_offer_missing') && codes.includes('jsonld_image_missing'), codes.join());
  });

  test('contentSignature(), nearDuplicates(), checkDuplicate()', () => {
    const text = '<p>The same long description of a very fine ceramic mug for every morning coffee.</p>';
    const sig = api.contentSignature(text);
    assert.equal(typeof sig, 'string');
    assert.equal(sig.length, 346);
    assert.match(sig, /^mh1\.[A-Za-z0-9_-]{342}$/);
    assert.equal(api.contentSignature('<p></p>'), 'mh1.');
    const other = api.contentSignature('<p>A sturdy oak table that seats eight people for long dinners.</p>');
    const catalog = [
      { id: 'a', signature: sig },
      { id: 'b', signature: sig },
      { id: 'c', signature: other },
    ];
    const d = api.nearDuplicates(catalog);
    assert.equal(d.pairs_total, 1);
    assert.deepEqual([d.pairs[0].a, d.pairs[0].b, d.pairs[0].similarity], ['a', 'b', 1]);
    assert.equal(d.threshold, 0.5);
    const check = api.checkDuplicate('c', other, catalog);
    assert.equal(check.duplicate, false);
    assert.equal(check.code, 'near_duplicate_content');
    assert.equal(api.checkDuplicate('a', sig, catalog).similar_total, 1);
    assert.equal(codeOf(assert, () => api.nearDuplicates(catalog, 2)).code, 'invalid_input');
    assert.equal(codeOf(assert, () => api.nearDuplicates([{ id: 'x', signature: 'nope' }])).code, 'invalid_input');
  });

  test('bad input throws invalid_input with a path', () => {
    for (const call of [
      () => api.analyze('x'),
      () => api.analyze(),
      () => api.analyze({ content: 5 }),
      () => api.validateProduct(null),
      () => api.sanitizeHtml(42),
      () => api.sanitizeContent({ bullets: 'x' }),
      () => api.renderPrompt(undefined, {}),
      () => api.parseCompletion({}),
      () => api.write({ name: 'x' }, { target_words: -3 }),
    ]) {
      assert.equal(codeOf(assert, call).code, 'invalid_input', String(call));
    }
    const err = codeOf(assert, () => api.validateProduct({ name: 'x', attributes: [{ name: 1 }] }));
    assert.deepEqual(
      { argument: err.details.argument, path: err.details.path },
      { argument: 'product', path: '/attributes/0/name' },
    );
    assert.match(err.details.message, /expected a string/);
    assert.equal(codeOf(assert, () => api.analyze({ synonyms: 5 })).details.path, '/synonyms');
    const path = (call) => codeOf(assert, call).details.path;
    assert.equal(path(() => api.validateProduct({ name: 'x', variants: [{}, { sku: 1 }] })), '/variants/1/sku');
    assert.equal(path(() => api.validateProduct({ name: 'x', regular_price: {} })), '/regular_price');
    assert.equal(path(() => api.analyze({ profile: 'blog' })), '/profile');
    assert.equal(path(() => api.write({ name: 'x' }, { target_words: -3 })), '/target_words');
    assert.equal(path(() => api.analyze(['x'])), '');
  });

  test('arguments are read as JSON: undefined properties are absent', () => {
    const a = api.analyze({ content: '<p>Our ceramic mug.</p>', keyphrase: 'ceramic mug', title: undefined });
    assert.deepEqual(a, api.analyze({ content: '<p>Our ceramic mug.</p>', keyphrase: 'ceramic mug' }));
    assert.equal(codeOf(assert, () => api.analyze({ content: 1n })).code, 'invalid_input');
  });

  test('analyze(): the description passed as its own string gives what its JSON gives', () => {
    // A plain object's own string `content` goes in as a string of its own; a getter, a
    // toJSON() or lone surrogates take the JSON path. Both must answer alike.
    const input = { ...UNICODE_INPUT, keyphrase: 'merino socks', synonyms: ['wool socks'] };
    const viaGetter = Object.defineProperty({ ...input, content: undefined }, 'content', {
      get: () => input.content,
      enumerable: true,
    });
    const viaToJSON = { toJSON: () => input };
    const fast = JSON.stringify(api.analyze(input));
    assert.equal(JSON.stringify(api.analyze(viaGetter)), fast);
    assert.equal(JSON.stringify(api.analyze(viaToJSON)), fast);
    assert.equal(codeOf(assert, () => api.analyze({ content: '<p>a\ud800b</p>' })).code, 'invalid_input');
    const path = (call) => codeOf(assert, call).details.path;
    assert.equal(path(() => api.analyze({ content: '<p>x</p>', synonyms: 5 })), '/synonyms');
    assert.equal(path(() => api.analyze({ content: '<p>x</p>', profile: 'blog' })), '/profile');
    // Errors read the same whichever path the input takes (no place in the internal JSON).
    const bad = { content: '<p>Merino socks are warm.</p>', title: 'Socks \ud83d' };
    const viaJSON = { toJSON: () => bad };
    assert.deepEqual(codeOf(assert, () => api.analyze(bad)).details, codeOf(assert, () => api.analyze(viaJSON)).details);
    assert.ok(!/line|column/.test(codeOf(assert, () => api.analyze(bad)).message));
    // Not plain objects, and properties that throw, take the JSON path and its errors.
    const boxed = Object.assign(new String('x'), { content: '<p>Hi there.</p>' });
    assert.equal(codeOf(assert, () => api.analyze(boxed)).code, 'invalid_input');
    const throwing = {
      content: '<p>x</p>',
      get title() {
        throw new Error('boom');
      },
    };
    assert.equal(codeOf(assert, () => api.analyze(throwing)).code, 'invalid_input');
  });

  test('loadLanguage(): a language\'s own checks run once its data is loaded', async () => {
    await api.loadLanguage('es_ES', 'he');
    const a = api.analyze({
      content: '<p>La taza es de cerámica. Sin embargo, es ligera. Además, es bonita.</p>',
      keyphrase: 'taza de cerámica',
      locale: 'es_ES',
    });
    assert.equal(a.language, 'es');
    const check = (id) => a.readability.checks.find((c) => c.id === id);
    assert.equal(check('transition_words').rating, 'good');
    assert.ok(check('passive_voice').rating !== 'na');
    assert.equal(a.seo.checks.find((c) => c.id === 'keyphrase_length').message.includes('content word'), true);
    const he = api.analyze({ content: '<p>סוודר מצמר טהור. הצמר רך.</p>', keyphrase: 'צמר', locale: 'he_IL' });
    assert.equal(he.stats.keyphrase_count, 2, 'מצמר and הצמר hold צמר');
    await api.loadLanguage('all');
  });

  if (parity) {
    test('parity: analyze fixtures equal the native core byte for byte', async () => {
      await api.loadLanguage('all');
      assert.ok(parity.analyze.length >= 10);
      for (const f of parity.analyze) {
        assert.equal(JSON.stringify(api.analyze(f.input)), f.expected, f.name);
      }
    });

    test('parity: validate fixtures equal the native core byte for byte', () => {
      assert.ok(parity.validate.length >= 5);
      for (const f of parity.validate) {
        const report =
          f.kind === 'content'
            ? api.validateContent(f.input, f.channel ?? undefined)
            : api.validateProduct(f.input);
        assert.equal(JSON.stringify(report), f.expected, f.name);
      }
    });

    test('parity: completion fixtures (results and error forms) equal the native core', () => {
      assert.ok(parity.completions.length >= 5);
      for (const f of parity.completions) {
        let got;
        try {
          got = JSON.stringify(api.parseCompletion(f.text));
          assert.equal(f.error, false, `${f.name}: expected an error`);
        } catch (err) {
          if (err?.code === 'ERR_ASSERTION') throw err;
          assert.equal(f.error, true, `${f.name}: unexpected ${err?.code}`);
          got = JSON.stringify(err.details);
        }
        assert.equal(got, f.expected, f.name);
      }
    });

    test('parity: scoreGenerated() scores generated content as the native core (CLI, edge API) does', () => {
      assert.ok(parity.generated.length >= 5);
      for (const f of parity.generated) {
        assert.equal(JSON.stringify(api.scoreGenerated(f.product, f.content, f.options)), f.expected, f.name);
      }
    });

    test('parity: the offline writer writes es, de, fr, it, pt, nl and pl as the native core does', () => {
      assert.equal(parity.written.length, 14);
      const languages = new Set();
      for (const f of parity.written) {
        assert.equal(JSON.stringify(api.write(f.product, f.options)), f.expected, f.name);
        languages.add(f.language);
      }
      assert.equal(languages.size, 7);
    });

    test('parity: every feed equals the native core (CLI, edge API) byte for byte', () => {
      assert.equal(parity.exports.length, 12);
      for (const f of parity.exports) {
        assert.equal(JSON.stringify(api.exportFeed(f.format, f.items, f.options)), f.expected, f.name);
      }
    });

    test('parity: JSON-LD, signatures and near-duplicates equal the native core', () => {
      let products = 0;
      for (const f of parity.signatures) {
        if (f.catalog) {
          assert.equal(JSON.stringify(api.nearDuplicates(f.catalog)), f.duplicates);
          assert.equal(JSON.stringify(api.nearDuplicates(f.catalog, 0.1)), f.duplicates_at_0_1);
          continue;
        }
        products += 1;
        assert.equal(api.contentSignature(f.html), f.signature, f.name);
        assert.equal(JSON.stringify(api.jsonLd(f.product, f.content)), f.json_ld, f.name);
      }
      assert.equal(products, 18);
    });

    test('parity: channels() and templates() equal the native core', () => {
      assert.equal(JSON.stringify(api.channels()), parity.channels);
      assert.equal(JSON.stringify(api.templates()), parity.templates);
    });
  }
}
