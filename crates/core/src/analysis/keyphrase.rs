//! The topic research: the keyphrase and its synonyms as the words a text must contain.
//!
//! Yoast SEO's keyphrase matching (free analysis), rebuilt from its published rules:
//! - A keyphrase (and each synonym) is lowercased and split into words; function words of the
//!   language are dropped unless nothing else is left. Its *length* is the number of words left.
//! - A piece of text contains the keyphrase when it contains every one of those words, in any
//!   order; within a sentence, the number of occurrences is the smallest count among them.
//! - A text word matches a keyphrase word when it is the same word, or the keyphrase word
//!   with its diacritics removed (keyphrase `café` matches `cafe`), with typographic
//!   apostrophes equal to straight ones. There are no other word forms (plurals are Yoast
//!   Premium's morphology, which the free analysis does not have).
//! - A keyphrase in double quotes (`"wool socks"`, also `“…”`, `«…»`) asks for an exact
//!   match: the words in that order, function words included.
//! - A keyphrase in a script written without spaces (Chinese, Japanese, Thai…) has no words to
//!   match; it is matched as a substring instead, the keyphrase and each synonym as a whole.

use crate::lang::{Language, LanguageProfile};
use crate::text::{dominant_script, fold_latin, lowercase_aligned};

/// Synonyms considered (the rest are ignored): every check compares each synonym with every
/// sentence, so an unbounded list from the wire would make the analysis unbounded.
pub const MAX_SYNONYMS: usize = 16;
/// Words of a keyphrase or synonym considered (Yoast calls 9 and more "way too long").
pub const MAX_PHRASE_WORDS: usize = 32;

/// One keyphrase or synonym, ready for matching.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Phrase {
    /// The words to find (content words, or every word when the phrase has only function
    /// words); for an exact phrase, its words in order.
    pub words: Vec<Word>,
    /// The phrase was in double quotes: match its words in order.
    pub exact: bool,
    /// The phrase (lowercase, spaces removed) for substring matching in unsegmented scripts.
    pub substring: Option<String>,
}

/// One word of a phrase and the forms a text word may take to match it. Where the language
/// does not treat hyphens as word boundaries, a hyphenated word (`t-shirt`) is one keyphrase
/// word, matched as its parts in a row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Word {
    /// The word, lowercase, apostrophes straightened (parts joined by `-`).
    pub form: String,
    /// Its parts: one, or more for a hyphenated word.
    parts: Vec<Part>,
}

/// A piece of a word between hyphens.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Part {
    form: String,
    /// The part without diacritics, when that differs.
    folded: Option<String>,
    /// The part without a leading clitic prefix (`הצמר` → `צמר`), for languages that attach
    /// them.
    stem: Option<String>,
    /// The language whose clitics and particles may attach to the part (`None` when it has
    /// none).
    affixes: Option<Language>,
    /// Its bit in a distinct word's topic mask ([`Tokens`]): parts are numbered in order over
    /// the topic's phrases, words and parts (modulo 64; see [`Topic::fits_masks`]).
    bit: u32,
}

impl Part {
    fn new(w: &str, lang: &LanguageProfile) -> Self {
        let affixes = &lang.lexicon().affixes;
        let active = affixes.is_active();
        let form = straighten(&affixes.normalize(w));
        // An ASCII part is lowercase a-z already: nothing to fold.
        let folded = (!form.is_ascii()).then(|| fold_latin(&form));
        let stem = if lang.max_prefixes > 0 {
            affixes.strip_one_prefix(&form).map(str::to_owned)
        } else {
            None
        };
        Self {
            folded: folded.filter(|f| *f != form),
            stem,
            affixes: active.then_some(lang.language),
            form,
            bit: 0,
        }
    }

    /// Its bit in a topic mask.
    pub(crate) fn mask(&self) -> u64 {
        1 << self.bit
    }

