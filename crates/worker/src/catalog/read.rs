//! Catalog queries: lists with filters, one product (with its item's analysis), the stats
//! summary, and the candidates of the bounded steps that work through a catalog (a catalog
//! job's chunk, a push step) or a pull's page. Every query filters by the tenant.

use serde::Deserialize;

use super::{status_sql, Filter, CHANGED_SQL, QUEUED_SQL};
use crate::args;
use crate::db::{Arg, Db, DbError};

/// A catalog row as the API shows it.
#[derive(Debug, Clone, Deserialize)]
pub struct Row {
    /// Id.
    pub id: String,
    /// Source.
    pub source: String,
    /// `woocommerce` or `webhook`.
    pub source_kind: String,
    /// The source's id.
    pub external_id: String,
    /// Name.
    pub name: String,
    /// SKU.
    pub sku: Option<String>,
    /// Status (see [`super::Status`]).
    pub status: String,
    /// Content is stale (0/1).
    pub changed: i64,
    /// Product JSON.
    pub product: String,
    /// Validation refusal.
    pub invalid: Option<String>,
    /// 0/1.
    pub description_missing: i64,
    /// Content JSON.
    pub content: Option<String>,
    /// Scores.
    pub score: Option<i64>,
    /// SEO.
    pub seo_score: Option<i64>,
    /// Readability.
    pub readability_score: Option<i64>,
    /// Keyphrase of the content.
    pub focus_keyphrase: Option<String>,
    /// 0/1.
    pub unsafe_html: i64,
    /// The item the content came from.
    pub item_id: Option<String>,
    /// The item generating it now.
    pub queued_item_id: Option<String>,
    /// ms.
    pub generated_at: Option<i64>,
    /// Last generation error.
    pub error_code: Option<String>,
    /// Its message.
    pub error_message: Option<String>,
    /// SHA-256 of the current description (generated, else the source's).
    pub content_hash: Option<String>,
    /// Its near-duplicate signature (`mh1.…`).
    #[serde(default)]
    pub signature: Option<String>,
    /// Sync status.
    pub sync_status: Option<String>,
    /// Sync error.
    pub sync_error: Option<String>,
    /// ms.
    pub pushed_at: Option<i64>,
    /// The store's modification stamp at the last pull.
    pub source_modified: Option<String>,
    /// Source hash.
    pub source_hash: String,
    /// ms.
    pub received_at: i64,
    /// ms.
    pub created_at: i64,
    /// ms.
    pub updated_at: i64,
    /// The item's analysis JSON (single reads only).
    #[serde(default)]
    pub analysis: Option<String>,
}

fn cols() -> String {
    format!(
        "id, source, source_kind, external_id, name, sku, {} AS status, {CHANGED_SQL} AS changed, product, invalid, description_missing, \
         content, score, seo_score, readability_score, focus_keyphrase, unsafe_html, item_id, \
         CASE WHEN {QUEUED_SQL} THEN queued_item_id END AS queued_item_id, generated_at, error_code, error_message, content_hash, signature, \
         sync_status, sync_error, pushed_at, source_modified, source_hash, received_at, created_at, updated_at",
        status_sql()
    )
}

/// A page of the tenant's products (by id), and the total.
pub async fn list(
    db: &Db,
    tenant: &str,
    f: &Filter,
    limit: u32,
    offset: u64,
) -> Result<(u64, Vec<Row>), DbError> {
    let (cond, fargs) = f.sql();
    let mut a: Vec<Arg> = args![tenant].to_vec();
    a.extend(fargs);
    let total = db
        .count(
            &format!("SELECT COUNT(*) AS n FROM catalog_products WHERE tenant_id = ?{cond}"),
            &a,
        )
        .await?;
    a.extend(args![limit, i64::try_from(offset).unwrap_or(i64::MAX)]);
    let rows = db
        .all(
            &format!(
                "SELECT {} FROM catalog_products WHERE tenant_id = ?{cond} ORDER BY id LIMIT ? OFFSET ?",
                cols()
            ),
            &a,
        )
        .await?;
    Ok((total, rows))
}

