#!/usr/bin/env node
// Benchmark: proseo's analyze() (this package, WebAssembly in Node) against the `yoastseo` npm
// package, in one Node process, on the same product descriptions of ≈ 300 and ≈ 1,000 words.
//
//   npm --prefix pkg run bench             # BENCH_ITERATIONS=N to change the timed runs (default 40)
//
// A benchmark, not a test: it asserts nothing about timing. Results → pkg/bench/results.json.
//
// Inputs: the core's readability fixtures (crates/core/tests/fixtures/readability/*.txt) laid out
// as product HTML exactly as crates/core/benches/input.rs does (a subheading every three
// paragraphs, a bulleted list every five), with the same keyphrase, synonym, SEO title, meta
// description, slug and product facts.
//
// yoastseo (GPL-3.0; a devDependency used here only, never shipped in the package) runs the way
// its own AnalysisWebWorker runs one analysis: one English Researcher and two assessors created
// once; per analysis a new Paper, researcher.setPaper(), the parsed tree (parse/build with the
// LanguageProcessor), then the product-page SEO assessor and the product-page content
// (readability) assessor, and both overall scores. The product-page assessors
// (ProductSEOAssessor, ProductContentAssessor) ship in the free package; the SKU and product
// identifier checks that the Yoast WooCommerce SEO plugin adds are added here too (their
// assessments are in the package), fed the same product facts through Paper's customData.
//
// yoastseo memoizes work per text (sentence tokenizing, HTML blocks, syllables); proseo caches
// nothing. So the main figures analyze a different text every iteration (each paragraph ends in a
// short unique reference, "Ref 17a.", in both engines' input) — a batch of different products.
// The "same text" figures repeat one text, as an editor re-analyzing unchanged copy would.
// Each figure is the median time of one analyze() over the timed iterations (the mean too).
// yoastseo's time goes mostly to keyphrase matching (keyphrase density: WordPress-style
// transliteration and a regex per word form, per sentence).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, cpus, platform } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as proseo from 'proseo';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const root = join(pkgDir, '..');
const require = createRequire(join(pkgDir, 'package.json'));
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40);
const WARMUP = Math.max(5, Math.round(ITERATIONS / 4));
const SIZES = [300, 1000];

// --- inputs (as crates/core/benches/input.rs) -------------------------------------------------

const FIXTURE_ORDER = [
  'simple-mug', 'tech-earbuds', 'luxury-handbag', 'kitchen-skillet', 'kids-blocks', 'outdoor-tent',
  'cosmetics-serum', 'furniture-sofa', 'plain-wool-blanket', 'plain-garden-chair', 'plain-coffee-mug',
];
const fixtureDir = join(root, 'crates', 'core', 'tests', 'fixtures', 'readability');
const available = new Set(readdirSync(fixtureDir));
const paragraphs = FIXTURE_ORDER.filter((n) => available.has(`${n}.txt`))
  .flatMap((n) => readFileSync(join(fixtureDir, `${n}.txt`), 'utf8').split('\n\n'))
  .map((p) => p.trim())
  .filter((p) => p.length > 0);

/** Product-description HTML of about `words` words; `tag` (if any) ends every paragraph. */
function description(words, tag) {
  let html = '';
  let count = 0;
  for (const [i, p] of paragraphs.entries()) {
    if (count >= words) break;
    if (i % 3 === 0) {
      html += '<h2>Why you will love it</h2>\n';
      count += 5;
    }
    if (i % 5 === 4) {
      html += '<ul><li>Free shipping &amp; returns</li><li>Two-year warranty</li></ul>\n';
      count += 6;
    }
    const taken = p.split(/\s+/).filter(Boolean).slice(0, Math.max(0, words - count));
    count += taken.length;
    html += `<p>${taken.join(' ')}${tag ? ` Ref ${tag}.` : ''}</p>\n`;
  }
  return html;
}

const META = {
  title: 'Wireless earbuds – clear sound, all-day comfort | Pulse',
  meta_description:
    'Wireless earbuds with adaptive noise cancellation, eight hours of battery life and a pocket-size charging case. Free returns for thirty days.',
  slug: 'wireless-earbuds',
  keyphrase: 'wireless earbuds',
  synonyms: ['earbuds'],
  locale: 'en_US',
  product: { sku: 'PX2', gtin: '4006381333931', image_count: 5, variants: 3 },
};

const proseoInput = (content) => ({ content, ...META });

// --- yoastseo ---------------------------------------------------------------------------------

const yoast = require('yoastseo');
const yoastVersion = require('yoastseo/package.json').version;
const EnglishResearcher = require('yoastseo/build/languageProcessing/languages/en/Researcher.js').default;
const LanguageProcessor = require('yoastseo/build/parse/language/LanguageProcessor.js').default;
const { build } = require('yoastseo/build/parse/build/index.js');
const { ProductSEOAssessor, ProductContentAssessor } = yoast.assessors;
const { ProductSKUAssessment, ProductIdentifiersAssessment } = yoast.assessments.seo;

