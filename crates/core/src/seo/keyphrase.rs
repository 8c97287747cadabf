//! Keyphrase matching: which words of a text count as an occurrence of the keyphrase.
//!
//! A keyphrase (and each synonym) becomes a list of lowercase content words (function words
//! dropped unless nothing else is left). A sentence contains an occurrence when every content
//! word appears in it, in any order; the number of occurrences is the smallest count among
//! its words. Words match exactly or as a simple plural (`mug`/`mugs`, `box`/`boxes`,
//! `accessory`/`accessories`).
//!
//! A keyphrase in a script written without spaces (Chinese, Japanese, Thai…) has no words to
//! match; it is matched as a substring instead, the keyphrase and each synonym as a whole.

use unicode_segmentation::UnicodeSegmentation;

use crate::lang::LanguageProfile;
use crate::text::{dominant_script, lowercase_aligned, TextScript};

/// The keyphrase and its synonyms, ready for matching.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keyphrase {
    /// The keyphrase as typed, lowercased, whitespace collapsed.
    pub phrase: String,
    /// Content words of the keyphrase, then of each synonym.
    pub forms: Vec<Vec<String>>,
    /// Content words of the keyphrase alone.
    pub content_words: usize,
    /// For keyphrases in scripts without spaces: the keyphrase and synonyms (lowercase,
    /// spaces removed) matched as substrings.
    pub substrings: Vec<String>,
}

impl Keyphrase {
    /// Prepares a keyphrase and synonyms for matching.
    pub fn new(keyphrase: &str, synonyms: &[String], lang: &LanguageProfile) -> Self {
        let phrase = lowercase_aligned(keyphrase)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let mut forms = Vec::new();
        let main = content_words(&phrase, lang);
        let content_words = main.len();
        if !main.is_empty() {
            forms.push(main);
        }
        for s in synonyms {
            let words = content_words_of(s, lang);
            if !words.is_empty() && !forms.contains(&words) {
                forms.push(words);
            }
        }
        let substrings = if dominant_script([phrase.as_str()]) == TextScript::Unsegmented {
            std::iter::once(phrase.as_str())
                .chain(synonyms.iter().map(String::as_str))
                .map(|p| lowercase_aligned(p).split_whitespace().collect::<String>())
                .filter(|p| !p.is_empty())
                .collect()
        } else {
            Vec::new()
        };
        Self {
            phrase,
            forms,
            content_words,
            substrings,
        }
    }

    /// Non-overlapping substring matches of the keyphrase or a synonym (substring mode).
    fn substring_matches(&self, lower: &str) -> Vec<(usize, usize)> {
        let mut best: Vec<(usize, usize)> = Vec::new();
        for p in &self.substrings {
            let found: Vec<(usize, usize)> = lower
                .match_indices(p.as_str())
                .map(|(i, m)| (i, i + m.len()))
                .collect();
            if found.len() > best.len() {
                best = found;
            }
        }
        best
    }

