//! Signed webhooks (`POST /api/v1/webhooks/{source}`): how a delivery proves where it comes
//! from, pure but for [`authenticate`], which looks the secret up.
//!
//! A tenant creates signing secrets (`POST /webhook-secrets`, at most two active, sealed with
//! `ENCRYPTION_KEY` like JWT secrets). A delivery carries three headers:
//! - `X-Proseo-Webhook-Id`: the secret's id (`whk_…`), which names the tenant;
//! - `X-Proseo-Timestamp`: Unix time in seconds when it was signed;
//! - `X-Proseo-Signature`: `sha256=` + lowercase hex HMAC-SHA256, keyed with the secret, of
//!   the timestamp, a `.`, and the raw body bytes exactly as sent.
//!
//! A timestamp more than [`TOLERANCE_MS`] away from the Worker's clock is refused (a captured
//! delivery cannot be replayed later), and a delivery seen before (by `X-Proseo-Delivery`, else
//! by its signature) answers what it answered the first time and changes nothing. The body is
//! checked against its schema only after the signature: an unsigned caller learns nothing.

use crate::api::{ApiError, ApiResult};
use crate::crypto;
use crate::db::Db;
use crate::{args, auth};

/// A delivery signed longer ago (or later) than this is refused.
pub const TOLERANCE_MS: i64 = 5 * 60_000;
/// How long a delivery id is remembered (re-deliveries within it answer the first answer).
pub const DELIVERY_TTL_MS: i64 = 24 * 3_600_000;
/// Header naming the signing secret.
pub const ID_HEADER: &str = "x-proseo-webhook-id";
/// Header with the signing time (Unix seconds).
pub const TIMESTAMP_HEADER: &str = "x-proseo-timestamp";
/// Header with `sha256=<hex>`.
pub const SIGNATURE_HEADER: &str = "x-proseo-signature";
/// Optional header: the sender's id of the delivery (n8n execution id, an event id…).
pub const DELIVERY_HEADER: &str = "x-proseo-delivery";
/// Longest source name.
pub const MAX_SOURCE_LEN: usize = 64;

/// The signature headers of a request (as sent; absent ones `None`).
#[derive(Debug, Clone, Default)]
pub struct Headers {
    /// `X-Proseo-Webhook-Id`.
    pub id: Option<String>,
    /// `X-Proseo-Timestamp`.
    pub timestamp: Option<String>,
    /// `X-Proseo-Signature`.
    pub signature: Option<String>,
    /// `X-Proseo-Delivery`.
    pub delivery: Option<String>,
}

/// Why a delivery is not authentic (the `details.reason` of its 401).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A signature header is missing.
    MissingHeader,
    /// The timestamp is not Unix seconds.
    MalformedTimestamp,
    /// The timestamp is further than [`TOLERANCE_MS`] from now (a replay, or a wrong clock).
    StaleTimestamp,
    /// The signature is not `sha256=<64 hex>`.
    MalformedSignature,
    /// No active secret has that id.
    UnknownSecret,
    /// The signature does not match.
    BadSignature,
}

impl Refusal {
    /// The stable reason.
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::MissingHeader => "missing_header",
            Refusal::MalformedTimestamp => "malformed_timestamp",
            Refusal::StaleTimestamp => "stale_timestamp",
            Refusal::MalformedSignature => "malformed_signature",
            Refusal::UnknownSecret => "unknown_secret",
            Refusal::BadSignature => "bad_signature",
        }
    }

    /// The 401 answered.
    pub fn error(self) -> ApiError {
        let message = match self {
            Refusal::MissingHeader => "send X-Proseo-Webhook-Id, X-Proseo-Timestamp and X-Proseo-Signature",
            Refusal::MalformedTimestamp => "X-Proseo-Timestamp must be Unix time in seconds",
            Refusal::StaleTimestamp => "the delivery was signed more than 5 minutes from now: sign each delivery when it is sent",
            Refusal::MalformedSignature => "X-Proseo-Signature must be sha256=<64 lowercase hex digits>",
            Refusal::UnknownSecret => "no active webhook secret has this X-Proseo-Webhook-Id",
            Refusal::BadSignature => "the signature does not match: HMAC-SHA256 of `<timestamp>.<raw body>` with the secret",
        };
        ApiError::new(401, "invalid_signature", message)
            .with_details(serde_json::json!({ "reason": self.as_str() }))
    }
}

/// The bytes signed: the timestamp as sent, a `.`, the raw body.
pub fn signed_bytes(timestamp: &str, body: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(timestamp.len() + 1 + body.len());
    v.extend_from_slice(timestamp.as_bytes());
    v.push(b'.');
    v.extend_from_slice(body);
    v
}

