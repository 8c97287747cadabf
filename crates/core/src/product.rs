//! The product model: what proseo knows about a product before writing about it.
//!
//! This is a wire type (JSON in the CLI, the edge API and the npm package). Every field but
//! `name` is optional and defaults to empty, so partial data deserializes and the validator
//! (not serde) says what is wrong with it. Lists are the exception: each has a limit
//! ([`MAX_LIST_ITEMS`], [`MAX_ATTRIBUTES`], [`MAX_VARIANTS`], [`MAX_VARIANT_ATTRIBUTES`]), and a
//! longer one is a decoding error raised before it is read in full ([`crate::bounded`]).

use serde::{Deserialize, Serialize};

/// Most entries in each of a product's plain lists: categories, tags, features, images, and the
/// values of one attribute.
pub const MAX_LIST_ITEMS: usize = 1_000;
/// Most attributes of a product.
pub const MAX_ATTRIBUTES: usize = 200;
/// Most variations of a product.
pub const MAX_VARIANTS: usize = 1_000;
/// Most attribute values that define one variation.
pub const MAX_VARIANT_ATTRIBUTES: usize = 50;

/// A product, as sent to `validate`, the prompt builder and the offline writer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Product {
    /// The shop's own id (e.g. the WooCommerce product id), carried through untouched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Product name. Required.
    pub name: String,
    /// Product type as the shop calls it (`simple`, `variable`, `grouped`, `external`…).
    #[serde(skip_serializing_if = "Option::is_none", rename = "type")]
    pub product_type: Option<String>,
    /// Stock keeping unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// GTIN / EAN / UPC / ISBN digits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
    /// Brand or manufacturer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// Existing long description (HTML).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Existing short description (HTML).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short_description: Option<String>,
    /// Regular price, as a number or a decimal string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regular_price: Option<Price>,
    /// Sale price, as a number or a decimal string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sale_price: Option<Price>,
    /// ISO 4217 currency code (`EUR`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Category paths, outermost first within a path: `"Clothing > Tshirts"`.
    #[serde(deserialize_with = "crate::bounded::vec::<_, _, MAX_LIST_ITEMS>")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_LIST_ITEMS)))]
    pub categories: Vec<String>,
    /// Tags.
    #[serde(deserialize_with = "crate::bounded::vec::<_, _, MAX_LIST_ITEMS>")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_LIST_ITEMS)))]
    pub tags: Vec<String>,
    /// Attributes (`Color: Red, Blue`).
    #[serde(deserialize_with = "crate::bounded::vec::<_, _, MAX_ATTRIBUTES>")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_ATTRIBUTES)))]
    pub attributes: Vec<Attribute>,
    /// Selling points, one short phrase each.
    #[serde(deserialize_with = "crate::bounded::vec::<_, _, MAX_LIST_ITEMS>")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_LIST_ITEMS)))]
    pub features: Vec<String>,
    /// Images, the first being the main image.
    #[serde(deserialize_with = "crate::bounded::vec::<_, _, MAX_LIST_ITEMS>")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_LIST_ITEMS)))]
    pub images: Vec<Image>,
    /// Variations of a variable product.
    #[serde(deserialize_with = "crate::bounded::vec::<_, _, MAX_VARIANTS>")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_VARIANTS)))]
    pub variants: Vec<Variant>,
    /// Canonical product URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// BCP 47 language tag of the product's texts (`en-US`, `de`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Focus keyphrase to write and score for; defaults to the name when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyphrase: Option<String>,
    /// Weight, in the shop's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
    /// Dimensions as free text (`24 × 1 × 2 in`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<String>,
    /// Whether the product is in stock, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_stock: Option<bool>,
}

/// A product attribute with its values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Attribute {
    /// Attribute name (`Color`).
    pub name: String,
    /// Values (`["Red", "Blue"]`).
    #[serde(deserialize_with = "crate::bounded::vec::<_, _, MAX_LIST_ITEMS>")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_LIST_ITEMS)))]
    pub values: Vec<String>,
    /// Shown on the product page.
    pub visible: bool,
    /// Used to define variations.
    pub variation: bool,
}

/// A product image.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Image {
    /// Image URL.
    pub src: String,
    /// Alt text, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
}

/// One variation of a variable product.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Variant {
    /// Variation SKU.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// Attribute values that define this variation (`Color` → `Blue`).
    #[serde(deserialize_with = "crate::bounded::vec::<_, _, MAX_VARIANT_ATTRIBUTES>")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_VARIANT_ATTRIBUTES)))]
    pub attributes: Vec<VariantAttribute>,
    /// Regular price.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regular_price: Option<Price>,
    /// Sale price.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sale_price: Option<Price>,
    /// GTIN of the variation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
}

/// An attribute value chosen by a variation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct VariantAttribute {
    /// Attribute name.
    pub name: String,
    /// The chosen value.
    pub value: String,
}

