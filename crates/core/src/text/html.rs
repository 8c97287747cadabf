//! HTML → [`Document`]: one pass over the tokens of [`super::tokenizer`].

use super::lanes::{any_control, space_lanes, wide_space_at, word_at, HIGH};
use super::tokenizer::Token;
use super::{segment, BlockKind, Document, Image, Link, List, Range};

/// Tokens of `input` with byte spans. Every HTML walk in the core goes through this one
/// function.
pub(crate) fn tokenize(input: &str) -> super::tokenizer::Tokens<'_> {
    super::tokenizer::tokenize(input)
}

/// Most plain-text bytes a [`Document`] keeps (all blocks together): 128 KiB is some 20,000
/// words, fifty times a long product description and more than most long-form articles. Past it (or past
/// [`MAX_ITEMS`] of anything) the rest of the HTML is not read and
/// [`Document::truncated`](super::Document::truncated) is set, so the memory a document takes
/// stays bounded for any input (5 MB of `<p>x` made 1.2 M blocks, 850 MB, before).
pub const MAX_TEXT_BYTES: usize = 128 * 1024;

/// Most blocks, links, images or lists a [`Document`] keeps; see [`MAX_TEXT_BYTES`].
pub const MAX_ITEMS: usize = 10_000;

/// Bytes of block text room the builder starts with (at most the source's length).
const BLOCK_ROOM: usize = 1024;

/// Elements whose content is never text a reader sees.
const SKIPPED: &[&[u8]] = &[
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"textarea",
    b"svg",
    b"math",
    b"iframe",
    b"object",
    b"head",
    b"title",
];

/// Elements that start and end a paragraph-like block of text (a table, not a `match`: the
/// npm package's scoring `.wasm` has a size budget).
const PARAGRAPHS: &[&[u8]] = &[
    b"p",
    b"div",
    b"td",
    b"th",
    b"tr",
    b"table",
    b"thead",
    b"tbody",
    b"tfoot",
    b"caption",
    b"blockquote",
    b"pre",
    b"section",
    b"article",
    b"header",
    b"footer",
    b"aside",
    b"nav",
    b"figure",
    b"figcaption",
    b"address",
    b"main",
    b"ul",
    b"ol",
    b"dl",
    b"hr",
    b"details",
    b"summary",
    b"form",
    b"fieldset",
    b"body",
    b"html",
];

/// Elements that start and end a block of text.
fn block_kind(name: &[u8]) -> Option<BlockKind> {
    match name {
        [b'h', level @ b'1'..=b'6'] => Some(BlockKind::Heading(level - b'0')),
        b"li" | b"dt" | b"dd" => Some(BlockKind::ListItem),
        _ if PARAGRAPHS.contains(&name) => Some(BlockKind::Paragraph),
        _ => None,
    }
}

/// Builds blocks while the tokenizer walks the source.
struct Builder<'a> {
    source: &'a str,
    doc: Document,
    /// Block kinds of the open block elements.
    stack: Vec<BlockKind>,
    /// Text of the block being built.
    text: String,
    map: Vec<(u32, u32)>,
    /// Source start/end of the current block's text.
    block_source: Option<Range>,
    /// `(text_len - source_offset)` relation of the last appended char, as `source - text`.
    delta: Option<i64>,
    /// Open `<a>`: index into `doc.links`.
    open_link: Option<usize>,
    /// Depth inside skipped elements.
    skip: Vec<Vec<u8>>,
    /// Open lists: indices into `doc.lists`.
    open_lists: Vec<usize>,
    /// Whether the last appended char was a space (for collapsing).
    pending_space: bool,
    /// Text bytes of the blocks pushed so far.
    text_bytes: usize,
    /// Scratch room for a block's sentence pieces ([`segment`]), shared by the blocks.
    pieces: Vec<(usize, usize)>,
}

