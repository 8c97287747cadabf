//! Readability checks: Flesch reading ease (and Flesch-Kincaid grade), sentence and paragraph
//! length, passive voice, transition words, subheading distribution, repetitive sentence
//! starts.
//!
//! Language-specific data (formulas, word lists, detectors) comes from
//! [`crate::lang::LanguageProfile`]; a check whose data is missing for the language reports
//! `na`, never a made-up number.

pub mod en;

use crate::seo::{Check, CheckId, Ctx, Stats, MAX_HIGHLIGHTS};
use crate::span::Highlight;
use crate::text::{Block, BlockKind, Sentence, WordMap};

/// Runs every readability check in a stable order.
pub(crate) fn run(ctx: &Ctx<'_>, stats: &mut Stats) -> Vec<Check> {
    let lower = LowerSentences::new(ctx);
    vec![
        flesch(ctx, stats),
        sentence_length(ctx),
        paragraph_length(ctx),
        passive_voice(ctx, &lower),
        transition_words(ctx, &lower),
        subheading_distribution(ctx),
        consecutive_sentences(ctx),
    ]
}

/// The lowercase words of every sentence, gathered once for the word-list checks.
struct LowerSentences<'a> {
    words: Vec<&'a str>,
    /// Per sentence: its block, the sentence, and its range in `words`.
    sentences: Vec<(&'a Block, &'a Sentence, std::ops::Range<usize>)>,
}

impl<'a> LowerSentences<'a> {
    fn new(ctx: &'a Ctx<'_>) -> Self {
        let mut words = Vec::with_capacity(ctx.word_count);
        let mut out = Vec::with_capacity(ctx.doc.sentence_count());
        for (b, s) in sentences(ctx) {
            let start = words.len();
            words.extend(b.sentence_words(s));
            out.push((b, s, start..words.len()));
        }
        Self {
            words,
            sentences: out,
        }
    }

