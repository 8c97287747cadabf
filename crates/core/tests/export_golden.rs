//! Golden files for every export format on the sample catalogs, and a check, independent of
//! the exporter, that every row written obeys its channel's rules.
//!
//! Input: both sample catalogs (`data/woocommerce/*.csv`), content by the offline writer
//! (default options, as the main job writes it), exported with the options below. The
//! samples carry no GTIN, brand or currency: the test gives each product an in-store GTIN
//! (GS1 prefix 20, restricted circulation numbers, never real products), and the options a
//! brand, a currency, a default quantity and category mappings, as a seller would.
//!
//! `UPDATE_EXPECT=1 cargo test -p proseo-core --test export_golden` rewrites
//! `tests/fixtures/export/` (review the diff like code).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use proseo_core::content::GeneratedContent;
use proseo_core::export::{
    export, CategoryMapping, Constant, ExportItem, ExportOptions, Feed, Format,
};
use proseo_core::prompt::PromptOptions;
use proseo_core::validate::{validate_content, Channel, CHANNEL_PROFILES};
use proseo_core::woocsv::{parse_products, FORMULA_TRIGGERS};
use proseo_core::writer::write;

const CATALOGS: &[&str] = &[
    "experimental_sample_9_products",
    "experimental_fashion_sample_9_products",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export")
}

