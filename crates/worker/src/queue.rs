//! The job consumer. At-least-once delivery is made exactly-once in effect:
//!
//! 1. **Claim** with a guarded update (`pending → generating`, or a `generating` item whose
//!    lease expired) stamping a fresh claim token. A duplicate message finds nothing to claim:
//!    it is acked if the item is finished, or retried after the lease if another run holds it.
//! 2. **Generate** outside any transaction (the provider call).
//! 3. **Commit** in one D1 batch (a transaction): the usage row (unique per claim token, and only
//!    if the claim is still ours), the item update guarded by the claim token, and the job's
//!    counters recomputed from its items. So a message never generates or bills twice, and the
//!    counters are exact after every commit.
//!
//! Transient provider failures put the item back to `pending` and retry the message with
//! exponential delay; permanent ones, or more than `MAX_ATTEMPTS` deliveries, mark it `failed`.
//! The dead-letter queue's consumer marks whatever the queue gave up on as failed.

use serde::Deserialize;
use serde_json::{json, Value};
use worker::{Env, MessageBatch, MessageExt, QueueRetryOptionsBuilder};

use crate::db::Db;
use crate::generate::{self, GenError, Spec};
use crate::handlers::jobs::{recount, ItemMessage};
use crate::handlers::provider_for;
use crate::providers::{Provider, ProviderError};
use crate::{args, env_string, ids, log, time};

/// How long a claim protects an item from a concurrent delivery.
pub const LEASE_MS: i64 = 10 * 60_000;
/// Largest retry delay.
pub const MAX_DELAY_SECS: u32 = 900;

/// What to do with a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Done (or nothing to do).
    Ack,
    /// Try again after this many seconds.
    Retry(u32),
}

/// Exponential backoff: `base · 2^(tries-1)`, capped.
pub fn backoff(base_secs: u32, tries: u32) -> u32 {
    let exp = tries.saturating_sub(1).min(20);
    base_secs
        .max(1)
        .saturating_mul(1u32 << exp)
        .min(MAX_DELAY_SECS)
}

/// Consumes a batch from `proseo-jobs` or its dead-letter queue.
pub async fn consume(batch: MessageBatch<Value>, env: &Env) -> worker::Result<()> {
    let dlq = batch.queue().ends_with("-dlq");
    let db = Db(env.d1("DB")?);
    let messages = batch.messages()?;
    let work = messages.iter().map(|m| async {
        let started = worker::Date::now().as_millis();
        let now = i64::try_from(started).unwrap_or(i64::MAX);
        let mut fields = log::Fields::default();
        fields.set("queue", if dlq { "dlq" } else { "jobs" });
        fields.set("message_id", m.id());
        let verdict = match serde_json::from_value::<ItemMessage>(m.body().clone()) {
            Err(e) => {
                fields.set("error", format!("bad message body: {e}"));
                Verdict::Ack
            }
            Ok(msg) => {
                fields.set("tenant", msg.tenant_id.as_str());
                fields.set("job", msg.job_id.as_str());
                fields.set("item", msg.item_id.as_str());
                let r = if dlq {
                    dead_letter(&db, &msg, now).await
                } else {
                    process(&db, env, &msg, now, &mut fields).await
                };
                r.unwrap_or_else(|e| {
                    fields.set("error", e.0);
                    Verdict::Retry(backoff(base_delay(env), 1))
                })
            }
        };
        match verdict {
            Verdict::Ack => m.ack(),
            Verdict::Retry(secs) => m.retry_with_options(
                &QueueRetryOptionsBuilder::new()
                    .with_delay_seconds(secs)
                    .build(),
            ),
        }
        fields.set(
            "verdict",
            match verdict {
                Verdict::Ack => json!("ack"),
                Verdict::Retry(s) => json!({ "retry_in": s }),
            },
        );
        fields.set(
            "latency_ms",
            worker::Date::now().as_millis().saturating_sub(started),
        );
        log::emit("queue_message", fields);
    });
    futures_util::future::join_all(work).await;
    Ok(())
}

fn base_delay(env: &Env) -> u32 {
    env_string(env, "RETRY_BASE_SECONDS")
        .and_then(|s| s.parse().ok())
        .unwrap_or(10)
}

fn max_tries(env: &Env) -> i64 {
    env_string(env, "MAX_ATTEMPTS")
        .and_then(|s| s.parse().ok())
        .unwrap_or(4)
}

#[derive(Deserialize)]
struct Work {
    status: String,
    lease_until: Option<i64>,
    tries: i64,
    product: String,
    options_override: Option<String>,
    target_override: Option<i64>,
    job_options: String,
    channel: String,
    target_score: Option<i64>,
    max_attempts: i64,
}

