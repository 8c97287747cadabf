//! Every statement that writes `sync_runs` and `stores` (a tidy test checks it).
//!
//! A run moves one step per queue message, with the job items' discipline: a step is
//! **claimed** with a fresh token and a lease (a duplicate message finds nothing to claim), the
//! work is done outside any transaction, and the outcome is **committed** in one D1 batch
//! guarded by the token (the catalog rows it changed, the run's counters and cursor, and the
//! store's state when the run ends). A transient failure gives the step back with a `retry_at`
//! (the store's `Retry-After` on a 429); a permanent one, or too many tries, fails the run. The
//! message of the next step is sent after the commit (`dispatched_at`); the sweeper re-sends a
//! run's message that was lost, and takes back a step whose lease expired.

use serde::{Deserialize, Serialize};
use serde_json::json;
use worker::D1PreparedStatement;

use crate::args;
use crate::db::{is_unique_violation, Db, DbError};

/// Attempts of one step before its run fails.
pub const MAX_STEP_TRIES: i64 = 5;
/// Errors kept on a run (the last ones).
pub const MAX_ERRORS: usize = 20;
/// Runs re-dispatched per sweep at most.
const SWEEP_LIMIT: u32 = 50;

/// A run's options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunOptions {
    /// Pull: every product, not only those modified after the last pull.
    pub full: bool,
    /// Pull: the `modified_after` cutoff used (GMT), `None` for a full pull.
    pub modified_after: Option<String>,
    /// Push: overwrite conflicts (products edited in the store since the pull).
    pub force: bool,
    /// Push: only these catalog ids.
    pub ids: Option<Vec<String>>,
}

/// A sync run row.
#[derive(Debug, Clone, Deserialize)]
pub struct RunRow {
    /// Id.
    pub id: String,
    /// Tenant.
    pub tenant_id: String,
    /// The store.
    pub integration_id: String,
    /// `pull` or `push`.
    pub kind: String,
    /// `api` or `schedule`.
    pub trigger: String,
    /// `queued`, `running`, `completed`, `failed`, `cancelled`.
    pub status: String,
    /// JSON [`RunOptions`].
    pub options: String,
    /// Pages done.
    pub page: i64,
    /// `X-WP-TotalPages`.
    pub total_pages: Option<i64>,
    /// `X-WP-Total` (pull) or products to push (push).
    pub total: Option<i64>,
    /// Push: last catalog id handled.
    pub cursor: Option<String>,
    /// Counters.
    pub processed: i64,
    /// Counters.
    pub created: i64,
    /// Counters.
    pub updated: i64,
    /// Counters.
    pub unchanged: i64,
    /// Counters.
    pub pushed: i64,
    /// Counters.
    pub conflicts: i64,
    /// Counters.
    pub failed: i64,
    /// JSON list of [`RunErrorEntry`].
    pub errors: String,
    /// Last error.
    pub error_code: Option<String>,
    /// Its message.
    pub error_message: Option<String>,
    /// The store's status.
    pub error_status: Option<i64>,
    /// Seconds asked by a 429.
    pub retry_after: Option<i64>,
    /// Attempts of the current step.
    pub tries: i64,
    /// The claim.
    pub step_token: Option<String>,
    /// When a retried step may run.
    pub retry_at: Option<i64>,
    /// ms.
    pub created_at: i64,
    /// ms.
    pub started_at: Option<i64>,
    /// ms.
    pub finished_at: Option<i64>,
    /// ms.
    pub updated_at: i64,
}

const COLS: &str = "id, tenant_id, integration_id, kind, trigger, status, options, page, total_pages, total, cursor, processed, created, updated, unchanged, \
    pushed, conflicts, failed, errors, error_code, error_message, error_status, retry_after, tries, step_token, retry_at, created_at, started_at, finished_at, updated_at";

/// One error of a run: a step's failure, or a product's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct RunErrorEntry {
    /// Stable code (`store_rate_limited`, `conflict`, `store_product_rejected`…).
    pub code: String,
    /// Message.
    pub message: String,
    /// The product's external id, for a product's error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// RFC 3339.
    pub at: String,
}

