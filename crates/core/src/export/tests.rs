//! Export tests: the rules each format applies, the skip/refuse policy, formula-safe cells,
//! options, streaming.

use super::*;
use crate::product::{Image, Price, Variant};
use crate::report::Severity;

fn mug() -> ExportItem {
    ExportItem {
        product: Product {
            id: Some("id:44".into()),
            name: "Stoneware Mug".into(),
            sku: Some("MUG-1".into()),
            gtin: Some("4006381333931".into()),
            brand: Some("Acme".into()),
            regular_price: Some(Price::Text("12.50".into())),
            currency: Some("EUR".into()),
            categories: vec!["Home > Kitchen > Mugs".into()],
            images: vec![Image {
                src: "https://shop.example/mug.jpg".into(),
                alt: None,
            }],
            in_stock: Some(true),
            ..Product::default()
        },
        content: GeneratedContent {
            description: "<p>A <strong>sturdy</strong> mug.</p>\n<h3>Care</h3>\n<p>Dishwasher <a href=\"https://shop.example/care\">safe</a>.</p>".into(),
            short_description: "<p>A sturdy mug.</p>".into(),
            seo_title: "Stoneware Mug – Kitchen | Acme".into(),
            meta_description: "Shop the stoneware mug from our kitchen range: sturdy, dishwasher safe and made to last for years of coffee.".into(),
            slug: "stoneware-mug".into(),
            image_alt: vec!["Stoneware mug, front view".into()],
            bullets: vec![
                "Sturdy stoneware".into(),
                "Dishwasher safe".into(),
                "Holds 350 ml".into(),
            ],
            title: "Acme Stoneware Mug".into(),
        },
        keyphrase: Some("stoneware mug".into()),
        quantity: Some(7),
    }
}

/// A German seller: eBay's site is eBay Germany, in euros.
fn options() -> ExportOptions {
    ExportOptions {
        category: Some("1234".into()),
        locale: Some("de-DE".into()),
        ..ExportOptions::default()
    }
}

fn one(format: Format, item: &ExportItem, options: &ExportOptions) -> Feed {
    export(format, std::slice::from_ref(item), options).unwrap()
}

fn csv(body: &str, delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn errors(feed: &Feed) -> Vec<&str> {
    feed.report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| i.code.as_str())
        .collect()
}

#[test]
fn formats_have_stable_ids_and_media_types() {
    for &f in Format::all() {
        assert_eq!(Format::parse(f.id()), Some(f));
        assert_eq!(serde_json::to_value(f).unwrap(), f.id());
        if let Some(c) = f.channel() {
            assert_eq!(Format::of_channel(c), f);
            assert_eq!(c.id(), f.id());
        }
        assert!(!f.media_type().is_empty() && !f.file_extension().is_empty());
    }
    assert_eq!(Format::parse(" AMAZON "), Some(Format::Amazon));
    assert_eq!(Format::parse("etsy"), None);
    let e = ExportError::FormatUnknown {
        format: "etsy".into(),
    };
    assert_eq!(e.code(), "export_format_unknown");
    assert!(e.to_string().contains("known: woocommerce, amazon"));
}

#[test]
fn a_good_item_is_written_in_every_format() {
    for &f in Format::all() {
        let feed = one(f, &mug(), &options());
        assert_eq!((feed.rows, feed.skipped), (1, 0), "{f}: {:#?}", feed.report);
        assert!(feed.report.is_valid(), "{f}");
        match f {
            Format::Allegro | Format::Jsonld => {
                let v: serde_json::Value = serde_json::from_str(&feed.body).unwrap();
                assert_eq!(v.as_array().unwrap().len(), 1);
            }
            _ => assert_eq!(csv(&feed.body, cells::delimiter(f)).len(), 2),
        }
    }
}

#[test]
fn woocommerce_rows_update_by_id_or_sku_with_both_seo_plugins() {
    let feed = one(Format::Woocommerce, &mug(), &options());
    let rows = csv(&feed.body, b',');
    let (header, row) = (&rows[0], &rows[1]);
    let col = |name: &str| &row[header.iter().position(|h| h == name).unwrap()];
    assert_eq!(col("ID"), "44");
    assert_eq!(col("SKU"), "MUG-1");
    assert_eq!(col("Meta: _yoast_wpseo_focuskw"), "stoneware mug");
    assert_eq!(col("Meta: rank_math_focus_keyword"), "stoneware mug");
    assert_eq!(
        col("Meta: rank_math_title"),
        col("Meta: _yoast_wpseo_title")
    );
    assert_eq!(
        col(&format!("Meta: {IMAGE_ALT_META}")),
        "Stoneware mug\\, front view"
    );
    // Line breaks travel as `\n`, as WooCommerce's exporter writes them.
    assert!(
        col("Description").contains("</p>\\n<h3>"),
        "{}",
        col("Description")
    );
    assert!(!col("Description").contains('\n'));

    // An id that is not a post id: matched by SKU (warning), or refused without a SKU.
    let mut item = mug();
    item.product.id = Some("woo-123".into());
    let feed = one(Format::Woocommerce, &item, &options());
    assert_eq!(feed.rows, 1);
    assert!(feed.report.has(code::ID_INVALID));
    assert_eq!(csv(&feed.body, b',')[1][0], "");
    item.product.sku = None;
    let feed = one(Format::Woocommerce, &item, &options());
    assert_eq!(feed.rows, 0);
    assert_eq!(errors(&feed), [code::ID_INVALID, code::ROW_SKIPPED]);
    item.product.id = None;
    let feed = one(Format::Woocommerce, &item, &options());
    assert_eq!(errors(&feed), [code::ID_MISSING, code::ROW_SKIPPED]);
}

