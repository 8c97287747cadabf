//! Near-duplicate tests: the estimate against exact Jaccard, the encoding, the catalog search
//! against brute force, and its bounds.

use super::*;

/// Exact Jaccard index of two word sequences' shingle sets (the quantity MinHash estimates).
fn exact(a: &[&str], b: &[&str]) -> f64 {
    use std::collections::HashSet;
    let sh = |w: &[&str]| -> HashSet<Vec<String>> {
        let width = SHINGLE_WORDS.min(w.len()).max(1);
        w.windows(width)
            .map(|s| s.iter().map(|x| (*x).to_owned()).collect())
            .collect()
    };
    let (x, y) = (sh(a), sh(b));
    let union = x.union(&y).count();
    if union == 0 {
        return 0.0;
    }
    x.intersection(&y).count() as f64 / union as f64
}

/// A deterministic pseudo-random vocabulary word.
fn word(i: u64) -> String {
    format!("w{}", mix64(i) % 5_000)
}

fn words(seed: u64, n: usize) -> Vec<String> {
    (0..n as u64).map(|i| word(seed * 1_000_003 + i)).collect()
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn identical_texts_are_one_and_unrelated_ones_near_zero() {
    let a = Signature::of_html("<p>Soft merino socks for cold winter mornings.</p>");
    let b = Signature::of_text("Soft merino socks for cold winter mornings.");
    assert_eq!(a, b, "markup is not text");
    assert_eq!(a.similarity(&b), 1.0);
    let c = Signature::of_text("A sturdy oak table that seats eight people for dinner.");
    assert!(a.similarity(&c) < 0.05, "{}", a.similarity(&c));
    // Case and entities do not matter; word order does.
    let d = Signature::of_html("<h2>SOFT Merino socks</h2><p>for cold winter &amp;mornings.</p>");
    assert_eq!(a.similarity(&d), 1.0);
    let e = Signature::of_text("mornings winter cold for socks merino soft");
    assert!(a.similarity(&e) < 0.05);
}

#[test]
fn texts_without_words_are_similar_to_nothing() {
    let empty = Signature::of_html("<p> </p><!-- x --><script>var a = 1;</script>");
    assert!(empty.is_empty());
    assert_eq!(empty, Signature::default());
    assert_eq!(empty.similarity(&empty), 0.0);
    assert!(empty.band_keys().is_empty());
    // One or two words are one shingle.
    let short = Signature::of_text("Mug");
    assert!(!short.is_empty());
    assert_eq!(short.similarity(&Signature::of_text("mug")), 1.0);
    assert_eq!(short.similarity(&Signature::of_text("cup")), 0.0);
}

#[test]
fn the_estimate_tracks_the_exact_jaccard_index() {
    // Pairs that share a growing part of their words; the estimate's standard error is at most
    // 0.045, so 0.15 is more than three of them.
    let mut worst = 0.0f64;
    for shared in [0usize, 25, 50, 100, 150, 200, 250, 300] {
        let common = words(1, shared);
        let mut a = common.clone();
        a.extend(words(2, 300 - shared));
        let mut b = words(3, 300 - shared);
        b.extend(common);
        let (ra, rb) = (refs(&a), refs(&b));
        let truth = exact(&ra, &rb);
        let est = Signature::of_words(&ra).similarity(&Signature::of_words(&rb));
        worst = worst.max((truth - est).abs());
        assert!(
            (truth - est).abs() < 0.15,
            "shared {shared}: exact {truth:.3}, estimate {est:.3}"
        );
    }
    assert!(worst > 0.0, "the estimate is an estimate");
}

#[test]
fn signatures_encode_compactly_and_decode_back() {
    let s = Signature::of_text("Soft merino socks for cold winter mornings and long hikes.");
    let text = s.encode();
    assert_eq!(text.len(), 346);
    assert!(text.starts_with("mh1."));
    assert!(text.is_ascii());
    assert_eq!(Signature::decode(&text).unwrap(), s);
    // Pinned: the hash functions are part of the format. If this changes, stored signatures
    // no longer compare with new ones: that is a new format (`mh2.`), not an edit.
    let pinned = Signature::of_text("the quick brown fox jumps over the lazy dog").encode();
    assert_eq!(&pinned[..40], "mh1.sOLhxo5IRyODB-Y3wfsslJe2gbF5uHkgE1t1");
    assert_eq!(Signature::decode("mh1.").unwrap(), Signature::default());
    assert_eq!(Signature::default().encode(), "mh1.");
    // JSON is the encoded string.
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(json, format!("\"{text}\""));
    assert_eq!(serde_json::from_str::<Signature>(&json).unwrap(), s);
    let star = format!("mh1.*{}", &text[5..]);
    let long = format!("{text}A");
    for bad in ["", "mh2.", "mh1.abc", &text[..345], &long, &star, "MH1."] {
        let e = Signature::decode(bad).unwrap_err();
        assert_eq!(e.code(), "signature_invalid", "{bad:?}");
        assert_eq!(
            serde_json::to_value(&e).unwrap()["code"],
            "signature_invalid"
        );
    }
    assert!(serde_json::from_str::<Signature>("\"mh1.x\"").is_err());
}

/// A catalog: `groups` families of `size` products each, every product a shared base text of
/// `base` words plus `own` words of its own (so pairs within a family overlap a lot, pairs
/// across families hardly at all).
fn catalog(
    groups: u64,
    size: u64,
    base: usize,
    own: usize,
) -> (Vec<CatalogEntry>, Vec<Vec<String>>) {
    let mut entries = Vec::new();
    let mut texts = Vec::new();
    for g in 0..groups {
        let common = words(100 + g, base);
        for p in 0..size {
            let mut w = common.clone();
            w.extend(words(10_000 + g * 1_000 + p, own));
            entries.push(CatalogEntry {
                id: format!("p{g}-{p}"),
                signature: Signature::of_words(&refs(&w)),
            });
            texts.push(w);
        }
    }
    (entries, texts)
}

#[test]
fn the_banded_search_finds_what_brute_force_finds() {
    // Families whose members overlap between J ≈ 0.3 and 0.8.
    for (base, own) in [(200, 40), (150, 80), (120, 100), (100, 150)] {
        let (entries, _) = catalog(6, 5, base, own);
        let found = near_duplicates(&entries);
        assert!(found.complete);
        let mut brute = Vec::new();
        for (i, a) in entries.iter().enumerate() {
            for b in &entries[i + 1..] {
                let s = a.signature.similarity(&b.signature);
                if s >= NEAR_DUPLICATE_THRESHOLD {
                    brute.push((a.id.clone(), b.id.clone()));
                }
            }
        }
        let mut got: Vec<(String, String)> = found
            .pairs
            .iter()
            .map(|p| (p.a.clone(), p.b.clone()))
            .collect();
        got.sort();
        brute.sort();
        // LSH may miss a pair right at the threshold (0.4 % at J = 0.5); none here.
        assert_eq!(got, brute, "base {base}, own {own}");
        assert_eq!(found.pairs_total, brute.len() as u64);
        for p in &found.pairs {
            assert!(p.similarity >= NEAR_DUPLICATE_THRESHOLD);
            assert!(
                p.a < p.b
                    || entries.iter().position(|e| e.id == p.a)
                        < entries.iter().position(|e| e.id == p.b)
            );
        }
        assert!(found
            .pairs
            .windows(2)
            .all(|w| w[0].similarity >= w[1].similarity));
    }
}

#[test]
fn catalog_summary_counts_products_and_pairs() {
    let (mut entries, _) = catalog(3, 4, 200, 20);
    // Two identical copies and an empty description.
    let copy = entries[0].signature.clone();
    entries.push(CatalogEntry {
        id: "copy-1".into(),
        signature: copy.clone(),
    });
    entries.push(CatalogEntry {
        id: "copy-2".into(),
        signature: copy,
    });
    entries.push(CatalogEntry {
        id: "empty".into(),
        signature: Signature::default(),
    });
    let found = near_duplicates(&entries);
    assert_eq!(found.products, 14);
    // Each family of 4 is 6 pairs; the copies add p0-0 ↔ copy-1, p0-0 ↔ copy-2, copy-1 ↔
    // copy-2, and each copy pairs with p0-1..p0-3 as p0-0 does.
    assert_eq!(found.pairs_total, 3 * 6 + 3 + 2 * 3);
    assert_eq!(found.products_with_duplicates, 14);
    assert_eq!(found.max_similarity, 1.0);
    assert_eq!(found.pairs[0].similarity, 1.0);
    assert_eq!(found.threshold, NEAR_DUPLICATE_THRESHOLD);
    // A stricter threshold finds fewer.
    let strict = near_duplicates_with(&entries, 0.99);
    assert_eq!(strict.pairs_total, 3);
    // Unrelated products: nothing.
    let (spread, _) = catalog(12, 1, 0, 200);
    let none = near_duplicates(&spread);
    assert_eq!((none.pairs_total, none.products_with_duplicates), (0, 0));
    assert!(none.pairs.is_empty() && none.complete);
}

#[test]
fn a_catalog_of_copies_is_counted_not_listed() {
    let sig = Signature::of_text("the same description on every product page of the shop");
    let n = 20_000u64;
    let entries: Vec<CatalogEntry> = (0..n)
        .map(|i| CatalogEntry {
            id: format!("p{i:05}"),
            signature: sig.clone(),
        })
        .collect();
    let found = near_duplicates(&entries);
    assert_eq!(found.pairs_total, n * (n - 1) / 2);
    assert_eq!(found.pairs.len(), MAX_PAIRS);
    assert_eq!(found.products_with_duplicates, n as u32);
    assert!(found.complete);
}

#[test]
fn near_identical_crowds_stop_at_the_comparison_bound() {
    // 3,000 texts that differ in one word each share most bands: the search stops at
    // MAX_COMPARISONS and says so.
    let base = words(7, 60);
    let entries: Vec<CatalogEntry> = (0..3_000u64)
        .map(|i| {
            let mut w = base.clone();
            w.push(format!("unique{i}"));
            CatalogEntry {
                id: format!("p{i}"),
                signature: Signature::of_words(&refs(&w)),
            }
        })
        .collect();
    let found = near_duplicates(&entries);
    assert!(!found.complete);
    assert!(found.pairs_total > 0);
    assert!(found.pairs.len() <= MAX_PAIRS);
}

#[test]
fn a_product_is_checked_against_its_catalog() {
    let (entries, _) = catalog(2, 8, 200, 20);
    let me = &entries[0];
    let check = check_product(&me.id, &me.signature, &entries);
    assert_eq!(check.code, CHECK_CODE);
    assert!(check.duplicate);
    assert_eq!(check.similar_total, 7, "the other members of its family");
    assert_eq!(check.similar.len(), MAX_SIMILAR_LISTED);
    assert!(check
        .similar
        .iter()
        .all(|s| s.id.starts_with("p0-") && s.id != me.id));
    assert!(
        check
            .message
            .contains("near-duplicate of 7 other product(s)"),
        "{}",
        check.message
    );
    let alone = check_product(
        "new",
        &Signature::of_text("something else entirely, about garden chairs"),
        &entries,
    );
    assert!(!alone.duplicate);
    assert!(alone.similar.is_empty());
    assert!(
        alone.message.starts_with("no other product"),
        "{}",
        alone.message
    );
    let nothing = check_product("x", &Signature::default(), &entries);
    assert!(!nothing.duplicate);
    assert_eq!(nothing.message, "the description has no words to compare");
}
