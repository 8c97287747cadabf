//! Who is calling: API keys, tenant-issued HS256 JWTs, the admin token; permissions, the
//! per-credential rate limit. The tenant always comes from the credential.

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::api::{ApiError, ApiResult};
use crate::args;
use crate::crypto::{ct_eq, sha256_hex};
use crate::db::Db;
use crate::jwt;

/// Every permission. `analyze`, `validate` and `prompts/render` need none beyond a valid
/// credential.
pub const PERMISSIONS: &[&str] = &[
    "generate",
    "templates:read",
    "templates:write",
    "jobs:read",
    "jobs:write",
    "items:review",
    "integrations:admin",
    "keys:admin",
    "usage:read",
];

/// The permissions of a JWT role (`owner`/`admin`: all).
pub fn role_permissions(role: &str) -> Option<&'static [&'static str]> {
    match role {
        "owner" | "admin" => Some(PERMISSIONS),
        "editor" => Some(&[
            "generate",
            "templates:read",
            "templates:write",
            "jobs:read",
            "jobs:write",
            "items:review",
            "usage:read",
        ]),
        "viewer" => Some(&["templates:read", "jobs:read", "usage:read"]),
        _ => None,
    }
}

/// A tenant row.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Tenant {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Unique slug.
    pub slug: String,
    /// JSON object.
    pub settings: String,
    /// `None` = unlimited.
    pub monthly_generations: Option<i64>,
    /// Requests per minute per credential.
    pub rate_limit_per_minute: i64,
    /// ms.
    pub created_at: i64,
}

/// An authenticated caller.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The tenant.
    pub tenant: Tenant,
    /// `key:<id>` or `jwt:<sub>`: audit actor.
    pub actor: String,
    /// Rate-limit bucket.
    pub bucket: String,
    /// Granted permissions (`*` = all).
    pub permissions: Vec<String>,
}

impl Principal {
    /// 403 unless the credential has `perm`.
    pub fn require(&self, perm: &str) -> ApiResult<()> {
        if self.permissions.iter().any(|p| p == "*" || p == perm) {
            Ok(())
        } else {
            Err(ApiError::forbidden(perm))
        }
    }
}

#[derive(Deserialize)]
struct KeyRow {
    key_id: String,
    revoked_at: Option<i64>,
    last_used_at: Option<i64>,
    scopes: String,
    id: String,
    name: String,
    slug: String,
    settings: String,
    monthly_generations: Option<i64>,
    rate_limit_per_minute: i64,
    created_at: i64,
}

/// The bearer credential of a request, if any.
pub fn bearer(header: Option<String>) -> ApiResult<String> {
    let h = header.ok_or_else(ApiError::unauthorized)?;
    let token = h
        .strip_prefix("Bearer ")
        .or_else(|| h.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::new(
                401,
                "unauthorized",
                "the Authorization header must be `Bearer <api key or token>`",
            )
        })?;
    Ok(token.to_owned())
}

/// Resolves an API key or JWT to a principal.
pub async fn authenticate(
    db: &Db,
    token: &str,
    jwt_secret: Option<&str>,
    now_ms: i64,
) -> ApiResult<Principal> {
    if jwt::looks_like_jwt(token) {
        let invalid = |reason: &str| {
            ApiError::new(
                401,
                "invalid_token",
                format!("the token is not valid ({reason})"),
            )
            .with_details(json!({ "reason": reason }))
        };
        let secret = jwt_secret
            .filter(|s| !s.is_empty())
            .ok_or_else(|| invalid("jwt_not_configured"))?;
        let now = u64::try_from(now_ms / 1000).unwrap_or(0);
        let claims = jwt::verify(token, secret.as_bytes(), now).map_err(|e| invalid(e.reason()))?;
        let perms = role_permissions(&claims.role).ok_or_else(|| invalid("unknown_role"))?;
        let tenant: Tenant = db
            .first(
                "SELECT id, name, slug, settings, monthly_generations, rate_limit_per_minute, created_at FROM tenants WHERE id = ?",
                &args![&claims.tenant_id],
            )
            .await?
            .ok_or_else(|| invalid("unknown_tenant"))?;
        let mut permissions: Vec<String> = perms.iter().map(|p| (*p).to_owned()).collect();
        permissions.extend(
            claims
                .permissions
                .into_iter()
                .filter(|p| PERMISSIONS.contains(&p.as_str())),
        );
        return Ok(Principal {
            bucket: format!("jwt:{}:{}", tenant.id, claims.sub),
            actor: format!("jwt:{}", claims.sub),
            tenant,
            permissions,
        });
    }
    let row: Option<KeyRow> = db
        .first(
            "SELECT k.id AS key_id, k.revoked_at, k.last_used_at, k.scopes, t.id, t.name, t.slug, t.settings, \
             t.monthly_generations, t.rate_limit_per_minute, t.created_at \
             FROM api_keys k JOIN tenants t ON t.id = k.tenant_id WHERE k.key_hash = ?",
            &args![sha256_hex(token.as_bytes())],
        )
        .await?;
    let row = row.ok_or_else(|| {
        ApiError::new(401, "invalid_api_key", "unknown API key")
            .with_details(json!({"reason": "unknown"}))
    })?;
    if row.revoked_at.is_some() {
        return Err(
            ApiError::new(401, "invalid_api_key", "this API key was revoked")
                .with_details(json!({"reason": "revoked"})),
        );
    }
    // last_used_at is informational: refresh it at most once a minute.
    if row.last_used_at.is_none_or(|t| now_ms - t > 60_000) {
        db.run(
            "UPDATE api_keys SET last_used_at = ? WHERE id = ?",
            &args![now_ms, &row.key_id],
        )
        .await?;
    }
    let permissions: Vec<String> = serde_json::from_str(&row.scopes).unwrap_or_default();
    Ok(Principal {
        bucket: format!("key:{}", row.key_id),
        actor: format!("key:{}", row.key_id),
        permissions,
        tenant: Tenant {
            id: row.id,
            name: row.name,
            slug: row.slug,
            settings: row.settings,
            monthly_generations: row.monthly_generations,
            rate_limit_per_minute: row.rate_limit_per_minute,
            created_at: row.created_at,
        },
    })
}

