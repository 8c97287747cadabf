//! Peak heap memory of the worst request bodies we could build for the Worker's own request
//! path: the body is read (5 MB at most), parsed and checked against the published schema
//! (`api::parse_body`), decoded into its type, and handled as far as the pure code goes (a
//! job's products validated and serialized into item rows; a webhook delivery's products
//! validated, hashed and serialized into catalog rows; an analysis computed and its answer
//! serialized). And the worst page a WooCommerce store could answer a pull with (8 MiB read at
//! most): decoded, mapped to the core's products and prepared as catalog rows. A Worker isolate
//! has 128 MB for every tenant's requests: each case must stay under 32 MB, input included. The
//! core's own entry points are measured the same way in crates/core/tests/peak_memory.rs.
//!
//! Its own test binary (a counting global allocator); cases run one at a time.
//! `cargo test -p proseo-worker --test peak_memory -- --nocapture` prints the figures.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::sync::Mutex;

use peak_alloc::PeakAlloc;
use proseo_worker::api::{check_body, decode_bytes, MAX_BODY_BYTES};
use proseo_worker::catalog::{prepare, Incoming};
use proseo_worker::connectors::woo::{self, StoreResponse, StoreSettings, MAX_RESPONSE_BYTES};
use proseo_worker::handlers::jobs::JobInput;
use proseo_worker::handlers::webhooks::WebhookInput;
use proseo_worker::wire::ValidateRequest;
use serde_json::{json, Value};

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

/// Every test takes it: the allocator's counters are process-wide, and tests run in threads.
static LOCK: Mutex<()> = Mutex::new(());

const MB: usize = 1024 * 1024;
const CEILING: usize = 32 * MB;

/// Peak bytes while `run` handles `body` (the body itself counted).
fn peak(body: &[u8], run: impl FnOnce(&[u8])) -> usize {
    let base = ALLOC.current_usage();
    let body = body.to_vec();
    ALLOC.reset_peak_usage();
    run(&body);
    let p = ALLOC.peak_usage().saturating_sub(base);
    drop(body);
    p
}

/// A JSON body of `head` + `item` repeated + `tail`, as large as the body limit allows.
fn body(head: &str, item: &str, tail: &str) -> Vec<u8> {
    let room = MAX_BODY_BYTES - head.len() - tail.len();
    let n = room / (item.len() + 1);
    let mut s = String::with_capacity(MAX_BODY_BYTES);
    s.push_str(head);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push_str(item);
    }
    s.push_str(tail);
    assert!(s.len() <= MAX_BODY_BYTES);
    s.into_bytes()
}

/// What the Worker does with a body before the handler: the schema check, then the decoding
/// straight from the (possibly normalized) bytes. `None` when the body is refused.
fn checked<T: serde::de::DeserializeOwned>(body: &[u8], schema: &str) -> Option<T> {
    let normalized = check_body(body, schema).ok()?;
    decode_bytes(normalized.as_deref().unwrap_or(body)).ok()
}

fn job(body: &[u8]) {
    // JobInput validates and serializes each product as it is decoded: the items to insert.
    std::hint::black_box(checked::<JobInput>(body, "CreateJob"));
}

fn analyze(body: &[u8]) {
    let Some(input) = checked::<proseo_core::analysis::AnalyzeInput>(body, "AnalyzeInput") else {
        return;
    };
    let answer = json!(proseo_core::analysis::analyze(&input)).to_string();
    std::hint::black_box(answer);
}

fn validate(body: &[u8]) {
    let Some(r) = checked::<ValidateRequest>(body, "ValidateRequest") else {
        return;
    };
    let channel = proseo_core::validate::Channel::Woocommerce;
    let answer = json!({
        "product": r.product.as_ref().map(proseo_core::validate::validate_product),
        "content": r.content.as_ref().map(|c| proseo_core::validate::validate_content(c, channel)),
    })
    .to_string();
    std::hint::black_box(answer);
}

fn webhook(body: &[u8]) {
    // WebhookInput validates, hashes and serializes each product as it is decoded: the rows.
    std::hint::black_box(checked::<WebhookInput>(body, "WebhookDelivery"));
}

/// What a pull step does with a store's page: decode it, map each product, prepare the rows.
fn store_page(body: &[u8]) {
    let Ok(page) = woo::decode_ok::<woo::ProductPage>(body) else {
        return;
    };
    let settings = StoreSettings::default();
    let rows: Vec<_> = page
        .0
        .into_iter()
        .map(|p| {
            let (id, modified) = (p.id.clone(), p.date_modified_gmt.clone());
            let (product, meta) = woo::to_product(p, &settings);
            prepare(Incoming {
                external_id: id,
                product,
                source_meta: Some(json!(meta).to_string()),
                source_modified: modified,
            })
        })
        .collect();
    std::hint::black_box(rows);
}