/// An EAN-13 in GS1's restricted-circulation range (prefix 20): `20` + 10 digits + check.
fn in_store_gtin(n: u64) -> String {
    let body = format!("20{n:010}");
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

fn items(catalog: &str) -> Vec<ExportItem> {
    let path = root().join(format!("data/woocommerce/{catalog}.csv"));
    let parsed = parse_products(&std::fs::read_to_string(path).unwrap()).unwrap();
    parsed
        .products
        .into_iter()
        .enumerate()
        .map(|(i, mut product)| {
            let content = write(&product, &PromptOptions::default()).unwrap();
            if product.gtin.is_none() {
                product.gtin = Some(in_store_gtin(1_000 + i as u64));
            }
            ExportItem {
                product,
                content,
                keyphrase: None,
                quantity: None,
            }
        })
        .collect()
}

fn mapping(pairs: &[(&str, &str)]) -> Vec<CategoryMapping> {
    pairs
        .iter()
        .map(|(shop, channel)| CategoryMapping {
            shop: (*shop).to_owned(),
            channel: (*channel).to_owned(),
        })
        .collect()
}

/// The options a seller would set for each format.
fn options(format: Format) -> ExportOptions {
    let base = ExportOptions {
        currency: Some("USD".into()),
        brand: Some("Woo".into()),
        quantity: Some(10),
        ..ExportOptions::default()
    };
    match format {
        Format::Amazon => ExportOptions {
            categories: mapping(&[("Tshirts", "SHIRT"), ("Hoodies", "SWEATSHIRT")]),
            category: Some("APPAREL".into()),
            ..base
        },
        Format::Ebay => ExportOptions {
            categories: mapping(&[
                ("Clothing > Tshirts", "15687"),
                ("Clothing > Hoodies", "155183"),
                ("Accessories", "169291"),
            ]),
            category: Some("11450".into()),
            constants: vec![
                Constant {
                    column: "*Location".into(),
                    value: "San Francisco, CA".into(),
                },
                Constant {
                    column: "*DispatchTimeMax".into(),
                    value: "2".into(),
                },
                Constant {
                    column: "ShippingProfileName".into(),
                    value: "Standard shipping".into(),
                },
                Constant {
                    column: "ReturnProfileName".into(),
                    value: "30 days".into(),
                },
                Constant {
                    column: "PaymentProfileName".into(),
                    value: "eBay payments".into(),
                },
            ],
            ..base
        },
        Format::Kaufland => ExportOptions {
            locale: Some("de-DE".into()),
            categories: mapping(&[("Clothing", "Bekleidung")]),
            ..base
        },
        Format::Allegro => ExportOptions {
            currency: Some("PLN".into()),
            locale: Some("pl-PL".into()),
            categories: mapping(&[("Tshirts", "257931"), ("Hoodies", "257937")]),
            category: Some("1454".into()),
            ..base
        },
        Format::Woocommerce | Format::Jsonld => base,
    }
}

fn exported(catalog: &str, format: Format) -> Feed {
    export(format, &items(catalog), &options(format)).unwrap()
}

/// Compares `actual` with the golden file, or writes it with `UPDATE_EXPECT=1`.
fn golden(name: &str, actual: &str, failures: &mut Vec<String>) {
    let path = fixtures().join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::create_dir_all(fixtures()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    match std::fs::read_to_string(&path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => {
            let line = expected
                .lines()
                .zip(actual.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(expected.lines().count().min(actual.lines().count()));
            failures.push(format!("{name}: differs from line {}", line + 1));
        }
        Err(_) => failures.push(format!("{name}: missing (UPDATE_EXPECT=1 writes it)")),
    }
}

#[test]
fn every_format_matches_its_golden_file() {
    let mut failures = Vec::new();
    for catalog in CATALOGS {
        for &format in Format::all() {
            let feed = exported(catalog, format);
            golden(
                &format!("{catalog}.{}.{}", format.id(), feed.file_extension),
                &feed.body,
                &mut failures,
            );
            let summary = serde_json::json!({
                "rows": feed.rows,
                "skipped": feed.skipped,
                "report": feed.report,
            });
            golden(
                &format!("{catalog}.{}.report.json", format.id()),
                &(serde_json::to_string_pretty(&summary).unwrap() + "\n"),
                &mut failures,
            );
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Every product of the samples is in every feed, except the four without a price (two
/// variable products whose variations are not in the file, a grouped product, a blouse
/// without one) in the feeds that list an offer: those rows are left out, and the report says
/// exactly that.
#[test]
fn every_sample_product_with_what_its_feed_needs_is_exported() {
    for catalog in CATALOGS {
        let items = items(catalog);
        let unpriced: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, i)| {
                let p = &i.product;
                let priced = |r: &Option<proseo_core::product::Price>| {
                    r.as_ref().and_then(|p| p.value()).is_some_and(|v| v > 0.0)
                };
                !priced(&p.regular_price)
                    && !priced(&p.sale_price)
                    && !p.variants.iter().any(|v| priced(&v.regular_price))
            })
            .map(|(n, _)| n)
            .collect();
        assert!(
            !unpriced.is_empty() && unpriced.len() < 9,
            "{catalog}: {unpriced:?}"
        );
        for &format in Format::all() {
            let feed = exported(catalog, format);
            let needs_price = !matches!(format, Format::Woocommerce | Format::Kaufland);
            let expected: &[usize] = if needs_price { &unpriced } else { &[] };
            assert_eq!(feed.rows as usize, 9 - expected.len(), "{catalog} {format}");
            assert_eq!(feed.skipped as usize, expected.len(), "{catalog} {format}");
            let errors: Vec<(String, String)> = feed
                .report
                .issues
                .iter()
                .filter(|i| i.severity == proseo_core::report::Severity::Error)
                .map(|i| (i.path.clone(), i.code.clone()))
                .collect();
            let price_code = if format == Format::Jsonld {
                "jsonld_offer_missing"
            } else {
                "export_price_missing"
            };
            let mut want = Vec::new();
            for n in expected {
                let path = if format == Format::Jsonld {
                    format!("/items/{n}/json_ld/offers")
                } else {
                    format!("/items/{n}/product/regular_price")
                };
                want.push((path, price_code.to_owned()));
                want.push((format!("/items/{n}"), "export_row_skipped".to_owned()));
            }
            assert_eq!(errors, want, "{catalog} {format}");
        }
    }
}

/// A row read back from a CSV/TSV feed: header → cell.
fn csv_rows(body: &str, delimiter: u8) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn cell<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    &row[i]
}

/// Reads each written row back, rebuilds the content it publishes, and validates that with
/// the channel's rules (`validate_content`), so a feed that wrote something its channel
/// refuses fails here whatever the exporter believed. Also: every cell is formula-safe.
#[test]
fn every_row_written_obeys_its_channel() {
    for catalog in CATALOGS {
        for channel in Channel::all() {
            let format = Format::of_channel(*channel);
            let feed = exported(catalog, format);
            let profile = channel.profile();
            let published: Vec<GeneratedContent> = match format {
                Format::Allegro => {
                    let offers: Vec<serde_json::Value> = serde_json::from_str(&feed.body).unwrap();
                    offers
                        .iter()
                        .map(|o| GeneratedContent {
                            title: o["name"].as_str().unwrap().to_owned(),
                            description: o["description"]["sections"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .map(|s| s["items"][0]["content"].as_str().unwrap().to_owned())
                                .collect::<Vec<_>>()
                                .join("\n"),
                            ..GeneratedContent::default()
                        })
                        .collect()
                }
                _ => {
                    let delimiter = match format {
                        Format::Amazon => b'\t',
                        Format::Kaufland => b';',
                        _ => b',',
                    };
                    let (header, rows) = csv_rows(&feed.body, delimiter);
                    for row in &rows {
                        for c in row {
                            assert!(!c.starts_with(FORMULA_TRIGGERS), "{format}: {c:?}");
                        }
                    }
                    rows.iter()
                        .map(|row| match format {
                            Format::Woocommerce => GeneratedContent {
                                description: cell(&header, row, "Description").replace("\\n", "\n"),
                                short_description: cell(&header, row, "Short description")
                                    .replace("\\n", "\n"),
                                seo_title: cell(&header, row, "Meta: _yoast_wpseo_title").into(),
                                meta_description: cell(&header, row, "Meta: _yoast_wpseo_metadesc")
                                    .into(),
                                ..GeneratedContent::default()
                            },
                            Format::Amazon => GeneratedContent {
                                title: cell(&header, row, "item_name").into(),
                                description: cell(&header, row, "product_description").into(),
                                bullets: (1..=5)
                                    .map(|i| {
                                        cell(&header, row, &format!("bullet_point{i}")).to_owned()
                                    })
                                    .filter(|b| !b.is_empty())
                                    .collect(),
                                ..GeneratedContent::default()
                            },
                            Format::Ebay => GeneratedContent {
                                title: cell(&header, row, "*Title").into(),
                                description: cell(&header, row, "*Description").into(),
                                ..GeneratedContent::default()
                            },
                            _ => GeneratedContent {
                                title: cell(&header, row, "title").into(),
                                description: cell(&header, row, "description").into(),
                                ..GeneratedContent::default()
                            },
                        })
                        .collect()
                }
            };
            assert_eq!(published.len(), feed.rows as usize, "{catalog} {format}");
            assert!(feed.rows >= 5, "{catalog} {format}");
            for content in &published {
                let report = validate_content(content, *channel);
                assert!(
                    report.is_valid(),
                    "{catalog} {format}: {:#?}",
                    report.issues
                );
                // Tags beyond the channel's would be warnings: none either.
                assert!(
                    !report.has("html_tag_not_allowed") && !report.has("html_not_allowed"),
                    "{catalog} {format}: {:#?}",
                    report.issues
                );
                assert!(content.title.chars().count() <= profile.title_max_chars as usize);
                assert!(content.bullets.len() <= profile.bullets_max as usize);
            }
        }
    }
    assert_eq!(CHANNEL_PROFILES.len(), Channel::all().len());
}
