//! LLM providers behind one trait, [`Provider`]: OpenAI-compatible chat completions (OpenAI,
//! Groq, Ollama, vLLM…), Anthropic Messages, and the core's offline writer.
//!
//! The wire formats (request building, response parsing, error classification) are pure and
//! unit-tested here; the bytes travel through a [`Transport`], which the Worker implements
//! with `fetch` and a timeout (`crate::fetch`), and tests with a fake.

pub mod anthropic;
pub mod offline;
pub mod openai;
pub mod select;

use proseo_core::content::GeneratedContent;
use proseo_core::product::Product;
use proseo_core::prompt::{parse_completion, BuiltPrompt, PromptOptions, Repair};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub use anthropic::Anthropic;
pub use offline::Offline;
pub use openai::OpenAiCompatible;

/// An HTTP request a provider wants sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// Absolute URL.
    pub url: String,
    /// Header name/value pairs (secrets included: never log them).
    pub headers: Vec<(String, String)>,
    /// JSON body.
    pub body: String,
}

/// What came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// HTTP status.
    pub status: u16,
    /// Body text.
    pub body: String,
}

/// The largest provider answer read (a completion of 32,000 tokens is ≈ 130 KB; anything
/// much larger is a misbehaving endpoint, and reading it whole could exhaust the isolate).
pub const MAX_RESPONSE_BYTES: usize = 1 << 20;

/// Sends provider requests. The Worker's implementation is `fetch` with an abort timeout.
#[allow(async_fn_in_trait)] // single-threaded wasm: no Send bound needed
pub trait Transport {
    /// Sends `req`, giving up after `timeout_ms` with [`ProviderError::Timeout`]; network
    /// failures are [`ProviderError::Network`]; a body over [`MAX_RESPONSE_BYTES`] is
    /// [`ProviderError::Oversized`] (reading stops there).
    async fn send(&self, req: HttpRequest, timeout_ms: u32) -> Result<HttpResponse, ProviderError>;
}

/// Why a provider call failed. [`ProviderError::retryable`] decides between a queue retry and
/// a final failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProviderError {
    /// No answer within the timeout. Retryable.
    Timeout {
        /// The timeout that expired.
        after_ms: u32,
    },
    /// Connection refused, reset, DNS… Retryable.
    Network {
        /// What the runtime said.
        message: String,
    },
    /// The provider answered with an error status. 408/409/429/5xx are retryable, other 4xx
    /// (bad key, bad request) are not.
    Http {
        /// HTTP status.
        status: u16,
        /// The provider's error message, if it sent one.
        message: String,
    },
    /// A 2xx answer with no usable content (no JSON object even after repair, or a body that
    /// is not the provider's format). Retryable: usually a sampling fluke.
    Unusable {
        /// Why.
        message: String,
    },
    /// The answer was larger than [`MAX_RESPONSE_BYTES`]. Not retryable.
    Oversized {
        /// The limit.
        limit: usize,
    },
    /// The offline writer refused the product (no name, unsupported language). Not retryable.
    Writer {
        /// The writer's stable code.
        code: String,
        /// Its message.
        message: String,
    },
}

impl ProviderError {
    /// Worth retrying later?
    pub fn retryable(&self) -> bool {
        match self {
            ProviderError::Timeout { .. }
            | ProviderError::Network { .. }
            | ProviderError::Unusable { .. } => true,
            ProviderError::Http { status, .. } => {
                matches!(status, 408 | 409 | 425 | 429) || *status >= 500
            }
            ProviderError::Writer { .. } | ProviderError::Oversized { .. } => false,
        }
    }

    /// The status `POST /generate` answers with: 504 for a timeout, 422 for a product the
    /// offline writer refuses, 502 for everything else the provider did.
    pub fn http_status(&self) -> u16 {
        match self {
            ProviderError::Timeout { .. } => 504,
            ProviderError::Writer { .. } => 422,
            _ => 502,
        }
    }

    /// Stable code for items and API errors.
    pub fn code(&self) -> &str {
        match self {
            ProviderError::Timeout { .. } => "provider_timeout",
            ProviderError::Writer { code, .. } => code,
            _ => "provider_error",
        }
    }

    /// One-line description (no secrets: provider messages never echo keys back in full,
    /// and request headers are never included).
    pub fn message(&self) -> String {
        match self {
            ProviderError::Timeout { after_ms } => {
                format!("the provider did not answer within {after_ms} ms")
            }
            ProviderError::Network { message } => format!("cannot reach the provider: {message}"),
            ProviderError::Http { status, message } if message.is_empty() => {
                format!("the provider answered HTTP {status}")
            }
            ProviderError::Http { status, message } => {
                format!("the provider answered HTTP {status}: {message}")
            }
            ProviderError::Unusable { message } => {
                format!("the provider's answer is unusable: {message}")
            }
            ProviderError::Oversized { limit } => {
                format!("the provider's answer is larger than {limit} bytes")
            }
            ProviderError::Writer { message, .. } => message.clone(),
        }
    }
}

/// Which provider, for usage records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ProviderInfo {
    /// `offline`, `openai`, `openai_compatible` or `anthropic`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Model name.
    pub model: String,
}

