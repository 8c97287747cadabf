//! Job items: list with filters, get (with analysis), sync status, regenerate, approve/reject.

use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::{decode, ApiError, ApiResult, PageRequest};
use crate::db::Db;
use crate::wire::{ItemError, ItemPatch, ItemUsage, ItemView, RegenerateRequest};
use crate::{args, time, Ctx, Reply, Req};

#[derive(Deserialize)]
pub(crate) struct ItemRow {
    pub id: String,
    pub job_id: String,
    pub external_id: Option<String>,
    pub status: String,
    pub sync_status: String,
    pub sync_error: Option<String>,
    pub product: String,
    pub content: Option<String>,
    pub score: Option<i64>,
    pub seo_score: Option<i64>,
    pub readability_score: Option<i64>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub provider: Option<String>,
    pub model: Option<String>,
    pub input_tokens: i64,
    pub output_tokens: i64,
    pub cost_micros: i64,
    pub attempts: i64,
    pub created_at: i64,
    pub updated_at: i64,
    #[serde(default)]
    pub analysis: Option<String>,
}

const COLS: &str = "id, job_id, external_id, status, sync_status, sync_error, product, content, score, seo_score, readability_score, error_code, error_message, provider, model, input_tokens, output_tokens, cost_micros, attempts, created_at, updated_at";

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

async fn load(db: &Db, tenant: &str, id: &str) -> ApiResult<ItemRow> {
    db.first(
        &format!("SELECT {COLS}, analysis FROM job_items WHERE id = ? AND tenant_id = ?"),
        &args![id, tenant],
    )
    .await?
    .ok_or_else(|| ApiError::not_found("item"))
}

/// `GET /jobs/{id}/items`.
pub async fn list(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    super::jobs::load(&cx.db, tenant, req.id()).await?;
    let page = PageRequest::from_query(&req.query)?;
    let status = req.query.one_of(
        "status",
        &[
            "pending",
            "generating",
            "generated",
            "failed",
            "approved",
            "rejected",
            "cancelled",
        ],
    )?;
    let min = req.query.u32_in("min_score", 0, 100)?;
    let max = req.query.u32_in("max_score", 0, 100)?;
    if let (Some(a), Some(b)) = (min, max) {
        if a > b {
            return Err(ApiError::field(
                "min_score",
                "out_of_range",
                "min_score must not exceed max_score",
            ));
        }
    }
    let filter = "job_id = ? AND tenant_id = ? AND (? IS NULL OR status = ?) AND (? IS NULL OR score >= ?) AND (? IS NULL OR score <= ?)";
    let fargs = args![req.id(), tenant, status.clone(), status, min, min, max, max];
    let total = cx
        .db
        .count(
            &format!("SELECT COUNT(*) AS n FROM job_items WHERE {filter}"),
            &fargs,
        )
        .await?;
    let mut largs = fargs.to_vec();
    largs.extend(args![
        page.per_page,
        i64::try_from(page.offset()).unwrap_or(i64::MAX)
    ]);
    let rows: Vec<ItemRow> = cx
        .db
        .all(
            &format!(
                "SELECT {COLS} FROM job_items WHERE {filter} ORDER BY position LIMIT ? OFFSET ?"
            ),
            &largs,
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
        load(&cx.db, cx.tenant_id()?, req.id()).await?
    ))))
}

/// `PATCH /items/{id}`: the shop reports whether it wrote the content.
pub async fn update(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let p: ItemPatch = decode(&req.body)?;
    if !matches!(p.sync_status.as_str(), "pending" | "synced" | "failed") {
        return Err(ApiError::field(
            "/sync_status",
            "invalid_value",
            "sync_status must be pending, synced or failed",
        ));
    }
    let n = cx
        .db
        .run(
            "UPDATE job_items SET sync_status = ?, sync_error = ?, updated_at = ? WHERE id = ? AND tenant_id = ?",
            &args![&p.sync_status, p.sync_error.filter(|_| p.sync_status == "failed"), cx.now, req.id(), tenant],
        )
        .await?;
    if n == 0 {
        return Err(ApiError::not_found("item"));
    }
    Ok(Reply::ok(json!(view(
        load(&cx.db, tenant, req.id()).await?
    ))))
}

