//! Tenants (admin bootstrap), API keys, usage, and the operators' requeue.

use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::{decode, ApiError, ApiResult, PageRequest};
use crate::auth::PERMISSIONS;
use crate::crypto::sha256_hex;
use crate::db::is_unique_violation;
use crate::wire::{
    ApiKeyView, CreateKey, CreateTenant, ProviderUsage, Requeued, TenantCreated, UsageView,
};
use crate::{args, ids, time, Ctx, Reply, Req};

fn valid_slug(s: &str) -> bool {
    (2..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn check_scopes(scopes: &[String]) -> ApiResult<()> {
    if scopes.is_empty() {
        return Err(ApiError::field(
            "/scopes",
            "required",
            "give at least one scope (`*` for all)",
        ));
    }
    for (i, s) in scopes.iter().enumerate() {
        if s != "*" && !PERMISSIONS.contains(&s.as_str()) {
            return Err(ApiError::field(
                &format!("/scopes/{i}"),
                "invalid_value",
                format!("unknown scope `{s}`; one of: *, {}", PERMISSIONS.join(", ")),
            ));
        }
    }
    Ok(())
}

/// Inserts a key; returns its view with the secret.
async fn new_key(
    cx: &Ctx<'_>,
    tenant_id: &str,
    name: &str,
    scopes: &[String],
) -> ApiResult<ApiKeyView> {
    let key = ids::api_key()?;
    let id = ids::id("key")?;
    let prefix: String = key.chars().take(12).collect();
    cx.db
        .run(
            "INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            &args![&id, tenant_id, name, &prefix, sha256_hex(key.as_bytes()), json!(scopes).to_string(), cx.now],
        )
        .await?;
    Ok(ApiKeyView {
        id,
        name: name.to_owned(),
        prefix,
        scopes: scopes.to_vec(),
        created_at: time::rfc3339(cx.now),
        last_used_at: None,
        revoked_at: None,
        key: Some(key),
    })
}

/// `POST /admin/tenants`.
pub async fn create_tenant(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let t: CreateTenant = decode(&req.body)?;
    if t.name.trim().is_empty() || t.name.chars().count() > 200 {
        return Err(ApiError::field(
            "/name",
            "invalid_length",
            "name must be 1 to 200 characters",
        ));
    }
    if !valid_slug(&t.slug) {
        return Err(ApiError::field(
            "/slug",
            "invalid_value",
            "slug must be 2–64 lowercase letters, digits and inner hyphens",
        ));
    }
    let rate = t.rate_limit_per_minute.unwrap_or(600);
    if rate == 0 {
        return Err(ApiError::field(
            "/rate_limit_per_minute",
            "out_of_range",
            "rate_limit_per_minute must be at least 1",
        ));
    }
    let id = ids::id("tnt")?;
    let inserted = cx
        .db
        .run(
            "INSERT INTO tenants (id, name, slug, settings, monthly_generations, rate_limit_per_minute, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            &args![&id, t.name.trim(), &t.slug, Value::Object(t.settings.clone()).to_string(), t.monthly_generations, rate, cx.now, cx.now],
        )
        .await;
    match inserted {
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::conflict(format!(
                "the slug `{}` is taken",
                t.slug
            )))
        }
        other => other?,
    };
    let key = new_key(cx, &id, "default", &["*".to_owned()]).await?;
    cx.audit(
        "tenant.create",
        "tenant",
        &id,
        json!({ "tenant_id": id, "slug": t.slug }),
    )
    .await?;
    let tenant = crate::wire::TenantView {
        id,
        name: t.name.trim().to_owned(),
        slug: t.slug,
        settings: t.settings,
        limits: crate::wire::Limits {
            monthly_generations: t.monthly_generations.map(i64::from),
            rate_limit_per_minute: i64::from(rate),
        },
        created_at: time::rfc3339(cx.now),
    };
    Ok(Reply::status(
        201,
        json!(TenantCreated {
            tenant,
            api_key: key
        }),
    ))
}

#[derive(Deserialize)]
struct Ids {
    id: String,
    tenant_id: String,
}

/// `POST /admin/jobs/{id}/requeue`.
pub async fn requeue_job(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let items: Vec<Ids> = cx
        .db
        .all(
            "SELECT id, tenant_id FROM job_items WHERE job_id = ? ORDER BY position",
            &args![req.id()],
        )
        .await?;
    let Some(first) = items.first() else {
        cx.db
            .first::<Value>("SELECT id FROM jobs WHERE id = ?", &args![req.id()])
            .await?
            .ok_or_else(|| ApiError::not_found("job"))?;
        return Ok(Reply::ok(json!(Requeued {
            job_id: req.id().to_owned(),
            enqueued: 0
        })));
    };
    let tenant = first.tenant_id.clone();
    let ids: Vec<String> = items.into_iter().map(|i| i.id).collect();
    super::jobs::enqueue(cx.env, &tenant, req.id(), &ids).await?;
    cx.audit(
        "job.requeue",
        "job",
        req.id(),
        json!({ "tenant_id": tenant, "items": ids.len() }),
    )
    .await?;
    Ok(Reply::ok(json!(Requeued {
        job_id: req.id().to_owned(),
        enqueued: ids.len()
    })))
}

