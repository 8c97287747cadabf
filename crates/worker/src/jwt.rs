//! HS256 JSON Web Tokens issued by a tenant's own platform. Pure: the clock is passed in.
//!
//! Verified: the header's `alg` is exactly `HS256` (no `none`, no algorithm confusion), the
//! signature (constant-time), `exp` (required), `nbf` and `iat` (not in the future), each with
//! [`LEEWAY_SECS`] of clock skew. The claims carry the tenant; the router checks the tenant
//! exists.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::crypto::{ct_eq, hmac_sha256};

/// Allowed clock skew.
pub const LEEWAY_SECS: u64 = 60;

/// The claims proseo reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user at the tenant's platform (used as the rate-limit bucket and audit actor).
    pub sub: String,
    /// The proseo tenant id.
    pub tenant_id: String,
    /// `owner`, `admin`, `editor` or `viewer`.
    pub role: String,
    /// Extra permissions on top of the role's.
    #[serde(default)]
    pub permissions: Vec<String>,
    /// Expiry (seconds since the epoch).
    pub exp: u64,
    /// Issued at.
    #[serde(default)]
    pub iat: Option<u64>,
    /// Not before.
    #[serde(default)]
    pub nbf: Option<u64>,
}

/// Why a token is refused (`details.reason` of 401 `invalid_token`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtError {
    /// Not three base64url parts of JSON.
    Malformed,
    /// `alg` is not HS256.
    Algorithm,
    /// Signature mismatch.
    Signature,
    /// Past `exp`.
    Expired,
    /// Before `nbf` or `iat`.
    NotYetValid,
    /// Claims missing or of the wrong type.
    Claims,
}

impl JwtError {
    /// Stable reason string.
    pub fn reason(self) -> &'static str {
        match self {
            JwtError::Malformed => "malformed",
            JwtError::Algorithm => "unsupported_algorithm",
            JwtError::Signature => "bad_signature",
            JwtError::Expired => "expired",
            JwtError::NotYetValid => "not_yet_valid",
            JwtError::Claims => "invalid_claims",
        }
    }
}

/// Does `token` look like a JWT (three dot-separated parts)?
pub fn looks_like_jwt(token: &str) -> bool {
    token.split('.').count() == 3 && token.starts_with("eyJ")
}

/// Verifies `token` with `secret` at `now` (seconds since the epoch).
pub fn verify(token: &str, secret: &[u8], now: u64) -> Result<Claims, JwtError> {
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Malformed);
    };
    let header: serde_json::Value = decode_json(h)?;
    if header.get("alg").and_then(|a| a.as_str()) != Some("HS256") {
        return Err(JwtError::Algorithm);
    }
    let sig = URL_SAFE_NO_PAD.decode(s).map_err(|_| JwtError::Malformed)?;
    let signing_input = &token[..h.len() + 1 + p.len()];
    if !ct_eq(&hmac_sha256(secret, signing_input.as_bytes()), &sig) {
        return Err(JwtError::Signature);
    }
    let claims: Claims = decode_json(p).map_err(|e| match e {
        JwtError::Malformed => JwtError::Claims,
        other => other,
    })?;
    if now >= claims.exp.saturating_add(LEEWAY_SECS) {
        return Err(JwtError::Expired);
    }
    if claims
        .nbf
        .into_iter()
        .chain(claims.iat)
        .any(|t| t > now.saturating_add(LEEWAY_SECS))
    {
        return Err(JwtError::NotYetValid);
    }
    Ok(claims)
}

fn decode_json<T: serde::de::DeserializeOwned>(part: &str) -> Result<T, JwtError> {
    let raw = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| JwtError::Malformed)?;
    serde_json::from_slice(&raw).map_err(|_| JwtError::Malformed)
}

/// Signs claims (used by tests and by tenants' own tooling examples).
pub fn sign(claims: &serde_json::Value, secret: &[u8]) -> String {
    let h = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let p = URL_SAFE_NO_PAD.encode(claims.to_string());
    let input = format!("{h}.{p}");
    let sig = URL_SAFE_NO_PAD.encode(hmac_sha256(secret, input.as_bytes()));
    format!("{input}.{sig}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SECRET: &[u8] = b"tenant-platform-secret";

    fn claims(exp: u64) -> serde_json::Value {
        json!({"sub": "u1", "tenant_id": "tnt_1", "role": "editor", "exp": exp, "iat": 1000})
    }

    #[test]
    fn valid_token() {
        let t = sign(&claims(2000), SECRET);
        assert!(looks_like_jwt(&t));
        let c = verify(&t, SECRET, 1500).unwrap();
        assert_eq!(c.tenant_id, "tnt_1");
        assert_eq!(c.role, "editor");
        assert!(c.permissions.is_empty());
    }

    #[test]
    fn refusals() {
        let t = sign(&claims(2000), SECRET);
        assert_eq!(verify(&t, b"other", 1500), Err(JwtError::Signature));
        assert_eq!(
            verify(&t, SECRET, 2000 + LEEWAY_SECS),
            Err(JwtError::Expired)
        );
        assert!(verify(&t, SECRET, 2000 + LEEWAY_SECS - 1).is_ok());
        let future = sign(
            &json!({"sub": "u", "tenant_id": "t", "role": "viewer", "exp": 9000, "nbf": 5000}),
            SECRET,
        );
        assert_eq!(verify(&future, SECRET, 1000), Err(JwtError::NotYetValid));
        let no_exp = sign(
            &json!({"sub": "u", "tenant_id": "t", "role": "viewer"}),
            SECRET,
        );
        assert_eq!(verify(&no_exp, SECRET, 1000), Err(JwtError::Claims));
        assert_eq!(verify("a.b", SECRET, 1), Err(JwtError::Malformed));
        // alg=none with an empty signature is refused before any signature check.
        let none_h = URL_SAFE_NO_PAD.encode(br#"{"alg":"none"}"#);
        let p = URL_SAFE_NO_PAD.encode(claims(2000).to_string());
        assert_eq!(
            verify(&format!("{none_h}.{p}."), SECRET, 1500),
            Err(JwtError::Algorithm)
        );
        // A tampered payload fails the signature.
        let mut parts: Vec<&str> = t.split('.').collect();
        let evil = URL_SAFE_NO_PAD.encode(
            json!({"sub": "u1", "tenant_id": "tnt_2", "role": "owner", "exp": 2000}).to_string(),
        );
        parts[1] = &evil;
        assert_eq!(
            verify(&parts.join("."), SECRET, 1500),
            Err(JwtError::Signature)
        );
    }
}
