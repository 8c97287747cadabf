//! Passive-voice detectors, driven by each language's data file.
//!
//! Three kinds, as the languages build their passive (and as Yoast SEO distinguishes
//! "periphrastic" from "morphological" passives):
//!
//! - [`Passive::Auxiliary`] (English, Spanish, French, Italian, Portuguese, Polish, German,
//!   Dutch, Persian): a passive auxiliary (*be*, *ser*, *être*, *essere*/*venire*, *być*/
//!   *zostać*, *werden*, *worden*, *شدن*) and a past participle in the same clause: after it,
//!   or (German and Dutch verb-final clauses, Persian) on either side. A clause break (a
//!   conjunction, a relative or subject pronoun: `passive_clause_breaks`) separates them. A
//!   participle is a listed irregular one (`passive_irregular_participles`) or a word matching
//!   one of the `passive_participle_patterns` (`*ed`, `ge*t`, `*ge*en`, `*ado`: literal
//!   pieces around a stem of at least two characters) that is neither listed as a look-alike
//!   (`passive_not_participles`: *bed*, *helado*) nor matches a look-alike pattern
//!   (`passive_not_participle_patterns`: German `*heit`, `*gewicht`), and not right after a
//!   determiner (`passive_not_before_participle`: "is an LED lamp").
//! - [`Passive::Participles`] (Russian, Hebrew): the passive is in the verb form itself: a
//!   sentence is passive when one of its words, after stripping clitic prefixes, is a listed
//!   passive form or matches a pattern (Russian short participles: `*ан`, `*ена`, `*ит`) and
//!   is not a listed look-alike (*цена*, *стена*).
//! - [`Passive::Arabic`]: Arabic marks its passive with vowels: a damma on the first letter
//!   (صُنِع), when the text is vocalized, or one of the listed unvocalized passive forms whose
//!   long vowel shows it (قيل, بيع); a leading و is stripped first.

use super::{LanguageProfile, WordLists};
use crate::text::WordMap;

/// Which passive-voice detector a language has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passive {
    /// Auxiliary + past participle in one clause.
    Auxiliary {
        /// The participle may come before the auxiliary (verb-final clauses).
        any_order: bool,
    },
    /// A passive verb form on its own.
    Participles,
    /// Arabic: a damma on the first letter, or a listed form.
    Arabic,
}

const CLAUSE_BREAK: u8 = 1;
const AUXILIARY: u8 = 2;
const PARTICIPLE: u8 = 4;
const DETERMINER: u8 = 8;
const NOT_PARTICIPLE: u8 = 16;
/// In a word's facts ([`facts_of`]): the word is a participle by the detector's rules.
const IS_PARTICIPLE: u8 = 32;

/// The detector's word classes (one hash lookup per word) and participle patterns.
#[derive(Debug, Default)]
pub(crate) struct PassiveLexicon {
    classes: WordMap<&'static str, u8>,
    patterns: Vec<Glob>,
    /// Patterns of words that are never participles (`*heit`, `*gewicht`).
    not_patterns: Vec<Glob>,
    /// The last bytes a word must end with for one of `patterns` to match (all of them when a
    /// pattern ends in `*`): most words end in none, and skip the patterns.
    pattern_ends: [u64; 4],
}

/// A word pattern: literal pieces around `*`s (`ge*t`, `*ge*en`, `*ado`). Each `*` stands for
/// at least one character, and together for at least two (a stem).
#[derive(Debug)]
struct Glob {
    pieces: Vec<&'static str>,
    /// The first byte a matching word has (its head's), if the pattern fixes one.
    first: Option<u8>,
    /// The last byte a matching word has (its tail's), if the pattern fixes one.
    last: Option<u8>,
}

impl Glob {
    fn new(pattern: &'static str) -> Option<Self> {
        pattern.contains('*').then(|| Self {
            pieces: pattern.split('*').collect(),
            first: pattern.bytes().next().filter(|&b| b != b'*'),
            last: pattern.bytes().next_back().filter(|&b| b != b'*'),
        })
    }

    /// [`Self::matches`], after a look at the word's first and last bytes (most words fail
    /// there: German tries fifteen patterns on every word ending in `t` or `n`).
    #[inline]
    fn may_match(&self, word: &str) -> bool {
        let w = word.as_bytes();
        (self.first.is_none() || w.first() == self.first.as_ref())
            && (self.last.is_none() || w.last() == self.last.as_ref())
            && self.matches(word)
    }

