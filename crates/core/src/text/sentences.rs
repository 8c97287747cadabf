//! Sentence boundaries (Unicode Standard Annex #29).
//!
//! ASCII text takes a fast path that applies the UAX #29 rules to the ASCII character classes;
//! Latin text with real-world typography (accented letters, ’ “ ” « » – — …, no-break spaces)
//! takes a second one that classifies those characters as UAX #29 does; anything else goes to
//! `unicode-segmentation`. Property tests check that both fast paths give its boundaries.

use unicode_segmentation::UnicodeSegmentation;

/// Pieces of `text` between sentence boundaries, as `(start, piece)`, like
/// [`UnicodeSegmentation::split_sentence_bound_indices`].
pub fn sentence_bounds(text: &str) -> Vec<(usize, &str)> {
    if !text.is_ascii() {
        if let Some(bounds) = latin_sentence_bounds(text) {
            return bounds;
        }
        return text.split_sentence_bound_indices().collect();
    }
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        // Only terminators and line breaks can end a sentence: skip to the next one.
        match b[i..]
            .iter()
            .position(|&c| matches!(c, b'.' | b'!' | b'?' | b'\r' | b'\n'))
        {
            Some(p) => i += p,
            None => break,
        }
        let c = b[i];
        let brk = match class(c) {
            // SB3/SB4: break after a paragraph separator (CR × LF).
            Class::Cr if b.get(i + 1) == Some(&b'\n') => None,
            Class::Cr | Class::Lf => Some(i + 1),
            Class::ATerm | Class::STerm => terminator_break(b, i),
            _ => None,
        };
        match brk {
            Some(end) => {
                out.push((start, &text[start..end]));
                start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    if start < b.len() {
        out.push((start, &text[start..]));
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Cr,
    Lf,
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

/// The sentence-break class of a non-ASCII character the Latin fast path handles, or `None`.
fn latin_class(c: char) -> Option<Class> {
    if c.is_ascii() {
        return Some(class(c as u8));
    }
    Some(match c {
        '\u{00A0}' => Class::Sp,
        '\u{00AB}' | '\u{00BB}' | '\u{2018}'..='\u{201F}' | '\u{2039}' | '\u{203A}' => Class::Close,
        '\u{2013}' | '\u{2014}' => Class::SContinue,
        '\u{2024}' => Class::ATerm,
        '\u{203C}' | '\u{203D}' => Class::STerm,
        // Titlecase digraphs (ǅ ǈ ǋ ǲ) count as upper case.
        '\u{01C5}' | '\u{01C8}' | '\u{01CB}' | '\u{01F2}' => Class::Upper,
        '\u{00AA}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' if c.is_alphabetic() => {
            if c.is_lowercase() {
                Class::Lower
            } else if c.is_uppercase() {
                Class::Upper
            } else {
                Class::OLetter
            }
        }
        // Soft hyphen (Format) and spacing diacritics change the rules: unicode-segmentation.
        '\u{00AD}' | '\u{00A8}' | '\u{00AF}' | '\u{00B4}' | '\u{00B8}' => return None,
        '\u{00A1}'..='\u{00BF}' | '\u{00D7}' | '\u{00F7}' => Class::Other,
        '\u{2010}'..='\u{2012}' | '\u{2015}'..='\u{2017}' | '\u{2020}'..='\u{2023}' => Class::Other,
        '\u{2025}' | '\u{2026}' | '\u{2030}'..='\u{2038}' | '\u{203B}' | '\u{203E}' => Class::Other,
        '\u{20A0}'..='\u{20C0}' | '\u{2116}' | '\u{2122}' => Class::Other,
        _ => return None,
    })
}

/// Sentence pieces of text whose every character has a [`latin_class`], by the same rules as
/// the ASCII path over those classes; `None` for other text.
fn latin_sentence_bounds(text: &str) -> Option<Vec<(usize, &str)>> {
    let mut offsets: Vec<usize> = Vec::with_capacity(text.len());
    let mut classes: Vec<Class> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        offsets.push(i);
        classes.push(latin_class(c)?);
    }
    let at = |i: usize| offsets.get(i).copied().unwrap_or(text.len());
    let mut out = Vec::new();
    let (mut start, mut i) = (0usize, 0usize);
    while i < classes.len() {
        let brk = match classes.get(i) {
            Some(Class::Cr) if classes.get(i + 1) == Some(&Class::Lf) => None,
            Some(Class::Cr | Class::Lf) => Some(i + 1),
            Some(Class::ATerm | Class::STerm) => terminator_break_classes(&classes, i),
            _ => None,
        };
        match brk {
            Some(end) => {
                out.push((at(start), text.get(at(start)..at(end))?));
                start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    if start < classes.len() {
        out.push((at(start), text.get(at(start)..)?));
    }
    Some(out)
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
        Some(Class::Cr | Class::Lf) => Some(j + 1),
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

    fn reference(s: &str) -> Vec<(usize, &str)> {
        s.split_sentence_bound_indices().collect()
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
    fn latin_typography_matches_uax29() {
        for s in [
            "It’s “great.” Then — she left! «Oui.» ¿Qué? Sí. A.B. c.d 3.5\u{a0}kg. Ärger… ja.",
            "Don’t. ’Twas. “Why?” he asked. ‹Non› ‼ Ok‽ Next\r\nline. Ǆ ǅ. ǅb. ƻ. ƻa.",
        ] {
            assert!(latin_sentence_bounds(s).is_some(), "{s:?}");
            assert_eq!(sentence_bounds(s), reference(s), "{s:?}");
        }
        assert!(latin_sentence_bounds("日本。").is_none());
    }

    /// Every character the Latin fast path classifies agrees with unicode-segmentation in the
    /// contexts its rules look at.
    #[test]
    fn every_latin_class_agrees_with_uax29() {
        let mut differ = Vec::new();
        for c in (0x80u32..0x2200).filter_map(char::from_u32) {
            if latin_class(c).is_none() {
                continue;
            }
            for t in [
                format!("a. {c}b."),
                format!("A.{c} b"),
                format!("x{c} Y."),
                format!("Go. {c}"),
                format!("a{c}. B"),
                format!("Hi!{c} a"),
                format!("1.{c}2"),
                format!("{c}. {c}"),
            ] {
                if latin_sentence_bounds(&t) != Some(reference(&t)) {
                    differ.push(format!("U+{:04X} in {t:?}", c as u32));
                }
            }
        }
        assert!(differ.is_empty(), "{}", differ.join(", "));
    }

    proptest::proptest! {
        #[test]
        fn latin_fast_path_equals_unicode_segmentation(
            s in "[aZé9 .!?,;:\"'()’“”«»–—…\u{a0}ÄßƻǅŁ\r\n#-]{0,40}"
        ) {
            proptest::prop_assert_eq!(sentence_bounds(&s), reference(&s));
        }

        #[test]
        fn latin_fast_path_equals_unicode_segmentation_on_its_whole_range(
            s in "[\u{0}-\u{7f}\u{a0}-\u{24f}\u{1e00}-\u{1eff}\u{2010}-\u{203e}\u{20a0}-\u{20c0}\u{2116}\u{2122}]{0,30}"
        ) {
            proptest::prop_assert_eq!(sentence_bounds(&s), reference(&s));
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_equals_unicode_segmentation(s in "[aZ9 .!?,;:\"'()\\-\r\n\t#$]{0,40}") {
            proptest::prop_assert_eq!(sentence_bounds(&s), reference(&s));
        }
    }
}
