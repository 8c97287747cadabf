//! A small HTML tokenizer: the WHATWG tokenizer (html.spec.whatwg.org, §13.2.5) for what the
//! core reads, with byte spans.
//!
//! It follows the standard's states for data, tags, attributes, comments, doctypes (span only),
//! character references, and the raw text of `script`, `style`, `textarea`, `title` and the
//! other elements whose content is not markup (chosen from the last start tag's name, as
//! html5gum's `naively_switch_states` does; there is no tree builder). Newlines are
//! normalized (`\r\n` and `\r` → `\n`), ASCII tag and attribute names are lowercased,
//! duplicate attributes after the first are dropped, a tag cut off by the end of the input is
//! dropped. Parse errors are not reported: analysis tolerates any markup.
//!
//! Character references: every numeric one (`&#233;`, `&#x1F600;`, with the standard's
//! replacements for 0, surrogates, out-of-range values and the C1 controls), and the named ones
//! of [`ENTITIES`]: HTML 4's 252 plus common HTML5 punctuation. A name outside the table is
//! left as typed, as browsers leave unknown names. (The full HTML5 table has 2,231 names,
//! mostly mathematical symbols; leaving it out keeps the npm package's `.wasm` small.)
//!
//! Spans: a start or end tag spans `<` to `>`; text spans its first to its last source byte
//! (consecutive text is one token); an attribute spans its name to one byte past its value
//! (the closing quote; for an unquoted value the whitespace or `>` after it), or just its name
//! when the value is empty; comments and doctypes span `<` to `>`. These are the spans html5gum
//! 0.9 (the tokenizer this module replaced) gave, and tests compare the two.

use super::lanes::{find_stop, find_stop_plain};
use std::sync::OnceLock;

/// Byte range `start..end` in the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// An attribute's value (references decoded) and span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Attr {
    pub(crate) value: Vec<u8>,
    pub(crate) span: Span,
}

/// A start tag's attributes, sorted by name; the first of duplicates wins.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Attributes(Vec<(Vec<u8>, Attr)>);

impl Attributes {
    fn find(&self, name: &[u8]) -> Result<usize, usize> {
        self.0.binary_search_by(|(n, _)| n.as_slice().cmp(name))
    }

    /// The attribute `name` (lowercase).
    pub(crate) fn get(&self, name: &[u8]) -> Option<&Attr> {
        let i = self.find(name).ok()?;
        self.0.get(i).map(|(_, a)| a)
    }

    /// Adds an attribute unless one of that name exists.
    fn add(&mut self, name: Vec<u8>, attr: Attr) {
        if let Err(i) = self.find(&name) {
            self.0.insert(i, (name, attr));
        }
    }
}

impl<'a> IntoIterator for &'a Attributes {
    type Item = &'a (Vec<u8>, Attr);
    type IntoIter = std::slice::Iter<'a, (Vec<u8>, Attr)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// `<name attr=value>` or `<name/>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StartTag {
    pub(crate) name: Vec<u8>,
    pub(crate) self_closing: bool,
    pub(crate) attributes: Attributes,
    pub(crate) span: Span,
}

/// `</name>` (attributes on an end tag are read and dropped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EndTag {
    pub(crate) name: Vec<u8>,
    pub(crate) span: Span,
}

/// Text with references decoded and newlines normalized.
#[derive(Clone, Debug)]
pub(crate) struct Text {
    pub(crate) value: Vec<u8>,
    pub(crate) span: Span,
    /// A hint, not part of the token (equality leaves it out): the text is its source
    /// verbatim, with no control character, no `[` and no whitespace but single ASCII spaces,
    /// as the scan of the input found while it read the text ([`find_stop_plain`]). `false`
    /// says nothing.
    pub(crate) plain: bool,
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value && self.span == other.span
    }
}

impl Eq for Text {}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Token {
    StartTag(StartTag),
    EndTag(EndTag),
    String(Text),
    /// A comment, bogus comment (`<?xml …>`, `</ x>`, `<![CDATA[…]]>`) or `<!…>`.
    Comment(Span),
    Doctype(Span),
}

/// The tokens of `input`, read lazily: the tokenizer runs one step at a time as tokens are
/// taken, so walking a document holds one token (plus the text being gathered, and up to
/// [`SPARE_MAX`] emptied buffers of tokens handed back, at the size they had) in memory, not
/// a token per tag of the input (5 MB of `<b>` were 1.7 M tokens, 240 MB, when they were
/// collected up front).
pub(crate) fn tokenize(input: &str) -> Tokens<'_> {
    Tokens {
        t: Tokenizer {
            b: input.as_bytes(),
            pos: 0,
            cr: false,
            out: Vec::with_capacity(2),
            // Room for a paragraph's text up front (it grew from empty in steps before).
            text: Vec::with_capacity(input.len().min(TEXT_ROOM)),
            text_span: Span::default(),
            text_plain: false,
            last_start: Vec::new(),
            // Room for the emptied buffers of a tag or two (it grew from empty in steps).
            spare: Vec::with_capacity(4),
            spare_text: Vec::new(),
            spare_attributes: Vec::new(),
        },
        content: Content::Data,
        done: false,
    }
}

/// The iterator [`tokenize`] returns.
pub(crate) struct Tokens<'a> {
    t: Tokenizer<'a>,
    /// What the content at the read position is (the state between steps).
    content: Content,
    /// The input is exhausted and the last text flushed.
    done: bool,
}

