//! Keyphrase in meta description (Yoast: `metaDescriptionKeyword`).
//!
//! Measures: per sentence of the meta description, the full occurrences of the keyphrase (every
//! content word; the count is the rarest word's) plus those of each synonym among the words the
//! keyphrase's occurrences did not use, summed. Applies: always. Judges: 1 or 2 → good; none,
//! more than 2, or no keyphrase/meta → bad.

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::keyphrase::{matching_words_lower, words_of, Tokens};
use crate::analysis::researcher::{Researcher, MAX_HIGHLIGHTS};
use crate::analysis::types::{Check, CheckId};
use crate::span::Field;
use crate::text::{lowercase_aligned, sentence_bounds};

/// Occurrences that are good.
const GOOD_COUNT: std::ops::RangeInclusive<u32> = 1..=2;

struct Scores {
    good: i16,
    bad: i16,
}
const SCORES: Scores = Scores { good: 9, bad: 3 };

const MISSING: &str =
    "Please add both a keyphrase and a meta description containing the keyphrase.";
const NOT_FOUND: &str =
    "The meta description has been specified, but it does not contain the keyphrase. Fix that!";
const GOOD: &str = "Keyphrase or synonym appear in the meta description. Well done!";
const TOO_MANY: &str = "The meta description contains the keyphrase {n} times, which is over the advised maximum of 2 times. Limit that!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::KeyphraseInMetaDescription,
    section: SectionKind::Seo,
    yoast: Some("metaDescriptionKeyword"),
    run,
};

/// The keyphrase's occurrences, then the synonyms' among the words those did not use.
fn count_in_sentence(r: &Researcher<'_>, mut words: Vec<&str>) -> u32 {
    let kp = &r.topic.keyphrase;
    let n = kp.count_in(&Tokens::plain(&words));
    if n > 0 {
        for w in &kp.words {
            let mut left = n;
            words.retain(|t| {
                if left > 0 && w.matches(t) {
                    left -= 1;
                    false
                } else {
                    true
                }
            });
        }
    }
    n + r
        .topic
        .synonyms
        .iter()
        .map(|s| s.count_in(&Tokens::plain(&words)))
        .sum::<u32>()
}

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let meta = &r.input.meta_description;
    if r.topic.is_empty() || meta.trim().is_empty() {
        return Check::scored(id, SCORES.bad, MISSING);
    }
    let lower = lowercase_aligned(meta);
    let n: u32 = if r.topic.is_substring_mode() {
        r.topic.substring_matches(&lower, true).len() as u32
    } else {
        sentence_bounds(&lower)
            .into_iter()
            .map(|(_, s)| count_in_sentence(r, words_of(s)))
            .sum()
    };
    let highlights = || {
        matching_words_lower(&r.topic, &lower, true)
            .into_iter()
            .take(MAX_HIGHLIGHTS)
            .map(|(s, e)| r.hl_field(Field::MetaDescription, s, e))
            .collect()
    };
    if n == 0 {
        Check::scored(id, SCORES.bad, NOT_FOUND)
    } else if GOOD_COUNT.contains(&n) {
        Check::scored(id, SCORES.good, GOOD).with_highlights(highlights())
    } else {
        Check::scored(id, SCORES.bad, fill(TOO_MANY, &[("n", &n)])).with_highlights(highlights())
    }
}
