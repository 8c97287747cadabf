//! The validators and the sanitizer on arbitrary text.
//!
//! The bytes (UTF-8, lossily) are parsed with serde_json as a product and as generated content
//! (when they are JSON of that shape), used directly as the description of generated content
//! for every channel, and sanitized as HTML.
//!
//! Invariants: every issue code is a documented one, with a JSON-pointer path and a message,
//! and `is_valid` means "no error"; the sanitizer's output contains no `<script`, no literal
//! `javascript:`/`vbscript:`, only allowlisted tags with only `href`/`title` attributes, and
//! re-sanitizes to itself with nothing removed; removal ranges lie in the input on char
//! boundaries, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use proseo_core::product::Product;
use proseo_core::report::{Report, Severity};
use proseo_core::validate::{
    sanitize_html, validate_content, validate_product, Channel, GeneratedContent, ALLOWED_TAGS,
    CONTENT_CODES, PRODUCT_CODES,
};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    if let Ok(product) = serde_json::from_str::<Product>(&text) {
        check_report(&validate_product(&product), PRODUCT_CODES);
    }
    if let Ok(products) = serde_json::from_str::<Vec<Product>>(&text) {
        for product in &products {
            check_report(&validate_product(product), PRODUCT_CODES);
        }
    }
    let mut parts = text.split('\n');
    let mut next = || parts.next().unwrap_or_default().to_owned();
    let from_text = GeneratedContent {
        seo_title: next(),
        meta_description: next(),
        slug: next(),
        title: next(),
        short_description: next(),
        bullets: next().split('|').map(str::to_owned).collect(),
        image_alt: next().split('|').map(str::to_owned).collect(),
        description: text.clone().into_owned(),
    };
    let from_json = serde_json::from_str::<GeneratedContent>(&text).ok();
    for content in std::iter::once(&from_text).chain(from_json.as_ref()) {
        for &channel in Channel::all() {
            check_report(&validate_content(content, channel), CONTENT_CODES);
        }
    }

    check_sanitized(&text);
});

fn check_report(report: &Report, known: &[&str]) {
    for issue in &report.issues {
        assert!(
            known.contains(&issue.code.as_str()),
            "undocumented code {issue:?}"
        );
        assert!(
            issue.path.is_empty() || issue.path.starts_with('/'),
            "{issue:?}"
        );
        assert!(!issue.message.is_empty(), "{issue:?}");
    }
    let has_error = report.issues.iter().any(|i| i.severity == Severity::Error);
    assert_eq!(report.is_valid(), !has_error);
}

fn check_sanitized(input: &str) {
    let once = sanitize_html(input);
    let html = &once.html;
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{input:?} -> {html:?}");
    assert!(!lower.contains("javascript:"), "{input:?} -> {html:?}");
    assert!(!lower.contains("vbscript:"), "{input:?} -> {html:?}");
    assert!(!html.contains('\0'), "{input:?} -> {html:?}");
    check_markup(html);

    let mut last = (0, 0);
    for r in &once.removed {
        let (start, end) = (r.start as usize, r.end as usize);
        assert!(start <= end && end <= input.len(), "{r:?} in {input:?}");
        assert!(
            input.is_char_boundary(start) && input.is_char_boundary(end),
            "{r:?} splits a char in {input:?}"
        );
        assert!(
            (start, end) >= last,
            "removals out of order: {:?}",
            once.removed
        );
        last = (start, end);
        assert!(!r.what.is_empty());
    }

    let twice = sanitize_html(html);
    assert_eq!(&twice.html, html, "not idempotent for {input:?}");
    assert!(
        twice.removed.is_empty(),
        "re-sanitizing {html:?} removed {:?}",
        twice.removed
    );
}

/// Sanitized HTML holds only allowlisted tags whose attributes are `href="…"` or `title="…"`
/// (every other `<` is escaped, and attribute values never contain `"`, `<` or `>`).
fn check_markup(html: &str) {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        assert!(!rest[..open].contains('>'), "unescaped > in {html:?}");
        let tag = &rest[open + 1..];
        let close = tag
            .find('>')
            .unwrap_or_else(|| panic!("unclosed tag in {html:?}"));
        let inner = &tag[..close];
        let inner = inner.strip_prefix('/').unwrap_or(inner);
        let name_end = inner.find(' ').unwrap_or(inner.len());
        let (name, mut attrs) = inner.split_at(name_end);
        assert!(ALLOWED_TAGS.contains(&name), "tag {name:?} in {html:?}");
        while !attrs.is_empty() {
            let after = attrs
                .strip_prefix(" href=\"")
                .or_else(|| attrs.strip_prefix(" title=\""))
                .unwrap_or_else(|| panic!("attribute {attrs:?} in {html:?}"));
            let value_end = after.find('"').unwrap_or_else(|| panic!("{html:?}"));
            assert!(!after[..value_end].contains('<'), "{html:?}");
            attrs = &after[value_end + 1..];
        }
        rest = &tag[close + 1..];
    }
    assert!(!rest.contains('>'), "unescaped > in {html:?}");
}
