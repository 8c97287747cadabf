//! The route table: one list the router matches against and the OpenAPI document is generated
//! from (`openapi.rs`), so the two cannot drift.

use serde_json::{json, Value};

use crate::api::ApiError;
use crate::jobs::status::{ITEM_STATUS_NAMES, JOB_STATUS_NAMES};

/// What a query parameter accepts: the one declaration the router validates against and the
/// OpenAPI document publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An integer in `min..=max`.
    Int {
        /// Smallest.
        min: i64,
        /// Largest.
        max: i64,
    },
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// `true` or `false`.
    Bool,
    /// A `YYYY-MM` month.
    Month,
    /// Any string of 1 to `max` characters.
    Text {
        /// Longest.
        max: u32,
    },
}

/// A query parameter.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// Name.
    pub name: &'static str,
    /// What it accepts.
    pub kind: Kind,
    /// One line for the document.
    pub description: &'static str,
}

impl Param {
    /// Its JSON Schema.
    pub fn schema(&self) -> Value {
        match self.kind {
            Kind::Int { min, max } => json!({ "type": "integer", "minimum": min, "maximum": max }),
            Kind::Enum(values) => json!({ "type": "string", "enum": values }),
            Kind::Bool => json!({ "type": "boolean" }),
            Kind::Month => json!({ "type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$" }),
            Kind::Text { max } => json!({ "type": "string", "minLength": 1, "maxLength": max }),
        }
    }

    /// The raw query value as the JSON value its schema judges (`"12"` → 12 for integers).
    pub fn typed(&self, raw: &str) -> Value {
        match self.kind {
            Kind::Int { .. } => raw
                .parse::<i64>()
                .ok()
                .filter(|_| !raw.starts_with('+'))
                .map_or_else(|| Value::String(raw.to_owned()), Value::from),
            Kind::Bool => match raw {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                other => Value::String(other.to_owned()),
            },
            _ => Value::String(raw.to_owned()),
        }
    }
}

const fn p(name: &'static str, kind: Kind, description: &'static str) -> Param {
    Param {
        name,
        kind,
        description,
    }
}

/// `page` and `per_page` of every list.
pub const PAGE_PARAMS: &[Param] = &[
    p(
        "page",
        Kind::Int {
            min: 1,
            max: 1_000_000,
        },
        "1-based page (default 1)",
    ),
    p(
        "per_page",
        Kind::Int {
            min: 1,
            max: crate::api::MAX_PER_PAGE as i64,
        },
        "items per page (default 25)",
    ),
];
const SCORE: Kind = Kind::Int { min: 0, max: 100 };

/// What a route needs from the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// Public.
    None,
    /// The admin token.
    Admin,
    /// Any valid credential of a tenant.
    Tenant,
    /// A tenant credential with this permission.
    Perm(&'static str),
    /// A signed webhook delivery (`crate::webhooks`): the signature headers name the tenant.
    Webhook,
}

/// Every operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Op {
    Health,
    OpenApi,
    AdminCreateTenant,
    AdminRequeueJob,
    AdminCreateJwtKey,
    AdminListJwtKeys,
    AdminRevokeJwtKey,
    Analyze,
    Validate,
    RenderPrompt,
    Generate,
    ListTemplates,
    CreateTemplate,
    GetTemplate,
    UpdateTemplate,
    DeleteTemplate,
    ListJobs,
    CreateJob,
    GetJob,
    CancelJob,
    DeleteJob,
    ListItems,
    ExportJob,
    GetItem,
    UpdateItem,
    RegenerateItem,
    ApproveItem,
    RejectItem,
    GetUsage,
    ListKeys,
    CreateKey,
    RevokeKey,
    ListIntegrations,
    CreateIntegration,
    DeleteIntegration,
    ListProducts,
    CatalogStats,
    GetProduct,
    DeleteProduct,
    CreateWebhookSecret,
    ListWebhookSecrets,
    RevokeWebhookSecret,
    ReceiveWebhook,
    UpdateIntegration,
    TestStore,
    PullStore,
    PushStore,
    ListSyncs,
    GetSync,
    CancelSync,
    ExportCatalog,
    ProductJsonLd,
    JsonLd,
    ListExportProfiles,
    GetExportProfile,
    PutExportProfile,
    DeleteExportProfile,
}

