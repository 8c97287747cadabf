//! `Idempotency-Key`: the first successful answer is kept for [`TTL_MS`] per credential and
//! key and replayed for an identical retry; the same key with another request is 409.
//!
//! - The key belongs to the credential (an API key or a JWT subject within its tenant; the
//!   admin token has its own scope), so two keys of one tenant never see each other's answers.
//! - The fingerprint covers the method, path, raw query string, content type and body: a CSV
//!   job retried with another `template_id` is another request.
//! - A placeholder row claims the key first (one guarded statement), so two concurrent
//!   identical requests cannot both run. A placeholder whose request died is taken over after
//!   [`IN_FLIGHT_MS`], not kept for a day.
//! - Stored answers are sealed with `ENCRYPTION_KEY` (some carry a secret shown once: a new API
//!   key, a new JWT secret) and deleted by the sweeper when they expire.

use serde::Deserialize;
use serde_json::Value;

use crate::api::{ApiError, ApiResult};
use crate::crypto::sha256_hex;
use crate::routes::Route;
use crate::{args, config, crypto, ids, Ctx, Reply, Req};

/// Stored answers expire after this long.
pub const TTL_MS: i64 = 24 * 3_600_000;
/// An unfinished request's claim on its key is abandoned after this long (longer than any
/// request runs: `POST /generate` stops calling providers after 4 minutes).
pub const IN_FLIGHT_MS: i64 = 5 * 60_000;

#[derive(Deserialize)]
struct Stored {
    fingerprint: String,
    status: i64,
    body: String,
}

/// The `Idempotency-Key` header: 1–255 visible ASCII characters.
pub fn key_schema() -> Value {
    serde_json::json!({ "type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$" })
}

/// The fingerprint of a request.
pub fn fingerprint(
    method: &str,
    path: &str,
    query: &str,
    content_type: &str,
    body: &[u8],
) -> String {
    let mut material = format!("{method} {path}?{query}\n{content_type}\n").into_bytes();
    material.extend_from_slice(body);
    sha256_hex(&material)
}

/// Runs `route` under an idempotency key.
pub async fn with_key(
    cx: &Ctx<'_>,
    route: &Route,
    key: &str,
    method: &str,
    path: &str,
    req: &Req,
) -> ApiResult<Reply> {
    let errors = crate::schema::check(
        &key_schema(),
        &Value::String(key.to_owned()),
        "Idempotency-Key",
    );
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let master = config::encryption_key(cx.env).ok_or_else(|| {
        crate::log::error(
            "config",
            "ENCRYPTION_KEY is missing or weak: idempotent answers cannot be stored",
        );
        ApiError::internal()
    })?;
    let scope = cx
        .principal
        .as_ref()
        .map_or_else(|| "admin".to_owned(), crate::auth::Principal::scope);
    let fp = fingerprint(method, path, &req.raw_query, &req.content_type, &req.body);
    let claimed = cx
        .db
        .run(
            "INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, locked_until, expires_at) VALUES (?1, ?2, ?3, 0, '', ?4, ?5) \
             ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = 0, body = '', \
             locked_until = excluded.locked_until, expires_at = excluded.expires_at \
             WHERE idempotency_keys.expires_at < ?6 OR (idempotency_keys.status = 0 AND idempotency_keys.locked_until < ?6)",
            &args![&scope, key, &fp, cx.now + IN_FLIGHT_MS, cx.now + TTL_MS, cx.now],
        )
        .await?;
    if claimed == 0 {
        let stored: Option<Stored> = cx
            .db
            .first(
                "SELECT fingerprint, status, body FROM idempotency_keys WHERE scope = ? AND key = ?",
                &args![&scope, key],
            )
            .await?;
        return match stored {
            Some(s) if s.fingerprint != fp => Err(ApiError::new(
                409,
                "idempotency_key_reused",
                "this Idempotency-Key was used for a different request",
            )),
            Some(s) if s.status == 0 => Err(ApiError::new(
                409,
                "conflict",
                "a request with this Idempotency-Key is still in progress; retry shortly",
            )
            .with_header("Retry-After", "1")),
            Some(s) => {
                cx.log.borrow_mut().set("idempotent_replay", true);
                let plain = crypto::open(master.as_bytes(), &scope, &s.body).map_err(|e| {
                    crate::log::error("crypto", &format!("cannot open a stored answer: {e:?}"));
                    ApiError::internal()
                })?;
                let data: Value = serde_json::from_slice(&plain).map_err(|e| {
                    crate::log::error("corrupt_row", &format!("stored answer: {e}"));
                    ApiError::internal()
                })?;
                let mut reply = Reply::status(u16::try_from(s.status).unwrap_or(200), data);
                reply
                    .headers
                    .push(("Idempotent-Replayed", "true".to_owned()));
                Ok(reply)
            }
            None => {
                Err(ApiError::new(409, "conflict", "retry the request")
                    .with_header("Retry-After", "1"))
            }
        };
    }
    let result = super::dispatch(cx, route, req).await;
    match &result {
        Ok(reply) if (200..300).contains(&reply.status) => {
            let sealed = crypto::seal(
                master.as_bytes(),
                &scope,
                ids::nonce()?,
                reply.data.to_string().as_bytes(),
            );
            cx.db
                .run(
                    "UPDATE idempotency_keys SET status = ?, body = ? WHERE scope = ? AND key = ? AND fingerprint = ? AND status = 0",
                    &args![reply.status, sealed, &scope, key, &fp],
                )
                .await?;
        }
        _ => {
            // Failures are not stored: the client may retry with the same key.
            cx.db
                .run(
                    "DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND fingerprint = ? AND status = 0",
                    &args![&scope, key, &fp],
                )
                .await?;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_covers_query_and_content_type() {
        let a = fingerprint("POST", "/api/v1/jobs", "template_id=a", "text/csv", b"x");
        assert_ne!(
            a,
            fingerprint("POST", "/api/v1/jobs", "template_id=b", "text/csv", b"x")
        );
        assert_ne!(
            a,
            fingerprint(
                "POST",
                "/api/v1/jobs",
                "template_id=a",
                "application/json",
                b"x"
            )
        );
        assert_ne!(
            a,
            fingerprint("POST", "/api/v1/jobs", "template_id=a", "text/csv", b"y")
        );
        assert_eq!(
            a,
            fingerprint("POST", "/api/v1/jobs", "template_id=a", "text/csv", b"x")
        );
    }
}
