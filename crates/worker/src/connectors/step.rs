//! One step of a sync run, driven by a queue message ([`SyncMessage`]):
//!
//! - **pull**: fetch one page of products (`per_page` ≤ 100, id order, `modified_after` for an
//!   incremental pull), attach the variations of its variable products (one request per 100
//!   variations; an unchanged product keeps the ones it has), and upsert them into the catalog.
//!   A step makes at most [`MAX_STEP_REQUESTS`] requests: a page with many variable products
//!   is worked through in several steps (`cursor` = the next product of the page).
//! - **push**: take the next approved products of the store whose content is not there yet
//!   (`push_batch_size` ≤ 100), check their modification stamps against the ones pulled (a
//!   product edited in the store since is a *conflict*, never overwritten), then write the
//!   others with one `products/batch` request.
//!
//! The step commits its outcome with its claim ([`super::runs::advance`]) and sends the next
//! step's message; a store failure is retried (429: after its `Retry-After`) or fails the run,
//! with a typed error on the run and on the store.

use proseo_core::content::GeneratedContent;
use proseo_core::product::{Product, MAX_VARIANTS};
use serde::{Deserialize, Serialize};
use serde_json::json;
use worker::Env;

use super::runs::{self, Advance, RunErrorEntry, RunOptions, RunRow};
use super::woo::{self, Api, StoreCredentials, StoreError, StoreMeta, StoreSettings};
use crate::catalog::{self, Incoming, SourceKind};
use crate::db::{Db, DbError};
use crate::{args, crypto, log, time};

/// Requests one step makes at most (a page, then variation pages; or a check and a batch).
pub const MAX_STEP_REQUESTS: u32 = 20;
/// A pull's next incremental cutoff is its start minus this (clock skew between the Worker
/// and the store; products seen twice are simply unchanged).
pub const CUTOFF_MARGIN_MS: i64 = 10 * 60_000;

/// A queue message: run the next step of a sync run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncMessage {
    /// The run.
    pub sync_run: String,
    /// Its tenant.
    pub tenant_id: String,
}

/// Sends step messages.
pub async fn send(env: &Env, msgs: &[SyncMessage]) -> Result<(), String> {
    let queue = env.queue("JOBS").map_err(|e| e.to_string())?;
    for m in msgs {
        queue.send(m).await.map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// A store, ready to talk to.
#[derive(Debug, Clone)]
pub struct Store {
    /// Its integration id (the catalog source).
    pub id: String,
    /// `check_store_url`'s form of its URL.
    pub base: String,
    /// Settings.
    pub settings: StoreSettings,
    /// Opened credentials.
    pub credentials: StoreCredentials,
}

impl Store {
    /// The request builder.
    pub fn api(&self) -> Api<'_> {
        Api {
            base: &self.base,
            credentials: &self.credentials,
        }
    }
}

/// Why a store cannot be used.
#[derive(Debug)]
pub enum LoadError {
    /// No such store of the tenant (deleted, or not a store).
    Gone,
    /// Its stored row does not decode, or its URL is no longer acceptable.
    Corrupt(String),
    /// `ENCRYPTION_KEY` missing or unable to open the credentials.
    Config(String),
    /// D1.
    Db(DbError),
}

impl From<DbError> for LoadError {
    fn from(e: DbError) -> Self {
        LoadError::Db(e)
    }
}

#[derive(Deserialize)]
struct StoreRow {
    credentials: Option<String>,
    settings: String,
}

/// Loads a `woocommerce` integration of the tenant and opens its credentials.
pub async fn load_store(
    db: &Db,
    master: Option<&str>,
    tenant: &str,
    id: &str,
) -> Result<Store, LoadError> {
    let row: Option<StoreRow> = db
        .first(
            "SELECT credentials, settings FROM integrations WHERE id = ? AND tenant_id = ? AND type = 'woocommerce'",
            &args![id, tenant],
        )
        .await?;
    let row = row.ok_or(LoadError::Gone)?;
    let settings: StoreSettings = serde_json::from_str(&row.settings)
        .map_err(|e| LoadError::Corrupt(format!("store settings: {e}")))?;
    let base = woo::check_store_url(&settings.store_url)
        .map_err(|e| LoadError::Corrupt(format!("store URL: {e}")))?;
    let sealed = row
        .credentials
        .ok_or_else(|| LoadError::Corrupt("store without credentials".into()))?;
    let master = master.ok_or_else(|| LoadError::Config("ENCRYPTION_KEY is not set".into()))?;
    let plain = crypto::open(master.as_bytes(), tenant, &sealed)
        .map_err(|e| LoadError::Config(format!("cannot open store credentials: {e:?}")))?;
    let credentials: StoreCredentials = serde_json::from_slice(&plain)
        .map_err(|e| LoadError::Corrupt(format!("store credentials: {e}")))?;
    Ok(Store {
        id: id.to_owned(),
        base,
        settings,
        credentials,
    })
}

/// One request to the store, within the step's request budget.
struct Calls<'a> {
    store: &'a Store,
    made: u32,
}