/// A route.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    /// HTTP method.
    pub method: &'static str,
    /// Path under `/api/v1`, with `{id}` parameters.
    pub path: &'static str,
    /// The operation.
    pub op: Op,
    /// Required credential.
    pub auth: Auth,
    /// One-line summary (OpenAPI).
    pub summary: &'static str,
    /// Request body schema name, if the route takes a body.
    pub request: Option<&'static str>,
    /// `data` schema name (`null` for raw responses; `Name[]` for an unpaginated array).
    pub response: &'static str,
    /// Success status.
    pub status: u16,
    /// Paginated list?
    pub list: bool,
    /// Query parameters besides `page`/`per_page`.
    pub query: &'static [Param],
    /// Honours `Idempotency-Key`.
    pub idempotent: bool,
}

const fn r(
    method: &'static str,
    path: &'static str,
    op: Op,
    auth: Auth,
    summary: &'static str,
    request: Option<&'static str>,
    response: &'static str,
) -> Route {
    Route {
        method,
        path,
        op,
        auth,
        summary,
        request,
        response,
        status: 200,
        list: false,
        query: &[],
        idempotent: false,
    }
}

const fn created(mut route: Route) -> Route {
    route.status = 201;
    route.idempotent = true;
    route
}

const fn list(mut route: Route, query: &'static [Param]) -> Route {
    route.list = true;
    route.query = query;
    route
}

const fn query(mut route: Route, query: &'static [Param]) -> Route {
    route.query = query;
    route
}

use Auth::{Admin, Perm, Tenant};

