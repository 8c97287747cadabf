//! Word boundaries (Unicode Standard Annex #29), keeping only words with a letter or digit.
//!
//! ASCII text takes a fast path applying the rules to the ASCII classes (letters, digits, `_`,
//! and the "mid" characters `: . '` between letters and `, ; . '` between digits). Latin text
//! with real-world typography (accented letters, ’ ‘ “ ” – — … « », no-break spaces, currency
//! signs) takes a second fast path that classifies those characters the way UAX #29 does.
//! Anything else (other scripts, combining marks, soft hyphens, emoji…) takes the general path:
//! each character gets its Word_Break class (the core's `is_alphabetic`/`is_numeric` for
//! letters and digits, a compact generated table, `word_classes.rs`, for everything else:
//! combining marks, format characters, Katakana, Hebrew letters, ideographs, emoji…) and the
//! word rules WB3–WB999 run over the classes ([`segment_end`]).
//!
//! The general path is written here rather than taken from `unicode-segmentation` for the size
//! of the npm scoring `.wasm` (≤ 200 KB gzipped): that crate's word-break table (≈ 13 KB raw),
//! its emoji table and its word iterator were there only for this fallback, where the compact
//! table is ≈ 4 KB. `unicode-segmentation` stays the tests' reference: an exhaustive test checks
//! the classes against the whole property, and property tests check that all three paths give
//! the words `unicode_word_indices` gives, on text in every script the analysis supports.

#[path = "word_classes.rs"]
mod tables;

/// Byte ranges of the words of `text`, like `unicode_segmentation`'s `unicode_word_indices`:
/// the UAX #29 word segments that have a letter or digit (`char::is_alphanumeric`).
pub fn word_ranges(text: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(capacity_for(text.len()));
    push_word_ranges(text, &mut out);
    out
}

/// [`word_ranges`] appended to `out` (a block keeps its words and its source map in one list).
pub(crate) fn push_word_ranges(text: &str, out: &mut Vec<(u32, u32)>) {
    if !text.is_ascii() {
        let mark = out.len();
        if latin_word_ranges(text, out).is_none() {
            out.truncate(mark);
            general_word_ranges(text, out);
        }
        return;
    }
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !is_word(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        loop {
            while i < b.len() && is_word(b[i]) {
                i += 1;
            }
            // WB6/WB7 (letter mid letter) and WB11/WB12 (digit mid digit); most words end at
            // a space, which is no "mid" character.
            let Some(&mid) = b.get(i) else {
                break;
            };
            if !matches!(mid, b':' | b'.' | b'\'' | b',' | b';') {
                break;
            }
            let (Some(&prev), Some(&next)) = (b.get(i - 1), b.get(i + 1)) else {
                break;
            };
            let letters = prev.is_ascii_alphabetic()
                && next.is_ascii_alphabetic()
                && matches!(mid, b':' | b'.' | b'\'');
            let digits = prev.is_ascii_digit()
                && next.is_ascii_digit()
                && matches!(mid, b',' | b';' | b'.' | b'\'');
            if letters || digits {
                i += 1;
            } else {
                break;
            }
        }
        // A run of underscores alone is no word (it has no letter or digit).
        let word = b.get(start..i).unwrap_or(&[]);
        if word.first() != Some(&b'_') || word.iter().any(|&c| c != b'_') {
            out.push((start as u32, i as u32));
        }
    }
}

/// Room for the words of `len` bytes: a word and its separator take five bytes or more in most
/// text; short words in a row (a list of sizes, "is it a…") take fewer, so a word per four.
pub(crate) fn capacity_for(len: usize) -> usize {
    len / 4 + 1
}

/// UAX #29 word-break classes of the characters the Latin fast path handles.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Wb {
    ALetter,
    Numeric,
    /// `.`, `’`, `‘`, `․` (and `'`, Single_Quote, which acts the same in these rules).
    MidNumLet,
    /// `:`, `·`, `‧`.
    MidLetter,
    /// `,`, `;`.
    MidNum,
    /// `_`.
    ExtendNumLet,
    /// Superscript digits and vulgar fractions (² ½): Other to UAX #29, but numeric, so each
    /// is a one-character word.
    OtherNumber,
    Other,
}

