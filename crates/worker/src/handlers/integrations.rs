//! Integrations: LLM providers and WooCommerce stores (type `woocommerce`). Credentials are
//! sealed with AES-256-GCM under a per-tenant key and never returned. A store's sync state
//! lives in `stores` (written by `crate::connectors::runs`); its runs by the connector.

use serde::Deserialize;
use serde_json::json;

use crate::api::{decode, decode_value, ApiError, ApiResult, PageRequest};
use crate::connectors::{runs, woo};
use crate::crypto;
use crate::wire::{
    CreateIntegration, CreateStore, Deleted, IntegrationView, StorePatch, StoreState,
};
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

fn view(r: Row, store: Option<StoreState>) -> IntegrationView {
    IntegrationView {
        settings: serde_json::from_str(&r.settings).unwrap_or_else(|_| json!({})),
        id: r.id,
        kind: r.kind,
        name: r.name,
        credentials_hint: r.credentials_hint,
        is_default: r.is_default == 1,
        created_at: time::rfc3339(r.created_at),
        store,
    }
}

/// Rows as views, with the stores' sync state (one query for the page's stores, one per last
/// run).
async fn views(cx: &Ctx<'_>, tenant: &str, rows: Vec<Row>) -> ApiResult<Vec<IntegrationView>> {
    let stores: Vec<&str> = rows
        .iter()
        .filter(|r| r.kind == "woocommerce")
        .map(|r| r.id.as_str())
        .collect();
    let states = if stores.is_empty() {
        Vec::new()
    } else {
        runs::states(&cx.db, tenant, &stores).await?
    };
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let state = match states.iter().find(|s| s.integration_id == r.id) {
            Some(s) => Some(super::stores::state_view(cx, tenant, s).await?),
            None => None,
        };
        out.push(view(r, state));
    }
    Ok(out)
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
        json!(views(cx, tenant, rows).await?),
        page.meta(total),
    ))
}

#[derive(Deserialize)]
struct TypeProbe {
    #[serde(rename = "type")]
    kind: String,
}

/// `POST /integrations`: a provider (`CreateIntegration`) or a store (`CreateStore`).
pub async fn create(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let probe: TypeProbe = decode(req)?;
    if probe.kind == "woocommerce" {
        return create_store(cx, req).await;
    }
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
    created(cx, tenant, &id).await
}

async fn created(cx: &Ctx<'_>, tenant: &str, id: &str) -> ApiResult<Reply> {
    let row: Row = cx
        .db
        .first(
            &format!("SELECT {COLS} FROM integrations WHERE id = ? AND tenant_id = ?"),
            &args![id, tenant],
        )
        .await?
        .ok_or_else(ApiError::internal)?;
    let mut v = views(cx, tenant, vec![row]).await?;
    Ok(Reply::status(201, json!(v.pop())))
}

/// A WooCommerce store: its URL must be HTTPS (loopback excepted), its keys are sealed, and
/// its schedule starts now.
async fn create_store(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let mut s: CreateStore = decode(req)?;
    s.settings.store_url = woo::check_store_url(&s.settings.store_url)
        .map_err(|why| ApiError::field("/settings/store_url", "store_url_not_allowed", why))?;
    s.settings.seo_meta.dedup();
    let master = crate::config::encryption_key(cx.env).ok_or_else(|| {
        crate::log::error("config", "ENCRYPTION_KEY is not set");
        ApiError::internal()
    })?;
    let sealed = crypto::seal(
        master.as_bytes(),
        tenant,
        ids::nonce()?,
        json!(s.credentials).to_string().as_bytes(),
    );
    let id = ids::id("int")?;
    let next = s
        .settings
        .sync_interval_minutes
        .map(|m| cx.now + i64::from(m) * 60_000);
    cx.db
        .batch(vec![
            cx.db.stmt(
                "INSERT INTO integrations (id, tenant_id, type, name, credentials, credentials_hint, settings, is_default, created_at, updated_at) \
                 VALUES (?, ?, 'woocommerce', ?, ?, ?, ?, 0, ?, ?)",
                &args![&id, tenant, s.name.trim(), sealed, crypto::hint(&s.credentials.consumer_key), json!(s.settings).to_string(), cx.now, cx.now],
            )?,
            runs::create_store(&cx.db, tenant, &id, next, cx.now)?,
        ])
        .await?;
    cx.audit(
        "integration.create",
        "integration",
        &id,
        json!({ "type": "woocommerce", "store_url": s.settings.store_url }),
    )
    .await?;
    created(cx, tenant, &id).await
}

