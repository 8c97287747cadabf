//! Request validation against the published OpenAPI document: every JSON body is checked
//! against the very schema `GET /api/v1/openapi.json` serves for it (and every query
//! parameter against its declared schema) before a handler sees it. So what the document
//! promises and what the API accepts cannot drift: a constraint exists once, as a schema
//! (generated from the Rust types and their `schemars` attributes), and is enforced from there.
//!
//! Written here rather than taken from a JSON Schema crate: the full validators pull in URL
//! resolution, large regex engines and format checkers that would double the Worker's size,
//! while the schemas `schemars` generates use a small, fixed subset of draft 2020-12: `$ref`
//! into `#/components/schemas`, `type`, `enum`, `const`, `properties`, `required`,
//! `additionalProperties`, `items`, `minItems`/`maxItems`, `uniqueItems`, `minLength`/
//! `maxLength` (in characters), `pattern` (regex-lite), `minimum`/`maximum` (and their
//! exclusive forms), `anyOf`, `oneOf`, `allOf`, `not`. Unknown keywords (`format`,
//! `description`, `default`…) do not constrain, as the specification says. A test checks that
//! the generated document uses no other constraining keyword.

use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::api::FieldError;

/// Errors reported per request at most.
const MAX_ERRORS: usize = 50;
/// Deeper nesting is refused (no request needs it; it bounds the recursion).
const MAX_DEPTH: usize = 64;

/// Keywords that constrain and are implemented.
pub const KEYWORDS: &[&str] = &[
    "$ref",
    "type",
    "enum",
    "const",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "anyOf",
    "oneOf",
    "allOf",
    "not",
];

/// The served document, parsed once per isolate.
pub fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| serde_json::from_str(crate::openapi::DOCUMENT).unwrap_or(Value::Null))
}

/// A named component schema of the document.
pub fn component(name: &str) -> Option<&'static Value> {
    document().pointer(&format!("/components/schemas/{name}"))
}

/// Field errors of `value` against `schema` (empty when valid). Paths are JSON pointers
/// under `at` (`""` for a body, a parameter name for a query parameter).
pub fn check(schema: &Value, value: &Value, at: &str) -> Vec<FieldError> {
    let mut cx = Checker {
        errors: Vec::new(),
        patterns: Vec::new(),
    };
    let mut path = at.to_owned();
    cx.value(schema, value, &mut path, 0);
    cx.errors
}

/// Does `value` satisfy `schema`?
pub fn accepts(schema: &Value, value: &Value) -> bool {
    check(schema, value, "").is_empty()
}

