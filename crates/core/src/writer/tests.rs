//! Writer tests: determinism, brand voice, and quality on the sample catalogs.

use super::*;
use crate::analysis::{score_generated, Rating};
use crate::product::{Attribute, Price};
use crate::validate::{validate_content, Channel};
use crate::woocsv::parse_products;

fn tee() -> Product {
    Product {
        name: "V-Neck T-Shirt".into(),
        sku: Some("woo-vneck-tee".into()),
        categories: vec!["Clothing > Tshirts".into()],
        attributes: vec![Attribute {
            name: "Color".into(),
            values: vec!["Blue".into(), "Green".into(), "Red".into()],
            visible: true,
            variation: true,
        }],
        regular_price: Some(Price::Text("20".into())),
        sale_price: Some(Price::Text("15".into())),
        ..Product::default()
    }
}

/// Scores written content the way every consumer does.
fn score(p: &Product, c: &GeneratedContent) -> crate::analysis::Analysis {
    score_generated(p, c, &PromptOptions::default())
}

#[test]
fn same_product_same_text() {
    let a = write(&tee(), &PromptOptions::default()).unwrap();
    let b = write(&tee(), &PromptOptions::default()).unwrap();
    assert_eq!(a, b);
    assert!(a.description.starts_with("<p>"));
    assert!(a.description.contains("V-Neck T-Shirt"));
    assert!(a.description.contains("25% off"));
    assert_eq!(a.slug, "v-neck-t-shirt");
    assert!(
        a.seo_title.starts_with("V-Neck T-Shirt – "),
        "{}",
        a.seo_title
    );
}

#[test]
fn banned_words_are_avoided() {
    let plain = write(&tee(), &PromptOptions::default()).unwrap();
    let banned = ["soft".to_owned(), "favorite".to_owned()];
    let mut opts = PromptOptions::default();
    opts.voice.banned_words = banned.to_vec();
    let out = write(&tee(), &opts).unwrap();
    assert_ne!(plain.description, out.description);
    for field in [
        &out.description,
        &out.short_description,
        &out.meta_description,
    ] {
        let lower = field.to_lowercase();
        for w in &banned {
            assert!(
                !lower.split(|c: char| !c.is_alphanumeric()).any(|x| x == w),
                "{w:?} in {field}"
            );
        }
    }
}

#[test]
fn tones_change_the_voice() {
    let friendly = write(&tee(), &PromptOptions::default()).unwrap();
    let mut opts = PromptOptions::default();
    opts.voice.tone = "luxury".into();
    let luxury = write(&tee(), &opts).unwrap();
    assert_ne!(friendly.description, luxury.description);
}

#[test]
fn refuses_what_it_cannot_write() {
    let nameless = Product::default();
    assert_eq!(
        write(&nameless, &PromptOptions::default())
            .unwrap_err()
            .code(),
        "writer_missing_name"
    );
    let de = PromptOptions {
        language: "de-DE".into(),
        ..PromptOptions::default()
    };
    assert_eq!(
        write(&tee(), &de).unwrap_err().code(),
        "writer_unsupported_language"
    );
}

#[test]
fn serialized_codes_match_error_codes() {
    for e in [
        WriterError::MissingName,
        WriterError::UnsupportedLanguage {
            language: "de".into(),
        },
    ] {
        assert_eq!(serde_json::to_value(&e).unwrap()["code"], e.code());
    }
}

#[test]
fn slugs() {
    assert_eq!(slugify("  Crème Brûlée -- Set! "), "creme-brulee-set");
    assert_eq!(slugify("Straße Æther"), "strasse-aether");
    assert_eq!(slugify("!!!"), "");
}

#[test]
fn sample_catalogs_validate_and_reach_ok() {
    for name in [
        "experimental_sample_9_products.csv",
        "experimental_fashion_sample_9_products.csv",
    ] {
        let path = format!(
            "{}/../../data/woocommerce/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let parsed = parse_products(&std::fs::read_to_string(path).unwrap()).unwrap();
        for p in &parsed.products {
            let c = write(p, &PromptOptions::default()).unwrap();
            let report = validate_content(&c, Channel::Woocommerce);
            assert!(report.is_valid(), "{}: {:?}", p.name, report.issues);
            let a = score(p, &c);
            assert!(
                matches!(a.seo.rating, Rating::Ok | Rating::Good),
                "{}: SEO {} {:?}\n{:#?}",
                p.name,
                a.seo.score,
                a.seo.rating,
                a.seo
                    .checks
                    .iter()
                    .filter(|c| c.needs_work())
                    .map(|c| (&c.id, &c.message))
                    .collect::<Vec<_>>()
            );
        }
    }
}
