//! Sentence length (Yoast: `textSentenceLength`).
//!
//! Measures: the share of sentences longer than the language's limit (20 words in English, 25
//! in Spanish, 15 in Russian…: language data; a hyphenated word counts once; 40 characters in
//! Chinese and Japanese). Applies: always (not for other text without spaces). Judges against
//! the profile's table: articles good up to 25 % and ok up to 30 % (Polish: 15 % and 20 %, as
//! Yoast configures it), product pages 20 % and 25 %.

use crate::analysis::assessment::{
    fill, format_number, percent, unsupported, Assessment, SectionKind,
};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId, Profile};
use crate::lang::Language;

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
/// Polish articles (Yoast's Polish configuration).
const ARTICLE_PL: Shares = Shares {
    good_max: 15.0,
    okay_max: 20.0,
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

const GOOD: &str = "{pct}% of the sentences contain more than {limit} {unit}. Great!";
const LONG: &str = "{pct}% of the sentences contain more than {limit} {unit}, which is more than the recommended maximum of {max}%. Try to shorten the sentences.";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::SentenceLength,
    section: SectionKind::Readability,
    yoast: Some("textSentenceLength"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    if let Some(why) = r.lengths_unsupported() {
        return unsupported(id, &why);
    }
    let shares = match (r.profile, r.lang.language) {
        (Profile::Product, _) => PRODUCT,
        (Profile::Article, Language::Pl) => ARTICLE_PL,
        (Profile::Article, _) => ARTICLE,
    };
    let (limit, unit) = if r.counts_characters {
        (r.lang.long_sentence, "characters")
    } else if r.lang.counts_characters() {
        // Chinese or Japanese locale, text in another script: the word limit of the default.
        (20, "words")
    } else {
        (r.lang.long_sentence, "words")
    };
    let sentences = r.sentences();
    let mut long = Vec::with_capacity(sentences.len());
    long.extend(sentences.iter().copied().filter(|&s| {
        r.sentence(s)
            .is_some_and(|(b, s)| r.sentence_length(b, s) > limit)
    }));
    let pct = format_number(percent(long.len(), sentences.len()));
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 4] = [
        ("pct", &pct),
        ("limit", &limit),
        ("unit", &unit),
        ("max", &shares.good_max),
    ];
    let hl = r.hl_sentences(&long);
    let (score, template) = if pct <= shares.good_max {
        (SCORES.good, GOOD)
    } else if pct <= shares.okay_max {
        (SCORES.okay, LONG)
    } else {
        (SCORES.bad, LONG)
    };
    Check::scored(id, score, fill(template, &args)).with_highlights(hl)
}
