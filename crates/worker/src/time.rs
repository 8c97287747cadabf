//! Timestamps: stored as milliseconds since the epoch (INTEGER), shown as RFC 3339 UTC.
//! Pure but for [`now_ms`], which the Worker calls at its edges and passes on.

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` for `ms` since the epoch.
pub fn rfc3339(ms: i64) -> String {
    let (y, m, d) = civil(ms.div_euclid(86_400_000));
    let day_ms = ms.rem_euclid(86_400_000);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        day_ms / 3_600_000,
        day_ms / 60_000 % 60,
        day_ms / 1000 % 60,
        day_ms % 1000
    )
}

/// The current time in ms since the epoch: the runtime's clock (`Date.now()`) on Workers, the
/// system clock in native builds (tests). Only the outermost layer calls it.
pub fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    let ms = worker::Date::now().as_millis();
    #[cfg(not(target_arch = "wasm32"))]
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    i64::try_from(ms).unwrap_or(i64::MAX)
}

/// `YYYY-MM` (UTC) of `ms`: the quota period.
pub fn month(ms: i64) -> String {
    let (y, m, _) = civil(ms.div_euclid(86_400_000));
    format!("{y:04}-{m:02}")
}

/// Is `s` a `YYYY-MM` month?
pub fn is_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[4] == b'-'
        && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit)
        && matches!(s[5..].parse::<u8>(), Ok(1..=12))
}

/// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01 (the standard
/// days-from-civil inverse over 400-year eras).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(rfc3339(1_795_321_845_123), "2026-11-22T04:30:45.123Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(month(1_795_321_845_123), "2026-11");
        assert!(is_month("2026-11"));
        assert!(!is_month("2026-13"));
        assert!(!is_month("2026-1"));
    }
}