/// `sha256=<hex>` of a delivery (what a sender computes).
pub fn sign(secret: &[u8], timestamp: &str, body: &[u8]) -> String {
    format!(
        "sha256={}",
        crypto::hex(&crypto::hmac_sha256(secret, &signed_bytes(timestamp, body)))
    )
}

/// The timestamp in ms, if it is Unix seconds within [`TOLERANCE_MS`] of `now_ms`.
pub fn check_timestamp(timestamp: &str, now_ms: i64) -> Result<i64, Refusal> {
    if timestamp.is_empty()
        || timestamp.len() > 12
        || !timestamp.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(Refusal::MalformedTimestamp);
    }
    let secs: i64 = timestamp.parse().map_err(|_| Refusal::MalformedTimestamp)?;
    let ms = secs.saturating_mul(1000);
    if (now_ms - ms).abs() > TOLERANCE_MS {
        return Err(Refusal::StaleTimestamp);
    }
    Ok(ms)
}

/// The 32 bytes of a `sha256=<hex>` header.
pub fn parse_signature(header: &str) -> Result<[u8; 32], Refusal> {
    let hex = header
        .trim()
        .strip_prefix("sha256=")
        .ok_or(Refusal::MalformedSignature)?;
    if hex.len() != 64 {
        return Err(Refusal::MalformedSignature);
    }
    let mut out = [0u8; 32];
    for (i, pair) in hex.as_bytes().chunks(2).enumerate() {
        let digit = |b: u8| match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        };
        let (Some(h), Some(l)) = (digit(pair[0]), digit(pair[1])) else {
            return Err(Refusal::MalformedSignature);
        };
        out[i] = h << 4 | l;
    }
    Ok(out)
}

/// Checks a delivery against `secret` (pure): timestamp within the tolerance, then the
/// signature in constant time.
pub fn verify(secret: &[u8], h: &Headers, body: &[u8], now_ms: i64) -> Result<(), Refusal> {
    let (Some(ts), Some(sig)) = (h.timestamp.as_deref(), h.signature.as_deref()) else {
        return Err(Refusal::MissingHeader);
    };
    check_timestamp(ts, now_ms)?;
    let given = parse_signature(sig)?;
    let expected = crypto::hmac_sha256(secret, &signed_bytes(ts, body));
    if crypto::ct_eq(&given, &expected) {
        Ok(())
    } else {
        Err(Refusal::BadSignature)
    }
}

/// Is `name` a source name (`[a-z0-9][a-z0-9-]*`, at most 64)? Store ids (`int_…`) cannot be
/// one, so webhook products never mix with a store's.
pub fn valid_source(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_SOURCE_LEN
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
}

/// The delivery's idempotency key: its `X-Proseo-Delivery` when sane, else its signature.
pub fn delivery_key(h: &Headers) -> String {
    match h.delivery.as_deref() {
        Some(d) if (1..=200).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_graphic()) => {
            format!("id:{d}")
        }
        _ => format!(
            "sig:{}",
            h.signature
                .as_deref()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        ),
    }
}

