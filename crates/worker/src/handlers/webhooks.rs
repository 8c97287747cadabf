//! Signed webhook imports: the tenant's signing secrets (create, list, revoke) and
//! `POST /webhooks/{source}`, which upserts the delivered products into the catalog by their
//! id and, when asked, generates the ones that need it in a catalog job. The signature was
//! verified before the body was read as JSON (`crate::webhooks`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use proseo_core::product::Product;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::api::{decode, ApiError, ApiResult, PageRequest};
use crate::catalog::{self, Incoming, Prepared, SourceKind};
use crate::jobs::fill::{NewCatalogJob, Selection};
use crate::wire::{
    CreateWebhookSecret, InvalidProduct, ItemError, WebhookResult, WebhookSecretView,
};
use crate::{args, config, crypto, ids, time, webhooks, Ctx, Reply, Req};

/// Products in one delivery at most (each is one row of one D1 transaction).
pub const MAX_PRODUCTS: usize = catalog::store::MAX_UPSERT;
/// Active signing secrets per tenant at most (rotation: add, switch, revoke).
pub const MAX_ACTIVE: i64 = 2;
/// Invalid products listed in an answer at most.
const MAX_LISTED: usize = 50;

#[derive(Deserialize)]
struct Row {
    id: String,
    created_at: i64,
    revoked_at: Option<i64>,
}

fn view(r: Row) -> WebhookSecretView {
    WebhookSecretView {
        id: r.id,
        created_at: time::rfc3339(r.created_at),
        revoked_at: r.revoked_at.map(time::rfc3339),
        secret: None,
    }
}

/// `POST /webhook-secrets`.
pub async fn create_secret(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let body: CreateWebhookSecret = if req.json_checked {
        decode(req)?
    } else {
        CreateWebhookSecret::default()
    };
    let secret = match body.secret {
        Some(s) => s,
        None => format!(
            "whsec_{}",
            URL_SAFE_NO_PAD.encode(ids::random_bytes::<32>()?)
        ),
    };
    let master = config::encryption_key(cx.env).ok_or_else(|| {
        crate::log::error(
            "config",
            "ENCRYPTION_KEY is missing or weak: webhook secrets cannot be sealed",
        );
        ApiError::internal()
    })?;
    let id = ids::id("whk")?;
    let sealed = crypto::seal(master.as_bytes(), tenant, ids::nonce()?, secret.as_bytes());
    // Guarded: two concurrent creates cannot both pass the limit.
    let inserted = cx
        .db
        .run(
            "INSERT INTO webhook_secrets (id, tenant_id, secret, created_at) SELECT ?1, ?2, ?3, ?4 \
             WHERE (SELECT COUNT(*) FROM webhook_secrets WHERE tenant_id = ?2 AND revoked_at IS NULL) < ?5",
            &args![&id, tenant, &sealed, cx.now, MAX_ACTIVE],
        )
        .await?;
    if inserted == 0 {
        return Err(ApiError::new(
            409,
            "too_many_keys",
            format!("the tenant has {MAX_ACTIVE} active webhook secrets; revoke one first"),
        ));
    }
    cx.audit("webhook_secret.create", "webhook_secret", &id, json!({}))
        .await?;
    Ok(Reply::status(
        201,
        json!(WebhookSecretView {
            id,
            created_at: time::rfc3339(cx.now),
            revoked_at: None,
            secret: Some(secret),
        }),
    ))
}

/// `GET /webhook-secrets`.
pub async fn list_secrets(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    let page = PageRequest::from_query(&req.query)?;
    let total = cx
        .db
        .count(
            "SELECT COUNT(*) AS n FROM webhook_secrets WHERE tenant_id = ?",
            &args![tenant],
        )
        .await?;
    let rows: Vec<Row> = cx
        .db
        .all(
            "SELECT id, created_at, revoked_at FROM webhook_secrets WHERE tenant_id = ? ORDER BY created_at, id LIMIT ? OFFSET ?",
            &args![tenant, page.per_page, i64::try_from(page.offset()).unwrap_or(i64::MAX)],
        )
        .await?;
    Ok(Reply::list(
        json!(rows.into_iter().map(view).collect::<Vec<_>>()),
        page.meta(total),
    ))
}

