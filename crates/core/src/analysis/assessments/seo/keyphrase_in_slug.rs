//! Keyphrase in slug (Yoast: `slugKeyword`).
//!
//! Measures: the share of the keyphrase's content words found in the slug (hyphens and
//! underscores separate words; diacritics of the keyphrase need not be in the slug). Applies:
//! always. Judges: keyphrases of 1–2 content words need all of them, longer ones more than
//! half, for good; otherwise ok; no keyphrase or no slug bad.

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::keyphrase::words_of;
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};
use crate::span::Field;
use crate::text::lowercase_aligned;

/// Keyphrases shorter than this need every word in the slug.
const SHORT_KEYPHRASE_WORDS: usize = 3;

struct Scores {
    bad: i16,
    okay: i16,
    good: i16,
}
const SCORES: Scores = Scores {
    bad: 3,
    okay: 6,
    good: 9,
};

const MISSING: &str = "Please add both a keyphrase and a slug containing the keyphrase.";
const GOOD: &str = "The slug contains the keyphrase. Great work!";
const GOOD_PART: &str = "More than half of your keyphrase appears in the slug. That's great!";
const PARTIAL: &str =
    "(Part of) your keyphrase does not appear in the slug ({pct}% of its words do). Change that!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::KeyphraseInSlug,
    section: SectionKind::Seo,
    yoast: Some("slugKeyword"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let slug = r.input.slug.trim();
    if r.topic.is_empty() || slug.is_empty() {
        return Check::scored(id, SCORES.bad, MISSING);
    }
    let spaced: String = slug
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    let lower = lowercase_aligned(&spaced);
    let pct = if r.topic.is_substring_mode() {
        if r.topic.substring_matches(&lower, false).is_empty() {
            0
        } else {
            100
        }
    } else {
        r.topic.percent_in(&words_of(&lower), false)
    };
    let hl = vec![r.hl_field(Field::Slug, 0, r.input.slug.len())];
    if r.topic.length() < SHORT_KEYPHRASE_WORDS {
        if pct == 100 {
            return Check::scored(id, SCORES.good, GOOD);
        }
    } else if pct > 50 {
        return Check::scored(id, SCORES.good, if pct == 100 { GOOD } else { GOOD_PART });
    }
    Check::scored(id, SCORES.okay, fill(PARTIAL, &[("pct", &pct)])).with_highlights(hl)
}
