//! Route handlers, one module per resource, and what they share: option resolution, channel
//! names. The job and item rows are written by [`crate::jobs`], never here.

pub mod admin;
pub mod catalog;
pub mod exports;
pub mod idempotency;
pub mod integrations;
pub mod items;
pub mod jobs;
pub mod jsonld;
pub mod jwt_keys;
pub mod stateless;
pub mod stores;
pub mod templates;
pub mod webhooks;

use proseo_core::prompt::PromptOptions;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::api::{decode_value, ApiError, ApiResult};
use crate::db::Db;
use crate::jobs::Action;
use crate::providers::select::SelectError;
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
            stream: None,
        }),
        Op::AdminCreateTenant => admin::create_tenant(cx, req).await,
        Op::AdminRequeueJob => admin::requeue_job(cx, req).await,
        Op::AdminCreateJwtKey => jwt_keys::create(cx, req).await,
        Op::AdminListJwtKeys => jwt_keys::list(cx, req).await,
        Op::AdminRevokeJwtKey => jwt_keys::revoke(cx, req).await,
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
        Op::ApproveItem => items::review(cx, req, Action::Approve).await,
        Op::RejectItem => items::review(cx, req, Action::Reject).await,
        Op::GetUsage => admin::usage(cx, req).await,
        Op::ListKeys => admin::list_keys(cx, req).await,
        Op::CreateKey => admin::create_key(cx, req).await,
        Op::RevokeKey => admin::revoke_key(cx, req).await,
        Op::ListIntegrations => integrations::list(cx, req).await,
        Op::CreateIntegration => integrations::create(cx, req).await,
        Op::DeleteIntegration => integrations::delete(cx, req).await,
        Op::ListProducts => catalog::list(cx, req).await,
        Op::CatalogStats => catalog::stats(cx, req).await,
        Op::GetProduct => catalog::get(cx, req).await,
        Op::DeleteProduct => catalog::delete(cx, req).await,
        Op::CreateWebhookSecret => webhooks::create_secret(cx, req).await,
        Op::ListWebhookSecrets => webhooks::list_secrets(cx, req).await,
        Op::RevokeWebhookSecret => webhooks::revoke_secret(cx, req).await,
        Op::ReceiveWebhook => webhooks::receive(cx, req).await,
        Op::UpdateIntegration => integrations::update(cx, req).await,
        Op::TestStore => stores::test(cx, req).await,
        Op::PullStore => stores::pull(cx, req).await,
        Op::PushStore => stores::push(cx, req).await,
        Op::ListSyncs => stores::list(cx, req).await,
        Op::GetSync => stores::get(cx, req).await,
        Op::CancelSync => stores::cancel(cx, req).await,
        Op::ExportCatalog => exports::catalog(cx, req).await,
        Op::ProductJsonLd => jsonld::product(cx, req).await,
        Op::JsonLd => jsonld::stateless(req),
        Op::ListExportProfiles => exports::list_profiles(cx, req).await,
        Op::GetExportProfile => exports::get_profile(cx, req).await,
        Op::PutExportProfile => exports::put_profile(cx, req).await,
        Op::DeleteExportProfile => exports::delete_profile(cx, req).await,
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
            let corrupt = |e: serde_json::Error| {
                crate::log::error("corrupt_row", &format!("template {}: {e}", t.id));
                ApiError::internal()
            };
            let mut m: Map<String, Value> = serde_json::from_str(&t.options).map_err(corrupt)?;
            m.insert(
                "template".into(),
                serde_json::from_str(&t.template).map_err(corrupt)?,
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

/// Options given over others: a shallow merge, one level deep for the option groups `voice`
/// and `extra` (so `{"voice": {"tone": "x"}}` keeps the template's banned words). Any other
/// value replaces the old one whole: a `template` of `{"custom": …}` over `{"builtin": …}` is
/// the custom template, not a mix of both.
pub fn merge(base: &mut Map<String, Value>, over: &Map<String, Value>) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(Value::Object(b)), Value::Object(o)) if k == "voice" || k == "extra" => {
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

impl From<SelectError> for ApiError {
    fn from(e: SelectError) -> Self {
        match e {
            SelectError::NotFound => ApiError::not_found("integration"),
            SelectError::Db(e) => e.into(),
            SelectError::Config(m) | SelectError::Corrupt(m) => {
                crate::log::error("provider_select", &m);
                ApiError::internal()
            }
        }
    }
}

/// Sends a job's outbox rows once they are committed. A failed send is logged, not returned:
/// the rows stay in the outbox for the sweeper, and the request has done its work (a 500 here
/// would make the client do it twice).
pub async fn pump_outbox(cx: &Ctx<'_>, tenant: &str, job_id: &str) {
    let window = crate::config::sweep(cx.env).window;
    if let Err(e) = crate::jobs::outbox::pump(&cx.db, cx.env, tenant, job_id, cx.now, window).await
    {
        crate::log::error("outbox_pump", &e.0);
    }
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
        let mut tpl = json!({"template": {"builtin": "long_description"}})
            .as_object()
            .cloned()
            .unwrap();
        merge(
            &mut tpl,
            json!({"template": {"custom": "x"}}).as_object().unwrap(),
        );
        assert_eq!(Value::Object(tpl), json!({"template": {"custom": "x"}}));
        assert_eq!(
            Value::Object(base),
            json!({"voice": {"tone": "playful", "banned_words": ["cheap"]}, "language": "en", "channel": "amazon"})
        );
    }
}