/// The class of `c`, or `None` when the Latin fast path does not handle it.
const fn wb(c: char) -> Option<Wb> {
    Some(match c {
        'a'..='z' | 'A'..='Z' => Wb::ALetter,
        '0'..='9' => Wb::Numeric,
        '.' | '\'' | '\u{2018}' | '\u{2019}' | '\u{2024}' => Wb::MidNumLet,
        ':' | '\u{00B7}' | '\u{2027}' => Wb::MidLetter,
        ',' | ';' => Wb::MidNum,
        '_' => Wb::ExtendNumLet,
        '\u{0}'..='\u{7F}' => Wb::Other,
        '\u{00AA}' | '\u{00B5}' | '\u{00BA}' => Wb::ALetter,
        '\u{00D7}' | '\u{00F7}' => Wb::Other,
        '\u{00B2}' | '\u{00B3}' | '\u{00B9}' | '\u{00BC}'..='\u{00BE}' => Wb::OtherNumber,
        // Soft hyphen (Format) and the spacing cedilla (ALetter to UAX #29, though no letter to
        // `is_alphabetic`) need rules or classes this path does not have: the general path.
        '\u{00AD}' | '\u{00B8}' => return None,
        '\u{00A0}'..='\u{00BF}' => Wb::Other,
        '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => Wb::ALetter,
        // Dashes, quotes, bullets, ellipsis, per mille, primes, guillemets ‹ ›, ‼ ‽.
        '\u{2010}'..='\u{2017}' | '\u{201A}'..='\u{2023}' | '\u{2025}' | '\u{2026}' => Wb::Other,
        '\u{2030}'..='\u{203E}' => Wb::Other,
        // Currency signs, ™, №, arrows and math operators that shops use.
        '\u{20A0}'..='\u{20C0}' | '\u{2116}' | '\u{2122}' | '\u{2190}'..='\u{2199}' => Wb::Other,
        '\u{2212}' | '\u{2248}' | '\u{2260}' | '\u{2264}' | '\u{2265}' => Wb::Other,
        _ => return None,
    })
}

/// [`wb`] of every ASCII byte, computed at compile time (every ASCII character has a class).
static ASCII_WB: [Wb; 128] = {
    let mut t = [Wb::Other; 128];
    let mut c = 0;
    while c < 128 {
        if let Some(k) = wb(c as u8 as char) {
            t[c] = k;
        }
        c += 1;
    }
    t
};

/// The class of an ASCII byte (`Other` for any other byte, which the callers never pass).
fn ascii_wb(c: u8) -> Wb {
    ASCII_WB.get(usize::from(c)).copied().unwrap_or(Wb::Other)
}

/// The class and UTF-8 length of the character at byte `i` of `text` (`Other` and 0 past the
/// end, where the rules see no character); `None` when [`wb`] does not handle it (or `i` is no
/// character boundary, which the caller never asks).
fn class_at(text: &str, i: usize) -> Option<(Wb, usize)> {
    match text.as_bytes().get(i) {
        None => Some((Wb::Other, 0)),
        Some(&b) if b.is_ascii() => Some((ascii_wb(b), 1)),
        Some(_) => wide_class_at(text, i),
    }
}

/// [`class_at`] for a non-ASCII character: decoded, then classified by [`wb`]. Out of line, so
/// that the ASCII case inlines small into the loops.
#[inline(never)]
fn wide_class_at(text: &str, i: usize) -> Option<(Wb, usize)> {
    let c = text.get(i..)?.chars().next()?;
    Some((wb(c)?, c.len_utf8()))
}

