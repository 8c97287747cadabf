//! Request and response bodies of the API. The OpenAPI document's schemas are generated from
//! these types (and the core's), so the documented shapes are the served shapes.

use proseo_core::analysis::Analysis;
use proseo_core::content::GeneratedContent;
use proseo_core::product::Product;
use proseo_core::prompt::{PromptOptions, Repair, TemplateRef};
use proseo_core::report::Report;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::providers::{LlmSettings, ProviderInfo};

macro_rules! wire {
    ($($item:item)*) => {
        $(
            #[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
            $item
        )*
    };
}

wire! {
/// `POST /admin/tenants`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateTenant {
    /// Display name (1–200 characters).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200), pattern(r"\S")))]
    pub name: String,
    /// Unique slug: lowercase letters, digits and hyphens (2–64).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 2, max = 64), pattern(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")))]
    pub slug: String,
    /// Generations per calendar month; `null` = unlimited (default 1,000).
    #[serde(default = "default_quota")]
    pub monthly_generations: Option<u32>,
    /// Requests per minute per credential (default 600).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1)))]
    pub rate_limit_per_minute: Option<u32>,
    /// Free-form tenant settings.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "settings_schema"))]
    pub settings: Map<String, Value>,
}

/// Tenant.
#[derive(Debug, Clone, Serialize)]
pub struct TenantView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Slug.
    pub slug: String,
    /// Settings.
    pub settings: Map<String, Value>,
    /// Limits.
    pub limits: Limits,
    /// RFC 3339.
    pub created_at: String,
}

/// A tenant's limits.
#[derive(Debug, Clone, Serialize)]
pub struct Limits {
    /// `null` = unlimited.
    pub monthly_generations: Option<i64>,
    /// Per credential.
    pub rate_limit_per_minute: i64,
}

/// `POST /admin/tenants` answer.
#[derive(Debug, Clone, Serialize)]
pub struct TenantCreated {
    /// The tenant.
    pub tenant: TenantView,
    /// Its first API key (`key` is shown only here).
    pub api_key: ApiKeyView,
}

/// `POST /keys`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateKey {
    /// Label.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200), pattern(r"\S")))]
    pub name: String,
    /// Permissions (`["*"]` = all): at most the creating credential's own.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "scopes_schema"))]
    pub scopes: Vec<String>,
    /// The key's own requests per minute (at most the tenant's, which all its keys share).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1)))]
    pub rate_limit_per_minute: Option<u32>,
}

/// An API key (the secret itself only in the create answer).
#[derive(Debug, Clone, Serialize)]
pub struct ApiKeyView {
    /// Id.
    pub id: String,
    /// Label.
    pub name: String,
    /// First 12 characters.
    pub prefix: String,
    /// Permissions.
    pub scopes: Vec<String>,
    /// The key's own per-minute limit (`null`: the tenant's).
    pub rate_limit_per_minute: Option<i64>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub last_used_at: Option<String>,
    /// RFC 3339.
    pub revoked_at: Option<String>,
    /// The key: only when just created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// `POST /admin/tenants/{id}/jwt-keys`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateJwtKey {
    /// The signing secret (32–512 bytes) the tenant's platform will sign with; generated
    /// (256 random bits, base64url) when absent. One secret belongs to one tenant.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 32, max = 512)))]
    pub secret: Option<String>,
}

/// A tenant's JWT signing secret (the secret itself only in the create answer).
#[derive(Debug, Clone, Serialize)]
pub struct JwtKeyView {
    /// The `kid` tokens signed with it must carry in their header.
    pub kid: String,
    /// The tenant it signs for.
    pub tenant_id: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339, when revoked.
    pub revoked_at: Option<String>,
    /// The secret: only when just created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

/// `POST /validate`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(extend("anyOf" = [
    {"required": ["product"], "properties": {"product": {"not": {"type": "null"}}}},
    {"required": ["content"], "properties": {"content": {"not": {"type": "null"}}}}
])))]
pub struct ValidateRequest {
    /// Product data to validate.
    #[serde(default)]
    pub product: Option<Product>,
    /// Generated content to validate.
    #[serde(default)]
    pub content: Option<GeneratedContent>,
    /// Channel for content rules (default `woocommerce`).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "channel_schema"))]
    pub channel: Option<String>,
}

/// `POST /validate` answer.
#[derive(Debug, Clone, Serialize)]
pub struct ValidateResult {
    /// Product report, when a product was sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<Report>,
    /// Content report, when content was sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<Report>,
}

/// `POST /prompts/render`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenderRequest {
    /// The product.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "named_product"))]
    pub product: Product,
    /// Options (merged over the template's).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "options_overlay"))]
    pub options: Option<Map<String, Value>>,
    /// A stored template to start from.
    #[serde(default)]
    pub template_id: Option<String>,
}

