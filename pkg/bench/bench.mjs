#!/usr/bin/env node
// Benchmark: proseo's analyze() (this package, WebAssembly in Node) against the `yoastseo` npm
// package, in one Node process, on the same texts: the benchmark corpus shared with the
// criterion benchmarks (crates/core/benches/corpus.json, from scripts/gen-bench-corpus.py):
// product copy of 300 and 1,000 words in ASCII and with real-world typography (’ “ ” – — … and
// no-break spaces), product copy in Spanish, German and French, and a long-form buying guide with
// two tables, lists and 81 links.
//
//   npm --prefix pkg run bench             # BENCH_ITERATIONS=N to change the timed runs (default 40)
//
// proseo's figures are the scoring .wasm as `npm --prefix pkg run build` makes it (proseo-core and
// proseo-wasm at opt-level 2; what other builds cost and gain: docs/architecture.md, "The npm
// package's size and speed"). A benchmark, not a test: it asserts nothing about timing. Results →
// pkg/bench/results.json.
// Prints, per text, both medians and yoastseo / proseo, then the geometric mean of the ratios.
//
// yoastseo (GPL-3.0; a devDependency used here and in the oracle test only, never shipped in the
// package) runs the way its own AnalysisWebWorker runs one analysis: one Researcher per language
// and the assessors created once; per analysis a new Paper, researcher.setPaper(), the parsed
// tree (parse/build with the LanguageProcessor), the SEO and readability assessors of the text's
// kind (the product-page ones, with the assessments the Yoast WooCommerce SEO plugin adds, for
// product copy; the post ones for the guide), and both overall scores. The scores and ratings it
// prints beside proseo's are Yoast's as the differential oracle runs it (untimed, once per text;
// see `judged`), with the per-assessment agreement and any rating that differs.
//
// yoastseo memoizes work per text (sentence tokenizing, HTML blocks, syllables); proseo caches
// nothing. So each figure analyzes a different text every iteration (the first paragraph ends in a
// short unique reference, "Ref 17a.", in both engines' input) — a batch of different products.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, cpus, platform } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as proseo from 'proseo';
import { analyzeWithYoast, YOAST_ID } from '../test/oracle/yoast.mjs';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const root = join(pkgDir, '..');
const require = createRequire(join(pkgDir, 'package.json'));
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40);
const WARMUP = Math.max(5, Math.round(ITERATIONS / 4));

const corpus = JSON.parse(readFileSync(join(root, 'crates', 'core', 'benches', 'corpus.json'), 'utf8'));

/** `input` with a unique reference at the end of its first paragraph. */
function variant(input, tag) {
  return { ...input, content: input.content.replace('</p>', ` Ref ${tag}.</p>`) };
}

// --- yoastseo ---------------------------------------------------------------------------------

const yoast = require('yoastseo');
const yoastVersion = require('yoastseo/package.json').version;
const LanguageProcessor = require('yoastseo/build/parse/language/LanguageProcessor.js').default;
const { build } = require('yoastseo/build/parse/build/index.js');
const { SEOAssessor, ContentAssessor, ProductSEOAssessor, ProductContentAssessor } = yoast.assessors;
const { ImageAltTagsAssessment, ProductSKUAssessment, ProductIdentifiersAssessment } = yoast.assessments.seo;
const { ListAssessment } = yoast.assessments.readability;
const researchers = {
  en: require('yoastseo/build/languageProcessing/languages/en/Researcher.js').default,
  es: require('yoastseo/build/languageProcessing/languages/es/Researcher.js').default,
  de: require('yoastseo/build/languageProcessing/languages/de/Researcher.js').default,
  fr: require('yoastseo/build/languageProcessing/languages/fr/Researcher.js').default,
};

const CUSTOM_DATA = {
  productType: 'variable',
  hasVariants: true,
  hasGlobalSKU: true,
  hasGlobalIdentifier: true,
  doAllVariantsHaveSKU: true,
  doAllVariantsHaveIdentifier: true,
  canRetrieveGlobalSku: true,
  canRetrieveVariantSkus: true,
  canRetrieveGlobalIdentifier: true,
  canRetrieveVariantIdentifiers: true,
};

