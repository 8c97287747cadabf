// Types of client.js (`proseo/client`). Request and response bodies of the edge API reuse the
// engine's generated wire types where they are the same JSON.
import type {
  Analysis,
  AnalyzeInput,
  BuiltPrompt,
  Channel,
  GeneratedContentInput,
  Product,
  PromptOptions,
  Report,
} from './types.js';

export interface ProseoClientOptions {
  /** The API's origin, e.g. `https://proseo.example.com` (the client adds `/api/v1`). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** A fetch implementation (default: the global `fetch`). */
  fetch?: typeof fetch;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** `http_error` / `network_error`, or the API's own error code. */
export type ProseoApiErrorCode = 'network_error' | 'http_error' | (string & {});

export class ProseoApiError extends Error {
  constructor(
    code: string,
    message: string,
    options?: { status?: number; details?: unknown; cause?: unknown },
  );
  readonly name: 'ProseoApiError';
  code: ProseoApiErrorCode;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  details: unknown;
}

/** At least one of `product` and `content`. */
export type ValidateRequest =
  | { product: Product; content?: GeneratedContentInput; channel?: Channel | (string & {}) }
  | { product?: Product; content: GeneratedContentInput; channel?: Channel | (string & {}) };

/** The reports of what was sent. */
export interface ValidateResult {
  product?: Report;
  content?: Report;
}

export interface RenderPromptRequest {
  product: Product;
  options?: PromptOptions;
  /** A stored template of the tenant to start from. */
  template_id?: string;
}

/** `meta.pagination` of a list. */
export interface Pagination {
  page: number;
  per_page: number;
  total: number;
  total_pages: number;
}

export interface ListJobItemsOptions extends RequestOptions {
  page?: number;
  /** 1–100, default 25. */
  per_page?: number;
  status?: 'pending' | 'generating' | 'generated' | 'failed' | 'approved' | 'rejected' | 'cancelled';
  min_score?: number;
  max_score?: number;
}

/** A catalog product's status. */
export type CatalogStatus = 'new' | 'queued' | 'generated' | 'approved' | 'rejected' | 'pushed' | 'failed' | 'invalid';

/** Filters of `listProducts` (and, with `ids`, a catalog job's `catalog` selection). */
export interface CatalogFilter {
  /** A store's integration id, or a webhook source name. */
  source?: string;
  status?: CatalogStatus;
  min_score?: number;
  max_score?: number;
  /** The source's description is blank (`true`) or not (`false`). */
  missing_description?: boolean;
  /** The content is stale: the source changed since it was generated. */
  changed?: boolean;
  /** Name or SKU contains it, or the external id is it. */
  q?: string;
}

export interface ListProductsOptions extends RequestOptions, CatalogFilter {
  page?: number;
  /** 1–100, default 25. */
  per_page?: number;
}

export interface ListOptions extends RequestOptions {
  page?: number;
  per_page?: number;
}

/** A product of the catalog. */
export interface CatalogProduct {
  id: string;
  source: string;
  source_kind: 'woocommerce' | 'webhook';
  external_id: string;
  name: string;
  sku: string | null;
  status: CatalogStatus;
  /** The content was generated from other source data than the current one. */
  changed: boolean;
  /** Why nothing can be generated for it (its first validation error). */
  invalid: string | null;
  description_missing: boolean;
  product: Product;
  content: GeneratedContentInput | null;
  score: number | null;
  seo_score: number | null;
  readability_score: number | null;
  focus_keyphrase: string | null;
  unsafe_html: boolean;
  item_id: string | null;
  queued_item_id: string | null;
  generated_at: string | null;
  error: { code: string; message: string } | null;
  sync: { status: 'pushed' | 'conflict' | 'failed' | null; error: string | null; pushed_at: string | null };
  source_modified: string | null;
  content_hash: string | null;
  received_at: string;
  created_at: string;
  updated_at: string;
  /** `getProduct` only. */
  analysis?: Analysis;
  /** `getProduct` only: the near-duplicate check of its current description. */
  duplicates?: ProductDuplicates;
}

/** A product's near-duplicate check against the rest of the catalog. */
export interface ProductDuplicates {
  code: 'near_duplicate_content';
  duplicate: boolean;
  /** 0.5: estimated Jaccard index of three-word shingles. */
  threshold: number;
  max_similarity: number;
  /** The most similar products (at most 5). */
  similar: Array<{ id: string; similarity: number }>;
  similar_total: number;
  message: string;
  /** Other products compared. */
  compared: number;
  /** False beyond 20,000 products. */
  complete: boolean;
}

/** The catalog's near-duplicate pairs. */
export interface CatalogDuplicates {
  threshold: number;
  products: number;
  products_with_duplicates: number;
  pairs_total: number;
  max_similarity: number;
  /** Most similar first, at most 1,000. */
  pairs: Array<{ a: string; b: string; similarity: number }>;
  complete: boolean;
}

/** `productJsonLd` and `jsonLd`. */
export interface JsonLdResult {
  /** The schema.org `Product` object. */
  json_ld: Record<string, unknown>;
  /** Google's rich result checks (errors: required, warnings: recommended). */
  checks: Report;
  eligible: boolean;
  /** `<script type="application/ld+json">…</script>`, `<` escaped. */
  script_tag: string;
}

export type ExportChannel = 'woocommerce' | 'amazon' | 'ebay' | 'kaufland' | 'allegro' | 'jsonld';

export interface ExportOptions extends RequestOptions {
  source?: string;
  status?: CatalogStatus;
  min_score?: number;
  max_score?: number;
  missing_description?: boolean;
  changed?: boolean;
  q?: string;
  /** 1–100 catalog ids. */
  ids?: string[] | string;
  job_id?: string;
  include?: 'approved' | 'generated';
  currency?: string;
  brand?: string;
  locale?: string;
  category?: string;
  quantity?: number;
  /** Refuse (422 `export_rows_invalid`) when a row breaks a rule. */
  strict?: boolean;
}

export interface ExportedFeed<B = string> {
  body: B;
  contentType: string;
  fileName: string | null;
  rows: number;
  skipped: number;
  /** Error code → products it kept out of the feed. */
  skippedCodes: Record<string, number>;
}

/** A channel's stored feed options (`putExportProfile`). */
export interface ExportProfile {
  currency?: string;
  brand?: string;
  locale?: string;
  /** Marketplace category of products no mapping matches. */
  category?: string;
  /** Shop category → marketplace category, first match wins (at most 1,000). */
  categories?: Array<{ shop: string; channel: string }>;
  quantity?: number;
  /** Columns with one value on every row (CSV/TSV channels; at most 50). */
  constants?: Array<{ column: string; value: string }>;
}

export interface ExportProfileView {
  channel: ExportChannel;
  options: ExportProfile;
  updated_at: string;
}

export interface ExportReport {
  format: ExportChannel;
  media_type: string;
  file_name: string;
  rows: number;
  skipped: number;
  skipped_codes: Record<string, number>;
  report: Report;
}

export interface CatalogStats {
  total: number;
  with_content: number;
  changed: number;
  missing_description: number;
  invalid: number;
  average_score: number | null;
  by_status: Record<CatalogStatus, number>;
  score_histogram: Array<{ min: number; max: number; count: number }>;
  duplicates: CatalogDuplicates;
}

/** A WooCommerce store's settings. */
export interface StoreSettings {
  /** `https://…`; plain `http://` only on loopback. */
  store_url: string;
  /** 1–100, default 100. */
  per_page?: number;
  /** 1–100, default 50. */
  push_batch_size?: number;
  /** 1,000–60,000 ms, default 20,000. */
  timeout_ms?: number;
  /** Scheduled incremental pulls (minutes); `null`: none. */
  sync_interval_minutes?: number | null;
  push_slug?: boolean;
  seo_meta?: Array<'yoast' | 'rank_math'>;
  language?: string | null;
  currency?: string | null;
}

export interface CreateStore {
  type: 'woocommerce';
  name: string;
  /** WooCommerce consumer key/secret, or a WordPress user and application password. */
  credentials: { consumer_key: string; consumer_secret: string };
  settings: StoreSettings;
}

export interface StoreError {
  /** `store_unauthorized`, `store_not_found`, `store_rate_limited`, `store_server_error`,
   * `store_bad_request`, `store_timeout`, `store_unreachable`, `store_malformed_response`,
   * `store_response_too_large`… */
  code: string;
  message: string;
  status: number | null;
  retry_after: number | null;
  at: string | null;
}

export interface StoreTest {
  ok: boolean;
  store_url: string;
  products: number | null;
  latency_ms: number;
  error: StoreError | null;
}

export interface SyncRun {
  id: string;
  integration_id: string;
  kind: 'pull' | 'push';
  trigger: 'api' | 'schedule';
  status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  full: boolean;
  modified_after: string | null;
  force: boolean;
  page: number;
  total_pages: number | null;
  total: number | null;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  pushed: number;
  conflicts: number;
  failed: number;
  progress: number | null;
  error: StoreError | null;
  errors: Array<{ code: string; message: string; external_id?: string; at: string }>;
  attempts: number;
  retry_at: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

export interface WebhookSecret {
  id: string;
  created_at: string;
  revoked_at: string | null;
  /** Only in `createWebhookSecret`'s answer. */
  secret?: string;
}

export interface WebhookDelivery {
  /** 1–200 products, each with its `id` (the catalog key) and `name`. */
  products: Array<Product & { id: string; name: string }>;
  generate?: boolean;
  template_id?: string;
  options?: PromptOptions;
  approve_min_score?: number;
}

export interface WebhookResult {
  source: string;
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: Array<{ external_id: string; message: string }>;
  invalid_count: number;
  duplicate: boolean;
  job_id: string | null;
  generate_error: { code: string; message: string } | null;
}

export interface DeliverWebhookOptions extends RequestOptions {
  source: string;
  /** The secret's id (`whk_…`), sent as `X-Proseo-Webhook-Id`. */
  webhookId: string;
  secret: string;
  /** An object (serialized once, and that text signed and sent) or the raw JSON text. */
  body: WebhookDelivery | string;
  /** `X-Proseo-Delivery`: the same id is the same delivery (answered once). */
  delivery?: string;
  /** Unix seconds (default: now). */
  timestamp?: number;
}

/** `sha256=` + hex HMAC-SHA256 of `${timestamp}.${rawBody}` with `secret` (WebCrypto). */
export function signWebhook(secret: string, timestamp: string | number, rawBody: string): Promise<string>;

export class ProseoClient {
  constructor(options: ProseoClientOptions);
  readonly baseUrl: string;
  analyze(input: AnalyzeInput, init?: RequestOptions): Promise<Analysis>;
  validate(body: ValidateRequest, init?: RequestOptions): Promise<ValidateResult>;
  renderPrompt(body: RenderPromptRequest, init?: RequestOptions): Promise<BuiltPrompt>;
  generate<T = unknown>(body: Record<string, unknown>, init?: RequestOptions): Promise<T>;
  createJob<T = unknown>(body: Record<string, unknown>, init?: RequestOptions): Promise<T>;
  getJob<T = unknown>(id: string | number, init?: RequestOptions): Promise<T>;
  listJobItems<T = unknown>(
    id: string | number,
    options?: ListJobItemsOptions,
  ): Promise<{ items: T[]; pagination: Pagination }>;
  health<T = unknown>(init?: RequestOptions): Promise<T>;
  listProducts(options?: ListProductsOptions): Promise<{ items: CatalogProduct[]; pagination: Pagination }>;
  catalogStats(options?: RequestOptions & { source?: string }): Promise<CatalogStats>;
  getProduct(id: string, init?: RequestOptions): Promise<CatalogProduct>;
  deleteProduct(id: string, init?: RequestOptions): Promise<{ id: string; deleted: true }>;
  productJsonLd(
    id: string,
    options?: RequestOptions & { include?: 'approved' | 'generated'; currency?: string; brand?: string; url?: string },
  ): Promise<JsonLdResult>;
  jsonLd(
    body: { product: Product; content?: GeneratedContentInput; options?: { currency?: string; brand?: string; url?: string } },
    init?: RequestOptions,
  ): Promise<JsonLdResult>;
  exportCatalog(channel: ExportChannel, options?: ExportOptions & { stream?: false }): Promise<ExportedFeed<string>>;
  exportCatalog(
    channel: ExportChannel,
    options: ExportOptions & { stream: true },
  ): Promise<ExportedFeed<ReadableStream<Uint8Array> | null>>;
  exportReport(channel: ExportChannel, options?: ExportOptions): Promise<ExportReport>;
  listExportProfiles(init?: RequestOptions): Promise<ExportProfileView[]>;
  getExportProfile(channel: ExportChannel, init?: RequestOptions): Promise<ExportProfileView>;
  putExportProfile(channel: ExportChannel, profile: ExportProfile, init?: RequestOptions): Promise<ExportProfileView>;
  deleteExportProfile(channel: ExportChannel, init?: RequestOptions): Promise<{ id: string; deleted: true }>;
  listIntegrations<T = unknown>(options?: ListOptions): Promise<{ items: T[]; pagination: Pagination }>;
  createIntegration<T = unknown>(body: CreateStore | Record<string, unknown>, init?: RequestOptions): Promise<T>;
  updateIntegration<T = unknown>(
    id: string,
    body: { name?: string; credentials?: CreateStore['credentials']; settings?: Partial<StoreSettings> },
    init?: RequestOptions,
  ): Promise<T>;
  deleteIntegration(id: string, init?: RequestOptions): Promise<{ id: string; deleted: true }>;
  testStore(id: string, init?: RequestOptions): Promise<StoreTest>;
  pullStore(id: string, body?: { full?: boolean }, init?: RequestOptions): Promise<SyncRun>;
  pushStore(id: string, body?: { force?: boolean; ids?: string[] }, init?: RequestOptions): Promise<SyncRun>;
  listSyncs(id: string, options?: ListOptions): Promise<{ items: SyncRun[]; pagination: Pagination }>;
  getSync(id: string, init?: RequestOptions): Promise<SyncRun>;
  cancelSync(id: string, init?: RequestOptions): Promise<SyncRun>;
  createWebhookSecret(body?: { secret?: string }, init?: RequestOptions): Promise<WebhookSecret>;
  listWebhookSecrets(options?: ListOptions): Promise<{ items: WebhookSecret[]; pagination: Pagination }>;
  revokeWebhookSecret(id: string, init?: RequestOptions): Promise<WebhookSecret>;
  deliverWebhook(options: DeliverWebhookOptions): Promise<WebhookResult>;
  /** One request under `/api/v1`, resolving to the envelope's `{ data, meta }`. */
  request<T = unknown, M = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    options?: RequestOptions & { query?: Record<string, string> },
  ): Promise<{ data: T; meta: M }>;
}
