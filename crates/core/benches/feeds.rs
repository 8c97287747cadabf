//! Criterion benchmarks of the exports and the near-duplicate search: every format over the
//! offline writer's content for both sample catalogs (18 products), JSON-LD of one product,
//! a signature of one description, and a catalog search over 10,000 signatures. Run:
//! `cargo bench -p proseo-core --bench feeds` (medians in
//! `target/criterion/<group>/*/new/estimates.json`).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use proseo_core::duplicate::{near_duplicates, CatalogEntry, Signature};
use proseo_core::export::{export, json_ld, ExportItem, ExportOptions, Format, JsonLdOptions};
use proseo_core::prompt::PromptOptions;
use std::hint::black_box;

fn items() -> Vec<ExportItem> {
    let mut out = Vec::new();
    for csv in [
        include_str!("../../../data/woocommerce/experimental_sample_9_products.csv"),
        include_str!("../../../data/woocommerce/experimental_fashion_sample_9_products.csv"),
    ] {
        let products = proseo_core::woocsv::parse_products(csv)
            .map(|p| p.products)
            .unwrap_or_default();
        for product in products {
            if let Ok(content) = proseo_core::writer::write(&product, &PromptOptions::default()) {
                out.push(ExportItem {
                    product,
                    content,
                    keyphrase: None,
                    quantity: Some(5),
                });
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let items = items();
    let options = ExportOptions {
        currency: Some("EUR".into()),
        brand: Some("Woo".into()),
        locale: Some("de-DE".into()),
        category: Some("1".into()),
        ..ExportOptions::default()
    };
    let mut group = c.benchmark_group("export");
    group.throughput(Throughput::Elements(items.len() as u64));
    for &format in Format::all() {
        group.bench_with_input(
            BenchmarkId::from_parameter(format.id()),
            &items,
            |b, items| b.iter(|| export(format, black_box(items), &options)),
        );
    }
    group.finish();

    let mut group = c.benchmark_group("json_ld");
    group.throughput(Throughput::Elements(1));
    if let Some(item) = items.first() {
        group.bench_function("one_product", |b| {
            b.iter(|| {
                json_ld(
                    black_box(&item.product),
                    Some(&item.content),
                    &JsonLdOptions::default(),
                )
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("duplicates");
    if let Some(item) = items.first() {
        group.throughput(Throughput::Bytes(item.content.description.len() as u64));
        group.bench_function("signature_one_description", |b| {
            b.iter(|| Signature::of_html(black_box(&item.content.description)))
        });
    }
    // 10,000 products: the 18 descriptions' signatures, each varied by a product-specific
    // sentence (near-duplicates of each other in groups, as a real catalog with shared
    // boilerplate would have).
    let catalog: Vec<CatalogEntry> = (0..10_000)
        .map(|i| {
            let base = &items[i % items.len()].content.description;
            CatalogEntry {
                id: format!("p{i}"),
                signature: Signature::of_html(&format!(
                    "{base}<p>Item {i} of the catalog, sold by us.</p>"
                )),
            }
        })
        .collect();
    group.throughput(Throughput::Elements(catalog.len() as u64));
    group.sample_size(10);
    group.bench_function("catalog_of_10000", |b| {
        b.iter(|| near_duplicates(black_box(&catalog)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
