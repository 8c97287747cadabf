//! Jobs and items as the API acts on them: create (with its quota reservation), read, list,
//! cancel, delete, review, regenerate, sync status, export. Every statement filters by the
//! tenant; every status change takes its guard from [`Action`].

use serde::Deserialize;

use super::quota::{self, guard_sql};
use super::{Action, ItemStatus, JobError, JobStatus};
use crate::args;
use crate::db::{Arg, Db, DbError};

/// A job row.
#[derive(Debug, Clone, Deserialize)]
pub struct JobRow {
    /// Id.
    pub id: String,
    /// Label.
    pub name: String,
    /// Template used.
    pub template_id: Option<String>,
    /// `api`, `csv`, `woocommerce`, `webhook`.
    pub source: String,
    /// See [`JobStatus`].
    pub status: String,
    /// JSON `PromptOptions`, resolved at creation.
    pub options: String,
    /// Channel id.
    pub channel: String,
    /// Revise target.
    pub target_score: Option<i64>,
    /// Provider calls per generation.
    pub max_attempts: i64,
    /// Items.
    pub total: i64,
    /// Generated, approved, rejected.
    pub completed: i64,
    /// Failed.
    pub failed: i64,
    /// Cancelled.
    pub cancelled: i64,
    /// ms.
    pub created_at: i64,
    /// ms.
    pub started_at: Option<i64>,
    /// ms.
    pub finished_at: Option<i64>,
    /// ms: last change of the job or one of its items.
    pub updated_at: i64,
    /// A catalog job's selection (JSON `catalog::Filter` with `force`), `None` for a job of
    /// products given in the request.
    pub selection: Option<String>,
    /// 1 while a catalog job is still adding chunks of items.
    pub filling: i64,
    /// Catalog products left out: unchanged since their content was generated, or invalid.
    pub skipped: i64,
    /// Why a catalog job stopped adding items early (the quota).
    pub fill_error: Option<String>,
    /// Items scoring at least this are approved when committed.
    pub approve_min_score: Option<i64>,
}

const JOB_COLS: &str = "id, name, template_id, source, status, options, channel, target_score, max_attempts, total, completed, failed, cancelled, created_at, started_at, finished_at, updated_at, selection, filling, skipped, fill_error, approve_min_score";

/// Recomputes a job's counters from its items and moves its status (queued/running →
/// completed when nothing is left and no more items are coming; completed → running when an
/// item is regenerated).
/// Parameters: ?1 now, ?2 job id, ?3 tenant id. Run in the same batch as every item change, so
/// the counters are exact at every commit.
const RECOUNT: &str = "UPDATE jobs SET \
    completed = (SELECT COUNT(*) FROM job_items WHERE job_id = ?2 AND status IN ('generated', 'approved', 'rejected')), \
    failed = (SELECT COUNT(*) FROM job_items WHERE job_id = ?2 AND status = 'failed'), \
    cancelled = (SELECT COUNT(*) FROM job_items WHERE job_id = ?2 AND status = 'cancelled'), \
    updated_at = ?1 \
    WHERE id = ?2 AND tenant_id = ?3";
const FINISH: &str = "UPDATE jobs SET status = 'completed', finished_at = ?1 \
    WHERE id = ?2 AND tenant_id = ?3 AND status IN ('queued', 'running') AND filling = 0 AND completed + failed + cancelled >= total";
const REOPEN: &str = "UPDATE jobs SET status = 'running', finished_at = NULL \
    WHERE id = ?2 AND tenant_id = ?3 AND status = 'completed' AND completed + failed + cancelled < total";

/// The three statements that keep a job's counters and status exact.
pub(crate) fn recount(
    db: &Db,
    now: i64,
    job_id: &str,
    tenant_id: &str,
) -> Result<Vec<worker::D1PreparedStatement>, DbError> {
    [RECOUNT, FINISH, REOPEN]
        .iter()
        .map(|sql| db.stmt(sql, &args![now, job_id, tenant_id]))
        .collect()
}