struct Checker {
    errors: Vec<FieldError>,
    /// Compiled patterns (a schema has few).
    patterns: Vec<(String, Option<regex_lite::Regex>)>,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_ok(expected: &str, v: &Value) -> bool {
    let actual = type_name(v);
    // Integers are numbers, and a float with no fraction is not accepted as an integer (serde
    // would refuse it): the schema's `integer` means what the Rust type takes.
    actual == expected || (expected == "number" && actual == "integer")
}

impl Checker {
    fn fail(&mut self, path: &str, code: &str, message: String) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(FieldError {
                path: path.to_owned(),
                code: code.to_owned(),
                message,
            });
        }
    }

    fn full(&self) -> bool {
        self.errors.len() >= MAX_ERRORS
    }

    /// Runs a sub-check whose errors are only counted (for `anyOf`/`oneOf`/`not`).
    fn quiet(&mut self, schema: &Value, value: &Value, path: &mut String, depth: usize) -> bool {
        let saved = std::mem::take(&mut self.errors);
        self.value(schema, value, path, depth);
        let ok = self.errors.is_empty();
        self.errors = saved;
        ok
    }

    fn value(&mut self, schema: &Value, v: &Value, path: &mut String, depth: usize) {
        if self.full() {
            return;
        }
        if depth > MAX_DEPTH {
            self.fail(
                path,
                "too_deep",
                format!("nested deeper than {MAX_DEPTH} levels"),
            );
            return;
        }
        let s = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => {
                self.fail(path, "invalid_value", "no value is allowed here".into());
                return;
            }
            Value::Object(s) => s,
            _ => return,
        };
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            match r.strip_prefix("#/components/schemas/").and_then(component) {
                Some(target) => self.value(target, v, path, depth + 1),
                None => self.fail(path, "invalid_value", format!("unresolvable schema {r}")),
            }
        }
        if let Some(t) = s.get("type") {
            let ok = match t {
                Value::String(t) => type_ok(t, v),
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).any(|t| type_ok(t, v)),
                _ => true,
            };
            if !ok {
                let want = match t {
                    Value::Array(ts) => ts
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(" or "),
                    other => other.as_str().unwrap_or("?").to_owned(),
                };
                self.fail(
                    path,
                    "invalid_type",
                    format!("expected {want}, got {}", type_name(v)),
                );
                return;
            }
        }
        if let Some(e) = s.get("enum").and_then(Value::as_array) {
            if !e.contains(v) {
                let list: Vec<String> = e.iter().map(Value::to_string).collect();
                self.fail(
                    path,
                    "invalid_value",
                    format!("must be one of: {}", list.join(", ")),
                );
            }
        }
        if let Some(c) = s.get("const") {
            if c != v {
                self.fail(path, "invalid_value", format!("must be {c}"));
            }
        }
        match v {
            Value::Object(m) => self.object(s, m, path, depth),
            Value::Array(a) => self.array(s, a, path, depth),
            Value::String(text) => self.string(s, text, path),
            Value::Number(n) => self.number(s, n, path),
            _ => {}
        }
        if let Some(all) = s.get("allOf").and_then(Value::as_array) {
            for sub in all {
                self.value(sub, v, path, depth + 1);
            }
        }
        if let Some(any) = s.get("anyOf").and_then(Value::as_array) {
            if !any.iter().any(|sub| self.quiet(sub, v, path, depth + 1)) {
                self.fail(
                    path,
                    "invalid_value",
                    "matches none of the allowed shapes".into(),
                );
            }
        }
        if let Some(one) = s.get("oneOf").and_then(Value::as_array) {
            let n = one
                .iter()
                .filter(|sub| self.quiet(sub, v, path, depth + 1))
                .count();
            if n != 1 {
                self.fail(
                    path,
                    "invalid_value",
                    if n == 0 {
                        "matches none of the allowed shapes".into()
                    } else {
                        "matches more than one of the allowed shapes".into()
                    },
                );
            }
        }
        if let Some(not) = s.get("not") {
            if self.quiet(not, v, path, depth + 1) {
                self.fail(
                    path,
                    "invalid_value",
                    "is a value that is not allowed".into(),
                );
            }
        }
    }

    fn object(
        &mut self,
        s: &Map<String, Value>,
        m: &Map<String, Value>,
        path: &mut String,
        depth: usize,
    ) {
        if let Some(req) = s.get("required").and_then(Value::as_array) {
            for name in req.iter().filter_map(Value::as_str) {
                if !m.contains_key(name) {
                    let p = format!("{path}/{}", escape(name));
                    self.fail(&p, "required", format!("missing field `{name}`"));
                }
            }
        }
        let props = s.get("properties").and_then(Value::as_object);
        let extra = s.get("additionalProperties");
        for (k, v) in m {
            let len = path.len();
            path.push('/');
            path.push_str(&escape(k));
            match (props.and_then(|p| p.get(k)), extra) {
                (Some(sub), _) => self.value(sub, v, path, depth + 1),
                (None, Some(Value::Bool(false))) => {
                    let p = path.clone();
                    self.fail(&p, "unknown_field", format!("unknown field `{k}`"));
                }
                (None, Some(sub)) => self.value(sub, v, path, depth + 1),
                (None, None) => {}
            }
            path.truncate(len);
            if self.full() {
                return;
            }
        }
    }

    fn array(&mut self, s: &Map<String, Value>, a: &[Value], path: &mut String, depth: usize) {
        let n = a.len() as u64;
        if let Some(min) = s.get("minItems").and_then(Value::as_u64) {
            if n < min {
                self.fail(
                    path,
                    "invalid_length",
                    format!("needs at least {min} items"),
                );
            }
        }
        if let Some(max) = s.get("maxItems").and_then(Value::as_u64) {
            if n > max {
                self.fail(path, "invalid_length", format!("holds at most {max} items"));
                return;
            }
        }
        if s.get("uniqueItems") == Some(&Value::Bool(true)) {
            let mut seen: Vec<String> = a.iter().map(Value::to_string).collect();
            seen.sort_unstable();
            if seen.windows(2).any(|w| w[0] == w[1]) {
                self.fail(path, "invalid_value", "items must be unique".into());
            }
        }
        if let Some(items) = s.get("items") {
            for (i, v) in a.iter().enumerate() {
                let len = path.len();
                path.push('/');
                path.push_str(&i.to_string());
                self.value(items, v, path, depth + 1);
                path.truncate(len);
                if self.full() {
                    return;
                }
            }
        }
    }

    fn string(&mut self, s: &Map<String, Value>, text: &str, path: &str) {
        let chars = text.chars().count() as u64;
        if let Some(min) = s.get("minLength").and_then(Value::as_u64) {
            if chars < min {
                self.fail(
                    path,
                    "invalid_length",
                    format!("must be at least {min} characters"),
                );
            }
        }
        if let Some(max) = s.get("maxLength").and_then(Value::as_u64) {
            if chars > max {
                self.fail(
                    path,
                    "invalid_length",
                    format!("must be at most {max} characters"),
                );
            }
        }
        if let Some(p) = s.get("pattern").and_then(Value::as_str) {
            if !self.matches(p, text) {
                self.fail(path, "invalid_value", format!("must match the pattern {p}"));
            }
        }
    }

    fn matches(&mut self, pattern: &str, text: &str) -> bool {
        let at = match self.patterns.iter().position(|(p, _)| p == pattern) {
            Some(i) => i,
            None => {
                self.patterns
                    .push((pattern.to_owned(), regex_lite::Regex::new(pattern).ok()));
                self.patterns.len() - 1
            }
        };
        // JSON Schema patterns are unanchored searches; an unusable one accepts nothing.
        self.patterns[at]
            .1
            .as_ref()
            .is_some_and(|r| r.is_match(text))
    }

    fn number(&mut self, s: &Map<String, Value>, n: &serde_json::Number, path: &str) {
        let Some(x) = n.as_f64() else { return };
        let bound = |k: &str| s.get(k).and_then(Value::as_f64);
        if let Some(min) = bound("minimum") {
            if x < min {
                self.fail(path, "out_of_range", format!("must be at least {min}"));
            }
        }
        if let Some(max) = bound("maximum") {
            if x > max {
                self.fail(path, "out_of_range", format!("must be at most {max}"));
            }
        }
        if let Some(min) = bound("exclusiveMinimum") {
            if x <= min {
                self.fail(path, "out_of_range", format!("must be more than {min}"));
            }
        }
        if let Some(max) = bound("exclusiveMaximum") {
            if x >= max {
                self.fail(path, "out_of_range", format!("must be less than {max}"));
            }
        }
    }
}

