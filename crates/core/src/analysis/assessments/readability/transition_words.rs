//! Transition words (Yoast: `textTransitionWords`).
//!
//! Measures: the share of sentences with a transition word or phrase from the language's list
//! (multi-word phrases as consecutive words; two-part transitions such as "either … or" when
//! both parts are in the sentence; in Chinese and Japanese, written without spaces, as a piece
//! of the sentence). Applies: when the language has a transition-word list (else `na`,
//! unsupported). Judges: texts under 200 words (400 characters in Chinese and Japanese, as
//! Yoast configures Japanese) are good; longer ones good from 30 %, ok from 20 %, else bad.

use crate::analysis::assessment::{
    fill, format_number, percent, unsupported, Assessment, SectionKind,
};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};
use crate::lang::{LanguageProfile, TransitionStart};

struct Params {
    /// Texts shorter than this many words need no transition words.
    min_words: usize,
    good_from_pct: f64,
    okay_from_pct: f64,
}
const PARAMS: Params = Params {
    min_words: 200,
    good_from_pct: 30.0,
    okay_from_pct: 20.0,
};
/// Texts measured in characters need transition words from this many characters on.
const MIN_CHARS: usize = 400;

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

const SHORT: &str = "The text is short enough not to need transition words ({n} {unit}).";
const GOOD: &str = "{pct}% of the sentences contain transition words. Well done!";
const FEW: &str = "Only {pct}% of the sentences contain transition words, which is not enough. Use more of them (for example \"however\", \"because\", \"for example\").";
const NONE: &str = "None of the sentences contain transition words. Use some.";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::TransitionWords,
    section: SectionKind::Readability,
    yoast: Some("textTransitionWords"),
    run,
};

/// True when the words starting at the beginning of `words` spell `phrase`.
fn starts_with_phrase(words: &[&str], phrase: &str) -> bool {
    let mut rest = words.iter();
    phrase.split(' ').all(|p| rest.next() == Some(&p))
}

/// True when `phrase` (space-separated words) occurs in `words`.
fn contains_phrase(words: &[&str], phrase: &str) -> bool {
    let first = phrase.split(' ').next().unwrap_or(phrase);
    words
        .iter()
        .enumerate()
        .any(|(i, w)| *w == first && starts_with_phrase(words.get(i..).unwrap_or(&[]), phrase))
}

/// True when the sentence's lowercase words contain a transition of the language.
#[cfg(test)]
pub(crate) fn has_transition(words: &[&str], lang: &LanguageProfile) -> bool {
    let transitions = &lang.lexicon().transitions;
    has_transition_with(
        words,
        |i| words.get(i).and_then(|w| transitions.get(w)),
        lang,
    )
}

/// [`has_transition`] given the transitions each word starts (`start_of(i)` for the word at
/// `i`; an analysis looks them up once per distinct word).
pub(crate) fn has_transition_with<'t>(
    words: &[&str],
    start_of: impl Fn(usize) -> Option<&'t TransitionStart>,
    lang: &LanguageProfile,
) -> bool {
    // The words that start a two-part transition's first part: only the pairs they start can
    // be in the sentence (a few slots; more such words, and every pair is tried).
    let mut starts: [&str; 4] = [""; 4];
    let mut two_part = 0;
    for i in 0..words.len() {
        let Some(start) = start_of(i) else {
            continue;
        };
        if start.alone {
            return true;
        }
        let following = words.get(i + 1..).unwrap_or(&[]);
        if start
            .continuations
            .iter()
            .any(|rest| following.starts_with(rest))
        {
            return true;
        }
        if start.two_part {
            if let (Some(slot), Some(w)) = (starts.get_mut(two_part), words.get(i)) {
                *slot = w;
            }
            two_part += 1;
        }
    }
    let started = starts.get(..two_part);
    two_part > 0
        && lang.two_part_transition_words().iter().any(|(a, b)| {
            let first = a.split(' ').next().unwrap_or(a);
            started.is_none_or(|s| s.contains(&first))
                && contains_phrase(words, a)
                && contains_phrase(words, b)
        })
}

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    if let Some(why) = r.language_unsupported(!r.lang.transition_words().is_empty()) {
        return unsupported(id, &why);
    }
    let sentences = r.sentences();
    let mut with = Vec::with_capacity(sentences.len());
    if r.counts_characters {
        let list = r.lang.transition_words();
        for &s in sentences {
            let text = r.sentence(s).map_or("", |(b, s)| b.lower_slice(s.range));
            if list.iter().any(|t| text.contains(t)) {
                with.push(s);
            }
        }
    } else {
        let starts = r.transition_starts();
        for &s in sentences {
            let (words, ids) = (r.sentence_words(s), r.sentence_ids(s));
            let start_of = |i: usize| {
                ids.get(i)
                    .and_then(|&id| starts.get(id as usize).copied().flatten())
            };
            if has_transition_with(words, start_of, r.lang) {
                with.push(s);
            }
        }
    }
    let pct = format_number(percent(with.len(), sentences.len()));
    let (length, min, unit) = if r.counts_characters {
        (r.text_length, MIN_CHARS, "characters")
    } else {
        (r.word_count, PARAMS.min_words, "words")
    };
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 3] =
        [("pct", &pct), ("n", &length), ("unit", &unit)];
    let hl = r.hl_sentences(&with);
    if length < min {
        return Check::scored(id, SCORES.good, fill(SHORT, &args)).with_highlights(hl);
    }
    let (score, template) = if pct >= PARAMS.good_from_pct {
        (SCORES.good, GOOD)
    } else if pct >= PARAMS.okay_from_pct {
        (SCORES.okay, FEW)
    } else if with.is_empty() {
        (SCORES.bad, NONE)
    } else {
        (SCORES.bad, FEW)
    };
    Check::scored(id, score, fill(template, &args)).with_highlights(hl)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    #[test]
    fn transitions_match_words_phrases_and_pairs() {
        let en = Language::En.profile();
        assert!(has_transition(
            &["it", "is", "warm", "because", "of", "wool"],
            en
        ));
        assert!(has_transition(&["for", "example", "the", "mug"], en));
        assert!(!has_transition(&["for", "the", "mug"], en));
        assert!(has_transition(&["either", "red", "or", "blue"], en));
        assert!(!has_transition(&["red", "or", "blue"], en));
        assert!(!has_transition(&["both", "red", "or", "blue"], en));
        assert!(has_transition(&["both", "red", "and", "blue"], en));
        // More words starting a pair than the slots for them: every pair is tried.
        let many = ["both", "no", "no", "no", "neither", "red", "nor", "blue"];
        assert!(has_transition(&many, en));
        assert!(!has_transition(
            &["both", "no", "no", "no", "neither", "red"],
            en
        ));
    }
}
