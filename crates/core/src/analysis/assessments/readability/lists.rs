//! Lists (Yoast WooCommerce SEO: `listsPresence`).
//!
//! Measures: whether the description has a bulleted or numbered list with at least one item
//! with text. Applies: product pages. Judges: a list good, none bad.

use crate::analysis::assessment::{Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};
use crate::text::BlockKind;

struct Scores {
    good: i16,
    bad: i16,
}
const SCORES: Scores = Scores { good: 9, bad: 3 };

const GOOD: &str = "There is at least one list on this page. Great!";
const BAD: &str = "No lists appear on this page. Add at least one ordered or unordered list.";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::Lists,
    section: SectionKind::Readability,
    yoast: Some("listsPresence"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let has_list = !r.doc.lists.is_empty()
        && r.doc
            .blocks
            .iter()
            .any(|b| b.kind == BlockKind::ListItem && !b.text().trim().is_empty());
    if has_list {
        Check::scored(id, SCORES.good, GOOD)
    } else {
        Check::scored(id, SCORES.bad, BAD)
    }
}
