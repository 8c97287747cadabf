//! Keyphrase in meta description (Yoast: `metaDescriptionKeyword`).
//!
//! Measures: per sentence of the meta description, the full occurrences of the keyphrase (every
//! content word; the count is the rarest word's) plus those of each synonym among the words the
//! keyphrase's occurrences did not use, summed. Applies: always. Judges: 1 or 2 → good; none,
//! more than 2, or no keyphrase/meta → bad.

use crate::analysis::assessment::{fill, Assessment, SectionKind};
use crate::analysis::interner::zeros;
use crate::analysis::keyphrase::{matching_words_lower, words_of, Tokens};
use crate::analysis::researcher::{Researcher, MAX_HIGHLIGHTS};
use crate::analysis::types::{Check, CheckId};
use crate::span::Field;
use crate::text::{lowercase_aligned, sentence_bounds, word_ranges};

/// Occurrences that are good.
const GOOD_COUNT: std::ops::RangeInclusive<u32> = 1..=2;

struct Scores {
    good: i16,
    bad: i16,
}
const SCORES: Scores = Scores { good: 9, bad: 3 };

const MISSING: &str =
    "Please add both a keyphrase and a meta description containing the keyphrase.";
const NOT_FOUND: &str =
    "The meta description has been specified, but it does not contain the keyphrase. Fix that!";
const GOOD: &str = "Keyphrase or synonym appear in the meta description. Well done!";
const TOO_MANY: &str = "The meta description contains the keyphrase {n} times, which is over the advised maximum of 2 times. Limit that!";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::KeyphraseInMetaDescription,
    section: SectionKind::Seo,
    yoast: Some("metaDescriptionKeyword"),
    run,
};

/// The keyphrase's occurrences among `tokens` (one sentence's words), then the synonyms' among
/// the words those did not use.
fn count_in_sentence(r: &Researcher<'_>, tokens: &Tokens<'_>) -> u32 {
    let topic = &r.topic;
    let n = topic.keyphrase.count_in(tokens);
    let synonyms = |t: &Tokens<'_>| topic.synonyms.iter().map(|s| s.count_in(t)).sum::<u32>();
    if n == 0 {
        return synonyms(tokens);
    }
    // Each keyphrase word uses the first `n` tokens it matches among those left.
    let mut used: Vec<bool> = zeros(tokens.len());
    for w in &topic.keyphrase.words {
        let mut left = n;
        for (i, u) in used.iter_mut().enumerate() {
            if left == 0 {
                break;
            }
            if !*u && tokens.matches_word(i, w) {
                *u = true;
                left -= 1;
            }
        }
    }
    let left = tokens.without(&used);
    n + synonyms(&left.tokens())
}

/// Keyphrase and synonym occurrences in the meta description (`lower`, lowercased), summed
/// over its sentences, and the byte ranges of its words that match the topic (for highlights).
fn count(r: &Researcher<'_>, lower: &str) -> (u32, Vec<(usize, usize)>) {
    if r.topic.is_substring_mode() {
        let n = r.topic.substring_matches(lower, true).len() as u32;
        return (n, matching_words_lower(&r.topic, lower, true));
    }
    // The description is segmented and matched once; each sentence's words are a slice of
    // its words, and a word's match against the topic is a bit test.
    let ranges = word_ranges(lower);
    let words: Vec<&str> = ranges
        .iter()
        .map(|&(s, e)| lower.get(s as usize..e as usize).unwrap_or(""))
        .collect();
    let masks = r.topic.masks_of(&words, lower.is_ascii());
    let ids: Vec<u32> = (0..words.len() as u32).collect();
    let mut n = 0;
    let mut w = 0;
    for (start, sentence) in sentence_bounds(lower) {
        let end = start + sentence.len();
        let at = |i: usize| ranges.get(i).map(|&(s, e)| (s as usize, e as usize));
        while at(w).is_some_and(|(_, e)| e <= start) {
            w += 1;
        }
        let first = w;
        let crosses_start = at(w).is_some_and(|(s, _)| s < start);
        while at(w).is_some_and(|(s, e)| s >= start && e <= end) {
            w += 1;
        }
        let crosses_end = at(w).is_some_and(|(s, _)| s < end);
        n += if crosses_start || crosses_end {
            // A word of the whole description across the sentence's edge ("word.Next" is one
            // word to UAX #29): the sentence's own words, compared as strings.
            count_in_sentence(r, &Tokens::plain(&words_of(sentence)))
        } else {
            let (Some(words), Some(ids)) = (words.get(first..w), ids.get(first..w)) else {
                continue;
            };
            count_in_sentence(r, &Tokens::indexed(words, ids, &masks, &r.topic))
        };
    }
    let hits = ranges
        .iter()
        .zip(&masks)
        .filter(|(_, &m)| m != 0)
        .map(|(&(s, e), _)| (s as usize, e as usize))
        .collect();
    (n, hits)
}

