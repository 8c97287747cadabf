//! Which writing system a text is mostly in.
//!
//! Word-based checks (text length, keyphrase density, sentence length, Flesch…) only make
//! sense for scripts that separate words with spaces. Text mostly in Han, kana, Thai, Lao,
//! Khmer, Myanmar or Tibetan has no words to count: Chinese and Japanese are measured in
//! characters instead (when the locale says so), other such scripts are reported as
//! unsupported rather than scored with garbage counts. The script also tells whether a
//! language's word lists can apply to a text at all (Hebrew lists on Hebrew text).

use super::lanes::{word_at, HIGH, ONES};

/// The dominant script of a text, by letter count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextScript {
    /// No letters at all.
    None,
    /// Latin letters (ASCII and Latin-1/Extended).
    Latin,
    /// Cyrillic.
    Cyrillic,
    /// Arabic script (Arabic, Persian, Urdu…).
    Arabic,
    /// Hebrew.
    Hebrew,
    /// Hangul (Korean): words separated by spaces.
    Hangul,
    /// Other space-separated scripts (Greek, Devanagari, Armenian, …).
    OtherSpaced,
    /// Han and kana (Chinese, Japanese): no spaces between words.
    Cjk,
    /// Other scripts written without spaces between words (Thai, Lao, Khmer, Myanmar,
    /// Tibetan).
    Unsegmented,
}

impl TextScript {
    /// True for scripts written without spaces between words.
    pub fn is_unsegmented(self) -> bool {
        matches!(self, TextScript::Cjk | TextScript::Unsegmented)
    }
}

/// Order of [`TextScript`]s in the letter counts (ties favour the earlier one).
const ORDER: [TextScript; 8] = [
    TextScript::Latin,
    TextScript::Cyrillic,
    TextScript::Arabic,
    TextScript::Hebrew,
    TextScript::Hangul,
    TextScript::OtherSpaced,
    TextScript::Cjk,
    TextScript::Unsegmented,
];

/// The script of one character (its index in [`ORDER`]), `None` for non-letters.
fn classify(c: char) -> Option<usize> {
    let u = c as u32;
    if c.is_ascii_alphabetic() {
        return Some(0);
    }
    // ASCII punctuation, Latin-1 symbols and typographic punctuation: no letters.
    if u < 0xC0 || (0x2000..0x2070).contains(&u) || u == 0xD7 || u == 0xF7 {
        return None;
    }
    if (0xC0..=0x24F).contains(&u) {
        return Some(0);
    }
    if !c.is_alphabetic() {
        return None;
    }
    Some(match u {
        0x1E00..=0x1EFF => 0,
        0x0400..=0x052F => 1,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            2
        }
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => 3,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF => 4,
        0x3040..=0x30FF // kana
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F // halfwidth katakana
        | 0x20000..=0x3134F => 6,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x0F00..=0x0FFF // Tibetan
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF => 7, // Khmer
        _ => 5,
    })
}

/// The script with the most letters in `text` (ties favour Latin).
pub fn dominant_script<'a, T>(texts: T) -> TextScript
where
    T: IntoIterator<Item = &'a str>,
    T::IntoIter: Clone,
{
    let texts = texts.into_iter();
    // All ASCII, the common case: Latin if there is a letter, and nothing else to count.
    if texts.clone().all(str::is_ascii) {
        let letter = texts.flat_map(str::bytes).any(|b| b.is_ascii_alphabetic());
        return if letter {
            TextScript::Latin
        } else {
            TextScript::None
        };
    }
    let mut counts = [0usize; ORDER.len()];
    // Latin is settled once it leads by more than the rest could still add to another script:
    // a letter of any other script takes two bytes or more. Checked every few hundred bytes,
    // so that mostly Latin text with typographic punctuation is not counted to its end.
    let mut left: usize = texts.clone().map(str::len).sum();
    let latin_settled = |counts: &[usize; ORDER.len()], left: usize| {
        let other = counts.iter().skip(1).max().copied().unwrap_or(0);
        counts[0] > other + left / 2
    };
    for text in texts {
        let b = text.as_bytes();
        let mut i = 0;
        let mut check_at = CHECK_EVERY;
        while let Some(rest) = b.get(i..).filter(|r| !r.is_empty()) {
            if i >= check_at {
                if latin_settled(&counts, left - i) {
                    return TextScript::Latin;
                }
                check_at = i + CHECK_EVERY;
            }
            // Eight ASCII bytes at a time; a character is decoded only where one is not.
            if let Some(word) = word_at(rest, 0).filter(|w| w & HIGH == 0) {
                counts[0] += ascii_letters(word);
                i += 8;
                continue;
            }
            match rest.first() {
                Some(&x) if x.is_ascii() => {
                    counts[0] += usize::from(x.is_ascii_alphabetic());
                    i += 1;
                }
                _ => {
                    let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
                        break;
                    };
                    i += c.len_utf8();
                    if let Some(n) = classify(c).and_then(|k| counts.get_mut(k)) {
                        *n += 1;
                    }
                }
            }
        }
        left -= b.len();
        if latin_settled(&counts, left) {
            return TextScript::Latin;
        }
    }
    most_letters(&counts)
}

