//! Paragraph length (Yoast: `textParagraphTooLong`).
//!
//! Measures: the words of each paragraph (list items and headings are not paragraphs). Applies:
//! always (not for text without spaces). Judges the longest against the profile's table:
//! product pages good up to 70 words and ok up to 100, articles 150 and 200; no paragraph is
//! good.

use crate::analysis::assessment::{fill, unsupported, Assessment, SectionKind};
use crate::analysis::researcher::{Researcher, MAX_HIGHLIGHTS};
use crate::analysis::types::{Check, CheckId, Profile};

/// Words: good up to `recommended`, ok up to `maximum`.
struct Bounds {
    recommended: usize,
    maximum: usize,
}
const PRODUCT: Bounds = Bounds {
    recommended: 70,
    maximum: 100,
};
const ARTICLE: Bounds = Bounds {
    recommended: 150,
    maximum: 200,
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

const GOOD: &str = "There are no paragraphs that are too long. Great job!";
const LONG: &str = "{n} of the paragraphs contain more than the recommended maximum number of words ({max}). Shorten your paragraphs!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::ParagraphLength,
    section: SectionKind::Readability,
    yoast: Some("textParagraphTooLong"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    if let Some(why) = r.words_unsupported() {
        return unsupported(id, &why);
    }
    let b = match r.profile {
        Profile::Product => PRODUCT,
        Profile::Article => ARTICLE,
    };
    let long: Vec<_> = r
        .doc
        .paragraphs()
        .filter(|p| p.joined_words() > b.recommended)
        .collect();
    let longest = r
        .doc
        .paragraphs()
        .map(|p| p.joined_words())
        .max()
        .unwrap_or(0);
    if longest <= b.recommended {
        return Check::scored(id, SCORES.good, GOOD);
    }
    let score = if longest <= b.maximum {
        SCORES.okay
    } else {
        SCORES.bad
    };
    let hl = long
        .iter()
        .take(MAX_HIGHLIGHTS)
        .map(|p| r.hl_source(p.source))
        .collect();
    Check::scored(
        id,
        score,
        fill(LONG, &[("n", &long.len()), ("max", &b.recommended)]),
    )
    .with_highlights(hl)
}
