//! The consumer's side of an item: at-least-once delivery made exactly-once in effect.
//!
//! 1. **Claim** ([`claim`]) with a guarded update (`pending → generating`, or a `generating` item
//!    whose lease expired) stamping a fresh claim token and a lease. It requires the item to
//!    hold a quota reservation and its job to be ready and not cancelled. A duplicate message
//!    finds nothing to claim and is acked: lost or crashed runs are recovered by the sweeper
//!    ([`super::outbox::sweep`]), not by messages waiting on each other.
//! 2. **Generate** outside any transaction; before every provider call after the first, the
//!    run renews its lease ([`renew`]), which also fails once the job is cancelled.
//! 3. **Commit** ([`commit`], [`fail`], [`retry`]) in one D1 batch: the usage row (unique per
//!    claim token, and only while the claim is still ours), the item (guarded by the token,
//!    releasing its reservation), and the job counters recomputed from the items.
//!
//! An item whose run ends while its job is cancelled goes to `cancelled`, never back to
//! `pending`, so nothing of a cancelled job is generated (or billed) again.

use serde::Deserialize;

use super::store::recount;
use super::{Action, ItemMessage};
use crate::args;
use crate::db::{Db, DbError};

/// What a claimed run needs: the item's stored data and its job's settings.
#[derive(Debug, Clone, Deserialize)]
pub struct Work {
    /// The item's status after the claim attempt.
    pub status: String,
    /// JSON product.
    pub product: String,
    /// JSON `PromptOptions` of a regeneration.
    pub options_override: Option<String>,
    /// Target of a regeneration.
    pub target_override: Option<i64>,
    /// Deliveries of this generation (the claim counts).
    pub tries: i64,
    /// The job's JSON `PromptOptions`.
    pub job_options: String,
    /// The job's channel.
    pub channel: String,
    /// The job's target score.
    pub target_score: Option<i64>,
    /// Provider calls per generation.
    pub max_attempts: i64,
    /// The claim token now on the item.
    pub claim_token: Option<String>,
    /// The job's auto-approval threshold.
    #[serde(default)]
    pub approve_min_score: Option<i64>,
}

/// The answer to a delivery.
#[derive(Debug)]
pub enum Claimed {
    /// The item is ours until the lease ends.
    Yes {
        /// The claim token guarding every later write.
        token: String,
        /// What to generate.
        work: Box<Work>,
    },
    /// The item, or its job, is gone.
    Gone,
    /// Nothing to do: finished, held by another live run, cancelled, or without reservation.
    No {
        /// Its status.
        status: String,
    },
}

/// Claims the item of `msg` for `lease_ms`.
pub async fn claim(
    db: &Db,
    msg: &ItemMessage,
    now: i64,
    lease_ms: i64,
) -> Result<Claimed, DbError> {
    let token = crate::ids::id("clm")?;
    let changed = db
        .batch(vec![
            db.stmt(
                "UPDATE job_items SET status = 'generating', claim_token = ?1, lease_until = ?2, tries = tries + 1, retry_at = NULL, updated_at = ?3 \
                 WHERE id = ?4 AND tenant_id = ?5 AND job_id = ?6 AND quota_month IS NOT NULL \
                 AND (status = 'pending' OR (status = 'generating' AND lease_until < ?3)) \
                 AND EXISTS (SELECT 1 FROM jobs WHERE id = ?6 AND tenant_id = ?5 AND ready = 1 AND status IN ('queued', 'running'))",
                &args![&token, now + lease_ms, now, &msg.item_id, &msg.tenant_id, &msg.job_id],
            )?,
            db.stmt(
                "UPDATE jobs SET status = 'running', started_at = COALESCE(started_at, ?) WHERE id = ? AND tenant_id = ? AND status = 'queued' AND ready = 1",
                &args![now, &msg.job_id, &msg.tenant_id],
            )?,
        ])
        .await?;
    let work: Option<Work> = db
        .first(
            "SELECT i.status, i.product, i.options_override, i.target_override, i.tries, i.claim_token, \
             j.options AS job_options, j.channel, j.target_score, j.max_attempts, j.approve_min_score \
             FROM job_items i JOIN jobs j ON j.id = i.job_id WHERE i.id = ? AND i.tenant_id = ? AND i.job_id = ?",
            &args![&msg.item_id, &msg.tenant_id, &msg.job_id],
        )
        .await?;
    Ok(match work {
        None => Claimed::Gone,
        Some(w)
            if changed.first().copied().unwrap_or(0) == 1
                && w.claim_token.as_deref() == Some(token.as_str()) =>
        {
            Claimed::Yes {
                token,
                work: Box::new(w),
            }
        }
        Some(w) => Claimed::No { status: w.status },
    })
}