impl Calls<'_> {
    async fn send(&mut self, req: woo::StoreRequest) -> Result<woo::StoreResponse, StoreError> {
        self.made += 1;
        super::http::send(req, self.store.settings.timeout_ms).await
    }
}

/// What a step's work produced.
enum Work {
    /// Commit this.
    Done(Advance, Vec<worker::D1PreparedStatement>),
}

/// A step failed: at the store (typed), or in D1.
enum StepError {
    Store(StoreError),
    Db(DbError),
}

impl From<StoreError> for StepError {
    fn from(e: StoreError) -> Self {
        StepError::Store(e)
    }
}

impl From<DbError> for StepError {
    fn from(e: DbError) -> Self {
        StepError::Db(e)
    }
}

/// The answer to a step message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepVerdict {
    /// Done (or nothing to do).
    Ack,
    /// Deliver again after this many seconds.
    Retry(u32),
}

fn entry(code: &str, message: String, external_id: Option<String>, now: i64) -> RunErrorEntry {
    RunErrorEntry {
        code: code.to_owned(),
        message,
        external_id,
        at: time::rfc3339(now),
    }
}

/// Runs one step of `msg`'s run (see the module doc).
pub async fn step(
    db: &Db,
    env: &Env,
    msg: &SyncMessage,
    now: i64,
    fields: &mut log::Fields,
) -> Result<StepVerdict, DbError> {
    fields.set("sync_run", msg.sync_run.as_str());
    fields.set("tenant", msg.tenant_id.as_str());
    // A step makes at most MAX_STEP_REQUESTS calls of at most 60 s each.
    let lease = i64::from(MAX_STEP_REQUESTS) * 60_000 + 60_000;
    let Some((token, run)) = runs::claim(db, &msg.tenant_id, &msg.sync_run, now, lease).await?
    else {
        fields.set("outcome", "nothing_to_claim");
        return Ok(StepVerdict::Ack);
    };
    fields.set("kind", run.kind.as_str());
    let master = crate::config::encryption_key(env);
    let store = match load_store(db, master.as_deref(), &run.tenant_id, &run.integration_id).await {
        Ok(s) => s,
        Err(e) => {
            let (code, message) = match e {
                LoadError::Db(e) => {
                    runs::release(db, &run.id, &token).await;
                    return Err(e);
                }
                LoadError::Gone => ("store_gone", "the store was deleted".to_owned()),
                LoadError::Corrupt(m) => {
                    log::error("corrupt_row", &format!("store {}: {m}", run.integration_id));
                    ("corrupt_integration", m)
                }
                LoadError::Config(m) => {
                    log::error("config", &m);
                    (
                        "internal_error",
                        "the service is misconfigured; the operator was told".to_owned(),
                    )
                }
            };
            runs::fail(
                db,
                &run,
                Some(&token),
                &entry(code, message, None, now),
                None,
                now,
            )
            .await?;
            fields.set("outcome", "failed");
            return Ok(StepVerdict::Ack);
        }
    };
    let options: RunOptions = serde_json::from_str(&run.options).unwrap_or_default();
    let mut calls = Calls {
        store: &store,
        made: 0,
    };
    let work = match run.kind.as_str() {
        "pull" => pull(db, &mut calls, &run, &options, now).await,
        _ => push(db, &mut calls, &run, &options, now).await,
    };
    fields.set("requests", calls.made);
    let now = time::now_ms();
    match work {
        Ok(Work::Done(advance, extra)) => {
            let finish = advance.finish;
            let ours = runs::advance(db, &run, &token, &advance, extra, now).await?;
            fields.set("outcome", if finish { "completed" } else { "step" });
            if ours && !finish {
                let next = SyncMessage {
                    sync_run: run.id.clone(),
                    tenant_id: run.tenant_id.clone(),
                };
                if let Err(e) = send(env, &[next]).await {
                    // The sweeper re-sends it (the run counts it as dispatched now).
                    log::error("queue_send", &e);
                }
            }
            Ok(StepVerdict::Ack)
        }
        Err(StepError::Db(e)) => {
            runs::release(db, &run.id, &token).await;
            Err(e)
        }
        Err(StepError::Store(e)) => {
            fields.set("store_error", e.code());
            let record = entry(e.code(), e.message(), None, now);
            if e.retryable() && run.tries < runs::MAX_STEP_TRIES {
                let delay = e.retry_after().unwrap_or_else(|| {
                    crate::queue::backoff(
                        crate::config::retry_base_secs(env),
                        u32::try_from(run.tries).unwrap_or(1),
                    )
                });
                let retry_at = now + i64::from(delay) * 1000;
                runs::retry(
                    db,
                    &run,
                    &token,
                    &record,
                    e.status(),
                    e.retry_after(),
                    retry_at,
                    now,
                )
                .await?;
                fields.set("outcome", "retry");
                Ok(StepVerdict::Retry(delay))
            } else {
                runs::fail(db, &run, Some(&token), &record, e.status(), now).await?;
                fields.set("outcome", "failed");
                Ok(StepVerdict::Ack)
            }
        }
    }
}

