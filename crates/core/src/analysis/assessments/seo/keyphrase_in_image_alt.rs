//! Keyphrase in image alt attributes (Yoast: `imageKeyphrase`).
//!
//! Measures: of the assessed images (the product's provided images, else the description's
//! `<img>` tags), how many have an alt text with at least half of the words of the keyphrase or
//! a synonym, and how many have other alt text. Applies: always. Judges: with fewer than 5
//! images one match is good; with 5 or more, 30–75 % (rounded up / down; 2–4 of exactly 5) is
//! good, fewer or more ok; alt texts without the keyphrase, or none at all, ok; no images or no
//! keyphrase bad.

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::keyphrase::{words_of, Tokens};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};
use crate::text::lowercase_aligned;

struct Params {
    lower_boundary: f64,
    upper_boundary: f64,
    /// From this many images on, the share is judged.
    many_images: usize,
    /// An alt text matches with at least this share (%) of the keyphrase's words.
    min_word_share: u32,
}
const PARAMS: Params = Params {
    lower_boundary: 0.3,
    upper_boundary: 0.75,
    many_images: 5,
    min_word_share: 50,
};

struct Scores {
    good: i16,
    too_few: i16,
    too_many: i16,
    non_keyword_alt: i16,
    no_alt: i16,
    no_images_or_keyphrase: i16,
}
const SCORES: Scores = Scores {
    good: 9,
    too_few: 6,
    too_many: 6,
    non_keyword_alt: 6,
    no_alt: 6,
    no_images_or_keyphrase: 3,
};

const MISSING: &str = "This page does not have images, a keyphrase, or both. Add some images with alt attributes that include the keyphrase or synonyms!";
const NON_KEYWORD: &str = "Images on this page do not have alt attributes with at least half of the words from your keyphrase. Fix that!";
const NO_ALT: &str = "Images on this page do not have alt attributes that reflect the topic of your text. Add your keyphrase or synonyms to the alt tags of relevant images!";
const TOO_FEW: &str = "Out of {total} images on this page, only {n} have alt attributes that reflect the topic of your text. Add your keyphrase or synonyms to the alt tags of more relevant images!";
const TOO_MANY: &str = "Out of {total} images on this page, {n} have alt attributes with words from your keyphrase or synonyms. That's a bit much. Only include the keyphrase when it really fits the image.";
const GOOD: &str = "{n} of {total} image alt texts reflect the topic. Good job!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::KeyphraseInImageAlt,
    section: SectionKind::Seo,
    yoast: Some("imageKeyphrase"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let images = r.images();
    let total = images.len();
    if r.topic.is_empty() || total == 0 {
        return Check::scored(id, SCORES.no_images_or_keyphrase, MISSING);
    }
    let mut with_keyword = Vec::new();
    let mut with_other = 0usize;
    for i in images.iter().filter(|i| i.has_alt()) {
        let lower = lowercase_aligned(i.alt.unwrap_or(""));
        let hit = if r.topic.is_substring_mode() {
            !r.topic.substring_matches(&lower, true).is_empty()
        } else {
            r.topic.percent_in(&Tokens::plain(&words_of(&lower)), true) >= PARAMS.min_word_share
        };
        if hit {
            with_keyword.push(i);
        } else {
            with_other += 1;
        }
    }
    let n = with_keyword.len();
    let min = (total as f64 * PARAMS.lower_boundary).ceil() as usize;
    let max = (total as f64 * PARAMS.upper_boundary).floor() as usize;
    let many = total >= PARAMS.many_images;
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 2] = [("n", &n), ("total", &total)];
    let hl = with_keyword
        .iter()
        .filter_map(|i| i.source)
        .map(|s| r.hl_source(s))
        .collect();
    let (score, template) = if with_other > 0 && n == 0 {
        (SCORES.non_keyword_alt, NON_KEYWORD)
    } else if many && n > 0 && n < min {
        (SCORES.too_few, TOO_FEW)
    } else if (!many && n > 0)
        || (total == PARAMS.many_images && (2..=4).contains(&n))
        || (many && n >= min && n <= max)
    {
        (SCORES.good, GOOD)
    } else if many && n > max {
        (SCORES.too_many, TOO_MANY)
    } else {
        (SCORES.no_alt, NO_ALT)
    };
    Check::scored(id, score, fill(template, &args)).with_highlights(hl)
}