/// Extends the lease before another provider call. `false` when the claim is no longer ours
/// (the sweeper reclaimed it) or the job was cancelled: the run must not call the provider
/// again.
pub async fn renew(
    db: &Db,
    msg: &ItemMessage,
    token: &str,
    now: i64,
    lease_ms: i64,
) -> Result<bool, DbError> {
    let n = db
        .run(
            "UPDATE job_items SET lease_until = ?1, updated_at = ?2 WHERE id = ?3 AND claim_token = ?4 AND status = 'generating' \
             AND EXISTS (SELECT 1 FROM jobs WHERE id = ?5 AND status IN ('queued', 'running'))",
            &args![now + lease_ms, now, &msg.item_id, token, &msg.job_id],
        )
        .await?;
    Ok(n == 1)
}

/// A generation to commit.
#[derive(Debug, Clone)]
pub struct Generated<'a> {
    /// Sanitized content, JSON.
    pub content: String,
    /// Its validation report, JSON.
    pub validation: String,
    /// The sanitizer removed unsafe markup from the model's answer.
    pub unsafe_html: bool,
    /// Its analysis, JSON.
    pub analysis: String,
    /// `min(seo, readability)`.
    pub score: u8,
    /// SEO section score.
    pub seo_score: u8,
    /// Readability section score.
    pub readability_score: u8,
    /// The bill.
    pub bill: super::quota::Bill<'a>,
    /// Provider calls made.
    pub attempts: u8,
    /// A later attempt's error (the best earlier attempt is committed).
    pub last_error: Option<(String, String)>,
    /// The keyphrase it was written and scored for (kept on its catalog row).
    pub keyphrase: String,
    /// Approve it at once (it reached the job's `approve_min_score`, and is clean).
    pub approve: bool,
}

