//! Flesch reading ease (proseo-only: Yoast SEO shows the score as an insight, without a
//! verdict in its readability analysis).
//!
//! Measures: the language's published Flesch formula over words per sentence and syllables per
//! word (also the Flesch-Kincaid grade, in the statistics). Applies: when the language has a
//! formula and a syllable counter (else `na`, unsupported). Judges: 60 and up good, 50 and up
//! ok, below bad.

use crate::analysis::assessment::{fill, unsupported, Assessment, SectionKind};
use crate::analysis::researcher::{Researcher, Unsupported};
use crate::analysis::types::{Check, CheckId};

/// Reading ease: good from `GOOD_FROM`, ok from `OKAY_FROM`.
const GOOD_FROM: f64 = 60.0;
const OKAY_FROM: f64 = 50.0;

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

const EMPTY: &str = "There is no text to score yet.";
const NO_FORMULA: &str = "No Flesch reading-ease formula has been published for this language.";
const GOOD: &str = "Flesch reading ease is {score}: easy to read. Good job!";
const OKAY: &str =
    "Flesch reading ease is {score}: fairly difficult. Shorter sentences and simpler words help.";
const BAD: &str =
    "Flesch reading ease is {score}: difficult to read. Use shorter sentences and simpler words.";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::FleschReadingEase,
    section: SectionKind::Readability,
    yoast: None,
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    if let Some(why) = r.words_unsupported() {
        return unsupported(id, &why);
    }
    let available = r.lang.flesch.is_some() && r.lang.syllables.is_some();
    if let Some(why) = r.language_unsupported_because(available, Some(NO_FORMULA)) {
        return unsupported(id, &why);
    }
    if r.lang.data_missing() {
        return unsupported(id, &Unsupported::DataNotLoaded(r.lang.language));
    }
    let Some(f) = r.flesch() else {
        return Check::na(id, EMPTY);
    };
    let score = f.reading_ease;
    let shown = (score * 10.0).round() / 10.0;
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 1] = [("score", &shown)];
    if score >= GOOD_FROM {
        Check::scored(id, SCORES.good, fill(GOOD, &args))
    } else if score >= OKAY_FROM {
        Check::scored(id, SCORES.okay, fill(OKAY, &args))
    } else {
        Check::scored(id, SCORES.bad, fill(BAD, &args))
    }
}