/// `POST /items/{id}/approve|reject`.
pub async fn review(cx: &Ctx<'_>, req: &Req, to: &str) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let item = load(&cx.db, tenant, req.id()).await?;
    let from: &[&str] = if to == "approved" {
        &["generated", "rejected"]
    } else {
        &["generated", "approved"]
    };
    if !from.contains(&item.status.as_str()) {
        return Err(ApiError::invalid_state(
            "item",
            &item.status,
            if to == "approved" {
                "approve"
            } else {
                "reject"
            },
        ));
    }
    let mut stmts = vec![cx.db.stmt(
        "UPDATE job_items SET status = ?, updated_at = ? WHERE id = ? AND tenant_id = ? AND status = ?",
        &args![to, cx.now, req.id(), tenant, &item.status],
    )?];
    stmts.extend(super::jobs::recount(&cx.db, cx.now, &item.job_id, tenant)?);
    let changed = cx.db.batch(stmts).await?;
    if changed.first().copied().unwrap_or(0) == 0 {
        return Err(ApiError::conflict("the item changed meanwhile; reload it"));
    }
    cx.audit(
        if to == "approved" {
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
        load(&cx.db, tenant, req.id()).await?
    ))))
}

/// `POST /items/{id}/regenerate`: back to `pending` with optional new options, and a message.
pub async fn regenerate(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?.to_owned();
    let r: RegenerateRequest = if req.body.iter().all(u8::is_ascii_whitespace) {
        RegenerateRequest::default()
    } else {
        decode(&req.body)?
    };
    if r.target_score.is_some_and(|t| t > 100) {
        return Err(ApiError::field(
            "/target_score",
            "out_of_range",
            "target_score must be from 0 to 100",
        ));
    }
    let item = load(&cx.db, &tenant, req.id()).await?;
    if matches!(item.status.as_str(), "pending" | "generating") {
        return Err(ApiError::invalid_state("item", &item.status, "regenerate"));
    }
    if item.error_code.as_deref() == Some("invalid_product") {
        return Err(ApiError::invalid_state(
            "item",
            "invalid_product",
            "regenerate",
        ));
    }
    let job = super::jobs::load(&cx.db, &tenant, &item.job_id).await?;
    let options_override = match &r.options {
        Some(o) => {
            let mut base: serde_json::Map<String, Value> =
                serde_json::from_str(&job.options).unwrap_or_default();
            super::merge(&mut base, o);
            let opts: proseo_core::prompt::PromptOptions =
                crate::api::decode_value(Value::Object(base))?;
            Some(json!(opts).to_string())
        }
        None => None,
    };
    super::check_quota(cx, 1).await?;
    let mut stmts = vec![cx.db.stmt(
        "UPDATE job_items SET status = 'pending', tries = 0, error_code = NULL, error_message = NULL, options_override = COALESCE(?, options_override), target_override = COALESCE(?, target_override), sync_status = 'pending', updated_at = ? WHERE id = ? AND tenant_id = ? AND status = ?",
        &args![options_override, r.target_score, cx.now, req.id(), &tenant, &item.status],
    )?];
    // A cancelled job runs again for this item.
    stmts.push(cx.db.stmt("UPDATE jobs SET status = 'running', finished_at = NULL WHERE id = ? AND tenant_id = ? AND status = 'cancelled'", &args![&item.job_id, &tenant])?);
    stmts.extend(super::jobs::recount(&cx.db, cx.now, &item.job_id, &tenant)?);
    let changed = cx.db.batch(stmts).await?;
    if changed.first().copied().unwrap_or(0) == 0 {
        return Err(ApiError::conflict("the item changed meanwhile; reload it"));
    }
    super::jobs::enqueue(cx.env, &tenant, &item.job_id, &[req.id().to_owned()]).await?;
    cx.audit("item.regenerate", "item", req.id(), json!({}))
        .await?;
    Ok(Reply::status(
        202,
        json!(view(load(&cx.db, &tenant, req.id()).await?)),
    ))
}