/// Authenticates a delivery: finds the active secret named by its id header, opens it, and
/// verifies the signature. Returns the tenant's principal (actor `webhook:<secret id>`, no
/// permission beyond the webhook itself).
pub async fn authenticate(
    db: &Db,
    master_key: Option<&str>,
    h: &Headers,
    body: &[u8],
    now_ms: i64,
) -> ApiResult<auth::Principal> {
    let Some(id) = h.id.as_deref().filter(|i| (1..=64).contains(&i.len())) else {
        return Err(Refusal::MissingHeader.error());
    };
    if h.timestamp.is_none() || h.signature.is_none() {
        return Err(Refusal::MissingHeader.error());
    }
    let row: Option<auth::SealedSecretRow> = db
        .first(
            "SELECT w.secret, t.id, t.name, t.slug, t.settings, t.monthly_generations, t.rate_limit_per_minute, t.created_at \
             FROM webhook_secrets w JOIN tenants t ON t.id = w.tenant_id WHERE w.id = ? AND w.revoked_at IS NULL",
            &args![id],
        )
        .await?;
    let Some(row) = row else {
        return Err(Refusal::UnknownSecret.error());
    };
    let master = master_key.ok_or_else(|| {
        crate::log::error(
            "config",
            "ENCRYPTION_KEY is missing or weak: webhook secrets cannot be opened",
        );
        ApiError::internal()
    })?;
    let secret = crypto::open(master.as_bytes(), row.tenant_id(), &row.secret).map_err(|e| {
        crate::log::error("webhook_secret", &format!("{id}: cannot open: {e:?}"));
        ApiError::internal()
    })?;
    verify(&secret, h, body, now_ms).map_err(Refusal::error)?;
    let tenant = row.into_tenant();
    Ok(auth::Principal {
        bucket: format!("webhook:{id}"),
        actor: format!("webhook:{id}"),
        rate_limit: tenant.rate_limit_per_minute,
        permissions: Vec::new(),
        tenant,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_321_845_000;

    fn headers(ts: &str, sig: String) -> Headers {
        Headers {
            id: Some("whk_1".into()),
            timestamp: Some(ts.into()),
            signature: Some(sig),
            delivery: None,
        }
    }

    #[test]
    fn a_signature_over_the_timestamp_and_the_raw_body_verifies() {
        let body = br#"{"products":[{"id":"A1","name":"Mug"}]}"#;
        let ts = (NOW / 1000).to_string();
        let h = headers(&ts, sign(b"whsec_test", &ts, body));
        assert_eq!(verify(b"whsec_test", &h, body, NOW), Ok(()));
        // Another secret, another body, another timestamp: refused.
        assert_eq!(
            verify(b"whsec_other", &h, body, NOW),
            Err(Refusal::BadSignature)
        );
        assert_eq!(
            verify(
                b"whsec_test",
                &h,
                br#"{"products":[{"id":"A1","name":"Mug!"}]}"#,
                NOW
            ),
            Err(Refusal::BadSignature)
        );
        let later = (NOW / 1000 + 1).to_string();
        let moved = headers(&later, h.signature.clone().unwrap());
        assert_eq!(
            verify(b"whsec_test", &moved, body, NOW),
            Err(Refusal::BadSignature)
        );
        // Upper-case hex is the same signature.
        let upper = headers(
            &ts,
            h.signature
                .clone()
                .unwrap()
                .to_ascii_uppercase()
                .replace("SHA256=", "sha256="),
        );
        assert_eq!(verify(b"whsec_test", &upper, body, NOW), Ok(()));
    }

    #[test]
    fn a_known_vector() {
        // `printf '1700000000.{}' | openssl dgst -sha256 -hmac secret`
        assert_eq!(
            sign(b"secret", "1700000000", b"{}"),
            "sha256=b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163"
        );
    }

    #[test]
    fn timestamps_older_or_later_than_five_minutes_are_refused() {
        let s = |ms: i64| (ms / 1000).to_string();
        assert!(check_timestamp(&s(NOW - TOLERANCE_MS + 1000), NOW).is_ok());
        assert!(check_timestamp(&s(NOW + TOLERANCE_MS - 1000), NOW).is_ok());
        assert_eq!(
            check_timestamp(&s(NOW - TOLERANCE_MS - 1000), NOW),
            Err(Refusal::StaleTimestamp)
        );
        assert_eq!(
            check_timestamp(&s(NOW + TOLERANCE_MS + 1000), NOW),
            Err(Refusal::StaleTimestamp)
        );
        for bad in ["", "-5", "1.5", "17e8", "9999999999999", " 1700000000"] {
            assert_eq!(
                check_timestamp(bad, NOW),
                Err(Refusal::MalformedTimestamp),
                "{bad:?}"
            );
        }
        // Milliseconds by mistake: 13 digits are not Unix seconds; a date far away is stale.
        assert_eq!(
            check_timestamp(&NOW.to_string(), NOW),
            Err(Refusal::MalformedTimestamp)
        );
        assert_eq!(
            check_timestamp("99999999999", NOW),
            Err(Refusal::StaleTimestamp)
        );
    }

    #[test]
    fn malformed_signatures_and_missing_headers() {
        for bad in [
            "",
            "sha256=",
            "sha1=00",
            "sha256=zz",
            &format!("sha256={}", "0".repeat(63)),
        ] {
            assert_eq!(
                parse_signature(bad),
                Err(Refusal::MalformedSignature),
                "{bad:?}"
            );
        }
        let h = Headers::default();
        assert_eq!(verify(b"k", &h, b"{}", NOW), Err(Refusal::MissingHeader));
        assert_eq!(
            Refusal::StaleTimestamp.error().details["reason"],
            "stale_timestamp"
        );
    }

    #[test]
    fn source_names_and_delivery_keys() {
        assert!(valid_source("n8n"));
        assert!(valid_source("allegro-importer-2"));
        for bad in ["", "-x", "N8N", "int_abc", "a b", &"a".repeat(65)] {
            assert!(!valid_source(bad), "{bad:?}");
        }
        let mut h = headers("1", "sha256=AB".into());
        assert_eq!(delivery_key(&h), "sig:sha256=ab");
        h.delivery = Some("exec-42".into());
        assert_eq!(delivery_key(&h), "id:exec-42");
        h.delivery = Some("has space".into());
        assert_eq!(delivery_key(&h), "sig:sha256=ab");
    }
}