    /// The distinct text words this part matches, as ids: `Some` when the language attaches
    /// no clitics, so that an ASCII text word matches only by being equal to the part's form
    /// or folded form (a lookup per form, `index` giving the ids); `None` when every distinct
    /// word must be compared ([`Self::matches`]). Non-ASCII text words always need that.
    pub(crate) fn ascii_ids<'i>(
        &'i self,
        index: impl Fn(&str) -> Option<u32> + 'i,
    ) -> Option<impl Iterator<Item = u32> + 'i> {
        if self.affixes.is_some() {
            return None;
        }
        Some(
            std::iter::once(self.form.as_str())
                .chain(self.folded.as_deref())
                .filter_map(index),
        )
    }

    pub(crate) fn matches(&self, token: &str) -> bool {
        eq_straight(token, &self.form)
            || self
                .folded
                .as_deref()
                .is_some_and(|f| eq_straight(token, f))
            || self.affixes.is_some_and(|l| self.matches_affixed(token, l))
    }

    /// The token is the part (or its stem) with the language's clitics attached.
    #[cold]
    fn matches_affixed(&self, token: &str, language: Language) -> bool {
        let lang = language.profile();
        let affixes = &lang.lexicon().affixes;
        let token = affixes.normalize(token);
        let token = token.as_ref();
        let max = lang.max_prefixes;
        token == self.form
            || affixes.matches(token, &self.form, max)
            || self
                .stem
                .as_deref()
                .is_some_and(|s| token == s || affixes.matches(token, s, max))
    }
}

impl Word {
    fn new(parts: &[&str], lang: &LanguageProfile) -> Self {
        let parts: Vec<Part> = parts.iter().map(|p| Part::new(p, lang)).collect();
        let form = match parts.as_slice() {
            [only] => only.form.clone(),
            _ => parts
                .iter()
                .map(|p| p.form.as_str())
                .collect::<Vec<_>>()
                .join("-"),
        };
        Self { form, parts }
    }

    /// True when the word starts at token `i`.
    fn matches_at(&self, t: &Tokens<'_>, i: usize) -> bool {
        i + self.parts.len() <= t.len()
            && self
                .parts
                .iter()
                .enumerate()
                .all(|(k, p)| t.matches(i + k, p))
    }

    /// True when the word is token `i` alone (a hyphenated word never is).
    fn is_token(&self, t: &Tokens<'_>, i: usize) -> bool {
        match self.parts.as_slice() {
            [] => true,
            [only] => t.matches(i, only),
            _ => false,
        }
    }

    /// Occurrences among the tokens (a hyphenated word's parts in a row).
    pub(crate) fn count_in(&self, t: &Tokens<'_>) -> usize {
        if let [only] = self.parts.as_slice() {
            return (0..t.len()).filter(|&i| t.matches(i, only)).count();
        }
        (0..t.len()).filter(|&i| self.matches_at(t, i)).count()
    }

    /// True when the word occurs among the tokens.
    pub(crate) fn found_in(&self, t: &Tokens<'_>) -> bool {
        if let [only] = self.parts.as_slice() {
            return (0..t.len()).any(|i| t.matches(i, only));
        }
        (0..t.len()).any(|i| self.matches_at(t, i))
    }

    /// True when the (lowercase) text word `token` is this word or one of its parts.
    pub fn matches(&self, token: &str) -> bool {
        self.parts.iter().any(|p| p.matches(token))
    }
}

/// The words of a keyphrase (`ranges`: its [word ranges](crate::text::word_ranges) in
/// `lower`), each group of words joined by single hyphens (`t-shirt`) handed to `each` as one.
/// The same as splitting the keyphrase at whitespace and each chunk into its words: words never
/// span whitespace, and two words with only a hyphen between them are in one chunk.
fn hyphen_joined<'a>(lower: &'a str, ranges: &[(u32, u32)], mut each: impl FnMut(&[&'a str])) {
    let mut group: Vec<&str> = Vec::new();
    let mut last_end: Option<usize> = None;
    for &(i, end) in ranges {
        let (i, end) = (i as usize, end as usize);
        let joined = last_end.is_some_and(|e| lower.get(e..i) == Some("-"));
        if !joined && !group.is_empty() {
            each(&group);
            group.clear();
        }
        group.push(lower.get(i..end).unwrap_or(""));
        last_end = Some(end);
    }
    if !group.is_empty() {
        each(&group);
    }
}

/// Apostrophe-like characters that count as `'`.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '‛' | '`' | 'ʼ')
}