fn run(r: &Researcher<'_>) -> Check {
    let id = ASSESSMENT.id;
    let meta = &r.input.meta_description;
    if r.topic.is_empty() || meta.trim().is_empty() {
        return Check::scored(id, SCORES.bad, MISSING);
    }
    let lower = lowercase_aligned(meta);
    let (n, hits) = count(r, &lower);
    let highlights = || {
        hits.iter()
            .take(MAX_HIGHLIGHTS)
            .map(|&(s, e)| r.hl_field(Field::MetaDescription, s, e))
            .collect()
    };
    if n == 0 {
        Check::scored(id, SCORES.bad, NOT_FOUND)
    } else if GOOD_COUNT.contains(&n) {
        Check::scored(id, SCORES.good, GOOD).with_highlights(highlights())
    } else {
        Check::scored(id, SCORES.bad, fill(TOO_MANY, &[("n", &n)])).with_highlights(highlights())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::AnalyzeInput;
    use crate::text::Document;

    /// The count as each sentence's own words give it, compared as strings: the description
    /// segmented sentence by sentence, and the words the keyphrase used taken out one by one.
    fn reference(r: &Researcher<'_>, lower: &str) -> u32 {
        let mut n = 0;
        for (_, sentence) in sentence_bounds(lower) {
            let mut words = words_of(sentence);
            let kp = &r.topic.keyphrase;
            let k = kp.count_in(&Tokens::plain(&words));
            for w in &kp.words {
                let mut left = k;
                words.retain(|t| {
                    let used = left > 0 && w.matches(t);
                    left -= u32::from(used);
                    !used
                });
            }
            let synonyms = r.topic.synonyms.iter();
            n += k + synonyms
                .map(|s| s.count_in(&Tokens::plain(&words)))
                .sum::<u32>();
        }
        n
    }

    fn check(meta: &str, keyphrase: &str, synonyms: &[&str], locale: &str) -> (u32, u32) {
        let input = AnalyzeInput {
            keyphrase: keyphrase.to_owned(),
            synonyms: synonyms.iter().map(|s| (*s).to_owned()).collect(),
            locale: locale.to_owned(),
            ..AnalyzeInput::default()
        };
        let doc = Document::parse("");
        let r = Researcher::new(&input, &doc);
        let lower = lowercase_aligned(meta);
        let (n, hits) = count(&r, &lower);
        let matching = matching_words_lower(&r.topic, &lower, true);
        assert_eq!(hits, matching, "{meta:?}");
        (n, reference(&r, &lower))
    }

    #[test]
    fn words_across_a_sentence_edge_count_as_each_sentence_has_them() {
        // "צמר.הצמר" is one word of the whole description and ends one sentence and starts the
        // next (Hebrew has no case to tell an abbreviation's period).
        let (n, reference) = check("צמר.הצמר צמר", "צמר", &[], "he_IL");
        assert_eq!((n, reference), (3, 3));
        // "socks.warm" is one sentence and one word.
        assert_eq!(
            check("Wool socks.Warm wool socks.", "wool socks", &[], "en_US"),
            (1, 1)
        );
    }

    #[test]
    fn each_keyphrase_word_uses_its_own_tokens_before_the_synonyms_count() {
        // The keyphrase once (each "wool" takes one), then no "wool" left for the synonym.
        assert_eq!(
            check("Wool wool socks", "wool wool socks", &["wool"], "en_US"),
            (1, 1)
        );
        // One "wool" left over: the synonym counts it.
        assert_eq!(
            check("Wool wool socks wool", "wool socks", &["wool"], "en_US").0,
            3
        );
    }

    proptest::proptest! {
        /// The description segmented once counts what each sentence segmented on its own
        /// counts, in English and in languages whose clitics attach to words (French elision,
        /// Hebrew prefixes), with keyphrases of hyphenated words, exact (quoted) ones and
        /// synonyms sharing words with the keyphrase.
        #[test]
        fn one_segmentation_counts_as_each_sentence_did(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "wool", "Wool", "socks", "sock", "t-shirt", "shirt", "l'eau", "eau", "l’eau",
                "הצמר", "צמר", "é", "socks.Warm", "3.5", "a", "the",
            ]), 0..24),
            seps in proptest::collection::vec(proptest::sample::select(vec![
                " ", " ", " ", ". ", "! ", "? ", ", ", ".", " - ", "\n",
            ]), 24),
            keyphrase in proptest::sample::select(vec![
                "wool socks", "socks", "\"wool socks\"", "t-shirt", "l'eau", "צמר", "the a",
                "wool wool socks",
            ]),
            synonyms in proptest::sample::subsequence(vec!["socks", "wool", "shirt", "eau"], 0..3),
            locale in proptest::sample::select(vec!["en_US", "fr_FR", "he_IL"]),
        ) {
            let meta: String = words.iter().zip(&seps).map(|(w, s)| format!("{w}{s}")).collect();
            let (n, reference) = check(&meta, keyphrase, &synonyms, locale);
            proptest::prop_assert_eq!(n, reference, "{:?}", meta);
        }
    }
}