#[derive(Deserialize)]
struct KeyRow {
    id: String,
    name: String,
    prefix: String,
    scopes: String,
    created_at: i64,
    last_used_at: Option<i64>,
    revoked_at: Option<i64>,
}

fn key_view(k: KeyRow) -> ApiKeyView {
    ApiKeyView {
        id: k.id,
        name: k.name,
        prefix: k.prefix,
        scopes: serde_json::from_str(&k.scopes).unwrap_or_default(),
        created_at: time::rfc3339(k.created_at),
        last_used_at: k.last_used_at.map(time::rfc3339),
        revoked_at: k.revoked_at.map(time::rfc3339),
        key: None,
    }
}

const KEY_COLS: &str = "id, name, prefix, scopes, created_at, last_used_at, revoked_at";

/// `GET /keys`.
pub async fn list_keys(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let page = PageRequest::from_query(&req.query)?;
    let total = cx
        .db
        .count(
            "SELECT COUNT(*) AS n FROM api_keys WHERE tenant_id = ?",
            &args![tenant],
        )
        .await?;
    let rows: Vec<KeyRow> = cx
        .db
        .all(&format!("SELECT {KEY_COLS} FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id LIMIT ? OFFSET ?"), &args![tenant, page.per_page, i64::try_from(page.offset()).unwrap_or(i64::MAX)])
        .await?;
    Ok(Reply::list(
        json!(rows.into_iter().map(key_view).collect::<Vec<_>>()),
        page.meta(total),
    ))
}

/// `POST /keys`.
pub async fn create_key(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let k: CreateKey = decode(&req.body)?;
    if k.name.trim().is_empty() || k.name.chars().count() > 200 {
        return Err(ApiError::field(
            "/name",
            "invalid_length",
            "name must be 1 to 200 characters",
        ));
    }
    check_scopes(&k.scopes)?;
    let view = new_key(cx, tenant, k.name.trim(), &k.scopes).await?;
    cx.audit(
        "key.create",
        "api_key",
        &view.id,
        json!({ "scopes": k.scopes }),
    )
    .await?;
    Ok(Reply::status(201, json!(view)))
}

/// `DELETE /keys/{id}`: revoke (kept for the audit trail).
pub async fn revoke_key(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    cx.db
        .run("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND tenant_id = ?", &args![cx.now, req.id(), tenant])
        .await?;
    let row: KeyRow = cx
        .db
        .first(
            &format!("SELECT {KEY_COLS} FROM api_keys WHERE id = ? AND tenant_id = ?"),
            &args![req.id(), tenant],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("API key"))?;
    cx.audit("key.revoke", "api_key", req.id(), json!({}))
        .await?;
    Ok(Reply::ok(json!(key_view(row))))
}

#[derive(Deserialize)]
struct UsageRow {
    provider: String,
    model: String,
    generations: i64,
    input_tokens: i64,
    output_tokens: i64,
    cost_micros: i64,
}

/// `GET /usage?month=YYYY-MM`.
pub async fn usage(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let p = cx.who()?;
    let month = match req.query.get("month") {
        Some(m) if time::is_month(m) => m.to_owned(),
        Some(_) => {
            return Err(ApiError::field(
                "month",
                "invalid_value",
                "month must be YYYY-MM",
            ))
        }
        None => time::month(cx.now),
    };
    let rows: Vec<UsageRow> = cx
        .db
        .all(
            "SELECT provider, model, COUNT(*) AS generations, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens, SUM(cost_micros) AS cost_micros \
             FROM usage_events WHERE tenant_id = ? AND month = ? GROUP BY provider, model ORDER BY provider, model",
            &args![&p.tenant.id, &month],
        )
        .await?;
    let sum = |f: fn(&UsageRow) -> i64| rows.iter().map(f).sum::<i64>();
    let generations = sum(|r| r.generations);
    let limit = p.tenant.monthly_generations;
    Ok(Reply::ok(json!(UsageView {
        month,
        generations,
        limit,
        remaining: limit.map(|l| (l - generations).max(0)),
        input_tokens: sum(|r| r.input_tokens),
        output_tokens: sum(|r| r.output_tokens),
        cost_usd: crate::wire::usd(sum(|r| r.cost_micros)),
        by_provider: rows
            .iter()
            .map(|r| ProviderUsage {
                provider: r.provider.clone(),
                model: r.model.clone(),
                generations: r.generations,
                input_tokens: r.input_tokens,
                output_tokens: r.output_tokens,
                cost_usd: crate::wire::usd(r.cost_micros),
            })
            .collect(),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_scopes() {
        assert!(valid_slug("acme-shop"));
        assert!(!valid_slug("Acme"));
        assert!(!valid_slug("-x"));
        assert!(!valid_slug("a"));
        assert!(check_scopes(&["*".into()]).is_ok());
        assert!(check_scopes(&["jobs:read".into(), "generate".into()]).is_ok());
        assert_eq!(
            check_scopes(&["jobs:read".into(), "root".into()])
                .unwrap_err()
                .details["fields"][0]["path"],
            "/scopes/1"
        );
        assert!(check_scopes(&[]).is_err());
    }
}
