//! `export::export` (every format) and `export::json_ld` on arbitrary items.
//!
//! The bytes (UTF-8, lossily), split on newlines, fill the fields of one or two items: the
//! product's name, SKU, GTIN, id, brand, currency, a category and an image URL, and the
//! content's description, title, SEO fields, a bullet and an alt text (the rest of the text
//! goes to the description). The first byte picks prices, stock and the skip/refuse policy.
//!
//! Invariants: no panic; every written row is counted and every left-out one reported; every
//! CSV/TSV cell read back is formula-safe and rows have the header's width; JSON formats
//! parse to an array of `rows` elements; the output stays within a constant factor of the
//! input; a JSON-LD script tag has exactly one closing tag.
#![no_main]

use libfuzzer_sys::fuzz_target;
use proseo_core::content::GeneratedContent;
use proseo_core::export::{
    export, json_ld, ExportError, ExportItem, ExportOptions, Format, JsonLdOptions, OnInvalid,
};
use proseo_core::product::{Image, Price, Product};
use proseo_core::woocsv::FORMULA_TRIGGERS;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let flags = data.first().copied().unwrap_or(0);
    let mut parts = text.split('\n');
    let mut next = || parts.next().unwrap_or_default().to_owned();
    let product = Product {
        name: next(),
        sku: Some(next()),
        gtin: Some(next()),
        id: Some(next()),
        brand: Some(next()),
        currency: Some(next()),
        categories: vec![next()],
        images: vec![Image {
            src: next(),
            alt: None,
        }],
        regular_price: Some(Price::Number(f64::from(flags % 7) * 3.5)),
        sale_price: (flags & 8 != 0).then(|| Price::Text(next())),
        in_stock: Some(flags & 16 != 0),
        ..Product::default()
    };
    let content = GeneratedContent {
        title: next(),
        seo_title: next(),
        meta_description: next(),
        bullets: vec![next()],
        image_alt: vec![next()],
        description: text.clone().into_owned(),
        ..GeneratedContent::default()
    };
    let item = ExportItem {
        product,
        content,
        keyphrase: None,
        quantity: (flags & 32 != 0).then_some(3),
    };
    let items = if flags & 64 != 0 {
        vec![item.clone(), item]
    } else {
        vec![item]
    };
    let options = ExportOptions {
        on_invalid: if flags & 128 != 0 {
            OnInvalid::Refuse
        } else {
            OnInvalid::Skip
        },
        category: Some("1".into()),
        ..ExportOptions::default()
    };
    let input = serde_json::to_string(&items).map_or(0, |s| s.len());
    for &format in Format::all() {
        let feed = match export(format, &items, &options) {
            Ok(feed) => feed,
            Err(ExportError::RowsInvalid { invalid, report }) => {
                assert!(invalid > 0 && !report.is_valid());
                continue;
            }
            Err(e) => panic!("{format}: {e}"),
        };
        assert_eq!(feed.rows + feed.skipped, items.len() as u32);
        assert_eq!(feed.skipped == 0, feed.report.is_valid() || feed.rows == 0 && items.is_empty());
        assert!(feed.body.len() <= 64 * input + 4_096, "{format}: {}", feed.body.len());
        match format {
            Format::Allegro | Format::Jsonld => {
                let v: serde_json::Value = serde_json::from_str(&feed.body).expect("JSON");
                assert_eq!(v.as_array().map(Vec::len), Some(feed.rows as usize));
            }
            _ => {
                let delimiter = match format {
                    Format::Amazon => b'\t',
                    Format::Kaufland => b';',
                    _ => b',',
                };
                let mut r = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .has_headers(false)
                    .from_reader(feed.body.as_bytes());
                let rows: Vec<csv::StringRecord> = r.records().map(|r| r.expect("CSV")).collect();
                assert_eq!(rows.len(), 1 + feed.rows as usize);
                for row in &rows {
                    assert_eq!(row.len(), rows[0].len());
                    for cell in row {
                        assert!(!cell.starts_with(FORMULA_TRIGGERS), "{format}: {cell:?}");
                    }
                }
            }
        }
    }
    for item in &items {
        let j = json_ld(&item.product, Some(&item.content), &JsonLdOptions::default());
        assert_eq!(j.eligible, j.checks.is_valid());
        assert_eq!(j.script_tag().matches("</script").count(), 1);
    }
});