/// All routes.
pub const ROUTES: &[Route] = &[
    r(
        "GET",
        "/health",
        Op::Health,
        Auth::None,
        "Liveness and D1 check",
        None,
        "Health",
    ),
    r(
        "GET",
        "/openapi.json",
        Op::OpenApi,
        Auth::None,
        "This OpenAPI 3.1 document (not enveloped)",
        None,
        "null",
    ),
    created(r(
        "POST",
        "/admin/tenants",
        Op::AdminCreateTenant,
        Admin,
        "Create a tenant and its first API key",
        Some("CreateTenant"),
        "TenantCreated",
    )),
    r(
        "POST",
        "/admin/jobs/{id}/requeue",
        Op::AdminRequeueJob,
        Admin,
        "Re-send a queue message for every item of a job (safe: the consumer is idempotent)",
        None,
        "Requeued",
    ),
    created(r(
        "POST",
        "/admin/tenants/{id}/jwt-keys",
        Op::AdminCreateJwtKey,
        Admin,
        "Add a JWT signing secret for a tenant (generated, or the given one; shown once; at most two active)",
        Some("CreateJwtKey"),
        "JwtKeyView",
    )),
    r(
        "GET",
        "/admin/tenants/{id}/jwt-keys",
        Op::AdminListJwtKeys,
        Admin,
        "List a tenant's JWT signing secrets (never the secrets themselves)",
        None,
        "JwtKeyView[]",
    ),
    r(
        "DELETE",
        "/admin/tenants/{id}/jwt-keys/{kid}",
        Op::AdminRevokeJwtKey,
        Admin,
        "Revoke a JWT signing secret",
        None,
        "JwtKeyView",
    ),
    r(
        "POST",
        "/analyze",
        Op::Analyze,
        Tenant,
        "SEO + readability analysis",
        Some("AnalyzeInput"),
        "Analysis",
    ),
    r(
        "POST",
        "/jsonld",
        Op::JsonLd,
        Tenant,
        "schema.org Product JSON-LD from product data, with Google's rich result checks",
        Some("JsonLdRequest"),
        "JsonLdResult",
    ),
    r(
        "POST",
        "/validate",
        Op::Validate,
        Tenant,
        "Validate product data and/or generated content",
        Some("ValidateRequest"),
        "ValidateResult",
    ),
    r(
        "POST",
        "/prompts/render",
        Op::RenderPrompt,
        Tenant,
        "Render the LLM prompt for a product",
        Some("RenderRequest"),
        "BuiltPrompt",
    ),
    Route {
        idempotent: true,
        ..r(
            "POST",
            "/generate",
            Op::Generate,
            Perm("generate"),
            "Generate, validate and score content for one product",
            Some("GenerateRequest"),
            "GenerateResult",
        )
    },
    list(
        r(
            "GET",
            "/templates",
            Op::ListTemplates,
            Perm("templates:read"),
            "List templates",
            None,
            "TemplateView",
        ),
        &[p("q", Kind::Text { max: 200 }, "templates whose name contains this")],
    ),
    created(r(
        "POST",
        "/templates",
        Op::CreateTemplate,
        Perm("templates:write"),
        "Create a template",
        Some("TemplateInput"),
        "TemplateView",
    )),
    r(
        "GET",
        "/templates/{id}",
        Op::GetTemplate,
        Perm("templates:read"),
        "Get a template",
        None,
        "TemplateView",
    ),
    r(
        "PATCH",
        "/templates/{id}",
        Op::UpdateTemplate,
        Perm("templates:write"),
        "Update a template",
        Some("TemplatePatch"),
        "TemplateView",
    ),
    r(
        "DELETE",
        "/templates/{id}",
        Op::DeleteTemplate,
        Perm("templates:write"),
        "Soft-delete a template",
        None,
        "Deleted",
    ),
    list(
        r(
            "GET",
            "/jobs",
            Op::ListJobs,
            Perm("jobs:read"),
            "List jobs",
            None,
            "JobView",
        ),
        &[p("status", Kind::Enum(JOB_STATUS_NAMES), "only jobs in this status")],
    ),
    Route {
        query: &[
            p("name", Kind::Text { max: 200 }, "CSV body: the job's name"),
            p("template_id", Kind::Text { max: 64 }, "CSV body: a stored template"),
            p("target_score", SCORE, "CSV body: revise until this score"),
            p("max_attempts", Kind::Int { min: 1, max: 5 }, "CSV body: provider calls per item"),
            p("skip_invalid", Kind::Bool, "CSV body: invalid rows become failed items (default true)"),
            p("approve_min_score", SCORE, "CSV body: approve items scoring at least this when generated"),
        ],
        ..created(r(
            "POST",
            "/jobs",
            Op::CreateJob,
            Perm("jobs:write"),
            "Create a bulk job from JSON products or a WooCommerce CSV export (text/csv)",
            Some("CreateJob"),
            "JobView",
        ))
    },
    r(
        "GET",
        "/jobs/{id}",
        Op::GetJob,
        Perm("jobs:read"),
        "Get a job with its progress",
        None,
        "JobView",
    ),
    r(
        "POST",
        "/jobs/{id}/cancel",
        Op::CancelJob,
        Perm("jobs:write"),
        "Cancel a job (pending items are cancelled)",
        None,
        "JobView",
    ),
    r(
        "DELETE",
        "/jobs/{id}",
        Op::DeleteJob,
        Perm("jobs:write"),
        "Delete a job and its items",
        None,
        "Deleted",
    ),
    list(
        r(
            "GET",
            "/jobs/{id}/items",
            Op::ListItems,
            Perm("jobs:read"),
            "List a job's items",
            None,
            "ItemView",
        ),
        &[
            p("status", Kind::Enum(ITEM_STATUS_NAMES), "only items in this status"),
            p("min_score", SCORE, "score at least"),
            p("max_score", SCORE, "score at most"),
        ],
    ),
    query(
        r(
            "GET",
            "/jobs/{id}/export",
            Op::ExportJob,
            Perm("jobs:read"),
            "Export results as JSON or WooCommerce CSV",
            None,
            "ExportRow[]",
        ),
        &[
            p("format", Kind::Enum(&["json", "csv"]), "json (default) or csv (WooCommerce import)"),
            p("status", Kind::Enum(&["approved", "generated", "all"]), "which items (default approved)"),
        ],
    ),
    r(
        "GET",
        "/items/{id}",
        Op::GetItem,
        Perm("jobs:read"),
        "Get an item with its analysis",
        None,
        "ItemView",
    ),
    r(
        "PATCH",
        "/items/{id}",
        Op::UpdateItem,
        Perm("items:review"),
        "Record the item's sync status",
        Some("ItemPatch"),
        "ItemView",
    ),
    Route {
        status: 202,
        idempotent: true,
        ..r(
            "POST",
            "/items/{id}/regenerate",
            Op::RegenerateItem,
            Perm("jobs:write"),
            "Queue a new generation for an item",
            Some("RegenerateRequest"),
            "ItemView",
        )
    },
    r(
        "POST",
        "/items/{id}/approve",
        Op::ApproveItem,
        Perm("items:review"),
        "Approve a generated item",
        None,
        "ItemView",
    ),
    r(
        "POST",
        "/items/{id}/reject",
        Op::RejectItem,
        Perm("items:review"),
        "Reject a generated item",
        None,
        "ItemView",
    ),
    query(
        r(
            "GET",
            "/usage",
            Op::GetUsage,
            Perm("usage:read"),
            "Usage and quota for a month",
            None,
            "UsageView",
        ),
        &[p("month", Kind::Month, "YYYY-MM (default: the current month, UTC)")],
    ),
    list(
        r(
            "GET",
            "/keys",
            Op::ListKeys,
            Perm("keys:admin"),
            "List API keys",
            None,
            "ApiKeyView",
        ),
        &[],
    ),
    created(r(
        "POST",
        "/keys",
        Op::CreateKey,
        Perm("keys:admin"),
        "Create an API key (shown once)",
        Some("CreateKey"),
        "ApiKeyView",
    )),
    r(
        "DELETE",
        "/keys/{id}",
        Op::RevokeKey,
        Perm("keys:admin"),
        "Revoke an API key",
        None,
        "ApiKeyView",
    ),
    list(
        r(
            "GET",
            "/integrations",
            Op::ListIntegrations,
            Perm("integrations:admin"),
            "List integrations",
            None,
            "IntegrationView",
        ),
        &[],
    ),
    created(r(
        "POST",
        "/integrations",
        Op::CreateIntegration,
        Perm("integrations:admin"),
        "Add an LLM integration or a WooCommerce store (credentials stored encrypted)",
        Some("NewIntegration"),
        "IntegrationView",
    )),
    r(
        "DELETE",
        "/integrations/{id}",
        Op::DeleteIntegration,
        Perm("integrations:admin"),
        "Delete an integration",
        None,
        "Deleted",
    ),
    r(
        "PATCH",
        "/integrations/{id}",
        Op::UpdateIntegration,
        Perm("integrations:admin"),
        "Change a store's name, keys or settings (settings merged over the stored ones)",
        Some("StorePatch"),
        "IntegrationView",
    ),
    r(
        "POST",
        "/integrations/{id}/test",
        Op::TestStore,
        Perm("integrations:admin"),
        "Test a store's URL and keys (one request to it)",
        None,
        "StoreTest",
    ),
    Route {
        status: 202,
        ..r(
            "POST",
            "/integrations/{id}/pull",
            Op::PullStore,
            Perm("catalog:write"),
            "Pull a store's products into the catalog (incremental unless full)",
            Some("PullRequest"),
            "SyncRunView",
        )
    },
    Route {
        status: 202,
        ..r(
            "POST",
            "/integrations/{id}/push",
            Op::PushStore,
            Perm("catalog:write"),
            "Push approved content to a store (conflicts are reported, not overwritten)",
            Some("PushRequest"),
            "SyncRunView",
        )
    },
    list(
        r(
            "GET",
            "/integrations/{id}/syncs",
            Op::ListSyncs,
            Perm("catalog:read"),
            "List a store's sync runs, newest first",
            None,
            "SyncRunView",
        ),
        &[],
    ),
    r(
        "GET",
        "/syncs/{id}",
        Op::GetSync,
        Perm("catalog:read"),
        "Get a sync run with its progress and errors",
        None,
        "SyncRunView",
    ),
    r(
        "POST",
        "/syncs/{id}/cancel",
        Op::CancelSync,
        Perm("catalog:write"),
        "Cancel an active sync run",
        None,
        "SyncRunView",
    ),
    list(
        r(
            "GET",
            "/products",
            Op::ListProducts,
            Perm("catalog:read"),
            "List the catalog's products, filtered",
            None,
            "CatalogProduct",
        ),
        CATALOG_FILTERS,
    ),
    // Before `/products/{id}`: the router takes the first match.
    query(
        r(
            "GET",
            "/products/stats",
            Op::CatalogStats,
            Perm("catalog:read"),
            "Catalog summary: counts by status, score histogram",
            None,
            "CatalogStats",
        ),
        &[p("source", Kind::Text { max: 64 }, "only this source")],
    ),
    r(
        "GET",
        "/products/{id}",
        Op::GetProduct,
        Perm("catalog:read"),
        "Get a catalog product with its content's analysis",
        None,
        "CatalogProduct",
    ),
    query(
        r(
            "GET",
            "/products/{id}/jsonld",
            Op::ProductJsonLd,
            Perm("catalog:read"),
            "A catalog product's schema.org Product JSON-LD with Google's rich result checks",
            None,
            "JsonLdResult",
        ),
        &[
            p("include", Kind::Enum(&["approved", "generated"]), "approved (default): the description of approved content, else the product's own; generated: content waiting for review too"),
            p("currency", Kind::Text { max: 16 }, "ISO 4217 currency when the product names none"),
            p("brand", Kind::Text { max: 200 }, "brand when the product names none"),
            p("url", Kind::Text { max: 2_000 }, "the product page's URL when the product has none"),
        ],
    ),
    r(
        "DELETE",
        "/products/{id}",
        Op::DeleteProduct,
        Perm("catalog:write"),
        "Delete a catalog product",
        None,
        "Deleted",
    ),
    query(
        r(
            "GET",
            "/exports/{channel}",
            Op::ExportCatalog,
            Perm("catalog:read"),
            "The catalog's approved content as a feed: woocommerce, amazon, ebay, kaufland (CSV/TSV), allegro, jsonld (JSON); streamed",
            None,
            "ExportReport",
        ),
        EXPORT_PARAMS,
    ),
    r(
        "GET",
        "/export-profiles",
        Op::ListExportProfiles,
        Perm("catalog:read"),
        "The tenant's export profiles (stored feed options), by channel",
        None,
        "ExportProfileView[]",
    ),
    r(
        "GET",
        "/export-profiles/{channel}",
        Op::GetExportProfile,
        Perm("catalog:read"),
        "A channel's export profile",
        None,
        "ExportProfileView",
    ),
    r(
        "PUT",
        "/export-profiles/{channel}",
        Op::PutExportProfile,
        Perm("catalog:write"),
        "Store a channel's export profile: currency, brand, locale, category and category map, stock, constant columns (replaces the stored one)",
        Some("ExportProfile"),
        "ExportProfileView",
    ),
    r(
        "DELETE",
        "/export-profiles/{channel}",
        Op::DeleteExportProfile,
        Perm("catalog:write"),
        "Delete a channel's export profile",
        None,
        "Deleted",
    ),
    created(r(
        "POST",
        "/webhook-secrets",
        Op::CreateWebhookSecret,
        Perm("integrations:admin"),
        "Add a webhook signing secret (generated, or the given one; shown once; at most two active)",
        Some("CreateWebhookSecret"),
        "WebhookSecretView",
    )),
    list(
        r(
            "GET",
            "/webhook-secrets",
            Op::ListWebhookSecrets,
            Perm("integrations:admin"),
            "List webhook signing secrets (never the secrets themselves)",
            None,
            "WebhookSecretView",
        ),
        &[],
    ),
    r(
        "DELETE",
        "/webhook-secrets/{id}",
        Op::RevokeWebhookSecret,
        Perm("integrations:admin"),
        "Revoke a webhook signing secret",
        None,
        "WebhookSecretView",
    ),
    r(
        "POST",
        "/webhooks/{source}",
        Op::ReceiveWebhook,
        Auth::Webhook,
        "Upsert products into the catalog by id (signed: X-Proseo-Webhook-Id, X-Proseo-Timestamp, X-Proseo-Signature = sha256=HMAC-SHA256(secret, timestamp + \".\" + raw body))",
        Some("WebhookDelivery"),
        "WebhookResult",
    ),
];

