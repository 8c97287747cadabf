//! Keyphrase distribution (Yoast: `keyphraseDistribution`; Premium in WordPress, free in the
//! `yoastseo` package and Shopify).
//!
//! Measures: which sentences are about the topic: a sentence with every word of the keyphrase or
//! a synonym (for a phrase of 4 or more content words, half of them suffice; languages without
//! function words always need all), and the longest run of sentences without the topic as a
//! share of all sentences. List items that are not full sentences (no final punctuation) count
//! as one sentence with the items after them, as Yoast merges them. Texts under 15 sentences
//! only need the topic once. Applies: always.
//! Judges: ≤ 30 % good, ≤ 50 % ok, else bad; no keyphrase, no text or no topic sentence bad.

use std::ops::Range;

use crate::analysis::assessment::{unsupported, Assessment, SectionKind};
use crate::analysis::researcher::{Researcher, SentenceRef};
use crate::analysis::types::{Check, CheckId};
use crate::text::BlockKind;

struct Params {
    /// From this many sentences on the longest topic-free run is judged.
    min_sentences: usize,
    /// Phrases with at least this many content words need only half of them in a sentence.
    partial_match_from_words: usize,
    max_good_pct: f64,
    max_ok_pct: f64,
    /// The distraction share reported for short texts that mention the topic.
    short_text_found_pct: f64,
}
const PARAMS: Params = Params {
    min_sentences: 15,
    partial_match_from_words: 4,
    max_good_pct: 30.0,
    max_ok_pct: 50.0,
    short_text_found_pct: 10.0,
};

struct Scores {
    good: i16,
    okay: i16,
    bad: i16,
    no_keyphrase_or_text: i16,
}
const SCORES: Scores = Scores {
    good: 9,
    okay: 6,
    bad: 1,
    no_keyphrase_or_text: 1,
};

const MISSING: &str =
    "Please add both a keyphrase and some text containing the keyphrase or its synonyms.";
const GOOD: &str = "The keyphrase and its synonyms are spread through the text. Good job!";
const UNEVEN: &str = "Uneven. Some parts of your text do not contain the keyphrase or its synonyms. Distribute them more evenly.";
const VERY_UNEVEN: &str = "Very uneven. Large parts of your text do not contain the keyphrase or its synonyms. Distribute them more evenly.";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::KeyphraseDistribution,
    section: SectionKind::Seo,
    yoast: Some("keyphraseDistribution"),
    run,
};

/// Groups the sentences, as index ranges into `sentences`: a list item's sentence without
/// final punctuation runs on into the following list items' sentences (unless the next one
/// starts a new sentence).
fn merge_list_items(r: &Researcher<'_>, sentences: &[SentenceRef]) -> Vec<Range<usize>> {
    let mut units: Vec<Range<usize>> = Vec::with_capacity(sentences.len());
    let mut open = false;
    for (i, &s) in sentences.iter().enumerate() {
        let Some((b, sent)) = r.sentence(s) else {
            continue;
        };
        let in_list = b.kind == BlockKind::ListItem;
        match units.last_mut() {
            Some(unit) if open && in_list => unit.end = i + 1,
            _ => units.push(i..i + 1),
        }
        let text = b.slice(sent.range).trim_end();
        open = in_list && !text.ends_with(['.', '!', '?', '…']);
    }
    units
}

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    if let Some(why) = r.words_unsupported() {
        return unsupported(id, &why);
    }
    let sentences = r.sentences();
    if r.topic.is_empty() || sentences.is_empty() {
        return Check::scored(id, SCORES.no_keyphrase_or_text, MISSING);
    }
    let full_always = !r.lang.has_function_words();
    let units = merge_list_items(r, sentences);
    let (mut words, mut ids) = (Vec::with_capacity(64), Vec::with_capacity(64));
    let on_topic: Vec<bool> = units
        .iter()
        .map(|unit| {
            let unit = sentences.get(unit.clone()).unwrap_or(&[]);
            if !unit.iter().any(|&s| r.may_have_topic(r.sentence_ids(s))) {
                return false;
            }
            words.clear();
            ids.clear();
            for &s in unit {
                words.extend_from_slice(r.sentence_words(s));
                ids.extend_from_slice(r.sentence_ids(s));
            }
            let tokens = r.tokens(&words, &ids);
            r.topic.phrases().any(|p| {
                let need_all =
                    full_always || p.exact || p.words.len() < PARAMS.partial_match_from_words;
                let pct = p.percent_in(&tokens);
                if need_all {
                    pct == 100
                } else {
                    pct >= 50
                }
            })
        })
        .collect();
    let n = units.len();
    let distraction = if n >= PARAMS.min_sentences {
        let mut longest = 0usize;
        let mut run = 0usize;
        for &t in &on_topic {
            if t {
                run = 0;
            } else {
                run += 1;
                longest = longest.max(run);
            }
        }
        longest as f64 * 100.0 / n as f64
    } else if on_topic.contains(&true) {
        PARAMS.short_text_found_pct
    } else {
        100.0
    };
    let mut with = Vec::with_capacity(sentences.len());
    for (u, _) in units.iter().zip(&on_topic).filter(|(_, &t)| t) {
        with.extend_from_slice(sentences.get(u.clone()).unwrap_or(&[]));
    }
    let highlights = r.hl_sentences(&with);
    let (score, message) = if distraction >= 100.0 {
        (SCORES.no_keyphrase_or_text, MISSING)
    } else if distraction > PARAMS.max_ok_pct {
        (SCORES.bad, VERY_UNEVEN)
    } else if distraction > PARAMS.max_good_pct {
        (SCORES.okay, UNEVEN)
    } else {
        (SCORES.good, GOOD)
    };
    Check::scored(id, score, message).with_highlights(highlights)
}
