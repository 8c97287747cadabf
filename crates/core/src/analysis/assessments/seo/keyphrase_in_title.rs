//! Keyphrase in SEO title (Yoast: `keyphraseInSEOTitle`).
//!
//! Measures: where the exact keyphrase (as typed, case- and diacritics-insensitive, at word
//! boundaries) appears in the SEO title, counting function words before it as its start; else
//! whether all its content words appear. Applies: always. Judges: exact match at the start
//! good; exact match later, or all words in another order, ok; otherwise (or with no keyphrase
//! or title) bad. A quoted keyphrase needs its exact match.

use crate::analysis::assessment::{Assessment, SectionKind};
use std::borrow::Cow;

use crate::analysis::keyphrase::{matching_words_lower, unquote, words_of, Tokens};
use crate::analysis::researcher::{Researcher, MAX_HIGHLIGHTS};
use crate::analysis::types::{Check, CheckId};
use crate::lang::LanguageProfile;
use crate::span::Field;
use crate::text::{fold_latin, lowercase_aligned, single_spaced};

struct Scores {
    good: i16,
    okay: i16,
    bad: i16,
}
const SCORES: Scores = Scores {
    good: 9,
    okay: 6,
    bad: 2,
};

const MISSING: &str = "Please add both a keyphrase and an SEO title beginning with the keyphrase.";
const GOOD: &str =
    "The exact match of the focus keyphrase appears at the beginning of the SEO title. Good job!";
const NOT_AT_START: &str = "The exact match of the focus keyphrase appears in the SEO title, but not at the beginning. Move it to the beginning for the best results.";
const NOT_EXACT: &str = "Does not contain the exact match. Try to write the exact match of your keyphrase in the SEO title and put it at the beginning of the title.";
const NOT_ALL_WORDS: &str = "Not all the words from your keyphrase appear in the SEO title. For the best SEO results write the exact match of your keyphrase in the SEO title, and put the keyphrase at the beginning of the title.";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::KeyphraseInTitle,
    section: SectionKind::Seo,
    yoast: Some("keyphraseInSEOTitle"),
    run,
};

/// Byte position of the first `needle` in `hay` at or after byte `from`. Titles and keyphrases
/// are short: a scan for the needle's first byte and a comparison cost less than setting up
/// `str::find`'s two-way searcher. A match of the whole needle starts at a character boundary
/// (its first byte is no continuation byte).
fn find_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = *n.first()?;
    let mut i = from;
    while i + n.len() <= h.len() {
        i += h.get(i..)?.iter().position(|&b| b == first)?;
        if h.get(i..i + n.len()) == Some(n) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Collapses runs of whitespace to one space and trims, after lowercasing.
#[cfg(test)]
fn collapse(s: &str) -> String {
    collapse_lower(&lowercase_aligned(s)).into_owned()
}

/// [`collapse`] of a text lowercased by [`lowercase_aligned`]: the text itself when it is
/// single-spaced already, as most titles are (the HTML builder's test).
fn collapse_lower(lower: &str) -> Cow<'_, str> {
    if single_spaced(lower) {
        return Cow::Borrowed(lower);
    }
    let mut out = String::with_capacity(lower.len());
    for w in lower.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    Cow::Owned(out)
}

/// Byte position of `needle` in `hay` (both lowercase, whitespace collapsed) at word
/// boundaries.
fn find_at_word_boundary(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(start) = find_from(hay, needle, from) {
        let end = start + needle.len();
        let before_ok = hay[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = hay[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(start);
        }
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Where the exact keyphrase starts in the title, with leading function words counted as the
/// start (position 0).
#[cfg(test)]
fn exact_position(title: &str, keyphrase: &str, lang: &LanguageProfile) -> Option<usize> {
    exact_position_in(&collapse(title), keyphrase, lang)
}

/// [`exact_position`] in the title lowercased and collapsed ([`collapse_lower`]).
fn exact_position_in(hay: &str, keyphrase: &str, lang: &LanguageProfile) -> Option<usize> {
    let lower = lowercase_aligned(keyphrase);
    let needle = collapse_lower(&lower);
    let pos = find_at_word_boundary(hay, &needle).or_else(|| {
        let folded = fold_latin(&needle);
        (folded != needle)
            .then(|| find_at_word_boundary(hay, &folded))
            .flatten()
    })?;
    let before = hay.get(..pos).unwrap_or("");
    let only_function_words =
        lang.has_function_words() && words_of(before).iter().all(|w| lang.is_function_word(w));
    Some(if pos == 0 || only_function_words {
        0
    } else {
        pos
    })
}

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let title = &r.input.title;
    if r.topic.is_empty() || title.trim().is_empty() {
        return Check::scored(id, SCORES.bad, MISSING);
    }
    // The title lowercased (its byte ranges are the title's), and collapsed for the exact
    // match: most titles are single-spaced, and then the two are the same string.
    let lower = lowercase_aligned(title);
    let hay = collapse_lower(&lower);
    let hl = || {
        matching_words_lower(&r.topic, &lower, false)
            .into_iter()
            .take(MAX_HIGHLIGHTS)
            .map(|(s, e)| r.hl_field(Field::Title, s, e))
            .collect()
    };
    let quoted = unquote(&r.topic.raw);
    let keyphrase = quoted.unwrap_or(&r.topic.raw);
    match exact_position_in(&hay, keyphrase, r.lang) {
        Some(0) => Check::scored(id, SCORES.good, GOOD).with_highlights(hl()),
        Some(_) => Check::scored(id, SCORES.okay, NOT_AT_START).with_highlights(hl()),
        None if quoted.is_some() => Check::scored(id, SCORES.bad, NOT_EXACT),
        None => {
            let all = if r.topic.is_substring_mode() {
                !r.topic.substring_matches(&lower, false).is_empty()
            } else {
                r.topic.percent_in(&Tokens::plain(&words_of(&lower)), false) == 100
            };
            if all {
                Check::scored(id, SCORES.okay, NOT_EXACT).with_highlights(hl())
            } else {
                Check::scored(id, SCORES.bad, NOT_ALL_WORDS)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    #[test]
    fn leading_function_words_count_as_the_start() {
        let en = Language::En.profile();
        assert_eq!(exact_position("The Wool Socks", "wool socks", en), Some(0));
        assert_eq!(
            exact_position("Warm wool  socks", "wool socks", en),
            Some(5)
        );
        assert_eq!(exact_position("Steelwool socks", "wool socks", en), None);
        assert_eq!(exact_position("Cafe Crème", "café crème", en), None);
        assert_eq!(exact_position("Cafe Creme", "café crème", en), Some(0));
    }

    proptest::proptest! {
        /// Collapsing equals lowercasing and joining the whitespace-separated pieces with one
        /// space, and the byte search equals `str::find` (typographic and other whitespace
        /// included).
        #[test]
        fn collapse_and_find_agree_with_std(
            s in "[aB \t\n\u{0b}\u{a0}\u{2003}é–]{0,16}",
            needle in "[aBé –]{1,3}",
            k in 0usize..18,
        ) {
            // The search resumes at character boundaries.
            let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
            let from = bounds[k % bounds.len()];
            let reference = lowercase_aligned(&s)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            proptest::prop_assert_eq!(collapse(&s), reference);
            let want = s
                .get(from..)
                .and_then(|rest| rest.find(needle.as_str()))
                .map(|p| from + p);
            proptest::prop_assert_eq!(find_from(&s, &needle, from), want);
        }
    }
}
