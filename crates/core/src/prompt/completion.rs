//! Reading the model's answer: [`parse_completion`] turns free-form model output into a
//! [`Completion`], repairing the usual ways models break JSON.
//!
//! Steps, each recorded in [`Completion::repairs`] when it changed something:
//! 1. strip a byte-order mark ([`Repair::Bom`]);
//! 2. drop a `<think>…</think>` reasoning preamble and take the first ```` ``` ```` fenced
//!    block that holds a `{` ([`Repair::CodeFence`]);
//! 3. take the first balanced top-level `{…}` object, matching braces outside strings
//!    ([`Repair::SurroundingProse`] when text was around it);
//! 4. parse strictly; only if that fails, turn typographic quotes used as JSON delimiters into
//!    ASCII ones ([`Repair::SmartQuotes`]) and drop commas before `}`/`]`
//!    ([`Repair::TrailingComma`]), then parse again. Typographic quotes inside valid strings
//!    are content and are never touched;
//! 5. map field names (case-, `-`/space- and camelCase-insensitive, with aliases such as
//!    `long_description`, `meta_title`, `title_tag`, `meta`) onto [`Completion`]'s fields and
//!    check their types. A string where a list is expected becomes a one-item list.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::error::{line_column, CompletionError};
use crate::content::GeneratedContent;

/// What a model answered, normalized: the content fields, and what had to be repaired.
/// On the wire the content fields sit at the top level beside `repairs`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Completion {
    /// The content fields.
    #[serde(flatten)]
    pub content: GeneratedContent,
    /// What [`parse_completion`] had to fix, in the order applied.
    pub repairs: Vec<Repair>,
}

/// A fix [`parse_completion`] applied to the model's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Repair {
    /// A leading byte-order mark was removed.
    Bom,
    /// The JSON was inside a Markdown code fence.
    CodeFence,
    /// Text before or after the JSON object was dropped.
    SurroundingProse,
    /// Typographic quotes used as JSON string delimiters were replaced with `"`.
    SmartQuotes,
    /// Commas before `}` or `]` were removed.
    TrailingComma,
}

/// Parses a model's answer into a [`Completion`]. Never panics, whatever the input.
pub fn parse_completion(text: &str) -> Result<Completion, CompletionError> {
    let mut repairs = Vec::new();

    // 1. BOM (possibly after leading whitespace).
    let mut start = 0;
    let trimmed = text.trim_start();
    if let Some(rest) = trimmed.strip_prefix('\u{feff}') {
        start = text.len() - rest.len();
        repairs.push(Repair::Bom);
    }
    let mut scope = start..text.len();
    if text.get(scope.clone()).is_none_or(|s| s.trim().is_empty()) {
        return Err(CompletionError::Empty);
    }
    let mut outer_prose = false;

    // 2a. Reasoning preamble of "thinking" models.
    if let Some(end) = slice(text, &scope).rfind("</think>") {
        scope.start += end + "</think>".len();
        outer_prose = true;
    }
    // 2b. Code fence.
    let whole = slice(text, &scope);
    if let Some((outer, inner)) = fenced(whole) {
        outer_prose |= has_text_around(whole, &outer);
        scope = scope.start + inner.start..scope.start + inner.end;
        repairs.push(Repair::CodeFence);
    }
    let scoped = slice(text, &scope);
    if scoped.trim().is_empty() {
        return Err(CompletionError::Empty);
    }

    // 3. The first balanced object.
    let Some(object) = first_object(scoped) else {
        return Err(CompletionError::NoJson);
    };
    let candidate = scoped.get(object.clone()).unwrap_or_default();

    // 4. Strict parse, then the repairs.
    let (value, object_prose, fixes) = match serde_json::from_str::<Value>(candidate) {
        Ok(v) => (v, has_text_around(scoped, &object), Vec::new()),
        Err(first) => match repaired_parse(scoped) {
            Some(parsed) => parsed,
            None => {
                let offset = scope.start + object.start + byte_offset(candidate, &first);
                let (line, column) = line_column(text, offset);
                return Err(CompletionError::InvalidJson {
                    message: strip_position(&first.to_string()),
                    line,
                    column,
                });
            }
        },
    };
    if outer_prose || object_prose {
        repairs.push(Repair::SurroundingProse);
    }
    repairs.extend(fixes);

    // 5. Fields.
    let Value::Object(map) = value else {
        return Err(schema("", "expected a JSON object"));
    };
    let mut completion = read_fields(&map, "")?;
    completion.repairs = repairs;
    Ok(completion)
}