#[test]
fn descriptions_take_each_channels_shape() {
    let amazon = one(Format::Amazon, &mug(), &options());
    let rows = csv(&amazon.body, b'\t');
    let description = &rows[1][rows[0]
        .iter()
        .position(|h| h == "product_description")
        .unwrap()];
    assert_eq!(description, "A sturdy mug. Care. Dishwasher safe.");
    let allegro = one(Format::Allegro, &mug(), &options());
    let v: serde_json::Value = serde_json::from_str(&allegro.body).unwrap();
    let sections = v[0]["description"]["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 2);
    assert_eq!(
        sections[0]["items"][0]["content"],
        "<p>A <b>sturdy</b> mug.</p>"
    );
    assert_eq!(
        sections[1]["items"][0]["content"],
        "<h2>Care</h2>\n<p>Dishwasher safe.</p>"
    );
    assert_eq!(v[0]["productSet"][0]["product"]["idType"], "GTIN");
    assert_eq!(v[0]["sellingMode"]["price"]["amount"], "12.50");
    assert_eq!(v[0]["stock"]["available"], 7);
    assert_eq!(v[0]["publication"]["status"], "INACTIVE");
    let kaufland = one(Format::Kaufland, &mug(), &options());
    assert!(kaufland.body.contains("<h3>Care</h3>"));
    assert!(!kaufland.body.contains("<a "), "Kaufland takes no links");
}

#[test]
fn rows_that_break_a_rule_are_left_out_and_reported() {
    // An Allegro title over 75 characters: not shortened, not written.
    let mut long = mug();
    long.content.title =
        "Acme Stoneware Mug in Deep Ocean Blue with a Matching Saucer, Gift Boxed, 350 ml".into();
    let feed = one(Format::Allegro, &long, &options());
    assert_eq!((feed.rows, feed.skipped), (0, 1));
    assert_eq!(errors(&feed), ["title_too_long", code::ROW_SKIPPED]);
    assert_eq!(feed.report.issues[0].path, "/items/0/content/title");
    assert_eq!(feed.body, "[]\n");
    // eBay takes it (80 characters).
    assert_eq!(one(Format::Ebay, &long, &options()).rows, 1);
    // Six bullets on Amazon: an error, none dropped.
    let mut bullets = mug();
    bullets.content.bullets = (1..=6).map(|i| format!("Point {i}")).collect();
    let feed = one(Format::Amazon, &bullets, &options());
    assert_eq!(errors(&feed), ["bullets_too_many", code::ROW_SKIPPED]);
    // Unsafe markup: never exported.
    let mut unsafe_item = mug();
    unsafe_item.content.description = "<p>Hi</p><script>alert(1)</script>".into();
    for &f in Format::all() {
        let feed = one(f, &unsafe_item, &options());
        if f == Format::Jsonld {
            // JSON-LD takes only the description's text.
            assert!(!feed.body.contains("alert"), "{f}");
            continue;
        }
        assert_eq!(feed.rows, 0, "{f}");
        assert!(feed.report.has("unsafe_html"), "{f}");
    }
    // Missing facts each format needs.
    let mut bare = mug();
    bare.product.sku = None;
    bare.product.gtin = None;
    bare.product.regular_price = None;
    bare.product.images.clear();
    bare.quantity = None;
    bare.product.in_stock = None;
    let amazon = one(Format::Amazon, &bare, &options());
    assert_eq!(
        errors(&amazon),
        [
            code::SKU_MISSING,
            code::PRICE_MISSING,
            code::IMAGE_MISSING,
            code::ROW_SKIPPED
        ]
    );
    assert!(amazon.report.has(code::GTIN_MISSING) && amazon.report.has(code::QUANTITY_MISSING));
    let kaufland = one(Format::Kaufland, &bare, &options());
    assert_eq!(errors(&kaufland), [code::GTIN_MISSING, code::ROW_SKIPPED]);
    // On eBay's US site (the default) a price in euros is refused too.
    let ebay = one(Format::Ebay, &bare, &ExportOptions::default());
    assert_eq!(
        errors(&ebay),
        [
            code::CATEGORY_MISSING,
            code::PRICE_MISSING,
            code::CURRENCY_INVALID,
            code::QUANTITY_MISSING,
            code::IMAGE_MISSING,
            code::ROW_SKIPPED
        ]
    );
    // A GTIN with a wrong check digit is an error where it is used.
    let mut bad_gtin = mug();
    bad_gtin.product.gtin = Some("4006381333932".into());
    assert_eq!(
        errors(&one(Format::Kaufland, &bad_gtin, &options())),
        [code::GTIN_INVALID, code::ROW_SKIPPED]
    );
}

#[test]
fn refuse_fails_the_whole_export() {
    let mut bad = mug();
    bad.content.title.clear();
    let refuse = ExportOptions {
        on_invalid: OnInvalid::Refuse,
        ..options()
    };
    let e = export(Format::Ebay, &[mug(), bad.clone()], &refuse).unwrap_err();
    match &e {
        ExportError::RowsInvalid { invalid, report } => {
            assert_eq!(*invalid, 1);
            assert!(report.has("title_empty"));
            assert_eq!(report.issues[0].path, "/items/1/content/title");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(e.code(), "export_rows_invalid");
    assert_eq!(serde_json::to_value(&e).unwrap()["code"], e.code());
    // The same items, skipping: one row.
    let feed = export(Format::Ebay, &[mug(), bad.clone()], &options()).unwrap();
    assert_eq!((feed.rows, feed.skipped), (1, 1));
    // check_item says the same without writing.
    let r = check_item(Format::Ebay, &bad, &options());
    assert!(!r.is_valid() && r.has("title_empty") && r.has(code::ROW_SKIPPED));
    assert!(check_item(Format::Ebay, &mug(), &options()).is_valid());
}

#[test]
fn formula_cells_are_defused_and_reported() {
    let mut item = mug();
    item.product.name = "=HYPERLINK(\"https://evil.example\",\"x\")".into();
    item.product.sku = Some("-5".into());
    item.content.title = "@SUM(A1) mug".into();
    for f in [
        Format::Woocommerce,
        Format::Amazon,
        Format::Ebay,
        Format::Kaufland,
    ] {
        let feed = one(f, &item, &options());
        assert_eq!(feed.rows, 1, "{f}: {:#?}", feed.report);
        for row in csv(&feed.body, cells::delimiter(f)) {
            for cell in row {
                assert!(
                    !cell.starts_with(crate::woocsv::FORMULA_TRIGGERS),
                    "{f}: {cell:?}"
                );
            }
        }
        assert!(feed.report.has(code::CELL_DEFUSED), "{f}");
    }
    let feed = one(Format::Woocommerce, &item, &options());
    let row = &csv(&feed.body, b',')[1];
    assert_eq!(row[1], "'-5");
    assert_eq!(row[2], "'=HYPERLINK(\"https://evil.example\",\"x\")");
    let paths: Vec<&str> = feed
        .report
        .issues
        .iter()
        .filter(|i| i.code == code::CELL_DEFUSED)
        .map(|i| i.path.as_str())
        .collect();
    assert_eq!(paths, ["/items/0/columns/SKU", "/items/0/columns/Name"]);
}

#[test]
fn options_are_checked_before_anything_is_written() {
    let bad = |o: ExportOptions, f: Format| FeedWriter::new(f, o).unwrap_err();
    let e = bad(
        ExportOptions {
            currency: Some("EURO".into()),
            ..ExportOptions::default()
        },
        Format::Amazon,
    );
    assert_eq!(e.code(), "export_options_invalid");
    assert!(e.to_string().contains("currency"));
    let e = bad(
        ExportOptions {
            locale: Some("not a tag".into()),
            ..ExportOptions::default()
        },
        Format::Kaufland,
    );
    assert!(matches!(e, ExportError::OptionsInvalid { ref field, .. } if field == "locale"));
    let constant = |column: &str| Constant {
        column: column.into(),
        value: "x".into(),
    };
    let e = bad(
        ExportOptions {
            constants: vec![constant("item_sku")],
            ..ExportOptions::default()
        },
        Format::Amazon,
    );
    assert!(e.to_string().contains("own columns"), "{e}");
    let e = bad(
        ExportOptions {
            constants: vec![constant("A"), constant("a")],
            ..ExportOptions::default()
        },
        Format::Ebay,
    );
    assert!(e.to_string().contains("twice"), "{e}");
    let e = bad(
        ExportOptions {
            constants: vec![constant("A")],
            ..ExportOptions::default()
        },
        Format::Allegro,
    );
    assert!(matches!(e, ExportError::OptionsInvalid { ref field, .. } if field == "constants"));
    let e = bad(
        ExportOptions {
            brand: Some("x".repeat(MAX_OPTION_BYTES + 1)),
            ..ExportOptions::default()
        },
        Format::Amazon,
    );
    assert!(e.to_string().contains("longer than"));
    // Constants land after the format's columns.
    let o = ExportOptions {
        constants: vec![constant("fulfillment_latency")],
        ..options()
    };
    let feed = one(Format::Amazon, &mug(), &o);
    let rows = csv(&feed.body, b'\t');
    assert_eq!(rows[0].last().unwrap(), "fulfillment_latency");
    assert_eq!(rows[1].last().unwrap(), "x");
    // Option lists are bounded while decoding.
    let many = serde_json::json!({ "constants": vec![serde_json::json!({"column": "c", "value": "v"}); MAX_CONSTANTS + 1] });
    assert!(serde_json::from_value::<ExportOptions>(many).is_err());
}

#[test]
fn categories_map_by_path_last_part_or_ancestor() {
    let with = |shop: &str| ExportOptions {
        categories: vec![CategoryMapping {
            shop: shop.into(),
            channel: "MUG".into(),
        }],
        ..ExportOptions::default()
    };
    for shop in ["Home > Kitchen > Mugs", "mugs", "Home", " home >kitchen "] {
        let feed = one(Format::Amazon, &mug(), &with(shop));
        assert_eq!(feed.rows, 1, "{shop}");
        assert!(
            feed.body.lines().nth(1).unwrap().starts_with("MUG\t"),
            "{shop}"
        );
    }
    for shop in ["Kitchen", "Home > Mugs", "Hom"] {
        let feed = one(Format::Amazon, &mug(), &with(shop));
        assert!(feed.report.has(code::CATEGORY_MISSING), "{shop}");
    }
}

#[test]
fn streaming_writes_what_export_writes() {
    let mut items = vec![mug(), mug(), mug()];
    items[1].content.title.clear();
    items[2].product.sku = Some("MUG-2".into());
    for &f in Format::all() {
        let whole = export(f, &items, &options()).unwrap();
        let mut w = FeedWriter::new(f, options()).unwrap();
        let mut body = w.take_output();
        let written: Vec<bool> = items
            .iter()
            .map(|i| {
                let ok = w.push(i);
                body.push_str(&w.take_output());
                ok
            })
            .collect();
        assert_eq!((w.rows(), w.skipped()), (whole.rows, whole.skipped));
        let end = w.finish().unwrap();
        body.push_str(&end.tail);
        assert_eq!(body, whole.body, "{f}");
        assert_eq!(end.report, whole.report, "{f}");
        assert_eq!(written.iter().filter(|w| **w).count() as u32, whole.rows);
    }
    let empty = export(Format::Allegro, &[], &options()).unwrap();
    assert_eq!((empty.body.as_str(), empty.rows), ("[]\n", 0));
    let empty = export(Format::Kaufland, &[], &options()).unwrap();
    assert_eq!(empty.body.lines().count(), 1, "the header only");
}

#[test]
fn variations_and_images_are_reported_not_dropped_silently() {
    let mut item = mug();
    item.product.variants = vec![Variant::default(), Variant::default()];
    item.product.images = (0..12)
        .map(|i| Image {
            src: format!("https://shop.example/{i}.jpg"),
            alt: None,
        })
        .collect();
    let feed = one(Format::Kaufland, &item, &options());
    assert_eq!(feed.rows, 1);
    assert!(feed.report.has(code::VARIATIONS_NOT_LISTED));
    let over = feed
        .report
        .issues
        .iter()
        .find(|i| i.code == code::IMAGES_OVER_LIMIT)
        .unwrap();
    assert!(
        over.message.contains("the last 2 are not in it"),
        "{}",
        over.message
    );
    // WooCommerce: one alt text for twelve images.
    let feed = one(Format::Woocommerce, &item, &options());
    assert!(feed.report.has(code::ALT_COUNT_MISMATCH));
}

#[test]
fn every_code_reported_is_a_listed_code() {
    let mut items = vec![mug(), ExportItem::default()];
    let mut weird = mug();
    weird.product.currency = Some("XXX1".into());
    weird.product.id = Some("abc".into());
    weird.content.description = "<p>x</p><iframe src=x></iframe>".into();
    items.push(weird);
    for &f in Format::all() {
        let feed = export(f, &items, &ExportOptions::default()).unwrap();
        for issue in &feed.report.issues {
            let known = EXPORT_CODES.contains(&issue.code.as_str())
                || crate::validate::CONTENT_CODES.contains(&issue.code.as_str())
                || JSONLD_CODES.contains(&issue.code.as_str())
                || crate::validate::PRODUCT_CODES.contains(&issue.code.as_str());
            assert!(known, "{f}: unlisted code {}", issue.code);
        }
    }
}