/// Word ranges of text whose every character has a [`wb`] class (Latin with typography), by
/// the UAX #29 rules those classes meet (WB5–WB13b); `None` for other text (the caller then
/// takes the general path; the words found so far are dropped).
///
/// Shaped like the ASCII path on purpose. Typographic text is ASCII but for a few ’ “ ” – — …
/// « », no-break spaces and accented letters, and this path once decoded every character and
/// classified it into a buffer before applying the rules: on the benchmark's 300-word product
/// text with typographic punctuation that cost `word_ranges` ≈ 102 K instructions per
/// analysis against ≈ 40 K for the same words in ASCII (streaming the same per-character
/// logic gained nothing: the cost is decoding and classifying each ASCII byte as a `char`).
/// So here a word's ASCII letters and digits, and the spaces and ASCII punctuation between
/// words, are passed over a byte at a time through the [`WORD`] table, as in the ASCII path;
/// the byte that ends an ASCII run is looked up in [`ASCII_WB`]; only at a non-ASCII lead byte
/// is a character decoded and classified by [`wb`] (out of line: it is rare). There is no
/// per-character buffer: the rules' context is read from the bytes. Before a "mid" character
/// (WB6/WB7, WB11/WB12) the word's last character is the byte before it when that is ASCII,
/// else a non-ASCII letter: [`wb`] gives no non-ASCII character Numeric or ExtendNumLet (a
/// test checks it), which is also why a word is a run of underscores alone exactly when its
/// first byte is `_` and every byte is; the character after the mid character is classified
/// in place. Superscript digits and fractions (OtherNumber) are one-character words.
#[inline(never)]
fn latin_word_ranges(text: &str, out: &mut Vec<(u32, u32)>) -> Option<()> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !is_word(c) {
            if c.is_ascii() {
                i += 1;
                continue;
            }
            let (k, len) = wide_class_at(text, i)?;
            if k == Wb::OtherNumber {
                out.push((i as u32, (i + len) as u32));
            }
            if k != Wb::ALetter {
                i += len;
                continue;
            }
        }
        let start = i;
        loop {
            while i < b.len() && is_word(b[i]) {
                i += 1;
            }
            let Some(&c) = b.get(i) else {
                break;
            };
            let (mid, len) = if c.is_ascii() {
                (ascii_wb(c), 1)
            } else {
                let (k, len) = wide_class_at(text, i)?;
                if k == Wb::ALetter {
                    i += len;
                    continue;
                }
                (k, len)
            };
            // WB6/WB7 (letter mid letter) and WB11/WB12 (digit mid digit); most words end at
            // a space or other punctuation, which is no "mid" character.
            if !matches!(mid, Wb::MidLetter | Wb::MidNumLet | Wb::MidNum) {
                break;
            }
            let prev = match b.get(i.wrapping_sub(1)) {
                Some(&c) if c.is_ascii() => ascii_wb(c),
                // The last byte of a non-ASCII character of the word: a letter.
                _ => Wb::ALetter,
            };
            let (next, _) = class_at(text, i + len)?;
            let letters = prev == Wb::ALetter
                && next == Wb::ALetter
                && matches!(mid, Wb::MidLetter | Wb::MidNumLet);
            let digits = prev == Wb::Numeric
                && next == Wb::Numeric
                && matches!(mid, Wb::MidNum | Wb::MidNumLet);
            if letters || digits {
                i += len;
            } else {
                break;
            }
        }
        // A run of underscores alone is no word (it has no letter or digit); every other byte
        // of a word is part of a letter or digit.
        let word = b.get(start..i).unwrap_or(&[]);
        if word.first() != Some(&b'_') || word.iter().any(|&c| c != b'_') {
            out.push((start as u32, i as u32));
        }
    }
    Some(())
}

/// Word characters (letters, digits, `_`), as a table: this test runs on every byte.
static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    t
};

fn is_word(c: u8) -> bool {
    WORD[usize::from(c)]
}

/// UAX #29 Word_Break classes (and Extended_Pictographic, for WB3c).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Class {
    Other,
    Cr,
    Lf,
    /// Line breaks other than CR and LF (VT, FF, U+0085, U+2028, U+2029).
    Newline,
    /// Combining marks (WB4: they belong to the character before them).
    Extend,
    /// U+200D ZERO WIDTH JOINER (WB4 like Extend; WB3c joins it to a following pictograph).
    Zwj,
    RegionalIndicator,
    /// Format characters (soft hyphen, bidi marks…; WB4 like Extend).
    Format,
    Katakana,
    HebrewLetter,
    ALetter,
    /// `'` (WB7a after a Hebrew letter; otherwise like MidNumLet).
    SingleQuote,
    /// `"` (WB7b/WB7c between Hebrew letters).
    DoubleQuote,
    /// `.`, `’`, `‘`, fullwidth `．`…: between letters or between digits.
    MidNumLet,
    /// `:`, `·`, Hebrew gershayim `״`…: between letters.
    MidLetter,
    /// `,`, `;`, Arabic comma `،`…: between digits.
    MidNum,
    Numeric,
    /// `_`, `‿`, fullwidth `＿`…: joins letters, digits and Katakana.
    ExtendNumLet,
    /// Spaces (WB3d keeps a run of them together).
    WSegSpace,
    /// Extended_Pictographic with Word_Break Other (emoji).
    Pictographic,
    /// Extended_Pictographic with Word_Break ALetter (ℹ Ⓜ 🅰 🅱 🅾 🅿).
    LetterPictographic,
}

/// The Word_Break class of an ASCII byte.
const fn ascii_class(c: u8) -> Class {
    match c {
        b'\r' => Class::Cr,
        b'\n' => Class::Lf,
        0x0B | 0x0C => Class::Newline,
        b' ' => Class::WSegSpace,
        b'a'..=b'z' | b'A'..=b'Z' => Class::ALetter,
        b'0'..=b'9' => Class::Numeric,
        b'_' => Class::ExtendNumLet,
        b'.' => Class::MidNumLet,
        b':' => Class::MidLetter,
        b',' | b';' => Class::MidNum,
        b'\'' => Class::SingleQuote,
        b'"' => Class::DoubleQuote,
        _ => Class::Other,
    }
}

/// Class of every ASCII byte, computed at compile time.
static ASCII_CLASSES: [Class; 128] = {
    let mut t = [Class::Other; 128];
    let mut c = 0;
    while c < 128 {
        t[c] = ascii_class(c as u8);
        c += 1;
    }
    t
};

