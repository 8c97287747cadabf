//! Languages: the per-language seam of the analysis.
//!
//! A [`Language`] comes from a locale (`en_US`, `de-DE`, `pt_BR`, `zh-Hans-CN`). Each language
//! has a [`LanguageProfile`]: what it is written in, how its text is measured (words, or
//! characters for Chinese and Japanese), its Flesch formula if one is published, how its
//! syllables are counted, which passive-voice detector it has, its sentence-length limit; and a
//! data file (`data/<code>.txt`, [`WordLists`]) with its word lists: function words,
//! transition words (and two-part ones), sentence-beginning exceptions, the passive detector's
//! word classes and participle patterns, syllable rules, and the clitics and particles that
//! attach to words (Hebrew, Arabic and Persian prefixes and suffixes, Korean josa).
//!
//! The analysis' researches consult only this module; a check whose data is missing reports
//! `na` ("not supported for this language") instead of a number. Adding a language means a
//! profile here and a data file; no assessment changes.
//!
//! Data files are compiled in, except in builds with the `external-lang-data` feature (the npm
//! scoring `.wasm`), where the host registers each file at run time ([`register_data`]) and the
//! checks that need it are `na` ("language data not loaded") until then. [`guess`] tells the
//! language of a text from its function words and script.

mod affixes;
mod data;
mod guess;
mod passive;
mod syllables;
mod word_index;

pub use affixes::Affixes;
pub use guess::{guess, guess_catalog, guess_product, Guess, MAX_GUESS_BYTES};
pub use passive::Passive;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::text::{WordMap, WordSet};
use word_index::WordIndex;

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
    /// Polish.
    Pl,
    /// Arabic.
    Ar,
    /// Hebrew.
    He,
    /// Persian (Farsi).
    Fa,
    /// Japanese.
    Ja,
    /// Chinese.
    Zh,
    /// Korean.
    Ko,
    /// Any other language: only language-independent checks run.
    Other,
}

impl Language {
    /// Every language with a profile and a data file, in data-file order, which is also their
    /// declaration order (the npm module's compact result refers to a language by
    /// `x as usize`, crates/wasm/src/tape.rs; its test checks the order).
    pub const ALL: [Language; 15] = [
        Language::En,
        Language::Es,
        Language::De,
        Language::Fr,
        Language::It,
        Language::Nl,
        Language::Pt,
        Language::Ru,
        Language::Pl,
        Language::Ar,
        Language::He,
        Language::Fa,
        Language::Ja,
        Language::Zh,
        Language::Ko,
    ];

    /// The language of a locale or BCP 47 tag (`en_US`, `en-GB`, `de`, `zh-Hant-TW`,
    /// `iw`). Empty means English, the default of WordPress and of the API.
    pub fn from_locale(locale: &str) -> Self {
        let primary = locale.trim().split(['_', '-']).next().unwrap_or("");
        if primary.is_empty() {
            return Language::En;
        }
        if primary.len() > 3 {
            return Language::Other;
        }
        let lower = primary.to_ascii_lowercase();
        match lower.as_str() {
            "en" | "eng" => Language::En,
            "es" | "spa" => Language::Es,
            "de" | "deu" | "ger" => Language::De,
            "fr" | "fra" | "fre" => Language::Fr,
            "it" | "ita" => Language::It,
            "nl" | "nld" | "dut" => Language::Nl,
            "pt" | "por" => Language::Pt,
            "ru" | "rus" => Language::Ru,
            "pl" | "pol" => Language::Pl,
            "ar" | "ara" => Language::Ar,
            // `iw` is Hebrew's withdrawn code, still sent by some systems (Java, Android).
            "he" | "iw" | "heb" => Language::He,
            "fa" | "fas" | "per" => Language::Fa,
            "ja" | "jpn" => Language::Ja,
            "zh" | "zho" | "chi" => Language::Zh,
            "ko" | "kor" => Language::Ko,
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
            Language::Pl => "pl",
            Language::Ar => "ar",
            Language::He => "he",
            Language::Fa => "fa",
            Language::Ja => "ja",
            Language::Zh => "zh",
            Language::Ko => "ko",
            Language::Other => "other",
        }
    }