/// A pull step.
async fn pull(
    db: &Db,
    calls: &mut Calls<'_>,
    run: &RunRow,
    options: &RunOptions,
    now: i64,
) -> Result<Work, StepError> {
    let store = calls.store;
    let settings = &store.settings;
    let page = u32::try_from(run.page + 1).unwrap_or(u32::MAX);
    if run.total_pages.is_some_and(|t| run.page >= t) {
        return Ok(Work::Done(finish_pull(run), Vec::new()));
    }
    let resp = calls
        .send(
            store
                .api()
                .products_page(page, settings.per_page, options.modified_after.as_deref()),
        )
        .await?;
    let products: woo::ProductPage = woo::decode(&resp)?;
    let products = products.0;
    // The answer's text is no longer needed (a page may be 8 MiB).
    let (total, total_pages) = (resp.total, resp.total_pages);
    drop(resp);
    let start = run
        .cursor
        .as_deref()
        .and_then(|c| c.parse::<usize>().ok())
        .unwrap_or(0)
        .min(products.len());
    // Stored stamps of the page's variable products: an unchanged one keeps its variations.
    let variable: Vec<String> = products[start..]
        .iter()
        .filter(|p| woo::has_variations(p))
        .map(|p| p.id.clone())
        .collect();
    let stamps = if variable.is_empty() || options.full {
        Vec::new()
    } else {
        catalog::read::stamps(db, &run.tenant_id, &store.id, &variable).await?
    };
    let mut incoming = Vec::new();
    let mut next = start;
    let on_page = products.len();
    // Each store product is consumed as it is mapped (a page may carry 8 MiB of text).
    for wc in products.into_iter().skip(start) {
        let variable = woo::has_variations(&wc);
        let id = wc.id.clone();
        let modified = wc.date_modified_gmt.clone();
        if variable {
            let keeps = stamps.iter().any(|s| {
                s.external_id == id && s.source_modified.is_some() && s.source_modified == modified
            });
            // Its variations cost requests: the first product of a step always goes through,
            // the others only within the step's budget.
            if !keeps && next > start && calls.made >= MAX_STEP_REQUESTS.saturating_sub(1) {
                break;
            }
        }
        let (mut product, meta) = woo::to_product(wc, settings);
        if variable {
            let kept = stamps
                .iter()
                .find(|s| {
                    s.external_id == id
                        && s.source_modified.is_some()
                        && s.source_modified == modified
                })
                .and_then(|s| serde_json::from_str::<Product>(&s.product).ok());
            product.variants = match kept {
                Some(old) => old.variants,
                None => variations(calls, &id).await?,
            };
        }
        incoming.push(catalog::prepare(Incoming {
            external_id: id,
            product,
            source_meta: Some(json!(meta).to_string()),
            source_modified: modified,
        }));
        next += 1;
    }
    let counts = catalog::store::upsert(
        db,
        &run.tenant_id,
        &store.id,
        SourceKind::Woocommerce,
        &incoming,
        now,
    )
    .await?;
    let page_done = next >= on_page;
    let total_pages = total_pages.and_then(|t| i64::try_from(t).ok());
    let mut a = Advance {
        total_pages,
        total: total.and_then(|t| i64::try_from(t).ok()),
        processed: i64::try_from(incoming.len()).unwrap_or(0),
        created: i64::from(counts.created),
        updated: i64::from(counts.updated),
        unchanged: i64::from(counts.unchanged),
        ..Advance::default()
    };
    if page_done {
        a.page = Some(i64::from(page));
        a.cursor = Some("0".into());
        // The last page: WooCommerce says how many there are; without the header, a short or
        // empty page is the last.
        let last = match total_pages {
            Some(t) => i64::from(page) >= t,
            None => on_page < usize::from(settings.per_page),
        };
        if last {
            let f = finish_pull(run);
            a.finish = true;
            a.next_cutoff = f.next_cutoff;
        }
    } else {
        a.cursor = Some(next.to_string());
    }
    Ok(Work::Done(a, Vec::new()))
}