    fn matches(&self, word: &str) -> bool {
        let (Some(first), Some(last)) = (self.pieces.first(), self.pieces.last()) else {
            return false;
        };
        // Byte by byte: the pieces are a few letters, and `starts_with`/`ends_with` call
        // `memcmp` (German tries fifteen patterns on every unlisted word).
        let (w, head, tail) = (word.as_bytes(), first.as_bytes(), last.as_bytes());
        if w.len() < head.len() + tail.len()
            || !w.iter().zip(head).all(|(a, b)| a == b)
            || !w.iter().rev().zip(tail.iter().rev()).all(|(a, b)| a == b)
        {
            return false;
        }
        let Some(mut middle) = word.get(first.len()..word.len() - last.len()) else {
            return false;
        };
        let inner = self.pieces.get(1..self.pieces.len() - 1).unwrap_or(&[]);
        let mut stem_chars = 0;
        for piece in inner {
            // The wildcard before this piece: at least one character, then the piece.
            let Some(at) = find_after_first_char(middle, piece) else {
                return false;
            };
            stem_chars += middle.get(..at).map_or(0, |m| m.chars().count());
            middle = middle.get(at + piece.len()..).unwrap_or("");
        }
        let last_wildcard = middle.chars().count();
        last_wildcard >= 1 && stem_chars + last_wildcard >= 2
    }
}

/// The first place of `piece` in `hay` after `hay`'s first character, byte by byte: a
/// non-empty piece starts with an ASCII or a lead byte, so a byte match is a character
/// boundary, and no match can start inside the first character.
fn find_after_first_char(hay: &str, piece: &str) -> Option<usize> {
    let (h, p) = (hay.as_bytes(), piece.as_bytes());
    let Some(&first) = p.first() else {
        // An empty piece (`**`): right after the first character.
        return hay
            .chars()
            .next()
            .map(char::len_utf8)
            .filter(|&n| n < hay.len());
    };
    (1..(h.len() + 1).saturating_sub(p.len()))
        .find(|&i| h.get(i) == Some(&first) && h.get(i..i + p.len()) == Some(p))
}

impl PassiveLexicon {
    pub(super) fn new(lists: &'static WordLists, kind: Option<Passive>) -> Self {
        if kind.is_none() {
            return Self::default();
        }
        let mut classes = WordMap::default();
        for (section, flag) in [
            ("passive_clause_breaks", CLAUSE_BREAK),
            ("passive_auxiliaries", AUXILIARY),
            ("passive_irregular_participles", PARTICIPLE),
            ("passive_not_before_participle", DETERMINER),
            ("passive_not_participles", NOT_PARTICIPLE),
        ] {
            for w in lists.section(section) {
                *classes.entry(*w).or_insert(0) |= flag;
            }
        }
        let globs = |section| {
            lists
                .section(section)
                .iter()
                .filter_map(|p| Glob::new(p))
                .collect()
        };
        let patterns: Vec<Glob> = globs("passive_participle_patterns");
        let mut pattern_ends = [0u64; 4];
        for g in &patterns {
            match g.pieces.last().and_then(|tail| tail.as_bytes().last()) {
                Some(&b) => {
                    if let Some(bits) = pattern_ends.get_mut(usize::from(b >> 6)) {
                        *bits |= 1 << (b & 63);
                    }
                }
                None => pattern_ends = [u64::MAX; 4],
            }
        }
        Self {
            classes,
            patterns,
            not_patterns: globs("passive_not_participle_patterns"),
            pattern_ends,
        }
    }

    /// Every word with a class, and its classes.
    pub(super) fn classes(&self) -> &WordMap<&'static str, u8> {
        &self.classes
    }

    fn class(&self, word: &str) -> u8 {
        self.classes.get(word).copied().unwrap_or(0)
    }

    /// True when `word` (of class `class`) is a past participle.
    fn is_participle(&self, word: &str, class: u8) -> bool {
        let may_match = word
            .as_bytes()
            .last()
            .and_then(|&b| Some(self.pattern_ends.get(usize::from(b >> 6))? >> (b & 63) & 1))
            .is_some_and(|bit| bit != 0);
        class & PARTICIPLE != 0
            || (class & NOT_PARTICIPLE == 0
                && may_match
                && self.patterns.iter().any(|g| g.may_match(word))
                && !self.not_patterns.iter().any(|g| g.may_match(word)))
    }
}