fn straighten(w: &str) -> String {
    if w.is_ascii() && !w.contains('`') {
        return w.to_owned();
    }
    w.chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect()
}

/// `a == b` with every apostrophe-like character in `a` equal to `'` (`b` is straightened).
#[inline]
fn eq_straight(a: &str, b: &str) -> bool {
    // Fast rejects first: most text words differ in length or first byte.
    if a.len() == b.len() {
        if a.as_bytes().first() == b.as_bytes().first() && a == b {
            return true;
        }
        if a.is_ascii() {
            return false;
        }
    } else if a.len() < b.len() || a.is_ascii() {
        // A straightened word is never longer than the original.
        return false;
    }
    let mut bc = b.chars();
    for c in a.chars() {
        let c = if is_apostrophe(c) { '\'' } else { c };
        if bc.next() != Some(c) {
            return false;
        }
    }
    bc.next().is_none()
}

/// Double quotation marks that ask for an exact match (Yoast's list of double quotes).
pub(crate) fn is_double_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '〝' | '〞' | '〟' | '‟' | '„' | '『' | '』' | '«' | '»'
    )
}

/// The phrase without its enclosing double quotes, if it has them.
pub fn unquote(s: &str) -> Option<&str> {
    let t = s.trim();
    let mut chars = t.chars();
    let (first, last) = (chars.next()?, chars.next_back()?);
    if is_double_quote(first) && is_double_quote(last) {
        t.get(first.len_utf8()..t.len() - last.len_utf8())
    } else {
        None
    }
}

impl Phrase {
    /// Prepares one keyphrase or synonym.
    pub fn new(raw: &str, lang: &LanguageProfile) -> Self {
        let (text, exact) = match unquote(raw) {
            Some(inner) => (inner, true),
            None => (raw, false),
        };
        let lower = lowercase_aligned(text.trim());
        let substring = dominant_script([lower.as_str()])
            .is_unsegmented()
            .then(|| lower.split_whitespace().collect::<String>())
            .filter(|s| !s.is_empty());
        let ranges = crate::text::word_ranges(&lower);
        let each_word = || {
            ranges
                .iter()
                .map(|&(s, e)| Word::new(&[lower.get(s as usize..e as usize).unwrap_or("")], lang))
        };
        let words: Vec<Word> = if exact {
            each_word().collect()
        } else {
            let all: Vec<Word> = if lang.hyphens_are_word_boundaries {
                each_word().collect()
            } else {
                let mut all = Vec::with_capacity(ranges.len());
                hyphen_joined(&lower, &ranges, |parts| all.push(Word::new(parts, lang)));
                all
            };
            let (content, function): (Vec<Word>, Vec<Word>) = all
                .into_iter()
                .partition(|w| !lang.is_function_word(&w.form));
            if content.is_empty() {
                function
            } else {
                content
            }
        };
        let mut words = words;
        words.truncate(MAX_PHRASE_WORDS);
        Self {
            words,
            exact,
            substring,
        }
    }