/// One generation request: the prompt plus what the offline writer needs.
#[derive(Debug, Clone, Copy)]
pub struct Task<'a> {
    /// The rendered prompt (LLMs).
    pub prompt: &'a BuiltPrompt,
    /// The product (offline writer).
    pub product: &'a Product,
    /// The options (offline writer).
    pub options: &'a PromptOptions,
}

/// What one provider call produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Generation {
    /// The content.
    pub content: GeneratedContent,
    /// What `parse_completion` repaired.
    pub repairs: Vec<Repair>,
    /// Prompt tokens as the provider counted them.
    pub input_tokens: u32,
    /// Completion tokens.
    pub output_tokens: u32,
}

/// A text generator for product content.
#[allow(async_fn_in_trait)] // single-threaded wasm: no Send bound needed
pub trait Provider {
    /// Type and model.
    fn info(&self) -> ProviderInfo;
    /// Does the same task always give the same answer? (Then a revise loop is pointless.)
    fn deterministic(&self) -> bool {
        false
    }
    /// Prices in USD per million tokens (input, output).
    fn prices(&self) -> (f64, f64);
    /// Generates content for `task`.
    async fn generate(&self, task: Task<'_>) -> Result<Generation, ProviderError>;
}

/// Settings shared by the HTTP providers (an integration's `settings`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct LlmSettings {
    /// Model name (default per provider type).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200)))]
    pub model: Option<String>,
    /// API base URL, e.g. `https://api.groq.com/openai/v1` or `http://127.0.0.1:11434/v1`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            length(max = 2048),
            pattern(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$")
        )
    )]
    pub base_url: Option<String>,
    /// Give up after this many milliseconds (default 60,000; 1,000–300,000).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(range(min = 1_000, max = 300_000))
    )]
    pub timeout_ms: u32,
    /// Completion token limit (default 2,048).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 64, max = 32_000)))]
    pub max_tokens: u32,
    /// Sampling temperature (default 0.7).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0, max = 2.0)))]
    pub temperature: f32,
    /// USD per million prompt tokens (default: the published price of known models, else 0).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0, max = 1_000.0)))]
    pub price_input_per_mtok: Option<f64>,
    /// USD per million completion tokens.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0.0, max = 1_000.0)))]
    pub price_output_per_mtok: Option<f64>,
}

impl Default for LlmSettings {
    fn default() -> Self {
        Self {
            model: None,
            base_url: None,
            timeout_ms: 60_000,
            max_tokens: 2_048,
            temperature: 0.7,
            price_input_per_mtok: None,
            price_output_per_mtok: None,
        }
    }
}

impl LlmSettings {
    /// The configured model, else the provider's default.
    pub fn model_or<'a>(&'a self, default: &'a str) -> &'a str {
        self.model.as_deref().unwrap_or(default)
    }

    /// The configured base URL (without a trailing slash), else the provider's default.
    pub fn base_url_or<'a>(&'a self, default: &'a str) -> &'a str {
        self.base_url
            .as_deref()
            .unwrap_or(default)
            .trim_end_matches('/')
    }

    /// Prices for `model`: the settings' own, else the published list price of a known model.
    pub fn prices_for(&self, model: &str) -> (f64, f64) {
        let (i, o) = list_price(model).unwrap_or((0.0, 0.0));
        (
            self.price_input_per_mtok.unwrap_or(i),
            self.price_output_per_mtok.unwrap_or(o),
        )
    }
}

/// Published list prices (USD per million input/output tokens) of common models, matched by
/// prefix. Tenants override them per integration.
fn list_price(model: &str) -> Option<(f64, f64)> {
    const PRICES: &[(&str, f64, f64)] = &[
        ("gpt-4o-mini", 0.15, 0.60),
        ("gpt-4o", 2.50, 10.00),
        ("gpt-4.1-nano", 0.10, 0.40),
        ("gpt-4.1-mini", 0.40, 1.60),
        ("gpt-4.1", 2.00, 8.00),
        ("claude-3-5-haiku", 0.80, 4.00),
        ("claude-haiku-4-5", 1.00, 5.00),
        ("claude-3-5-sonnet", 3.00, 15.00),
        ("claude-3-7-sonnet", 3.00, 15.00),
        ("claude-sonnet-4", 3.00, 15.00),
        ("llama-3.1-8b-instant", 0.05, 0.08),
        ("llama-3.3-70b-versatile", 0.59, 0.79),
    ];
    PRICES
        .iter()
        .find(|(prefix, _, _)| model.starts_with(prefix))
        .map(|&(_, i, o)| (i, o))
}

/// Cost in micro-dollars (integers add up exactly in SQL).
pub fn cost_micros(prices: (f64, f64), input_tokens: u32, output_tokens: u32) -> i64 {
    let usd = f64::from(input_tokens) * prices.0 / 1e6 + f64::from(output_tokens) * prices.1 / 1e6;
    // Non-negative and far below i64::MAX for any real token count.
    (usd * 1e6).round() as i64
}