    fn iter(&self) -> impl Iterator<Item = (&'a Block, &'a Sentence, &[&'a str])> + '_ {
        self.sentences
            .iter()
            .map(|(b, s, r)| (*b, *s, self.words.get(r.clone()).unwrap_or(&[])))
    }
}

/// Every sentence of the text, with its block.
fn sentences<'a>(ctx: &'a Ctx<'_>) -> impl Iterator<Item = (&'a Block, &'a Sentence)> + 'a {
    ctx.doc
        .blocks
        .iter()
        .flat_map(|b| b.sentences.iter().map(move |s| (b, s)))
}

/// Flesch-Kincaid grade level (English formula).
pub fn flesch_kincaid_grade(asl: f64, asw: f64) -> f64 {
    0.39 * asl + 11.8 * asw - 15.59
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn flesch(ctx: &Ctx<'_>, stats: &mut Stats) -> Check {
    let id = CheckId::FleschReadingEase;
    let (Some(formula), Some(count)) = (ctx.lang.flesch, ctx.lang.syllables) else {
        let why = ctx
            .language_unsupported(false)
            .unwrap_or_else(|| "Not supported for this language yet.".to_owned());
        return Check::na(id, why);
    };
    if let Some(why) = ctx.language_unsupported(true) {
        return Check::na(id, why);
    }
    let words = ctx.word_count;
    let sentence_count = ctx.doc.sentence_count();
    if words == 0 || sentence_count == 0 {
        return Check::na(id, "There is no text to score yet.");
    }
    let syllables: u32 = ctx
        .doc
        .blocks
        .iter()
        .flat_map(|b| b.words.iter().map(move |&r| count(b.slice(r))))
        .sum();
    let asl = words as f64 / sentence_count as f64;
    let asw = f64::from(syllables) / words as f64;
    let score = formula.score(asl, asw);
    stats.syllables = Some(syllables);
    stats.flesch_reading_ease = Some(round1(score));
    stats.flesch_kincaid_grade = Some(round1(flesch_kincaid_grade(asl, asw)));
    let t = ctx.t;
    let shown = round1(score);
    if score >= t.flesch_good {
        Check::scored(
            id,
            9,
            format!("Flesch reading ease is {shown}: easy to read. Good job!"),
        )
    } else if score >= t.flesch_ok {
        Check::scored(id, 6, format!("Flesch reading ease is {shown}: fairly difficult. Shorter sentences and simpler words help."))
    } else {
        Check::scored(id, 3, format!("Flesch reading ease is {shown}: difficult to read. Use shorter sentences and simpler words."))
    }
}

/// 9 when `v` is at most `good`, 6 at most `ok`, else 3.
fn score_at_most<T: PartialOrd>(v: T, good: T, ok: T) -> u8 {
    if v <= good {
        9
    } else if v <= ok {
        6
    } else {
        3
    }
}

/// 9 when `v` is at least `good`, 6 at least `ok`, else 3.
fn score_at_least(v: f64, good: f64, ok: f64) -> u8 {
    if v >= good {
        9
    } else if v >= ok {
        6
    } else {
        3
    }
}

fn share(part: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        part as f64 * 100.0 / total as f64
    }
}

fn sentence_length(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::SentenceLength;
    if let Some(why) = ctx.words_unsupported() {
        return Check::na(id, why);
    }
    let limit = ctx.lang.long_sentence_words;
    let total = ctx.doc.sentence_count();
    if total == 0 {
        return Check::na(id, "There is no text to score yet.");
    }
    let long: Vec<Highlight> = sentences(ctx)
        .filter(|(_, s)| s.word_count() > limit)
        .map(|(b, s)| ctx.hl(b, s.range))
        .collect();
    let pct = share(long.len(), total);
    let t = ctx.t;
    let score = score_at_most(pct, t.long_sentences_good_pct, t.long_sentences_ok_pct);
    let message = if score == 9 {
        format!("{pct:.0}% of sentences have more than {limit} words. Good!")
    } else {
        format!(
            "{pct:.0}% of sentences have more than {limit} words, more than the recommended {:.0}%. Shorten them.",
            t.long_sentences_good_pct
        )
    };
    Check::scored(id, score, message)
        .with_highlights(long.into_iter().take(MAX_HIGHLIGHTS).collect())
}

fn paragraph_length(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::ParagraphLength;
    if let Some(why) = ctx.words_unsupported() {
        return Check::na(id, why);
    }
    let t = ctx.t;
    let paragraphs: Vec<&Block> = ctx.doc.paragraphs().collect();
    if paragraphs.is_empty() {
        return Check::na(id, "There are no paragraphs yet.");
    }
    let longest = paragraphs.iter().map(|b| b.word_count()).max().unwrap_or(0) as u32;
    let too_long: Vec<Highlight> = paragraphs
        .iter()
        .filter(|b| b.word_count() as u32 > t.paragraph_good_max)
        .take(MAX_HIGHLIGHTS)
        .map(|b| ctx.hl_source(b.source))
        .collect();
    if longest <= t.paragraph_good_max {
        Check::scored(
            id,
            9,
            format!(
                "No paragraph is longer than {} words. Good!",
                t.paragraph_good_max
            ),
        )
    } else {
        let score = score_at_most(longest, t.paragraph_good_max, t.paragraph_ok_max);
        Check::scored(
            id,
            score,
            format!(
                "{} paragraph(s) have more than {} words (the longest: {longest}). Split them.",
                too_long.len(),
                t.paragraph_good_max
            ),
        )
        .with_highlights(too_long)
    }
}

fn passive_voice(ctx: &Ctx<'_>, lower: &LowerSentences<'_>) -> Check {
    let id = CheckId::PassiveVoice;
    let Some(is_passive) = ctx.lang.passive else {
        let why = ctx
            .language_unsupported(false)
            .unwrap_or_else(|| "Not supported for this language yet.".to_owned());
        return Check::na(id, why);
    };
    if let Some(why) = ctx.language_unsupported(true) {
        return Check::na(id, why);
    }
    let total = ctx.doc.sentence_count();
    if total == 0 {
        return Check::na(id, "There is no text to score yet.");
    }
    let mut passive = Vec::new();
    for (b, s, words) in lower.iter() {
        if is_passive(words) {
            passive.push(ctx.hl(b, s.range));
        }
    }
    let pct = share(passive.len(), total);
    let t = ctx.t;
    let score = score_at_most(pct, t.passive_good_pct, t.passive_ok_pct);
    let message = if score == 9 {
        format!("{pct:.0}% of sentences are in the passive voice. Good!")
    } else {
        format!(
            "{pct:.0}% of sentences are in the passive voice, more than the recommended {:.0}%. Say who does what.",
            t.passive_good_pct
        )
    };
    passive.truncate(MAX_HIGHLIGHTS);
    Check::scored(id, score, message).with_highlights(passive)
}

/// True when `tail` (space-separated words) equals the words at the start of `words`.
fn tail_matches(tail: &str, words: &[&str]) -> bool {
    let mut rest = tail;
    for w in words {
        let Some(after) = rest.strip_prefix(w) else {
            return false;
        };
        if after.is_empty() {
            return true;
        }
        let Some(after) = after.strip_prefix(' ') else {
            return false;
        };
        rest = after;
    }
    false
}

/// True when the sentence's words contain a transition word or phrase of `list`.
fn has_transition(
    words: &[&str],
    list: &[&str],
    index: &WordMap<&str, std::ops::Range<usize>>,
) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        let Some(range) = index.get(w) else {
            return false;
        };
        let following = words.get(i + 1..).unwrap_or(&[]);
        list.get(range.clone()).unwrap_or(&[]).iter().any(|p| {
            p.len() == w.len()
                || p.get(w.len() + 1..)
                    .is_some_and(|tail| tail_matches(tail, following))
        })
    })
}

