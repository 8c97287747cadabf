//! Which provider generates for a tenant: the named integration, else the tenant's default,
//! else the core's offline writer. Reads the integration row and opens its sealed credentials.
//! Used by `POST /generate` and the queue consumer alike.

use serde::Deserialize;

use super::{
    Anthropic, Generation, LlmSettings, Offline, OpenAiCompatible, Provider, ProviderError,
    ProviderInfo, Task,
};
use crate::args;
use crate::crypto;
use crate::db::{Db, DbError};
use crate::fetch::WorkerFetch;

/// A provider chosen for a request or job item.
pub enum AnyProvider {
    /// The core's writer.
    Offline(Offline),
    /// OpenAI-compatible.
    OpenAi(OpenAiCompatible<'static, WorkerFetch>),
    /// Anthropic.
    Anthropic(Anthropic<'static, WorkerFetch>),
}

static FETCH: WorkerFetch = WorkerFetch;

impl AnyProvider {
    /// The longest one provider call may take (the offline writer answers at once).
    pub fn timeout_ms(&self) -> u32 {
        match self {
            AnyProvider::Offline(_) => 0,
            AnyProvider::OpenAi(p) => p.settings.timeout_ms,
            AnyProvider::Anthropic(p) => p.settings.timeout_ms,
        }
    }
}

impl Provider for AnyProvider {
    fn info(&self) -> ProviderInfo {
        match self {
            AnyProvider::Offline(p) => p.info(),
            AnyProvider::OpenAi(p) => p.info(),
            AnyProvider::Anthropic(p) => p.info(),
        }
    }
    fn deterministic(&self) -> bool {
        matches!(self, AnyProvider::Offline(_))
    }
    fn prices(&self) -> (f64, f64) {
        match self {
            AnyProvider::Offline(p) => p.prices(),
            AnyProvider::OpenAi(p) => p.prices(),
            AnyProvider::Anthropic(p) => p.prices(),
        }
    }
    async fn generate(&self, task: Task<'_>) -> Result<Generation, ProviderError> {
        match self {
            AnyProvider::Offline(p) => p.generate(task).await,
            AnyProvider::OpenAi(p) => p.generate(task).await,
            AnyProvider::Anthropic(p) => p.generate(task).await,
        }
    }
}

/// Why no provider could be chosen.
#[derive(Debug)]
pub enum SelectError {
    /// The named integration is not the tenant's.
    NotFound,
    /// The Worker is misconfigured (`ENCRYPTION_KEY` missing or unable to open the credentials):
    /// logged, never shown.
    Config(String),
    /// A stored row does not decode (`corrupt_integration`).
    Corrupt(String),
    /// D1 failed.
    Db(DbError),
}

impl From<DbError> for SelectError {
    fn from(e: DbError) -> Self {
        SelectError::Db(e)
    }
}

#[derive(Deserialize)]
struct IntegrationRow {
    #[serde(rename = "type")]
    kind: String,
    credentials: Option<String>,
    settings: String,
}

/// The provider for a tenant: the named integration, else the default one, else the offline
/// writer.
pub async fn provider_for(
    db: &Db,
    master_key: Option<&str>,
    tenant_id: &str,
    integration_id: Option<&str>,
) -> Result<AnyProvider, SelectError> {
    let row: Option<IntegrationRow> = match integration_id {
        Some(id) => Some(
            db.first(
                "SELECT type, credentials, settings FROM integrations WHERE id = ? AND tenant_id = ? AND type != 'woocommerce'",
                &args![id, tenant_id],
            )
            .await?
            .ok_or(SelectError::NotFound)?,
        ),
        None => {
            db.first(
                "SELECT type, credentials, settings FROM integrations WHERE tenant_id = ? AND is_default = 1 AND type != 'woocommerce'",
                &args![tenant_id],
            )
            .await?
        }
    };
    let Some(row) = row else {
        return Ok(AnyProvider::Offline(Offline));
    };
    let settings: LlmSettings = serde_json::from_str(&row.settings)
        .map_err(|e| SelectError::Corrupt(format!("integration settings: {e}")))?;
    let api_key = match &row.credentials {
        Some(sealed) => {
            let master = master_key
                .ok_or_else(|| SelectError::Config("ENCRYPTION_KEY is not set".into()))?;
            let plain = crypto::open(master.as_bytes(), tenant_id, sealed)
                .map_err(|e| SelectError::Config(format!("cannot open credentials: {e:?}")))?;
            let creds: crate::wire::Credentials = serde_json::from_slice(&plain)
                .map_err(|e| SelectError::Corrupt(format!("integration credentials: {e}")))?;
            creds.api_key
        }
        None => None,
    };
    Ok(match row.kind.as_str() {
        "openai" | "openai_compatible" => AnyProvider::OpenAi(OpenAiCompatible {
            kind: if row.kind == "openai" {
                "openai"
            } else {
                "openai_compatible"
            },
            api_key,
            settings,
            transport: &FETCH,
        }),
        "anthropic" => AnyProvider::Anthropic(Anthropic {
            api_key: api_key.unwrap_or_default(),
            settings,
            transport: &FETCH,
        }),
        "offline" => AnyProvider::Offline(Offline),
        other => return Err(SelectError::Corrupt(format!("integration type `{other}`"))),
    })
}
