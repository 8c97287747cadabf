//! The researcher: every measurement of the text, computed at most once per analysis and
//! shared by the assessments that need it (as Yoast's Researcher shares its researches).
//!
//! Cheap facts (the parsed document, language data, the topic, word count) are fields; costlier
//! researches (keyphrase counts per sentence, link statistics, passive and transition
//! sentences) are computed on first use and cached. Assessments only read from here: the
//! measurement lives here, the judgement in the assessment's file.

use std::cell::OnceCell;

use super::interner::{zeros, Interner};
use super::keyphrase::{Part, Tokens, Topic};
use super::types::{AnalyzeInput, Profile};
use crate::lang::{Language, LanguageProfile, TransitionStart, WordFacts};
use crate::span::{Field, Highlight, Utf16Index};
use crate::text::{char_count, dominant_script, Block, Document, Range, Sentence, TextScript};

/// Highlights are capped per check so a pathological text cannot blow up the output.
pub(crate) const MAX_HIGHLIGHTS: usize = 50;

/// A sentence of the text: its block and its index in the block.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SentenceRef {
    /// Index into [`Document::blocks`].
    pub block: u32,
    /// Index into [`Block::sentences`].
    pub sentence: u32,
}

/// Link counts by kind, as Yoast's link statistics research counts them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LinkStats {
    pub internal_total: u32,
    pub internal_nofollow: u32,
    pub external_total: u32,
    pub external_nofollow: u32,
}

/// An image the image checks assess: from the content, or provided with the product.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ImageRef<'r> {
    /// The alt text; `None` or blank means none.
    pub alt: Option<&'r str>,
    /// Source range of the `<img>` tag, for images in the content.
    pub source: Option<Range>,
}

impl ImageRef<'_> {
    /// True when the image has a non-blank alt text.
    pub fn has_alt(&self) -> bool {
        self.alt.is_some_and(|a| !a.trim().is_empty())
    }
}

/// Why a language-specific research cannot run, if it cannot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unsupported {
    /// The text is in a script written without spaces: words cannot be counted.
    Unsegmented,
    /// The text is not in the locale's language's script.
    WrongScript(Language),
    /// proseo has no data for this research in the language.
    NoData(Language),
    /// The language's data file was not loaded (builds that load it at run time).
    DataNotLoaded(Language),
    /// The check needs words, and the language (Chinese, Japanese) is written without spaces
    /// between them: it would need a word segmenter, which proseo does not have.
    NeedsSegmenter(Language),
    /// No published detector or data exists for this check in the language.
    NothingPublished(&'static str),
}

impl Unsupported {
    /// The reason, for a check's message.
    pub fn message(&self) -> String {
        match self {
            Unsupported::Unsegmented => "Not supported yet for text written without spaces between words (e.g. Chinese, Japanese, Thai).".to_owned(),
            Unsupported::WrongScript(l) => format!(
                "The text does not look like {}; this language-specific check was skipped.",
                language_name(*l)
            ),
            Unsupported::NoData(l) => format!("Not supported for {} yet.", language_name(*l)),
            Unsupported::DataNotLoaded(l) => format!(
                "The {} language data is not loaded (load it with loadLanguage(\"{}\") first).",
                language_name(*l),
                l.code()
            ),
            Unsupported::NeedsSegmenter(l) => format!(
                "Needs word boundaries, which {} text does not mark with spaces; proseo has no word segmenter for it (lengths are counted in characters instead).",
                language_name(*l)
            ),
            Unsupported::NothingPublished(why) => (*why).to_owned(),
        }
    }
}

/// English name of a language, for messages.
pub fn language_name(lang: Language) -> &'static str {
    lang.name()
}

/// Every word of the text, lowercase and in document order, with its id among the distinct
/// words. Researches that judge single words (syllables, passive classes, transition words,
/// keyphrase matches) judge each distinct word once and look the rest up by id, and a
/// sentence's words are a slice of [`Self::all`] (no copying per sentence per check).
pub(crate) struct Words<'a> {
    /// The words, lowercase ([`Block::lower`]), in document order.
    pub all: Vec<&'a str>,
    /// The id of each word of [`Self::all`]: its index in [`Self::distinct`].
    pub ids: Vec<u32>,
    /// How often each distinct word occurs.
    pub counts: Vec<u32>,
    /// The ids of the distinct words that are not ASCII.
    pub non_ascii: Vec<u32>,
    /// Index in [`Self::all`] of each block's first word.
    block_start: Vec<u32>,
    /// The distinct words and their ids.
    index: Interner<'a>,
}