/// One product of the tenant, with the analysis of the item its content came from (while that
/// item exists).
pub async fn get(db: &Db, tenant: &str, id: &str) -> Result<Option<Row>, DbError> {
    db.first(
        &format!(
            "SELECT {}, (SELECT analysis FROM job_items i WHERE i.id = catalog_products.item_id AND i.tenant_id = ?2) AS analysis \
             FROM catalog_products WHERE id = ?1 AND tenant_id = ?2",
            cols()
        ),
        &args![id, tenant],
    )
    .await
}

/// A product's near-duplicate signature.
#[derive(Debug, Clone, Deserialize)]
pub struct SignatureRow {
    /// Catalog id.
    pub id: String,
    /// `mh1.…`.
    pub signature: String,
}

/// The next signatures of the tenant's products (optionally of one source) after `cursor`, by
/// id, at most `limit`.
pub async fn signatures(
    db: &Db,
    tenant: &str,
    source: Option<&str>,
    cursor: Option<&str>,
    limit: u32,
) -> Result<Vec<SignatureRow>, DbError> {
    db.all(
        "SELECT id, signature FROM catalog_products WHERE tenant_id = ?1 AND (?2 IS NULL OR source = ?2) \
         AND (?3 IS NULL OR id > ?3) AND signature IS NOT NULL ORDER BY id LIMIT ?4",
        &args![tenant, source, cursor, limit],
    )
    .await
}

/// Counts for the stats summary.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
pub struct Counts {
    /// Products.
    pub total: i64,
    /// With content.
    pub with_content: i64,
    /// Content stale.
    pub changed: i64,
    /// Source description blank.
    pub missing_description: i64,
    /// Refused by validation.
    pub invalid: i64,
    /// Average score of those with content.
    pub average_score: Option<f64>,
}

/// One status and its count.
#[derive(Debug, Clone, Deserialize)]
pub struct StatusCount {
    /// Status.
    pub status: String,
    /// Products.
    pub n: i64,
}

/// One histogram bucket: `bucket` is the score's tens (0–9; 100 counts in 9).
#[derive(Debug, Clone, Deserialize)]
pub struct Bucket {
    /// 0..=9.
    pub bucket: i64,
    /// Products.
    pub n: i64,
}

/// The stats of the tenant's catalog (optionally one source): totals, counts by status, and a
/// histogram of scores in tens.
pub async fn stats(
    db: &Db,
    tenant: &str,
    source: Option<&str>,
) -> Result<(Counts, Vec<StatusCount>, Vec<Bucket>), DbError> {
    let filter = "tenant_id = ?1 AND (?2 IS NULL OR source = ?2)";
    let counts: Option<Counts> = db
        .first(
            &format!(
                "SELECT COUNT(*) AS total, COUNT(content) AS with_content, COALESCE(SUM({CHANGED_SQL}), 0) AS changed, \
                 COALESCE(SUM(description_missing), 0) AS missing_description, COUNT(invalid) AS invalid, \
                 AVG(CASE WHEN content IS NOT NULL THEN score END) AS average_score FROM catalog_products WHERE {filter}"
            ),
            &args![tenant, source],
        )
        .await?;
    let by_status: Vec<StatusCount> = db
        .all(
            &format!(
                "SELECT {} AS status, COUNT(*) AS n FROM catalog_products WHERE {filter} GROUP BY 1 ORDER BY 1",
                status_sql()
            ),
            &args![tenant, source],
        )
        .await?;
    let histogram: Vec<Bucket> = db
        .all(
            &format!(
                "SELECT MIN(score / 10, 9) AS bucket, COUNT(*) AS n FROM catalog_products \
                 WHERE {filter} AND content IS NOT NULL AND score IS NOT NULL GROUP BY 1 ORDER BY 1"
            ),
            &args![tenant, source],
        )
        .await?;
    Ok((counts.unwrap_or_default(), by_status, histogram))
}

