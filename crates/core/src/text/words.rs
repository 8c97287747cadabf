//! Word boundaries (Unicode Standard Annex #29), keeping only words with a letter or digit.
//!
//! ASCII text takes a fast path applying the rules to the ASCII classes (letters, digits, `_`,
//! and the "mid" characters `: . '` between letters and `, ; . '` between digits). Latin text
//! with real-world typography (accented letters, ’ ‘ “ ” – — … « », no-break spaces, currency
//! signs) takes a second fast path that classifies those characters the way UAX #29 does;
//! anything else (other scripts, combining marks, soft hyphens…) goes to
//! `unicode-segmentation`. Property tests check that both fast paths equal it.

use unicode_segmentation::UnicodeSegmentation;

/// Byte ranges of the words of `text`, like [`UnicodeSegmentation::unicode_word_indices`].
pub fn word_ranges(text: &str) -> Vec<(u32, u32)> {
    if !text.is_ascii() {
        if let Some(words) = latin_word_ranges(text) {
            return words;
        }
        return text
            .unicode_word_indices()
            .map(|(i, w)| (i as u32, (i + w.len()) as u32))
            .collect();
    }
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 5);
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
    out
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
fn wb(c: char) -> Option<Wb> {
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
        // Soft hyphen (Format) and the spacing cedilla (which unicode-segmentation joins to the
        // letter before it) change the rules: leave them to unicode-segmentation.
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

/// Word ranges of text whose every character has a [`wb`] class (Latin with typography), by
/// the UAX #29 rules those classes meet (WB5–WB13b); `None` for other text.
fn latin_word_ranges(text: &str) -> Option<Vec<(u32, u32)>> {
    let mut chars: Vec<(u32, Wb)> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        chars.push((i as u32, wb(c)?));
    }
    let class = |i: usize| chars.get(i).map(|&(_, c)| c);
    let letter_or_number =
        |c: Option<Wb>| matches!(c, Some(Wb::ALetter | Wb::Numeric | Wb::ExtendNumLet));
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while i < chars.len() {
        if class(i) == Some(Wb::OtherNumber) {
            let start = chars.get(i).map_or(0, |&(o, _)| o);
            let end = chars.get(i + 1).map_or(text.len() as u32, |&(o, _)| o);
            out.push((start, end));
            i += 1;
            continue;
        }
        if !letter_or_number(class(i)) {
            i += 1;
            continue;
        }
        let start = i;
        let mut alnum = false;
        loop {
            while letter_or_number(class(i)) {
                alnum |= class(i) != Some(Wb::ExtendNumLet);
                i += 1;
            }
            // WB6/WB7 (letter mid letter) and WB11/WB12 (digit mid digit).
            let (prev, mid, next) = (class(i.wrapping_sub(1)), class(i), class(i + 1));
            let letters = prev == Some(Wb::ALetter)
                && next == Some(Wb::ALetter)
                && matches!(mid, Some(Wb::MidLetter | Wb::MidNumLet));
            let digits = prev == Some(Wb::Numeric)
                && next == Some(Wb::Numeric)
                && matches!(mid, Some(Wb::MidNum | Wb::MidNumLet));
            if letters || digits {
                i += 1;
            } else {
                break;
            }
        }
        if alnum {
            let end = chars.get(i).map_or(text.len() as u32, |&(o, _)| o);
            out.push((chars.get(start).map_or(0, |&(o, _)| o), end));
        }
    }
    Some(out)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(s: &str) -> Vec<(u32, u32)> {
        s.unicode_word_indices()
            .map(|(i, w)| (i as u32, (i + w.len()) as u32))
            .collect()
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
            assert!(latin_word_ranges(s).is_some(), "{s:?}");
            assert_eq!(word_ranges(s), reference(s), "{s:?}");
        }
        assert!(latin_word_ranges("soft\u{ad}hyphen").is_none());
        assert!(latin_word_ranges("日本").is_none());
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
                if latin_word_ranges(&t) != Some(reference(&t)) {
                    differ.push(format!("U+{:04X} in {t:?}", c as u32));
                }
            }
        }
        assert!(differ.is_empty(), "{}", differ.join(", "));
    }

    proptest::proptest! {
        #[test]
        fn latin_fast_path_equals_unicode_segmentation(
            s in "[aZé9_ .:,;'’‘“”–—…«»\u{a0}·€½ªßŁ\r\n!?-]{0,40}"
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

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_equals_unicode_segmentation(s in "[aZ9_ .:,;'\"\\-\r\n\t!&]{0,40}") {
            proptest::prop_assert_eq!(word_ranges(&s), reference(&s));
        }
    }
}
