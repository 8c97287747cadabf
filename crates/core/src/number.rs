//! Writing an `f64` the way `format!("{}", x)` does, without `f64`'s `Display`.
//!
//! `f64`'s `Display` (core's Grisu and Dragon4 with their tables of powers of ten) is ≈ 16 KB
//! of code and 1.3 KB of tables in the npm scoring `.wasm`, ≈ 7 KB of its gzipped 200 KB
//! budget. serde_json is in every build already and writes the same shortest round-trip digits
//! (its `zmij` writer), in scientific notation for large and small numbers; [`Decimal`] lays
//! those digits out as `Display` does: no exponent, no trailing `.0`, `-0` for negative zero,
//! `NaN`, `inf`, `-inf`. The one difference: when two shortest digit strings are equally near a
//! 17-digit value (`-104922768230881.125`), the two writers may round the last digit apart;
//! both read back as the same `f64`. Numbers with up to 15 significant digits, such as the
//! analysis' one-decimal scores and percentages, come out identical (tested).

use std::fmt;

/// An `f64` that displays as `f64`'s own `Display` (`{}`, no precision or width) does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decimal(pub f64);

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        if v.is_nan() {
            return f.write_str("NaN");
        }
        if v.is_infinite() {
            return f.write_str(if v < 0.0 { "-inf" } else { "inf" });
        }
        if v == 0.0 {
            return f.write_str(if v.is_sign_negative() { "-0" } else { "0" });
        }
        // Finite and non-zero: serde_json writes `-?D(.D+)?(e-?D+)?`.
        let text = serde_json::to_string(&v).map_err(|_| fmt::Error)?;
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.as_str()),
        };
        let (mantissa, exponent) = match text.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.parse::<i32>().map_err(|_| fmt::Error)?),
            None => (text, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        // All significant digits, and how many of them stand before the decimal point.
        let mut digits = String::with_capacity(int.len() + frac.len());
        digits.push_str(int);
        digits.push_str(frac);
        let mut point = int.len() as i32 + exponent;
        let leading = digits.len() - digits.trim_start_matches('0').len();
        digits.drain(..leading);
        point -= leading as i32;
        digits.truncate(digits.trim_end_matches('0').len());
        if negative {
            f.write_str("-")?;
        }
        if point <= 0 {
            f.write_str("0.")?;
            for _ in 0..-point {
                f.write_str("0")?;
            }
            f.write_str(&digits)
        } else if point as usize >= digits.len() {
            f.write_str(&digits)?;
            for _ in 0..point as usize - digits.len() {
                f.write_str("0")?;
            }
            Ok(())
        } else {
            let (whole, fraction) = digits.split_at(point as usize);
            f.write_str(whole)?;
            f.write_str(".")?;
            f.write_str(fraction)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same(v: f64) {
        assert_eq!(Decimal(v).to_string(), v.to_string(), "{v:e}");
    }

    #[test]
    fn writes_as_display_does() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.3,
            0.1 + 0.2,
            12.5,
            33.3,
            100.0,
            1e15,
            1e16,
            1e21,
            1e22,
            123456789012345680.0,
            1e-5,
            1e-7,
            1.5e-7,
            -2.5e-300,
            5e-324,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            same(v);
        }
    }

    proptest! {
        #[test]
        fn any_bits_read_back_at_displays_length(bits in any::<u64>()) {
            let v = f64::from_bits(bits);
            let ours = Decimal(v).to_string();
            let theirs = v.to_string();
            prop_assert_eq!(ours.len(), theirs.len(), "{:e}", v);
            if v.is_nan() {
                prop_assert_eq!(ours, "NaN");
            } else {
                prop_assert_eq!(ours.parse::<f64>().map(f64::to_bits), Ok(v.to_bits()));
            }
        }

        #[test]
        fn fifteen_digits_write_as_display_does(m in -999_999_999_999_999i64..=999_999_999_999_999, e in -20i32..20) {
            same(m as f64 * 10f64.powi(e));
        }

        #[test]
        fn one_decimal_values_write_as_display_does(k in -10_000_000i64..10_000_000) {
            same(k as f64 / 10.0);
            same((k as f64 * 100.0 / 7.0 * 10.0).round() / 10.0);
        }
    }
}