/// Parses product HTML into a [`Document`]. Never fails.
pub fn parse(source: &str) -> Document {
    let mut b = Builder {
        source,
        doc: Document {
            // A block per 160 bytes of source or so (a paragraph of product copy with its
            // tags), so that the list is seldom grown (each growth moved every block so far).
            blocks: Vec::with_capacity((source.len() / 160 + 4).min(MAX_ITEMS)),
            ..Document::default()
        },
        // The open elements and the text's source anchors, sized for the common case (they
        // grew in steps from empty before).
        stack: Vec::with_capacity(8),
        // Room for a block's text up front: it is reused from block to block, and grew from
        // empty in steps before.
        text: String::with_capacity(source.len().min(BLOCK_ROOM)),
        map: Vec::with_capacity(16),
        block_source: None,
        delta: None,
        open_link: None,
        skip: Vec::new(),
        open_lists: Vec::new(),
        pending_space: false,
        text_bytes: 0,
        // Room for the pieces of a long paragraph without growing.
        pieces: Vec::with_capacity(32),
    };
    let mut tokens = tokenize(source);
    while let Some(token) = tokens.next() {
        if b.doc.truncated {
            break;
        }
        b.token(&token);
        tokens.recycle(token);
    }
    b.close_link(source.len() as u32);
    b.flush();
    b.doc
}

