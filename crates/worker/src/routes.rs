//! The route table: one list the router matches against and the OpenAPI document is generated
//! from (`openapi.rs`), so the two cannot drift.

use crate::api::ApiError;

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
}

/// Every operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Op {
    Health,
    OpenApi,
    AdminCreateTenant,
    AdminRequeueJob,
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
    /// `data` schema name (`null` for raw responses).
    pub response: &'static str,
    /// Success status.
    pub status: u16,
    /// Paginated list?
    pub list: bool,
    /// Query parameters besides `page`/`per_page`.
    pub query: &'static [&'static str],
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

const fn list(mut route: Route, query: &'static [&'static str]) -> Route {
    route.list = true;
    route.query = query;
    route
}

const fn query(mut route: Route, query: &'static [&'static str]) -> Route {
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
        &["q"],
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
        &["status"],
    ),
    Route {
        query: &[
            "name",
            "template_id",
            "target_score",
            "max_attempts",
            "skip_invalid",
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
        &["status", "min_score", "max_score"],
    ),
    query(
        r(
            "GET",
            "/jobs/{id}/export",
            Op::ExportJob,
            Perm("jobs:read"),
            "Export results as JSON or WooCommerce CSV",
            None,
            "ExportRow",
        ),
        &["format", "status"],
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
        &["month"],
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
        "Add an LLM integration (credentials stored encrypted)",
        Some("CreateIntegration"),
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
];

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
    let mut allowed: Vec<&str> = Vec::new();
    for route in ROUTES {
        if let Some(params) = match_path(route.path, rest) {
            if route.method == method || (method == "HEAD" && route.method == "GET") {
                return Ok((route, params));
            }
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
                if b.is_empty() || b.len() > 64 {
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
                matches!(r.method, "POST" | "PATCH")
                    && !r.path.ends_with("/cancel")
                    && !r.path.ends_with("/approve")
                    && !r.path.ends_with("/reject")
                    && !r.path.ends_with("/requeue"),
                "{} {}",
                r.method,
                r.path
            );
        }
    }
}