async fn process(
    db: &Db,
    env: &Env,
    msg: &ItemMessage,
    now: i64,
    fields: &mut log::Fields,
) -> Result<Verdict, crate::db::DbError> {
    let token = ids::id("clm")?;
    let claimed = db
        .batch(vec![
            db.stmt(
                "UPDATE job_items SET status = 'generating', claim_token = ?, lease_until = ?, tries = tries + 1, updated_at = ? \
                 WHERE id = ? AND tenant_id = ? AND job_id = ? AND (status = 'pending' OR (status = 'generating' AND lease_until < ?))",
                &args![&token, now + LEASE_MS, now, &msg.item_id, &msg.tenant_id, &msg.job_id, now],
            )?,
            db.stmt(
                "UPDATE jobs SET status = 'running', started_at = COALESCE(started_at, ?) WHERE id = ? AND tenant_id = ? AND status = 'queued'",
                &args![now, &msg.job_id, &msg.tenant_id],
            )?,
        ])
        .await?;
    let w: Option<Work> = db
        .first(
            "SELECT i.status, i.lease_until, i.tries, i.product, i.options_override, i.target_override, \
             j.options AS job_options, j.channel, j.target_score, j.max_attempts \
             FROM job_items i JOIN jobs j ON j.id = i.job_id WHERE i.id = ? AND i.tenant_id = ?",
            &args![&msg.item_id, &msg.tenant_id],
        )
        .await?;
    let Some(w) = w else {
        fields.set("outcome", "gone");
        return Ok(Verdict::Ack); // job deleted
    };
    if claimed.first().copied().unwrap_or(0) == 0 {
        if w.status == "generating" {
            // Another delivery holds it: look again when its lease ends.
            let wait = ((w.lease_until.unwrap_or(now) - now) / 1000 + 1)
                .clamp(1, i64::from(MAX_DELAY_SECS));
            fields.set("outcome", "leased");
            return Ok(Verdict::Retry(
                u32::try_from(wait).unwrap_or(MAX_DELAY_SECS),
            ));
        }
        fields.set("outcome", "duplicate");
        return Ok(Verdict::Ack);
    }
    match run_claimed(db, env, msg, now, fields, &token, &w).await {
        Ok(verdict) => Ok(verdict),
        Err(e) => {
            // The commit failed (D1 trouble): release the claim so the retry can take the item
            // at once instead of waiting for the lease. Best effort: if this fails too, the
            // lease expires and the next delivery claims it.
            let _ = db
                .run(
                    "UPDATE job_items SET status = 'pending', claim_token = NULL, lease_until = NULL, updated_at = ? \
                     WHERE id = ? AND claim_token = ?",
                    &args![now, &msg.item_id, &token],
                )
                .await;
            Err(e)
        }
    }
}

