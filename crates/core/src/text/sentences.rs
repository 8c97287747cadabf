//! Sentence boundaries (Unicode Standard Annex #29).
//!
//! ASCII text takes a fast path that applies the UAX #29 rules to the ASCII character classes.
//! Other text is classified character by character (the Sentence_Break property: the core's
//! `is_lowercase`/`is_uppercase`/`is_alphabetic` for letters, a compact generated table,
//! `sentence_classes.rs`, for everything else: combining marks, terminators of every script,
//! closing punctuation…) and the same rules run over the classes, with combining marks and
//! format characters attached to the character before them (SB5). This replaced
//! `unicode-segmentation`'s sentence segmenter, whose 30 KB table was the largest piece of the
//! npm scoring `.wasm`; that crate stays the tests' reference: an exhaustive test checks the
//! classes against the property, and property tests check the boundaries on text in every
//! script the analysis supports.

#[path = "sentence_classes.rs"]
mod tables;

/// Pieces of `text` between sentence boundaries, as `(start, piece)`, like
/// `unicode_segmentation::UnicodeSegmentation::split_sentence_bound_indices`.
pub fn sentence_bounds(text: &str) -> Vec<(usize, &str)> {
    if !text.is_ascii() {
        return classified_bounds(text);
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
fn classified_bounds(text: &str) -> Vec<(usize, &str)> {
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
    let piece = |a: usize, b: usize| text.get(at(a)..at(b)).unwrap_or("");
    let mut out = Vec::new();
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
                out.push((at(start), piece(start, end)));
                start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    if start < classes.len() {
        out.push((at(start), text.get(at(start)..).unwrap_or("")));
    }
    out
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

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_equals_unicode_segmentation(s in "[aZ9 .!?,;:\"'()\\-\r\n\t#$]{0,40}") {
            proptest::prop_assert_eq!(sentence_bounds(&s), reference(&s));
        }
    }
}
