//! Function words in keyphrase (Yoast: `functionWordsInKeyphrase`).
//!
//! Measures: whether the keyphrase consists of function words only ("how to", "the best of").
//! Applies: when a keyphrase is set and the language has function-word support. Judges: only
//! function words → feedback (Yoast's grey bullet, score 0, counted in the SEO score's
//! denominator); otherwise the check does not apply.

use crate::analysis::assessment::{fill, unsupported, Assessment, SectionKind};
use crate::analysis::researcher::{Researcher, Unsupported};
use crate::analysis::types::{Check, CheckId};

const ONLY_FUNCTION_WORDS: i16 = 0;

const FEEDBACK: &str = "Your keyphrase \"{k}\" contains function words only. Learn more about what makes a good keyphrase.";
const NO_KEYPHRASE: &str = "No focus keyphrase was set.";
const HAS_CONTENT_WORDS: &str = "The keyphrase has content words.";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::FunctionWordsInKeyphrase,
    section: SectionKind::Seo,
    yoast: Some("functionWordsInKeyphrase"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    if r.topic.is_empty() {
        return Check::na(id, NO_KEYPHRASE);
    }
    if r.lang.counts_characters() && r.topic.is_substring_mode() {
        return unsupported(id, &Unsupported::NeedsSegmenter(r.lang.language));
    }
    if !r.lang.has_function_words() {
        return unsupported(id, &Unsupported::NoData(r.lang.language));
    }
    if r.topic.only_function_words {
        Check::scored(
            id,
            ONLY_FUNCTION_WORDS,
            fill(FEEDBACK, &[("k", &r.topic.raw)]),
        )
    } else {
        Check::na(id, HAS_CONTENT_WORDS)
    }
}
