//! SEO and readability analysis of a description, modelled on Yoast SEO's content analysis.
//!
//! [`analyze`] builds one [`Researcher`] (the parsed text and every measurement, each computed
//! at most once and shared), runs the profile's assessments from the [`registry`] (one file
//! each under `assessments/`, with its numbers and messages next to it), and scores the two
//! sections the way Yoast does (SEO: points as a share of the maximum; readability: penalty
//! points → 90, 60 or 30). Measurement (researches) is separate from judgement (assessments);
//! language data comes from [`crate::lang`].
//!
//! A check that cannot run is `na` with the reason; a section says how many of its checks ran
//! and is `na` as a whole when its main checks cannot run for the text's language or script.
//! [`input_for_generated`] builds the input that scores generated content, for every consumer.

mod assessment;
mod assessments;
mod generated;
mod interner;
mod json;
pub mod keyphrase;
mod registry;
mod researcher;
mod types;

pub use generated::{input_for_generated, keyphrase_for, locale_for, score_generated};
pub use researcher::{language_name, Researcher};
pub use types::*;

use assessment::SectionKind;
use researcher::Unsupported;

/// One check a profile runs: what the registry says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct CheckInfo {
    /// The check.
    pub id: CheckId,
    /// `seo` or `readability`.
    pub section: &'static str,
    /// The identifier of the Yoast SEO assessment it mirrors, if any.
    pub yoast: Option<&'static str>,
    /// Yoast counterpart (counted) or proseo-only.
    pub origin: Origin,
}

/// The checks a profile runs, in order.
pub fn checks_of(profile: Profile) -> Vec<CheckInfo> {
    registry::entries(profile)
        .iter()
        .map(|e| CheckInfo {
            id: e.assessment.id,
            section: match e.assessment.section {
                SectionKind::Seo => "seo",
                SectionKind::Readability => "readability",
            },
            yoast: e.assessment.yoast,
            origin: e.origin,
        })
        .collect()
}

/// Analyzes a description: SEO checks, readability checks, statistics. Never fails: every
/// input is some text, and checks that do not apply report `na`.
pub fn analyze(input: &AnalyzeInput) -> Analysis {
    let doc = crate::text::Document::parse(&input.content);
    let r = Researcher::new(input, &doc);
    let entries = registry::entries(input.profile);
    let mut seo = Vec::with_capacity(entries.len());
    let mut readability = Vec::with_capacity(entries.len());
    for entry in entries {
        let mut check = (entry.assessment.run)(&r);
        check.origin = entry.origin;
        match entry.assessment.section {
            SectionKind::Seo => seo.push(check),
            SectionKind::Readability => readability.push(check),
        }
    }
    let stats = stats(&r);
    Analysis {
        language: r.lang.language,
        profile: input.profile,
        seo: seo_section(seo, &r),
        readability: readability_section(readability, &r),
        stats,
    }
}

fn stats(r: &Researcher<'_>) -> Stats {
    let count = r.keyphrase_count();
    let density = if r.word_count > 0 {
        f64::from(count) * 100.0 / r.word_count as f64
    } else {
        0.0
    };
    let flesch = r.flesch();
    let title_px = crate::text::title::width_px(&r.input.title);
    Stats {
        words: r.word_count as u32,
        characters: r.counts_characters.then_some(r.text_length as u32),
        sentences: r.doc.sentence_count() as u32,
        paragraphs: r.doc.paragraphs().count() as u32,
        subheadings: r.doc.headings().filter(|(l, _)| *l >= 2).count() as u32,
        syllables: flesch.map(|f| f.syllables),
        flesch_reading_ease: flesch.map(|f| round1(f.reading_ease)),
        flesch_kincaid_grade: flesch.map(|f| round1(f.grade)),
        keyphrase_count: count,
        keyphrase_density: (density * 100.0).round() / 100.0,
        title_width_px: (title_px * 10.0).round() / 10.0,
        meta_description_chars: assessments::seo::meta_description_length::length(
            &r.input.meta_description,
        ) as u32,
    }
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The section's main checks: when all of them are unsupported for the text, the section is
/// `na` as a whole.
fn main_checks(kind: SectionKind) -> &'static [CheckId] {
    match kind {
        SectionKind::Seo => &[CheckId::TextLength, CheckId::KeyphraseDensity],
        SectionKind::Readability => &[CheckId::PassiveVoice, CheckId::TransitionWords],
    }
}