impl Tokens<'_> {
    /// Hands a token that has been read back, so that its buffers hold the next tokens'
    /// bytes (optional: a token dropped instead is only an allocation more).
    pub(crate) fn recycle(&mut self, token: Token) {
        let t = &mut self.t;
        match token {
            Token::StartTag(tag) => {
                t.keep(tag.name);
                let mut list = tag.attributes.0;
                for (name, attr) in list.drain(..) {
                    t.keep(name);
                    t.keep(attr.value);
                }
                if t.spare_attributes.len() < SPARE_MAX {
                    t.spare_attributes.push(list);
                }
            }
            Token::EndTag(tag) => t.keep(tag.name),
            Token::String(text) => {
                // The text's buffer is kept for the next text (the others are a tag name's
                // size, which a paragraph would grow again).
                let mut value = text.value;
                if value.capacity() > t.spare_text.capacity() {
                    value.clear();
                    std::mem::swap(&mut value, &mut t.spare_text);
                }
                t.keep(value);
            }
            Token::Comment(_) | Token::Doctype(_) => {}
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        loop {
            if !self.t.out.is_empty() {
                // A step makes at most a few tokens: taking the first shifts one or two.
                return Some(self.t.out.remove(0));
            }
            if self.done {
                return None;
            }
            match self.t.step(self.content) {
                Some(content) => self.content = content,
                None => {
                    self.t.flush_text();
                    self.done = true;
                }
            }
        }
    }
}

/// What the content after a start tag is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Content {
    Data,
    /// `textarea`, `title`: text with references, up to the matching end tag.
    RcData,
    /// `style`, `iframe`, `xmp`, `noembed`, `noframe`, `noscript`: text, no references.
    RawText,
    Script(Script),
    /// `plaintext`: everything after it is text.
    PlainText,
}

/// The script data states (its `<!--` escapes).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Data,
    EscapeStart,
    EscapeStartDash,
    Escaped,
    EscapedDash,
    EscapedDashDash,
    DoubleEscaped,
    DoubleEscapedDash,
    DoubleEscapedDashDash,
}

/// The html5gum `naive_next_state` table (including its `noframe`).
fn content_after(name: &[u8]) -> Content {
    match name {
        b"textarea" | b"title" => Content::RcData,
        b"plaintext" => Content::PlainText,
        b"script" => Content::Script(Script::Data),
        b"style" | b"iframe" | b"xmp" | b"noembed" | b"noframe" | b"noscript" => Content::RawText,
        _ => Content::Data,
    }
}

/// The tag states (§13.2.5.8 ff.).
#[derive(Clone, Copy, PartialEq, Eq)]
enum TagState {
    Name,
    BeforeAttrName,
    AttrName,
    AfterAttrName,
    BeforeValue,
    Quoted(u8),
    Unquoted,
    AfterQuoted,
    SelfClosing,
}

const REPLACEMENT: &[u8] = "\u{fffd}".as_bytes();

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b' ')
}

struct Tokenizer<'a> {
    b: &'a [u8],
    /// Index of the next byte to read.
    pos: usize,
    /// The last byte read was `\r`: a `\n` right after it is skipped.
    cr: bool,
    /// Tokens produced by the last step and not yet taken (a step makes at most a few).
    out: Vec<Token>,
    /// Text not yet emitted, and its span.
    text: Vec<u8>,
    text_span: Span,
    /// The text is one run of the input and plain ([`Text::plain`]).
    text_plain: bool,
    /// Name of the last start tag (cleared by an end tag): whose end tag ends raw text.
    last_start: Vec<u8>,
    /// Buffers of the tokens handed back ([`Tokens::recycle`]), emptied, for the names,
    /// values and text of the next ones: a page's tags otherwise allocate a few each, which
    /// was a sixth of a long page's analysis in WebAssembly (the allocator's share).
    spare: Vec<Vec<u8>>,
    /// The largest text buffer handed back, emptied (the next text's).
    spare_text: Vec<u8>,
    /// Attribute lists handed back, emptied.
    spare_attributes: Vec<Vec<(Vec<u8>, Attr)>>,
}

/// How many emptied buffers the tokenizer keeps at most (a token has a few; a start tag one
/// per attribute name and value).
const SPARE_MAX: usize = 32;

/// Bytes of text room the tokenizer starts with (at most the input's length).
const TEXT_ROOM: usize = 512;

/// An attribute being read.
struct PendingAttr {
    name: Vec<u8>,
    value: Vec<u8>,
    start: usize,
    name_end: usize,
    value_end: usize,
}

impl<'a> Tokenizer<'a> {
    /// Where the next byte to read starts (after a skipped `\n`).
    fn here(&self) -> usize {
        if self.cr && self.b.get(self.pos) == Some(&b'\n') {
            self.pos + 1
        } else {
            self.pos
        }
    }

    /// The next character without reading it (`\r` as `\n`).
    fn peek(&self) -> Option<u8> {
        self.b
            .get(self.here())
            .map(|&c| if c == b'\r' { b'\n' } else { c })
    }

    /// Reads one byte, normalizing newlines.
    fn next(&mut self) -> Option<u8> {
        self.pos = self.here();
        self.cr = false;
        let c = *self.b.get(self.pos)?;
        self.pos += 1;
        if c == b'\r' {
            self.cr = true;
            return Some(b'\n');
        }
        Some(c)
    }

    /// Whether the raw input at the read position starts with `s` (ASCII case-insensitively
    /// if `fold`).
    fn looking_at(&self, s: &[u8], fold: bool) -> bool {
        let at = self.here();
        self.b.get(at..at + s.len()).is_some_and(|have| {
            if fold {
                have.eq_ignore_ascii_case(s)
            } else {
                have == s
            }
        })
    }

