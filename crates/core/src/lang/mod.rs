//! Languages: the per-language seam of the analysis.
//!
//! A [`Language`] comes from a locale (`en_US`, `de-DE`, `pt_BR`). Each language has a
//! [`LanguageProfile`]: data (function words, transition words, sentence-beginning exceptions,
//! Flesch formula coefficients, sentence-length threshold) and optional capabilities (syllable
//! counter, passive-voice detector). The analysis' researches consult only this struct; a
//! check whose data is missing reports `na` ("not supported for this language") instead of a
//! number. Adding a language means filling its profile (and its data file next to `en.rs`); no
//! assessment changes.

pub mod en;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::text::WordMap;

/// A language proseo knows about. `Other` is any language it has no data for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// English.
    En,
    /// Spanish.
    Es,
    /// German.
    De,
    /// French.
    Fr,
    /// Italian.
    It,
    /// Dutch.
    Nl,
    /// Portuguese.
    Pt,
    /// Russian.
    Ru,
    /// Any other language: only language-independent checks run.
    Other,
}

impl Language {
    /// The language of a locale or BCP 47 tag (`en_US`, `en-GB`, `de`). Empty means English,
    /// the default of WordPress and of the API.
    pub fn from_locale(locale: &str) -> Self {
        let primary = locale
            .trim()
            .split(['_', '-'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "" | "en" => Language::En,
            "es" => Language::Es,
            "de" => Language::De,
            "fr" => Language::Fr,
            "it" => Language::It,
            "nl" => Language::Nl,
            "pt" => Language::Pt,
            "ru" => Language::Ru,
            _ => Language::Other,
        }
    }

    /// ISO 639-1 code (`other` for [`Language::Other`]).
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
            Language::De => "de",
            Language::Fr => "fr",
            Language::It => "it",
            Language::Nl => "nl",
            Language::Pt => "pt",
            Language::Ru => "ru",
            Language::Other => "other",
        }
    }

    /// The data and capabilities for this language.
    pub fn profile(self) -> &'static LanguageProfile {
        match self {
            Language::En => &EN,
            Language::Es => &ES,
            Language::De => &DE,
            Language::Fr => &FR,
            Language::It => &IT,
            Language::Nl => &NL,
            Language::Pt => &PT,
            Language::Ru => &RU,
            Language::Other => &OTHER,
        }
    }
}

/// The writing system a language is written in; text mostly in another script is not scored
/// with this language's word-based checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Latin alphabet.
    Latin,
    /// Cyrillic alphabet.
    Cyrillic,
    /// Anything else (CJK, Arabic, Hebrew, Thai, …).
    Other,
}

/// `reading_ease = base − asl_weight·ASL − asw_weight·ASW`, where ASL is words per sentence
/// and ASW syllables per word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FleschFormula {
    /// Constant term.
    pub base: f64,
    /// Weight of average sentence length (words).
    pub asl_weight: f64,
    /// Weight of average syllables per word.
    pub asw_weight: f64,
}

impl FleschFormula {
    /// The reading ease for the given averages.
    pub fn score(&self, asl: f64, asw: f64) -> f64 {
        self.base - self.asl_weight * asl - self.asw_weight * asw
    }
}

/// Everything language-specific that the checks use.
#[derive(Debug)]
pub struct LanguageProfile {
    /// The language.
    pub language: Language,
    /// Its script.
    pub script: Script,
    /// Flesch reading-ease formula (published per language), if one exists.
    pub flesch: Option<FleschFormula>,
    /// Syllable counter; `None` means syllable-based checks are unsupported for now.
    pub syllables: Option<fn(&str) -> u32>,
    /// Whether the syllable counter has its data (false only in builds that register
    /// language data at run time, before it is registered).
    pub syllables_ready: fn() -> bool,
    /// A sentence longer than this many words is "long".
    pub long_sentence_words: usize,
    /// Passive-voice detector over a sentence's lowercase words; `None` means unsupported.
    pub passive: Option<fn(&[&str]) -> bool>,
    /// Hyphens separate a keyphrase's words (`t-shirt` is two words), as Yoast configures
    /// English; when false a hyphenated keyphrase word is one word.
    pub hyphens_are_word_boundaries: bool,
    /// The language's word lists, from its data file (`data/<code>.txt`): function words,
    /// transition words, sentence-beginning exceptions and whatever its detectors need. `None`
    /// for a language without a data file, or before a run-time registered file is there.
    pub lists: fn() -> Option<&'static WordLists>,
    /// The language has a data file (which builds with `external-lang-data` must register).
    pub data_file: bool,
    /// The word lists indexed for lookups, built on first use.
    lexicon: OnceLock<Lexicon>,
}