/// A job of this tenant (never one still being created).
pub async fn load_job(db: &Db, tenant: &str, id: &str) -> Result<JobRow, JobError> {
    db.first(
        &format!("SELECT {JOB_COLS} FROM jobs WHERE id = ? AND tenant_id = ? AND ready = 1"),
        &args![id, tenant],
    )
    .await?
    .ok_or(JobError::NotFound("job"))
}

/// A page of the tenant's jobs, newest first, and the total.
pub async fn list_jobs(
    db: &Db,
    tenant: &str,
    status: Option<JobStatus>,
    limit: u32,
    offset: u64,
) -> Result<(u64, Vec<JobRow>), JobError> {
    let status = status.map(JobStatus::as_str);
    let filter = "tenant_id = ?1 AND ready = 1 AND (?2 IS NULL OR status = ?2)";
    let total = db
        .count(
            &format!("SELECT COUNT(*) AS n FROM jobs WHERE {filter}"),
            &args![tenant, status],
        )
        .await?;
    let rows = db
        .all(
            &format!("SELECT {JOB_COLS} FROM jobs WHERE {filter} ORDER BY created_at DESC, id LIMIT ?3 OFFSET ?4"),
            &args![tenant, status, limit, i64::try_from(offset).unwrap_or(i64::MAX)],
        )
        .await?;
    Ok((total, rows))
}

/// One product of a job being created.
#[derive(Debug, Clone)]
pub struct NewItem {
    /// The product, as JSON.
    pub product: String,
    /// The shop's id.
    pub external_id: Option<String>,
    /// Why the product is invalid (the item is born `failed` with `invalid_product`).
    pub invalid: Option<String>,
}

/// A job to create.
#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    /// Tenant.
    pub tenant: &'a str,
    /// Label.
    pub name: &'a str,
    /// Template used.
    pub template_id: Option<String>,
    /// `api`, `csv`, `woocommerce`, `webhook`.
    pub source: &'a str,
    /// Resolved `PromptOptions` JSON.
    pub options: String,
    /// Channel id.
    pub channel: &'a str,
    /// Revise target.
    pub target_score: Option<u8>,
    /// Provider calls per generation.
    pub max_attempts: u8,
    /// Items scoring at least this are approved when committed.
    pub approve_min_score: Option<u8>,
    /// Audit actor.
    pub created_by: &'a str,
    /// The products.
    pub items: Vec<NewItem>,
}

const ITEM_COLS: usize = 12;
/// Rows per INSERT: 8 × 12 = 96 bound parameters (D1 allows 100).
const ROWS_PER_INSERT: usize = 8;
const _: () = assert!(ROWS_PER_INSERT * ITEM_COLS <= 100);
/// INSERT statements per D1 batch (one transaction each).
const INSERTS_PER_BATCH: usize = 40;

/// Creates a job: reserves quota for its valid items (refused with [`JobError::Quota`] when
/// they do not fit), inserts the items in bounded batches while the job is invisible
/// (`ready = 0`), then makes it visible with exact counters. Nothing is sent to the queue here:
/// the caller pumps the outbox ([`super::outbox::pump`]). A crash part-way leaves an unready
/// job that the sweeper deletes, releasing its reservation.
pub async fn create_job(db: &Db, job: NewJob<'_>, now: i64) -> Result<String, JobError> {
    let job_id = crate::ids::id("job")?;
    let month = crate::time::month(now);
    let valid =
        i64::try_from(job.items.iter().filter(|i| i.invalid.is_none()).count()).unwrap_or(i64::MAX);
    let total = i64::try_from(job.items.len()).unwrap_or(i64::MAX);
    let inserted = db
        .run(
            &format!(
                "INSERT INTO jobs (id, tenant_id, name, template_id, source, status, options, channel, target_score, max_attempts, total, created_by, created_at, updated_at, ready, open_holds, quota_month, approve_min_score) \
                 SELECT ?5, ?1, ?6, ?7, ?8, 'queued', ?9, ?10, ?11, ?12, ?13, ?14, ?3, ?3, 0, ?4, ?2, ?15 WHERE {}",
                guard_sql(1, 2, 3, 4)
            ),
            &args![
                job.tenant, &month, now, valid, &job_id, job.name, job.template_id.clone(), job.source,
                job.options.clone(), job.channel, job.target_score, job.max_attempts, total, job.created_by,
                job.approve_min_score
            ],
        )
        .await?;
    if inserted == 0 {
        return Err(JobError::Quota {
            standing: quota::standing(db, job.tenant, &month, now).await?,
            requested: valid,
        });
    }
    let filled = insert_items(db, &job, &job_id, &month, now).await;
    let ready = match filled {
        Ok(()) => {
            let mut stmts = vec![db.stmt(
                "UPDATE jobs SET ready = 1, open_holds = 0 WHERE id = ? AND tenant_id = ?",
                &args![&job_id, job.tenant],
            )?];
            stmts.extend(recount(db, now, &job_id, job.tenant)?);
            db.batch(stmts).await.map(|_| ())
        }
        Err(e) => Err(e),
    };
    if let Err(e) = ready {
        // Leave nothing half-made behind (best effort: if this fails too, the sweeper deletes
        // the unready job).
        if let Ok(stmts) = removal(db, &job_id, job.tenant) {
            let _ = db.batch(stmts).await;
        }
        return Err(e.into());
    }
    Ok(job_id)
}

