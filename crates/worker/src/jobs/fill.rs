//! Catalog jobs: a job whose items are the catalog products of a selection (all of them, a
//! filter, or ids) that need generation: no content yet, or content written from other source
//! data (see [`crate::catalog`]). Unchanged and invalid products are skipped (and counted), so
//! re-running a job over an unchanged catalog creates nothing.
//!
//! A selection may match a whole store (10,000 products and more), so no request inserts it
//! at once: the job is created empty with `filling = 1`, and [`fill`] adds one chunk of at most
//! [`FILL_CHUNK`] items at a time, walking the selection by catalog id (`fill_cursor`). The
//! creating request fills the first chunk; the outbox pump fills the next one whenever the job's
//! outbox is empty (after each consumer batch, and from the sweeper for a stalled job), so a
//! job grows as fast as it is worked off and every invocation stays bounded.
//!
//! A chunk is one D1 transaction: the cursor moves only if the chunk's eligible products fit in
//! the quota (the same guard as every reservation), under a fresh fill token; the items are
//! inserted (each holding its reservation) and the catalog rows marked queued only under that
//! token. Two pumps filling the same job race for the cursor and only one chunk lands. When the
//! quota cannot take a chunk, the job stops filling (`fill_error`) and finishes with what it has.

use serde::Deserialize;

use super::quota::{self, guard_sql};
use super::store::{load_job, recount};
use super::JobError;
use crate::args;
use crate::catalog::read::{eligible_sql, fill_candidates};
use crate::catalog::Filter;
use crate::db::{Db, DbError};

/// Catalog products considered per chunk (and items inserted per chunk at most).
pub const FILL_CHUNK: u32 = 200;

/// A catalog job's stored selection.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Selection {
    /// Which products.
    #[serde(default)]
    pub filter: Filter,
    /// Take products whose content is current too.
    #[serde(default)]
    pub force: bool,
}

/// A catalog job to create.
#[derive(Debug, Clone)]
pub struct NewCatalogJob<'a> {
    /// Tenant.
    pub tenant: &'a str,
    /// Label.
    pub name: &'a str,
    /// Template used.
    pub template_id: Option<String>,
    /// `api`, `woocommerce` or `webhook`.
    pub source: &'a str,
    /// Resolved `PromptOptions` JSON.
    pub options: String,
    /// Channel id.
    pub channel: &'a str,
    /// Revise target.
    pub target_score: Option<u8>,
    /// Provider calls per generation.
    pub max_attempts: u8,
    /// Auto-approval threshold.
    pub approve_min_score: Option<u8>,
    /// Audit actor.
    pub created_by: &'a str,
    /// Which products.
    pub selection: Selection,
}

/// What one [`fill`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filled {
    /// A chunk landed: items added, products skipped.
    Chunk {
        /// Items inserted.
        added: usize,
        /// Products left out (unchanged or invalid).
        skipped: usize,
    },
    /// The selection is exhausted: the job takes no more items.
    Done,
    /// Another fill moved the cursor first (nothing done).
    Raced,
    /// The quota cannot take the next chunk: the job stopped filling.
    QuotaStopped,
    /// The job is not filling (finished, cancelled, or not a catalog job).
    NotFilling,
}

/// Creates a catalog job (empty, filling) and fills its first chunk. The caller pumps the
/// outbox.
pub async fn create_catalog_job(
    db: &Db,
    job: NewCatalogJob<'_>,
    now: i64,
) -> Result<(String, Filled), JobError> {
    let job_id = crate::ids::id("job")?;
    let selection = serde_json::to_string(&job.selection).unwrap_or_default();
    db.run(
        "INSERT INTO jobs (id, tenant_id, name, template_id, source, status, options, channel, target_score, max_attempts, total, created_by, \
         created_at, updated_at, ready, open_holds, selection, filling, approve_min_score) \
         VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, 0, ?, ?, ?, 1, 0, ?, 1, ?)",
        &args![
            &job_id, job.tenant, job.name, job.template_id.clone(), job.source, job.options.clone(), job.channel,
            job.target_score, job.max_attempts, job.created_by, now, now, selection, job.approve_min_score
        ],
    )
    .await?;
    let filled = fill(db, job.tenant, &job_id, now).await?;
    Ok((job_id, filled))
}