    fn skip(&mut self, n: usize) {
        self.pos = self.here() + n;
        self.cr = false;
    }

    /// Appends text whose source starts at `start` and ends at the read position.
    fn push_text(&mut self, start: usize, bytes: &[u8]) {
        if self.text.is_empty() {
            self.text_span.start = start;
        }
        self.text_plain = false;
        self.text.extend_from_slice(bytes);
        self.text_span.end = self.pos;
    }

    /// An empty buffer: a recycled one if there is one.
    fn buffer(&mut self) -> Vec<u8> {
        self.spare.pop().unwrap_or_default()
    }

    /// Keeps `buffer` (emptied) for a later token.
    fn keep(&mut self, mut buffer: Vec<u8>) {
        if buffer.capacity() > 0 && self.spare.len() < SPARE_MAX {
            buffer.clear();
            self.spare.push(buffer);
        }
    }

    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            let spare = if self.spare_text.capacity() > 0 {
                std::mem::take(&mut self.spare_text)
            } else {
                self.buffer()
            };
            let value = std::mem::replace(&mut self.text, spare);
            self.out.push(Token::String(Text {
                value,
                span: self.text_span,
                plain: self.text_plain,
            }));
        }
    }

    /// A `\n` after a `\r` that was read as text: skipped, but (as in html5gum, whose text
    /// states read it with the next run) part of the text's span. Returns whether there was
    /// one.
    fn skip_lf(&mut self) -> bool {
        if self.cr && self.b.get(self.pos) == Some(&b'\n') {
            self.pos += 1;
            self.cr = false;
            return true;
        }
        false
    }

    /// One step of the tokenizer in state `content`: reads at least one character and returns
    /// the state after it, or `None` at the end of the input (text may still be pending).
    fn step(&mut self, content: Content) -> Option<Content> {
        if self.skip_lf() && !self.text.is_empty() {
            self.text_span.end = self.pos;
            self.text_plain = false;
        }
        let at = self.here();
        let c = self.peek()?;
        Some(match content {
            Content::Data => match c {
                b'<' => {
                    self.next();
                    self.tag_open(at)
                }
                b'&' => {
                    self.next();
                    let decoded = self.char_ref(false);
                    self.push_text(at, decoded.bytes());
                    Content::Data
                }
                _ => {
                    self.copy_run::<3, true>(b"<&\r");
                    Content::Data
                }
            },
            Content::RcData | Content::RawText => match c {
                b'<' => {
                    self.next();
                    self.raw_less_than(at, content)
                }
                b'&' if content == Content::RcData => {
                    self.next();
                    let decoded = self.char_ref(false);
                    self.push_text(at, decoded.bytes());
                    content
                }
                _ => {
                    self.raw_char(b"<&\r\0");
                    content
                }
            },
            Content::PlainText => {
                self.raw_char(b"\r\0");
                content
            }
            Content::Script(state) => self.script(at, c, state),
        })
    }

    /// Copies text up to the next byte of `stops` (at least one character). `PLAIN`: whether
    /// the run is plain is found on the way ([`Text::plain`]; only data, the text a reader
    /// sees, asks: one copy of the scan in the npm module).
    fn copy_run<const N: usize, const PLAIN: bool>(&mut self, stops: &[u8; N]) {
        let at = self.here();
        if self.cr || stops.contains(&self.b[at]) {
            // A `\r` (or a skipped `\n` before the next byte): one character at a time.
            if let Some(c) = self.next() {
                self.push_text(at, &[c]);
            }
            return;
        }
        let (end, plain) = if PLAIN {
            find_stop_plain(self.b, at, stops)
        } else {
            (find_stop(self.b, at, stops), false)
        };
        self.pos = end;
        let run = self.b.get(at..self.pos).unwrap_or(&[]);
        if self.text.is_empty() {
            self.text_span.start = at;
            self.text_plain = plain;
        } else {
            self.text_plain = false;
        }
        self.text.extend_from_slice(run);
        self.text_span.end = self.pos;
    }

    /// One character of raw text (NUL becomes U+FFFD), or a run up to the next of `stops`.
    fn raw_char<const N: usize>(&mut self, stops: &[u8; N]) {
        let at = self.here();
        if self.peek() == Some(0) {
            self.next();
            self.push_text(at, REPLACEMENT);
        } else {
            self.copy_run::<N, false>(stops);
        }
    }

    /// After `<` in data (its index `lt`).
    fn tag_open(&mut self, lt: usize) -> Content {
        match self.peek() {
            Some(b'!') => {
                self.next();
                self.markup_declaration(lt);
                Content::Data
            }
            Some(b'/') => {
                self.next();
                match self.peek() {
                    Some(c) if c.is_ascii_alphabetic() => {
                        let name = self.buffer();
                        self.tag(lt, true, name)
                    }
                    Some(b'>') => {
                        // `</>`: nothing.
                        self.next();
                        Content::Data
                    }
                    None => {
                        self.push_text(lt, b"</");
                        Content::Data
                    }
                    Some(_) => {
                        self.bogus_comment(lt);
                        Content::Data
                    }
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name = self.buffer();
                self.tag(lt, false, name)
            }
            Some(b'?') => {
                self.bogus_comment(lt);
                Content::Data
            }
            _ => {
                self.push_text(lt, b"<");
                Content::Data
            }
        }
    }

    /// After `<!`.
    fn markup_declaration(&mut self, lt: usize) {
        if self.looking_at(b"--", false) {
            self.skip(2);
            self.comment(lt);
        } else if self.looking_at(b"doctype", true) {
            self.skip(7);
            self.flush_text();
            while !matches!(self.next(), None | Some(b'>')) {}
            self.out.push(Token::Doctype(Span {
                start: lt,
                end: self.pos,
            }));
        } else {
            self.bogus_comment(lt);
        }
    }

    /// Up to the next `>` (or the end).
    fn bogus_comment(&mut self, lt: usize) {
        self.flush_text();
        while !matches!(self.next(), None | Some(b'>')) {}
        self.out.push(Token::Comment(Span {
            start: lt,
            end: self.pos,
        }));
    }

    /// After `<!--`: up to `-->`, `--!>`, or the end; `<!-->` and `<!--->` end at once.
    fn comment(&mut self, lt: usize) {
        self.flush_text();
        #[derive(PartialEq)]
        enum S {
            Comment,
            EndDash,
            End,
            EndBang,
        }
        let mut s = S::Comment;
        if self.peek() == Some(b'>') {
            self.next();
        } else if self.looking_at(b"->", false) {
            self.skip(2);
        } else {
            if self.peek() == Some(b'-') {
                self.next();
                s = S::EndDash;
            }
            while let Some(c) = self.next() {
                s = match (s, c) {
                    (S::Comment, b'-') | (S::EndBang, b'-') => S::EndDash,
                    (S::EndDash, b'-') | (S::End, b'-') => S::End,
                    (S::End, b'>') | (S::EndBang, b'>') => break,
                    (S::End, b'!') => S::EndBang,
                    _ => S::Comment,
                };
            }
        }
        self.out.push(Token::Comment(Span {
            start: lt,
            end: self.pos,
        }));
    }

    /// A start or end tag from its name on (the name's first letter is next, or `name` holds
    /// the name already read); `lt` is the index of its `<`. Returns the content after it.
    fn tag(&mut self, lt: usize, end: bool, mut name: Vec<u8>) -> Content {
        // An end tag's attributes are read and dropped: it takes no spare list, which the
        // next start tag would then have to allocate again.
        let mut attributes = if end {
            Attributes::default()
        } else {
            Attributes(self.spare_attributes.pop().unwrap_or_default())
        };
        let mut attr: Option<PendingAttr> = None;
        let mut self_closing = false;
        let mut state = TagState::Name;
        loop {
            if matches!(state, TagState::Quoted(_)) && self.skip_lf() {
                if let Some(a) = attr.as_mut() {
                    a.value_end = self.pos;
                }
            }
            if let TagState::Quoted(q) = state {
                // A quoted value's plain bytes in one copy (a page's hrefs are most of its
                // tags' bytes): up to the closing quote, a reference, a NUL or a `\r`, each of
                // which the state machine below takes.
                let rest = self.b.get(self.pos..).unwrap_or(&[]);
                let run = rest
                    .iter()
                    .position(|&c| c == q || c == b'&' || c == 0 || c == b'\r')
                    .unwrap_or(rest.len());
                if run > 0 && !self.cr {
                    self.pos += run;
                    if let Some(a) = attr.as_mut() {
                        a.value.extend_from_slice(rest.get(..run).unwrap_or(&[]));
                        a.value_end = self.pos;
                    }
                    continue;
                }
            }
            let at = self.here();
            let Some(c) = self.next() else {
                // The end of the input inside a tag: the tag is dropped.
                return Content::Data;
            };
            state = match state {
                TagState::Name => match c {
                    c if is_space(c) => TagState::BeforeAttrName,
                    b'/' => TagState::SelfClosing,
                    b'>' => break,
                    0 => {
                        name.extend_from_slice(REPLACEMENT);
                        TagState::Name
                    }
                    c => {
                        name.push(c.to_ascii_lowercase());
                        TagState::Name
                    }
                },
                TagState::BeforeAttrName | TagState::AfterAttrName if is_space(c) => state,
                TagState::BeforeAttrName | TagState::AfterAttrName if c == b'/' => {
                    TagState::SelfClosing
                }
                TagState::BeforeAttrName | TagState::AfterAttrName if c == b'>' => break,
                TagState::AfterAttrName if c == b'=' => TagState::BeforeValue,
                TagState::BeforeAttrName | TagState::AfterAttrName => {
                    // A new attribute, starting with `c` (even `=`).
                    finish_attr(&mut attributes, attr.take());
                    let mut pending = PendingAttr {
                        name: self.buffer(),
                        value: self.buffer(),
                        start: at,
                        name_end: self.pos,
                        value_end: 0,
                    };
                    push_name_char(&mut pending.name, c);
                    attr = Some(pending);
                    TagState::AttrName
                }
                TagState::AttrName => match c {
                    c if is_space(c) => TagState::AfterAttrName,
                    b'/' => TagState::SelfClosing,
                    b'>' => break,
                    b'=' => TagState::BeforeValue,
                    c => {
                        if let Some(a) = attr.as_mut() {
                            push_name_char(&mut a.name, c);
                            a.name_end = self.pos;
                        }
                        TagState::AttrName
                    }
                },
                TagState::BeforeValue => match c {
                    c if is_space(c) => TagState::BeforeValue,
                    b'"' | b'\'' => TagState::Quoted(c),
                    b'>' => break,
                    c => self.value_char(&mut attr, c, TagState::Unquoted),
                },
                TagState::Quoted(q) => {
                    if c == q {
                        TagState::AfterQuoted
                    } else {
                        self.value_char(&mut attr, c, state)
                    }
                }
                TagState::Unquoted => match c {
                    c if is_space(c) => TagState::BeforeAttrName,
                    b'>' => break,
                    c => self.value_char(&mut attr, c, state),
                },
                TagState::AfterQuoted => match c {
                    c if is_space(c) => TagState::BeforeAttrName,
                    b'/' => TagState::SelfClosing,
                    b'>' => break,
                    _ => {
                        // Reconsume in "before attribute name": `c` starts a new attribute.
                        self.unread(at);
                        TagState::BeforeAttrName
                    }
                },
                TagState::SelfClosing => match c {
                    b'>' => {
                        self_closing = true;
                        break;
                    }
                    _ => {
                        self.unread(at);
                        TagState::BeforeAttrName
                    }
                },
            };
        }
        finish_attr(&mut attributes, attr.take());
        self.flush_text();
        let span = Span {
            start: lt,
            end: self.pos,
        };
        if end {
            self.last_start.clear();
            self.out.push(Token::EndTag(EndTag { name, span }));
            Content::Data
        } else {
            let content = content_after(&name);
            self.last_start.clone_from(&name);
            self.out.push(Token::StartTag(StartTag {
                name,
                self_closing,
                attributes,
                span,
            }));
            content
        }
    }

    /// Steps back to `at`, the start of the character just read (never a `\r`: the states
    /// that reconsume see only non-space characters).
    fn unread(&mut self, at: usize) {
        self.pos = at;
    }

    /// One character of an attribute value (`&` starts a reference).
    fn value_char(&mut self, attr: &mut Option<PendingAttr>, c: u8, next: TagState) -> TagState {
        let decoded;
        let bytes: &[u8] = match c {
            b'&' => {
                decoded = self.char_ref(true);
                decoded.bytes()
            }
            0 => REPLACEMENT,
            _ => std::slice::from_ref(&c),
        };
        if let Some(a) = attr.as_mut() {
            a.value.extend_from_slice(bytes);
            a.value_end = self.pos;
        }
        next
    }

    /// After `<` in RCDATA or raw text: the matching end tag ends it.
    fn raw_less_than(&mut self, lt: usize, content: Content) -> Content {
        if self.peek() == Some(b'/') {
            self.next();
            if let Some(next) = self.raw_end_tag(lt) {
                return next;
            }
        } else {
            self.push_text(lt, b"<");
        }
        content
    }

    /// After `</` in RCDATA, raw text or script data: the end tag of the last start tag, or
    /// (`None`) `</name` as text.
    fn raw_end_tag(&mut self, lt: usize) -> Option<Content> {
        let mut name = self.buffer();
        let start = self.here();
        while let Some(c) = self.peek().filter(u8::is_ascii_alphabetic) {
            self.next();
            name.push(c.to_ascii_lowercase());
        }
        let appropriate = !name.is_empty() && name == self.last_start;
        if appropriate
            && self
                .peek()
                .is_some_and(|c| is_space(c) || c == b'/' || c == b'>')
        {
            return Some(self.tag(lt, true, name));
        }
        let typed = self.b[start..self.pos].to_vec();
        self.push_text(lt, b"</");
        self.push_text(lt, &typed);
        None
    }

    /// One step of script data (`c` is next, not yet read).
    fn script(&mut self, at: usize, c: u8, state: Script) -> Content {
        use Script::*;
        let same = Content::Script(state);
        match state {
            EscapeStart | EscapeStartDash => {
                if c == b'-' {
                    self.next();
                    self.push_text(at, b"-");
                    return Content::Script(if state == EscapeStart {
                        EscapeStartDash
                    } else {
                        EscapedDashDash
                    });
                }
                return Content::Script(Data);
            }
            _ => {}
        }
        if c != b'<' && c != b'-' && c != b'>' && c != 0 {
            self.copy_run::<5, false>(b"<->\r\0");
            return Content::Script(match state {
                EscapedDash | EscapedDashDash => Escaped,
                DoubleEscapedDash | DoubleEscapedDashDash => DoubleEscaped,
                _ => state,
            });
        }
        self.next();
        let escaped = matches!(state, Escaped | EscapedDash | EscapedDashDash);
        let double = matches!(
            state,
            DoubleEscaped | DoubleEscapedDash | DoubleEscapedDashDash
        );
        match c {
            0 => {
                self.push_text(at, REPLACEMENT);
                Content::Script(match state {
                    EscapedDash | EscapedDashDash => Escaped,
                    DoubleEscapedDash | DoubleEscapedDashDash => DoubleEscaped,
                    _ => state,
                })
            }
            b'-' if escaped || double => {
                self.push_text(at, b"-");
                Content::Script(match state {
                    Escaped => EscapedDash,
                    EscapedDash | EscapedDashDash => EscapedDashDash,
                    DoubleEscaped => DoubleEscapedDash,
                    _ => DoubleEscapedDashDash,
                })
            }
            b'>' if state == EscapedDashDash || state == DoubleEscapedDashDash => {
                self.push_text(at, b">");
                Content::Script(Data)
            }
            b'<' if state == Data => match self.peek() {
                Some(b'/') => {
                    self.next();
                    self.raw_end_tag(at).unwrap_or(same)
                }
                Some(b'!') => {
                    self.next();
                    self.push_text(at, b"<!");
                    Content::Script(EscapeStart)
                }
                _ => {
                    self.push_text(at, b"<");
                    same
                }
            },
            b'<' if escaped => match self.peek() {
                Some(b'/') => {
                    self.next();
                    self.raw_end_tag(at).unwrap_or(Content::Script(Escaped))
                }
                Some(l) if l.is_ascii_alphabetic() => {
                    self.push_text(at, b"<");
                    Content::Script(if self.double_escape_name() {
                        DoubleEscaped
                    } else {
                        Escaped
                    })
                }
                _ => {
                    self.push_text(at, b"<");
                    Content::Script(Escaped)
                }
            },
            b'<' => {
                // Double escaped: `</script` followed by a space, `/` or `>` escapes back.
                self.push_text(at, b"<");
                if self.peek() == Some(b'/') {
                    let slash = self.here();
                    self.next();
                    self.push_text(slash, b"/");
                    if self.double_escape_name() {
                        return Content::Script(Escaped);
                    }
                }
                Content::Script(DoubleEscaped)
            }
            _ => {
                // `-` or `>` in plain script data, `>` in escaped states without dashes.
                self.push_text(at, &[c]);
                Content::Script(match state {
                    EscapedDash => Escaped,
                    DoubleEscapedDash => DoubleEscaped,
                    _ => state,
                })
            }
        }
    }

    /// The "script data (double) escape start/end" states: letters (copied as text) and then a
    /// space, `/` or `>` (copied too); whether the letters spelled `script`.
    fn double_escape_name(&mut self) -> bool {
        let mut name = Vec::new();
        while let Some(c) = self.peek().filter(u8::is_ascii_alphabetic) {
            let at = self.here();
            self.next();
            self.push_text(at, &[c]);
            name.push(c.to_ascii_lowercase());
        }
        match self.peek() {
            Some(c) if is_space(c) || c == b'/' || c == b'>' => {
                let at = self.here();
                self.next();
                self.push_text(at, &[c]);
                name == b"script"
            }
            _ => false,
        }
    }

    /// After `&` (already read): the decoded reference, or the text to keep (`&`, `&#`, `&#x`)
    /// when there is none. `attribute`: inside an attribute value, where a legacy reference
    /// without `;` followed by `=` or a letter or digit stays text (`?a=1&copy=2`).
    fn char_ref(&mut self, attribute: bool) -> RefText<'a> {
        let at = self.here();
        if self.b.get(at) == Some(&b'#') {
            return self.numeric_ref();
        }
        let b: &'a [u8] = self.b;
        let rest = &b[at..];
        let run = rest
            .iter()
            .take(40)
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if run < 2 {
            return RefText::Slice(b"&");
        }
        if rest.get(run) == Some(&b';') {
            if let Some(value) = entity(&rest[..run], true) {
                self.skip(run + 1);
                return RefText::Slice(value.as_bytes());
            }
        }
        for len in (2..=run.min(LEGACY_MAX)).rev() {
            if let Some(value) = entity(&rest[..len], false) {
                let next = rest.get(len).copied();
                if attribute && next.is_some_and(|c| c == b'=' || c.is_ascii_alphanumeric()) {
                    // Kept as typed: the caller reads the name as ordinary characters.
                    return RefText::Slice(b"&");
                }
                self.skip(len);
                return RefText::Slice(value.as_bytes());
            }
        }
        RefText::Slice(b"&")
    }

    /// After `&` with `#` next: `&#123;`, `&#x7B;` (the `;` is optional).
    fn numeric_ref(&mut self) -> RefText<'a> {
        let at = self.here();
        let b: &'a [u8] = self.b;
        let hex_marker = self
            .b
            .get(at + 1)
            .copied()
            .filter(|c| matches!(c, b'x' | b'X'));
        let digits_at = at + 1 + usize::from(hex_marker.is_some());
        let radix = if hex_marker.is_some() { 16 } else { 10 };
        let digits = self.b[digits_at.min(self.b.len())..]
            .iter()
            .take_while(|c| (**c as char).is_digit(radix))
            .count();
        if digits == 0 {
            // `&#` or `&#x` without digits stays text.
            self.skip(digits_at - at);
            return RefText::Slice(&b[at - 1..digits_at]);
        }
        let mut code: u32 = 0;
        for &c in &self.b[digits_at..digits_at + digits] {
            let d = (c as char).to_digit(radix).unwrap_or(0);
            code = code.saturating_mul(radix).saturating_add(d).min(0x11_0000);
        }
        let mut end = digits_at + digits;
        if self.b.get(end) == Some(&b';') {
            end += 1;
        }
        self.skip(end - at);
        let code = match code {
            0 | 0xd800..=0xdfff | 0x11_0000.. => 0xfffd,
            0x80..=0x9f => c1_replacement(code),
            _ => code,
        };
        let mut utf8 = [0u8; 4];
        let len = char::from_u32(code)
            .unwrap_or('\u{fffd}')
            .encode_utf8(&mut utf8)
            .len();
        RefText::Char(utf8, len)
    }
}

