//! Image alt attributes (Yoast WooCommerce SEO: `imageAltTags`).
//!
//! Measures: how many of the assessed images (the product's provided images, else the
//! description's `<img>` tags) lack alt text. Applies: product pages. Judges: every image has
//! alt text → good; none, some missing, or no images at all → bad.

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};

struct Scores {
    bad: i16,
    good: i16,
}
const SCORES: Scores = Scores { bad: 3, good: 9 };

const NO_IMAGES: &str = "This page does not have images with alt attributes. Add some!";
const NONE_HAVE: &str =
    "None of the images have alt attributes. Add alt attributes to your images!";
const SOME_MISSING: &str =
    "{n} images out of {total} don't have alt attributes. Add alt attributes to your images!";
const GOOD: &str = "All images have alt attributes. Good job!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::ImageAlt,
    section: SectionKind::Seo,
    yoast: Some("imageAltTags"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let images = r.images();
    let missing: Vec<_> = images.iter().filter(|i| !i.has_alt()).collect();
    let (n, total) = (missing.len(), images.len());
    let hl = missing
        .iter()
        .filter_map(|i| i.source)
        .map(|s| r.hl_source(s))
        .collect();
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 2] = [("n", &n), ("total", &total)];
    if total == 0 {
        Check::scored(id, SCORES.bad, NO_IMAGES)
    } else if n == total {
        Check::scored(id, SCORES.bad, NONE_HAVE).with_highlights(hl)
    } else if n > 0 {
        Check::scored(id, SCORES.bad, fill(SOME_MISSING, &args)).with_highlights(hl)
    } else {
        Check::scored(id, SCORES.good, GOOD)
    }
}