impl<'a> Words<'a> {
    fn new(doc: &'a Document) -> Self {
        let n = doc.word_count();
        let mut all = Vec::with_capacity(n);
        let mut ids = Vec::with_capacity(n);
        // Room for every distinct word without growing: in a short text most words are
        // distinct (two in three of a 200-word German description), in a long one fewer.
        let cap = if n <= 2048 { n } else { n / 2 } + 1;
        let mut index = Interner::with_capacity(cap);
        let mut counts: Vec<u32> = Vec::with_capacity(cap);
        let mut block_start = Vec::with_capacity(doc.blocks.len());
        let mut non_ascii = Vec::new();
        for b in &doc.blocks {
            block_start.push(all.len() as u32);
            // Every word of an ASCII block is ASCII: only other blocks' new words are checked.
            let lower = b.lower();
            let ascii = lower.is_ascii();
            for &(start, end) in b.words() {
                let word = lower.get(start as usize..end as usize).unwrap_or("");
                let (id, new) = index.intern(word);
                if new {
                    if !ascii && !word.is_ascii() {
                        non_ascii.push(id);
                    }
                    counts.push(1);
                } else if let Some(c) = counts.get_mut(id as usize) {
                    *c += 1;
                }
                all.push(word);
                ids.push(id);
            }
        }
        Self {
            all,
            ids,
            counts,
            non_ascii,
            block_start,
            index,
        }
    }

    /// The distinct words, by id.
    pub fn distinct(&self) -> &[&'a str] {
        &self.index.distinct
    }

    /// The index range in [`Self::all`] of a block's words `first..end`.
    fn span(&self, block: u32, first: u32, end: u32) -> std::ops::Range<usize> {
        let at = self.block_start.get(block as usize).copied().unwrap_or(0) as usize;
        at + first as usize..at + end as usize
    }
}

/// The shared measurements of one analysis.
pub struct Researcher<'a> {
    /// The input.
    pub input: &'a AnalyzeInput,
    /// The parsed description.
    pub doc: &'a Document,
    /// The words of the description, with their ids.
    pub(crate) words: Words<'a>,
    /// Language data.
    pub lang: &'static LanguageProfile,
    /// The profile (threshold tables).
    pub profile: Profile,
    /// The keyphrase and synonyms.
    pub topic: Topic,
    /// Words can be counted (the text is in a space-separated script).
    pub words_supported: bool,
    /// Lengths are counted in characters: the language is written without spaces (Chinese,
    /// Japanese) and so is the text.
    pub counts_characters: bool,
    /// The text is in the script of the chosen language, so its word lists apply.
    pub language_fits_text: bool,
    /// Words in the description (0 when they cannot be counted), each part of a hyphenated
    /// word counted (Yoast's word count for keyphrase density and transition words).
    pub word_count: usize,
    /// Words with hyphenated words counted once (Yoast's text length); characters when
    /// [`Self::counts_characters`].
    pub text_length: usize,
    sentences: OnceCell<Vec<SentenceRef>>,
    keyphrase_counts: OnceCell<Vec<u32>>,
    link_stats: OnceCell<LinkStats>,
    flesch: OnceCell<Option<Flesch>>,
    content_utf16: OnceCell<Utf16Index>,
    /// Per distinct word: it matches a word of the keyphrase or of a synonym.
    topic_masks: OnceCell<Vec<u64>>,
    /// Per distinct word: its facts from one lookup in the language's word index (`None` for a
    /// word that is not ASCII: each research looks such a word up its own way).
    word_facts: OnceCell<Vec<Option<WordFacts>>>,
    /// Per distinct word: what the passive detector needs to know about it.
    passive_facts: OnceCell<Vec<u8>>,
    /// Per distinct word: the transitions it starts, if any.
    transition_starts: OnceCell<Vec<Option<&'static TransitionStart>>>,
}