/// `POST /generate`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenerateRequest {
    /// The product.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "named_product"))]
    pub product: Product,
    /// Prompt options (merged over the template's).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "options_overlay"))]
    pub options: Option<Map<String, Value>>,
    /// A stored template (default: the tenant's default template, else the built-in).
    #[serde(default)]
    pub template_id: Option<String>,
    /// Revise until `min(seo, readability)` reaches this (0–100).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(max = 100)))]
    pub target_score: Option<u8>,
    /// Provider calls at most (1–5, default 3).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 5)))]
    pub max_attempts: Option<u8>,
    /// Channel for validation (default: the options' channel).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "channel_schema"))]
    pub channel: Option<String>,
    /// Integration to use (default: the tenant's default, else the offline writer).
    #[serde(default)]
    pub integration_id: Option<String>,
}

/// Token usage and cost.
#[derive(Debug, Clone, Serialize)]
pub struct UsageSummary {
    /// Prompt tokens.
    pub input_tokens: u32,
    /// Completion tokens.
    pub output_tokens: u32,
    /// USD.
    pub cost_usd: f64,
}

/// `POST /generate` answer.
#[derive(Debug, Clone, Serialize)]
pub struct GenerateResult {
    /// The best attempt's content.
    pub content: GeneratedContent,
    /// Its analysis.
    pub analysis: Analysis,
    /// Its validation.
    pub validation: Report,
    /// `min(seo_score, readability_score)`.
    pub score: u8,
    /// SEO section score.
    pub seo_score: u8,
    /// Readability section score.
    pub readability_score: u8,
    /// Provider calls made.
    pub attempts: u8,
    /// Who wrote it.
    pub provider: ProviderInfo,
    /// Over all attempts.
    pub usage: UsageSummary,
    /// What was repaired in the model's answer.
    pub repairs: Vec<Repair>,
    /// The sanitizer removed unsafe markup from the model's answer (`content` is the sanitized
    /// form; `validation` reports what was removed as `unsafe_html`).
    pub unsafe_html: bool,
}

/// `POST /templates`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateInput {
    /// Unique among the tenant's live templates.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200), pattern(r"\S")))]
    pub name: String,
    /// Free text.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 2000)))]
    pub description: String,
    /// A built-in's name or `{"custom": jinja}`.
    pub template: TemplateRef,
    /// Default prompt options (voice, language, channel…).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "options_overlay"))]
    pub options: Option<Map<String, Value>>,
    /// Make it the tenant's default.
    #[serde(default)]
    pub is_default: bool,
}

/// `PATCH /templates/{id}`: any field of [`TemplateInput`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplatePatch {
    /// New name.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "optional_name"))]
    #[serde(default)]
    pub name: Option<String>,
    /// New description.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 2000)))]
    pub description: Option<String>,
    /// New template.
    pub template: Option<TemplateRef>,
    /// New options (replace the old ones).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "options_overlay"))]
    #[serde(default)]
    pub options: Option<Map<String, Value>>,
    /// Default flag.
    pub is_default: Option<bool>,
}

/// A stored template.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Template.
    pub template: TemplateRef,
    /// Options.
    pub options: PromptOptions,
    /// Tenant default?
    pub is_default: bool,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
}

/// `POST /jobs` (JSON form; the CSV form takes the same fields from the query string).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(extend("oneOf" = [
    {"required": ["products"]},
    {"required": ["catalog"], "properties": {"catalog": {"not": {"type": "null"}}}}
])))]
pub struct CreateJob {
    /// Label.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200), pattern(r"\S")))]
    pub name: String,
    /// Stored template (default: the tenant's default).
    #[serde(default)]
    pub template_id: Option<String>,
    /// Options (merged over the template's).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "options_overlay"))]
    pub options: Option<Map<String, Value>>,
    /// Revise until this score (0–100).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(max = 100)))]
    pub target_score: Option<u8>,
    /// Provider calls per item per generation (1–5, default 3).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 5)))]
    pub max_attempts: Option<u8>,
    /// `api` (default), `woocommerce` or `webhook`; CSV bodies are `csv`.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "job_source_schema"))]
    pub source: Option<String>,
    /// Products with validation errors become `failed` items (`invalid_product`) instead of
    /// failing the request with 422. Default: false for JSON, true for CSV.
    #[serde(default)]
    pub skip_invalid: Option<bool>,
    /// 1–5,000 products. A job has either `products` or `catalog`.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "named_products"))]
    pub products: Vec<Product>,
    /// Catalog products instead of `products`: all of them (`{}`), a filter, or `ids`. Only
    /// those that need generation become items (no content yet, or content written from
    /// other source data); the others are counted in the job's `catalog.skipped`.
    #[serde(default)]
    pub catalog: Option<crate::catalog::Filter>,
    /// With `catalog`: take products whose content is current too.
    #[serde(default)]
    pub force: bool,
    /// Items scoring at least this are approved as soon as they are generated (never content
    /// from which unsafe markup was removed).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(max = 100)))]
    pub approve_min_score: Option<u8>,
}

