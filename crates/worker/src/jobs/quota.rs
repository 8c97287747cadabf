//! The monthly generation quota, reserved atomically when work is accepted.
//!
//! A tenant's standing in a month is `used + reserved ≤ limit`, where
//! - `used` = usage rows of the month (one per successful generation),
//! - `reserved` = job items holding a reservation of the month (`job_items.quota_month`), plus
//!   the part of a job still being created (`jobs.open_holds`), plus `POST /generate` calls in
//!   flight (`quota_holds` rows not yet expired).
//!
//! Every reservation is one guarded statement (an `INSERT … SELECT … WHERE <guard>` or an
//! `UPDATE … WHERE <guard>`) whose guard recomputes that sum: SQLite runs a statement
//! atomically and D1 serializes writes, so two concurrent requests cannot both pass a guard
//! that only one of them fits under. The holds are durable rows, never a counter, so nothing
//! leaks when a request or a consumer dies: a job item's hold goes with the item (released on
//! commit, failure, cancel and delete), a creation's with its unready job (the sweeper deletes
//! it), a `/generate` hold expires.

use serde::Deserialize;

use crate::args;
use crate::db::{Db, DbError};

/// How long a `POST /generate` reservation lives if its request dies without releasing it.
pub const GENERATE_HOLD_MS: i64 = 15 * 60_000;

/// The guard: true when `n` more generations fit in month `m` for tenant `t` at time `now`,
/// or when the tenant has no limit, or when `n` is 0. The arguments are the numbers of the
/// statement's bound parameters (`?N`) that carry each value.
pub fn guard_sql(t: u8, m: u8, now: u8, n: u8) -> String {
    format!(
        "(?{n} = 0 OR (SELECT monthly_generations FROM tenants WHERE id = ?{t}) IS NULL OR \
         (SELECT COUNT(*) FROM usage_events WHERE tenant_id = ?{t} AND month = ?{m}) \
         + (SELECT COUNT(*) FROM job_items WHERE tenant_id = ?{t} AND quota_month = ?{m}) \
         + (SELECT COALESCE(SUM(open_holds), 0) FROM jobs WHERE tenant_id = ?{t} AND quota_month = ?{m} AND open_holds > 0) \
         + (SELECT COUNT(*) FROM quota_holds WHERE tenant_id = ?{t} AND month = ?{m} AND expires_at > ?{now}) \
         + ?{n} <= (SELECT monthly_generations FROM tenants WHERE id = ?{t}))"
    )
}

/// A tenant's quota in a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Standing {
    /// The monthly limit (`None` = unlimited).
    pub limit: Option<i64>,
    /// Generations billed.
    pub used: i64,
    /// Generations accepted and not finished.
    pub reserved: i64,
}

impl Standing {
    /// What is left (`None` = unlimited).
    pub fn remaining(&self) -> Option<i64> {
        self.limit.map(|l| (l - self.used - self.reserved).max(0))
    }
}

/// The standing of `tenant` in `month` at `now`.
pub async fn standing(db: &Db, tenant: &str, month: &str, now: i64) -> Result<Standing, DbError> {
    let s: Option<Standing> = db
        .first(
            "SELECT (SELECT monthly_generations FROM tenants WHERE id = ?1) AS \"limit\", \
             (SELECT COUNT(*) FROM usage_events WHERE tenant_id = ?1 AND month = ?2) AS used, \
             (SELECT COUNT(*) FROM job_items WHERE tenant_id = ?1 AND quota_month = ?2) \
             + (SELECT COALESCE(SUM(open_holds), 0) FROM jobs WHERE tenant_id = ?1 AND quota_month = ?2 AND open_holds > 0) \
             + (SELECT COUNT(*) FROM quota_holds WHERE tenant_id = ?1 AND month = ?2 AND expires_at > ?3) AS reserved",
            &args![tenant, month, now],
        )
        .await?;
    Ok(s.unwrap_or(Standing {
        limit: None,
        used: 0,
        reserved: 0,
    }))
}

/// A `POST /generate` reservation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    /// Row id.
    pub id: String,
    /// The month it counts in.
    pub month: String,
}

/// Reserves one generation for a `POST /generate` call; `None` when it does not fit.
pub async fn hold_one(
    db: &Db,
    tenant: &str,
    month: &str,
    now: i64,
) -> Result<Option<Hold>, DbError> {
    let id = crate::ids::id("qh")?;
    let changed = db
        .run(
            &format!(
                "INSERT INTO quota_holds (id, tenant_id, month, expires_at, created_at) \
                 SELECT ?5, ?1, ?2, ?6, ?3 WHERE {}",
                guard_sql(1, 2, 3, 4)
            ),
            &args![tenant, month, now, 1i64, &id, now + GENERATE_HOLD_MS],
        )
        .await?;
    Ok((changed == 1).then(|| Hold {
        id,
        month: month.to_owned(),
    }))
}

/// What one successful generation cost.
#[derive(Debug, Clone)]
pub struct Bill<'a> {
    /// Provider type.
    pub provider: &'a str,
    /// Model.
    pub model: &'a str,
    /// Prompt tokens.
    pub input_tokens: u32,
    /// Completion tokens.
    pub output_tokens: u32,
    /// Micro-USD.
    pub cost_micros: i64,
}

/// Bills a `POST /generate` call and drops its hold, in one transaction.
pub async fn settle(
    db: &Db,
    tenant: &str,
    hold: &Hold,
    bill: &Bill<'_>,
    now: i64,
) -> Result<(), DbError> {
    db.batch(vec![
        db.stmt(
            "INSERT INTO usage_events (tenant_id, month, kind, item_id, claim_token, provider, model, input_tokens, output_tokens, cost_micros, created_at) \
             VALUES (?, ?, 'generate', NULL, NULL, ?, ?, ?, ?, ?, ?)",
            &args![tenant, &hold.month, bill.provider, bill.model, bill.input_tokens, bill.output_tokens, bill.cost_micros, now],
        )?,
        db.stmt("DELETE FROM quota_holds WHERE id = ?", &args![&hold.id])?,
    ])
    .await?;
    Ok(())
}

/// Drops a hold whose generation failed.
pub async fn release(db: &Db, hold: &Hold) -> Result<(), DbError> {
    db.run("DELETE FROM quota_holds WHERE id = ?", &args![&hold.id])
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard_numbers_its_parameters() {
        let g = guard_sql(1, 2, 3, 4);
        assert!(g.starts_with("(?4 = 0 OR"));
        assert_eq!(g.matches("?1").count(), 6);
        assert_eq!(g.matches("?2").count(), 4);
        assert_eq!(g.matches("?3").count(), 1);
        assert!(!g.contains("?5"));
        let s = Standing {
            limit: Some(10),
            used: 7,
            reserved: 5,
        };
        assert_eq!(s.remaining(), Some(0));
    }
}
