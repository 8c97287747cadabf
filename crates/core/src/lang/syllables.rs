//! Syllable counting for languages other than English, from the data file's rules.
//!
//! A syllable has one vowel nucleus: a vowel, or a diphthong or triphthong written with
//! several letters. The data file lists the language's vowels (`syllable_vowels`, one line),
//! the letter sequences that make one nucleus (`syllable_units`: Spanish `ue`, German `ei`,
//! Dutch `ij`, French `eau`), endings whose vowel is mute after another nucleus
//! (`syllable_silent_endings`: French `e`, `es`), and words the rules miscount
//! (`syllable_exceptions`: `word count`). A word is scanned once: at each position the
//! longest unit counts one, else a vowel counts one. Adjacent vowels that form no unit are
//! separate syllables (hiatus: Spanish `le-ón`, Italian `pa-e-se`). A word with letters but no
//! vowel (an abbreviation) counts one, as does a number.

use super::WordLists;
use crate::text::WordMap;

/// One language's syllable rules, built once from its data file.
#[derive(Debug, Default)]
pub(crate) struct Rules {
    /// The ASCII vowels, as bits ([`ascii_bit`]).
    ascii_vowels: u64,
    /// The other vowels.
    vowels: Vec<char>,
    /// Nucleus units grouped by their first letter, each group longest first: at every
    /// letter of every word the counter looks only at the units that can start there
    /// (comparing against every unit made syllable counting half of a Spanish analysis).
    units: Vec<(char, Vec<Vec<char>>)>,
    /// The ASCII letters some unit starts with, as bits ([`ascii_bit`]): most letters start
    /// none, and need not look for their group.
    ascii_unit_starts: u64,
    silent_endings: Vec<Vec<char>>,
    /// The `word count` lines.
    exceptions: WordMap<&'static str, u32>,
    /// The UTF-8 lengths of the exceptions (bit `n` for `n` bytes, bit 63 for 63 and more):
    /// a language lists a handful, so most words need not be hashed to learn they are not one.
    exception_lengths: u64,
}

/// The bit of an ASCII letter in a 64-bit set: letters are U+0041–U+007A, so the set covers
/// U+0040–U+007F (a 128-bit set shifts through a library call in WebAssembly). Other ASCII
/// characters get no bit: they are never vowels nor start units.
#[inline]
fn ascii_bit(c: char) -> u64 {
    match (c as u32).checked_sub(0x40) {
        Some(k) if k < 64 => 1 << k,
        _ => 0,
    }
}

/// [`Rules::exception_lengths`]' bit for a word of `len` bytes.
#[inline]
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// Longest word counted (in characters); the rest of a longer one is ignored.
const MAX_CHARS: usize = 64;

impl Rules {
    pub(super) fn new(lists: &'static WordLists) -> Self {
        let all: Vec<char> = lists
            .section("syllable_vowels")
            .iter()
            .flat_map(|l| l.chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        let ascii_vowels = all
            .iter()
            .filter(|c| c.is_ascii())
            .fold(0, |bits, &c| bits | ascii_bit(c));
        let vowels = all.into_iter().filter(|c| !c.is_ascii()).collect();
        let mut units: Vec<(char, Vec<Vec<char>>)> = Vec::new();
        for unit in lists.section("syllable_units") {
            let chars: Vec<char> = unit.chars().collect();
            let Some(&first) = chars.first() else {
                continue;
            };
            match units.iter_mut().find(|(c, _)| *c == first) {
                Some((_, group)) => group.push(chars),
                None => units.push((first, vec![chars])),
            }
        }
        for (_, group) in &mut units {
            group.sort_by_key(|u| std::cmp::Reverse(u.len()));
        }
        let ascii_unit_starts = units
            .iter()
            .filter(|(c, _)| c.is_ascii())
            .fold(0, |bits, (c, _)| bits | ascii_bit(*c));
        let silent_endings = lists
            .section("syllable_silent_endings")
            .iter()
            .map(|u| u.chars().collect())
            .collect();
        let exceptions: WordMap<&'static str, u32> = lists
            .section("syllable_exceptions")
            .iter()
            .filter_map(|l| {
                let (word, count) = l.split_once(' ')?;
                Some((word, count.trim().parse().ok()?))
            })
            .collect();
        let exception_lengths = exceptions
            .keys()
            .fold(0, |bits, w| bits | length_bit(w.len()));
        Self {
            ascii_vowels,
            vowels,
            units,
            ascii_unit_starts,
            silent_endings,
            exceptions,
            exception_lengths,
        }
    }

    #[inline]
    fn is_vowel(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii_vowels & ascii_bit(c) != 0
        } else {
            self.vowels.contains(&c)
        }
    }

    /// The listed count of a word.
    fn exception(&self, word: &str) -> Option<u32> {
        if self.exception_lengths & length_bit(word.len()) == 0 {
            return None;
        }
        self.exceptions.get(word).copied()
    }