/// The run's errors with `new` appended, the last [`MAX_ERRORS`] kept.
pub fn merged_errors(stored: &str, new: &[RunErrorEntry]) -> String {
    let mut all: Vec<RunErrorEntry> = serde_json::from_str(stored).unwrap_or_default();
    all.extend(new.iter().cloned());
    let skip = all.len().saturating_sub(MAX_ERRORS);
    json!(all[skip..]).to_string()
}

/// What starting a run found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Started {
    /// The new run.
    Run(String),
    /// The store already has an active run (its id).
    Busy(String),
}

/// Starts a run (at most one active per store): queued, with its first message counted as
/// dispatched now (the caller sends it).
#[allow(clippy::too_many_arguments)]
pub async fn start(
    db: &Db,
    tenant: &str,
    store_id: &str,
    kind: &str,
    trigger: &str,
    options: &RunOptions,
    total: Option<i64>,
    now: i64,
) -> Result<Started, DbError> {
    let id = crate::ids::id("syn")?;
    let result = db
        .batch(vec![
            db.stmt(
                "INSERT INTO sync_runs (id, tenant_id, integration_id, kind, trigger, status, options, total, dispatched_at, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, 'queued', ?6, ?7, ?8, ?8, ?8)",
                &args![&id, tenant, store_id, kind, trigger, json!(options).to_string(), total, now],
            )?,
            db.stmt(
                "UPDATE stores SET last_run_id = ?, updated_at = ? WHERE integration_id = ? AND tenant_id = ?",
                &args![&id, now, store_id, tenant],
            )?,
        ])
        .await;
    match result {
        Ok(_) => Ok(Started::Run(id)),
        Err(e) if is_unique_violation(&e) => {
            #[derive(Deserialize)]
            struct Active {
                id: String,
            }
            let active: Option<Active> = db
                .first(
                    "SELECT id FROM sync_runs WHERE integration_id = ? AND tenant_id = ? AND status IN ('queued', 'running')",
                    &args![store_id, tenant],
                )
                .await?;
            Ok(Started::Busy(active.map(|a| a.id).unwrap_or_default()))
        }
        Err(e) => Err(e),
    }
}

/// One run of the tenant.
pub async fn get(db: &Db, tenant: &str, id: &str) -> Result<Option<RunRow>, DbError> {
    db.first(
        &format!("SELECT {COLS} FROM sync_runs WHERE id = ? AND tenant_id = ?"),
        &args![id, tenant],
    )
    .await
}

/// A page of a store's runs, newest first, and the total.
pub async fn list(
    db: &Db,
    tenant: &str,
    store_id: &str,
    limit: u32,
    offset: u64,
) -> Result<(u64, Vec<RunRow>), DbError> {
    let total = db
        .count(
            "SELECT COUNT(*) AS n FROM sync_runs WHERE tenant_id = ? AND integration_id = ?",
            &args![tenant, store_id],
        )
        .await?;
    let rows = db
        .all(
            &format!("SELECT {COLS} FROM sync_runs WHERE tenant_id = ? AND integration_id = ? ORDER BY created_at DESC, id LIMIT ? OFFSET ?"),
            &args![tenant, store_id, limit, i64::try_from(offset).unwrap_or(i64::MAX)],
        )
        .await?;
    Ok((total, rows))
}

/// Claims the run's next step for `lease_ms`: `None` when it is finished, held by a live step,
/// or waiting for its `retry_at`.
pub async fn claim(
    db: &Db,
    tenant: &str,
    id: &str,
    now: i64,
    lease_ms: i64,
) -> Result<Option<(String, RunRow)>, DbError> {
    let token = crate::ids::id("stp")?;
    db.run(
        "UPDATE sync_runs SET step_token = ?1, lease_until = ?2, tries = tries + 1, status = 'running', started_at = COALESCE(started_at, ?3), updated_at = ?3 \
         WHERE id = ?4 AND tenant_id = ?5 AND status IN ('queued', 'running') AND (step_token IS NULL OR lease_until < ?3) \
         AND (retry_at IS NULL OR retry_at <= ?3 + 1000)",
        &args![&token, now + lease_ms, now, id, tenant],
    )
    .await?;
    let row = get(db, tenant, id).await?;
    Ok(row
        .filter(|r| r.step_token.as_deref() == Some(token.as_str()))
        .map(|r| (token, r)))
}

