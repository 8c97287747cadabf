//! Single title (Yoast: `singleH1`).
//!
//! Measures: the H1 headings in the description. Applies: always. Judges: at most one good;
//! more bad.

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};
use crate::text::BlockKind;

/// H1 headings allowed.
const MAX_H1: usize = 1;

struct Scores {
    good: i16,
    bad: i16,
}
const SCORES: Scores = Scores { good: 8, bad: 1 };

const GOOD: &str = "You don't have multiple H1 headings, well done!";
const BAD: &str = "The text has {n} H1 headings. H1s should only be used as your main title. Change the others to a lower heading level!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::SingleH1,
    section: SectionKind::Seo,
    yoast: Some("singleH1"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let h1: Vec<_> = r
        .doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading(1))
        .map(|b| r.hl_source(b.source))
        .collect();
    if h1.len() <= MAX_H1 {
        Check::scored(id, SCORES.good, GOOD)
    } else {
        Check::scored(id, SCORES.bad, fill(BAD, &[("n", &h1.len())])).with_highlights(h1)
    }
}