fn finish_pull(run: &RunRow) -> Advance {
    Advance {
        finish: true,
        next_cutoff: Some(woo::gmt(run.created_at - CUTOFF_MARGIN_MS)),
        ..Advance::default()
    }
}

/// Every variation of a product (at most `MAX_VARIATION_PAGES` pages of 100).
async fn variations(
    calls: &mut Calls<'_>,
    product_id: &str,
) -> Result<Vec<proseo_core::product::Variant>, StoreError> {
    let mut out = Vec::new();
    for page in 1..=woo::MAX_VARIATION_PAGES {
        let resp = calls
            .send(calls.store.api().variations_page(product_id, page))
            .await?;
        let got: woo::VariationPage = woo::decode(&resp)?;
        let n = got.0.len();
        out.extend(got.0.iter().map(woo::to_variant));
        let last = resp.total_pages.map_or(n < 100, |t| u64::from(page) >= t);
        if last || out.len() >= MAX_VARIANTS {
            break;
        }
    }
    out.truncate(MAX_VARIANTS);
    Ok(out)
}

/// A push step.
async fn push(
    db: &Db,
    calls: &mut Calls<'_>,
    run: &RunRow,
    options: &RunOptions,
    now: i64,
) -> Result<Work, StepError> {
    let store = calls.store;
    let rows = catalog::read::push_candidates(
        db,
        &run.tenant_id,
        &store.id,
        run.cursor.as_deref(),
        options.force,
        options.ids.as_deref(),
        u32::from(store.settings.push_batch_size.clamp(1, 100)),
    )
    .await?;
    let Some(last) = rows.last().map(|r| r.id.clone()) else {
        return Ok(Work::Done(
            Advance {
                finish: true,
                ..Advance::default()
            },
            Vec::new(),
        ));
    };
    use catalog::store::PushOutcome;
    let mut outcomes: Vec<(usize, PushOutcome)> = Vec::new();
    let mut to_write: Vec<usize> = Vec::new();
    let mut errors = Vec::new();
    // Decode what is stored first: a row that does not decode fails alone.
    let mut contents: Vec<Option<(GeneratedContent, StoreMeta)>> = Vec::new();
    for r in &rows {
        let content = serde_json::from_str::<GeneratedContent>(&r.content);
        let meta = r
            .source_meta
            .as_deref()
            .map(serde_json::from_str::<StoreMeta>)
            .transpose();
        contents.push(match (content, meta) {
            (Ok(c), Ok(m)) => Some((c, m.unwrap_or_default())),
            _ => None,
        });
    }
    // The conflict check: what the store has now, against what was pulled.
    let current = if options.force {
        Vec::new()
    } else {
        let ids: Vec<&str> = rows.iter().map(|r| r.external_id.as_str()).collect();
        let resp = calls.send(store.api().current(&ids)).await?;
        woo::decode::<woo::CurrentPage>(&resp)?.0
    };
    for (n, r) in rows.iter().enumerate() {
        let Some((content, _)) = &contents[n] else {
            outcomes.push((
                n,
                PushOutcome::Failed("its stored content does not decode".into()),
            ));
            continue;
        };
        if options.force {
            to_write.push(n);
            continue;
        }
        match current.iter().find(|c| c.id == r.external_id) {
            None => outcomes.push((
                n,
                PushOutcome::Failed("the product is not in the store any more".into()),
            )),
            // Already ours (an earlier step wrote it but did not live to record it).
            Some(c)
                if c.description
                    .as_deref()
                    .is_some_and(|d| woo::same_text(d, &content.description))
                    && c.short_description
                        .as_deref()
                        .is_some_and(|d| woo::same_text(d, &content.short_description)) =>
            {
                outcomes.push((
                    n,
                    PushOutcome::Pushed {
                        item_id: r.item_id.clone(),
                        modified: c.date_modified_gmt.clone(),
                    },
                ));
            }
            Some(c) if c.date_modified_gmt != r.source_modified => outcomes.push((
                n,
                PushOutcome::Conflict(format!(
                    "modified in the store at {} since it was pulled ({}): not overwritten; pull again, or push with force",
                    c.date_modified_gmt.as_deref().unwrap_or("an unknown time"),
                    r.source_modified.as_deref().unwrap_or("no stamp")
                )),
            )),
            Some(_) => to_write.push(n),
        }
    }
    if !to_write.is_empty() {
        let updates: Vec<serde_json::Value> = to_write
            .iter()
            .filter_map(|&n| {
                let (content, meta) = contents[n].as_ref()?;
                let r = &rows[n];
                Some(woo::update_payload(
                    &r.external_id,
                    content,
                    r.focus_keyphrase.as_deref().unwrap_or(""),
                    meta,
                    &store.settings,
                ))
            })
            .collect();
        let resp = calls.send(store.api().batch_update(&updates)).await?;
        let answer: woo::BatchAnswer = woo::decode(&resp)?;
        for &n in &to_write {
            let r = &rows[n];
            let entry = answer
                .update
                .iter()
                .find(|e| e.id.as_deref() == Some(r.external_id.as_str()));
            outcomes.push((
                n,
                match entry {
                    Some(e) if e.error.is_some() => {
                        let err = e.error.clone().unwrap_or_default();
                        PushOutcome::Failed(format!(
                            "the store refused it: {} ({})",
                            err.message.unwrap_or_default(),
                            err.code.unwrap_or_default()
                        ))
                    }
                    Some(e) => PushOutcome::Pushed {
                        item_id: r.item_id.clone(),
                        modified: e.date_modified_gmt.clone(),
                    },
                    None => {
                        PushOutcome::Failed("the store's batch answer does not mention it".into())
                    }
                },
            ));
        }
    }
    let mut a = Advance {
        cursor: Some(last),
        processed: i64::try_from(rows.len()).unwrap_or(0),
        ..Advance::default()
    };
    let mut extra = Vec::new();
    for (n, outcome) in &outcomes {
        let r = &rows[*n];
        match outcome {
            PushOutcome::Pushed { .. } => a.pushed += 1,
            PushOutcome::Conflict(why) => {
                a.conflicts += 1;
                errors.push(entry(
                    "conflict",
                    why.clone(),
                    Some(r.external_id.clone()),
                    now,
                ));
            }
            PushOutcome::Failed(why) => {
                a.failed += 1;
                errors.push(entry(
                    "store_product_rejected",
                    why.clone(),
                    Some(r.external_id.clone()),
                    now,
                ));
            }
        }
        extra.push(catalog::store::push_result(
            db,
            &run.tenant_id,
            &r.id,
            outcome,
            now,
        )?);
    }
    a.errors = errors;
    Ok(Work::Done(a, extra))
}

