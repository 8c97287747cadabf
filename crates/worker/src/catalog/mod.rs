//! The persistent catalog: one row per product of a source (a WooCommerce store, or a webhook
//! source), keyed by (source, external id), with its source data, its current generated content
//! and scores, the hashes that say whether that content is stale, and its sync state.
//!
//! - [`prepare`] (pure) turns a received product into what is stored: the product JSON, the
//!   *source hash* of the facts content is written from (the fields proseo writes back to the
//!   store are left out, so pushing content never makes a product look changed), the *data
//!   hash* of everything stored (a re-delivery of the same data writes nothing), and the core's
//!   validation verdict.
//! - [`store`] holds every statement that writes `catalog_products` (a tidy test checks it): the
//!   upserts of pulls and webhooks, deletes, the push results, and the statements the job
//!   pipeline runs in its own transactions (queued, committed, failed, reviewed…).
//! - [`read`] holds the queries: lists with filters, one product, the stats, and the
//!   candidates of a catalog job's chunk or a push step.
//!
//! A product *needs generation* when it has no content, or its content was written from
//! another source hash; a catalog job takes only those (unless forced), so re-running a job on
//! an unchanged store does nothing and a changed product is generated again.

pub mod duplicates;
pub mod read;
pub mod store;

use proseo_core::product::Product;
use proseo_core::report::Severity;
use proseo_core::validate::validate_product;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::db::Arg;

/// Where a product came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Pulled from a WooCommerce store (`source` is the store's integration id).
    Woocommerce,
    /// Delivered to `POST /webhooks/{source}` (`source` is that name).
    Webhook,
}

impl SourceKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Woocommerce => "woocommerce",
            SourceKind::Webhook => "webhook",
        }
    }
}

/// A product as received from a source, before it is stored.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// The source's id for it.
    pub external_id: String,
    /// The product, in the core's model.
    pub product: Product,
    /// What a push needs besides the product (JSON), e.g. the store's image ids.
    pub source_meta: Option<String>,
    /// The source's last-modified stamp (WooCommerce `date_modified_gmt`).
    pub source_modified: Option<String>,
}

/// A product ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The source's id.
    pub external_id: String,
    /// Name (for lists and search).
    pub name: String,
    /// SKU (for search).
    pub sku: Option<String>,
    /// The product JSON.
    pub product: String,
    /// See [`Incoming::source_meta`].
    pub source_meta: Option<String>,
    /// See [`Incoming::source_modified`].
    pub source_modified: Option<String>,
    /// Hash of the facts content is written from ([`source_hash`]).
    pub source_hash: String,
    /// Hash of everything stored: unchanged data is not written again.
    pub data_hash: String,
    /// The source has no description (blank or markup only).
    pub description_missing: bool,
    /// Why the core refuses to generate for it (its first validation error), if it does.
    pub invalid: Option<String>,
    /// The near-duplicate signature of its own description ([`fingerprint`]); stored while the
    /// product has no generated content.
    pub signature: String,
    /// The hash of its own description ([`fingerprint`]).
    pub content_hash: String,
}

/// What near-duplicate detection keeps of a description: its MinHash signature
/// ([`proseo_core::duplicate::Signature::of_html`], encoded) and the hex SHA-256 of the
/// description as stored (equal hashes: the very same text).
pub fn fingerprint(description: &str) -> (String, String) {
    (
        proseo_core::duplicate::Signature::of_html(description).encode(),
        crate::crypto::hex(&Sha256::digest(description.as_bytes())),
    )
}

/// Hex SHA-256 of the product facts content is written from: the product without the fields a
/// push writes back or that change without changing what there is to say about it
/// (description, short description, focus keyphrase, URL, image alt texts, stock status).
pub fn source_hash(product: &Product) -> String {
    let mut facts = product.clone();
    facts.description = None;
    facts.short_description = None;
    facts.keyphrase = None;
    facts.url = None;
    facts.in_stock = None;
    for image in &mut facts.images {
        image.alt = None;
    }
    let bytes = serde_json::to_vec(&facts).unwrap_or_default();
    crate::crypto::hex(&Sha256::digest(&bytes))
}

/// Is this HTML description empty once its markup and whitespace are gone?
pub fn blank_html(html: Option<&str>) -> bool {
    let Some(html) = html else { return true };
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag && !c.is_whitespace() && c != '\u{a0}' => return false,
            _ => {}
        }
    }
    true
}

