//! Peak heap memory of the worst inputs we could build for each entry point that takes
//! untrusted input on the edge API: custom templates, `/analyze` and `/validate` bodies,
//! WooCommerce CSV uploads, feeds and JSON-LD of hostile items, near-duplicate signatures and
//! catalog searches. A Worker isolate has 128 MB for every tenant's requests, so each
//! case must stay under a fixed ceiling (templates 16 MB, the rest 32 MB).
//!
//! Its own test binary, because it installs a counting global allocator (`peak_alloc`:
//! current and peak bytes). Each case builds its input first, so the figure counts the input
//! (e.g. the 5 MB request body) plus everything the call allocates, until its answer is
//! serialized. Cases run one at a time (a lock), since the counters are process-wide.
//! `cargo test -p proseo-core --test peak_memory -- --nocapture` prints the figures.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::sync::Mutex;

use peak_alloc::PeakAlloc;
use proseo_core::analysis::{analyze, AnalyzeInput};
use proseo_core::content::GeneratedContent;
use proseo_core::duplicate::{near_duplicates, CatalogEntry, Signature};
use proseo_core::export::{json_ld, ExportItem, ExportOptions, FeedWriter, Format, JsonLdOptions};
use proseo_core::product::Product;
use proseo_core::prompt::{
    render, render_template, PromptOptions, TemplateRef, MAX_TEMPLATE_BYTES,
};
use proseo_core::validate::{validate_content, validate_product, Channel};
use proseo_core::woocsv::parse_products;
use serde_json::json;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

/// One case at a time: the allocator's counters are global.
static LOCK: Mutex<()> = Mutex::new(());

const MB: usize = 1024 * 1024;
/// The request body limit of the edge API (`MAX_BODY_BYTES`).
const BODY: usize = 5 * MB;

/// Peak bytes allocated while building the input with `input` and running `run` on it,
/// counting the input itself.
fn peak<I, R>(input: impl FnOnce() -> I, run: impl FnOnce(&I) -> R) -> usize {
    let base = ALLOC.current_usage();
    let input = input();
    ALLOC.reset_peak_usage();
    let out = run(&input);
    let peak = ALLOC.peak_usage().saturating_sub(base);
    drop(out);
    drop(input);
    peak
}

/// Runs every case, prints its figure, and fails listing the cases over `ceiling`.
fn check(area: &str, ceiling: usize, cases: Vec<(String, usize)>) {
    let mut over = Vec::new();
    println!("peak memory, {area} (ceiling {:.1} MB):", mb(ceiling));
    for (name, bytes) in &cases {
        println!("  {:>8.2} MB  {name}", mb(*bytes));
        if *bytes > ceiling {
            over.push(format!("{name}: {:.1} MB", mb(*bytes)));
        }
    }
    let worst = cases.iter().map(|c| c.1).max().unwrap_or(0);
    println!("  worst {:.2} MB", mb(worst));
    assert!(over.is_empty(), "{area} over {} MB: {over:?}", ceiling / MB);
}

/// `piece` repeated to fill about `bytes` (raw, for CSV bodies).
fn repeat_to(piece: &str, bytes: usize) -> String {
    piece.repeat(bytes / piece.len().max(1))
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / MB as f64
}

/// `piece` repeated to fill about `bytes` once written as a JSON string (escapes counted), so a
/// body built from it stays within the API's body limit.
fn fill(piece: &str, bytes: usize) -> String {
    let escaped = serde_json::to_string(piece).map_or(piece.len(), |s| s.len() - 2);
    piece.repeat(bytes / escaped.max(1))
}

// ----- templates -----------------------------------------------------------------------------

