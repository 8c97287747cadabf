// The differential oracle's Yoast side: runs the `yoastseo` npm package (GPL-3.0; a
// devDependency used in tests and benchmarks only, never shipped) on a proseo analysis input,
// the way Yoast SEO analyzes a WooCommerce product or a post, in this Node process.
//
// Product pages: the ProductSEOAssessor and ProductContentAssessor of the free package, plus
// the assessments the Yoast WooCommerce SEO plugin adds (image alt attributes, product
// identifier, SKU, lists) and Premium's keyphrase distribution, all of which ship in the
// package. Articles: the SEOAssessor and ContentAssessor, plus keyphrase distribution.
// Each result is read as Yoast rates it (scoreToRating); an assessment that does not apply or
// gives no result is `na`, as proseo reports it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const yoast = require('yoastseo');
/** The languages yoastseo has a researcher for, of proseo's (not Chinese, not Korean). */
export const YOAST_LANGUAGES = ['en', 'es', 'de', 'fr', 'it', 'nl', 'pt', 'ru', 'pl', 'ar', 'he', 'fa', 'ja'];
const researchers = new Map();
// yoastseo memoizes keyphrase stems by the stemmer alone (primeLanguageSpecificData): the first
// language's function words would stay in use for every other language with the same (free)
// stemmer. WordPress analyzes one language per page; the oracle clears the cache on a change.
const { primeLanguageSpecificData } = require('yoastseo/build/languageProcessing/helpers/morphology/buildTopicStems.js');
let lastLanguage;
function researcherClass(language) {
  if (!researchers.has(language)) {
    researchers.set(
      language,
      require(`yoastseo/build/languageProcessing/languages/${language}/Researcher.js`).default,
    );
  }
  return researchers.get(language);
}
const LanguageProcessor = require('yoastseo/build/parse/language/LanguageProcessor.js').default;
const { build } = require('yoastseo/build/parse/build/index.js');
const scoreToRating = require('yoastseo/build/scoring/interpreters/scoreToRating.js').default;
// Premium registers this research; the free package ships it without registering it (and its
// assessment then always says "good").
const { keyphraseDistributionResearcher } = require('yoastseo/build/languageProcessing/researches/keyphraseDistribution.js');

const { SEOAssessor, ContentAssessor, ProductSEOAssessor, ProductContentAssessor } = yoast.assessors;
const { ImageAltTagsAssessment, ProductIdentifiersAssessment, ProductSKUAssessment, KeyphraseDistributionAssessment } =
  yoast.assessments.seo;
const { ListAssessment } = yoast.assessments.readability;

export const YOAST_VERSION = require('yoastseo/package.json').version;

/** proseo check id → Yoast assessment identifier. */
export const YOAST_ID = {
  keyphrase_in_introduction: 'introductionKeyword',
  keyphrase_length: 'keyphraseLength',
  keyphrase_density: 'keyphraseDensity',
  keyphrase_distribution: 'keyphraseDistribution',
  keyphrase_in_meta_description: 'metaDescriptionKeyword',
  keyphrase_in_subheadings: 'subheadingsKeyword',
  keyphrase_in_image_alt: 'imageKeyphrase',
  keyphrase_in_title: 'keyphraseInSEOTitle',
  keyphrase_in_slug: 'slugKeyword',
  function_words_in_keyphrase: 'functionWordsInKeyphrase',
  competing_links: 'textCompetingLinks',
  outbound_links: 'externalLinks',
  internal_links: 'internalLinks',
  text_length: 'textLength',
  title_width: 'titleWidth',
  meta_description_length: 'metaDescriptionLength',
  single_h1: 'singleH1',
  image_count: 'images',
  image_alt: 'imageAltTags',
  product_identifiers: 'productIdentifier',
  product_sku: 'productSKU',
  lists: 'listsPresence',
  sentence_length: 'textSentenceLength',
  paragraph_length: 'textParagraphTooLong',
  passive_voice: 'passiveVoice',
  transition_words: 'textTransitionWords',
  subheading_distribution: 'subheadingsTooLong',
  consecutive_sentences: 'sentenceBeginnings',
  text_presence: 'textPresence',
};

const BLOCK_START = /^<(p|div|h[1-6]|ul|ol|li|table|blockquote|pre|figure|section|article|header|footer|aside|nav|dl|hr|form|details)\b/i;