/// A price as it arrives on the wire: a JSON number or a decimal string (`"19.99"`). The
/// validator parses it; a string that is not a price is reported, not rejected by serde.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Price {
    /// A JSON number.
    Number(f64),
    /// A string, expected to hold a decimal number.
    Text(String),
}

impl Price {
    /// The numeric value, when it is one. Accepts `19.99`, `"19.99"`, `" 19,99 "` (decimal
    /// comma); rejects thousands separators, currency symbols and non-finite values.
    pub fn value(&self) -> Option<f64> {
        match self {
            Price::Number(n) => n.is_finite().then_some(*n),
            Price::Text(s) => parse_decimal(s),
        }
    }
}

/// Parses a plain decimal number (`12`, `12.5`, `12,50`, `-3`).
pub fn parse_decimal(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    let normalized;
    let t = if t.matches(',').count() == 1 && !t.contains('.') {
        normalized = t.replace(',', ".");
        normalized.as_str()
    } else {
        t
    };
    let digits = t.strip_prefix('-').unwrap_or(t);
    let ok = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
        && digits != ".";
    if !ok {
        return None;
    }
    // `t` is `-?[0-9]*(\.[0-9]*)?`; JSON's number grammar also wants no leading zeros and a
    // digit on both sides of the point. Read with serde_json's float reader (exact for prices:
    // up to 15 significant digits), not `str::parse::<f64>`, whose exact algorithm carries a
    // 10 KB table of powers of five that would be the npm scoring .wasm's biggest piece of data
    // (see docs/architecture.md, "Size").
    let (sign, digits) = t.strip_prefix('-').map_or(("", t), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let int = int.trim_start_matches('0');
    let mut json = String::with_capacity(t.len() + 2);
    json.push_str(sign);
    json.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        json.push('.');
        json.push_str(frac);
    }
    // As a `Value`, whose reader never formats a type error (so serde's messages, with `f64`'s
    // `Display`, stay out of the .wasm; see `number`).
    serde_json::from_str::<serde_json::Value>(&json)
        .ok()
        .and_then(|v| v.as_f64())
        .filter(|v| v.is_finite())
}

impl Product {
    /// The keyphrase to write and score for: the explicit one, else the product name.
    pub fn focus_keyphrase(&self) -> &str {
        match self.keyphrase.as_deref().map(str::trim) {
            Some(k) if !k.is_empty() => k,
            _ => self.name.trim(),
        }
    }

    /// The innermost category of the first category path (`"Clothing > Tshirts"` → `Tshirts`).
    pub fn primary_category(&self) -> Option<&str> {
        self.categories
            .first()
            .and_then(|c| c.rsplit('>').next())
            .map(str::trim)
            .filter(|c| !c.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_parse_numbers_and_strings() {
        assert_eq!(Price::Number(3.5).value(), Some(3.5));
        assert_eq!(Price::Text(" 19,99 ".into()).value(), Some(19.99));
        assert_eq!(Price::Text("-2".into()).value(), Some(-2.0));
        assert_eq!(Price::Text("1,000.00".into()).value(), None);
        assert_eq!(Price::Text("$5".into()).value(), None);
        assert_eq!(Price::Text("".into()).value(), None);
        assert_eq!(Price::Text(".".into()).value(), None);
        // Forms JSON's number grammar lacks, accepted as before.
        assert_eq!(Price::Text("12.".into()).value(), Some(12.0));
        assert_eq!(Price::Text(".5".into()).value(), Some(0.5));
        assert_eq!(Price::Text("007.50".into()).value(), Some(7.5));
        assert_eq!(Price::Text("-0,25".into()).value(), Some(-0.25));
        assert_eq!(Price::Text("000".into()).value(), Some(0.0));
        assert_eq!(Price::Text("-.".into()).value(), None);
        assert_eq!(Price::Text("1e3".into()).value(), None);
        assert_eq!(Price::Text("9".repeat(400)).value(), None);
    }

    #[test]
    fn decimal_prices_read_as_rust_reads_them() {
        // Up to 15 significant digits (every real price) the JSON reader is exact.
        for s in [
            "19.99",
            "0.1",
            "0.3",
            "1234567.89",
            "99999999999.9999",
            "0.000001",
            "42",
        ] {
            assert_eq!(parse_decimal(s), s.parse::<f64>().ok(), "{s}");
        }
    }

    #[test]
    fn product_deserializes_from_partial_json() {
        let p: Product = serde_json::from_str(
            r#"{"name":"Mug","regular_price":"9.5","categories":["Home > Kitchen"]}"#,
        )
        .unwrap();
        assert_eq!(p.regular_price.as_ref().and_then(Price::value), Some(9.5));
        assert_eq!(p.primary_category(), Some("Kitchen"));
        assert_eq!(p.focus_keyphrase(), "Mug");
    }
}
