//! A language's word index: [`WordFacts`] by lowercase word, built once per language.
//!
//! Written by hand rather than kept in a `HashMap<&str, WordFacts>`: an analysis looks up each
//! distinct ASCII word of its text (≈ 170 for 300 words of product copy), and a `HashMap`
//! lookup hashed the word byte by byte, then compared it with the key through a pointer into
//! the word lists and a call to `memcmp`. Here a word of up to 16 bytes (nearly every word
//! of an index) is its key as it stands: two 8-byte words read from its two ends
//! (overlapping when it is shorter, the length telling such keys apart), hashed from those two
//! words and compared by them, in the slot itself. Longer words sit in a `HashMap` beside the
//! table. A control byte per slot (a piece of the hash, or 0 for an empty slot) lets a probe
//! pass over other words without reading their slots.

use super::{TransitionStart, WordFacts};
use crate::text::WordMap;

/// Words up to this many bytes are kept in the table's slots.
const MAX_INLINE: usize = 16;

/// A word as its key: its bytes read from both ends (`None` for the empty word and for words
/// longer than [`MAX_INLINE`]); the slot keeps the length beside it. Injective for a given
/// length: 8 to 16 bytes are
/// the first and the last eight (together every byte), 4 to 7 the first and the last four,
/// 1 to 3 the first, the middle and the last byte.
#[inline]
fn key(word: &[u8]) -> Option<(u64, u64)> {
    fn first<const K: usize>(b: &[u8]) -> [u8; K] {
        b.first_chunk().copied().unwrap_or([0; K])
    }
    fn last<const K: usize>(b: &[u8]) -> [u8; K] {
        b.last_chunk().copied().unwrap_or([0; K])
    }
    let n = word.len();
    let byte = |i: usize| u64::from(word.get(i).copied().unwrap_or(0));
    Some(match n {
        1..=3 => (byte(0) | (byte(n / 2) << 8) | (byte(n - 1) << 16), 0),
        4..=7 => (
            u64::from(u32::from_le_bytes(first(word)))
                | (u64::from(u32::from_le_bytes(last(word))) << 32),
            0,
        ),
        8..=MAX_INLINE => (
            u64::from_le_bytes(first(word)),
            u64::from_le_bytes(last(word)),
        ),
        _ => return None,
    })
}

