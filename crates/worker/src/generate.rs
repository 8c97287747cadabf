//! One product through the whole pipeline: prompt → provider → parse → sanitize → validate →
//! analyze, and with a `target_score` the revise loop (the failing checks go back to the model)
//! until the score is reached or `max_attempts` is spent. Used by `POST /generate`, the queue
//! consumer and `regenerate`, so all three behave the same.
//!
//! Model output is untrusted: what leaves this module (returned, stored, exported) is the
//! sanitized content; the validation report is made from the raw answer, so markup the sanitizer
//! had to remove shows as an `unsafe_html` error and marks the outcome [`Outcome::unsafe_html`].
//! A clean attempt always beats an unsafe one, whatever the scores.
//!
//! Content in another language than the one asked for (the product's, else the options', else
//! the one its data is written in: `analysis::locale_for`) is a `language_mismatch` error in
//! the validation report (`validate::check_language`, only when the guess is sure): it goes
//! back to the model first in the revision, an attempt in the right language beats it, and if
//! every attempt is in the wrong language nothing is returned or stored
//! ([`GenError::LanguageMismatch`]).

use proseo_core::analysis::{keyphrase_for, locale_for, score_generated, Analysis};
use proseo_core::content::GeneratedContent;
use proseo_core::product::Product;
use proseo_core::prompt::{render, revise_with_issues, PromptError, PromptOptions, Repair};
use proseo_core::report::{Issue, Report};
use proseo_core::validate::{check_language, validate_content, Channel};

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
    /// The content is in another language than the one asked for (the issue is also in
    /// `validation`). [`run`] never returns such an outcome.
    pub language_mismatch: Option<Issue>,
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
    /// Every attempt was written in another language than the one asked for
    /// (`language_mismatch`): nothing to return or store.
    LanguageMismatch {
        /// The last attempt's `language_mismatch` issue (its message names both languages).
        issue: Issue,
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

/// One attempt's answer made safe and judged.
struct Assessed {
    content: GeneratedContent,
    analysis: Analysis,
    validation: Report,
    unsafe_html: bool,
    language_mismatch: Option<Issue>,
    score: u8,
}

/// One attempt's answer made safe: the sanitized content scored and its language checked, the
/// raw answer validated.
fn assess(spec: &Spec<'_>, raw: GeneratedContent) -> Assessed {
    let clean = proseo_core::validate::sanitize_content(&raw);
    let (analysis, _, score) = score(spec.product, spec.options, spec.channel, &clean.content);
    let mut validation = validate_content(&raw, spec.channel);
    let language_mismatch = check_language(&clean.content, &locale_for(spec.product, spec.options));
    if let Some(issue) = &language_mismatch {
        validation.push(
            issue.path.clone(),
            &issue.code,
            issue.severity,
            issue.message.clone(),
        );
    }
    Assessed {
        content: clean.content,
        analysis,
        validation,
        unsafe_html: clean.unsafe_removed,
        language_mismatch,
        score,
    }
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
                    if let Some(issue) = b.language_mismatch.take() {
                        return Err(GenError::LanguageMismatch { issue, attempts });
                    }
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
        let a = assess(spec, generation.content);
        // A clean attempt beats an unsafe one, then one in the right language beats one in the
        // wrong language; among equals, the higher score wins.
        let rank = |unsafe_html: bool, mismatch: bool, score: u8| (!unsafe_html, !mismatch, score);
        let better = best.as_ref().is_none_or(|b| {
            rank(a.unsafe_html, a.language_mismatch.is_some(), a.score)
                > rank(b.unsafe_html, b.language_mismatch.is_some(), b.score)
        });
        if better {
            best = Some(Outcome {
                content: a.content,
                analysis: a.analysis,
                validation: a.validation,
                unsafe_html: a.unsafe_html,
                language_mismatch: a.language_mismatch,
                score: a.score,
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
        let reached = !b.unsafe_html
            && b.language_mismatch.is_none()
            && spec.target_score.is_none_or(|t| b.score >= t);
        if reached || provider.deterministic() || attempts >= max {
            break;
        }
        let target = spec.target_score.unwrap_or(0);
        let issues: Vec<Issue> = b.language_mismatch.iter().cloned().collect();
        prompt = revise_with_issues(
            spec.options,
            spec.product,
            &b.content,
            &b.analysis,
            target,
            &issues,
        )
        .map_err(GenError::Prompt)?;
    }
    let mut out = best.ok_or(GenError::Stopped)?;
    if let Some(issue) = out.language_mismatch.take() {
        return Err(GenError::LanguageMismatch { issue, attempts });
    }
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

    /// A model that answers from a script and records the user prompts it saw.
    struct Answers {
        answers: RefCell<Vec<GeneratedContent>>,
        users: RefCell<Vec<String>>,
    }

    impl Provider for Answers {
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
            self.users.borrow_mut().push(task.prompt.user.clone());
            Ok(Generation {
                content: self.answers.borrow_mut().remove(0),
                repairs: vec![],
                input_tokens: 1000,
                output_tokens: 500,
            })
        }
    }

    /// A German product the model answers in English: the mismatch goes back to the model
    /// first; a German answer is then kept; English every time fails with the code.
    #[test]
    fn english_for_a_german_request_is_revised_or_fails() {
        let mut p = product();
        p.name = "Schneidebrett aus Walnuss".into();
        p.keyphrase = Some("Schneidebrett aus Walnuss".into());
        p.language = Some("de-DE".into());
        let opts = PromptOptions::default();
        let english = offline_content(&Product {
            language: Some("en".into()),
            ..p.clone()
        });
        let german = proseo_core::writer::write(&p, &opts).unwrap();
        let spec = Spec {
            product: &p,
            options: &opts,
            channel: Channel::Woocommerce,
            target_score: None,
            max_attempts: 3,
        };
        let model = Answers {
            answers: RefCell::new(vec![english.clone(), german.clone()]),
            users: RefCell::new(Vec::new()),
        };
        let out = block_on(run(&model, &spec, &Unlimited)).unwrap();
        assert_eq!(out.attempts, 2);
        assert_eq!(out.content, german);
        assert!(!out.validation.has("language_mismatch"));
        let users = model.users.borrow();
        assert!(!users[0].contains("language_mismatch"));
        assert!(
            users[1].contains("- language_mismatch (bad): the content is written in English"),
            "{}",
            users[1]
        );

        let model = Answers {
            answers: RefCell::new(vec![english.clone(), english.clone(), english]),
            users: RefCell::new(Vec::new()),
        };
        match block_on(run(&model, &spec, &Unlimited)) {
            Err(GenError::LanguageMismatch { issue, attempts }) => {
                assert_eq!(attempts, 3);
                assert_eq!(issue.code, "language_mismatch");
                assert!(issue.message.contains("German"), "{}", issue.message);
            }
            other => panic!("expected a language mismatch, got {other:?}"),
        }
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
