//! Every statement that writes `catalog_products` (a tidy test checks that nothing outside
//! `src/catalog/` does). The upserts of pulls and webhook deliveries, deletes and push results
//! run here; the job pipeline (`src/jobs/`) puts the statements built by the `on_*` functions
//! into its own D1 batches, so a catalog row moves in the same transaction as its job item.
//! Every statement filters by the tenant, directly or through the job item it names.

use serde::Deserialize;
use worker::D1PreparedStatement;

use super::{Prepared, SourceKind};
use crate::args;
use crate::db::{Db, DbError};

/// Products written per D1 batch (one transaction) at most.
pub const MAX_UPSERT: usize = 200;

/// What an upsert did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Upserted {
    /// New rows.
    pub created: u32,
    /// Rows whose source hash changed (their content, if any, is now stale).
    pub updated: u32,
    /// Rows whose facts did not change (their stored data may still have been refreshed).
    pub unchanged: u32,
}

#[derive(Deserialize)]
struct Existing {
    external_id: String,
    source_hash: String,
    data_hash: String,
}

/// Stores products of one source (insert or update by external id), in one transaction per
/// [`MAX_UPSERT`] products. Rows whose data did not change are not written at all.
pub async fn upsert(
    db: &Db,
    tenant: &str,
    source: &str,
    kind: SourceKind,
    items: &[Prepared],
    now: i64,
) -> Result<Upserted, DbError> {
    let mut out = Upserted::default();
    for chunk in items.chunks(MAX_UPSERT) {
        let ids: Vec<&str> = chunk.iter().map(|p| p.external_id.as_str()).collect();
        let existing: Vec<Existing> = db
            .all(
                "SELECT external_id, source_hash, data_hash FROM catalog_products \
                 WHERE tenant_id = ? AND source = ? AND external_id IN (SELECT value FROM json_each(?))",
                &args![tenant, source, serde_json::to_string(&ids).unwrap_or_default()],
            )
            .await?;
        let mut stmts = Vec::with_capacity(chunk.len());
        // A source may list one product twice (a page shifting under a pull): the last wins.
        let mut seen = std::collections::HashSet::new();
        for p in chunk.iter().rev() {
            if !seen.insert(p.external_id.as_str()) {
                continue;
            }
            match existing.iter().find(|e| e.external_id == p.external_id) {
                None => out.created += 1,
                Some(e) if e.source_hash != p.source_hash => out.updated += 1,
                Some(e) => {
                    out.unchanged += 1;
                    if e.data_hash == p.data_hash {
                        continue;
                    }
                }
            }
            stmts.push(upsert_stmt(db, tenant, source, kind, p, now)?);
        }
        if !stmts.is_empty() {
            db.batch(stmts).await?;
        }
    }
    Ok(out)
}

fn upsert_stmt(
    db: &Db,
    tenant: &str,
    source: &str,
    kind: SourceKind,
    p: &Prepared,
    now: i64,
) -> Result<D1PreparedStatement, DbError> {
    let id = crate::ids::id("prd")?;
    db.stmt(
        "INSERT INTO catalog_products (id, tenant_id, source, source_kind, external_id, name, sku, product, source_meta, source_hash, data_hash, \
         source_modified, description_missing, invalid, signature, content_hash, received_at, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?16, ?17, ?15, ?15, ?15) \
         ON CONFLICT (tenant_id, source, external_id) DO UPDATE SET name = excluded.name, sku = excluded.sku, product = excluded.product, \
         source_meta = excluded.source_meta, source_hash = excluded.source_hash, data_hash = excluded.data_hash, \
         source_modified = excluded.source_modified, description_missing = excluded.description_missing, invalid = excluded.invalid, \
         received_at = excluded.received_at, updated_at = excluded.updated_at, \
         signature = CASE WHEN catalog_products.content IS NULL THEN excluded.signature ELSE catalog_products.signature END, \
         content_hash = CASE WHEN catalog_products.content IS NULL THEN excluded.content_hash ELSE catalog_products.content_hash END",
        &args![
            &id,
            tenant,
            source,
            kind.as_str(),
            &p.external_id,
            &p.name,
            p.sku.clone(),
            &p.product,
            p.source_meta.clone(),
            &p.source_hash,
            &p.data_hash,
            p.source_modified.clone(),
            p.description_missing,
            p.invalid.clone(),
            now,
            &p.signature,
            &p.content_hash
        ],
    )
}

/// Deletes a product of the tenant. `false` when there was none.
pub async fn delete(db: &Db, tenant: &str, id: &str) -> Result<bool, DbError> {
    Ok(db
        .run(
            "DELETE FROM catalog_products WHERE id = ? AND tenant_id = ?",
            &args![id, tenant],
        )
        .await?
        > 0)
}

// ---------------------------------------------------------------------------------------------
// Statements the job pipeline runs in its own batches.