/// What a step did.
#[derive(Debug, Clone, Default)]
pub struct Advance {
    /// Pull: the page done.
    pub page: Option<i64>,
    /// Pull: `X-WP-TotalPages`.
    pub total_pages: Option<i64>,
    /// Pull: `X-WP-Total`.
    pub total: Option<i64>,
    /// Push: the last catalog id handled.
    pub cursor: Option<String>,
    /// Counter deltas.
    pub processed: i64,
    /// Counter deltas.
    pub created: i64,
    /// Counter deltas.
    pub updated: i64,
    /// Counter deltas.
    pub unchanged: i64,
    /// Counter deltas.
    pub pushed: i64,
    /// Counter deltas.
    pub conflicts: i64,
    /// Counter deltas.
    pub failed: i64,
    /// Products' errors to record.
    pub errors: Vec<RunErrorEntry>,
    /// The run is done.
    pub finish: bool,
    /// Pull: the `modified_after` of the store's next incremental pull (when finishing).
    pub next_cutoff: Option<String>,
}

/// Commits a step: `extra` (catalog rows it changed) and the run's progress in one
/// transaction, guarded by the claim. `false` when the claim was no longer ours (nothing of
/// the run changed; `extra` is written all the same, and is idempotent).
pub async fn advance(
    db: &Db,
    run: &RunRow,
    token: &str,
    a: &Advance,
    mut extra: Vec<D1PreparedStatement>,
    now: i64,
) -> Result<bool, DbError> {
    let errors = merged_errors(&run.errors, &a.errors);
    let at = extra.len();
    extra.push(db.stmt(
        "UPDATE sync_runs SET page = COALESCE(?1, page), total_pages = COALESCE(?2, total_pages), total = COALESCE(?3, total), \
         cursor = COALESCE(?4, cursor), processed = processed + ?5, created = created + ?6, updated = updated + ?7, unchanged = unchanged + ?8, \
         pushed = pushed + ?9, conflicts = conflicts + ?10, failed = failed + ?11, errors = ?12, \
         error_code = NULL, error_message = NULL, error_status = NULL, retry_after = NULL, \
         step_token = NULL, lease_until = NULL, tries = 0, retry_at = NULL, \
         status = CASE WHEN ?13 = 1 THEN 'completed' ELSE status END, finished_at = CASE WHEN ?13 = 1 THEN ?14 ELSE finished_at END, \
         dispatched_at = CASE WHEN ?13 = 1 THEN dispatched_at ELSE ?14 END, updated_at = ?14 \
         WHERE id = ?15 AND step_token = ?16 AND status = 'running'",
        &args![
            a.page, a.total_pages, a.total, a.cursor.clone(), a.processed, a.created, a.updated, a.unchanged,
            a.pushed, a.conflicts, a.failed, errors, a.finish, now, &run.id, token
        ],
    )?);
    if a.finish {
        extra.push(db.stmt(
            "UPDATE stores SET last_success_at = ?1, last_error_code = NULL, last_error_message = NULL, last_error_at = NULL, \
             pull_cutoff = COALESCE(?2, pull_cutoff), updated_at = ?1 \
             WHERE integration_id = ?3 AND tenant_id = ?4 AND EXISTS (SELECT 1 FROM sync_runs WHERE id = ?5 AND status = 'completed' AND finished_at = ?1)",
            &args![now, a.next_cutoff.clone(), &run.integration_id, &run.tenant_id, &run.id],
        )?);
    }
    let changed = db.batch(extra).await?;
    Ok(changed.get(at).copied().unwrap_or(0) == 1)
}

/// A step failed transiently: the claim is given back, the step may run again at `retry_at`
/// (its message is retried with that delay).
#[allow(clippy::too_many_arguments)]
pub async fn retry(
    db: &Db,
    run: &RunRow,
    token: &str,
    e: &RunErrorEntry,
    status: Option<u16>,
    retry_after: Option<u32>,
    retry_at: i64,
    now: i64,
) -> Result<(), DbError> {
    db.batch(vec![
        db.stmt(
            "UPDATE sync_runs SET step_token = NULL, lease_until = NULL, retry_at = ?1, dispatched_at = ?2, error_code = ?3, error_message = ?4, \
             error_status = ?5, retry_after = ?6, errors = ?7, updated_at = ?2 WHERE id = ?8 AND step_token = ?9",
            &args![retry_at, now, &e.code, &e.message, status, retry_after, merged_errors(&run.errors, std::slice::from_ref(e)), &run.id, token],
        )?,
        store_error(db, &run.tenant_id, &run.integration_id, e, now)?,
    ])
    .await?;
    Ok(())
}

