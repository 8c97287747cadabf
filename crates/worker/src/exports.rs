//! Feeds written from stored content: `GET /exports/{channel}` (the catalog) and
//! `GET /jobs/{id}/export?format=csv` (a job's items). Every byte of every format is written by
//! the core's export module ([`proseo_core::export`]), the same writer as the CLI's and the npm
//! package's; this module pages the rows out of D1 and streams the feed.
//!
//! **Two passes, bounded.** The rows are read in pages (by catalog id, or by item position) of
//! at most [`PAGE_ROWS`] rows and [`PAGE_BYTES`] of stored JSON (their sizes are read first),
//! never all at once:
//! 1. the *check pass* runs [`export::check_item`] on each row and keeps only counts and a
//!    bounded report ([`Tally`]): it gives the response headers (rows, rows left out and why)
//!    and, with `strict`, refuses the export with a 422 before a byte is sent;
//! 2. the *write pass* is the response body: a stream that reads the next page when the client
//!    has taken the previous one ([`Step`]), so the Worker holds one page of rows and its
//!    output at a time, whatever the size of the catalog.
//!
//! If the catalog changes between the passes (a webhook, a review), the body follows what is
//! stored when it is written: a row that became invalid is left out (with `strict`, the stream
//! is aborted instead, so the client sees a failed transfer, never a partial feed), and the
//! headers may be off by the rows that changed. A D1 failure mid-stream aborts it the same way.

use std::collections::BTreeMap;
use std::pin::Pin;

use proseo_core::content::GeneratedContent;
use proseo_core::export::{self, ExportItem, ExportOptions, FeedWriter, Format, OnInvalid};
use proseo_core::product::Product;
use proseo_core::prompt::PromptOptions;
use proseo_core::report::{Report, Severity};
use serde::Deserialize;

use crate::db::{Arg, Db, DbError};

/// Rows read per page at most.
pub const PAGE_ROWS: u32 = 500;

/// Bytes of stored rows (product and content JSON) read per page at most: a page takes rows
/// until the next would pass this, and at least one (D1 caps a value at 2 MB, so a page is at
/// most 4 MiB + 4 MB). The feed written from a page is proportional to it (the core's
/// property-tested bound), and it is handed to the client before the next page is read.
pub const PAGE_BYTES: i64 = 4 * 1024 * 1024;

/// Distinct codes listed in the `X-Proseo-Export-Skipped-Codes` header at most (the codes are
/// the core's, a few dozen in all).
pub const MAX_HEADER_CODES: usize = 40;

/// A body stream (bytes, or an error that aborts the transfer).
pub type BodyStream = Pin<Box<dyn futures_util::Stream<Item = Result<Vec<u8>, worker::Error>>>>;

/// A stored row on its way into a feed.
#[derive(Debug, Clone, Deserialize)]
pub struct Row {
    /// Its id in the report: the catalog product id (`prd_…`) or the job item id.
    pub id: String,
    /// The paging key: the catalog id, or the item's position.
    pub key: serde_json::Value,
    /// Product JSON.
    pub product: String,
    /// Content JSON (sanitized when stored).
    pub content: String,
    /// The keyphrase the content was written for (catalog rows).
    #[serde(default)]
    pub keyphrase: Option<String>,
    /// A job item's own prompt options (a regenerate's), JSON.
    #[serde(default)]
    pub options: Option<String>,
}