/// Which catalog products an export takes: their content is stored, safe, and approved (or,
/// with `generated`, also waiting for review); within `filter`, and with content from job
/// `job_id` when given. Pages by catalog id ([`crate::exports::Selection`]).
pub fn export_selection(
    tenant: &str,
    filter: &Filter,
    generated: bool,
    job_id: Option<&str>,
) -> crate::exports::Selection {
    let (cond, fargs) = filter.sql();
    let mut args: Vec<Arg> = args![tenant].to_vec();
    args.extend(fargs);
    let mut sql = format!(
        "SELECT id, id AS key, product, content, focus_keyphrase AS keyphrase FROM catalog_products \
         WHERE tenant_id = ? AND content IS NOT NULL AND unsafe_html = 0 AND review IN ('approved'{}){cond}",
        if generated { ", 'generated'" } else { "" }
    );
    if let Some(job) = job_id {
        sql.push_str(
            " AND item_id IN (SELECT id FROM job_items WHERE job_id = ? AND tenant_id = ?)",
        );
        args.extend(args![job, tenant]);
    }
    crate::exports::Selection {
        sql,
        args,
        key_column: "id",
        job_options: None,
    }
}

/// One product a catalog job's chunk considered.
#[derive(Debug, Clone, Deserialize)]
pub struct Candidate {
    /// Catalog id.
    pub id: String,
    /// 1 when it needs (and can take) a generation now.
    pub eligible: i64,
}

/// Whether a row can get a job item now: valid, not queued, and
/// (unless `?force`) without current content. `force` is the bound parameter's number.
pub fn eligible_sql(force: u8) -> String {
    format!(
        "(invalid IS NULL AND NOT {QUEUED_SQL} \
         AND (?{force} = 1 OR generated_hash IS NULL OR generated_hash != source_hash))"
    )
}

/// The next products of a selection after `cursor` (by id), at most `limit`, each with whether
/// it is eligible (see [`eligible_sql`]).
pub async fn fill_candidates(
    db: &Db,
    tenant: &str,
    selection: &Filter,
    force: bool,
    cursor: Option<&str>,
    limit: u32,
) -> Result<Vec<Candidate>, DbError> {
    let (cond, fargs) = selection.sql();
    let mut a: Vec<Arg> = args![force, tenant, cursor].to_vec();
    a.extend(fargs);
    a.push(limit.into());
    db.all(
        &format!(
            "SELECT id, {} AS eligible FROM catalog_products WHERE tenant_id = ?2 AND (?3 IS NULL OR id > ?3){} ORDER BY id LIMIT ?",
            eligible_sql(1),
            // The filter's placeholders are positional: number them after ?3.
            renumber(&cond, 4)
        ),
        &a,
    )
    .await
}

/// Rewrites the positional `?` of `sql` as `?first`, `?first+1`… (for mixing with numbered
/// parameters in one statement).
pub fn renumber(sql: &str, first: usize) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = first;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '?' && !chars.peek().is_some_and(char::is_ascii_digit) {
            out.push_str(&n.to_string());
            n += 1;
        }
    }
    out
}

/// How many products of store `source` a push would write now (see [`push_candidates`]).
pub async fn count_push_candidates(
    db: &Db,
    tenant: &str,
    source: &str,
    force: bool,
    ids: Option<&[String]>,
) -> Result<u64, DbError> {
    let ids_json = ids.map(|i| serde_json::to_string(i).unwrap_or_default());
    db.count(
        &format!("SELECT COUNT(*) AS n FROM catalog_products WHERE {PUSHABLE}"),
        &args![tenant, source, Option::<String>::None, force, ids_json],
    )
    .await
}