impl Builder<'_> {
    /// Takes one token into the document.
    fn token(&mut self, token: &Token) {
        let b = self;
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.as_slice();
                let span = (tag.span.start as u32, tag.span.end as u32);
                if !b.skip.is_empty() {
                    if SKIPPED.contains(&name) && !tag.self_closing {
                        b.skip.push(name.to_vec());
                    }
                    return;
                }
                if SKIPPED.contains(&name) {
                    if !tag.self_closing {
                        b.skip.push(name.to_vec());
                    }
                    return;
                }
                let attr = |key: &[u8]| {
                    tag.attributes
                        .get(key)
                        .map(|v| String::from_utf8_lossy(v.value.as_slice()).into_owned())
                };
                if [b.doc.links.len(), b.doc.images.len(), b.doc.lists.len()]
                    .iter()
                    .any(|&n| n >= MAX_ITEMS)
                {
                    b.doc.truncated = true;
                    return;
                }
                match name {
                    b"br" => b.push_break(),
                    b"img" => b.doc.images.push(Image {
                        src: attr(b"src").unwrap_or_default(),
                        alt: attr(b"alt"),
                        source: span,
                    }),
                    b"a" => {
                        b.close_link(span.0);
                        let rel = attr(b"rel").unwrap_or_default().to_ascii_lowercase();
                        b.doc.links.push(Link {
                            href: attr(b"href").unwrap_or_default().trim().to_owned(),
                            text: String::new(),
                            source: span,
                            nofollow: ["nofollow", "sponsored", "ugc"]
                                .iter()
                                .any(|r| rel.split_whitespace().any(|w| w == *r)),
                        });
                        b.open_link = Some(b.doc.links.len() - 1);
                    }
                    _ => {
                        if let Some(kind) = block_kind(name) {
                            b.flush();
                            if name == b"ul" || name == b"ol" {
                                b.doc.lists.push(List {
                                    ordered: name == b"ol",
                                    items: 0,
                                    source: span,
                                });
                                b.open_lists.push(b.doc.lists.len() - 1);
                            }
                            if name == b"li" {
                                if let Some(list) =
                                    b.open_lists.last().and_then(|&i| b.doc.lists.get_mut(i))
                                {
                                    list.items += 1;
                                }
                            }
                            if name != b"hr" && !tag.self_closing {
                                b.stack.push(kind);
                            }
                        }
                    }
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.as_slice();
                if let Some(open) = b.skip.last() {
                    if open.as_slice() == name {
                        b.skip.pop();
                    }
                    return;
                }
                if name == b"a" {
                    b.close_link(tag.span.end as u32);
                } else if let Some(kind) = block_kind(name) {
                    b.flush();
                    // Pop to the matching kind, tolerating mis-nesting.
                    if let Some(pos) = b.stack.iter().rposition(|k| *k == kind) {
                        b.stack.truncate(pos);
                    }
                    if name == b"ul" || name == b"ol" {
                        b.open_lists.pop();
                    }
                }
            }
            Token::String(s) => {
                if b.skip.is_empty() {
                    let bytes = s.value.as_slice();
                    // Most text is its source verbatim (no entity, no CR): then the source's
                    // slice is the text, already known to be UTF-8.
                    let src = b.source.get(s.span.start..s.span.end);
                    if let Some(src) = src.filter(|src| src.as_bytes() == bytes) {
                        if s.plain {
                            // No shortcode (no `[`), nothing to collapse inside.
                            b.push_verbatim(src, s.span.start, true);
                        } else {
                            b.push_text(src, s.span.start, s.span.end, true);
                        }
                        return;
                    }
                    match std::str::from_utf8(bytes) {
                        Ok(decoded) => b.push_text(decoded, s.span.start, s.span.end, false),
                        Err(_) => {
                            let decoded = String::from_utf8_lossy(bytes);
                            b.push_text(&decoded, s.span.start, s.span.end, false);
                        }
                    }
                }
            }
            Token::Comment(_) | Token::Doctype(_) => {}
        }
    }

    fn kind(&self) -> BlockKind {
        self.stack.last().copied().unwrap_or(BlockKind::Paragraph)
    }

    /// Ends the current block (if it has text).
    fn flush(&mut self) {
        let trimmed_len = self.text.trim_end().len();
        self.text.truncate(trimmed_len);
        self.pending_space = false;
        self.delta = None;
        if let Some(source) = self.block_source.take() {
            if !self.text.is_empty() {
                self.map.push((self.text.len() as u32, source.1));
                // Copied into the block (`segment`) at their final size; the builder's buffers
                // are reused for the next block (taking them made every block grow its own
                // from empty).
                let kind = self.kind();
                let block = segment(kind, &self.text, &self.map, source, &mut self.pieces);
                self.text_bytes += self.text.len();
                self.text.clear();
                self.map.clear();
                self.doc.blocks.push(block);
                if self.doc.blocks.len() >= MAX_ITEMS {
                    self.doc.truncated = true;
                }
                return;
            }
        }
        self.text.clear();
        self.map.clear();
    }

    fn close_link(&mut self, end: u32) {
        if let Some(i) = self.open_link.take() {
            if let Some(link) = self.doc.links.get_mut(i) {
                link.source.1 = end.max(link.source.0);
                let t = link.text.trim_end().len();
                link.text.truncate(t);
            }
        }
    }

    /// `<br>`: a line break ends a sentence-like unit but not the block.
    fn push_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            let t = self.text.trim_end().len();
            self.text.truncate(t);
            self.text.push('\n');
            self.pending_space = false;
        }
    }

    /// Appends one char of text that came from `src_at..src_end` in the source.
    fn push_char(&mut self, c: char, src_at: usize, src_end: usize) {
        if c.is_whitespace() {
            self.pending_space = true;
            return;
        }
        let mut buf = [0u8; 4];
        self.push_run(c.encode_utf8(&mut buf), src_at, src_end);
    }

    /// Appends a run of non-whitespace text that came from `source[src_at..src_end]`.
    fn push_run(&mut self, run: &str, src_at: usize, src_end: usize) {
        if self.doc.truncated || self.text_bytes + self.text.len() + run.len() + 1 > MAX_TEXT_BYTES
        {
            self.doc.truncated = true;
            return;
        }
        let mut spaced = false;
        if self.pending_space {
            if !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push(' ');
                spaced = true;
            }
            self.pending_space = false;
        }
        let at = self.text.len() as i64;
        let delta = src_at as i64 - at;
        if self.delta != Some(delta) {
            self.map.push((at as u32, src_at as u32));
            self.delta = Some(delta);
        }
        match self.block_source.as_mut() {
            Some(bs) => bs.1 = src_end as u32,
            None => self.block_source = Some((src_at as u32, src_end as u32)),
        }
        self.text.push_str(run);
        if let Some(link) = self.open_link.and_then(|i| self.doc.links.get_mut(i)) {
            if spaced && !link.text.is_empty() {
                link.text.push(' ');
            }
            link.text.push_str(run);
        }
        // Source wider than the text (an entity) breaks the 1:1 relation after it.
        if src_end - src_at != run.len() {
            let after = self.text.len();
            self.map.push((after as u32, src_end as u32));
            self.delta = Some(src_end as i64 - after as i64);
        }
    }

    /// Text identical to its source and free of shortcodes (the common case): appended run
    /// by run instead of char by char. `plain`: the tokenizer found no whitespace in the text
    /// but single ASCII spaces ([`super::tokenizer::Text::plain`]), so it is single-spaced
    /// once its outer spaces are taken off.
    fn push_verbatim(&mut self, text: &str, start: usize, plain: bool) {
        // Most text nodes are words separated by single spaces: nothing to collapse, so the
        // text goes in as one run (one map anchor) after its outer spaces are taken off.
        let inner = text.trim_matches(' ');
        if (plain || single_spaced(inner))
            && self.text_bytes + self.text.len() + inner.len() < MAX_TEXT_BYTES
        {
            if inner.len() < text.len() && text.starts_with(' ') {
                self.pending_space = true;
            }
            if !inner.is_empty() {
                let at = text.len() - text.trim_start_matches(' ').len();
                self.push_run(inner, start + at, start + at + inner.len());
                if text.ends_with(' ') {
                    self.pending_space = true;
                }
            }
            return;
        }
        let bytes = text.as_bytes();
        let mut newlines = 0u32;
        let mut run_start: Option<usize> = None;
        // Whether the whole node fits in the text limit: then a single space between two
        // words stays inside their run (the text it collapses to) instead of ending it, so a
        // node that is single-spaced but for a no-break space or a line break goes in as a few
        // runs, not one per word.
        let whole_fits = self.text_bytes + self.text.len() + text.len() < MAX_TEXT_BYTES;
        let mut i = 0;
        while i < bytes.len() {
            if self.doc.truncated {
                return;
            }
            // Byte by byte for ASCII (the bulk of any text); a whole char otherwise.
            let b = bytes[i];
            let (space, width) = if b.is_ascii() {
                (is_space_byte(b), 1)
            } else {
                let c = text.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8())
            };
            if space && b == b' ' && whole_fits && run_start.is_some() && starts_word(text, i + 1) {
                i += 1;
                continue;
            }
            if space {
                if let Some(rs) = run_start.take() {
                    self.push_run(&text[rs..i], start + rs, start + i);
                }
                self.pending_space = true;
                if b == b'\n' {
                    newlines += 1;
                }
            } else {
                if run_start.is_none() {
                    if newlines >= 2 && self.stack.is_empty() {
                        // A blank line in bare text: wpautop makes a new paragraph.
                        self.flush();
                    }
                    newlines = 0;
                    run_start = Some(i);
                }
                // The rest of a word's ASCII letters, digits and punctuation in a row, and the
                // words after it with one space before each (which stays in the run): no
                // whitespace among them to look at.
                i += width;
                let word = |c: Option<&u8>| c.is_some_and(|c| (0x21..0x80).contains(c));
                loop {
                    if word(bytes.get(i)) {
                        i += 1;
                    } else if whole_fits && bytes.get(i) == Some(&b' ') && word(bytes.get(i + 1)) {
                        i += 2;
                    } else {
                        break;
                    }
                }
                continue;
            }
            i += width;
        }
        if let Some(rs) = run_start {
            self.push_run(&text[rs..], start + rs, start + text.len());
        }
        if newlines >= 2 && self.stack.is_empty() {
            self.flush();
        }
    }

    /// Appends decoded text whose source is `source[start..end]`, aligning the two (entities,
    /// CRLF) and dropping shortcodes. `verbatim`: the caller found the text equal to its source.
    fn push_text(&mut self, decoded: &str, start: usize, end: usize, verbatim: bool) {
        let source = self.source;
        let src = source.get(start..end).unwrap_or("");
        let mut next_shortcode = shortcode_ranges(decoded).peekable();
        if next_shortcode.peek().is_none() && (verbatim || decoded == src) {
            self.push_verbatim(decoded, start, false);
            return;
        }
        let mut si = 0usize; // cursor in src
        let mut newlines = 0u32;
        for (di, c) in decoded.char_indices() {
            if self.doc.truncated {
                return;
            }
            // Width of this char in the source.
            let rest = src.get(si..).unwrap_or("");
            let width = source_width(c, rest);
            let (at, to) = (start + si, start + (si + width).min(src.len()));
            si = (si + width).min(src.len());
            while next_shortcode.peek().is_some_and(|r| r.1 <= di) {
                next_shortcode.next();
            }
            if next_shortcode.peek().is_some_and(|r| r.0 <= di && di < r.1) {
                continue;
            }
            if c == '\n' {
                newlines += 1;
            } else if !c.is_whitespace() {
                if newlines >= 2 && self.stack.is_empty() {
                    // A blank line in bare text: wpautop makes a new paragraph.
                    self.flush();
                }
                newlines = 0;
            }
            self.push_char(c, at, to);
        }
        if newlines >= 2 && self.stack.is_empty() {
            self.flush();
        }
    }
}

