//! Validation of a [`Product`] before anything is written about it.
//!
//! Checks the name, text lengths, prices, currency (ISO 4217), URLs, SKU, GTIN (GS1 check
//! digit), attributes, categories, the language tag (BCP 47 syntax) and variants. Paths are JSON
//! pointers into the product (`/variants/2/sku`).

use std::collections::{BTreeMap, BTreeSet};

use crate::number::Decimal;
use crate::product::{Attribute, Price, Product, Variant};
use crate::report::Report;
use crate::text::lowercase::lowercase;

/// Stable codes of [`validate_product`] issues.
pub mod code {
    /// The name is empty or only whitespace (error).
    pub const NAME_REQUIRED: &str = "name_required";
    /// The name is longer than 200 characters (error).
    pub const NAME_TOO_LONG: &str = "name_too_long";
    /// The existing description is implausibly long (warning).
    pub const DESCRIPTION_TOO_LONG: &str = "description_too_long";
    /// The existing short description is implausibly long (warning).
    pub const SHORT_DESCRIPTION_TOO_LONG: &str = "short_description_too_long";
    /// A price is not a plain decimal number (error).
    pub const PRICE_INVALID: &str = "price_invalid";
    /// A price is negative (error).
    pub const PRICE_NEGATIVE: &str = "price_negative";
    /// The sale price is not lower than the regular price (error).
    pub const SALE_PRICE_NOT_LOWER: &str = "sale_price_not_lower";
    /// A sale price without a regular price (warning).
    pub const SALE_PRICE_WITHOUT_REGULAR: &str = "sale_price_without_regular";
    /// The currency is not an active ISO 4217 code (error).
    pub const CURRENCY_INVALID: &str = "currency_invalid";
    /// A URL is not an absolute http(s) URL with a host (error).
    pub const URL_INVALID: &str = "url_invalid";
    /// An image URL is relative: it only works on the shop that wrote it (warning).
    pub const IMAGE_URL_RELATIVE: &str = "image_url_relative";
    /// A SKU has characters other than letters, digits and `-_./`, or is too long (error).
    pub const SKU_INVALID: &str = "sku_invalid";
    /// Two variants (or a variant and the product) share a SKU (error).
    pub const SKU_DUPLICATE: &str = "sku_duplicate";
    /// A GTIN is not 8, 12, 13 or 14 digits with a valid GS1 check digit (error).
    pub const GTIN_INVALID: &str = "gtin_invalid";
    /// An attribute has no name (error).
    pub const ATTRIBUTE_NAME_EMPTY: &str = "attribute_name_empty";
    /// An attribute has no non-empty value (error).
    pub const ATTRIBUTE_VALUES_EMPTY: &str = "attribute_values_empty";
    /// One value of an attribute is empty (warning).
    pub const ATTRIBUTE_VALUE_EMPTY: &str = "attribute_value_empty";
    /// Two attributes have the same name, ignoring case (error).
    pub const ATTRIBUTE_DUPLICATE: &str = "attribute_duplicate";
    /// A category path is empty or has an empty segment (`A > > B`) (error).
    pub const CATEGORY_INVALID: &str = "category_invalid";
    /// The language is not a BCP 47 tag (error).
    pub const LANGUAGE_INVALID: &str = "language_invalid";
    /// The language is a locale with `_` (`pt_BR`): understood, but `pt-BR` is the tag
    /// (warning).
    pub const LANGUAGE_NOT_CANONICAL: &str = "language_not_canonical";
    /// A variant uses an attribute that is not one of the product's variation attributes
    /// (warning).
    pub const VARIANT_ATTRIBUTE_UNKNOWN: &str = "variant_attribute_unknown";
}