#[derive(Deserialize)]
struct StoreRow {
    #[serde(rename = "type")]
    kind: String,
    settings: String,
}

/// `PATCH /integrations/{id}` (stores only): name, keys, settings merged over the stored ones;
/// a changed schedule starts again from now.
pub async fn update(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let patch: StorePatch = decode(req)?;
    let row: StoreRow = cx
        .db
        .first(
            "SELECT type, settings FROM integrations WHERE id = ? AND tenant_id = ?",
            &args![req.id(), tenant],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("integration"))?;
    if row.kind != "woocommerce" {
        return Err(ApiError::new(
            409,
            "invalid_state",
            "only a store's settings change; delete a provider integration and create it again",
        )
        .with_details(json!({ "status": row.kind })));
    }
    let mut merged: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&row.settings).map_err(|e| {
            crate::log::error("corrupt_row", &format!("integration {}: {e}", req.id()));
            ApiError::internal()
        })?;
    let rescheduled = patch
        .settings
        .as_ref()
        .is_some_and(|s| s.contains_key("sync_interval_minutes"));
    for (k, v) in patch.settings.unwrap_or_default() {
        merged.insert(k, v);
    }
    let mut settings: woo::StoreSettings = decode_value(serde_json::Value::Object(merged))
        .map_err(|e| crate::api::under("/settings", e))?;
    settings.store_url = woo::check_store_url(&settings.store_url)
        .map_err(|why| ApiError::field("/settings/store_url", "store_url_not_allowed", why))?;
    settings.seo_meta.dedup();
    let mut stmts = vec![cx.db.stmt(
        "UPDATE integrations SET name = COALESCE(?, name), settings = ?, updated_at = ? WHERE id = ? AND tenant_id = ?",
        &args![patch.name.as_deref().map(str::trim), json!(settings).to_string(), cx.now, req.id(), tenant],
    )?];
    if let Some(creds) = &patch.credentials {
        let master = crate::config::encryption_key(cx.env).ok_or_else(|| {
            crate::log::error("config", "ENCRYPTION_KEY is not set");
            ApiError::internal()
        })?;
        let sealed = crypto::seal(
            master.as_bytes(),
            tenant,
            ids::nonce()?,
            json!(creds).to_string().as_bytes(),
        );
        stmts.push(cx.db.stmt(
            "UPDATE integrations SET credentials = ?, credentials_hint = ? WHERE id = ? AND tenant_id = ?",
            &args![sealed, crypto::hint(&creds.consumer_key), req.id(), tenant],
        )?);
    }
    if rescheduled {
        let next = settings
            .sync_interval_minutes
            .map(|m| cx.now + i64::from(m) * 60_000);
        stmts.push(runs::reschedule(&cx.db, tenant, req.id(), next, cx.now)?);
    }
    cx.db.batch(stmts).await?;
    cx.audit(
        "integration.update",
        "integration",
        req.id(),
        json!({ "credentials": patch.credentials.is_some(), "rescheduled": rescheduled }),
    )
    .await?;
    let row: Row = cx
        .db
        .first(
            &format!("SELECT {COLS} FROM integrations WHERE id = ? AND tenant_id = ?"),
            &args![req.id(), tenant],
        )
        .await?
        .ok_or_else(ApiError::internal)?;
    let mut v = views(cx, tenant, vec![row]).await?;
    Ok(Reply::ok(json!(v.pop())))
}

/// `DELETE /integrations/{id}`.
pub async fn delete(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    // A store's runs and sync state go with it (its catalog products stay).
    let mut stmts = runs::remove_store(&cx.db, tenant, req.id())?;
    stmts.push(cx.db.stmt(
        "DELETE FROM integrations WHERE id = ? AND tenant_id = ?",
        &args![req.id(), tenant],
    )?);
    let n = cx.db.batch(stmts).await?.last().copied().unwrap_or(0);
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