fn slice<'a>(text: &'a str, range: &std::ops::Range<usize>) -> &'a str {
    text.get(range.clone()).unwrap_or_default()
}

/// Whether `text` has non-whitespace outside `range`.
fn has_text_around(text: &str, range: &std::ops::Range<usize>) -> bool {
    let outside = |s: Option<&str>| s.is_some_and(|s| !s.trim().is_empty());
    outside(text.get(..range.start)) || outside(text.get(range.end..))
}

/// The first fenced block that contains a `{` (or the first fenced block, when none does):
/// its whole range including the fences, and its content range. The info string (`json`) is
/// skipped; an unclosed fence runs to the end.
fn fenced(text: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let mut first = None;
    let mut search = 0;
    while let Some(found) = text.get(search..)?.find("```") {
        let open = search + found;
        // A fence opens a line (after optional indentation); backticks inside a line, e.g. in
        // a JSON string value, are text.
        let line_start = text.get(..open)?.rfind('\n').map_or(0, |i| i + 1);
        if !text.get(line_start..open)?.trim().is_empty() {
            search = open + 3;
            continue;
        }
        // Content starts after the info string's line.
        let after_ticks = open + 3 + count_leading(text.get(open + 3..)?, '`');
        let content_start = match text.get(after_ticks..)?.find('\n') {
            Some(nl) => after_ticks + nl + 1,
            None => text.len(),
        };
        let info = text.get(after_ticks..content_start)?.trim();
        // An info string with spaces or braces is not one: `` ```{"a":1}``` ``.
        let content_start = if info.contains('{') || info.contains(' ') {
            after_ticks
        } else {
            content_start
        };
        let content_end = closing_fence(text, content_start).unwrap_or(text.len());
        let range = content_start..content_end;
        let outer = open..(content_end + 3).min(text.len());
        if text.get(range.clone())?.contains('{') {
            return Some((outer, range));
        }
        first.get_or_insert((outer, range));
        search = (content_end + 3).min(text.len());
        if content_end >= text.len() {
            break;
        }
    }
    first
}

/// Where the fence opened before `from` closes: the first line that is only backticks (three or
/// more, as in CommonMark), else — for one-line fences like `` ```{"a":1}``` `` — the last
/// ```` ``` ```` in the text. Backticks inside a JSON string value never close the fence when
/// a proper closing line follows.
fn closing_fence(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    let mut line_start = 0;
    for line in rest.split_inclusive('\n') {
        let t = line.trim();
        if t.len() >= 3 && t.bytes().all(|b| b == b'`') {
            return Some(from + line_start + (line.len() - line.trim_start().len()));
        }
        line_start += line.len();
    }
    rest.rfind("```").map(|i| from + i)
}

fn count_leading(s: &str, c: char) -> usize {
    s.chars().take_while(|&x| x == c).count() * c.len_utf8()
}

/// The byte range of the first balanced `{…}` in `text`, tracking JSON strings and escapes.
/// When braces never balance (truncated output), the range runs from the first `{` to the end,
/// so the JSON parser reports where it broke. `None` when there is no `{` at all.
fn first_object(text: &str) -> Option<std::ops::Range<usize>> {
    let start = text.find('{')?;
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.get(start..)?.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(start..start + i + 1);
                }
            }
            _ => {}
        }
    }
    Some(start..text.len())
}

/// Applies the smart-quote and trailing-comma repairs to `scoped` (the text after fence
/// removal), re-extracts the object and parses it. Returns the value, whether text surrounds
/// the re-extracted object, and the repairs that were needed.
fn repaired_parse(scoped: &str) -> Option<(Value, bool, Vec<Repair>)> {
    let mut fixes = Vec::new();
    let quoted = fix_smart_quotes(scoped);
    let text = match quoted {
        Some(t) => {
            fixes.push(Repair::SmartQuotes);
            t
        }
        None => scoped.to_owned(),
    };
    let range = first_object(&text)?;
    let candidate = text.get(range.clone())?;
    let prose = has_text_around(&text, &range);
    let candidate = match drop_trailing_commas(candidate) {
        Some(fixed) => {
            fixes.push(Repair::TrailingComma);
            fixed
        }
        None => candidate.to_owned(),
    };
    if fixes.is_empty() {
        return None;
    }
    serde_json::from_str(&candidate)
        .ok()
        .map(|v| (v, prose, fixes))
}

