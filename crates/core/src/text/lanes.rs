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
    let v = x ^ (u64::from(byte) * ONES);
    v.wrapping_sub(ONES) & !v & HIGH != 0
}
