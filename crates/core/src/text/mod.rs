//! The text model: from product HTML to blocks, sentences and words.
//!
//! [`Document::parse`] tokenizes the HTML once (`tokenizer`, the WHATWG tokenizer's states) and builds:
//! - [`Block`]s: paragraphs, headings (with level) and list items, each with its plain text
//!   (entities decoded, whitespace collapsed), its words and its sentences;
//! - [`Link`]s (href, anchor text), [`Image`]s (src, alt) and [`List`]s.
//!
//! Script/style/template contents, HTML comments and WordPress shortcodes (`[gallery ids="1"]`,
//! `[/caption]`) are not text. Bare text split by blank lines becomes separate paragraphs, as
//! WordPress's `wpautop` renders it.
//!
//! Every piece of plain text keeps a map back to its byte range in the HTML source, so checks
//! can highlight the source ([`Block::source_range`]).
//!
//! Memory is bounded for any input: tokens are read one at a time, and a document keeps at
//! most [`MAX_TEXT_BYTES`] of text and [`MAX_ITEMS`] blocks, links, images and lists (past
//! them it holds the beginning and is marked [`Document::truncated`]).

mod glyph_widths;
mod html;
pub(crate) mod lanes;
pub mod lowercase;
mod script;
mod sentences;
pub mod syllables;
pub mod title;
pub(crate) mod tokenizer;
mod words;

pub use html::{parse, MAX_ITEMS, MAX_TEXT_BYTES};
pub(crate) use html::{single_spaced, tokenize};
pub use script::{dominant_script, is_kana, TextScript};
pub(crate) use sentences::sentence_bounds;
pub(crate) use words::word_ranges;

use rustc_hash::FxBuildHasher;
use std::collections::{HashMap, HashSet};

/// A `HashMap` keyed by words (or other short keys), hashed with rustc's `FxHasher`: fast
/// (eight bytes at a time) and deterministic, not DoS-resistant; used only for tables over the
/// language data and the text being analyzed, whose size the input bounds.
pub type WordMap<K, V> = HashMap<K, V, FxBuildHasher>;
/// A `HashSet` of words, hashed like [`WordMap`].
pub type WordSet<K> = HashSet<K, FxBuildHasher>;

/// Most bytes of a short text field (SEO title, meta description, slug, keyphrase, each
/// synonym) that the analysis reads: `AnalyzeInput` cuts longer ones to their first 4 KiB
/// (see [`prefix`]) while it is decoded. Every threshold for these fields is far below.
pub const MAX_FIELD_BYTES: usize = 4 * 1024;

/// Most keyphrase synonyms the analysis reads.
pub const MAX_SYNONYMS: usize = 64;

/// The longest prefix of `s` that has at most `max` bytes and ends on a char boundary.
pub fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

/// What kind of block a piece of text sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph (also table cells, block quotes and bare text).
    Paragraph,
    /// A heading `h1`–`h6`, with its level.
    Heading(u8),
    /// A list item.
    ListItem,
}

/// A byte range `start..end` in some text.
pub type Range = (u32, u32);

/// A sentence: its byte range in the block text and the range of word indices it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range in [`Block::text`], trimmed.
    pub range: Range,
    /// Index of the first word (into [`Block::words`]).
    pub first_word: u32,
    /// One past the last word.
    pub end_word: u32,
    /// Number of words, counting words joined by a hyphen once
    /// ([`Block::joined_word_count`]).
    pub joined_words: u32,
}

impl Sentence {
    /// Number of words.
    pub fn word_count(&self) -> usize {
        (self.end_word - self.first_word) as usize
    }
}

/// A block of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Paragraph, heading or list item.
    pub kind: BlockKind,
    /// [`Self::text`] followed by [`Self::lower`]: one allocation for both.
    buf: String,
    /// The length of the text (where its lowercase shadow starts in `buf`).
    len: u32,
    /// [`Self::words`] followed by the anchors `(text offset, source offset)`: one allocation
    /// for both. From each anchor on, text and source advance together until the next anchor.
    /// Every point where they stop doing so (a tag, an entity, collapsed whitespace, the end of
    /// the block) starts a new anchor, so both the start and the end of any text range map
    /// exactly.
    spans: Vec<Range>,
    /// The number of words (where the anchors start in `spans`).
    words_end: u32,
    /// [`Self::joined_words`], counted once when the block is made (the length checks ask
    /// for it, and the sentences' own, several times per analysis).
    joined_words: u32,
    /// Sentences (Unicode sentence boundaries).
    pub sentences: Vec<Sentence>,
    /// Source byte range of the whole block.
    pub source: Range,
}