    /// True when the phrase has nothing to match.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.substring.is_none()
    }

    /// Occurrences among a sentence's lowercase words: every word present, in any order; the
    /// count is the smallest count among the words. Exact phrases count their runs in order.
    pub(crate) fn count_in(&self, tokens: &Tokens<'_>) -> u32 {
        if self.words.is_empty() {
            return 0;
        }
        if self.exact {
            return self.exact_runs(tokens);
        }
        let mut min = u32::MAX;
        for w in &self.words {
            let n = w.count_in(tokens) as u32;
            if n == 0 {
                return 0;
            }
            min = min.min(n);
        }
        min
    }

    /// Non-overlapping runs of the exact phrase's words in `tokens`.
    fn exact_runs(&self, tokens: &Tokens<'_>) -> u32 {
        let n = self.words.len();
        let (mut i, mut runs) = (0, 0);
        while i + n <= tokens.len() {
            let hit = self
                .words
                .iter()
                .enumerate()
                .all(|(j, w)| w.is_token(tokens, i + j));
            if hit {
                runs += 1;
                i += n;
            } else {
                i += 1;
            }
        }
        runs
    }

    /// Share (0–100, rounded) of the phrase's words found among `tokens` (an exact phrase is
    /// one unit: 100 or 0).
    pub(crate) fn percent_in(&self, tokens: &Tokens<'_>) -> u32 {
        if self.words.is_empty() {
            return 0;
        }
        if self.exact {
            return if self.exact_runs(tokens) > 0 { 100 } else { 0 };
        }
        let found = self.words.iter().filter(|w| w.found_in(tokens)).count();
        ((found * 100 + self.words.len() / 2) / self.words.len()) as u32
    }

    /// True when `token` is one of the phrase's words.
    pub fn has_word(&self, token: &str) -> bool {
        self.words.iter().any(|w| w.matches(token))
    }
}

/// The keyphrase and its synonyms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Topic {
    /// The keyphrase as typed (trimmed).
    pub raw: String,
    /// The keyphrase.
    pub keyphrase: Phrase,
    /// The synonyms (empty ones dropped).
    pub synonyms: Vec<Phrase>,
    /// The keyphrase consists of function words only (and is not quoted).
    pub only_function_words: bool,
    /// Parts over all phrases (numbered by [`Part::bit`]).
    parts: u32,
}

impl Topic {
    /// Prepares a keyphrase and its synonyms.
    pub fn new(keyphrase: &str, synonyms: &[String], lang: &LanguageProfile) -> Self {
        let phrase = Phrase::new(keyphrase, lang);
        let only_function_words = lang.has_function_words()
            && unquote(keyphrase).is_none()
            && !phrase.words.is_empty()
            && phrase.words.iter().all(|w| lang.is_function_word(&w.form));
        let mut topic = Self {
            raw: keyphrase.trim().to_owned(),
            keyphrase: phrase,
            synonyms: synonyms
                .iter()
                .map(|s| Phrase::new(s, lang))
                .filter(|p| !p.is_empty())
                .take(MAX_SYNONYMS)
                .collect(),
            only_function_words,
            parts: 0,
        };
        let mut bit = 0;
        let phrases = std::iter::once(&mut topic.keyphrase).chain(topic.synonyms.iter_mut());
        for part in phrases.flat_map(|p| p.words.iter_mut().flat_map(|w| w.parts.iter_mut())) {
            part.bit = bit % u64::BITS;
            bit += 1;
        }
        topic.parts = bit;
        topic
    }

    /// True when every part has a bit of its own in a topic mask (at most 64 parts), so that
    /// [`Tokens::indexed`] can test masks instead of comparing strings.
    pub fn fits_masks(&self) -> bool {
        self.parts <= u64::BITS
    }

    /// Every part of every phrase.
    pub(crate) fn parts(&self) -> impl Iterator<Item = &Part> {
        self.phrases()
            .flat_map(|p| p.words.iter().flat_map(|w| w.parts.iter()))
    }

    /// True when no keyphrase was given.
    pub fn is_empty(&self) -> bool {
        self.keyphrase.is_empty()
    }

    /// The keyphrase's length in (content) words, as Yoast's keyphrase-length research counts
    /// it: an exact (quoted) keyphrase is one unit.
    pub fn length(&self) -> usize {
        if self.keyphrase.exact {
            usize::from(!self.keyphrase.words.is_empty())
        } else {
            self.keyphrase.words.len()
        }
    }

    /// The keyphrase, then the synonyms.
    pub fn phrases(&self) -> impl Iterator<Item = &Phrase> {
        std::iter::once(&self.keyphrase).chain(self.synonyms.iter())
    }