/// Checks the admin token (constant time). An unset `ADMIN_TOKEN` disables admin routes.
pub fn check_admin(token: &str, admin_token: Option<&str>) -> ApiResult<()> {
    match admin_token {
        Some(expected) if !expected.is_empty() && ct_eq(token.as_bytes(), expected.as_bytes()) => {
            Ok(())
        }
        _ => Err(ApiError::new(
            401,
            "invalid_admin_token",
            "invalid admin token",
        )),
    }
}

#[derive(Deserialize)]
struct Hits {
    count: i64,
}

/// Rate limit state after counting this request.
#[derive(Debug, Clone, Copy)]
pub struct RateState {
    /// Requests allowed per minute.
    pub limit: i64,
    /// Left in this window.
    pub remaining: i64,
}

/// Counts the request in the principal's fixed one-minute window; 429 `rate_limited` over the
/// tenant's limit.
pub async fn rate_limit(db: &Db, p: &Principal, now_ms: i64) -> ApiResult<RateState> {
    let window = now_ms - now_ms.rem_euclid(60_000);
    let hits: Option<Hits> = db
        .first(
            "INSERT INTO rate_limits (bucket, window_start, count) VALUES (?, ?, 1) \
             ON CONFLICT (bucket, window_start) DO UPDATE SET count = count + 1 RETURNING count",
            &args![&p.bucket, window],
        )
        .await?;
    let count = hits.map_or(1, |h| h.count);
    if count == 1 {
        db.run(
            "DELETE FROM rate_limits WHERE bucket = ? AND window_start < ?",
            &args![&p.bucket, window],
        )
        .await?;
    }
    let limit = p.tenant.rate_limit_per_minute;
    if count > limit {
        let retry = ((window + 60_000 - now_ms) / 1000).max(1);
        return Err(ApiError::new(
            429,
            "rate_limited",
            format!("more than {limit} requests this minute; retry in {retry} s"),
        )
        .with_details(json!({ "limit": limit, "retry_after": retry }))
        .with_header("Retry-After", retry.to_string())
        .with_header("X-RateLimit-Limit", limit.to_string())
        .with_header("X-RateLimit-Remaining", "0"));
    }
    Ok(RateState {
        limit,
        remaining: limit - count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles() {
        assert_eq!(role_permissions("owner"), Some(PERMISSIONS));
        assert!(role_permissions("viewer").is_some_and(|p| !p.contains(&"jobs:write")));
        assert!(role_permissions("root").is_none());
    }

    #[test]
    fn bearer_parsing() {
        assert_eq!(bearer(Some("Bearer abc".into())).unwrap(), "abc");
        assert_eq!(bearer(None).unwrap_err().code, "unauthorized");
        assert_eq!(bearer(Some("Basic abc".into())).unwrap_err().status, 401);
        assert!(check_admin("t", Some("t")).is_ok());
        assert!(check_admin("t", Some("u")).is_err());
        assert!(check_admin("", Some("")).is_err());
        assert!(check_admin("t", None).is_err());
    }

    #[test]
    fn principal_permissions() {
        let p = Principal {
            tenant: Tenant {
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
            permissions: vec!["jobs:read".into()],
        };
        assert!(p.require("jobs:read").is_ok());
        assert_eq!(
            p.require("jobs:write").unwrap_err().details["required"],
            "jobs:write"
        );
    }
}