/// A job ("execution").
#[derive(Debug, Clone, Serialize)]
pub struct JobView {
    /// Id.
    pub id: String,
    /// Label.
    pub name: String,
    /// Template used.
    pub template_id: Option<String>,
    /// `api`, `csv`, `woocommerce`, `webhook`.
    pub source: String,
    /// `queued`, `running`, `completed`, `cancelled`.
    pub status: String,
    /// Items.
    pub total: i64,
    /// Generated, approved or rejected.
    pub completed: i64,
    /// Failed.
    pub failed: i64,
    /// Cancelled.
    pub cancelled: i64,
    /// Not finished yet (pending or generating).
    pub pending: i64,
    /// 0–100: finished share.
    pub progress: u8,
    /// Target score.
    pub target_score: Option<i64>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub started_at: Option<String>,
    /// RFC 3339.
    pub finished_at: Option<String>,
    /// Items scoring at least this are approved when generated.
    pub approve_min_score: Option<i64>,
    /// A catalog job's selection and filling (`null` for a job of given products).
    pub catalog: Option<CatalogJobInfo>,
}

/// A catalog job's side: what it selected and how far it got.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogJobInfo {
    /// The selection (`filter`, `force`).
    pub selection: Value,
    /// Still adding items (a chunk at a time, as earlier ones are worked off).
    pub filling: bool,
    /// Selected products left out: unchanged since their content was generated, or invalid.
    pub skipped: i64,
    /// Why it stopped adding items early (the monthly quota), if it did.
    pub fill_error: Option<String>,
}

/// An item's error.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemError {
    /// Stable code.
    pub code: String,
    /// Message.
    pub message: String,
}

/// An item's LLM usage.
#[derive(Debug, Clone, Serialize)]
pub struct ItemUsage {
    /// Provider type.
    pub provider: Option<String>,
    /// Model.
    pub model: Option<String>,
    /// Prompt tokens.
    pub input_tokens: i64,
    /// Completion tokens.
    pub output_tokens: i64,
    /// USD.
    pub cost_usd: f64,
    /// Provider calls over all deliveries.
    pub attempts: i64,
}

/// One product of a job.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    /// Id.
    pub id: String,
    /// Job.
    pub job_id: String,
    /// The shop's id (e.g. WooCommerce product id).
    pub external_id: Option<String>,
    /// `pending`, `generating`, `generated`, `failed`, `approved`, `rejected`, `cancelled`.
    pub status: String,
    /// `pending`, `synced`, `failed`.
    pub sync_status: String,
    /// Why the last sync failed.
    pub sync_error: Option<String>,
    /// The original product data.
    pub product: Value,
    /// Generated content.
    pub content: Option<GeneratedContent>,
    /// `min(seo, readability)`.
    pub score: Option<i64>,
    /// SEO score.
    pub seo_score: Option<i64>,
    /// Readability score.
    pub readability_score: Option<i64>,
    /// Last error.
    pub error: Option<ItemError>,
    /// Usage.
    pub usage: ItemUsage,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// The stored content had unsafe markup (scripts, event handlers, dangerous URLs) removed
    /// from the model's answer: it cannot be approved or exported; regenerate it.
    pub unsafe_html: bool,
    /// Full analysis (`GET /items/{id}` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analysis: Option<Value>,
    /// Validation of the model's answer (`GET /items/{id}` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation: Option<Report>,
}

/// `PATCH /items/{id}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemPatch {
    /// `pending`, `synced` or `failed`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "sync_status_schema"))]
    pub sync_status: String,
    /// Why it failed.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 2000)))]
    pub sync_error: Option<String>,
}

/// `POST /items/{id}/regenerate`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegenerateRequest {
    /// Options for this generation (merged over the job's).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "options_overlay"))]
    pub options: Option<Map<String, Value>>,
    /// Target score for this generation.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(max = 100)))]
    pub target_score: Option<u8>,
}

/// One exported row.
#[derive(Debug, Clone, Serialize)]
pub struct ExportRow {
    /// Item id.
    pub item_id: String,
    /// Shop id.
    pub external_id: Option<String>,
    /// SKU.
    pub sku: Option<String>,
    /// Product name.
    pub name: String,
    /// Long description.
    pub description: String,
    /// Short description.
    pub short_description: String,
    /// SEO title.
    pub seo_title: String,
    /// Meta description.
    pub meta_description: String,
    /// Focus keyphrase.
    pub focus_keyphrase: String,
    /// Slug.
    pub slug: String,
    /// Score.
    pub score: Option<i64>,
    /// Item status.
    pub status: String,
}