/// Commits generated content: bills once per claim (in the reservation's month), stores the
/// content (on the item, and on its catalog row for a catalog job), releases the reservation,
/// recounts — one transaction, guarded by the claim token. Content reaching the job's
/// `approve_min_score` is approved at once (never content the sanitizer had to clean).
pub async fn commit(
    db: &Db,
    msg: &ItemMessage,
    token: &str,
    now: i64,
    g: &Generated<'_>,
) -> Result<(), DbError> {
    let action = if g.approve && !g.unsafe_html {
        Action::CommitApproved
    } else {
        Action::Commit
    };
    let to = action.transition().1.as_str();
    let mut stmts = vec![
        db.stmt(
            "INSERT INTO usage_events (tenant_id, month, kind, item_id, claim_token, provider, model, input_tokens, output_tokens, cost_micros, created_at) \
             SELECT ?1, quota_month, 'job_item', id, ?2, ?3, ?4, ?5, ?6, ?7, ?8 FROM job_items \
             WHERE id = ?9 AND tenant_id = ?1 AND claim_token = ?2 AND status = 'generating' AND quota_month IS NOT NULL \
             ON CONFLICT (claim_token) DO NOTHING",
            &args![&msg.tenant_id, token, g.bill.provider, g.bill.model, g.bill.input_tokens, g.bill.output_tokens, g.bill.cost_micros, now, &msg.item_id],
        )?,
        // Before the item's update: it checks the claim the update releases.
        crate::catalog::store::on_commit(
            db,
            &msg.tenant_id,
            &msg.item_id,
            token,
            &crate::catalog::store::Committed {
                content: &g.content,
                score: g.score,
                seo_score: g.seo_score,
                readability_score: g.readability_score,
                keyphrase: &g.keyphrase,
                unsafe_html: g.unsafe_html,
                review: to,
            },
            now,
        )?,
        db.stmt(
            &format!(
                "UPDATE job_items SET status = ?, content = ?, validation = ?, unsafe_html = ?, analysis = ?, score = ?, seo_score = ?, readability_score = ?, \
                 provider = ?, model = ?, input_tokens = input_tokens + ?, output_tokens = output_tokens + ?, cost_micros = cost_micros + ?, \
                 attempts = attempts + ?, error_code = ?, error_message = ?, claim_token = NULL, lease_until = NULL, quota_month = NULL, updated_at = ? \
                 WHERE id = ? AND claim_token = ? AND status IN ({})",
                action.sql_from()
            ),
            &args![
                to,
                &g.content, &g.validation, g.unsafe_html, &g.analysis, g.score, g.seo_score, g.readability_score,
                g.bill.provider, g.bill.model, g.bill.input_tokens, g.bill.output_tokens, g.bill.cost_micros,
                g.attempts, g.last_error.as_ref().map(|e| e.0.as_str()), g.last_error.as_ref().map(|e| e.1.as_str()), now,
                &msg.item_id, token
            ],
        )?,
    ];
    stmts.extend(recount(db, now, &msg.job_id, &msg.tenant_id)?);
    db.batch(stmts).await?;
    Ok(())
}

/// Fails a claimed item for good (releasing its reservation).
pub async fn fail(
    db: &Db,
    msg: &ItemMessage,
    token: &str,
    now: i64,
    code: &str,
    message: &str,
    attempts: u8,
) -> Result<(), DbError> {
    let mut stmts = vec![
        crate::catalog::store::on_fail(
            db,
            &msg.tenant_id,
            &msg.item_id,
            Some(token),
            code,
            message,
            now,
        )?,
        db.stmt(
        &format!(
            "UPDATE job_items SET status = 'failed', error_code = ?, error_message = ?, attempts = attempts + ?, \
             claim_token = NULL, lease_until = NULL, quota_month = NULL, updated_at = ? \
             WHERE id = ? AND claim_token = ? AND status IN ({})",
            Action::Fail.sql_from()
        ),
        &args![code, message, attempts, now, &msg.item_id, token],
    )?,
    ];
    stmts.extend(recount(db, now, &msg.job_id, &msg.tenant_id)?);
    db.batch(stmts).await?;
    Ok(())
}

/// `pending` again, or `cancelled` (reservation released) when the item's job was cancelled.
const BACK_TO_PENDING: &str = "\
    status = CASE WHEN (SELECT status FROM jobs WHERE id = job_items.job_id) = 'cancelled' THEN 'cancelled' ELSE 'pending' END, \
    quota_month = CASE WHEN (SELECT status FROM jobs WHERE id = job_items.job_id) = 'cancelled' THEN NULL ELSE quota_month END, \
    claim_token = NULL, lease_until = NULL";

/// A transient failure: the item goes back to `pending` with its retry due at `retry_at`
/// (its message is retried with that delay), or to `cancelled` if the job was cancelled.
/// Returns whether it is pending (so the message should be retried).
#[allow(clippy::too_many_arguments)]
pub async fn retry(
    db: &Db,
    msg: &ItemMessage,
    token: &str,
    now: i64,
    code: &str,
    message: &str,
    attempts: u8,
    retry_at: i64,
) -> Result<bool, DbError> {
    let mut stmts = vec![db.stmt(
        &format!(
            "UPDATE job_items SET {BACK_TO_PENDING}, error_code = ?, error_message = ?, attempts = attempts + ?, retry_at = ?, updated_at = ? \
             WHERE id = ? AND claim_token = ? AND status IN ({})",
            Action::Retry.sql_from()
        ),
        &args![code, message, attempts, retry_at, now, &msg.item_id, token],
    )?];
    stmts.extend(recount(db, now, &msg.job_id, &msg.tenant_id)?);
    db.batch(stmts).await?;
    let status: Option<StatusRow> = db
        .first(
            "SELECT status FROM job_items WHERE id = ? AND tenant_id = ?",
            &args![&msg.item_id, &msg.tenant_id],
        )
        .await?;
    Ok(status.is_some_and(|s| s.status == "pending"))
}

