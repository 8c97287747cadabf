//! WooCommerce's REST API (`/wp-json/wc/v3`), pure: the requests a sync sends, the answers it
//! reads, and how each failure is classified. Field names, parameters, pagination headers
//! (`X-WP-Total`, `X-WP-TotalPages`), the batch endpoint (at most 100 objects) and the error
//! body (`{code, message, data: {status}}`) follow WooCommerce's REST API documentation
//! (woocommerce.github.io/woocommerce-rest-api-docs, "Products", "Product variations",
//! "Introduction": pagination and errors).
//!
//! What comes back from a store is untrusted: the body is read up to [`MAX_RESPONSE_BYTES`],
//! every list is bounded while it is decoded, and anything that is not the documented shape is
//! a typed [`StoreError`] (never a silent skip).

use proseo_core::content::GeneratedContent;
use proseo_core::product::{Attribute, Image, Price, Product, Variant, VariantAttribute};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The largest store answer read (a page of 100 products with long descriptions is a few MB).
pub const MAX_RESPONSE_BYTES: usize = 8 << 20;
/// Products per page (WooCommerce's `per_page` maximum).
pub const MAX_PER_PAGE: u8 = 100;
/// Objects per batch request (WooCommerce's default `woocommerce_rest_batch_items_limit`).
pub const MAX_BATCH: usize = 100;
/// Variation pages fetched for one product at most (100 each: the core's variant limit).
pub const MAX_VARIATION_PAGES: u32 = 10;
/// The longest `Retry-After` honoured (a longer one is capped: the step is retried then).
pub const MAX_RETRY_AFTER_SECS: u32 = 900;
/// `Retry-After` assumed when a 429 does not say (or says it as an HTTP date).
pub const DEFAULT_RETRY_AFTER_SECS: u32 = 60;

/// A store's settings (`Integration.settings` of a `woocommerce` integration).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct StoreSettings {
    /// The store's address: `https://…` (a WordPress in a folder keeps its path); plain
    /// `http://` only on loopback (127.0.0.1, localhost, [::1]).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            length(min = 8, max = 2048),
            pattern(r"^https?://[A-Za-z0-9.\[\]:-]+(/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$")
        )
    )]
    pub store_url: String,
    /// Products per page when pulling (1–100, default 100).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 100)))]
    pub per_page: u8,
    /// Products per batch request when pushing (1–100, default 50).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 100)))]
    pub push_batch_size: u8,
    /// One request's timeout (1,000–60,000 ms, default 20,000).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(range(min = 1_000, max = 60_000))
    )]
    pub timeout_ms: u32,
    /// Pull (incrementally) every this many minutes from the Cron Trigger (1–10,080);
    /// `null`: only when asked.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 10_080)))]
    pub sync_interval_minutes: Option<u32>,
    /// Write the generated slug too (changes the product's URL; off by default).
    pub push_slug: bool,
    /// Which SEO plugin's meta keys a push writes (`yoast`: `_yoast_wpseo_title`,
    /// `_yoast_wpseo_metadesc`, `_yoast_wpseo_focuskw`; `rank_math`: `rank_math_title`,
    /// `rank_math_description`, `rank_math_focus_keyword`). Default `["yoast"]`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(schema_with = "seo_plugins_schema")
    )]
    pub seo_meta: Vec<String>,
    /// The products' language (BCP 47), when the store's texts are not English.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(
            length(min = 2, max = 35),
            pattern(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{1,8})*$")
        )
    )]
    pub language: Option<String>,
    /// The store's currency (ISO 4217), given to the products.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(pattern(r"^[A-Z]{3}$")))]
    pub currency: Option<String>,
}

#[cfg(not(target_arch = "wasm32"))]
fn seo_plugins_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "array", "maxItems": 2,
        "items": { "type": "string", "enum": ["yoast", "rank_math"] }
    })
}

impl Default for StoreSettings {
    fn default() -> Self {
        Self {
            store_url: String::new(),
            per_page: MAX_PER_PAGE,
            push_batch_size: 50,
            timeout_ms: 20_000,
            sync_interval_minutes: None,
            push_slug: false,
            seo_meta: vec!["yoast".into()],
            language: None,
            currency: None,
        }
    }
}

/// A store's API credentials (sealed at rest, never returned): WooCommerce's consumer key and
/// secret (`ck_…`/`cs_…`), or a WordPress user and application password. Either travels as
/// HTTP Basic auth, which is why the store must be HTTPS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct StoreCredentials {
    /// Consumer key (or WordPress user name).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200)))]
    pub consumer_key: String,
    /// Consumer secret (or application password).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200)))]
    pub consumer_secret: String,
}

/// Why a store URL is refused.
pub fn check_store_url(url: &str) -> Result<String, &'static str> {
    let parsed = worker::Url::parse(url).map_err(|_| "not a URL")?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err("credentials go in `credentials`, not in the URL");
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err("a store URL has no query or fragment");
    }
    let host = parsed.host_str().ok_or("a store URL needs a host")?;
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::Ipv6Addr>()
            .is_ok_and(|ip| ip.is_loopback());
    match parsed.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => return Err("the store must be HTTPS (its keys travel with every request); plain http only on loopback"),
        _ => return Err("the store URL must be https://"),
    }
    Ok(parsed.as_str().trim_end_matches('/').to_owned())
}

