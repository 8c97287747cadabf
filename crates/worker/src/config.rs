//! The Worker's vars and secrets, read in one place, with the minimum strength every secret
//! must have. A secret that is missing or too short disables what depends on it (and `/health`
//! says so) instead of being used weak.

use worker::Env;

use crate::jobs::outbox::{SweepConfig, DEFAULT_STALL_MS, DEFAULT_WINDOW};

/// Shortest accepted `ADMIN_TOKEN` and `ENCRYPTION_KEY`, in bytes (256 bits of base64url
/// randomness is 43 characters; 32 is the floor).
pub const MIN_SECRET_LEN: usize = 32;

/// A secret or var as a string, `None` when unset or empty.
pub fn env_string(env: &Env, name: &str) -> Option<String> {
    env.secret(name)
        .map(|s| s.to_string())
        .or_else(|_| env.var(name).map(|v| v.to_string()))
        .ok()
        .filter(|s| !s.is_empty())
}

/// Is `secret` strong enough to use?
pub fn strong(secret: &str) -> bool {
    secret.len() >= MIN_SECRET_LEN
}

fn secret(env: &Env, name: &str) -> Option<String> {
    let s = env_string(env, name)?;
    if strong(&s) {
        Some(s)
    } else {
        crate::log::error(
            "config",
            &format!("{name} is shorter than {MIN_SECRET_LEN} bytes: refusing to use it"),
        );
        None
    }
}

/// `ADMIN_TOKEN`, if set and strong.
pub fn admin_token(env: &Env) -> Option<String> {
    secret(env, "ADMIN_TOKEN")
}

/// `ENCRYPTION_KEY`, if set and strong.
pub fn encryption_key(env: &Env) -> Option<String> {
    secret(env, "ENCRYPTION_KEY")
}

/// Problems with the configuration (for `/health`): names of missing or weak secrets.
pub fn problems(env: &Env) -> Vec<&'static str> {
    ["ADMIN_TOKEN", "ENCRYPTION_KEY"]
        .into_iter()
        .filter(|n| env_string(env, n).is_none_or(|s| !strong(&s)))
        .collect()
}

fn number<T: std::str::FromStr>(env: &Env, name: &str) -> Option<T> {
    env_string(env, name).and_then(|s| s.parse().ok())
}

/// `RETRY_BASE_SECONDS`: the first retry delay (default 10).
pub fn retry_base_secs(env: &Env) -> u32 {
    number(env, "RETRY_BASE_SECONDS").unwrap_or(10)
}

/// `MAX_ATTEMPTS`: deliveries per generation before an item fails (default 4).
pub fn max_tries(env: &Env) -> i64 {
    number(env, "MAX_ATTEMPTS").unwrap_or(4)
}

/// `DISPATCH_WINDOW` (live messages per job) and `STALL_SECONDS` (no progress for this long
/// = look for lost messages).
pub fn sweep(env: &Env) -> SweepConfig {
    SweepConfig {
        window: number(env, "DISPATCH_WINDOW")
            .filter(|w| (1..=1000).contains(w))
            .unwrap_or(DEFAULT_WINDOW),
        stall_ms: number::<i64>(env, "STALL_SECONDS")
            .filter(|s| (5..=3600).contains(s))
            .map_or(DEFAULT_STALL_MS, |s| s * 1000),
    }
}

/// `JWT_AUDIENCE`: the `aud` every tenant token must carry (default `proseo`).
pub fn jwt_audience(env: &Env) -> String {
    env_string(env, "JWT_AUDIENCE").unwrap_or_else(|| "proseo".to_owned())
}