    /// English name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Es => "Spanish",
            Language::De => "German",
            Language::Fr => "French",
            Language::It => "Italian",
            Language::Nl => "Dutch",
            Language::Pt => "Portuguese",
            Language::Ru => "Russian",
            Language::Pl => "Polish",
            Language::Ar => "Arabic",
            Language::He => "Hebrew",
            Language::Fa => "Persian",
            Language::Ja => "Japanese",
            Language::Zh => "Chinese",
            Language::Ko => "Korean",
            Language::Other => "this language",
        }
    }

    /// Position in [`Language::ALL`] (`None` for [`Language::Other`]).
    pub(crate) fn index(self) -> Option<usize> {
        Language::ALL.iter().position(|&l| l == self)
    }

    /// The data and capabilities for this language.
    pub fn profile(self) -> &'static LanguageProfile {
        self.index().and_then(|i| PROFILES.get(i)).unwrap_or(&OTHER)
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
    /// Arabic script.
    Arabic,
    /// Hebrew script.
    Hebrew,
    /// Hangul.
    Hangul,
    /// Han characters and kana.
    Cjk,
    /// Anything else.
    Other,
}

impl Script {
    /// True when text in `script` can be scored with a language written in `self`.
    pub fn fits(self, script: crate::text::TextScript) -> bool {
        use crate::text::TextScript as T;
        matches!(
            (script, self),
            (T::None, _)
                | (_, Script::Other)
                | (T::Latin, Script::Latin)
                | (T::Cyrillic, Script::Cyrillic)
                | (T::Arabic, Script::Arabic)
                | (T::Hebrew, Script::Hebrew)
                | (T::Hangul, Script::Hangul)
                | (T::Cjk, Script::Cjk)
        )
    }
}

/// How a language's text is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Units {
    /// Words (space-separated scripts).
    Words,
    /// Characters: scripts without spaces between words (Chinese, Japanese), as Yoast SEO
    /// measures Japanese.
    Characters,
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

/// How a language's syllables are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syllables {
    /// English: rules plus a CMUdict exception table (`text::syllables`).
    English,
    /// Vowel nuclei from the data file's `syllable_*` sections (`syllables.rs`).
    Vowels,
}

/// Everything language-specific that the checks use.
#[derive(Debug, Clone, Copy)]
pub struct LanguageProfile {
    /// The language.
    pub language: Language,
    /// Its script.
    pub script: Script,
    /// How its text is measured.
    pub units: Units,
    /// Flesch reading-ease formula (published per language), if one exists.
    pub flesch: Option<FleschFormula>,
    /// Syllable counter; `None` means syllable-based checks are unsupported.
    pub syllables: Option<Syllables>,
    /// A sentence longer than this many words (characters for [`Units::Characters`]) is
    /// "long".
    pub long_sentence: usize,
    /// Passive-voice detector; `None` means unsupported.
    pub passive: Option<Passive>,
    /// Hyphens separate a keyphrase's words (`t-shirt` is two words), as Yoast configures
    /// English; when false a hyphenated keyphrase word is one word.
    pub hyphens_are_word_boundaries: bool,
    /// Most clitic prefixes that stack before a word (`ו` + `ב` + `צמר`); 0 when the
    /// language has none.
    pub max_prefixes: u8,
    /// Why the language has no passive-voice check, for its message (`None` when it has one).
    pub no_passive_reason: Option<&'static str>,
}

/// A language data file's word lists: `[section]` headers, then one entry per line (`#` starts
/// a comment line). `two_part_transition_words` entries are `first part|second part`.
#[derive(Debug, Default)]
pub struct WordLists {
    sections: Vec<(&'static str, Vec<&'static str>)>,
    two_part: Vec<(&'static str, &'static str)>,
}

/// Most bytes of a data file accepted at registration (the largest is far below).
pub const MAX_DATA_FILE_BYTES: usize = 512 * 1024;

