//! Anthropic Messages (`POST {base_url}/messages`, `x-api-key`, `anthropic-version`).

use serde::Deserialize;
use serde_json::json;

use super::{
    content_from_text, exchange, Generation, HttpRequest, LlmSettings, Provider, ProviderError,
    ProviderInfo, Task, Transport,
};

/// Anthropic's public endpoint.
pub const DEFAULT_BASE_URL: &str = "https://api.anthropic.com/v1";
/// Default model when an integration names none.
pub const DEFAULT_MODEL: &str = "claude-3-5-haiku-latest";
/// The API version header proseo speaks.
pub const API_VERSION: &str = "2023-06-01";

/// The Anthropic provider.
pub struct Anthropic<'t, T: Transport> {
    /// API key.
    pub api_key: String,
    /// Settings.
    pub settings: LlmSettings,
    /// The transport.
    pub transport: &'t T,
}

impl<T: Transport> Anthropic<'_, T> {
    fn model(&self) -> &str {
        self.settings.model_or(DEFAULT_MODEL)
    }

    /// The HTTP request for `task`.
    pub fn request(&self, task: Task<'_>) -> HttpRequest {
        let base = self.settings.base_url_or(DEFAULT_BASE_URL);
        let body = json!({
            "model": self.model(),
            "max_tokens": self.settings.max_tokens,
            "temperature": self.settings.temperature,
            "system": task.prompt.system,
            "messages": [{ "role": "user", "content": task.prompt.user }],
        });
        HttpRequest {
            url: format!("{base}/messages"),
            headers: vec![
                ("content-type".to_owned(), "application/json".to_owned()),
                ("x-api-key".to_owned(), self.api_key.clone()),
                ("anthropic-version".to_owned(), API_VERSION.to_owned()),
            ],
            body: body.to_string(),
        }
    }
}

#[derive(Deserialize)]
struct MessagesResponse {
    content: Vec<Block>,
    #[serde(default)]
    usage: Option<Usage>,
    #[serde(default)]
    stop_reason: Option<String>,
}

#[derive(Deserialize)]
struct Block {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    text: String,
}

#[derive(Deserialize)]
struct Usage {
    #[serde(default)]
    input_tokens: u32,
    #[serde(default)]
    output_tokens: u32,
}

/// Parses a Messages body (status 2xx).
pub fn parse(body: &str, estimated_input: u32) -> Result<Generation, ProviderError> {
    let resp: MessagesResponse =
        serde_json::from_str(body).map_err(|e| ProviderError::Unusable {
            message: format!("not a Messages response: {e}"),
        })?;
    let text: String = resp
        .content
        .iter()
        .filter(|b| b.kind == "text")
        .map(|b| b.text.as_str())
        .collect();
    let (content, repairs) =
        content_from_text(&text).map_err(|e| match (e, resp.stop_reason.as_deref()) {
            (ProviderError::Unusable { message }, Some("max_tokens")) => ProviderError::Unusable {
                message: format!("{message} (the answer hit max_tokens)"),
            },
            (e, _) => e,
        })?;
    let (input_tokens, output_tokens) = match resp.usage {
        Some(u) => (u.input_tokens, u.output_tokens),
        None => (estimated_input, proseo_core::prompt::estimate_tokens(&text)),
    };
    Ok(Generation {
        content,
        repairs,
        input_tokens,
        output_tokens,
    })
}

impl<T: Transport> Provider for Anthropic<'_, T> {
    fn info(&self) -> ProviderInfo {
        ProviderInfo {
            kind: "anthropic".to_owned(),
            model: self.model().to_owned(),
        }
    }

    fn prices(&self) -> (f64, f64) {
        self.settings.prices_for(self.model())
    }

    async fn generate(&self, task: Task<'_>) -> Result<Generation, ProviderError> {
        let req = self.request(task);
        exchange(self.transport, req, self.settings.timeout_ms, task, parse).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::testing::{block_on, prompt, Scripted, GOOD_JSON};
    use crate::providers::HttpResponse;
    use proseo_core::product::Product;
    use proseo_core::prompt::PromptOptions;

    #[test]
    fn request_and_answer() {
        let body = json!({
            "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-3-5-haiku-latest",
            "content": [{"type": "text", "text": format!("Here you go:\n{GOOD_JSON}")}],
            "stop_reason": "end_turn", "usage": {"input_tokens": 50, "output_tokens": 60}
        });
        let t = Scripted::new(vec![
            Ok(HttpResponse {
                status: 200,
                body: body.to_string(),
            }),
            Ok(HttpResponse {
                status: 529,
                body:
                    r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#
                        .into(),
            }),
        ]);
        let p = Anthropic {
            api_key: "sk-ant-test".into(),
            settings: LlmSettings::default(),
            transport: &t,
        };
        let prompt = prompt();
        let product: Product = serde_json::from_value(json!({"name": "Linen Apron"})).unwrap();
        let opts = PromptOptions::default();
        let task = Task {
            prompt: &prompt,
            product: &product,
            options: &opts,
        };
        let g = block_on(p.generate(task)).unwrap();
        assert_eq!(g.content.seo_title, "Linen apron");
        assert_eq!((g.input_tokens, g.output_tokens), (50, 60));
        let e = block_on(p.generate(task)).unwrap_err();
        assert_eq!(
            e,
            ProviderError::Http {
                status: 529,
                message: "Overloaded".into()
            }
        );
        assert!(e.retryable());
        let seen = t.seen.borrow();
        assert_eq!(seen[0].url, "https://api.anthropic.com/v1/messages");
        assert!(seen[0]
            .headers
            .contains(&("anthropic-version".into(), API_VERSION.into())));
        assert!(seen[0]
            .headers
            .contains(&("x-api-key".into(), "sk-ant-test".into())));
        let sent: serde_json::Value = serde_json::from_str(&seen[0].body).unwrap();
        assert_eq!(sent["system"], json!(prompt.system));
        assert_eq!(sent["messages"][0]["role"], "user");
    }
}
