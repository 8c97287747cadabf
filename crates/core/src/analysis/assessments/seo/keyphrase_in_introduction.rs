//! Keyphrase in introduction (Yoast: `introductionKeyword`).
//!
//! Measures: whether every word of the keyphrase, or of a synonym, appears in the first
//! paragraph (the first block of running text: a paragraph or list item), within one sentence
//! or spread over the paragraph. Applies: always. Judges: one sentence → good; the paragraph →
//! ok; no keyphrase, no text or not found → bad.

use crate::analysis::assessment::{Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};

/// Score points.
struct Scores {
    good: i16,
    okay: i16,
    bad: i16,
}
const SCORES: Scores = Scores {
    good: 9,
    okay: 6,
    bad: 3,
};

/// Message templates.
const MISSING: &str = "Please add both a keyphrase and an introduction containing the keyphrase.";
const GOOD: &str =
    "The keyphrase (or a synonym) appears in the first sentence(s) of the introduction. Well done!";
const SPREAD: &str = "The words of the keyphrase (or a synonym) appear in the first paragraph, but not within one sentence. Fix that!";
const NOT_FOUND: &str = "The keyphrase and its synonyms do not appear in the first paragraph. Make sure the topic is clear immediately.";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::KeyphraseInIntroduction,
    section: SectionKind::Seo,
    yoast: Some("introductionKeyword"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let intro = r
        .doc
        .blocks
        .iter()
        .enumerate()
        .find(|(_, b)| b.is_body() && !b.words().is_empty());
    let (false, Some((at, block))) = (r.topic.is_empty(), intro) else {
        return Check::scored(id, SCORES.bad, MISSING);
    };
    let whole = r.hl(block, (0, block.text().len() as u32));
    if r.topic.is_substring_mode() {
        return if r.topic.substring_matches(block.lower(), true).is_empty() {
            Check::scored(id, SCORES.bad, NOT_FOUND).with_highlights(vec![whole])
        } else {
            Check::scored(id, SCORES.good, GOOD).with_highlights(vec![whole])
        };
    }
    let at = at as u32;
    for s in &block.sentences {
        let (words, ids) = r.block_words(at, s.first_word, s.end_word);
        if r.topic.percent_in(&r.tokens(words, ids), true) == 100 {
            return Check::scored(id, SCORES.good, GOOD)
                .with_highlights(vec![r.hl(block, s.range)]);
        }
    }
    let (words, ids) = r.block_words(at, 0, block.words().len() as u32);
    if r.topic.percent_in(&r.tokens(words, ids), true) == 100 {
        return Check::scored(id, SCORES.okay, SPREAD).with_highlights(vec![whole]);
    }
    Check::scored(id, SCORES.bad, NOT_FOUND).with_highlights(vec![whole])
}
