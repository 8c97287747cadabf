//! Random identifiers and secrets, from the runtime's CSPRNG (`crypto.getRandomValues` on
//! Workers, via getrandom's `wasm_js` backend).

use crate::crypto::{base62, hex};

/// The runtime has no entropy source. Never expected on Workers; if it happens, nothing that
/// needs an id or a secret proceeds (a constant fallback would make API keys and nonces
/// predictable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoRandomness;

impl From<NoRandomness> for crate::api::ApiError {
    fn from(_: NoRandomness) -> Self {
        crate::log::error("random", "getrandom failed");
        crate::api::ApiError::internal()
    }
}

impl From<NoRandomness> for crate::db::DbError {
    fn from(_: NoRandomness) -> Self {
        crate::db::DbError("getrandom failed".to_owned())
    }
}

/// `N` random bytes.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], NoRandomness> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).map_err(|_| NoRandomness)?;
    Ok(buf)
}

/// `<prefix>_<24 hex>` (96 random bits): resource ids.
pub fn id(prefix: &str) -> Result<String, NoRandomness> {
    Ok(format!("{prefix}_{}", hex(&random_bytes::<12>()?)))
}

/// A new API key: `psk_` + 40 base62 characters (≈ 238 bits).
pub fn api_key() -> Result<String, NoRandomness> {
    Ok(format!("psk_{}", base62(&random_bytes::<40>()?)))
}

/// A 96-bit AES-GCM nonce.
pub fn nonce() -> Result<[u8; 12], NoRandomness> {
    random_bytes::<12>()
}
