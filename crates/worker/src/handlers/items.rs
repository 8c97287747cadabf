//! Job items: list with filters, get (with analysis and validation), sync status, regenerate,
//! approve/reject. The rows are written by [`crate::jobs`].

use serde_json::{json, Value};

use crate::api::{decode, ApiError, ApiResult, PageRequest};
use crate::jobs::store::{self, ItemFilter, ItemRow, Regenerate};
use crate::jobs::{Action, ItemStatus};
use crate::wire::{ItemError, ItemPatch, ItemUsage, ItemView, RegenerateRequest};
use crate::{time, Ctx, Reply, Req};

fn view(r: ItemRow) -> ItemView {
    ItemView {
        product: serde_json::from_str(&r.product).unwrap_or(Value::Null),
        content: r
            .content
            .as_deref()
            .and_then(|c| serde_json::from_str(c).ok()),
        error: r.error_code.map(|code| ItemError {
            code,
            message: r.error_message.unwrap_or_default(),
        }),
        usage: ItemUsage {
            provider: r.provider,
            model: r.model,
            input_tokens: r.input_tokens,
            output_tokens: r.output_tokens,
            cost_usd: crate::wire::usd(r.cost_micros),
            attempts: r.attempts,
        },
        analysis: r
            .analysis
            .as_deref()
            .and_then(|a| serde_json::from_str(a).ok()),
        validation: r
            .validation
            .as_deref()
            .and_then(|a| serde_json::from_str(a).ok()),
        unsafe_html: r.unsafe_html != 0,
        id: r.id,
        job_id: r.job_id,
        external_id: r.external_id,
        status: r.status,
        sync_status: r.sync_status,
        sync_error: r.sync_error,
        score: r.score,
        seo_score: r.seo_score,
        readability_score: r.readability_score,
        created_at: time::rfc3339(r.created_at),
        updated_at: time::rfc3339(r.updated_at),
    }
}

/// `GET /jobs/{id}/items`.
pub async fn list(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let page = PageRequest::from_query(&req.query)?;
    let status = req.query.get("status").and_then(ItemStatus::parse);
    let min = req
        .query
        .int("min_score")
        .and_then(|v| u32::try_from(v).ok());
    let max = req
        .query
        .int("max_score")
        .and_then(|v| u32::try_from(v).ok());
    if let (Some(a), Some(b)) = (min, max) {
        if a > b {
            return Err(ApiError::field(
                "min_score",
                "min_above_max",
                "min_score must not exceed max_score",
            ));
        }
    }
    let filter = ItemFilter {
        status,
        min_score: min,
        max_score: max,
    };
    let (total, rows) = store::list_items(
        &cx.db,
        tenant,
        req.id(),
        filter,
        page.per_page,
        page.offset(),
    )
    .await?;
    Ok(Reply::list(
        json!(rows.into_iter().map(view).collect::<Vec<_>>()),
        page.meta(total),
    ))
}

/// `GET /items/{id}`.
pub async fn get(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    Ok(Reply::ok(json!(view(
        store::load_item(&cx.db, cx.tenant_id()?, req.id()).await?
    ))))
}

/// `PATCH /items/{id}`: the shop reports whether it wrote the content.
pub async fn update(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let p: ItemPatch = decode(req)?;
    if !matches!(p.sync_status.as_str(), "pending" | "synced" | "failed") {
        return Err(ApiError::field(
            "/sync_status",
            "invalid_value",
            "sync_status must be pending, synced or failed",
        ));
    }
    let error = p
        .sync_error
        .as_deref()
        .filter(|_| p.sync_status == "failed");
    store::set_sync(&cx.db, tenant, req.id(), &p.sync_status, error, cx.now).await?;
    Ok(Reply::ok(json!(view(
        store::load_item(&cx.db, tenant, req.id()).await?
    ))))
}

/// `POST /items/{id}/approve|reject`.
pub async fn review(cx: &Ctx<'_>, req: &Req, action: Action) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    store::review(&cx.db, tenant, req.id(), action, cx.now).await?;
    cx.audit(
        if action == Action::Approve {
            "item.approve"
        } else {
            "item.reject"
        },
        "item",
        req.id(),
        json!({}),
    )
    .await?;
    Ok(Reply::ok(json!(view(
        store::load_item(&cx.db, tenant, req.id()).await?
    ))))
}

/// `POST /items/{id}/regenerate`: back to `pending` with optional new options and a new quota
/// reservation; its message is sent by the outbox (now, or by the sweeper if the send fails).
pub async fn regenerate(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?.to_owned();
    let r: RegenerateRequest = if !req.json_checked {
        RegenerateRequest::default()
    } else {
        decode(req)?
    };
    let item = store::load_item(&cx.db, &tenant, req.id()).await?;
    let options = match &r.options {
        Some(o) => {
            let job = store::load_job(&cx.db, &tenant, &item.job_id).await?;
            let mut base: serde_json::Map<String, Value> = serde_json::from_str(&job.options)
                .map_err(|e| {
                    crate::log::error("corrupt_row", &format!("job {}: {e}", job.id));
                    ApiError::internal()
                })?;
            super::merge(&mut base, o);
            let opts: proseo_core::prompt::PromptOptions =
                crate::api::decode_value(Value::Object(base))
                    .map_err(|e| crate::api::under("/options", e))?;
            Some(json!(opts).to_string())
        }
        None => None,
    };
    let regen = Regenerate {
        options,
        target_score: r.target_score,
    };
    let row = store::regenerate(&cx.db, &tenant, req.id(), &regen, cx.now).await?;
    super::pump_outbox(cx, &tenant, &row.job_id).await;
    cx.audit("item.regenerate", "item", req.id(), json!({}))
        .await?;
    Ok(Reply::status(
        202,
        json!(view(store::load_item(&cx.db, &tenant, req.id()).await?)),
    ))
}
