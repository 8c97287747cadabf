//! Tenants (admin bootstrap), API keys, usage, and the operators' requeue.

use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::{decode, ApiError, ApiResult, PageRequest};
use crate::crypto::sha256_hex;
use crate::db::is_unique_violation;
use crate::wire::{
    ApiKeyView, CreateKey, CreateTenant, ProviderUsage, Requeued, TenantCreated, UsageView,
};
use crate::{args, ids, time, Ctx, Reply, Req};

/// Scopes of a new key (known ones, by the CreateKey schema) are never more than the caller
/// holds: only a `*` credential can mint a `*` key.
fn check_scopes(scopes: &[String], caller: &crate::auth::Principal) -> ApiResult<()> {
    for (i, s) in scopes.iter().enumerate() {
        let granted = if s == "*" {
            caller.permissions.iter().any(|g| g == "*")
        } else {
            caller.has(s)
        };
        if !granted {
            return Err(ApiError::new(
                403,
                "forbidden",
                format!(
                    "a key cannot be given the scope `{s}`, which this credential does not hold"
                ),
            )
            .with_details(json!({ "required": s, "path": format!("/scopes/{i}") })));
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
    rate_limit: Option<u32>,
) -> ApiResult<ApiKeyView> {
    let key = ids::api_key()?;
    let id = ids::id("key")?;
    let prefix: String = key.chars().take(12).collect();
    cx.db
        .run(
            "INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, scopes, rate_limit_per_minute, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            &args![&id, tenant_id, name, &prefix, sha256_hex(key.as_bytes()), json!(scopes).to_string(), rate_limit, cx.now],
        )
        .await?;
    Ok(ApiKeyView {
        id,
        name: name.to_owned(),
        prefix,
        scopes: scopes.to_vec(),
        rate_limit_per_minute: rate_limit.map(i64::from),
        created_at: time::rfc3339(cx.now),
        last_used_at: None,
        revoked_at: None,
        key: Some(key),
    })
}

/// `POST /admin/tenants`.
pub async fn create_tenant(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    // Name, slug and limits were checked against the CreateTenant schema.
    let t: CreateTenant = decode(req)?;
    let rate = t.rate_limit_per_minute.unwrap_or(600);
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
    let key = new_key(cx, &id, "default", &["*".to_owned()], None).await?;
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

/// `POST /admin/jobs/{id}/requeue`.
pub async fn requeue_job(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let (tenant, sent) = crate::jobs::outbox::requeue(&cx.db, cx.env, req.id(), cx.now)
        .await?
        .ok_or_else(|| ApiError::not_found("job"))?;
    cx.audit(
        "job.requeue",
        "job",
        req.id(),
        json!({ "tenant_id": tenant, "sent": sent }),
    )
    .await?;
    Ok(Reply::ok(json!(Requeued {
        job_id: req.id().to_owned(),
        enqueued: sent
    })))
}

#[derive(Deserialize)]
struct KeyRow {
    id: String,
    name: String,
    prefix: String,
    scopes: String,
    rate_limit_per_minute: Option<i64>,
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
        rate_limit_per_minute: k.rate_limit_per_minute,
        created_at: time::rfc3339(k.created_at),
        last_used_at: k.last_used_at.map(time::rfc3339),
        revoked_at: k.revoked_at.map(time::rfc3339),
        key: None,
    }
}

const KEY_COLS: &str =
    "id, name, prefix, scopes, rate_limit_per_minute, created_at, last_used_at, revoked_at";

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
    let k: CreateKey = decode(req)?;
    check_scopes(&k.scopes, cx.who()?)?;
    let tenant_limit = cx.who()?.tenant.rate_limit_per_minute;
    if k.rate_limit_per_minute
        .is_some_and(|r| i64::from(r) > tenant_limit)
    {
        return Err(ApiError::field(
            "/rate_limit_per_minute",
            "exceeds_tenant_limit",
            format!("a key's limit is at most the tenant's {tenant_limit} requests per minute"),
        ));
    }
    let view = new_key(
        cx,
        tenant,
        k.name.trim(),
        &k.scopes,
        k.rate_limit_per_minute,
    )
    .await?;
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
    crate::auth::forget_tenant(tenant);
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
    let month = req
        .query
        .get("month")
        .map_or_else(|| time::month(cx.now), str::to_owned);
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
    let standing = crate::jobs::quota::standing(&cx.db, &p.tenant.id, &month, cx.now).await?;
    Ok(Reply::ok(json!(UsageView {
        generations,
        limit: standing.limit,
        reserved: standing.reserved,
        remaining: standing.remaining(),
        month,
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
    fn scopes_are_at_most_the_callers() {
        // A keys:admin key cannot mint more than it holds.
        let caller = crate::auth::Principal {
            tenant: crate::auth::Tenant {
                id: "t".into(),
                name: "T".into(),
                slug: "t".into(),
                settings: "{}".into(),
                monthly_generations: None,
                rate_limit_per_minute: 5,
                created_at: 0,
            },
            actor: "key:k".into(),
            bucket: "key:k".into(),
            rate_limit: 5,
            permissions: vec!["keys:admin".into(), "jobs:read".into()],
        };
        assert!(check_scopes(&["jobs:read".into()], &caller).is_ok());
        for bad in ["*", "jobs:write", "integrations:admin"] {
            let e = check_scopes(&[bad.into()], &caller).unwrap_err();
            assert_eq!((e.status, e.details["required"].as_str()), (403, Some(bad)));
        }
    }
}