impl Row {
    /// The core's export item. A row that does not decode is an error (a 500 naming it in the
    /// log before the body starts; an aborted stream after).
    ///
    /// Job items carry no keyphrase column: with `job_options`, the keyphrase is the one their
    /// content was written for ([`crate::generate::keyphrase`] under the item's own options,
    /// else the job's).
    pub fn item(&self, job_options: Option<&PromptOptions>) -> Result<ExportItem, String> {
        let product: Product = serde_json::from_str(&self.product)
            .map_err(|e| format!("row {}: product: {e}", self.id))?;
        let content: GeneratedContent = serde_json::from_str(&self.content)
            .map_err(|e| format!("row {}: content: {e}", self.id))?;
        let keyphrase = match job_options {
            Some(job) => {
                let own: Option<PromptOptions> = self
                    .options
                    .as_deref()
                    .map(serde_json::from_str)
                    .transpose()
                    .map_err(|e| format!("row {}: options: {e}", self.id))?;
                Some(crate::generate::keyphrase(
                    &product,
                    own.as_ref().unwrap_or(job),
                ))
            }
            None => self.keyphrase.clone(),
        };
        Ok(ExportItem {
            product,
            content,
            keyphrase: keyphrase.filter(|k| !k.trim().is_empty()),
            quantity: None,
        })
    }

    /// The paging key as a bound argument.
    pub fn cursor(&self) -> Arg {
        key_arg(&self.key)
    }
}

/// A paging key (a catalog id, an item position) as a bound argument.
fn key_arg(key: &serde_json::Value) -> Arg {
    match key {
        // D1 hands numbers over as doubles.
        serde_json::Value::Number(n) => Arg::Int(
            n.as_i64()
                .or_else(|| n.as_f64().map(|f| f as i64))
                .unwrap_or(i64::MAX),
        ),
        serde_json::Value::String(s) => Arg::Text(s.clone()),
        _ => Arg::Null,
    }
}

/// A row's size, read before the row.
#[derive(Debug, Clone, Deserialize)]
pub struct Size {
    /// The paging key.
    pub key: serde_json::Value,
    /// Bytes of its product and content JSON.
    pub bytes: i64,
}

/// How many of the next rows (their sizes in order) one page takes: rows while their sum stays
/// within [`PAGE_BYTES`], and at least one.
pub fn page_len(sizes: &[i64]) -> usize {
    let mut sum = 0i64;
    for (i, &b) in sizes.iter().enumerate() {
        sum = sum.saturating_add(b.max(0));
        if sum > PAGE_BYTES {
            return i.max(1);
        }
    }
    sizes.len()
}

/// Which rows: one SQL query over a page, the cursor and the page size bound last.
#[derive(Debug, Clone)]
pub struct Selection {
    /// `SELECT … AS id, … AS key, product, content, … AS keyphrase FROM … WHERE …` with its
    /// arguments bound first, ending so that `AND <key> > ? ORDER BY <key> LIMIT ?` can follow
    /// (see [`Selection::sizes_sql`] and [`Selection::rows_sql`]).
    pub sql: String,
    /// The query's own arguments.
    pub args: Vec<Arg>,
    /// The paging column (`id`, `position`).
    pub key_column: &'static str,
    /// A job's prompt options (job items: see [`Row::item`]).
    pub job_options: Option<PromptOptions>,
}

impl Selection {
    /// The sizes of the next [`PAGE_ROWS`] rows after a cursor (`NULL`: from the first).
    pub fn sizes_sql(&self) -> String {
        format!(
            "SELECT key, length(CAST(product AS BLOB)) + length(CAST(content AS BLOB)) AS bytes FROM ({} AND (? IS NULL OR {k} > ?) ORDER BY {k} LIMIT ?)",
            self.sql,
            k = self.key_column
        )
    }

    /// The rows after a cursor up to a key (included).
    pub fn rows_sql(&self) -> String {
        format!(
            "{} AND (? IS NULL OR {k} > ?) AND {k} <= ? ORDER BY {k} LIMIT {PAGE_ROWS}",
            self.sql,
            k = self.key_column
        )
    }

    /// The arguments of [`Selection::sizes_sql`] (`last`: `None`) or [`Selection::rows_sql`].
    pub fn page_args(&self, cursor: &Arg, last: Option<&Arg>) -> Vec<Arg> {
        let mut a = self.args.clone();
        a.push(cursor.clone());
        a.push(cursor.clone());
        a.push(last.cloned().unwrap_or_else(|| PAGE_ROWS.into()));
        a
    }

