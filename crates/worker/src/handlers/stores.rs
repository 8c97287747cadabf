//! WooCommerce stores (integrations of type `woocommerce`): test the connection, start a pull
//! or a push (202: the run proceeds one bounded step per queue message), list a store's runs,
//! get or cancel one. The runs are written by [`crate::connectors::runs`].

use serde_json::json;

use crate::api::{decode, ApiError, ApiResult, PageRequest};
use crate::connectors::runs::{self, RunOptions, RunRow, Started, StoreState as StateRow};
use crate::connectors::step::{self, LoadError, Store};
use crate::wire::{PullRequest, PushRequest, StoreErrorView, StoreState, StoreTest, SyncRunView};
use crate::{time, Ctx, Reply, Req};

/// A run as the API shows it.
pub fn run_view(r: RunRow) -> SyncRunView {
    let options: RunOptions = serde_json::from_str(&r.options).unwrap_or_default();
    let progress = match (r.status.as_str(), r.kind.as_str()) {
        ("completed", _) => Some(100),
        (_, "pull") => r
            .total_pages
            .filter(|t| *t > 0)
            .map(|t| u8::try_from((r.page * 100 / t).clamp(0, 100)).unwrap_or(100)),
        (_, _) => r
            .total
            .filter(|t| *t > 0)
            .map(|t| u8::try_from((r.processed * 100 / t).clamp(0, 100)).unwrap_or(100)),
    };
    SyncRunView {
        error: r.error_code.map(|code| StoreErrorView {
            code,
            message: r.error_message.unwrap_or_default(),
            status: r.error_status,
            retry_after: r.retry_after,
            at: Some(time::rfc3339(r.updated_at)),
        }),
        errors: serde_json::from_str(&r.errors).unwrap_or_default(),
        retry_at: r.retry_at.map(time::rfc3339),
        created_at: time::rfc3339(r.created_at),
        started_at: r.started_at.map(time::rfc3339),
        finished_at: r.finished_at.map(time::rfc3339),
        updated_at: time::rfc3339(r.updated_at),
        full: options.full,
        modified_after: options.modified_after,
        force: options.force,
        progress,
        attempts: r.tries,
        id: r.id,
        integration_id: r.integration_id,
        kind: r.kind,
        trigger: r.trigger,
        status: r.status,
        page: r.page,
        total_pages: r.total_pages,
        total: r.total,
        processed: r.processed,
        created: r.created,
        updated: r.updated,
        unchanged: r.unchanged,
        pushed: r.pushed,
        conflicts: r.conflicts,
        failed: r.failed,
    }
}

/// A store's sync state as the API shows it.
pub async fn state_view(cx: &Ctx<'_>, tenant: &str, s: &StateRow) -> ApiResult<StoreState> {
    let last_run = match &s.last_run_id {
        Some(id) => runs::get(&cx.db, tenant, id).await?.map(run_view),
        None => None,
    };
    Ok(StoreState {
        next_sync_at: s.next_sync_at.map(time::rfc3339),
        pull_cutoff: s.pull_cutoff.clone(),
        last_run,
        last_success_at: s.last_success_at.map(time::rfc3339),
        last_error: s.last_error_code.clone().map(|code| StoreErrorView {
            code,
            message: s.last_error_message.clone().unwrap_or_default(),
            status: None,
            retry_after: None,
            at: s.last_error_at.map(time::rfc3339),
        }),
    })
}

async fn store(cx: &Ctx<'_>, tenant: &str, id: &str) -> ApiResult<Store> {
    let master = crate::config::encryption_key(cx.env);
    step::load_store(&cx.db, master.as_deref(), tenant, id)
        .await
        .map_err(|e| match e {
            LoadError::Gone => ApiError::not_found("store"),
            LoadError::Db(e) => e.into(),
            LoadError::Corrupt(m) | LoadError::Config(m) => {
                crate::log::error("store", &format!("{id}: {m}"));
                ApiError::internal()
            }
        })
}

/// `POST /integrations/{id}/test`: one request to the store with its keys.
pub async fn test(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let s = store(cx, tenant, req.id()).await?;
    let started = time::now_ms();
    let result = step::test_connection(&s).await;
    let latency_ms = time::now_ms() - started;
    let (ok, products, error) = match result {
        Ok(n) => (true, n, None),
        Err(e) => (
            false,
            None,
            Some(StoreErrorView {
                code: e.code().to_owned(),
                message: e.message(),
                status: e.status().map(i64::from),
                retry_after: e.retry_after().map(i64::from),
                at: Some(time::rfc3339(cx.now)),
            }),
        ),
    };
    Ok(Reply::ok(json!(StoreTest {
        ok,
        store_url: s.base,
        products,
        latency_ms,
        error,
    })))
}

fn busy(run_id: String) -> ApiError {
    ApiError::new(
        409,
        "sync_in_progress",
        "the store has an active sync run; wait for it, or cancel it",
    )
    .with_details(json!({ "run_id": run_id }))
}

async fn started(cx: &Ctx<'_>, tenant: &str, s: Started, action: &str) -> ApiResult<Reply> {
    match s {
        Started::Busy(id) => Err(busy(id)),
        Started::Run(id) => {
            cx.audit(action, "sync_run", &id, json!({})).await?;
            let run = runs::get(&cx.db, tenant, &id)
                .await?
                .ok_or_else(ApiError::internal)?;
            Ok(Reply::status(202, json!(run_view(run))))
        }
    }
}

/// `POST /integrations/{id}/pull`.
pub async fn pull(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let body: PullRequest = if req.json_checked {
        decode(req)?
    } else {
        PullRequest::default()
    };
    let s = store(cx, tenant, req.id()).await?;
    let r = step::start_pull(&cx.db, cx.env, tenant, &s.id, body.full, "api", cx.now).await?;
    started(cx, tenant, r, "store.pull").await
}

/// `POST /integrations/{id}/push`.
pub async fn push(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let body: PushRequest = if req.json_checked {
        decode(req)?
    } else {
        PushRequest::default()
    };
    let s = store(cx, tenant, req.id()).await?;
    let r = step::start_push(&cx.db, cx.env, tenant, &s.id, body.force, body.ids, cx.now).await?;
    started(cx, tenant, r, "store.push").await
}

/// `GET /integrations/{id}/syncs`.
pub async fn list(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let s = store(cx, tenant, req.id()).await?;
    let page = PageRequest::from_query(&req.query)?;
    let (total, rows) = runs::list(&cx.db, tenant, &s.id, page.per_page, page.offset()).await?;
    Ok(Reply::list(
        json!(rows.into_iter().map(run_view).collect::<Vec<_>>()),
        page.meta(total),
    ))
}

/// `GET /syncs/{id}`.
pub async fn get(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let run = runs::get(&cx.db, tenant, req.id())
        .await?
        .ok_or_else(|| ApiError::not_found("sync run"))?;
    Ok(Reply::ok(json!(run_view(run))))
}

/// `POST /syncs/{id}/cancel`.
pub async fn cancel(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let run = runs::get(&cx.db, tenant, req.id())
        .await?
        .ok_or_else(|| ApiError::not_found("sync run"))?;
    if !runs::cancel(&cx.db, tenant, &run.id, cx.now).await? {
        return Err(ApiError::invalid_state("sync run", &run.status, "cancel"));
    }
    cx.audit("sync.cancel", "sync_run", &run.id, json!({}))
        .await?;
    let run = runs::get(&cx.db, tenant, req.id())
        .await?
        .ok_or_else(ApiError::internal)?;
    Ok(Reply::ok(json!(run_view(run))))
}