/// `POST /integrations`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateIntegration {
    /// `openai`, `openai_compatible`, `anthropic` or `offline`.
    #[serde(rename = "type")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "integration_type_schema"))]
    pub kind: String,
    /// Label.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200), pattern(r"\S")))]
    pub name: String,
    /// Secrets (stored encrypted, never returned).
    #[serde(default)]
    pub credentials: Credentials,
    /// Model and limits.
    #[serde(default)]
    pub settings: LlmSettings,
    /// Use it when a request names no integration.
    #[serde(default)]
    pub is_default: bool,
}

/// An integration's secrets.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    /// Provider API key.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 4096)))]
    pub api_key: Option<String>,
    /// API base URL (not secret: moved into `settings.base_url`; accepted here too).
    #[serde(default, skip_serializing)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 2048), pattern(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$")))]
    pub base_url: Option<String>,
}

/// An integration (never with its credentials).
#[derive(Debug, Clone, Serialize)]
pub struct IntegrationView {
    /// Id.
    pub id: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Label.
    pub name: String,
    /// Settings: `LlmSettings` for a provider, `StoreSettings` for a `woocommerce` store.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "integration_settings_schema"))]
    pub settings: Value,
    /// `sk-…wxyz` (a store: its consumer key's).
    pub credentials_hint: Option<String>,
    /// Default?
    pub is_default: bool,
    /// RFC 3339.
    pub created_at: String,
    /// A store's sync state (`null` for a provider).
    pub store: Option<StoreState>,
}

/// `POST /integrations` for a WooCommerce store.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateStore {
    /// `woocommerce`.
    #[serde(rename = "type")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "store_type_schema"))]
    pub kind: String,
    /// Label.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200), pattern(r"\S")))]
    pub name: String,
    /// The store's REST API keys (stored encrypted, never returned).
    pub credentials: crate::connectors::woo::StoreCredentials,
    /// The store's URL, paging, schedule and what a push writes.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "store_settings_required"))]
    pub settings: crate::connectors::woo::StoreSettings,
}

/// `PATCH /integrations/{id}` (stores): any of these.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorePatch {
    /// New label.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "optional_name"))]
    pub name: Option<String>,
    /// New keys (both).
    #[serde(default)]
    pub credentials: Option<crate::connectors::woo::StoreCredentials>,
    /// Settings to change (the others stay); `sync_interval_minutes: null` stops the schedule.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "store_settings_patch"))]
    pub settings: Option<Map<String, Value>>,
}

/// A store's sync state.
#[derive(Debug, Clone, Serialize)]
pub struct StoreState {
    /// RFC 3339: the next scheduled pull (`null`: no schedule).
    pub next_sync_at: Option<String>,
    /// The `modified_after` (GMT) of the next incremental pull (`null`: the next pull is full).
    pub pull_cutoff: Option<String>,
    /// The last run.
    pub last_run: Option<SyncRunView>,
    /// RFC 3339: the last run that completed.
    pub last_success_at: Option<String>,
    /// The last error (a step's, or a run's), cleared by the next completed run.
    pub last_error: Option<StoreErrorView>,
}

/// A store error as the API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct StoreErrorView {
    /// Stable code: `store_unauthorized`, `store_not_found`, `store_rate_limited`,
    /// `store_server_error`, `store_bad_request`, `store_timeout`, `store_unreachable`,
    /// `store_malformed_response`, `store_response_too_large`; for a run also `store_gone`,
    /// `corrupt_integration`, `dead_letter`, `internal_error`.
    pub code: String,
    /// Message.
    pub message: String,
    /// The store's HTTP status, when it answered.
    pub status: Option<i64>,
    /// Seconds the store asked to wait (429).
    pub retry_after: Option<i64>,
    /// RFC 3339.
    pub at: Option<String>,
}

/// `POST /integrations/{id}/test` answer.
#[derive(Debug, Clone, Serialize)]
pub struct StoreTest {
    /// The store answered as WooCommerce's REST API, with these credentials.
    pub ok: bool,
    /// The URL tried.
    pub store_url: String,
    /// Products in the store (`X-WP-Total`), when it said.
    pub products: Option<u64>,
    /// How long the request took.
    pub latency_ms: i64,
    /// Why not, when not.
    pub error: Option<StoreErrorView>,
}

/// `POST /integrations/{id}/pull`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullRequest {
    /// Every product, not only those modified since the last pull (the first pull is full
    /// anyway).
    #[serde(default)]
    pub full: bool,
}

/// `POST /integrations/{id}/push`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    /// Write products in conflict too (edited in the store since the pull), without the
    /// conflict check.
    #[serde(default)]
    pub force: bool,
    /// Only these catalog products (`prd_…`) of the store.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "catalog_ids_schema"))]
    pub ids: Option<Vec<String>>,
}