/// The connection test: one request for one product; the store's product count.
pub async fn test_connection(store: &Store) -> Result<Option<u64>, StoreError> {
    let resp = super::http::send(store.api().probe(), store.settings.timeout_ms).await?;
    #[derive(Deserialize)]
    #[serde(transparent)]
    struct Probe(
        #[serde(deserialize_with = "proseo_core::bounded::vec::<_, _, 100>")]
        Vec<serde::de::IgnoredAny>,
    );
    let shown = woo::decode::<Probe>(&resp)?.0.len();
    // Without X-WP-Total, an empty answer still says how many there are.
    Ok(resp.total.or_else(|| (shown == 0).then_some(0)))
}

/// Starts a pull of a store (incremental from the store's cutoff, unless `full` or there is
/// none yet) and sends its first message. [`runs::Started::Busy`] when a run is active.
pub async fn start_pull(
    db: &Db,
    env: &Env,
    tenant: &str,
    store_id: &str,
    full: bool,
    trigger: &str,
    now: i64,
) -> Result<runs::Started, DbError> {
    let cutoff = runs::states(db, tenant, &[store_id])
        .await?
        .into_iter()
        .next()
        .and_then(|s| s.pull_cutoff);
    let options = RunOptions {
        full: full || cutoff.is_none(),
        modified_after: if full { None } else { cutoff },
        ..RunOptions::default()
    };
    start(
        db, env, tenant, store_id, "pull", trigger, &options, None, now,
    )
    .await
}