const YOAST_CUSTOM_DATA = {
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

function yoastAnalyzer() {
  const researcher = new EnglishResearcher(new yoast.Paper(''));
  const seo = new ProductSEOAssessor(researcher, {});
  seo.addAssessment('productSKU', new ProductSKUAssessment({ assessVariants: true }));
  seo.addAssessment('productIdentifier', new ProductIdentifiersAssessment({ assessVariants: true }));
  const content = new ProductContentAssessor(researcher, {});
  return (html) => {
    const paper = new yoast.Paper(html, {
      keyword: META.keyphrase,
      synonyms: META.synonyms.join(', '),
      title: META.title,
      titleWidth: 480, // browsers measure it; proseo computes it from glyph widths
      description: META.meta_description,
      slug: META.slug,
      locale: META.locale,
      customData: YOAST_CUSTOM_DATA,
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
function time(fn, texts) {
  // Warm up: at least WARMUP runs and 500 ms (so V8 has tiered up both JS and WebAssembly).
  const warmStart = performance.now();
  let n = 0;
  while (n < WARMUP || performance.now() - warmStart < 500) fn(texts[n++ % texts.length]);
  // Timed: at least ITERATIONS runs and 1 s.
  const samples = [];
  const timedStart = performance.now();
  for (let i = 0; i < ITERATIONS || performance.now() - timedStart < 1000; i++) {
    const text = texts[(WARMUP + i) % texts.length];
    const started = performance.now();
    fn(text);
    samples.push(performance.now() - started);
  }
  return {
    median: round(median(samples)),
    mean: round(samples.reduce((a, b) => a + b, 0) / samples.length),
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
const words = (html) => html.replace(/<[^>]+>/g, ' ').split(/\s+/).filter(Boolean).length;

const yoastAnalyze = yoastAnalyzer();
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
  sizes: [],
};

console.log(`proseo ${results.proseo} (wasm) vs yoastseo ${yoastVersion} — Node ${process.version}, ${results.cpu}`);
console.log(`per figure: the median of ≥ ${ITERATIONS} timed analyses (and ≥ 1 s) after ≥ ${WARMUP} warm-up runs (and ≥ 500 ms)\n`);
for (const size of SIZES) {
  // Enough distinct texts for yoastseo's runs; proseo's extra runs (it reaches 1 s much later)
  // reuse them, which it cannot tell apart from new ones (no caches).
  const distinct = Array.from({ length: WARMUP + ITERATIONS }, (_, i) => description(size, `${i}a`));
  const same = [description(size)];
  const p = proseo.analyze(proseoInput(same[0]));
  const y = yoastAnalyze(same[0]);
  const row = {
    words: size,
    html_words: words(same[0]),
    html_bytes: Buffer.byteLength(same[0]),
    proseo: {
      ms_distinct: time((html) => proseo.analyze(proseoInput(html)), distinct),
      ms_same: time((html) => proseo.analyze(proseoInput(html)), same),
      seo: p.seo.score,
      readability: p.readability.score,
      checks: p.seo.checks.length + p.readability.checks.length,
    },
    yoastseo: {
      ms_distinct: time(yoastAnalyze, distinct),
      ms_same: time(yoastAnalyze, same),
      seo: y.seo,
      readability: y.readability,
      checks: y.checks,
    },
  };
  row.ratio_distinct = round(row.yoastseo.ms_distinct.median / row.proseo.ms_distinct.median, 1);
  row.ratio_same = round(row.yoastseo.ms_same.median / row.proseo.ms_same.median, 1);
  results.sizes.push(row);
  console.log(`${size} words (${row.html_bytes} bytes of HTML):`);
  for (const name of ['proseo', 'yoastseo']) {
    const r = row[name];
    console.log(
      `  ${name.padEnd(9)} ${r.ms_distinct.median.toFixed(3).padStart(8)} ms/analysis (mean ${r.ms_distinct.mean.toFixed(3)}; ` +
        `same text: ${r.ms_same.median.toFixed(3)})  — ${r.checks} checks, SEO ${r.seo}/100, readability ${r.readability}/100`,
    );
  }
  console.log(`  yoastseo / proseo: ${row.ratio_distinct}× (same text: ${row.ratio_same}×)\n`);
}

results.node_cold_start = coldStart();
console.log(
  `Node cold start (fresh process, median of ${results.node_cold_start.runs}): import('proseo') ` +
    `${results.node_cold_start.import_ms} ms (read + compile + instantiate the .wasm), ` +
    `first analyze ${results.node_cold_start.first_analyze_ms} ms`,
);

const out = join(pkgDir, 'bench', 'results.json');
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n→ ${out}`);