/// `char::is_whitespace` of an ASCII byte (`is_ascii_whitespace` leaves out the vertical tab).
fn is_space_byte(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0B
}

/// True when the character at byte `i` of `text` is not whitespace (false at the end).
fn starts_word(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => !is_space_byte(b),
        Some(_) => text
            .get(i..)
            .and_then(|t| t.chars().next())
            .is_some_and(|c| !c.is_whitespace()),
        None => false,
    }
}

/// True when `text` has no whitespace but single ASCII spaces between other characters.
/// Outside printable ASCII, the bytes are read for the whitespace characters that start there
/// ([`wide_space_at`]).
pub(crate) fn single_spaced(text: &str) -> bool {
    // Eight bytes at a time while they are printable ASCII or spaces (most text): only two
    // spaces in a row can fail such a chunk. Other bytes (a curly quote, a dash) are looked at
    // one by one, and the next chunk goes eight at a time again.
    let b = text.as_bytes();
    let mut prev_space = true;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if let Some(x) = word_at(b, i) {
            if x & HIGH == 0 && !any_control(x) {
                let spaces = space_lanes(x);
                if spaces & (spaces << 8) != 0 || (prev_space && spaces & 0x80 != 0) {
                    return false;
                }
                prev_space = spaces >> 63 != 0;
                i += 8;
                continue;
            }
        }
        let space = c == b' ';
        if space && prev_space {
            return false;
        }
        if c < 0x80 {
            if c != b' ' && is_space_byte(c) {
                return false;
            }
        } else if wide_space_at(b, i) {
            return false;
        }
        prev_space = space;
        i += 1;
    }
    !prev_space || b.is_empty()
}

