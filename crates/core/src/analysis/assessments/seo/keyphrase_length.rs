//! Keyphrase length (Yoast: `keyphraseLength`).
//!
//! Measures: the keyphrase's length in content words (all words for a language without
//! function-word support; a quoted keyphrase is one unit), or in characters for Chinese and
//! Japanese keyphrases. Applies: always. Judges against the profile's table: product pages want
//! 4–6 content words (German and Dutch, whose compounds make fewer words: 3–6, as Yoast
//! configures them), articles 1–4; in characters (Yoast's Japanese configuration) product
//! pages 8–12 and articles up to 12; no keyphrase is the worst score there is (−999).

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId, Profile};
use crate::lang::Language;
use crate::span::Field;

/// Boundaries in words: good from `recommended_min` to `recommended_max`; bad at or below
/// `acceptable_min` (products only) and above `acceptable_max`; ok in between.
struct Bounds {
    recommended_min: usize,
    recommended_max: usize,
    acceptable_min: Option<usize>,
    acceptable_max: usize,
}

const ARTICLE: Bounds = Bounds {
    recommended_min: 1,
    recommended_max: 4,
    acceptable_min: None,
    acceptable_max: 8,
};
const PRODUCT: Bounds = Bounds {
    recommended_min: 4,
    recommended_max: 6,
    acceptable_min: Some(2),
    acceptable_max: 8,
};
/// German and Dutch product pages (Yoast's configuration for both).
const PRODUCT_DE_NL: Bounds = Bounds {
    recommended_min: 3,
    recommended_max: 6,
    acceptable_min: Some(1),
    acceptable_max: 7,
};
/// In characters (Yoast's Japanese configuration).
const ARTICLE_CHARS: Bounds = Bounds {
    recommended_min: 1,
    recommended_max: 12,
    acceptable_min: None,
    acceptable_max: 18,
};
const PRODUCT_CHARS: Bounds = Bounds {
    recommended_min: 8,
    recommended_max: 12,
    acceptable_min: Some(4),
    acceptable_max: 18,
};
/// Languages without function-word support count every word, so they get more room.
const NO_FUNCTION_WORDS_MAX: (usize, usize) = (6, 9);

struct Scores {
    no_keyphrase: i16,
    bad: i16,
    okay: i16,
    good: i16,
}
const SCORES: Scores = Scores {
    no_keyphrase: -999,
    bad: 3,
    okay: 6,
    good: 9,
};

const NONE: &str = "No focus keyphrase was set for this page. Set a focus keyphrase in order to calculate your SEO score.";
const GOOD: &str = "The keyphrase has {n} {unit}. Good job!";
const LONG: &str = "The keyphrase has {n} {unit}. That's more than the recommended maximum of {max}. Make it shorter!";
const WAY_LONG: &str = "The keyphrase has {n} {unit}. That's way more than the recommended maximum of {max}. Make it shorter!";
const SHORT: &str = "The keyphrase has {n} {unit}. That's less than the recommended minimum of {min}. Make it longer!";
const WAY_SHORT: &str = "The keyphrase has {n} {unit}. That's way less than the recommended minimum of {min}. Make it longer!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::KeyphraseLength,
    section: SectionKind::Seo,
    yoast: Some("keyphraseLength"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let n = r.topic.length();
    if n == 0 {
        return Check::scored(id, SCORES.no_keyphrase, NONE);
    }
    let characters = r.lang.counts_characters() && r.topic.is_substring_mode();
    let (n, mut b) = match (r.profile, r.lang.language) {
        _ if characters => (
            crate::text::char_count(&r.topic.raw),
            if r.profile == Profile::Product {
                PRODUCT_CHARS
            } else {
                ARTICLE_CHARS
            },
        ),
        (Profile::Product, Language::De | Language::Nl) => (n, PRODUCT_DE_NL),
        (Profile::Product, _) => (n, PRODUCT),
        (Profile::Article, _) => (n, ARTICLE),
    };
    if !r.lang.has_function_words() && !characters {
        (b.recommended_max, b.acceptable_max) = NO_FUNCTION_WORDS_MAX;
    }
    let unit = if characters {
        "character(s)"
    } else if r.lang.has_function_words() && !r.topic.keyphrase.exact {
        "content word(s)"
    } else {
        "word(s)"
    };
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 4] = [
        ("n", &n),
        ("unit", &unit),
        ("max", &b.recommended_max),
        ("min", &b.recommended_min),
    ];
    let hl = vec![r.hl_field(Field::Keyphrase, 0, r.input.keyphrase.len())];
    let (score, template) = if (b.recommended_min..=b.recommended_max).contains(&n) {
        return Check::scored(id, SCORES.good, fill(GOOD, &args));
    } else if b.acceptable_min.is_some_and(|m| n <= m) {
        (SCORES.bad, WAY_SHORT)
    } else if n > b.acceptable_max {
        (SCORES.bad, WAY_LONG)
    } else if n < b.recommended_min {
        (SCORES.okay, SHORT)
    } else {
        (SCORES.okay, LONG)
    };
    Check::scored(id, score, fill(template, &args)).with_highlights(hl)
}
