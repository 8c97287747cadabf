//! Sentence boundaries (Unicode Standard Annex #29).
//!
//! Non-ASCII text goes to `unicode-segmentation`. ASCII text — most product copy — takes a
//! fast path that applies the same UAX #29 rules to the ASCII character classes; a property
//! test checks that both give identical boundaries on arbitrary ASCII strings.

use unicode_segmentation::UnicodeSegmentation;

/// Pieces of `text` between sentence boundaries, as `(start, piece)`, like
/// [`UnicodeSegmentation::split_sentence_bound_indices`].
pub fn sentence_bounds(text: &str) -> Vec<(usize, &str)> {
    if !text.is_ascii() {
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
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

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_equals_unicode_segmentation(s in "[aZ9 .!?,;:\"'()\\-\r\n\t#$]{0,40}") {
            proptest::prop_assert_eq!(sentence_bounds(&s), reference(&s));
        }
    }
}