/// The Flesch research: reading ease by the language's formula, the Flesch-Kincaid grade, and
/// the syllables they count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Flesch {
    pub reading_ease: f64,
    pub grade: f64,
    pub syllables: u32,
}

impl<'a> Researcher<'a> {
    /// Prepares the cheap researches of `input`, whose content parses to `doc`.
    pub fn new(input: &'a AnalyzeInput, doc: &'a Document) -> Self {
        let language = Language::from_locale(&input.locale);
        let lang = language.profile();
        let script = dominant_script(doc.blocks.iter().map(|b| b.text()));
        let words_supported = !script.is_unsegmented();
        let counts_characters = lang.counts_characters() && script == TextScript::Cjk;
        let language_fits_text = lang.script.fits(script);
        let topic = Topic::new(&input.keyphrase, &input.synonyms, lang);
        let word_count = if words_supported { doc.word_count() } else { 0 };
        let text_length = if counts_characters {
            doc.blocks.iter().map(|b| char_count(b.text())).sum()
        } else if words_supported {
            doc.joined_word_count()
        } else {
            0
        };
        Self {
            input,
            doc,
            words: Words::new(doc),
            lang,
            profile: input.profile,
            topic,
            words_supported,
            counts_characters,
            language_fits_text,
            word_count,
            text_length,
            sentences: OnceCell::new(),
            keyphrase_counts: OnceCell::new(),
            link_stats: OnceCell::new(),
            flesch: OnceCell::new(),
            content_utf16: OnceCell::new(),
            topic_masks: OnceCell::new(),
            word_facts: OnceCell::new(),
            passive_facts: OnceCell::new(),
            transition_starts: OnceCell::new(),
        }
    }

    /// Why word-based checks cannot run, if they cannot.
    pub(crate) fn words_unsupported(&self) -> Option<Unsupported> {
        if self.counts_characters {
            return Some(Unsupported::NeedsSegmenter(self.lang.language));
        }
        (!self.words_supported).then_some(Unsupported::Unsegmented)
    }

    /// Why length checks (text, sentence, paragraph, section lengths) cannot run, if they
    /// cannot: they count words, or characters in Chinese and Japanese.
    pub(crate) fn lengths_unsupported(&self) -> Option<Unsupported> {
        if self.counts_characters {
            return None;
        }
        self.words_unsupported()
    }

    /// A block's length: words (hyphenated words once) or characters.
    pub(crate) fn block_length(&self, b: &Block) -> usize {
        if self.counts_characters {
            char_count(b.text())
        } else {
            b.joined_words()
        }
    }

    /// A sentence's length: words (hyphenated words once) or characters.
    pub(crate) fn sentence_length(&self, b: &Block, s: &Sentence) -> usize {
        if self.counts_characters {
            char_count(b.slice(s.range))
        } else {
            b.sentence_joined_words(s)
        }
    }

    /// Why a check needing language data (`available` says whether the language has it)
    /// cannot run, if it cannot.
    pub(crate) fn language_unsupported(&self, available: bool) -> Option<Unsupported> {
        if let Some(why) = self.lengths_unsupported() {
            return Some(why);
        }
        if !self.language_fits_text {
            return Some(Unsupported::WrongScript(self.lang.language));
        }
        if self.lang.data_missing() {
            return Some(Unsupported::DataNotLoaded(self.lang.language));
        }
        (!available).then_some(Unsupported::NoData(self.lang.language))
    }

    /// Like [`Self::language_unsupported`], with the reason why nothing is available when
    /// nothing published exists (instead of "not supported yet").
    pub(crate) fn language_unsupported_because(
        &self,
        available: bool,
        reason: Option<&'static str>,
    ) -> Option<Unsupported> {
        match (self.language_unsupported(available)?, reason) {
            (Unsupported::NoData(_), Some(why)) => Some(Unsupported::NothingPublished(why)),
            (why, _) => Some(why),
        }
    }

    /// Every sentence of the text, in document order (headings and list items included).
    pub(crate) fn sentences(&self) -> &[SentenceRef] {
        self.sentences.get_or_init(|| {
            let mut out = Vec::with_capacity(self.doc.sentence_count());
            for (b, block) in self.doc.blocks.iter().enumerate() {
                for s in 0..block.sentences.len() {
                    out.push(SentenceRef {
                        block: b as u32,
                        sentence: s as u32,
                    });
                }
            }
            out
        })
    }

