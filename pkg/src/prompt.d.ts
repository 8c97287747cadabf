// The `proseo/prompt` API of every entry (prompt-node.js, prompt-browser.js,
// prompt-workerd.js): prompt building, parsing a model's answer, the offline writer, scoring
// generated content, feeds, JSON-LD and near-duplicates, in their own .wasm. The data
// types are the same generated ones as `proseo`'s (types.d.ts).
import type {
  Analysis,
  BuiltinTemplate,
  BuiltPrompt,
  CatalogDuplicates,
  CatalogEntry,
  Completion,
  DuplicateCheck,
  ExportItem,
  ExportOptions,
  Feed,
  Format,
  GeneratedContent,
  GeneratedContentInput,
  JsonLd,
  JsonLdOptions,
  Product,
  PromptOptions,
  SanitizedContent,
} from './types.js';
import type { WasmSource } from './index.js';

export type * from './types.js';
export type { ProseoError, WasmSource } from './index.js';

/**
 * Loads this entry's WebAssembly module (`proseo_prompt_bg.wasm`), independently of the
 * `proseo` entry's `init()`. Browser entry: required once before any other call (default
 * source: `proseo_prompt_bg.wasm` next to the module). Node and workerd entries: already done
 * at import; resolves immediately.
 */
export function init(source?: WasmSource): Promise<void>;

/** Renders a Jinja template in strict mode (unknown variables throw `template_unknown_variable`). */
export function renderPrompt(template: string, vars?: Record<string, unknown>): string;
/** Builds the LLM prompt (system, user, answer schema) for a product. */
export function buildPrompt(product: Product, options?: PromptOptions): BuiltPrompt;
/** The built-in templates (without sources). */
export function templates(): BuiltinTemplate[];
/** Parses and repairs a model's JSON answer. */
export function parseCompletion(text: string): Completion;
/** The deterministic offline writer (English). */
export function write(product: Product, options?: PromptOptions): GeneratedContent;
/**
 * Scores content generated for a product exactly as the CLI and the edge API do: keyphrase
 * (the options', else the product's), synonyms, locale (the product's language, else the
 * options'), product facts and images with the generated alt texts.
 */
export function scoreGenerated(
  product: Product,
  content: GeneratedContentInput,
  options?: PromptOptions,
): Analysis;
/**
 * Makes generated content publishable: HTML fields to the allowlist, plain-text fields (SEO
 * title, meta description, slug, title, bullets, alt texts) to plain text. `unsafe_removed`
 * is true exactly when `validateContent` (from `proseo`) on the same raw content reports `unsafe_html`.
 * Validate the raw content; store and publish this.
 */
export function sanitizeContent(content: GeneratedContentInput): SanitizedContent;
/**
 * Writes a feed: a WooCommerce product import CSV (`woocommerce`), an Amazon flat-file style
 * TSV (`amazon`), an eBay File Exchange style CSV (`ebay`), a Kaufland product data CSV
 * (`kaufland`), Allegro offer bodies (`allegro`, JSON) or schema.org Product JSON-LD
 * (`jsonld`). Each item's content is sanitized, shaped for the channel and validated against
 * its rules; a row that breaks one is left out and reported in `report` (paths
 * `/items/N/…`), never shortened. With `options.on_invalid: "refuse"` the call throws
 * `export_rows_invalid` instead. Every CSV/TSV cell is formula-safe. Throws
 * `export_format_unknown` and `export_options_invalid` for unusable arguments.
 */
export function exportFeed(format: Format, items: ExportItem[], options?: ExportOptions): Feed;
/**
 * The schema.org `Product` JSON-LD of a product page, with Google's product rich-result
 * checks: required properties missing are errors (`eligible: false`), recommended ones
 * warnings. `content` is the generated content the page shows (its description is used).
 */
export function jsonLd(product: Product, content?: GeneratedContentInput | null, options?: JsonLdOptions): JsonLd;
/**
 * The near-duplicate signature of a description (MinHash over three-word shingles) in its
 * compact text form: 346 ASCII characters (`mh1.` alone for a text without words). Store one
 * per product and compare with `nearDuplicates` / `checkDuplicate`.
 */
export function contentSignature(html: string): string;
/**
 * Near-duplicate description pairs of a catalog: estimated Jaccard index of three-word
 * shingles at or above `threshold` (default 0.5), most similar first.
 */
export function nearDuplicates(catalog: CatalogEntry[], threshold?: number): CatalogDuplicates;
/** One product's near-duplicate check (`near_duplicate_content`) against its catalog. */
export function checkDuplicate(id: string, signature: string, catalog: CatalogEntry[], threshold?: number): DuplicateCheck;
/** The engine version (equals `proseo`'s `version()`). */
export function version(): string;