/// JSON Schema counts a number with no fractional part as an integer (`5.0` is an `integer`),
/// while serde refuses `5.0` for an integer field: such numbers become integers before a body
/// is checked and decoded, so both agree. (Harmless for float fields, which take integers.)
pub fn integral_numbers(v: &mut Value) {
    match v {
        Value::Number(n) if !(n.is_i64() || n.is_u64()) => {
            if let Some(x) = n.as_f64() {
                // Within ±2^63, where the conversion is exact for an integral f64.
                if x.fract() == 0.0 && x.abs() < 9.223_372_036_854_775e18 {
                    #[allow(clippy::cast_possible_truncation)]
                    let i = x as i64;
                    *v = Value::from(i);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(integral_numbers),
        Value::Object(m) => m.values_mut().for_each(integral_numbers),
        _ => {}
    }
}

/// JSON pointer escaping of one segment.
fn escape(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn codes(schema: Value, v: Value) -> Vec<(String, String)> {
        check(&schema, &v, "")
            .into_iter()
            .map(|e| (e.path, e.code))
            .collect()
    }

    #[test]
    fn objects_types_and_required() {
        let s = json!({"type": "object", "required": ["name"], "additionalProperties": false,
            "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 3}, "n": {"type": ["integer", "null"], "minimum": 0, "maximum": 5}}});
        assert!(codes(s.clone(), json!({"name": "ab", "n": null})).is_empty());
        assert_eq!(
            codes(s.clone(), json!({"n": 9, "x": 1})),
            [
                ("/name".into(), "required".into()),
                ("/n".into(), "out_of_range".into()),
                ("/x".into(), "unknown_field".into())
            ]
        );
        assert_eq!(
            codes(s.clone(), json!([null, null])),
            [("".into(), "invalid_type".into())]
        );
        assert_eq!(
            codes(s.clone(), json!({"name": "abcd"})),
            [("/name".into(), "invalid_length".into())]
        );
        assert_eq!(
            codes(s, json!({"name": "a", "n": 1.5})),
            [("/n".into(), "invalid_type".into())]
        );
    }

    #[test]
    fn combinators_enums_patterns_arrays() {
        let s = json!({"oneOf": [{"type": "string", "enum": ["a", "b"]}, {"type": "object", "required": ["custom"], "properties": {"custom": {"type": "string"}}, "additionalProperties": false}]});
        assert!(accepts(&s, &json!("a")));
        assert!(accepts(&s, &json!({"custom": "x"})));
        assert!(!accepts(&s, &json!("c")));
        assert!(!accepts(&s, &json!({"custom": 1})));
        let p = json!({"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"});
        assert!(accepts(&p, &json!("acme-shop")));
        assert!(!accepts(&p, &json!("Acme")));
        let a = json!({"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 2, "uniqueItems": true});
        assert_eq!(
            codes(a.clone(), json!([])),
            [("".into(), "invalid_length".into())]
        );
        assert_eq!(
            codes(a.clone(), json!([1, 1])),
            [("".into(), "invalid_value".into())]
        );
        assert_eq!(
            codes(a, json!([1, "x"])),
            [("/1".into(), "invalid_type".into())]
        );
        assert!(accepts(&json!({"not": {"type": "null"}}), &json!(1)));
        assert!(!accepts(&json!({"not": {"type": "null"}}), &json!(null)));
    }

    #[test]
    fn integral_floats_are_integers() {
        let mut v = json!({"a": 5.0, "b": [2.5, -3.0], "c": 1e300});
        integral_numbers(&mut v);
        assert_eq!(v, json!({"a": 5, "b": [2.5, -3], "c": 1e300}));
        assert!(accepts(&json!({"type": "integer", "maximum": 5}), &v["a"]));
    }

    #[test]
    fn deep_and_huge_inputs_are_bounded() {
        let s = json!({"type": "array", "items": {"$ref": "#/components/schemas/Nope"}});
        let mut v = json!(1);
        for _ in 0..200 {
            v = json!([v]);
        }
        let e = check(&json!({"anyOf": [{"type": "array"}]}), &v, "");
        assert!(e.is_empty());
        let many: Vec<Value> = (0..10_000).map(|_| json!(1)).collect();
        assert_eq!(check(&s, &Value::Array(many), "").len(), MAX_ERRORS);
    }

    #[test]
    fn the_document_uses_only_implemented_keywords() {
        fn walk(v: &Value, out: &mut Vec<String>) {
            match v {
                Value::Object(m) => {
                    for (k, sub) in m {
                        // Keys under `properties` are field names, not keywords.
                        if k == "properties" {
                            if let Value::Object(props) = sub {
                                props.values().for_each(|p| walk(p, out));
                            }
                            continue;
                        }
                        out.push(k.clone());
                        // Values of annotations and of enum/const are data, not schemas.
                        if !matches!(k.as_str(), "default" | "examples" | "enum" | "const") {
                            walk(sub, out);
                        }
                    }
                }
                Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        let mut keys = Vec::new();
        walk(&document()["components"]["schemas"], &mut keys);
        let annotations = [
            "description",
            "format",
            "default",
            "title",
            "examples",
            "deprecated",
            "readOnly",
            "writeOnly",
            "$schema",
            "x-semantic-errors",
        ];
        for k in keys {
            let schema_name_level = k.chars().next().is_some_and(char::is_uppercase);
            assert!(
                schema_name_level
                    || KEYWORDS.contains(&k.as_str())
                    || annotations.contains(&k.as_str()),
                "the document uses `{k}`, which schema.rs does not implement"
            );
        }
    }
}