/// What a character reference reads as, without allocating: a named reference's value or
/// the text kept as typed (`&`, `&#`), or one decoded character (its UTF-8 and length).
enum RefText<'a> {
    Slice(&'a [u8]),
    Char([u8; 4], usize),
}

impl RefText<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            RefText::Slice(b) => b,
            RefText::Char(utf8, len) => utf8.get(..*len).unwrap_or(&[]),
        }
    }
}

/// Adds a finished attribute unless one of that name exists.
fn finish_attr(attributes: &mut Attributes, attr: Option<PendingAttr>) {
    if let Some(a) = attr {
        let end = if a.value.is_empty() {
            a.name_end
        } else {
            a.value_end + 1
        };
        attributes.add(
            a.name,
            Attr {
                value: a.value,
                span: Span {
                    start: a.start,
                    end,
                },
            },
        );
    }
}

fn push_name_char(name: &mut Vec<u8>, c: u8) {
    if c == 0 {
        name.extend_from_slice(REPLACEMENT);
    } else {
        name.push(c.to_ascii_lowercase());
    }
}

/// What a numeric reference to a C1 control means (the Windows-1252 reading).
fn c1_replacement(code: u32) -> u32 {
    const TABLE: [u16; 32] = [
        0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013,
        0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
    ];
    TABLE
        .get((code - 0x80) as usize)
        .map_or(code, |&c| u32::from(c))
}

