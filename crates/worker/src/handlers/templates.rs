//! `templates` CRUD: tenant-owned prompt templates with default options; one default per
//! tenant; soft delete.

use proseo_core::product::Product;
use proseo_core::prompt::{PromptOptions, TemplateRef};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::api::{decode, decode_value, ApiError, ApiResult, PageRequest};
use crate::db::{is_unique_violation, Db};
use crate::wire::{Deleted, TemplateInput, TemplatePatch, TemplateView};
use crate::{args, ids, time, Ctx, Reply, Req};

#[derive(Deserialize)]
struct Row {
    id: String,
    name: String,
    description: String,
    template: String,
    options: String,
    is_default: i64,
    created_at: i64,
    updated_at: i64,
}

const COLS: &str = "id, name, description, template, options, is_default, created_at, updated_at";

fn view(r: Row) -> TemplateView {
    TemplateView {
        template: serde_json::from_str(&r.template).unwrap_or_default(),
        options: serde_json::from_str(&r.options).unwrap_or_default(),
        id: r.id,
        name: r.name,
        description: r.description,
        is_default: r.is_default == 1,
        created_at: time::rfc3339(r.created_at),
        updated_at: time::rfc3339(r.updated_at),
    }
}

async fn load(db: &Db, tenant: &str, id: &str) -> ApiResult<Row> {
    db.first(
        &format!(
            "SELECT {COLS} FROM templates WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL"
        ),
        &args![id, tenant],
    )
    .await?
    .ok_or_else(|| ApiError::not_found("template"))
}

/// Checks a template by rendering it for a sample product: syntax errors, unknown variables
/// and runaway loops surface at save time with the core's code, line and column.
fn check(template: &TemplateRef, options: Option<&Map<String, Value>>) -> ApiResult<PromptOptions> {
    let mut opts: PromptOptions = match options {
        Some(o) => {
            decode_value(Value::Object(o.clone())).map_err(|e| crate::api::under("/options", e))?
        }
        None => PromptOptions::default(),
    };
    opts.template = template.clone();
    let sample: Product = serde_json::from_value(json!({
        "name": "Sample Walnut Cutting Board", "sku": "SAMPLE-1", "brand": "proseo",
        "categories": ["Kitchen"], "features": ["Solid walnut"], "keyphrase": "walnut cutting board",
        "regular_price": "49.00", "currency": "EUR"
    }))
    .map_err(|_| ApiError::internal())?;
    proseo_core::prompt::render(&opts, &sample).map_err(|e| ApiError::core(&e))?;
    Ok(opts)
}

/// Options as stored: everything but the template itself.
fn stored_options(opts: &PromptOptions) -> String {
    let mut v = json!(opts);
    if let Some(m) = v.as_object_mut() {
        m.remove("template");
    }
    v.to_string()
}

fn conflict_or(e: crate::db::DbError) -> ApiError {
    if is_unique_violation(&e) {
        ApiError::conflict("a live template with this name already exists")
    } else {
        e.into()
    }
}

/// `GET /templates`.
pub async fn list(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let page = PageRequest::from_query(&req.query)?;
    // A substring match, case-insensitive for ASCII like LIKE, but with instr(): D1 limits LIKE
    // patterns to 50 bytes, and `q` may be 200 characters.
    let q = req.query.get("q");
    let filter =
        "tenant_id = ? AND deleted_at IS NULL AND (? IS NULL OR instr(lower(name), lower(?)) > 0)";
    let total = cx
        .db
        .count(
            &format!("SELECT COUNT(*) AS n FROM templates WHERE {filter}"),
            &args![tenant, q, q],
        )
        .await?;
    let rows: Vec<Row> = cx
        .db
        .all(
            &format!("SELECT {COLS} FROM templates WHERE {filter} ORDER BY created_at DESC, id LIMIT ? OFFSET ?"),
            &args![tenant, q, q, page.per_page, i64::try_from(page.offset()).unwrap_or(i64::MAX)],
        )
        .await?;
    let data: Vec<TemplateView> = rows.into_iter().map(view).collect();
    Ok(Reply::list(json!(data), page.meta(total)))
}

/// `POST /templates`.
pub async fn create(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let t: TemplateInput = decode(req)?;
    let opts = check(&t.template, t.options.as_ref())?;
    let id = ids::id("tpl")?;
    let mut stmts = Vec::new();
    if t.is_default {
        stmts.push(cx.db.stmt("UPDATE templates SET is_default = 0, updated_at = ? WHERE tenant_id = ? AND is_default = 1", &args![cx.now, tenant])?);
    }
    stmts.push(cx.db.stmt(
        "INSERT INTO templates (id, tenant_id, name, description, template, options, is_default, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &args![&id, tenant, t.name.trim(), &t.description, json!(t.template).to_string(), stored_options(&opts), t.is_default, cx.now, cx.now],
    )?);
    cx.db.batch(stmts).await.map_err(conflict_or)?;
    cx.audit(
        "template.create",
        "template",
        &id,
        json!({ "name": t.name }),
    )
    .await?;
    Ok(Reply::status(
        201,
        json!(view(load(&cx.db, tenant, &id).await?)),
    ))
}

/// `GET /templates/{id}`.
pub async fn get(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    Ok(Reply::ok(json!(view(
        load(&cx.db, cx.tenant_id()?, req.id()).await?
    ))))
}

/// `PATCH /templates/{id}`.
pub async fn update(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let p: TemplatePatch = decode(req)?;
    let current = view(load(&cx.db, tenant, req.id()).await?);
    let template = p.template.clone().unwrap_or(current.template.clone());
    let options = match &p.options {
        Some(o) => Some(o.clone()),
        None => json!(current.options).as_object().cloned(),
    };
    let opts = check(&template, options.as_ref())?;
    let is_default = p.is_default.unwrap_or(current.is_default);
    let mut stmts = Vec::new();
    if is_default && !current.is_default {
        stmts.push(cx.db.stmt("UPDATE templates SET is_default = 0, updated_at = ? WHERE tenant_id = ? AND is_default = 1", &args![cx.now, tenant])?);
    }
    stmts.push(cx.db.stmt(
        "UPDATE templates SET name = ?, description = ?, template = ?, options = ?, is_default = ?, updated_at = ? WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL",
        &args![p.name.as_deref().map(str::trim).unwrap_or(&current.name), p.description.as_deref().unwrap_or(&current.description), json!(template).to_string(), stored_options(&opts), is_default, cx.now, req.id(), tenant],
    )?);
    cx.db.batch(stmts).await.map_err(conflict_or)?;
    cx.audit("template.update", "template", req.id(), json!({}))
        .await?;
    Ok(Reply::ok(json!(view(
        load(&cx.db, tenant, req.id()).await?
    ))))
}

/// `DELETE /templates/{id}`: soft delete (jobs keep their resolved options).
pub async fn delete(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let n = cx
        .db
        .run(
            "UPDATE templates SET deleted_at = ?, is_default = 0, updated_at = ? WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL",
            &args![cx.now, cx.now, req.id(), tenant],
        )
        .await?;
    if n == 0 {
        return Err(ApiError::not_found("template"));
    }
    cx.audit("template.delete", "template", req.id(), json!({}))
        .await?;
    Ok(Reply::ok(json!(Deleted {
        id: req.id().to_owned(),
        deleted: true
    })))
}