    /// The longest unit at the start of `rest`.
    #[inline]
    fn unit_at(&self, rest: &[char]) -> Option<usize> {
        let first = *rest.first()?;
        if first.is_ascii() && self.ascii_unit_starts & ascii_bit(first) == 0 {
            return None;
        }
        let (_, group) = self.units.iter().find(|(c, _)| *c == first)?;
        // Compared char by char: units are two or three letters, and the slice comparison
        // calls `memcmp` (a seventh of a German analysis).
        group
            .iter()
            .find(|u| u.len() <= rest.len() && u.iter().zip(rest).all(|(a, b)| a == b))
            .map(Vec::len)
    }
}

/// Syllables of `word` by `rules`.
pub(crate) fn count(word: &str, rules: &Rules) -> u32 {
    let mut buf = ['\0'; MAX_CHARS];
    let mut len = 0;
    // `same`: the word is its own lowercase letters (what the analysis passes), so it is the
    // key for the exceptions as it is.
    let (mut letter, mut digit, mut same) = (false, false, true);
    for c in word.chars() {
        if crate::text::is_alphabetic(c) {
            letter = true;
            let lower = if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                crate::text::lowercase::lower_char(c)
            };
            same &= lower == c;
            match buf.get_mut(len) {
                Some(slot) => {
                    *slot = lower;
                    len += 1;
                }
                None => same = false,
            }
        } else {
            same = false;
            digit |= c.is_ascii_digit();
        }
    }
    if !letter {
        return u32::from(digit);
    }
    let chars = buf.get(..len).unwrap_or(&[]);
    if same && !rules.exceptions.is_empty() {
        if let Some(n) = rules.exception(word) {
            return n;
        }
    } else if !rules.exceptions.is_empty() {
        // The lowercase word, UTF-8 on the stack (no allocation per word).
        let mut utf8 = [0u8; MAX_CHARS * 4];
        let mut at = 0;
        for c in chars {
            if let Some(slot) = utf8.get_mut(at..at + c.len_utf8()) {
                at += c.encode_utf8(slot).len();
            }
        }
        let lower = std::str::from_utf8(utf8.get(..at).unwrap_or(&[])).unwrap_or("");
        if let Some(n) = rules.exception(lower) {
            return n;
        }
    }
    let mut n = 0u32;
    let mut last_nucleus_end = 0;
    let mut i = 0;
    while i < chars.len() {
        let rest = chars.get(i..).unwrap_or(&[]);
        if let Some(len) = rules.unit_at(rest) {
            n += 1;
            i += len;
            last_nucleus_end = i;
        } else if rest.first().is_some_and(|&c| rules.is_vowel(c)) {
            n += 1;
            i += 1;
            last_nucleus_end = i;
        } else {
            i += 1;
        }
    }
    // A mute ending (French `-e`, `-es`) after a consonant, when another nucleus precedes it.
    if n > 1 {
        let silent = rules.silent_endings.iter().any(|e| {
            chars.ends_with(e)
                && chars
                    .len()
                    .checked_sub(e.len() + 1)
                    .and_then(|k| chars.get(k))
                    .is_some_and(|&c| !rules.is_vowel(c))
                && last_nucleus_end > chars.len() - e.len()
        });
        if silent {
            n -= 1;
        }
    }
    n.max(1)
}

#[cfg(test)]
mod tests {
    use crate::lang::Language;

    fn n(language: Language, word: &str) -> u32 {
        language.profile().count_syllables(word).unwrap_or(0)
    }

    #[test]
    fn vowel_nuclei_per_language() {
        use Language::*;
        for (l, word, want) in [
            (Es, "calcetines", 4),
            (Es, "acción", 2),
            (Es, "país", 2),
            (Es, "ciudad", 2),
            (Es, "guerra", 2),
            (Es, "muy", 1),
            (De, "Merinowolle", 5),
            (De, "Feuchtigkeit", 3),
            (De, "Familie", 4),
            (De, "Museum", 3),
            (Fr, "chaussettes", 2),
            (Fr, "laine", 1),
            (Fr, "mérinos", 3),
            (Fr, "année", 2),
            (Fr, "le", 1),
            (It, "lavatrice", 4),
            (It, "tuo", 1),
            (Pt, "meias", 2),
            (Pt, "coração", 3),
            (Nl, "merinowollen", 5),
            (Nl, "mooi", 1),
            (Nl, "nieuw", 1),
            (Nl, "tijd", 1),
            (Ru, "носки", 2),
            (Ru, "мериноса", 4),
            (Es, "350", 1),
            (Es, "kg", 1),
            (Es, "—", 0),
        ] {
            assert_eq!(n(l, word), want, "{l:?} {word}");
        }
    }
}
