//! Sentence length (Yoast: `textSentenceLength`).
//!
//! Measures: the share of sentences longer than the language's limit (20 words in English; the
//! limit is language data; a hyphenated word counts once). Applies: always (not for text without spaces). Judges against the
//! profile's table: articles good up to 25 % and ok up to 30 %, product pages 20 % and 25 %.

use crate::analysis::assessment::{
    fill, format_number, percent, unsupported, Assessment, SectionKind,
};
use crate::analysis::researcher::{Researcher, MAX_HIGHLIGHTS};
use crate::analysis::types::{Check, CheckId, Profile};

/// Share of long sentences (%): good up to `good_max`, ok up to `okay_max`.
struct Shares {
    good_max: f64,
    okay_max: f64,
}
const ARTICLE: Shares = Shares {
    good_max: 25.0,
    okay_max: 30.0,
};
const PRODUCT: Shares = Shares {
    good_max: 20.0,
    okay_max: 25.0,
};

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

const GOOD: &str = "{pct}% of the sentences contain more than {limit} words. Great!";
const LONG: &str = "{pct}% of the sentences contain more than {limit} words, which is more than the recommended maximum of {max}%. Try to shorten the sentences.";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::SentenceLength,
    section: SectionKind::Readability,
    yoast: Some("textSentenceLength"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    if let Some(why) = r.words_unsupported() {
        return unsupported(id, &why);
    }
    let shares = match r.profile {
        Profile::Product => PRODUCT,
        Profile::Article => ARTICLE,
    };
    let limit = r.lang.long_sentence_words;
    let sentences = r.sentences();
    let long: Vec<_> = sentences
        .iter()
        .filter(|&&s| {
            r.sentence(s)
                .is_some_and(|(b, s)| b.sentence_joined_words(s) > limit)
        })
        .collect();
    let pct = format_number(percent(long.len(), sentences.len()));
    let args: [(&str, &dyn std::fmt::Display); 3] =
        [("pct", &pct), ("limit", &limit), ("max", &shares.good_max)];
    let hl = long
        .iter()
        .filter_map(|&&s| r.hl_sentence(s))
        .take(MAX_HIGHLIGHTS)
        .collect();
    let (score, template) = if pct <= shares.good_max {
        (SCORES.good, GOOD)
    } else if pct <= shares.okay_max {
        (SCORES.okay, LONG)
    } else {
        (SCORES.bad, LONG)
    };
    Check::scored(id, score, fill(template, &args)).with_highlights(hl)
}