/// A store page of `head` + `item` repeated + `tail`, as large as a store answer may be.
fn page(head: &str, item: &str, tail: &str, max_items: usize) -> Vec<u8> {
    let room = MAX_RESPONSE_BYTES - head.len() - tail.len();
    let n = (room / (item.len() + 1)).min(max_items);
    let mut s = String::with_capacity(MAX_RESPONSE_BYTES);
    s.push_str(head);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push_str(item);
    }
    s.push_str(tail);
    s.into_bytes()
}

fn store_cases() -> Vec<Case> {
    let long = json!({
        "id": 7, "name": "Walnut Tray", "type": "simple", "date_modified_gmt": "2026-01-01T00:00:00",
        "description": format!("<p>{}</p>", "A tray of oiled walnut for serving and for display. ".repeat(1_600)),
        "sku": "WT-1", "regular_price": "30.00", "categories": [{"id": 1, "name": "Kitchen"}],
        "images": [{"id": 5, "src": "https://shop.example/a.jpg", "alt": ""}], "meta_data": [{"id": 1, "key": "k", "value": "v"}]
    })
    .to_string();
    let images = format!(
        r#"{{"id":8,"name":"Lots of images","images":[{}]}}"#,
        vec![r#"{"id":1,"src":"https://s.example/i.jpg","alt":"An image"}"#; 1000].join(",")
    );
    vec![
        (
            "store page: 100 products with 80 KB descriptions",
            page("[", &long, "]", 100),
            store_page,
        ),
        (
            "store page: 100 products of 1,000 images each",
            page("[", &images, "]", 100),
            store_page,
        ),
        (
            "store page: one product, 8 MiB of categories",
            page(
                r#"[{"id":1,"categories":["#,
                r#"{"name":""}"#,
                "]}]",
                usize::MAX,
            ),
            store_page,
        ),
        (
            "store page: 8 MiB of products that are bare ids",
            page("[", r#"{"id":1}"#, "]", usize::MAX),
            store_page,
        ),
    ]
}

/// A case: its name, its body, and the handling it goes through.
type Case = (&'static str, Vec<u8>, fn(&[u8]));

fn cases() -> Vec<Case> {
    let product = json!({
        "id": "1001", "name": "Merino Wool Hiking Socks", "sku": "SOCK-MER-01", "brand": "Acme",
        "regular_price": "19.90", "sale_price": "14.90", "currency": "EUR",
        "categories": ["Clothing > Socks", "Outdoor"], "tags": ["wool", "hiking"],
        "features": ["Merino wool", "Cushioned sole", "Seamless toe"],
        "attributes": [{"name": "Size", "values": ["S", "M", "L"]}],
        "images": [{"src": "https://shop.example/socks.jpg", "alt": "Socks"}],
        "description": format!("<p>{}</p>", "Warm, soft socks for long walks in any weather, with a cushioned sole. ".repeat(9)),
        "keyphrase": "merino hiking socks"
    })
    .to_string();
    let webhook_product = json!({
        "id": "A-1", "name": "Merino Wool Hiking Socks", "sku": "SOCK-MER-01",
        "description": format!("<p>{}</p>", "Warm, soft socks for long walks in any weather. ".repeat(540)),
        "categories": ["Clothing > Socks"], "images": [{"src": "https://shop.example/socks.jpg"}]
    })
    .to_string();
    let tiny_lists = format!(
        r#"{{"name":"a","categories":[{}]}}"#,
        vec!["\"\""; 900].join(",")
    );
    vec![
        (
            "job: 4,700 real products (1.1 KB each)",
            body(r#"{"name":"big","products":["#, &product, "]}"),
            job,
        ),
        (
            "job: products of nothing but empty strings",
            body(r#"{"name":"x","products":["#, &tiny_lists, "]}"),
            job,
        ),
        (
            "job: products that are bare names",
            body(r#"{"name":"x","products":["#, r#"{"name":"a"}"#, "]}"),
            job,
        ),
        (
            "job: one product, 5 MB of numbers in a list",
            body(
                r#"{"name":"x","products":[{"name":"a","categories":["#,
                "0",
                "]}]}",
            ),
            job,
        ),
        (
            "job: 5 MB of null entries in the options",
            body(
                r#"{"name":"x","products":[{"name":"a"}],"options":{"extra":{"k":["#,
                "null",
                "]}}}",
            ),
            job,
        ),
        (
            "job: deep nesting",
            body(
                r#"{"name":"x","products":[{"name":"a"}],"options":{"extra":{"k":"#,
                "[",
                "]}}}",
            ),
            job,
        ),
        (
            "webhook: 200 products of 26 KB each (the most a delivery takes)",
            body(
                r#"{"products":["#,
                &webhook_product,
                r#"],"generate":true}"#,
            ),
            webhook,
        ),
        (
            "webhook: one product, 5 MB of empty categories",
            body(
                r#"{"products":[{"id":"1","name":"a","categories":["#,
                r#""""#,
                "]}]}",
            ),
            webhook,
        ),
        (
            "webhook: 5 MB of products that are bare ids",
            body(r#"{"products":["#, r#"{"id":"1","name":"a"}"#, "]}"),
            webhook,
        ),
        (
            "analyze: 5 MB of unclosed paragraphs",
            body(r#"{"content":""#, "<p>word", r#""}"#),
            analyze,
        ),
        (
            "analyze: 5 MB of synonyms",
            body(r#"{"content":"<p>x</p>","synonyms":["#, r#""s""#, "]}"),
            analyze,
        ),
        (
            "analyze: 5 MB of unknown keys' values",
            body(
                r#"{"content":"<p>x</p>","product":{"variants":1},"zz":["#,
                "{}",
                "]}",
            ),
            analyze,
        ),
        (
            "validate: 5 MB of bold tags",
            body(r#"{"content":{"description":""#, "<b>", r#""}}"#),
            validate,
        ),
        (
            "validate: 5 MB of bullets",
            body(
                r#"{"content":{"description":"x","bullets":["#,
                r#""b""#,
                "]}}",
            ),
            validate,
        ),
    ]
}

#[test]
fn request_bodies_stay_under_32_mb() {
    let _guard = LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut over = Vec::new();
    println!(
        "peak memory of the Worker's request path (ceiling {} MB, the 5 MB body included):",
        CEILING / MB
    );
    for (name, body, run) in cases() {
        let bytes = peak(&body, run);
        println!("  {:>8.2} MB  {name}", bytes as f64 / MB as f64);
        if bytes > CEILING {
            over.push(format!("{name}: {:.1} MB", bytes as f64 / MB as f64));
        }
    }
    assert!(over.is_empty(), "over {} MB: {over:?}", CEILING / MB);
}

#[test]
fn store_pages_stay_under_32_mb() {
    let _guard = LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut over = Vec::new();
    println!(
        "peak memory of a pull step's page (ceiling {} MB, the 8 MiB answer included):",
        CEILING / MB
    );
    for (name, body, run) in store_cases() {
        assert!(body.len() <= MAX_RESPONSE_BYTES, "{name}");
        assert!(
            body.len() > MAX_RESPONSE_BYTES / 2,
            "{name}: {} bytes",
            body.len()
        );
        let bytes = peak(&body, run);
        println!("  {:>8.2} MB  {name}", bytes as f64 / MB as f64);
        if bytes > CEILING {
            over.push(format!("{name}: {:.1} MB", bytes as f64 / MB as f64));
        }
    }
    assert!(over.is_empty(), "over {} MB: {over:?}", CEILING / MB);
}

#[test]
fn the_real_webhook_delivery_is_accepted_whole() {
    let _guard = LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (_, body, _) = cases()
        .into_iter()
        .find(|c| c.0.starts_with("webhook: 200"))
        .unwrap();
    let normalized =
        check_body(&body, "WebhookDelivery").unwrap_or_else(|e| panic!("{} {}", e.code, e.details));
    let input: WebhookInput = decode_bytes(normalized.as_deref().unwrap_or(&body))
        .unwrap_or_else(|e| panic!("{} {}", e.code, e.details));
    assert_eq!(input.products.len(), 200);
    assert!(input.generate);
    // The real 80 KB-description page decodes whole too.
    let (_, page, _) = store_cases().into_iter().next().unwrap();
    let resp = StoreResponse {
        status: 200,
        body: page,
        ..StoreResponse::default()
    };
    assert_eq!(woo::decode::<woo::ProductPage>(&resp).unwrap().0.len(), 100);
}

#[test]
fn the_real_job_is_accepted_whole() {
    let _guard = LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let (_, body, _) = cases().into_iter().next().unwrap();
    let normalized =
        check_body(&body, "CreateJob").unwrap_or_else(|e| panic!("{} {}", e.code, e.details));
    let job: JobInput = decode_bytes(normalized.as_deref().unwrap_or(&body))
        .unwrap_or_else(|e| panic!("{} {}", e.code, e.details));
    assert!(job.items.len() > 4_000, "{} items", job.items.len());
    assert!(job.errors.is_empty(), "{:?}", &job.errors[..1]);
}

#[test]
fn the_cases_are_what_they_say() {
    let _guard = LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // Each body is close to the limit and is JSON (whether the schema takes it or not).
    for (name, body, _) in cases() {
        assert!(
            body.len() > MAX_BODY_BYTES - 64 * 1024,
            "{name}: {} bytes",
            body.len()
        );
        if name != "job: deep nesting" {
            serde_json::from_slice::<Value>(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Exports: a 10,000-product catalog through both passes, one page at a time, as
// `GET /exports/{channel}` reads and streams it (the D1 pages are built here, one at a time).

mod export_case {
    use proseo_core::export::{ExportOptions, Format};
    use proseo_worker::exports::{page_len, Row, Tally, Writing};
    use serde_json::json;

    /// A catalog row like the sample catalog's after generation: about 1 KB of product JSON
    /// and 2.5 KB of content.
    pub fn row(i: usize, description_bytes: usize) -> Row {
        let words = [
            "sturdy",
            "glazed",
            "stoneware",
            "kitchen",
            "daily",
            "oven",
            "safe",
            "gift",
        ];
        let mut description = String::from("<h2>Made for every day</h2><p>");
        let mut n = i;
        while description.len() < description_bytes {
            description.push_str(words[n % words.len()]);
            description.push(' ');
            n = n.wrapping_mul(31).wrapping_add(7);
            if description.len() % 400 < 8 {
                description.push_str("</p><p>");
            }
        }
        description.push_str("</p>");
        Row {
            id: format!("prd_{i:024x}"),
            key: json!(format!("prd_{i:024x}")),
            product: json!({
                "id": i.to_string(), "name": format!("Stoneware Mug {i}"), "sku": format!("SW-{i}"),
                "gtin": "4006381333931", "brand": "Acme", "regular_price": "12.50", "currency": "EUR",
                "categories": ["Home > Kitchen > Mugs"], "features": ["Dishwasher safe", "Hand glazed", "Holds 300 ml"],
                "images": [{"src": format!("https://shop.example/img/{i}.jpg")}, {"src": format!("https://shop.example/img/{i}-b.jpg")}],
                "in_stock": true, "language": "en", "url": format!("https://shop.example/p/{i}")
            })
            .to_string(),
            content: json!({
                "title": format!("Acme Stoneware Mug {i}, hand glazed, 300 ml"),
                "description": description,
                "short_description": "<p>A hand-glazed stoneware mug for every day.</p>",
                "seo_title": format!("Stoneware Mug {i} | Acme"),
                "meta_description": "A hand-glazed stoneware mug that holds 300 ml and goes in the dishwasher.",
                "slug": format!("stoneware-mug-{i}"),
                "image_alt": ["A stoneware mug", "The mug from the side"],
                "bullets": ["Hand glazed", "Dishwasher safe", "Holds 300 ml"]
            })
            .to_string(),
            keyphrase: Some("stoneware mug".into()),
            options: None,
        }
    }

    /// Both passes over `n` rows made by `make`, paged as the Worker pages them; returns the
    /// feed's bytes and rows.
    pub fn export(format: Format, n: usize, make: impl Fn(usize) -> Row) -> (usize, u32) {
        let options = ExportOptions {
            category: Some("20635".into()),
            quantity: Some(5),
            locale: Some("de-DE".into()),
            ..ExportOptions::default()
        };
        let pages = |f: &mut dyn FnMut(&[Row])| {
            let mut next = 0;
            while next < n {
                // What D1 answers: sizes of the next 100 rows, then the rows of one page.
                let take = (n - next).min(proseo_worker::exports::PAGE_ROWS as usize);
                let sizes: Vec<i64> = (next..next + take)
                    .map(|i| {
                        let r = make(i);
                        (r.product.len() + r.content.len()) as i64
                    })
                    .collect();
                let len = page_len(&sizes);
                let page: Vec<Row> = (next..next + len).map(&make).collect();
                f(&page);
                next += len;
            }
        };
        let mut tally = Tally::default();
        pages(&mut |page| {
            for r in page {
                tally.check(
                    format,
                    &format!("/products/{}", r.id),
                    &r.item(None).unwrap(),
                    &options,
                );
            }
        });
        let mut w = Writing::new(format, options.clone(), false).unwrap();
        let mut sent = w.start().len();
        pages(&mut |page| sent += w.page(page, None).unwrap().len());
        sent += w.finish().unwrap().len();
        (sent, tally.rows)
    }
}

#[test]
fn a_10000_product_export_holds_one_page_at_a_time() {
    use proseo_core::export::Format;
    let _guard = LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    println!("peak memory and time of exports (both passes, pages as the Worker reads them):");
    let mut over = Vec::new();
    for format in Format::all() {
        let started = std::time::Instant::now();
        let mut result = (0, 0);
        let bytes = peak(&[], |_| {
            result = export_case::export(*format, 10_000, |i| export_case::row(i, 1_800));
        });
        let secs = started.elapsed().as_secs_f64();
        println!(
            "  {:>8.2} MB  {format}: 10,000 products, {} rows, {:.1} MB of feed, {:.2} s ({:.0} products/s, native, debug={})",
            bytes as f64 / MB as f64,
            result.1,
            result.0 as f64 / MB as f64,
            secs,
            10_000.0 / secs,
            cfg!(debug_assertions)
        );
        assert_eq!(result.1, 10_000);
        // The feed is many times the bound: only a page is ever held.
        assert!(result.0 > 2 * 4 * MB, "{format}: {} bytes", result.0);
        if bytes > 8 * MB {
            over.push(format!("{format}: {:.1} MB", bytes as f64 / MB as f64));
        }
    }
    // The worst rows D1 can hold (a value is at most 2 MB): a page of them stays bounded too.
    let bytes = peak(&[], |_| {
        // Longer than WooCommerce's 20,000 characters: checked, reported, left out.
        let (_, rows) =
            export_case::export(Format::Woocommerce, 6, |i| export_case::row(i, 1_900_000));
        assert_eq!(rows, 0);
    });
    println!(
        "  {:>8.2} MB  woocommerce: 6 products with 1.9 MB descriptions (2 per page)",
        bytes as f64 / MB as f64
    );
    if bytes > CEILING {
        over.push(format!("huge rows: {:.1} MB", bytes as f64 / MB as f64));
    }
    assert!(over.is_empty(), "over the bound: {over:?}");
}

/// `GET /products/stats` over the largest catalog it searches: 20,000 stored signatures read a
/// page at a time into the core's entries, then the banded near-duplicate search.
#[test]
fn the_catalog_duplicate_search_stays_bounded() {
    use proseo_core::duplicate::Signature;
    use proseo_worker::catalog::duplicates::{entries, MAX_SCAN, SCAN_PAGE};
    use proseo_worker::catalog::read::SignatureRow;
    let _guard = LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // Stored signatures (what D1 holds): every tenth product repeats another's text.
    let words = [
        "mug", "glazed", "oven", "daily", "gift", "tea", "blue", "stone", "hand", "safe",
    ];
    let stored: Vec<(String, String)> = (0..MAX_SCAN)
        .map(|i| {
            let base = if i % 10 == 0 { i / 10 } else { i };
            let mut n = base;
            let text: Vec<&str> = (0..40)
                .map(|_| {
                    n = n.wrapping_mul(2_654_435_761).wrapping_add(12_345);
                    words[(n >> 7) % words.len()]
                })
                .collect();
            (
                format!("prd_{i:024x}"),
                Signature::of_text(&text.join(" ")).encode(),
            )
        })
        .collect();
    let started = std::time::Instant::now();
    let mut found = None;
    let bytes = peak(&[], |_| {
        let mut all = Vec::new();
        for page in stored.chunks(SCAN_PAGE as usize) {
            let rows: Vec<SignatureRow> = page
                .iter()
                .map(|(id, s)| SignatureRow {
                    id: id.clone(),
                    signature: s.clone(),
                })
                .collect();
            all.extend(entries(rows));
        }
        found = Some(proseo_core::duplicate::near_duplicates(&all));
    });
    let found = found.unwrap();
    println!(
        "  {:>8.2} MB  near-duplicate search over {} products: {} pairs, complete {}, {:.2} s",
        bytes as f64 / MB as f64,
        found.products,
        found.pairs_total,
        found.complete,
        started.elapsed().as_secs_f64()
    );
    assert_eq!(found.products as usize, MAX_SCAN);
    // Products 10, 20… repeat products 1, 2… (but for multiples of 100, which repeat another
    // repeat): 1,800 pairs at 1.0 at least.
    assert!(found.pairs_total >= 1_800);
    assert!(bytes < CEILING, "{} MB", bytes / MB);
}
