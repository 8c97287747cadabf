//! The analysis reads a bounded amount of any input: synonyms are capped and short fields cut
//! to `text::MAX_FIELD_BYTES` while they are decoded, and the content is bounded by the
//! document (`text::MAX_TEXT_BYTES`, `text::MAX_ITEMS`). Real inputs are unaffected.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proseo_core::analysis::{analyze, AnalyzeInput};
use proseo_core::text::{MAX_FIELD_BYTES, MAX_SYNONYMS};
use serde_json::json;

fn input(v: serde_json::Value) -> Result<AnalyzeInput, serde_json::Error> {
    serde_json::from_value(v)
}

#[test]
fn synonyms_keep_their_wire_forms() {
    let list = input(json!({"synonyms": ["mug", " cup "]})).unwrap();
    assert_eq!(list.synonyms, ["mug", " cup "]);
    let csv = input(json!({"synonyms": "mug, cup,, "})).unwrap();
    assert_eq!(csv.synonyms, ["mug", "cup"]);
    assert!(input(json!({"synonyms": null}))
        .unwrap()
        .synonyms
        .is_empty());
    assert!(input(json!({})).unwrap().synonyms.is_empty());
    // Wrong types are still errors.
    for bad in [json!(5), json!({"a": 1}), json!([1]), json!(["ok", null])] {
        assert!(input(json!({ "synonyms": bad })).is_err(), "{bad}");
    }
    // From a byte slice too (borrowed strings).
    let v: AnalyzeInput = serde_json::from_slice(br#"{"synonyms":"a,b"}"#).unwrap();
    assert_eq!(v.synonyms, ["a", "b"]);
}

#[test]
fn synonyms_are_capped_while_decoding() {
    let many: Vec<String> = (0..10_000).map(|i| format!("s{i}")).collect();
    let list = input(json!({ "synonyms": many })).unwrap();
    assert_eq!(list.synonyms.len(), MAX_SYNONYMS);
    assert_eq!(list.synonyms[0], "s0");
    let csv = input(json!({ "synonyms": many.join(",") })).unwrap();
    assert_eq!(csv.synonyms, list.synonyms);
    // Items past the cap are skipped unread.
    let mut more: Vec<serde_json::Value> = many.iter().map(|s| json!(s)).collect();
    more.push(json!(7));
    assert_eq!(
        input(json!({ "synonyms": more })).unwrap().synonyms.len(),
        MAX_SYNONYMS
    );
}

#[test]
fn oversized_fields_are_read_up_to_the_limit() {
    // Cut while decoding (the API's and the npm package's way in): the analysis of a request
    // with 5 MB fields is the analysis of their first 4 KiB.
    let body = |title: &str, meta: &str, slug: &str, synonym: &str| {
        json!({
            "content": "<p>A stoneware mug for your morning coffee.</p>",
            "keyphrase": "stoneware mug",
            "title": title,
            "meta_description": meta,
            "slug": slug,
            "synonyms": vec![synonym; 1000],
        })
    };
    let (title, meta, slug, synonym) = (
        "Stoneware Mug ".repeat(100_000),
        "é".repeat(1_000_000),
        "stoneware-mug-".repeat(100_000),
        "cup ".repeat(100_000),
    );
    let cut = |s: &str| proseo_core::text::prefix(s, MAX_FIELD_BYTES).to_owned();
    let huge = input(body(&title, &meta, &slug, &synonym)).unwrap();
    assert_eq!(huge.title, cut(&title));
    assert_eq!(huge.meta_description.len(), MAX_FIELD_BYTES);
    assert!(huge.meta_description.chars().all(|c| c == 'é'));
    assert_eq!(huge.slug, cut(&slug));
    assert_eq!(huge.synonyms, vec![cut(&synonym); MAX_SYNONYMS]);
    let at_limit = input(body(&cut(&title), &cut(&meta), &cut(&slug), &cut(&synonym))).unwrap();
    let a = analyze(&huge);
    assert_eq!(a, analyze(&at_limit));
    // Highlights are valid ranges of the caller's (uncut) text: the cut keeps a prefix.
    let uncut = AnalyzeInput {
        title,
        meta_description: meta,
        slug,
        ..huge.clone()
    };
    for check in a.seo.checks.iter().chain(&a.readability.checks) {
        for h in &check.highlights {
            let text = uncut.field(h.field);
            assert!(
                text.get(h.start as usize..h.end as usize).is_some(),
                "{h:?}"
            );
        }
    }
}

#[test]
fn wire_lists_have_limits() {
    use proseo_core::content::{GeneratedContent, MAX_BULLETS, MAX_IMAGE_ALTS};
    use proseo_core::product::{
        Product, MAX_ATTRIBUTES, MAX_LIST_ITEMS, MAX_VARIANTS, MAX_VARIANT_ATTRIBUTES,
    };
    let product = |field: &str, item: serde_json::Value, n: usize| {
        let mut p = json!({"name": "Mug"});
        p[field] = json!(vec![item; n]);
        serde_json::from_value::<Product>(p)
    };
    for (field, item, max) in [
        ("categories", json!("A > B"), MAX_LIST_ITEMS),
        ("tags", json!("t"), MAX_LIST_ITEMS),
        ("features", json!("f"), MAX_LIST_ITEMS),
        (
            "images",
            json!({"src": "https://x.example/a.jpg"}),
            MAX_LIST_ITEMS,
        ),
        ("attributes", json!({"name": "Color"}), MAX_ATTRIBUTES),
        ("variants", json!({}), MAX_VARIANTS),
    ] {
        assert!(product(field, item.clone(), max).is_ok(), "{field}");
        let e = product(field, item, max + 1).unwrap_err().to_string();
        assert!(
            e.contains(&format!("at most {max} elements")),
            "{field}: {e}"
        );
    }
    // Nested lists too.
    let values = json!({"name": "Mug", "attributes": [{"name": "C", "values": vec!["v"; MAX_LIST_ITEMS + 1]}]});
    assert!(serde_json::from_value::<Product>(values).is_err());
    let variant = json!({"name": "Mug", "variants": [{"attributes": vec![json!({"name": "C", "value": "v"}); MAX_VARIANT_ATTRIBUTES + 1]}]});
    assert!(serde_json::from_value::<Product>(variant).is_err());
    // Generated content.
    let content = |field: &str, n: usize| {
        let mut c = json!({});
        c[field] = json!(vec!["x"; n]);
        serde_json::from_value::<GeneratedContent>(c)
    };
    assert!(content("bullets", MAX_BULLETS).is_ok());
    assert!(content("bullets", MAX_BULLETS + 1).is_err());
    assert!(content("image_alt", MAX_IMAGE_ALTS).is_ok());
    assert!(content("image_alt", MAX_IMAGE_ALTS + 1).is_err());
}
