//! Outbound links (Yoast: `externalLinks`).
//!
//! Measures: links to other sites (absolute http(s) URLs whose host is not the shop's
//! `site_url`), and how many are `nofollow`. Applies: articles (Yoast leaves it out of product
//! pages). Judges: none bad; all nofollow ok; some nofollow or all followed good.

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};

struct Scores {
    no_links: i16,
    all_nofollowed: i16,
    some_nofollowed: i16,
    all_followed: i16,
}
const SCORES: Scores = Scores {
    no_links: 3,
    all_nofollowed: 7,
    some_nofollowed: 8,
    all_followed: 9,
};

const NONE: &str = "No outbound links appear in this page. Add some!";
const ALL_NOFOLLOW: &str = "All outbound links on this page are nofollowed. Add some normal links.";
const SOME_NOFOLLOW: &str =
    "There are both nofollowed and normal outbound links on this page ({n} in all). Good job!";
const GOOD: &str = "{n} outbound link(s). Good job!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::OutboundLinks,
    section: SectionKind::Seo,
    yoast: Some("externalLinks"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let s = r.link_stats();
    let (total, nofollow) = (s.external_total, s.external_nofollow);
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 1] = [("n", &total)];
    if total == 0 {
        Check::scored(id, SCORES.no_links, NONE)
    } else if nofollow == total {
        Check::scored(id, SCORES.all_nofollowed, ALL_NOFOLLOW)
    } else if nofollow > 0 {
        Check::scored(id, SCORES.some_nofollowed, fill(SOME_NOFOLLOW, &args))
    } else {
        Check::scored(id, SCORES.all_followed, fill(GOOD, &args))
    }
}
