//! OpenAI-compatible chat completions (`POST {base_url}/chat/completions`): OpenAI itself,
//! Groq, Ollama, vLLM, LM Studio, OpenRouter…

use serde::Deserialize;
use serde_json::json;

use super::{
    content_from_text, exchange, schema_hint, Generation, HttpRequest, LlmSettings, Provider,
    ProviderError, ProviderInfo, Task, Transport,
};

/// OpenAI's public endpoint.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";
/// Default model when an integration names none.
pub const DEFAULT_MODEL: &str = "gpt-4o-mini";

/// An OpenAI-compatible provider.
pub struct OpenAiCompatible<'t, T: Transport> {
    /// `openai` or `openai_compatible` (usage records keep the distinction).
    pub kind: &'static str,
    /// Bearer key (Ollama and vLLM accept none).
    pub api_key: Option<String>,
    /// Settings.
    pub settings: LlmSettings,
    /// The transport.
    pub transport: &'t T,
}

impl<T: Transport> OpenAiCompatible<'_, T> {
    fn model(&self) -> &str {
        self.settings.model_or(DEFAULT_MODEL)
    }

    /// The HTTP request for `task`. Strict JSON-schema output is only requested from OpenAI
    /// itself; other servers get `json_object` mode, which all of them understand.
    pub fn request(&self, task: Task<'_>) -> HttpRequest {
        let base = self.settings.base_url_or(DEFAULT_BASE_URL);
        let response_format = if self.kind == "openai" {
            let mut s = schema_hint(task.prompt);
            s["strict"] = json!(false);
            json!({ "type": "json_schema", "json_schema": s })
        } else {
            json!({ "type": "json_object" })
        };
        let body = json!({
            "model": self.model(),
            "messages": [
                { "role": "system", "content": task.prompt.system },
                { "role": "user", "content": task.prompt.user },
            ],
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
            "response_format": response_format,
        });
        let mut headers = vec![("content-type".to_owned(), "application/json".to_owned())];
        if let Some(key) = &self.api_key {
            headers.push(("authorization".to_owned(), format!("Bearer {key}")));
        }
        HttpRequest {
            url: format!("{base}/chat/completions"),
            headers,
            body: body.to_string(),
        }
    }
}

#[derive(Deserialize)]
struct ChatResponse {
    choices: Vec<Choice>,
    #[serde(default)]
    usage: Option<Usage>,
}

#[derive(Deserialize)]
struct Choice {
    message: Message,
    #[serde(default)]
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    refusal: Option<String>,
}

#[derive(Deserialize)]
struct Usage {
    #[serde(default)]
    prompt_tokens: u32,
    #[serde(default)]
    completion_tokens: u32,
}

/// Parses a chat-completions body (status 2xx).
pub fn parse(body: &str, estimated_input: u32) -> Result<Generation, ProviderError> {
    let resp: ChatResponse = serde_json::from_str(body).map_err(|e| ProviderError::Unusable {
        message: format!("not a chat completion: {e}"),
    })?;
    let choice = resp
        .choices
        .into_iter()
        .next()
        .ok_or(ProviderError::Unusable {
            message: "no choices".into(),
        })?;
    if let Some(refusal) = choice.message.refusal.filter(|r| !r.is_empty()) {
        return Err(ProviderError::Unusable {
            message: format!(
                "the model refused: {}",
                refusal.chars().take(200).collect::<String>()
            ),
        });
    }
    let text = choice.message.content.unwrap_or_default();
    let (content, repairs) =
        content_from_text(&text).map_err(|e| match (e, choice.finish_reason.as_deref()) {
            (ProviderError::Unusable { message }, Some("length")) => ProviderError::Unusable {
                message: format!("{message} (the answer hit max_tokens)"),
            },
            (e, _) => e,
        })?;
    let (input_tokens, output_tokens) = match resp.usage {
        Some(u) => (u.prompt_tokens, u.completion_tokens),
        None => (estimated_input, proseo_core::prompt::estimate_tokens(&text)),
    };
    Ok(Generation {
        content,
        repairs,
        input_tokens,
        output_tokens,
    })
}

impl<T: Transport> Provider for OpenAiCompatible<'_, T> {
    fn info(&self) -> ProviderInfo {
        ProviderInfo {
            kind: self.kind.to_owned(),
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
            "id": "x", "object": "chat.completion",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": format!("```json\n{GOOD_JSON}\n```")}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 321, "completion_tokens": 123, "total_tokens": 444}
        });
        let t = Scripted::new(vec![Ok(HttpResponse {
            status: 200,
            body: body.to_string(),
        })]);
        let p = OpenAiCompatible {
            kind: "openai_compatible",
            api_key: Some("sk-test-1".into()),
            settings: LlmSettings {
                base_url: Some("http://127.0.0.1:9/v1/".into()),
                model: Some("llama3".into()),
                ..LlmSettings::default()
            },
            transport: &t,
        };
        let prompt = prompt();
        let product: Product = serde_json::from_value(json!({"name": "Linen Apron"})).unwrap();
        let opts = PromptOptions::default();
        let g = block_on(p.generate(Task {
            prompt: &prompt,
            product: &product,
            options: &opts,
        }))
        .unwrap();
        assert_eq!(g.content.slug, "linen-apron");
        assert_eq!((g.input_tokens, g.output_tokens), (321, 123));
        assert!(!g.repairs.is_empty());
        let seen = t.seen.borrow();
        assert_eq!(seen[0].url, "http://127.0.0.1:9/v1/chat/completions");
        assert!(seen[0]
            .headers
            .contains(&("authorization".into(), "Bearer sk-test-1".into())));
        let sent: serde_json::Value = serde_json::from_str(&seen[0].body).unwrap();
        assert_eq!(sent["model"], "llama3");
        assert_eq!(sent["messages"][0]["role"], "system");
        assert_eq!(sent["response_format"]["type"], "json_object");
    }

    #[test]
    fn errors() {
        let t = Scripted::new(vec![
            Ok(HttpResponse { status: 429, body: r#"{"error":{"message":"slow down"}}"#.into() }),
            Ok(HttpResponse { status: 401, body: r#"{"error":{"message":"bad key"}}"#.into() }),
            Ok(HttpResponse { status: 200, body: "<html>".into() }),
            Ok(HttpResponse {
                status: 200,
                body: json!({"choices": [{"message": {"content": "I cannot help"}, "finish_reason": "stop"}]}).to_string(),
            }),
        ]);
        let p = OpenAiCompatible {
            kind: "openai",
            api_key: None,
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
        let e = block_on(p.generate(task)).unwrap_err();
        assert_eq!(
            e,
            ProviderError::Http {
                status: 429,
                message: "slow down".into()
            }
        );
        assert!(e.retryable());
        let e = block_on(p.generate(task)).unwrap_err();
        assert!(!e.retryable());
        assert!(matches!(
            block_on(p.generate(task)),
            Err(ProviderError::Unusable { .. })
        ));
        assert!(matches!(
            block_on(p.generate(task)),
            Err(ProviderError::Unusable { .. })
        ));
        let sent: serde_json::Value = serde_json::from_str(&t.seen.borrow()[0].body).unwrap();
        assert_eq!(sent["response_format"]["type"], "json_schema");
        assert_eq!(
            t.seen.borrow()[0].url,
            "https://api.openai.com/v1/chat/completions"
        );
    }
}
