//! The benchmark input: realistic product copy of a given length, shared by the criterion
//! benchmark and the profiling example.

use proseo_core::seo::{AnalyzeInput, ProductFacts};

/// Paragraphs of realistic product copy, cycled until the text reaches `words` words.
pub fn description(words: usize) -> String {
    const PARAGRAPHS: &[&str] = &[
        "Our merino wool socks keep your feet warm on cold mornings and cool on long summer walks. Because merino breathes, your feet stay dry all day.",
        "Merino fibres are fine and soft, so they never itch. They also resist odour, which means you can wear them on a long hike and still feel fresh.",
        "For example, many of our customers take two pairs on a week-long trip. The reinforced heel and toe add years to every pair, and the flat toe seam never rubs.",
        "Wash them inside out with similar colours. Then dry them flat, away from direct heat. As a result, they keep their shape and colour for years.",
        "The cushioned sole is knitted in a terry loop that absorbs shock on hard city pavements. However, the upper stays thin, so the socks fit in your usual shoes.",
    ];
    let mut html = String::from("<h2>Why merino wool socks?</h2>\n");
    let mut count = 0;
    let mut i = 0;
    while count < words {
        let p = PARAGRAPHS[i % PARAGRAPHS.len()];
        if i % 4 == 3 {
            html.push_str("<h3>Details &amp; care</h3>\n<ul><li>70% merino wool</li><li>Machine washable</li></ul>\n");
            count += 7;
        }
        html.push_str("<p>");
        html.push_str(p);
        html.push_str("</p>\n");
        count += p.split_whitespace().count();
        i += 1;
    }
    html
}

pub fn input(words: usize) -> AnalyzeInput {
    AnalyzeInput {
        content: description(words),
        title: "Merino wool socks – warm, soft and odour resistant | Woolly".into(),
        meta_description: "Merino wool socks that keep your feet warm in winter and cool in summer. Soft, itch-free, odour resistant and machine washable.".into(),
        slug: "merino-wool-socks".into(),
        keyphrase: "merino wool socks".into(),
        synonyms: vec!["wool socks".into()],
        locale: "en_US".into(),
        product: ProductFacts { sku: Some("WS-01".into()), gtin: Some("4006381333931".into()), image_count: Some(5), variants: 3 },
        ..AnalyzeInput::default()
    }
}
