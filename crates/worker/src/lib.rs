//! proseo-worker: the edge API. A Cloudflare Worker (workers-rs) storing in D1 and running bulk
//! jobs on Queues; docs/api.md is the contract, `GET /api/v1/openapi.json` its machine form.
//!
//! Layout: [`api`] (envelope, errors), [`routes`] (the route table), [`auth`], [`jwt`],
//! [`crypto`] (pure), [`config`] (vars and secrets), [`db`] (D1), [`handlers`] (one module per
//! resource: the HTTP layer), [`jobs`] (the job pipeline: statuses, every job/item statement,
//! quota reservations, the outbox), [`generate`] (the prompt → provider → sanitize → validate →
//! analyze pipeline), [`providers`] (LLM wire formats behind one trait, and provider selection),
//! [`queue`] (the job consumer and the sweeper; it never imports from [`handlers`]),
//! [`openapi`]. Everything that does not touch a Workers binding is pure and unit-tested
//! natively; the whole runs under `wrangler dev` in the end-to-end suite (`tests/edge`).

pub mod api;
pub mod auth;
pub mod catalog;
pub mod config;
pub mod connectors;
pub mod crypto;
pub mod db;
pub mod exports;
pub mod fetch;
pub mod generate;
pub mod handlers;
pub mod ids;
pub mod jobs;
pub mod jwt;
pub mod log;
pub mod openapi;
pub mod providers;
pub mod queue;
pub mod routes;
pub mod schema;
pub mod sweep;
pub mod time;
pub mod webhooks;
pub mod wire;

use futures_util::StreamExt;
use serde_json::{json, Value};
use worker::{
    event, Context, Env, Headers, MessageBatch, Request, Response, ScheduleContext, ScheduledEvent,
};

use crate::api::{ok_body, too_large, ApiError, ApiResult, Pagination, Query, MAX_BODY_BYTES};
use crate::auth::Principal;
use crate::db::Db;
use crate::routes::{Auth, Route};

/// Per-request context handed to handlers.
pub struct Ctx<'a> {
    /// Bindings, vars and secrets.
    pub env: &'a Env,
    /// D1.
    pub db: Db,
    /// Request time, ms since the epoch.
    pub now: i64,
    /// Request id (logged, returned in `meta` and `X-Request-Id`).
    pub request_id: String,
    /// The caller (tenant routes).
    pub principal: Option<Principal>,
    /// The caller's rate-limit window after this request (tenant routes): response headers.
    pub rate: Option<auth::RateState>,
    /// Log fields handlers add (provider, tokens…).
    pub log: std::cell::RefCell<log::Fields>,
}

impl Ctx<'_> {
    /// The authenticated caller (handlers of tenant routes only).
    pub fn who(&self) -> ApiResult<&Principal> {
        self.principal.as_ref().ok_or_else(ApiError::unauthorized)
    }

    /// The tenant id of the caller.
    pub fn tenant_id(&self) -> ApiResult<&str> {
        Ok(&self.who()?.tenant.id)
    }

    /// Writes an audit row.
    pub async fn audit(
        &self,
        action: &str,
        target_type: &str,
        target_id: &str,
        details: Value,
    ) -> ApiResult<()> {
        let (tenant, actor) = match &self.principal {
            Some(p) => (p.tenant.id.clone(), p.actor.clone()),
            None => (
                details["tenant_id"].as_str().unwrap_or("").to_owned(),
                "admin".to_owned(),
            ),
        };
        self.db
            .run(
                "INSERT INTO audit_log (tenant_id, actor, action, target_type, target_id, details, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                &args![tenant, actor, action, target_type, target_id, details.to_string(), &self.request_id, self.now],
            )
            .await?;
        Ok(())
    }
}

/// A parsed request, as handlers see it.
pub struct Req {
    /// Path parameters in order.
    pub params: Vec<String>,
    /// Query string, decoded.
    pub query: Query,
    /// Query string as sent (for the idempotency fingerprint).
    pub raw_query: String,
    /// Raw body.
    pub body: Vec<u8>,
    /// The JSON body was checked against its route's schema ([`api::decode`] decodes it).
    pub json_checked: bool,
    /// The body with integral numbers rewritten as integers, when any were (else `body`).
    pub normalized: Option<Vec<u8>>,
    /// `Content-Type` without parameters, lowercased.
    pub content_type: String,
    /// A signed webhook delivery's idempotency key (`crate::webhooks::delivery_key`).
    pub webhook_delivery: Option<String>,
}