/// Starts a push of a store's approved content and sends its first message.
pub async fn start_push(
    db: &Db,
    env: &Env,
    tenant: &str,
    store_id: &str,
    force: bool,
    ids: Option<Vec<String>>,
    now: i64,
) -> Result<runs::Started, DbError> {
    let total =
        catalog::read::count_push_candidates(db, tenant, store_id, force, ids.as_deref()).await?;
    let options = RunOptions {
        force,
        ids,
        ..RunOptions::default()
    };
    start(
        db,
        env,
        tenant,
        store_id,
        "push",
        "api",
        &options,
        i64::try_from(total).ok(),
        now,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn start(
    db: &Db,
    env: &Env,
    tenant: &str,
    store_id: &str,
    kind: &str,
    trigger: &str,
    options: &RunOptions,
    total: Option<i64>,
    now: i64,
) -> Result<runs::Started, DbError> {
    let started = runs::start(db, tenant, store_id, kind, trigger, options, total, now).await?;
    if let runs::Started::Run(id) = &started {
        let msg = SyncMessage {
            sync_run: id.clone(),
            tenant_id: tenant.to_owned(),
        };
        if let Err(e) = send(env, &[msg]).await {
            // Counted as dispatched: the sweeper re-sends it after the stall window.
            log::error("queue_send", &e);
        }
    }
    Ok(started)
}

/// The Cron Trigger's part: re-send the messages of runs that lost theirs, start the pulls
/// that are due. Returns (re-sent, started).
pub async fn schedule(
    db: &Db,
    env: &Env,
    now: i64,
    stall_ms: i64,
) -> Result<(usize, usize), DbError> {
    let lost = runs::lost(db, now, stall_ms).await?;
    let msgs: Vec<SyncMessage> = lost
        .iter()
        .map(|r| SyncMessage {
            sync_run: r.id.clone(),
            tenant_id: r.tenant_id.clone(),
        })
        .collect();
    if let Err(e) = send(env, &msgs).await {
        log::error("queue_send", &e);
    }
    let mut started = 0;
    for d in runs::due(db, now, 20).await? {
        if let runs::Started::Run(_) = start_pull(
            db,
            env,
            &d.tenant_id,
            &d.integration_id,
            false,
            "schedule",
            now,
        )
        .await?
        {
            started += 1;
        }
    }
    Ok((msgs.len(), started))
}
