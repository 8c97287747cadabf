//! Request validation against the published OpenAPI document: every JSON body is checked
//! against the very schema `GET /api/v1/openapi.json` serves for it (and every query parameter
//! against its declared schema) before a handler sees it. So what the document promises and
//! what the API accepts cannot drift: a constraint exists once, as a schema (generated from the
//! Rust types and their `schemars` attributes), and is enforced from there.
//!
//! The check streams over the body's bytes and never builds the document in memory (a
//! `serde_json::Value` of a 5 MB body of tiny values takes hundreds of MB): memory is the nesting
//! depth, plus the raw text of a value with alternatives (`anyOf`, `oneOf`, `not`), which is
//! borrowed from the body and read again for each alternative. Only a body that passes is
//! decoded, into types whose sizes its schema bounds.
//!
//! Written here rather than taken from a JSON Schema crate: those build the document as a tree
//! first (the memory problem above) and pull in URL resolution, large regex engines and format
//! checkers that would double the Worker's size, while the schemas `schemars` generates use a
//! small, fixed subset of draft 2020-12: `$ref` into `#/components/schemas`, `type`, `enum`,
//! `const`, `properties`, `required`, `additionalProperties`, `maxProperties`, `items`,
//! `minItems`/`maxItems`, `minLength`/`maxLength` (in characters), `pattern` (regex-lite),
//! `minimum`/`maximum` (and their exclusive forms), `anyOf`, `oneOf`, `allOf`, `not`. Unknown
//! keywords (`format`, `description`, `default`…) do not constrain, as the specification says;
//! a test checks that the generated document uses no other constraining keyword.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use crate::api::FieldError;

/// Errors reported per request at most.
const MAX_ERRORS: usize = 50;
/// Deeper nesting is refused (no request needs it; serde_json stops at 128 anyway).
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
    "maxProperties",
    "items",
    "minItems",
    "maxItems",
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

/// Field errors of the JSON text `json` against `schema` (empty when valid), paths being JSON
/// pointers under `at`. `Err` when `json` is not JSON.
pub fn check_json(
    schema: &Value,
    json: &[u8],
    at: &str,
) -> Result<Vec<FieldError>, serde_json::Error> {
    let cx = Cx::default();
    let mut de = serde_json::Deserializer::from_slice(json);
    Node::new(&cx, vec![schema], at.to_owned(), 0).deserialize(&mut de)?;
    de.end()?;
    Ok(cx.errors.into_inner())
}

/// Field errors of a value (a query parameter) against `schema`.
pub fn check(schema: &Value, value: &Value, at: &str) -> Vec<FieldError> {
    check_json(schema, value.to_string().as_bytes(), at).unwrap_or_default()
}

/// Does `value` satisfy `schema`?
pub fn accepts(schema: &Value, value: &Value) -> bool {
    check(schema, value, "").is_empty()
}

