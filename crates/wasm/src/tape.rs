//! The scoring module's compact form of an [`Analysis`], for `analyze` in the npm package.
//!
//! Why: turning the analysis' JSON text (5–11 KB) into objects with `JSON.parse` was the largest
//! single cost of `analyze` in JavaScript, ≈ 15 µs of a 300-word description's ≈ 85 µs in
//! Node: V8 reads every field name and builds every object shape from text. Here the analysis
//! goes out as
//!
//! - `numbers` (a `Float64Array`): its numbers in a fixed order, enum values as indices into
//!   the lists [`names`] gives once, and the length of each string in UTF-16 code units;
//! - `text`: its strings (messages, reasons) one after the other, then the statistics as JSON.
//!
//! and pkg/src/analyze.js builds the same objects from them with object literals (≈ 1.4 µs).
//! The result is the same value as `JSON.parse(analysis.to_json())`, field order included:
//! the package's parity test compares the two byte for byte on every fixture, in Node,
//! Chromium and workerd, and `analyze.js` is the only reader.
//!
//! Layout (every item one number unless a list):
//!
//! ```text
//! analysis  = language profile section(seo) section(readability)
//! section   = score rating checks_run checks_total reason_len (-1: none) n check×n
//! check     = id score rating message_len n highlight×n origin
//! highlight = field start end start_utf16 end_utf16
//! ```
//!
//! `language`, `profile`, `rating`, `id`, `origin` and `field` are indices into [`names`]'
//! lists (`x as usize`, which the tests hold equal to the position in each list).

use proseo_core::analysis::{Analysis, Check, CheckId, Origin, Profile, Rating, Section};
use proseo_core::lang::Language;
use proseo_core::span::Field;
use serde::Serialize;

/// An analysis in compact form (see the module documentation).
pub(crate) struct Tape {
    pub numbers: Vec<f64>,
    pub text: String,
}

/// The names of the enum values the tape refers to by index.
#[derive(Serialize)]
pub(crate) struct Names {
    language: Vec<Language>,
    profile: &'static [Profile],
    rating: &'static [Rating],
    check: &'static [CheckId],
    origin: &'static [Origin],
    field: &'static [Field],
}

/// The lists [`write`]'s indices point into, serialized as their JSON names.
pub(crate) fn names() -> Names {
    Names {
        language: Language::ALL.into_iter().chain([Language::Other]).collect(),
        profile: &Profile::ALL,
        rating: &Rating::ALL,
        check: &CheckId::ALL,
        origin: &Origin::ALL,
        field: &Field::ALL,
    }
}

/// Writes `a` in compact form.
pub(crate) fn write(a: &Analysis) -> Result<Tape, serde_json::Error> {
    let checks = a.seo.checks.len() + a.readability.checks.len();
    let mut w = Tape {
        numbers: Vec::with_capacity(16 + 8 * checks),
        text: String::with_capacity(4 * 1024),
    };
    w.index(a.language as usize);
    w.index(a.profile as usize);
    w.section(&a.seo);
    w.section(&a.readability);
    w.text.push_str(&serde_json::to_string(&a.stats)?);
    Ok(w)
}

impl Tape {
    fn index(&mut self, i: usize) {
        self.numbers.push(i as f64);
    }

    fn number(&mut self, n: impl Into<f64>) {
        self.numbers.push(n.into());
    }

    /// Appends `s` to the text and its length in UTF-16 code units to the numbers.
    fn string(&mut self, s: &str) {
        let units = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        self.index(units);
        self.text.push_str(s);
    }

    fn section(&mut self, s: &Section) {
        self.number(s.score);
        self.index(s.rating as usize);
        self.number(s.checks_run);
        self.number(s.checks_total);
        match &s.reason {
            Some(reason) => self.string(reason),
            None => self.number(-1),
        }
        self.index(s.checks.len());
        for c in &s.checks {
            self.check(c);
        }
    }

    fn check(&mut self, c: &Check) {
        self.index(c.id as usize);
        self.number(c.score);
        self.index(c.rating as usize);
        self.string(&c.message);
        self.index(c.highlights.len());
        for h in &c.highlights {
            self.index(h.field as usize);
            self.number(h.start);
            self.number(h.end);
            self.number(h.start_utf16);
            self.number(h.end_utf16);
        }
        self.index(c.origin as usize);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Every string value (`const`/`enum`) in a JSON Schema.
    fn schema_names(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    match (k.as_str(), v) {
                        ("const", Value::String(s)) => out.push(s.clone()),
                        ("enum", Value::Array(a)) => {
                            out.extend(a.iter().filter_map(|x| x.as_str().map(str::to_owned)));
                        }
                        _ => schema_names(v, out),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| schema_names(x, out)),
            _ => {}
        }
    }

    fn variants<T: schemars::JsonSchema>() -> Vec<String> {
        let mut out = Vec::new();
        schema_names(
            &serde_json::to_value(schemars::schema_for!(T)).unwrap(),
            &mut out,
        );
        out
    }