    /// Reads the page after `cursor`: the sizes of the next rows, then as many of those rows
    /// as [`page_len`] allows. Empty at the end.
    pub async fn page(&self, db: &Db, cursor: &Arg) -> Result<Vec<Row>, DbError> {
        let sizes: Vec<Size> = db
            .all(&self.sizes_sql(), &self.page_args(cursor, None))
            .await?;
        let n = page_len(&sizes.iter().map(|s| s.bytes).collect::<Vec<_>>());
        let Some(last) = n.checked_sub(1).and_then(|i| sizes.get(i)) else {
            return Ok(Vec::new());
        };
        db.all(
            &self.rows_sql(),
            &self.page_args(cursor, Some(&key_arg(&last.key))),
        )
        .await
    }
}

/// The check pass's result: counts, the reasons rows were left out, and a bounded report with
/// paths `/products/{id}/…` (or `/items/{id}/…`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Tally {
    /// Rows the feed writes.
    pub rows: u32,
    /// Rows left out.
    pub skipped: u32,
    /// Error codes of the rows left out, each with the number of rows it stopped.
    pub skipped_codes: BTreeMap<String, u32>,
    /// Every issue found (errors, warnings, infos), at most the core's report bound.
    pub report: Report,
}

impl Tally {
    /// Checks one item as the feed would write it; `prefix` names it in the report.
    pub fn check(
        &mut self,
        format: Format,
        prefix: &str,
        item: &ExportItem,
        options: &ExportOptions,
    ) {
        let r = export::check_item(format, item, options);
        if r.is_valid() {
            self.rows += 1;
        } else {
            self.skipped += 1;
            let mut codes: Vec<&str> = r
                .issues
                .iter()
                .filter(|i| i.severity == Severity::Error && i.code != export::code::ROW_SKIPPED)
                .map(|i| i.code.as_str())
                .collect();
            codes.sort_unstable();
            codes.dedup();
            for c in codes {
                if let Some(n) = self.skipped_codes.get_mut(c) {
                    *n += 1;
                } else if self.skipped_codes.len() < MAX_HEADER_CODES {
                    self.skipped_codes.insert(c.to_owned(), 1);
                }
            }
        }
        self.report.extend_prefixed(prefix, r);
    }

    /// The response headers that report it.
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        let codes: Vec<String> = self
            .skipped_codes
            .iter()
            .map(|(c, n)| format!("{c}={n}"))
            .collect();
        let mut h = vec![
            ("x-proseo-export-rows", self.rows.to_string()),
            ("x-proseo-export-skipped", self.skipped.to_string()),
        ];
        if !codes.is_empty() {
            h.push(("x-proseo-export-skipped-codes", codes.join(", ")));
        }
        h
    }
}

/// What the write pass needs: the format, its options, and whether a left-out row aborts it.
pub struct Writing {
    /// The writer (header already written into its output).
    pub writer: FeedWriter,
    /// Abort on a row that breaks a rule (the check pass found none).
    pub strict: bool,
}

impl Writing {
    /// A writer for `format`. The options were checked when the export was asked for.
    pub fn new(format: Format, mut options: ExportOptions, strict: bool) -> Result<Self, String> {
        // The check pass decided about refusing; the writer itself always skips, and `strict`
        // turns a skip into an aborted stream.
        options.on_invalid = OnInvalid::Skip;
        let writer = FeedWriter::new(format, options).map_err(|e| e.to_string())?;
        Ok(Writing { writer, strict })
    }

    /// Writes a page of rows; returns the output so far, or why the stream must stop.
    pub fn page(
        &mut self,
        rows: &[Row],
        job_options: Option<&PromptOptions>,
    ) -> Result<Vec<u8>, String> {
        for row in rows {
            let item = row.item(job_options)?;
            if !self.writer.push(&item) && self.strict {
                return Err(format!(
                    "row {} breaks the channel's rules since the export was checked; the strict export is aborted",
                    row.id
                ));
            }
        }
        Ok(self.writer.take_output().into_bytes())
    }