    /// The block and sentence of a reference.
    pub(crate) fn sentence(&self, r: SentenceRef) -> Option<(&Block, &Sentence)> {
        let block = self.doc.blocks.get(r.block as usize)?;
        Some((block, block.sentences.get(r.sentence as usize)?))
    }

    /// The lowercase words of a sentence.
    pub(crate) fn sentence_words(&self, r: SentenceRef) -> &[&'a str] {
        self.sentence_span(r)
            .and_then(|span| self.words.all.get(span))
            .unwrap_or(&[])
    }

    /// The word ids of a sentence (aligned with [`Self::sentence_words`]).
    pub(crate) fn sentence_ids(&self, r: SentenceRef) -> &[u32] {
        self.sentence_span(r)
            .and_then(|span| self.words.ids.get(span))
            .unwrap_or(&[])
    }

    fn sentence_span(&self, r: SentenceRef) -> Option<std::ops::Range<usize>> {
        let (_, s) = self.sentence(r)?;
        Some(self.words.span(r.block, s.first_word, s.end_word))
    }

    /// Per distinct word ([`Words::distinct`]): its topic mask, bit [`Part::bit`] set for each
    /// part of a keyphrase or synonym word it matches. A sentence none of whose words has a bit
    /// cannot contain the topic.
    pub(crate) fn topic_masks(&self) -> &[u64] {
        self.topic_masks.get_or_init(|| {
            let distinct = self.words.distinct();
            let mut masks: Vec<u64> = zeros(distinct.len());
            // An ASCII text word matches only by being equal to a form: one lookup per form
            // instead of comparing every distinct word with every form.
            let index = |f: &str| self.words.index.get(f);
            let mut general: Vec<&Part> = Vec::new();
            for part in self.topic.parts() {
                let Some(ids) = part.ascii_ids(index) else {
                    general.push(part);
                    continue;
                };
                for id in ids {
                    if let Some(m) = masks.get_mut(id as usize) {
                        *m |= part.mask();
                    }
                }
            }
            // The rest: each part an ASCII word may match without being equal to a form,
            // and every part for a word that is not ASCII.
            if !general.is_empty() {
                for (m, d) in masks.iter_mut().zip(distinct) {
                    for part in &general {
                        if part.matches(d) {
                            *m |= part.mask();
                        }
                    }
                }
            }
            for &id in &self.words.non_ascii {
                let (Some(m), Some(d)) = (masks.get_mut(id as usize), distinct.get(id as usize))
                else {
                    continue;
                };
                for part in self.topic.parts() {
                    if part.matches(d) {
                        *m |= part.mask();
                    }
                }
            }
            masks
        })
    }

    /// True when some word with an id in `ids` matches a keyphrase or synonym word.
    pub(crate) fn may_have_topic(&self, ids: &[u32]) -> bool {
        let masks = self.topic_masks();
        ids.iter()
            .any(|&id| masks.get(id as usize).is_some_and(|&m| m != 0))
    }