/// `DELETE /webhook-secrets/{id}`: revoke (deliveries signed with it are refused at once).
pub async fn revoke_secret(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?;
    cx.db
        .run(
            "UPDATE webhook_secrets SET revoked_at = ? WHERE id = ? AND tenant_id = ? AND revoked_at IS NULL",
            &args![cx.now, req.id(), tenant],
        )
        .await?;
    let row: Row = cx
        .db
        .first(
            "SELECT id, created_at, revoked_at FROM webhook_secrets WHERE id = ? AND tenant_id = ?",
            &args![req.id(), tenant],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("webhook secret"))?;
    cx.audit(
        "webhook_secret.revoke",
        "webhook_secret",
        req.id(),
        json!({}),
    )
    .await?;
    Ok(Reply::ok(json!(view(row))))
}

/// A delivery as the handler needs it: each product prepared (validated, hashed, serialized)
/// as it is decoded, so a 5 MB body never holds its products twice.
#[derive(Debug, Default)]
pub struct WebhookInput {
    /// The products, ready to store.
    pub products: Vec<Prepared>,
    /// Generate what needs it.
    pub generate: bool,
    /// Template for the generation.
    pub template_id: Option<String>,
    /// Options over the template's.
    pub options: Option<Map<String, Value>>,
    /// Auto-approval threshold.
    pub approve_min_score: Option<u8>,
}

impl<'de> serde::Deserialize<'de> for WebhookInput {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

        struct Products<'a>(&'a mut Vec<Prepared>);
        impl<'de> DeserializeSeed<'de> for Products<'_> {
            type Value = ();
            fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_seq(self)
            }
        }
        impl<'de> Visitor<'de> for Products<'_> {
            type Value = ();
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of products")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
                while let Some(p) = seq.next_element::<Product>()? {
                    if self.0.len() >= MAX_PRODUCTS {
                        return Err(serde::de::Error::invalid_length(
                            MAX_PRODUCTS + 1,
                            &"at most 200 products",
                        ));
                    }
                    let Some(id) = p.id.clone().filter(|i| !i.trim().is_empty()) else {
                        return Err(serde::de::Error::missing_field("id"));
                    };
                    self.0.push(catalog::prepare(Incoming {
                        external_id: id,
                        product: p,
                        source_meta: None,
                        source_modified: None,
                    }));
                }
                Ok(())
            }
        }

        struct Delivery;
        impl<'de> Visitor<'de> for Delivery {
            type Value = WebhookInput;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a webhook delivery")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<WebhookInput, A::Error> {
                let mut out = WebhookInput::default();
                let mut products = false;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "products" => {
                            map.next_value_seed(Products(&mut out.products))?;
                            products = true;
                        }
                        "generate" => out.generate = map.next_value()?,
                        "template_id" => out.template_id = map.next_value()?,
                        "options" => out.options = map.next_value()?,
                        "approve_min_score" => out.approve_min_score = map.next_value()?,
                        // The schema allows no other field.
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                if !products {
                    return Err(serde::de::Error::missing_field("products"));
                }
                Ok(out)
            }
        }
        d.deserialize_map(Delivery)
    }
}

#[derive(Deserialize)]
struct Answer {
    answer: String,
}

#[derive(Deserialize)]
struct IdRow {
    id: String,
}

