//! The job consumer: one message = one item. The protocol (claim, lease, commit guarded by the
//! claim token, counters recomputed in the same transaction) lives in [`crate::jobs::run`]; this
//! file drives it: decode the stored item strictly, choose the provider, run the generation
//! pipeline under a budget that renews the lease before every provider call, commit or fail or
//! retry, then pump each job's outbox so the next items get their messages.
//!
//! Transient provider failures put the item back to `pending` and retry the message with
//! exponential delay; permanent ones, more than `MAX_ATTEMPTS` deliveries, or a stored row that
//! does not decode (`corrupt_item`) mark it `failed`. The dead-letter queue's consumer marks
//! whatever the queue gave up on as failed. This module never imports from the HTTP handlers.

use std::collections::BTreeSet;

use proseo_core::product::Product;
use proseo_core::prompt::PromptOptions;
use proseo_core::validate::Channel;
use serde_json::{json, Value};
use worker::{Env, MessageBatch, MessageExt, QueueRetryOptionsBuilder};

use crate::connectors::step::{StepVerdict, SyncMessage};
use crate::db::{Db, DbError};
use crate::generate::{self, Budget, GenError, Spec};
use crate::jobs::outbox::{self, SweepConfig};
use crate::jobs::quota::Bill;
use crate::jobs::run::{self, Claimed, Generated, Work};
use crate::jobs::ItemMessage;
use crate::providers::select::{provider_for, SelectError};
use crate::providers::Provider;
use crate::{config, connectors, log, time};

