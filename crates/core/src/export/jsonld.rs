//! JSON-LD: a schema.org `Product` for a product page, checked against Google's requirements
//! for product rich results (merchant listings).
//!
//! [`json_ld`] builds the object from what proseo knows: `name`, `description` (the generated
//! description as plain text, else the product's), `sku`, the GTIN as `gtin8`/`gtin12`/
//! `gtin13`/`gtin14` by its length, `brand`, `image` (every product image), `url`, and
//! `offers`: one `Offer` with the price buyers pay today (`price`, `priceCurrency`), its
//! `availability` from the stock state, and, on sale, a `priceSpecification` with the
//! regular price as a `StrikethroughPrice`; a product whose variations have different prices
//! gets an `AggregateOffer` (`lowPrice`, `highPrice`, `offerCount`) instead.
//!
//! Checks (Google Search Central, "Merchant listing (Product, Offer) structured data"):
//! required are `name`, `image` and `offers` with a `price` above zero and a `priceCurrency`
//! (errors: without them the page is not eligible); recommended are `description`, `brand`,
//! a GTIN, `offers.availability` and `url` (warnings). Shipping and return policies, reviews
//! and ratings are outside what proseo knows and are not written.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::cells::{absolute_url, plain_name, price};
use super::row::{non_empty, RowCtx};
use super::text::html_to_text;
use crate::content::GeneratedContent;
use crate::product::{Price, Product};
use crate::report::Report;
use crate::validate;

/// Stable codes of the JSON-LD checks.
pub mod code {
    /// No product name (error: required).
    pub const NAME_MISSING: &str = "jsonld_name_missing";
    /// No image (error: required for merchant listings).
    pub const IMAGE_MISSING: &str = "jsonld_image_missing";
    /// An image URL is not an absolute http(s) URL (error).
    pub const IMAGE_INVALID: &str = "jsonld_image_invalid";
    /// No price, so no offer (error: required for merchant listings).
    pub const OFFER_MISSING: &str = "jsonld_offer_missing";
    /// No currency (error: `priceCurrency` is required).
    pub const CURRENCY_MISSING: &str = "jsonld_currency_missing";
    /// The currency is not ISO 4217 (error).
    pub const CURRENCY_INVALID: &str = "jsonld_currency_invalid";
    /// No description (warning: recommended).
    pub const DESCRIPTION_MISSING: &str = "jsonld_description_missing";
    /// No brand (warning: recommended).
    pub const BRAND_MISSING: &str = "jsonld_brand_missing";
    /// No GTIN (warning: recommended, or an MPN with the brand).
    pub const GTIN_MISSING: &str = "jsonld_gtin_missing";
    /// The GTIN fails its check digit or length; it is left out (warning).
    pub const GTIN_INVALID: &str = "jsonld_gtin_invalid";
    /// Stock state unknown, so no `availability` (warning: recommended).
    pub const AVAILABILITY_MISSING: &str = "jsonld_availability_missing";
    /// No page URL (warning: recommended).
    pub const URL_MISSING: &str = "jsonld_url_missing";
}

/// Every code of the JSON-LD checks.
pub const JSONLD_CODES: &[&str] = &[
    code::NAME_MISSING,
    code::IMAGE_MISSING,
    code::IMAGE_INVALID,
    code::OFFER_MISSING,
    code::CURRENCY_MISSING,
    code::CURRENCY_INVALID,
    code::DESCRIPTION_MISSING,
    code::BRAND_MISSING,
    code::GTIN_MISSING,
    code::GTIN_INVALID,
    code::AVAILABILITY_MISSING,
    code::URL_MISSING,
];

/// What [`json_ld`] needs besides the product.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct JsonLdOptions {
    /// ISO 4217 currency when the product names none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Brand when the product names none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// The product page's URL when the product has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A product's JSON-LD and its checks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct JsonLd {
    /// The schema.org `Product` object (with `@context`).
    pub json_ld: Value,
    /// Required (errors) and recommended (warnings) properties found missing or invalid;
    /// paths are JSON pointers into `json_ld`.
    pub checks: Report,
    /// No error: the page can show as a product rich result (merchant listing).
    pub eligible: bool,
}