/// A sync run: a pull (store → catalog) or a push (approved content → store).
#[derive(Debug, Clone, Serialize)]
pub struct SyncRunView {
    /// Id (`syn_…`).
    pub id: String,
    /// The store.
    pub integration_id: String,
    /// `pull` or `push`.
    pub kind: String,
    /// `api` or `schedule`.
    pub trigger: String,
    /// `queued`, `running`, `completed`, `failed`, `cancelled`.
    pub status: String,
    /// Pull: every product (`true`), or those modified after `modified_after`.
    pub full: bool,
    /// Pull: the cutoff (GMT) of an incremental pull.
    pub modified_after: Option<String>,
    /// Push: conflicts overwritten.
    pub force: bool,
    /// Pull: pages done.
    pub page: i64,
    /// Pull: pages in the store (`X-WP-TotalPages`).
    pub total_pages: Option<i64>,
    /// Pull: products to pull (`X-WP-Total`); push: products to push at the start.
    pub total: Option<i64>,
    /// Products handled.
    pub processed: i64,
    /// Pull: new catalog products.
    pub created: i64,
    /// Pull: products whose facts changed.
    pub updated: i64,
    /// Pull: products whose facts did not change.
    pub unchanged: i64,
    /// Push: products written.
    pub pushed: i64,
    /// Push: products edited in the store since the pull (not overwritten).
    pub conflicts: i64,
    /// Push: products the store refused or no longer has.
    pub failed: i64,
    /// 0–100 (`null` while unknown).
    pub progress: Option<u8>,
    /// The current step's last error (while it is retried), or the run's.
    pub error: Option<StoreErrorView>,
    /// The last errors (steps' and products'), oldest first.
    pub errors: Vec<crate::connectors::runs::RunErrorEntry>,
    /// Attempts of the current step.
    pub attempts: i64,
    /// RFC 3339: when a retried step runs again.
    pub retry_at: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub started_at: Option<String>,
    /// RFC 3339.
    pub finished_at: Option<String>,
    /// RFC 3339.
    pub updated_at: String,
}


/// Per-provider usage.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProviderUsage {
    /// Provider type.
    pub provider: String,
    /// Model.
    pub model: String,
    /// Generations.
    pub generations: i64,
    /// Prompt tokens.
    pub input_tokens: i64,
    /// Completion tokens.
    pub output_tokens: i64,
    /// USD.
    pub cost_usd: f64,
}

/// `GET /usage`.
#[derive(Debug, Clone, Serialize)]
pub struct UsageView {
    /// `YYYY-MM`.
    pub month: String,
    /// Generations this month.
    pub generations: i64,
    /// Monthly quota (`null` = unlimited).
    pub limit: Option<i64>,
    /// Generations accepted (queued job items, `/generate` calls in flight) and not finished:
    /// they count against the quota until they finish or are cancelled.
    pub reserved: i64,
    /// Left after what is used and reserved (`null` = unlimited).
    pub remaining: Option<i64>,
    /// Prompt tokens.
    pub input_tokens: i64,
    /// Completion tokens.
    pub output_tokens: i64,
    /// USD.
    pub cost_usd: f64,
    /// Breakdown.
    pub by_provider: Vec<ProviderUsage>,
}

/// `GET /health`.
#[derive(Debug, Clone, Serialize)]
pub struct Health {
    /// `ok`, or `degraded` when a secret is missing or too weak (what needs it is refused).
    pub status: String,
    /// `ok` when D1 answered.
    pub d1: String,
    /// proseo version.
    pub version: String,
    /// Configuration problems (names only, never values).
    pub config: Vec<String>,
}

/// A deletion.
#[derive(Debug, Clone, Serialize)]
pub struct Deleted {
    /// Id.
    pub id: String,
    /// Always true.
    pub deleted: bool,
}

/// `POST /admin/jobs/{id}/requeue`.
#[derive(Debug, Clone, Serialize)]
pub struct Requeued {
    /// Job.
    pub job_id: String,
    /// Messages sent.
    pub enqueued: usize,
}

