//! Who is calling: API keys, tenant-issued HS256 JWTs (each tenant with its own secrets), the
//! admin token; permissions; rate limits per credential and per tenant; throttling of failed
//! authentication. The tenant always comes from the credential.
//!
//! Cost per request: a resolved credential is cached in the isolate for [`CACHE_TTL_MS`]
//! (revocation from another isolate takes effect within that time; revocation in the same
//! isolate at once), and the two rate-limit counters are one D1 batch, so an authenticated
//! request with a warm cache makes one D1 round trip before its handler runs.

use std::cell::RefCell;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::api::{ApiError, ApiResult};
use crate::args;
use crate::crypto::{ct_eq, sha256_hex};
use crate::db::Db;
use crate::jwt;

/// Every permission. `analyze`, `validate` and `prompts/render` need none beyond a valid
/// credential (`prompts/render` needs `templates:read` to read a stored template).
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
    "catalog:read",
    "catalog:write",
];

/// How long a resolved credential stays cached in the isolate.
pub const CACHE_TTL_MS: i64 = 30_000;
/// Cached credentials per isolate at most (the cache is emptied when full).
const CACHE_MAX: usize = 4_096;
/// Failed authentications per client address and minute before it is throttled.
pub const AUTH_FAILURES_PER_MINUTE: i64 = 20;

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
            "catalog:read",
            "catalog:write",
            "usage:read",
        ]),
        "viewer" => Some(&["templates:read", "jobs:read", "usage:read", "catalog:read"]),
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
    /// Requests per minute, all credentials of the tenant together.
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
    /// Rate-limit bucket of the credential.
    pub bucket: String,
    /// The credential's own per-minute limit (an API key's; else the tenant's).
    pub rate_limit: i64,
    /// Granted permissions (`*` = all).
    pub permissions: Vec<String>,
}

impl Principal {
    /// 403 unless the credential has `perm`.
    pub fn require(&self, perm: &str) -> ApiResult<()> {
        if self.has(perm) {
            Ok(())
        } else {
            Err(ApiError::forbidden(perm))
        }
    }

    /// Does the credential have `perm`?
    pub fn has(&self, perm: &str) -> bool {
        self.permissions.iter().any(|p| p == "*" || p == perm)
    }

    /// The idempotency scope: the credential, within its tenant.
    pub fn scope(&self) -> String {
        format!("tenant:{}:{}", self.tenant.id, self.actor)
    }
}

#[derive(Deserialize)]
struct KeyRow {
    key_id: String,
    revoked_at: Option<i64>,
    last_used_at: Option<i64>,
    scopes: String,
    key_rate_limit: Option<i64>,
    id: String,
    name: String,
    slug: String,
    settings: String,
    monthly_generations: Option<i64>,
    rate_limit_per_minute: i64,
    created_at: i64,
}

/// A tenant's sealed secret (a JWT signing key, a webhook secret) read with the tenant it
/// belongs to: `SELECT <x>.secret, t.id, t.name, t.slug, t.settings, t.monthly_generations,
/// t.rate_limit_per_minute, t.created_at FROM … JOIN tenants t …`.
#[derive(Deserialize)]
pub(crate) struct SealedSecretRow {
    /// The sealed secret (`crypto::seal` with the tenant id as associated data).
    pub secret: String,
    id: String,
    name: String,
    slug: String,
    settings: String,
    monthly_generations: Option<i64>,
    rate_limit_per_minute: i64,
    created_at: i64,
}

impl SealedSecretRow {
    /// The tenant the secret belongs to.
    pub fn tenant_id(&self) -> &str {
        &self.id
    }

    /// The tenant, once the secret is opened.
    pub fn into_tenant(self) -> Tenant {
        Tenant {
            id: self.id,
            name: self.name,
            slug: self.slug,
            settings: self.settings,
            monthly_generations: self.monthly_generations,
            rate_limit_per_minute: self.rate_limit_per_minute,
            created_at: self.created_at,
        }
    }
}

#[derive(Clone)]
enum Cached {
    Key(Principal),
    JwtKey { secret: Vec<u8>, tenant: Tenant },
}

thread_local! {
    /// Resolved credentials: API key hash or `kid:<kid>` → (value, expiry ms).
    static CACHE: RefCell<HashMap<String, (Cached, i64)>> = RefCell::new(HashMap::new());
    /// Client addresses over the failure limit → blocked until (ms).
    static BLOCKED: RefCell<HashMap<String, i64>> = RefCell::new(HashMap::new());
}