async fn insert_items(
    db: &Db,
    job: &NewJob<'_>,
    job_id: &str,
    month: &str,
    now: i64,
) -> Result<(), DbError> {
    let rows: Vec<(usize, &NewItem)> = job.items.iter().enumerate().collect();
    for batch in rows.chunks(ROWS_PER_INSERT * INSERTS_PER_BATCH) {
        let mut stmts = Vec::with_capacity(INSERTS_PER_BATCH + 1);
        let mut holds = 0i64;
        for chunk in batch.chunks(ROWS_PER_INSERT) {
            let mut values: Vec<Arg> = Vec::with_capacity(chunk.len() * ITEM_COLS);
            for (pos, item) in chunk {
                let status = if item.invalid.is_some() {
                    ItemStatus::Failed
                } else {
                    holds += 1;
                    ItemStatus::Pending
                };
                values.extend(args![
                    crate::ids::id("itm")?,
                    job.tenant,
                    job_id,
                    i64::try_from(*pos).unwrap_or(i64::MAX),
                    item.external_id.clone(),
                    item.product.clone(),
                    status.as_str(),
                    item.invalid.as_ref().map(|_| "invalid_product"),
                    item.invalid.clone(),
                    item.invalid.is_none().then_some(month),
                    now,
                    now
                ]);
            }
            let placeholders = vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", ");
            stmts.push(db.stmt(
                &format!("INSERT INTO job_items (id, tenant_id, job_id, position, external_id, product, status, error_code, error_message, quota_month, created_at, updated_at) VALUES {placeholders}"),
                &values,
            )?);
        }
        // The items now carry these reservations: the job's open part shrinks by as much, in
        // the same transaction, so the tenant's reserved total never moves.
        stmts.push(db.stmt(
            "UPDATE jobs SET open_holds = open_holds - ? WHERE id = ? AND tenant_id = ?",
            &args![holds, job_id, job.tenant],
        )?);
        db.batch(stmts).await?;
    }
    Ok(())
}

/// `DELETE` of a job and its items (usage rows stay: they are the bill; catalog rows keep the
/// content they took, and are no longer queued on the job).
fn removal(
    db: &Db,
    job_id: &str,
    tenant: &str,
) -> Result<Vec<worker::D1PreparedStatement>, DbError> {
    Ok(vec![
        crate::catalog::store::on_job_stopped(db, tenant, job_id, true)?,
        db.stmt(
            "DELETE FROM job_items WHERE job_id = ? AND tenant_id = ?",
            &args![job_id, tenant],
        )?,
        db.stmt(
            "DELETE FROM jobs WHERE id = ? AND tenant_id = ?",
            &args![job_id, tenant],
        )?,
    ])
}

/// Deletes a job and its items (their reservations go with them).
pub async fn delete_job(db: &Db, tenant: &str, id: &str) -> Result<(), JobError> {
    load_job(db, tenant, id).await?;
    db.batch(removal(db, id, tenant)?).await?;
    Ok(())
}

