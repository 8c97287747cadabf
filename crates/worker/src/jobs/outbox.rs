//! The outbox: pending items are the outbox rows, and their queue messages are sent from here.
//!
//! An item is *dispatched* when a message for it was handed to the queue (`dispatched_at`);
//! until then it waits in the outbox (`dispatched_at IS NULL`). [`pump`] sends a job's outbox
//! rows, keeping at most a window of live messages per job (so a 5,000-item job does not flood
//! the queue, and a stall is visible), marking them in the same statement that selects them,
//! so two pumps never send the same row. It runs after a job is created, after every consumer
//! batch, after a regenerate, and from the sweeper.
//!
//! [`sweep`] recovers what the queue lost (a runtime restart, a `send_batch` that failed after
//! the commit, a run that died): it reclaims expired leases, sends outbox rows that nobody
//! pumped, and re-dispatches the pending items of a job that made no progress for
//! `stall_ms` whose message is older than that. A re-dispatch may duplicate a message that is
//! merely slow; duplicates are harmless because the consumer's claim is guarded
//! ([`super::run::claim`]): exactly-once in effect, at most a window of extra deliveries per
//! stalled job per `stall_ms`. The sweeper runs from the Cron Trigger in production and from
//! `scripts/edge-up`'s ticker under `wrangler dev` (which fires no crons by itself), and a
//! `GET /jobs/{id}` of a stalled job runs it for that job.

use serde::Deserialize;
use worker::{BatchMessageBuilder, Env};

use super::ItemMessage;
use crate::args;
use crate::db::{Arg, Db, DbError};

/// Live messages per job at most (`DISPATCH_WINDOW` var).
pub const DEFAULT_WINDOW: u32 = 100;
/// A job with no progress for this long is checked for lost messages (`STALL_SECONDS` var).
pub const DEFAULT_STALL_MS: i64 = 60_000;
/// A job still being created after this long was abandoned by its request.
pub const UNREADY_TTL_MS: i64 = 10 * 60_000;
/// Rows handled per sweep step, so one sweep stays small.
const SWEEP_LIMIT: u32 = 100;

#[derive(Deserialize)]
struct IdRow {
    id: String,
}

#[derive(Deserialize)]
struct JobRef {
    id: String,
    tenant_id: String,
}

/// Sends up to `window` minus the live messages of the job's outbox rows, in position order.
/// A failed send puts the rows back in the outbox (the sweeper tries again). A catalog job
/// still filling whose outbox is empty gets its next chunk first ([`super::fill`]). Returns how
/// many messages were sent.
pub async fn pump(
    db: &Db,
    env: &Env,
    tenant: &str,
    job_id: &str,
    now: i64,
    window: u32,
) -> Result<usize, DbError> {
    if super::fill::needs_fill(db, tenant, job_id).await? {
        match super::fill::fill(db, tenant, job_id, now).await {
            Ok(_) => {}
            Err(super::JobError::Db(e)) => return Err(e),
            // Not found (deleted meanwhile) and the like: nothing to send either.
            Err(_) => return Ok(0),
        }
    }
    dispatch(db, env, tenant, job_id, now, window).await
}