/// Adds the next chunk of a filling catalog job (see the module doc).
pub async fn fill(db: &Db, tenant: &str, job_id: &str, now: i64) -> Result<Filled, JobError> {
    let job = load_job(db, tenant, job_id).await?;
    if job.filling == 0 {
        return Ok(Filled::NotFilling);
    }
    let Some(selection) = job.selection.as_deref() else {
        return Ok(Filled::NotFilling);
    };
    let selection: Selection = serde_json::from_str(selection)
        .map_err(|e| JobError::Db(DbError(format!("job {job_id}: stored selection: {e}"))))?;
    #[derive(Deserialize)]
    struct Cursor {
        fill_cursor: Option<String>,
    }
    let cursor: Option<Cursor> = db
        .first(
            "SELECT fill_cursor FROM jobs WHERE id = ? AND tenant_id = ?",
            &args![job_id, tenant],
        )
        .await?;
    let cursor = cursor.and_then(|c| c.fill_cursor);
    let candidates = fill_candidates(
        db,
        tenant,
        &selection.filter,
        selection.force,
        cursor.as_deref(),
        FILL_CHUNK,
    )
    .await?;
    if candidates.is_empty() {
        // Nothing more: the job takes no more items, and finishes once they are done.
        let mut stmts = vec![db.stmt(
            "UPDATE jobs SET filling = 0, fill_token = NULL, updated_at = ? WHERE id = ? AND tenant_id = ? AND filling = 1 AND fill_cursor IS ?",
            &args![now, job_id, tenant, cursor.clone()],
        )?];
        stmts.extend(recount(db, now, job_id, tenant)?);
        let changed = db.batch(stmts).await?;
        return Ok(if changed.first().copied().unwrap_or(0) == 1 {
            Filled::Done
        } else {
            Filled::Raced
        });
    }
    let month = crate::time::month(now);
    match try_chunk(
        db,
        tenant,
        job_id,
        &job,
        &selection,
        cursor.as_deref(),
        &candidates,
        &month,
        now,
    )
    .await?
    {
        Some(filled) => return Ok(filled),
        None if !still_at(db, tenant, job_id, cursor.as_deref()).await? => {
            return Ok(Filled::Raced)
        }
        None => {}
    }
    // The chunk does not fit in the quota: take what still fits, then stop.
    let standing = quota::standing(db, tenant, &month, now).await?;
    let room = usize::try_from(standing.remaining().unwrap_or(0)).unwrap_or(0);
    if room > 0 {
        let mut taken = 0;
        let cut = candidates
            .iter()
            .position(|c| {
                taken += usize::from(c.eligible == 1);
                taken == room
            })
            .map_or(candidates.len(), |i| i + 1);
        if let Some(filled) = try_chunk(
            db,
            tenant,
            job_id,
            &job,
            &selection,
            cursor.as_deref(),
            &candidates[..cut],
            &month,
            now,
        )
        .await?
        {
            return Ok(filled);
        }
    }
    let why = format!(
        "quota_exceeded: the monthly quota cannot take more of this job's items ({} used and {} reserved of {})",
        standing.used,
        standing.reserved,
        standing.limit.unwrap_or(0)
    );
    let mut stmts = vec![db.stmt(
        "UPDATE jobs SET filling = 0, fill_error = ?, updated_at = ? WHERE id = ? AND tenant_id = ? AND filling = 1",
        &args![why, now, job_id, tenant],
    )?];
    stmts.extend(recount(db, now, job_id, tenant)?);
    db.batch(stmts).await?;
    Ok(Filled::QuotaStopped)
}

/// Is the job still filling from `cursor` (no other fill moved it)?
async fn still_at(
    db: &Db,
    tenant: &str,
    job_id: &str,
    cursor: Option<&str>,
) -> Result<bool, DbError> {
    #[derive(Deserialize)]
    struct Cursor {
        fill_cursor: Option<String>,
    }
    let now: Option<Cursor> = db
        .first(
            "SELECT fill_cursor FROM jobs WHERE id = ? AND tenant_id = ? AND filling = 1",
            &args![job_id, tenant],
        )
        .await?;
    Ok(now.is_some_and(|c| c.fill_cursor.as_deref() == cursor))
}