    /// The words of a sentence as the topic matching sees them.
    pub(crate) fn sentence_tokens(&self, r: SentenceRef) -> Tokens<'_> {
        self.tokens(self.sentence_words(r), self.sentence_ids(r))
    }

    /// Text words with their ids ([`Words::ids`]) as the topic matching sees them.
    pub(crate) fn tokens<'t>(&'t self, words: &'t [&'t str], ids: &'t [u32]) -> Tokens<'t> {
        Tokens::indexed(words, ids, self.topic_masks(), &self.topic)
    }

    /// The words `first..end` of block `block`, and their ids.
    pub(crate) fn block_words(&self, block: u32, first: u32, end: u32) -> (&[&'a str], &[u32]) {
        let span = self.words.span(block, first, end);
        (
            self.words.all.get(span.clone()).unwrap_or(&[]),
            self.words.ids.get(span).unwrap_or(&[]),
        )
    }

    /// Per distinct word: the passive detector's facts ([`LanguageProfile::passive_facts`]).
    pub(crate) fn passive_facts(&self) -> &[u8] {
        self.passive_facts.get_or_init(|| {
            let facts = self.word_facts();
            self.lang.passive_facts(
                self.words
                    .distinct()
                    .iter()
                    .zip(facts)
                    .map(|(&w, f)| (w, f.map(|f| f.passive_class))),
            )
        })
    }

    /// Per distinct word: its [`WordFacts`] when it is ASCII (one lookup in the language's
    /// word index answers the syllable cache, the passive classes, the transitions and the
    /// sentence-beginning exceptions), `None` when it is not.
    pub(crate) fn word_facts(&self) -> &[Option<WordFacts>] {
        self.word_facts.get_or_init(|| {
            let index = self.lang.word_facts();
            // `non_ascii` holds ids in increasing order: walk it beside the distinct words so
            // that only ASCII words are looked up.
            let mut non_ascii = self.words.non_ascii.iter().peekable();
            (0u32..)
                .zip(self.words.distinct())
                .map(|(id, w)| {
                    if non_ascii.next_if_eq(&&id).is_some() {
                        return None;
                    }
                    Some(index.get(w).unwrap_or_default())
                })
                .collect()
        })
    }

    /// Per distinct word: the transitions of the language it starts.
    pub(crate) fn transition_starts(&self) -> &[Option<&'static TransitionStart>] {
        self.transition_starts.get_or_init(|| {
            let transitions = &self.lang.lexicon().transitions;
            self.words
                .distinct()
                .iter()
                .zip(self.word_facts())
                .map(|(w, f)| match f {
                    Some(f) => f.transition,
                    None => transitions.get(*w),
                })
                .collect()
        })
    }

    /// Keyphrase occurrences per sentence (keyphrase only, no synonyms: Yoast's keyphrase
    /// count), aligned with [`Self::sentences`].
    pub(crate) fn keyphrase_counts(&self) -> &[u32] {
        self.keyphrase_counts.get_or_init(|| {
            let sentences = self.sentences();
            if self.topic.is_empty() {
                return zeros(sentences.len());
            }
            if self.topic.is_substring_mode() && self.counts_characters {
                return sentences
                    .iter()
                    .map(|&r| {
                        self.sentence(r).map_or(0, |(b, s)| {
                            self.topic.keyphrase_substring_count(b.lower_slice(s.range))
                        })
                    })
                    .collect();
            }
            if !self.words_supported {
                return zeros(sentences.len());
            }
            sentences
                .iter()
                .map(|&r| {
                    if self.may_have_topic(self.sentence_ids(r)) {
                        self.topic.keyphrase.count_in(&self.sentence_tokens(r))
                    } else {
                        0
                    }
                })
                .collect()
        })
    }

    /// Total keyphrase occurrences in the text.
    pub(crate) fn keyphrase_count(&self) -> u32 {
        self.keyphrase_counts().iter().sum()
    }

    /// Flesch reading ease, when the language has a formula and a syllable counter, the text
    /// is in its script, and there is text.
    pub(crate) fn flesch(&self) -> Option<Flesch> {
        *self.flesch.get_or_init(|| {
            let formula = self.lang.flesch?;
            self.lang.syllables?;
            if self.words_unsupported().is_some() || self.language_unsupported(true).is_some() {
                return None;
            }
            let sentences = self.doc.sentence_count();
            if self.word_count == 0 || sentences == 0 {
                return None;
            }
            // Each distinct word counted once, times its occurrences.
            let syllables: u32 = self
                .words
                .distinct()
                .iter()
                .zip(&self.words.counts)
                .zip(self.word_facts())
                .map(|((w, &n), &f)| self.lang.count_syllables_with(w, f).unwrap_or(0) * n)
                .sum();
            let asl = self.word_count as f64 / sentences as f64;
            let asw = f64::from(syllables) / self.word_count as f64;
            Some(Flesch {
                reading_ease: formula.score(asl, asw),
                grade: flesch_kincaid_grade(asl, asw),
                syllables,
            })
        })
    }

    /// Link statistics of the description.
    pub(crate) fn link_stats(&self) -> LinkStats {
        *self.link_stats.get_or_init(|| {
            let site = self.input.site_url.as_deref().and_then(host_of);
            let mut s = LinkStats::default();
            for l in &self.doc.links {
                match link_kind(&l.href, site.as_deref()) {
                    Some(LinkKind::Internal) => {
                        s.internal_total += 1;
                        s.internal_nofollow += u32::from(l.nofollow);
                    }
                    Some(LinkKind::External) => {
                        s.external_total += 1;
                        s.external_nofollow += u32::from(l.nofollow);
                    }
                    None => {}
                }
            }
            s
        })
    }

    /// The images the image checks assess: the product's provided images when given, else the
    /// `<img>` tags of the content (Yoast's images in scope).
    pub(crate) fn images(&self) -> Vec<ImageRef<'_>> {
        match &self.input.product.images {
            Some(list) => list
                .iter()
                .map(|i| ImageRef {
                    alt: Some(i.alt.as_str()),
                    source: None,
                })
                .collect(),
            None => self
                .doc
                .images
                .iter()
                .map(|i| ImageRef {
                    alt: i.alt.as_deref(),
                    source: Some(i.source),
                })
                .collect(),
        }
    }

    /// A highlight of a block's text range, in the content's source offsets.
    pub fn hl(&self, block: &Block, range: Range) -> Highlight {
        self.hl_source(block.source_range(range))
    }

    /// A highlight of a content source range.
    pub fn hl_source(&self, (s, e): Range) -> Highlight {
        let content = &self.input.content;
        let index = self.content_utf16.get_or_init(|| Utf16Index::new(content));
        Highlight::indexed(Field::Content, content, index, s as usize, e as usize)
    }

    /// A highlight in another field.
    pub fn hl_field(&self, field: Field, start: usize, end: usize) -> Highlight {
        Highlight::new(field, self.input.field(field), start, end)
    }

    /// A highlight of a whole sentence.
    pub(crate) fn hl_sentence(&self, r: SentenceRef) -> Option<Highlight> {
        self.sentence(r).map(|(b, s)| self.hl(b, s.range))
    }

    /// The highlights of the first [`MAX_HIGHLIGHTS`] of `refs` (sized up front: collecting a
    /// `filter_map` starts small and grows).
    pub(crate) fn hl_sentences(&self, refs: &[SentenceRef]) -> Vec<Highlight> {
        let refs = refs.get(..MAX_HIGHLIGHTS).unwrap_or(refs);
        let mut out = Vec::with_capacity(refs.len());
        out.extend(refs.iter().filter_map(|&s| self.hl_sentence(s)));
        out
    }
}