/// `POST /webhooks/{source}`.
pub async fn receive(cx: &Ctx<'_>, req: &Req) -> ApiResult<Reply> {
    let tenant = cx.tenant_id()?.to_owned();
    let source = req.id();
    if !webhooks::valid_source(source) {
        return Err(ApiError::field(
            "source",
            "invalid_source",
            "a source name is 1–64 lowercase letters, digits and hyphens, not starting with a hyphen",
        ));
    }
    let delivery = req.webhook_delivery.clone().unwrap_or_default();
    // A re-delivery answers the first answer and does nothing.
    let seen: Option<Answer> = cx
        .db
        .first(
            "SELECT answer FROM webhook_deliveries WHERE tenant_id = ? AND delivery = ? AND expires_at > ?",
            &args![&tenant, &delivery, cx.now],
        )
        .await?;
    if let Some(seen) = seen {
        let mut first: WebhookResult = serde_json::from_str(&seen.answer).map_err(|e| {
            crate::log::error("corrupt_row", &format!("webhook delivery answer: {e}"));
            ApiError::internal()
        })?;
        first.duplicate = true;
        return Ok(Reply::ok(json!(first)));
    }
    let input: WebhookInput = decode(req)?;
    let received = u32::try_from(input.products.len()).unwrap_or(u32::MAX);
    let invalid: Vec<InvalidProduct> = input
        .products
        .iter()
        .filter_map(|p| {
            p.invalid.as_ref().map(|m| InvalidProduct {
                external_id: p.external_id.clone(),
                message: m.clone(),
            })
        })
        .collect();
    let invalid_count = u32::try_from(invalid.len()).unwrap_or(u32::MAX);
    let counts = catalog::store::upsert(
        &cx.db,
        &tenant,
        source,
        SourceKind::Webhook,
        &input.products,
        cx.now,
    )
    .await?;
    let mut answer = WebhookResult {
        source: source.to_owned(),
        received,
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
        invalid: invalid.into_iter().take(MAX_LISTED).collect(),
        invalid_count,
        duplicate: false,
        job_id: None,
        generate_error: None,
    };
    if input.generate {
        match generate(cx, &tenant, source, &input).await {
            Ok(job_id) => answer.job_id = Some(job_id),
            Err(e) if e.status < 500 => {
                answer.generate_error = Some(ItemError {
                    code: e.code.to_string(),
                    message: e.message,
                })
            }
            Err(e) => return Err(e),
        }
    }
    // Remembered after the work: a concurrent duplicate may run too, to the same effect (the
    // upsert is idempotent), and the first answer stays.
    cx.db
        .run(
            "INSERT OR IGNORE INTO webhook_deliveries (tenant_id, delivery, source, answer, expires_at) VALUES (?, ?, ?, ?, ?)",
            &args![&tenant, &delivery, source, json!(answer).to_string(), cx.now + webhooks::DELIVERY_TTL_MS],
        )
        .await?;
    cx.audit(
        "webhook.receive",
        "webhook",
        source,
        json!({ "received": received, "created": answer.created, "updated": answer.updated, "job_id": answer.job_id }),
    )
    .await?;
    Ok(Reply::ok(json!(answer)))
}

/// A catalog job over the delivered products that need generation.
async fn generate(
    cx: &Ctx<'_>,
    tenant: &str,
    source: &str,
    input: &WebhookInput,
) -> ApiResult<String> {
    let external: Vec<&str> = input
        .products
        .iter()
        .map(|p| p.external_id.as_str())
        .collect();
    let ids: Vec<IdRow> = cx
        .db
        .all(
            "SELECT id FROM catalog_products WHERE tenant_id = ? AND source = ? AND external_id IN (SELECT value FROM json_each(?))",
            &args![tenant, source, serde_json::to_string(&external).unwrap_or_default()],
        )
        .await?;
    let (options, template_id) = super::resolve_options(
        &cx.db,
        tenant,
        input.template_id.as_deref(),
        input.options.as_ref(),
    )
    .await?;
    let channel = super::channel(None, &options.channel)?;
    let (job_id, _) = crate::jobs::fill::create_catalog_job(
        &cx.db,
        NewCatalogJob {
            tenant,
            name: &format!("webhook {source}"),
            template_id,
            source: "webhook",
            options: json!(options).to_string(),
            channel: channel.id(),
            target_score: None,
            max_attempts: 3,
            approve_min_score: input.approve_min_score,
            created_by: &cx.who()?.actor,
            selection: Selection {
                filter: catalog::Filter {
                    ids: Some(ids.into_iter().map(|r| r.id).collect()),
                    ..catalog::Filter::default()
                },
                force: false,
            },
        },
        cx.now,
    )
    .await?;
    super::pump_outbox(cx, tenant, &job_id).await;
    Ok(job_id)
}
