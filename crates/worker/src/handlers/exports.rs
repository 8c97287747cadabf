//! `GET /exports/{channel}`: the catalog's approved content as a marketplace feed, and the
//! WooCommerce CSV of `GET /jobs/{id}/export`. Both are written by the core's export module and
//! streamed page by page ([`crate::exports`]).

use proseo_core::error::ErrorCode;
use proseo_core::export::{ExportError, ExportOptions, FeedWriter, Format};
use serde_json::json;

use crate::api::{ApiError, ApiResult};
use crate::exports::{body_stream, file_name, Selection, Streaming, Tally, Writing};
use crate::wire::ExportReport;
use crate::{Ctx, Reply, Req};

/// Most ids in the `ids` query parameter (comma-separated).
pub const MAX_QUERY_IDS: usize = 100;

/// The channel of `/exports/{channel}`: 404 for one that does not exist.
pub fn format_of(name: &str) -> ApiResult<Format> {
    Format::parse(name).ok_or_else(|| {
        let e = ExportError::FormatUnknown {
            format: name.chars().take(64).collect(),
        };
        ApiError::new(404, e.code(), e.to_string())
    })
}

/// The export options of the query string.
pub fn options_from_query(req: &Req) -> ExportOptions {
    let q = &req.query;
    let text = |name: &str| q.get(name).map(str::to_owned);
    ExportOptions {
        currency: text("currency"),
        brand: text("brand"),
        locale: text("locale"),
        category: text("category"),
        quantity: q.int("quantity").and_then(|v| u32::try_from(v).ok()),
        ..ExportOptions::default()
    }
}

/// An unusable option: 422 `export_options_invalid` naming it.
pub fn options_error(e: ExportError) -> ApiError {
    let details = match &e {
        ExportError::OptionsInvalid { field, .. } => json!({ "field": field }),
        _ => json!({}),
    };
    ApiError::new(422, e.code(), e.to_string()).with_details(details)
}

/// `GET /exports/{channel}`.
pub async fn catalog(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let format = format_of(req.id())?;
    let mut filter = super::catalog::filter_from_query(req)?;
    if let Some(ids) = req.query.get("ids") {
        let list: Vec<String> = ids
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        if list.is_empty() || list.len() > MAX_QUERY_IDS || list.iter().any(|i| i.len() > 64) {
            return Err(ApiError::field(
                "ids",
                "invalid_ids",
                format!("ids: 1 to {MAX_QUERY_IDS} comma-separated product ids"),
            ));
        }
        filter.ids = Some(list);
    }
    let generated = req.query.get("include") == Some("generated");
    let selection =
        crate::catalog::read::export_selection(tenant, &filter, generated, req.query.get("job_id"));
    run(
        cx,
        req,
        format,
        options_from_query(req),
        selection,
        "/products",
        file_name(format.id(), format),
    )
    .await
}

/// The WooCommerce CSV of a job's items (`GET /jobs/{id}/export?format=csv`).
pub async fn job_csv(
    cx: &Ctx<'_>,
    req: &Req,
    job_id: &str,
    selection: Selection,
) -> ApiResult<Reply> {
    run(
        cx,
        req,
        Format::Woocommerce,
        ExportOptions::default(),
        selection,
        "/items",
        file_name(job_id, Format::Woocommerce),
    )
    .await
}

/// The check pass, then the answer: the report (`report=true`), a 422 (`strict=true` and rows
/// that break a rule), or the streamed feed with the check pass's counts in its headers.
async fn run(
    cx: &Ctx<'_>,
    req: &Req,
    format: Format,
    options: ExportOptions,
    selection: Selection,
    prefix: &str,
    file: String,
) -> ApiResult<Reply> {
    // Unusable options are refused before anything is read.
    FeedWriter::new(format, options.clone()).map_err(options_error)?;
    let strict = req.query.flag("strict") == Some(true);
    let report_only = req.query.flag("report") == Some(true);
    let mut tally = Tally::default();
    let mut cursor = crate::db::Arg::Null;
    loop {
        let rows = selection.page(&cx.db, &cursor).await?;
        let Some(last) = rows.last() else { break };
        cursor = last.cursor();
        for row in &rows {
            let item = row
                .item(selection.job_options.as_ref())
                .map_err(|e| corrupt(&e))?;
            tally.check(format, &format!("{prefix}/{}", row.id), &item, &options);
        }
    }
    if report_only {
        return Ok(Reply::ok(json!(ExportReport {
            format,
            media_type: format.media_type().to_owned(),
            file_name: file,
            rows: tally.rows,
            skipped: tally.skipped,
            skipped_codes: tally.skipped_codes,
            report: tally.report,
        })));
    }
    if strict && tally.skipped > 0 {
        let e = ExportError::RowsInvalid {
            invalid: tally.skipped,
            report: tally.report.clone(),
        };
        return Err(
            ApiError::new(422, e.code(), e.to_string()).with_details(json!({
                "rows": tally.rows,
                "skipped": tally.skipped,
                "skipped_codes": tally.skipped_codes,
                "report": tally.report,
            })),
        );
    }
    let writing = Writing::new(format, options, strict).map_err(|e| corrupt(&e))?;
    let stream = body_stream(Streaming {
        env: cx.env.clone(),
        selection,
        cursor: crate::db::Arg::Null,
        writing,
    });
    let mut reply = Reply::ok(serde_json::Value::Null);
    reply.headers = tally.headers();
    reply.stream = Some((format.media_type(), stream, Some(file)));
    Ok(reply)
}

fn corrupt(why: &str) -> ApiError {
    crate::log::error("corrupt_row", why);
    ApiError::internal()
}