/// A language data file's word lists: `[section]` headers, then one entry per line (`#` starts
/// a comment line). `two_part_transition_words` entries are `first part|second part`.
#[derive(Debug, Default)]
pub struct WordLists {
    sections: Vec<(&'static str, Vec<&'static str>)>,
    two_part: Vec<(&'static str, &'static str)>,
}

impl WordLists {
    /// True when `text` has the data file's shape: a section header before any entry, entries
    /// without control characters.
    pub fn check(text: &str) -> bool {
        let mut in_section = false;
        for line in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            if line.starts_with('[') && line.ends_with(']') {
                in_section = true;
            } else if !in_section || line.chars().any(char::is_control) {
                return false;
            }
        }
        in_section
    }

    /// Parses a data file (see [`WordLists::check`]).
    pub fn parse(text: &'static str) -> Option<Self> {
        if !Self::check(text) {
            return None;
        }
        let mut sections: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
        for line in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                sections.push((name, Vec::new()));
            } else if let Some((_, entries)) = sections.last_mut() {
                entries.push(line);
            }
        }
        let mut lists = Self {
            sections,
            two_part: Vec::new(),
        };
        lists.two_part = lists
            .section("two_part_transition_words")
            .iter()
            .filter_map(|e| e.split_once('|'))
            .collect();
        Some(lists)
    }

    /// The entries of a section (empty when it is missing).
    pub fn section(&self, name: &str) -> &[&'static str] {
        self.sections
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(&[], |(_, e)| e.as_slice())
    }

    /// The two-part transitions (`either` … `or`).
    pub fn two_part_transition_words(&self) -> &[(&'static str, &'static str)] {
        &self.two_part
    }
}

/// What a word can start: a transition on its own, longer transitions, a two-part one.
#[derive(Debug, Default)]
pub struct TransitionStart {
    /// The word alone is a transition ("however").
    pub alone: bool,
    /// The words that follow it in longer transitions ("for" → `["example"]`, `["instance"]`).
    pub continuations: Vec<Vec<&'static str>>,
    /// It starts the first part of a two-part transition ("either" … "or").
    pub two_part: bool,
}

/// A language's word lists indexed by word: one hash lookup tells what a word is.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Transitions by their first word: whether the word is one on its own, and the words
    /// that must follow it for the longer ones (`"as"` → `["a", "result"]`, `["long", "as"]`…).
    pub transitions: WordMap<&'static str, TransitionStart>,
    /// Function words.
    pub function_words: crate::text::WordSet<&'static str>,
    /// First words of the two-part transitions' first parts ("either", "not", "no").
    pub two_part_starts: crate::text::WordSet<&'static str>,
}

impl LanguageProfile {
    /// The language's word lists indexed by word. Built once per language, on first use.
    pub fn lexicon(&self) -> &Lexicon {
        static EMPTY: OnceLock<Lexicon> = OnceLock::new();
        if (self.lists)().is_none() {
            return EMPTY.get_or_init(Lexicon::default);
        }
        self.lexicon.get_or_init(|| {
            let list = self.transition_words();
            let mut transitions: WordMap<&'static str, TransitionStart> =
                WordMap::with_capacity_and_hasher(list.len(), Default::default());
            for phrase in list {
                let mut words = phrase.split(' ');
                let first = words.next().unwrap_or(phrase);
                let rest: Vec<&'static str> = words.collect();
                let entry = transitions.entry(first).or_default();
                if rest.is_empty() {
                    entry.alone = true;
                } else {
                    entry.continuations.push(rest);
                }
            }
            for (a, _) in self.two_part_transition_words() {
                let first = a.split(' ').next().unwrap_or(a);
                transitions.entry(first).or_default().two_part = true;
            }
            Lexicon {
                transitions,
                function_words: self.function_words().iter().copied().collect(),
                two_part_starts: self
                    .two_part_transition_words()
                    .iter()
                    .filter_map(|(a, _)| a.split(' ').next())
                    .collect(),
            }
        })
    }