/// Longest legacy name (a reference that works without `;`).
const LEGACY_MAX: usize = 6;

/// The records of [`ENTITIES`]: `(name, works without ';', value)`.
pub(crate) fn entities() -> impl Iterator<Item = (&'static str, bool, &'static str)> {
    let mut rest = ENTITIES;
    std::iter::from_fn(move || {
        let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = rest.get(..name_len).filter(|n| !n.is_empty())?;
        let after = rest.get(name_len..)?;
        let legacy = after.starts_with('\u{1}');
        let after = after.get(usize::from(legacy)..)?;
        let value_len = after
            .bytes()
            .take_while(|c| !c.is_ascii_alphanumeric())
            .count();
        rest = after.get(value_len..)?;
        Some((name, legacy, after.get(..value_len)?))
    })
}

/// The value of the named reference `name`: followed by `;` in the input, or (`semicolon`
/// false) a legacy name without it. Binary search over the records' starts, found once.
fn entity(name: &[u8], semicolon: bool) -> Option<&'static str> {
    static INDEX: OnceLock<Vec<(&'static str, bool, &'static str)>> = OnceLock::new();
    let index = INDEX.get_or_init(|| entities().collect());
    let i = index
        .binary_search_by(|(n, _, _)| n.as_bytes().cmp(name))
        .ok()?;
    let &(_, legacy, value) = index.get(i)?;
    (semicolon || legacy).then_some(value)
}