/// A catalog job's chunk: the rows whose items the same batch just inserted (under the fill
/// token `token` of job `job_id`) now point at those items.
pub fn on_fill(
    db: &Db,
    tenant: &str,
    job_id: &str,
    token: &str,
    ids_json: &str,
    now: i64,
) -> Result<D1PreparedStatement, DbError> {
    db.stmt(
        "UPDATE catalog_products SET queued_item_id = (SELECT i.id FROM job_items i WHERE i.job_id = ?2 AND i.catalog_id = catalog_products.id \
         AND i.status = 'pending' ORDER BY i.position DESC LIMIT 1), updated_at = ?5 \
         WHERE tenant_id = ?1 AND id IN (SELECT value FROM json_each(?4)) \
         AND EXISTS (SELECT 1 FROM jobs WHERE id = ?2 AND tenant_id = ?1 AND fill_token = ?3) \
         AND EXISTS (SELECT 1 FROM job_items i WHERE i.job_id = ?2 AND i.catalog_id = catalog_products.id AND i.status = 'pending')",
        &args![tenant, job_id, token, ids_json, now],
    )
}

/// What a committed generation leaves on its catalog row.
#[derive(Debug, Clone)]
pub struct Committed<'a> {
    /// Sanitized content JSON.
    pub content: &'a str,
    /// Scores.
    pub score: u8,
    /// SEO section.
    pub seo_score: u8,
    /// Readability section.
    pub readability_score: u8,
    /// The keyphrase it was written and scored for.
    pub keyphrase: &'a str,
    /// Unsafe markup was removed from the model's answer.
    pub unsafe_html: bool,
    /// `approved` (auto-approval) or `generated`.
    pub review: &'a str,
}

/// The item `item_id` (claimed with `token`) committed content: its catalog row takes it, with
/// the source hash the item was made from and its description's near-duplicate fingerprint
/// ([`super::fingerprint`]). Must run before the item's own update in the batch (it checks
/// the claim).
pub fn on_commit(
    db: &Db,
    tenant: &str,
    item_id: &str,
    token: &str,
    c: &Committed<'_>,
    now: i64,
) -> Result<D1PreparedStatement, DbError> {
    let description = serde_json::from_str::<proseo_core::content::GeneratedContent>(c.content)
        .map(|g| g.description)
        .unwrap_or_default();
    let (signature, content_hash) = super::fingerprint(&description);
    db.stmt(
        "UPDATE catalog_products SET content = ?4, score = ?5, seo_score = ?6, readability_score = ?7, focus_keyphrase = ?8, unsafe_html = ?9, \
         review = ?10, item_id = ?2, queued_item_id = NULL, generated_hash = (SELECT source_hash FROM job_items WHERE id = ?2), generated_at = ?11, \
         signature = ?12, content_hash = ?13, \
         error_code = NULL, error_message = NULL, sync_status = NULL, sync_error = NULL, updated_at = ?11 \
         WHERE tenant_id = ?1 AND id = (SELECT catalog_id FROM job_items WHERE id = ?2 AND tenant_id = ?1 AND claim_token = ?3 AND status = 'generating') \
         AND (queued_item_id IS NULL OR queued_item_id = ?2)",
        &args![
            tenant,
            item_id,
            token,
            c.content,
            c.score,
            c.seo_score,
            c.readability_score,
            c.keyphrase,
            c.unsafe_html,
            c.review,
            now,
            signature,
            content_hash
        ],
    )
}

/// The item failed for good: its catalog row records why and is no longer queued. `token` is
/// the claim (the dead-letter queue has none). Must run before the item's own update.
pub fn on_fail(
    db: &Db,
    tenant: &str,
    item_id: &str,
    token: Option<&str>,
    code: &str,
    message: &str,
    now: i64,
) -> Result<D1PreparedStatement, DbError> {
    db.stmt(
        "UPDATE catalog_products SET queued_item_id = NULL, error_code = ?4, error_message = ?5, updated_at = ?6 \
         WHERE tenant_id = ?1 AND queued_item_id = ?2 \
         AND EXISTS (SELECT 1 FROM job_items WHERE id = ?2 AND tenant_id = ?1 AND status IN ('pending', 'generating') AND (?3 IS NULL OR claim_token = ?3))",
        &args![tenant, item_id, token, code, message, now],
    )
}

/// Rows whose queued item of `job_id` is no longer live (cancelled, or about to be deleted
/// with `all`) are no longer queued. Runs after the items' update in the same batch.
pub fn on_job_stopped(
    db: &Db,
    tenant: &str,
    job_id: &str,
    all: bool,
) -> Result<D1PreparedStatement, DbError> {
    db.stmt(
        "UPDATE catalog_products SET queued_item_id = NULL \
         WHERE tenant_id = ?1 AND queued_item_id IN (SELECT id FROM job_items WHERE job_id = ?2 AND tenant_id = ?1 \
         AND (?3 = 1 OR status NOT IN ('pending', 'generating')))",
        &args![tenant, job_id, all],
    )
}