/// An HTTP request to a store (secrets in `headers`: never log them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreRequest {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// Absolute URL.
    pub url: String,
    /// Headers.
    pub headers: Vec<(String, String)>,
    /// JSON body (POST).
    pub body: Option<String>,
}

/// A store's answer: status, the headers a sync reads, the body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoreResponse {
    /// HTTP status.
    pub status: u16,
    /// `X-WP-Total`.
    pub total: Option<u64>,
    /// `X-WP-TotalPages`.
    pub total_pages: Option<u64>,
    /// `Retry-After`, raw.
    pub retry_after: Option<String>,
    /// Body.
    pub body: Vec<u8>,
}

/// Why a call to a store failed. Each is a stable code; [`StoreError::retryable`] decides
/// between retrying the step later and failing the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum StoreError {
    /// 401/403: wrong keys, or keys without read/write permission. Not retryable.
    StoreUnauthorized {
        /// HTTP status.
        status: u16,
        /// The store's error code (`woocommerce_rest_cannot_view`…), if it sent one.
        store_code: Option<String>,
        /// Its message.
        message: String,
    },
    /// 404: no WooCommerce REST API at that URL (wrong URL, WooCommerce inactive, plain
    /// permalinks), or the resource is gone. Not retryable.
    StoreNotFound {
        /// The store's error code (`rest_no_route`…).
        store_code: Option<String>,
        /// Its message.
        message: String,
    },
    /// 429: the store (or its host) rate-limits. Retried after `retry_after` seconds.
    StoreRateLimited {
        /// Seconds to wait (the store's `Retry-After`, capped).
        retry_after: u32,
    },
    /// 5xx. Retried.
    StoreServerError {
        /// HTTP status.
        status: u16,
        /// The store's message, if any.
        message: String,
    },
    /// Another 4xx (a request the store refuses). Not retryable.
    StoreBadRequest {
        /// HTTP status.
        status: u16,
        /// The store's error code.
        store_code: Option<String>,
        /// Its message.
        message: String,
    },
    /// No answer within the timeout. Retried.
    StoreTimeout {
        /// The timeout.
        after_ms: u32,
    },
    /// Connection refused, DNS, TLS… Retried.
    StoreUnreachable {
        /// What the runtime said.
        message: String,
    },
    /// A 2xx answer that is not the documented JSON (an HTML page, truncated JSON, another
    /// shape). Retried (a truncated answer is often transient), then the run fails.
    StoreMalformedResponse {
        /// What was wrong.
        message: String,
    },
    /// The answer was larger than [`MAX_RESPONSE_BYTES`]. Not retryable (lower `per_page`).
    StoreResponseTooLarge {
        /// The limit.
        limit: usize,
    },
}

impl StoreError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::StoreUnauthorized { .. } => "store_unauthorized",
            StoreError::StoreNotFound { .. } => "store_not_found",
            StoreError::StoreRateLimited { .. } => "store_rate_limited",
            StoreError::StoreServerError { .. } => "store_server_error",
            StoreError::StoreBadRequest { .. } => "store_bad_request",
            StoreError::StoreTimeout { .. } => "store_timeout",
            StoreError::StoreUnreachable { .. } => "store_unreachable",
            StoreError::StoreMalformedResponse { .. } => "store_malformed_response",
            StoreError::StoreResponseTooLarge { .. } => "store_response_too_large",
        }
    }

    /// Worth retrying the step later?
    pub fn retryable(&self) -> bool {
        matches!(
            self,
            StoreError::StoreRateLimited { .. }
                | StoreError::StoreServerError { .. }
                | StoreError::StoreTimeout { .. }
                | StoreError::StoreUnreachable { .. }
                | StoreError::StoreMalformedResponse { .. }
        )
    }

    /// The store's HTTP status, when it answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            StoreError::StoreUnauthorized { status, .. }
            | StoreError::StoreServerError { status, .. }
            | StoreError::StoreBadRequest { status, .. } => Some(*status),
            StoreError::StoreNotFound { .. } => Some(404),
            StoreError::StoreRateLimited { .. } => Some(429),
            _ => None,
        }
    }

    /// Seconds the store asked to wait (429).
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            StoreError::StoreRateLimited { retry_after } => Some(*retry_after),
            _ => None,
        }
    }

    /// One line for people (never a secret: requests are not echoed).
    pub fn message(&self) -> String {
        let with = |m: &str, code: &Option<String>| match (m.is_empty(), code) {
            (true, None) => String::new(),
            (true, Some(c)) => format!(" ({c})"),
            (false, None) => format!(": {m}"),
            (false, Some(c)) => format!(": {m} ({c})"),
        };
        match self {
            StoreError::StoreUnauthorized {
                status,
                store_code,
                message,
            } => format!(
                "the store refused the credentials (HTTP {status}){}",
                with(message, store_code)
            ),
            StoreError::StoreNotFound {
                store_code,
                message,
            } => format!(
                "no WooCommerce REST API answered at this URL (HTTP 404){}",
                with(message, store_code)
            ),
            StoreError::StoreRateLimited { retry_after } => {
                format!("the store is rate-limiting (HTTP 429): retrying in {retry_after} s")
            }
            StoreError::StoreServerError { status, message } => {
                format!("the store failed (HTTP {status}){}", with(message, &None))
            }
            StoreError::StoreBadRequest {
                status,
                store_code,
                message,
            } => format!(
                "the store refused the request (HTTP {status}){}",
                with(message, store_code)
            ),
            StoreError::StoreTimeout { after_ms } => {
                format!("the store did not answer within {after_ms} ms")
            }
            StoreError::StoreUnreachable { message } => {
                format!("cannot reach the store: {message}")
            }
            StoreError::StoreMalformedResponse { message } => {
                format!("the store's answer is not WooCommerce's JSON: {message}")
            }
            StoreError::StoreResponseTooLarge { limit } => {
                format!("the store's answer is larger than {limit} bytes (lower settings.per_page)")
            }
        }
    }
}