/// Every code [`validate_product`] can report.
pub const PRODUCT_CODES: &[&str] = &[
    code::NAME_REQUIRED,
    code::NAME_TOO_LONG,
    code::DESCRIPTION_TOO_LONG,
    code::SHORT_DESCRIPTION_TOO_LONG,
    code::PRICE_INVALID,
    code::PRICE_NEGATIVE,
    code::SALE_PRICE_NOT_LOWER,
    code::SALE_PRICE_WITHOUT_REGULAR,
    code::CURRENCY_INVALID,
    code::URL_INVALID,
    code::IMAGE_URL_RELATIVE,
    code::SKU_INVALID,
    code::SKU_DUPLICATE,
    code::GTIN_INVALID,
    code::ATTRIBUTE_NAME_EMPTY,
    code::ATTRIBUTE_VALUES_EMPTY,
    code::ATTRIBUTE_VALUE_EMPTY,
    code::ATTRIBUTE_DUPLICATE,
    code::CATEGORY_INVALID,
    code::LANGUAGE_INVALID,
    code::LANGUAGE_NOT_CANONICAL,
    code::VARIANT_ATTRIBUTE_UNKNOWN,
];

/// Maximum product name length, in characters (proseo default; marketplaces allow 75–200).
pub const NAME_MAX_CHARS: usize = 200;
/// Maximum existing description length (proseo default: longer is a pasting accident, and it
/// would blow the prompt budget).
pub const DESCRIPTION_MAX_CHARS: usize = 50_000;
/// Maximum existing short description length (proseo default).
pub const SHORT_DESCRIPTION_MAX_CHARS: usize = 5_000;
/// Maximum SKU length (proseo default; Amazon allows 40, WooCommerce any).
pub const SKU_MAX_CHARS: usize = 64;

/// Active ISO 4217 alphabetic codes (list one, including funds and precious-metal codes),
/// sorted for binary search. `ANG` and `ZWL` are kept while their replacements (`XCG`,
/// `ZWG`) phase in; `HRK` (replaced by `EUR` in 2023) is gone.
pub const ISO_4217_CODES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUP", "CVE",
    "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL",
    "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR",
    "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD",
    "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK",
    "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO",
    "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON",
    "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD",
    "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD",
    "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV",
    "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD",
    "XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
];

/// Whether `code` is an active ISO 4217 alphabetic code (exact, upper case).
pub fn is_iso_4217(code: &str) -> bool {
    ISO_4217_CODES.binary_search(&code).is_ok()
}