/** An analyzer for texts of one language and kind, its researcher and assessors made once. */
function yoastAnalyzer(language, profile) {
  const researcher = new researchers[language](new yoast.Paper(''));
  let seo;
  let content;
  if (profile === 'article') {
    seo = new SEOAssessor(researcher, {});
    content = new ContentAssessor(researcher, {});
  } else {
    seo = new ProductSEOAssessor(researcher, {});
    seo.addAssessment('imageAltTags', new ImageAltTagsAssessment());
    seo.addAssessment('productSKU', new ProductSKUAssessment({ assessVariants: true }));
    seo.addAssessment('productIdentifier', new ProductIdentifiersAssessment({ assessVariants: true }));
    content = new ProductContentAssessor(researcher, {});
    content.addAssessment('listsPresence', new ListAssessment());
  }
  return (input) => {
    const paper = new yoast.Paper(input.content, {
      keyword: input.keyphrase,
      synonyms: (input.synonyms ?? []).join(', '),
      title: input.title,
      titleWidth: 480, // browsers measure it; proseo computes it from glyph widths
      description: input.meta_description,
      slug: input.slug,
      locale: input.locale,
      permalink: `${input.site_url ?? 'https://shop.example'}/${input.slug}`,
      customData: CUSTOM_DATA,
    });
    researcher.setPaper(paper);
    paper.setTree(build(paper, new LanguageProcessor(researcher), []));
    seo.assess(paper);
    content.assess(paper);
    return {
      seo: seo.calculateOverallScore(),
      readability: content.calculateOverallScore(),
      checks: seo.getValidResults().length + content.getValidResults().length,
    };
  };
}

// --- timing -----------------------------------------------------------------------------------

/**
 * ms per analysis over at least ITERATIONS timed runs and 1 s: the median (the figure reported;
 * robust to other load on shared cores) and the mean.
 */
function time(fn, inputs) {
  const warmStart = performance.now();
  let n = 0;
  while (n < WARMUP || performance.now() - warmStart < 500) fn(inputs[n++ % inputs.length]);
  const samples = [];
  const timedStart = performance.now();
  for (let i = 0; i < ITERATIONS || performance.now() - timedStart < 1000; i++) {
    const input = inputs[(WARMUP + i) % inputs.length];
    const started = performance.now();
    fn(input);
    samples.push(performance.now() - started);
  }
  return {
    median: round(median(samples), 4),
    mean: round(samples.reduce((a, b) => a + b, 0) / samples.length, 4),
    runs: samples.length,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Cold start in a fresh Node process: import('proseo') (read + compile + instantiate), then the first analyze(). */
function coldStart(runs = 5) {
  const script = `
    const t0 = performance.now();
    const proseo = await import('proseo');
    const t1 = performance.now();
    proseo.analyze({ content: '<p>Our ceramic mug keeps coffee hot.</p>', keyphrase: 'ceramic mug' });
    const t2 = performance.now();
    console.log(JSON.stringify({ import_ms: t1 - t0, first_analyze_ms: t2 - t1 }));
  `;
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: pkgDir, encoding: 'utf8' });
    samples.push(JSON.parse(out));
  }
  return {
    runs,
    import_ms: round(median(samples.map((s) => s.import_ms))),
    first_analyze_ms: round(median(samples.map((s) => s.first_analyze_ms))),
  };
}