/// Rows a push writes: ?1 tenant, ?2 store, ?3 cursor, ?4 force, ?5 ids (JSON) or NULL.
const PUSHABLE: &str = "tenant_id = ?1 AND source = ?2 AND (?3 IS NULL OR id > ?3) AND review = 'approved' AND content IS NOT NULL \
     AND item_id IS NOT NULL AND unsafe_html = 0 AND (pushed_item_id IS NULL OR pushed_item_id != item_id) \
     AND (?4 = 1 OR sync_status IS NULL OR sync_status != 'conflict') \
     AND (?5 IS NULL OR id IN (SELECT value FROM json_each(?5)))";

/// A product a push step writes.
#[derive(Debug, Clone, Deserialize)]
pub struct PushRow {
    /// Catalog id.
    pub id: String,
    /// The store's product id.
    pub external_id: String,
    /// Product JSON.
    pub product: String,
    /// Store data (image ids).
    pub source_meta: Option<String>,
    /// `date_modified_gmt` at the last pull.
    pub source_modified: Option<String>,
    /// Content JSON.
    pub content: String,
    /// Keyphrase of the content.
    pub focus_keyphrase: Option<String>,
    /// The item the content came from.
    pub item_id: String,
}

/// The next approved products of store `source` whose content is not in the store yet, after
/// `cursor`, at most `limit`; conflicts only when `force`, only `ids` when given.
pub async fn push_candidates(
    db: &Db,
    tenant: &str,
    source: &str,
    cursor: Option<&str>,
    force: bool,
    ids: Option<&[String]>,
    limit: u32,
) -> Result<Vec<PushRow>, DbError> {
    let ids_json = ids.map(|i| serde_json::to_string(i).unwrap_or_default());
    db.all(
        &format!(
            "SELECT id, external_id, product, source_meta, source_modified, content, focus_keyphrase, item_id FROM catalog_products \
             WHERE {PUSHABLE} ORDER BY id LIMIT ?6"
        ),
        &args![tenant, source, cursor, force, ids_json, limit],
    )
    .await
}

/// The stored modification stamps of some products of a store (to skip refetching the
/// variations of an unchanged variable product).
#[derive(Debug, Clone, Deserialize)]
pub struct Stamp {
    /// The store's id.
    pub external_id: String,
    /// `date_modified_gmt`.
    pub source_modified: Option<String>,
    /// Product JSON (its variants are kept when the product did not change).
    pub product: String,
}

/// [`Stamp`]s of these external ids.
pub async fn stamps(
    db: &Db,
    tenant: &str,
    source: &str,
    external_ids: &[String],
) -> Result<Vec<Stamp>, DbError> {
    db.all(
        "SELECT external_id, source_modified, product FROM catalog_products \
         WHERE tenant_id = ? AND source = ? AND external_id IN (SELECT value FROM json_each(?))",
        &args![
            tenant,
            source,
            serde_json::to_string(external_ids).unwrap_or_default()
        ],
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_selections_bind_every_value() {
        let f = Filter {
            source: Some("n8n".into()),
            q: Some("oak".into()),
            ..Filter::default()
        };
        let s = export_selection("ten_1", &f, true, Some("job_1"));
        let n = s.page_args(&Arg::Null, None).len();
        assert_eq!(s.sizes_sql().matches('?').count(), n);
        assert_eq!(s.rows_sql().matches('?').count(), n);
        assert!(s.sql.contains("'generated'") && s.sql.contains("unsafe_html = 0"));
        let s = export_selection("ten_1", &Filter::default(), false, None);
        assert!(!s.sql.contains("'generated'"));
        assert_eq!(
            s.sizes_sql().matches('?').count(),
            s.page_args(&Arg::Null, None).len()
        );
    }

    #[test]
    fn renumbering_positional_parameters() {
        assert_eq!(
            renumber(" AND a = ? AND b LIKE ? ESCAPE '\\'", 4),
            " AND a = ?4 AND b LIKE ?5 ESCAPE '\\'"
        );
        assert_eq!(renumber("x = ?2 AND y = ?", 7), "x = ?2 AND y = ?7");
    }
}
