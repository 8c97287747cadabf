//! Images (Yoast: `images`).
//!
//! Measures: the number of images: the product's images when given (`product.images`, or just
//! their number in `product.image_count`), else the `<img>` tags in the description. Applies:
//! always. Judges: product pages want 4 (1–3 ok), articles 1; none is bad.

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId, Profile};

struct Params {
    recommended: u32,
    /// Counts from 1 below `recommended` are ok rather than good (product pages).
    okay_below_recommended: bool,
}
const PRODUCT: Params = Params {
    recommended: 4,
    okay_below_recommended: true,
};
const ARTICLE: Params = Params {
    recommended: 1,
    okay_below_recommended: false,
};

struct Scores {
    bad: i16,
    okay: i16,
    good: i16,
}
const SCORES: Scores = Scores {
    bad: 3,
    okay: 6,
    good: 9,
};

const NONE: &str = "No images appear on this page. Add some!";
const FEW: &str =
    "Only {n} image(s) appear on this page. We recommend at least {min}. Add more relevant images!";
const GOOD: &str = "{n} image(s) appear on this page. Good job!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::ImageCount,
    section: SectionKind::Seo,
    yoast: Some("images"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let p = match r.profile {
        Profile::Product => PRODUCT,
        Profile::Article => ARTICLE,
    };
    let n = match (&r.input.product.images, r.input.product.image_count) {
        (Some(list), _) => list.len() as u32,
        (None, Some(n)) => n,
        (None, None) => r.doc.images.len() as u32,
    };
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 2] =
        [("n", &n), ("min", &p.recommended)];
    if n == 0 {
        Check::scored(id, SCORES.bad, NONE)
    } else if p.okay_below_recommended && n < p.recommended {
        Check::scored(id, SCORES.okay, fill(FEW, &args))
    } else {
        Check::scored(id, SCORES.good, fill(GOOD, &args))
    }
}
