//! [`Analysis::to_json`]'s writer: the text the derived `Serialize` gives (a test holds the two
//! equal on every fixture and oracle text), written directly.
//!
//! Why not serde_json alone: it escapes every string, field names included, one byte at a time
//! through its escape table. In the npm package that was most of the time to write a result
//! (≈ 8 µs of a 300-word analysis' 105 µs in Node). Here the field names are literals and
//! strings are checked eight bytes at a time; numbers, enum names and the statistics still go
//! through serde_json.

use super::types::{Analysis, Check, Section};
use crate::span::Highlight;
use crate::text::lanes::{any_control, any_equal, word_at};
use serde::Serialize;

/// Writes `analysis` as JSON.
pub(super) fn analysis_json(a: &Analysis) -> Result<String, serde_json::Error> {
    let mut w = Json(Vec::with_capacity(8 * 1024));
    w.raw("{\"language\":");
    w.value(&a.language)?;
    w.raw(",\"profile\":");
    w.value(&a.profile)?;
    w.raw(",\"seo\":");
    w.section(&a.seo)?;
    w.raw(",\"readability\":");
    w.section(&a.readability)?;
    w.raw(",\"stats\":");
    w.value(&a.stats)?;
    w.raw("}");
    String::from_utf8(w.0).map_err(|_| serde::ser::Error::custom("the JSON is not UTF-8"))
}

struct Json(Vec<u8>);

impl Json {
    fn raw(&mut self, s: &str) {
        self.0.extend_from_slice(s.as_bytes());
    }

    fn value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), serde_json::Error> {
        serde_json::to_writer(&mut self.0, v)
    }

    fn string(&mut self, s: &str) {
        self.0.push(b'"');
        escape_into(&mut self.0, s);
        self.0.push(b'"');
    }

    fn section(&mut self, s: &Section) -> Result<(), serde_json::Error> {
        self.raw("{\"score\":");
        self.value(&s.score)?;
        self.raw(",\"rating\":");
        self.value(&s.rating)?;
        self.raw(",\"checks_run\":");
        self.value(&s.checks_run)?;
        self.raw(",\"checks_total\":");
        self.value(&s.checks_total)?;
        if let Some(reason) = &s.reason {
            self.raw(",\"reason\":");
            self.string(reason);
        }
        self.raw(",\"checks\":[");
        for (i, c) in s.checks.iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            self.check(c)?;
        }
        self.raw("]}");
        Ok(())
    }

    fn check(&mut self, c: &Check) -> Result<(), serde_json::Error> {
        self.raw("{\"id\":");
        self.value(&c.id)?;
        self.raw(",\"score\":");
        self.value(&c.score)?;
        self.raw(",\"rating\":");
        self.value(&c.rating)?;
        self.raw(",\"message\":");
        self.string(&c.message);
        self.raw(",\"highlights\":[");
        for (i, h) in c.highlights.iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            self.highlight(h)?;
        }
        self.raw("],\"origin\":");
        self.value(&c.origin)?;
        self.raw("}");
        Ok(())
    }

    fn highlight(&mut self, h: &Highlight) -> Result<(), serde_json::Error> {
        self.raw("{\"field\":");
        self.value(&h.field)?;
        self.raw(",\"start\":");
        self.value(&h.start)?;
        self.raw(",\"end\":");
        self.value(&h.end)?;
        self.raw(",\"start_utf16\":");
        self.value(&h.start_utf16)?;
        self.raw(",\"end_utf16\":");
        self.value(&h.end_utf16)?;
        self.raw("}");
        Ok(())
    }
}

/// True when one of the eight bytes of `x` may need escaping: a control byte, `"` or `\`
/// (never false for such a byte; may be true for none).
fn may_need_escape(x: u64) -> bool {
    any_control(x) || any_equal(x, b'"') || any_equal(x, b'\\')
}

/// Appends `s` escaped as the inside of a JSON string, as serde_json escapes it.
fn escape_into(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if word_at(b, i).is_some_and(|x| !may_need_escape(x)) {
            i += 8;
            continue;
        }
        let c = b.get(i).copied().unwrap_or(0);
        let short: &[u8] = match c {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x0C => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1F => b"",
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(b.get(start..i).unwrap_or(&[]));
        if short.is_empty() {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(c >> 4)]);
            out.push(HEX[usize::from(c & 0xF)]);
        } else {
            out.extend_from_slice(short);
        }
        i += 1;
        start = i;
    }
    out.extend_from_slice(b.get(start..).unwrap_or(&[]));
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::escape_into;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        escape_into(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_as_serde_json_does() {
        let mut every: String = (0u8..0x80).map(char::from).collect();
        every.push_str("é’ \u{2028} 日本 \u{1f600}\"\\\"\\");
        for s in [
            every.as_str(),
            "",
            "a",
            "plain text of more than eight bytes",
            "\"",
            "x\u{1}",
        ] {
            let want = serde_json::to_string(s).unwrap();
            assert_eq!(format!("\"{}\"", escaped(s)), want, "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn same_as_serde_json(s in "[a-z \"\\\\\u{0}-\u{1f}\u{7f}é’\u{2028}日]{0,40}") {
            let want = serde_json::to_string(&s).unwrap();
            proptest::prop_assert_eq!(format!("\"{}\"", escaped(&s)), want);
        }
    }
}