impl Block {
    /// Plain text: entities decoded, whitespace runs collapsed to one space, trimmed.
    pub fn text(&self) -> &str {
        self.buf.get(..self.len as usize).unwrap_or("")
    }

    /// The text lowercased, byte-for-byte aligned with [`Self::text`] (characters whose
    /// lowercase form has another length are kept as they are).
    pub fn lower(&self) -> &str {
        self.buf.get(self.len as usize..).unwrap_or("")
    }

    /// Word ranges in the text (Unicode word boundaries, words with a letter or digit).
    pub fn words(&self) -> &[Range] {
        self.spans.get(..self.words_end as usize).unwrap_or(&[])
    }

    /// The anchors that map text offsets to source offsets (see `spans`).
    fn map(&self) -> &[Range] {
        self.spans.get(self.words_end as usize..).unwrap_or(&[])
    }

    /// The text of a range of this block.
    pub fn slice(&self, (start, end): Range) -> &str {
        if end > self.len {
            return "";
        }
        self.buf.get(start as usize..end as usize).unwrap_or("")
    }

    /// The lowercase text of a range.
    pub fn lower_slice(&self, (start, end): Range) -> &str {
        if end > self.len {
            return "";
        }
        let at = self.len as usize;
        self.buf
            .get(at + start as usize..at + end as usize)
            .unwrap_or("")
    }

    /// The lowercase words of a sentence.
    pub fn sentence_words<'a>(
        &'a self,
        s: &Sentence,
    ) -> impl Iterator<Item = &'a str> + Clone + 'a {
        let words = self
            .words()
            .get(s.first_word as usize..s.end_word as usize)
            .unwrap_or(&[]);
        words.iter().map(move |&r| self.lower_slice(r))
    }

    /// Maps a text offset to a source offset.
    pub fn source_offset(&self, at: u32) -> u32 {
        let map = self.map();
        let i = map.partition_point(|&(t, _)| t <= at);
        match i.checked_sub(1).and_then(|i| map.get(i)) {
            Some(&(t, s)) => s + (at - t),
            None => self.source.0,
        }
    }

    /// Maps a text range to a source range.
    pub fn source_range(&self, (start, end): Range) -> Range {
        let s = self.source_offset(start);
        (s, self.source_offset(end.max(start)).max(s))
    }

    /// Number of words.
    pub fn word_count(&self) -> usize {
        self.words_end as usize
    }

    /// Number of words, counting words joined by a hyphen (`built-in`) once, as Yoast counts
    /// words for lengths; `words` is a range of word indices.
    pub fn joined_word_count(&self, words: std::ops::Range<usize>) -> usize {
        let ws = self.words().get(words).unwrap_or(&[]);
        let text = self.text().as_bytes();
        let joins = ws
            .windows(2)
            .filter(|pair| matches!(*pair, [a, b] if joined(text, *a, *b)))
            .count();
        ws.len() - joins
    }

    /// [`Self::joined_word_count`] of the whole block.
    pub fn joined_words(&self) -> usize {
        self.joined_words as usize
    }

    /// [`Self::joined_word_count`] of a sentence.
    pub fn sentence_joined_words(&self, s: &Sentence) -> usize {
        s.joined_words as usize
    }

    /// True for paragraphs and list items (running text), false for headings.
    pub fn is_body(&self) -> bool {
        !matches!(self.kind, BlockKind::Heading(_))
    }
}

/// A hyperlink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The `href` attribute, as written (entities decoded).
    pub href: String,
    /// Anchor text (plain, whitespace collapsed).
    pub text: String,
    /// Source range of the whole `<a …>…</a>`.
    pub source: Range,
    /// `rel="nofollow"` (or sponsored/ugc).
    pub nofollow: bool,
}

/// An image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The `src` attribute.
    pub src: String,
    /// The `alt` attribute; `None` when missing (an empty `alt=""` is `Some("")`).
    pub alt: Option<String>,
    /// Source range of the `<img>` tag.
    pub source: Range,
}