/// A WordPress/WooCommerce REST error body: `{code, message, data: {status}}`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WpError {
    /// Machine code.
    #[serde(default, deserialize_with = "loose_string")]
    pub code: Option<String>,
    /// Message.
    #[serde(default, deserialize_with = "loose_string")]
    pub message: Option<String>,
}

/// Cuts a store-provided text to a sane length for messages.
fn short(s: &str) -> String {
    let mut out: String = s.chars().take(300).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// `Retry-After` in seconds (delta-seconds only; an HTTP date or garbage is the default),
/// capped.
pub fn retry_after_secs(raw: Option<&str>) -> u32 {
    raw.and_then(|r| r.trim().parse::<u64>().ok())
        .map_or(DEFAULT_RETRY_AFTER_SECS, |s| {
            u32::try_from(s.min(u64::from(MAX_RETRY_AFTER_SECS))).unwrap_or(MAX_RETRY_AFTER_SECS)
        })
        .max(1)
}

/// Classifies a non-2xx answer.
pub fn classify(resp: &StoreResponse) -> StoreError {
    let err: WpError = serde_json::from_slice(&resp.body).unwrap_or_default();
    let store_code = err.code.map(|c| short(&c));
    let message = err.message.map(|m| short(&m)).unwrap_or_default();
    match resp.status {
        401 | 403 => StoreError::StoreUnauthorized {
            status: resp.status,
            store_code,
            message,
        },
        404 => StoreError::StoreNotFound {
            store_code,
            message,
        },
        429 => StoreError::StoreRateLimited {
            retry_after: retry_after_secs(resp.retry_after.as_deref()),
        },
        s if s >= 500 => StoreError::StoreServerError { status: s, message },
        s => StoreError::StoreBadRequest {
            status: s,
            store_code,
            message,
        },
    }
}

/// The body of a 2xx answer as `T`, or a typed error for anything else.
pub fn decode<T: de::DeserializeOwned>(resp: &StoreResponse) -> Result<T, StoreError> {
    if !(200..300).contains(&resp.status) {
        return Err(classify(resp));
    }
    decode_ok(&resp.body)
}

/// A 2xx answer's body as `T` ([`StoreError::StoreMalformedResponse`] when it is not).
pub fn decode_ok<T: de::DeserializeOwned>(body: &[u8]) -> Result<T, StoreError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        StoreError::StoreMalformedResponse {
            message: short(&format!("at `{}`: {}", e.path(), e.inner())),
        }
    })?;
    de.end().map_err(|e| StoreError::StoreMalformedResponse {
        message: short(&e.to_string()),
    })?;
    Ok(value)
}

// ---------------------------------------------------------------------------------------------
// Requests.

/// The request builder for one store.
#[derive(Debug, Clone)]
pub struct Api<'a> {
    /// `check_store_url`'s answer.
    pub base: &'a str,
    /// Credentials.
    pub credentials: &'a StoreCredentials,
}

impl Api<'_> {
    fn headers(&self, json_body: bool) -> Vec<(String, String)> {
        use base64::Engine as _;
        let basic = base64::engine::general_purpose::STANDARD.encode(format!(
            "{}:{}",
            self.credentials.consumer_key, self.credentials.consumer_secret
        ));
        let mut h = vec![
            ("authorization".to_owned(), format!("Basic {basic}")),
            ("accept".to_owned(), "application/json".to_owned()),
            (
                "user-agent".to_owned(),
                format!("proseo/{} (+woocommerce-sync)", proseo_core::VERSION),
            ),
        ];
        if json_body {
            h.push(("content-type".to_owned(), "application/json".to_owned()));
        }
        h
    }

    fn get(&self, path_and_query: &str) -> StoreRequest {
        StoreRequest {
            method: "GET",
            url: format!("{}/wp-json/wc/v3/{path_and_query}", self.base),
            headers: self.headers(false),
            body: None,
        }
    }

    /// A page of products in id order; `modified_after` (GMT, `YYYY-MM-DDTHH:MM:SS`) for an
    /// incremental pull.
    pub fn products_page(
        &self,
        page: u32,
        per_page: u8,
        modified_after: Option<&str>,
    ) -> StoreRequest {
        let mut q = format!("products?page={page}&per_page={per_page}&orderby=id&order=asc");
        if let Some(m) = modified_after {
            q.push_str(&format!(
                "&modified_after={}&dates_are_gmt=true",
                urlencode(m)
            ));
        }
        self.get(&q)
    }

    /// A page of one product's variations.
    pub fn variations_page(&self, product_id: &str, page: u32) -> StoreRequest {
        self.get(&format!(
            "products/{}/variations?page={page}&per_page=100&orderby=id&order=asc",
            urlencode(product_id)
        ))
    }

    /// The current stamps and texts of some products (the conflict check before a push).
    pub fn current(&self, ids: &[&str]) -> StoreRequest {
        let list: Vec<String> = ids.iter().map(|i| urlencode(i)).collect();
        self.get(&format!(
            "products?include={}&per_page={}&_fields=id,date_modified_gmt,description,short_description",
            list.join(","),
            ids.len().clamp(1, MAX_BATCH)
        ))
    }

    /// `POST products/batch` with these updates.
    pub fn batch_update(&self, updates: &[Value]) -> StoreRequest {
        StoreRequest {
            method: "POST",
            url: format!("{}/wp-json/wc/v3/products/batch", self.base),
            headers: self.headers(true),
            body: Some(json!({ "update": updates }).to_string()),
        }
    }

    /// The connection test: one product, to read `X-WP-Total`.
    pub fn probe(&self) -> StoreRequest {
        self.get("products?per_page=1&_fields=id")
    }
}