fn cache_get(k: &str, now: i64) -> Option<Cached> {
    CACHE.with(|c| {
        c.borrow()
            .get(k)
            .filter(|(_, exp)| *exp > now)
            .map(|(v, _)| v.clone())
    })
}

fn cache_put(k: String, v: Cached, now: i64) {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_MAX {
            c.clear();
        }
        c.insert(k, (v, now + CACHE_TTL_MS));
    });
}

/// Forgets every cached credential of `tenant_id` (after a revocation in this isolate).
pub fn forget_tenant(tenant_id: &str) {
    CACHE.with(|c| {
        c.borrow_mut().retain(|_, (v, _)| match v {
            Cached::Key(p) => p.tenant.id != tenant_id,
            Cached::JwtKey { tenant, .. } => tenant.id != tenant_id,
        })
    });
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

fn invalid_token(reason: &str) -> ApiError {
    ApiError::new(
        401,
        "invalid_token",
        format!("the token is not valid ({reason})"),
    )
    .with_details(json!({ "reason": reason }))
}

/// What authentication needs besides the token.
pub struct AuthConfig<'a> {
    /// `ENCRYPTION_KEY` (opens the sealed JWT secrets).
    pub master_key: Option<&'a str>,
    /// The `aud` tokens must carry.
    pub audience: &'a str,
    /// ms.
    pub now: i64,
}