/// A product of the catalog.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogProduct {
    /// Id (`prd_…`).
    pub id: String,
    /// A store's integration id, or a webhook source name.
    pub source: String,
    /// `woocommerce` or `webhook`.
    pub source_kind: String,
    /// The source's id for it.
    pub external_id: String,
    /// Name.
    pub name: String,
    /// SKU.
    pub sku: Option<String>,
    /// Where it stands.
    pub status: crate::catalog::Status,
    /// Its content was generated from other source data than the current one (it is stale:
    /// the next catalog job generates it again).
    pub changed: bool,
    /// Why nothing can be generated for it (its first product validation error), if so.
    pub invalid: Option<String>,
    /// The source has no description.
    pub description_missing: bool,
    /// The product as last received.
    pub product: Value,
    /// Its current generated content (sanitized).
    pub content: Option<GeneratedContent>,
    /// `min(seo, readability)` of the content.
    pub score: Option<i64>,
    /// SEO score.
    pub seo_score: Option<i64>,
    /// Readability score.
    pub readability_score: Option<i64>,
    /// The keyphrase the content was written and scored for.
    pub focus_keyphrase: Option<String>,
    /// Unsafe markup was removed from the model's answer: never approved, pushed or exported.
    pub unsafe_html: bool,
    /// The job item the content came from.
    pub item_id: Option<String>,
    /// The job item generating it now.
    pub queued_item_id: Option<String>,
    /// RFC 3339.
    pub generated_at: Option<String>,
    /// The last generation's failure.
    pub error: Option<ItemError>,
    /// The last push of its content to its store.
    pub sync: CatalogSync,
    /// The store's modification stamp at the last pull (`date_modified_gmt`).
    pub source_modified: Option<String>,
    /// SHA-256 (hex) of its current description: the generated one, else the source's
    /// (`null` for rows stored before near-duplicate detection, until they change).
    pub content_hash: Option<String>,
    /// RFC 3339: the last pull or delivery that carried it.
    pub received_at: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// The content's analysis (`GET /products/{id}` only, while its job item exists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analysis: Option<Value>,
    /// The near-duplicate check of its current description against the rest of the catalog
    /// (`GET /products/{id}` only; absent for a row without a signature).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicates: Option<ProductDuplicates>,
}

/// A catalog product's near-duplicate check (`near_duplicate_content`).
#[derive(Debug, Clone, Serialize)]
pub struct ProductDuplicates {
    /// The check, as the core's `checkDuplicate` words it.
    #[serde(flatten)]
    pub check: proseo_core::duplicate::DuplicateCheck,
    /// Other products compared.
    pub compared: u32,
    /// False when the catalog holds more products than one check compares (20,000).
    pub complete: bool,
}

/// A catalog product's sync state.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogSync {
    /// `pushed`, `conflict` (edited in the store since the pull: not overwritten), `failed`,
    /// or `null` (not pushed yet).
    pub status: Option<String>,
    /// Why the last push did not write it.
    pub error: Option<String>,
    /// RFC 3339.
    pub pushed_at: Option<String>,
}

/// `GET /products/stats`.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogStats {
    /// Products.
    pub total: i64,
    /// Products with generated content.
    pub with_content: i64,
    /// Products whose content is stale (the source changed since).
    pub changed: i64,
    /// Products whose source description is blank.
    pub missing_description: i64,
    /// Products the core's validation refuses.
    pub invalid: i64,
    /// Mean score of the products with content (`null` when none).
    pub average_score: Option<f64>,
    /// Products per status (every status listed, zeros included).
    pub by_status: std::collections::BTreeMap<String, i64>,
    /// Scores of the products with content in ten buckets: 0–9, 10–19, … 90–100.
    pub score_histogram: Vec<ScoreBucket>,
    /// Near-duplicate descriptions (the generated description, else the source's): pairs at
    /// or above the threshold, most similar first. Over at most 20,000 products (`complete`
    /// is false beyond, or when the core's comparison bound was reached).
    pub duplicates: proseo_core::duplicate::CatalogDuplicates,
}

/// A score bucket.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreBucket {
    /// Lowest score in it.
    pub min: u8,
    /// Highest score in it.
    pub max: u8,
    /// Products.
    pub count: i64,
}

/// `POST /jsonld`: a product's schema.org `Product` JSON-LD, from data the caller sends.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonLdRequest {
    /// The product (name, SKU, GTIN, brand, prices, currency, stock, images, URL…).
    pub product: Product,
    /// The generated content shown on its page: its description is preferred to the
    /// product's own.
    #[serde(default)]
    pub content: Option<GeneratedContent>,
    /// Currency, brand and page URL of a product that names none.
    #[serde(default)]
    pub options: Option<proseo_core::export::JsonLdOptions>,
}

/// `POST /jsonld` and `GET /products/{id}/jsonld` answer.
#[derive(Debug, Clone, Serialize)]
pub struct JsonLdResult {
    /// The schema.org `Product` object (with `@context`).
    pub json_ld: Value,
    /// Google's product rich result checks: required properties missing or invalid are
    /// errors, recommended ones warnings; paths are JSON pointers into `json_ld`.
    pub checks: Report,
    /// No error: the page can show as a product rich result.
    pub eligible: bool,
    /// The object as an HTML `<script type="application/ld+json">` element (`<` escaped), ready
    /// to print in a page's head.
    pub script_tag: String,
}