/// Percent-encodes everything but unreserved characters.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Answers.

/// Accepts a string, a number, a boolean or null as an optional string (stores and their
/// plugins are not always consistent about prices and codes).
fn loose_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Bool(b)) => Some(b.to_string()),
        Some(_) => return Err(de::Error::custom("expected a string")),
    })
}

/// An id as WooCommerce sends it (an integer), kept as text.
fn id_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::Number(n) if n.is_u64() => Ok(n.to_string()),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => Ok(s),
        other => Err(de::Error::custom(format!(
            "expected a numeric id, got {other}"
        ))),
    }
}

/// A bounded list that may also be `null`.
fn list<'de, D, T, const N: usize>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Opt<T, const N: usize>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>, const N: usize> de::Visitor<'de> for Opt<T, N> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a list or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Vec<T>, D2::Error> {
            proseo_core::bounded::vec::<D2, T, N>(d)
        }
    }
    d.deserialize_option(Opt::<T, N>(std::marker::PhantomData))
}

const LIST: usize = proseo_core::product::MAX_LIST_ITEMS;

/// A term (category, tag, brand).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WcTerm {
    /// Name.
    #[serde(default, deserialize_with = "loose_string")]
    pub name: Option<String>,
}

/// An image.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WcImage {
    /// Attachment id.
    #[serde(default)]
    pub id: Option<u64>,
    /// URL.
    #[serde(default, deserialize_with = "loose_string")]
    pub src: Option<String>,
    /// Alt text.
    #[serde(default, deserialize_with = "loose_string")]
    pub alt: Option<String>,
}

/// An attribute of a product.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WcAttribute {
    /// Name.
    #[serde(default, deserialize_with = "loose_string")]
    pub name: Option<String>,
    /// Shown on the product page.
    #[serde(default)]
    pub visible: Option<bool>,
    /// Used for variations.
    #[serde(default)]
    pub variation: Option<bool>,
    /// Values.
    #[serde(default, deserialize_with = "list::<_, _, LIST>")]
    pub options: Vec<String>,
}

/// A variation's attribute value.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WcVariationAttribute {
    /// Name.
    #[serde(default, deserialize_with = "loose_string")]
    pub name: Option<String>,
    /// The chosen value.
    #[serde(default, deserialize_with = "loose_string")]
    pub option: Option<String>,
}

/// Product dimensions.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WcDimensions {
    /// Length.
    #[serde(default, deserialize_with = "loose_string")]
    pub length: Option<String>,
    /// Width.
    #[serde(default, deserialize_with = "loose_string")]
    pub width: Option<String>,
    /// Height.
    #[serde(default, deserialize_with = "loose_string")]
    pub height: Option<String>,
}

/// A product as `GET /products` lists it (the fields proseo reads; others are ignored).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WcProduct {
    /// Id.
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    /// Name.
    #[serde(default, deserialize_with = "loose_string")]
    pub name: Option<String>,
    /// Slug.
    #[serde(default, deserialize_with = "loose_string")]
    pub slug: Option<String>,
    /// Permalink.
    #[serde(default, deserialize_with = "loose_string")]
    pub permalink: Option<String>,
    /// Last modification, GMT.
    #[serde(default, deserialize_with = "loose_string")]
    pub date_modified_gmt: Option<String>,
    /// `simple`, `variable`, `grouped`, `external`.
    #[serde(default, rename = "type", deserialize_with = "loose_string")]
    pub kind: Option<String>,
    /// Long description (HTML).
    #[serde(default, deserialize_with = "loose_string")]
    pub description: Option<String>,
    /// Short description (HTML).
    #[serde(default, deserialize_with = "loose_string")]
    pub short_description: Option<String>,
    /// SKU.
    #[serde(default, deserialize_with = "loose_string")]
    pub sku: Option<String>,
    /// GTIN, UPC, EAN or ISBN (WooCommerce 9.2+).
    #[serde(default, deserialize_with = "loose_string")]
    pub global_unique_id: Option<String>,
    /// Regular price.
    #[serde(default, deserialize_with = "loose_string")]
    pub regular_price: Option<String>,
    /// Sale price.
    #[serde(default, deserialize_with = "loose_string")]
    pub sale_price: Option<String>,
    /// `instock`, `outofstock`, `onbackorder`.
    #[serde(default, deserialize_with = "loose_string")]
    pub stock_status: Option<String>,
    /// Weight.
    #[serde(default, deserialize_with = "loose_string")]
    pub weight: Option<String>,
    /// Dimensions.
    #[serde(default)]
    pub dimensions: Option<WcDimensions>,
    /// Categories.
    #[serde(default, deserialize_with = "list::<_, _, LIST>")]
    pub categories: Vec<WcTerm>,
    /// Tags.
    #[serde(default, deserialize_with = "list::<_, _, LIST>")]
    pub tags: Vec<WcTerm>,
    /// Brands (WooCommerce 9.6+).
    #[serde(default, deserialize_with = "list::<_, _, LIST>")]
    pub brands: Vec<WcTerm>,
    /// Images, the first being the main one.
    #[serde(default, deserialize_with = "list::<_, _, LIST>")]
    pub images: Vec<WcImage>,
    /// Attributes.
    #[serde(
        default,
        deserialize_with = "list::<_, _, { proseo_core::product::MAX_ATTRIBUTES }>"
    )]
    pub attributes: Vec<WcAttribute>,
    /// Variation ids (variable products).
    #[serde(
        default,
        deserialize_with = "list::<_, _, { proseo_core::product::MAX_VARIANTS }>"
    )]
    pub variations: Vec<u64>,
}