    /// Function words (lowercase, sorted): ignored when matching a keyphrase and counting its
    /// length. Empty means the language has no function-word support: every word counts.
    pub fn function_words(&self) -> &'static [&'static str] {
        (self.lists)().map_or(&[], |l| l.section("function_words"))
    }

    /// Transition words and phrases (lowercase, sorted); empty means the check is unsupported.
    pub fn transition_words(&self) -> &'static [&'static str] {
        (self.lists)().map_or(&[], |l| l.section("transition_words"))
    }

    /// Two-part transitions ("either … or"): both parts in a sentence make a transition.
    pub fn two_part_transition_words(&self) -> &'static [(&'static str, &'static str)] {
        (self.lists)().map_or(&[], |l| l.two_part_transition_words())
    }

    /// Sentence beginnings that count together with the next word ("the", "a", numerals);
    /// `None` means the consecutive-sentences check is unsupported.
    pub fn first_word_exceptions(&self) -> Option<&'static [&'static str]> {
        (self.lists)()
            .map(|l| l.section("first_word_exceptions"))
            .filter(|l| !l.is_empty())
    }

    /// True when the language has a data file that is not there (builds that register it at
    /// run time, before it is registered).
    pub fn data_missing(&self) -> bool {
        self.data_file && ((self.lists)().is_none() || !(self.syllables_ready)())
    }

    /// True when `word` (lowercase) is a function word.
    pub fn is_function_word(&self, word: &str) -> bool {
        self.lexicon().function_words.contains(word)
    }

    /// True when the language has function-word support (Yoast's term): keyphrases are
    /// matched and measured by their content words.
    pub fn has_function_words(&self) -> bool {
        !self.function_words().is_empty()
    }
}

fn always() -> bool {
    true
}

fn no_lists() -> Option<&'static WordLists> {
    None
}

/// Why language data was refused by [`register_data`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum LanguageDataError {
    /// proseo has no data file for this language.
    LanguageDataUnknown {
        /// The language asked for.
        language: String,
    },
    /// The text is not a valid data file of this language.
    LanguageDataInvalid {
        /// The language.
        language: String,
    },
}

impl crate::ErrorCode for LanguageDataError {
    fn code(&self) -> &'static str {
        match self {
            LanguageDataError::LanguageDataUnknown { .. } => "language_data_unknown",
            LanguageDataError::LanguageDataInvalid { .. } => "language_data_invalid",
        }
    }
}

impl std::fmt::Display for LanguageDataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LanguageDataError::LanguageDataUnknown { language } => {
                write!(f, "proseo has no language data file for `{language}`")
            }
            LanguageDataError::LanguageDataInvalid { language } => {
                write!(f, "not a valid language data file for `{language}`")
            }
        }
    }
}

/// The languages that have a data file (what builds with the `external-lang-data` feature
/// must register before analyzing that language fully).
pub const DATA_FILES: &[Language] = &[Language::En];

/// The data file of a language as builds that embed it hold it, for the npm package's build
/// to write `lang/<code>.js`: its word lists (`data/<code>.txt`) and, for English, a
/// `[syllable_exceptions]` section with the syllable exception table.
#[cfg(not(feature = "external-lang-data"))]
pub fn data_file(language: Language) -> Option<String> {
    match language {
        Language::En => Some(format!(
            "{}\n[syllable_exceptions]\n{}\n",
            en::DATA.trim_end(),
            crate::text::syllables::exceptions_table()
        )),
        _ => None,
    }
}

/// Registers a language's data file at run time (builds with `external-lang-data`; elsewhere
/// the data is compiled in and this only checks the text). Registering again is a no-op.
pub fn register_data(language: Language, text: &str) -> Result<(), LanguageDataError> {
    let invalid = || LanguageDataError::LanguageDataInvalid {
        language: language.code().to_owned(),
    };
    match language {
        Language::En => {
            let (lists, syllables) = text
                .split_once("[syllable_exceptions]")
                .map_or((text, ""), |(l, s)| (l, s.trim()));
            if !WordLists::check(lists) {
                return Err(invalid());
            }
            #[cfg(feature = "external-lang-data")]
            {
                crate::text::syllables::register_exceptions(syllables).map_err(|_| invalid())?;
                if !en::register(lists) {
                    return Err(invalid());
                }
                Ok(())
            }
            #[cfg(not(feature = "external-lang-data"))]
            crate::text::syllables::check_table(syllables).map_err(|_| invalid())
        }
        _ => Err(LanguageDataError::LanguageDataUnknown {
            language: language.code().to_owned(),
        }),
    }
}

/// True when the language's data (if it has a data file) is available.
pub fn data_loaded(language: Language) -> bool {
    !language.profile().data_missing()
}

static EN: LanguageProfile = LanguageProfile {
    language: Language::En,
    script: Script::Latin,
    flesch: Some(FleschFormula {
        base: 206.835,
        asl_weight: 1.015,
        asw_weight: 84.6,
    }),
    syllables: Some(crate::text::syllables::count_en),
    syllables_ready: crate::text::syllables::ready,
    long_sentence_words: 20,
    passive: Some(en::is_passive),
    hyphens_are_word_boundaries: true,
    lists: en::lists,
    data_file: true,
    lexicon: OnceLock::new(),
};

