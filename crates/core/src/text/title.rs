//! SEO title width in pixels, as search engines render result titles (Arial, 20 px).

use super::glyph_widths::{UNITS_PER_EM, WIDTHS};

/// Font size of desktop result titles, in CSS pixels.
pub const TITLE_FONT_PX: f64 = 20.0;

/// Width of a char in font units: from the table, else a full em for wide (CJK, fullwidth,
/// emoji) characters, else the width of a lowercase `n`.
fn advance(c: char) -> u32 {
    let cp = c as u32;
    // Printable ASCII, most of a title: the table lists it first, from the space on, so the
    // entry is at `cp - 0x20` (checked) and needs no search.
    if let Some(&(k, w)) = cp.checked_sub(0x20).and_then(|i| WIDTHS.get(i as usize)) {
        if k == cp {
            return u32::from(w);
        }
    }
    if let Ok(i) = WIDTHS.binary_search_by_key(&cp, |&(k, _)| k) {
        if let Some(&(_, w)) = WIDTHS.get(i) {
            return u32::from(w);
        }
    }
    if is_wide(cp) {
        UNITS_PER_EM
    } else if (0x300..0x370).contains(&cp) || cp == 0x200D || (0xFE00..0xFE10).contains(&cp) {
        0 // combining marks, zero-width joiner, variation selectors
    } else {
        1139
    }
}

fn is_wide(cp: u32) -> bool {
    matches!(cp,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD)
}

/// Rendered width of `title` in pixels.
pub fn width_px(title: &str) -> f64 {
    let units: u64 = title.chars().map(|c| u64::from(advance(c))).sum();
    units as f64 * TITLE_FONT_PX / f64::from(UNITS_PER_EM)
}

/// Byte offset where the title exceeds `max_px` (for highlighting the part that is cut off).
pub fn overflow_at(title: &str, max_px: f64) -> Option<usize> {
    let max_units = max_px * f64::from(UNITS_PER_EM) / TITLE_FONT_PX;
    let mut units = 0f64;
    for (i, c) in title.char_indices() {
        units += f64::from(advance(c));
        if units > max_units {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_arial_metrics() {
        // Arial: 'a' = 1139/2048 em, 'W' = 1933, 'i' = 455, space = 569.
        assert!((width_px("a") - 1139.0 * 20.0 / 2048.0).abs() < 1e-9);
        assert!((width_px("Wi ") - (1933.0 + 455.0 + 569.0) * 20.0 / 2048.0).abs() < 1e-9);
        assert!(width_px("WWWWWWWWWW") > width_px("iiiiiiiiii") * 4.0);
        assert!((width_px("毛衣") - 40.0).abs() < 1e-9);
    }

    #[test]
    fn ascii_widths_are_the_table_entries() {
        for cp in 0u32..0x300 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let searched = WIDTHS
                .binary_search_by_key(&cp, |&(k, _)| k)
                .ok()
                .and_then(|i| WIDTHS.get(i))
                .map_or(
                    if (0x300..0x370).contains(&cp) {
                        0
                    } else {
                        1139
                    },
                    |&(_, w)| u32::from(w),
                );
            assert_eq!(advance(c), searched, "U+{cp:04X}");
        }
    }

    #[test]
    fn overflow_is_found_at_the_right_char() {
        let title = "W".repeat(40);
        let cut = overflow_at(&title, 600.0).unwrap();
        // 600 px / (1933/2048·20 px) = 31.78 → the 32nd W overflows.
        assert_eq!(cut, 31);
        assert_eq!(overflow_at("Short title", 600.0), None);
    }
}