/// A variation as `GET /products/{id}/variations` lists it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WcVariation {
    /// Id.
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    /// SKU.
    #[serde(default, deserialize_with = "loose_string")]
    pub sku: Option<String>,
    /// GTIN.
    #[serde(default, deserialize_with = "loose_string")]
    pub global_unique_id: Option<String>,
    /// Regular price.
    #[serde(default, deserialize_with = "loose_string")]
    pub regular_price: Option<String>,
    /// Sale price.
    #[serde(default, deserialize_with = "loose_string")]
    pub sale_price: Option<String>,
    /// Attribute values.
    #[serde(
        default,
        deserialize_with = "list::<_, _, { proseo_core::product::MAX_VARIANT_ATTRIBUTES }>"
    )]
    pub attributes: Vec<WcVariationAttribute>,
}

/// A page of products (at most [`MAX_PER_PAGE`]).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct ProductPage(
    #[serde(deserialize_with = "proseo_core::bounded::vec::<_, _, 100>")] pub Vec<WcProduct>,
);

/// A page of variations.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct VariationPage(
    #[serde(deserialize_with = "proseo_core::bounded::vec::<_, _, 100>")] pub Vec<WcVariation>,
);

/// What a push needs of a product besides its content (stored with the catalog row).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreMeta {
    /// The store's image ids, in the product's order (alt texts are written to them).
    #[serde(default)]
    pub image_ids: Vec<u64>,
}

fn text(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn names(terms: &[WcTerm]) -> Vec<String> {
    terms.iter().filter_map(|t| text(&t.name)).collect()
}

fn price(s: &Option<String>) -> Option<Price> {
    text(s).map(Price::Text)
}

/// Trims a store text in place, `None` when blank (the long descriptions are moved, not copied).
fn owned(s: Option<String>) -> Option<String> {
    let mut s = s?;
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    s.drain(..start);
    (!s.is_empty()).then_some(s)
}

/// A store product in the core's model, and what a push needs of it (pure). Takes the product
/// by value: its texts move into the result.
pub fn to_product(mut p: WcProduct, s: &StoreSettings) -> (Product, StoreMeta) {
    let dims = p.dimensions.as_ref().map(|d| {
        [&d.length, &d.width, &d.height]
            .iter()
            .map(|x| text(x).unwrap_or_default())
            .collect::<Vec<_>>()
    });
    let dimensions = dims.filter(|d| d.iter().any(|x| !x.is_empty())).map(|d| {
        d.iter()
            .map(|x| if x.is_empty() { "?" } else { x.as_str() })
            .collect::<Vec<_>>()
            .join(" × ")
    });
    let product = Product {
        id: Some(p.id.clone()),
        name: text(&p.name).unwrap_or_default(),
        product_type: text(&p.kind),
        sku: text(&p.sku),
        gtin: text(&p.global_unique_id),
        brand: names(&p.brands).into_iter().next(),
        description: owned(p.description.take()),
        short_description: owned(p.short_description.take()),
        regular_price: price(&p.regular_price),
        sale_price: price(&p.sale_price),
        currency: s.currency.clone(),
        categories: names(&p.categories),
        tags: names(&p.tags),
        attributes: p
            .attributes
            .iter()
            .filter_map(|a| {
                Some(Attribute {
                    name: text(&a.name)?,
                    values: a
                        .options
                        .iter()
                        .map(|o| o.trim().to_owned())
                        .filter(|o| !o.is_empty())
                        .collect(),
                    visible: a.visible.unwrap_or(false),
                    variation: a.variation.unwrap_or(false),
                })
            })
            .collect(),
        features: Vec::new(),
        images: p
            .images
            .iter()
            .filter_map(|i| {
                Some(Image {
                    src: text(&i.src)?,
                    alt: text(&i.alt),
                })
            })
            .collect(),
        variants: Vec::new(),
        url: text(&p.permalink),
        language: s.language.clone(),
        keyphrase: None,
        weight: text(&p.weight),
        dimensions,
        in_stock: p.stock_status.as_deref().map(|st| st != "outofstock"),
    };
    let meta = StoreMeta {
        image_ids: p
            .images
            .iter()
            .filter(|i| text(&i.src).is_some())
            .map(|i| i.id.unwrap_or(0))
            .collect(),
    };
    (product, meta)
}

/// Does this product have variations to fetch?
pub fn has_variations(p: &WcProduct) -> bool {
    p.kind.as_deref() == Some("variable") && !p.variations.is_empty()
}

/// A variation in the core's model.
pub fn to_variant(v: &WcVariation) -> Variant {
    Variant {
        sku: text(&v.sku),
        attributes: v
            .attributes
            .iter()
            .filter_map(|a| {
                Some(VariantAttribute {
                    name: text(&a.name)?,
                    value: text(&a.option).unwrap_or_default(),
                })
            })
            .collect(),
        regular_price: price(&v.regular_price),
        sale_price: price(&v.sale_price),
        gtin: text(&v.global_unique_id),
    }
}

/// A product's current state, for the conflict check.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Current {
    /// Id.
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    /// Last modification, GMT.
    #[serde(default, deserialize_with = "loose_string")]
    pub date_modified_gmt: Option<String>,
    /// Description.
    #[serde(default, deserialize_with = "loose_string")]
    pub description: Option<String>,
    /// Short description.
    #[serde(default, deserialize_with = "loose_string")]
    pub short_description: Option<String>,
}