impl WordLists {
    /// True when `text` has the data file's shape: a section header before any entry, entries
    /// without control characters, at most [`MAX_DATA_FILE_BYTES`].
    pub fn check(text: &str) -> bool {
        if text.len() > MAX_DATA_FILE_BYTES {
            return false;
        }
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

/// What the analysis needs to know about one lowercase word, from one lookup in its
/// language's [`LanguageProfile::word_facts`] (the passive classes, the transition starts, the
/// sentence-beginning exceptions and, for English, the frequent-word syllable cache, each
/// otherwise a lookup of its own). A word not in the index has the default facts.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordFacts {
    /// Its English syllable count from the frequent-word cache; 0 when not cached (count it).
    pub syllables: u8,
    /// The passive detector's classes of the word.
    pub passive_class: u8,
    /// It is a sentence beginning that counts together with the next word.
    pub first_word_exception: bool,
    /// The transitions it starts.
    pub transition: Option<&'static TransitionStart>,
}

/// A language's word lists indexed by word: one hash lookup tells what a word is.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Transitions by their first word: whether the word is one on its own, and the words
    /// that must follow it for the longer ones (`"as"` → `["a", "result"]`, `["long", "as"]`…).
    pub transitions: WordMap<&'static str, TransitionStart>,
    /// Function words.
    pub function_words: WordSet<&'static str>,
    /// First words of the two-part transitions' first parts ("either", "not", "no").
    pub two_part_starts: WordSet<&'static str>,
    /// The passive-voice detector's word classes and participle patterns.
    pub(crate) passive: passive::PassiveLexicon,
    /// Clitics and particles that attach to words.
    pub affixes: Affixes,
    /// Syllable rules (languages counted by vowel nuclei).
    pub(crate) syllables: syllables::Rules,
}

