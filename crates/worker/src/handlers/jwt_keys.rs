//! Per-tenant JWT signing secrets (admin token): create (generated, or set to a secret the
//! tenant's platform already holds), list, revoke. A tenant has at most two active secrets, so
//! a platform rotates by adding the new one, switching its signing to it, then revoking the
//! old one. Secrets are sealed with `ENCRYPTION_KEY` and returned only by the create answer.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::Deserialize;
use serde_json::json;

use crate::api::{decode, ApiError, ApiResult};
use crate::db::is_unique_violation;
use crate::wire::{CreateJwtKey, JwtKeyView};
use crate::{args, config, crypto, ids, jwt, time, Ctx, Reply, Req};

/// Active secrets per tenant at most.
pub const MAX_ACTIVE: i64 = 2;

#[derive(Deserialize)]
struct Row {
    kid: String,
    tenant_id: String,
    created_at: i64,
    revoked_at: Option<i64>,
}

fn view(r: Row) -> JwtKeyView {
    JwtKeyView {
        kid: r.kid,
        tenant_id: r.tenant_id,
        created_at: time::rfc3339(r.created_at),
        revoked_at: r.revoked_at.map(time::rfc3339),
        secret: None,
    }
}

async fn tenant_exists(cx: &Ctx<'_>, id: &str) -> ApiResult<()> {
    cx.db
        .first::<serde_json::Value>("SELECT id FROM tenants WHERE id = ?", &args![id])
        .await?
        .map(|_| ())
        .ok_or_else(|| ApiError::not_found("tenant"))
}

fn master(cx: &Ctx<'_>) -> ApiResult<String> {
    config::encryption_key(cx.env).ok_or_else(|| {
        crate::log::error(
            "config",
            "ENCRYPTION_KEY is missing or weak: JWT secrets cannot be sealed",
        );
        ApiError::internal()
    })
}

/// `POST /admin/tenants/{id}/jwt-keys`.
pub async fn create(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = req.id();
    let body: CreateJwtKey = if !req.json_checked {
        CreateJwtKey::default()
    } else {
        decode(req)?
    };
    let secret = match body.secret {
        Some(s) if s.len() < jwt::MIN_SECRET_LEN || s.len() > 512 => {
            return Err(ApiError::field(
                "/secret",
                "invalid_length",
                format!("a signing secret is {} to 512 bytes", jwt::MIN_SECRET_LEN),
            ))
        }
        Some(s) => s,
        None => URL_SAFE_NO_PAD.encode(ids::random_bytes::<32>()?),
    };
    tenant_exists(cx, tenant).await?;
    let master = master(cx)?;
    let kid = ids::id("kid")?;
    let sealed = crypto::seal(master.as_bytes(), tenant, ids::nonce()?, secret.as_bytes());
    let fingerprint = crypto::hex(&crypto::hmac_sha256(
        &crypto::hmac_sha256(master.as_bytes(), b"proseo/v1/jwt-secret-fingerprint"),
        secret.as_bytes(),
    ));
    // At most MAX_ACTIVE active secrets: the insert is guarded, so two concurrent creates
    // cannot both pass.
    let inserted = cx
        .db
        .run(
            "INSERT INTO jwt_keys (kid, tenant_id, secret, secret_fingerprint, created_at) \
             SELECT ?1, ?2, ?3, ?4, ?5 WHERE (SELECT COUNT(*) FROM jwt_keys WHERE tenant_id = ?2 AND revoked_at IS NULL) < ?6",
            &args![&kid, tenant, &sealed, &fingerprint, cx.now, MAX_ACTIVE],
        )
        .await;
    match inserted {
        Err(e) if is_unique_violation(&e) => {
            return Err(ApiError::conflict(
                "this secret is already in use; every signing secret belongs to one tenant",
            ))
        }
        Ok(0) => {
            return Err(ApiError::new(
                409,
                "too_many_keys",
                format!("the tenant has {MAX_ACTIVE} active signing secrets; revoke one first"),
            ))
        }
        other => other?,
    };
    cx.audit(
        "jwt_key.create",
        "jwt_key",
        &kid,
        json!({ "tenant_id": tenant }),
    )
    .await?;
    Ok(Reply::status(
        201,
        json!(JwtKeyView {
            kid,
            tenant_id: tenant.to_owned(),
            created_at: time::rfc3339(cx.now),
            revoked_at: None,
            secret: Some(secret),
        }),
    ))
}

/// `GET /admin/tenants/{id}/jwt-keys`.
pub async fn list(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    tenant_exists(cx, req.id()).await?;
    let rows: Vec<Row> = cx
        .db
        .all(
            "SELECT kid, tenant_id, created_at, revoked_at FROM jwt_keys WHERE tenant_id = ? ORDER BY created_at, kid",
            &args![req.id()],
        )
        .await?;
    Ok(Reply::ok(json!(rows
        .into_iter()
        .map(view)
        .collect::<Vec<_>>())))
}

/// `DELETE /admin/tenants/{id}/jwt-keys/{kid}`: tokens signed with it stop working (in this
/// isolate at once, elsewhere within the credential cache's lifetime).
pub async fn revoke(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let (tenant, kid) = (req.id(), req.params.get(1).map_or("", String::as_str));
    cx.db
        .run(
            "UPDATE jwt_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE kid = ? AND tenant_id = ?",
            &args![cx.now, kid, tenant],
        )
        .await?;
    let row: Row = cx
        .db
        .first(
            "SELECT kid, tenant_id, created_at, revoked_at FROM jwt_keys WHERE kid = ? AND tenant_id = ?",
            &args![kid, tenant],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("signing secret"))?;
    crate::auth::forget_tenant(tenant);
    cx.audit(
        "jwt_key.revoke",
        "jwt_key",
        kid,
        json!({ "tenant_id": tenant }),
    )
    .await?;
    Ok(Reply::ok(json!(view(row))))
}