/// How many source bytes produced decoded char `c`, given the source from that point.
fn source_width(c: char, rest: &str) -> usize {
    let mut chars = rest.chars();
    match chars.next() {
        None => 0,
        Some('&') if c != '&' || is_amp_reference(rest) => entity_len(rest),
        Some('\r') if c == '\n' => {
            if rest.as_bytes().get(1) == Some(&b'\n') {
                2
            } else {
                1
            }
        }
        Some(s) => s.len_utf8(),
    }
}

/// A decoded `&` came from a reference only if the source spells one (`&amp;`, `&#38;`,
/// `&#x26;`); otherwise it is a literal ampersand (`R&D`).
fn is_amp_reference(rest: &str) -> bool {
    let head = rest.get(..6).unwrap_or(rest).to_ascii_lowercase();
    head.starts_with("&amp") || head.starts_with("&#38") || head.starts_with("&#x26")
}

/// Length of the character reference at the start of `rest` (`&amp;`, `&#233;`, `&#x1F600;`).
fn entity_len(rest: &str) -> usize {
    let b = rest.as_bytes();
    let mut i = 1;
    if b.get(i) == Some(&b'#') {
        i += 1;
        if matches!(b.get(i), Some(b'x' | b'X')) {
            i += 1;
        }
    }
    while b.get(i).is_some_and(u8::is_ascii_alphanumeric) && i < 40 {
        i += 1;
    }
    if b.get(i) == Some(&b';') {
        i += 1;
    }
    i
}

