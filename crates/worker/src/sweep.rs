//! Expiry of the Worker's bookkeeping rows, run by the sweeper next to the job outbox's
//! recovery ([`crate::jobs::outbox::sweep`]): rate-limit windows, idempotency records and
//! `POST /generate` reservations that outlived their request, webhook deliveries past their
//! idempotency window.

use serde::Serialize;

use crate::args;
use crate::db::{Db, DbError};

/// Rate-limit windows older than this are gone (the current and the previous minute stay).
const RATE_WINDOW_KEEP_MS: i64 = 2 * 60_000;
/// Rows deleted per table per sweep at most.
const LIMIT: u32 = 5_000;

/// What was deleted.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Expired {
    /// Rate-limit windows.
    pub rate_limits: usize,
    /// Idempotency records.
    pub idempotency_keys: usize,
    /// Abandoned `/generate` reservations.
    pub quota_holds: usize,
    /// Webhook deliveries past their idempotency window.
    pub webhook_deliveries: usize,
}

/// Deletes expired rows (bounded per sweep; the next sweep takes the rest).
pub async fn expired_rows(db: &Db, now: i64) -> Result<Expired, DbError> {
    let changed = db
        .batch(vec![
            db.stmt(
                "DELETE FROM rate_limits WHERE rowid IN (SELECT rowid FROM rate_limits WHERE window_start < ? LIMIT ?)",
                &args![now - RATE_WINDOW_KEEP_MS, LIMIT],
            )?,
            db.stmt(
                "DELETE FROM idempotency_keys WHERE rowid IN (SELECT rowid FROM idempotency_keys WHERE expires_at < ? LIMIT ?)",
                &args![now, LIMIT],
            )?,
            db.stmt(
                "DELETE FROM quota_holds WHERE rowid IN (SELECT rowid FROM quota_holds WHERE expires_at < ? LIMIT ?)",
                &args![now, LIMIT],
            )?,
            db.stmt(
                "DELETE FROM webhook_deliveries WHERE rowid IN (SELECT rowid FROM webhook_deliveries WHERE expires_at < ? LIMIT ?)",
                &args![now, LIMIT],
            )?,
        ])
        .await?;
    Ok(Expired {
        rate_limits: changed.first().copied().unwrap_or(0),
        idempotency_keys: changed.get(1).copied().unwrap_or(0),
        quota_holds: changed.get(2).copied().unwrap_or(0),
        webhook_deliveries: changed.get(3).copied().unwrap_or(0),
    })
}