/// The conflict check's answer.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct CurrentPage(
    #[serde(deserialize_with = "proseo_core::bounded::vec::<_, _, 100>")] pub Vec<Current>,
);

/// Are two HTML texts the same but for whitespace (WordPress may re-flow what it stores)?
pub fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// The `products/batch` update of one product: its content, the SEO plugins' meta, the alt
/// texts on its images (every image listed, in order, so the gallery stays as it is), and the
/// slug when the store asks for it.
pub fn update_payload(
    external_id: &str,
    content: &GeneratedContent,
    keyphrase: &str,
    meta: &StoreMeta,
    s: &StoreSettings,
) -> Value {
    let id: Value = external_id
        .parse::<u64>()
        .map_or_else(|_| Value::String(external_id.to_owned()), Value::from);
    let mut out = json!({
        "id": id,
        "description": content.description,
        "short_description": content.short_description,
    });
    if s.push_slug && !content.slug.trim().is_empty() {
        out["slug"] = json!(content.slug);
    }
    let mut meta_data = Vec::new();
    for plugin in &s.seo_meta {
        let keys: [&str; 3] = match plugin.as_str() {
            "rank_math" => [
                "rank_math_title",
                "rank_math_description",
                "rank_math_focus_keyword",
            ],
            _ => [
                "_yoast_wpseo_title",
                "_yoast_wpseo_metadesc",
                "_yoast_wpseo_focuskw",
            ],
        };
        for (key, value) in keys.iter().zip([
            content.seo_title.as_str(),
            content.meta_description.as_str(),
            keyphrase,
        ]) {
            if !value.trim().is_empty() {
                meta_data.push(json!({ "key": key, "value": value }));
            }
        }
    }
    if !meta_data.is_empty() {
        out["meta_data"] = Value::Array(meta_data);
    }
    let known = !meta.image_ids.is_empty() && meta.image_ids.iter().all(|i| *i > 0);
    if known && content.image_alt.iter().any(|a| !a.trim().is_empty()) {
        let images: Vec<Value> = meta
            .image_ids
            .iter()
            .enumerate()
            .map(|(n, id)| {
                match content
                    .image_alt
                    .get(n)
                    .map(|a| a.trim())
                    .filter(|a| !a.is_empty())
                {
                    Some(alt) => json!({ "id": id, "alt": alt }),
                    None => json!({ "id": id }),
                }
            })
            .collect();
        out["images"] = Value::Array(images);
    }
    out
}

/// One entry of a batch answer: the updated product, or its error.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BatchEntry {
    /// Id (as sent).
    #[serde(default, deserialize_with = "loose_string")]
    pub id: Option<String>,
    /// Last modification after the update.
    #[serde(default, deserialize_with = "loose_string")]
    pub date_modified_gmt: Option<String>,
    /// Why this one failed.
    #[serde(default)]
    pub error: Option<WpError>,
}

/// A batch answer (`update` part).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BatchAnswer {
    /// One entry per update, in order.
    #[serde(default, deserialize_with = "list::<_, _, 100>")]
    pub update: Vec<BatchEntry>,
}

