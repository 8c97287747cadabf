//! Hashing, key derivation and authenticated encryption. Pure: randomness is passed in.
//!
//! - API keys are stored as SHA-256 hex digests ([`sha256_hex`]); the key itself is shown once.
//! - Integration credentials are sealed with AES-256-GCM under a per-tenant key derived with
//!   HKDF-SHA256 from the Worker secret `ENCRYPTION_KEY` (salt `proseo/v1/credentials`, info =
//!   the tenant id), and the tenant id as associated data, so a row copied to another tenant
//!   does not decrypt. Stored form: `v1.` + base64url(nonce ‖ ciphertext+tag).

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

const SALT: &[u8] = b"proseo/v1/credentials";
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Why a sealed value does not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CryptoError {
    /// Not in the `v1.` + base64url form.
    Malformed,
    /// Wrong key, wrong tenant, or tampered data.
    Unauthentic,
}

/// Lowercase hex SHA-256 of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// Base62 text from random bytes, one character per byte (rejection-free: `b % 62` has a tiny
/// bias that is irrelevant with 40 characters of key).
pub fn base62(random: &[u8]) -> String {
    random
        .iter()
        .map(|b| char::from(BASE62[usize::from(*b) % 62]))
        .collect()
}

/// HMAC-SHA256 of `data` under `key`.
pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail.
    let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => return [0; 32],
    };
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// Constant-time equality (for tokens and signatures).
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn tenant_cipher(master: &[u8], tenant_id: &str) -> Aes256Gcm {
    let hk = Hkdf::<Sha256>::new(Some(SALT), master);
    let mut key = [0u8; 32];
    // 32 bytes is far below HKDF-SHA256's 8160-byte output limit: `expand` cannot fail.
    let _ = hk.expand(tenant_id.as_bytes(), &mut key);
    Aes256Gcm::new(&key.into())
}

/// Encrypts `plaintext` for `tenant_id` with a caller-supplied random 96-bit `nonce`.
pub fn seal(master: &[u8], tenant_id: &str, nonce: [u8; 12], plaintext: &[u8]) -> String {
    let cipher = tenant_cipher(master, tenant_id);
    let payload = Payload {
        msg: plaintext,
        aad: tenant_id.as_bytes(),
    };
    // AES-GCM encryption only fails for messages over 64 GiB.
    let ct = cipher
        .encrypt(Nonce::from_slice(&nonce), payload)
        .unwrap_or_default();
    let mut out = Vec::with_capacity(12 + ct.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    format!("v1.{}", URL_SAFE_NO_PAD.encode(out))
}

/// Decrypts a value made by [`seal`] for the same tenant and master key.
pub fn open(master: &[u8], tenant_id: &str, sealed: &str) -> Result<Vec<u8>, CryptoError> {
    let b64 = sealed.strip_prefix("v1.").ok_or(CryptoError::Malformed)?;
    let raw = URL_SAFE_NO_PAD
        .decode(b64)
        .map_err(|_| CryptoError::Malformed)?;
    if raw.len() < 12 + 16 {
        return Err(CryptoError::Malformed);
    }
    let (nonce, ct) = raw.split_at(12);
    tenant_cipher(master, tenant_id)
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: ct,
                aad: tenant_id.as_bytes(),
            },
        )
        .map_err(|_| CryptoError::Unauthentic)
}

/// `sk-…wxyz`: enough of a secret to recognise it, never enough to use it.
pub fn hint(secret: &str) -> Option<String> {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() < 8 {
        return (!chars.is_empty()).then(|| "…".to_owned());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    Some(format!("{head}…{tail}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_known_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn hmac_rfc4231_case2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn seal_open_round_trip_and_binding() {
        let master = b"0123456789abcdef0123456789abcdef";
        let sealed = seal(master, "tnt_a", [7; 12], b"sk-secret");
        assert!(sealed.starts_with("v1."));
        assert!(!sealed.contains("secret"));
        assert_eq!(open(master, "tnt_a", &sealed).unwrap(), b"sk-secret");
        // Another tenant, another master key, or a flipped byte: refused.
        assert_eq!(
            open(master, "tnt_b", &sealed),
            Err(CryptoError::Unauthentic)
        );
        assert_eq!(
            open(b"another master key of 32 bytes!!", "tnt_a", &sealed),
            Err(CryptoError::Unauthentic)
        );
        let mut bytes = URL_SAFE_NO_PAD.decode(&sealed[3..]).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let tampered = format!("v1.{}", URL_SAFE_NO_PAD.encode(bytes));
        assert_eq!(
            open(master, "tnt_a", &tampered),
            Err(CryptoError::Unauthentic)
        );
        assert_eq!(open(master, "tnt_a", "v2.xx"), Err(CryptoError::Malformed));
        assert_eq!(
            open(master, "tnt_a", "v1.AAAA"),
            Err(CryptoError::Malformed)
        );
    }

    #[test]
    fn hints_and_eq() {
        assert_eq!(hint("sk-test-abcdefgh1234").as_deref(), Some("sk-…1234"));
        assert_eq!(hint("short").as_deref(), Some("…"));
        assert_eq!(hint(""), None);
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"ab"));
        assert_eq!(base62(&[0, 61, 62]), "0z0");
    }
}