/// Turns a received product into its stored form (pure).
pub fn prepare(incoming: Incoming) -> Prepared {
    let Incoming {
        external_id,
        product,
        source_meta,
        source_modified,
    } = incoming;
    let report = validate_product(&product);
    let invalid = report
        .issues
        .iter()
        .find(|i| i.severity == Severity::Error)
        .map(|i| {
            format!(
                "{}: {}",
                if i.path.is_empty() { "/" } else { &i.path },
                i.message
            )
        });
    let json = serde_json::to_string(&product).unwrap_or_default();
    let (signature, content_hash) = fingerprint(product.description.as_deref().unwrap_or(""));
    let mut data = Sha256::new();
    for part in [
        json.as_str(),
        source_meta.as_deref().unwrap_or(""),
        source_modified.as_deref().unwrap_or(""),
    ] {
        data.update((part.len() as u64).to_le_bytes());
        data.update(part.as_bytes());
    }
    Prepared {
        name: product.name.trim().to_owned(),
        sku: product.sku.clone().filter(|s| !s.trim().is_empty()),
        source_hash: source_hash(&product),
        data_hash: crate::crypto::hex(&data.finalize()),
        description_missing: blank_html(product.description.as_deref()),
        product: json,
        invalid,
        signature,
        content_hash,
        external_id,
        source_meta,
        source_modified,
    }
}

/// A catalog product's status, as the API shows and filters it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "CatalogStatus")
)]
pub enum Status {
    /// Never generated.
    New,
    /// A job item is generating it.
    Queued,
    /// Generated, waiting for review.
    Generated,
    /// Approved (to be pushed, for a store's product).
    Approved,
    /// Rejected by a reviewer.
    Rejected,
    /// Its approved content is in the store.
    Pushed,
    /// The last generation failed and there is no earlier content.
    Failed,
    /// Its data fails the core's product validation: nothing can be generated until it is fixed
    /// at the source.
    Invalid,
}

/// The names of the statuses (query parameter enum).
pub const STATUS_NAMES: &[&str] = &[
    "new",
    "queued",
    "generated",
    "approved",
    "rejected",
    "pushed",
    "failed",
    "invalid",
];

/// Whether a row has a live job item (pending or generating). A queued item whose job was
/// deleted or cancelled does not count, whatever `queued_item_id` still says.
pub const QUEUED_SQL: &str =
    "(catalog_products.queued_item_id IS NOT NULL AND EXISTS (SELECT 1 FROM job_items q \
     WHERE q.id = catalog_products.queued_item_id AND q.status IN ('pending', 'generating')))";

/// The status of a row, as SQL over its columns (see [`Status`]).
pub fn status_sql() -> String {
    format!(
        "(CASE WHEN {QUEUED_SQL} THEN 'queued' \
         WHEN review IS NULL AND invalid IS NOT NULL THEN 'invalid' \
         WHEN review IS NULL AND error_code IS NOT NULL THEN 'failed' \
         WHEN review IS NULL THEN 'new' \
         WHEN review = 'approved' AND pushed_item_id IS NOT NULL AND pushed_item_id = item_id THEN 'pushed' \
         ELSE review END)"
    )
}

/// Content exists and was written from other source data than the current one.
pub const CHANGED_SQL: &str =
    "(content IS NOT NULL AND (generated_hash IS NULL OR generated_hash != source_hash))";

/// Filters of a list, of the stats, and of a catalog job's selection.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "CatalogFilter")
)]
pub struct Filter {
    /// Only products of this source (a store's integration id or a webhook source name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 64)))]
    pub source: Option<String>,
    /// Only products in this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Score at least (products without content have no score).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(max = 100)))]
    pub min_score: Option<u8>,
    /// Score at most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(max = 100)))]
    pub max_score: Option<u8>,
    /// Only products whose source description is blank (`true`) or is not (`false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_description: Option<bool>,
    /// Only products whose content is stale: the source changed since it was generated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<bool>,
    /// Name or SKU containing this text, or this exact external id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200)))]
    pub q: Option<String>,
    /// Only these catalog product ids (`prd_…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "ids_schema"))]
    pub ids: Option<Vec<String>>,
}

#[cfg(not(target_arch = "wasm32"))]
fn ids_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": ["array", "null"], "minItems": 1, "maxItems": 1000,
        "items": { "type": "string", "minLength": 1, "maxLength": 64 }
    })
}

/// `LIKE` pattern matching `text` anywhere, with `\` escaping the wildcards.
pub fn like_pattern(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s.push('%');
    s
}

