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

/// Length of `s` in UTF-16 code units.
pub fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.chars().map(char::len_utf16).sum()
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let s = "a😀b";
        let h = Highlight::new(Field::Content, s, 5, 6);
        assert_eq!((h.start, h.end), (5, 6));
        assert_eq!((h.start_utf16, h.end_utf16), (3, 4));
        assert_eq!(h.text(s), "b");
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
