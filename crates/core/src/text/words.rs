//! Word boundaries (Unicode Standard Annex #29), keeping only words with a letter or digit.
//!
//! Non-ASCII text goes to `unicode-segmentation`. ASCII text takes a fast path applying the
//! same rules to the ASCII classes (letters, digits, `_`, and the "mid" characters `: . '`
//! between letters and `, ; . '` between digits); a property test checks both agree.

use unicode_segmentation::UnicodeSegmentation;

/// Byte ranges of the words of `text`, like [`UnicodeSegmentation::unicode_word_indices`].
pub fn word_ranges(text: &str) -> Vec<(u32, u32)> {
    if !text.is_ascii() {
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
        let mut alnum = false;
        loop {
            while i < b.len() && is_word(b[i]) {
                alnum |= b[i] != b'_';
                i += 1;
            }
            // WB6/WB7 (letter mid letter) and WB11/WB12 (digit mid digit).
            let (Some(&prev), Some(&mid), Some(&next)) = (b.get(i - 1), b.get(i), b.get(i + 1))
            else {
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
        if alnum {
            out.push((start as u32, i as u32));
        }
    }
    out
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

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_equals_unicode_segmentation(s in "[aZ9_ .:,;'\"\\-\r\n\t!&]{0,40}") {
            proptest::prop_assert_eq!(word_ranges(&s), reference(&s));
        }
    }
}
