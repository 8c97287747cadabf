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
  /** One request under `/api/v1`, resolving to the envelope's `{ data, meta }`. */
  request<T = unknown, M = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    options?: RequestOptions & { query?: Record<string, string> },
  ): Promise<{ data: T; meta: M }>;
}
