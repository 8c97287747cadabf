//! `duplicate::Signature` on arbitrary text, and `Signature::decode` on arbitrary strings.
//!
//! Invariants: no panic; a signature encodes to `mh1.` alone (a text without words) or to 346
//! ASCII characters and decodes back to itself; similarity with itself is 1 (0 without
//! words) and within 0–1 with anything; arbitrary strings either decode or give
//! `signature_invalid`; a small catalog search agrees with the pairwise similarities.
#![no_main]

use libfuzzer_sys::fuzz_target;
use proseo_core::duplicate::{near_duplicates, CatalogEntry, Signature, NEAR_DUPLICATE_THRESHOLD};
use proseo_core::ErrorCode;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let s = Signature::of_html(&text);
    let encoded = s.encode();
    assert!(encoded == "mh1." || encoded.len() == 346, "{encoded}");
    assert!(encoded.is_ascii());
    assert_eq!(Signature::decode(&encoded).expect("round trip"), s);
    let same = s.similarity(&s);
    assert!(same == 1.0 || (s.is_empty() && same == 0.0));
    match Signature::decode(&text) {
        Ok(d) => assert_eq!(Signature::decode(&d.encode()).expect("again"), d),
        Err(e) => assert_eq!(e.code(), "signature_invalid"),
    }
    let parts: Vec<&str> = text.split('\n').take(8).collect();
    let entries: Vec<CatalogEntry> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| CatalogEntry {
            id: format!("p{i}"),
            signature: Signature::of_text(p),
        })
        .collect();
    for a in &entries {
        for b in &entries {
            let x = a.signature.similarity(&b.signature);
            assert!((0.0..=1.0).contains(&x));
            assert_eq!(x, b.signature.similarity(&a.signature));
        }
    }
    let found = near_duplicates(&entries);
    assert!(found.complete);
    for p in &found.pairs {
        assert!(p.similarity >= NEAR_DUPLICATE_THRESHOLD);
    }
});
