//! LLM integrations: credentials sealed with AES-256-GCM under a per-tenant key, never returned.

use serde::Deserialize;
use serde_json::json;

use crate::api::{decode, ApiError, ApiResult, PageRequest};
use crate::crypto;
use crate::wire::{CreateIntegration, Deleted, IntegrationView};
use crate::{args, ids, time, Ctx, Reply, Req};

#[derive(Deserialize)]
struct Row {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    name: String,
    settings: String,
    credentials_hint: Option<String>,
    is_default: i64,
    created_at: i64,
}

const COLS: &str = "id, type, name, settings, credentials_hint, is_default, created_at";

fn view(r: Row) -> IntegrationView {
    IntegrationView {
        id: r.id,
        kind: r.kind,
        name: r.name,
        settings: serde_json::from_str(&r.settings).unwrap_or_default(),
        credentials_hint: r.credentials_hint,
        is_default: r.is_default == 1,
        created_at: time::rfc3339(r.created_at),
    }
}

/// `GET /integrations`.
pub async fn list(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let page = PageRequest::from_query(&req.query)?;
    let total = cx
        .db
        .count(
            "SELECT COUNT(*) AS n FROM integrations WHERE tenant_id = ?",
            &args![tenant],
        )
        .await?;
    let rows: Vec<Row> = cx
        .db
        .all(&format!("SELECT {COLS} FROM integrations WHERE tenant_id = ? ORDER BY created_at, id LIMIT ? OFFSET ?"), &args![tenant, page.per_page, i64::try_from(page.offset()).unwrap_or(i64::MAX)])
        .await?;
    Ok(Reply::list(
        json!(rows.into_iter().map(view).collect::<Vec<_>>()),
        page.meta(total),
    ))
}

/// `POST /integrations`.
pub async fn create(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let mut i: CreateIntegration = decode(req)?;
    if let Some(url) = i.credentials.base_url.take() {
        if i.settings.base_url.is_some() {
            return Err(ApiError::field(
                "/credentials/base_url",
                "base_url_conflict",
                "give base_url once: in credentials or in settings",
            ));
        }
        i.settings.base_url = Some(url);
    }
    // Type, name and the settings' ranges were checked against the CreateIntegration schema;
    // what depends on the type is checked here.
    let key = i.credentials.api_key.as_deref().filter(|k| !k.is_empty());
    if matches!(i.kind.as_str(), "openai" | "anthropic") && key.is_none() {
        return Err(ApiError::field(
            "/credentials/api_key",
            "api_key_required",
            format!("{} needs an API key", i.kind),
        ));
    }
    if i.kind == "openai_compatible" && i.settings.base_url.is_none() {
        return Err(ApiError::field(
            "/settings/base_url",
            "base_url_required",
            "openai_compatible needs settings.base_url",
        ));
    }
    let sealed = match key {
        Some(_) => {
            let master = crate::config::encryption_key(cx.env).ok_or_else(|| {
                crate::log::error("config", "ENCRYPTION_KEY is not set");
                ApiError::internal()
            })?;
            Some(crypto::seal(
                master.as_bytes(),
                tenant,
                ids::nonce()?,
                json!(i.credentials).to_string().as_bytes(),
            ))
        }
        None => None,
    };
    let id = ids::id("int")?;
    let mut stmts = Vec::new();
    if i.is_default {
        stmts.push(cx.db.stmt("UPDATE integrations SET is_default = 0, updated_at = ? WHERE tenant_id = ? AND is_default = 1", &args![cx.now, tenant])?);
    }
    stmts.push(cx.db.stmt(
        "INSERT INTO integrations (id, tenant_id, type, name, credentials, credentials_hint, settings, is_default, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &args![&id, tenant, &i.kind, i.name.trim(), sealed, key.and_then(crypto::hint), json!(i.settings).to_string(), i.is_default, cx.now, cx.now],
    )?);
    cx.db.batch(stmts).await?;
    cx.audit(
        "integration.create",
        "integration",
        &id,
        json!({ "type": i.kind }),
    )
    .await?;
    let row: Row = cx
        .db
        .first(
            &format!("SELECT {COLS} FROM integrations WHERE id = ? AND tenant_id = ?"),
            &args![&id, tenant],
        )
        .await?
        .ok_or_else(ApiError::internal)?;
    Ok(Reply::status(201, json!(view(row))))
}

/// `DELETE /integrations/{id}`.
pub async fn delete(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let n = cx
        .db
        .run(
            "DELETE FROM integrations WHERE id = ? AND tenant_id = ?",
            &args![req.id(), tenant],
        )
        .await?;
    if n == 0 {
        return Err(ApiError::not_found("integration"));
    }
    cx.audit("integration.delete", "integration", req.id(), json!({}))
        .await?;
    Ok(Reply::ok(json!(Deleted {
        id: req.id().to_owned(),
        deleted: true
    })))
}
