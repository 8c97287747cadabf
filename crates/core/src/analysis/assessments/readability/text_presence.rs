//! Text presence (Yoast: `textPresence`).
//!
//! Measures: the characters of text in the description. Applies: only to texts under 50
//! characters (otherwise `na`: there is enough text, and Yoast shows nothing). Judges: too
//! little text is bad.

use crate::analysis::assessment::{Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};

/// Texts with fewer characters than this cannot be analyzed well.
const MIN_CHARS: usize = 50;

const BAD_SCORE: i16 = 3;

const BAD: &str = "Not enough content: please add some content to enable a good analysis.";
const ENOUGH: &str = "There is enough text to analyze.";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::TextPresence,
    section: SectionKind::Readability,
    yoast: Some("textPresence"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let blocks = &r.doc.blocks;
    // Counted up to the limit only: a long text has enough after its first blocks.
    let mut chars = blocks.len().saturating_sub(1);
    for b in blocks {
        if chars >= MIN_CHARS {
            break;
        }
        chars += b.text().chars().count();
    }
    if chars < MIN_CHARS {
        Check::scored(id, BAD_SCORE, BAD)
    } else {
        Check::na(id, ENOUGH)
    }
}