const F_SOURCE: Param = p(
    "source",
    Kind::Text { max: 64 },
    "a store's integration id or a webhook source",
);
const F_STATUS: Param = p(
    "status",
    Kind::Enum(crate::catalog::STATUS_NAMES),
    "only products in this status",
);
const F_MIN_SCORE: Param = p("min_score", SCORE, "score at least");
const F_MAX_SCORE: Param = p("max_score", SCORE, "score at most");
const F_MISSING: Param = p(
    "missing_description",
    Kind::Bool,
    "only products whose source description is blank (true) or not (false)",
);
const F_CHANGED: Param = p(
    "changed",
    Kind::Bool,
    "only products whose content is stale (true) or current (false)",
);
const F_Q: Param = p(
    "q",
    Kind::Text { max: 200 },
    "name or SKU contains this, or the external id is it",
);

/// The filters of `GET /products`.
const CATALOG_FILTERS: &[Param] = &[
    F_SOURCE,
    F_STATUS,
    F_MIN_SCORE,
    F_MAX_SCORE,
    F_MISSING,
    F_CHANGED,
    F_Q,
];

/// `GET /exports/{channel}`: the catalog filters, the selection, the channel options, the
/// answer's form.
const EXPORT_PARAMS: &[Param] = &[
    F_SOURCE,
    F_STATUS,
    F_MIN_SCORE,
    F_MAX_SCORE,
    F_MISSING,
    F_CHANGED,
    F_Q,
    p(
        "ids",
        Kind::Text { max: 6_600 },
        "only these catalog products: 1 to 100 comma-separated ids",
    ),
    p(
        "job_id",
        Kind::Text { max: 64 },
        "only products whose current content came from this job",
    ),
    p(
        "include",
        Kind::Enum(&["approved", "generated"]),
        "approved (default): approved content only; generated: content waiting for review too",
    ),
    p(
        "currency",
        Kind::Text { max: 16 },
        "ISO 4217 currency of products that name none",
    ),
    p(
        "brand",
        Kind::Text { max: 200 },
        "brand of products that name none",
    ),
    p(
        "locale",
        Kind::Text { max: 35 },
        "BCP 47 listing locale (Kaufland locale, Allegro language, eBay site)",
    ),
    p(
        "category",
        Kind::Text { max: 200 },
        "marketplace category of every product (eBay/Allegro category id, Amazon feed_product_type, Kaufland category)",
    ),
    p(
        "quantity",
        Kind::Int {
            min: 0,
            max: 1_000_000,
        },
        "stock of products in stock whose quantity is unknown",
    ),
    p(
        "strict",
        Kind::Bool,
        "true: refuse the export (422 export_rows_invalid) if any row breaks a rule",
    ),
    p(
        "report",
        Kind::Bool,
        "true: answer the check's report (JSON) instead of the feed",
    ),
];

