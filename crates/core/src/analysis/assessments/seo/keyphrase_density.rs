//! Keyphrase density (Yoast: `keyphraseDensity`).
//!
//! Measures: keyphrase occurrences (keyphrase only, no synonyms: every content word within one
//! sentence, the sentence's count being its rarest word's) and the text's word count. Applies:
//! always. Judges, for texts of 100 words or more, the density weighted by the keyphrase's
//! length (`density × (0.7 + length / 3)`) against a band; shorter texts by the count itself.

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};

/// The density band (percent, after the length weighting).
struct Band {
    minimum: f64,
    maximum: f64,
    over_maximum: f64,
}
/// Yoast's band without word forms (the free analysis has none).
const BAND: Band = Band {
    minimum: 0.5,
    maximum: 3.0,
    over_maximum: 4.0,
};
/// Below this many words the count is judged instead of the density.
const SHORT_TEXT_WORDS: usize = 100;
/// Short texts above this many words may use the keyphrase twice, others once.
const SHORT_TEXT_TWICE_FROM: usize = 51;

struct Scores {
    way_over_maximum: i16,
    over_maximum: i16,
    correct: i16,
    under_minimum: i16,
    no_keyphrase_or_text: i16,
}
const SCORES: Scores = Scores {
    way_over_maximum: -50,
    over_maximum: -10,
    correct: 9,
    under_minimum: 4,
    no_keyphrase_or_text: -50,
};

const MISSING: &str = "Please add both a keyphrase and some text containing the keyphrase.";
const NONE: &str = "The keyphrase was found 0 times. That's less than the recommended minimum of {min} times for a text of this length. Focus on your keyphrase!";
const FEW: &str = "The keyphrase was found {n} time(s). That's less than the recommended minimum of {min} times for a text of this length. Focus on your keyphrase!";
const GOOD: &str = "The keyphrase was found {n} time(s). This is great!";
const MANY: &str = "The keyphrase was found {n} times. That's more than the recommended maximum of {max} times for a text of this length. Don't overoptimize!";
const WAY_MANY: &str = "The keyphrase was found {n} times. That's way more than the recommended maximum of {max} times for a text of this length. Don't overoptimize!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::KeyphraseDensity,
    section: SectionKind::Seo,
    yoast: Some("keyphraseDensity"),
    run,
};

/// Yoast's keyphrase-length weighting of the density.
fn length_factor(len: usize) -> f64 {
    0.7 + len as f64 / 3.0
}

/// The recommended count for a density (at least 2), rounded up for the minimum and down for
/// the maximum.
fn recommended_count(len: usize, density: f64, words: usize, round_up: bool) -> u32 {
    if words == 0 {
        return 0;
    }
    let count = density * words as f64 / (100.0 * length_factor(len));
    if count < 2.0 {
        2
    } else if round_up {
        count.ceil() as u32
    } else {
        count.floor() as u32
    }
}

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    if let Some(why) = r.words_unsupported() {
        return crate::analysis::assessment::unsupported(id, &why);
    }
    let words = r.word_count;
    if r.topic.is_empty() || words == 0 {
        return Check::scored(id, SCORES.no_keyphrase_or_text, MISSING);
    }
    let count = r.keyphrase_count();
    let sentences = r.sentences();
    let mut with = Vec::with_capacity(sentences.len());
    with.extend(
        sentences
            .iter()
            .zip(r.keyphrase_counts())
            .filter(|(_, &n)| n > 0)
            .map(|(&s, _)| s),
    );
    let highlights = r.hl_sentences(&with);
    let len = r.topic.length();
    let (min, max, score) = if words < SHORT_TEXT_WORDS {
        let max = if words >= SHORT_TEXT_TWICE_FROM { 2 } else { 1 };
        let score = if count == 0 {
            SCORES.under_minimum
        } else if count <= max {
            SCORES.correct
        } else if count == max + 1 {
            SCORES.over_maximum
        } else {
            SCORES.way_over_maximum
        };
        (1, max, score)
    } else {
        let min = recommended_count(len, BAND.minimum, words, true);
        let max = recommended_count(len, BAND.maximum, words, false);
        let density = f64::from(count) * 100.0 / words as f64 * length_factor(len);
        let score = if count == 0 || density < BAND.minimum || count == 1 {
            SCORES.under_minimum
        } else if density <= BAND.maximum || (count == 2 && min <= 2) {
            SCORES.correct
        } else if density <= BAND.over_maximum {
            SCORES.over_maximum
        } else {
            SCORES.way_over_maximum
        };
        (min, max, score)
    };
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 3] =
        [("n", &count), ("min", &min), ("max", &max)];
    let template = match score {
        _ if count == 0 => NONE,
        s if s == SCORES.under_minimum => FEW,
        s if s == SCORES.correct => GOOD,
        s if s == SCORES.over_maximum => MANY,
        _ => WAY_MANY,
    };
    Check::scored(id, score, fill(template, &args)).with_highlights(highlights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recommended_counts_follow_the_length_weighting() {
        // 1-word keyphrase, 300 words: 0.5 % → 300·0.5/(100·1.033) = 1.45 → at least 2.
        assert_eq!(recommended_count(1, 0.5, 300, true), 2);
        // 3 % → 8.7 → 8.
        assert_eq!(recommended_count(1, 3.0, 300, false), 8);
        assert_eq!(recommended_count(2, 3.0, 1000, false), 21);
    }
}
