//! HS256 JSON Web Tokens issued by a tenant's own platform, each signed with one of that
//! tenant's own secrets. Pure: the clock and the secret are passed in.
//!
//! The header names the secret (`kid`, required); the caller looks the secret up, and that
//! secret belongs to exactly one tenant, so a platform can only ever sign for its own tenant.
//! Verified here: the header's `alg` is exactly `HS256` (no `none`, no algorithm confusion), the
//! signature (constant-time), `aud` (required, must be the Worker's audience), `exp` and `iat`
//! (both required; `exp - iat` at most [`MAX_LIFETIME_SECS`]), `nbf` and `iat` not in the future,
//! each with [`LEEWAY_SECS`] of clock skew.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use crate::crypto::{ct_eq, hmac_sha256};

/// Allowed clock skew.
pub const LEEWAY_SECS: u64 = 60;
/// Longest accepted token lifetime (`exp - iat`).
pub const MAX_LIFETIME_SECS: u64 = 3_600;
/// Shortest accepted signing secret, in bytes (HS256 wants at least the hash size).
pub const MIN_SECRET_LEN: usize = 32;
/// Longest token read (a header line of 8 KB is already generous).
pub const MAX_TOKEN_LEN: usize = 4_096;

/// `aud`: one audience or a list of them (RFC 7519 §4.1.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    /// One.
    One(String),
    /// Several.
    Many(Vec<String>),
}

impl Audience {
    fn contains(&self, aud: &str) -> bool {
        match self {
            Audience::One(a) => a == aud,
            Audience::Many(list) => list.iter().any(|a| a == aud),
        }
    }
}

/// The claims proseo reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user at the tenant's platform (used as the rate-limit bucket and audit actor).
    pub sub: String,
    /// The proseo tenant id: must be the tenant the signing secret belongs to.
    pub tenant_id: String,
    /// `owner`, `admin`, `editor` or `viewer`.
    pub role: String,
    /// Extra permissions on top of the role's.
    #[serde(default)]
    pub permissions: Vec<String>,
    /// The audience: must contain the Worker's (`JWT_AUDIENCE`, default `proseo`).
    pub aud: Audience,
    /// Expiry (seconds since the epoch).
    pub exp: u64,
    /// Issued at.
    pub iat: u64,
    /// Not before.
    #[serde(default)]
    pub nbf: Option<u64>,
}

/// Why a token is refused (`details.reason` of 401 `invalid_token`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtError {
    /// Not three base64url parts of JSON, or too long.
    Malformed,
    /// `alg` is not HS256.
    Algorithm,
    /// No `kid` in the header.
    MissingKid,
    /// The `kid` names no active secret.
    UnknownKid,
    /// Signature mismatch.
    Signature,
    /// Past `exp`.
    Expired,
    /// Before `nbf` or `iat`.
    NotYetValid,
    /// `exp - iat` longer than allowed.
    TooLong,
    /// `aud` does not name this service.
    Audience,
    /// `tenant_id` is not the tenant of the signing secret.
    TenantMismatch,
    /// Claims missing or of the wrong type.
    Claims,
}

impl JwtError {
    /// Stable reason string.
    pub fn reason(self) -> &'static str {
        match self {
            JwtError::Malformed => "malformed",
            JwtError::Algorithm => "unsupported_algorithm",
            JwtError::MissingKid => "missing_kid",
            JwtError::UnknownKid => "unknown_kid",
            JwtError::Signature => "bad_signature",
            JwtError::Expired => "expired",
            JwtError::NotYetValid => "not_yet_valid",
            JwtError::TooLong => "lifetime_too_long",
            JwtError::Audience => "wrong_audience",
            JwtError::TenantMismatch => "tenant_mismatch",
            JwtError::Claims => "invalid_claims",
        }
    }
}

/// Does `token` look like a JWT (three dot-separated parts)?
pub fn looks_like_jwt(token: &str) -> bool {
    token.split('.').count() == 3 && token.starts_with("eyJ")
}

#[derive(Deserialize)]
struct Header {
    alg: Option<String>,
    kid: Option<String>,
}

/// The `kid` of an HS256 token (checked before any secret is looked up).
pub fn kid(token: &str) -> Result<String, JwtError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(JwtError::Malformed);
    }
    let h = token.split('.').next().ok_or(JwtError::Malformed)?;
    let header: Header = decode_json(h)?;
    if header.alg.as_deref() != Some("HS256") {
        return Err(JwtError::Algorithm);
    }
    match header.kid {
        Some(k) if !k.is_empty() && k.len() <= 64 => Ok(k),
        _ => Err(JwtError::MissingKid),
    }
}

/// What a token is checked against.
#[derive(Debug, Clone, Copy)]
pub struct Expect<'a> {
    /// The signing secret its `kid` names.
    pub secret: &'a [u8],
    /// The tenant that secret belongs to.
    pub tenant_id: &'a str,
    /// The audience it must name.
    pub audience: &'a str,
    /// Now, seconds since the epoch.
    pub now: u64,
}

/// Verifies `token` against `expect`.
pub fn verify(token: &str, expect: &Expect<'_>) -> Result<Claims, JwtError> {
    kid(token)?;
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Malformed);
    };
    let sig = URL_SAFE_NO_PAD.decode(s).map_err(|_| JwtError::Malformed)?;
    let signing_input = &token[..h.len() + 1 + p.len()];
    if !ct_eq(&hmac_sha256(expect.secret, signing_input.as_bytes()), &sig) {
        return Err(JwtError::Signature);
    }
    let claims: Claims = decode_json(p).map_err(|e| match e {
        JwtError::Malformed => JwtError::Claims,
        other => other,
    })?;
    if claims.tenant_id != expect.tenant_id {
        return Err(JwtError::TenantMismatch);
    }
    if !claims.aud.contains(expect.audience) {
        return Err(JwtError::Audience);
    }
    if expect.now >= claims.exp.saturating_add(LEEWAY_SECS) {
        return Err(JwtError::Expired);
    }
    if claims.exp.saturating_sub(claims.iat) > MAX_LIFETIME_SECS {
        return Err(JwtError::TooLong);
    }
    if claims
        .nbf
        .into_iter()
        .chain([claims.iat])
        .any(|t| t > expect.now.saturating_add(LEEWAY_SECS))
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