const SMART_QUOTES: [char; 4] = ['\u{201c}', '\u{201d}', '\u{201e}', '\u{201f}'];

/// Rewrites strings delimited by typographic quotes (`“key”: “value”`) as JSON strings.
/// A string opened by a typographic quote ends at the next quote (typographic or ASCII)
/// followed by `:`, `,`, `}` or `]`; quotes elsewhere in it are content (ASCII ones escaped).
/// Strings opened by `"` are copied unchanged. `None` when nothing changed.
fn fix_smart_quotes(text: &str) -> Option<String> {
    if !text.contains(SMART_QUOTES) {
        return None;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while let Some(&(_, c)) = chars.get(i) {
        if c == '"' {
            // A regular JSON string: copy through its closing quote.
            out.push(c);
            i += 1;
            let mut escaped = false;
            while let Some(&(_, c)) = chars.get(i) {
                out.push(c);
                i += 1;
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    break;
                }
            }
        } else if SMART_QUOTES.contains(&c) {
            changed = true;
            out.push('"');
            i += 1;
            let mut escaped = false;
            while let Some(&(pos, c)) = chars.get(i) {
                i += 1;
                if escaped {
                    escaped = false;
                    out.push(c);
                } else if c == '\\' {
                    escaped = true;
                    out.push(c);
                } else if (c == '"' || SMART_QUOTES.contains(&c))
                    && closes_string(text.get(pos + c.len_utf8()..).unwrap_or_default())
                {
                    out.push('"');
                    break;
                } else if c == '"' {
                    out.push_str("\\\"");
                } else {
                    out.push(c);
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    changed.then_some(out)
}

/// Whether a quote followed by `rest` ends a JSON string: next non-space is `:`, `,`, `}`,
/// `]` or the end of the text.
fn closes_string(rest: &str) -> bool {
    matches!(
        rest.trim_start().chars().next(),
        None | Some(':' | ',' | '}' | ']')
    )
}

/// Removes commas directly (modulo whitespace) before `}` or `]`, outside strings.
fn drop_trailing_commas(json: &str) -> Option<String> {
    let mut out = String::with_capacity(json.len());
    let mut changed = false;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in json.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ','
            && matches!(
                json.get(i + 1..)
                    .unwrap_or_default()
                    .trim_start()
                    .chars()
                    .next(),
                Some('}' | ']')
            )
        {
            changed = true;
            continue;
        }
        out.push(c);
    }
    changed.then_some(out)
}

/// Byte offset in `json` of a serde_json error (whose column counts bytes from 1).
fn byte_offset(json: &str, err: &serde_json::Error) -> usize {
    let mut offset = 0;
    for (n, line) in json.split_inclusive('\n').enumerate() {
        if n + 1 == err.line() {
            return offset + err.column().saturating_sub(1).min(line.len());
        }
        offset += line.len();
    }
    json.len()
}

/// serde_json's message without its " at line X column Y" suffix (we report our own).
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message.get(..i).unwrap_or(message).to_owned(),
        None => message.to_owned(),
    }
}

fn schema(path: &str, message: impl Into<String>) -> CompletionError {
    CompletionError::Schema {
        path: path.to_owned(),
        message: message.into(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Description,
    ShortDescription,
    SeoTitle,
    MetaDescription,
    Slug,
    ImageAlt,
    Bullets,
    Title,
}

/// The canonical field for a normalized key: `Some((field, exact))`, `exact` when the key is
/// the canonical name itself (which wins over aliases).
fn field_of(key: &str) -> Option<(Field, bool)> {
    let field = match key {
        "description" => return Some((Field::Description, true)),
        "short_description" => return Some((Field::ShortDescription, true)),
        "seo_title" => return Some((Field::SeoTitle, true)),
        "meta_description" => return Some((Field::MetaDescription, true)),
        "slug" => return Some((Field::Slug, true)),
        "image_alt" => return Some((Field::ImageAlt, true)),
        "bullets" => return Some((Field::Bullets, true)),
        "title" => return Some((Field::Title, true)),
        "long_description" | "product_description" | "body" | "body_html" | "content" | "html" => {
            Field::Description
        }
        "short" | "short_desc" | "summary" | "excerpt" => Field::ShortDescription,
        "meta_title" | "title_tag" | "seotitle" | "page_title" | "seo_title_tag" => Field::SeoTitle,
        "meta" | "meta_desc" | "metadescription" | "seo_description" | "description_meta" => {
            Field::MetaDescription
        }
        "url_slug" | "permalink" | "handle" => Field::Slug,
        "image_alts" | "alt" | "alts" | "alt_text" | "alt_texts" | "image_alt_text"
        | "image_alt_texts" | "alt_tags" => Field::ImageAlt,
        "bullet_points" | "bulletpoints" | "key_features" | "features" | "highlights" => {
            Field::Bullets
        }
        "product_title" | "listing_title" | "name" | "product_name" => Field::Title,
        _ => return None,
    };
    Some((field, false))
}

/// `metaDescription`, `Meta-Description`, `meta description` → `meta_description`.
fn normalize_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    let mut prev_lower = false;
    for c in key.trim().chars() {
        if c.is_uppercase() {
            if prev_lower {
                out.push('_');
            }
            out.extend(c.to_lowercase());
            prev_lower = false;
        } else if c == '-' || c == ' ' || c == '_' {
            if !out.ends_with('_') {
                out.push('_');
            }
            prev_lower = false;
        } else {
            out.push(c);
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
        }
    }
    out
}

fn read_fields(map: &Map<String, Value>, prefix: &str) -> Result<Completion, CompletionError> {
    let mut completion = Completion::default();
    let mut set_exact: Vec<Field> = Vec::new();
    let mut found_any = false;
    // Canonical names first, then aliases only for fields still unset.
    for exact_pass in [true, false] {
        for (key, value) in map {
            let Some((field, exact)) = field_of(&normalize_key(key)) else {
                continue;
            };
            if exact != exact_pass || (!exact && set_exact.contains(&field)) {
                continue;
            }
            let path = format!("{prefix}/{}", escape_pointer(key));
            let filled = assign(&mut completion, field, value, &path)?;
            if filled {
                found_any = true;
                set_exact.push(field);
            }
        }
    }
    if found_any {
        return Ok(completion);
    }
    // `{"product": {...}}`-style wrappers: one object value holding the fields.
    let objects: Vec<(&String, &Map<String, Value>)> = map
        .iter()
        .filter_map(|(k, v)| v.as_object().map(|o| (k, o)))
        .collect();
    if let [(key, inner)] = objects.as_slice() {
        if prefix.is_empty() {
            return read_fields(inner, &format!("/{}", escape_pointer(key)));
        }
    }
    Err(schema(
        prefix,
        "no content field: expected at least one non-empty of description, short_description, \
         seo_title, meta_description, slug, image_alt, bullets, title",
    ))
}

/// Sets `field` from `value`; returns whether it is now non-empty. Null counts as absent.
fn assign(
    completion: &mut Completion,
    field: Field,
    value: &Value,
    path: &str,
) -> Result<bool, CompletionError> {
    let text = |value: &Value| -> Result<String, CompletionError> {
        match value {
            Value::Null => Ok(String::new()),
            Value::String(s) => Ok(s.trim().to_owned()),
            other => Err(schema(
                path,
                format!("expected a string, found {}", type_name(other)),
            )),
        }
    };
    let list = |value: &Value| -> Result<Vec<String>, CompletionError> {
        match value {
            Value::Null => Ok(Vec::new()),
            Value::String(s) => Ok(Some(s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .into_iter()
                .collect()),
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) if !s.trim().is_empty() => out.push(s.trim().to_owned()),
                        Value::String(_) | Value::Null => {}
                        other => {
                            return Err(schema(
                                &format!("{path}/{i}"),
                                format!("expected a string, found {}", type_name(other)),
                            ))
                        }
                    }
                }
                Ok(out)
            }
            other => Err(schema(
                path,
                format!("expected a list of strings, found {}", type_name(other)),
            )),
        }
    };
    let filled = match field {
        Field::Description => put(&mut completion.content.description, text(value)?),
        Field::ShortDescription => put(&mut completion.content.short_description, text(value)?),
        Field::SeoTitle => put(&mut completion.content.seo_title, text(value)?),
        Field::MetaDescription => put(&mut completion.content.meta_description, text(value)?),
        Field::Slug => put(&mut completion.content.slug, text(value)?),
        Field::Title => put(&mut completion.content.title, text(value)?),
        Field::ImageAlt => put_list(&mut completion.content.image_alt, list(value)?),
        Field::Bullets => put_list(&mut completion.content.bullets, list(value)?),
    };
    Ok(filled)
}

