//! SEO title width (Yoast: `titleWidth`).
//!
//! Measures: the SEO title's rendered width in pixels, from proseo's Arial glyph table
//! (`text::title`; Yoast measures it in the browser, which a server cannot). Applies: always.
//! Judges: up to 600 px good (short titles too: both Yoast assessors treat them as good); wider
//! bad; no title bad.

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};
use crate::span::Field;
use crate::text::title::{overflow_at, width_px};

/// Widest title that fits, in pixels.
pub(crate) const MAX_WIDTH_PX: f64 = 600.0;
/// Titles up to this width are "short" (still good, as Yoast scores them).
const SHORT_WIDTH_PX: f64 = 400.0;

struct Scores {
    no_title: i16,
    too_short: i16,
    too_long: i16,
    correct: i16,
}
const SCORES: Scores = Scores {
    no_title: 1,
    too_short: 9,
    too_long: 3,
    correct: 9,
};

const NONE: &str = "Please create an SEO title.";
const SHORT: &str =
    "The SEO title is {px} px wide. Good job! (There is room for more, up to {max} px.)";
const GOOD: &str = "The SEO title is {px} px wide. Good job!";
const LONG: &str = "The SEO title is {px} px wide, wider than the viewable limit of {max} px. Try to make it shorter.";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::TitleWidth,
    section: SectionKind::Seo,
    yoast: Some("titleWidth"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let title = &r.input.title;
    let px = width_px(title);
    // Whole pixels, ties to even as `{:.0}` rounds; integer formatting keeps the float
    // formatter's exact-precision code (≈ 6 KiB) out of the scoring .wasm.
    let shown = px.round_ties_even() as i64;
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 2] =
        [("px", &shown), ("max", &MAX_WIDTH_PX)];
    if px <= 1.0 || title.trim().is_empty() {
        Check::scored(id, SCORES.no_title, NONE)
    } else if px <= SHORT_WIDTH_PX {
        Check::scored(id, SCORES.too_short, fill(SHORT, &args))
    } else if px <= MAX_WIDTH_PX {
        Check::scored(id, SCORES.correct, fill(GOOD, &args))
    } else {
        let cut = overflow_at(title, MAX_WIDTH_PX).unwrap_or(title.len());
        Check::scored(id, SCORES.too_long, fill(LONG, &args)).with_highlights(vec![r.hl_field(
            Field::Title,
            cut,
            title.len(),
        )])
    }
}
