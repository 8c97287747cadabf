//! Core-only routes (`analyze`, `validate`, `prompts/render`), `generate` and `health`.

use proseo_core::analysis::{analyze as core_analyze, AnalyzeInput};
use proseo_core::validate::{validate_content, validate_product};
use serde_json::json;

use crate::api::{decode, ApiError, ApiResult};
use crate::generate::{self, Budget, GenError, Spec};
use crate::jobs::quota;
use crate::providers::Provider;
use crate::wire::{
    GenerateRequest, GenerateResult, Health, RenderRequest, UsageSummary, ValidateRequest,
    ValidateResult,
};
use crate::{config, time, Ctx, Reply, Req};

/// `GET /health`: 200 when D1 answers, 503 `unavailable` otherwise.
pub async fn health(cx: &Ctx<'_>) -> ApiResult<Reply> {
    match cx
        .db
        .count("SELECT COUNT(*) AS n FROM tenants WHERE 0", &[])
        .await
    {
        Ok(_) => {
            let problems = config::problems(cx.env);
            Ok(Reply::ok(json!(Health {
                status: if problems.is_empty() {
                    "ok"
                } else {
                    "degraded"
                }
                .into(),
                d1: "ok".into(),
                version: proseo_core::VERSION.into(),
                config: problems
                    .into_iter()
                    .map(|p| format!(
                        "{p} is missing or shorter than {} bytes",
                        config::MIN_SECRET_LEN
                    ))
                    .collect(),
            })))
        }
        Err(e) => {
            crate::log::error("health", &e.0);
            Err(ApiError::new(503, "unavailable", "D1 is not answering")
                .with_details(json!({ "d1": "error" })))
        }
    }
}

/// `POST /analyze`.
pub fn analyze(req: &Req) -> ApiResult<Reply> {
    let input: AnalyzeInput = decode(req)?;
    Ok(Reply::ok(json!(core_analyze(&input))))
}

/// `POST /validate`.
pub fn validate(req: &Req) -> ApiResult<Reply> {
    let v: ValidateRequest = decode(req)?;
    let channel = super::channel(v.channel.as_deref(), "woocommerce")?;
    Ok(Reply::ok(json!(ValidateResult {
        product: v.product.as_ref().map(validate_product),
        content: v.content.as_ref().map(|c| validate_content(c, channel)),
    })))
}

/// `POST /prompts/render`. The rendered prompt shows a stored template's text, so reading one
/// (named, or the tenant's default) needs `templates:read`.
pub async fn render(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let r: RenderRequest = decode(req)?;
    if r.template_id.is_some() {
        cx.who()?.require("templates:read")?;
    }
    let (options, used) = super::resolve_options(
        &cx.db,
        cx.tenant_id()?,
        r.template_id.as_deref(),
        r.options.as_ref(),
    )
    .await?;
    if used.is_some() {
        cx.who()?.require("templates:read")?;
    }
    let built =
        proseo_core::prompt::render(&options, &r.product).map_err(|e| ApiError::core(&e))?;
    Ok(Reply::ok(json!(built)))
}

/// `POST /generate`: one product, synchronously.
pub async fn generate(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let g: GenerateRequest = decode(req)?;
    let tenant = cx.tenant_id()?.to_owned();
    let product_errors = crate::api::report_errors("/product", &validate_product(&g.product));
    if !product_errors.is_empty() {
        return Err(ApiError::validation(product_errors));
    }
    let (options, _) = super::resolve_options(
        &cx.db,
        &tenant,
        g.template_id.as_deref(),
        g.options.as_ref(),
    )
    .await?;
    let channel = super::channel(g.channel.as_deref(), &options.channel)?;
    let provider = crate::providers::select::provider_for(
        &cx.db,
        config::encryption_key(cx.env).as_deref(),
        &tenant,
        g.integration_id.as_deref(),
    )
    .await?;
    let month = time::month(cx.now);
    let Some(hold) = quota::hold_one(&cx.db, &tenant, &month, cx.now).await? else {
        return Err(crate::api::quota_exceeded(
            &quota::standing(&cx.db, &tenant, &month, cx.now).await?,
            1,
        ));
    };
    let spec = Spec {
        product: &g.product,
        options: &options,
        channel,
        target_score: g.target_score,
        max_attempts: g.max_attempts.unwrap_or(3),
    };
    let info = provider.info();
    {
        let mut log = cx.log.borrow_mut();
        log.set("provider", info.kind.as_str());
        log.set("model", info.model.as_str());
    }
    let deadline = Deadline {
        end: cx.now + GENERATE_BUDGET_MS,
        call_ms: i64::from(provider.timeout_ms()),
    };
    let out = match generate::run(&provider, &spec, &deadline).await {
        Ok(out) => out,
        Err(e) => {
            quota::release(&cx.db, &hold).await?;
            return Err(match e {
                GenError::Prompt(e) => ApiError::core(&e),
                GenError::Stopped => ApiError::new(
                    504,
                    "provider_timeout",
                    "no provider call fits in the request's time budget",
                ),
                GenError::LanguageMismatch { issue, attempts } => {
                    cx.log.borrow_mut().set("language_mismatch", true);
                    ApiError::new(422, issue.code.clone(), issue.message.clone()).with_details(
                        json!({
                            "provider": info.kind,
                            "model": info.model,
                            "attempts": attempts,
                        }),
                    )
                }
                GenError::Provider { error, attempts } => {
                    cx.log.borrow_mut().set("provider_error", error.message());
                    ApiError::new(error.http_status(), error.code().to_owned(), error.message()).with_details(json!({
                        "provider": info.kind,
                        "model": info.model,
                        "retryable": error.retryable(),
                        "attempts": attempts,
                        "status": match &error { crate::providers::ProviderError::Http { status, .. } => json!(status), _ => json!(null) },
                    }))
                }
            });
        }
    };
    {
        let mut log = cx.log.borrow_mut();
        log.set("input_tokens", out.input_tokens);
        log.set("output_tokens", out.output_tokens);
        log.set("attempts", out.attempts);
        if out.unsafe_html {
            log.set("unsafe_html", true);
        }
    }
    quota::settle(
        &cx.db,
        &tenant,
        &hold,
        &quota::Bill {
            provider: &out.provider.kind,
            model: &out.provider.model,
            input_tokens: out.input_tokens,
            output_tokens: out.output_tokens,
            cost_micros: out.cost_micros,
        },
        time::now_ms(),
    )
    .await?;
    Ok(Reply::ok(json!(GenerateResult {
        seo_score: out.analysis.seo.score,
        readability_score: out.analysis.readability.score,
        content: out.content,
        analysis: out.analysis,
        validation: out.validation,
        score: out.score,
        attempts: out.attempts,
        provider: out.provider,
        usage: UsageSummary {
            input_tokens: out.input_tokens,
            output_tokens: out.output_tokens,
            cost_usd: crate::wire::usd(out.cost_micros),
        },
        repairs: out.repairs,
        unsafe_html: out.unsafe_html,
    })))
}

/// `POST /generate`'s time budget: no provider call starts that could end later than this
/// after the request arrived (its idempotency claim is held a little longer, see
/// [`super::idempotency`]).
pub const GENERATE_BUDGET_MS: i64 = 4 * 60_000;

struct Deadline {
    end: i64,
    call_ms: i64,
}

impl Budget for Deadline {
    async fn may_attempt(&self, _attempt: u8) -> bool {
        time::now_ms() + self.call_ms <= self.end
    }
}
