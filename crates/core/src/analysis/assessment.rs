//! What an assessment is: a rule that reads researches and judges them.
//!
//! Every assessment lives in its own file under `assessments/` and declares one
//! [`Assessment`] static: its [`CheckId`], its section, the Yoast assessment it mirrors, and a
//! `run` function. The file keeps the rule's numbers (boundaries, score points) and message
//! templates in data tables at its top; `run` only compares research results with them. Which
//! assessments run for which profile, and whether they count, is the registry's business
//! (`registry.rs`).

use super::researcher::{Researcher, Unsupported};
use super::types::{Check, CheckId};
use crate::text::lanes::find_stop;

/// The section a check belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// SEO.
    Seo,
    /// Readability.
    Readability,
}

/// One assessment.
pub struct Assessment {
    /// The check it produces.
    pub id: CheckId,
    /// Its section.
    pub section: SectionKind,
    /// The identifier of the Yoast SEO assessment it mirrors (`keyphraseDensity`), if any.
    pub yoast: Option<&'static str>,
    /// Measures and judges.
    pub run: fn(&Researcher<'_>) -> Check,
}

/// A value a message template shows. Numbers with a fraction go through
/// [`crate::number::Decimal`] (same text as `f64`'s `Display`, which is kept out of the npm
/// scoring `.wasm` for size: docs/architecture.md, "The npm package's size and speed").
pub(crate) trait Arg {
    /// Appends the value's text to `out`.
    fn write_to(&self, out: &mut String);
}

/// Appends `v` in decimal. `write!` goes through `core::fmt` (the formatter's flags and
/// padding, a call through its `Write` table per piece): ≈ 250 instructions for a small
/// number, ten times this loop, and an analysis' messages carry a dozen numbers.
fn push_decimal(out: &mut String, negative: bool, mut v: u64) {
    let mut buf = [0u8; 21];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(d) = buf.get_mut(i) {
            *d = b'0' + (v % 10) as u8;
        }
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if negative {
        i -= 1;
        if let Some(d) = buf.get_mut(i) {
            *d = b'-';
        }
    }
    out.push_str(std::str::from_utf8(buf.get(i..).unwrap_or(&[])).unwrap_or(""));
}

macro_rules! unsigned_arg {
    ($($t:ty),*) => {
        $(impl Arg for $t {
            fn write_to(&self, out: &mut String) {
                push_decimal(out, false, u64::from(*self));
            }
        })*
    };
}
unsigned_arg!(u32, u64, u8, u16);

macro_rules! signed_arg {
    ($($t:ty),*) => {
        $(impl Arg for $t {
            fn write_to(&self, out: &mut String) {
                push_decimal(out, *self < 0, i64::from(*self).unsigned_abs());
            }
        })*
    };
}
signed_arg!(i32, i64);

impl Arg for usize {
    fn write_to(&self, out: &mut String) {
        push_decimal(out, false, *self as u64);
    }
}

impl Arg for char {
    fn write_to(&self, out: &mut String) {
        out.push(*self);
    }
}

impl Arg for str {
    fn write_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Arg for String {
    fn write_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Arg for &str {
    fn write_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Arg for f64 {
    fn write_to(&self, out: &mut String) {
        use std::fmt::Write as _;
        let v = *self;
        // The numbers of messages are percentages and scores, whole or to one decimal
        // ([`format_number`]). When `v` is the double nearest to `k / 10`, its shortest
        // round-trip form (what `Decimal` writes, after a search for the shortest digits that
        // costs ≈ 1,000 instructions) is `k / 10` written out: written here from `k`.
        if (0.0..1e15).contains(&v) && !v.is_sign_negative() {
            let tenths = (v * 10.0).round();
            if tenths / 10.0 == v {
                let k = tenths as u64;
                push_decimal(out, false, k / 10);
                if k % 10 != 0 {
                    out.push('.');
                    out.push(char::from(b'0' + (k % 10) as u8));
                }
                return;
            }
        }
        let _ = write!(out, "{}", crate::number::Decimal(v));
    }
}

/// Fills `{name}` placeholders of a message template, writing each value in place (no string
/// per value).
pub(crate) fn fill(template: &str, args: &[(&str, &dyn Arg)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    loop {
        // Eight bytes at a time to the next `{` (templates are mostly plain text).
        let open = find_stop(rest.as_bytes(), 0, b"{");
        if open >= rest.len() {
            break;
        }
        let (before, after) = (
            rest.get(..open).unwrap_or(""),
            rest.get(open + 1..).unwrap_or(""),
        );
        out.push_str(before);
        match after.bytes().position(|b| b == b'}') {
            Some(close) => {
                let name = after.get(..close).unwrap_or("");
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => v.write_to(&mut out),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = after.get(close + 1..).unwrap_or("");
            }
            None => {
                out.push_str(rest.get(open..).unwrap_or(""));
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A check that did not run because the language or script is unsupported.
pub(crate) fn unsupported(id: CheckId, why: &Unsupported) -> Check {
    let mut c = Check::na(id, why.message());
    c.unsupported = true;
    c
}

/// A percentage as Yoast formats it before comparing: whole numbers stay, others are rounded
/// to one decimal.
pub(crate) fn format_number(v: f64) -> f64 {
    if v.round() == v {
        v
    } else {
        (v * 10.0).round() / 10.0
    }
}

/// Share of `part` in `total`, in percent (0 for an empty total).
pub(crate) fn percent(part: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        part as f64 * 100.0 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_known_names_only() {
        assert_eq!(
            fill("{n} of {total} {unknown}", &[("n", &3), ("total", &"7")]),
            "3 of 7 {unknown}"
        );
        assert_eq!(fill("open { brace", &[]), "open { brace");
    }

    fn written(v: f64) -> String {
        arg_text(&v)
    }

    proptest::proptest! {
        /// A number is written as `Decimal` writes it: the tenths and whole numbers of the
        /// messages (written from their digits), and any other value.
        #[test]
        fn numbers_are_written_as_decimal_writes_them(
            tenths in 0u64..20_000_000,
            part in 0usize..5000,
            total in 1usize..5000,
            any in proptest::num::f64::ANY,
        ) {
            for v in [
                tenths as f64 / 10.0,
                format_number(percent(part, total)),
                percent(part, total),
                any,
                -(tenths as f64) / 10.0,
                1e15 + tenths as f64,
            ] {
                proptest::prop_assert_eq!(written(v), crate::number::Decimal(v).to_string());
            }
        }
    }

    fn arg_text(v: &dyn Arg) -> String {
        let mut out = String::new();
        v.write_to(&mut out);
        out
    }

    proptest::proptest! {
        /// Integers are written as `Display` writes them, at every width and sign.
        #[test]
        fn integers_are_written_as_display_writes_them(
            u in proptest::num::u64::ANY,
            i in proptest::num::i64::ANY,
            small in 0u32..1000,
        ) {
            proptest::prop_assert_eq!(arg_text(&u), u.to_string());
            proptest::prop_assert_eq!(arg_text(&i), i.to_string());
            proptest::prop_assert_eq!(arg_text(&small), small.to_string());
            proptest::prop_assert_eq!(arg_text(&(small as usize)), small.to_string());
            proptest::prop_assert_eq!(arg_text(&-(small as i32)), (-(small as i32)).to_string());
        }
    }

    #[test]
    fn integer_extremes_are_written_as_display_writes_them() {
        assert_eq!(arg_text(&i64::MIN), i64::MIN.to_string());
        assert_eq!(arg_text(&u64::MAX), u64::MAX.to_string());
        assert_eq!(arg_text(&0u8), "0");
        assert_eq!(arg_text(&'é'), "é");
    }

    #[test]
    fn numbers_format_like_yoast() {
        assert_eq!(written(33.3), "33.3");
        assert_eq!(written(30.0), "30");
        assert_eq!(written(0.0), "0");
        assert_eq!(written(-0.0), "-0");
        assert_eq!(format_number(12.0), 12.0);
        assert_eq!(format_number(100.0 / 3.0), 33.3);
    }
}
