//! Subheading distribution (Yoast: `subheadingsTooLong`).
//!
//! Measures: the words of each section between headings (any level), the text before the first
//! heading included, and the text's total words (characters in Chinese and Japanese). Applies:
//! always (not for other text without spaces). Judges: texts up to 300 words are good; longer
//! texts need headings (none: bad), and every section up to 300 words (good), up to 350 (ok)
//! or longer (bad); a long beginning alone is judged the same way. In characters, as Yoast
//! configures Japanese: 600 and 700.

use crate::analysis::assessment::{fill, unsupported, Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};
use crate::text::BlockKind;

struct Params {
    /// Texts and sections up to this many words need no (further) subheading.
    recommended_maximum: usize,
    /// Sections up to this many words are ok.
    far_too_many: usize,
}
const PARAMS: Params = Params {
    recommended_maximum: 300,
    far_too_many: 350,
};
/// In characters (Yoast's Japanese configuration).
const PARAMS_CHARS: Params = Params {
    recommended_maximum: 600,
    far_too_many: 700,
};

struct Scores {
    good_short_text_no_subheadings: i16,
    good: i16,
    okay: i16,
    bad: i16,
    bad_long_text_no_subheadings: i16,
}
const SCORES: Scores = Scores {
    good_short_text_no_subheadings: 9,
    good: 9,
    okay: 6,
    bad: 3,
    bad_long_text_no_subheadings: 2,
};

const SHORT_NONE: &str = "You are not using any subheadings, but your text is short enough and probably doesn't need them.";
const LONG_NONE: &str = "You are not using any subheadings, although your text is rather long. Try and add some subheadings.";
const GOOD: &str = "Great job!";
const BEGINNING: &str = "The beginning of your text is longer than {max} {unit} and is not separated by any subheadings. Add subheadings to improve readability.";
const SECTIONS: &str = "{n} section(s) of your text are longer than the recommended number of {unit} ({max}) and are not separated by any subheadings. Add subheadings to improve readability.";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::SubheadingDistribution,
    section: SectionKind::Readability,
    yoast: Some("subheadingsTooLong"),
    run,
};

/// A stretch of text after a heading (or before the first): words and source range.
struct Part {
    words: usize,
    source: Option<(u32, u32)>,
}

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    if let Some(why) = r.lengths_unsupported() {
        return unsupported(id, &why);
    }
    let (params, unit) = if r.counts_characters {
        (PARAMS_CHARS, "characters")
    } else {
        (PARAMS, "words")
    };
    let mut parts = vec![Part {
        words: 0,
        source: None,
    }];
    for b in &r.doc.blocks {
        if let BlockKind::Heading(_) = b.kind {
            parts.push(Part {
                words: 0,
                source: None,
            });
        } else if let Some(last) = parts.last_mut() {
            last.words += r.block_length(b);
            last.source = Some(match last.source {
                Some((s, _)) => (s, b.source.1),
                None => b.source,
            });
        }
    }
    let has_headings = parts.len() > 1;
    let max = params.recommended_maximum;
    if r.text_length <= max {
        return if has_headings {
            Check::scored(id, SCORES.good, GOOD)
        } else {
            Check::scored(id, SCORES.good_short_text_no_subheadings, SHORT_NONE)
        };
    }
    if !has_headings {
        return Check::scored(id, SCORES.bad_long_text_no_subheadings, LONG_NONE);
    }
    let too_long: Vec<&Part> = parts.iter().filter(|p| p.words > max).collect();
    let hl = too_long
        .iter()
        .filter_map(|p| p.source)
        .map(|s| r.hl_source(s))
        .collect();
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 3] =
        [("n", &too_long.len()), ("max", &max), ("unit", &unit)];
    let beginning = parts.first().map_or(0, |p| p.words);
    if too_long.len() < 2 && beginning > max {
        let score = if beginning <= params.far_too_many {
            SCORES.okay
        } else {
            SCORES.bad
        };
        return Check::scored(id, score, fill(BEGINNING, &args)).with_highlights(hl);
    }
    let longest = parts.iter().map(|p| p.words).max().unwrap_or(0);
    if longest <= max {
        Check::scored(id, SCORES.good, GOOD)
    } else if longest <= params.far_too_many {
        Check::scored(id, SCORES.okay, fill(SECTIONS, &args)).with_highlights(hl)
    } else {
        Check::scored(id, SCORES.bad, fill(SECTIONS, &args)).with_highlights(hl)
    }
}