/// The hash of a key of a word of `n` bytes: a multiply (Fibonacci hashing), whose top bits
/// pick the slot and the control byte.
#[inline]
fn hash((a, b): (u64, u64), n: usize) -> u64 {
    (a ^ b.rotate_left(29) ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// One word's slot: its key and its facts, packed (24 bytes).
#[derive(Clone, Copy, Default)]
struct Slot {
    key: (u64, u64),
    len: u8,
    syllables: u8,
    passive_class: u8,
    first_word_exception: bool,
    /// 1 + the index of its transition start in [`WordIndex::transitions`]; 0 for none.
    transition: u32,
}

/// [`WordFacts`] by word (see the module's documentation).
#[derive(Default)]
pub(crate) struct WordIndex {
    /// One per slot: 0 when empty, else 0x80 | 7 bits of the word's hash.
    control: Vec<u8>,
    slots: Vec<Slot>,
    /// `64 - log2(slots)`: the hash's top bits give the first slot to probe.
    shift: u32,
    /// The transition starts the slots point to.
    transitions: Vec<&'static TransitionStart>,
    /// Words longer than [`MAX_INLINE`] bytes.
    long: WordMap<&'static str, WordFacts>,
    /// Every word of the index (tests walk them).
    #[cfg(test)]
    pub(crate) words: Vec<&'static str>,
}

impl WordIndex {
    /// The index of `facts`, each word's facts merged already.
    pub(crate) fn new(facts: WordMap<&'static str, WordFacts>) -> Self {
        // At most five in eight slots used: a word that is not there (most of a text's words)
        // stops at an empty slot after a short run.
        let slots = (facts.len() * 8 / 5 + 1).next_power_of_two().max(16);
        let mut index = Self {
            control: vec![0; slots],
            slots: vec![Slot::default(); slots],
            shift: 64 - slots.trailing_zeros(),
            ..Self::default()
        };
        // By reference, and `entry` for the long words: the map's own methods, already in the
        // npm module, where `into_iter` and `insert` would add their code (≈ 1 KB gzipped).
        for (&word, &f) in &facts {
            #[cfg(test)]
            index.words.push(word);
            let Some(k) = key(word.as_bytes()) else {
                *index.long.entry(word).or_default() = f;
                continue;
            };
            let transition = f.transition.map_or(0, |t| {
                index.transitions.push(t);
                index.transitions.len() as u32
            });
            let h = hash(k, word.len());
            let mut i = (h >> index.shift) as usize;
            let mask = slots - 1;
            while index.control.get(i).is_some_and(|&c| c != 0) {
                i = (i + 1) & mask;
            }
            if let (Some(c), Some(s)) = (index.control.get_mut(i), index.slots.get_mut(i)) {
                *c = control_byte(h);
                *s = Slot {
                    key: k,
                    len: word.len() as u8,
                    syllables: f.syllables,
                    passive_class: f.passive_class,
                    first_word_exception: f.first_word_exception,
                    transition,
                };
            }
        }
        index
    }

    /// The facts of `word` (lowercase), if the index has it.
    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<WordFacts> {
        let b = word.as_bytes();
        let Some(k) = key(b) else {
            return self.long.get(word).copied();
        };
        let h = hash(k, b.len());
        let tag = control_byte(h);
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = (h >> self.shift) as usize;
        loop {
            let c = *self.control.get(i)?;
            if c == 0 {
                return None;
            }
            if c == tag {
                let s = self.slots.get(i)?;
                if s.key == k && usize::from(s.len) == b.len() {
                    return Some(WordFacts {
                        syllables: s.syllables,
                        passive_class: s.passive_class,
                        first_word_exception: s.first_word_exception,
                        transition: (s.transition as usize)
                            .checked_sub(1)
                            .and_then(|t| self.transitions.get(t).copied()),
                    });
                }
            }
            i = (i + 1) & mask;
        }
    }
}

/// A slot's control byte for hash `h`: the top bit set (an empty slot is 0), seven bits of the
/// hash below the ones that choose the slot.
fn control_byte(h: u64) -> u8 {
    0x80 | ((h >> 8) as u8 & 0x7F)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Keys tell every two words of up to 16 bytes apart (within a length by the bytes,
        /// across lengths by the length the table keeps beside them), and the index finds
        /// exactly the words it was given.
        #[test]
        fn keys_are_injective_and_the_index_finds_its_words(
            words in proptest::collection::vec("[ab'é]{0,20}", 1..40),
            others in proptest::collection::vec("[ab'é]{0,20}", 0..20),
        ) {
            for x in &words {
                for y in &words {
                    if x.len() == y.len() && x.len() <= MAX_INLINE && x != y {
                        proptest::prop_assert_ne!(key(x.as_bytes()), key(y.as_bytes()));
                    }
                }
            }
            let leaked: Vec<&'static str> =
                words.iter().map(|w| &*Box::leak(w.clone().into_boxed_str())).collect();
            let mut facts: WordMap<&'static str, WordFacts> = WordMap::default();
            for (i, &w) in leaked.iter().enumerate() {
                facts.entry(w).or_default().syllables = i as u8 + 1;
            }
            let index = WordIndex::new(facts.clone());
            for w in words.iter().chain(&others) {
                let want = facts.get(w.as_str()).map(|f| f.syllables);
                proptest::prop_assert_eq!(index.get(w).map(|f| f.syllables), want, "{}", w);
            }
        }
    }

    #[test]
    fn a_full_run_of_slots_wraps_around() {
        let words: Vec<String> = (0..200).map(|i| format!("w{i}")).collect();
        let mut facts: WordMap<&'static str, WordFacts> = WordMap::default();
        for w in &words {
            facts
                .entry(Box::leak(w.clone().into_boxed_str()))
                .or_default()
                .passive_class = 1;
        }
        let index = WordIndex::new(facts);
        assert!(words
            .iter()
            .all(|w| index.get(w).is_some_and(|f| f.passive_class == 1)));
        assert!(index.get("w200").is_none());
        assert!(index.get("").is_none());
        assert!(index.get("a-word-longer-than-sixteen").is_none());
    }
}
