//! The core's deterministic offline writer as a provider: the default when a tenant has no
//! LLM integration. Free, instant; writes en, es, de, fr, it, pt, nl and pl (other languages
//! are a 422 `writer_unsupported_language` whose message points to an LLM provider).

use super::{Generation, Provider, ProviderError, ProviderInfo, Task};
use proseo_core::error::ErrorCode;

/// The offline writer.
pub struct Offline;

impl Provider for Offline {
    fn info(&self) -> ProviderInfo {
        ProviderInfo {
            kind: "offline".to_owned(),
            model: "proseo-writer".to_owned(),
        }
    }

    fn deterministic(&self) -> bool {
        true
    }

    fn prices(&self) -> (f64, f64) {
        (0.0, 0.0)
    }

    async fn generate(&self, task: Task<'_>) -> Result<Generation, ProviderError> {
        let content = proseo_core::writer::write(task.product, task.options).map_err(|e| {
            ProviderError::Writer {
                code: e.code().to_owned(),
                message: e.to_string(),
            }
        })?;
        Ok(Generation {
            content,
            repairs: Vec::new(),
            input_tokens: 0,
            output_tokens: 0,
        })
    }
}
