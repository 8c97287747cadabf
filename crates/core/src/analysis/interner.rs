//! Interning a text's words: each distinct word gets an id, in order of first occurrence.

use std::hash::Hasher;

use rustc_hash::FxHasher;

/// The distinct words of a text, each with its id (its index in [`Self::distinct`]).
///
/// Written by hand rather than kept in a `HashMap<&str, u32>`: interning runs once for every
/// word of every analysis, and std's `HashMap::entry` is a large generic that the optimizer
/// inlined into this loop in some builds and called out of line in others, after changes
/// elsewhere in the crate (3 % of a 300-word analysis either way, so measurements of
/// unrelated changes swung with it). This table holds only an id per slot (four bytes, where a
/// `(&str, u32)` entry takes 24), and its probe loop is small enough to stay inline. It never
/// removes a word, which is what keeps it this simple.
pub(crate) struct Interner<'a> {
    /// The distinct words, by id.
    pub distinct: Vec<&'a str>,
    /// Open addressing with linear probing over a power-of-two number of slots, at most three
    /// in four of them used: `id + 1` of a word, or 0 for an empty slot.
    slots: Vec<u32>,
}

fn hash(word: &str) -> u32 {
    let mut h = FxHasher::default();
    h.write(word.as_bytes());
    // FxHasher's finish() moves its best bits to the bottom, where the slot index is taken.
    h.finish() as u32
}

/// `n` zeros. Not `vec![0; n]`: that asks the allocator for zeroed memory, and glibc's
/// `calloc` clears a small block eight bytes at a time (≈ 2,400 instructions for the 2 KB
/// table of a 300-word text), where `malloc` and a `memset` take a tenth of that.
pub(crate) fn zeros<T: Copy + Default>(n: usize) -> Vec<T> {
    let mut v = Vec::with_capacity(n);
    v.resize(n, T::default());
    v
}

impl<'a> Interner<'a> {
    /// An interner with room for `words` distinct words before it grows.
    pub fn with_capacity(words: usize) -> Self {
        Self {
            distinct: Vec::with_capacity(words),
            slots: zeros(Self::slots_for(words)),
        }
    }

    /// Slots for `words` words: a power of two, with a quarter or more of them left empty.
    fn slots_for(words: usize) -> usize {
        (words + words / 3 + 1).next_power_of_two().max(16)
    }

    /// The slot of `word` (whose hash is `h`): where it is, or the empty slot where it goes.
    #[inline]
    fn find(&self, word: &str, h: u32) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            match self.slots.get(i) {
                Some(&id) if id != 0 => {
                    if self.distinct.get(id as usize - 1) == Some(&word) {
                        return i;
                    }
                }
                _ => return i,
            }
            i = (i + 1) & mask;
        }
    }

    /// The id of `word`, and whether it is new (then it is added).
    #[inline]
    pub fn intern(&mut self, word: &'a str) -> (u32, bool) {
        let h = hash(word);
        let i = self.find(word, h);
        if let Some(&id) = self.slots.get(i) {
            if id != 0 {
                return (id - 1, false);
            }
        }
        let id = self.distinct.len() as u32;
        self.distinct.push(word);
        if let Some(slot) = self.slots.get_mut(i) {
            *slot = id + 1;
        }
        if 4 * self.distinct.len() > 3 * self.slots.len() {
            self.grow();
        }
        (id, true)
    }

    /// The id of `word`, if the text has it.
    pub fn get(&self, word: &str) -> Option<u32> {
        self.slots.get(self.find(word, hash(word)))?.checked_sub(1)
    }

    /// Doubles the slots (out of line: rare), placing every word again.
    #[inline(never)]
    fn grow(&mut self) {
        self.slots = zeros(2 * self.slots.len());
        let mask = self.slots.len() - 1;
        for (id, word) in (1u32..).zip(&self.distinct) {
            let mut i = hash(word) as usize & mask;
            while self.slots.get(i).is_some_and(|&s| s != 0) {
                i = (i + 1) & mask;
            }
            if let Some(slot) = self.slots.get_mut(i) {
                *slot = id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Ids are given in order of first occurrence, the same word always gets its id, and
        /// `get` finds every interned word and no other, across the table's growth (words
        /// from a small alphabet repeat often; from 0 to 300 words the table grows 5 times).
        #[test]
        fn interning_agrees_with_a_map(words in proptest::collection::vec("[a-d]{0,4}", 0..300)) {
            let mut interner = Interner::with_capacity(4);
            let mut map = std::collections::HashMap::new();
            for w in &words {
                let next = map.len() as u32;
                let id = *map.entry(w.as_str()).or_insert(next);
                proptest::prop_assert_eq!(interner.intern(w), (id, id == next));
            }
            for (w, &id) in &map {
                proptest::prop_assert_eq!(interner.get(w), Some(id));
                proptest::prop_assert_eq!(interner.distinct[id as usize], *w);
            }
            proptest::prop_assert_eq!(interner.get("e"), None);
            proptest::prop_assert_eq!(interner.distinct.len(), map.len());
        }
    }
}
