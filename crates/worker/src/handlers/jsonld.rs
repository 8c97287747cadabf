//! JSON-LD: `GET /products/{id}/jsonld` (a catalog product's schema.org `Product` with Google's
//! rich result checks) and the stateless `POST /jsonld` (from data the caller sends, like
//! `/validate`), both built by the core ([`proseo_core::export::json_ld`]).

use proseo_core::content::GeneratedContent;
use proseo_core::export::{json_ld, JsonLd, JsonLdOptions};
use proseo_core::product::Product;
use serde_json::json;

use crate::api::{decode, ApiError, ApiResult};
use crate::catalog::read;
use crate::wire::{JsonLdRequest, JsonLdResult};
use crate::{Ctx, Reply, Req};

fn result(j: JsonLd) -> JsonLdResult {
    JsonLdResult {
        script_tag: j.script_tag(),
        json_ld: j.json_ld,
        checks: j.checks,
        eligible: j.eligible,
    }
}

/// `POST /jsonld`.
pub fn stateless(req: &Req) -> ApiResult<Reply> {
    let r: JsonLdRequest = decode(req)?;
    let options = r.options.unwrap_or_default();
    Ok(Reply::ok(json!(result(json_ld(
        &r.product,
        r.content.as_ref(),
        &options
    )))))
}

/// `GET /products/{id}/jsonld`: the product as stored, with its current content when that is
/// approved (`include=generated`: also content waiting for review), else its own description.
/// `currency`, `brand` and `url` stand in for what the product does not name.
pub async fn product(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let row = read::get(&cx.db, tenant, req.id())
        .await?
        .ok_or_else(|| ApiError::not_found("product"))?;
    let corrupt = |what: &str, e: serde_json::Error| {
        crate::log::error("corrupt_row", &format!("catalog {} {what}: {e}", row.id));
        ApiError::internal()
    };
    let product: Product = serde_json::from_str(&row.product).map_err(|e| corrupt("product", e))?;
    let shown = match row.status.as_str() {
        "approved" | "pushed" => true,
        "generated" => req.query.get("include") == Some("generated"),
        _ => false,
    };
    let content: Option<GeneratedContent> = match (&row.content, shown && row.unsafe_html == 0) {
        (Some(c), true) => Some(serde_json::from_str(c).map_err(|e| corrupt("content", e))?),
        _ => None,
    };
    let q = &req.query;
    let options = JsonLdOptions {
        currency: q.get("currency").map(str::to_owned),
        brand: q.get("brand").map(str::to_owned),
        url: q.get("url").map(str::to_owned),
    };
    Ok(Reply::ok(json!(result(json_ld(
        &product,
        content.as_ref(),
        &options
    )))))
}