/// Flesch-Kincaid grade level (English formula).
pub fn flesch_kincaid_grade(asl: f64, asw: f64) -> f64 {
    0.39 * asl + 11.8 * asw - 15.59
}

/// Where a link goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkKind {
    Internal,
    External,
}

/// The host of an absolute http(s) URL, lowercased, without `www.` and port.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .or_else(|| lower.strip_prefix("//"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_owned())
}

/// Internal (relative, or the shop's host), external (another host), or neither (`None`:
/// fragments, `mailto:`, `tel:` and other non-http schemes), as Yoast classifies links.
pub(crate) fn link_kind(href: &str, site_host: Option<&str>) -> Option<LinkKind> {
    let h = href.trim();
    if h.is_empty() || h.starts_with('#') {
        return None;
    }
    let lower = h.to_ascii_lowercase();
    let scheme = lower.split_once(':').map(|(s, _)| s).filter(|s| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if let Some(scheme) = scheme {
        if scheme != "http" && scheme != "https" {
            return None;
        }
    }
    match host_of(h) {
        Some(host) if site_host == Some(host.as_str()) => Some(LinkKind::Internal),
        Some(_) => Some(LinkKind::External),
        None => Some(LinkKind::Internal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_interned_once_and_sentences_are_slices() {
        let input = AnalyzeInput {
            content: "<p>The mug is big. The MUG is blue.</p><h2>Big mug</h2>".to_owned(),
            ..AnalyzeInput::default()
        };
        let doc = Document::parse(&input.content);
        let r = Researcher::new(&input, &doc);
        let w = &r.words;
        assert_eq!(
            w.all,
            ["the", "mug", "is", "big", "the", "mug", "is", "blue", "big", "mug"]
        );
        assert_eq!(w.distinct(), ["the", "mug", "is", "big", "blue"]);
        assert_eq!(w.counts, [2, 3, 2, 2, 1]);
        assert_eq!(w.ids, [0, 1, 2, 3, 0, 1, 2, 4, 3, 1]);
        // Each sentence's words and ids are its slice of the text's, in every block.
        for &s in r.sentences() {
            let (b, sent) = r.sentence(s).expect("a sentence of the text");
            let expected: Vec<&str> = b.sentence_words(sent).collect();
            assert_eq!(r.sentence_words(s), expected.as_slice());
            let ids: Vec<&str> = r
                .sentence_ids(s)
                .iter()
                .map(|&i| w.distinct()[i as usize])
                .collect();
            assert_eq!(ids, expected);
        }
        assert_eq!(r.sentences().len(), 3);
    }

    /// Matching a sentence's words by topic mask gives what comparing the strings gives, for
    /// every kind of part: hyphenated, folded, typographic apostrophes, exact phrases,
    /// clitics (Hebrew), and topics with more parts than a mask has bits (strings again).
    #[test]
    fn topic_masks_match_like_strings() {
        let many: Vec<String> = (0..40).map(|i| format!("x{i} y{i}")).collect();
        let cases: [(&str, &str, Vec<String>, &str); 4] = [
            (
                "en_US",
                "V-neck t-shirt",
                vec![
                    "café crème".into(),
                    "\u{201c}men's socks\u{201d}".into(),
                    "cafe".into(),
                ],
                "<p>Our v-neck t-shirt, a v neck T shirt. Cafe crème and café creme.</p>\
                 <p>Men’s socks for men's feet; socks men’s. The t-shirt: v-neck!</p>\
                 <ul><li>Crème brûlée, t shirt v-neck</li></ul>",
            ),
            (
                "he_IL",
                "גרבי צמר",
                vec!["צמר".into()],
                "<p>הגרבי צמר חמים. וגרבי הצמר רכים, גרבי צמר.</p>",
            ),
            (
                "en_US",
                "wool socks",
                many,
                "<p>x1 y1 wool socks x39 y39 x2.</p>",
            ),
            (
                "de_DE",
                "Wollsocken",
                vec!["Socken".into()],
                "<p>Wollsocken, Socken.</p>",
            ),
        ];
        for (locale, keyphrase, synonyms, content) in cases {
            let input = AnalyzeInput {
                content: content.to_owned(),
                keyphrase: keyphrase.to_owned(),
                synonyms,
                locale: locale.to_owned(),
                ..AnalyzeInput::default()
            };
            let doc = Document::parse(&input.content);
            let r = Researcher::new(&input, &doc);
            let mut found = 0;
            for &s in r.sentences() {
                let (indexed, plain) = (r.sentence_tokens(s), Tokens::plain(r.sentence_words(s)));
                for p in r.topic.phrases() {
                    assert_eq!(p.count_in(&indexed), p.count_in(&plain), "{locale} {s:?}");
                    assert_eq!(
                        p.percent_in(&indexed),
                        p.percent_in(&plain),
                        "{locale} {s:?}"
                    );
                    found += p.count_in(&plain);
                }
                let hit = r
                    .sentence_words(s)
                    .iter()
                    .any(|w| r.topic.parts().any(|p| p.matches(w)));
                assert_eq!(r.may_have_topic(r.sentence_ids(s)), hit, "{locale} {s:?}");
            }
            assert!(found > 0, "{locale}: the case finds the topic");
        }
    }

    #[test]
    fn hosts_and_link_kinds() {
        assert_eq!(
            host_of("https://www.Shop.example:8080/a?b").as_deref(),
            Some("shop.example")
        );
        let site = Some("shop.example");
        assert_eq!(link_kind("/care", site), Some(LinkKind::Internal));
        assert_eq!(
            link_kind("https://shop.example/x", site),
            Some(LinkKind::Internal)
        );
        assert_eq!(
            link_kind("https://other.example/x", site),
            Some(LinkKind::External)
        );
        assert_eq!(link_kind("#top", None), None);
        assert_eq!(link_kind("mailto:a@b.c", None), None);
        assert_eq!(link_kind("tel:+4912345", None), None);
    }
}