    /// The best share of words found among `tokens`: the keyphrase's, or (with
    /// `use_synonyms`) a synonym's when higher (Yoast's `findTopicFormsInString`).
    pub(crate) fn percent_in(&self, tokens: &Tokens<'_>, use_synonyms: bool) -> u32 {
        let main = self.keyphrase.percent_in(tokens);
        if main == 100 || !use_synonyms {
            return main;
        }
        self.synonyms
            .iter()
            .map(|s| s.percent_in(tokens))
            .fold(main, u32::max)
    }

    /// Substring matches (unsegmented scripts): non-overlapping byte ranges in `lower` of the
    /// keyphrase or (with `use_synonyms`) the synonym found most often.
    pub fn substring_matches(&self, lower: &str, use_synonyms: bool) -> Vec<(usize, usize)> {
        let mut best: Vec<(usize, usize)> = Vec::new();
        let phrases = self
            .phrases()
            .take(if use_synonyms { usize::MAX } else { 1 });
        for p in phrases {
            let Some(sub) = p.substring.as_deref() else {
                continue;
            };
            let found: Vec<(usize, usize)> = lower
                .match_indices(sub)
                .map(|(i, m)| (i, i + m.len()))
                .collect();
            if found.len() > best.len() {
                best = found;
            }
        }
        best
    }

    /// Occurrences of the keyphrase (not its synonyms) as a substring of `lower`.
    pub fn keyphrase_substring_count(&self, lower: &str) -> u32 {
        self.keyphrase
            .substring
            .as_deref()
            .map_or(0, |sub| lower.matches(sub).count() as u32)
    }

    /// True when the keyphrase is matched as a substring (unsegmented script).
    pub fn is_substring_mode(&self) -> bool {
        self.keyphrase.substring.is_some()
    }
}

/// The words of a span of text as the matching sees them: lowercase words, compared as strings
/// ([`Self::plain`]); or, in the analyzed text, also their ids in the distinct-word table and
/// each distinct word's topic mask ([`Self::indexed`]), so that matching a part is a bit test.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tokens<'t> {
    words: &'t [&'t str],
    ids: &'t [u32],
    /// Per distinct word, bit [`Part::bit`] set when it matches that part; empty for string
    /// comparison.
    masks: &'t [u64],
}

impl<'t> Tokens<'t> {
    /// Words compared as strings.
    pub(crate) fn plain(words: &'t [&'t str]) -> Self {
        Self {
            words,
            ids: &[],
            masks: &[],
        }
    }

    /// Words with their distinct-word ids (aligned with `words`) and the topic masks of the
    /// distinct words, used when the topic [fits](Topic::fits_masks) them.
    pub(crate) fn indexed(
        words: &'t [&'t str],
        ids: &'t [u32],
        masks: &'t [u64],
        topic: &Topic,
    ) -> Self {
        if topic.fits_masks() && ids.len() == words.len() {
            Self { words, ids, masks }
        } else {
            Self::plain(words)
        }
    }

    fn len(&self) -> usize {
        self.words.len()
    }

    /// True when token `i` matches `part`.
    #[inline]
    fn matches(&self, i: usize, part: &Part) -> bool {
        if self.masks.is_empty() {
            return self.words.get(i).is_some_and(|t| part.matches(t));
        }
        self.ids
            .get(i)
            .and_then(|&id| self.masks.get(id as usize))
            .is_some_and(|m| m & part.mask() != 0)
    }
}

/// Lowercase words of a piece of plain text (UAX #29 words with a letter or digit).
pub fn words_of(lower: &str) -> Vec<&str> {
    let ranges = crate::text::word_ranges(lower);
    // Sized up front: a `filter_map` collect starts at four and grows by reallocating.
    let mut words = Vec::with_capacity(ranges.len());
    words.extend(
        ranges
            .iter()
            .map(|&(s, e)| lower.get(s as usize..e as usize).unwrap_or("")),
    );
    words
}

/// Byte ranges in `text` (any case) of the words that belong to any phrase of `topic`.
pub fn matching_words(topic: &Topic, text: &str, use_synonyms: bool) -> Vec<(usize, usize)> {
    matching_words_lower(topic, &lowercase_aligned(text), use_synonyms)
}