/// Cancels a job: its pending items are cancelled (releasing their reservations); items being
/// generated finish, but nothing of the job starts again (see [`super::run`]).
pub async fn cancel_job(db: &Db, tenant: &str, id: &str, now: i64) -> Result<(), JobError> {
    let job = load_job(db, tenant, id).await?;
    if matches!(
        JobStatus::parse(&job.status),
        Some(JobStatus::Completed | JobStatus::Cancelled)
    ) {
        return Err(JobError::InvalidState {
            what: "job",
            status: job.status,
            action: "cancel",
        });
    }
    let mut stmts = vec![
        db.stmt(
            &format!(
                "UPDATE job_items SET status = 'cancelled', quota_month = NULL, updated_at = ? \
                 WHERE job_id = ? AND tenant_id = ? AND status IN ({})",
                Action::Cancel.sql_from()
            ),
            &args![now, id, tenant],
        )?,
        db.stmt(
            "UPDATE jobs SET status = 'cancelled', filling = 0, finished_at = ? WHERE id = ? AND tenant_id = ? AND status IN ('queued', 'running')",
            &args![now, id, tenant],
        )?,
        crate::catalog::store::on_job_stopped(db, tenant, id, false)?,
    ];
    stmts.extend(recount(db, now, id, tenant)?);
    db.batch(stmts).await?;
    Ok(())
}

/// An item row (without its analysis unless asked).
#[derive(Debug, Clone, Deserialize)]
pub struct ItemRow {
    /// Id.
    pub id: String,
    /// Job.
    pub job_id: String,
    /// Shop id.
    pub external_id: Option<String>,
    /// See [`ItemStatus`].
    pub status: String,
    /// `pending`, `synced`, `failed`.
    pub sync_status: String,
    /// Why the sync failed.
    pub sync_error: Option<String>,
    /// JSON product.
    pub product: String,
    /// JSON `GeneratedContent` (sanitized).
    pub content: Option<String>,
    /// Score.
    pub score: Option<i64>,
    /// SEO score.
    pub seo_score: Option<i64>,
    /// Readability score.
    pub readability_score: Option<i64>,
    /// Last error code.
    pub error_code: Option<String>,
    /// Last error message.
    pub error_message: Option<String>,
    /// Provider type.
    pub provider: Option<String>,
    /// Model.
    pub model: Option<String>,
    /// Tokens.
    pub input_tokens: i64,
    /// Tokens.
    pub output_tokens: i64,
    /// Micro-USD.
    pub cost_micros: i64,
    /// Provider calls.
    pub attempts: i64,
    /// 1 when the sanitizer removed unsafe markup from the model's answer.
    pub unsafe_html: i64,
    /// ms.
    pub created_at: i64,
    /// ms.
    pub updated_at: i64,
    /// JSON `Analysis` (single-item reads only).
    #[serde(default)]
    pub analysis: Option<String>,
    /// JSON `Report` (single-item reads only).
    #[serde(default)]
    pub validation: Option<String>,
}

const ITEM_COLS_SQL: &str = "id, job_id, external_id, status, sync_status, sync_error, product, content, score, seo_score, readability_score, error_code, error_message, provider, model, input_tokens, output_tokens, cost_micros, attempts, unsafe_html, created_at, updated_at";

/// One item of this tenant, with its analysis and validation.
pub async fn load_item(db: &Db, tenant: &str, id: &str) -> Result<ItemRow, JobError> {
    db.first(
        &format!("SELECT {ITEM_COLS_SQL}, analysis, validation FROM job_items WHERE id = ? AND tenant_id = ?"),
        &args![id, tenant],
    )
    .await?
    .ok_or(JobError::NotFound("item"))
}

/// Filters of an item list.
#[derive(Debug, Clone, Copy, Default)]
pub struct ItemFilter {
    /// Only this status.
    pub status: Option<ItemStatus>,
    /// Score at least.
    pub min_score: Option<u32>,
    /// Score at most.
    pub max_score: Option<u32>,
}