    /// True when no keyphrase was given.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty() || self.content_words == 0
    }

    /// Occurrences among a sentence's lowercase words (the best of keyphrase and synonyms).
    pub fn count_in<'a, I>(&self, words: I) -> u32
    where
        I: IntoIterator<Item = &'a str> + Clone,
    {
        self.forms
            .iter()
            .map(|form| {
                form.iter()
                    .map(|k| {
                        words
                            .clone()
                            .into_iter()
                            .filter(|w| word_matches(k, w))
                            .count() as u32
                    })
                    .min()
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0)
    }

    /// Occurrences in a piece of plain text.
    pub fn count_in_text(&self, text: &str) -> u32 {
        let lower = lowercase_aligned(text);
        if !self.substrings.is_empty() {
            return self.substring_matches(&lower).len() as u32;
        }
        let words: Vec<&str> = lower.unicode_words().collect();
        self.count_in(words.iter().copied())
    }

    /// Byte ranges in `text` of the words that match any keyphrase/synonym word.
    pub fn matching_words(&self, text: &str) -> Vec<(usize, usize)> {
        let lower = lowercase_aligned(text);
        if !self.substrings.is_empty() {
            return self.substring_matches(&lower);
        }
        lower
            .unicode_word_indices()
            .filter(|(_, w)| {
                self.forms
                    .iter()
                    .any(|f| f.iter().any(|k| word_matches(k, w)))
            })
            .map(|(i, w)| (i, i + w.len()))
            .collect()
    }

    /// Where the exact keyphrase (as typed, case-insensitive) starts in `text`, at word
    /// boundaries.
    pub fn exact_position(&self, text: &str) -> Option<usize> {
        if self.phrase.is_empty() {
            return None;
        }
        if let Some(p) = self.substrings.first() {
            return lowercase_aligned(text).find(p.as_str());
        }
        let lower = lowercase_aligned(text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let mut from = 0;
        while let Some(p) = lower.get(from..).and_then(|s| s.find(&self.phrase)) {
            let start = from + p;
            let end = start + self.phrase.len();
            let before_ok = lower[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = lower[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok {
                return Some(start);
            }
            from = start + lower[start..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }
}

fn content_words_of(text: &str, lang: &LanguageProfile) -> Vec<String> {
    content_words(&lowercase_aligned(text), lang)
}

fn content_words(lower: &str, lang: &LanguageProfile) -> Vec<String> {
    let all: Vec<&str> = lower.unicode_words().collect();
    let content: Vec<String> = all
        .iter()
        .filter(|w| !lang.is_function_word(w))
        .map(|w| (*w).to_owned())
        .collect();
    if content.is_empty() {
        all.into_iter().map(str::to_owned).collect()
    } else {
        content
    }
}

/// A text word matches a keyphrase word exactly or as a simple plural of it (either way).
pub fn word_matches(key: &str, word: &str) -> bool {
    // Every accepted form shares the first byte and differs in length by at most two.
    if key.as_bytes().first() != word.as_bytes().first() || key.len().abs_diff(word.len()) > 2 {
        return false;
    }
    if key == word {
        return true;
    }
    let (short, long) = if key.len() < word.len() {
        (key, word)
    } else {
        (word, key)
    };
    match long.strip_prefix(short) {
        Some("s") => short.len() > 1,
        Some("es") => short.ends_with(['s', 'x', 'z', 'h', 'o']),
        _ => {
            // accessory / accessories
            short
                .strip_suffix('y')
                .is_some_and(|stem| stem.len() > 1 && long.strip_prefix(stem) == Some("ies"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    fn kp(k: &str, syn: &[&str]) -> Keyphrase {
        let syn: Vec<String> = syn.iter().map(|s| (*s).to_owned()).collect();
        Keyphrase::new(k, &syn, Language::En.profile())
    }

    #[test]
    fn function_words_are_dropped_unless_alone() {
        assert_eq!(
            kp("The best wool socks", &[]).forms[0],
            vec!["best", "wool", "socks"]
        );
        assert_eq!(kp("The Who", &[]).forms[0], vec!["the", "who"]);
        assert!(kp("  ", &[]).is_empty());
    }

    #[test]
    fn plurals_match_both_ways() {
        assert!(word_matches("sock", "socks"));
        assert!(word_matches("boxes", "box"));
        assert!(word_matches("accessory", "accessories"));
        assert!(!word_matches("s", "ss"));
        assert!(!word_matches("sock", "socket"));
        assert!(word_matches("glass", "glasses"));
    }

    #[test]
    fn counts_occurrences_in_any_order() {
        let k = kp("wool socks", &["merino stockings"]);
        assert_eq!(
            k.count_in_text("Socks made of wool, warm socks of wool."),
            2
        );
        assert_eq!(k.count_in_text("Warm socks."), 0);
        assert_eq!(k.count_in_text("Merino stockings!"), 1);
    }

    #[test]
    fn unsegmented_keyphrases_match_as_substrings() {
        let k = kp("羊毛毛衣", &[]);
        assert_eq!(k.count_in_text("这款羊毛毛衣柔软。羊毛毛衣！"), 2);
        assert_eq!(
            k.count_in_text("羊毛和毛衣"),
            0,
            "scattered characters are no match"
        );
        assert_eq!(k.matching_words("买羊毛毛衣"), vec![(3, 15)]);
        assert_eq!(k.exact_position("羊毛毛衣 – 冬季"), Some(0));
    }

    #[test]
    fn exact_position_respects_word_boundaries() {
        let k = kp("Wool Socks", &[]);
        assert_eq!(k.exact_position("Wool socks for winter"), Some(0));
        assert_eq!(k.exact_position("Best  wool socks"), Some(5));
        assert_eq!(k.exact_position("Steelwool socks"), None);
    }
}