async fn dispatch(
    db: &Db,
    env: &Env,
    tenant: &str,
    job_id: &str,
    now: i64,
    window: u32,
) -> Result<usize, DbError> {
    let ids: Vec<IdRow> = db
        .all(
            "UPDATE job_items SET dispatched_at = ?1, dispatches = dispatches + 1 \
             WHERE id IN (SELECT id FROM job_items WHERE job_id = ?2 AND tenant_id = ?3 AND status = 'pending' AND dispatched_at IS NULL \
                          ORDER BY position \
                          LIMIT max(0, ?4 - (SELECT COUNT(*) FROM job_items WHERE job_id = ?2 AND status IN ('pending', 'generating') AND dispatched_at IS NOT NULL))) \
             AND EXISTS (SELECT 1 FROM jobs WHERE id = ?2 AND tenant_id = ?3 AND ready = 1 AND status IN ('queued', 'running')) \
             RETURNING id",
            &args![now, job_id, tenant, window],
        )
        .await?;
    if ids.is_empty() {
        return Ok(0);
    }
    let ids: Vec<String> = ids.into_iter().map(|r| r.id).collect();
    if let Err(e) = send(env, tenant, job_id, &ids).await {
        crate::log::error("queue_send", &e);
        for chunk in ids.chunks(90) {
            let mut a: Vec<Arg> = args![now].to_vec();
            a.extend(chunk.iter().map(Arg::from));
            let marks = vec!["?"; chunk.len()].join(", ");
            let _ = db
                .run(
                    &format!("UPDATE job_items SET dispatched_at = NULL WHERE dispatched_at = ? AND status = 'pending' AND id IN ({marks})"),
                    &a,
                )
                .await;
        }
        return Ok(0);
    }
    Ok(ids.len())
}