/// Byte ranges of WordPress shortcodes (`[name attr="x"]`, `[/name]`) in `text`, found
/// lazily (a text can hold hundreds of thousands). `[[escaped]]` is literal text, as in
/// WordPress.
pub(crate) fn shortcode_ranges(text: &str) -> ShortcodeRanges<'_> {
    ShortcodeRanges {
        text,
        // Nothing to find without a `[`: start at the end.
        i: if text.contains('[') { 0 } else { text.len() },
    }
}

/// The iterator [`shortcode_ranges`] returns.
pub(crate) struct ShortcodeRanges<'a> {
    text: &'a str,
    /// Where to look next.
    i: usize,
}

impl Iterator for ShortcodeRanges<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let text = self.text;
        let b = text.as_bytes();
        while self.i < b.len() {
            let i = self.i;
            if b[i] != b'[' {
                self.i += 1;
                continue;
            }
            if b.get(i + 1) == Some(&b'[') {
                // Escaped shortcode: skip to after the matching "]]".
                self.i = text[i..].find("]]").map_or(b.len(), |p| i + p + 2);
                continue;
            }
            let mut j = i + 1;
            if b.get(j) == Some(&b'/') {
                j += 1;
            }
            if !b.get(j).is_some_and(u8::is_ascii_alphabetic) {
                self.i += 1;
                continue;
            }
            while b
                .get(j)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
            {
                j += 1;
            }
            match b.get(j) {
                Some(b']') => {
                    self.i = j + 1;
                    return Some((i, j + 1));
                }
                Some(b' ' | b'\t' | b'/') => {
                    // Attributes: up to the closing bracket, not across a newline or another '['.
                    let mut k = j;
                    let mut quote = None;
                    let mut closed = None;
                    while let Some(&c) = b.get(k) {
                        match (quote, c) {
                            (Some(q), c) if c == q => quote = None,
                            (Some(_), _) => {}
                            (None, b'"' | b'\'') => quote = Some(c),
                            (None, b']') => {
                                closed = Some(k);
                                break;
                            }
                            (None, b'[' | b'\n') => break,
                            _ => {}
                        }
                        k += 1;
                    }
                    if let Some(k) = closed {
                        self.i = k + 1;
                        return Some((i, k + 1));
                    }
                    self.i += 1;
                }
                _ => self.i += 1,
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::single_spaced;

    /// What `single_spaced` means, one character at a time.
    fn reference(text: &str) -> bool {
        !text.starts_with(' ')
            && !text.ends_with(' ')
            && !text.contains("  ")
            && text.chars().all(|c| c == ' ' || !c.is_whitespace())
    }

    #[test]
    fn chunk_edges() {
        for s in [
            "",
            "a",
            "abcdefg h",
            "abcdefgh ijklmnop",
            "abcdefg  hijklmno",
            "abcdefgh  ijklmno",
            "abcdefgh\tijklmno",
            "abcdefghijklmno ",
            " abcdefghijklmno",
            "abcdefgh\u{a0}ijklmno",
            "abcdefgh\u{7f}ijklmno",
            "abcdefgh\u{1}ijklmno",
        ] {
            assert_eq!(single_spaced(s), reference(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn same_as_one_character_at_a_time(s in "[a-z .,\u{1}\t\n\u{b}\u{1f}\u{7f}\u{85}\u{a0}é’\u{2009}\u{3000}]{0,40}") {
            proptest::prop_assert_eq!(single_spaced(&s), reference(&s));
        }
    }
}