#[derive(Deserialize)]
struct StatusRow {
    status: String,
}

/// Gives a claim back after D1 trouble, so the retry can take the item at once instead of
/// waiting out the lease. Best effort: if this fails too, the lease expires and the sweeper
/// reclaims the item.
pub async fn release(db: &Db, msg: &ItemMessage, token: &str, now: i64) {
    let stmts = (|| -> Result<_, DbError> {
        let mut s = vec![db.stmt(
            &format!("UPDATE job_items SET {BACK_TO_PENDING}, updated_at = ? WHERE id = ? AND claim_token = ?"),
            &args![now, &msg.item_id, token],
        )?];
        s.extend(recount(db, now, &msg.job_id, &msg.tenant_id)?);
        Ok(s)
    })();
    if let Ok(stmts) = stmts {
        let _ = db.batch(stmts).await;
    }
}

/// The dead-letter consumer: the queue gave up on this message, so the item fails (unless it
/// finished meanwhile), releasing its reservation.
pub async fn dead_letter(db: &Db, msg: &ItemMessage, now: i64) -> Result<(), DbError> {
    let mut stmts = vec![
        crate::catalog::store::on_fail(
            db,
            &msg.tenant_id,
            &msg.item_id,
            None,
            "dead_letter",
            "the queue gave up delivering this item",
            now,
        )?,
        db.stmt(
        &format!(
            "UPDATE job_items SET status = 'failed', error_code = 'dead_letter', \
             error_message = COALESCE(error_message, '') || CASE WHEN error_message IS NULL THEN '' ELSE ' — ' END || 'the queue gave up delivering this item', \
             claim_token = NULL, lease_until = NULL, quota_month = NULL, updated_at = ? WHERE id = ? AND tenant_id = ? AND status IN ({})",
            Action::Fail.sql_from()
        ),
        &args![now, &msg.item_id, &msg.tenant_id],
    )?,
    ];
    stmts.extend(recount(db, now, &msg.job_id, &msg.tenant_id)?);
    db.batch(stmts).await?;
    Ok(())
}

/// Reclaims items whose lease expired (their run died): back to `pending` with no live message
/// (`dispatched_at = NULL`), so the outbox sends them again; `cancelled` under a cancelled job.
/// Returns the (tenant, job) pairs touched, for recounting and pumping.
pub async fn reclaim_expired(
    db: &Db,
    now: i64,
    limit: u32,
) -> Result<Vec<(String, String)>, DbError> {
    #[derive(Deserialize)]
    struct Touched {
        tenant_id: String,
        job_id: String,
    }
    let rows: Vec<Touched> = db
        .all(
            &format!(
                "UPDATE job_items SET {BACK_TO_PENDING}, dispatched_at = NULL, updated_at = ?1 \
                 WHERE id IN (SELECT id FROM job_items WHERE status = 'generating' AND lease_until < ?1 LIMIT ?2) \
                 AND status IN ({}) RETURNING tenant_id, job_id",
                Action::Reclaim.sql_from()
            ),
            &args![now, limit],
        )
        .await?;
    let mut jobs: Vec<(String, String)> =
        rows.into_iter().map(|t| (t.tenant_id, t.job_id)).collect();
    jobs.sort();
    jobs.dedup();
    for (tenant, job) in &jobs {
        db.batch(recount(db, now, job, tenant)?).await?;
    }
    Ok(jobs)
}