fn put(slot: &mut String, value: String) -> bool {
    if slot.is_empty() {
        *slot = value;
    }
    !slot.is_empty()
}

fn put_list(slot: &mut Vec<String>, value: Vec<String>) -> bool {
    if slot.is_empty() {
        *slot = value;
    }
    !slot.is_empty()
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Escapes a key for a JSON pointer (RFC 6901).
fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Completion {
        parse_completion(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    #[test]
    fn plain_json() {
        let c = ok(r#"{"description": "<p>Hi</p>", "seo_title": "Mug"}"#);
        assert_eq!(c.content.description, "<p>Hi</p>");
        assert_eq!(c.content.seo_title, "Mug");
        assert!(c.repairs.is_empty());
    }

    #[test]
    fn backticks_inside_an_unfenced_value_open_no_fence() {
        // Found by the parse_completion fuzz target.
        let c = ok(r#"{"seo_title": "S```ewar Mug", "slug": "mug"}"#);
        assert_eq!(c.content.seo_title, "S```ewar Mug");
        assert!(c.repairs.is_empty());
        let c = ok("Here:\n```JSON\n{\"seo_title\": \"S```e Mug\"}\n```\nbye");
        assert_eq!(c.content.seo_title, "S```e Mug");
    }

    #[test]
    fn backticks_inside_values_do_not_close_the_fence() {
        let c = ok("Here:\n```json\n{\"description\": \"use ``` here\"}\n```\nbye");
        assert_eq!(c.content.description, "use ``` here");
        let c = ok("```{\"slug\": \"a\"}```");
        assert_eq!(c.content.slug, "a");
    }

    #[test]
    fn fence_and_prose() {
        let c = ok("Sure! Here it is:\n```json\n{\"slug\": \"blue-mug\"}\n```\nEnjoy.");
        assert_eq!(c.content.slug, "blue-mug");
        assert_eq!(c.repairs, vec![Repair::CodeFence, Repair::SurroundingProse]);
        let c = ok("```\n{\"slug\": \"a\"}\n```");
        assert_eq!(c.repairs, vec![Repair::CodeFence]);
    }

    #[test]
    fn braces_inside_strings_do_not_end_the_object() {
        let c = ok(r#"Answer: {"description": "use {curly} and \"quotes\" }"} trailing {"x": 1}"#);
        assert_eq!(c.content.description, r#"use {curly} and "quotes" }"#);
        assert_eq!(c.repairs, vec![Repair::SurroundingProse]);
    }

    #[test]
    fn smart_quotes_as_delimiters_are_repaired_but_content_is_kept() {
        let c = ok("{\u{201c}seo_title\u{201d}: \u{201c}The \u{201c}Best\u{201d} Mug\u{201d}}");
        assert_eq!(c.content.seo_title, "The \u{201c}Best\u{201d} Mug");
        assert_eq!(c.repairs, vec![Repair::SmartQuotes]);
        // Valid JSON with typographic quotes in a value: untouched, no repair.
        let c = ok("{\"seo_title\": \"The \u{201c}Best\u{201d} Mug\"}");
        assert_eq!(c.content.seo_title, "The \u{201c}Best\u{201d} Mug");
        assert!(c.repairs.is_empty());
    }

    #[test]
    fn trailing_commas() {
        let c = ok(r#"{"bullets": ["a", "b",], "title": "T",}"#);
        assert_eq!(c.content.bullets, vec!["a", "b"]);
        assert_eq!(c.repairs, vec![Repair::TrailingComma]);
        // A comma before } inside a string is content.
        let c = ok(r#"{"title": "a,}", }"#);
        assert_eq!(c.content.title, "a,}");
    }

    #[test]
    fn aliases_and_key_styles() {
        let c = ok(
            r#"{"long_description": "D", "metaTitle": "T", "Meta": "M", "URL-slug": "s", "alt_text": "one", "bullet_points": ["b"]}"#,
        );
        assert_eq!(c.content.description, "D");
        assert_eq!(c.content.seo_title, "T");
        assert_eq!(c.content.meta_description, "M");
        assert_eq!(c.content.slug, "s");
        assert_eq!(c.content.image_alt, vec!["one"]);
        assert_eq!(c.content.bullets, vec!["b"]);
        // The canonical name wins over an alias, whatever the key order.
        let c = ok(r#"{"meta_title": "alias", "seo_title": "canonical"}"#);
        assert_eq!(c.content.seo_title, "canonical");
    }

    #[test]
    fn wrapper_object_is_unwrapped() {
        let c = ok(r#"{"result": {"seo_title": "T"}}"#);
        assert_eq!(c.content.seo_title, "T");
        let err = parse_completion(r#"{"result": {"seo_title": 5}}"#).unwrap_err();
        assert_eq!(
            err,
            schema("/result/seo_title", "expected a string, found a number")
        );
    }

    #[test]
    fn type_errors_have_paths() {
        let err = parse_completion(r#"{"bullets": ["a", 3]}"#).unwrap_err();
        assert_eq!(
            err,
            schema("/bullets/1", "expected a string, found a number")
        );
        let err = parse_completion(r#"{"description": {"html": "x"}, "title": "t"}"#).unwrap_err();
        assert!(matches!(&err, CompletionError::Schema { path, .. } if path == "/description"));
        let err = parse_completion(r#"{"bullets": 3}"#).unwrap_err();
        assert!(matches!(&err, CompletionError::Schema { path, .. } if path == "/bullets"));
    }

    #[test]
    fn no_content_is_a_schema_error() {
        let err = parse_completion(r#"{"foo": "bar", "description": ""}"#).unwrap_err();
        assert!(matches!(&err, CompletionError::Schema { path, .. } if path.is_empty()));
    }

    #[test]
    fn empty_and_no_json() {
        assert_eq!(parse_completion(""), Err(CompletionError::Empty));
        assert_eq!(parse_completion(" \n\t"), Err(CompletionError::Empty));
        assert_eq!(parse_completion("\u{feff}"), Err(CompletionError::Empty));
        assert_eq!(
            parse_completion("```json\n```"),
            Err(CompletionError::Empty)
        );
        assert_eq!(
            parse_completion("I cannot help with that."),
            Err(CompletionError::NoJson)
        );
    }

    #[test]
    fn invalid_json_points_into_the_original_text() {
        let text = "Here:\n{\"title\": \"a\"\n \"slug\": }";
        match parse_completion(text).unwrap_err() {
            CompletionError::InvalidJson { line, column, .. } => {
                assert_eq!((line, column), (3, 2));
            }
            other => panic!("{other:?}"),
        }
        // Truncated output.
        let err = parse_completion("{\"description\": \"<p>Our mug").unwrap_err();
        assert!(
            matches!(err, CompletionError::InvalidJson { line: 1, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn bom_and_think_blocks() {
        let c = ok("\u{feff}{\"title\": \"T\"}");
        assert_eq!(c.repairs, vec![Repair::Bom]);
        let c = ok("<think>maybe {\"title\": \"wrong\"}</think>\n{\"title\": \"right\"}");
        assert_eq!(c.content.title, "right");
        assert_eq!(c.repairs, vec![Repair::SurroundingProse]);
    }

    #[test]
    fn normalize_keys() {
        assert_eq!(normalize_key("metaDescription"), "meta_description");
        assert_eq!(normalize_key(" Meta-Description "), "meta_description");
        assert_eq!(normalize_key("SEO title"), "seo_title");
        assert_eq!(normalize_key("image_alt"), "image_alt");
    }

    #[test]
    fn completion_round_trips() {
        let c = ok(r#"{"title": "T", "bullets": ["a"]}"#);
        let json = serde_json::to_string(&c).unwrap();
        let back: Completion = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
        let partial: Completion = serde_json::from_str(r#"{"title": "x"}"#).unwrap();
        assert_eq!(partial.content.title, "x");
    }
}
