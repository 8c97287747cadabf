//! `Idempotency-Key`: the first successful answer is stored for 24 h per tenant and key and
//! replayed for an identical retry; the same key with another request is 409. A placeholder row
//! claims the key first, so two concurrent identical requests cannot both create.

use serde::Deserialize;
use serde_json::Value;

use crate::api::{ApiError, ApiResult};
use crate::crypto::sha256_hex;
use crate::routes::Route;
use crate::{args, Ctx, Reply, Req};

/// Stored answers expire after this long.
pub const TTL_MS: i64 = 24 * 3_600_000;

#[derive(Deserialize)]
struct Stored {
    fingerprint: String,
    status: i64,
    body: String,
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
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Err(ApiError::field(
            "Idempotency-Key",
            "invalid_value",
            "Idempotency-Key must be 1–255 visible ASCII characters",
        ));
    }
    let scope = cx
        .principal
        .as_ref()
        .map_or_else(|| "admin".to_owned(), |p| p.tenant.id.clone());
    let mut material = format!("{method} {path}\n").into_bytes();
    material.extend_from_slice(&req.body);
    let fingerprint = sha256_hex(&material);
    cx.db
        .run(
            "DELETE FROM idempotency_keys WHERE tenant_id = ? AND key = ? AND created_at < ?",
            &args![&scope, key, cx.now - TTL_MS],
        )
        .await?;
    let claimed = cx
        .db
        .run(
            "INSERT INTO idempotency_keys (tenant_id, key, fingerprint, status, body, created_at) VALUES (?, ?, ?, 0, '', ?) ON CONFLICT (tenant_id, key) DO NOTHING",
            &args![&scope, key, &fingerprint, cx.now],
        )
        .await?;
    if claimed == 0 {
        let stored: Option<Stored> = cx
            .db
            .first("SELECT fingerprint, status, body FROM idempotency_keys WHERE tenant_id = ? AND key = ?", &args![&scope, key])
            .await?;
        return match stored {
            Some(s) if s.fingerprint != fingerprint => Err(ApiError::new(
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
                let data: Value = serde_json::from_str(&s.body).unwrap_or(Value::Null);
                let mut reply = Reply::status(u16::try_from(s.status).unwrap_or(200), data);
                reply
                    .headers
                    .push(("Idempotent-Replayed", "true".to_owned()));
                Ok(reply)
            }
            None => Err(ApiError::new(409, "conflict", "retry the request")),
        };
    }
    let result = super::dispatch(cx, route, req).await;
    match &result {
        Ok(reply) if (200..300).contains(&reply.status) => {
            cx.db
                .run("UPDATE idempotency_keys SET status = ?, body = ? WHERE tenant_id = ? AND key = ?", &args![reply.status, reply.data.to_string(), &scope, key])
                .await?;
        }
        _ => {
            // Failures are not stored: the client may retry with the same key.
            cx.db
                .run(
                    "DELETE FROM idempotency_keys WHERE tenant_id = ? AND key = ?",
                    &args![&scope, key],
                )
                .await?;
        }
    }
    result
}