/// A reviewer moved the item to `to`: its catalog row follows when the item is the one its
/// content came from.
pub fn on_review(
    db: &Db,
    tenant: &str,
    item_id: &str,
    to: &str,
    now: i64,
) -> Result<D1PreparedStatement, DbError> {
    db.stmt(
        "UPDATE catalog_products SET review = ?3, updated_at = ?4 WHERE tenant_id = ?1 AND item_id = ?2 \
         AND EXISTS (SELECT 1 FROM job_items WHERE id = ?2 AND tenant_id = ?1 AND status = ?3)",
        &args![tenant, item_id, to, now],
    )
}

/// The item was put back to `pending` (regenerate): its catalog row is queued on it again.
/// Runs after the item's update.
pub fn on_requeue(
    db: &Db,
    tenant: &str,
    item_id: &str,
    now: i64,
) -> Result<D1PreparedStatement, DbError> {
    db.stmt(
        "UPDATE catalog_products SET queued_item_id = ?2, updated_at = ?3 \
         WHERE tenant_id = ?1 AND id = (SELECT catalog_id FROM job_items WHERE id = ?2 AND tenant_id = ?1 AND status = 'pending')",
        &args![tenant, item_id, now],
    )
}

// ---------------------------------------------------------------------------------------------
// Near-duplicate signatures of rows stored before they existed.

/// Rows signed per sweep at most.
pub const MAX_BACKFILL: u32 = 200;

#[derive(Deserialize)]
struct Unsigned {
    id: String,
    tenant_id: String,
    product: String,
    content: Option<String>,
}

/// Signs up to [`MAX_BACKFILL`] rows that have no near-duplicate signature (rows stored before
/// signatures were kept): the signature and hash of their current description, the generated
/// one else the source's ([`super::fingerprint`]). Run by the Cron Trigger; returns how many
/// rows it signed. A row whose JSON does not decode is signed as a text without words (and
/// logged), so it is not read again every minute.
pub async fn backfill_signatures(db: &Db) -> Result<u32, DbError> {
    let rows: Vec<Unsigned> = db
        .all(
            "SELECT id, tenant_id, product, content FROM catalog_products WHERE signature IS NULL LIMIT ?",
            &args![MAX_BACKFILL],
        )
        .await?;
    let mut stmts = Vec::with_capacity(rows.len());
    for r in &rows {
        let description = match &r.content {
            Some(c) => serde_json::from_str::<proseo_core::content::GeneratedContent>(c)
                .map(|g| g.description)
                .map_err(|e| e.to_string()),
            None => serde_json::from_str::<proseo_core::product::Product>(&r.product)
                .map(|p| p.description.unwrap_or_default())
                .map_err(|e| e.to_string()),
        };
        let description = description.unwrap_or_else(|e| {
            crate::log::error("corrupt_row", &format!("catalog {}: {e}", r.id));
            String::new()
        });
        let (signature, content_hash) = super::fingerprint(&description);
        stmts.push(db.stmt(
            "UPDATE catalog_products SET signature = ?3, content_hash = ?4 WHERE id = ?1 AND tenant_id = ?2 AND signature IS NULL",
            &args![&r.id, &r.tenant_id, signature, content_hash],
        )?);
    }
    let n = u32::try_from(stmts.len()).unwrap_or(u32::MAX);
    if !stmts.is_empty() {
        db.batch(stmts).await?;
    }
    Ok(n)
}

// ---------------------------------------------------------------------------------------------
// Push results.

/// How one product of a push step ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushOutcome {
    /// The store took the content; its new modification stamp.
    Pushed {
        /// The item whose content was written.
        item_id: String,
        /// `date_modified_gmt` after the write.
        modified: Option<String>,
    },
    /// The product was edited in the store since it was pulled: nothing was written.
    Conflict(String),
    /// The store refused it or does not have it.
    Failed(String),
}

/// Records a push step's outcome for one product (the caller batches these).
pub fn push_result(
    db: &Db,
    tenant: &str,
    id: &str,
    outcome: &PushOutcome,
    now: i64,
) -> Result<D1PreparedStatement, DbError> {
    match outcome {
        PushOutcome::Pushed { item_id, modified } => db.stmt(
            "UPDATE catalog_products SET sync_status = 'pushed', sync_error = NULL, pushed_item_id = ?3, pushed_at = ?5, \
             source_modified = COALESCE(?4, source_modified), updated_at = ?5 WHERE id = ?2 AND tenant_id = ?1",
            &args![tenant, id, item_id, modified.clone(), now],
        ),
        PushOutcome::Conflict(why) => db.stmt(
            "UPDATE catalog_products SET sync_status = 'conflict', sync_error = ?3, updated_at = ?4 WHERE id = ?2 AND tenant_id = ?1",
            &args![tenant, id, why, now],
        ),
        PushOutcome::Failed(why) => db.stmt(
            "UPDATE catalog_products SET sync_status = 'failed', sync_error = ?3, updated_at = ?4 WHERE id = ?2 AND tenant_id = ?1",
            &args![tenant, id, why, now],
        ),
    }
}
