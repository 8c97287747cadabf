//! Criterion benchmarks: `analyze` on the benchmark corpus (`corpus.json`, written by
//! `scripts/gen-bench-corpus.py` and shared with the npm package's benchmark): product copy of
//! 300 and 1,000 words in ASCII and with real-world typography (’ “ ” – — … no-break spaces),
//! product copy in Spanish, German and French, and a long-form page with tables, lists and 81
//! links. Targets (native, median): 300 words ≤ 20 µs; per-word cost with typography within
//! 1.5× of ASCII; cost linear in size. Run: `cargo bench -p proseo-core --bench analyze`
//! (medians in `target/criterion/analyze/*/new/estimates.json`).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use proseo_core::analysis::{analyze, AnalyzeInput};
use std::hint::black_box;

#[path = "input.rs"]
mod input;

fn corpus() -> Vec<(String, AnalyzeInput)> {
    let items: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("corpus.json")).unwrap_or_default();
    items
        .into_iter()
        .filter_map(|item| {
            let name = item.get("name")?.as_str()?.to_owned();
            let input = serde_json::from_value(item.get("input")?.clone()).ok()?;
            Some((name, input))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze");
    for (name, input) in corpus() {
        group.throughput(Throughput::Bytes(input.content.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &input, |b, input| {
            b.iter(|| analyze(black_box(input)))
        });
    }
    group.finish();

    // English syllable counting over every word of the 1,000-word input.
    let text = input::input(1000).content;
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let mut group = c.benchmark_group("syllables");
    group.throughput(Throughput::Elements(words.len() as u64));
    group.bench_function("count_en_1000_words", |b| {
        b.iter(|| {
            words
                .iter()
                .map(|w| proseo_core::text::syllables::count_en(black_box(w)))
                .sum::<u32>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