const round = (x, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * How proseo's ratings compare with Yoast's as the differential oracle runs it
 * (test/oracle/yoast.mjs: the product's data, proseo's title width, keyphrase distribution
 * registered as Premium registers it), by the oracle's rules: each check with a Yoast
 * counterpart, both `na` not counted. The timed analyzer above leaves those out (they cost
 * Yoast time that its free package does not spend), so its own scores are not the comparison.
 */
function judged(input, p, language) {
  const y = analyzeWithYoast(input, p.stats.title_width_px, language);
  const differ = [];
  let n = 0;
  for (const c of [...p.seo.checks, ...p.readability.checks]) {
    if (c.origin !== 'yoast') continue;
    const theirs = y.ratings[YOAST_ID[c.id]] ?? 'na';
    if (c.rating === 'na' && theirs === 'na') continue;
    n += 1;
    if (c.rating === theirs) continue;
    // proseo on purpose (docs/architecture.md, "Parity with Yoast SEO"; the oracle's pinned
    // fixture gallery-count-only): a known gallery size is the product's image count.
    const deliberate = c.id === 'image_count' && input.product?.image_count != null && !input.product?.images;
    differ.push(`${c.id}: proseo ${c.rating}, Yoast ${theirs}${deliberate ? ', on purpose: product.image_count' : ''}`);
  }
  return { seo: y.seo, readability: y.readability, ratings: `${n - differ.length}/${n}`, differ };
}
const words = (html) => html.replace(/<[^>]+>/g, ' ').split(/\s+/).filter(Boolean).length;

const results = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${platform()} ${arch()}`,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  proseo: proseo.version(),
  yoastseo: yoastVersion,
  iterations: ITERATIONS,
  warmup: WARMUP,
  wasm_bytes: readFileSync(join(pkgDir, 'dist', 'proseo_bg.wasm')).length,
  texts: [],
};

console.log(`proseo ${results.proseo} (wasm) vs yoastseo ${yoastVersion} — Node ${process.version}, ${results.cpu}`);
console.log(`per figure: the median of ≥ ${ITERATIONS} timed analyses (and ≥ 1 s) of distinct texts, after a warm-up\n`);
console.log(`${'text'.padEnd(26)} ${'words'.padStart(6)} ${'KB'.padStart(6)} ${'proseo ms'.padStart(10)} ${'µs/word'.padStart(8)} ${'yoastseo ms'.padStart(12)} ${'ratio'.padStart(8)}`);
const analyzers = new Map();
for (const { name, input } of corpus) {
  const language = input.locale.slice(0, 2);
  const profile = input.profile ?? 'product';
  const key = `${language}/${profile}`;
  if (!analyzers.has(key)) analyzers.set(key, yoastAnalyzer(language, profile));
  const yoastAnalyze = analyzers.get(key);
  const inputs = Array.from({ length: WARMUP + ITERATIONS }, (_, i) => variant(input, `${i}a`));
  const p = proseo.analyze(input);
  const y = yoastAnalyze(input);
  const row = {
    name,
    words: words(input.content),
    bytes: Buffer.byteLength(input.content),
    proseo: { ms: time(proseo.analyze, inputs), seo: p.seo.score, readability: p.readability.score },
    yoastseo: { ms: time(yoastAnalyze, inputs), seo: y.seo, readability: y.readability },
    yoast_as_oracle: judged(input, p, language),
  };
  row.us_per_word = round((row.proseo.ms.median * 1000) / row.words, 3);
  row.ratio = round(row.yoastseo.ms.median / row.proseo.ms.median, 1);
  results.texts.push(row);
  console.log(
    `${name.padEnd(26)} ${String(row.words).padStart(6)} ${(row.bytes / 1024).toFixed(1).padStart(6)} ` +
      `${row.proseo.ms.median.toFixed(4).padStart(10)} ${row.us_per_word.toFixed(3).padStart(8)} ` +
      `${row.yoastseo.ms.median.toFixed(2).padStart(12)} ${`${row.ratio}×`.padStart(8)}`,
  );
  const j = row.yoast_as_oracle;
  console.log(
    `${''.padEnd(26)} scores SEO ${row.proseo.seo}/${j.seo}, readability ${row.proseo.readability}/${j.readability} (proseo/Yoast); ` +
      `ratings agree ${j.ratings}${j.differ.length ? ` (${j.differ.join('; ')})` : ''}`,
  );
}
results.geometric_mean_ratio = round(Math.exp(results.texts.reduce((s, r) => s + Math.log(r.ratio), 0) / results.texts.length), 1);
console.log(`\ngeometric mean of yoastseo / proseo over the ${results.texts.length} texts: ${results.geometric_mean_ratio}×`);

results.node_cold_start = coldStart();
console.log(
  `Node cold start (fresh process, median of ${results.node_cold_start.runs}): import('proseo') ` +
    `${results.node_cold_start.import_ms} ms (read + compile + instantiate the .wasm), ` +
    `first analyze ${results.node_cold_start.first_analyze_ms} ms`,
);

const out = join(pkgDir, 'bench', 'results.json');
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n→ ${out}`);