/// Bytes between [`dominant_script`]'s checks of whether Latin is settled.
const CHECK_EVERY: usize = 256;

/// The script with the most letters by these counts (ties favour the earlier in [`ORDER`]).
fn most_letters(counts: &[usize; ORDER.len()]) -> TextScript {
    let (best, n) = counts
        .iter()
        .enumerate()
        .fold((0, 0), |acc, (i, &n)| if n > acc.1 { (i, n) } else { acc });
    if n == 0 {
        TextScript::None
    } else {
        ORDER.get(best).copied().unwrap_or(TextScript::None)
    }
}

/// ASCII letters among the eight ASCII bytes of `word` (no byte has its top bit set): each
/// byte, folded to lowercase, is compared with `a` and `z` in its own lane, without carries
/// between lanes (the text's bytes are counted eight at a time, not one by one).
fn ascii_letters(word: u64) -> usize {
    let lower = word | (0x20 * ONES);
    // Top bit of a lane: set when the byte is >= b'a' (resp. > b'z').
    let from_a = lower + (0x80 - u64::from(b'a')) * ONES;
    let past_z = lower + (0x80 - u64::from(b'z') - 1) * ONES;
    // Each lane's mark moved to its low bit, and the eight lanes added up by a multiply (at
    // most 8: no carry leaves the top lane); `count_ones` is a dozen instructions without the
    // x86 `popcnt` of newer targets.
    let marks = ((from_a & !past_z) & HIGH) >> 7;
    (marks.wrapping_mul(ONES) >> 56) as usize
}

/// True when `c` is kana (hiragana, katakana): what tells Japanese from Chinese text.
pub fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Letter counts per script, one character at a time (what `dominant_script` computes).
    fn reference(texts: &[&str]) -> TextScript {
        let mut counts = [0usize; ORDER.len()];
        for c in texts.iter().flat_map(|t| t.chars()) {
            if let Some(i) = classify(c) {
                counts[i] += 1;
            }
        }
        most_letters(&counts)
    }

    #[test]
    fn ascii_letters_counts_every_byte_in_every_lane() {
        for b in 0u8..0x80 {
            for lane in 0..8 {
                let mut bytes = [b' '; 8];
                bytes[lane] = b;
                let want = usize::from(b.is_ascii_alphabetic());
                assert_eq!(
                    ascii_letters(u64::from_le_bytes(bytes)),
                    want,
                    "{b:#x} in {lane}"
                );
            }
        }
        assert_eq!(ascii_letters(u64::from_le_bytes(*b"aZ@[`{zA")), 4);
    }

    #[test]
    fn latin_is_settled_only_when_the_rest_cannot_overtake_it() {
        // 100 Latin letters, then 101 Cyrillic ones (two bytes each): Cyrillic has most.
        let (latin, cyrillic) = ("a".repeat(100), "д".repeat(101));
        let one = format!("{latin}{cyrillic}");
        assert_eq!(dominant_script([one.as_str()]), TextScript::Cyrillic);
        assert_eq!(
            dominant_script([latin.as_str(), cyrillic.as_str()]),
            TextScript::Cyrillic
        );
        let fewer = "д".repeat(99);
        assert_eq!(
            dominant_script([latin.as_str(), fewer.as_str()]),
            TextScript::Latin
        );
    }

    proptest::proptest! {
        #[test]
        fn same_as_one_character_at_a_time(
            a in "[a-zA-Z0-9 .,’“”–\u{a0}éßдж日本語한ש]{0,40}",
            b in "[ -~\u{80}-\u{7ff}\u{3040}-\u{30ff}]{0,40}",
        ) {
            proptest::prop_assert_eq!(dominant_script([a.as_str(), b.as_str()]), reference(&[&a, &b]));
            proptest::prop_assert_eq!(dominant_script([b.as_str()]), reference(&[&b]));
            // Long texts, where the count may stop inside a text once Latin is settled.
            let long = [a.repeat(30), b.clone(), b.repeat(30), a.clone()];
            let long: Vec<&str> = long.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(dominant_script(long.iter().copied()), reference(&long));
        }

        /// All-ASCII texts, which take the shortcut.
        #[test]
        fn same_as_one_character_at_a_time_in_ascii(a in "[ -~]{0,20}", b in "[ -@\\[-`{-~]{0,20}") {
            proptest::prop_assert_eq!(dominant_script([a.as_str(), b.as_str()]), reference(&[&a, &b]));
            proptest::prop_assert_eq!(dominant_script([b.as_str()]), reference(&[&b]));
        }
    }
}
