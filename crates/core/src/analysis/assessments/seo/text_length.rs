//! Text length (Yoast: `textLength`).
//!
//! Measures: the description's word count (a hyphenated word counts once), or its characters in
//! Chinese and Japanese. Applies: always (not for other text without spaces between words,
//! which proseo cannot count). Judges against the profile's table: product pages good from 200
//! words, articles from 300; in characters, as Yoast configures Japanese, product pages from
//! 400 and articles from 600; the far-too-short bands score below zero.

use crate::analysis::assessment::{fill, unsupported, Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId, Profile};

/// Word-count bands: good from `recommended`, ok from `slightly_below`, bad from `below`, far
/// below from `very_far_below`, very far below under it.
struct Bands {
    recommended: usize,
    slightly_below: usize,
    below: usize,
    very_far_below: usize,
}
const PRODUCT: Bands = Bands {
    recommended: 200,
    slightly_below: 150,
    below: 100,
    very_far_below: 50,
};
const ARTICLE: Bands = Bands {
    recommended: 300,
    slightly_below: 250,
    below: 200,
    very_far_below: 100,
};
/// In characters (Yoast's Japanese configuration).
const PRODUCT_CHARS: Bands = Bands {
    recommended: 400,
    slightly_below: 300,
    below: 200,
    very_far_below: 100,
};
const ARTICLE_CHARS: Bands = Bands {
    recommended: 600,
    slightly_below: 500,
    below: 400,
    very_far_below: 200,
};

struct Scores {
    good: i16,
    slightly_below: i16,
    below: i16,
    far_below: i16,
    very_far_below: i16,
}
const SCORES: Scores = Scores {
    good: 9,
    slightly_below: 6,
    below: 3,
    far_below: -10,
    very_far_below: -20,
};

const GOOD: &str = "The text contains {n} {unit}. Good job!";
const SLIGHTLY_BELOW: &str = "The text contains {n} {unit}. This is slightly below the recommended minimum of {min} {unit}. Add more content.";
const BELOW: &str = "The text contains {n} {unit}. This is below the recommended minimum of {min} {unit}. Add more content.";
const FAR_BELOW: &str = "The text contains {n} {unit}. This is far below the recommended minimum of {min} {unit}. Add more content.";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::TextLength,
    section: SectionKind::Seo,
    yoast: Some("textLength"),
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
    let n = r.text_length;
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 3] =
        [("n", &n), ("min", &b.recommended), ("unit", &unit)];
    let (score, template) = if n >= b.recommended {
        (SCORES.good, GOOD)
    } else if n >= b.slightly_below {
        (SCORES.slightly_below, SLIGHTLY_BELOW)
    } else if n >= b.below {
        (SCORES.below, BELOW)
    } else if n >= b.very_far_below {
        (SCORES.far_below, FAR_BELOW)
    } else {
        (SCORES.very_far_below, FAR_BELOW)
    };
    Check::scored(id, score, fill(template, &args))
}
