//! Highlight ranges in both UTF-8 byte offsets (Rust, PHP `substr`) and UTF-16 code-unit
//! offsets (JavaScript strings, DOM ranges).
//!
//! Ranges always lie on UTF-8 char boundaries, and so never split a surrogate pair in UTF-16.

use serde::{Deserialize, Serialize};

/// Which input field a highlight points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The description HTML (`content`).
    Content,
    /// The SEO title (`title`).
    Title,
    /// The meta description (`meta_description`).
    MetaDescription,
    /// The slug (`slug`).
    Slug,
    /// The focus keyphrase (`keyphrase`).
    Keyphrase,
    /// The short description (`short_description`).
    ShortDescription,
}

impl Field {
    /// Every variant, in declaration order: `x as usize` is `x`'s index (the npm module's
    /// compact result refers to them by index, crates/wasm/src/tape.rs).
    pub const ALL: [Field; 6] = [
        Field::Content,
        Field::Title,
        Field::MetaDescription,
        Field::Slug,
        Field::Keyphrase,
        Field::ShortDescription,
    ];
}

/// A range of an input field to highlight, end-exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Highlight {
    /// The field the offsets index into.
    pub field: Field,
    /// Start, UTF-8 bytes.
    pub start: u32,
    /// End (exclusive), UTF-8 bytes.
    pub end: u32,
    /// Start, UTF-16 code units.
    pub start_utf16: u32,
    /// End (exclusive), UTF-16 code units.
    pub end_utf16: u32,
}

impl Highlight {
    /// Builds a highlight over `source[start..end]`, clamping to the source and snapping to char
    /// boundaries (start moves left, end moves right) so the range is always valid.
    pub fn new(field: Field, source: &str, start: usize, end: usize) -> Self {
        let (start, end) = snap(source, start, end);
        let start_utf16 = utf16_len(&source[..start]);
        let end_utf16 = start_utf16 + utf16_len(&source[start..end]);
        Self {
            field,
            start: to_u32(start),
            end: to_u32(end),
            start_utf16: to_u32(start_utf16),
            end_utf16: to_u32(end_utf16),
        }
    }

    /// [`Highlight::new`] with UTF-16 offsets from `index` (built once per source), so that
    /// many highlights into one long text cost no more than their own lengths.
    pub fn indexed(
        field: Field,
        source: &str,
        index: &Utf16Index,
        start: usize,
        end: usize,
    ) -> Self {
        let (start, end) = snap(source, start, end);
        let start_utf16 = index.utf16_offset(source, start);
        // In ASCII text both offsets are the byte offsets: no need to count the span. A short
        // span is counted; a longer one's end is found from the index's nearest checkpoint.
        let end_utf16 = if index.ascii {
            end
        } else if end - start <= Utf16Index::STEP {
            start_utf16 + utf16_len(source.get(start..end).unwrap_or(""))
        } else {
            index.utf16_offset(source, end)
        };
        Self {
            field,
            start: to_u32(start),
            end: to_u32(end),
            start_utf16: to_u32(start_utf16),
            end_utf16: to_u32(end_utf16),
        }
    }

    /// The highlighted text.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

/// Clamps `start..end` into `source` and onto char boundaries.
pub fn snap(source: &str, start: usize, end: usize) -> (usize, usize) {
    let mut start = start.min(source.len());
    let mut end = end.clamp(start, source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    while !source.is_char_boundary(end) {
        end += 1;
    }
    (start, end)
}

/// UTF-16 offsets of a text's UTF-8 offsets without counting from the start each time: the
/// UTF-16 offset at every [`Utf16Index::STEP`]-th byte, or nothing for ASCII text (where the
/// two offsets are equal).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Utf16Index {
    /// The text is ASCII: UTF-16 offsets equal UTF-8 offsets.
    ascii: bool,
    /// `checkpoints[i]` = UTF-16 length of the text before the first char boundary at or after
    /// byte `i · STEP`, with that boundary; empty for ASCII text.
    checkpoints: Vec<(u32, u32)>,
}

impl Utf16Index {
    /// Bytes between checkpoints.
    pub const STEP: usize = 128;

    /// Indexes `source`.
    pub fn new(source: &str) -> Self {
        if source.is_ascii() {
            return Self {
                ascii: true,
                checkpoints: Vec::new(),
            };
        }
        let mut checkpoints = Vec::with_capacity(source.len() / Self::STEP + 1);
        let (mut at, mut units) = (0usize, 0usize);
        while at < source.len() {
            checkpoints.push((to_u32(at), to_u32(units)));
            // The next checkpoint: the first char boundary at or after the next step.
            let mut next = ((at / Self::STEP + 1) * Self::STEP).min(source.len());
            while !source.is_char_boundary(next) {
                next += 1;
            }
            units += utf16_len(source.get(at..next).unwrap_or(""));
            at = next;
        }
        Self {
            ascii: false,
            checkpoints,
        }
    }