    /// The header (first call) or nothing.
    pub fn start(&mut self) -> Vec<u8> {
        self.writer.take_output().into_bytes()
    }

    /// The end of the feed.
    pub fn finish(self) -> Result<Vec<u8>, String> {
        self.writer
            .finish()
            .map(|end| end.tail.into_bytes())
            .map_err(|e| e.to_string())
    }
}

/// The write pass's state between two chunks of the body.
pub enum Step {
    /// Nothing sent yet: the header comes first.
    Start(Box<Streaming>),
    /// Pages follow after this cursor.
    Rows(Box<Streaming>),
    /// The feed is complete.
    Done,
}

/// A streaming export: where the rows come from and the writer.
pub struct Streaming {
    /// Bindings (D1 is opened from them: the stream outlives the request's handle).
    pub env: worker::Env,
    /// Which rows.
    pub selection: Selection,
    /// The last key sent.
    pub cursor: Arg,
    /// The writer.
    pub writing: Writing,
}

/// The body of a streaming export: the header, then one chunk per page, then the tail. An error
/// (D1, a corrupt row, a strict export meeting a bad row) aborts the transfer.
pub fn body_stream(s: Streaming) -> BodyStream {
    let stream = futures_util::stream::unfold(Step::Start(Box::new(s)), |step| async move {
        match step {
            Step::Done => None,
            Step::Start(mut s) => {
                let head = s.writing.start();
                Some((Ok(head), Step::Rows(s)))
            }
            Step::Rows(mut s) => {
                let db = match s.env.d1("DB") {
                    Ok(d) => Db(d),
                    Err(e) => return Some((Err(abort(&e.to_string())), Step::Done)),
                };
                let rows = match s.selection.page(&db, &s.cursor).await {
                    Ok(r) => r,
                    Err(e) => return Some((Err(abort(&e.0)), Step::Done)),
                };
                if rows.is_empty() {
                    let tail = s.writing.finish().map_err(|e| abort(&e));
                    return Some((tail, Step::Done));
                }
                if let Some(last) = rows.last() {
                    s.cursor = last.cursor();
                }
                match s.writing.page(&rows, s.selection.job_options.as_ref()) {
                    Ok(out) => Some((Ok(out), Step::Rows(s))),
                    Err(e) => Some((Err(abort(&e)), Step::Done)),
                }
            }
        }
    });
    Box::pin(stream)
}

fn abort(why: &str) -> worker::Error {
    crate::log::error("export_aborted", why);
    worker::Error::RustError(format!("export aborted: {why}"))
}