/// Hostile templates: each tries to make rendering allocate far more than its source.
fn bad_templates() -> Vec<(&'static str, String)> {
    let mut t: Vec<(&'static str, String)> = vec![
        ("string repetition", r#"{{ "x" * 100000000 }}"#.into()),
        ("string repetition, stored", r#"{% set a = "x" * 99999999 %}{{ a|length }}"#.into()),
        ("list repetition", r#"{{ ([1] * 99999999)|length }}"#.into()),
        (
            "doubling ~ in a loop",
            r#"{% set ns = namespace(s="xxxxxxxx") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"#.into(),
        ),
        (
            "doubling + in a loop",
            r#"{% set ns = namespace(s="xxxxxxxx") %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}"#.into(),
        ),
        (
            "list doubling, then materialized",
            r#"{% set ns = namespace(l=[1,2,3,4]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}{{ ns.l|list|length }}"#.into(),
        ),
        (
            "appending a big literal in a loop",
            format!(
                r#"{{% set ns = namespace(s="") %}}{{% for i in range(100000) %}}{{% set ns.s = ns.s ~ "{}" %}}{{% endfor %}}{{{{ ns.s|length }}}}"#,
                "y".repeat(16 * 1024)
            ),
        ),
        (
            "raw text in nested loops",
            format!(
                "{{% for i in range(100000) %}}{{% for j in range(100000) %}}{}{{% endfor %}}{{% endfor %}}",
                "z".repeat(32 * 1024)
            ),
        ),
        (
            "raw text captured by set",
            format!(
                "{{% set big %}}{{% for i in range(100000) %}}{}{{% endfor %}}{{% endset %}}{{{{ big|length }}}}",
                "z".repeat(32 * 1024)
            ),
        ),
        (
            "join with a huge separator",
            format!(r#"{{{{ range(100000)|join("{}") }}}}"#, "s".repeat(32 * 1024)),
        ),
        (
            "replace the empty string",
            format!(r#"{{{{ "{}"|replace("", "{}") }}}}"#, "a".repeat(20_000), "b".repeat(20_000)),
        ),
        ("indent by a huge width", r#"{{ ("a\n" * 50000)|indent(100000) }}"#.into()),
        ("indent by a huge width, no lines", r#"{{ "a"|indent(100000000, true) }}"#.into()),
        ("list of a long string", format!(r#"{{{{ ("{}" * 100)|list|length }}}}"#, "c".repeat(30_000))),
        (
            "split into many pieces",
            r#"{{ (" " * 3000000)|split(" ")|length }}"#.into(),
        ),
        (
            "escape amplification",
            format!(r#"{{{{ ("{}" * 1000)|escape|length }}}}"#, "\"".repeat(30_000)),
        ),
        (
            "macro doubling by recursion",
            r#"{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s|length }}{% endif %}{% endmacro %}{{ d("xxxxxxxx", 40) }}"#.into(),
        ),
        (
            "macro output doubling",
            r#"{% macro d(n) %}{% if n %}{{ d(n - 1) }}{{ d(n - 1) }}{% else %}xxxxxxxxxxxxxxxx{% endif %}{% endmacro %}{{ d(30) }}"#.into(),
        ),
        (
            "dict building in a loop",
            r#"{% set ns = namespace(d={}) %}{% for i in range(100000) %}{% set ns.d = dict(ns.d, **{i|string: "v" * 1000}) %}{% endfor %}{{ ns.d|length }}"#.into(),
        ),
        (
            "list of lists in a loop",
            r#"{% set ns = namespace(l=[]) %}{% for i in range(30000) %}{% set ns.l = ns.l + [range(100)|list] %}{% endfor %}{{ ns.l|length }}"#.into(),
        ),
        (
            "string of a doubled list",
            r#"{% set ns = namespace(l=["xxxxxxxxxxxxxxxx"]) %}{% for i in range(40) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l|string|length }}"#.into(),
        ),
        (
            "sum of strings",
            r#"{{ (range(100000)|map("string")|list * 1)|sum(start="")|length }}"#.into(),
        ),
        (
            "format with a huge width",
            r#"{{ "%100000000s"|format("x")|length }}"#.into(),
        ),
        (
            "sort and unique of a big list",
            r#"{% set l = range(100000)|list %}{{ (l + l + l + l)|sort|unique|list|length }}"#.into(),
        ),
    ];
    t.push((
        "64 KiB of expressions",
        "{{ product.name }}".repeat(MAX_TEMPLATE_BYTES / 18),
    ));
    t.push((
        "64 KiB list literal",
        format!("{{{{ [{}] }}}}", "1,".repeat(MAX_TEMPLATE_BYTES / 2 - 4)),
    ));
    t.push((
        "built budget filled with live strings",
        r#"{% set ns = namespace(a="", b="", c="", d="", e="") %}{% set ns.a = product.name * 200000 %}{% set ns.b = ns.a ~ "y" %}{% set ns.c = ns.b ~ "z" %}{% set ns.d = ns.c ~ "w" %}{% set ns.e = ns.d ~ "v" %}{{ ns.e|length }}"#.into(),
    ));
    t.push((
        "the product's description, copied",
        "{% set ns = namespace(l=[]) %}{% for i in range(1000) %}{% set ns.l = ns.l + [product.description|upper] %}{% endfor %}{{ ns.l|length }}".into(),
    ));
    t.push((
        "nested namespaces in a loop",
        "{% set ns = namespace(n=namespace()) %}{% for i in range(100000) %}{% set ns.n = namespace(p=ns.n, t=product.name * 100) %}{% endfor %}".into(),
    ));
    // Long straight-line chains (no loop): doubling by repeated statements.
    let mut chain = String::from(r#"{% set s = "xxxxxxxxxxxxxxxx" %}"#);
    for _ in 0..40 {
        chain.push_str("{% set s = s ~ s %}");
    }
    chain.push_str("{{ s|length }}");
    t.push(("doubling by straight-line statements", chain));
    t
}

fn template_vars() -> serde_json::Value {
    json!({
        "product": {
            "name": "Stoneware Mug",
            "description": "<p>A mug.</p>".repeat(2000),
            "attributes": (0..100).map(|i| json!({"name": format!("A{i}"), "values": ["x", "y"]})).collect::<Vec<_>>(),
        },
        "extra": {},
    })
}

#[test]
fn worst_templates_stay_under_16_mb() {
    let _lock = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut cases = Vec::new();
    for (name, source) in bad_templates() {
        // Through `render_template` (`/prompts/render` with raw vars) …
        let bytes = peak(
            || (source.clone(), template_vars()),
            |(src, vars)| render_template(src, vars).map(|s| s.len()),
        );
        cases.push((format!("render_template: {name}"), bytes));
        // … and as a custom prompt template (`/generate`, `/jobs`).
        let bytes = peak(
            || PromptOptions {
                template: TemplateRef::Custom(source.clone()),
                ..PromptOptions::default()
            },
            |opts| {
                let product = proseo_core::product::Product {
                    name: "Mug".into(),
                    ..Default::default()
                };
                render(opts, &product).map(|p| p.user.len())
            },
        );
        cases.push((format!("render: {name}"), bytes));
    }
    check("templates", 16 * MB, cases);
}

// ----- /analyze --------------------------------------------------------------------------------

/// `/analyze` bodies of about 5 MB built to stress the parser and the checks.
fn bad_analyze_bodies() -> Vec<(&'static str, String)> {
    let n = BODY - 1024;
    let words: String = (0..)
        .map(|i| format!("word{} ", i % 977))
        .take(n / 8)
        .collect();
    vec![
        ("unclosed <p>", fill("<p>x", n)),
        ("unclosed <li>", fill("<li>x", n)),
        ("nested <ul><li> without closing", fill("<ul><li>x", n)),
        ("closed <p>x</p>", fill("<p>x</p>", n)),
        ("deep <div> nesting", fill("<div>", n)),
        ("deep <b> nesting", fill("<b>", n)),
        (
            "many links",
            fill(r#"<a href="https://e.example/p">w</a> "#, n),
        ),
        (
            "many images",
            fill(r#"<img src="x.jpg" alt="keyphrase">"#, n),
        ),
        ("one giant sentence", words.clone()),
        ("many tiny sentences", fill("Go. ", n)),
        ("many tiny paragraphs", fill("x\n\n", n)),
        ("entities", fill("&amp;&#x1F600;&nbsp;", n)),
        ("one giant word", "a".repeat(n)),
        ("keyphrase everywhere", fill("stoneware mug ", n)),
        ("headings", fill("<h2>Mug</h2>", n)),
        ("shortcodes", fill("[gallery ids=\"1\"]", n)),
        ("br breaks", fill("x<br>", n)),
        ("comments", fill("<!-- c -->x", n)),
        ("keyphrase: 5 MB", fill("stoneware mug ", n)),
        ("synonyms: 500k", fill("mug, ", n)),
        ("synonyms: one long", fill("mug ", n)),
        ("synonyms list: 800k", fill("mug, ", n * 5 / 6)),
        ("title: 5 MB", fill("Stoneware Mug ", n)),
        ("meta_description: 5 MB", fill("A mug. ", n)),
        ("slug: 5 MB", fill("stoneware-mug-", n)),
        ("short_description: 5 MB", fill("<p>x", n)),
        ("locale: 5 MB", fill("en_", n)),
    ]
}

#[test]
fn worst_analyze_bodies_stay_under_32_mb() {
    let _lock = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut cases = Vec::new();
    for (name, content) in bad_analyze_bodies() {
        let bytes = peak(
            || {
                let mut fields = json!({
                    "content": content,
                    "keyphrase": "stoneware mug",
                    "synonyms": "mug, cup",
                    "title": "Stoneware Mug",
                    "meta_description": "A stoneware mug.",
                    "slug": "stoneware-mug",
                });
                // Cases named after another field put the text there instead.
                for field in [
                    "locale",
                    "keyphrase",
                    "synonyms",
                    "title",
                    "meta_description",
                    "slug",
                    "short_description",
                ] {
                    if name.starts_with(&format!("{field}:")) {
                        fields[field] = fields["content"].take();
                        fields["content"] = json!("<p>A stoneware mug for coffee.</p>");
                    }
                }
                if name.starts_with("synonyms list:") {
                    let list: Vec<&str> = content.split(", ").collect();
                    fields["synonyms"] = json!(list);
                    fields["content"] = json!("<p>A stoneware mug for coffee.</p>");
                }
                let mut body = serde_json::to_vec(&fields).unwrap();
                assert!(body.len() <= BODY, "{name}: {} bytes", body.len());
                // As a request body arrives: exactly its length.
                body.shrink_to_fit();
                body
            },
            |body| {
                let input: AnalyzeInput = serde_json::from_slice(body).unwrap();
                let analysis = analyze(&input);
                serde_json::to_vec(&analysis).unwrap().len()
            },
        );
        cases.push((name.to_owned(), bytes));
    }
    check("/analyze (decode + analyze + encode)", 32 * MB, cases);
}

// ----- /validate -------------------------------------------------------------------------------

fn bad_validate_bodies() -> Vec<(&'static str, serde_json::Value)> {
    let n = BODY - 1024;
    let strings = |s: &str| -> Vec<String> { vec![s.to_owned(); n / (s.len() + 3)] };
    vec![
        (
            "<b> x 800k",
            json!({"content": {"description": fill("<b>", n)}}),
        ),
        (
            "<p onclick> x many",
            json!({"content": {"description": fill("<p onclick=x>", n)}}),
        ),
        (
            "<div> unwrapped x many",
            json!({"content": {"description": fill("<div>x", n)}}),
        ),
        (
            "stray end tags",
            json!({"content": {"description": fill("</x>", n)}}),
        ),
        (
            "comments",
            json!({"content": {"description": fill("<!---->", n)}}),
        ),
        (
            "script tags",
            json!({"content": {"description": fill("<script></script>", n)}}),
        ),
        (
            "empty bullets",
            json!({"content": {"bullets": strings("")}}),
        ),
        (
            "placeholder bullets",
            json!({"content": {"bullets": strings("{{x}}")}}),
        ),
        (
            "empty alt texts",
            json!({"content": {"image_alt": strings("")}}),
        ),
        (
            "short description markup",
            json!({"content": {"short_description": fill("<i onclick=x>", n)}}),
        ),
        (
            "product with many bad attributes",
            json!({"product": {"name": "", "attributes": vec![json!({"name": "", "values": []}); n / 30]}}),
        ),
        (
            "product with many bad images",
            json!({"product": {"name": "x", "images": vec![json!({"src": "javascript:x"}); n / 30]}}),
        ),
        (
            "product with many bad variants",
            json!({"product": {"name": "x", "variants": vec![json!({"regular_price": "-1", "sku": ""}); n / 35]}}),
        ),
    ]
}

#[test]
fn worst_validate_bodies_stay_under_32_mb() {
    let _lock = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut cases = Vec::new();
    for (name, body) in bad_validate_bodies() {
        let bytes = peak(
            || {
                let mut body = serde_json::to_vec(&body).unwrap();
                assert!(body.len() <= BODY, "{name}: {} bytes", body.len());
                // As a request body arrives: exactly its length.
                body.shrink_to_fit();
                body
            },
            |body| {
                // The API's body: `{product?, content?, channel?}`.
                #[derive(serde::Deserialize)]
                struct Body {
                    product: Option<Product>,
                    content: Option<GeneratedContent>,
                }
                // A body past a list limit is a decoding error (a 422 at the API).
                let reports = serde_json::from_slice(body).map(|v: Body| {
                    json!({
                        "content": v.content.map(|c| validate_content(&c, Channel::Woocommerce)),
                        "product": v.product.map(|p| validate_product(&p)),
                    })
                });
                match reports {
                    Ok(reports) => serde_json::to_vec(&reports).unwrap().len(),
                    Err(e) => e.to_string().len(),
                }
            },
        );
        cases.push((name.to_owned(), bytes));
    }
    check("/validate (decode + validate + encode)", 32 * MB, cases);
}

// ----- CSV uploads -----------------------------------------------------------------------------

fn bad_csvs() -> Vec<(&'static str, String)> {
    let n = BODY - 1024;
    let header =
        "ID,Type,SKU,Name,Parent,Categories,Tags,Images,Attribute 1 name,Attribute 1 value(s)\n";
    vec![
        ("2.5 M tiny rows", format!("Name\n{}", repeat_to("x\n", n))),
        (
            "many full rows",
            format!(
                "{header}{}",
                repeat_to(
                    "1,simple,S,Mug,,A > B,t,https://x.example/a.jpg,Color,\"Red, Blue\"\n",
                    n
                )
            ),
        ),
        (
            "orphan variations",
            format!("{header}{}", repeat_to("1,variation,,V,id:9,,,,,\n", n)),
        ),
        (
            "5,000 products with 1 KB descriptions (accepted)",
            format!(
                "{header}{}",
                "1,simple,S,Mug,,A > B,t,https://x.example/a.jpg,Color,\"Red, Blue\"\n"
                    .replace(",Mug,", &format!(",Mug {},", "d".repeat(900)))
                    .repeat(5_000)
            ),
        ),
        (
            "one product, 49,999 variations (accepted)",
            format!(
                "{header}1,variable,P,Tee,,,,,Color,\"a, b\"\n{}",
                "2,variation,,Tee - a,P,,,,Color,a\n".repeat(49_999)
            ),
        ),
        (
            "list entries up to the file's limit (accepted)",
            format!(
                "ID,Name,Tags\n{}",
                format!("1,Mug,\"{}\"\n", vec!["t"; 1_000].join(",")).repeat(200)
            ),
        ),
        (
            "one huge cell",
            format!("Name,Description\nMug,\"{}\"\n", "d".repeat(n)),
        ),
        (
            "huge list cell",
            format!("Name,Categories\nMug,\"{}\"\n", repeat_to("a,", n)),
        ),
        (
            "very wide header",
            format!("{}Name\nMug\n", repeat_to("c,", n)),
        ),
        ("many attribute columns", {
            let cols: String = (1..=64)
                .map(|i| format!("Attribute {i} name,Attribute {i} value(s),"))
                .collect();
            let row: String = (1..=64).map(|_| "Color,\"a, b, c\",").collect();
            format!(
                "{cols}Name\n{}",
                repeat_to(&format!("{row}Mug\n"), n - cols.len() - 5)
            )
        }),
    ]
}

#[test]
fn largest_csv_uploads_stay_under_32_mb() {
    let _lock = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut cases = Vec::new();
    for (name, csv) in bad_csvs() {
        let bytes = peak(
            || {
                assert!(csv.len() <= BODY, "{name}: {} bytes", csv.len());
                csv.clone()
            },
            |csv| parse_products(csv).map(|p| p.products.len()),
        );
        cases.push((name.to_owned(), bytes));
    }
    check("CSV uploads (parse)", 32 * MB, cases);
}

// ----- exports ---------------------------------------------------------------------------------

/// Items worth about 5 MB of JSON each case (what the edge API decodes for one page of a feed,
/// or one webhook body), built to stress the shaping, validation and writing of each format.
fn bad_export_items() -> Vec<(&'static str, Vec<ExportItem>)> {
    let n = BODY - 4096;
    let item = |description: String| ExportItem {
        product: Product {
            name: "Mug".into(),
            sku: Some("MUG-1".into()),
            gtin: Some("4006381333931".into()),
            regular_price: Some(proseo_core::product::Price::Number(9.5)),
            currency: Some("EUR".into()),
            images: vec![proseo_core::product::Image {
                src: "https://shop.example/mug.jpg".into(),
                alt: None,
            }],
            ..Product::default()
        },
        content: GeneratedContent {
            description,
            title: "Mug".into(),
            seo_title: "Mug".into(),
            ..GeneratedContent::default()
        },
        keyphrase: None,
        quantity: Some(1),
    };
    let small = item("<p>A sturdy stoneware mug for coffee and tea, made to last.</p>".repeat(12));
    let per = serde_json::to_string(&small).map_or(1, |s| s.len());
    let mut many_images = item("<p>x</p>".into());
    many_images.product.images = vec![
        proseo_core::product::Image {
            src: format!("https://shop.example/{}.jpg", "i".repeat(2_400)),
            alt: None,
        };
        1_000
    ];
    many_images.content.bullets = vec!["=b".repeat(10_000); 100];
    vec![
        (
            "one 5 MB description of paragraphs",
            vec![item(fill("<p>x</p>", n))],
        ),
        (
            "one 5 MB description of nested tags",
            vec![item(fill("<b><h3><em>x", n))],
        ),
        (
            "one 5 MB description of entities",
            vec![item(fill("&lt;&amp;", n))],
        ),
        (
            "one 5 MB description of formula starts",
            vec![item(fill("=cmd|' /C x'!A0\n", n))],
        ),
        ("thousands of small items", vec![small; n / per]),
        ("1,000 images and 100 long bullets", vec![many_images]),
    ]
}

#[test]
fn worst_exports_stay_under_32_mb() {
    let _lock = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut cases = Vec::new();
    for (name, items) in bad_export_items() {
        for &format in Format::all() {
            let bytes = peak(
                || {
                    let body = serde_json::to_vec(&items).unwrap();
                    assert!(body.len() <= BODY, "{name}: {} bytes", body.len());
                    // Decoded as the edge API holds a page of catalog rows (the decoding of
                    // bodies is measured by the /validate cases).
                    serde_json::from_slice::<Vec<ExportItem>>(&body).unwrap()
                },
                |items| {
                    // Written one item at a time, its output handed on (as a streaming
                    // response would) after each item.
                    let mut w = FeedWriter::new(format, ExportOptions::default()).unwrap();
                    let mut sent = w.take_output().len();
                    for item in items.iter() {
                        w.push(item);
                        sent += w.take_output().len();
                    }
                    let end = w.finish().unwrap();
                    sent + end.tail.len() + serde_json::to_vec(&end.report).unwrap().len()
                },
            );
            cases.push((format!("{format}: {name}"), bytes));
        }
        let bytes = peak(
            || items.clone(),
            |items| {
                items
                    .iter()
                    .map(|i| {
                        json_ld(&i.product, Some(&i.content), &JsonLdOptions::default())
                            .script_tag()
                            .len()
                    })
                    .sum::<usize>()
            },
        );
        cases.push((format!("json_ld: {name}"), bytes));
    }
    check("exports (write, streamed)", 32 * MB, cases);
}

#[test]
fn signatures_and_duplicate_searches_stay_under_32_mb() {
    let _lock = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut cases = Vec::new();
    let n = BODY - 1024;
    for (name, text) in [
        (
            "signature of 5 MB of words",
            fill("stoneware mug for coffee ", n),
        ),
        ("signature of 5 MB of tags", fill("<p><b>x", n)),
    ] {
        cases.push((
            name.to_owned(),
            peak(|| text.clone(), |t| Signature::of_html(t).encode().len()),
        ));
    }
    let same = Signature::of_text("the same description on every product page of the shop");
    cases.push((
        "20,000 identical signatures".to_owned(),
        peak(
            || {
                (0..20_000)
                    .map(|i| CatalogEntry {
                        id: format!("p{i}"),
                        signature: same.clone(),
                    })
                    .collect::<Vec<_>>()
            },
            |c| near_duplicates(c).pairs.len(),
        ),
    ));
    cases.push((
        "10,000 near-identical signatures (comparison bound)".to_owned(),
        peak(
            || {
                (0..10_000)
                    .map(|i| CatalogEntry {
                        id: format!("p{i}"),
                        signature: Signature::of_text(&format!(
                            "the same long description on every product page of the shop, item {i}"
                        )),
                    })
                    .collect::<Vec<_>>()
            },
            |c| near_duplicates(c).pairs.len(),
        ),
    ));
    check(
        "near-duplicates (signatures, catalog search)",
        32 * MB,
        cases,
    );
}

/// The language checks of generated content and product data: a model answer of 5 MB (what a
/// provider may send back, the body limit) and a product of 5 MB, all in one field or spread
/// over many bullets and attributes.
#[test]
fn language_checks_stay_under_32_mb() {
    let _lock = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let n = BODY - 1024;
    let mut cases = Vec::new();
    let answers = [
        (
            "5 MB description (language_mismatch)",
            GeneratedContent {
                description: fill("<p>The wool keeps you warm and soft. ", n),
                ..GeneratedContent::default()
            },
        ),
        (
            "100,000 bullets (language_mismatch)",
            GeneratedContent {
                bullets: vec![fill("warm soft wool for you ", 48); 100_000],
                ..GeneratedContent::default()
            },
        ),
    ];
    for (name, content) in answers {
        cases.push((
            name.to_owned(),
            peak(
                || content.clone(),
                |c| proseo_core::validate::check_language(c, "de").is_some(),
            ),
        ));
    }
    let products = [
        (
            "5 MB description (guess_product)",
            Product {
                name: "Wolle".into(),
                description: Some(fill("Die Wolle hält warm und weich. ", n)),
                ..Product::default()
            },
        ),
        (
            "5 MB of attribute values (guess_product)",
            serde_json::from_value::<Product>(json!({
                "name": "Wolle",
                "attributes": (0..100).map(|i| json!({
                    "name": format!("a{i}"),
                    "values": vec![fill("und die der ", 500); 100],
                })).collect::<Vec<_>>(),
            }))
            .unwrap(),
        ),
    ];
    for (name, product) in products {
        cases.push((
            name.to_owned(),
            peak(
                || product.clone(),
                |p| proseo_core::lang::guess_product(p).is_some(),
            ),
        ));
    }
    // A 5 MB CSV job: 1,000 products of 5 KB each.
    cases.push((
        "catalog of 1,000 products of 5 KB (guess_catalog)".to_owned(),
        peak(
            || {
                (0..1000)
                    .map(|i| Product {
                        name: format!("Wolle {i}"),
                        description: Some(fill("Die Wolle hält warm und weich. ", 5 * 1024)),
                        ..Product::default()
                    })
                    .collect::<Vec<_>>()
            },
            |c| proseo_core::lang::guess_catalog(c).is_some(),
        ),
    ));
    check("language checks", 32 * MB, cases);
}
