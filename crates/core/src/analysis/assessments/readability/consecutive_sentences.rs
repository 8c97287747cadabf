//! Consecutive sentences (Yoast: `sentenceBeginnings`).
//!
//! Measures: runs of consecutive sentences (outside lists) that begin with the same word; a
//! first word from the language's exception list ("the", "a", numerals) counts together with
//! the second ("the mug" and "the lid" differ). Applies: when the language has the exception
//! list (else `na`, unsupported). Judges: three or more in a row bad, else good.

use crate::analysis::assessment::{fill, unsupported, Assessment, SectionKind};
use crate::analysis::researcher::{Researcher, SentenceRef, MAX_HIGHLIGHTS};
use crate::analysis::types::{Check, CheckId};
use crate::text::BlockKind;

/// Sentences in a row with the same beginning that are too many.
const TOO_MANY: usize = 3;

struct Scores {
    good: i16,
    bad: i16,
}
const SCORES: Scores = Scores { good: 9, bad: 3 };

const GOOD: &str = "There are no repetitive sentence beginnings. That's great!";
const BAD: &str = "The text contains {n} consecutive sentences starting with the same word. Try to mix things up!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::ConsecutiveSentences,
    section: SectionKind::Readability,
    yoast: Some("sentenceBeginnings"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    if let Some(why) = r.words_unsupported() {
        return unsupported(id, &why);
    }
    let Some(exceptions) = r.lang.first_word_exceptions() else {
        let why = r.language_unsupported(false).unwrap_or(
            crate::analysis::researcher::Unsupported::NoData(r.lang.language),
        );
        return unsupported(id, &why);
    };
    if let Some(why) = r.language_unsupported(true) {
        return unsupported(id, &why);
    }
    // Each sentence's beginning (outside lists): its first word, with the second when the
    // first is an exception; `None` for list items, which break no run but are skipped.
    let mut beginnings: Vec<(SentenceRef, &str, &str)> = Vec::with_capacity(r.sentences().len());
    r.for_each_sentence(|s, words| {
        if r.sentence(s)
            .is_some_and(|(b, _)| b.kind == BlockKind::ListItem)
        {
            return;
        }
        let first = words.first().copied().unwrap_or("");
        let second = if words.len() > 1 && exceptions.binary_search(&first).is_ok() {
            words.get(1).copied().unwrap_or("")
        } else {
            ""
        };
        beginnings.push((s, first, second));
    });
    let mut hl = Vec::new();
    let mut longest = 0usize;
    let mut i = 0;
    while i < beginnings.len() {
        let key = beginnings.get(i).map(|b| (b.1, b.2));
        let mut j = i + 1;
        while j < beginnings.len() && beginnings.get(j).map(|b| (b.1, b.2)) == key {
            j += 1;
        }
        if key.is_some_and(|k| !k.0.is_empty()) && j - i >= TOO_MANY {
            longest = longest.max(j - i);
            hl.extend(
                beginnings
                    .get(i..j)
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|b| r.hl_sentence(b.0)),
            );
        }
        i = j;
    }
    if longest == 0 {
        Check::scored(id, SCORES.good, GOOD)
    } else {
        hl.truncate(MAX_HIGHLIGHTS);
        Check::scored(id, SCORES.bad, fill(BAD, &[("n", &longest)])).with_highlights(hl)
    }
}