/// The run fails (a permanent error, too many tries, the dead-letter queue, the store gone).
/// `token`: the claim, when a step holds it.
pub async fn fail(
    db: &Db,
    run: &RunRow,
    token: Option<&str>,
    e: &RunErrorEntry,
    status: Option<u16>,
    now: i64,
) -> Result<(), DbError> {
    db.batch(vec![
        db.stmt(
            "UPDATE sync_runs SET status = 'failed', finished_at = ?1, step_token = NULL, lease_until = NULL, retry_at = NULL, \
             error_code = ?2, error_message = ?3, error_status = ?4, errors = ?5, updated_at = ?1 \
             WHERE id = ?6 AND status IN ('queued', 'running') AND (?7 IS NULL OR step_token = ?7)",
            &args![now, &e.code, &e.message, status, merged_errors(&run.errors, std::slice::from_ref(e)), &run.id, token],
        )?,
        store_error(db, &run.tenant_id, &run.integration_id, e, now)?,
    ])
    .await?;
    Ok(())
}

fn store_error(
    db: &Db,
    tenant: &str,
    store_id: &str,
    e: &RunErrorEntry,
    now: i64,
) -> Result<D1PreparedStatement, DbError> {
    db.stmt(
        "UPDATE stores SET last_error_code = ?, last_error_message = ?, last_error_at = ?, updated_at = ? WHERE integration_id = ? AND tenant_id = ?",
        &args![&e.code, &e.message, now, now, store_id, tenant],
    )
}

/// Gives a claim back after D1 trouble (best effort: else the lease expires).
pub async fn release(db: &Db, run_id: &str, token: &str) {
    let _ = db
        .run(
            "UPDATE sync_runs SET step_token = NULL, lease_until = NULL WHERE id = ? AND step_token = ?",
            &args![run_id, token],
        )
        .await;
}

/// Cancels an active run of the tenant (a step in flight finishes its request, then finds
/// the run cancelled and stops). `false` when there is no active run of that id.
pub async fn cancel(db: &Db, tenant: &str, id: &str, now: i64) -> Result<bool, DbError> {
    Ok(db
        .run(
            "UPDATE sync_runs SET status = 'cancelled', finished_at = ?, step_token = NULL, lease_until = NULL, updated_at = ? \
             WHERE id = ? AND tenant_id = ? AND status IN ('queued', 'running')",
            &args![now, now, id, tenant],
        )
        .await?
        == 1)
}

/// A run and its tenant.
#[derive(Debug, Clone, Deserialize)]
pub struct RunRef {
    /// Run.
    pub id: String,
    /// Tenant.
    pub tenant_id: String,
}

/// Active runs whose next step has no live message (lost, or its step died and its lease
/// expired), idle for `stall_ms`: marked dispatched now, returned for the caller to send.
pub async fn lost(db: &Db, now: i64, stall_ms: i64) -> Result<Vec<RunRef>, DbError> {
    db.all(
        "UPDATE sync_runs SET dispatched_at = ?1 WHERE id IN (SELECT id FROM sync_runs WHERE status IN ('queued', 'running') \
         AND (step_token IS NULL OR lease_until < ?1) AND COALESCE(retry_at, dispatched_at, created_at) < ?1 - ?2 LIMIT ?3) \
         RETURNING id, tenant_id",
        &args![now, stall_ms, SWEEP_LIMIT],
    )
    .await
}

/// A store due for its scheduled pull.
#[derive(Debug, Clone, Deserialize)]
pub struct Due {
    /// The store.
    pub integration_id: String,
    /// Tenant.
    pub tenant_id: String,
}

