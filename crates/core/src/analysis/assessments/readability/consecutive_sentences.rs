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
    // Each sentence's beginning (outside lists): the id of its first word, with the second's
    // when the first is an exception (`NONE` for no word); list items break no run but are
    // skipped.
    const NONE: u32 = u32::MAX;
    let facts = r.word_facts();
    let mut beginnings: Vec<(SentenceRef, u32, u32)> = Vec::with_capacity(r.sentences().len());
    for &s in r.sentences() {
        if r.sentence(s)
            .is_some_and(|(b, _)| b.kind == BlockKind::ListItem)
        {
            continue;
        }
        let (words, ids) = (r.sentence_words(s), r.sentence_ids(s));
        let exception = words.len() > 1 && {
            // An ASCII word's flag from the word index; another word looked up in the list.
            let first = words.first().copied().unwrap_or("");
            match ids.first().and_then(|&id| facts.get(id as usize)) {
                Some(Some(f)) => f.first_word_exception,
                _ => exceptions.binary_search(&first).is_ok(),
            }
        };
        let id = |i: usize| ids.get(i).copied().unwrap_or(NONE);
        beginnings.push((s, id(0), if exception { id(1) } else { NONE }));
    }
    let mut hl = Vec::new();
    let mut longest = 0usize;
    let mut i = 0;
    while i < beginnings.len() {
        let key = beginnings.get(i).map(|b| (b.1, b.2));
        let mut j = i + 1;
        while j < beginnings.len() && beginnings.get(j).map(|b| (b.1, b.2)) == key {
            j += 1;
        }
        if key.is_some_and(|k| k.0 != NONE) && j - i >= TOO_MANY {
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
