//! Clitics and particles that attach to words, for keyphrase matching.
//!
//! Hebrew writes its prepositions, conjunction, article and relative particle as one-letter
//! prefixes (ו ה ב כ ל מ ש: מצמר "from wool" holds צמר "wool"), Arabic its conjunctions,
//! prepositions, future particle and article (و ف ب ك ل س ال: بالقهوة "with the coffee"),
//! Persian its plural, indefinite and possessive endings (ها ی ام…, often after a zero-width
//! non-joiner: کتاب‌ها), Korean its case and topic particles (양말은 "the socks (topic)").
//! A text word matches a keyphrase word when it is the word with a stack of the language's
//! prefixes before it and at most one of its suffixes after it; a keyphrase word that itself
//! starts with a prefix also matches as its stem (הצמר matches צמר), as Yoast SEO's basic word
//! forms do for Hebrew and Arabic.
//!
//! The data file's sections: `clitic_prefixes`, `clitic_suffixes`. Persian text is also
//! normalized (zero-width non-joiners removed, Arabic ي ك ى written as Persian ی ک ی) before
//! comparing, since both spellings are in everyday use.

use std::borrow::Cow;

use super::{Language, WordLists};

/// A language's attachable prefixes and suffixes.
#[derive(Debug, Default)]
pub struct Affixes {
    prefixes: Vec<&'static str>,
    suffixes: Vec<&'static str>,
    /// Persian spelling normalization.
    persian: bool,
}

/// Shortest stem (in characters) left after stripping prefixes from a keyphrase word.
const MIN_STEM_CHARS: usize = 2;

impl Affixes {
    pub(super) fn new(lists: &'static WordLists, language: Language) -> Self {
        Self {
            prefixes: lists.section("clitic_prefixes").to_vec(),
            suffixes: lists.section("clitic_suffixes").to_vec(),
            persian: language == Language::Fa,
        }
    }

    /// True when the language attaches anything to words (or normalizes spelling).
    pub fn is_active(&self) -> bool {
        !self.prefixes.is_empty() || !self.suffixes.is_empty() || self.persian
    }

    /// The word as compared: Persian spelling normalized; other languages unchanged.
    pub fn normalize<'a>(&self, word: &'a str) -> Cow<'a, str> {
        if !self.persian || !word.contains(['\u{200C}', 'ي', 'ك', 'ى']) {
            return Cow::Borrowed(word);
        }
        Cow::Owned(
            word.chars()
                .filter(|&c| c != '\u{200C}')
                .map(|c| match c {
                    'ي' | 'ى' => 'ی',
                    'ك' => 'ک',
                    c => c,
                })
                .collect(),
        )
    }

    /// True when `s` is a stack of at most `max` prefixes.
    fn is_prefix_stack(&self, s: &str, max: u8) -> bool {
        if s.is_empty() {
            return true;
        }
        max > 0
            && self.prefixes.iter().any(|p| {
                s.strip_prefix(p)
                    .is_some_and(|rest| self.is_prefix_stack(rest, max - 1))
            })
    }

    /// True when `token` (normalized) is `form` with prefixes before it (at most `max`) and at
    /// most one suffix after it, at least one of them there.
    pub fn matches(&self, token: &str, form: &str, max: u8) -> bool {
        if form.is_empty() || token.len() <= form.len() {
            return false;
        }
        let mut from = 0;
        while let Some(i) = token.get(from..).and_then(|t| t.find(form)) {
            let start = from + i;
            let end = start + form.len();
            let (before, after) = (
                token.get(..start).unwrap_or(""),
                token.get(end..).unwrap_or(""),
            );
            if self.is_prefix_stack(before, max)
                && (after.is_empty() || self.suffixes.contains(&after))
            {
                return true;
            }
            // Next occurrence: one character on.
            from = start + form.chars().next().map_or(1, char::len_utf8);
        }
        false
    }

    /// The word without one leading prefix (the longest), when a stem of at least two
    /// characters is left.
    pub fn strip_one_prefix<'a>(&self, word: &'a str) -> Option<&'a str> {
        self.prefixes
            .iter()
            .filter_map(|p| word.strip_prefix(p))
            .filter(|rest| rest.chars().count() >= MIN_STEM_CHARS)
            .min_by_key(|rest| rest.len())
    }

    /// True when `pred` holds for some stem of `word` left by a stack of 1 to `max`
    /// prefixes, at least two characters long (function-word lookups: `ולכן` → `לכן`,
    /// `والذي` → `الذي`).
    pub fn any_prefix_stem(&self, word: &str, max: u8, pred: &dyn Fn(&str) -> bool) -> bool {
        max > 0
            && self.prefixes.iter().any(|p| {
                word.strip_prefix(p).is_some_and(|rest| {
                    rest.chars().count() >= MIN_STEM_CHARS
                        && (pred(rest) || self.any_prefix_stem(rest, max - 1, pred))
                })
            })
    }
}