/// Stores whose scheduled pull is due, at most `limit`; each one's next time is moved by its
/// interval first (so a slow sweep never starts the same store twice).
pub async fn due(db: &Db, now: i64, limit: u32) -> Result<Vec<Due>, DbError> {
    db.all(
        "UPDATE stores SET next_sync_at = ?1 + 60000 * COALESCE((SELECT json_extract(i.settings, '$.sync_interval_minutes') FROM integrations i \
         WHERE i.id = stores.integration_id), 60), updated_at = ?1 \
         WHERE integration_id IN (SELECT integration_id FROM stores WHERE next_sync_at IS NOT NULL AND next_sync_at <= ?1 ORDER BY next_sync_at LIMIT ?2) \
         RETURNING integration_id, tenant_id",
        &args![now, limit],
    )
    .await
}

/// The `stores` row of a new store (its schedule, if any): run in the creating batch.
pub fn create_store(
    db: &Db,
    tenant: &str,
    store_id: &str,
    next_sync_at: Option<i64>,
    now: i64,
) -> Result<D1PreparedStatement, DbError> {
    db.stmt(
        "INSERT INTO stores (integration_id, tenant_id, next_sync_at, updated_at) VALUES (?, ?, ?, ?)",
        &args![store_id, tenant, next_sync_at, now],
    )
}

/// A store's schedule changed: its next pull is at `next_sync_at` (`None`: no schedule).
pub fn reschedule(
    db: &Db,
    tenant: &str,
    store_id: &str,
    next_sync_at: Option<i64>,
    now: i64,
) -> Result<D1PreparedStatement, DbError> {
    db.stmt(
        "UPDATE stores SET next_sync_at = ?, updated_at = ? WHERE integration_id = ? AND tenant_id = ?",
        &args![next_sync_at, now, store_id, tenant],
    )
}

/// Statements removing a store's sync state and runs (with the integration).
pub fn remove_store(
    db: &Db,
    tenant: &str,
    store_id: &str,
) -> Result<Vec<D1PreparedStatement>, DbError> {
    Ok(vec![
        db.stmt(
            "DELETE FROM sync_runs WHERE integration_id = ? AND tenant_id = ?",
            &args![store_id, tenant],
        )?,
        db.stmt(
            "DELETE FROM stores WHERE integration_id = ? AND tenant_id = ?",
            &args![store_id, tenant],
        )?,
    ])
}

/// A store's sync state.
#[derive(Debug, Clone, Deserialize)]
pub struct StoreState {
    /// The store.
    pub integration_id: String,
    /// Next scheduled pull (ms).
    pub next_sync_at: Option<i64>,
    /// Next incremental pull's cutoff.
    pub pull_cutoff: Option<String>,
    /// Last run.
    pub last_run_id: Option<String>,
    /// ms.
    pub last_success_at: Option<i64>,
    /// Last error.
    pub last_error_code: Option<String>,
    /// Its message.
    pub last_error_message: Option<String>,
    /// ms.
    pub last_error_at: Option<i64>,
}

/// The sync state of these stores of the tenant.
pub async fn states(db: &Db, tenant: &str, ids: &[&str]) -> Result<Vec<StoreState>, DbError> {
    db.all(
        "SELECT integration_id, next_sync_at, pull_cutoff, last_run_id, last_success_at, last_error_code, last_error_message, last_error_at \
         FROM stores WHERE tenant_id = ? AND integration_id IN (SELECT value FROM json_each(?))",
        &args![tenant, serde_json::to_string(ids).unwrap_or_default()],
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_keep_the_last_twenty() {
        let e = |n: usize| RunErrorEntry {
            code: "c".into(),
            message: n.to_string(),
            external_id: None,
            at: "t".into(),
        };
        let first: Vec<RunErrorEntry> = (0..15).map(e).collect();
        let stored = merged_errors("[]", &first);
        let more: Vec<RunErrorEntry> = (15..30).map(e).collect();
        let all: Vec<RunErrorEntry> = serde_json::from_str(&merged_errors(&stored, &more)).unwrap();
        assert_eq!(all.len(), MAX_ERRORS);
        assert_eq!(all[0].message, "10");
        assert_eq!(all[19].message, "29");
        // A corrupt list starts over instead of failing the run.
        assert_eq!(merged_errors("nope", &[]), "[]");
    }
}