/// Validates a product. Never fails: every problem is an issue in the report.
pub fn validate_product(p: &Product) -> Report {
    let mut report = Report::new();
    check_name(&mut report, &p.name);
    check_max(
        &mut report,
        "/description",
        p.description.as_deref(),
        DESCRIPTION_MAX_CHARS,
        code::DESCRIPTION_TOO_LONG,
    );
    check_max(
        &mut report,
        "/short_description",
        p.short_description.as_deref(),
        SHORT_DESCRIPTION_MAX_CHARS,
        code::SHORT_DESCRIPTION_TOO_LONG,
    );
    check_prices(
        &mut report,
        "",
        p.regular_price.as_ref(),
        p.sale_price.as_ref(),
    );
    check_currency(&mut report, p.currency.as_deref());
    if let Some(url) = p.url.as_deref().filter(|u| !u.trim().is_empty()) {
        match check_url(url) {
            UrlCheck::Ok => {}
            UrlCheck::Relative => report.error(
                "/url",
                code::URL_INVALID,
                "the product URL must be absolute (https://…)",
            ),
            UrlCheck::Invalid(why) => report.error("/url", code::URL_INVALID, why),
        }
    }
    for (i, image) in p.images.iter().enumerate() {
        let path = format!("/images/{i}/src");
        match check_url(&image.src) {
            UrlCheck::Ok => {}
            UrlCheck::Relative => report.warning(
                path,
                code::IMAGE_URL_RELATIVE,
                "relative image URL: it only resolves on the shop's own pages",
            ),
            UrlCheck::Invalid(why) => report.error(path, code::URL_INVALID, why),
        }
    }
    check_sku(&mut report, "/sku", p.sku.as_deref());
    check_gtin(&mut report, "/gtin", p.gtin.as_deref());
    check_attributes(&mut report, &p.attributes);
    for (i, category) in p.categories.iter().enumerate() {
        if category.split('>').any(|segment| segment.trim().is_empty()) {
            report.error(
                format!("/categories/{i}"),
                code::CATEGORY_INVALID,
                format!("category path \"{category}\" has an empty segment; write \"A > B\""),
            );
        }
    }
    if let Some(language) = p.language.as_deref().filter(|l| !l.trim().is_empty()) {
        check_language(&mut report, language);
    }
    check_variants(&mut report, p);
    report
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn check_name(report: &mut Report, name: &str) {
    if name.trim().is_empty() {
        report.error("/name", code::NAME_REQUIRED, "the product needs a name");
        return;
    }
    let n = chars(name);
    if n > NAME_MAX_CHARS {
        report.error(
            "/name",
            code::NAME_TOO_LONG,
            format!("name has {n} characters; at most {NAME_MAX_CHARS}"),
        );
    }
}

fn check_max(report: &mut Report, path: &str, text: Option<&str>, max: usize, code: &str) {
    let n = text.map_or(0, chars);
    if n > max {
        report.warning(
            path,
            code,
            format!("{n} characters; at most {max} expected"),
        );
    }
}

/// A price that is present: `None` for absent or blank (WooCommerce exports `""`).
fn present(price: Option<&Price>) -> Option<&Price> {
    price.filter(|p| !matches!(p, Price::Text(t) if t.trim().is_empty()))
}

/// Checks one price; returns its value when valid.
fn check_price(report: &mut Report, path: String, price: Option<&Price>) -> Option<f64> {
    let price = present(price)?;
    match price.value() {
        None => {
            let shown = match price {
                Price::Text(t) => t.clone(),
                Price::Number(n) => Decimal(*n).to_string(),
            };
            report.error(
                path,
                code::PRICE_INVALID,
                format!("\"{shown}\" is not a price; write a plain number like 19.99"),
            );
            None
        }
        Some(v) if v < 0.0 => {
            report.error(
                path,
                code::PRICE_NEGATIVE,
                format!("negative price {}", Decimal(v)),
            );
            None
        }
        Some(v) => Some(v),
    }
}

fn check_prices(report: &mut Report, prefix: &str, regular: Option<&Price>, sale: Option<&Price>) {
    let r = check_price(report, format!("{prefix}/regular_price"), regular);
    let s = check_price(report, format!("{prefix}/sale_price"), sale);
    match (r, s) {
        (Some(r), Some(s)) if s >= r => report.error(
            format!("{prefix}/sale_price"),
            code::SALE_PRICE_NOT_LOWER,
            format!(
                "sale price {} is not lower than the regular price {}",
                Decimal(s),
                Decimal(r)
            ),
        ),
        (None, Some(_)) if present(regular).is_none() => report.warning(
            format!("{prefix}/sale_price"),
            code::SALE_PRICE_WITHOUT_REGULAR,
            "a sale price without a regular price shows no discount",
        ),
        _ => {}
    }
}

fn check_currency(report: &mut Report, currency: Option<&str>) {
    let Some(c) = currency.filter(|c| !c.trim().is_empty()) else {
        return;
    };
    if is_iso_4217(c) {
        return;
    }
    let upper = c.trim().to_ascii_uppercase();
    let message = if is_iso_4217(&upper) {
        format!("\"{c}\" is not an ISO 4217 code as written; use \"{upper}\"")
    } else {
        format!("\"{c}\" is not an active ISO 4217 currency code (like EUR, USD)")
    };
    report.error("/currency", code::CURRENCY_INVALID, message);
}

/// The outcome of [`check_url`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UrlCheck {
    /// Absolute http(s) URL with a host.
    Ok,
    /// A relative reference (`/img/a.jpg`, `//cdn.example/a.jpg`).
    Relative,
    /// Not usable; the reason.
    Invalid(String),
}

/// Checks that `url` is an absolute http(s) URL with a plausible host.
pub(crate) fn check_url(url: &str) -> UrlCheck {
    if url.is_empty() {
        return UrlCheck::Invalid("the URL is empty".into());
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return UrlCheck::Invalid("the URL contains spaces or control characters".into());
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        // No authority: a relative reference unless it starts with a scheme (`javascript:`).
        let first = url.split(['/', '?', '#']).next().unwrap_or("");
        if first.contains(':') {
            return UrlCheck::Invalid(format!("\"{}\" is not an http(s) URL", short(url)));
        }
        return UrlCheck::Relative;
    };
    if scheme.is_empty() || scheme.contains(['/', '?', '#']) {
        return UrlCheck::Relative;
    }
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return UrlCheck::Invalid(format!("scheme \"{}\" is not http(s)", short(scheme)));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if let Some(v6) = host_port.strip_prefix('[') {
        match v6.split_once(']') {
            Some((addr, tail))
                if !addr.is_empty()
                    && addr
                        .chars()
                        .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') =>
            {
                (addr, tail.strip_prefix(':'))
            }
            _ => return UrlCheck::Invalid("malformed IPv6 host".into()),
        }
    } else {
        match host_port.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    if let Some(port) = port {
        if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
            return UrlCheck::Invalid(format!("bad port \"{}\"", short(port)));
        }
    }
    let host_ok = !host.is_empty()
        && !host.starts_with(['.', '-'])
        && !host.ends_with('-')
        && !host.contains("..")
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | ':'));
    if !host_ok {
        return UrlCheck::Invalid("the URL has no valid host".into());
    }
    UrlCheck::Ok
}

fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

fn check_sku(report: &mut Report, path: &str, sku: Option<&str>) {
    let Some(sku) = sku.filter(|s| !s.is_empty()) else {
        return;
    };
    let bad = sku
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')));
    if let Some(c) = bad {
        report.error(
            path,
            code::SKU_INVALID,
            format!("SKU contains {c:?}; use letters, digits and - _ . / only"),
        );
    } else if chars(sku) > SKU_MAX_CHARS {
        report.error(
            path,
            code::SKU_INVALID,
            format!("SKU is longer than {SKU_MAX_CHARS} characters"),
        );
    }
}

fn check_gtin(report: &mut Report, path: &str, gtin: Option<&str>) {
    let Some(gtin) = gtin.map(str::trim).filter(|g| !g.is_empty()) else {
        return;
    };
    if let Err(why) = gtin_check(gtin) {
        report.error(path, code::GTIN_INVALID, why);
    }
}

/// Checks a GTIN-8/12/13/14: digits only, with a valid GS1 mod-10 check digit.
pub fn gtin_check(gtin: &str) -> Result<(), String> {
    if !gtin.bytes().all(|b| b.is_ascii_digit()) {
        return Err("a GTIN has digits only".into());
    }
    if ![8, 12, 13, 14].contains(&gtin.len()) {
        return Err(format!(
            "a GTIN has 8, 12, 13 or 14 digits, not {}",
            gtin.len()
        ));
    }
    let digits: Vec<u32> = gtin.bytes().map(|b| u32::from(b - b'0')).collect();
    let Some((&check, body)) = digits.split_last() else {
        return Err("empty GTIN".into());
    };
    // GS1: from the right (check digit excluded), weights alternate 3, 1, 3, …
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d })
        .sum();
    let expected = (10 - sum % 10) % 10;
    if expected == check {
        Ok(())
    } else {
        Err(format!(
            "check digit is {check}, expected {expected}: the GTIN has a typo"
        ))
    }
}

fn check_attributes(report: &mut Report, attributes: &[Attribute]) {
    let mut seen = BTreeSet::new();
    for (i, attribute) in attributes.iter().enumerate() {
        let name = attribute.name.trim();
        if name.is_empty() {
            report.error(
                format!("/attributes/{i}/name"),
                code::ATTRIBUTE_NAME_EMPTY,
                "attribute without a name",
            );
        } else {
            if !seen.insert(lowercase(name)) {
                report.error(
                    format!("/attributes/{i}/name"),
                    code::ATTRIBUTE_DUPLICATE,
                    format!("attribute \"{name}\" appears more than once; merge the values"),
                );
            }
        }
        if attribute.values.iter().all(|v| v.trim().is_empty()) {
            report.error(
                format!("/attributes/{i}/values"),
                code::ATTRIBUTE_VALUES_EMPTY,
                format!("attribute \"{name}\" has no value"),
            );
            continue;
        }
        for (j, value) in attribute.values.iter().enumerate() {
            if value.trim().is_empty() {
                report.warning(
                    format!("/attributes/{i}/values/{j}"),
                    code::ATTRIBUTE_VALUE_EMPTY,
                    "empty attribute value",
                );
            }
        }
    }
}