/// Must the route's request carry a body? (The ones whose fields are all optional accept none.)
pub fn body_required(route: &Route) -> bool {
    !matches!(
        route.request,
        None | Some(
            "RegenerateRequest"
                | "CreateJwtKey"
                | "CreateWebhookSecret"
                | "PullRequest"
                | "PushRequest"
        )
    )
}

/// Longest path parameter (ids are far shorter); longer ones are no route (404).
pub const MAX_PARAM_LEN: usize = 64;

/// The API's path prefix.
pub const PREFIX: &str = "/api/v1";

/// Finds the route for `method` and `path` (with the prefix), with its path parameters.
pub fn find(method: &str, path: &str) -> Result<(&'static Route, Vec<String>), ApiError> {
    let rest = path
        .strip_prefix(PREFIX)
        .filter(|r| r.is_empty() || r.starts_with('/'))
        .ok_or_else(|| ApiError::not_found("route"))?;
    let rest = if rest.len() > 1 {
        rest.trim_end_matches('/')
    } else {
        rest
    };
    // The most literal patterns win: `/products/stats` is not `/products/{id}` with id
    // "stats", for routing as for the `Allow` header.
    let mut best: Option<usize> = None;
    let mut matches: Vec<(&'static Route, Vec<String>)> = Vec::new();
    for route in ROUTES {
        if let Some(params) = match_path(route.path, rest) {
            match best {
                Some(b) if params.len() > b => continue,
                Some(b) if params.len() < b => matches.clear(),
                _ => {}
            }
            best = Some(params.len());
            matches.push((route, params));
        }
    }
    let mut allowed: Vec<&str> = Vec::new();
    for (route, params) in matches {
        if route.method == method || (method == "HEAD" && route.method == "GET") {
            return Ok((route, params));
        }
        if !allowed.contains(&route.method) {
            allowed.push(route.method);
        }
    }
    if allowed.is_empty() {
        Err(ApiError::not_found("route"))
    } else {
        Err(ApiError::new(
            405,
            "method_not_allowed",
            format!("{method} is not allowed here; use {}", allowed.join(", ")),
        )
        .with_header("Allow", allowed.join(", ")))
    }
}

fn match_path(pattern: &str, path: &str) -> Option<Vec<String>> {
    let mut params = Vec::new();
    let mut p = pattern.split('/');
    let mut s = path.split('/');
    loop {
        match (p.next(), s.next()) {
            (None, None) => return Some(params),
            (Some(a), Some(b)) if a.starts_with('{') => {
                if b.is_empty() || b.len() > MAX_PARAM_LEN {
                    return None;
                }
                params.push(b.to_owned());
            }
            (Some(a), Some(b)) if a == b => {}
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching() {
        let (r, p) = find("GET", "/api/v1/jobs/job_1/items").unwrap();
        assert_eq!((r.op, p), (Op::ListItems, vec!["job_1".to_owned()]));
        assert_eq!(find("GET", "/api/v1/jobs/").unwrap().0.op, Op::ListJobs);
        assert_eq!(find("HEAD", "/api/v1/health").unwrap().0.op, Op::Health);
        let e = find("PUT", "/api/v1/jobs").unwrap_err();
        assert_eq!((e.status, e.code.as_ref()), (405, "method_not_allowed"));
        assert_eq!(e.headers, vec![("Allow", "GET, POST".to_owned())]);
        assert_eq!(find("GET", "/api/v1/nope").unwrap_err().status, 404);
        assert_eq!(find("GET", "/api/v10/jobs").unwrap_err().status, 404);
        assert_eq!(find("GET", "/").unwrap_err().status, 404);
        // A literal segment beats a parameter, for the route and for `Allow`.
        assert_eq!(
            find("GET", "/api/v1/products/stats").unwrap().0.op,
            Op::CatalogStats
        );
        let e = find("DELETE", "/api/v1/products/stats").unwrap_err();
        assert_eq!(e.headers, vec![("Allow", "GET".to_owned())]);
        let e = find("OPTIONS", "/api/v1/products/prd_1").unwrap_err();
        assert_eq!(e.headers, vec![("Allow", "GET, DELETE".to_owned())]);
        assert_eq!(
            find("GET", "/api/v1/products/prd_1/jsonld").unwrap().0.op,
            Op::ProductJsonLd
        );
        assert_eq!(
            find("PUT", "/api/v1/export-profiles/ebay").unwrap().0.op,
            Op::PutExportProfile
        );
    }

    #[test]
    fn table_is_consistent() {
        let mut seen = std::collections::HashSet::new();
        for r in ROUTES {
            assert!(
                seen.insert((r.method, r.path)),
                "duplicate {} {}",
                r.method,
                r.path
            );
            assert_eq!(
                r.request.is_some(),
                matches!(r.method, "POST" | "PATCH" | "PUT")
                    && !r.path.ends_with("/cancel")
                    && !r.path.ends_with("/approve")
                    && !r.path.ends_with("/reject")
                    && !r.path.ends_with("/requeue")
                    && !r.path.ends_with("/test"),
                "{} {}",
                r.method,
                r.path
            );
        }
    }
}
