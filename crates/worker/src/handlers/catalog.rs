//! The catalog: list with filters, stats, one product, delete. Rows are written by
//! [`crate::catalog::store`] (pulls, webhooks, the job pipeline), never here but for the
//! delete.

use serde_json::{json, Value};

use crate::api::{ApiError, ApiResult, PageRequest};
use crate::catalog::{duplicates, read, Filter, Status, STATUS_NAMES};
use crate::wire::{
    CatalogProduct, CatalogStats, CatalogSync, Deleted, ItemError, ProductDuplicates, ScoreBucket,
};
use crate::{time, Ctx, Reply, Req};

/// A stored row as the API shows it. A stored JSON column that does not decode is a 500
/// naming the row in the log (never a silently empty product).
pub fn view(r: read::Row) -> ApiResult<CatalogProduct> {
    let corrupt = |what: &str, e: serde_json::Error| {
        crate::log::error("corrupt_row", &format!("catalog {} {what}: {e}", r.id));
        ApiError::internal()
    };
    let product: Value = serde_json::from_str(&r.product).map_err(|e| corrupt("product", e))?;
    let content = r
        .content
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| corrupt("content", e))?;
    let analysis = r
        .analysis
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| corrupt("analysis", e))?;
    let status: Status = serde_json::from_value(Value::String(r.status.clone()))
        .map_err(|e| corrupt("status", e))?;
    Ok(CatalogProduct {
        status,
        changed: r.changed == 1,
        description_missing: r.description_missing == 1,
        product,
        content,
        unsafe_html: r.unsafe_html == 1,
        generated_at: r.generated_at.map(time::rfc3339),
        error: r.error_code.map(|code| ItemError {
            code,
            message: r.error_message.unwrap_or_default(),
        }),
        sync: CatalogSync {
            status: r.sync_status,
            error: r.sync_error,
            pushed_at: r.pushed_at.map(time::rfc3339),
        },
        received_at: time::rfc3339(r.received_at),
        created_at: time::rfc3339(r.created_at),
        updated_at: time::rfc3339(r.updated_at),
        analysis,
        id: r.id,
        source: r.source,
        source_kind: r.source_kind,
        external_id: r.external_id,
        name: r.name,
        sku: r.sku,
        invalid: r.invalid,
        score: r.score,
        seo_score: r.seo_score,
        readability_score: r.readability_score,
        focus_keyphrase: r.focus_keyphrase,
        item_id: r.item_id,
        queued_item_id: r.queued_item_id,
        source_modified: r.source_modified,
        content_hash: r.content_hash,
        duplicates: None,
    })
}

/// The filters of `GET /products` (validated against the route's parameters).
pub fn filter_from_query(req: &Req) -> ApiResult<Filter> {
    let q = &req.query;
    let score = |name: &str| q.int(name).and_then(|v| u8::try_from(v).ok());
    let f = Filter {
        source: q.get("source").map(str::to_owned),
        status: q
            .get("status")
            .and_then(|s| serde_json::from_value(Value::String(s.to_owned())).ok()),
        min_score: score("min_score"),
        max_score: score("max_score"),
        missing_description: q.flag("missing_description"),
        changed: q.flag("changed"),
        q: q.get("q").map(str::to_owned),
        ids: None,
    };
    if let (Some(a), Some(b)) = (f.min_score, f.max_score) {
        if a > b {
            return Err(ApiError::field(
                "min_score",
                "min_above_max",
                "min_score must not exceed max_score",
            ));
        }
    }
    Ok(f)
}

/// `GET /products`.
pub async fn list(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let page = PageRequest::from_query(&req.query)?;
    let filter = filter_from_query(req)?;
    let (total, rows) = read::list(&cx.db, tenant, &filter, page.per_page, page.offset()).await?;
    let rows = rows.into_iter().map(view).collect::<ApiResult<Vec<_>>>()?;
    Ok(Reply::list(json!(rows), page.meta(total)))
}

/// `GET /products/{id}`.
pub async fn get(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let row = read::get(&cx.db, tenant, req.id())
        .await?
        .ok_or_else(|| ApiError::not_found("product"))?;
    let signature = row.signature.clone();
    let mut out = view(row)?;
    if let Some(sig) = signature {
        out.duplicates = Some(duplicate_check(cx, tenant, &out.id, &sig).await?);
    }
    Ok(Reply::ok(json!(out)))
}