/// [`matching_words`] of a text already lowercased by [`lowercase_aligned`] (whose byte ranges
/// are the text's).
pub(crate) fn matching_words_lower(
    topic: &Topic,
    lower: &str,
    use_synonyms: bool,
) -> Vec<(usize, usize)> {
    if topic.is_substring_mode() {
        return topic.substring_matches(lower, use_synonyms);
    }
    let n = if use_synonyms { usize::MAX } else { 1 };
    // In ASCII text a word matches a part only by equality (with its form, or its folded
    // form): no apostrophes to straighten. Parts whose language attaches clitics still compare
    // the long way.
    let ascii = lower.is_ascii();
    // The parts listed once (walking the phrases' nested lists for every word cost more
    // than the comparisons).
    let parts: Vec<&Part> = topic
        .phrases()
        .take(n)
        .flat_map(|p| p.words.iter().flat_map(|w| w.parts.iter()))
        .collect();
    let ranges = crate::text::word_ranges(lower);
    let mut out = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        let (s, e) = (s as usize, e as usize);
        let w = lower.get(s..e).unwrap_or("");
        let hit = parts.iter().any(|part| {
            if ascii && part.affixes.is_none() {
                part.form == w || part.folded.as_deref() == Some(w)
            } else {
                part.matches(w)
            }
        });
        if hit {
            out.push((s, e));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    fn topic(k: &str, syn: &[&str]) -> Topic {
        let syn: Vec<String> = syn.iter().map(|s| (*s).to_owned()).collect();
        Topic::new(k, &syn, Language::En.profile())
    }

    fn count(t: &Topic, s: &str) -> u32 {
        let lower = lowercase_aligned(s);
        t.keyphrase.count_in(&Tokens::plain(&words_of(&lower)))
    }

    #[test]
    fn function_words_are_dropped_unless_alone() {
        let t = topic("The best wool socks for men", &[]);
        let forms: Vec<&str> = t.keyphrase.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["wool", "socks", "men"]);
        assert_eq!(t.length(), 3);
        let t = topic("how to", &[]);
        assert!(t.only_function_words);
        assert_eq!(t.length(), 2);
        assert!(topic("  ", &[]).is_empty());
    }

    #[test]
    fn words_match_in_any_order_without_word_forms() {
        let t = topic("wool socks", &[]);
        assert_eq!(count(&t, "Socks made of wool, warm socks of wool."), 2);
        assert_eq!(count(&t, "Warm socks."), 0);
        assert_eq!(
            count(&t, "A wool sock."),
            0,
            "no plurals in the free analysis"
        );
    }

    #[test]
    fn diacritics_and_apostrophes() {
        let t = topic("café crème", &[]);
        assert_eq!(count(&t, "Cafe creme, café crème."), 2);
        let t = topic("men's socks", &[]);
        assert_eq!(count(&t, "Our men’s socks."), 1);
    }

    #[test]
    fn hyphens_split_english_keyphrases() {
        let t = topic("V-neck t-shirt", &[]);
        assert_eq!(t.length(), 4);
        assert_eq!(count(&t, "Our v-neck t-shirt is a v neck t shirt."), 2);
    }

    #[test]
    fn hyphenated_words_stay_whole_where_the_language_says_so() {
        let w = Word::new(&["t", "shirt"], Language::En.profile());
        assert_eq!(w.form, "t-shirt");
        assert_eq!(
            w.count_in(&Tokens::plain(&["a", "t", "shirt", "t", "shirt", "shirt"])),
            2
        );
        assert!(!w.found_in(&Tokens::plain(&["shirt", "t"])));
        assert_eq!(
            groups("v-neck t-shirt, red"),
            [vec!["v", "neck"], vec!["t", "shirt"], vec!["red"]]
        );
    }

    fn groups(lower: &str) -> Vec<Vec<&str>> {
        let mut out = Vec::new();
        hyphen_joined(lower, &crate::text::word_ranges(lower), |g| {
            out.push(g.to_vec());
        });
        out
    }

    proptest::proptest! {
        /// The highlight match's ASCII shortcut (equality with a part's form or folded form)
        /// finds what comparing every word with every phrase finds, in English (no clitics) and
        /// French (clitics attach, so the long comparison runs).
        #[test]
        fn matching_words_equal_the_word_by_word_match(
            keyphrase in "[a-c]{1,3}( [a-c]{1,3}){0,2}|[a-c]{1,2}-[a-c]{1,2}|l'[a-c]{1,3}",
            synonym in "[a-cé]{1,3}",
            text in "[a-c' -]{0,30}",
            french in proptest::bool::ANY,
        ) {
            let lang = if french { Language::Fr } else { Language::En }.profile();
            let t = Topic::new(&keyphrase, &[synonym], lang);
            for use_synonyms in [false, true] {
                let n = if use_synonyms { usize::MAX } else { 1 };
                let want: Vec<(usize, usize)> = crate::text::word_ranges(&text)
                    .into_iter()
                    .map(|(s, e)| (s as usize, e as usize))
                    .filter(|&(s, e)| t.phrases().take(n).any(|p| p.has_word(&text[s..e])))
                    .collect();
                proptest::prop_assert_eq!(matching_words(&t, &text, use_synonyms), want);
            }
        }

        /// Grouping the keyphrase's words equals splitting it at whitespace and each chunk
        /// into its words, joining those with only a hyphen between them.
        #[test]
        fn hyphen_groups_are_the_chunks_groups(
            s in "[a-c\\- ,.'\u{a0}\u{2003}\u{301}\u{200d}é1]{0,16}",
        ) {
            let mut want: Vec<Vec<&str>> = Vec::new();
            for chunk in s.split_whitespace() {
                let mut group: Vec<&str> = Vec::new();
                let mut last_end: Option<usize> = None;
                for (i, end) in crate::text::word_ranges(chunk) {
                    let (i, end) = (i as usize, end as usize);
                    let joined = last_end.is_some_and(|e| chunk.get(e..i) == Some("-"));
                    if !joined && !group.is_empty() {
                        want.push(std::mem::take(&mut group));
                    }
                    group.push(&chunk[i..end]);
                    last_end = Some(end);
                }
                if !group.is_empty() {
                    want.push(group);
                }
            }
            proptest::prop_assert_eq!(groups(&s), want);
        }
    }

    #[test]
    fn quoted_keyphrases_match_exactly() {
        let t = topic("\u{201c}socks for men\u{201d}", &[]);
        assert!(t.keyphrase.exact);
        assert_eq!(t.length(), 1);
        assert_eq!(count(&t, "Socks for men and socks for women."), 1);
        assert_eq!(count(&t, "Men like socks for sure."), 0);
    }

    #[test]
    fn synonyms_raise_the_share() {
        let t = topic("merino socks", &["wool stockings"]);
        let lower = "warm wool stockings";
        let words = words_of(lower);
        assert_eq!(t.percent_in(&Tokens::plain(&words), false), 0);
        assert_eq!(t.percent_in(&Tokens::plain(&words), true), 100);
    }

    #[test]
    fn hostile_topics_are_bounded() {
        let many: Vec<String> = (0..10_000).map(|i| format!("word{i}")).collect();
        let long = "w ".repeat(5_000);
        let t = Topic::new(&long, &many, Language::En.profile());
        assert_eq!(t.synonyms.len(), MAX_SYNONYMS);
        assert_eq!(t.keyphrase.words.len(), MAX_PHRASE_WORDS);
    }

    #[test]
    fn unsegmented_keyphrases_match_as_substrings() {
        let t = topic("羊毛毛衣", &[]);
        assert_eq!(
            t.substring_matches("这款羊毛毛衣柔软。羊毛毛衣！", false)
                .len(),
            2
        );
        assert!(t.substring_matches("羊毛和毛衣", false).is_empty());
        assert_eq!(matching_words(&t, "买羊毛毛衣", false), vec![(3, 15)]);
    }
}