/// JSON Schema counts a number with no fractional part as an integer (`5.0` is an `integer`),
/// while serde refuses `5.0` for an integer field. The number tokens of a body that are
/// integral (`5.0`, `1e3`, `-2.50e1`) are rewritten as integers before it is checked and
/// decoded, so both agree (harmless for float fields, which take integers). Strings are left
/// alone; a body with no such token is returned as it is.
pub fn integral_numbers(json: &[u8]) -> Cow<'_, [u8]> {
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < json.len() {
        match json[i] {
            b'"' => {
                i += 1;
                while i < json.len() && json[i] != b'"' {
                    i += if json[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < json.len()
                    && matches!(json[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                let token = &json[start..i];
                if token.iter().any(|b| matches!(b, b'.' | b'e' | b'E')) {
                    let x: Option<f64> =
                        std::str::from_utf8(token).ok().and_then(|t| t.parse().ok());
                    // Within ±2^53, where every integer is exact in an f64.
                    if let Some(x) =
                        x.filter(|x| x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_992.0)
                    {
                        let o = out.get_or_insert_with(|| Vec::with_capacity(json.len()));
                        o.extend_from_slice(&json[copied..start]);
                        #[allow(clippy::cast_possible_truncation)]
                        o.extend_from_slice((x as i64).to_string().as_bytes());
                        copied = i;
                    }
                }
            }
            _ => i += 1,
        }
    }
    match out {
        None => Cow::Borrowed(json),
        Some(mut o) => {
            o.extend_from_slice(&json[copied.min(json.len())..]);
            Cow::Owned(o)
        }
    }
}

#[derive(Default)]
struct Cx {
    errors: RefCell<Vec<FieldError>>,
    /// Compiled patterns (a schema has few).
    patterns: RefCell<Vec<(String, Option<regex_lite::Regex>)>>,
}

impl Cx {
    fn fail(&self, path: &str, code: &str, message: String) {
        let mut e = self.errors.borrow_mut();
        if e.len() < MAX_ERRORS {
            e.push(FieldError {
                path: path.to_owned(),
                code: code.to_owned(),
                message,
            });
        }
    }

    fn matches(&self, pattern: &str, text: &str) -> bool {
        let mut p = self.patterns.borrow_mut();
        let at = match p.iter().position(|(s, _)| s == pattern) {
            Some(i) => i,
            None => {
                p.push((pattern.to_owned(), regex_lite::Regex::new(pattern).ok()));
                p.len() - 1
            }
        };
        // JSON Schema patterns are unanchored searches; an unusable one accepts nothing.
        p[at].1.as_ref().is_some_and(|r| r.is_match(text))
    }
}

/// The schema objects that all apply to one value (`$ref` and `allOf` flattened), and where.
struct Node<'s, 'c> {
    cx: &'c Cx,
    parts: Vec<&'s Map<String, Value>>,
    /// A `false` schema applies: nothing is allowed.
    never: bool,
    path: String,
    depth: usize,
}

/// Flattens `$ref` and `allOf` into the list of schema objects that apply.
fn flatten<'s>(
    schema: &'s Value,
    parts: &mut Vec<&'s Map<String, Value>>,
    never: &mut bool,
    depth: usize,
) {
    match schema {
        Value::Bool(false) => *never = true,
        Value::Object(m) if depth < MAX_DEPTH => {
            parts.push(m);
            if let Some(target) = m
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                .and_then(component)
            {
                flatten(target, parts, never, depth + 1);
            }
            if let Some(all) = m.get("allOf").and_then(Value::as_array) {
                for sub in all {
                    flatten(sub, parts, never, depth + 1);
                }
            }
        }
        _ => {}
    }
}

impl<'s, 'c> Node<'s, 'c> {
    fn new(cx: &'c Cx, schemas: Vec<&'s Value>, path: String, depth: usize) -> Self {
        let mut parts = Vec::new();
        let mut never = false;
        for s in schemas {
            flatten(s, &mut parts, &mut never, depth);
        }
        Node {
            cx,
            parts,
            never,
            path,
            depth,
        }
    }

    fn get<'k>(&'k self, key: &'k str) -> impl Iterator<Item = &'s Value> + 'k {
        self.parts.iter().filter_map(move |p| p.get(key))
    }

    fn num(&self, key: &str) -> Option<f64> {
        self.get(key).filter_map(Value::as_f64).reduce(
            if key.starts_with("min") || key.starts_with("exclusiveMin") {
                f64::max
            } else {
                f64::min
            },
        )
    }

    fn count(&self, key: &str) -> Option<u64> {
        let all = self.get(key).filter_map(Value::as_u64);
        if key.starts_with("min") {
            all.max()
        } else {
            all.min()
        }
    }

    /// Does this value need its raw text (alternatives to try, or an enum of containers)?
    fn needs_raw(&self) -> bool {
        self.parts.iter().any(|p| {
            p.contains_key("anyOf")
                || p.contains_key("oneOf")
                || p.contains_key("not")
                || p.get("enum")
                    .and_then(Value::as_array)
                    .is_some_and(|e| e.iter().any(|v| v.is_object() || v.is_array()))
                || p.get("const")
                    .is_some_and(|v| v.is_object() || v.is_array())
        })
    }

    fn fail(&self, code: &str, message: String) {
        self.cx.fail(&self.path, code, message);
    }

    fn type_ok(&self, actual: &str) -> bool {
        self.parts
            .iter()
            .filter_map(|p| p.get("type"))
            .all(|t| match t {
                Value::String(t) => accepts_type(t, actual),
                Value::Array(ts) => ts
                    .iter()
                    .filter_map(Value::as_str)
                    .any(|t| accepts_type(t, actual)),
                _ => true,
            })
    }

    fn wanted(&self) -> String {
        self.get("type")
            .map(|t| match t {
                Value::Array(ts) => ts
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(" or "),
                other => other.as_str().unwrap_or("?").to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" and ")
    }

    /// Type, enum and const of a scalar.
    fn scalar(&self, actual: &str, value: &Value) -> bool {
        if self.never {
            self.fail("invalid_value", "no value is allowed here".into());
            return false;
        }
        if !self.type_ok(actual) {
            self.fail(
                "invalid_type",
                format!("expected {}, got {actual}", self.wanted()),
            );
            return false;
        }
        for e in self.get("enum").filter_map(Value::as_array) {
            if !e.contains(value) {
                let list: Vec<String> = e.iter().map(Value::to_string).collect();
                self.fail(
                    "invalid_value",
                    format!("must be one of: {}", list.join(", ")),
                );
            }
        }
        for c in self.get("const") {
            if c != value {
                self.fail("invalid_value", format!("must be {c}"));
            }
        }
        true
    }

    fn string(&self, text: &str) {
        if !self.scalar("string", &Value::String(text.to_owned())) {
            return;
        }
        let chars = text.chars().count() as u64;
        if let Some(min) = self.count("minLength").filter(|m| chars < *m) {
            self.fail(
                "invalid_length",
                format!("must be at least {min} characters"),
            );
        }
        if let Some(max) = self.count("maxLength").filter(|m| chars > *m) {
            self.fail(
                "invalid_length",
                format!("must be at most {max} characters"),
            );
        }
        for p in self.get("pattern").filter_map(Value::as_str) {
            if !self.cx.matches(p, text) {
                self.fail("invalid_value", format!("must match the pattern {p}"));
            }
        }
    }

    fn number(&self, n: serde_json::Number) {
        let actual = if n.is_i64() || n.is_u64() {
            "integer"
        } else {
            "number"
        };
        if !self.scalar(actual, &Value::Number(n.clone())) {
            return;
        }
        let Some(x) = n.as_f64() else { return };
        if let Some(min) = self.num("minimum").filter(|m| x < *m) {
            self.fail("out_of_range", format!("must be at least {min}"));
        }
        if let Some(max) = self.num("maximum").filter(|m| x > *m) {
            self.fail("out_of_range", format!("must be at most {max}"));
        }
        if let Some(min) = self.num("exclusiveMinimum").filter(|m| x <= *m) {
            self.fail("out_of_range", format!("must be more than {min}"));
        }
        if let Some(max) = self.num("exclusiveMaximum").filter(|m| x >= *m) {
            self.fail("out_of_range", format!("must be less than {max}"));
        }
    }

    fn child(&self, schemas: Vec<&'s Value>, segment: &str) -> Node<'s, 'c> {
        let mut path = String::with_capacity(self.path.len() + segment.len() + 1);
        path.push_str(&self.path);
        path.push('/');
        path.push_str(&segment.replace('~', "~0").replace('/', "~1"));
        Node::new(self.cx, schemas, path, self.depth + 1)
    }

    /// The schemas a property applies, and whether it is allowed at all.
    fn property(&self, key: &str) -> (Vec<&'s Value>, bool) {
        let mut schemas = Vec::new();
        let mut allowed = true;
        for p in &self.parts {
            match p
                .get("properties")
                .and_then(Value::as_object)
                .and_then(|props| props.get(key))
            {
                Some(s) => schemas.push(s),
                None => match p.get("additionalProperties") {
                    Some(Value::Bool(false)) => allowed = false,
                    Some(s) => schemas.push(s),
                    None => {}
                },
            }
        }
        (schemas, allowed)
    }

    /// The errors `schema` finds in the value whose raw text is `raw` (empty: it passes).
    fn errors_of(&self, raw: &str, schema: &Value) -> Vec<FieldError> {
        let cx = self.cx;
        let saved = std::mem::take(&mut *cx.errors.borrow_mut());
        let mut de = serde_json::Deserializer::from_str(raw);
        let parsed = Node::new(cx, vec![schema], self.path.clone(), self.depth + 1)
            .deserialize(&mut de)
            .is_ok();
        let mut errors = std::mem::replace(&mut *cx.errors.borrow_mut(), saved);
        if !parsed && errors.is_empty() {
            errors.push(FieldError {
                path: self.path.clone(),
                code: "invalid_value".into(),
                message: "is not valid JSON here".into(),
            });
        }
        errors
    }

    /// No alternative of an `anyOf`/`oneOf` accepts the value: say why as precisely as the
    /// alternatives allow. The API's alternatives are objects told apart by their `type`
    /// property (an LLM provider or a WooCommerce store, …): when exactly one alternative
    /// accepts the value's `type`, its own errors are the answer (a missing `/name`); when none
    /// does, the `type` is (one error at `/type` listing what each alternative said). Other
    /// shapes get one error at the value.
    fn none_matched(&self, raw: &str, alternatives: &[Value]) {
        let discriminator = format!("{}/type", self.path);
        let mut errors: Vec<Vec<FieldError>> = alternatives
            .iter()
            .map(|s| self.errors_of(raw, s))
            .collect();
        // Alternatives of another JSON type (the `null` of a nullable object) say nothing
        // about what is wrong inside the value.
        let other_type = |e: &Vec<FieldError>| {
            e.iter()
                .any(|f| f.path == self.path && f.code == "invalid_type")
        };
        if errors.iter().any(|e| !other_type(e)) {
            errors.retain(|e| !other_type(e));
        }
        let at_type = |e: &[FieldError]| e.iter().any(|f| f.path == discriminator);
        let typed: Vec<&Vec<FieldError>> = errors.iter().filter(|e| !at_type(e)).collect();
        if let [only] = typed.as_slice() {
            for e in only.iter() {
                self.cx.fail(&e.path, &e.code, e.message.clone());
            }
            return;
        }
        if typed.is_empty() && !errors.is_empty() {
            let said: Vec<&str> = errors
                .iter()
                .filter_map(|e| e.iter().find(|f| f.path == discriminator))
                .map(|f| f.message.as_str())
                .collect();
            self.cx.fail(
                &discriminator,
                "invalid_value",
                format!("matches none of the allowed types ({})", said.join("; ")),
            );
            return;
        }
        self.fail("invalid_value", "matches none of the allowed shapes".into());
    }

    /// The alternatives of a value whose raw text is at hand.
    fn alternatives(&self, raw: &str) {
        let passes = |schema: &Value| -> bool { self.errors_of(raw, schema).is_empty() };
        for p in &self.parts {
            if let Some(any) = p.get("anyOf").and_then(Value::as_array) {
                if !any.iter().any(passes) {
                    self.none_matched(raw, any);
                }
            }
            if let Some(one) = p.get("oneOf").and_then(Value::as_array) {
                match one.iter().filter(|s| passes(s)).count() {
                    1 => {}
                    0 => self.none_matched(raw, one),
                    _ => self.fail(
                        "invalid_value",
                        "matches more than one of the allowed shapes".into(),
                    ),
                }
            }
            if let Some(not) = p.get("not") {
                if passes(not) {
                    self.fail("invalid_value", "is a value that is not allowed".into());
                }
            }
        }
        // Enums and consts of containers compare whole values (small, by their schemas).
        let whole = || serde_json::from_str::<Value>(raw).unwrap_or(Value::Null);
        for p in &self.parts {
            if let Some(e) = p
                .get("enum")
                .and_then(Value::as_array)
                .filter(|e| e.iter().any(|v| v.is_object() || v.is_array()))
            {
                if !e.contains(&whole()) {
                    self.fail("invalid_value", "is not one of the allowed values".into());
                }
            }
            if let Some(c) = p.get("const").filter(|c| c.is_object() || c.is_array()) {
                if *c != whole() {
                    self.fail("invalid_value", format!("must be {c}"));
                }
            }
        }
    }

    /// The node without its alternatives (they are checked from the raw text).
    fn plain(&self) -> Node<'s, 'c> {
        Node {
            cx: self.cx,
            parts: self.parts.clone(),
            never: self.never,
            path: self.path.clone(),
            depth: self.depth,
        }
    }
}

fn accepts_type(expected: &str, actual: &str) -> bool {
    expected == actual || (expected == "number" && actual == "integer")
}

impl<'de> DeserializeSeed<'de> for Node<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if self.depth > MAX_DEPTH {
            self.fail("too_deep", format!("nested deeper than {MAX_DEPTH} levels"));
            IgnoredAny::deserialize(d)?;
            return Ok(());
        }
        if self.needs_raw() {
            let raw: &RawValue = Deserialize::deserialize(d)?;
            let text = raw.get();
            let mut de = serde_json::Deserializer::from_str(text);
            let plain = Plain(self.plain());
            de::Deserializer::deserialize_any(&mut de, plain).map_err(de::Error::custom)?;
            self.alternatives(text);
            return Ok(());
        }
        d.deserialize_any(Plain(self))
    }
}

