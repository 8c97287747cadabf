//! Sentence boundaries (Unicode Standard Annex #29).
//!
//! ASCII text takes a fast path that applies the UAX #29 rules to the ASCII character classes.
//! Other text is scanned the same way for the characters that can start a break (terminators
//! and paragraph separators of every script), and the same rules run around each on the
//! Sentence_Break classes of the characters they look at (the core's
//! `is_lowercase`/`is_uppercase`/`is_alphabetic` for letters, a compact generated table,
//! `sentence_classes.rs`, for everything else: combining marks, terminators of every script,
//! closing punctuation…), with combining marks and format characters attached to the character
//! before them (SB5); see [`scanned_bounds`] for why. This replaced
//! `unicode-segmentation`'s sentence segmenter, whose 30 KB table was the largest piece of the
//! npm scoring `.wasm`; that crate stays the tests' reference: an exhaustive test checks the
//! classes against the property, and property tests check the boundaries on text in every
//! script the analysis supports.

#[path = "sentence_classes.rs"]
mod tables;

/// Room for the sentences of `text` up front (one every 64 bytes or so, which most prose
/// stays under), so that a block's list is allocated once rather than grown.
fn capacity_for(text: &str) -> usize {
    text.len() / 64 + 2
}

/// Pieces of `text` between sentence boundaries, as `(start, piece)`, like
/// `unicode_segmentation::UnicodeSegmentation::split_sentence_bound_indices`.
pub fn sentence_bounds(text: &str) -> Vec<(usize, &str)> {
    let mut ranges = Vec::with_capacity(capacity_for(text));
    push_sentence_ranges(text, &mut ranges);
    ranges
        .into_iter()
        .map(|(start, end)| (start, text.get(start..end).unwrap_or("")))
        .collect()
}

/// [`sentence_bounds`] as byte ranges `(start, end)`, appended to `out`: a document's blocks
/// share one list (each block's pieces are read and then cleared), where a list of their own
/// was an allocation per block.
pub(crate) fn push_sentence_ranges(text: &str, out: &mut Vec<(usize, usize)>) {
    if text.is_ascii() {
        ascii_bounds(text, out);
        return;
    }
    let mark = out.len();
    if scanned_bounds(text, out).is_none() {
        out.truncate(mark);
        classified_bounds(text, out);
    }
}

