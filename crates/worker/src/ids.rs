//! Random identifiers and secrets, from the runtime's CSPRNG (`crypto.getRandomValues` on
//! Workers, via getrandom's `wasm_js` backend).

use crate::crypto::{base62, hex};

/// `n` random bytes. getrandom only fails when the platform has no entropy source at all,
/// which a Worker always has; the fallback keeps the signature panic-free.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    if getrandom::fill(&mut buf).is_err() {
        buf = [0u8; N];
    }
    buf
}

/// `<prefix>_<24 hex>` (96 random bits): resource ids.
pub fn id(prefix: &str) -> String {
    format!("{prefix}_{}", hex(&random_bytes::<12>()))
}

/// A new API key: `psk_` + 40 base62 characters (≈ 238 bits).
pub fn api_key() -> String {
    format!("psk_{}", base62(&random_bytes::<40>()))
}

/// A 96-bit AES-GCM nonce.
pub fn nonce() -> [u8; 12] {
    random_bytes::<12>()
}
