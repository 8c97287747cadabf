// The `proseo` API of every entry (node.js, browser.js, workerd.js): the same functions
// everywhere. Prompt building, parsing a model's answer, the offline writer and scoring
// generated content are in `proseo/prompt` (prompt.d.ts).
// The data types come from ./types.js, generated from proseo-core's Rust types
// (crates/wasm/src/bin/gen-pkg-data.rs → JSON Schema → json-schema-to-typescript). Do not
// hand-edit types here that exist in Rust.
import type {
  Analysis,
  AnalyzeInput,
  Channel,
  ChannelProfile,
  ErrorCode,
  GeneratedContentInput,
  Product,
  Report,
  Sanitized,
} from './types.js';

export type * from './types.js';

/**
 * What every function throws: a plain `Error` with a stable `code`. Match on `code`, never on
 * `message`.
 */
export interface ProseoError extends Error {
  /** Stable snake_case code (`template_unknown_variable`, `invalid_input`…). */
  code: ErrorCode;
  /**
   * The core error's JSON form (`{code, message, line?, column?, path?, name?}`), or for
   * `invalid_input` `{argument, path, message}` (path: a JSON pointer into the argument).
   */
  details?: Record<string, unknown>;
  /** 1-based line (template and completion errors), when known. */
  line?: number;
  /** 1-based column in chars, when known. */
  column?: number;
  /** JSON pointer into the model's answer (`completion_schema`). */
  path?: string;
}

/** Where `init()` loads the .wasm from (browser entries; ignored elsewhere). */
export type WasmSource =
  | string
  | URL
  | Response
  | Promise<Response>
  | ArrayBuffer
  | Uint8Array
  | WebAssembly.Module;

/**
 * Loads the WebAssembly module and registers English's language data (`lang/en.js`, imported
 * with the entry; other languages: `loadLanguage`). Browser entry: required once before any other call (default
 * source: `proseo_bg.wasm` next to the module). Node and workerd entries: already done at
 * import; resolves immediately.
 */
export function init(source?: WasmSource): Promise<void>;

/**
 * Loads the language data of the given languages (locales such as `de_DE`, codes such as
 * `de`, or `'all'`). English's is always there. Browser entry: fetches `lang/<code>.js` (each
 * a chunk of its own for bundlers) and resolves when it is registered; `analyze` also starts
 * this the first time it sees a locale, and until it is done reports the language-specific
 * checks as `na` ("language data not loaded"). Node: reads the files synchronously (and
 * `analyze` does so by itself). workerd: every language is registered at import.
 */
export function loadLanguage(...locales: string[]): Promise<void>;

/**
 * SEO + readability analysis. Highlights index their field with `start_utf16`/`end_utf16`
 * (JavaScript string offsets); `start`/`end` are UTF-8 byte offsets for other languages.
 */
export function analyze(input: AnalyzeInput): Analysis;
/** Validates product data before writing about it. */
export function validateProduct(product: Product): Report;
/** Validates generated content for a sales channel (default `woocommerce`; case-insensitive). */
export function validateContent(
  content: GeneratedContentInput,
  channel?: Channel | (string & {}),
): Report;
/** Reduces HTML to the allowlist; `removed` offsets are UTF-8 bytes of the input. */
export function sanitizeHtml(html: string): Sanitized;
/** The channel rule table. */
export function channels(): ChannelProfile[];
/** The engine version. */
export function version(): string;
