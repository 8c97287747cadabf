//! `GET /exports/{channel}`: the catalog's approved content as a marketplace feed, and the
//! WooCommerce CSV of `GET /jobs/{id}/export`. Both are written by the core's export module and
//! streamed page by page ([`crate::exports`]). And the tenant's export profiles
//! (`/export-profiles/{channel}`: the stored options of a channel's feed); this module is the
//! only writer of `export_profiles`.

use proseo_core::error::ErrorCode;
use proseo_core::export::{
    CategoryMapping, Constant, ExportError, ExportOptions, FeedWriter, Format,
};
use serde::Deserialize;
use serde_json::json;

use crate::api::{decode, ApiError, ApiResult};
use crate::args;
use crate::exports::{body_stream, file_name, Selection, Streaming, Tally, Writing};
use crate::wire::{Deleted, ExportProfile, ExportProfileView, ExportReport};
use crate::{Ctx, Reply, Req};

/// Largest stored profile, in bytes of JSON (D1 holds at most 2 MB in one value; a profile at
/// its schema's limits with plain text is about 0.5 MB).
pub const MAX_PROFILE_BYTES: usize = 1_000_000;

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

/// The export options: the stored profile's, with the query string's single values over them.
pub fn options_from_query(req: &Req, profile: Option<&ExportProfile>) -> ExportOptions {
    let mut o = profile.map(profile_options).unwrap_or_default();
    let q = &req.query;
    let text = |name: &str, slot: &mut Option<String>| {
        if let Some(v) = q.get(name) {
            *slot = Some(v.to_owned());
        }
    };
    text("currency", &mut o.currency);
    text("brand", &mut o.brand);
    text("locale", &mut o.locale);
    text("category", &mut o.category);
    if let Some(n) = q.int("quantity").and_then(|v| u32::try_from(v).ok()) {
        o.quantity = Some(n);
    }
    o
}

/// A stored profile as the core's options.
pub fn profile_options(p: &ExportProfile) -> ExportOptions {
    ExportOptions {
        currency: p.currency.clone(),
        brand: p.brand.clone(),
        locale: p.locale.clone(),
        category: p.category.clone(),
        categories: p
            .categories
            .iter()
            .map(|c| CategoryMapping {
                shop: c.shop.clone(),
                channel: c.channel.clone(),
            })
            .collect(),
        quantity: p.quantity,
        constants: p
            .constants
            .iter()
            .map(|c| Constant {
                column: c.column.clone(),
                value: c.value.clone(),
            })
            .collect(),
        ..ExportOptions::default()
    }
}

#[derive(Deserialize)]
struct ProfileRow {
    channel: String,
    options: String,
    updated_at: i64,
}

fn profile_view(r: ProfileRow) -> ApiResult<ExportProfileView> {
    let corrupt = |what: &str| {
        crate::log::error(
            "corrupt_row",
            &format!("export profile {}: {what}", r.channel),
        );
        ApiError::internal()
    };
    Ok(ExportProfileView {
        channel: Format::parse(&r.channel).ok_or_else(|| corrupt("channel"))?,
        options: serde_json::from_str(&r.options).map_err(|_| corrupt("options"))?,
        updated_at: crate::time::rfc3339(r.updated_at),
    })
}

async fn load_profile(
    cx: &Ctx<'_>,
    tenant: &str,
    format: Format,
) -> ApiResult<Option<ExportProfileView>> {
    let row: Option<ProfileRow> = cx
        .db
        .first(
            "SELECT channel, options, updated_at FROM export_profiles WHERE tenant_id = ? AND channel = ?",
            &args![tenant, format.id()],
        )
        .await?;
    row.map(profile_view).transpose()
}

/// `GET /export-profiles`: the tenant's profiles, by channel.
pub async fn list_profiles(cx: &Ctx<'_>, _req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let rows: Vec<ProfileRow> = cx
        .db
        .all(
            "SELECT channel, options, updated_at FROM export_profiles WHERE tenant_id = ? ORDER BY channel",
            &args![tenant],
        )
        .await?;
    let views = rows
        .into_iter()
        .map(profile_view)
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Reply::ok(json!(views)))
}

/// `GET /export-profiles/{channel}`.
pub async fn get_profile(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let format = format_of(req.id())?;
    let view = load_profile(cx, tenant, format)
        .await?
        .ok_or_else(|| ApiError::not_found("export profile"))?;
    Ok(Reply::ok(json!(view)))
}

/// `PUT /export-profiles/{channel}`: stores the channel's profile (replacing the one there
/// was), once the core accepts its options for that channel.
pub async fn put_profile(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let format = format_of(req.id())?;
    let profile: ExportProfile = decode(req)?;
    FeedWriter::new(format, profile_options(&profile)).map_err(options_error)?;
    let stored = json!(profile).to_string();
    if stored.len() > MAX_PROFILE_BYTES {
        return Err(options_error(ExportError::OptionsInvalid {
            field: "categories".into(),
            message: format!(
                "the profile takes {} bytes stored; at most {MAX_PROFILE_BYTES}",
                stored.len()
            ),
        }));
    }
    cx.db
        .run(
            "INSERT INTO export_profiles (tenant_id, channel, options, updated_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (tenant_id, channel) DO UPDATE SET options = excluded.options, updated_at = excluded.updated_at",
            &args![tenant, format.id(), stored, cx.now],
        )
        .await?;
    cx.audit(
        "export_profile.put",
        "export_profile",
        format.id(),
        json!({}),
    )
    .await?;
    let view = load_profile(cx, tenant, format)
        .await?
        .ok_or_else(ApiError::internal)?;
    Ok(Reply::ok(json!(view)))
}

/// `DELETE /export-profiles/{channel}`.
pub async fn delete_profile(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let format = format_of(req.id())?;
    let n = cx
        .db
        .run(
            "DELETE FROM export_profiles WHERE tenant_id = ? AND channel = ?",
            &args![tenant, format.id()],
        )
        .await?;
    if n == 0 {
        return Err(ApiError::not_found("export profile"));
    }
    cx.audit(
        "export_profile.delete",
        "export_profile",
        format.id(),
        json!({}),
    )
    .await?;
    Ok(Reply::ok(json!(Deleted {
        id: format.id().to_owned(),
        deleted: true
    })))
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
    let profile = load_profile(cx, tenant, format).await?;
    run(
        cx,
        req,
        format,
        options_from_query(req, profile.as_ref().map(|p| &p.options)),
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