/// Parses the model's text into content, or [`ProviderError::Unusable`].
pub fn content_from_text(text: &str) -> Result<(GeneratedContent, Vec<Repair>), ProviderError> {
    parse_completion(text)
        .map(|c| (c.content, c.repairs))
        .map_err(|e| ProviderError::Unusable {
            message: e.to_string(),
        })
}

/// The provider's own error message out of an error body (OpenAI `{error:{message}}`,
/// Anthropic `{error:{message}}`, or plain text), shortened.
pub fn error_message(body: &str) -> String {
    let msg = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| {
            v.pointer("/error/message")
                .or_else(|| v.pointer("/message"))
                .or_else(|| v.get("error"))
                .and_then(|m| m.as_str().map(str::to_owned))
        })
        .unwrap_or_else(|| body.trim().to_owned());
    msg.chars().take(300).collect()
}

/// Sends a provider request and parses a 2xx answer with `parse`; other statuses are
/// [`ProviderError::Http`] with the provider's own message.
pub async fn exchange<T: Transport>(
    transport: &T,
    req: HttpRequest,
    timeout_ms: u32,
    task: Task<'_>,
    parse: fn(&str, u32) -> Result<Generation, ProviderError>,
) -> Result<Generation, ProviderError> {
    let resp = transport.send(req, timeout_ms).await?;
    if !(200..300).contains(&resp.status) {
        return Err(ProviderError::Http {
            status: resp.status,
            message: error_message(&resp.body),
        });
    }
    parse(&resp.body, task.prompt.estimated_tokens)
}

/// The body of a JSON-schema-constrained answer request, shared by the providers' tests.
pub fn schema_hint(prompt: &BuiltPrompt) -> Value {
    json!({ "name": "product_content", "schema": prompt.schema })
}

#[cfg(test)]
pub(crate) mod testing {
    //! A scripted transport for the providers' unit tests.
    use super::*;
    use std::cell::RefCell;

    pub struct Scripted {
        pub answers: RefCell<Vec<Result<HttpResponse, ProviderError>>>,
        pub seen: RefCell<Vec<HttpRequest>>,
    }

    impl Scripted {
        pub fn new(answers: Vec<Result<HttpResponse, ProviderError>>) -> Self {
            Self {
                answers: RefCell::new(answers),
                seen: RefCell::new(Vec::new()),
            }
        }
    }

    impl Transport for Scripted {
        async fn send(
            &self,
            req: HttpRequest,
            _timeout_ms: u32,
        ) -> Result<HttpResponse, ProviderError> {
            self.seen.borrow_mut().push(req);
            let mut a = self.answers.borrow_mut();
            if a.is_empty() {
                return Err(ProviderError::Network {
                    message: "script exhausted".into(),
                });
            }
            a.remove(0)
        }
    }

    /// Polls a future that never waits (the scripted transport is synchronous).
    pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
        use std::task::{Context, Poll, Waker};
        let mut f = std::pin::pin!(f);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }

    pub fn prompt() -> BuiltPrompt {
        let product: Product = serde_json::from_value(json!({"name": "Linen Apron"})).unwrap();
        proseo_core::prompt::render(&PromptOptions::default(), &product).unwrap()
    }

    pub const GOOD_JSON: &str = r#"{"description":"<p>A linen apron.</p>","short_description":"Apron.","seo_title":"Linen apron","meta_description":"A linen apron.","slug":"linen-apron","image_alt":[],"bullets":[]}"#;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        let http = |status| ProviderError::Http {
            status,
            message: String::new(),
        };
        for s in [408, 409, 429, 500, 502, 503, 529] {
            assert!(http(s).retryable(), "{s}");
        }
        for s in [400, 401, 403, 404, 422] {
            assert!(!http(s).retryable(), "{s}");
        }
        assert!(ProviderError::Timeout { after_ms: 5 }.retryable());
        assert_eq!(
            ProviderError::Timeout { after_ms: 5 }.code(),
            "provider_timeout"
        );
        assert_eq!(http(500).code(), "provider_error");
        assert_eq!(http(401).http_status(), 502);
        assert_eq!(ProviderError::Timeout { after_ms: 5 }.http_status(), 504);
        let writer = ProviderError::Writer {
            code: "writer_missing_name".into(),
            message: String::new(),
        };
        assert_eq!(
            (writer.http_status(), writer.code()),
            (422, "writer_missing_name")
        );
    }

    #[test]
    fn costs() {
        let s = LlmSettings::default();
        assert_eq!(s.prices_for("gpt-4o-mini-2024-07-18"), (0.15, 0.60));
        assert_eq!(s.prices_for("my-local-model"), (0.0, 0.0));
        assert_eq!(cost_micros((0.15, 0.60), 1_000, 500), 450);
        let custom = LlmSettings {
            price_input_per_mtok: Some(1.0),
            ..LlmSettings::default()
        };
        assert_eq!(custom.prices_for("gpt-4o-mini"), (1.0, 0.60));
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            error_message(r#"{"error":{"message":"bad key"}}"#),
            "bad key"
        );
        assert_eq!(
            error_message(
                r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#
            ),
            "Overloaded"
        );
        assert_eq!(error_message(" oops "), "oops");
    }
}