/// `(checks_run, checks_total, reason, na)` of a section.
fn coverage(
    checks: &[Check],
    kind: SectionKind,
    r: &Researcher<'_>,
) -> (u32, u32, Option<String>, bool) {
    let run = checks.iter().filter(|c| c.ran()).count() as u32;
    let total = checks.len() as u32;
    // Walked as needed, not collected: most sections have every check supported.
    let unsupported = || checks.iter().filter(|c| c.unsupported);
    let main = main_checks(kind);
    let main_present = || checks.iter().filter(|c| main.contains(&c.id));
    let na = main_present().next().is_some() && main_present().all(|c| c.unsupported);
    let why = |c: &Check| c.message.clone();
    let reason = if na {
        let what = match kind {
            SectionKind::Seo => "SEO",
            SectionKind::Readability => "Readability",
        };
        let cause = main_present().next().map(why).unwrap_or_default();
        Some(format!(
            "{what} is not assessed for this text: its main checks cannot run. {cause}"
        ))
    } else if unsupported().next().is_none() {
        None
    } else {
        let cause = if r.lang.language == crate::lang::Language::Other
            && matches!(r.language_unsupported(false), Some(Unsupported::NoData(_)))
        {
            format!("not supported for {} yet", language_name(r.lang.language))
        } else {
            let mut causes: Vec<std::borrow::Cow<'_, str>> = Vec::new();
            for c in unsupported() {
                let m = why(c);
                if !causes.contains(&m) {
                    causes.push(m);
                }
            }
            causes.join(" ")
        };
        Some(format!(
            "{} of {total} checks could not run: {cause}",
            unsupported().count()
        ))
    };
    (run, total, reason, na)
}

/// The SEO section, scored as Yoast does: the counted checks' points (negative ones included,
/// `feedback` as 0) as a share of 9 points each, rounded, floored at 0.
fn seo_section(checks: Vec<Check>, r: &Researcher<'_>) -> Section {
    let (run, total, reason, na) = coverage(&checks, SectionKind::Seo, r);
    let (mut n, mut sum) = (0i32, 0i32);
    for c in checks
        .iter()
        .filter(|c| c.ran() && c.origin == Origin::Yoast)
    {
        n += 1;
        sum += i32::from(c.score);
    }
    let (score, rating) = if na || n == 0 {
        (0, Rating::Na)
    } else {
        let max = 9 * n;
        let score = ((f64::from(sum) * 100.0 / f64::from(max)).round() as i32).clamp(0, 100) as u8;
        (score, Rating::of_overall_score(score))
    };
    Section {
        score,
        rating,
        checks_run: run,
        checks_total: total,
        reason,
        checks,
    }
}

/// Penalty points per rating when every check of the section is supported for the language
/// (bad, ok) and when some are not (Yoast's partial support).
const PENALTY_FULL: (u32, u32) = (3, 2);
const PENALTY_PARTIAL: (u32, u32) = (4, 2);
/// Penalty points above which the score is 30 (bad) or 60 (ok): full, partial support.
const PENALTY_LIMITS_FULL: (u32, u32) = (6, 4);
const PENALTY_LIMITS_PARTIAL: (u32, u32) = (4, 2);
/// Readability scores: good, ok, bad.
const READABILITY_SCORES: (u8, u8, u8) = (90, 60, 30);

/// The readability section, scored as Yoast's content assessor does: penalty points per bad
/// and ok check (heavier when some checks are unsupported for the language) → 90, 60 or 30.
fn readability_section(checks: Vec<Check>, r: &Researcher<'_>) -> Section {
    let (run, total, reason, na) = coverage(&checks, SectionKind::Readability, r);
    let counted = || checks.iter().filter(|c| c.origin == Origin::Yoast);
    let full = counted().all(|c| !c.unsupported);
    let valid = || counted().filter(|c| c.ran());
    let (bad_pts, ok_pts) = if full { PENALTY_FULL } else { PENALTY_PARTIAL };
    let (bad_limit, ok_limit) = if full {
        PENALTY_LIMITS_FULL
    } else {
        PENALTY_LIMITS_PARTIAL
    };
    let penalty: u32 = valid()
        .map(|c| match c.rating {
            Rating::Bad => bad_pts,
            Rating::Ok => ok_pts,
            _ => 0,
        })
        .sum();
    let (good, okay, bad) = READABILITY_SCORES;
    let (score, rating) = if na {
        (0, Rating::Na)
    } else {
        let score = if valid().count() <= 1 || penalty > bad_limit {
            bad
        } else if penalty > ok_limit {
            okay
        } else {
            good
        };
        (score, Rating::of_overall_score(score))
    };
    Section {
        score,
        rating,
        checks_run: run,
        checks_total: total,
        reason,
        checks,
    }
}

impl Section {
    /// A section of `checks` scored the SEO way (every check that ran counts). For tests and
    /// callers assembling sections by hand.
    pub fn from_checks(checks: Vec<Check>) -> Self {
        let counted: Vec<i32> = checks
            .iter()
            .filter(|c| c.ran())
            .map(|c| i32::from(c.score))
            .collect();
        let (score, rating) = if counted.is_empty() {
            (0, Rating::Na)
        } else {
            let max = 9 * counted.len() as i32;
            let sum: i32 = counted.iter().sum();
            let score =
                ((f64::from(sum) * 100.0 / f64::from(max)).round() as i32).clamp(0, 100) as u8;
            (score, Rating::of_overall_score(score))
        };
        Self {
            score,
            rating,
            checks_run: counted.len() as u32,
            checks_total: checks.len() as u32,
            reason: None,
            checks,
        }
    }
}
