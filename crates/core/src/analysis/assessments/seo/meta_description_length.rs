//! Meta description length (Yoast: `metaDescriptionLength`).
//!
//! Measures: the meta description's length in characters, counted as Yoast counts them (the
//! text as given, in UTF-16 code units: an emoji counts two). Applies: always. Judges: 121–156
//! good; up to 120 or over 156 ok (Yoast's orange: search engines show less or cut it off); none
//! bad. Chinese and Japanese, whose characters are wider: 61–80 good (Yoast's Japanese
//! configuration).

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};
use crate::span::Field;

struct Params {
    /// Up to this many characters is too short.
    recommended_maximum: usize,
    /// Over this many characters is too long.
    maximum: usize,
}
const PARAMS: Params = Params {
    recommended_maximum: 120,
    maximum: 156,
};
/// Languages measured in characters (Yoast's Japanese configuration).
const PARAMS_CHARS: Params = Params {
    recommended_maximum: 60,
    maximum: 80,
};

struct Scores {
    none: i16,
    too_long: i16,
    too_short: i16,
    correct: i16,
}
const SCORES: Scores = Scores {
    none: 1,
    too_long: 6,
    too_short: 6,
    correct: 9,
};

const NONE: &str = "No meta description has been specified. Search engines will display copy from the page instead. Make sure to write one!";
const SHORT: &str = "The meta description is too short ({n} characters, under {min}). Up to {max} characters are available. Use the space!";
const LONG: &str = "The meta description is over {max} characters ({n}). To ensure the entire description will be visible, you should reduce the length!";
const GOOD: &str = "The meta description has {n} characters. Well done!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::MetaDescriptionLength,
    section: SectionKind::Seo,
    yoast: Some("metaDescriptionLength"),
    run,
};

/// The meta description's length as Yoast measures it (JavaScript's `length`).
pub(crate) fn length(meta: &str) -> usize {
    meta.encode_utf16().count()
}

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let meta = &r.input.meta_description;
    let n = length(meta);
    let params = if r.lang.counts_characters() {
        PARAMS_CHARS
    } else {
        PARAMS
    };
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 3] = [
        ("n", &n),
        ("min", &(params.recommended_maximum + 1)),
        ("max", &params.maximum),
    ];
    if n == 0 {
        Check::scored(id, SCORES.none, NONE)
    } else if n <= params.recommended_maximum {
        Check::scored(id, SCORES.too_short, fill(SHORT, &args))
    } else if n > params.maximum {
        // Highlight what goes past the maximum.
        let mut units = 0;
        let cut = meta
            .char_indices()
            .find(|&(_, c)| {
                units += c.len_utf16();
                units > params.maximum
            })
            .map_or(meta.len(), |(i, _)| i);
        Check::scored(id, SCORES.too_long, fill(LONG, &args)).with_highlights(vec![r.hl_field(
            Field::MetaDescription,
            cut,
            meta.len(),
        )])
    } else {
        Check::scored(id, SCORES.correct, fill(GOOD, &args))
    }
}
