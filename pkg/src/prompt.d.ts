// The `proseo/prompt` API of every entry (prompt-node.js, prompt-browser.js,
// prompt-workerd.js): prompt building, parsing a model's answer, the offline writer and scoring
// generated content, in their own .wasm. The data
// types are the same generated ones as `proseo`'s (types.d.ts).
import type {
  Analysis,
  BuiltinTemplate,
  BuiltPrompt,
  Completion,
  GeneratedContent,
  GeneratedContentInput,
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
/** The engine version (equals `proseo`'s `version()`). */
export function version(): string;
