//! The benchmark input: real product copy of a given length, shared by the criterion benchmark
//! and the profiling example. The text comes from the eleven readability fixtures (different
//! products, vocabularies and styles), laid out as a merchant's description: paragraphs, a
//! subheading every few paragraphs, a bulleted list.

use proseo_core::analysis::{AnalyzeInput, ProductFacts};

const FIXTURES: &[&str] = &[
    include_str!("../tests/fixtures/readability/simple-mug.txt"),
    include_str!("../tests/fixtures/readability/tech-earbuds.txt"),
    include_str!("../tests/fixtures/readability/luxury-handbag.txt"),
    include_str!("../tests/fixtures/readability/kitchen-skillet.txt"),
    include_str!("../tests/fixtures/readability/kids-blocks.txt"),
    include_str!("../tests/fixtures/readability/outdoor-tent.txt"),
    include_str!("../tests/fixtures/readability/cosmetics-serum.txt"),
    include_str!("../tests/fixtures/readability/furniture-sofa.txt"),
    include_str!("../tests/fixtures/readability/plain-wool-blanket.txt"),
    include_str!("../tests/fixtures/readability/plain-garden-chair.txt"),
    include_str!("../tests/fixtures/readability/plain-coffee-mug.txt"),
];

/// Product-description HTML of about `words` words.
pub fn description(words: usize) -> String {
    let mut html = String::new();
    let mut count = 0;
    let paragraphs = FIXTURES
        .iter()
        .flat_map(|t| t.split("\n\n"))
        .map(str::trim)
        .filter(|p| !p.is_empty());
    for (i, p) in paragraphs.enumerate() {
        if count >= words {
            break;
        }
        if i % 3 == 0 {
            html.push_str("<h2>Why you will love it</h2>\n");
            count += 5;
        }
        if i % 5 == 4 {
            html.push_str(
                "<ul><li>Free shipping &amp; returns</li><li>Two-year warranty</li></ul>\n",
            );
            count += 6;
        }
        let remaining = words.saturating_sub(count);
        let taken: Vec<&str> = p.split_whitespace().take(remaining).collect();
        count += taken.len();
        html.push_str("<p>");
        html.push_str(&taken.join(" "));
        html.push_str("</p>\n");
    }
    html
}

/// A full analysis input around [`description`].
pub fn input(words: usize) -> AnalyzeInput {
    AnalyzeInput {
        content: description(words),
        title: "Wireless earbuds – clear sound, all-day comfort | Pulse".into(),
        meta_description: "Wireless earbuds with adaptive noise cancellation, eight hours of battery life and a pocket-size charging case. Free returns for thirty days.".into(),
        slug: "wireless-earbuds".into(),
        keyphrase: "wireless earbuds".into(),
        synonyms: vec!["earbuds".into()],
        locale: "en_US".into(),
        product: ProductFacts {
            sku: Some("PX2".into()),
            gtin: Some("4006381333931".into()),
            image_count: Some(5),
            variants: 3,
            ..ProductFacts::default()
        },
        ..AnalyzeInput::default()
    }
}