// The other languages have their published formula wired in as data; their syllable
// counters, word lists and passive detectors are the seams later work fills.
static ES: LanguageProfile = LanguageProfile {
    language: Language::Es,
    script: Script::Latin,
    flesch: Some(FleschFormula {
        base: 206.84,
        asl_weight: 1.02,
        asw_weight: 60.0,
    }),
    syllables: None,
    syllables_ready: always,
    long_sentence_words: 25,
    passive: None,
    hyphens_are_word_boundaries: true,
    lists: no_lists,
    data_file: false,
    lexicon: OnceLock::new(),
};
static DE: LanguageProfile = LanguageProfile {
    language: Language::De,
    script: Script::Latin,
    flesch: Some(FleschFormula {
        base: 180.0,
        asl_weight: 1.0,
        asw_weight: 58.5,
    }),
    syllables: None,
    syllables_ready: always,
    long_sentence_words: 20,
    passive: None,
    hyphens_are_word_boundaries: true,
    lists: no_lists,
    data_file: false,
    lexicon: OnceLock::new(),
};
static FR: LanguageProfile = LanguageProfile {
    language: Language::Fr,
    script: Script::Latin,
    flesch: Some(FleschFormula {
        base: 207.0,
        asl_weight: 1.015,
        asw_weight: 73.6,
    }),
    syllables: None,
    syllables_ready: always,
    long_sentence_words: 20,
    passive: None,
    hyphens_are_word_boundaries: true,
    lists: no_lists,
    data_file: false,
    lexicon: OnceLock::new(),
};
static IT: LanguageProfile = LanguageProfile {
    language: Language::It,
    script: Script::Latin,
    flesch: Some(FleschFormula {
        base: 217.0,
        asl_weight: 1.3,
        asw_weight: 60.0,
    }),
    syllables: None,
    syllables_ready: always,
    long_sentence_words: 25,
    passive: None,
    hyphens_are_word_boundaries: true,
    lists: no_lists,
    data_file: false,
    lexicon: OnceLock::new(),
};
static NL: LanguageProfile = LanguageProfile {
    language: Language::Nl,
    script: Script::Latin,
    flesch: Some(FleschFormula {
        base: 206.84,
        asl_weight: 0.93,
        asw_weight: 77.0,
    }),
    syllables: None,
    syllables_ready: always,
    long_sentence_words: 20,
    passive: None,
    hyphens_are_word_boundaries: true,
    lists: no_lists,
    data_file: false,
    lexicon: OnceLock::new(),
};
static PT: LanguageProfile = LanguageProfile {
    language: Language::Pt,
    script: Script::Latin,
    flesch: Some(FleschFormula {
        base: 248.835,
        asl_weight: 1.015,
        asw_weight: 84.6,
    }),
    syllables: None,
    syllables_ready: always,
    long_sentence_words: 25,
    passive: None,
    hyphens_are_word_boundaries: true,
    lists: no_lists,
    data_file: false,
    lexicon: OnceLock::new(),
};
static RU: LanguageProfile = LanguageProfile {
    language: Language::Ru,
    script: Script::Cyrillic,
    flesch: Some(FleschFormula {
        base: 206.835,
        asl_weight: 1.3,
        asw_weight: 60.1,
    }),
    syllables: None,
    syllables_ready: always,
    long_sentence_words: 15,
    passive: None,
    hyphens_are_word_boundaries: true,
    lists: no_lists,
    data_file: false,
    lexicon: OnceLock::new(),
};
static OTHER: LanguageProfile = LanguageProfile {
    language: Language::Other,
    script: Script::Other,
    flesch: None,
    syllables: None,
    syllables_ready: always,
    long_sentence_words: 20,
    passive: None,
    hyphens_are_word_boundaries: true,
    lists: no_lists,
    data_file: false,
    lexicon: OnceLock::new(),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_map_to_languages() {
        assert_eq!(Language::from_locale("en_US"), Language::En);
        assert_eq!(Language::from_locale(""), Language::En);
        assert_eq!(Language::from_locale("de-DE"), Language::De);
        assert_eq!(Language::from_locale("pt_BR"), Language::Pt);
        assert_eq!(Language::from_locale("ja"), Language::Other);
        assert_eq!(Language::from_locale("zh_CN").profile().flesch, None);
    }

    #[test]
    fn english_flesch_matches_the_published_formula() {
        let f = Language::En.profile().flesch.unwrap();
        assert!((f.score(10.0, 1.5) - (206.835 - 10.15 - 126.9)).abs() < 1e-9);
    }
}
