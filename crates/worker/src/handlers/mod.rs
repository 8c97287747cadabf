//! Route handlers, one module per resource, and what they share: option resolution, provider
//! selection, quota.

pub mod admin;
pub mod idempotency;
pub mod integrations;
pub mod items;
pub mod jobs;
pub mod stateless;
pub mod templates;

use proseo_core::prompt::PromptOptions;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::api::{decode_value, ApiError, ApiResult};
use crate::crypto;
use crate::db::Db;
use crate::fetch::WorkerFetch;
use crate::providers::{
    Anthropic, Generation, LlmSettings, Offline, OpenAiCompatible, Provider, ProviderError,
    ProviderInfo, Task,
};
use crate::routes::{Op, Route};
use crate::{args, Ctx, Reply, Req};

/// Runs the handler of `route`.
pub async fn dispatch(cx: &Ctx<'_>, route: &Route, req: &Req) -> ApiResult<Reply> {
    match route.op {
        Op::Health => stateless::health(cx).await,
        Op::OpenApi => Ok(Reply {
            status: 200,
            data: Value::Null,
            pagination: None,
            raw: Some((
                "application/json; charset=utf-8",
                crate::openapi::DOCUMENT.to_owned(),
                None,
            )),
            headers: Vec::new(),
        }),
        Op::AdminCreateTenant => admin::create_tenant(cx, req).await,
        Op::AdminRequeueJob => admin::requeue_job(cx, req).await,
        Op::Analyze => stateless::analyze(req),
        Op::Validate => stateless::validate(req),
        Op::RenderPrompt => stateless::render(cx, req).await,
        Op::Generate => stateless::generate(cx, req).await,
        Op::ListTemplates => templates::list(cx, req).await,
        Op::CreateTemplate => templates::create(cx, req).await,
        Op::GetTemplate => templates::get(cx, req).await,
        Op::UpdateTemplate => templates::update(cx, req).await,
        Op::DeleteTemplate => templates::delete(cx, req).await,
        Op::ListJobs => jobs::list(cx, req).await,
        Op::CreateJob => jobs::create(cx, req).await,
        Op::GetJob => jobs::get(cx, req).await,
        Op::CancelJob => jobs::cancel(cx, req).await,
        Op::DeleteJob => jobs::delete(cx, req).await,
        Op::ExportJob => jobs::export(cx, req).await,
        Op::ListItems => items::list(cx, req).await,
        Op::GetItem => items::get(cx, req).await,
        Op::UpdateItem => items::update(cx, req).await,
        Op::RegenerateItem => items::regenerate(cx, req).await,
        Op::ApproveItem => items::review(cx, req, "approved").await,
        Op::RejectItem => items::review(cx, req, "rejected").await,
        Op::GetUsage => admin::usage(cx, req).await,
        Op::ListKeys => admin::list_keys(cx, req).await,
        Op::CreateKey => admin::create_key(cx, req).await,
        Op::RevokeKey => admin::revoke_key(cx, req).await,
        Op::ListIntegrations => integrations::list(cx, req).await,
        Op::CreateIntegration => integrations::create(cx, req).await,
        Op::DeleteIntegration => integrations::delete(cx, req).await,
    }
}

#[derive(Deserialize)]
struct TemplateOptions {
    id: String,
    template: String,
    options: String,
}

/// Prompt options for a request: the stored template's (the named one, else the tenant's
/// default, else the built-in defaults), with the request's `options` merged over them.
/// Returns the options and the template id used.
pub async fn resolve_options(
    db: &Db,
    tenant_id: &str,
    template_id: Option<&str>,
    overrides: Option<&Map<String, Value>>,
) -> ApiResult<(PromptOptions, Option<String>)> {
    let row: Option<TemplateOptions> = match template_id {
        Some(id) => Some(
            db.first(
                "SELECT id, template, options FROM templates WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL",
                &args![id, tenant_id],
            )
            .await?
            .ok_or_else(|| ApiError::not_found("template"))?,
        ),
        None => {
            db.first(
                "SELECT id, template, options FROM templates WHERE tenant_id = ? AND is_default = 1 AND deleted_at IS NULL",
                &args![tenant_id],
            )
            .await?
        }
    };
    let mut base = match &row {
        Some(t) => {
            let mut m: Map<String, Value> = serde_json::from_str(&t.options).unwrap_or_default();
            m.insert(
                "template".into(),
                serde_json::from_str(&t.template).unwrap_or(Value::Null),
            );
            m
        }
        None => Map::new(),
    };
    if let Some(o) = overrides {
        merge(&mut base, o);
    }
    let options: PromptOptions =
        decode_value(Value::Object(base)).map_err(|e| crate::api::under("/options", e))?;
    Ok((options, row.map(|t| t.id)))
}