/// One product's near-duplicate check: its signature against every other product's, a page
/// at a time, at most [`duplicates::MAX_SCAN`] of them.
async fn duplicate_check(
    cx: &Ctx<'_>,
    tenant: &str,
    id: &str,
    signature: &str,
) -> ApiResult<ProductDuplicates> {
    let Ok(sig) = proseo_core::duplicate::Signature::decode(signature) else {
        crate::log::error("corrupt_row", &format!("catalog {id} signature"));
        return Err(ApiError::internal());
    };
    let mut scan = duplicates::Scan::new(id, sig);
    let mut cursor: Option<String> = None;
    let mut read_rows = 0usize;
    let mut complete = true;
    loop {
        if read_rows >= duplicates::MAX_SCAN {
            complete = false;
            break;
        }
        let rows = read::signatures(
            &cx.db,
            tenant,
            None,
            cursor.as_deref(),
            duplicates::SCAN_PAGE,
        )
        .await?;
        let Some(last) = rows.last() else { break };
        cursor = Some(last.id.clone());
        read_rows += rows.len();
        scan.page(&duplicates::entries(rows));
    }
    Ok(ProductDuplicates {
        compared: scan.compared,
        complete,
        check: scan.finish(),
    })
}

/// The catalog's near-duplicate pairs (optionally of one source), over at most
/// [`duplicates::MAX_SCAN`] products.
async fn catalog_duplicates(
    cx: &Ctx<'_>,
    tenant: &str,
    source: Option<&str>,
) -> ApiResult<proseo_core::duplicate::CatalogDuplicates> {
    let mut entries = Vec::new();
    let mut cursor: Option<String> = None;
    let mut complete = true;
    loop {
        let room = duplicates::MAX_SCAN - entries.len();
        if room == 0 {
            // One more row means the catalog is larger than the search.
            complete = read::signatures(&cx.db, tenant, source, cursor.as_deref(), 1)
                .await?
                .is_empty();
            break;
        }
        let limit = u32::try_from(room)
            .unwrap_or(u32::MAX)
            .min(duplicates::SCAN_PAGE);
        let rows = read::signatures(&cx.db, tenant, source, cursor.as_deref(), limit).await?;
        let Some(last) = rows.last() else { break };
        cursor = Some(last.id.clone());
        entries.extend(duplicates::entries(rows));
    }
    let mut found = proseo_core::duplicate::near_duplicates(&entries);
    found.complete &= complete;
    Ok(found)
}

/// `DELETE /products/{id}`: the catalog row (job items that generated it stay).
pub async fn delete(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    if !crate::catalog::store::delete(&cx.db, tenant, req.id()).await? {
        return Err(ApiError::not_found("product"));
    }
    cx.audit("product.delete", "product", req.id(), json!({}))
        .await?;
    Ok(Reply::ok(json!(Deleted {
        id: req.id().to_owned(),
        deleted: true
    })))
}

/// `GET /products/stats`.
pub async fn stats(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let (counts, by_status, histogram) =
        read::stats(&cx.db, tenant, req.query.get("source")).await?;
    let mut statuses: std::collections::BTreeMap<String, i64> =
        STATUS_NAMES.iter().map(|s| ((*s).to_owned(), 0)).collect();
    for s in by_status {
        statuses.insert(s.status, s.n);
    }
    let score_histogram = (0u8..10)
        .map(|b| ScoreBucket {
            min: b * 10,
            max: if b == 9 { 100 } else { b * 10 + 9 },
            count: histogram
                .iter()
                .filter(|h| h.bucket == i64::from(b))
                .map(|h| h.n)
                .sum(),
        })
        .collect();
    Ok(Reply::ok(json!(CatalogStats {
        total: counts.total,
        with_content: counts.with_content,
        changed: counts.changed,
        missing_description: counts.missing_description,
        invalid: counts.invalid,
        average_score: counts.average_score.map(|a| (a * 10.0).round() / 10.0),
        by_status: statuses,
        score_histogram,
        duplicates: catalog_duplicates(cx, tenant, req.query.get("source")).await?,
    })))
}