#[cfg(test)]
mod tests;

/// Named character references: records of a name, `\x01` if it also works without `;` (the
/// legacy Latin-1 names), and its value (never a letter or digit, so the next name starts the
/// next record), sorted by name. HTML 4's 252 names and common HTML5 names for punctuation,
/// fractions and symbols; values from the WHATWG table (checked against html5gum in tests).
#[rustfmt::skip]
pub(crate) const ENTITIES: &str = "\
AElig\u{1}\u{c6}AMP\u{1}&Aacute\u{1}\u{c1}Acirc\u{1}\u{c2}Agrave\u{1}\u{c0}Alpha\u{391}\
Aring\u{1}\u{c5}Atilde\u{1}\u{c3}Auml\u{1}\u{c4}Beta\u{392}COPY\u{1}\u{a9}Ccedil\u{1}\u{c7}\
Chi\u{3a7}Dagger\u{2021}Delta\u{394}ETH\u{1}\u{d0}Eacute\u{1}\u{c9}Ecirc\u{1}\u{ca}\
Egrave\u{1}\u{c8}Epsilon\u{395}Eta\u{397}Euml\u{1}\u{cb}GT\u{1}>Gamma\u{393}Hat^\
Iacute\u{1}\u{cd}Icirc\u{1}\u{ce}Igrave\u{1}\u{cc}Iota\u{399}Iuml\u{1}\u{cf}Kappa\u{39a}\
LT\u{1}<Lambda\u{39b}Mu\u{39c}NewLine\u{a}NonBreakingSpace\u{a0}Ntilde\u{1}\u{d1}Nu\u{39d}\
OElig\u{152}Oacute\u{1}\u{d3}Ocirc\u{1}\u{d4}Ograve\u{1}\u{d2}Omega\u{3a9}Omicron\u{39f}\
Oslash\u{1}\u{d8}Otilde\u{1}\u{d5}Ouml\u{1}\u{d6}Phi\u{3a6}Pi\u{3a0}Prime\u{2033}Psi\u{3a8}\
QUOT\u{1}\"REG\u{1}\u{ae}Rho\u{3a1}Scaron\u{160}Sigma\u{3a3}THORN\u{1}\u{de}TRADE\u{2122}\
Tab\u{9}Tau\u{3a4}Theta\u{398}Uacute\u{1}\u{da}Ucirc\u{1}\u{db}Ugrave\u{1}\u{d9}Upsilon\u{3a5}\
Uuml\u{1}\u{dc}Xi\u{39e}Yacute\u{1}\u{dd}Yuml\u{178}ZeroWidthSpace\u{200b}Zeta\u{396}\
aacute\u{1}\u{e1}acirc\u{1}\u{e2}acute\u{1}\u{b4}aelig\u{1}\u{e6}agrave\u{1}\u{e0}\
alefsym\u{2135}alpha\u{3b1}amp\u{1}&and\u{2227}ang\u{2220}apos'aring\u{1}\u{e5}ast*\
asymp\u{2248}atilde\u{1}\u{e3}auml\u{1}\u{e4}bdquo\u{201e}beta\u{3b2}brvbar\u{1}\u{a6}bsol\\\
bull\u{2022}bullet\u{2022}cap\u{2229}ccedil\u{1}\u{e7}cedil\u{1}\u{b8}cent\u{1}\u{a2}\
check\u{2713}checkmark\u{2713}chi\u{3c7}circ\u{2c6}clubs\u{2663}colon:comma,commat@cong\u{2245}\
copy\u{1}\u{a9}copysr\u{2117}crarr\u{21b5}cross\u{2717}cup\u{222a}curren\u{1}\u{a4}dArr\u{21d3}\
dagger\u{2020}darr\u{2193}dash\u{2010}deg\u{1}\u{b0}delta\u{3b4}diams\u{2666}divide\u{1}\u{f7}\
dollar$eacute\u{1}\u{e9}ecirc\u{1}\u{ea}egrave\u{1}\u{e8}empty\u{2205}emsp\u{2003}ensp\u{2002}\
epsilon\u{3b5}equals=equiv\u{2261}eta\u{3b7}eth\u{1}\u{f0}euml\u{1}\u{eb}euro\u{20ac}excl!\
exist\u{2203}female\u{2640}flat\u{266d}fnof\u{192}forall\u{2200}frac12\u{1}\u{bd}frac13\u{2153}\
frac14\u{1}\u{bc}frac15\u{2155}frac16\u{2159}frac18\u{215b}frac23\u{2154}frac25\u{2156}\
frac34\u{1}\u{be}frac35\u{2157}frac38\u{215c}frac45\u{2158}frac56\u{215a}frac58\u{215d}\
frac78\u{215e}frasl\u{2044}gamma\u{3b3}ge\u{2265}grave`gt\u{1}>hArr\u{21d4}hairsp\u{200a}\
half\u{bd}harr\u{2194}hearts\u{2665}hellip\u{2026}horbar\u{2015}hyphen\u{2010}iacute\u{1}\u{ed}\
icirc\u{1}\u{ee}iexcl\u{1}\u{a1}igrave\u{1}\u{ec}image\u{2111}incare\u{2105}infin\u{221e}\
int\u{222b}iota\u{3b9}iquest\u{1}\u{bf}isin\u{2208}iuml\u{1}\u{ef}kappa\u{3ba}lArr\u{21d0}\
lambda\u{3bb}lang\u{27e8}laquo\u{1}\u{ab}larr\u{2190}lceil\u{2308}lcub{ldquo\u{201c}\
ldquor\u{201e}le\u{2264}lfloor\u{230a}lowast\u{2217}lowbar_loz\u{25ca}lpar(lrm\u{200e}\
lsaquo\u{2039}lsqb[lsquo\u{2018}lsquor\u{201a}lt\u{1}<macr\u{1}\u{af}male\u{2642}mdash\u{2014}\
micro\u{1}\u{b5}middot\u{1}\u{b7}minus\u{2212}mldr\u{2026}mu\u{3bc}nabla\u{2207}natural\u{266e}\
nbsp\u{1}\u{a0}ndash\u{2013}ne\u{2260}ni\u{220b}nldr\u{2025}not\u{1}\u{ac}notin\u{2209}\
nsub\u{2284}ntilde\u{1}\u{f1}nu\u{3bd}num#numero\u{2116}numsp\u{2007}oacute\u{1}\u{f3}\
ocirc\u{1}\u{f4}oelig\u{153}ograve\u{1}\u{f2}ohm\u{3a9}oline\u{203e}omega\u{3c9}omicron\u{3bf}\
oplus\u{2295}or\u{2228}ordf\u{1}\u{aa}ordm\u{1}\u{ba}oslash\u{1}\u{f8}otilde\u{1}\u{f5}\
otimes\u{2297}ouml\u{1}\u{f6}para\u{1}\u{b6}part\u{2202}percnt%period.permil\u{2030}\
perp\u{22a5}phi\u{3c6}phone\u{260e}pi\u{3c0}piv\u{3d6}plus+plusmn\u{1}\u{b1}pound\u{1}\u{a3}\
prime\u{2032}prod\u{220f}prop\u{221d}psi\u{3c8}puncsp\u{2008}quest?quot\u{1}\"rArr\u{21d2}\
radic\u{221a}rang\u{27e9}raquo\u{1}\u{bb}rarr\u{2192}rceil\u{2309}rcub}rdquo\u{201d}\
rdquor\u{201d}real\u{211c}reg\u{1}\u{ae}rfloor\u{230b}rho\u{3c1}rlm\u{200f}rpar)rsaquo\u{203a}\
rsqb]rsquo\u{2019}rsquor\u{2019}sbquo\u{201a}scaron\u{161}sdot\u{22c5}sect\u{1}\u{a7}semi;\
sharp\u{266f}shy\u{1}\u{ad}sigma\u{3c3}sigmaf\u{3c2}sim\u{223c}sol/spades\u{2660}star\u{2606}\
starf\u{2605}sub\u{2282}sube\u{2286}sum\u{2211}sung\u{266a}sup\u{2283}sup1\u{1}\u{b9}\
sup2\u{1}\u{b2}sup3\u{1}\u{b3}supe\u{2287}szlig\u{1}\u{df}tau\u{3c4}there4\u{2234}theta\u{3b8}\
thetasym\u{3d1}thinsp\u{2009}thorn\u{1}\u{fe}tilde\u{2dc}times\u{1}\u{d7}trade\u{2122}\
uArr\u{21d1}uacute\u{1}\u{fa}uarr\u{2191}ucirc\u{1}\u{fb}ugrave\u{1}\u{f9}uml\u{1}\u{a8}\
upsih\u{3d2}upsilon\u{3c5}uuml\u{1}\u{fc}verbar|vert|weierp\u{2118}xi\u{3be}yacute\u{1}\u{fd}\
yen\u{1}\u{a5}yuml\u{1}\u{ff}zeta\u{3b6}zwj\u{200d}zwnj\u{200c}";