fn transition_words(ctx: &Ctx<'_>, lower: &LowerSentences<'_>) -> Check {
    let id = CheckId::TransitionWords;
    let list = ctx.lang.transition_words;
    if let Some(why) = ctx.language_unsupported(!list.is_empty()) {
        return Check::na(id, why);
    }
    let t = ctx.t;
    if (ctx.word_count as u32) < t.transition_min_words {
        return Check::na(
            id,
            format!(
                "The text is too short ({} words) to judge transition words.",
                ctx.word_count
            ),
        );
    }
    let total = ctx.doc.sentence_count();
    let transitions = ctx.lang.transition_index();
    let mut with = 0;
    for (_, _, words) in lower.iter() {
        if has_transition(words, list, transitions) {
            with += 1;
        }
    }
    let pct = share(with, total);
    let score = score_at_least(pct, t.transition_good_pct, t.transition_ok_pct);
    let message = if score == 9 {
        format!("{pct:.0}% of sentences contain a transition word. Good!")
    } else {
        format!(
            "Only {pct:.0}% of sentences contain a transition word (\"however\", \"because\", \"for example\"…); aim for {:.0}%.",
            t.transition_good_pct
        )
    };
    Check::scored(id, score, message)
}

fn subheading_distribution(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::SubheadingDistribution;
    if let Some(why) = ctx.words_unsupported() {
        return Check::na(id, why);
    }
    if ctx.word_count == 0 {
        return Check::na(id, "There is no text to score yet.");
    }
    let t = ctx.t;
    // Sections of body text between subheadings: (words, first block, last block).
    let mut sections: Vec<(u32, Option<(u32, u32)>)> = vec![(0, None)];
    let mut subheadings = 0;
    for b in &ctx.doc.blocks {
        match b.kind {
            BlockKind::Heading(level) if level >= 2 => {
                subheadings += 1;
                sections.push((0, None));
            }
            _ => {
                if let Some(last) = sections.last_mut() {
                    last.0 += b.word_count() as u32;
                    last.1 = Some(match last.1 {
                        Some((s, _)) => (s, b.source.1),
                        None => b.source,
                    });
                }
            }
        }
    }
    let total = ctx.word_count as u32;
    if subheadings == 0 {
        return if total <= t.subheading_good_max {
            Check::scored(id, 9, "The text is short enough not to need subheadings.")
        } else {
            Check::scored(
                id,
                3,
                format!("The text has {total} words and no subheadings. Add H2s to break it up."),
            )
        };
    }
    let longest = sections.iter().map(|s| s.0).max().unwrap_or(0);
    let hl: Vec<Highlight> = sections
        .iter()
        .filter(|s| s.0 > t.subheading_good_max)
        .filter_map(|s| s.1)
        .map(|r| ctx.hl_source(r))
        .collect();
    if longest <= t.subheading_good_max {
        Check::scored(id, 9, "Subheadings are spread well through the text. Good!")
    } else {
        let score = score_at_most(longest, t.subheading_good_max, t.subheading_ok_max);
        Check::scored(
            id,
            score,
            format!(
                "{} section(s) run longer than {} words without a subheading. Add one.",
                hl.len(),
                t.subheading_good_max
            ),
        )
        .with_highlights(hl)
    }
}

fn consecutive_sentences(ctx: &Ctx<'_>) -> Check {
    let id = CheckId::ConsecutiveSentences;
    if let Some(why) = ctx.words_unsupported() {
        return Check::na(id, why);
    }
    if ctx.word_count == 0 {
        return Check::na(id, "There is no text to score yet.");
    }
    let need = ctx.t.consecutive_sentences;
    let mut hl = Vec::new();
    for b in ctx.doc.blocks.iter().filter(|b| b.is_body()) {
        let mut run: Vec<&Sentence> = Vec::new();
        let mut run_word: Option<&str> = None;
        let flush = |run: &mut Vec<&Sentence>, hl: &mut Vec<Highlight>| {
            if run.len() >= need {
                hl.extend(run.iter().map(|s| ctx.hl(b, s.range)));
            }
            run.clear();
        };
        for s in &b.sentences {
            let first = b.sentence_words(s).next();
            if first.is_some() && first == run_word {
                run.push(s);
            } else {
                flush(&mut run, &mut hl);
                run.push(s);
                run_word = first;
            }
        }
        flush(&mut run, &mut hl);
    }
    if hl.is_empty() {
        Check::scored(id, 9, "Sentences start with varied words. Good!")
    } else {
        hl.truncate(MAX_HIGHLIGHTS);
        Check::scored(
            id,
            3,
            format!(
                "{need} or more sentences in a row start with the same word. Vary the openings."
            ),
        )
        .with_highlights(hl)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_match_words_and_phrases() {
        let list = en::TRANSITION_WORDS;
        assert!(
            list.windows(2).all(|w| w[0] < w[1]),
            "list must stay sorted"
        );
        let t = crate::lang::Language::En.profile().transition_index();
        assert!(has_transition(
            &["it", "is", "warm", "because", "of", "wool"],
            list,
            t
        ));
        assert!(has_transition(&["for", "example", "the", "mug"], list, t));
        assert!(!has_transition(&["for", "the", "mug"], list, t));
        assert!(has_transition(&["as", "a", "result", "x"], list, t));
        assert!(!has_transition(&["as", "a", "rule"], list, t));
    }

    #[test]
    fn fk_grade_formula() {
        assert!((flesch_kincaid_grade(10.0, 1.5) - (3.9 + 17.7 - 15.59)).abs() < 1e-9);
    }
}