/**
 * Paragraphs from blank lines, as WordPress's wpautop renders a description before Yoast SEO
 * analyzes it in the editor (the bare package does not): text between blank lines that does
 * not start with a block element becomes a <p>.
 */
export function autop(html) {
  if (!/\n\s*\n/.test(html)) return html;
  return html
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '')
    .map((chunk) => (BLOCK_START.test(chunk) ? chunk : `<p>${chunk}</p>`))
    .join('\n');
}

/** Yoast's product data for a proseo input's product facts (what WooCommerce SEO passes). */
function customData(product = {}) {
  const variants = product.variants ?? 0;
  const filled = (v) => typeof v === 'string' && v.trim() !== '';
  return {
    productType: variants > 0 ? 'variable' : 'simple',
    hasVariants: variants > 0,
    hasGlobalSKU: filled(product.sku),
    hasGlobalIdentifier: filled(product.gtin),
    doAllVariantsHaveSKU: product.variants_with_sku != null && product.variants_with_sku >= variants,
    doAllVariantsHaveIdentifier: product.variants_with_gtin != null && product.variants_with_gtin >= variants,
    canRetrieveGlobalSku: true,
    canRetrieveGlobalIdentifier: true,
    canRetrieveVariantSkus: product.variants_with_sku != null,
    canRetrieveVariantIdentifiers: product.variants_with_gtin != null,
  };
}

function assessors(researcher, profile) {
  if (profile === 'article') {
    const seo = new SEOAssessor(researcher, {});
    seo.addAssessment('keyphraseDistribution', new KeyphraseDistributionAssessment());
    return { seo, readability: new ContentAssessor(researcher, {}) };
  }
  const seo = new ProductSEOAssessor(researcher, {});
  seo.addAssessment('imageAltTags', new ImageAltTagsAssessment());
  seo.addAssessment('productIdentifier', new ProductIdentifiersAssessment({ assessVariants: true }));
  seo.addAssessment('productSKU', new ProductSKUAssessment({ assessVariants: true }));
  seo.addAssessment('keyphraseDistribution', new KeyphraseDistributionAssessment());
  const readability = new ProductContentAssessor(researcher, {});
  readability.addAssessment('listsPresence', new ListAssessment());
  return { seo, readability };
}

/**
 * Runs Yoast on `input` (a proseo AnalyzeInput) with the researcher of `language` (one of
 * YOAST_LANGUAGES). `titleWidth` is the SEO title's width in pixels (browsers measure it; pass
 * proseo's `stats.title_width_px` so both judge the same width).
 * Returns `{ ratings: {yoastId: rating}, scores: {yoastId: score}, seo, readability }`.
 */
export function analyzeWithYoast(input, titleWidth, language = 'en') {
  const Researcher = researcherClass(language);
  if (language !== lastLanguage) {
    primeLanguageSpecificData.cache.clear();
    lastLanguage = language;
  }
  const profile = input.profile ?? 'product';
  const site = (input.site_url ?? 'https://shop.example').replace(/\/+$/, '');
  const synonyms = Array.isArray(input.synonyms) ? input.synonyms.join(', ') : (input.synonyms ?? '');
  const paper = new yoast.Paper(autop(input.content ?? ''), {
    keyword: input.keyphrase ?? '',
    synonyms,
    title: input.title ?? '',
    titleWidth,
    description: input.meta_description ?? '',
    slug: input.slug ?? '',
    locale: (input.locale || 'en_US').replace('-', '_'),
    permalink: `${site}/${input.slug ?? ''}`,
    customData: customData(input.product),
  });
  const researcher = new Researcher(paper);
  researcher.addResearch('keyphraseDistribution', keyphraseDistributionResearcher);
  researcher.setPaper(paper);
  paper.setTree(build(paper, new LanguageProcessor(researcher), []));
  const { seo, readability } = assessors(researcher, profile);
  seo.assess(paper);
  readability.assess(paper);
  const ratings = {};
  const scores = {};
  for (const assessor of [seo, readability]) {
    for (const result of assessor.getValidResults()) {
      ratings[result.getIdentifier()] = scoreToRating(result.getScore());
      scores[result.getIdentifier()] = result.getScore();
    }
  }
  return {
    ratings,
    scores,
    seo: seo.calculateOverallScore(),
    readability: readability.calculateOverallScore(),
  };
}