/// The download name of a feed: `proseo-<what>.<ext>`.
pub fn file_name(what: &str, format: Format) -> String {
    let safe: String = what
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("proseo-{safe}.{}", format.file_extension())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(id: &str, name: &str, title: &str) -> Row {
        Row {
            id: id.into(),
            key: json!(id),
            product: json!({"id": "7", "name": name, "sku": "S-1", "regular_price": "9.50"})
                .to_string(),
            content: json!({
                "title": title, "description": "<p>A sturdy board for bread.</p>",
                "short_description": "<p>Sturdy.</p>", "seo_title": "Oak board",
                "meta_description": "An oak board.", "slug": "oak-board", "bullets": [], "image_alt": []
            })
            .to_string(),
            keyphrase: Some("oak board".into()),
            options: None,
        }
    }

    #[test]
    fn the_tally_counts_and_names_why_rows_are_left_out() {
        let mut t = Tally::default();
        let good = row("prd_a", "Oak board", "Oak board");
        let mut bad = row("prd_b", "Oak board", "Oak board");
        bad.content = bad.content.replace("Oak board\",\"", "\",\"");
        let o = ExportOptions::default();
        for r in [&good, &bad] {
            t.check(
                Format::Woocommerce,
                &format!("/products/{}", r.id),
                &r.item(None).unwrap(),
                &o,
            );
        }
        assert_eq!((t.rows, t.skipped), (1, 1), "{:?}", t.report);
        assert!(t
            .report
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .all(|i| i.path.starts_with("/products/prd_b")));
        let h = t.headers();
        assert_eq!(h[0], ("x-proseo-export-rows", "1".to_owned()));
        assert_eq!(h[1], ("x-proseo-export-skipped", "1".to_owned()));
        assert!(h[2].1.contains("=1"), "{h:?}");
        assert!(!h[2].1.contains(export::code::ROW_SKIPPED));
    }

    #[test]
    fn the_write_pass_writes_what_the_core_writes_and_aborts_strict_exports() {
        let rows = [row("prd_a", "A", "A"), row("prd_b", "=cmd", "B")];
        let items: Vec<ExportItem> = rows.iter().map(|r| r.item(None).unwrap()).collect();
        let whole = export::export(Format::Woocommerce, &items, &ExportOptions::default())
            .unwrap()
            .body;
        let mut w = Writing::new(Format::Woocommerce, ExportOptions::default(), false).unwrap();
        let mut out = w.start();
        out.extend(w.page(&rows[..1], None).unwrap());
        out.extend(w.page(&rows[1..], None).unwrap());
        out.extend(w.finish().unwrap());
        assert_eq!(String::from_utf8(out).unwrap(), whole);
        assert!(whole.contains("'=cmd"));
        let mut bad = row("prd_c", "C", "C");
        bad.content = bad
            .content
            .replace("\"seo_title\":\"Oak board\"", "\"seo_title\":\"\"");
        let mut strict = Writing::new(Format::Woocommerce, ExportOptions::default(), true).unwrap();
        strict.start();
        assert!(strict
            .page(&[bad.clone()], None)
            .unwrap_err()
            .contains("prd_c"));
        let mut lax = Writing::new(Format::Woocommerce, ExportOptions::default(), false).unwrap();
        lax.start();
        assert_eq!(lax.page(&[bad], None).unwrap(), Vec::<u8>::new());
        let mut corrupt = row("prd_d", "D", "D");
        corrupt.product = "{".into();
        assert!(lax.page(&[corrupt], None).unwrap_err().contains("prd_d"));
    }

    #[test]
    fn pages_bind_the_cursor_and_the_page_size_last() {
        let s = Selection {
            sql: "SELECT id, id AS key, product, content, focus_keyphrase AS keyphrase FROM catalog_products WHERE tenant_id = ?".into(),
            args: vec!["t".into()],
            key_column: "id",
            job_options: None,
        };
        let args = s.page_args(&Arg::Null, None);
        assert_eq!(s.sizes_sql().matches('?').count(), args.len());
        assert!(matches!(args.last(), Some(Arg::Int(n)) if *n == i64::from(PAGE_ROWS)));
        let last = Arg::Text("prd_9".into());
        let args = s.page_args(&Arg::Text("prd_1".into()), Some(&last));
        assert_eq!(s.rows_sql().matches('?').count(), args.len());
        assert!(matches!(args.last(), Some(Arg::Text(k)) if k == "prd_9"));
        // Pages: within the byte budget, and never empty while rows remain.
        assert_eq!(page_len(&[]), 0);
        assert_eq!(page_len(&[PAGE_BYTES * 3]), 1);
        assert_eq!(page_len(&[10, PAGE_BYTES * 3, 10]), 1);
        assert_eq!(page_len(&[PAGE_BYTES / 2, PAGE_BYTES / 2, 1]), 2);
        assert_eq!(page_len(&[1; 100]), 100);
        assert_eq!(file_name("job_1/x", Format::Amazon), "proseo-job_1-x.txt");
    }
}