/// A page of a job's items in position order, and the total.
pub async fn list_items(
    db: &Db,
    tenant: &str,
    job_id: &str,
    f: ItemFilter,
    limit: u32,
    offset: u64,
) -> Result<(u64, Vec<ItemRow>), JobError> {
    load_job(db, tenant, job_id).await?;
    let status = f.status.map(ItemStatus::as_str);
    let filter = "job_id = ?1 AND tenant_id = ?2 AND (?3 IS NULL OR status = ?3) AND (?4 IS NULL OR score >= ?4) AND (?5 IS NULL OR score <= ?5)";
    let fargs = args![job_id, tenant, status, f.min_score, f.max_score];
    let total = db
        .count(
            &format!("SELECT COUNT(*) AS n FROM job_items WHERE {filter}"),
            &fargs,
        )
        .await?;
    let mut largs = fargs.to_vec();
    largs.extend(args![limit, i64::try_from(offset).unwrap_or(i64::MAX)]);
    let rows = db
        .all(
            &format!("SELECT {ITEM_COLS_SQL} FROM job_items WHERE {filter} ORDER BY position LIMIT ?6 OFFSET ?7"),
            &largs,
        )
        .await?;
    Ok((total, rows))
}

/// Records whether the shop wrote the item's content.
pub async fn set_sync(
    db: &Db,
    tenant: &str,
    id: &str,
    sync_status: &str,
    sync_error: Option<&str>,
    now: i64,
) -> Result<(), JobError> {
    let n = db
        .run(
            "UPDATE job_items SET sync_status = ?, sync_error = ?, updated_at = ? WHERE id = ? AND tenant_id = ?",
            &args![sync_status, sync_error, now, id, tenant],
        )
        .await?;
    if n == 0 {
        return Err(JobError::NotFound("item"));
    }
    Ok(())
}

/// Approves or rejects an item. Content from which unsafe markup was removed is never approved.
pub async fn review(
    db: &Db,
    tenant: &str,
    id: &str,
    action: Action,
    now: i64,
) -> Result<(), JobError> {
    let item = load_item(db, tenant, id).await?;
    let from = ItemStatus::parse(&item.status);
    if !from.is_some_and(|s| action.allowed_from(s)) {
        return Err(JobError::InvalidState {
            what: "item",
            status: item.status,
            action: action.verb(),
        });
    }
    let approving = action == Action::Approve;
    if approving && item.unsafe_html != 0 {
        return Err(JobError::UnsafeContent);
    }
    let to = action.transition().1;
    let mut stmts = vec![db.stmt(
        &format!(
            "UPDATE job_items SET status = ?, updated_at = ? WHERE id = ? AND tenant_id = ? AND status = ? AND status IN ({}) AND (? = 0 OR unsafe_html = 0)",
            action.sql_from()
        ),
        &args![to.as_str(), now, id, tenant, &item.status, approving],
    )?];
    stmts.push(crate::catalog::store::on_review(
        db,
        tenant,
        id,
        to.as_str(),
        now,
    )?);
    stmts.extend(recount(db, now, &item.job_id, tenant)?);
    let changed = db.batch(stmts).await?;
    if changed.first().copied().unwrap_or(0) == 0 {
        return Err(JobError::Conflict("the item changed meanwhile; reload it"));
    }
    Ok(())
}

/// A regeneration request, already validated.
#[derive(Debug, Clone, Default)]
pub struct Regenerate {
    /// Merged `PromptOptions` JSON for this generation (`None` keeps the last override).
    pub options: Option<String>,
    /// Target score for this generation.
    pub target_score: Option<u8>,
}