/// `PUT /export-profiles/{channel}`: the options a channel's feed is written with
/// (`GET /exports/{channel}` applies them; its query parameters override the single values).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportProfile {
    /// ISO 4217 currency of products that name none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(pattern(r"^[A-Za-z]{3}$")))]
    pub currency: Option<String>,
    /// Brand of products that name none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200)))]
    pub brand: Option<String>,
    /// BCP 47 locale of the listings (Kaufland `locale`, Allegro `language`, eBay's site).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(length(max = 35), pattern(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"))
    )]
    pub locale: Option<String>,
    /// Marketplace category of products no mapping matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200)))]
    pub category: Option<String>,
    /// Shop category → marketplace category, first match wins (a full path, its last part, or
    /// an ancestor; case-insensitive).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 1000)))]
    pub categories: Vec<ProfileCategory>,
    /// Stock of products in stock whose quantity is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(max = 1_000_000)))]
    pub quantity: Option<u32>,
    /// Extra columns with one value on every row (CSV/TSV channels): eBay's `*Location` or
    /// business policy names, Amazon's `fulfillment_latency`…
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 50)))]
    pub constants: Vec<ProfileConstant>,
}

/// A shop category and the marketplace category it maps to.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileCategory {
    /// The shop's category (`Clothing > Tshirts`, `Tshirts` or `Clothing`).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 300)))]
    pub shop: String,
    /// The marketplace's (eBay/Allegro category id, Amazon `feed_product_type`, Kaufland
    /// category).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200)))]
    pub channel: String,
}

/// A constant column.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileConstant {
    /// Column name, as the marketplace's template spells it.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 100)))]
    pub column: String,
    /// Its value on every row.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 1000)))]
    pub value: String,
}

/// A stored export profile.
#[derive(Debug, Clone, Serialize)]
pub struct ExportProfileView {
    /// The channel.
    pub channel: proseo_core::export::Format,
    /// Its options.
    pub options: ExportProfile,
    /// RFC 3339.
    pub updated_at: String,
}

/// `GET /exports/{channel}?report=true`: what the feed would hold, without the feed.
#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    /// The channel's format.
    pub format: proseo_core::export::Format,
    /// The feed's media type.
    pub media_type: String,
    /// The download name the feed is sent with.
    pub file_name: String,
    /// Rows the feed writes.
    pub rows: u32,
    /// Products left out (each has an `export_row_skipped` issue in the report).
    pub skipped: u32,
    /// Error codes of the products left out, each with the number of products it stopped.
    pub skipped_codes: std::collections::BTreeMap<String, u32>,
    /// Every issue found, paths `/products/{id}/…` (the catalog product's id), bounded like
    /// every report.
    pub report: Report,
}

/// `POST /webhook-secrets`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateWebhookSecret {
    /// The signing secret (32–512 bytes) the sender already holds; generated (256 random
    /// bits, `whsec_` + base64url) when absent.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 32, max = 512)))]
    pub secret: Option<String>,
}

/// A webhook signing secret (the secret itself only in the create answer).
#[derive(Debug, Clone, Serialize)]
pub struct WebhookSecretView {
    /// Sent as `X-Proseo-Webhook-Id`.
    pub id: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339, when revoked.
    pub revoked_at: Option<String>,
    /// The secret: only when just created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
}

/// `POST /webhooks/{source}`: products to upsert into the catalog by their `id`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookDelivery {
    /// 1–200 products, each with its `id` (the source's id, the catalog key) and `name`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "webhook_products"))]
    pub products: Vec<Product>,
    /// Generate the products that need it (new, or changed since their content was written)
    /// in a catalog job.
    #[serde(default)]
    pub generate: bool,
    /// With `generate`: a stored template (default: the tenant's default).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 64)))]
    pub template_id: Option<String>,
    /// With `generate`: prompt options over the template's.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "options_overlay"))]
    pub options: Option<Map<String, Value>>,
    /// With `generate`: approve items scoring at least this as soon as they are generated.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(max = 100)))]
    pub approve_min_score: Option<u8>,
}

/// `POST /webhooks/{source}` answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WebhookResult {
    /// The source (path).
    pub source: String,
    /// Products in the delivery.
    pub received: u32,
    /// New catalog products.
    pub created: u32,
    /// Products whose facts changed (their content is now stale).
    pub updated: u32,
    /// Products whose facts did not change.
    pub unchanged: u32,
    /// Products stored but refused by the core's validation (nothing is generated for them
    /// until a delivery fixes them): up to 50, `invalid_count` counts all.
    pub invalid: Vec<InvalidProduct>,
    /// How many products are invalid.
    pub invalid_count: u32,
    /// This delivery was seen before: nothing was done again, and this is the first answer.
    pub duplicate: bool,
    /// The catalog job generating them (`generate`), if one was created.
    pub job_id: Option<String>,
    /// Why no job could be created (`generate` and, e.g., the quota), if so.
    pub generate_error: Option<ItemError>,
}

