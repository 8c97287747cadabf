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
    }
}