fn check_variants(report: &mut Report, p: &Product) {
    let mut skus: BTreeSet<&str> = p
        .sku
        .as_deref()
        .filter(|s| !s.is_empty())
        .into_iter()
        .collect();
    // Lowercased attribute name → whether it defines variations (the first one wins).
    let mut attributes: BTreeMap<String, bool> = BTreeMap::new();
    for a in &p.attributes {
        attributes
            .entry(lowercase(a.name.trim()))
            .or_insert(a.variation);
    }
    for (i, variant) in p.variants.iter().enumerate() {
        let prefix = format!("/variants/{i}");
        check_prices(
            report,
            &prefix,
            variant.regular_price.as_ref(),
            variant.sale_price.as_ref(),
        );
        let sku_path = format!("{prefix}/sku");
        check_sku(report, &sku_path, variant.sku.as_deref());
        if let Some(sku) = variant.sku.as_deref().filter(|s| !s.is_empty()) {
            if !skus.insert(sku) {
                report.error(
                    sku_path,
                    code::SKU_DUPLICATE,
                    format!("SKU \"{}\" is already used by this product", short(sku)),
                );
            }
        }
        check_gtin(report, &format!("{prefix}/gtin"), variant.gtin.as_deref());
        check_variant_attributes(report, &prefix, &attributes, variant);
    }
}

fn check_variant_attributes(
    report: &mut Report,
    prefix: &str,
    attributes: &BTreeMap<String, bool>,
    variant: &Variant,
) {
    for (j, va) in variant.attributes.iter().enumerate() {
        let name = va.name.trim();
        let message = match attributes.get(&lowercase(name)) {
            Some(true) => continue,
            Some(false) => format!("attribute \"{name}\" exists but is not used for variations"),
            None => format!("the product has no variation attribute \"{name}\""),
        };
        report.warning(
            format!("{prefix}/attributes/{j}/name"),
            code::VARIANT_ATTRIBUTE_UNKNOWN,
            message,
        );
    }
}

fn check_language(report: &mut Report, tag: &str) {
    if is_language_tag(tag) {
        return;
    }
    let dashed = tag.trim().replace('_', "-");
    if dashed != tag && is_language_tag(&dashed) {
        report.warning(
            "/language",
            code::LANGUAGE_NOT_CANONICAL,
            format!(
                "\"{tag}\" is a locale; the BCP 47 tag is \"{}\"",
                canonical_case(&dashed)
            ),
        );
    } else {
        report.error(
            "/language",
            code::LANGUAGE_INVALID,
            format!(
                "\"{}\" is not a BCP 47 language tag (like en, en-US, zh-Hant-TW)",
                short(tag)
            ),
        );
    }
}

/// Whether `tag` is a well-formed BCP 47 language tag (RFC 5646 syntax, case-insensitive):
/// `language[-extlang][-script][-region]*(-variant)*(-extension)*[-x-private]`, or a private
/// use tag `x-…`. The primary language has 2 or 3 letters; registry contents are not checked.
pub fn is_language_tag(tag: &str) -> bool {
    let subtags: Vec<&str> = tag.split('-').collect();
    if subtags
        .iter()
        .any(|s| s.is_empty() || s.len() > 8 || !s.bytes().all(|b| b.is_ascii_alphanumeric()))
    {
        return false;
    }
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let digit = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mut it = subtags.iter().copied().peekable();
    let Some(first) = it.next() else {
        return false;
    };
    if first.eq_ignore_ascii_case("x") {
        return private_use(&mut it);
    }
    // RFC 5646 also allows 4–8 letter primary subtags, but none is registered: `english`
    // is a mistake, not a tag.
    if !(alpha(first) && matches!(first.len(), 2 | 3)) {
        return false;
    }
    for _ in 0..3 {
        if it.next_if(|s| s.len() == 3 && alpha(s)).is_none() {
            break;
        }
    }
    it.next_if(|s| s.len() == 4 && alpha(s));
    it.next_if(|s| (s.len() == 2 && alpha(s)) || (s.len() == 3 && digit(s)));
    while it
        .next_if(|s| {
            (5..=8).contains(&s.len()) || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit())
        })
        .is_some()
    {}
    while it
        .next_if(|s| s.len() == 1 && !s.eq_ignore_ascii_case("x"))
        .is_some()
    {
        let mut count = 0;
        while it.next_if(|s| (2..=8).contains(&s.len())).is_some() {
            count += 1;
        }
        if count == 0 {
            return false;
        }
    }
    match it.next() {
        None => true,
        Some(x) if x.eq_ignore_ascii_case("x") => private_use(&mut it),
        Some(_) => false,
    }
}