impl LanguageProfile {
    /// The language's data file's word lists, if the file is there.
    pub fn lists(&self) -> Option<&'static WordLists> {
        data::lists(self.language)
    }

    /// A value built from the language's lists once per language, on first use (`slots` holds
    /// one per language). Without the lists (a build that registers them at run time, before
    /// they are registered) the value is the empty default, and nothing is kept.
    fn once_per_language<T: Default + Send + Sync>(
        &self,
        slots: &'static [OnceLock<T>; Language::ALL.len()],
        empty: &'static OnceLock<T>,
        build: impl FnOnce(&'static WordLists) -> T,
    ) -> &'static T {
        let (Some(lists), Some(slot)) = (
            self.lists(),
            self.language.index().and_then(|i| slots.get(i)),
        ) else {
            return empty.get_or_init(T::default);
        };
        slot.get_or_init(|| build(lists))
    }

    /// The language's word lists indexed by word. Built once per language, on first use.
    pub fn lexicon(&self) -> &'static Lexicon {
        static EMPTY: OnceLock<Lexicon> = OnceLock::new();
        static LEXICONS: [OnceLock<Lexicon>; Language::ALL.len()] =
            [const { OnceLock::new() }; Language::ALL.len()];
        self.once_per_language(&LEXICONS, &EMPTY, |lists| build_lexicon(lists, self))
    }

    /// The language's words with their [`WordFacts`], for one lookup per distinct word of an
    /// analysis. Built once per language, on first use, from [`Self::lexicon`] (and the
    /// syllable cache).
    pub(crate) fn word_facts(&self) -> &'static WordIndex {
        static EMPTY: OnceLock<WordIndex> = OnceLock::new();
        static INDEXES: [OnceLock<WordIndex>; Language::ALL.len()] =
            [const { OnceLock::new() }; Language::ALL.len()];
        self.once_per_language(&INDEXES, &EMPTY, |_| {
            let lexicon = self.lexicon();
            let mut index: WordMap<&'static str, WordFacts> = WordMap::default();
            if self.syllables == Some(Syllables::English) {
                for (word, n) in crate::text::syllables::cached_words() {
                    index.entry(word).or_default().syllables = n;
                }
            }
            for (&word, &class) in lexicon.passive.classes() {
                index.entry(word).or_default().passive_class = class;
            }
            for (&word, start) in &lexicon.transitions {
                index.entry(word).or_default().transition = Some(start);
            }
            for &word in self.first_word_exceptions().unwrap_or(&[]) {
                index.entry(word).or_default().first_word_exception = true;
            }
            WordIndex::new(index)
        })
    }

    /// Function words (lowercase, sorted): ignored when matching a keyphrase and counting its
    /// length. Empty means the language has no function-word support: every word counts.
    pub fn function_words(&self) -> &'static [&'static str] {
        self.lists().map_or(&[], |l| l.section("function_words"))
    }

    /// Transition words and phrases (lowercase, sorted); empty means the check is unsupported.
    pub fn transition_words(&self) -> &'static [&'static str] {
        self.lists().map_or(&[], |l| l.section("transition_words"))
    }

    /// Two-part transitions ("either … or"): both parts in a sentence make a transition.
    pub fn two_part_transition_words(&self) -> &'static [(&'static str, &'static str)] {
        self.lists().map_or(&[], |l| l.two_part_transition_words())
    }

    /// Sentence beginnings that count together with the next word ("the", "a", numerals);
    /// `None` means the consecutive-sentences check is unsupported.
    pub fn first_word_exceptions(&self) -> Option<&'static [&'static str]> {
        self.lists()
            .map(|l| l.section("first_word_exceptions"))
            .filter(|l| !l.is_empty())
    }

    /// True when the language's data file is not there (builds that register it at run time,
    /// before it is registered).
    pub fn data_missing(&self) -> bool {
        self.language != Language::Other
            && (self.lists().is_none()
                || (self.syllables == Some(Syllables::English) && !crate::text::syllables::ready()))
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

    /// Syllables of a word, when the language has a counter and its data.
    pub fn count_syllables(&self, word: &str) -> Option<u32> {
        match self.syllables? {
            Syllables::English => Some(crate::text::syllables::count_en(word)),
            Syllables::Vowels => {
                self.lists()?;
                Some(syllables::count(word, &self.lexicon().syllables))
            }
        }
    }

    /// [`Self::count_syllables`] of a word with its [`WordFacts`], if known (an ASCII word's):
    /// its cached English count, or the count without looking the cache up again.
    pub(crate) fn count_syllables_with(&self, word: &str, facts: Option<WordFacts>) -> Option<u32> {
        match (self.syllables?, facts) {
            (Syllables::English, Some(f)) if f.syllables > 0 => Some(u32::from(f.syllables)),
            (Syllables::English, Some(_)) => Some(crate::text::syllables::count_en_uncached(word)),
            _ => self.count_syllables(word),
        }
    }

    /// True when the sentence (its lowercase words) has a passive construction by the
    /// language's detector (false without one, or without its data).
    pub fn is_passive(&self, words: &[&str]) -> bool {
        match self.passive {
            Some(kind) => passive::detect(kind, words, self),
            None => false,
        }
    }

    /// What the passive detector needs to know about each of these lowercase words (0s
    /// without a detector): computed once per distinct word, then [`Self::is_passive_facts`]
    /// per sentence. Each word may come with its passive classes already known (from
    /// [`Self::word_facts`], for an ASCII word).
    pub(crate) fn passive_facts<'w>(
        &self,
        words: impl ExactSizeIterator<Item = (&'w str, Option<u8>)>,
    ) -> Vec<u8> {
        match self.passive {
            Some(kind) => passive::facts_of(kind, words, self),
            None => vec![0; words.len()],
        }
    }

    /// [`Self::is_passive`] of a sentence given its words' [`Self::passive_facts`].
    pub fn is_passive_facts(&self, facts: impl Iterator<Item = u8>) -> bool {
        match self.passive {
            Some(kind) => passive::detect_facts(kind, facts),
            None => false,
        }
    }

    /// True when the language measures text in characters.
    pub fn counts_characters(&self) -> bool {
        self.units == Units::Characters
    }
}