/// Shallow merge, one level deep for objects (so `{"voice": {"tone": "x"}}` keeps the
/// template's banned words).
pub fn merge(base: &mut Map<String, Value>, over: &Map<String, Value>) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(Value::Object(b)), Value::Object(o)) => {
                for (k2, v2) in o {
                    b.insert(k2.clone(), v2.clone());
                }
            }
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// A provider chosen for a request or job item.
pub enum AnyProvider {
    /// The core's writer.
    Offline(Offline),
    /// OpenAI-compatible.
    OpenAi(OpenAiCompatible<'static, WorkerFetch>),
    /// Anthropic.
    Anthropic(Anthropic<'static, WorkerFetch>),
}

static FETCH: WorkerFetch = WorkerFetch;

impl Provider for AnyProvider {
    fn info(&self) -> ProviderInfo {
        match self {
            AnyProvider::Offline(p) => p.info(),
            AnyProvider::OpenAi(p) => p.info(),
            AnyProvider::Anthropic(p) => p.info(),
        }
    }
    fn deterministic(&self) -> bool {
        matches!(self, AnyProvider::Offline(_))
    }
    fn prices(&self) -> (f64, f64) {
        match self {
            AnyProvider::Offline(p) => p.prices(),
            AnyProvider::OpenAi(p) => p.prices(),
            AnyProvider::Anthropic(p) => p.prices(),
        }
    }
    async fn generate(&self, task: Task<'_>) -> Result<Generation, ProviderError> {
        match self {
            AnyProvider::Offline(p) => p.generate(task).await,
            AnyProvider::OpenAi(p) => p.generate(task).await,
            AnyProvider::Anthropic(p) => p.generate(task).await,
        }
    }
}

#[derive(Deserialize)]
struct IntegrationRow {
    #[serde(rename = "type")]
    kind: String,
    credentials: Option<String>,
    settings: String,
}

/// The provider for a tenant: the named integration, else the default one, else the offline
/// writer.
pub async fn provider_for(
    db: &Db,
    master_key: Option<&str>,
    tenant_id: &str,
    integration_id: Option<&str>,
) -> ApiResult<AnyProvider> {
    let row: Option<IntegrationRow> = match integration_id {
        Some(id) => Some(
            db.first(
                "SELECT type, credentials, settings FROM integrations WHERE id = ? AND tenant_id = ?",
                &args![id, tenant_id],
            )
            .await?
            .ok_or_else(|| ApiError::not_found("integration"))?,
        ),
        None => {
            db.first(
                "SELECT type, credentials, settings FROM integrations WHERE tenant_id = ? AND is_default = 1",
                &args![tenant_id],
            )
            .await?
        }
    };
    let Some(row) = row else {
        return Ok(AnyProvider::Offline(Offline));
    };
    let settings: LlmSettings = serde_json::from_str(&row.settings).unwrap_or_default();
    let api_key = match &row.credentials {
        Some(sealed) => {
            let master = master_key.ok_or_else(|| {
                crate::log::error("config", "ENCRYPTION_KEY is not set");
                ApiError::internal()
            })?;
            let plain = crypto::open(master.as_bytes(), tenant_id, sealed).map_err(|e| {
                crate::log::error("crypto", &format!("cannot open credentials: {e:?}"));
                ApiError::internal()
            })?;
            let creds: crate::wire::Credentials =
                serde_json::from_slice(&plain).unwrap_or_default();
            creds.api_key
        }
        None => None,
    };
    Ok(match row.kind.as_str() {
        "openai" | "openai_compatible" => AnyProvider::OpenAi(OpenAiCompatible {
            kind: if row.kind == "openai" {
                "openai"
            } else {
                "openai_compatible"
            },
            api_key,
            settings,
            transport: &FETCH,
        }),
        "anthropic" => AnyProvider::Anthropic(Anthropic {
            api_key: api_key.unwrap_or_default(),
            settings,
            transport: &FETCH,
        }),
        _ => AnyProvider::Offline(Offline),
    })
}

/// Generations used this month and the limit; 429 `quota_exceeded` when `requested` more do
/// not fit.
pub async fn check_quota(cx: &Ctx<'_>, requested: i64) -> ApiResult<()> {
    let p = cx.who()?;
    let Some(limit) = p.tenant.monthly_generations else {
        return Ok(());
    };
    let used = generations_used(&cx.db, &p.tenant.id, &crate::time::month(cx.now)).await?;
    if used + requested > limit {
        return Err(ApiError::new(
            429,
            "quota_exceeded",
            format!(
                "monthly generation quota reached ({used} of {limit} used, {requested} requested)"
            ),
        )
        .with_details(
            serde_json::json!({ "limit": limit, "used": used, "requested": requested }),
        ));
    }
    Ok(())
}

/// Generations billed to `tenant_id` in `month`.
pub async fn generations_used(db: &Db, tenant_id: &str, month: &str) -> ApiResult<i64> {
    let n = db
        .count(
            "SELECT COUNT(*) AS n FROM usage_events WHERE tenant_id = ? AND month = ?",
            &args![tenant_id, month],
        )
        .await?;
    Ok(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Checks a channel name.
pub fn channel(name: Option<&str>, fallback: &str) -> ApiResult<proseo_core::validate::Channel> {
    let n = name.unwrap_or(fallback);
    proseo_core::validate::Channel::parse(n).ok_or_else(|| {
        ApiError::field(
            "/channel",
            "unknown_channel",
            format!(
                "unknown channel `{n}`; one of: {}",
                proseo_core::validate::Channel::all()
                    .iter()
                    .map(|c| c.id())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_is_one_level_deep() {
        let mut base =
            json!({"voice": {"tone": "calm", "banned_words": ["cheap"]}, "language": "en"})
                .as_object()
                .cloned()
                .unwrap();
        let over = json!({"voice": {"tone": "playful"}, "channel": "amazon"})
            .as_object()
            .cloned()
            .unwrap();
        merge(&mut base, &over);
        assert_eq!(
            Value::Object(base),
            json!({"voice": {"tone": "playful", "banned_words": ["cheap"]}, "language": "en", "channel": "amazon"})
        );
    }
}
