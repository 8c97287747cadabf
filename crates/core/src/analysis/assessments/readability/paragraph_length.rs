//! Paragraph length (Yoast: `textParagraphTooLong`).
//!
//! Measures: the words of each paragraph (list items and headings are not paragraphs), or its
//! characters in Chinese and Japanese. Applies: always (not for other text without spaces).
//! Judges the longest against the profile's table: product pages good up to 70 words and ok up
//! to 100, articles 150 and 200 (in characters, as Yoast configures Japanese: 140 and 200,
//! 300 and 400); no paragraph is good.

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
/// In characters (Yoast's Japanese configuration).
const PRODUCT_CHARS: Bounds = Bounds {
    recommended: 140,
    maximum: 200,
};
const ARTICLE_CHARS: Bounds = Bounds {
    recommended: 300,
    maximum: 400,
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
const LONG: &str = "{n} of the paragraphs contain more than the recommended maximum number of {unit} ({max}). Shorten your paragraphs!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::ParagraphLength,
    section: SectionKind::Readability,
    yoast: Some("textParagraphTooLong"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    if let Some(why) = r.lengths_unsupported() {
        return unsupported(id, &why);
    }
    let (b, unit) = match (r.profile, r.counts_characters) {
        (Profile::Product, false) => (PRODUCT, "words"),
        (Profile::Article, false) => (ARTICLE, "words"),
        (Profile::Product, true) => (PRODUCT_CHARS, "characters"),
        (Profile::Article, true) => (ARTICLE_CHARS, "characters"),
    };
    let long: Vec<_> = r
        .doc
        .paragraphs()
        .filter(|p| r.block_length(p) > b.recommended)
        .collect();
    let longest = r
        .doc
        .paragraphs()
        .map(|p| r.block_length(p))
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
        fill(
            LONG,
            &[("n", &long.len()), ("unit", &unit), ("max", &b.recommended)],
        ),
    )
    .with_highlights(hl)
}