/// `YYYY-MM-DDTHH:MM:SS` (GMT) of `ms`, the form `modified_after` takes.
pub fn gmt(ms: i64) -> String {
    crate::time::rfc3339(ms)[..19].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> StoreSettings {
        StoreSettings {
            store_url: "https://shop.example".into(),
            currency: Some("EUR".into()),
            ..StoreSettings::default()
        }
    }

    #[test]
    fn store_urls_are_https_except_loopback() {
        assert_eq!(
            check_store_url("https://shop.example/").as_deref(),
            Ok("https://shop.example")
        );
        assert_eq!(
            check_store_url("https://shop.example/wp/").as_deref(),
            Ok("https://shop.example/wp")
        );
        assert_eq!(
            check_store_url("http://127.0.0.1:8091").as_deref(),
            Ok("http://127.0.0.1:8091")
        );
        assert!(check_store_url("http://localhost/").is_ok());
        assert!(check_store_url("http://[::1]:8080").is_ok());
        for bad in [
            "http://shop.example",
            "http://10.0.0.1",
            "ftp://shop.example",
            "https://user:pw@shop.example",
            "https://shop.example/?x=1",
            "https://shop.example/#a",
            "shop.example",
        ] {
            assert!(check_store_url(bad).is_err(), "{bad}");
        }
    }

    fn response(status: u16, body: &str) -> StoreResponse {
        StoreResponse {
            status,
            body: body.as_bytes().to_vec(),
            ..StoreResponse::default()
        }
    }

    #[test]
    fn failures_are_typed() {
        let e = classify(&response(
            401,
            r#"{"code":"woocommerce_rest_cannot_view","message":"Sorry, you cannot list resources.","data":{"status":401}}"#,
        ));
        assert_eq!(e.code(), "store_unauthorized");
        assert!(!e.retryable());
        assert!(
            e.message().contains("woocommerce_rest_cannot_view"),
            "{}",
            e.message()
        );
        let e = classify(&response(
            404,
            r#"{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}"#,
        ));
        assert_eq!((e.code(), e.status()), ("store_not_found", Some(404)));
        let mut r = response(429, "Too Many Requests");
        r.retry_after = Some("7".into());
        let e = classify(&r);
        assert_eq!(
            (e.code(), e.retry_after(), e.retryable()),
            ("store_rate_limited", Some(7), true)
        );
        r.retry_after = Some("Wed, 21 Oct 2026 07:28:00 GMT".into());
        assert_eq!(classify(&r).retry_after(), Some(DEFAULT_RETRY_AFTER_SECS));
        r.retry_after = Some("86400".into());
        assert_eq!(classify(&r).retry_after(), Some(MAX_RETRY_AFTER_SECS));
        let e = classify(&response(502, "<html>Bad gateway</html>"));
        assert_eq!((e.code(), e.retryable()), ("store_server_error", true));
        let e = classify(&response(
            400,
            r#"{"code":"rest_invalid_param","message":"Invalid parameter(s): per_page"}"#,
        ));
        assert_eq!((e.code(), e.retryable()), ("store_bad_request", false));
        // 2xx but not the documented JSON.
        let e =
            decode::<ProductPage>(&response(200, "<!doctype html><p>Maintenance</p>")).unwrap_err();
        assert_eq!(
            (e.code(), e.retryable()),
            ("store_malformed_response", true)
        );
        let e = decode::<ProductPage>(&response(200, r#"[{"id": 1, "name": "A"}, {"id": "#))
            .unwrap_err();
        assert_eq!(e.code(), "store_malformed_response");
        let e = decode::<ProductPage>(&response(200, r#"{"products": []}"#)).unwrap_err();
        assert_eq!(e.code(), "store_malformed_response");
        let e = decode::<ProductPage>(&response(200, r#"[{"id": "abc"}]"#)).unwrap_err();
        assert!(e.message().contains("numeric id"), "{}", e.message());
        let long = format!("[{}]", vec![r#"{"id":1}"#; 101].join(","));
        assert_eq!(
            decode::<ProductPage>(&response(200, &long))
                .unwrap_err()
                .code(),
            "store_malformed_response"
        );
        assert_eq!(
            StoreError::StoreTimeout { after_ms: 5 }.code(),
            "store_timeout"
        );
    }

    #[test]
    fn a_store_product_in_the_core_model() {
        let page: ProductPage = decode(&response(200, r#"[{
            "id": 794, "name": " Premium Quality ", "slug": "premium-quality-19", "permalink": "https://shop.example/product/premium-quality-19/",
            "date_modified_gmt": "2017-03-23T20:01:14", "type": "simple", "status": "publish",
            "description": "<p>Old.</p>", "short_description": "", "sku": "PQ-1", "price": "21.99", "regular_price": "21.99", "sale_price": "",
            "global_unique_id": "4006381333931", "stock_status": "outofstock", "weight": "0.5",
            "dimensions": {"length": "10", "width": "", "height": "2"},
            "categories": [{"id": 9, "name": "Clothing", "slug": "clothing"}, {"id": 14, "name": "T-shirts", "slug": "t-shirts"}],
            "tags": [], "brands": [{"id": 3, "name": "Woo"}],
            "images": [{"id": 792, "src": "https://shop.example/a.jpg", "name": "", "alt": ""}, {"id": 793, "src": "https://shop.example/b.jpg", "alt": "Back"}],
            "attributes": [{"id": 0, "name": "Color", "position": 0, "visible": true, "variation": false, "options": ["Red", " Blue "]}],
            "variations": [], "meta_data": [{"id": 1, "key": "_yoast_wpseo_title", "value": "x"}], "price_html": "<span>x</span>", "_links": {}
        }]"#)).unwrap();
        assert!(!has_variations(&page.0[0]));
        let (p, meta) = to_product(page.0[0].clone(), &settings());
        assert_eq!(p.id.as_deref(), Some("794"));
        assert_eq!(p.description.as_deref(), Some("<p>Old.</p>"));
        assert_eq!(p.name, "Premium Quality");
        assert_eq!(p.gtin.as_deref(), Some("4006381333931"));
        assert_eq!(p.brand.as_deref(), Some("Woo"));
        assert_eq!(p.short_description, None);
        assert_eq!(p.sale_price, None);
        assert_eq!(p.regular_price, Some(Price::Text("21.99".into())));
        assert_eq!(p.currency.as_deref(), Some("EUR"));
        assert_eq!(p.categories, ["Clothing", "T-shirts"]);
        assert_eq!(p.attributes[0].values, ["Red", "Blue"]);
        assert_eq!(p.images[1].alt.as_deref(), Some("Back"));
        assert_eq!(p.dimensions.as_deref(), Some("10 × ? × 2"));
        assert_eq!(p.in_stock, Some(false));
        assert_eq!(meta.image_ids, [792, 793]);
        // Nulls where lists and strings were expected are empty, not errors.
        let page: ProductPage = decode(&response(200, r#"[{"id": 5, "name": null, "categories": null, "regular_price": 12.5, "images": null}]"#)).unwrap();
        let (p, _) = to_product(page.0[0].clone(), &settings());
        assert_eq!(p.regular_price, Some(Price::Text("12.5".into())));
        assert!(p.categories.is_empty());
    }

    #[test]
    fn variations_attach_to_their_parent() {
        let page: VariationPage = decode(&response(200, r#"[{"id": 733, "sku": "V-S", "regular_price": "9.00", "attributes": [{"id": 6, "name": "Size", "option": "S"}], "image": null}]"#)).unwrap();
        let v = to_variant(&page.0[0]);
        assert_eq!(v.sku.as_deref(), Some("V-S"));
        assert_eq!(v.attributes[0].value, "S");
        let p: ProductPage = decode(&response(
            200,
            r#"[{"id": 1, "type": "variable", "variations": [733, 734]}]"#,
        ))
        .unwrap();
        assert!(has_variations(&p.0[0]));
    }

    #[test]
    fn requests_carry_basic_auth_and_the_documented_parameters() {
        let creds = StoreCredentials {
            consumer_key: "ck_abc".into(),
            consumer_secret: "cs_def".into(),
        };
        let api = Api {
            base: "https://shop.example",
            credentials: &creds,
        };
        let r = api.products_page(3, 100, Some("2026-01-02T03:04:05"));
        assert_eq!(r.url, "https://shop.example/wp-json/wc/v3/products?page=3&per_page=100&orderby=id&order=asc&modified_after=2026-01-02T03%3A04%3A05&dates_are_gmt=true");
        assert!(r
            .headers
            .contains(&("authorization".into(), "Basic Y2tfYWJjOmNzX2RlZg==".into())));
        let r = api.current(&["1", "22"]);
        assert!(r.url.ends_with("products?include=1,22&per_page=2&_fields=id,date_modified_gmt,description,short_description"), "{}", r.url);
        let r = api.batch_update(&[json!({"id": 1})]);
        assert_eq!(
            (r.method, r.body.as_deref()),
            ("POST", Some(r#"{"update":[{"id":1}]}"#))
        );
        assert!(r.url.ends_with("/wp-json/wc/v3/products/batch"));
        assert!(api
            .variations_page("12", 2)
            .url
            .ends_with("products/12/variations?page=2&per_page=100&orderby=id&order=asc"));
        assert_eq!(gmt(1_795_321_845_123), "2026-11-22T04:30:45");
    }

    #[test]
    fn the_push_payload() {
        let content = GeneratedContent {
            description: "<p>New</p>".into(),
            short_description: "<p>Short</p>".into(),
            seo_title: "Title".into(),
            meta_description: "Meta".into(),
            slug: "new-slug".into(),
            image_alt: vec!["Front".into(), "".into()],
            ..GeneratedContent::default()
        };
        let meta = StoreMeta {
            image_ids: vec![792, 793, 800],
        };
        let mut s = settings();
        let v = update_payload("794", &content, "premium quality", &meta, &s);
        assert_eq!(v["id"], 794);
        assert_eq!(v.get("slug"), None, "not unless asked");
        assert_eq!(
            v["meta_data"],
            json!([
                {"key": "_yoast_wpseo_title", "value": "Title"},
                {"key": "_yoast_wpseo_metadesc", "value": "Meta"},
                {"key": "_yoast_wpseo_focuskw", "value": "premium quality"}
            ])
        );
        assert_eq!(
            v["images"],
            json!([{"id": 792, "alt": "Front"}, {"id": 793}, {"id": 800}])
        );
        s.push_slug = true;
        s.seo_meta = vec!["yoast".into(), "rank_math".into()];
        let v = update_payload("794", &content, "", &meta, &s);
        assert_eq!(v["slug"], "new-slug");
        let keys: Vec<&str> = v["meta_data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["key"].as_str().unwrap())
            .collect();
        assert_eq!(
            keys,
            [
                "_yoast_wpseo_title",
                "_yoast_wpseo_metadesc",
                "rank_math_title",
                "rank_math_description"
            ]
        );
        // Without alt texts, or without the store's image ids, the gallery is not touched.
        let none = GeneratedContent {
            image_alt: vec![],
            ..content.clone()
        };
        assert_eq!(
            update_payload("1", &none, "", &meta, &s).get("images"),
            None
        );
        assert_eq!(
            update_payload("1", &content, "", &StoreMeta::default(), &s).get("images"),
            None
        );
        let batch: BatchAnswer = decode(&response(200, r#"{"update": [{"id": 794, "date_modified_gmt": "2026-01-01T00:00:01"}, {"id": 795, "error": {"code": "woocommerce_rest_product_invalid_id", "message": "Invalid ID.", "data": {"status": 404}}}]}"#)).unwrap();
        assert_eq!(batch.update[0].id.as_deref(), Some("794"));
        assert_eq!(
            batch.update[1]
                .error
                .as_ref()
                .and_then(|e| e.code.as_deref()),
            Some("woocommerce_rest_product_invalid_id")
        );
        assert!(same_text("<p>New</p>\n", "<p>New</p>"));
        assert!(!same_text("<p>New</p>", "<p>Old</p>"));
    }
}
