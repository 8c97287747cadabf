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
    x.wrapping_sub(0x20 * ONES) & !x & HIGH != 0
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
    let mut i = from;
    while let Some(x) = word_at(b, i) {
        let mut hit = 0u64;
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
        .position(|c| stops.contains(c))
        .unwrap_or(rest.len())
}

/// The lanes of `x` that hold a space, marked by their top bit (exact: no borrow crosses a
/// lane, as the lanes are compared on their low seven bits).
#[inline]
pub(crate) fn space_lanes(x: u64) -> u64 {
    let e = x ^ (0x20 * ONES);
    !(((e & !HIGH) + !HIGH) | e) & HIGH
}

/// [`find_stop`] that also tells whether the bytes before the stop are *plain*: printable
/// ASCII with no `[` and no two spaces in a row. The HTML tokenizer's text runs pass here, and
/// the HTML builder takes a plain run as it stands, without looking for whitespace to collapse
/// or shortcodes in it again (for the bulk of product text, one scan of its bytes instead of
/// three). Each eight-byte word adds the lanes that are not plain to the stops' test; past the
/// first stop nothing counts. A lane's marks can be wrong only above a true mark (a borrow runs
/// upward), and the first stop's lane is a true one, so the lanes below it are exact.
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
        let odd = (x & HIGH)
            | (x.wrapping_sub(0x20 * ONES) & !x & HIGH)
            | equal_lanes(x, b'[')
            | (spaces & ((spaces << 8) | space_before));
        if hit != 0 {
            // Every bit below the first stop's mark: the lanes before it.
            let before = (hit & hit.wrapping_neg()) - 1;
            return (i + (hit.trailing_zeros() / 8) as usize, odd & before == 0);
        }
        if odd != 0 {
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
        if !(0x20..0x80).contains(&c) || c == b'[' || (c == b' ' && space) {
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
        }

        /// `find_stop_plain` finds what `find_stop` finds, and calls the bytes before the stop
        /// plain exactly when each is printable ASCII but `[` and no two spaces are in a row,
        /// with the stops, spaces and odd bytes at every lane and across the eight-byte words.
        #[test]
        fn find_stop_plain_is_find_stop_and_a_byte_test(
            b in proptest::collection::vec(proptest::sample::select(
                vec![b'a', b'a', b' ', b' ', b'<', b'&', b'[', b']', b'\r', b'\n', 0x1f, 0x7f, 0x80, 0xe2, b'!', b'@', b'{']
            ), 0..40),
            from in 0usize..40,
        ) {
            let from = from.min(b.len());
            let (end, plain) = find_stop_plain(&b, from, b"<&\r");
            proptest::prop_assert_eq!(end, find_stop(&b, from, b"<&\r"));
            let run = &b[from..end];
            let naive = run.iter().all(|&c| (0x20..0x80).contains(&c) && c != b'[')
                && !run.windows(2).any(|w| w == b"  ");
            proptest::prop_assert_eq!(plain, naive, "{:?}", run);
        }
    }
}
