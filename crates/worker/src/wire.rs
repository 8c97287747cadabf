//! Request and response bodies of the API. The OpenAPI document's schemas are generated from
//! these types (and the core's), so the documented shapes are the served shapes.

use proseo_core::analysis::{Analysis, AnalyzeInput};
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
    pub name: String,
    /// Unique slug: lowercase letters, digits and hyphens (2–64).
    pub slug: String,
    /// Generations per calendar month; `null` = unlimited (default 1,000).
    #[serde(default = "default_quota")]
    pub monthly_generations: Option<u32>,
    /// Requests per minute per credential (default 600).
    #[serde(default)]
    pub rate_limit_per_minute: Option<u32>,
    /// Free-form tenant settings.
    #[serde(default)]
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
    pub name: String,
    /// Permissions (`["*"]` = all).
    pub scopes: Vec<String>,
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

/// `POST /validate`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidateRequest {
    /// Product data to validate.
    #[serde(default)]
    pub product: Option<Product>,
    /// Generated content to validate.
    #[serde(default)]
    pub content: Option<GeneratedContent>,
    /// Channel for content rules (default `woocommerce`).
    #[serde(default)]
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
    pub product: Product,
    /// Options (merged over the template's).
    #[serde(default)]
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
    pub product: Product,
    /// Prompt options (merged over the template's).
    #[serde(default)]
    pub options: Option<Map<String, Value>>,
    /// A stored template (default: the tenant's default template, else the built-in).
    #[serde(default)]
    pub template_id: Option<String>,
    /// Revise until `min(seo, readability)` reaches this (0–100).
    #[serde(default)]
    pub target_score: Option<u8>,
    /// Provider calls at most (1–5, default 3).
    #[serde(default)]
    pub max_attempts: Option<u8>,
    /// Channel for validation (default: the options' channel).
    #[serde(default)]
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
}

/// `POST /templates`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateInput {
    /// Unique among the tenant's live templates.
    pub name: String,
    /// Free text.
    #[serde(default)]
    pub description: String,
    /// A built-in's name or `{"custom": jinja}`.
    pub template: TemplateRef,
    /// Default prompt options (voice, language, channel…).
    #[serde(default)]
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
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New template.
    pub template: Option<TemplateRef>,
    /// New options (replace the old ones).
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
pub struct CreateJob {
    /// Label.
    pub name: String,
    /// Stored template (default: the tenant's default).
    #[serde(default)]
    pub template_id: Option<String>,
    /// Options (merged over the template's).
    #[serde(default)]
    pub options: Option<Map<String, Value>>,
    /// Revise until this score (0–100).
    #[serde(default)]
    pub target_score: Option<u8>,
    /// Provider calls per item per generation (1–5, default 3).
    #[serde(default)]
    pub max_attempts: Option<u8>,
    /// `api` (default), `woocommerce` or `webhook`; CSV bodies are `csv`.
    #[serde(default)]
    pub source: Option<String>,
    /// Products with validation errors become `failed` items (`invalid_product`) instead of
    /// failing the request with 422. Default: false for JSON, true for CSV.
    #[serde(default)]
    pub skip_invalid: Option<bool>,
    /// 1–5,000 products.
    pub products: Vec<Product>,
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
}

/// An item's error.
#[derive(Debug, Clone, Serialize)]
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
    /// Full analysis (`GET /items/{id}` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analysis: Option<Value>,
}

/// `PATCH /items/{id}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemPatch {
    /// `pending`, `synced` or `failed`.
    pub sync_status: String,
    /// Why it failed.
    #[serde(default)]
    pub sync_error: Option<String>,
}

/// `POST /items/{id}/regenerate`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegenerateRequest {
    /// Options for this generation (merged over the job's).
    #[serde(default)]
    pub options: Option<Map<String, Value>>,
    /// Target score for this generation.
    #[serde(default)]
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
    pub kind: String,
    /// Label.
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
    pub api_key: Option<String>,
    /// API base URL (not secret: moved into `settings.base_url`; accepted here too).
    #[serde(default, skip_serializing)]
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
    /// Settings.
    pub settings: LlmSettings,
    /// `sk-…wxyz`.
    pub credentials_hint: Option<String>,
    /// Default?
    pub is_default: bool,
    /// RFC 3339.
    pub created_at: String,
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
    /// Left (`null` = unlimited).
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
    /// `ok`.
    pub status: String,
    /// `ok` when D1 answered.
    pub d1: String,
    /// proseo version.
    pub version: String,
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
}

/// `Body` impls: the required top-level fields of each request (checked against the generated
/// schemas by a test in `openapi.rs`).
macro_rules! bodies {
    ($($t:ty => [$($f:literal),*]),* $(,)?) => {
        $( impl crate::api::Body for $t { const REQUIRED: &'static [&'static str] = &[$($f),*]; } )*
        /// Each body type's name and `REQUIRED` (for the schema test).
        #[cfg(test)]
        pub const BODIES: &[(&str, &[&str])] = &[$((stringify!($t), &[$($f),*])),*];
    };
}

bodies! {
    CreateTenant => ["name", "slug"],
    CreateKey => ["name", "scopes"],
    ValidateRequest => [],
    RenderRequest => ["product"],
    GenerateRequest => ["product"],
    TemplateInput => ["name", "template"],
    TemplatePatch => [],
    CreateJob => ["name", "products"],
    ItemPatch => ["sync_status"],
    RegenerateRequest => [],
    CreateIntegration => ["type", "name"],
    AnalyzeInput => [],
}

fn default_quota() -> Option<u32> {
    Some(1_000)
}

/// USD from micro-USD.
pub fn usd(micros: i64) -> f64 {
    micros as f64 / 1e6
}