/// Signs claims with `kid` (used by tests and by tenants' own tooling examples).
pub fn sign(claims: &serde_json::Value, kid: &str, secret: &[u8]) -> String {
    let h = URL_SAFE_NO_PAD
        .encode(serde_json::json!({"alg": "HS256", "typ": "JWT", "kid": kid}).to_string());
    let p = URL_SAFE_NO_PAD.encode(claims.to_string());
    let input = format!("{h}.{p}");
    let sig = URL_SAFE_NO_PAD.encode(hmac_sha256(secret, input.as_bytes()));
    format!("{input}.{sig}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SECRET: &[u8] = b"tenant-platform-secret-of-32-bytes!!";

    fn expect(now: u64) -> Expect<'static> {
        Expect {
            secret: SECRET,
            tenant_id: "tnt_1",
            audience: "proseo",
            now,
        }
    }

    fn claims(exp: u64) -> serde_json::Value {
        json!({"sub": "u1", "tenant_id": "tnt_1", "role": "editor", "aud": "proseo", "exp": exp, "iat": 1000})
    }

    #[test]
    fn valid_token() {
        let t = sign(&claims(2000), "k1", SECRET);
        assert!(looks_like_jwt(&t));
        assert_eq!(kid(&t).unwrap(), "k1");
        let c = verify(&t, &expect(1500)).unwrap();
        assert_eq!(c.tenant_id, "tnt_1");
        assert_eq!(c.role, "editor");
        assert!(c.permissions.is_empty());
        let many = sign(
            &json!({"sub": "u1", "tenant_id": "tnt_1", "role": "viewer", "aud": ["x", "proseo"], "exp": 2000, "iat": 1000}),
            "k1",
            SECRET,
        );
        assert!(verify(&many, &expect(1500)).is_ok());
    }

    #[test]
    fn refusals() {
        let t = sign(&claims(2000), "k1", SECRET);
        let other = Expect {
            secret: b"other-secret-other-secret-other-secret",
            ..expect(1500)
        };
        assert_eq!(verify(&t, &other), Err(JwtError::Signature));
        // The secret of tenant 1 cannot vouch for tenant 2, even with a valid signature.
        let t2 = sign(
            &json!({"sub": "u1", "tenant_id": "tnt_2", "role": "owner", "aud": "proseo", "exp": 2000, "iat": 1000}),
            "k1",
            SECRET,
        );
        assert_eq!(verify(&t2, &expect(1500)), Err(JwtError::TenantMismatch));
        assert_eq!(
            verify(&t, &expect(2000 + LEEWAY_SECS)),
            Err(JwtError::Expired)
        );
        assert!(verify(&t, &expect(2000 + LEEWAY_SECS - 1)).is_ok());
        let future = sign(
            &json!({"sub": "u", "tenant_id": "tnt_1", "role": "viewer", "aud": "proseo", "exp": 9000, "iat": 8000, "nbf": 8000}),
            "k1",
            SECRET,
        );
        assert_eq!(verify(&future, &expect(1000)), Err(JwtError::NotYetValid));
        let long = sign(
            &json!({"sub": "u", "tenant_id": "tnt_1", "role": "viewer", "aud": "proseo", "exp": 1000 + MAX_LIFETIME_SECS + 1, "iat": 1000}),
            "k1",
            SECRET,
        );
        assert_eq!(verify(&long, &expect(1500)), Err(JwtError::TooLong));
        for missing in ["exp", "iat", "aud"] {
            let mut c = claims(2000);
            c.as_object_mut().unwrap().remove(missing);
            assert_eq!(
                verify(&sign(&c, "k1", SECRET), &expect(1500)),
                Err(JwtError::Claims),
                "{missing}"
            );
        }
        let mut c = claims(2000);
        c["aud"] = json!("someone-else");
        assert_eq!(
            verify(&sign(&c, "k1", SECRET), &expect(1500)),
            Err(JwtError::Audience)
        );
        assert_eq!(verify("a.b", &expect(1)), Err(JwtError::Malformed));
        // alg=none with an empty signature is refused before any signature check.
        let none_h = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","kid":"k1"}"#);
        let p = URL_SAFE_NO_PAD.encode(claims(2000).to_string());
        assert_eq!(kid(&format!("{none_h}.{p}.")), Err(JwtError::Algorithm));
        // No kid: refused before any lookup.
        let no_kid = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256"}"#);
        assert_eq!(kid(&format!("{no_kid}.{p}.x")), Err(JwtError::MissingKid));
        // A tampered payload fails the signature.
        let mut parts: Vec<&str> = t.split('.').collect();
        let evil = URL_SAFE_NO_PAD.encode(
            json!({"sub": "u1", "tenant_id": "tnt_1", "role": "owner", "aud": "proseo", "exp": 2000, "iat": 1000}).to_string(),
        );
        parts[1] = &evil;
        assert_eq!(
            verify(&parts.join("."), &expect(1500)),
            Err(JwtError::Signature)
        );
        assert_eq!(
            kid(&"a".repeat(MAX_TOKEN_LEN + 1)),
            Err(JwtError::Malformed)
        );
    }
}
