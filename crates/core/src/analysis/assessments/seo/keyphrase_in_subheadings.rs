//! Keyphrase in subheadings (Yoast: `subheadingsKeyword`).
//!
//! Measures: how many H2/H3 subheadings reflect the topic: more than half of the words of the
//! keyphrase or a synonym (all of them for a language without function words). Applies: always.
//! Judges: between 30 % and 75 % of the subheadings (rounded up / down), or the only one, good;
//! fewer or more bad; no subheadings is good for texts under 300 words and bad above.

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};
use crate::text::BlockKind;

struct Params {
    lower_boundary: f64,
    upper_boundary: f64,
    /// Texts from this many words on should have subheadings.
    long_text_words: usize,
}
const PARAMS: Params = Params {
    lower_boundary: 0.3,
    upper_boundary: 0.75,
    long_text_words: 300,
};

struct Scores {
    no_keyphrase_or_text: i16,
    bad_long_text_no_subheadings: i16,
    no_matches: i16,
    too_few: i16,
    good: i16,
    good_short_text_no_subheadings: i16,
    too_many: i16,
}
const SCORES: Scores = Scores {
    no_keyphrase_or_text: 1,
    bad_long_text_no_subheadings: 2,
    no_matches: 3,
    too_few: 3,
    good: 9,
    good_short_text_no_subheadings: 9,
    too_many: 3,
};

const MISSING: &str = "Please add both a keyphrase and some text to receive relevant feedback.";
const LONG_NO_SUBHEADINGS: &str = "You are not using any higher-level subheadings containing the keyphrase or its synonyms. Fix that!";
const SHORT_NO_SUBHEADINGS: &str = "You are not using any higher-level subheadings containing the keyphrase or its synonyms, but your text is short enough and probably doesn't need them.";
const TOO_FEW: &str = "Use more keyphrases or synonyms in your higher-level subheadings! ({n} of {total} reflect the topic.)";
const TOO_MANY: &str = "{n} of your {total} higher-level subheadings reflect the topic of your copy. That's too much. Don't over-optimize!";
const GOOD: &str =
    "{n} of your {total} higher-level subheading(s) reflect the topic of your copy. Good job!";
const NONE: &str = "None of your higher-level subheadings reflect the keyphrase or its synonyms. Use them in at least one H2 or H3.";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::KeyphraseInSubheadings,
    section: SectionKind::Seo,
    yoast: Some("subheadingsKeyword"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    if r.topic.is_empty() || r.doc.blocks.is_empty() {
        return Check::scored(id, SCORES.no_keyphrase_or_text, MISSING);
    }
    let subs: Vec<_> = r
        .doc
        .blocks
        .iter()
        .zip(0u32..)
        .filter(|(b, _)| matches!(b.kind, BlockKind::Heading(2 | 3)))
        .collect();
    if subs.is_empty() {
        let words = r.text_length;
        return if words >= PARAMS.long_text_words {
            Check::scored(id, SCORES.bad_long_text_no_subheadings, LONG_NO_SUBHEADINGS)
        } else {
            Check::scored(
                id,
                SCORES.good_short_text_no_subheadings,
                SHORT_NO_SUBHEADINGS,
            )
        };
    }
    let need_all = !r.lang.has_function_words();
    let reflects = |&(b, at): &(&crate::text::Block, u32)| -> bool {
        if r.topic.is_substring_mode() {
            return !r.topic.substring_matches(b.lower(), true).is_empty();
        }
        let (words, ids) = r.block_words(at, 0, b.words().len() as u32);
        let pct = r.topic.percent_in(&r.tokens(words, ids), true);
        if need_all {
            pct == 100
        } else {
            pct > 50
        }
    };
    let matched: Vec<_> = subs.iter().copied().filter(reflects).collect();
    let (n, total) = (matched.len(), subs.len());
    let min = (total as f64 * PARAMS.lower_boundary).ceil() as usize;
    let max = (total as f64 * PARAMS.upper_boundary).floor() as usize;
    let args: [(&str, &dyn crate::analysis::assessment::Arg); 2] = [("n", &n), ("total", &total)];
    let (score, template) = if n > 0 && n < min {
        (SCORES.too_few, TOO_FEW)
    } else if total > 1 && n > max {
        (SCORES.too_many, TOO_MANY)
    } else if (total == 1 && n == 1) || (n >= min && n <= max && n > 0) {
        (SCORES.good, GOOD)
    } else {
        (SCORES.no_matches, NONE)
    };
    let hl = matched
        .iter()
        .map(|(b, _)| r.hl(b, (0, b.text().len() as u32)))
        .collect();
    Check::scored(id, score, fill(template, &args)).with_highlights(hl)
}