/// The Word_Break class of a non-ASCII character, and whether it is a letter or digit
/// (`char::is_alphanumeric`): the generated table for the ranges it lists, else ALetter for
/// letters, Numeric for other numbers, Other for the rest.
fn class_of(c: char) -> (Class, bool) {
    let u = c as u32;
    let i = tables::RANGES.partition_point(|&e| e >> 8 <= u);
    if let Some(i) = i.checked_sub(1) {
        if let (Some(&e), Some(&len)) = (tables::RANGES.get(i), tables::LENGTHS.get(i)) {
            if u <= (e >> 8) + u32::from(len) {
                if let Some(&k) = tables::KINDS.get((e & 0xFF) as usize) {
                    return (k, c.is_alphanumeric());
                }
            }
        }
    }
    if c.is_alphabetic() {
        (Class::ALetter, true)
    } else if c.is_numeric() {
        (Class::Numeric, true)
    } else {
        (Class::Other, false)
    }
}

/// A character of the general path: its byte offset, its class, and whether it is a letter or
/// digit (`char::is_alphanumeric`, which makes its segment a word).
#[derive(Clone, Copy)]
struct Char {
    at: u32,
    class: Class,
    alnum: bool,
}

/// The last non-ASCII characters classified, by their low 7 bits. Text in one script repeats a
/// few dozen characters, and the class (a table search and `is_alphabetic`, itself a table
/// search) is most of the general path's cost: this cache takes Russian or Arabic text from
/// ≈ 30 ns to a few ns per character.
struct Memo([(u32, Class, bool); 128]);

impl Memo {
    fn new() -> Self {
        // Code point 0 is ASCII, which never comes here: every slot starts empty.
        Memo([(0, Class::Other, false); 128])
    }

    fn get(&mut self, c: char) -> (Class, bool) {
        if let Some(&k) = ASCII_CLASSES.get(c as usize) {
            return (k, c.is_ascii_alphanumeric());
        }
        let u = c as u32;
        match self.0.get_mut((u & 127) as usize) {
            Some(slot) if slot.0 == u => (slot.1, slot.2),
            Some(slot) => {
                let (class, alnum) = class_of(c);
                *slot = (u, class, alnum);
                (class, alnum)
            }
            None => class_of(c),
        }
    }
}

/// Word ranges of any text: its UAX #29 word segments that have a letter or digit.
fn general_word_ranges(text: &str, out: &mut Vec<(u32, u32)>) {
    let mut memo = Memo::new();
    let chars: Vec<Char> = text
        .char_indices()
        .map(|(i, c)| {
            let (class, alnum) = memo.get(c);
            Char {
                at: i as u32,
                class,
                alnum,
            }
        })
        .collect();
    let at = |i: usize| chars.get(i).map_or(text.len() as u32, |c| c.at);
    let mut start = 0;
    while start < chars.len() {
        let end = segment_end(&chars, start).max(start + 1);
        if chars
            .get(start..end)
            .is_some_and(|s| s.iter().any(|c| c.alnum))
        {
            out.push((at(start), at(end)));
        }
        start = end;
    }
}

/// What the characters so far make of the segment (the left side of the rules WB5–WB13c).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Run {
    /// Letters (and digits, underscores… after a letter); `hebrew` when the last is a Hebrew
    /// letter (WB7a–WB7c).
    Letters {
        hebrew: bool,
    },
    /// A Hebrew letter and `'` (WB7a): a letter may follow (WB7), nothing else.
    HebrewQuote,
    Digits,
    Katakana,
    /// ExtendNumLet last (WB13a/WB13b).
    Connector,
    /// One regional indicator, waiting for its pair (WB15/WB16).
    HalfFlag,
    /// Spaces (WB3d), as long as nothing was absorbed between them.
    Spaces,
    /// Anything else: only WB4 (Extend, Format, ZWJ) and WB3c (ZWJ × pictograph) continue it.
    Closed,
}

/// What a "mid" character (WB6/WB7, WB7b/WB7c, WB11/WB12) needs after it to stay in the word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    /// A letter (WB6/WB7: `can't`, `e.g`).
    Letter,
    /// A Hebrew letter (WB7b/WB7c: `צה"ל`).
    HebrewLetter,
    /// A digit (WB11/WB12: `3.5`, `1,000`).
    Digit,
}

