//! `analysis::analyze` on arbitrary text.
//!
//! The bytes (UTF-8, lossily) are the description HTML; split on newlines, the same text also
//! gives the keyphrase, title, meta description, slug, synonyms, short description and
//! locale, so every field sees hostile input. The first byte picks the profile.
//!
//! Invariants: every highlight lies within its field, on char boundaries, with UTF-16
//! offsets that match the UTF-8 ones; checks are unique, scored at most 9 with the matching
//! rating (`na` scores 0) and at most 50 highlights; sections count the checks that ran and
//! score 0–100 (0 when `na`); statistics are finite and consistent with the input; the
//! analysis serializes to JSON.
#![no_main]

use std::collections::BTreeSet;

use libfuzzer_sys::fuzz_target;
use proseo_core::analysis::{self, split_synonyms, AnalyzeInput, Profile, Rating};
use proseo_core::span::utf16_len;

/// Highlights per check (the crate-private `analysis::researcher::MAX_HIGHLIGHTS`).
const MAX_HIGHLIGHTS: usize = 50;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\n');
    let mut next = || parts.next().unwrap_or_default().to_owned();
    let input = AnalyzeInput {
        keyphrase: next(),
        title: next(),
        meta_description: next(),
        slug: next(),
        synonyms: split_synonyms(&next()),
        short_description: next(),
        locale: next().chars().take(16).collect(),
        content: text.clone().into_owned(),
        profile: if data.first().is_some_and(|b| b & 1 == 1) {
            Profile::Article
        } else {
            Profile::Product
        },
        ..AnalyzeInput::default()
    };
    let analysis = analysis::analyze(&input);

    let mut ids = BTreeSet::new();
    for check in analysis.checks() {
        assert!(ids.insert(check.id), "duplicate check {:?}", check.id);
        assert!(check.score <= 9, "{check:?}");
        if check.rating == Rating::Na {
            assert_eq!(check.score, 0, "{check:?}");
        } else {
            assert_eq!(
                check.rating,
                Rating::of_check_score(check.score),
                "{check:?}"
            );
        }
        assert!(!check.message.is_empty(), "{check:?}");
        assert!(
            check.highlights.len() <= MAX_HIGHLIGHTS,
            "{:?} has {} highlights",
            check.id,
            check.highlights.len()
        );
        for h in &check.highlights {
            let source = input.field(h.field);
            let (start, end) = (h.start as usize, h.end as usize);
            assert!(start <= end && end <= source.len(), "{:?}: {h:?}", check.id);
            assert!(
                source.is_char_boundary(start) && source.is_char_boundary(end),
                "{:?}: {h:?} splits a char",
                check.id
            );
            assert_eq!(h.start_utf16 as usize, utf16_len(&source[..start]), "{h:?}");
            assert_eq!(
                (h.end_utf16 - h.start_utf16) as usize,
                utf16_len(&source[start..end]),
                "{h:?}"
            );
            assert_eq!(h.text(source), &source[start..end]);
        }
    }
    for section in [&analysis.seo, &analysis.readability] {
        assert!(section.score <= 100);
        assert_eq!(section.checks_total as usize, section.checks.len());
        let ran = section.checks.iter().filter(|c| c.rating != Rating::Na).count();
        assert_eq!(section.checks_run as usize, ran);
        if section.rating == Rating::Na {
            assert_eq!(section.score, 0);
        }
    }

    let st = &analysis.stats;
    assert!(
        st.keyphrase_density.is_finite() && st.keyphrase_density >= 0.0,
        "{st:?}"
    );
    assert!(
        st.title_width_px.is_finite() && st.title_width_px >= 0.0,
        "{st:?}"
    );
    for f in [st.flesch_reading_ease, st.flesch_kincaid_grade]
        .into_iter()
        .flatten()
    {
        assert!(f.is_finite(), "{st:?}");
    }
    assert_eq!(
        st.meta_description_chars as usize,
        input.meta_description.encode_utf16().count()
    );
    if st.words == 0 {
        assert_eq!(st.keyphrase_density, 0.0, "{st:?}");
    }
    let json = serde_json::to_string(&analysis);
    assert!(json.is_ok(), "{json:?}");
});
