//! Competing links (Yoast: `textCompetingLinks`).
//!
//! Measures: links (other than to this page's own fragments) whose anchor text is the keyphrase
//! or a synonym: it contains all of the phrase's words and no other content word. Applies:
//! always. Judges: none → good; any → bad.

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::keyphrase::{words_of, Phrase, Tokens};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};
use crate::text::lowercase_aligned;

struct Scores {
    good: i16,
    bad: i16,
}
const SCORES: Scores = Scores { good: 8, bad: 2 };

const GOOD: &str =
    "There are no links which use your keyphrase or synonym as their anchor text. Nice!";
const BAD: &str = "You have {n} link(s) which use your keyphrase or synonym as anchor text: they compete with this page. Fix that!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::CompetingLinks,
    section: SectionKind::Seo,
    yoast: Some("textCompetingLinks"),
    run,
};

/// True when every anchor word (function words dropped, unless nothing is left) is a word of
/// `phrase`.
fn anchor_within(phrase: &Phrase, anchor_words: &[&str]) -> bool {
    anchor_words.iter().all(|w| phrase.has_word(w))
}

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    if r.topic.is_empty() {
        return Check::scored(id, SCORES.good, GOOD);
    }
    let competing: Vec<_> = r
        .doc
        .links
        .iter()
        .filter(|l| !l.href.trim_start().starts_with('#'))
        .filter(|l| {
            let lower = lowercase_aligned(&l.text);
            if r.topic.is_substring_mode() {
                let squeezed: String = lower.split_whitespace().collect();
                return r
                    .topic
                    .phrases()
                    .any(|p| p.substring.as_deref() == Some(squeezed.as_str()));
            }
            let all = words_of(&lower);
            if r.topic.percent_in(&Tokens::plain(&all), true) < 100 {
                return false;
            }
            let content: Vec<&str> = all
                .iter()
                .copied()
                .filter(|w| !r.lang.is_function_word(w))
                .collect();
            let words = if content.is_empty() { all } else { content };
            r.topic.phrases().any(|p| anchor_within(p, &words))
        })
        .map(|l| r.hl_source(l.source))
        .collect();
    if competing.is_empty() {
        Check::scored(id, SCORES.good, GOOD)
    } else {
        Check::scored(id, SCORES.bad, fill(BAD, &[("n", &competing.len())]))
            .with_highlights(competing)
    }
}
