//! Eight bytes at a time: the word loads and lane tests the text scans share (an ASCII letter
//! count, "is this text node plain?", UTF-16 lengths, lowercasing, JSON escaping). Each lane is
//! one byte of a `u64`; a lane's verdict is its top bit.

/// 0x01 in every lane.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// 0x80 in every lane: each lane's top bit.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `b` from `i` on as one word (byte `i` in the low lane), if there are
/// eight.
pub(crate) fn word_at(b: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = b.get(i..i.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// True when some byte of `x` is below 0x20 (a control byte). Never misses one; may also be
/// true for none when a lane has its top bit set.
pub(crate) fn any_control(x: u64) -> bool {
    control_lanes(x) != 0
}

/// The lanes of `x` below 0x20 (control bytes), marked by their top bit; a lane above a true
/// mark may be marked wrongly (a borrow runs upward), never one below it.
#[inline]
fn control_lanes(x: u64) -> u64 {
    x.wrapping_sub(0x20 * ONES) & !x & HIGH
}

/// True when some byte of `x` is `byte`.
pub(crate) fn any_equal(x: u64, byte: u8) -> bool {
    equal_lanes(x, byte) != 0
}

/// The lanes of `x` equal to `byte`, marked by their top bit. A lane equal to `byte` is zero
/// after the XOR; the lowest lane marked is always a true one (a borrow can only mark lanes
/// above a true zero), so the lowest set bit finds the first equal byte.
#[inline]
fn equal_lanes(x: u64, byte: u8) -> u64 {
    let v = x ^ (u64::from(byte) * ONES);
    v.wrapping_sub(ONES) & !v & HIGH
}

/// Where the first byte of `stops` is in `b` from `from` on (`b.len()` if none is): eight
/// bytes at a time (this runs over every byte of text), each stop tested in all eight lanes at
/// once ([`equal_lanes`]). Generic over the number of stops so that each caller's loop over
/// them is unrolled.
#[inline]
pub(crate) fn find_stop<const N: usize>(b: &[u8], from: usize, stops: &[u8; N]) -> usize {
    find_stop_in::<N, false>(b, from, stops)
}

/// Where the first byte of `stops` or the first byte outside ASCII is in `b` from `from` on
/// (`b.len()` if there is none): [`find_stop`] for text that is mostly ASCII, where the
/// characters outside it are looked at one by one.
#[inline]
pub(crate) fn find_stop_or_wide<const N: usize>(b: &[u8], from: usize, stops: &[u8; N]) -> usize {
    find_stop_in::<N, true>(b, from, stops)
}

/// [`find_stop`], and with `WIDE` [`find_stop_or_wide`].
#[inline]
fn find_stop_in<const N: usize, const WIDE: bool>(b: &[u8], from: usize, stops: &[u8; N]) -> usize {
    let mut i = from;
    while let Some(x) = word_at(b, i) {
        let mut hit = if WIDE { x & HIGH } else { 0 };
        for &stop in stops {
            hit |= equal_lanes(x, stop);
        }
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    let rest = b.get(i..).unwrap_or(&[]);
    i + rest
        .iter()
        .position(|c| (WIDE && *c >= 0x80) || stops.contains(c))
        .unwrap_or(rest.len())
}

/// The lanes of `x` that hold a space, marked by their top bit (exact: no borrow crosses a
/// lane, as the lanes are compared on their low seven bits).
#[inline]
pub(crate) fn space_lanes(x: u64) -> u64 {
    let e = x ^ (0x20 * ONES);
    !(((e & !HIGH) + !HIGH) | e) & HIGH
}

/// True when the character whose UTF-8 starts at byte `i` of `b` is whitespace other than
/// ASCII (Unicode's White_Space property: U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
/// U+2029, U+202F, U+205F, U+3000; a test checks every character against
/// `char::is_whitespace`). False for a continuation byte and an ASCII byte.
#[inline]
pub(crate) fn wide_space_at(b: &[u8], i: usize) -> bool {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match at(0) {
        0xC2 => matches!(at(1), 0x85 | 0xA0),
        0xE1 => at(1) == 0x9A && at(2) == 0x80,
        0xE2 => match at(1) {
            0x80 => matches!(at(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
            0x81 => at(2) == 0x9F,
            _ => false,
        },
        0xE3 => at(1) == 0x80 && at(2) == 0x80,
        _ => false,
    }
}

/// True when one of the `wide` lanes (bytes outside ASCII, marked by their top bit) of the
/// eight bytes of `b` from `i` on starts a whitespace character ([`wide_space_at`]).
#[inline]
fn wide_space_in(b: &[u8], i: usize, mut wide: u64) -> bool {
    while wide != 0 {
        if wide_space_at(b, i + (wide.trailing_zeros() / 8) as usize) {
            return true;
        }
        wide &= wide - 1;
    }
    false
}

/// [`find_stop`] that also tells whether the text before the stop is *plain*: no control
/// character, no `[`, no whitespace but single ASCII spaces. The HTML tokenizer's text runs
/// pass here, and the HTML builder takes a plain run as it stands, without looking for
/// whitespace to collapse or shortcodes in it again (for the bulk of product text, one scan of
/// its bytes instead of three). `b` is UTF-8. Each eight-byte word adds the lanes that are not
/// plain to the stops' test, past the first stop nothing counts, and the first odd lane ends
/// the tracking. A lane's marks can be wrong only above a true mark (a borrow runs upward), and
/// the first stop's lane is a true one, so the lanes below it are exact. Lanes of characters
/// outside ASCII (a curly quote, an accented letter) are looked at one by one, for the few
/// whitespace characters among them.
#[inline]
pub(crate) fn find_stop_plain<const N: usize>(
    b: &[u8],
    from: usize,
    stops: &[u8; N],
) -> (usize, bool) {
    let mut i = from;
    // The previous lane was a space (its top bit, moved to the first lane's).
    let mut space_before = 0u64;
    while let Some(x) = word_at(b, i) {
        let mut hit = 0u64;
        for &stop in stops {
            hit |= equal_lanes(x, stop);
        }
        let spaces = space_lanes(x);
        let odd =
            control_lanes(x) | equal_lanes(x, b'[') | (spaces & ((spaces << 8) | space_before));
        let wide = x & HIGH;
        if hit != 0 {
            // Every bit below the first stop's mark: the lanes before it.
            let before = (hit & hit.wrapping_neg()) - 1;
            let plain = odd & before == 0 && !wide_space_in(b, i, wide & before);
            return (i + (hit.trailing_zeros() / 8) as usize, plain);
        }
        if (odd | wide) != 0 && (odd != 0 || wide_space_in(b, i, wide)) {
            // Not plain: only the stop is left to find.
            return (find_stop(b, i + 8, stops), false);
        }
        space_before = spaces >> 56;
        i += 8;
    }
    let mut space = space_before != 0;
    for (k, &c) in b.get(i..).unwrap_or(&[]).iter().enumerate() {
        if stops.contains(&c) {
            return (i + k, true);
        }
        if c < 0x20 || c == b'[' || (c == b' ' && space) || wide_space_at(b, i + k) {
            return (find_stop(b, i + k + 1, stops), false);
        }
        space = c == b' ';
    }
    (b.len(), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// `find_stop` finds what a byte-by-byte search finds, wherever the stop lies in or
        /// after the eight-byte words, with bytes just above and below the stops around it.
        #[test]
        fn find_stop_is_a_byte_search(
            b in proptest::collection::vec(proptest::sample::select(
                vec![b'a', b' ', b'.', b'!', b'/', b'-', b'\r', b'\n', 0x0b, 0x0c, 0x80, 0xff, 0xe2]
            ), 0..40),
            from in 0usize..40,
        ) {
            let from = from.min(b.len());
            let naive = |stops: &[u8]| {
                b.iter().skip(from).position(|c| stops.contains(c)).map_or(b.len(), |p| from + p)
            };
            proptest::prop_assert_eq!(find_stop(&b, from, b".!?\r\n"), naive(b".!?\r\n"));
            proptest::prop_assert_eq!(find_stop(&b, from, b"\x0c"), naive(b"\x0c"));
            proptest::prop_assert_eq!(find_stop(&b, from, &[0x80, b'\r']), naive(&[0x80, b'\r']));
            let wide = b.iter().skip(from).position(|&c| c >= 0x80 || b".!?\r\n".contains(&c));
            proptest::prop_assert_eq!(find_stop_or_wide(&b, from, b".!?\r\n"), wide.map_or(b.len(), |p| from + p));
        }

        /// `find_stop_plain` finds what `find_stop` finds, and calls the text before the stop
        /// plain exactly when it has no control character, no `[` and no whitespace but single
        /// ASCII spaces, with the stops, spaces and other characters at every lane and across
        /// the eight-byte words.
        #[test]
        fn find_stop_plain_is_find_stop_and_a_character_test(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "a", " ", " ", "<", "&", "[", "]", "\r", "\n", "\u{1f}", "\u{7f}", "é", "’",
                "—", "\u{a0}", "\u{85}", "\u{2009}", "\u{202f}", "\u{3000}", "\u{1680}", "€",
                "\u{2030}", "😀", "!",
            ]), 0..30),
            from in 0usize..60,
        ) {
            let text = parts.concat();
            let b = text.as_bytes();
            let from = (0..=from.min(b.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let (end, plain) = find_stop_plain(b, from, b"<&\r");
            proptest::prop_assert_eq!(end, find_stop(b, from, b"<&\r"));
            let run = &text[from..end];
            let naive = run
                .chars()
                .all(|c| c >= ' ' && c != '[' && (c == ' ' || !c.is_whitespace()))
                && !run.contains("  ");
            proptest::prop_assert_eq!(plain, naive, "{:?}", run);
        }
    }

    /// Every character but ASCII: [`wide_space_at`] is `char::is_whitespace`.
    #[test]
    fn wide_spaces_are_the_unicode_white_space_outside_ascii() {
        for c in ('\u{80}'..=char::MAX).filter(|c| c.len_utf8() > 1) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(wide_space_at(b, 0), c.is_whitespace(), "{c:?}");
            for k in 1..b.len() {
                assert!(!wide_space_at(b, k));
            }
        }
    }
}