/// Puts an item back to `pending` with a new reservation (refused with [`JobError::Quota`]
/// when it does not fit) and reopens its job. The caller pumps the outbox.
pub async fn regenerate(
    db: &Db,
    tenant: &str,
    id: &str,
    r: &Regenerate,
    now: i64,
) -> Result<ItemRow, JobError> {
    let item = load_item(db, tenant, id).await?;
    let from = ItemStatus::parse(&item.status);
    if !from.is_some_and(|s| Action::Regenerate.allowed_from(s)) {
        return Err(JobError::InvalidState {
            what: "item",
            status: item.status,
            action: "regenerate",
        });
    }
    if item.error_code.as_deref() == Some("invalid_product") {
        return Err(JobError::InvalidState {
            what: "item",
            status: "invalid_product".into(),
            action: "regenerate",
        });
    }
    let month = crate::time::month(now);
    let mut stmts = vec![db.stmt(
        &format!(
            "UPDATE job_items SET status = 'pending', tries = 0, error_code = NULL, error_message = NULL, \
             options_override = COALESCE(?5, options_override), target_override = COALESCE(?6, target_override), \
             sync_status = 'pending', quota_month = ?2, dispatched_at = NULL, retry_at = NULL, updated_at = ?3 \
             WHERE id = ?7 AND tenant_id = ?1 AND status = ?8 AND status IN ({}) AND {}",
            Action::Regenerate.sql_from(),
            guard_sql(1, 2, 3, 4)
        ),
        &args![tenant, &month, now, 1i64, r.options.clone(), r.target_score, id, &item.status],
    )?];
    // A cancelled job runs again for this item (only if the item above moved).
    stmts.push(db.stmt(
        "UPDATE jobs SET status = 'running', finished_at = NULL WHERE id = ? AND tenant_id = ? AND status = 'cancelled' \
         AND EXISTS (SELECT 1 FROM job_items WHERE id = ? AND status = 'pending' AND updated_at = ?)",
        &args![&item.job_id, tenant, id, now],
    )?);
    stmts.push(crate::catalog::store::on_requeue(db, tenant, id, now)?);
    stmts.extend(recount(db, now, &item.job_id, tenant)?);
    let changed = db.batch(stmts).await?;
    if changed.first().copied().unwrap_or(0) == 0 {
        let again = load_item(db, tenant, id).await?;
        if again.status != item.status {
            return Err(JobError::Conflict("the item changed meanwhile; reload it"));
        }
        return Err(JobError::Quota {
            standing: quota::standing(db, tenant, &month, now).await?,
            requested: 1,
        });
    }
    load_item(db, tenant, id).await
}

/// An item to export.
#[derive(Debug, Clone, Deserialize)]
pub struct ExportItem {
    /// Id.
    pub id: String,
    /// Shop id.
    pub external_id: Option<String>,
    /// JSON product.
    pub product: String,
    /// JSON content (sanitized).
    pub content: Option<String>,
    /// Score.
    pub score: Option<i64>,
    /// Status.
    pub status: String,
    /// JSON options of the last regeneration.
    pub options_override: Option<String>,
}

/// The items of a job that have content in one of `statuses`, in position order. Items whose
/// content had unsafe markup removed are never exported.
pub async fn export_items(
    db: &Db,
    tenant: &str,
    job_id: &str,
    statuses: &[ItemStatus],
) -> Result<Vec<ExportItem>, JobError> {
    db.all(
        &format!(
            "SELECT id, external_id, product, content, score, status, options_override FROM job_items \
             WHERE job_id = ? AND tenant_id = ? AND content IS NOT NULL AND unsafe_html = 0 AND status IN ({}) ORDER BY position",
            ItemStatus::sql_list(statuses)
        ),
        &args![job_id, tenant],
    )
    .await
    .map_err(JobError::from)
}

/// The same items as [`export_items`], paged by position for a streamed feed
/// ([`crate::exports::Selection`]); keyphrases come from `options` (the job's).
pub fn export_selection(
    tenant: &str,
    job_id: &str,
    statuses: &[ItemStatus],
    options: proseo_core::prompt::PromptOptions,
) -> crate::exports::Selection {
    crate::exports::Selection {
        sql: format!(
            "SELECT id, position AS key, product, content, options_override AS options FROM job_items \
             WHERE job_id = ? AND tenant_id = ? AND content IS NOT NULL AND unsafe_html = 0 AND status IN ({})",
            ItemStatus::sql_list(statuses)
        ),
        args: args![job_id, tenant].to_vec(),
        key_column: "position",
        job_options: Some(options),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_statement_placeholders_match_columns() {
        assert_eq!(
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)".matches('?').count(),
            ITEM_COLS
        );
    }
}