/// One chunk in one transaction: `None` when the cursor did not move (the quota, or another
/// fill).
#[allow(clippy::too_many_arguments)]
async fn try_chunk(
    db: &Db,
    tenant: &str,
    job_id: &str,
    job: &super::store::JobRow,
    selection: &Selection,
    cursor: Option<&str>,
    candidates: &[crate::catalog::read::Candidate],
    month: &str,
    now: i64,
) -> Result<Option<Filled>, DbError> {
    let Some(last) = candidates.last().map(|c| c.id.as_str()) else {
        return Ok(None);
    };
    let eligible: Vec<&str> = candidates
        .iter()
        .filter(|c| c.eligible == 1)
        .map(|c| c.id.as_str())
        .collect();
    let skipped = candidates.len() - eligible.len();
    let n = i64::try_from(eligible.len()).unwrap_or(i64::MAX);
    let ids_json = serde_json::to_string(&eligible).unwrap_or_default();
    let token = crate::ids::id("fil")?;
    let mut stmts = vec![
        // The cursor moves only when the chunk fits in the quota (?1 tenant, ?2 month, ?3 now,
        // ?4 items), and only from where this fill read it.
        db.stmt(
            &format!(
                "UPDATE jobs SET fill_cursor = ?5, fill_token = ?6, skipped = skipped + ?7, updated_at = ?3 \
                 WHERE id = ?8 AND tenant_id = ?1 AND filling = 1 AND fill_cursor IS ?9 AND {}",
                guard_sql(1, 2, 3, 4)
            ),
            &args![tenant, month, now, n, last, &token, i64::try_from(skipped).unwrap_or(0), job_id, cursor],
        )?,
        db.stmt(
            &format!(
                "INSERT INTO job_items (id, tenant_id, job_id, position, external_id, product, status, quota_month, catalog_id, source_hash, created_at, updated_at) \
                 SELECT 'itm_' || lower(hex(randomblob(12))), tenant_id, ?2, ?3 + row_number() OVER (ORDER BY id) - 1, external_id, product, 'pending', ?4, id, source_hash, ?5, ?5 \
                 FROM catalog_products WHERE tenant_id = ?1 AND id IN (SELECT value FROM json_each(?6)) AND {} \
                 AND EXISTS (SELECT 1 FROM jobs WHERE id = ?2 AND tenant_id = ?1 AND fill_token = ?8)",
                eligible_sql(7)
            ),
            &args![tenant, job_id, job.total, month, now, &ids_json, selection.force, &token],
        )?,
        crate::catalog::store::on_fill(db, tenant, job_id, &token, &ids_json, now)?,
        db.stmt(
            "UPDATE jobs SET total = (SELECT COUNT(*) FROM job_items WHERE job_id = ?1) WHERE id = ?1 AND tenant_id = ?2 AND fill_token = ?3",
            &args![job_id, tenant, &token],
        )?,
    ];
    stmts.extend(recount(db, now, job_id, tenant)?);
    let changed = db.batch(stmts).await?;
    Ok(
        (changed.first().copied().unwrap_or(0) == 1).then(|| Filled::Chunk {
            added: changed.get(1).copied().unwrap_or(0),
            skipped,
        }),
    )
}

/// Is the job a catalog job still filling, with nothing left in its outbox? (The pump then
/// fills its next chunk.)
pub async fn needs_fill(db: &Db, tenant: &str, job_id: &str) -> Result<bool, DbError> {
    #[derive(Deserialize)]
    struct Need {
        n: i64,
    }
    let r: Option<Need> = db
        .first(
            "SELECT 1 AS n FROM jobs WHERE id = ?1 AND tenant_id = ?2 AND ready = 1 AND filling = 1 AND status IN ('queued', 'running') \
             AND NOT EXISTS (SELECT 1 FROM job_items WHERE job_id = ?1 AND status = 'pending' AND dispatched_at IS NULL)",
            &args![job_id, tenant],
        )
        .await?;
    Ok(r.is_some_and(|r| r.n == 1))
}