/// Visits a value with every keyword but the alternatives.
struct Plain<'s, 'c>(Node<'s, 'c>);

impl<'de> Visitor<'de> for Plain<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.0.scalar("boolean", &Value::Bool(v));
        Ok(())
    }

    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.0.number(v.into());
        Ok(())
    }

    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.0.number(v.into());
        Ok(())
    }

    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        match serde_json::Number::from_f64(v) {
            Some(n) => self.0.number(n),
            None => self.0.fail("invalid_type", "not a finite number".into()),
        }
        Ok(())
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.0.string(v);
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.0.scalar("null", &Value::Null);
        Ok(())
    }

    fn visit_none<E>(self) -> Result<(), E> {
        self.0.scalar("null", &Value::Null);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let n = &self.0;
        let ok = !n.never && n.type_ok("array");
        if !ok {
            n.fail(
                "invalid_type",
                format!("expected {}, got array", n.wanted()),
            );
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(());
        }
        let items: Vec<&Value> = n.get("items").collect();
        let max = n.count("maxItems");
        let mut count: u64 = 0;
        loop {
            count += 1;
            if items.is_empty()
                || max.is_some_and(|m| count > m)
                || n.cx.errors.borrow().len() >= MAX_ERRORS
            {
                // Nothing to check, or past the limit: the rest is only skipped (its length
                // still counts).
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    count -= 1;
                    break;
                }
                continue;
            }
            let child = n.child(items.clone(), &(count - 1).to_string());
            if seq.next_element_seed(child)?.is_none() {
                count -= 1;
                break;
            }
        }
        if let Some(min) = n.count("minItems").filter(|m| count < *m) {
            n.fail("invalid_length", format!("needs at least {min} items"));
        }
        if let Some(max) = max.filter(|m| count > *m) {
            n.fail("invalid_length", format!("holds at most {max} items"));
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let n = &self.0;
        if n.never || !n.type_ok("object") {
            n.fail(
                "invalid_type",
                format!("expected {}, got object", n.wanted()),
            );
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(());
        }
        let required: Vec<&str> = n
            .get("required")
            .filter_map(Value::as_array)
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let mut seen = vec![false; required.len()];
        let max = n.count("maxProperties");
        let mut count: u64 = 0;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            count += 1;
            for (i, r) in required.iter().enumerate() {
                seen[i] |= *r == key;
            }
            let (schemas, allowed) = n.property(&key);
            if !allowed {
                let p = format!("{}/{}", n.path, key.replace('~', "~0").replace('/', "~1"));
                n.cx.fail(&p, "unknown_field", format!("unknown field `{key}`"));
                map.next_value::<IgnoredAny>()?;
            } else if schemas.is_empty() || n.cx.errors.borrow().len() >= MAX_ERRORS {
                map.next_value::<IgnoredAny>()?;
            } else {
                map.next_value_seed(n.child(schemas, &key))?;
            }
        }
        for (i, r) in required.iter().enumerate() {
            if !seen[i] {
                let p = format!("{}/{}", n.path, r.replace('~', "~0").replace('/', "~1"));
                n.cx.fail(&p, "required", format!("missing field `{r}`"));
            }
        }
        if let Some(max) = max.filter(|m| count > *m) {
            n.fail("invalid_length", format!("holds at most {max} properties"));
        }
        Ok(())
    }
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
    fn alternatives_told_apart_by_type_report_the_errors_of_the_one_that_fits() {
        let s = json!({"oneOf": [
            {"type": "object", "required": ["type", "name"], "additionalProperties": false,
             "properties": {"type": {"type": "string", "enum": ["openai", "offline"]}, "name": {"type": "string"}}},
            {"type": "object", "required": ["type", "url"], "additionalProperties": false,
             "properties": {"type": {"type": "string", "enum": ["woocommerce"]}, "url": {"type": "string"}}}
        ]});
        assert!(codes(s.clone(), json!({"type": "offline", "name": "x"})).is_empty());
        // The type picks the alternative: its own errors, with their paths.
        assert_eq!(
            codes(s.clone(), json!({"type": "openai"})),
            [("/name".into(), "required".into())]
        );
        assert_eq!(
            codes(s.clone(), json!({"type": "woocommerce", "name": "x"})),
            [
                ("/name".into(), "unknown_field".into()),
                ("/url".into(), "required".into())
            ]
        );
        // No alternative takes the type: the type is wrong.
        let e = check(&s, &json!({"type": "gpt-9000", "name": "x"}), "");
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            (e[0].path.as_str(), e[0].code.as_str()),
            ("/type", "invalid_value")
        );
        assert!(
            e[0].message.contains("matches none of the allowed types"),
            "{}",
            e[0].message
        );
        // A nullable object: the object's errors, not the null's.
        let n = json!({"anyOf": [{"type": "object", "required": ["a"]}, {"type": "null"}]});
        assert_eq!(codes(n, json!({})), [("/a".into(), "required".into())]);
        // Shapes without a telling property: one error at the value.
        let t = json!({"oneOf": [{"type": "string", "minLength": 3}, {"type": "string", "maxLength": 1}]});
        assert_eq!(codes(t, json!("ab")), [("".into(), "invalid_value".into())]);
    }

    #[test]
    fn objects_types_and_required() {
        let s = json!({"type": "object", "required": ["name"], "additionalProperties": false,
            "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 3}, "n": {"type": ["integer", "null"], "minimum": 0, "maximum": 5}}});
        assert!(codes(s.clone(), json!({"name": "ab", "n": null})).is_empty());
        assert_eq!(
            codes(s.clone(), json!({"n": 9, "x": 1})),
            [
                ("/n".into(), "out_of_range".into()),
                ("/x".into(), "unknown_field".into()),
                ("/name".into(), "required".into()),
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
        let a =
            json!({"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 2});
        assert_eq!(
            codes(a.clone(), json!([])),
            [("".into(), "invalid_length".into())]
        );
        assert_eq!(
            codes(a.clone(), json!([1, 2, 3])),
            [("".into(), "invalid_length".into())]
        );
        assert_eq!(
            codes(a, json!([1, "x"])),
            [("/1".into(), "invalid_type".into())]
        );
        assert!(accepts(&json!({"not": {"type": "null"}}), &json!(1)));
        assert!(!accepts(&json!({"not": {"type": "null"}}), &json!(null)));
        let m = json!({"type": "object", "maxProperties": 1});
        assert!(accepts(&m, &json!({"a": 1})));
        assert!(!accepts(&m, &json!({"a": 1, "b": 2})));
        // Alternatives nested in alternatives, and allOf, see the same raw text.
        let nested = json!({"anyOf": [{"allOf": [{"type": "object"}, {"required": ["a"]}]}, {"type": "null"}]});
        assert!(accepts(&nested, &json!({"a": [1, {"b": 2}]})));
        assert!(!accepts(&nested, &json!({"b": 1})));
    }

    #[test]
    fn bodies_are_checked_without_being_built() {
        let s = json!({"type": "object", "properties": {"l": {"type": "array", "maxItems": 3, "items": {"type": "string"}}}});
        let big = format!(r#"{{"l": [{}]}}"#, vec!["\"x\""; 100_000].join(","));
        let e = check_json(&s, big.as_bytes(), "").unwrap();
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].path.as_str(), e[0].code.as_str()),
            ("/l", "invalid_length")
        );
        assert!(check_json(&s, b"{", "").is_err());
        assert!(check_json(&s, b"{} x", "").is_err());
    }

    #[test]
    fn integral_number_tokens_become_integers() {
        let body = br#"{"a": 5.0, "b": [2.5, -3.00, 1e3, 1.5e1], "c": "5.0 stays", "d": 1e300, "e\"5.0": 0}"#;
        let out = integral_numbers(body);
        assert_eq!(
            std::str::from_utf8(&out).unwrap(),
            r#"{"a": 5, "b": [2.5, -3, 1000, 15], "c": "5.0 stays", "d": 1e300, "e\"5.0": 0}"#
        );
        assert!(matches!(integral_numbers(b"{\"a\": 5}"), Cow::Borrowed(_)));
        assert!(accepts(
            &json!({"type": "integer", "maximum": 5}),
            &serde_json::from_slice(&integral_numbers(b"5.0")).unwrap()
        ));
    }

    #[test]
    fn deep_inputs_are_bounded() {
        let s = json!({"type": "array", "items": {"$ref": "#/components/schemas/Nope"}});
        let mut v = json!(1);
        for _ in 0..100 {
            v = json!([v]);
        }
        assert!(check(&json!({"anyOf": [{"type": "array"}]}), &v, "").is_empty());
        let many: Vec<Value> = (0..10_000).map(|_| json!(1)).collect();
        assert!(check(&s, &Value::Array(many), "").len() <= MAX_ERRORS);
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