/// A bulleted or numbered list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// `<ol>` rather than `<ul>`.
    pub ordered: bool,
    /// Number of direct `<li>` items.
    pub items: u32,
    /// Source range of the opening tag.
    pub source: Range,
}

/// A parsed description.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Blocks in document order.
    pub blocks: Vec<Block>,
    /// Links in document order.
    pub links: Vec<Link>,
    /// Images in document order.
    pub images: Vec<Image>,
    /// Lists in document order (nested lists included).
    pub lists: Vec<List>,
    /// The HTML was longer than a document keeps ([`MAX_TEXT_BYTES`] of text, [`MAX_ITEMS`]
    /// blocks, links, images or lists): the document holds its beginning only.
    pub truncated: bool,
}

impl Document {
    /// Parses product HTML. Never fails: any string is some document.
    pub fn parse(html: &str) -> Self {
        parse(html)
    }

    /// Total words in all blocks.
    pub fn word_count(&self) -> usize {
        self.blocks.iter().map(Block::word_count).sum()
    }

    /// Total words, hyphen-joined words counted once ([`Block::joined_word_count`]).
    pub fn joined_word_count(&self) -> usize {
        self.blocks.iter().map(Block::joined_words).sum()
    }

    /// Total sentences in all blocks.
    pub fn sentence_count(&self) -> usize {
        self.blocks.iter().map(|b| b.sentences.len()).sum()
    }

    /// Headings `(level, block)`.
    pub fn headings(&self) -> impl Iterator<Item = (u8, &Block)> {
        self.blocks.iter().filter_map(|b| match b.kind {
            BlockKind::Heading(level) => Some((level, b)),
            _ => None,
        })
    }

    /// Paragraph blocks (not headings, not list items).
    pub fn paragraphs(&self) -> impl Iterator<Item = &Block> {
        self.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
    }
}

/// Finishes a block of `text` (whose anchors are `map`): words, sentences and the lowercase
/// shadow. `pieces` is scratch room for the sentence pieces, shared by a document's blocks.
pub(crate) fn segment(
    kind: BlockKind,
    text: &str,
    map: &[(u32, u32)],
    source: Range,
    pieces: &mut Vec<(usize, usize)>,
) -> Block {
    let mut buf = String::with_capacity(2 * text.len());
    buf.push_str(text);
    push_lowercase_aligned(text, &mut buf);
    let mut spans = Vec::with_capacity(words::capacity_for(text.len()) + map.len());
    words::push_word_ranges(text, &mut spans);
    let words = spans.as_slice();
    pieces.clear();
    sentences::push_sentence_ranges(text, pieces);
    let mut sentences = Vec::with_capacity(pieces.len());
    let mut w = 0usize;
    // Hyphen joins between words, counted for the block and for each sentence on the way.
    let mut block_joins = 0u32;
    let bytes = text.as_bytes();
    for &(start, end) in pieces.iter() {
        let s = text.get(start..end).unwrap_or("");
        let trimmed = s.trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        let start = start + lead;
        let end = start + trimmed.trim_start().len();
        if end <= start {
            continue;
        }
        let first = w;
        let mut joins = 0u32;
        while w < words.len() && (words[w].0 as usize) < end {
            if w > 0 && joined(bytes, words[w - 1], words[w]) {
                block_joins += 1;
                joins += u32::from(w > first);
            }
            w += 1;
        }
        if w == first {
            // Punctuation or symbols only: attach to the previous sentence, if any.
            continue;
        }
        sentences.push(Sentence {
            range: (start as u32, end as u32),
            first_word: first as u32,
            end_word: w as u32,
            joined_words: (w - first) as u32 - joins,
        });
    }
    // Words after the last sentence (none: every piece with a word is a sentence).
    while w < words.len() {
        if w > 0 && joined(bytes, words[w - 1], words[w]) {
            block_joins += 1;
        }
        w += 1;
    }
    let joined_words = words.len() as u32 - block_joins;
    let words_end = spans.len() as u32;
    spans.extend_from_slice(map);
    Block {
        kind,
        buf,
        len: text.len() as u32,
        spans,
        words_end,
        joined_words,
        sentences,
        source,
    }
}

