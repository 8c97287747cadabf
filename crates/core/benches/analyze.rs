//! Criterion benchmarks: `analyze` on a 300-word and a 1,000-word product description.
//! Targets (native): ≤ 30 µs and ≤ 100 µs. Run: `cargo bench -p proseo-core --bench analyze`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use proseo_core::analysis::analyze;

#[path = "input.rs"]
mod input;
use input::input;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze");
    for words in [300usize, 1000] {
        let input = input(words);
        group.throughput(Throughput::Bytes(input.content.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{words}_words")),
            &input,
            |b, input| b.iter(|| analyze(black_box(input))),
        );
    }
    group.finish();

    // English syllable counting over every word of the 1,000-word input.
    let text = input(1000).content;
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
