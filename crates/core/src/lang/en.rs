//! English language data and the passive-voice detector.
//!
//! The word lists (function words, transition words, sentence-beginning exceptions, the passive
//! detector's classes) are in the language data file `data/en.txt`, with the syllable
//! exceptions of `text::syllables`: compiled in, except in builds with `external-lang-data`
//! (the npm scoring .wasm), where the host registers the file at run time (`super::register_data`).

use std::sync::OnceLock;

use super::WordLists;
use crate::text::WordMap;

/// The English data file's word lists, as compiled in.
#[cfg(not(feature = "external-lang-data"))]
pub(crate) const DATA: &str = include_str!("data/en.txt");

#[cfg(feature = "external-lang-data")]
static REGISTERED: OnceLock<String> = OnceLock::new();

/// The data file's text: compiled in, or registered.
fn text() -> Option<&'static str> {
    #[cfg(not(feature = "external-lang-data"))]
    return Some(DATA);
    #[cfg(feature = "external-lang-data")]
    return REGISTERED.get().map(String::as_str);
}

/// Registers the data file's word lists (builds with `external-lang-data`). The first valid
/// text wins.
#[cfg(feature = "external-lang-data")]
pub(crate) fn register(lists: &str) -> bool {
    if !WordLists::check(lists) {
        return false;
    }
    let _ = REGISTERED.set(lists.to_owned());
    true
}

/// English's word lists, parsed once from the data file; `None` until it is there.
pub(crate) fn lists() -> Option<&'static WordLists> {
    static LISTS: OnceLock<Option<WordLists>> = OnceLock::new();
    let text = text()?;
    LISTS.get_or_init(|| WordLists::parse(text)).as_ref()
}

/// What a word is to the passive-voice detector.
const CLAUSE_BREAK: u8 = 1;
const AUXILIARY: u8 = 2;
const PARTICIPLE: u8 = 4;
const DETERMINER: u8 = 8;
const NOT_PARTICIPLE: u8 = 16;

/// The passive-voice detector's word classes, one hash lookup per word. Built on first use,
/// from the data file's `passive_*` sections:
/// - `passive_auxiliaries`: forms of *be*/*get* that build the passive;
/// - `passive_clause_breaks`: words that start a new clause (conjunctions, relative and subject
///   pronouns): an auxiliary and a participle in different clauses ("it is warm because we
///   knitted it", "they're the best we've made") are no passive;
/// - `passive_irregular_participles`; `passive_not_participles`: words in -ed that are not;
/// - `passive_not_before_participle`: determiners and possessives, after which a
///   participle-looking word is a noun or adjective ("is an LED lamp").
fn passive_lexicon() -> Option<&'static WordMap<&'static str, u8>> {
    static LEXICON: OnceLock<WordMap<&'static str, u8>> = OnceLock::new();
    let lists = lists()?;
    Some(LEXICON.get_or_init(|| {
        let mut m = WordMap::default();
        for (section, flag) in [
            ("passive_clause_breaks", CLAUSE_BREAK),
            ("passive_auxiliaries", AUXILIARY),
            ("passive_irregular_participles", PARTICIPLE),
            ("passive_not_before_participle", DETERMINER),
            ("passive_not_participles", NOT_PARTICIPLE),
        ] {
            for w in lists.section(section) {
                *m.entry(*w).or_insert(0) |= flag;
            }
        }
        m
    }))
}

/// The word with typographic apostrophes straightened (`they’re` → `they're`).
fn straight(w: &str) -> std::borrow::Cow<'_, str> {
    if w.contains(['’', '‘']) {
        std::borrow::Cow::Owned(w.replace(['’', '‘'], "'"))
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// True when a sentence (its lowercase words) contains a passive construction: a form of
/// *be*/*get* followed, later in the same clause, by a past participle (not one right after a
/// determiner). False when the language data is not loaded.
pub fn is_passive(words: &[&str]) -> bool {
    let Some(lexicon) = passive_lexicon() else {
        return false;
    };
    let mut aux = false;
    let mut after_determiner = false;
    for &w in words {
        let w = straight(w);
        let w = w.as_ref();
        let class = lexicon.get(w).copied().unwrap_or(0);
        if class & CLAUSE_BREAK != 0 {
            aux = false;
        } else if class & AUXILIARY != 0 {
            aux = true;
        } else if aux
            && !after_determiner
            && (class & PARTICIPLE != 0
                || (class & NOT_PARTICIPLE == 0 && w.len() > 3 && w.ends_with("ed")))
        {
            return true;
        }
        after_determiner = class & DETERMINER != 0;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passive(s: &str) -> bool {
        let lower = s.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        is_passive(&words)
    }

    #[test]
    fn searched_lists_are_sorted_and_every_section_is_there() {
        let lists = lists().unwrap();
        for section in [
            "function_words",
            "transition_words",
            "first_word_exceptions",
            "passive_clause_breaks",
            "passive_irregular_participles",
            "passive_not_participles",
            "passive_not_before_participle",
        ] {
            let list = lists.section(section);
            assert!(list.len() > 3, "{section}");
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{section} unsorted");
        }
        assert!(lists.section("passive_auxiliaries").contains(&"were"));
        assert!(lists
            .two_part_transition_words()
            .contains(&("either", "or")));
    }

    #[test]
    fn detects_passive_sentences() {
        assert!(passive("The mug is made of stoneware"));
        assert!(passive("Each piece was carefully handcrafted"));
        assert!(passive("It gets shipped within two days"));
        assert!(passive("The seams are double stitched"));
        assert!(passive("The lid is very tightly closed"));
        assert!(!passive("We make the mug from stoneware"));
        assert!(!passive("The sweater is red"));
        assert!(!passive("This is a hundred percent cotton"));
        assert!(!passive("It is the best speed"));
        assert!(!passive("It is warm because we knitted it"));
        assert!(!passive("The Arc is an LED desk lamp"));
        assert!(passive("They’re knitted in Portugal"));
        assert!(!passive("They’re the best we’ve made"));
    }
}