/// Resolves an API key or JWT to a principal.
pub async fn authenticate(db: &Db, token: &str, cfg: &AuthConfig<'_>) -> ApiResult<Principal> {
    if jwt::looks_like_jwt(token) {
        return authenticate_jwt(db, token, cfg).await;
    }
    let hash = sha256_hex(token.as_bytes());
    if let Some(Cached::Key(p)) = cache_get(&hash, cfg.now) {
        return Ok(p);
    }
    let row: Option<KeyRow> = db
        .first(
            "SELECT k.id AS key_id, k.revoked_at, k.last_used_at, k.scopes, k.rate_limit_per_minute AS key_rate_limit, \
             t.id, t.name, t.slug, t.settings, t.monthly_generations, t.rate_limit_per_minute, t.created_at \
             FROM api_keys k JOIN tenants t ON t.id = k.tenant_id WHERE k.key_hash = ?",
            &args![&hash],
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
    // last_used_at is informational: refreshed on a cache miss, at most once a minute.
    if row.last_used_at.is_none_or(|t| cfg.now - t > 60_000) {
        db.run(
            "UPDATE api_keys SET last_used_at = ? WHERE id = ?",
            &args![cfg.now, &row.key_id],
        )
        .await?;
    }
    let permissions: Vec<String> = serde_json::from_str(&row.scopes).map_err(|e| {
        crate::log::error("corrupt_row", &format!("api key {}: {e}", row.key_id));
        ApiError::internal()
    })?;
    let p = Principal {
        bucket: format!("key:{}", row.key_id),
        actor: format!("key:{}", row.key_id),
        rate_limit: row.key_rate_limit.map_or(row.rate_limit_per_minute, |k| {
            k.min(row.rate_limit_per_minute)
        }),
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
    };
    cache_put(hash, Cached::Key(p.clone()), cfg.now);
    Ok(p)
}

async fn authenticate_jwt(db: &Db, token: &str, cfg: &AuthConfig<'_>) -> ApiResult<Principal> {
    let kid = jwt::kid(token).map_err(|e| invalid_token(e.reason()))?;
    let cache_key = format!("kid:{kid}");
    let (secret, tenant) = match cache_get(&cache_key, cfg.now) {
        Some(Cached::JwtKey { secret, tenant }) => (secret, tenant),
        _ => {
            let row: Option<SealedSecretRow> = db
                .first(
                    "SELECT k.secret, t.id, t.name, t.slug, t.settings, t.monthly_generations, t.rate_limit_per_minute, t.created_at \
                     FROM jwt_keys k JOIN tenants t ON t.id = k.tenant_id WHERE k.kid = ? AND k.revoked_at IS NULL",
                    &args![&kid],
                )
                .await?;
            let row = row.ok_or_else(|| invalid_token(jwt::JwtError::UnknownKid.reason()))?;
            let master = cfg.master_key.ok_or_else(|| {
                crate::log::error(
                    "config",
                    "ENCRYPTION_KEY is not set: JWTs cannot be verified",
                );
                ApiError::internal()
            })?;
            let secret = crate::crypto::open(master.as_bytes(), row.tenant_id(), &row.secret)
                .map_err(|e| {
                    crate::log::error("crypto", &format!("cannot open jwt key {kid}: {e:?}"));
                    ApiError::internal()
                })?;
            let tenant = row.into_tenant();
            cache_put(
                cache_key,
                Cached::JwtKey {
                    secret: secret.clone(),
                    tenant: tenant.clone(),
                },
                cfg.now,
            );
            (secret, tenant)
        }
    };
    let claims = jwt::verify(
        token,
        &jwt::Expect {
            secret: &secret,
            tenant_id: &tenant.id,
            audience: cfg.audience,
            now: u64::try_from(cfg.now / 1000).unwrap_or(0),
        },
    )
    .map_err(|e| invalid_token(e.reason()))?;
    let perms = role_permissions(&claims.role).ok_or_else(|| invalid_token("unknown_role"))?;
    let mut permissions: Vec<String> = perms.iter().map(|p| (*p).to_owned()).collect();
    permissions.extend(
        claims
            .permissions
            .into_iter()
            .filter(|p| PERMISSIONS.contains(&p.as_str())),
    );
    Ok(Principal {
        bucket: format!("jwt:{}:{}", tenant.id, claims.sub),
        actor: format!("jwt:{}", claims.sub),
        rate_limit: tenant.rate_limit_per_minute,
        tenant,
        permissions,
    })
}

/// Checks the admin token (constant time). An unset or weak `ADMIN_TOKEN` disables admin
/// routes.
pub fn check_admin(token: &str, admin_token: Option<&str>) -> ApiResult<()> {
    match admin_token {
        Some(expected)
            if crate::config::strong(expected) && ct_eq(token.as_bytes(), expected.as_bytes()) =>
        {
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
    /// Requests allowed per minute (the tighter of the credential's and the tenant's).
    pub limit: i64,
    /// Left in this window.
    pub remaining: i64,
}

fn window(now_ms: i64) -> i64 {
    now_ms - now_ms.rem_euclid(60_000)
}

const HIT: &str = "INSERT INTO rate_limits (bucket, window_start, count) VALUES (?, ?, 1) \
    ON CONFLICT (bucket, window_start) DO UPDATE SET count = count + 1 RETURNING count";

fn rate_limited(limit: i64, now_ms: i64, scope: &str) -> ApiError {
    let retry = ((window(now_ms) + 60_000 - now_ms) / 1000).max(1);
    ApiError::new(
        429,
        "rate_limited",
        format!("more than {limit} requests this minute for this {scope}; retry in {retry} s"),
    )
    .with_details(json!({ "limit": limit, "retry_after": retry, "scope": scope }))
    .with_header("Retry-After", retry.to_string())
    .with_header("X-RateLimit-Limit", limit.to_string())
    .with_header("X-RateLimit-Remaining", "0")
}

/// Counts the request in the credential's and the tenant's fixed one-minute windows (one D1
/// batch); 429 `rate_limited` over either limit. N keys of one tenant share the tenant's limit.
/// Old windows are deleted by the sweeper.
pub async fn rate_limit(db: &Db, p: &Principal, now_ms: i64) -> ApiResult<RateState> {
    let w = window(now_ms);
    let results = db
        .batch_results(vec![
            db.stmt(HIT, &args![&p.bucket, w])?,
            db.stmt(HIT, &args![format!("tenant:{}", p.tenant.id), w])?,
        ])
        .await?;
    let count = |i: usize| -> i64 {
        results
            .get(i)
            .and_then(|r| r.results::<Hits>().ok())
            .and_then(|v| v.first().map(|h| h.count))
            .unwrap_or(1)
    };
    let (mine, all) = (count(0), count(1));
    if mine > p.rate_limit {
        return Err(rate_limited(p.rate_limit, now_ms, "credential"));
    }
    let tenant_limit = p.tenant.rate_limit_per_minute;
    if all > tenant_limit {
        return Err(rate_limited(tenant_limit, now_ms, "tenant"));
    }
    Ok(RateState {
        limit: p.rate_limit.min(tenant_limit),
        remaining: (p.rate_limit - mine).min(tenant_limit - all).max(0),
    })
}

fn auth_throttled(until: i64, now_ms: i64) -> ApiError {
    let retry = ((until - now_ms) / 1000).max(1);
    ApiError::new(
        429,
        "auth_throttled",
        format!("too many failed authentications from this address; retry in {retry} s"),
    )
    .with_details(json!({ "retry_after": retry, "limit": AUTH_FAILURES_PER_MINUTE }))
    .with_header("Retry-After", retry.to_string())
}

/// Refuses a client address that failed authentication too often this minute. The isolate's
/// own blocklist answers without D1; `check_db` (admin routes) also reads the shared counter,
/// so an admin token cannot be guessed across isolates either.
pub async fn check_throttle(db: &Db, ip: &str, now_ms: i64, check_db: bool) -> ApiResult<()> {
    let blocked = BLOCKED.with(|b| b.borrow().get(ip).copied().filter(|t| *t > now_ms));
    if let Some(until) = blocked {
        return Err(auth_throttled(until, now_ms));
    }
    if check_db {
        let w = window(now_ms);
        let hits: Option<Hits> = db
            .first(
                "SELECT count FROM rate_limits WHERE bucket = ? AND window_start = ?",
                &args![format!("authfail:{ip}"), w],
            )
            .await?;
        if hits.is_some_and(|h| h.count >= AUTH_FAILURES_PER_MINUTE) {
            return Err(auth_throttled(w + 60_000, now_ms));
        }
    }
    Ok(())
}

/// Counts a failed authentication of `ip`; over the limit, the address is blocked for the rest
/// of the window and the answer becomes 429 `auth_throttled`.
pub async fn record_failure(db: &Db, ip: &str, now_ms: i64, failure: ApiError) -> ApiError {
    let w = window(now_ms);
    let hits: Result<Option<Hits>, _> = db.first(HIT, &args![format!("authfail:{ip}"), w]).await;
    match hits {
        Ok(Some(h)) if h.count > AUTH_FAILURES_PER_MINUTE => {
            BLOCKED.with(|b| {
                let mut b = b.borrow_mut();
                if b.len() >= CACHE_MAX {
                    b.retain(|_, t| *t > now_ms);
                }
                b.insert(ip.to_owned(), w + 60_000);
            });
            auth_throttled(w + 60_000, now_ms)
        }
        _ => failure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(perms: &[&str]) -> Principal {
        Principal {
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
            rate_limit: 5,
            permissions: perms.iter().map(|p| (*p).to_owned()).collect(),
        }
    }

    #[test]
    fn roles() {
        assert_eq!(role_permissions("owner"), Some(PERMISSIONS));
        assert!(role_permissions("viewer").is_some_and(|p| !p.contains(&"jobs:write")));
        assert!(role_permissions("root").is_none());
    }

    #[test]
    fn bearer_parsing() {
        let strong = "s".repeat(crate::config::MIN_SECRET_LEN);
        assert_eq!(bearer(Some("Bearer abc".into())).unwrap(), "abc");
        assert_eq!(bearer(None).unwrap_err().code, "unauthorized");
        assert_eq!(bearer(Some("Basic abc".into())).unwrap_err().status, 401);
        assert!(check_admin(&strong, Some(&strong)).is_ok());
        assert!(check_admin("t", Some(&strong)).is_err());
        assert!(check_admin("", Some("")).is_err());
        assert!(check_admin(&strong, None).is_err());
        // A weak admin token disables the admin routes even when it is presented exactly.
        assert!(check_admin("short", Some("short")).is_err());
    }

    #[test]
    fn principal_permissions() {
        let p = principal(&["jobs:read"]);
        assert!(p.require("jobs:read").is_ok());
        assert_eq!(
            p.require("jobs:write").unwrap_err().details["required"],
            "jobs:write"
        );
        assert!(principal(&["*"]).has("keys:admin"));
        assert_eq!(p.scope(), "tenant:t:key:k");
    }

    #[test]
    fn cache_expires_and_forgets_tenants() {
        let p = principal(&["*"]);
        cache_put("h1".into(), Cached::Key(p), 1_000);
        assert!(cache_get("h1", 1_000 + CACHE_TTL_MS - 1).is_some());
        assert!(cache_get("h1", 1_000 + CACHE_TTL_MS).is_none());
        forget_tenant("t");
        assert!(cache_get("h1", 1_001).is_none());
    }
}