/// The word with typographic apostrophes straightened (`they’re` → `they're`).
fn straight(w: &str) -> std::borrow::Cow<'_, str> {
    if !w.is_ascii() && w.contains(['’', '‘']) {
        std::borrow::Cow::Owned(w.replace(['’', '‘'], "'"))
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// True when the sentence (its lowercase words) has a passive construction.
pub(super) fn detect(kind: Passive, words: &[&str], lang: &LanguageProfile) -> bool {
    detect_facts(
        kind,
        facts_of(kind, words.iter().map(|&w| (w, None)), lang).into_iter(),
    )
}

/// What the detector needs to know about each of `words` (lowercase), as bits: its classes
/// (clause break, auxiliary, determiner) and whether it is a participle by the language's
/// rules. A word's facts depend on the word alone, so an analysis computes them once per
/// distinct word and [`detect_facts`] runs over them per sentence. The language's data is
/// looked up once for all the words. Each word may come with its class already known (from
/// [`super::WordFacts`]); only an ASCII word's may, which needs no normalizing.
pub(super) fn facts_of<'w>(
    kind: Passive,
    words: impl ExactSizeIterator<Item = (&'w str, Option<u8>)>,
    lang: &LanguageProfile,
) -> Vec<u8> {
    if lang.lists().is_none() {
        return vec![0; words.len()];
    }
    let lexicon = &lang.lexicon().passive;
    let affixes = &lang.lexicon().affixes;
    let participle_bit = |p: bool| if p { IS_PARTICIPLE } else { 0 };
    match kind {
        Passive::Auxiliary { .. } => {
            // Persian: compared without zero-width non-joiners (میشود = می‌شود).
            let normalize = affixes.is_active();
            words
                .map(|(w, known)| {
                    if let Some(class) = known {
                        return class | participle_bit(lexicon.is_participle(w, class));
                    }
                    let normalized = if normalize {
                        affixes.normalize(w)
                    } else {
                        std::borrow::Cow::Borrowed(w)
                    };
                    let w = straight(&normalized);
                    let class = lexicon.class(&w);
                    class | participle_bit(lexicon.is_participle(&w, class))
                })
                .collect()
        }
        Passive::Participles => words
            .map(|(w, known)| {
                let w = straight(w);
                let found = |w: &str| {
                    let class = lexicon.class(w);
                    lexicon.is_participle(w, class)
                };
                let whole = match known {
                    Some(class) => lexicon.is_participle(&w, class),
                    None => found(&w),
                };
                participle_bit(
                    whole
                        || (lang.max_prefixes > 0
                            && affixes.any_prefix_stem(&w, lang.max_prefixes, &found)),
                )
            })
            .collect(),
        Passive::Arabic => words
            .map(|(w, _)| {
                let w = w.strip_prefix('و').unwrap_or(w);
                participle_bit(
                    w.chars().nth(1) == Some('\u{064F}') || lexicon.class(w) & PARTICIPLE != 0,
                )
            })
            .collect(),
    }
}

/// True when a sentence whose words have these [`facts_of`] has a passive construction.
pub(super) fn detect_facts(kind: Passive, mut facts: impl Iterator<Item = u8>) -> bool {
    match kind {
        Passive::Auxiliary { any_order } => auxiliary(facts, any_order),
        Passive::Participles | Passive::Arabic => facts.any(|f| f & IS_PARTICIPLE != 0),
    }
}

/// Auxiliary and participle in one clause (in that order unless `any_order`), the participle
/// not right after a determiner.
fn auxiliary(facts: impl Iterator<Item = u8>, any_order: bool) -> bool {
    let mut aux = false;
    let mut participle = false;
    let mut after_determiner = false;
    for class in facts {
        if class & CLAUSE_BREAK != 0 {
            aux = false;
            participle = false;
        } else if class & AUXILIARY != 0 {
            if participle {
                return true;
            }
            aux = true;
        } else if !after_determiner && class & IS_PARTICIPLE != 0 {
            if aux {
                return true;
            }
            participle = any_order;
        }
        after_determiner = class & DETERMINER != 0;
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::lang::Language;

    fn passive(language: Language, s: &str) -> bool {
        let lower = s.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || ",.;:!?".contains(c))
            .filter(|w| !w.is_empty())
            .collect();
        language.profile().is_passive(&words)
    }

    #[test]
    fn globs_need_a_stem() {
        let g = |p: &'static str, w: &str| super::Glob::new(p).unwrap().matches(w);
        assert!(g("*ed", "made-ed"));
        assert!(g("*ed", "used"));
        assert!(!g("*ed", "bed"));
        assert!(g("ge*t", "gestrickt"));
        assert!(!g("ge*t", "gut"));
        assert!(g("*ge*t", "hergestellt"));
        assert!(g("*ge*t", "angebot"));
        assert!(
            !g("*ge*t", "gestrickt"),
            "the first wildcard needs a character"
        );
        assert!(!g("*ge*en", "gegen"));
        assert!(g("*ado", "helado"));
        assert!(!g("*ado", "ado"));
    }

    #[test]
    fn english() {
        let en = Language::En;
        assert!(passive(en, "The mug is made of stoneware"));
        assert!(passive(en, "Each piece was carefully handcrafted"));
        assert!(passive(en, "It gets shipped within two days"));
        assert!(passive(en, "The seams are double stitched"));
        assert!(passive(en, "The lid is very tightly closed"));
        assert!(!passive(en, "We make the mug from stoneware"));
        assert!(!passive(en, "The sweater is red"));
        assert!(!passive(en, "This is a hundred percent cotton"));
        assert!(!passive(en, "It is the best speed"));
        assert!(!passive(en, "It is warm because we knitted it"));
        assert!(!passive(en, "The Arc is an LED desk lamp"));
        assert!(passive(en, "They’re knitted in Portugal"));
        assert!(!passive(en, "They’re the best we’ve made"));
    }

    proptest::proptest! {
        /// The byte search finds what a search over character positions finds.
        #[test]
        fn find_after_first_char_is_the_character_search(
            hay in "[geünt€]{0,12}",
            piece in "[geünt€]{0,3}",
        ) {
            let reference = hay
                .char_indices()
                .skip(1)
                .find(|&(i, _)| hay.get(i..).is_some_and(|m| m.starts_with(piece.as_str())))
                .map(|(i, _)| i);
            proptest::prop_assert_eq!(super::find_after_first_char(&hay, &piece), reference);
        }
    }
}
