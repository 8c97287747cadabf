//! Internal links (Yoast: `internalLinks`).
//!
//! Measures: links within the site (relative URLs, or the host of `site_url`), and how many are
//! `nofollow`. Applies: articles (Yoast leaves it out of product pages). Judges: none bad; all
//! nofollow ok; some nofollow or all followed good.

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};

struct Scores {
    no_internal: i16,
    none_followed: i16,
    some_followed: i16,
    all_followed: i16,
}
const SCORES: Scores = Scores {
    no_internal: 3,
    none_followed: 7,
    some_followed: 8,
    all_followed: 9,
};

const NONE: &str = "No internal links appear in this page, make sure to add some!";
const ALL_NOFOLLOW: &str =
    "The internal links in this page are all nofollowed. Add some good internal links.";
const SOME_NOFOLLOW: &str =
    "There are both nofollowed and normal internal links on this page ({n} in all). Good job!";
const GOOD: &str = "You have enough internal links ({n}). Good job!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::InternalLinks,
    section: SectionKind::Seo,
    yoast: Some("internalLinks"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let s = r.link_stats();
    let (total, nofollow) = (s.internal_total, s.internal_nofollow);
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 1] = [("n", &total)];
    if total == 0 {
        Check::scored(id, SCORES.no_internal, NONE)
    } else if nofollow == total {
        Check::scored(id, SCORES.none_followed, ALL_NOFOLLOW)
    } else if nofollow > 0 {
        Check::scored(id, SCORES.some_followed, fill(SOME_NOFOLLOW, &args))
    } else {
        Check::scored(id, SCORES.all_followed, fill(GOOD, &args))
    }
}