fn private_use<'a>(it: &mut impl Iterator<Item = &'a str>) -> bool {
    let mut count = 0;
    for _ in it {
        count += 1;
    }
    count > 0
}

/// Conventional case for a tag: `pt-br` → `pt-BR`, `zh-hant-tw` → `zh-Hant-TW`.
fn canonical_case(tag: &str) -> String {
    let mut out = Vec::new();
    for (i, s) in tag.split('-').enumerate() {
        let s = if i == 0 {
            s.to_ascii_lowercase()
        } else if s.len() == 2 {
            s.to_ascii_uppercase()
        } else if s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
            let lower = s.to_ascii_lowercase();
            let mut cs = lower.chars();
            cs.next()
                .map(|c| c.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        } else {
            s.to_ascii_lowercase()
        };
        out.push(s);
    }
    out.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product::{Image, VariantAttribute};

    fn codes(p: &Product) -> Vec<String> {
        let mut v: Vec<String> = validate_product(p)
            .issues
            .into_iter()
            .map(|i| i.code)
            .collect();
        v.sort();
        v.dedup();
        v
    }

    fn paths(p: &Product) -> Vec<(String, String)> {
        validate_product(p)
            .issues
            .into_iter()
            .map(|i| (i.path, i.code))
            .collect()
    }

    fn named() -> Product {
        Product {
            name: "Stoneware Mug".into(),
            ..Product::default()
        }
    }

    #[test]
    fn currency_table_is_sorted_unique_and_uppercase() {
        assert!(ISO_4217_CODES.windows(2).all(|w| w[0] < w[1]));
        assert!(ISO_4217_CODES
            .iter()
            .all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())));
        for c in ["EUR", "USD", "PLN", "JPY", "CHF", "XCG", "ZWG", "SLE"] {
            assert!(is_iso_4217(c), "{c}");
        }
        for c in ["HRK", "DEM", "eur", "EURO", "", "BTC"] {
            assert!(!is_iso_4217(c), "{c}");
        }
    }

    #[test]
    fn all_codes_are_listed_and_unique() {
        let mut v = PRODUCT_CODES.to_vec();
        v.sort_unstable();
        v.dedup();
        assert_eq!(v.len(), PRODUCT_CODES.len());
    }

    #[test]
    fn name_rules() {
        assert_eq!(codes(&named()), Vec::<String>::new());
        let mut p = named();
        p.name = " \t ".into();
        assert_eq!(codes(&p), ["name_required"]);
        p.name = "ü".repeat(200);
        assert!(codes(&p).is_empty());
        p.name = "ü".repeat(201);
        assert_eq!(codes(&p), ["name_too_long"]);
    }

    #[test]
    fn price_rules() {
        let mut p = named();
        p.regular_price = Some(Price::Text("19,99".into()));
        p.sale_price = Some(Price::Number(9.5));
        assert!(codes(&p).is_empty());
        p.sale_price = Some(Price::Number(19.99));
        assert_eq!(
            paths(&p),
            [("/sale_price".into(), "sale_price_not_lower".into())]
        );
        p.regular_price = Some(Price::Text("$5".into()));
        p.sale_price = Some(Price::Text("-1".into()));
        assert_eq!(codes(&p), ["price_invalid", "price_negative"]);
        p.regular_price = Some(Price::Text(" ".into()));
        p.sale_price = Some(Price::Number(3.0));
        assert_eq!(codes(&p), ["sale_price_without_regular"]);
        assert!(validate_product(&p).is_valid());
        p.sale_price = Some(Price::Number(f64::NAN));
        assert_eq!(codes(&p), ["price_invalid"]);
    }

    #[test]
    fn currency_rules() {
        let mut p = named();
        p.currency = Some("EUR".into());
        assert!(codes(&p).is_empty());
        for bad in ["eur", "EURO", "€", "HRK", " EUR"] {
            p.currency = Some(bad.into());
            assert_eq!(codes(&p), ["currency_invalid"], "{bad}");
        }
    }

    #[test]
    fn url_rules() {
        for ok in [
            "https://shop.example/p/mug",
            "http://localhost:8080/x?y=1#z",
            "HTTPS://Bücher.example",
            "https://user@[2001:db8::1]:443/",
        ] {
            assert_eq!(check_url(ok), UrlCheck::Ok, "{ok}");
        }
        for rel in [
            "/img/a.jpg",
            "img/a.jpg",
            "//cdn.example/a.jpg",
            "a.jpg?x=1:2",
        ] {
            assert_eq!(check_url(rel), UrlCheck::Relative, "{rel}");
        }
        for bad in [
            "",
            "javascript:alert(1)",
            "https://",
            "https://exa mple.com",
            "ftp://x.example/a",
            "https://a..b",
            "https://x.example:99999999/",
            "mailto:a@b.c",
            "https://-x.example",
        ] {
            assert!(matches!(check_url(bad), UrlCheck::Invalid(_)), "{bad}");
        }
    }

    #[test]
    fn url_issues_have_paths() {
        let mut p = named();
        p.url = Some("javascript:alert(1)".into());
        p.images = vec![
            Image {
                src: "https://cdn.example/a.jpg".into(),
                alt: None,
            },
            Image {
                src: "/a.jpg".into(),
                alt: None,
            },
            Image {
                src: "https://exa mple/a.jpg".into(),
                alt: None,
            },
        ];
        assert_eq!(
            paths(&p),
            [
                ("/url".into(), "url_invalid".into()),
                ("/images/1/src".into(), "image_url_relative".into()),
                ("/images/2/src".into(), "url_invalid".into()),
            ]
        );
    }

    #[test]
    fn sku_rules() {
        let mut p = named();
        for ok in ["MUG-350_BL.v2/1", "a", &"A".repeat(64)] {
            p.sku = Some(ok.to_string());
            assert!(codes(&p).is_empty(), "{ok}");
        }
        for bad in ["MUG 350", "MÜG", "a#b", &"A".repeat(65), " a"] {
            p.sku = Some(bad.to_string());
            assert_eq!(codes(&p), ["sku_invalid"], "{bad}");
        }
    }

    #[test]
    fn gtin_check_digits() {
        // EAN-13, UPC-A, EAN-8, GTIN-14 with valid check digits.
        for ok in [
            "4006381333931",
            "036000291452",
            "96385074",
            "10614141000415",
        ] {
            assert_eq!(gtin_check(ok), Ok(()), "{ok}");
        }
        for bad in [
            "4006381333932",
            "036000291453",
            "96385075",
            "400638133393",
            "12345",
            "40063813339a1",
            "4006381333931 ",
        ] {
            assert!(gtin_check(bad).is_err(), "{bad}");
        }
        let mut p = named();
        p.gtin = Some(" 4006381333931 ".into());
        assert!(codes(&p).is_empty());
        p.gtin = Some("4006381333932".into());
        assert_eq!(codes(&p), ["gtin_invalid"]);
    }

    #[test]
    fn attribute_rules() {
        let mut p = named();
        p.attributes = vec![
            Attribute {
                name: "Color".into(),
                values: vec!["Red".into(), " ".into()],
                ..Attribute::default()
            },
            Attribute {
                name: "color ".into(),
                values: vec!["Blue".into()],
                ..Attribute::default()
            },
            Attribute {
                name: "".into(),
                values: vec![],
                ..Attribute::default()
            },
        ];
        assert_eq!(
            paths(&p),
            [
                (
                    "/attributes/0/values/1".into(),
                    "attribute_value_empty".into()
                ),
                ("/attributes/1/name".into(), "attribute_duplicate".into()),
                ("/attributes/2/name".into(), "attribute_name_empty".into()),
                (
                    "/attributes/2/values".into(),
                    "attribute_values_empty".into()
                ),
            ]
        );
    }

    #[test]
    fn category_rules() {
        let mut p = named();
        p.categories = vec![
            "Home > Kitchen".into(),
            "Home > > Mugs".into(),
            "".into(),
            ">".into(),
        ];
        assert_eq!(
            paths(&p),
            [
                ("/categories/1".into(), "category_invalid".into()),
                ("/categories/2".into(), "category_invalid".into()),
                ("/categories/3".into(), "category_invalid".into()),
            ]
        );
    }

    #[test]
    fn language_tags() {
        for ok in [
            "en",
            "en-US",
            "zh-Hant-TW",
            "de-CH-1996",
            "es-419",
            "sl-rozaj-biske",
            "en-a-bbb-x-a-ccc",
            "x-whatever",
            "zh-yue-HK",
            "EN-us",
        ] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in [
            "",
            "e",
            "english",
            "en-",
            "en--US",
            "en-US-",
            "123",
            "en-a",
            "en-x",
            "de-DE-a-",
            "en_US",
            "toolongtag",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
        let mut p = named();
        p.language = Some("pt_br".into());
        let r = validate_product(&p);
        assert_eq!(r.issues[0].code, "language_not_canonical");
        assert!(
            r.issues[0].message.contains("pt-BR"),
            "{}",
            r.issues[0].message
        );
        assert!(r.is_valid());
        p.language = Some("zh_hant_tw".into());
        assert!(validate_product(&p).issues[0]
            .message
            .contains("zh-Hant-TW"));
        p.language = Some("en US".into());
        assert_eq!(codes(&p), ["language_invalid"]);
    }

    #[test]
    fn attribute_names_compare_without_case_in_every_script() {
        // A final sigma is the same letter as σ: ΜΕΓΕΘΟΣ, Μεγεθος and μεγεθοσ are one name.
        let mut p = named();
        p.attributes = vec![
            Attribute {
                name: "ΜΕΓΕΘΟΣ".into(),
                values: vec!["S".into(), "M".into()],
                variation: true,
                ..Attribute::default()
            },
            Attribute {
                name: "Größe".into(),
                values: vec!["S".into()],
                variation: true,
                ..Attribute::default()
            },
        ];
        p.variants = vec![Variant {
            attributes: vec![
                VariantAttribute {
                    name: "Μεγεθος".into(),
                    value: "S".into(),
                },
                VariantAttribute {
                    name: "GRÖSSE".into(),
                    value: "S".into(),
                },
            ],
            ..Variant::default()
        }];
        // GRÖSSE is not Größe (ß is its own letter), so only that one is unknown.
        assert_eq!(
            paths(&p),
            [(
                "/variants/0/attributes/1/name".into(),
                "variant_attribute_unknown".into()
            )]
        );
        p.attributes.push(Attribute {
            name: "μεγεθος".into(),
            values: vec!["L".into()],
            ..Attribute::default()
        });
        assert!(paths(&p).contains(&("/attributes/2/name".into(), "attribute_duplicate".into())));
    }

    #[test]
    fn variant_rules() {
        let mut p = named();
        p.sku = Some("MUG".into());
        p.attributes = vec![
            Attribute {
                name: "Color".into(),
                values: vec!["Red".into(), "Blue".into()],
                variation: true,
                ..Attribute::default()
            },
            Attribute {
                name: "Material".into(),
                values: vec!["Stone".into()],
                variation: false,
                ..Attribute::default()
            },
        ];
        let va = |n: &str| VariantAttribute {
            name: n.into(),
            value: "x".into(),
        };
        p.variants = vec![
            Variant {
                sku: Some("MUG-R".into()),
                attributes: vec![va("color")],
                regular_price: Some(Price::Number(10.0)),
                ..Variant::default()
            },
            Variant {
                sku: Some("MUG-R".into()),
                attributes: vec![va("Size"), va("Material")],
                regular_price: Some(Price::Number(5.0)),
                sale_price: Some(Price::Number(6.0)),
                gtin: Some("123".into()),
            },
            Variant {
                sku: Some("MUG".into()),
                regular_price: Some(Price::Text("abc".into())),
                ..Variant::default()
            },
        ];
        assert_eq!(
            paths(&p),
            [
                (
                    "/variants/1/sale_price".into(),
                    "sale_price_not_lower".into()
                ),
                ("/variants/1/sku".into(), "sku_duplicate".into()),
                ("/variants/1/gtin".into(), "gtin_invalid".into()),
                (
                    "/variants/1/attributes/0/name".into(),
                    "variant_attribute_unknown".into()
                ),
                (
                    "/variants/1/attributes/1/name".into(),
                    "variant_attribute_unknown".into()
                ),
                ("/variants/2/regular_price".into(), "price_invalid".into()),
                ("/variants/2/sku".into(), "sku_duplicate".into()),
            ]
        );
    }
}
