//! One product through the whole pipeline: prompt → provider → parse → sanitize → validate →
//! analyze, and with a `target_score` the revise loop (the failing checks go back to the model)
//! until the score is reached or `max_attempts` is spent. Used by `POST /generate`, the queue
//! consumer and `regenerate`, so all three behave the same.
//!
//! Model output is untrusted: what leaves this module (returned, stored, exported) is the
//! sanitized content; the validation report is made from the raw answer, so markup the sanitizer
//! had to remove shows as an `unsafe_html` error and marks the outcome [`Outcome::unsafe_html`].
//! A clean attempt always beats an unsafe one, whatever the scores.

use proseo_core::analysis::{keyphrase_for, score_generated, Analysis};
use proseo_core::content::GeneratedContent;
use proseo_core::product::Product;
use proseo_core::prompt::{render, revise, PromptError, PromptOptions, Repair};
use proseo_core::report::Report;
use proseo_core::validate::{validate_content, Channel};

use crate::providers::{cost_micros, Provider, ProviderError, ProviderInfo, Task};

/// Largest `max_attempts`.
pub const MAX_ATTEMPTS: u8 = 5;

/// Asked before every provider call: `false` stops the loop, and the best attempt so far (if
/// any) is the outcome. The queue consumer renews its lease here (and stops once the job is
/// cancelled or its time budget would be exceeded); `POST /generate` checks its deadline.
#[allow(async_fn_in_trait)] // single-threaded wasm: no Send bound needed
pub trait Budget {
    /// May attempt number `attempt` (1-based) call the provider?
    async fn may_attempt(&self, attempt: u8) -> bool;
}

/// No limit besides `max_attempts`.
pub struct Unlimited;

impl Budget for Unlimited {
    async fn may_attempt(&self, _attempt: u8) -> bool {
        true
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec<'a> {
    /// The product.
    pub product: &'a Product,
    /// Prompt options (template, voice, language, keyphrase…).
    pub options: &'a PromptOptions,
    /// Channel whose rules the content is validated against.
    pub channel: Channel,
    /// Stop when `min(seo, readability) ≥ target_score`.
    pub target_score: Option<u8>,
    /// Provider calls at most (1..=5).
    pub max_attempts: u8,
}

/// The best attempt.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The content.
    pub content: GeneratedContent,
    /// Its analysis.
    pub analysis: Analysis,
    /// Its validation against the channel (of the raw answer: removed markup is reported).
    pub validation: Report,
    /// The sanitizer removed unsafe markup (scripts, event handlers, dangerous URLs) from the
    /// raw answer: the content must not be approved or exported as it is.
    pub unsafe_html: bool,
    /// `min(seo, readability)`.
    pub score: u8,
    /// Provider calls made.
    pub attempts: u8,
    /// Who wrote it.
    pub provider: ProviderInfo,
    /// Tokens over all attempts.
    pub input_tokens: u32,
    /// Tokens over all attempts.
    pub output_tokens: u32,
    /// Cost over all attempts, micro-USD.
    pub cost_micros: i64,
    /// Repairs of the best attempt's answer.
    pub repairs: Vec<Repair>,
    /// Set when a revise attempt failed after an earlier one succeeded (the earlier one is
    /// returned).
    pub last_error: Option<ProviderError>,
}

/// Why nothing was generated.
#[derive(Debug, Clone)]
pub enum GenError {
    /// The template failed (the caller's fault: 422 with the core's code).
    Prompt(PromptError),
    /// The budget refused the first attempt (a cancelled job, a lost claim, no time left).
    Stopped,
    /// The provider failed on the first attempt (nothing to return).
    Provider {
        /// The failure.
        error: ProviderError,
        /// Attempts made.
        attempts: u8,
    },
}

/// The keyphrase the content is scored against (the core's rule, shared with the CLI).
pub fn keyphrase(product: &Product, options: &PromptOptions) -> String {
    keyphrase_for(product, options)
}

/// Scores `content` for `product` the way every consumer does
/// (`proseo_core::analysis::score_generated`), and validates it for the channel.
pub fn score(
    product: &Product,
    options: &PromptOptions,
    channel: Channel,
    content: &GeneratedContent,
) -> (Analysis, Report, u8) {
    let analysis = score_generated(product, content, options);
    let validation = validate_content(content, channel);
    let score = analysis.seo.score.min(analysis.readability.score);
    (analysis, validation, score)
}