    fn listed<T: Serialize>(list: &[T]) -> Vec<String> {
        list.iter()
            .map(|x| {
                serde_json::to_value(x)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn the_lists_hold_every_variant_at_its_index() {
        let n = names();
        // Every variant (the JSON Schema lists them all), in declaration order, so that
        // `x as usize` finds `x`.
        assert_eq!(listed(&n.language), variants::<Language>());
        assert_eq!(listed(n.profile), variants::<Profile>());
        assert_eq!(listed(n.rating), variants::<Rating>());
        assert_eq!(listed(n.check), variants::<CheckId>());
        assert_eq!(listed(n.origin), variants::<Origin>());
        assert_eq!(listed(n.field), variants::<Field>());
        assert!(n.language.iter().enumerate().all(|(i, &x)| x as usize == i));
        assert!(n.profile.iter().enumerate().all(|(i, &x)| x as usize == i));
        assert!(n.rating.iter().enumerate().all(|(i, &x)| x as usize == i));
        assert!(n.check.iter().enumerate().all(|(i, &x)| x as usize == i));
        assert!(n.origin.iter().enumerate().all(|(i, &x)| x as usize == i));
        assert!(n.field.iter().enumerate().all(|(i, &x)| x as usize == i));
    }

    /// The tape read back the way pkg/src/analyze.js reads it, as JSON.
    fn read(t: &Tape, n: &Value) -> Value {
        let mut i = 0;
        let mut at = 0; // in UTF-16 code units
        let text: Vec<u16> = t.text.encode_utf16().collect();
        // Every number on the tape is an integer (JSON.parse gives the same number either way).
        let mut num = || {
            i += 1;
            t.numbers[i - 1]
        };
        let int = |x: f64| Value::from(x as i64);
        let name = |list: &str, x: f64| n[list][x as usize].clone();
        let mut string = |len: f64| {
            let s = String::from_utf16(&text[at..at + len as usize]).unwrap();
            at += len as usize;
            Value::String(s)
        };
        let mut out = serde_json::Map::new();
        out.insert("language".into(), name("language", num()));
        out.insert("profile".into(), name("profile", num()));
        for key in ["seo", "readability"] {
            let mut s = serde_json::Map::new();
            s.insert("score".into(), int(num()));
            s.insert("rating".into(), name("rating", num()));
            s.insert("checks_run".into(), int(num()));
            s.insert("checks_total".into(), int(num()));
            let reason = num();
            if reason >= 0.0 {
                s.insert("reason".into(), string(reason));
            }
            let mut checks = Vec::new();
            for _ in 0..num() as usize {
                let mut c = serde_json::Map::new();
                c.insert("id".into(), name("check", num()));
                c.insert("score".into(), int(num()));
                c.insert("rating".into(), name("rating", num()));
                let len = num();
                c.insert("message".into(), string(len));
                let mut hs = Vec::new();
                for _ in 0..num() as usize {
                    let mut h = serde_json::Map::new();
                    h.insert("field".into(), name("field", num()));
                    for k in ["start", "end", "start_utf16", "end_utf16"] {
                        h.insert(k.into(), int(num()));
                    }
                    hs.push(Value::Object(h));
                }
                c.insert("highlights".into(), Value::Array(hs));
                c.insert("origin".into(), name("origin", num()));
                checks.push(Value::Object(c));
            }
            s.insert("checks".into(), Value::Array(checks));
            out.insert(key.into(), Value::Object(s));
        }
        let stats = String::from_utf16(&text[at..]).unwrap();
        out.insert("stats".into(), serde_json::from_str(&stats).unwrap());
        assert_eq!(i, t.numbers.len(), "numbers left over");
        Value::Object(out)
    }

    #[test]
    fn reads_back_as_the_json() {
        let n = serde_json::to_value(names()).unwrap();
        let inputs = [
            serde_json::json!({}),
            serde_json::json!({"content": "<p>😀 Our \"ceramic\" mug\u{0} 日本製 holds café.</p><h2>Mug</h2>", "keyphrase": "ceramic mug 😀", "title": "Mug \\ \u{1}", "locale": "ja"}),
            serde_json::json!({"content": "<p>Merino socks are warm. Warm merino socks.</p>", "keyphrase": "merino socks", "synonyms": ["wool socks"], "profile": "article", "locale": "de_DE"}),
        ];
        for input in inputs {
            let input: proseo_core::analysis::AnalyzeInput = serde_json::from_value(input).unwrap();
            let a = proseo_core::analysis::analyze(&input);
            let want: Value = serde_json::from_str(&a.to_json().unwrap()).unwrap();
            let got = read(&write(&a).unwrap(), &n);
            // The values (serde_json's maps sort their keys here; the order of the fields is
            // analyze.js's, which the package's parity test compares byte for byte).
            assert_eq!(got, want);
        }
    }
}
