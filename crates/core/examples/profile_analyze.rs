//! Runs analyze in a loop for profiling: `cargo run --release --example profile_analyze [NAME]
//! [ITERATIONS]` on a text of the benchmark corpus (`benches/corpus.json`; default
//! `product-300-typographic`), e.g. under `perf record`.

use proseo_core::analysis::{analyze, AnalyzeInput};

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args
        .next()
        .unwrap_or_else(|| "product-300-typographic".to_owned());
    let iterations: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(5000);
    let items: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("../benches/corpus.json")).unwrap_or_default();
    let Some(input) = items
        .iter()
        .find(|i| i["name"] == name.as_str())
        .and_then(|i| serde_json::from_value::<AnalyzeInput>(i["input"].clone()).ok())
    else {
        eprintln!("no corpus text named {name}");
        std::process::exit(2);
    };
    let mut total = 0u64;
    for _ in 0..iterations {
        total += u64::from(analyze(&input).seo.score);
    }
    std::process::exit(i32::from(total == 0));
}