/// One attempt's answer made safe: the sanitized content scored, the raw answer validated.
fn assess(
    spec: &Spec<'_>,
    raw: GeneratedContent,
) -> (GeneratedContent, Analysis, Report, bool, u8) {
    let clean = proseo_core::validate::sanitize_content(&raw);
    let (analysis, _, score) = score(spec.product, spec.options, spec.channel, &clean.content);
    let validation = validate_content(&raw, spec.channel);
    (
        clean.content,
        analysis,
        validation,
        clean.unsafe_removed,
        score,
    )
}

/// Runs the pipeline. `budget` is asked before every provider call.
pub async fn run<P: Provider, B: Budget>(
    provider: &P,
    spec: &Spec<'_>,
    budget: &B,
) -> Result<Outcome, GenError> {
    let max = spec.max_attempts.clamp(1, MAX_ATTEMPTS);
    let prices = provider.prices();
    let mut prompt = render(spec.options, spec.product).map_err(GenError::Prompt)?;
    let mut best: Option<Outcome> = None;
    let (mut input_tokens, mut output_tokens) = (0u32, 0u32);
    let mut attempts = 0u8;
    while attempts < max {
        if !budget.may_attempt(attempts + 1).await {
            break;
        }
        attempts += 1;
        let task = Task {
            prompt: &prompt,
            product: spec.product,
            options: spec.options,
        };
        let generation = match provider.generate(task).await {
            Ok(g) => g,
            Err(error) => match best {
                Some(mut b) => {
                    b.last_error = Some(error);
                    b.attempts = attempts;
                    b.input_tokens = input_tokens;
                    b.output_tokens = output_tokens;
                    b.cost_micros = cost_micros(prices, input_tokens, output_tokens);
                    return Ok(b);
                }
                None => return Err(GenError::Provider { error, attempts }),
            },
        };
        input_tokens = input_tokens.saturating_add(generation.input_tokens);
        output_tokens = output_tokens.saturating_add(generation.output_tokens);
        let (content, analysis, validation, unsafe_html, score) = assess(spec, generation.content);
        // A clean attempt beats an unsafe one; among equals, the higher score wins.
        let better = best
            .as_ref()
            .is_none_or(|b| (!unsafe_html, score) > (!b.unsafe_html, b.score));
        if better {
            best = Some(Outcome {
                content,
                analysis,
                validation,
                unsafe_html,
                score,
                attempts,
                provider: provider.info(),
                input_tokens: 0,
                output_tokens: 0,
                cost_micros: 0,
                repairs: generation.repairs,
                last_error: None,
            });
        }
        let Some(b) = best.as_ref() else { break };
        let reached = !b.unsafe_html && spec.target_score.is_none_or(|t| b.score >= t);
        if reached || provider.deterministic() || attempts >= max {
            break;
        }
        let target = spec.target_score.unwrap_or(0);
        prompt = revise(spec.options, spec.product, &b.content, &b.analysis, target)
            .map_err(GenError::Prompt)?;
    }
    let mut out = best.ok_or(GenError::Stopped)?;
    out.attempts = attempts;
    out.input_tokens = input_tokens;
    out.output_tokens = output_tokens;
    out.cost_micros = cost_micros(prices, input_tokens, output_tokens);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::testing::block_on;
    use crate::providers::{Generation, Offline};
    use serde_json::json;
    use std::cell::RefCell;

    /// A provider that answers from a script and records the prompts it saw.
    struct Script {
        answers: RefCell<Vec<Result<GeneratedContent, ProviderError>>>,
        prompts: RefCell<Vec<String>>,
    }

    impl Provider for Script {
        fn info(&self) -> ProviderInfo {
            ProviderInfo {
                kind: "openai".into(),
                model: "gpt-4o-mini".into(),
            }
        }
        fn prices(&self) -> (f64, f64) {
            (0.15, 0.60)
        }
        async fn generate(&self, task: Task<'_>) -> Result<Generation, ProviderError> {
            self.prompts.borrow_mut().push(task.prompt.template.clone());
            let content = self.answers.borrow_mut().remove(0)?;
            Ok(Generation {
                content,
                repairs: vec![],
                input_tokens: 1000,
                output_tokens: 500,
            })
        }
    }

    fn product() -> Product {
        serde_json::from_value(json!({
            "name": "Walnut Cutting Board", "keyphrase": "walnut cutting board",
            "sku": "WCB-1", "gtin": "4006381333931",
            "categories": ["Kitchen"], "features": ["Solid walnut", "Juice groove"],
            "images": [{"src": "a.jpg"}, {"src": "b.jpg"}, {"src": "c.jpg"}, {"src": "d.jpg"}],
            "regular_price": "49.00", "currency": "EUR"
        }))
        .unwrap()
    }

    fn offline_content(p: &Product) -> GeneratedContent {
        proseo_core::writer::write(p, &PromptOptions::default()).unwrap()
    }

    /// The pipeline scores with the core's one function for generated content, so a German
    /// product with synonyms is scored in German with its synonyms (what the CLI does too).
    #[test]
    fn scores_like_every_other_consumer() {
        let mut p = product();
        p.language = Some("de_DE".into());
        let content = offline_content(&product());
        let opts = PromptOptions {
            synonyms: vec!["cutting board".into()],
            ..PromptOptions::default()
        };
        let (analysis, _, score) = super::score(&p, &opts, Channel::Woocommerce, &content);
        let expected = proseo_core::analysis::score_generated(&p, &content, &opts);
        assert_eq!(analysis, expected);
        assert_eq!(analysis.language, proseo_core::lang::Language::De);
        assert_eq!(score, expected.seo.score.min(expected.readability.score));
        let input = proseo_core::analysis::input_for_generated(&p, &content, &opts);
        assert_eq!(input.synonyms, ["cutting board"]);
        assert_eq!(input.locale, "de_DE");
    }

    #[test]
    fn offline_writes_once_even_with_a_target() {
        let p = product();
        let opts = PromptOptions::default();
        let spec = Spec {
            product: &p,
            options: &opts,
            channel: Channel::Woocommerce,
            target_score: Some(100),
            max_attempts: 5,
        };
        let out = block_on(run(&Offline, &spec, &Unlimited)).unwrap();
        assert_eq!(out.attempts, 1);
        assert_eq!(out.cost_micros, 0);
        assert!(out.score >= 80, "offline writer scored {}", out.score);
        assert_eq!(out.provider.kind, "offline");
    }

    #[test]
    fn revise_loop_feeds_back_until_the_target() {
        let p = product();
        let good = offline_content(&p);
        let poor = GeneratedContent {
            description: "<p>Board.</p>".into(),
            ..GeneratedContent::default()
        };
        let s = Script {
            answers: RefCell::new(vec![Ok(poor), Ok(good)]),
            prompts: RefCell::new(vec![]),
        };
        let opts = PromptOptions::default();
        let spec = Spec {
            product: &p,
            options: &opts,
            channel: Channel::Woocommerce,
            target_score: Some(70),
            max_attempts: 3,
        };
        let out = block_on(run(&s, &spec, &Unlimited)).unwrap();
        assert_eq!(out.attempts, 2);
        assert!(out.score >= 70);
        assert_eq!(
            *s.prompts.borrow(),
            ["long_description", "revise:long_description"]
        );
        assert_eq!((out.input_tokens, out.output_tokens), (2000, 1000));
        assert_eq!(out.cost_micros, 900);
    }

    #[test]
    fn best_attempt_wins_and_late_failures_keep_it() {
        let p = product();
        let good = offline_content(&p);
        let poor = GeneratedContent {
            description: "<p>Board.</p>".into(),
            ..GeneratedContent::default()
        };
        let s = Script {
            answers: RefCell::new(vec![
                Ok(good.clone()),
                Ok(poor),
                Err(ProviderError::Timeout { after_ms: 10 }),
            ]),
            prompts: RefCell::new(vec![]),
        };
        let opts = PromptOptions::default();
        let spec = Spec {
            product: &p,
            options: &opts,
            channel: Channel::Woocommerce,
            target_score: Some(101),
            max_attempts: 3,
        };
        let out = block_on(run(&s, &spec, &Unlimited)).unwrap();
        assert_eq!(out.content, good);
        assert_eq!(out.attempts, 3);
        assert_eq!(
            out.last_error,
            Some(ProviderError::Timeout { after_ms: 10 })
        );
    }

    #[test]
    fn first_failure_is_an_error() {
        let p = product();
        let s = Script {
            answers: RefCell::new(vec![Err(ProviderError::Http {
                status: 401,
                message: "bad key".into(),
            })]),
            prompts: RefCell::new(vec![]),
        };
        let opts = PromptOptions::default();
        let spec = Spec {
            product: &p,
            options: &opts,
            channel: Channel::Woocommerce,
            target_score: None,
            max_attempts: 3,
        };
        match block_on(run(&s, &spec, &Unlimited)) {
            Err(GenError::Provider { error, attempts }) => {
                assert_eq!(attempts, 1);
                assert!(!error.retryable());
            }
            other => panic!("{other:?}"),
        }
        let bad = PromptOptions {
            template: proseo_core::prompt::TemplateRef::Custom("{% if %}".into()),
            ..PromptOptions::default()
        };
        let spec = Spec {
            options: &bad,
            ..spec
        };
        assert!(matches!(
            block_on(run(&Offline, &spec, &Unlimited)),
            Err(GenError::Prompt(_))
        ));
    }
}