/// A run's time budget: no provider call starts later than this after the delivery began (a
/// queue consumer invocation may run 15 minutes of wall time).
pub const RUN_BUDGET_MS: i64 = 12 * 60_000;
/// A claim's lease beyond one provider call's timeout.
pub const LEASE_MARGIN_MS: i64 = 60_000;
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
    let jobs = std::cell::RefCell::new(BTreeSet::new());
    let work = messages.iter().map(|m| async {
        let started = worker::Date::now().as_millis();
        let now = i64::try_from(started).unwrap_or(i64::MAX);
        let mut fields = log::Fields::default();
        fields.set("queue", if dlq { "dlq" } else { "jobs" });
        fields.set("message_id", m.id());
        let body = m.body();
        let verdict = if body.get("sync_run").is_some() {
            sync_message(&db, env, body, dlq, now, &mut fields).await
        } else {
            match serde_json::from_value::<ItemMessage>(body.clone()) {
                Err(e) => {
                    fields.set("error", format!("bad message body: {e}"));
                    Verdict::Ack
                }
                Ok(msg) => {
                    fields.set("tenant", msg.tenant_id.as_str());
                    fields.set("job", msg.job_id.as_str());
                    fields.set("item", msg.item_id.as_str());
                    jobs.borrow_mut()
                        .insert((msg.tenant_id.clone(), msg.job_id.clone()));
                    let r = if dlq {
                        run::dead_letter(&db, &msg, now)
                            .await
                            .map(|()| Verdict::Ack)
                    } else {
                        process(&db, env, &msg, now, &mut fields).await
                    };
                    r.unwrap_or_else(|e| {
                        fields.set("error", e.0);
                        Verdict::Retry(backoff(config::retry_base_secs(env), 1))
                    })
                }
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
    // The next items of each job get their messages (the window frees as items finish).
    let cfg = config::sweep(env);
    let now = i64::try_from(worker::Date::now().as_millis()).unwrap_or(i64::MAX);
    for (tenant, job) in jobs.into_inner() {
        if let Err(e) = outbox::pump(&db, env, &tenant, &job, now, cfg.window).await {
            log::error("outbox_pump", &e.0);
        }
    }
    Ok(())
}

/// A sync run's step message (`crate::connectors::step`); from the dead-letter queue, the run
/// fails (the queue gave up on it).
async fn sync_message(
    db: &Db,
    env: &Env,
    body: &Value,
    dlq: bool,
    now: i64,
    fields: &mut log::Fields,
) -> Verdict {
    let msg = match serde_json::from_value::<SyncMessage>(body.clone()) {
        Ok(m) => m,
        Err(e) => {
            fields.set("error", format!("bad message body: {e}"));
            return Verdict::Ack;
        }
    };
    let r = if dlq {
        match connectors::runs::get(db, &msg.tenant_id, &msg.sync_run).await {
            Ok(Some(run)) => {
                let e = connectors::runs::RunErrorEntry {
                    code: "dead_letter".into(),
                    message: "the queue gave up delivering this run's step".into(),
                    external_id: None,
                    at: time::rfc3339(now),
                };
                connectors::runs::fail(db, &run, None, &e, None, now)
                    .await
                    .map(|()| Verdict::Ack)
            }
            Ok(None) => Ok(Verdict::Ack),
            Err(e) => Err(e),
        }
    } else {
        connectors::step::step(db, env, &msg, now, fields)
            .await
            .map(|v| match v {
                StepVerdict::Ack => Verdict::Ack,
                StepVerdict::Retry(s) => Verdict::Retry(s.min(MAX_DELAY_SECS)),
            })
    };
    r.unwrap_or_else(|e| {
        fields.set("error", e.0);
        Verdict::Retry(backoff(config::retry_base_secs(env), 1))
    })
}

async fn process(
    db: &Db,
    env: &Env,
    msg: &ItemMessage,
    now: i64,
    fields: &mut log::Fields,
) -> Result<Verdict, DbError> {
    let (token, work) = match run::claim(db, msg, now, LEASE_MARGIN_MS).await? {
        Claimed::Gone => {
            fields.set("outcome", "gone");
            return Ok(Verdict::Ack);
        }
        Claimed::No { status } => {
            // Finished, held by a live run, cancelled or without a reservation: a lost or
            // crashed run is the sweeper's to recover, not this duplicate's.
            fields.set("outcome", "duplicate");
            fields.set("status", status);
            return Ok(Verdict::Ack);
        }
        Claimed::Yes { token, work } => (token, work),
    };
    match run_claimed(db, env, msg, now, fields, &token, &work).await {
        Ok(verdict) => Ok(verdict),
        Err(e) => {
            run::release(db, msg, &token, now).await;
            Err(e)
        }
    }
}

/// A stored row that does not decode: the item fails with `corrupt_item` (never an empty
/// product generated and billed).
fn decode_work(w: &Work) -> Result<(Product, PromptOptions, Channel), String> {
    let product: Product =
        serde_json::from_str(&w.product).map_err(|e| format!("stored product: {e}"))?;
    let options: PromptOptions =
        serde_json::from_str(w.options_override.as_deref().unwrap_or(&w.job_options))
            .map_err(|e| format!("stored options: {e}"))?;
    let channel =
        Channel::parse(&w.channel).ok_or_else(|| format!("stored channel `{}`", w.channel))?;
    Ok((product, options, channel))
}

/// The consumer's budget: before every provider call it renews the claim's lease for one more
/// call (refused once the job is cancelled or the claim was reclaimed), and it refuses a call
/// that could not finish within [`RUN_BUDGET_MS`].
struct Lease<'a> {
    db: &'a Db,
    msg: &'a ItemMessage,
    token: &'a str,
    started: i64,
    call_ms: i64,
}

impl Budget for Lease<'_> {
    async fn may_attempt(&self, _attempt: u8) -> bool {
        let now = time::now_ms();
        if now + self.call_ms > self.started + RUN_BUDGET_MS {
            return false;
        }
        run::renew(
            self.db,
            self.msg,
            self.token,
            now,
            self.call_ms + LEASE_MARGIN_MS,
        )
        .await
        .unwrap_or(false)
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
) -> Result<Verdict, DbError> {
    let (product, options, channel) = match decode_work(w) {
        Ok(x) => x,
        Err(why) => {
            fields.set("outcome", "corrupt");
            run::fail(db, msg, token, now, "corrupt_item", &why, 0).await?;
            return Ok(Verdict::Ack);
        }
    };
    let provider = match provider_for(
        db,
        config::encryption_key(env).as_deref(),
        &msg.tenant_id,
        None,
    )
    .await
    {
        Ok(p) => p,
        Err(SelectError::Db(e)) => return Err(e),
        Err(e) => {
            let (code, message) = match e {
                SelectError::Corrupt(m) => ("corrupt_integration", m),
                SelectError::Config(m) => {
                    log::error("config", &m);
                    (
                        "internal_error",
                        "the service is misconfigured; the operator was told".to_owned(),
                    )
                }
                _ => ("not_found", "integration not found".to_owned()),
            };
            fields.set("outcome", "failed");
            run::fail(db, msg, token, now, code, &message, 0).await?;
            return Ok(Verdict::Ack);
        }
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
    let budget = Lease {
        db,
        msg,
        token,
        started: now,
        call_ms: i64::from(provider.timeout_ms()),
    };
    match generate::run(&provider, &spec, &budget).await {
        Ok(out) => {
            fields.set("outcome", "generated");
            fields.set("input_tokens", out.input_tokens);
            fields.set("output_tokens", out.output_tokens);
            fields.set("score", out.score);
            if out.unsafe_html {
                fields.set("unsafe_html", true);
            }
            let g = Generated {
                content: json!(out.content).to_string(),
                validation: json!(out.validation).to_string(),
                unsafe_html: out.unsafe_html,
                analysis: json!(out.analysis).to_string(),
                score: out.score,
                seo_score: out.analysis.seo.score,
                readability_score: out.analysis.readability.score,
                bill: Bill {
                    provider: &info.kind,
                    model: &info.model,
                    input_tokens: out.input_tokens,
                    output_tokens: out.output_tokens,
                    cost_micros: out.cost_micros,
                },
                attempts: out.attempts,
                last_error: out
                    .last_error
                    .as_ref()
                    .map(|e| (e.code().to_owned(), e.message())),
                keyphrase: generate::keyphrase(&product, &options),
                approve: w
                    .approve_min_score
                    .is_some_and(|m| i64::from(out.score) >= m),
            };
            run::commit(db, msg, token, time::now_ms(), &g).await?;
            Ok(Verdict::Ack)
        }
        Err(GenError::Prompt(e)) => {
            use proseo_core::error::ErrorCode;
            fields.set("outcome", "failed");
            run::fail(db, msg, token, time::now_ms(), e.code(), &e.to_string(), 0).await?;
            Ok(Verdict::Ack)
        }
        Err(GenError::LanguageMismatch { issue, attempts }) => {
            // Every attempt was in another language: the item fails with the code, nothing is
            // stored (a retry would ask the same model the same way).
            fields.set("outcome", "failed");
            fields.set("language_mismatch", true);
            run::fail(
                db,
                msg,
                token,
                time::now_ms(),
                &issue.code,
                &issue.message,
                attempts,
            )
            .await?;
            Ok(Verdict::Ack)
        }
        Err(GenError::Stopped) => {
            // Cancelled, reclaimed, or out of time before any call: give the claim back (a
            // cancelled job's item becomes `cancelled`); the sweeper resends what is pending.
            fields.set("outcome", "stopped");
            run::release(db, msg, token, time::now_ms()).await;
            Ok(Verdict::Ack)
        }
        Err(GenError::Provider { error, attempts }) => {
            fields.set("provider_error", error.message());
            let now = time::now_ms();
            if error.retryable() && w.tries < config::max_tries(env) {
                let tries = u32::try_from(w.tries).unwrap_or(1);
                let delay = backoff(config::retry_base_secs(env), tries);
                let pending = run::retry(
                    db,
                    msg,
                    token,
                    now,
                    error.code(),
                    &error.message(),
                    attempts,
                    now + i64::from(delay) * 1000,
                )
                .await?;
                fields.set("outcome", if pending { "retry" } else { "cancelled" });
                Ok(if pending {
                    Verdict::Retry(delay)
                } else {
                    Verdict::Ack
                })
            } else {
                fields.set("outcome", "failed");
                run::fail(
                    db,
                    msg,
                    token,
                    now,
                    error.code(),
                    &error.message(),
                    attempts,
                )
                .await?;
                Ok(Verdict::Ack)
            }
        }
    }
}

/// The Cron Trigger (and the dev ticker): recover lost work (job items, sync runs), start the
/// stores' scheduled pulls, and sweep expired rows.
pub async fn scheduled(env: &Env) -> Result<(), DbError> {
    let db = Db(env.d1("DB")?);
    let now = time::now_ms();
    let cfg: SweepConfig = config::sweep(env);
    let swept = outbox::sweep(&db, env, now, cfg, None).await?;
    let (resent, started) = connectors::step::schedule(&db, env, now, cfg.stall_ms).await?;
    let expired = crate::sweep::expired_rows(&db, now).await?;
    let signed = crate::catalog::store::backfill_signatures(&db).await?;
    let mut fields = log::Fields::default();
    fields.set("signed", signed);
    fields.set("jobs", json!(swept));
    fields.set("syncs", json!({ "resent": resent, "started": started }));
    fields.set("expired", json!(expired));
    log::emit("sweep", fields);
    Ok(())
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

    #[test]
    fn corrupt_rows_are_refused_not_defaulted() {
        let w = Work {
            status: "generating".into(),
            product: "{\"name\": 3".into(),
            options_override: None,
            target_override: None,
            tries: 1,
            job_options: "{}".into(),
            channel: "woocommerce".into(),
            target_score: None,
            max_attempts: 3,
            claim_token: None,
            approve_min_score: None,
        };
        assert!(decode_work(&w).unwrap_err().starts_with("stored product"));
        let w = Work {
            product: r#"{"name": "Mug"}"#.into(),
            job_options: r#"{"language": 5}"#.into(),
            ..w
        };
        assert!(decode_work(&w).unwrap_err().starts_with("stored options"));
        let w = Work {
            job_options: "{}".into(),
            channel: "myspace".into(),
            ..w
        };
        assert!(decode_work(&w).unwrap_err().starts_with("stored channel"));
        let w = Work {
            channel: "woocommerce".into(),
            ..w
        };
        assert_eq!(decode_work(&w).unwrap().0.name, "Mug");
    }
}
