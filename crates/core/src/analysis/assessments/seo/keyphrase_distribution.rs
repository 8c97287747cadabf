//! Keyphrase distribution (Yoast: `keyphraseDistribution`; Premium in WordPress, free in the
//! `yoastseo` package and Shopify).
//!
//! Measures: which sentences are about the topic: a sentence with every word of the keyphrase or
//! a synonym (for a phrase of 4 or more content words, half of them suffice; languages without
//! function words always need all), and the longest run of sentences without the topic as a
//! share of all sentences. A list item's sentence runs on into the next list item's unless it
//! ends like a sentence (a full stop, `?`, `!`, `…`, a closing quote) and the next one starts
//! like one (a capital, a digit, a quotation mark), as Yoast merges them. Texts under 15
//! sentences only need the topic once. Applies: always.
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

/// Characters that end a sentence for Yoast's list-item merge (its sentence tokenizer's
/// delimiters and the full stop): closing quotes count, so a list item ending in `“…”` is a
/// sentence of its own when the next item starts like one.
const SENTENCE_END: [char; 17] = [
    '.', '”', '〞', '〟', '„', '』', '›', '»', '’', '‛', '`', '"', '?', '!', '…', '۔', '؟',
];

/// Whether a sentence can start with `c`, as Yoast's sentence tokenizer decides: a capital
/// letter (one that changes when lowercased), a letter of a script without case (Hebrew,
/// Arabic, Persian), an ASCII digit, a quotation mark, `¿`, `¡` or `<`.
fn starts_a_sentence(c: char) -> bool {
    crate::text::lowercase::lower_char(c) != c
        || matches!(c, '\u{0590}'..='\u{05FE}' | '\u{0600}'..='\u{06FF}' | '\u{FB8A}')
        || c.is_ascii_digit()
        // Yoast's single quotes; its double quotes are the keyphrase's exact-match marks.
        || matches!(c, '\'' | '‘' | '’' | '‛' | '`' | '‹' | '›' | '¿' | '¡' | '<')
        || crate::analysis::keyphrase::is_double_quote(c)
}

/// Groups the sentences, as index ranges into `sentences`, the way Yoast merges list items: a
/// list item's sentence runs on into the next sentence when that is a list item's too (of the
/// same list or the next one), unless it ends in [`SENTENCE_END`] and the next one starts
/// like a sentence ([`starts_a_sentence`]).
fn merge_list_items(r: &Researcher<'_>, sentences: &[SentenceRef]) -> Vec<Range<usize>> {
    let mut units: Vec<Range<usize>> = Vec::with_capacity(sentences.len());
    // Whether the previous sentence is a list item's that ends like a sentence (`None`: it is
    // no list item's).
    let mut previous_item_ends: Option<bool> = None;
    for (i, &s) in sentences.iter().enumerate() {
        let Some((b, sent)) = r.sentence(s) else {
            continue;
        };
        let in_list = b.kind == BlockKind::ListItem;
        let text = b.slice(sent.range).trim();
        let joins = in_list
            && previous_item_ends
                .is_some_and(|ends| !(ends && text.chars().next().is_some_and(starts_a_sentence)));
        match units.last_mut() {
            Some(unit) if joins => unit.end = i + 1,
            _ => units.push(i..i + 1),
        }
        previous_item_ends = in_list.then(|| text.ends_with(SENTENCE_END));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::AnalyzeInput;
    use crate::text::Document;

    /// The merged units of `html`, each as its sentences' texts joined by ` | `.
    fn units(html: &str) -> Vec<String> {
        let input = AnalyzeInput {
            content: html.to_owned(),
            ..AnalyzeInput::default()
        };
        let doc = Document::parse(&input.content);
        let r = Researcher::new(&input, &doc);
        let sentences = r.sentences();
        merge_list_items(&r, sentences)
            .into_iter()
            .map(|u| {
                sentences[u]
                    .iter()
                    .filter_map(|&s| r.sentence(s).map(|(b, sent)| b.slice(sent.range).trim()))
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect()
    }

    #[test]
    fn list_items_merge_as_yoast_merges_them() {
        // No final punctuation: the items run on, across the end of one list into the next.
        assert_eq!(
            units(
                "<p>Intro.</p><ul><li>Red</li><li>Blue</li></ul><ul><li>Green</li></ul><p>End.</p>"
            ),
            ["Intro.", "Red | Blue | Green", "End."]
        );
        // A closing quote ends a sentence as a full stop does, when the next item starts like
        // a sentence (a capital, a digit, a quotation mark).
        assert_eq!(
            units("<ul><li>Model 00 – “great value”</li><li>Model 01 – “best”</li><li>2 more.</li><li>“Quoted” one</li></ul>"),
            ["Model 00 – “great value”", "Model 01 – “best”", "2 more.", "“Quoted” one"]
        );
        // Final punctuation before an item that starts in lowercase still runs on.
        assert_eq!(
            units("<ul><li>First item.</li><li>second item</li><li>Third (see above)</li><li>Fourth</li></ul>"),
            ["First item. | second item | Third (see above) | Fourth"]
        );
        // Scripts without case start a sentence with any letter.
        assert_eq!(
            units("<ul><li>אחד.</li><li>שתיים</li></ul>"),
            ["אחד.", "שתיים"]
        );
    }
}