impl JsonLd {
    /// The object as an HTML `<script type="application/ld+json">` element, with `<` written
    /// as `\u003c` so no text in it can close the script.
    pub fn script_tag(&self) -> String {
        let text = serde_json::to_string(&self.json_ld).unwrap_or_default();
        format!(
            "<script type=\"application/ld+json\">{}</script>",
            text.replace('<', "\\u003c")
        )
    }
}

/// The price a variant or product is sold at today, and its regular price when on sale.
fn prices(regular: Option<&Price>, sale: Option<&Price>) -> Option<(f64, Option<f64>)> {
    let r = regular.and_then(Price::value).filter(|v| *v > 0.0);
    let s = sale.and_then(Price::value).filter(|v| *v > 0.0);
    match (r, s) {
        (Some(r), Some(s)) if s < r => Some((s, Some(r))),
        (Some(r), _) => Some((r, None)),
        (None, Some(s)) => Some((s, None)),
        (None, None) => None,
    }
}

/// Builds the JSON-LD of a product page; `content` is the generated content shown on it
/// (its description is preferred to the product's own).
pub fn json_ld(
    product: &Product,
    content: Option<&GeneratedContent>,
    options: &JsonLdOptions,
) -> JsonLd {
    let mut checks = Report::new();
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("Product"));
    let name = plain_name(&product.name);
    if name.is_empty() {
        checks.error(
            "/name",
            code::NAME_MISSING,
            "the product has no name (required)",
        );
    } else {
        o.insert("name".into(), json!(name));
    }
    let description = [
        content.map(|c| c.description.as_str()),
        product.description.as_deref(),
        content.map(|c| c.short_description.as_str()),
        product.short_description.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(html_to_text)
    .find(|t| !t.trim().is_empty());
    match description {
        Some(d) => {
            o.insert("description".into(), json!(d));
        }
        None => checks.warning(
            "/description",
            code::DESCRIPTION_MISSING,
            "no description (recommended)",
        ),
    }
    if let Some(sku) = non_empty(&product.sku) {
        o.insert("sku".into(), json!(sku));
    }
    match non_empty(&product.gtin) {
        Some(g) => match validate::gtin_check(&g) {
            Ok(()) => {
                o.insert(format!("gtin{}", g.len()), json!(g));
            }
            Err(why) => checks.warning(
                "/gtin",
                code::GTIN_INVALID,
                format!("`{g}` is not a valid GTIN ({why}); it is left out"),
            ),
        },
        None => checks.warning(
            "/gtin",
            code::GTIN_MISSING,
            "no GTIN (recommended: it identifies the product across shops)",
        ),
    }
    match non_empty(&product.brand).or_else(|| non_empty(&options.brand)) {
        Some(b) => {
            o.insert("brand".into(), json!({ "@type": "Brand", "name": b }));
        }
        None => checks.warning("/brand", code::BRAND_MISSING, "no brand (recommended)"),
    }
    let images: Vec<&str> = product
        .images
        .iter()
        .map(|i| i.src.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if images.is_empty() {
        checks.error(
            "/image",
            code::IMAGE_MISSING,
            "no image (required for merchant listings)",
        );
    } else {
        for (i, src) in images.iter().enumerate() {
            if !absolute_url(src) {
                checks.error(
                    format!("/image/{i}"),
                    code::IMAGE_INVALID,
                    format!("`{src}` is not an absolute http(s) URL"),
                );
            }
        }
        o.insert("image".into(), json!(images));
    }
    let url = non_empty(&product.url).or_else(|| non_empty(&options.url));
    match &url {
        Some(u) => {
            o.insert("url".into(), json!(u));
        }
        None => checks.warning("/url", code::URL_MISSING, "no page URL (recommended)"),
    }
    let offers = offers(product, options, url.as_deref(), &mut checks);
    if let Some(offers) = offers {
        o.insert("offers".into(), offers);
    }
    let eligible = checks.is_valid();
    JsonLd {
        json_ld: Value::Object(o),
        checks,
        eligible,
    }
}

fn offers(
    product: &Product,
    options: &JsonLdOptions,
    url: Option<&str>,
    checks: &mut Report,
) -> Option<Value> {
    let own = prices(product.regular_price.as_ref(), product.sale_price.as_ref());
    let variant_prices: Vec<f64> = product
        .variants
        .iter()
        .filter_map(|v| prices(v.regular_price.as_ref(), v.sale_price.as_ref()))
        .map(|(p, _)| p)
        .collect();
    if own.is_none() && variant_prices.is_empty() {
        checks.error(
            "/offers",
            code::OFFER_MISSING,
            "no price above zero, so no offer (required for merchant listings)",
        );
        return None;
    }
    let currency = non_empty(&product.currency).or_else(|| non_empty(&options.currency));
    let currency = match currency {
        Some(c) if validate::is_iso_4217(&c) => c,
        Some(c) => {
            checks.error(
                "/offers/priceCurrency",
                code::CURRENCY_INVALID,
                format!("`{c}` is not an ISO 4217 currency code"),
            );
            return None;
        }
        None => {
            checks.error(
                "/offers/priceCurrency",
                code::CURRENCY_MISSING,
                "no currency (priceCurrency is required)",
            );
            return None;
        }
    };
    let mut offer = Map::new();
    let low = variant_prices.iter().copied().min_by(f64::total_cmp);
    let high = variant_prices.iter().copied().max_by(f64::total_cmp);
    match (own, low, high) {
        (_, Some(low), Some(high)) if low < high => {
            offer.insert("@type".into(), json!("AggregateOffer"));
            offer.insert("lowPrice".into(), json!(price(low)));
            offer.insert("highPrice".into(), json!(price(high)));
            offer.insert("offerCount".into(), json!(variant_prices.len()));
            offer.insert("priceCurrency".into(), json!(currency));
        }
        _ => {
            let (now, regular) = own.or_else(|| low.map(|l| (l, None)))?;
            offer.insert("@type".into(), json!("Offer"));
            offer.insert("price".into(), json!(price(now)));
            offer.insert("priceCurrency".into(), json!(currency));
            if let Some(regular) = regular {
                offer.insert(
                    "priceSpecification".into(),
                    json!([
                        { "@type": "UnitPriceSpecification", "price": price(now), "priceCurrency": currency },
                        {
                            "@type": "UnitPriceSpecification",
                            "priceType": "https://schema.org/StrikethroughPrice",
                            "price": price(regular),
                            "priceCurrency": currency
                        }
                    ]),
                );
            }
        }
    }
    match product.in_stock {
        Some(true) => {
            offer.insert("availability".into(), json!("https://schema.org/InStock"));
        }
        Some(false) => {
            offer.insert(
                "availability".into(),
                json!("https://schema.org/OutOfStock"),
            );
        }
        None => checks.warning(
            "/offers/availability",
            code::AVAILABILITY_MISSING,
            "stock state unknown, so no availability (recommended)",
        ),
    }
    if let Some(u) = url {
        offer.insert("url".into(), json!(u));
    }
    Some(Value::Object(offer))
}

/// The JSON-LD feed's row: the object, with its checks in the row's report.
pub(super) fn row(r: &mut RowCtx<'_>) -> Value {
    let options = JsonLdOptions {
        currency: r.options.currency.clone(),
        brand: r.options.brand.clone(),
        url: None,
    };
    let built = json_ld(&r.item.product, Some(&r.item.content), &options);
    r.report.extend_prefixed("/json_ld", built.checks);
    built.json_ld
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product::{Image, Variant};

    fn mug() -> Product {
        Product {
            name: "Stoneware Mug".into(),
            sku: Some("MUG-1".into()),
            gtin: Some("4006381333931".into()),
            brand: Some("Acme".into()),
            regular_price: Some(Price::Text("12.50".into())),
            sale_price: Some(Price::Number(9.9)),
            currency: Some("EUR".into()),
            images: vec![Image {
                src: "https://shop.example/mug.jpg".into(),
                alt: None,
            }],
            url: Some("https://shop.example/mug".into()),
            in_stock: Some(true),
            ..Product::default()
        }
    }

    #[test]
    fn a_complete_product_is_eligible() {
        let content = GeneratedContent {
            description: "<p>A <b>sturdy</b> mug &amp; saucer.</p>".into(),
            ..GeneratedContent::default()
        };
        let j = json_ld(&mug(), Some(&content), &JsonLdOptions::default());
        assert!(j.eligible, "{:?}", j.checks);
        assert!(j.checks.issues.is_empty(), "{:?}", j.checks);
        let v = &j.json_ld;
        assert_eq!(v["@type"], "Product");
        assert_eq!(v["description"], "A sturdy mug & saucer.");
        assert_eq!(v["gtin13"], "4006381333931");
        assert_eq!(v["brand"]["name"], "Acme");
        assert_eq!(v["offers"]["price"], "9.90");
        assert_eq!(v["offers"]["priceSpecification"][1]["price"], "12.50");
        assert_eq!(v["offers"]["availability"], "https://schema.org/InStock");
    }

    #[test]
    fn missing_requirements_are_errors_and_recommendations_warnings() {
        let bare = Product {
            name: "Mug".into(),
            ..Product::default()
        };
        let j = json_ld(&bare, None, &JsonLdOptions::default());
        assert!(!j.eligible);
        for c in [code::IMAGE_MISSING, code::OFFER_MISSING] {
            assert!(j.checks.has(c), "{c}");
        }
        for c in [
            code::DESCRIPTION_MISSING,
            code::BRAND_MISSING,
            code::GTIN_MISSING,
            code::URL_MISSING,
        ] {
            assert!(j.checks.has(c), "{c}");
        }
        // A price without a currency: the offer is left out, priceCurrency is reported.
        let p = Product {
            regular_price: Some(Price::Number(5.0)),
            ..bare.clone()
        };
        let j = json_ld(&p, None, &JsonLdOptions::default());
        assert!(j.checks.has(code::CURRENCY_MISSING));
        assert!(j.json_ld.get("offers").is_none());
        let with_currency = JsonLdOptions {
            currency: Some("USD".into()),
            ..JsonLdOptions::default()
        };
        let j = json_ld(&p, None, &with_currency);
        assert_eq!(j.json_ld["offers"]["priceCurrency"], "USD");
        assert!(j.checks.has(code::AVAILABILITY_MISSING));
    }

    #[test]
    fn variations_with_different_prices_are_an_aggregate_offer() {
        let mut p = mug();
        p.regular_price = None;
        p.sale_price = None;
        p.variants = [8.0, 11.0, 9.5]
            .iter()
            .map(|&v| Variant {
                regular_price: Some(Price::Number(v)),
                ..Variant::default()
            })
            .collect();
        let j = json_ld(&p, None, &JsonLdOptions::default());
        let offers = &j.json_ld["offers"];
        assert_eq!(offers["@type"], "AggregateOffer");
        assert_eq!(
            (offers["lowPrice"].as_str(), offers["highPrice"].as_str()),
            (Some("8.00"), Some("11.00"))
        );
        assert_eq!(offers["offerCount"], 3);
    }

    #[test]
    fn script_tags_cannot_be_closed_from_inside() {
        // Markup in a name is dropped; text that spells a closing tag (an entity in the
        // description) is text, and must not close the script.
        let mut p = mug();
        p.name = "Mug <img src=x onerror=alert(1)>".into();
        let content = GeneratedContent {
            description: "<p>Type &lt;/script&gt;&lt;script&gt;alert(1) here</p>".into(),
            ..GeneratedContent::default()
        };
        let j = json_ld(&p, Some(&content), &JsonLdOptions::default());
        assert_eq!(j.json_ld["name"], "Mug");
        assert_eq!(
            j.json_ld["description"],
            "Type </script><script>alert(1) here."
        );
        let tag = j.script_tag();
        assert!(tag.starts_with("<script type=\"application/ld+json\">"));
        assert_eq!(tag.matches("</script>").count(), 1);
        assert!(tag.contains("\\u003c/script>"));
        // It is still the same JSON.
        let inner =
            &tag["<script type=\"application/ld+json\">".len()..tag.len() - "</script>".len()];
        let back: Value = serde_json::from_str(inner).unwrap();
        assert_eq!(back, j.json_ld);
    }

    #[test]
    fn bad_gtins_and_relative_images_are_reported() {
        let mut p = mug();
        p.gtin = Some("4006381333932".into());
        p.images.push(Image {
            src: "/uploads/mug-2.jpg".into(),
            alt: None,
        });
        let j = json_ld(&p, None, &JsonLdOptions::default());
        assert!(j.checks.has(code::GTIN_INVALID));
        assert!(j.json_ld.get("gtin13").is_none());
        assert!(j.checks.has(code::IMAGE_INVALID));
        assert!(!j.eligible);
        assert!(absolute_url("https://a.example/x.jpg"));
        assert!(!absolute_url("https:///x.jpg"));
        assert!(!absolute_url("ftp://a.example/x.jpg"));
    }
}
