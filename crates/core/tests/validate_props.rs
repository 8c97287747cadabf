//! Property tests: validators never panic, and the sanitizer is idempotent and safe on
//! arbitrary input (random Unicode and random "HTML soup" built from hostile fragments).

use proptest::prelude::*;
use proseo_core::product::{Attribute, Image, Price, Product, Variant, VariantAttribute};
use proseo_core::validate::{
    sanitize_content, sanitize_html, validate_content, validate_product, Channel, GeneratedContent,
};

/// Fragments that exercise the tokenizer's corners and the sanitizer's rules.
const FRAGMENTS: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "=",
    "\"",
    "'",
    " ",
    "\t",
    "\n",
    "\0",
    "\u{1}",
    "&",
    ";",
    "#",
    ":",
    "<p>",
    "</p>",
    "<ul>",
    "</ul>",
    "<ol>",
    "<li>",
    "</li>",
    "<h2>",
    "</h3>",
    "<b>",
    "</i>",
    "<br>",
    "</br>",
    "<a href=\"",
    "<a title='",
    "<A HREF=",
    "</a>",
    "<script>",
    "</script>",
    "<SCRIPT",
    "<style>",
    "</style>",
    "<iframe>",
    "</iframe>",
    "<object>",
    "</object>",
    "<embed src=",
    "<textarea>",
    "<title>",
    "<plaintext>",
    "<noscript>",
    "<svg onload=",
    "<img src=x onerror=",
    "<div class=",
    "</div>",
    "<!--",
    "-->",
    "<!doctype html>",
    "<![CDATA[",
    "]]>",
    "javascript",
    "JaVaScRiPt",
    "script",
    "java",
    ":alert(1)",
    "&#106;",
    "&#x6A;",
    "&#58;",
    "&colon;",
    "&amp;",
    "&lt;",
    "&gt;",
    "&nbsp;",
    "&#0;",
    "data:",
    "vbscript",
    "on",
    "onclick",
    "click",
    "x",
    "é",
    "😀",
    "漢字",
    "\u{200f}",
    "\u{200b}",
    "{{",
    "}}",
    "TODO",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..48).prop_map(|v| v.concat())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), soup()]
}

fn price() -> impl Strategy<Value = Option<Price>> {
    prop_oneof![
        Just(None),
        any::<f64>().prop_map(|n| Some(Price::Number(n))),
        any::<String>().prop_map(|s| Some(Price::Text(s))),
        "-?[0-9]{0,4}[.,]?[0-9]{0,3}".prop_map(|s| Some(Price::Text(s))),
    ]
}

fn content() -> impl Strategy<Value = GeneratedContent> {
    (
        (text(), text(), text(), text(), text()),
        (
            prop::collection::vec(text(), 0..4),
            prop::collection::vec(text(), 0..8),
            text(),
        ),
    )
        .prop_map(
            |(
                (description, short_description, seo_title, meta_description, slug),
                (image_alt, bullets, title),
            )| GeneratedContent {
                description,
                short_description,
                seo_title,
                meta_description,
                slug,
                image_alt,
                bullets,
                title,
            },
        )
}

fn product() -> impl Strategy<Value = Product> {
    (
        (any::<String>(), text(), text(), text(), text()),
        (price(), price(), price(), price()),
        (
            any::<String>(),
            any::<String>(),
            any::<String>(),
            any::<String>(),
        ),
    )
        .prop_map(
            |((name, sku, gtin, currency, language), (rp, sp, vrp, vsp), (url, src, attr, cat))| {
                Product {
                    name,
                    sku: Some(sku.clone()),
                    gtin: Some(gtin),
                    currency: Some(currency),
                    language: Some(language),
                    regular_price: rp,
                    sale_price: sp,
                    url: Some(url),
                    images: vec![Image { src, alt: None }],
                    categories: vec![cat],
                    attributes: vec![Attribute {
                        name: attr.clone(),
                        values: vec![attr.clone(), String::new()],
                        ..Attribute::default()
                    }],
                    variants: vec![
                        Variant {
                            sku: Some(sku),
                            attributes: vec![VariantAttribute {
                                name: attr,
                                value: String::new(),
                            }],
                            regular_price: vrp,
                            sale_price: vsp,
                            gtin: None,
                        },
                        Variant::default(),
                    ],
                    ..Product::default()
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn sanitizer_is_idempotent_and_safe(input in text()) {
        let once = sanitize_html(&input);
        let twice = sanitize_html(&once.html);
        prop_assert_eq!(&twice.html, &once.html);
        prop_assert!(twice.removed.is_empty(), "clean output had removals: {:?}", twice.removed);
        let lower = once.html.to_lowercase();
        prop_assert!(!lower.contains("<script"), "{}", once.html);
        prop_assert!(!lower.contains("javascript:"), "{}", once.html);
        for r in &once.removed {
            prop_assert!(r.start <= r.end && (r.end as usize) <= input.len(), "{:?}", r);
            prop_assert!(input.is_char_boundary(r.start as usize));
            prop_assert!(input.is_char_boundary(r.end as usize));
        }
    }

    #[test]
    fn content_validation_never_panics(c in content()) {
        for channel in Channel::all() {
            let report = validate_content(&c, *channel);
            for issue in &report.issues {
                prop_assert!(issue.path.starts_with('/'));
            }
        }
    }

    #[test]
    fn sanitized_content_is_clean_and_stable(c in content()) {
        let s = sanitize_content(&c);
        // What is stored validates without unsafe_html, and sanitizes to itself.
        let report = validate_content(&s.content, Channel::Woocommerce);
        prop_assert!(!report.has("unsafe_html"), "{:?}", report.issues);
        let again = sanitize_content(&s.content);
        prop_assert_eq!(&again.content, &s.content);
        prop_assert!(!again.changed && !again.unsafe_removed);
        // The flag agrees with the report on the raw content.
        let raw = validate_content(&c, Channel::Woocommerce);
        prop_assert_eq!(s.unsafe_removed, raw.has("unsafe_html"), "{:?}", raw.issues);
        let t = &s.content;
        for field in [&t.seo_title, &t.meta_description, &t.slug, &t.title]
            .into_iter()
            .chain(&t.image_alt)
            .chain(&t.bullets)
        {
            prop_assert!(!field.contains(['<', '>']), "{}", field);
            prop_assert!(!field.chars().any(char::is_control), "{:?}", field);
        }
    }

    #[test]
    fn product_validation_never_panics(p in product()) {
        let report = validate_product(&p);
        for issue in &report.issues {
            prop_assert!(issue.path.starts_with('/'));
        }
    }
}