impl Req {
    /// The JSON body to decode (normalized when it had to be).
    pub fn json_bytes(&self) -> &[u8] {
        self.normalized.as_deref().unwrap_or(&self.body)
    }

    /// The first path parameter.
    pub fn id(&self) -> &str {
        self.params.first().map_or("", String::as_str)
    }
}

/// A handler's answer.
pub struct Reply {
    /// Status.
    pub status: u16,
    /// `data` of the envelope.
    pub data: Value,
    /// List pagination.
    pub pagination: Option<Pagination>,
    /// A non-envelope body: (content type, body, download filename).
    pub raw: Option<(&'static str, String, Option<String>)>,
    /// Extra response headers.
    pub headers: Vec<(&'static str, String)>,
    /// A streamed body (content type, stream, download filename): exports.
    pub stream: Option<(&'static str, exports::BodyStream, Option<String>)>,
}

impl Reply {
    /// 200 with `data`.
    pub fn ok(data: Value) -> Self {
        Self {
            status: 200,
            data,
            pagination: None,
            raw: None,
            headers: Vec::new(),
            stream: None,
        }
    }

    /// `status` with `data`.
    pub fn status(status: u16, data: Value) -> Self {
        Self {
            status,
            data,
            pagination: None,
            raw: None,
            headers: Vec::new(),
            stream: None,
        }
    }

    /// A page of a list.
    pub fn list(data: Value, pagination: Pagination) -> Self {
        Self {
            status: 200,
            data,
            pagination: Some(pagination),
            raw: None,
            headers: Vec::new(),
            stream: None,
        }
    }
}

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    let started = worker::Date::now().as_millis();
    let request_id = req
        .headers()
        .get("x-request-id")
        .ok()
        .flatten()
        .filter(|id| {
            (8..=128).contains(&id.len())
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .unwrap_or_else(|| ids::id("req").unwrap_or_else(|_| "req_unavailable".to_owned()));
    // The method as sent: workers-rs maps methods it does not know (QUERY, PROPFIND…) to GET.
    let method = req.inner().method();
    let path = req.path();
    let db = match env.d1("DB") {
        Ok(d) => Db(d),
        Err(e) => {
            log::error("d1_binding", &e.to_string());
            return respond(Err(ApiError::internal()), &request_id, None);
        }
    };
    let cx = Ctx {
        env: &env,
        db,
        now: i64::try_from(started).unwrap_or(i64::MAX),
        request_id: request_id.clone(),
        principal: None,
        rate: None,
        log: Default::default(),
    };
    let (result, cx, route) = handle(req, cx, &method, &path).await;
    let status = match &result {
        Ok(r) => r.status,
        Err(e) => e.status,
    };
    let mut fields = cx.log.borrow().clone();
    fields.set("request_id", request_id.as_str());
    fields.set("method", method.as_str());
    fields.set("route", route.map_or(path.as_str(), |r| r.path));
    fields.set("status", status);
    fields.set(
        "latency_ms",
        worker::Date::now().as_millis().saturating_sub(started),
    );
    if let Some(r) = cx.rate {
        fields.set("rate_limit", json!([r.limit, r.remaining]));
    }
    if let Some(p) = &cx.principal {
        fields.set("tenant", p.tenant.id.as_str());
        fields.set("actor", p.actor.as_str());
    }
    if let Err(e) = &result {
        fields.set("error", e.code.as_ref());
    }
    log::emit("request", fields);
    respond(result, &request_id, cx.rate)
}

#[event(queue)]
async fn queue_event(batch: MessageBatch<Value>, env: Env, _ctx: Context) -> worker::Result<()> {
    queue::consume(batch, &env).await
}

/// The Cron Trigger: the sweeper (lost queue messages, expired leases, expired rows).
#[event(scheduled)]
async fn scheduled_event(_event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    if let Err(e) = queue::scheduled(&env).await {
        log::error("sweep", &e.0);
    }
}

/// Reads a request body, refusing it as soon as it passes `limit` bytes (a chunked body has no
/// length to check first).
async fn read_body(req: &mut Request, limit: usize) -> ApiResult<Vec<u8>> {
    if req.inner().body().is_none() {
        return Ok(Vec::new());
    }
    let mut stream = req
        .stream()
        .map_err(|_| ApiError::invalid_json("cannot read the request body"))?;
    let mut body = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| ApiError::invalid_json("cannot read the request body"))?;
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Authenticates the caller of a non-public route: throttled client addresses first, then the
/// credential (failures counted per address), then the rate limits and the permission.
async fn authorize(
    cx: &mut Ctx<'_>,
    route: &Route,
    header: Option<String>,
    ip: &str,
) -> ApiResult<()> {
    if route.auth == Auth::None {
        return Ok(());
    }
    let admin = route.auth == Auth::Admin;
    auth::check_throttle(&cx.db, ip, cx.now, admin).await?;
    if route.auth == Auth::Webhook {
        // Signed over the body: checked once it is read (`authorize_webhook`).
        return Ok(());
    }
    let token = auth::bearer(header)?;
    if admin {
        if let Err(e) = auth::check_admin(&token, config::admin_token(cx.env).as_deref()) {
            return Err(auth::record_failure(&cx.db, ip, cx.now, e).await);
        }
        return Ok(());
    }
    let master = config::encryption_key(cx.env);
    let audience = config::jwt_audience(cx.env);
    let cfg = auth::AuthConfig {
        master_key: master.as_deref(),
        audience: &audience,
        now: cx.now,
    };
    let p = match auth::authenticate(&cx.db, &token, &cfg).await {
        Ok(p) => p,
        Err(e) if e.status == 401 => return Err(auth::record_failure(&cx.db, ip, cx.now, e).await),
        Err(e) => return Err(e),
    };
    cx.rate = Some(auth::rate_limit(&cx.db, &p, cx.now).await?);
    if let Auth::Perm(perm) = route.auth {
        p.require(perm)?;
    }
    cx.principal = Some(p);
    Ok(())
}

/// Authenticates a signed webhook delivery once its body is read (failures counted per
/// address, like every credential), then applies the tenant's rate limits. Returns the
/// delivery's idempotency key.
async fn authorize_webhook(
    cx: &mut Ctx<'_>,
    h: &webhooks::Headers,
    body: &[u8],
    ip: &str,
) -> ApiResult<String> {
    let master = config::encryption_key(cx.env);
    let p = match webhooks::authenticate(&cx.db, master.as_deref(), h, body, cx.now).await {
        Ok(p) => p,
        Err(e) if e.status == 401 => return Err(auth::record_failure(&cx.db, ip, cx.now, e).await),
        Err(e) => return Err(e),
    };
    cx.rate = Some(auth::rate_limit(&cx.db, &p, cx.now).await?);
    cx.principal = Some(p);
    Ok(webhooks::delivery_key(h))
}

async fn handle<'a>(
    mut req: Request,
    mut cx: Ctx<'a>,
    method: &str,
    path: &str,
) -> (ApiResult<Reply>, Ctx<'a>, Option<&'static Route>) {
    let (route, params) = match routes::find(method, path) {
        Ok(found) => found,
        Err(e) => return (Err(e), cx, None),
    };
    let result = async {
        let ip = req
            .headers()
            .get("cf-connecting-ip")
            .ok()
            .flatten()
            .unwrap_or_else(|| "unknown".to_owned());
        let header = req.headers().get("authorization").ok().flatten();
        authorize(&mut cx, route, header, &ip).await?;
        let body = if route.request.is_some() {
            let declared = req
                .headers()
                .get("content-length")
                .ok()
                .flatten()
                .and_then(|l| l.parse::<usize>().ok());
            if declared.is_some_and(|l| l > MAX_BODY_BYTES) {
                return Err(too_large());
            }
            read_body(&mut req, MAX_BODY_BYTES).await?
        } else {
            Vec::new()
        };
        let webhook_delivery = if route.auth == Auth::Webhook {
            let header = |name: &str| req.headers().get(name).ok().flatten();
            let h = webhooks::Headers {
                id: header(webhooks::ID_HEADER),
                timestamp: header(webhooks::TIMESTAMP_HEADER),
                signature: header(webhooks::SIGNATURE_HEADER),
                delivery: header(webhooks::DELIVERY_HEADER),
            };
            Some(authorize_webhook(&mut cx, &h, &body, &ip).await?)
        } else {
            None
        };
        let url = req.url().ok();
        let raw_query = url
            .as_ref()
            .and_then(|u| u.query().map(str::to_owned))
            .unwrap_or_default();
        let query = Query(
            url.map(|u| {
                u.query_pairs()
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default(),
        );
        let content_type = req
            .headers()
            .get("content-type")
            .ok()
            .flatten()
            .map(|c| {
                c.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            })
            .unwrap_or_default();
        let csv_ok = route.op == routes::Op::CreateJob;
        let json_like = content_type.is_empty()
            || content_type == "application/json"
            || content_type.ends_with("+json");
        let csv_like = content_type == "text/csv" || content_type == "application/csv";
        if route.request.is_some() && !(json_like || (csv_ok && csv_like)) {
            return Err(ApiError::new(
                415,
                "unsupported_media_type",
                format!(
                    "send application/json{}, not {content_type}",
                    if csv_ok { " or text/csv" } else { "" }
                ),
            ));
        }
        let pages: &[routes::Param] = if route.list { routes::PAGE_PARAMS } else { &[] };
        query.validate(&[route.query, pages])?;
        // A JSON body is checked against the schema the document publishes for it. An empty
        // body is the absent body of a route whose request body is optional.
        let blank = body.iter().all(u8::is_ascii_whitespace);
        let (json_checked, normalized) = match route.request {
            Some(schema) if json_like && (!blank || routes::body_required(route)) => {
                (true, api::check_body(&body, schema)?)
            }
            _ => (false, None),
        };
        let r = Req {
            params,
            query,
            raw_query,
            body,
            json_checked,
            normalized,
            content_type,
            webhook_delivery,
        };
        let idem_key = if route.idempotent {
            req.headers().get("idempotency-key").ok().flatten()
        } else {
            None
        };
        match idem_key {
            Some(key) => handlers::idempotency::with_key(&cx, route, &key, method, path, &r).await,
            None => handlers::dispatch(&cx, route, &r).await,
        }
    }
    .await;
    (result, cx, Some(route))
}

fn respond(
    result: ApiResult<Reply>,
    request_id: &str,
    rate: Option<auth::RateState>,
) -> worker::Result<Response> {
    let headers = Headers::new();
    headers.set("x-request-id", request_id)?;
    headers.set("cache-control", "no-store")?;
    // An API answers data, never a page: nothing may sniff it into HTML, frame it or load from it.
    headers.set("x-content-type-options", "nosniff")?;
    headers.set("x-frame-options", "DENY")?;
    headers.set(
        "content-security-policy",
        "default-src 'none'; frame-ancestors 'none'",
    )?;
    headers.set("referrer-policy", "no-referrer")?;
    if let Some(r) = rate {
        headers.set("x-ratelimit-limit", &r.limit.to_string())?;
        headers.set("x-ratelimit-remaining", &r.remaining.to_string())?;
    }
    if let Ok(reply) = &result {
        for (k, v) in &reply.headers {
            headers.set(k, v)?;
        }
    }
    let result = match result {
        Ok(Reply {
            status,
            stream: Some((ct, stream, filename)),
            ..
        }) => {
            if let Some(f) = filename {
                headers.set(
                    "content-disposition",
                    &format!("attachment; filename=\"{f}\""),
                )?;
            }
            headers.set("content-type", ct)?;
            return Ok(Response::from_stream(stream)?
                .with_status(status)
                .with_headers(headers));
        }
        other => other,
    };
    let (status, body, content_type) = match result {
        Ok(Reply {
            status,
            raw: Some((ct, body, filename)),
            ..
        }) => {
            if let Some(f) = filename {
                headers.set(
                    "content-disposition",
                    &format!("attachment; filename=\"{f}\""),
                )?;
            }
            (status, body, ct)
        }
        Ok(reply) => (
            reply.status,
            ok_body(&reply.data, request_id, reply.pagination.as_ref()).to_string(),
            "application/json; charset=utf-8",
        ),
        Err(e) => {
            for (k, v) in &e.headers {
                headers.set(k, v)?;
            }
            (
                e.status,
                e.body(request_id).to_string(),
                "application/json; charset=utf-8",
            )
        }
    };
    headers.set("content-type", content_type)?;
    Ok(Response::ok(body)?
        .with_status(status)
        .with_headers(headers))
}