/// Index (exclusive) where the segment starting at `start` ends, by the UAX #29 word rules
/// over the classes of `chars`.
///
/// Where `unicode-segmentation` (whose words the analysis has always used, and which the tests
/// compare with) departs from the letter of UAX #29, this follows it: after a pictograph that
/// WB3c joined to a ZWJ the segment ends (UAX #29 goes on when the pictograph is also ALetter,
/// as Ⓜ is), and a ZWJ + pictograph after a "mid" character keeps the mid character in the
/// segment although no letter or digit follows it.
fn segment_end(chars: &[Char], start: usize) -> usize {
    let class = |i: usize| chars.get(i).map(|c| c.class);
    let Some(first) = class(start) else {
        return start;
    };
    let mut run = match first {
        // WB3: CR × LF; WB3a/WB3b: break after and before line breaks.
        Class::Cr if class(start + 1) == Some(Class::Lf) => return start + 2,
        Class::Cr | Class::Lf | Class::Newline => return start + 1,
        Class::ALetter | Class::LetterPictographic => Run::Letters { hebrew: false },
        Class::HebrewLetter => Run::Letters { hebrew: true },
        Class::Numeric => Run::Digits,
        Class::Katakana => Run::Katakana,
        Class::ExtendNumLet => Run::Connector,
        Class::RegionalIndicator => Run::HalfFlag,
        Class::WSegSpace => Run::Spaces,
        _ => Run::Closed,
    };
    // The segment ends at `end` unless a later character continues it; a mid character waits
    // at `end` for what `need` says.
    let mut end = start + 1;
    let mut need: Option<Need> = None;
    let mut absorbed = false;
    let mut i = start + 1;
    while let Some(k) = class(i) {
        // WB3c: ZWJ × Extended_Pictographic (before WB4, so only right after the ZWJ).
        if class(i - 1) == Some(Class::Zwj)
            && matches!(k, Class::Pictographic | Class::LetterPictographic)
        {
            run = Run::Closed;
            need = None;
            i += 1;
            end = i;
            continue;
        }
        // WB4: Extend, Format and ZWJ belong to the character before them.
        if matches!(k, Class::Extend | Class::Format | Class::Zwj) {
            absorbed = true;
            i += 1;
            if need.is_none() {
                end = i;
            }
            continue;
        }
        let letter = match k {
            Class::ALetter | Class::LetterPictographic => Some(false),
            Class::HebrewLetter => Some(true),
            _ => None,
        };
        let next = match need {
            Some(Need::Letter) => letter.map(|hebrew| Run::Letters { hebrew }),
            Some(Need::HebrewLetter) => {
                (k == Class::HebrewLetter).then_some(Run::Letters { hebrew: true })
            }
            Some(Need::Digit) => (k == Class::Numeric).then_some(Run::Digits),
            None => match (run, k) {
                // WB5, WB9, WB10, WB13b: letters and digits after letters, digits, connectors.
                (Run::Letters { .. } | Run::Digits | Run::Connector | Run::HebrewQuote, _)
                    if letter.is_some() =>
                {
                    letter.map(|hebrew| Run::Letters { hebrew })
                }
                (Run::Letters { .. } | Run::Digits | Run::Connector, Class::Numeric) => {
                    Some(Run::Digits)
                }
                // WB13, WB13b.
                (Run::Katakana | Run::Connector, Class::Katakana) => Some(Run::Katakana),
                // WB13a.
                (
                    Run::Letters { .. } | Run::Digits | Run::Katakana | Run::Connector,
                    Class::ExtendNumLet,
                ) => Some(Run::Connector),
                // WB7a: Hebrew_Letter × Single_Quote.
                (Run::Letters { hebrew: true }, Class::SingleQuote) => Some(Run::HebrewQuote),
                // WB7b: Hebrew_Letter × Double_Quote Hebrew_Letter.
                (Run::Letters { hebrew: true }, Class::DoubleQuote) => {
                    need = Some(Need::HebrewLetter);
                    i += 1;
                    continue;
                }
                // WB6: AHLetter × (MidLetter | MidNumLetQ) AHLetter.
                (Run::Letters { .. }, Class::MidLetter | Class::MidNumLet | Class::SingleQuote) => {
                    need = Some(Need::Letter);
                    i += 1;
                    continue;
                }
                // WB12: Numeric × (MidNum | MidNumLetQ) Numeric.
                (Run::Digits, Class::MidNum | Class::MidNumLet | Class::SingleQuote) => {
                    need = Some(Need::Digit);
                    i += 1;
                    continue;
                }
                // WB15/WB16: regional indicators pair up.
                (Run::HalfFlag, Class::RegionalIndicator) => Some(Run::Closed),
                // WB3d: WSegSpace × WSegSpace.
                (Run::Spaces, Class::WSegSpace) if !absorbed => Some(Run::Spaces),
                _ => None,
            },
        };
        match next {
            Some(r) => {
                run = r;
                need = None;
                i += 1;
                end = i;
            }
            // WB999 (or a mid character without its second half: the break is before it).
            None => return end,
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn reference(s: &str) -> Vec<(u32, u32)> {
        s.unicode_word_indices()
            .map(|(i, w)| (i as u32, (i + w.len()) as u32))
            .collect()
    }

    /// The Latin fast path's words, `None` where it does not take the text.
    fn latin(s: &str) -> Option<Vec<(u32, u32)>> {
        let mut out = Vec::new();
        latin_word_ranges(s, &mut out).map(|()| out)
    }

    #[test]
    fn matches_uax29_on_tricky_cases() {
        for s in [
            "Don't stop: e.g. 3.5 kg, 1,000 pcs; a:b x_y _ __a a.1 1.a a..b 1,,2 'quoted'",
            "",
            "...",
            "a",
            "_",
            "9",
            "R&D co-op",
        ] {
            assert_eq!(word_ranges(s), reference(s), "{s:?}");
        }
    }

    #[test]
    fn latin_typography_matches_uax29() {
        for s in [
            "Don’t stop: it’s “great” — café crème, naïve, 3’5, l’été à 20\u{a0}°C…",
            "«Bonjour» ¿Qué tal? ¡Hola! Straße, Ærø, Łódź · a·b 1.000,5 € ™",
            "‘quoted’ ’twas rock’n’roll – 10–20 ½ ² × ÷ ª º µ",
            "a\u{2019}\u{2019}b _x_ x__y 9_a a_9",
        ] {
            assert!(latin(s).is_some(), "{s:?}");
            assert_eq!(word_ranges(s), reference(s), "{s:?}");
        }
        assert!(latin("soft\u{ad}hyphen").is_none());
        assert!(latin("日本").is_none());
    }

    /// Every character the Latin fast path classifies, in every context that matters for the
    /// rules it applies, segments as unicode-segmentation segments it.
    #[test]
    fn every_latin_class_agrees_with_uax29() {
        let mut differ = Vec::new();
        for c in (0u32..0x2200).filter_map(char::from_u32) {
            if wb(c).is_none() {
                continue;
            }
            for t in [
                format!("a{c}b"),
                format!("1{c}2"),
                format!("{c}"),
                format!("a{c}"),
                format!("{c}a"),
                format!("{c}{c}"),
            ] {
                if latin(&t) != Some(reference(&t)) {
                    differ.push(format!("U+{:04X} in {t:?}", c as u32));
                }
            }
        }
        assert!(differ.is_empty(), "{}", differ.join(", "));
    }

    /// What the Latin fast path's byte loop assumes of [`wb`]: every ASCII character has a
    /// class (the [`ASCII_WB`] table is whole), and the only non-ASCII characters a word is
    /// made of are letters (no non-ASCII Numeric or ExtendNumLet), so the character before a
    /// "mid" character is a letter when its last byte is not ASCII, and a word is a run of
    /// underscores alone exactly when all its bytes are `_`.
    #[test]
    fn latin_classes_fit_the_byte_loop() {
        for c in 0u8..128 {
            assert_eq!(wb(char::from(c)), Some(ascii_wb(c)), "{c:#x}");
        }
        let wide_non_letters: Vec<String> = (0x80u32..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| matches!(wb(c), Some(Wb::Numeric | Wb::ExtendNumLet)))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        assert!(wide_non_letters.is_empty(), "{wide_non_letters:?}");
    }

    /// The Latin fast path falls back to the general path when a character it does not handle
    /// comes late, after words it has found, and inside or right after a word.
    #[test]
    fn latin_fast_path_falls_back_late() {
        for s in [
            "Don’t stop — it’s great soft\u{ad}hyphen",
            "café crème: 1,5 € 日本",
            "l’été’\u{301}",
            "a.\u{ad}b 1,\u{ad}2",
        ] {
            assert!(latin(s).is_none(), "{s:?}");
            assert_eq!(word_ranges(s), reference(s), "{s:?}");
        }
    }

    /// Every character gets the Word_Break class (and Extended_Pictographic) the property gives
    /// it: the derivation from the core's predicates plus the compact table equals the whole
    /// table.
    #[test]
    fn classes_agree_with_the_property() {
        let reference = |u: u32| {
            let i = tables::REFERENCE.partition_point(|&(lo, _, _)| lo <= u);
            match i.checked_sub(1).and_then(|i| tables::REFERENCE.get(i)) {
                Some(&(_, hi, class)) if u <= hi => class,
                _ => Class::Other,
            }
        };
        // Through the cache, as the segmenter asks: once cold, once cached.
        let mut memo = Memo::new();
        let mut differ = Vec::new();
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            let want = (reference(c as u32), c.is_alphanumeric());
            let (cold, cached) = (memo.get(c), memo.get(c));
            if cold != want || cached != want {
                differ.push(format!("U+{:04X} {cold:?}≠{want:?}", c as u32));
            }
        }
        assert!(
            differ.is_empty(),
            "{} differ: {}",
            differ.len(),
            differ.join(", ")
        );
    }

    #[test]
    fn every_script_matches_uax29() {
        for s in [
            // Arabic and Persian: marks (harakat, shadda), tatweel, Arabic digits and separators,
            // ZWNJ inside Persian words.
            "سترةٌ دافئةٌ، ناعمةٌ جدًّا؟ نعم، ١٢٫٥ كغ و٣٬٠٠٠ قطعة؛ بـــيت",
            "کتاب\u{200c}ها را می\u{200c}خوانم. ۱۲۳۴ تومان، ۲٫۵ کیلو",
            // Hebrew: geresh and gershayim, ASCII quotes inside and around words, niqqud.
            "צה\"ל ו־ג'ירפה, צה״ל ת׳ \"מרכאות\" 'ציטוט' שָׁלוֹם א'ב א' ב\" א\"1",
            // Russian and Greek.
            "Тёплый свитер «Зима» — 100% шерсть, т.е. 3,5 кг; по-русски.",
            "Θερμό πουλόβερ· είναι μαλακό; Ναι, 2.000 τεμ. ό,τι θέλεις",
            // Japanese: kana, kanji, katakana with the prolonged sound mark and iteration marks,
            // halfwidth katakana.
            "このセーターは暖かい。コーヒー・カップ、ｶﾀｶﾅｰ、ゝゞヽヾ〻々テスト＿データ",
            // Chinese and Korean.
            "这是毛衣，它很柔软！为什么？因为是羊毛。100%纯棉",
            "따뜻한 스웨터입니다. 부드럽나요? 네! 한국어ㄱㄴ",
            // Thai and Devanagari with combining marks.
            "เสื้อกันหนาวอุ่นมาก ราคา ๑๒๓ บาท",
            "गर्म स्वेटर। बहुत नरम॥ क्यों? १२३ रुपये क्षत्रिय",
            // Emoji: ZWJ sequences, skin tones, flags, keycaps, pictographs after letters.
            "👩‍👩‍👧 👍🏽 🇫🇷🇩🇪🇮 1️⃣ a‍😀 a:‍😀b ℹ️ Ⓜ‍Ⓜb ‍😀 😀‍ 🏳️‍🌈x",
            // Soft hyphen, ZWJ and ZWNJ between letters, and at the start.
            "soft\u{ad}hyphen \u{ad}x a\u{200d}b a\u{200c}b \u{200d}a \u{301}a e\u{301}\u{301}",
            // Fullwidth digits and letters, fullwidth punctuation.
            "ＡＢＣ１２３ １２．５ ａ：ｂ ＿ｘ",
            // Numeric with MidNum, MidNumLet and Single_Quote; ExtendNumLet joining classes.
            "1,000.50 1;2 1'2 1.a a.1 1٫2 ١،٢ a_1_カ カ_a __ _‿_ a‿b",
            // Spaces: runs of WSegSpace, ideographic space, a mark after a space.
            "a  b\u{3000}\u{3000}c \u{2003}\u{2003} \u{93f}d  \u{301} e",
            // Line breaks: CR LF, and marks after them.
            "a\r\n\u{301}b\r\u{2028}c\u{85}\u{b}d",
        ] {
            assert!(latin(s).is_none(), "{s:?}");
            assert_eq!(word_ranges(s), reference(s), "{s:?}");
        }
    }

    /// Every class in every position the rules look at: each pair and triple of one
    /// representative character per class, alone and between letters and digits.
    #[test]
    fn every_class_sequence_matches_uax29() {
        let reps = [
            'a', 'é', 'א', '1', '١', 'カ', '_', '.', ':', ',', '\'', '"', '\u{301}', '\u{ad}',
            '\u{200d}', '🇫', '😀', 'Ⓜ', ' ', '\u{3000}', '\r', '\n', '\u{85}', '中', 'ก', '%', '²',
        ];
        let mut differ = Vec::new();
        for &x in &reps {
            for &y in &reps {
                for &z in &reps {
                    for t in [
                        format!("{x}{y}{z}"),
                        format!("a{x}{y}{z}1"),
                        format!("1{x}{y}a"),
                    ] {
                        if word_ranges(&t) != reference(&t) {
                            differ.push(t);
                        }
                    }
                }
            }
        }
        assert!(differ.is_empty(), "{} differ: {differ:?}", differ.len());
    }

    proptest::proptest! {
        #[test]
        fn latin_fast_path_equals_unicode_segmentation(
            s in "[aZé9_ .:,;'’‘“”–—…«»\u{a0}·€½ªßŁ\r\n!?-]{0,40}"
        ) {
            proptest::prop_assert_eq!(word_ranges(&s), reference(&s));
        }

        /// The ASCII path: long runs of each class, the mid characters between them.
        #[test]
        fn ascii_path_equals_unicode_segmentation(
            s in "([a-zA-Z]{1,12}|[0-9]{1,10}|_{1,3}|[ .:,;'!?()\n@\\[`{~\u{0}-\u{1f}\u{7f}-]{1,3}){0,24}"
        ) {
            proptest::prop_assert_eq!(word_ranges(&s), reference(&s));
        }

        #[test]
        fn latin_fast_path_equals_unicode_segmentation_on_its_whole_range(
            s in "[\u{0}-\u{7f}\u{a0}-\u{24f}\u{1e00}-\u{1eff}\u{2010}-\u{203e}\u{20a0}-\u{20c0}\u{2116}\u{2122}\u{2190}-\u{2199}\u{2212}]{0,30}"
        ) {
            proptest::prop_assert_eq!(word_ranges(&s), reference(&s));
        }
    }

    /// ASCII characters, one at a time (letters, digits, `_`, the "mid" characters, spaces and
    /// other punctuation).
    const ASCII_CHAR: &str = "[a-zA-Z0-9_ .:,;'\"!?()\n-]";
    /// The Latin fast path's non-ASCII characters of typography: quotes and apostrophes (’ and
    /// ‘ are MidNumLet, like ․), · and ‧ (MidLetter), dashes, ellipsis, guillemets, no-break
    /// spaces, accented and other Latin letters (two and three bytes), ª µ º (letters),
    /// superscripts and fractions (one-character words), signs.
    const TYPOGRAPHIC_CHAR: &str = "[’‘“”„–—…«»‹›\u{a0}·‧․éÉçàüßøŁœǅẞỳªµº½²¹€£™№×÷−≤]";

    proptest::proptest! {
        /// ASCII and typographic characters densely mixed: every byte-loop transition (ASCII
        /// word into a non-ASCII letter and back, a non-ASCII mid character between ASCII
        /// letters or digits, an ASCII mid character after a non-ASCII letter…).
        #[test]
        fn latin_fast_path_on_dense_typography(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    ASCII_CHAR,
                    TYPOGRAPHIC_CHAR,
                ],
                0..60,
            )
        ) {
            let s: String = chars.concat();
            proptest::prop_assert!(latin(&s).is_some(), "{s:?}");
            proptest::prop_assert_eq!(word_ranges(&s), reference(&s));
        }

        /// Long ASCII runs with a rare typographic character between them (and now and then a
        /// character the fast path does not handle, which sends the text to the general path
        /// after the fast path has found words).
        #[test]
        fn latin_fast_path_on_long_ascii_runs(
            parts in proptest::collection::vec(
                (
                    "([a-zA-Z]{1,9}[0-9_]{0,2}[ .:,;'\"!?\n-]{0,2}){0,12}",
                    proptest::prop_oneof![
                        8 => TYPOGRAPHIC_CHAR,
                        1 => "[\u{ad}\u{301}\u{202f}日]",
                    ],
                ),
                0..6,
            )
        ) {
            let s: String = parts.iter().flat_map(|(a, t)| [a.as_str(), t.as_str()]).collect();
            proptest::prop_assert_eq!(word_ranges(&s), reference(&s));
        }
    }

    proptest::proptest! {
        #[test]
        fn every_script_equals_unicode_segmentation(
            s in "[a-cA-C1_ .:,;'\"\u{a0}\u{85}\u{2028}\u{3000}\u{ad}\u{200c}\u{200d}\u{301}\u{b8}\u{430}-\u{433}\u{410}-\u{413}\u{3b1}\u{391}\u{387}\u{5d0}-\u{5d3}\u{5b0}\u{5f3}\u{5f4}\u{627}-\u{62a}\u{640}\u{64e}\u{660}-\u{662}\u{66b}\u{66c}\u{60c}\u{6f1}\u{6cc}\u{3002}\u{3001}\u{4e00}-\u{4e03}\u{3042}\u{3005}\u{309d}\u{30a2}\u{30ab}\u{30fc}\u{ff76}\u{ff10}\u{ff21}\u{ff0e}\u{ff3f}\u{ac00}-\u{ac02}\u{1100}\u{e01}\u{e31}\u{e51}\u{905}\u{915}\u{93f}\u{94d}\u{967}\u{1f600}\u{1f3fd}\u{1f1eb}\u{1f1f7}\u{2764}\u{fe0f}\u{20e3}\u{24c2}\u{2139}]{0,40}"
        ) {
            proptest::prop_assert_eq!(word_ranges(&s), reference(&s));
        }

        #[test]
        fn any_text_equals_unicode_segmentation(s in "\\PC{0,30}") {
            proptest::prop_assert_eq!(word_ranges(&s), reference(&s));
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_equals_unicode_segmentation(s in "[aZ9_ .:,;'\"\\-\r\n\t!&]{0,40}") {
            proptest::prop_assert_eq!(word_ranges(&s), reference(&s));
        }
    }
}
