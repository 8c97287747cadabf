//! Core-only routes (`analyze`, `validate`, `prompts/render`), `generate` and `health`.

use proseo_core::analysis::{analyze as core_analyze, AnalyzeInput};
use proseo_core::validate::{validate_content, validate_product};
use serde_json::json;

use crate::api::{decode, ApiError, ApiResult};
use crate::generate::{self, GenError, Spec};
use crate::providers::Provider;
use crate::wire::{
    GenerateRequest, GenerateResult, Health, RenderRequest, UsageSummary, ValidateRequest,
    ValidateResult,
};
use crate::{args, time, Ctx, Reply, Req};

/// `GET /health`: 200 when D1 answers, 503 `unavailable` otherwise.
pub async fn health(cx: &Ctx<'_>) -> ApiResult<Reply> {
    match cx
        .db
        .count("SELECT COUNT(*) AS n FROM tenants WHERE 0", &[])
        .await
    {
        Ok(_) => Ok(Reply::ok(json!(Health {
            status: "ok".into(),
            d1: "ok".into(),
            version: proseo_core::VERSION.into(),
        }))),
        Err(e) => {
            crate::log::error("health", &e.0);
            Err(ApiError::new(503, "unavailable", "D1 is not answering")
                .with_details(json!({ "d1": "error" })))
        }
    }
}

/// `POST /analyze`.
pub fn analyze(req: &Req) -> ApiResult<Reply> {
    let input: AnalyzeInput = decode(&req.body)?;
    Ok(Reply::ok(json!(core_analyze(&input))))
}

/// `POST /validate`.
pub fn validate(req: &Req) -> ApiResult<Reply> {
    let v: ValidateRequest = decode(&req.body)?;
    if v.product.is_none() && v.content.is_none() {
        return Err(ApiError::field(
            "",
            "required",
            "send `product`, `content` or both",
        ));
    }
    let channel = super::channel(v.channel.as_deref(), "woocommerce")?;
    Ok(Reply::ok(json!(ValidateResult {
        product: v.product.as_ref().map(validate_product),
        content: v.content.as_ref().map(|c| validate_content(c, channel)),
    })))
}

/// `POST /prompts/render`.
pub async fn render(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let r: RenderRequest = decode(&req.body)?;
    let (options, _) = super::resolve_options(
        &cx.db,
        cx.tenant_id()?,
        r.template_id.as_deref(),
        r.options.as_ref(),
    )
    .await?;
    let built =
        proseo_core::prompt::render(&options, &r.product).map_err(|e| ApiError::core(&e))?;
    Ok(Reply::ok(json!(built)))
}

/// `POST /generate`: one product, synchronously.
pub async fn generate(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let g: GenerateRequest = decode(&req.body)?;
    let tenant = cx.tenant_id()?.to_owned();
    if g.target_score.is_some_and(|t| t > 100) {
        return Err(ApiError::field(
            "/target_score",
            "out_of_range",
            "target_score must be from 0 to 100",
        ));
    }
    if g.max_attempts
        .is_some_and(|m| !(1..=generate::MAX_ATTEMPTS).contains(&m))
    {
        return Err(ApiError::field(
            "/max_attempts",
            "out_of_range",
            "max_attempts must be from 1 to 5",
        ));
    }
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
    super::check_quota(cx, 1).await?;
    let provider = super::provider_for(
        &cx.db,
        cx.secret("ENCRYPTION_KEY").as_deref(),
        &tenant,
        g.integration_id.as_deref(),
    )
    .await?;
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
    let out = match generate::run(&provider, &spec).await {
        Ok(out) => out,
        Err(GenError::Prompt(e)) => return Err(ApiError::core(&e)),
        Err(GenError::Provider { error, attempts }) => {
            cx.log.borrow_mut().set("provider_error", error.message());
            return Err(ApiError::new(error.http_status(), error.code().to_owned(), error.message()).with_details(json!({
                "provider": info.kind,
                "model": info.model,
                "retryable": error.retryable(),
                "attempts": attempts,
                "status": match &error { crate::providers::ProviderError::Http { status, .. } => json!(status), _ => json!(null) },
            })));
        }
    };
    {
        let mut log = cx.log.borrow_mut();
        log.set("input_tokens", out.input_tokens);
        log.set("output_tokens", out.output_tokens);
        log.set("attempts", out.attempts);
    }
    cx.db
        .run(
            "INSERT INTO usage_events (tenant_id, month, kind, item_id, claim_token, provider, model, input_tokens, output_tokens, cost_micros, created_at) VALUES (?, ?, 'generate', NULL, NULL, ?, ?, ?, ?, ?, ?)",
            &args![&tenant, time::month(cx.now), &out.provider.kind, &out.provider.model, out.input_tokens, out.output_tokens, out.cost_micros, cx.now],
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
    })))
}