/// [`push_sentence_ranges`] of ASCII text.
fn ascii_bounds(text: &str, out: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        // Only terminators and line breaks can end a sentence: skip to the next one.
        i = super::lanes::find_stop(b, i, b".!?\r\n");
        let Some(&c) = b.get(i) else {
            break;
        };
        let brk = match class(c) {
            // SB3/SB4: break after a paragraph separator (CR × LF).
            Class::Cr if b.get(i + 1) == Some(&b'\n') => None,
            Class::Cr | Class::Lf => Some(i + 1),
            Class::ATerm | Class::STerm => terminator_break(b, i),
            _ => None,
        };
        match brk {
            Some(end) => {
                out.push((start, end));
                start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
}

/// Sentence pieces of text with non-ASCII characters, equal to [`classified_bounds`] (the
/// rules over every character's class) but shaped like the ASCII path; `None` for text with
/// characters it does not take (other scripts), which `classified_bounds` then segments.
///
/// Why this shape: typographic Latin text (’ “ ” – — … « » no-break spaces, accented letters)
/// is mostly ASCII, and classifying every character (`class_of`: a binary search of the table,
/// then the core's letter predicates) cost it several times what the ASCII path costs, though
/// only a few characters can start a break: terminators (ATerm, STerm), line breaks and the
/// paragraph separators U+0085, U+2028, U+2029. So the text is scanned for those, eight bytes
/// at a time to the next ASCII stop or character outside ASCII, whose lead byte is looked up
/// ([`STOPS`], then [`may_break`], so accented letters and most typographic punctuation are
/// passed over whole without being decoded), and the
/// rules run around each one on classes computed on demand: the ASCII table for ASCII bytes,
/// `class_of` for the few non-ASCII characters in the look-behind and look-ahead. SB5 (a
/// character with the combining marks and format characters after it counts as one) is applied
/// where the rules look ([`unit`], [`class_before`]). The path stops at the first character
/// whose bytes do not tell whether it can start a break (Hebrew, Arabic, Indic, CJK, fullwidth
/// forms…): deciding those takes `class_of` for nearly every character of such text, and
/// measured that way (per character, on the lead bytes the scan stops at) it cost 3–7 % more
/// of `analyze` on Arabic, Hebrew, Persian, Chinese, Japanese and Korean text than
/// `classified_bounds`, which takes it over from the start. The byte shortcuts (`STOPS`,
/// `may_break`, `may_attach`) are checked against `class_of` for every character by an
/// exhaustive test, and the whole path against `classified_bounds` by property tests.
fn scanned_bounds(text: &str, out: &mut Vec<(usize, usize)>) -> Option<()> {
    let b = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        // Eight bytes at a time to the next ASCII stop or character outside ASCII; such a
        // character that surely cannot break is passed over whole.
        i = super::lanes::find_stop_or_wide(b, i, b".!?\r\n");
        let Some(&lead) = b.get(i) else {
            break;
        };
        if lead >= 0x80 && (!STOPS[usize::from(lead)] || !may_break(b, i)?) {
            i += utf8_width(lead);
            continue;
        }
        let brk = match char_class(text, i) {
            // SB3/SB4 (CR × LF), as in the ASCII path.
            Some((Class::Cr, e)) if b.get(e) == Some(&b'\n') => None,
            Some((Class::Cr | Class::Lf | Class::Sep, e)) => Some(e),
            Some((Class::ATerm | Class::STerm, _)) => scanned_terminator_break(text, i),
            _ => None,
        };
        match brk {
            Some(end) => {
                out.push((start, end));
                start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
    Some(())
}

/// The length of the UTF-8 character whose first byte is `lead` (at least 1).
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// Bytes where [`scanned_bounds`] stops: ASCII terminators and line breaks, and the lead bytes
/// of non-ASCII characters that may be a terminator or a paragraph separator: not those of
/// U+00C0–U+057F (Latin-1 letters, Latin Extended, IPA, combining marks, Greek, Cyrillic,
/// Armenian letters), and never continuation bytes.
static STOPS: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = matches!(
            c as u8,
            b'.' | b'!' | b'?' | b'\r' | b'\n' | 0xC2 | 0xD6..=0xFF
        );
        c += 1;
    }
    t
};

/// Whether the non-ASCII character at `i` (a lead byte [`STOPS`] stops at) may be a
/// terminator or a paragraph separator, from its bytes: `Some(false)` where it surely is not
/// (U+0080–U+00BF but U+0085 NEL: no-break space, « », soft hyphen…; U+2000–U+207F but
/// U+2024 ONE DOT LEADER, U+2028/U+2029, ‼ ‽ ⁇ ⁈ ⁉: ’ “ ” – — … and the other typographic
/// punctuation; U+2080–U+2CBF: currency signs, letterlike symbols, arrows, dingbats…;
/// variation selectors; emoji), `Some(true)` for those exceptions, `None` for the characters
/// the scanned path does not take.
fn may_break(b: &[u8], i: usize) -> Option<bool> {
    match (b.get(i), b.get(i + 1), b.get(i + 2)) {
        (Some(0xC2), Some(&s), _) => Some(s == 0x85),
        (Some(0xC3..=0xD5), _, _)
        | (Some(0xE2), Some(0x82..=0xB2), _)
        | (Some(0xEF), Some(0xB8), Some(0x80..=0x8F))
        | (Some(0xF0), Some(0x9F), _) => Some(false),
        (Some(0xE2), Some(0x80), Some(&t)) => Some(matches!(t, 0xA4 | 0xA8 | 0xA9 | 0xBC | 0xBD)),
        (Some(0xE2), Some(0x81), Some(&t)) => Some(matches!(t, 0x87..=0x89)),
        _ => None,
    }
}

/// Whether the character at `i` may be a combining mark or format character (Extend, Format),
/// which SB5 attaches to the character before it; `false` only where it surely is not, from
/// its bytes: ASCII, U+0080–U+02FF but U+00AD SOFT HYPHEN, U+2010–U+2027, U+202F–U+205F,
/// U+2080–U+20BF.
fn may_attach(b: &[u8], i: usize) -> bool {
    match (b.get(i), b.get(i + 1), b.get(i + 2)) {
        (None, _, _) | (Some(0..=0x7F | 0xC3..=0xCB), _, _) => false,
        (Some(0xC2), Some(&s), _) => s == 0xAD,
        (Some(0xE2), Some(0x80), Some(0x90..=0xA7 | 0xAF..=0xBF))
        | (Some(0xE2), Some(0x81), Some(0x80..=0x9F))
        | (Some(0xE2), Some(0x82), _) => false,
        _ => true,
    }
}

/// The class of the character at byte `i` (a character boundary) and where it ends.
fn char_class(text: &str, i: usize) -> Option<(Class, usize)> {
    let &first = text.as_bytes().get(i)?;
    if first < 0x80 {
        return Some((class(first), i + 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((class_of(c), i + c.len_utf8()))
}

/// The unit starting at byte `i`: its character's class, and its end after the combining marks
/// and format characters SB5 attaches to it (none after a paragraph separator).
fn unit(text: &str, i: usize) -> Option<(Class, usize)> {
    let (class, mut end) = char_class(text, i)?;
    if matches!(class, Class::Cr | Class::Lf | Class::Sep) {
        return Some((class, end));
    }
    while may_attach(text.as_bytes(), end) {
        match char_class(text, end) {
            Some((Class::Extend | Class::Format, e)) => end = e,
            _ => break,
        }
    }
    Some((class, end))
}

/// The class of the unit that ends at byte `t` (the start of a unit): the character before
/// `t` after any combining marks and format characters, unless that is a paragraph separator
/// (or there is none), when the first mark of the run is a unit of its own.
fn class_before(text: &str, t: usize) -> Option<Class> {
    let mut p = t;
    let mut run = None;
    while let Some(c) = text.get(..p).and_then(|s| s.chars().next_back()) {
        match class_of(c) {
            k @ (Class::Extend | Class::Format) => {
                run = Some(k);
                p -= c.len_utf8();
            }
            Class::Cr | Class::Lf | Class::Sep if run.is_some() => return run,
            k => return Some(k),
        }
    }
    run
}

/// [`terminator_break`] on units computed on demand: given a terminator at byte `t`, where the
/// sentence ends (exclusive), or `None` when the rules forbid a break after it here.
fn scanned_terminator_break(text: &str, t: usize) -> Option<usize> {
    let (tclass, mut j) = unit(text, t)?;
    let aterm = tclass == Class::ATerm;
    let next = unit(text, j).map(|(k, _)| k);
    if aterm {
        // SB6, SB7.
        if next == Some(Class::Numeric) {
            return None;
        }
        if next == Some(Class::Upper)
            && matches!(class_before(text, t), Some(Class::Upper | Class::Lower))
        {
            return None;
        }
    }
    // SB9/SB10.
    while let Some((Class::Close, e)) = unit(text, j) {
        j = e;
    }
    while let Some((Class::Sp, e)) = unit(text, j) {
        j = e;
    }
    match unit(text, j) {
        None => None,
        // SB11 after a paragraph separator (CR LF counts as one; neither takes marks).
        Some((Class::Cr, e)) if text.as_bytes().get(e) == Some(&b'\n') => Some(e + 1),
        Some((Class::Cr | Class::Lf | Class::Sep, e)) => Some(e),
        // SB8a.
        Some((Class::SContinue | Class::ATerm | Class::STerm, _)) => None,
        Some(_) => {
            // SB8.
            if aterm {
                let mut k = j;
                while let Some((class, e)) = unit(text, k) {
                    match class {
                        Class::Lower => return None,
                        Class::Upper
                        | Class::OLetter
                        | Class::Cr
                        | Class::Lf
                        | Class::Sep
                        | Class::ATerm
                        | Class::STerm => break,
                        _ => k = e,
                    }
                }
            }
            // SB11.
            Some(j)
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Class {
    Cr,
    Lf,
    /// Paragraph separators other than CR and LF (U+0085, U+2028, U+2029).
    Sep,
    /// Combining marks (attached to the character before them).
    Extend,
    /// Format characters (likewise).
    Format,
    Sp,
    Lower,
    Upper,
    OLetter,
    Numeric,
    ATerm,
    STerm,
    SContinue,
    Close,
    Other,
}

/// Class of every ASCII byte, computed at compile time.
static CLASSES: [Class; 128] = {
    let mut t = [Class::Other; 128];
    let mut c = 0;
    while c < 128 {
        t[c] = classify(c as u8);
        c += 1;
    }
    t
};

fn class(c: u8) -> Class {
    match CLASSES.get(usize::from(c)) {
        Some(&k) => k,
        None => Class::Other,
    }
}

const fn classify(c: u8) -> Class {
    match c {
        b'\r' => Class::Cr,
        b'\n' => Class::Lf,
        b'\t' | 0x0B | 0x0C | b' ' => Class::Sp,
        b'a'..=b'z' => Class::Lower,
        b'A'..=b'Z' => Class::Upper,
        b'0'..=b'9' => Class::Numeric,
        b'.' => Class::ATerm,
        b'!' | b'?' => Class::STerm,
        b',' | b'-' | b':' | b';' => Class::SContinue,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Class::Close,
        _ => Class::Other,
    }
}

/// Given a terminator at `t`, where the sentence ends (exclusive), or `None` when the rules
/// forbid a break after it here.
fn terminator_break(b: &[u8], t: usize) -> Option<usize> {
    let aterm = class(b[t]) == Class::ATerm;
    let next = b.get(t + 1).map(|&c| class(c));
    if aterm {
        // SB6: ATerm × Numeric.
        if next == Some(Class::Numeric) {
            return None;
        }
        // SB7: (Upper | Lower) ATerm × Upper.
        let prev = t.checked_sub(1).map(|p| class(b[p]));
        if matches!(prev, Some(Class::Upper | Class::Lower)) && next == Some(Class::Upper) {
            return None;
        }
    }
    // SB9/SB10: no break inside ATerm/STerm Close* Sp* (ParaSep)?.
    let mut j = t + 1;
    while j < b.len() && class(b[j]) == Class::Close {
        j += 1;
    }
    while j < b.len() && class(b[j]) == Class::Sp {
        j += 1;
    }
    match b.get(j).map(|&c| class(c)) {
        // End of text: the final piece runs to the end anyway.
        None => None,
        // SB11 after a paragraph separator (CR LF counts as one).
        Some(Class::Cr) if b.get(j + 1) == Some(&b'\n') => Some(j + 2),
        Some(Class::Cr | Class::Lf) => Some(j + 1),
        // SB8a: … × (SContinue | SATerm).
        Some(Class::SContinue | Class::ATerm | Class::STerm) => None,
        Some(_) => {
            // SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower.
            if aterm {
                let mut k = j;
                while k < b.len() {
                    match class(b[k]) {
                        Class::Lower => return None,
                        Class::Upper | Class::Cr | Class::Lf | Class::ATerm | Class::STerm => break,
                        _ => k += 1,
                    }
                }
            }
            // SB11: break.
            Some(j)
        }
    }
}

/// The sentence-break class of a character.
fn class_of(c: char) -> Class {
    if c.is_ascii() {
        return class(c as u8);
    }
    let u = c as u32;
    let i = tables::CLASSES.partition_point(|&(first, _, _)| first <= u);
    if let Some(&(first, len, class)) = i.checked_sub(1).and_then(|i| tables::CLASSES.get(i)) {
        if u <= first + u32::from(len) {
            return class;
        }
    }
    if c.is_lowercase() {
        Class::Lower
    } else if c.is_uppercase() || is_titlecase(c) {
        Class::Upper
    } else if c.is_alphabetic() {
        Class::OLetter
    } else {
        Class::Other
    }
}

/// Titlecase letters (Lt: ǅ ǈ ǋ ǲ and the Greek ones with prosgegrammeni), which UAX #29
/// counts as upper case.
fn is_titlecase(c: char) -> bool {
    matches!(
        c,
        '\u{01C5}'
            | '\u{01C8}'
            | '\u{01CB}'
            | '\u{01F2}'
            | '\u{1F88}'..='\u{1F8F}'
            | '\u{1F98}'..='\u{1F9F}'
            | '\u{1FA8}'..='\u{1FAF}'
            | '\u{1FBC}'
            | '\u{1FCC}'
            | '\u{1FFC}'
    )
}

/// Sentence pieces of any text, by the same rules as the ASCII path over the classes of its
/// characters; combining marks and format characters belong to the character before them.
/// The plain statement of the rules, which [`scanned_bounds`] is tested against.
fn classified_bounds(text: &str, out: &mut Vec<(usize, usize)>) {
    let mut offsets: Vec<usize> = Vec::with_capacity(text.len());
    let mut classes: Vec<Class> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let class = class_of(c);
        // SB5: X (Extend | Format)* → X, except after a paragraph separator.
        if matches!(class, Class::Extend | Class::Format)
            && !matches!(
                classes.last(),
                None | Some(Class::Cr | Class::Lf | Class::Sep)
            )
        {
            continue;
        }
        offsets.push(i);
        classes.push(class);
    }
    let at = |i: usize| offsets.get(i).copied().unwrap_or(text.len());
    let (mut start, mut i) = (0usize, 0usize);
    while i < classes.len() {
        let brk = match classes.get(i) {
            Some(Class::Cr) if classes.get(i + 1) == Some(&Class::Lf) => None,
            Some(Class::Cr | Class::Lf | Class::Sep) => Some(i + 1),
            Some(Class::ATerm | Class::STerm) => terminator_break_classes(&classes, i),
            _ => None,
        };
        match brk {
            Some(end) => {
                out.push((at(start), at(end)));
                start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    if start < classes.len() {
        out.push((at(start), text.len()));
    }
}

/// [`terminator_break`] over a class array (index of chars instead of bytes).
fn terminator_break_classes(c: &[Class], t: usize) -> Option<usize> {
    let get = |i: usize| c.get(i).copied();
    let aterm = get(t) == Some(Class::ATerm);
    let next = get(t + 1);
    if aterm {
        if next == Some(Class::Numeric) {
            return None;
        }
        let prev = t.checked_sub(1).and_then(get);
        if matches!(prev, Some(Class::Upper | Class::Lower)) && next == Some(Class::Upper) {
            return None;
        }
    }
    let mut j = t + 1;
    while get(j) == Some(Class::Close) {
        j += 1;
    }
    while get(j) == Some(Class::Sp) {
        j += 1;
    }
    match get(j) {
        None => None,
        Some(Class::Cr) if get(j + 1) == Some(Class::Lf) => Some(j + 2),
        Some(Class::Cr | Class::Lf | Class::Sep) => Some(j + 1),
        Some(Class::SContinue | Class::ATerm | Class::STerm) => None,
        Some(_) => {
            if aterm {
                let mut k = j;
                while let Some(cls) = get(k) {
                    match cls {
                        Class::Lower => return None,
                        Class::Upper
                        | Class::OLetter
                        | Class::Cr
                        | Class::Lf
                        | Class::Sep
                        | Class::ATerm
                        | Class::STerm => break,
                        _ => k += 1,
                    }
                }
            }
            Some(j)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn reference(s: &str) -> Vec<(usize, &str)> {
        s.split_sentence_bound_indices().collect()
    }

    fn scanned(s: &str) -> Option<Vec<(usize, usize)>> {
        let mut out = Vec::new();
        scanned_bounds(s, &mut out).map(|()| out)
    }

    fn classified(s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        classified_bounds(s, &mut out);
        out
    }

    #[test]
    fn matches_uax29_on_tricky_cases() {
        for s in [
            "It is warm. It is soft! Is it washable? Yes, e.g. at 30 degrees.",
            "At just 1.4 kg. Mr. Smith said \"Hi.\" Then left.",
            "Wait... what?! (Really.) Yes.\r\nNext line\nthird.",
            "U.S.A. is big. etc. and so on. 5. items",
            "End with space. ",
            ".a. A.B! ?\"' x",
            "",
            "\r\r\n\n.",
        ] {
            assert_eq!(sentence_bounds(s), reference(s), "{s:?}");
        }
    }

    #[test]
    fn typography_and_every_script_match_uax29() {
        for s in [
            "It’s “great.” Then — she left! «Oui.» ¿Qué? Sí. A.B. c.d 3.5\u{a0}kg. Ärger… ja.",
            "Don’t. ’Twas. “Why?” he asked. ‹Non› ‼ Ok‽ Next\r\nline. Ǆ ǅ. ǅb. ƻ. ƻa.",
            "Тёплый свитер. Он мягкий! Почему? Потому что шерсть.",
            "סוודר חם. הוא רך! לָמָּה? כי צמר.",
            "سترة دافئة. إنها ناعمة؟ نعم، لأنها صوف.",
            "ژاکت گرم است. چرا؟ چون پشمی است.",
            "这是毛衣。它很柔软！为什么？因为是羊毛。",
            "このセーターは暖かい。柔らかい！なぜ？ウールだから。",
            "따뜻한 스웨터입니다. 부드럽나요? 네!",
            "Θερμό πουλόβερ. Είναι μαλακό; Ναι.",
            "गर्म स्वेटर। बहुत नरम॥ क्यों?",
            "soft\u{ad}hyphen. e\u{301}. A\u{200d}B. x\u{2028}y\u{2029}z\u{85}w.",
            "「暖かい。」と言った。（本当？）はい。",
        ] {
            assert_eq!(sentence_bounds(s), reference(s), "{s:?}");
        }
    }

    /// Every non-ASCII character gets the Sentence_Break class the property gives it (the
    /// derivation from the core's predicates plus the compact table equals the whole table).
    #[test]
    fn classes_agree_with_the_property() {
        let reference = |u: u32| {
            let i = tables::REFERENCE.partition_point(|&(lo, _, _)| lo <= u);
            match i.checked_sub(1).and_then(|i| tables::REFERENCE.get(i)) {
                Some(&(_, hi, class)) if u <= hi => class,
                _ => Class::Other,
            }
        };
        let differ: Vec<String> = (0x80u32..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| class_of(c) != reference(c as u32))
            .map(|c| {
                format!(
                    "U+{:04X} {:?}≠{:?}",
                    c as u32,
                    class_of(c),
                    reference(c as u32)
                )
            })
            .collect();
        assert!(
            differ.is_empty(),
            "{} differ: {}",
            differ.len(),
            differ.join(", ")
        );
    }

    /// The byte shortcuts of the scanned path never pass over a character that matters: every
    /// terminator and paragraph separator is stopped at and not ruled out by `may_break`, and
    /// every combining mark or format character is one `may_attach` lets through.
    #[test]
    fn byte_shortcuts_agree_with_the_classes() {
        let mut wrong = Vec::new();
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let class = class_of(c);
            let stops =
                STOPS[usize::from(b[0])] && (c.is_ascii() || may_break(b, 0) != Some(false));
            if matches!(
                class,
                Class::ATerm | Class::STerm | Class::Sep | Class::Cr | Class::Lf
            ) && !stops
            {
                wrong.push(format!("U+{:04X} {class:?} not stopped at", c as u32));
            }
            if matches!(class, Class::Extend | Class::Format) && !may_attach(b, 0) {
                wrong.push(format!("U+{:04X} {class:?} not attached", c as u32));
            }
            // No continuation byte is a stop.
            if b.iter().skip(1).any(|&x| STOPS[usize::from(x)]) {
                wrong.push(format!("U+{:04X} continuation byte stops", c as u32));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join(", "));
    }

    #[test]
    fn scanned_path_matches_uax29_on_marks_around_terminators() {
        for s in [
            "A\u{301}. B",
            "a.\u{301}B",
            "a.\u{301} b. C.\u{ad}\u{200d} D",
            "\u{301}. A",
            "\n\u{301}\u{301}. A",
            "x\u{2029}\u{301}. A",
            "é.\u{85}a",
            "é. \u{301}\r\n\u{301}x",
            "é.\r\u{301}\nx",
            "Ça va.” « Oui ! » Non\u{a0}? Bien… d’accord. ‼ X. ‽ y. 3.5\u{a0}€. Z",
            "é.\u{2024}A \u{2024} b\u{2024}\u{301} C\u{2024} d",
            "\u{ad}",
            "é",
        ] {
            assert_eq!(sentence_bounds(s), reference(s), "{s:?}");
            assert_eq!(scanned(s), Some(classified(s)), "{s:?}");
        }
    }

    /// The worst texts for the look-behind and look-ahead (long runs of marks before and after
    /// terminators, closing punctuation, digits and spaces between them) at the size of a whole
    /// document's text: each run is looked at a bounded number of times, so this stays linear.
    #[test]
    fn scanned_path_on_long_runs() {
        let n = crate::text::MAX_TEXT_BYTES;
        for s in [
            format!("A{}.B", "\u{301}".repeat(n / 2)),
            format!("a.{}B", "\u{ad}".repeat(n / 2)),
            ".\u{301}".repeat(n / 3),
            format!("a. {}x", "”".repeat(n / 3)),
            format!("a.{} b", "\u{a0}1".repeat(n / 3)),
            "a. 1 ".repeat(n / 5),
        ] {
            assert_eq!(scanned(&s), Some(classified(&s)));
        }
    }

    /// Typographic Latin, Greek and Cyrillic text with symbols and emoji takes the scanned path;
    /// other scripts and fullwidth forms take `classified_bounds`.
    #[test]
    fn scanned_path_takes_typographic_text_only() {
        for s in [
            "It’s “great.” Then — she left! «Oui.» ¿Qué? Sí. A.B. c.d 3.5\u{a0}kg. Ärger… ja.",
            "Prix\u{202f}: 12\u{a0}€ ™ → ✓ ❤\u{fe0f} 👍🏽. Тёплый свитер. Θερμό πουλόβερ.",
        ] {
            assert!(scanned(s).is_some(), "{s:?}");
        }
        for s in [
            "Ok. סוודר חם.",
            "Ok. 毛衣。",
            "Ok！",
            "Ok. سترة",
            "Ok \u{2e2e}",
        ] {
            assert_eq!(scanned(s), None, "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn latin_text_equals_unicode_segmentation(
            s in "[aZé9 .!?,;:\"'()’“”«»–—…\u{a0}ÄßƻǅŁ\r\n#-]{0,40}"
        ) {
            proptest::prop_assert_eq!(sentence_bounds(&s), reference(&s));
        }

        #[test]
        fn latin_ranges_equal_unicode_segmentation(
            s in "[\u{0}-\u{7f}\u{a0}-\u{24f}\u{1e00}-\u{1eff}\u{2010}-\u{203e}\u{20a0}-\u{20c0}\u{2116}\u{2122}]{0,30}"
        ) {
            proptest::prop_assert_eq!(sentence_bounds(&s), reference(&s));
        }

        #[test]
        fn every_script_equals_unicode_segmentation(
            s in "[a-cA-C1 .!?,;:()\"\u{a0}\u{85}\u{2028}\u{ad}\u{200c}\u{200d}\u{301}\u{430}-\u{433}\u{410}-\u{413}\u{5d0}-\u{5d3}\u{5b0}\u{5c3}\u{627}-\u{62a}\u{64e}\u{61f}\u{6d4}\u{60c}\u{6cc}\u{3002}\u{3001}\u{ff01}\u{ff1f}\u{ff0e}\u{300c}\u{300d}\u{4e00}-\u{4e03}\u{3042}\u{30a2}\u{ac00}-\u{ac02}\u{3b1}\u{391}\u{37e}\u{905}\u{93f}\u{964}\u{e01}\u{e31}\u{1f600}\u{1f3fd}]{0,40}"
        ) {
            proptest::prop_assert_eq!(sentence_bounds(&s), reference(&s));
        }

        #[test]
        fn any_text_equals_unicode_segmentation(s in "\\PC{0,30}") {
            proptest::prop_assert_eq!(sentence_bounds(&s), reference(&s));
        }
    }

    /// Long ASCII runs with a rare non-ASCII character among them (line and paragraph
    /// separators, terminators of other scripts, combining marks and format characters).
    fn sparse_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let ascii = "[a-cA-C1 .!?,;:\"'()\r\n-]{0,60}";
        let rare = prop_oneof![
            Just('\u{85}'),
            Just('\u{2028}'),
            Just('\u{2029}'),
            Just('‼'),
            Just('‽'),
            Just('…'),
            Just('。'),
            Just('\u{2024}'),
            Just('\u{ff0e}'),
            Just('\u{301}'),
            Just('\u{ad}'),
            Just('\u{200d}'),
            Just('\u{feff}'),
            Just('\u{20d7}'),
            Just('\u{a0}'),
            Just('’'),
            Just('É'),
            Just('ƻ'),
        ];
        proptest::collection::vec((ascii, rare), 0..6).prop_map(|parts| {
            parts.into_iter().fold(String::new(), |mut s, (a, r)| {
                s.push_str(&a);
                s.push(r);
                s
            })
        })
    }

    proptest::proptest! {
        /// The scanned path equals the rules over every character's class, on dense typographic
        /// Latin text with marks and separators right after terminators…
        #[test]
        fn scanned_path_equals_classified_on_typographic_text(
            s in "[aZé9 .!?,;:\"'()’“”«»–—…\u{a0}\u{202f}ÄßƻǅŁ€™\r\n#\u{85}\u{2028}\u{2029}‼‽\u{2024}\u{301}\u{ad}\u{200d}\u{20d7}-]{0,60}"
        ) {
            proptest::prop_assert_eq!(scanned(&s), Some(classified(&s)));
        }

        /// …and on long ASCII runs with rare non-ASCII characters.
        #[test]
        fn scanned_path_equals_classified_on_sparse_text(s in sparse_text()) {
            let scanned = scanned(&s);
            if scanned.is_some() {
                proptest::prop_assert_eq!(scanned, Some(classified(&s)));
            }
            proptest::prop_assert_eq!(sentence_bounds(&s), reference(&s));
        }

        /// Any text of the characters the scanned path takes.
        #[test]
        fn scanned_path_equals_classified_on_its_whole_range(
            s in "[\u{0}-\u{57f}\u{2000}-\u{2cbf}\u{fe00}-\u{fe0f}\u{1f000}-\u{1ffff}]{0,40}"
        ) {
            proptest::prop_assert_eq!(scanned(&s), Some(classified(&s)));
        }

        /// Any text: the scanned path, where it takes it, equals `classified_bounds`.
        #[test]
        fn scanned_path_equals_classified_on_any_text(s in "\\PC{0,40}") {
            if let Some(scanned) = scanned(&s) {
                proptest::prop_assert_eq!(scanned, classified(&s));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_equals_unicode_segmentation(s in "[aZ9 .!?,;:\"'()\\-\r\n\t#$]{0,40}") {
            proptest::prop_assert_eq!(sentence_bounds(&s), reference(&s));
        }
    }
}
