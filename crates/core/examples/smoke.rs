//! Smoke run.
use proseo_core::seo::{analyze, AnalyzeInput};
fn main() {
    let input = AnalyzeInput {
        content: "<p>Our merino wool socks keep your feet warm. They are knitted in Portugal.</p><h2>Why merino wool socks?</h2><p>Merino is soft. It is breathable. It is naturally odour resistant, and it is washable at 30 degrees.</p><ul><li>Soft</li><li>Warm</li></ul><img src=\"a.jpg\">".into(),
        title: "Merino wool socks – warm and soft | Shop".into(),
        meta_description: "Merino wool socks that keep your feet warm.".into(),
        slug: "merino-wool-socks".into(),
        keyphrase: "merino wool socks".into(),
        ..Default::default()
    };
    let a = analyze(&input);
    #[allow(clippy::print_stdout)]
    {
        println!("{}", serde_json::to_string_pretty(&a).unwrap_or_default());
    }
}