    /// The UTF-16 offset of byte offset `at` (a char boundary of the indexed `source`).
    pub fn utf16_offset(&self, source: &str, at: usize) -> usize {
        if self.ascii {
            return at.min(source.len());
        }
        let i = self
            .checkpoints
            .partition_point(|&(byte, _)| byte as usize <= at);
        match i.checked_sub(1).and_then(|i| self.checkpoints.get(i)) {
            Some(&(byte, units)) => {
                units as usize + utf16_len(source.get(byte as usize..at).unwrap_or(""))
            }
            None => utf16_len(source.get(..at).unwrap_or("")),
        }
    }
}

/// Length of `s` in UTF-16 code units.
pub fn utf16_len(s: &str) -> usize {
    // Every char is one unit but those of four UTF-8 bytes (two): the bytes, less the
    // continuation bytes (`10xxxxxx`), plus the four-byte lead bytes (`11110xxx`), counted
    // eight bytes at a time in one pass (decoding char by char made UTF-16 offsets a fifth of
    // the extra cost of typographic text; two passes, `chars().count()` and a byte filter,
    // still a tenth).
    use crate::text::lanes::HIGH;
    // The marks are summed lane by lane (each lane's mark moved to its low bit), and the lanes
    // added up every 255 words, before a lane can overflow: two additions a word where a
    // `count_ones` each (a dozen instructions without the x86 `popcnt` of newer targets) made
    // this a third of the highlights' cost in typographic text.
    fn lanes_sum(v: u64) -> usize {
        let pairs = (v & 0x00FF_00FF_00FF_00FF) + ((v >> 8) & 0x00FF_00FF_00FF_00FF);
        (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
    }
    let b = s.as_bytes();
    let (mut continuation, mut four) = (0usize, 0usize);
    for block in b.chunks(8 * 255) {
        let mut chunks = block.chunks_exact(8);
        let (mut c_lanes, mut f_lanes) = (0u64, 0u64);
        for c in &mut chunks {
            let x = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            // Bit 7 of each lane: its byte's bit 7, and (shifted in from below) bits 6, 5, 4.
            c_lanes += (x & !(x << 1) & HIGH) >> 7;
            f_lanes += (x & (x << 1) & (x << 2) & (x << 3) & HIGH) >> 7;
        }
        continuation += lanes_sum(c_lanes);
        four += lanes_sum(f_lanes);
        for &c in chunks.remainder() {
            continuation += usize::from(c & 0xC0 == 0x80);
            four += usize::from(c >= 0xF0);
        }
    }
    b.len() - continuation + four
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn utf16_len_is_the_utf16_length(s in "[a-z ’é€\u{10000}-\u{10010}\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}]{0,40}") {
            proptest::prop_assert_eq!(utf16_len(&s), s.encode_utf16().count());
        }
    }

    /// Texts long enough for the lane sums to be added up several times: every lane of every
    /// word a continuation byte or a four-byte lead, for thousands of words.
    #[test]
    fn utf16_len_of_long_texts() {
        for unit in ["a", "é", "’", "😀", "a😀é’", "😀😀😀😀😀😀😀😀"] {
            for n in [0, 1, 255, 256, 2039, 2040, 2041, 5000] {
                let s = unit.repeat(n);
                assert_eq!(utf16_len(&s), s.encode_utf16().count(), "{unit:?} × {n}");
                let shifted = format!("x{s}");
                assert_eq!(utf16_len(&shifted), shifted.encode_utf16().count());
            }
        }
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let s = "a😀b";
        let h = Highlight::new(Field::Content, s, 5, 6);
        assert_eq!((h.start, h.end), (5, 6));
        assert_eq!((h.start_utf16, h.end_utf16), (3, 4));
        assert_eq!(h.text(s), "b");
    }

    #[test]
    fn the_index_gives_the_counted_offsets() {
        let s = "é😀 abc ".repeat(300) + "日本";
        let index = Utf16Index::new(&s);
        for at in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
            assert_eq!(index.utf16_offset(&s, at), utf16_len(&s[..at]), "{at}");
        }
        let ascii = "plain text";
        assert_eq!(Utf16Index::new(ascii).utf16_offset(ascii, 5), 5);
        // Spans shorter and longer than a step between checkpoints, from inside characters.
        for (start, end) in [(1, 9), (0, 130), (7, 700), (3, s.len()), (500, 501)] {
            let h = Highlight::indexed(Field::Content, &s, &index, start, end);
            assert_eq!(
                h,
                Highlight::new(Field::Content, &s, start, end),
                "{start}..{end}"
            );
        }
    }

    #[test]
    fn utf16_length_counts_code_units() {
        for s in [
            "",
            "abc",
            "café",
            "“quoted” – ok…",
            "😀a😀",
            "日本語",
            "é😀 ".repeat(50).as_str(),
        ] {
            assert_eq!(utf16_len(s), s.encode_utf16().count(), "{s}");
        }
    }

    #[test]
    fn ranges_snap_to_char_boundaries() {
        let s = "é😀";
        let h = Highlight::new(Field::Title, s, 1, 3);
        assert_eq!((h.start, h.end), (0, 6));
        assert_eq!((h.start_utf16, h.end_utf16), (0, 3));
        let h = Highlight::new(Field::Title, s, 99, 120);
        assert_eq!((h.start, h.end), (6, 6));
    }
}