/// Generates a claimed item and commits the outcome (guarded by the claim `token`).
async fn run_claimed(
    db: &Db,
    env: &Env,
    msg: &ItemMessage,
    now: i64,
    fields: &mut log::Fields,
    token: &str,
    w: &Work,
) -> Result<Verdict, crate::db::DbError> {
    let options: proseo_core::prompt::PromptOptions =
        serde_json::from_str(w.options_override.as_deref().unwrap_or(&w.job_options))
            .unwrap_or_default();
    let product: proseo_core::product::Product =
        serde_json::from_str(&w.product).unwrap_or_default();
    let channel = proseo_core::validate::Channel::parse(&w.channel)
        .unwrap_or(proseo_core::validate::Channel::Woocommerce);
    let provider = match provider_for(
        db,
        env_string(env, "ENCRYPTION_KEY").as_deref(),
        &msg.tenant_id,
        None,
    )
    .await
    {
        Ok(p) => p,
        Err(e) => return fail(db, msg, token, now, &e.code, &e.message, 0, fields).await,
    };
    let info = provider.info();
    fields.set("provider", info.kind.as_str());
    fields.set("model", info.model.as_str());
    let spec = Spec {
        product: &product,
        options: &options,
        channel,
        target_score: w
            .target_override
            .or(w.target_score)
            .and_then(|t| u8::try_from(t).ok()),
        max_attempts: u8::try_from(w.max_attempts).unwrap_or(3),
    };
    match generate::run(&provider, &spec).await {
        Ok(out) => {
            fields.set("outcome", "generated");
            fields.set("input_tokens", out.input_tokens);
            fields.set("output_tokens", out.output_tokens);
            fields.set("score", out.score);
            let mut stmts = vec![
                db.stmt(
                    "INSERT INTO usage_events (tenant_id, month, kind, item_id, claim_token, provider, model, input_tokens, output_tokens, cost_micros, created_at) \
                     SELECT ?, ?, 'job_item', ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM job_items WHERE id = ? AND claim_token = ? AND status = 'generating') \
                     ON CONFLICT (claim_token) DO NOTHING",
                    &args![&msg.tenant_id, time::month(now), &msg.item_id, token, &info.kind, &info.model, out.input_tokens, out.output_tokens, out.cost_micros, now, &msg.item_id, token],
                )?,
                db.stmt(
                    "UPDATE job_items SET status = 'generated', content = ?, analysis = ?, score = ?, seo_score = ?, readability_score = ?, \
                     provider = ?, model = ?, input_tokens = input_tokens + ?, output_tokens = output_tokens + ?, cost_micros = cost_micros + ?, \
                     attempts = attempts + ?, error_code = ?, error_message = ?, claim_token = NULL, lease_until = NULL, updated_at = ? \
                     WHERE id = ? AND claim_token = ?",
                    &args![
                        json!(out.content).to_string(), json!(out.analysis).to_string(), out.score, out.analysis.seo.score, out.analysis.readability.score,
                        &info.kind, &info.model, out.input_tokens, out.output_tokens, out.cost_micros,
                        out.attempts, out.last_error.as_ref().map(|e| e.code().to_owned()), out.last_error.as_ref().map(ProviderError::message), now,
                        &msg.item_id, token
                    ],
                )?,
            ];
            stmts.extend(recount(db, now, &msg.job_id, &msg.tenant_id)?);
            db.batch(stmts).await?;
            Ok(Verdict::Ack)
        }
        Err(GenError::Prompt(e)) => {
            use proseo_core::error::ErrorCode;
            fail(db, msg, token, now, e.code(), &e.to_string(), 0, fields).await
        }
        Err(GenError::Provider { error, attempts }) => {
            fields.set("provider_error", error.message());
            if error.retryable() && w.tries < max_tries(env) {
                fields.set("outcome", "retry");
                db.run(
                    "UPDATE job_items SET status = 'pending', error_code = ?, error_message = ?, attempts = attempts + ?, claim_token = NULL, lease_until = NULL, updated_at = ? \
                     WHERE id = ? AND claim_token = ?",
                    &args![error.code().to_owned(), error.message(), attempts, now, &msg.item_id, token],
                )
                .await?;
                let tries = u32::try_from(w.tries).unwrap_or(1);
                Ok(Verdict::Retry(backoff(base_delay(env), tries)))
            } else {
                fail(
                    db,
                    msg,
                    token,
                    now,
                    error.code(),
                    &error.message(),
                    attempts,
                    fields,
                )
                .await
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn fail(
    db: &Db,
    msg: &ItemMessage,
    token: &str,
    now: i64,
    code: &str,
    message: &str,
    attempts: u8,
    fields: &mut log::Fields,
) -> Result<Verdict, crate::db::DbError> {
    fields.set("outcome", "failed");
    let mut stmts = vec![db.stmt(
        "UPDATE job_items SET status = 'failed', error_code = ?, error_message = ?, attempts = attempts + ?, claim_token = NULL, lease_until = NULL, updated_at = ? \
         WHERE id = ? AND claim_token = ?",
        &args![code, message, attempts, now, &msg.item_id, token],
    )?];
    stmts.extend(recount(db, now, &msg.job_id, &msg.tenant_id)?);
    db.batch(stmts).await?;
    Ok(Verdict::Ack)
}

/// The dead-letter consumer: the queue gave up on this message, so the item fails (unless it
/// finished meanwhile).
async fn dead_letter(db: &Db, msg: &ItemMessage, now: i64) -> Result<Verdict, crate::db::DbError> {
    let mut stmts = vec![db.stmt(
        "UPDATE job_items SET status = 'failed', error_code = 'dead_letter', \
         error_message = COALESCE(error_message, '') || CASE WHEN error_message IS NULL THEN '' ELSE ' — ' END || 'the queue gave up delivering this item', \
         claim_token = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND tenant_id = ? AND status IN ('pending', 'generating')",
        &args![now, &msg.item_id, &msg.tenant_id],
    )?];
    stmts.extend(recount(db, now, &msg.job_id, &msg.tenant_id)?);
    db.batch(stmts).await?;
    Ok(Verdict::Ack)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!(backoff(10, 1), 10);
        assert_eq!(backoff(10, 2), 20);
        assert_eq!(backoff(10, 4), 80);
        assert_eq!(backoff(10, 30), MAX_DELAY_SECS);
        assert_eq!(backoff(0, 1), 1);
    }
}