/// Two words (ranges in `text`) are joined when exactly one `-` lies between them (`built-in`).
#[inline]
fn joined(text: &[u8], (_, end): Range, (next, _): Range) -> bool {
    next == end + 1 && text.get(end as usize) == Some(&b'-')
}

/// `char::is_alphabetic`, with ASCII, Latin-1 and Latin Extended-A (the letters of the
/// European languages proseo writes) answered without the Unicode table's binary search, which
/// is most of the cost of a German word's syllables otherwise. A test compares every code point
/// with the standard library.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        c.is_ascii_alphabetic()
    } else if u < 0x100 {
        (u >= 0xC0 && u != 0xD7 && u != 0xF7) || matches!(u, 0xAA | 0xB5 | 0xBA)
    } else if u < 0x180 {
        true
    } else {
        c.is_alphabetic()
    }
}

/// Characters of `text` as Yoast SEO counts Japanese text: everything but whitespace and
/// the CJK and Western sentence punctuation and brackets (`。．？！…‥，、・―〜～：゠＝（）「」『』〝〟〔〕
/// 【】［］｛｝〈〉《》.?!:;()"'<>`).
pub fn char_count(text: &str) -> usize {
    text.chars()
        .filter(|&c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '。' | '．'
                        | '？'
                        | '！'
                        | '…'
                        | '‥'
                        | '，'
                        | '、'
                        | '・'
                        | '―'
                        | '〜'
                        | '～'
                        | '：'
                        | '゠'
                        | '＝'
                        | '（'
                        | '）'
                        | '「'
                        | '」'
                        | '『'
                        | '』'
                        | '〝'
                        | '〟'
                        | '〔'
                        | '〕'
                        | '【'
                        | '】'
                        | '［'
                        | '］'
                        | '｛'
                        | '｝'
                        | '〈'
                        | '〉'
                        | '《'
                        | '》'
                        | '.'
                        | '?'
                        | '!'
                        | ':'
                        | ';'
                        | '('
                        | ')'
                        | '"'
                        | '\''
                        | '<'
                        | '>'
                )
        })
        .count()
}

/// Lowercases `text` and folds accented Latin letters to ASCII (`Crème Brûlée` → `creme
/// brulee`, `ß` → `ss`, `æ` → `ae`), for comparing with URL slugs. Offsets are not kept.
pub fn fold_latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let lower = lowercase::lower_char(c);
        match syllables::fold_latin(lower) {
            Some((a, b)) => {
                out.push(char::from(a));
                out.extend(b.map(char::from));
            }
            None => out.push(lower),
        }
    }
    out
}

/// Lowercases `text` keeping every character's byte length, so offsets stay valid.
pub fn lowercase_aligned(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_lowercase_aligned(text, &mut out);
    out
}

/// [`lowercase_aligned`] appended to `out` (a block keeps its text and its lowercase shadow in
/// one string).
fn push_lowercase_aligned(text: &str, out: &mut String) {
    // ASCII in one pass over the whole text, as for ASCII text; then only the non-ASCII
    // characters (found eight bytes at a time: typographic copy has a few per paragraph) are
    // looked at, and rewritten in place where their lowercase has the same length.
    let base = out.len();
    out.push_str(text);
    if let Some(appended) = out.get_mut(base..) {
        appended.make_ascii_lowercase();
    }
    if text.is_ascii() {
        return;
    }
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        // Eight bytes at a time to the next character outside ASCII.
        i = lanes::find_stop_or_wide(b, i, &[]);
        if i >= b.len() {
            break;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            // Not a character boundary: a continuation byte of the character before.
            i += 1;
            continue;
        };
        let at = i;
        i += c.len_utf8();
        // Typographic punctuation and spaces (no case) skip the case tables.
        if matches!(c, '\u{00A0}'..='\u{00BF}' | '\u{2000}'..='\u{206F}') {
            continue;
        }
        let lower = lowercase::lower_char(c);
        if lower != c && lowercase::lowercase_is_one_char(c) && lower.len_utf8() == c.len_utf8() {
            // Same length: nothing after it moves.
            out.replace_range(base + at..base + i, lower.encode_utf8(&mut [0; 4]));
        }
    }
}

#[cfg(test)]
mod tests;