fn build_lexicon(lists: &'static WordLists, profile: &LanguageProfile) -> Lexicon {
    let list = lists.section("transition_words");
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
    for (a, _) in lists.two_part_transition_words() {
        let first = a.split(' ').next().unwrap_or(a);
        transitions.entry(first).or_default().two_part = true;
    }
    Lexicon {
        transitions,
        function_words: lists.section("function_words").iter().copied().collect(),
        two_part_starts: lists
            .two_part_transition_words()
            .iter()
            .filter_map(|(a, _)| a.split(' ').next())
            .collect(),
        passive: passive::PassiveLexicon::new(lists, profile.passive),
        affixes: Affixes::new(lists, profile.language),
        syllables: if profile.syllables == Some(Syllables::Vowels) {
            syllables::Rules::new(lists)
        } else {
            syllables::Rules::default()
        },
    }
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
pub const DATA_FILES: &[Language] = &Language::ALL;

/// The data file of a language as builds that embed it hold it, for the npm package's build
/// to write `lang/<code>.js`: its word lists (`data/<code>.txt`) and, for English, a
/// `[syllable_exceptions]` section with the syllable exception table.
#[cfg(not(feature = "external-lang-data"))]
pub fn data_file(language: Language) -> Option<String> {
    let text = data::embedded(language)?;
    Some(match language {
        Language::En => format!(
            "{}\n[syllable_exceptions]\n{}\n",
            text.trim_end(),
            crate::text::syllables::exceptions_table()
        ),
        _ => text.to_owned(),
    })
}

/// Registers a language's data file at run time (builds with `external-lang-data`; elsewhere
/// the data is compiled in and this only checks the text). Registering again is a no-op.
pub fn register_data(language: Language, text: &str) -> Result<(), LanguageDataError> {
    let invalid = || LanguageDataError::LanguageDataInvalid {
        language: language.code().to_owned(),
    };
    if language == Language::Other {
        return Err(LanguageDataError::LanguageDataUnknown {
            language: language.code().to_owned(),
        });
    }
    // English carries CMUdict's syllable exceptions as a last section, in their own format.
    let (lists, syllable_table) = match language {
        Language::En => text
            .split_once("[syllable_exceptions]")
            .map_or((text, ""), |(l, s)| (l, s.trim())),
        _ => (text, ""),
    };
    if !WordLists::check(lists) {
        return Err(invalid());
    }
    if language == Language::En {
        #[cfg(feature = "external-lang-data")]
        crate::text::syllables::register_exceptions(syllable_table).map_err(|_| invalid())?;
        #[cfg(not(feature = "external-lang-data"))]
        crate::text::syllables::check_table(syllable_table).map_err(|_| invalid())?;
    }
    data::register(language, lists);
    Ok(())
}

/// True when the language's data (if it has a data file) is available.
pub fn data_loaded(language: Language) -> bool {
    !language.profile().data_missing()
}

/// One profile, with the defaults most languages share.
const fn profile(language: Language, script: Script) -> LanguageProfile {
    LanguageProfile {
        language,
        script,
        units: Units::Words,
        flesch: None,
        syllables: None,
        long_sentence: 20,
        passive: None,
        hyphens_are_word_boundaries: true,
        max_prefixes: 0,
        no_passive_reason: None,
    }
}

const fn flesch(base: f64, asl_weight: f64, asw_weight: f64) -> Option<FleschFormula> {
    Some(FleschFormula {
        base,
        asl_weight,
        asw_weight,
    })
}

/// Periphrastic passive (an auxiliary and a past participle in one clause) with the
/// auxiliary first, as in English and the Romance languages.
const AUX_FIRST: Option<Passive> = Some(Passive::Auxiliary { any_order: false });
/// Periphrastic passive in either order within the clause (German and Dutch verb-final
/// clauses, Persian participle + auxiliary).
const AUX_ANY_ORDER: Option<Passive> = Some(Passive::Auxiliary { any_order: true });

/// The profiles, in [`Language::ALL`] order. Flesch formulas: English (Flesch 1948), Spanish
/// (Fernández Huerta 1959), German (Amstad 1978), French (Kandel & Moles 1958), Italian
/// (Franchina & Vacca 1986), Dutch (Douma 1960), Portuguese (Martins et al. 1996), Russian
/// (Oborneva 2006). Sentence limits as Yoast SEO configures each language.
static PROFILES: [LanguageProfile; 15] = [
    LanguageProfile {
        flesch: flesch(206.835, 1.015, 84.6),
        syllables: Some(Syllables::English),
        passive: AUX_FIRST,
        ..profile(Language::En, Script::Latin)
    },
    LanguageProfile {
        flesch: flesch(206.84, 1.02, 60.0),
        syllables: Some(Syllables::Vowels),
        long_sentence: 25,
        passive: AUX_FIRST,
        ..profile(Language::Es, Script::Latin)
    },
    LanguageProfile {
        flesch: flesch(180.0, 1.0, 58.5),
        syllables: Some(Syllables::Vowels),
        passive: AUX_ANY_ORDER,
        ..profile(Language::De, Script::Latin)
    },
    LanguageProfile {
        flesch: flesch(207.0, 1.015, 73.6),
        syllables: Some(Syllables::Vowels),
        passive: AUX_FIRST,
        ..profile(Language::Fr, Script::Latin)
    },
    LanguageProfile {
        flesch: flesch(217.0, 1.3, 60.0),
        syllables: Some(Syllables::Vowels),
        long_sentence: 25,
        passive: AUX_FIRST,
        ..profile(Language::It, Script::Latin)
    },
    LanguageProfile {
        flesch: flesch(206.84, 0.93, 77.0),
        syllables: Some(Syllables::Vowels),
        passive: AUX_ANY_ORDER,
        ..profile(Language::Nl, Script::Latin)
    },
    LanguageProfile {
        flesch: flesch(248.835, 1.015, 84.6),
        syllables: Some(Syllables::Vowels),
        long_sentence: 25,
        passive: AUX_FIRST,
        ..profile(Language::Pt, Script::Latin)
    },
    LanguageProfile {
        flesch: flesch(206.835, 1.3, 60.1),
        syllables: Some(Syllables::Vowels),
        long_sentence: 15,
        passive: Some(Passive::Participles),
        ..profile(Language::Ru, Script::Cyrillic)
    },
    LanguageProfile {
        passive: AUX_FIRST,
        ..profile(Language::Pl, Script::Latin)
    },
    LanguageProfile {
        passive: Some(Passive::Arabic),
        max_prefixes: 1,
        ..profile(Language::Ar, Script::Arabic)
    },
    LanguageProfile {
        long_sentence: 15,
        passive: Some(Passive::Participles),
        max_prefixes: 3,
        ..profile(Language::He, Script::Hebrew)
    },
    LanguageProfile {
        long_sentence: 25,
        passive: AUX_ANY_ORDER,
        ..profile(Language::Fa, Script::Arabic)
    },
    LanguageProfile {
        units: Units::Characters,
        long_sentence: 40,
        no_passive_reason: Some(
            "Yoast SEO has no passive-voice check for Japanese, and proseo has no published detector to use.",
        ),
        ..profile(Language::Ja, Script::Cjk)
    },
    LanguageProfile {
        units: Units::Characters,
        long_sentence: 40,
        no_passive_reason: Some(
            "No published passive-voice detector for Chinese (the 被 construction needs a parser to tell apart).",
        ),
        ..profile(Language::Zh, Script::Cjk)
    },
    LanguageProfile {
        no_passive_reason: Some(
            "No published passive-voice detector for Korean (its suffixal passives need a morphological analyzer).",
        ),
        ..profile(Language::Ko, Script::Hangul)
    },
];

static OTHER: LanguageProfile = profile(Language::Other, Script::Other);

#[cfg(test)]
mod tests {
    use super::*;

    /// The word index answers what the separate lookups answer, for every word it holds and
    /// for words it does not hold, in every language: the analysis takes its facts instead.
    #[test]
    fn word_facts_agree_with_the_separate_lookups() {
        let others = [
            "zzyzx",
            "unboxing",
            "waterproofed",
            "x",
            "it's",
            "2024",
            "reused",
        ];
        for language in Language::ALL {
            let p = language.profile();
            let index = p.word_facts();
            let exceptions = p.first_word_exceptions().unwrap_or(&[]);
            let words: Vec<&str> = index.words.iter().copied().chain(others).collect();
            for &w in &words {
                let f = index.get(w).unwrap_or_default();
                let known = w.is_ascii().then_some(f);
                assert_eq!(
                    p.count_syllables_with(w, known),
                    p.count_syllables(w),
                    "{w}"
                );
                let t = p.lexicon().transitions.get(w);
                assert_eq!(
                    f.transition.map(std::ptr::from_ref),
                    t.map(std::ptr::from_ref)
                );
                assert_eq!(f.first_word_exception, exceptions.contains(&w), "{w}");
            }
            let plain = p.passive_facts(words.iter().map(|&w| (w, None)));
            let with = p.passive_facts(words.iter().map(|&w| {
                let f = index.get(w).unwrap_or_default();
                (w, w.is_ascii().then_some(f.passive_class))
            }));
            assert_eq!(plain, with, "{language:?}");
            if language == Language::En {
                assert!(index.get("beautiful").is_some_and(|f| f.syllables == 3));
                assert!(index.get("was").is_some_and(|f| f.passive_class != 0));
                assert!(index.get("however").is_some_and(|f| f.transition.is_some()));
            }
        }
    }

    #[test]
    fn locales_map_to_languages() {
        assert_eq!(Language::from_locale("en_US"), Language::En);
        assert_eq!(Language::from_locale(""), Language::En);
        assert_eq!(Language::from_locale("de-DE"), Language::De);
        assert_eq!(Language::from_locale("pt_BR"), Language::Pt);
        assert_eq!(Language::from_locale("ja"), Language::Ja);
        assert_eq!(Language::from_locale("zh-Hant-TW"), Language::Zh);
        assert_eq!(Language::from_locale("iw_IL"), Language::He);
        assert_eq!(Language::from_locale("fa_IR"), Language::Fa);
        assert_eq!(Language::from_locale("ko_KR"), Language::Ko);
        assert_eq!(Language::from_locale("tlh"), Language::Other);
        assert_eq!(Language::from_locale("english"), Language::Other);
        assert_eq!(Language::from_locale("zh_CN").profile().flesch, None);
    }

    #[test]
    fn profiles_are_in_language_order() {
        for l in Language::ALL {
            assert_eq!(l.profile().language, l);
            assert_eq!(Language::from_locale(l.code()), l);
        }
        assert_eq!(Language::Other.profile().language, Language::Other);
    }

    /// Every data file parses, has the sections its profile needs, and keeps its sections
    /// sorted and free of duplicates (scripts/tidy-lang-data.py): lookups binary-search some.
    #[test]
    fn data_files_are_complete_and_sorted() {
        for l in Language::ALL {
            let p = l.profile();
            let lists = p.lists().unwrap_or_else(|| panic!("{l:?}: no data file"));
            assert!(p.function_words().len() > 20, "{l:?}: function words");
            assert!(p.transition_words().len() > 20, "{l:?}: transition words");
            if !p.counts_characters() {
                assert!(
                    p.first_word_exceptions().is_some(),
                    "{l:?}: first-word exceptions"
                );
            }
            if matches!(p.passive, Some(Passive::Auxiliary { .. })) {
                assert!(!lists.section("passive_auxiliaries").is_empty(), "{l:?}");
            }
            if p.syllables == Some(Syllables::Vowels) {
                assert!(!lists.section("syllable_vowels").is_empty(), "{l:?}");
            }
            if p.max_prefixes > 0 {
                assert!(!lists.section("clitic_prefixes").is_empty(), "{l:?}");
            }
            for (name, entries) in &lists.sections {
                if l == Language::En || *name == "syllable_exceptions" {
                    continue;
                }
                assert!(
                    entries.windows(2).all(|w| w[0] < w[1]),
                    "{l:?} [{name}] is not sorted and unique: run scripts/tidy-lang-data.py"
                );
            }
        }
    }

    #[test]
    fn english_flesch_matches_the_published_formula() {
        let f = Language::En.profile().flesch.unwrap();
        assert!((f.score(10.0, 1.5) - (206.835 - 10.15 - 126.9)).abs() < 1e-9);
    }
}