/// A delivered product the core refuses.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InvalidProduct {
    /// Its `id`.
    pub external_id: String,
    /// The first error (`/path: message`).
    pub message: String,
}
}

/// Schemas of fields whose Rust type says less than the API accepts (enums kept as strings,
/// products that must have a name). Native only: the document is generated natively.
#[cfg(not(target_arch = "wasm32"))]
mod field_schemas {
    use schemars::{json_schema, Schema, SchemaGenerator};

    pub fn scopes_schema(_: &mut SchemaGenerator) -> Schema {
        let mut names = vec!["*"];
        names.extend_from_slice(crate::auth::PERMISSIONS);
        json_schema!({ "type": "array", "minItems": 1, "maxItems": 16, "items": { "type": "string", "enum": names } })
    }

    pub fn channel_schema(_: &mut SchemaGenerator) -> Schema {
        let mut names: Vec<serde_json::Value> = proseo_core::validate::Channel::all()
            .iter()
            .map(|c| c.id().into())
            .collect();
        names.push(serde_json::Value::Null);
        json_schema!({ "type": ["string", "null"], "enum": names })
    }

    pub fn named_product(g: &mut SchemaGenerator) -> Schema {
        let product = g.subschema_for::<proseo_core::product::Product>();
        json_schema!({
            "allOf": [product, { "type": "object", "required": ["name"],
                "properties": { "name": { "type": "string", "minLength": 1, "pattern": "\\S" } } }],
            "description": "A product with a name (every other product rule is checked by the core and reported as a field error with its own code)."
        })
    }

    pub fn webhook_products(g: &mut SchemaGenerator) -> Schema {
        let product = g.subschema_for::<proseo_core::product::Product>();
        let item = json_schema!({
            "allOf": [product, { "type": "object", "required": ["id", "name"],
                "properties": {
                    "id": { "type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S" },
                    "name": { "type": "string", "minLength": 1, "pattern": "\\S" } } }],
            "description": "A product with its `id` (the source's id: the catalog's key) and a name."
        });
        json_schema!({ "type": "array", "minItems": 1, "maxItems": crate::handlers::webhooks::MAX_PRODUCTS, "items": item })
    }

    pub fn named_products(g: &mut SchemaGenerator) -> Schema {
        let item = named_product(g);
        json_schema!({ "type": "array", "minItems": 1, "maxItems": crate::handlers::jobs::MAX_PRODUCTS, "items": item })
    }

    /// Options given over a template's: any subset of PromptOptions (merged one level deep).
    pub fn options_overlay(g: &mut SchemaGenerator) -> Schema {
        let options = g.subschema_for::<proseo_core::prompt::PromptOptions>();
        json_schema!({ "anyOf": [options, { "type": "null" }] })
    }

    pub fn optional_name(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "null"], "minLength": 1, "maxLength": 200, "pattern": "\\S" })
    }

    /// A tenant's free-form settings: flat values, bounded (a body is checked before it is
    /// built in memory).
    pub fn settings_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object", "maxProperties": 64,
            "additionalProperties": { "type": ["string", "number", "boolean", "null"], "maxLength": 4096 },
            "description": "Free-form tenant settings: up to 64 flat values."
        })
    }

    pub fn job_source_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "null"], "enum": ["api", "woocommerce", "webhook", null] })
    }

    pub fn sync_status_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "enum": ["pending", "synced", "failed"] })
    }

    pub fn store_type_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "enum": ["woocommerce"] })
    }

    pub fn store_settings_required(g: &mut SchemaGenerator) -> Schema {
        let settings = g.subschema_for::<crate::connectors::woo::StoreSettings>();
        json_schema!({ "allOf": [settings, { "type": "object", "required": ["store_url"] }] })
    }

    /// Any subset of StoreSettings (no field required).
    pub fn store_settings_patch(g: &mut SchemaGenerator) -> Schema {
        let settings = g.subschema_for::<crate::connectors::woo::StoreSettings>();
        json_schema!({ "anyOf": [settings, { "type": "null" }] })
    }

    pub fn integration_settings_schema(g: &mut SchemaGenerator) -> Schema {
        let llm = g.subschema_for::<crate::providers::LlmSettings>();
        let store = g.subschema_for::<crate::connectors::woo::StoreSettings>();
        json_schema!({ "anyOf": [llm, store] })
    }

    pub fn catalog_ids_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["array", "null"], "minItems": 1, "maxItems": 1000,
            "items": { "type": "string", "minLength": 1, "maxLength": 64 }
        })
    }

    pub fn integration_type_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "enum": ["openai", "openai_compatible", "anthropic", "offline"] })
    }
}
#[cfg(not(target_arch = "wasm32"))]
use field_schemas::*;

fn default_quota() -> Option<u32> {
    Some(1_000)
}

/// USD from micro-USD.
pub fn usd(micros: i64) -> f64 {
    micros as f64 / 1e6
}