impl Filter {
    /// The SQL condition (after `tenant_id = ?`) and its arguments, in order.
    pub fn sql(&self) -> (String, Vec<Arg>) {
        let mut sql = String::new();
        let mut args: Vec<Arg> = Vec::new();
        if let Some(s) = &self.source {
            sql.push_str(" AND source = ?");
            args.push(s.into());
        }
        if let Some(st) = self.status {
            sql.push_str(&format!(" AND {} = ?", status_sql()));
            args.push(
                serde_json::to_value(st)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
                    .into(),
            );
        }
        if let Some(m) = self.min_score {
            sql.push_str(" AND score >= ?");
            args.push(m.into());
        }
        if let Some(m) = self.max_score {
            sql.push_str(" AND score <= ?");
            args.push(m.into());
        }
        if let Some(b) = self.missing_description {
            sql.push_str(" AND description_missing = ?");
            args.push(b.into());
        }
        if let Some(b) = self.changed {
            sql.push_str(&format!(" AND {CHANGED_SQL} = ?"));
            args.push(b.into());
        }
        if let Some(q) = &self.q {
            sql.push_str(
                " AND (name LIKE ? ESCAPE '\\' OR sku LIKE ? ESCAPE '\\' OR external_id = ?)",
            );
            let pattern = like_pattern(q);
            args.push(pattern.clone().into());
            args.push(pattern.into());
            args.push(q.into());
        }
        if let Some(ids) = &self.ids {
            sql.push_str(" AND id IN (SELECT value FROM json_each(?))");
            args.push(serde_json::to_string(ids).unwrap_or_default().into());
        }
        (sql, args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proseo_core::product::Image;

    fn product() -> Product {
        serde_json::from_value(serde_json::json!({
            "id": "7", "name": "Oak Board", "sku": "OB-1", "regular_price": "20",
            "description": "<p>Old text</p>", "images": [{"src": "https://s.example/a.jpg", "alt": "a"}]
        }))
        .unwrap()
    }

    fn incoming(p: Product) -> Incoming {
        Incoming {
            external_id: "7".into(),
            product: p,
            source_meta: None,
            source_modified: Some("2026-01-01T00:00:00".into()),
        }
    }

    #[test]
    fn what_proseo_writes_back_does_not_change_the_source_hash() {
        let a = product();
        let mut b = a.clone();
        b.description = Some("<p>Generated text</p>".into());
        b.short_description = Some("short".into());
        b.keyphrase = Some("oak board".into());
        b.url = Some("https://s.example/oak-board-2/".into());
        b.images[0].alt = Some("An oak board".into());
        b.in_stock = Some(false);
        assert_eq!(source_hash(&a), source_hash(&b));
        let mut c = a.clone();
        c.name = "Oak Board XL".into();
        assert_ne!(source_hash(&a), source_hash(&c));
        let mut d = a.clone();
        d.images.push(Image {
            src: "https://s.example/b.jpg".into(),
            alt: None,
        });
        assert_ne!(source_hash(&a), source_hash(&d));
        // But the data hash sees every stored byte, so a description edit is still stored.
        assert_ne!(
            prepare(incoming(a.clone())).data_hash,
            prepare(incoming(b)).data_hash
        );
        assert_eq!(
            prepare(incoming(a.clone())).data_hash,
            prepare(incoming(a)).data_hash
        );
    }

    #[test]
    fn prepared_rows_say_what_is_missing_and_what_is_invalid() {
        let p = prepare(incoming(product()));
        assert!(!p.description_missing);
        assert_eq!(p.invalid, None);
        assert_eq!(p.sku.as_deref(), Some("OB-1"));
        let mut bad = product();
        bad.description = Some("<p> &nbsp;</p>\n<br/>".into());
        bad.regular_price = Some(proseo_core::product::Price::Text("-4".into()));
        let p = prepare(incoming(bad));
        assert!(blank_html(Some("<p>\u{a0}</p>")));
        assert!(!blank_html(Some("<p>x</p>")));
        assert!(p.invalid.is_some_and(|m| m.starts_with("/regular_price")));
        assert!(blank_html(None));
    }

    #[test]
    fn filters_bind_every_value() {
        let f = Filter {
            source: Some("n8n".into()),
            status: Some(Status::Approved),
            min_score: Some(50),
            max_score: Some(90),
            missing_description: Some(true),
            changed: Some(false),
            q: Some("50%_off\\".into()),
            ids: Some(vec!["prd_1".into()]),
        };
        let (sql, args) = f.sql();
        assert_eq!(sql.matches('?').count(), args.len());
        assert!(matches!(&args[1], Arg::Text(s) if s == "approved"));
        assert!(matches!(&args[6], Arg::Text(s) if s == "%50\\%\\_off\\\\%"));
        assert!(matches!(&args[9], Arg::Text(s) if s == "[\"prd_1\"]"));
        assert_eq!(Filter::default().sql().1.len(), 0);
        for name in STATUS_NAMES {
            let s: Status = serde_json::from_value(serde_json::json!(name)).unwrap();
            assert_eq!(serde_json::to_value(s).unwrap(), *name);
        }
    }
}
