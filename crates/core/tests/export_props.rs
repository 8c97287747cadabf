//! Property tests of the exports: any item, in any format, never panics; every CSV/TSV cell
//! written is formula-safe; JSON output parses; output grows linearly with the input; the
//! near-duplicate signature of any text decodes back to itself.

use proptest::prelude::*;
use proseo_core::content::GeneratedContent;
use proseo_core::duplicate::Signature;
use proseo_core::export::{
    export, json_ld, CategoryMapping, ExportItem, ExportOptions, Format, JsonLdOptions,
};
use proseo_core::product::{Image, Price, Product, Variant};
use proseo_core::woocsv::FORMULA_TRIGGERS;

/// Pieces that make cells and markup interesting: formula triggers, separators, quotes, line
/// breaks, markup (safe and not), escapes, non-Latin text.
const PIECES: &[&str] = &[
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    ",",
    ";",
    "\"",
    "'",
    "\\n",
    "\\",
    "|",
    " ",
    "<p>",
    "</p>",
    "<h2>",
    "<h3>",
    "</h3>",
    "<ul><li>",
    "</li>",
    "<br>",
    "<a href=\"https://x.example\">",
    "</a>",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "&amp;",
    "&lt;",
    "</",
    "mug",
    "Mug",
    "19.99",
    "é",
    "ß",
    "日本",
    "שלום",
    "🙂",
    "\u{0}",
    "\u{2028}",
    "=cmd|'/C calc'!A0",
];

fn soup(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

fn price() -> impl Strategy<Value = Option<Price>> {
    prop_oneof![
        Just(None),
        (-5.0f64..500.0).prop_map(|v| Some(Price::Number(v))),
        soup(4).prop_map(|s| Some(Price::Text(s))),
    ]
}

fn item() -> impl Strategy<Value = ExportItem> {
    (
        (soup(6), soup(4), prop::option::of("[0-9]{8,14}"), soup(3)),
        (price(), price(), prop::option::of("(EUR|USD|PLN|XX)")),
        (
            prop::collection::vec(soup(4), 0..3),
            prop::collection::vec(soup(4), 0..12),
            0usize..3,
        ),
        (soup(40), soup(8), soup(6), soup(10), soup(6)),
        (
            prop::collection::vec(soup(6), 0..7),
            prop::collection::vec(soup(4), 0..3),
        ),
        (prop::option::of(0u32..100), prop::option::of(any::<bool>())),
    )
        .prop_map(
            |(
                (name, sku, gtin, id),
                (regular, sale, currency),
                (categories, images, variants),
                (description, short, title, meta, seo_title),
                (bullets, alts),
                (quantity, in_stock),
            )| ExportItem {
                product: Product {
                    id: Some(id),
                    name,
                    sku: Some(sku),
                    gtin,
                    regular_price: regular,
                    sale_price: sale,
                    currency,
                    categories,
                    images: images
                        .into_iter()
                        .map(|src| Image { src, alt: None })
                        .collect(),
                    variants: (0..variants)
                        .map(|i| Variant {
                            regular_price: Some(Price::Number(i as f64 + 1.0)),
                            ..Variant::default()
                        })
                        .collect(),
                    in_stock,
                    ..Product::default()
                },
                content: GeneratedContent {
                    description,
                    short_description: short,
                    seo_title,
                    meta_description: meta,
                    slug: "a-slug".into(),
                    image_alt: alts,
                    bullets,
                    title,
                },
                keyphrase: None,
                quantity,
            },
        )
}

fn options() -> ExportOptions {
    ExportOptions {
        currency: Some("EUR".into()),
        brand: Some("=Brand".into()),
        locale: Some("de-DE".into()),
        category: Some("-1".into()),
        categories: vec![CategoryMapping {
            shop: "mug".into(),
            channel: "@cat".into(),
        }],
        quantity: Some(3),
        ..ExportOptions::default()
    }
}

fn input_bytes(items: &[ExportItem]) -> usize {
    serde_json::to_string(items).map_or(0, |s| s.len())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_items_export_safely_in_every_format(items in prop::collection::vec(item(), 0..5)) {
        for &format in Format::all() {
            let feed = export(format, &items, &options()).unwrap();
            prop_assert_eq!(feed.rows + feed.skipped, items.len() as u32);
            // Linear: what a feed writes is bounded by a constant times what it was given.
            let limit = 64 * input_bytes(&items) + 4_096;
            prop_assert!(feed.body.len() <= limit, "{}: {} > {}", format, feed.body.len(), limit);
            prop_assert!(feed.report.issues.len() <= proseo_core::report::MAX_ISSUES + 64);
            match format {
                Format::Allegro | Format::Jsonld => {
                    let v: serde_json::Value = serde_json::from_str(&feed.body).unwrap();
                    prop_assert_eq!(v.as_array().map(Vec::len), Some(feed.rows as usize));
                    for o in v.as_array().into_iter().flatten() {
                        let text = format!("{}{}{}", o["name"], o["description"], o["productSet"]).to_ascii_lowercase();
                        prop_assert!(!text.contains("<script") && !text.contains("onerror"), "{}: {}", format, text);
                    }
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
                    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
                    prop_assert_eq!(rows.len(), 1 + feed.rows as usize);
                    let width = rows[0].len();
                    for row in &rows {
                        prop_assert_eq!(row.len(), width);
                        for cell in row {
                            prop_assert!(!cell.starts_with(FORMULA_TRIGGERS), "{}: {:?}", format, cell);
                            if format == Format::Amazon {
                                prop_assert!(!cell.contains(['\t', '\n', '\r']));
                            }
                        }
                    }
                    // Nothing unsafe reaches a written description, title or name (SKUs,
                    // ids and the seller's own options are written as given).
                    let text_columns = [
                        "Name", "Description", "Short description", "product_description",
                        "item_name", "*Title", "*Description", "title", "description",
                    ];
                    for (i, h) in rows[0].iter().enumerate() {
                        if !text_columns.contains(&h) {
                            continue;
                        }
                        for row in &rows[1..] {
                            let cell = row.get(i).unwrap_or("").to_ascii_lowercase();
                            prop_assert!(!cell.contains("<script") && !cell.contains("onerror"), "{}: {}", format, cell);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn json_ld_never_panics_and_its_script_tag_stays_closed(i in item()) {
        let j = json_ld(&i.product, Some(&i.content), &JsonLdOptions::default());
        prop_assert_eq!(j.eligible, j.checks.is_valid());
        let tag = j.script_tag();
        prop_assert_eq!(tag.matches("</script").count(), 1);
        prop_assert!(tag.ends_with("</script>"));
    }

    #[test]
    fn signatures_round_trip(text in soup(200)) {
        let s = Signature::of_html(&text);
        prop_assert_eq!(Signature::decode(&s.encode()).unwrap(), s.clone());
        prop_assert!(s.similarity(&s) == 1.0 || s.is_empty());
    }
}