async fn send(env: &Env, tenant: &str, job_id: &str, ids: &[String]) -> Result<(), String> {
    let queue = env.queue("JOBS").map_err(|e| e.to_string())?;
    for chunk in ids.chunks(100) {
        let batch = BatchMessageBuilder::new()
            .messages(chunk.iter().map(|id| ItemMessage {
                tenant_id: tenant.to_owned(),
                job_id: job_id.to_owned(),
                item_id: id.clone(),
            }))
            .build();
        queue.send_batch(batch).await.map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Sweeper settings (vars).
#[derive(Debug, Clone, Copy)]
pub struct SweepConfig {
    /// Live messages per job.
    pub window: u32,
    /// No progress for this long = check for lost messages.
    pub stall_ms: i64,
}

/// What a sweep did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Swept {
    /// Expired leases taken back.
    pub reclaimed: usize,
    /// Pending items whose message was presumed lost.
    pub redispatched: usize,
    /// Messages sent.
    pub sent: usize,
    /// Abandoned job creations deleted.
    pub unready_deleted: usize,
}

/// Recovers lost work: expired leases, unsent outbox rows, stalled jobs, abandoned creations.
/// `only` restricts it to one job (the opportunistic sweep of `GET /jobs/{id}`).
pub async fn sweep(
    db: &Db,
    env: &Env,
    now: i64,
    cfg: SweepConfig,
    only: Option<(&str, &str)>,
) -> Result<Swept, DbError> {
    let mut out = Swept::default();
    let mut jobs: Vec<(String, String)> = Vec::new();
    if only.is_none() {
        // Abandoned creations: their items and reservations go with them.
        let unready: Vec<JobRef> = db
            .all(
                "SELECT id, tenant_id FROM jobs WHERE ready = 0 AND created_at < ? LIMIT ?",
                &args![now - UNREADY_TTL_MS, SWEEP_LIMIT],
            )
            .await?;
        for j in &unready {
            db.batch(vec![
                db.stmt(
                    "DELETE FROM job_items WHERE job_id = ? AND tenant_id = ?",
                    &args![&j.id, &j.tenant_id],
                )?,
                db.stmt(
                    "DELETE FROM jobs WHERE id = ? AND tenant_id = ? AND ready = 0",
                    &args![&j.id, &j.tenant_id],
                )?,
            ])
            .await?;
        }
        out.unready_deleted = unready.len();
        let reclaimed = super::run::reclaim_expired(db, now, SWEEP_LIMIT).await?;
        out.reclaimed = reclaimed.len();
        jobs.extend(reclaimed);
        // Outbox rows nobody pumped (a failed send, a crash between commit and pump).
        let unsent: Vec<JobRef> = db
            .all(
                "SELECT DISTINCT job_id AS id, tenant_id FROM job_items WHERE status = 'pending' AND dispatched_at IS NULL LIMIT ?",
                &args![SWEEP_LIMIT],
            )
            .await?;
        jobs.extend(unsent.into_iter().map(|j| (j.tenant_id, j.id)));
    }
    // Jobs without progress: messages older than the stall window are presumed lost.
    let stalled: Vec<JobRef> = match only {
        Some((tenant, job)) => db
            .all(
                "SELECT id, tenant_id FROM jobs WHERE id = ? AND tenant_id = ? AND ready = 1 AND status IN ('queued', 'running') AND updated_at < ?",
                &args![job, tenant, now - cfg.stall_ms],
            )
            .await?,
        None => db
            .all(
                "SELECT id, tenant_id FROM jobs WHERE status IN ('queued', 'running') AND ready = 1 AND updated_at < ? ORDER BY updated_at LIMIT ?",
                &args![now - cfg.stall_ms, SWEEP_LIMIT],
            )
            .await?,
    };
    for j in stalled {
        let changed = db
            .batch(vec![
                db.stmt(
                    "UPDATE job_items SET dispatched_at = NULL WHERE job_id = ?1 AND tenant_id = ?2 AND status = 'pending' \
                     AND dispatched_at IS NOT NULL AND COALESCE(retry_at, dispatched_at) < ?3",
                    &args![&j.id, &j.tenant_id, now - cfg.stall_ms],
                )?,
                // Not examined again before another stall window.
                db.stmt(
                    "UPDATE jobs SET updated_at = ? WHERE id = ? AND tenant_id = ?",
                    &args![now, &j.id, &j.tenant_id],
                )?,
            ])
            .await?;
        out.redispatched += changed.first().copied().unwrap_or(0);
        if only.is_some() {
            // The one job asked about: its expired leases too.
            let n = db
                .run(
                    "UPDATE job_items SET status = 'pending', claim_token = NULL, lease_until = NULL, dispatched_at = NULL, updated_at = ?1 \
                     WHERE job_id = ?2 AND tenant_id = ?3 AND status = 'generating' AND lease_until < ?1 \
                     AND EXISTS (SELECT 1 FROM jobs WHERE id = ?2 AND status IN ('queued', 'running'))",
                    &args![now, &j.id, &j.tenant_id],
                )
                .await?;
            out.reclaimed += n;
        }
        jobs.push((j.tenant_id, j.id));
    }
    jobs.sort();
    jobs.dedup();
    for (tenant, job) in &jobs {
        out.sent += pump(db, env, tenant, job, now, cfg.window).await?;
    }
    Ok(out)
}

/// The operators' requeue (`POST /admin/jobs/{id}/requeue`): a message for every item of the
/// job, finished ones included (safe: the consumer's claim is idempotent, so a finished item's
/// message is acked without effect), and the pending items count as dispatched now. Returns the
/// job's tenant and how many messages were sent, `None` when there is no such job.
pub async fn requeue(
    db: &Db,
    env: &Env,
    job_id: &str,
    now: i64,
) -> Result<Option<(String, usize)>, DbError> {
    let job: Option<JobRef> = db
        .first(
            "SELECT id, tenant_id FROM jobs WHERE id = ? AND ready = 1",
            &args![job_id],
        )
        .await?;
    let Some(job) = job else { return Ok(None) };
    let ids: Vec<IdRow> = db
        .all(
            "SELECT id FROM job_items WHERE job_id = ? AND tenant_id = ? ORDER BY position",
            &args![&job.id, &job.tenant_id],
        )
        .await?;
    let ids: Vec<String> = ids.into_iter().map(|r| r.id).collect();
    db.run(
        "UPDATE job_items SET dispatched_at = ?, dispatches = dispatches + 1 WHERE job_id = ? AND tenant_id = ? AND status = 'pending'",
        &args![now, &job.id, &job.tenant_id],
    )
    .await?;
    send(env, &job.tenant_id, &job.id, &ids)
        .await
        .map_err(DbError)?;
    Ok(Some((job.tenant_id, ids.len())))
}
