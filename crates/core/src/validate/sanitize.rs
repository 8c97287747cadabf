//! HTML sanitizing to proseo's allowlist, with a record of everything removed.
//!
//! The description HTML is tokenized by `text::tokenizer` (WHATWG states with byte spans;
//! `<script>`/`<style>` contents arrive as raw text) and re-serialized:
//!
//! - [`ALLOWED_TAGS`] are kept; on `a` only a safe `href` (http, https, mailto, relative) and
//!   `title` survive, every other attribute is removed.
//! - [`DROPPED_TAGS`] (`script`, `style`, `iframe`, `object`, `embed`, …) are removed together
//!   with everything inside them.
//! - Any other tag is unwrapped: the tag goes, its children stay.
//! - Comments and doctypes are removed; stray end tags are dropped; open allowed tags are
//!   closed at the end. Text and attribute values are re-escaped, so the output is well formed and
//!   sanitizing it again changes nothing.
//!
//! Each removal is reported with its UTF-8 byte range in the input: the first [`MAX_REMOVALS`]
//! of them, the rest counted in [`Sanitized::truncated`] (the validator counts them by kind, so
//! an unsafe one past the list is still an `unsafe_html` error). Memory is linear in
//! the input whatever it holds: tokens are read one at a time, nesting is capped, and the
//! output is at most six times the input (escaping).

use crate::text::tokenizer::{EndTag, Span, StartTag, Token};

use crate::text::tokenize;
use serde::{Deserialize, Serialize};

/// Tags kept in sanitized descriptions.
pub const ALLOWED_TAGS: &[&str] = &[
    "a", "b", "br", "em", "h2", "h3", "h4", "i", "li", "ol", "p", "strong", "ul",
];

/// Tags removed together with their contents. The first ones are active content (reported as
/// `unsafe_html`), see [`UNSAFE_DROPPED_TAGS`].
pub const DROPPED_TAGS: &[&str] = &[
    "script",
    "iframe",
    "object",
    "embed",
    "applet",
    "frame",
    "frameset",
    "style",
    "noscript",
    "template",
    "textarea",
    "title",
    "xmp",
    "noembed",
    "noframes",
    "noframe",
    "plaintext",
];

/// The dropped tags that run or embed active content: their removal is an error.
pub const UNSAFE_DROPPED_TAGS: &[&str] = &[
    "script", "iframe", "object", "embed", "applet", "frame", "frameset",
];

/// Dropped tags that are void (have no end tag and no contents).
const VOID_DROPPED_TAGS: &[&str] = &["embed", "frame"];

/// Attributes that hold a URL: a dangerous scheme in any of them is reported as unsafe even when
/// the tag is unwrapped anyway.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcset",
    "codebase",
];

/// Deeper nesting of allowed tags is unwrapped: no description needs it, and it keeps every
/// per-tag step O(1) on hostile input.
const MAX_DEPTH: usize = 64;

/// Most removals a [`Sanitized`] lists (the rest are counted).
pub const MAX_REMOVALS: usize = crate::report::MAX_ISSUES;

/// Most removals the validator lists per field (the rest are counted by kind), which leaves
/// room in its report for the other checks' findings.
pub(crate) const LISTED_REMOVALS: usize = MAX_REMOVALS / 4;

/// URL schemes allowed in `href`.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// URL schemes that execute or embed content when followed.
const DANGEROUS_SCHEMES: &[&str] = &["javascript", "vbscript", "data", "livescript"];

/// The result of [`sanitize_html`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Sanitized {
    /// The sanitized, well-formed HTML.
    pub html: String,
    /// What was removed, in input order: the first 200 ([`MAX_REMOVALS`]).
    pub removed: Vec<Removal>,
    /// How many further removals happened but are not listed; `0` when `removed` is complete.
    #[serde(default)]
    pub truncated: u32,
}

/// One thing the sanitizer removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Removal {
    /// What: `script`, `div tag`, `onclick attribute`, `javascript: href`, `comment`…
    pub what: String,
    /// Start, UTF-8 byte offset into the input.
    pub start: u32,
    /// End (exclusive), UTF-8 byte offset into the input.
    pub end: u32,
}

/// How serious a removal is; decides the issue `validate_content` reports for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RemovalKind {
    /// Script, event handler, dangerous URL, embedded active content: `unsafe_html` error.
    Unsafe,
    /// Content was lost (a `<style>` block, an unsupported link): `html_removed` warning.
    Lossy,
    /// A harmless tag, attribute or comment: `html_removed` info.
    Harmless,
    /// The end tag of an unwrapped element or a stray end tag: not reported as an issue.
    Quiet,
}

/// Everything the sanitizer found, for the validator.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outcome {
    /// Sanitized HTML (in [`Output::Structure`] mode, each text run is one `x` or space).
    pub html: String,
    /// Removals with their kinds, in input order (at most [`MAX_REMOVALS`]).
    pub removed: Vec<(Removal, RemovalKind)>,
    /// Removals not listed in `removed`, by kind.
    pub omitted: Omitted,
    /// Whether the input held any markup at all (tags, comments, doctypes).
    pub saw_markup: bool,
    /// Allowed tags present in the output, each once, in order of first use.
    pub tags: Vec<&'static str>,
}

/// Removals left out of [`Outcome::removed`], counted by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Omitted {
    pub unsafe_: u32,
    pub lossy: u32,
    pub harmless: u32,
    pub quiet: u32,
}

impl Omitted {
    fn count(&mut self, kind: RemovalKind) {
        let n = match kind {
            RemovalKind::Unsafe => &mut self.unsafe_,
            RemovalKind::Lossy => &mut self.lossy,
            RemovalKind::Harmless => &mut self.harmless,
            RemovalKind::Quiet => &mut self.quiet,
        };
        *n = n.saturating_add(1);
    }

    /// All omitted removals.
    pub fn total(&self) -> u32 {
        self.unsafe_
            .saturating_add(self.lossy)
            .saturating_add(self.harmless)
            .saturating_add(self.quiet)
    }
}

/// What the sanitizer writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Output {
    /// The sanitized HTML.
    Html,
    /// Only the structure (tags, and one `x` or space per text run, no attributes) and the
    /// first [`LISTED_REMOVALS`] removals: all the validator reads, in memory proportional to
    /// the tags rather than to the escaped text.
    Structure,
}

/// Sanitizes description HTML to [`ALLOWED_TAGS`]. Never fails; see the module docs.
pub fn sanitize_html(html: &str) -> Sanitized {
    let outcome = sanitize(html, Output::Html);
    Sanitized {
        html: outcome.html,
        truncated: outcome.omitted.total(),
        removed: outcome.removed.into_iter().map(|(r, _)| r).collect(),
    }
}

/// How a URL attribute value classifies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UrlClass {
    /// Relative, or an allowed scheme.
    Safe,
    /// `javascript:`, `data:`, `vbscript:`… (the lowercased scheme).
    Dangerous(String),
    /// Some other scheme (`ftp`, `tel`…), or something that looks like one.
    Unsupported(String),
}

/// Classifies a (decoded) URL attribute value. Whitespace, control and invisible characters
/// are ignored anywhere, as some browsers do, so `" Java\tScript:"` is still `javascript`.
pub(crate) fn classify_url(value: &str) -> UrlClass {
    let mut scheme = String::new();
    let mut found_colon = false;
    for c in value.chars() {
        if c.is_whitespace() || c.is_control() || is_invisible(c) {
            continue;
        }
        match c {
            ':' => {
                found_colon = true;
                break;
            }
            '/' | '?' | '#' => break,
            _ => scheme.push(crate::text::lowercase::lower_char(c)),
        }
        if scheme.len() > 32 {
            // No scheme is this long: a relative path or an unsupported URL.
            break;
        }
    }
    if !found_colon {
        return UrlClass::Safe;
    }
    if DANGEROUS_SCHEMES.contains(&scheme.as_str()) {
        UrlClass::Dangerous(scheme)
    } else if SAFE_SCHEMES.contains(&scheme.as_str()) {
        UrlClass::Safe
    } else {
        UrlClass::Unsupported(scheme)
    }
}

/// Zero-width and other invisible characters that must not hide a scheme.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
    )
}

/// Sanitizes and returns everything the validator needs.
pub(crate) fn sanitize(input: &str, output: Output) -> Outcome {
    let mut s = Sanitizer {
        input,
        output,
        out: Outcome {
            html: String::with_capacity(match output {
                Output::Html => input.len(),
                Output::Structure => 0,
            }),
            ..Outcome::default()
        },
        stack: Vec::new(),
        skip: None,
    };
    for token in tokenize(input) {
        match token {
            Token::StartTag(tag) => s.start_tag(&tag),
            Token::EndTag(tag) => s.end_tag(&tag),
            Token::String(text) => s.text(&text.value),
            Token::Comment(c) => s.markup(c.start, c.end, "comment"),
            Token::Doctype(d) => s.markup(d.start, d.end, "doctype"),
        }
    }
    s.finish()
}

/// A dropped element being skipped.
struct Skip {
    name: String,
    depth: usize,
    start: usize,
    kind: RemovalKind,
}

struct Sanitizer<'a> {
    input: &'a str,
    output: Output,
    out: Outcome,
    stack: Vec<&'static str>,
    skip: Option<Skip>,
}

impl Sanitizer<'_> {
    fn record(&mut self, start: usize, end: usize, kind: RemovalKind, what: String) {
        let max = match self.output {
            Output::Html => MAX_REMOVALS,
            Output::Structure => LISTED_REMOVALS,
        };
        if self.out.removed.len() >= max {
            self.out.omitted.count(kind);
            return;
        }
        let (start, end) = crate::span::snap(self.input, start, end);
        // Attribute spans include trailing whitespace; highlight just the attribute.
        let end = start + self.input[start..end].trim_end().len();
        self.out.removed.push((
            Removal {
                what,
                start: to_u32(start),
                end: to_u32(end),
            },
            kind,
        ));
    }

    fn markup(&mut self, start: usize, end: usize, what: &str) {
        self.out.saw_markup = true;
        if self.skip.is_none() {
            self.record(start, end, RemovalKind::Harmless, what.to_owned());
        }
    }

    fn start_tag(&mut self, tag: &StartTag) {
        self.out.saw_markup = true;
        let name = lower(&tag.name);
        if let Some(skip) = &mut self.skip {
            if skip.name == name && !VOID_DROPPED_TAGS.contains(&name.as_str()) {
                skip.depth += 1;
            }
            return;
        }
        if DROPPED_TAGS.contains(&name.as_str()) {
            let kind = if UNSAFE_DROPPED_TAGS.contains(&name.as_str()) {
                RemovalKind::Unsafe
            } else {
                RemovalKind::Lossy
            };
            self.report_unsafe_attributes(tag);
            if VOID_DROPPED_TAGS.contains(&name.as_str()) {
                self.record(tag.span.start, tag.span.end, kind, name);
            } else {
                self.skip = Some(Skip {
                    name,
                    depth: 1,
                    start: tag.span.start,
                    kind,
                });
            }
            return;
        }
        match ALLOWED_TAGS.iter().find(|t| **t == name) {
            Some(allowed) => self.open(allowed, tag),
            None => {
                self.record(
                    tag.span.start,
                    tag.span.end,
                    RemovalKind::Harmless,
                    format!("{name} tag"),
                );
                self.report_unsafe_attributes(tag);
            }
        }
    }

    /// Reports event handlers and dangerous URLs on a tag that is removed anyway.
    fn report_unsafe_attributes(&mut self, tag: &StartTag) {
        for (key, value) in &tag.attributes {
            let key = lower(key);
            if key.starts_with("on") {
                let (start, end) = attr_range(tag, value.span);
                self.record(start, end, RemovalKind::Unsafe, format!("{key} attribute"));
            } else if URL_ATTRIBUTES.contains(&key.as_str()) {
                if let UrlClass::Dangerous(scheme) = classify_url(&lossy(&value.value)) {
                    let (start, end) = attr_range(tag, value.span);
                    self.record(start, end, RemovalKind::Unsafe, format!("{scheme}: {key}"));
                }
            }
        }
    }

    fn open(&mut self, name: &'static str, tag: &StartTag) {
        self.close_implied_by(name);
        if name != "br" && self.stack.len() >= MAX_DEPTH {
            self.record(
                tag.span.start,
                tag.span.end,
                RemovalKind::Harmless,
                format!("{name} tag (nested too deeply)"),
            );
            self.report_unsafe_attributes(tag);
            return;
        }
        let mut href = None;
        let mut title = None;
        for (key, value) in &tag.attributes {
            let key = lower(key);
            let (start, end) = attr_range(tag, value.span);
            let text = lossy(&value.value);
            if key.starts_with("on") {
                self.record(start, end, RemovalKind::Unsafe, format!("{key} attribute"));
            } else if name == "a" && key == "href" {
                match classify_url(&text) {
                    UrlClass::Safe => href = Some(text),
                    UrlClass::Dangerous(scheme) => {
                        self.record(start, end, RemovalKind::Unsafe, format!("{scheme}: href"));
                    }
                    UrlClass::Unsupported(scheme) => {
                        self.record(start, end, RemovalKind::Lossy, format!("{scheme}: href"));
                    }
                }
            } else if name == "a" && key == "title" {
                title = Some(text);
            } else if URL_ATTRIBUTES.contains(&key.as_str())
                && matches!(classify_url(&text), UrlClass::Dangerous(_))
            {
                let what = match classify_url(&text) {
                    UrlClass::Dangerous(scheme) => format!("{scheme}: {key}"),
                    _ => format!("{key} attribute"),
                };
                self.record(start, end, RemovalKind::Unsafe, what);
            } else {
                self.record(
                    start,
                    end,
                    RemovalKind::Harmless,
                    format!("{key} attribute"),
                );
            }
        }
        let html = &mut self.out.html;
        html.push('<');
        html.push_str(name);
        if self.output == Output::Structure {
            (href, title) = (None, None);
        }
        if let Some(href) = href {
            html.push_str(" href=\"");
            push_escaped(html, &href, true);
            html.push('"');
        }
        if let Some(title) = title {
            html.push_str(" title=\"");
            push_escaped(html, &title, true);
            html.push('"');
        }
        html.push('>');
        if !self.out.tags.contains(&name) {
            self.out.tags.push(name);
        }
        if name != "br" {
            self.stack.push(name);
        }
    }

    /// Closes what opening `name` implicitly closes in HTML, so the output nests the way a
    /// browser would read it: a block closes an open `p`, a heading closes a heading, an `li`
    /// closes the previous `li` of its list, an `a` closes an open `a`.
    fn close_implied_by(&mut self, name: &str) {
        if matches!(name, "p" | "h2" | "h3" | "h4" | "ul" | "ol") && self.stack.contains(&"p") {
            self.close_to("p");
        }
        if is_heading(name) {
            if let Some(top) = self.stack.last().copied().filter(|t| is_heading(t)) {
                self.close_to(top);
            }
        }
        if name == "li" {
            let li = self.stack.iter().rposition(|t| *t == "li");
            let list = self.stack.iter().rposition(|t| *t == "ul" || *t == "ol");
            if let Some(li) = li {
                if list.is_none_or(|list| li > list) {
                    self.close_to("li");
                }
            }
        }
        if name == "a" && self.stack.contains(&"a") {
            self.close_to("a");
        }
    }

    fn close_to(&mut self, name: &str) {
        while let Some(top) = self.stack.pop() {
            self.out.html.push_str("</");
            self.out.html.push_str(top);
            self.out.html.push('>');
            if top == name {
                break;
            }
        }
    }

    fn end_tag(&mut self, tag: &EndTag) {
        self.out.saw_markup = true;
        let name = lower(&tag.name);
        let (start, end) = (tag.span.start, tag.span.end);
        if let Some(skip) = &mut self.skip {
            if skip.name == name {
                skip.depth -= 1;
                if skip.depth == 0 {
                    let (start, kind) = (skip.start, skip.kind);
                    self.skip = None;
                    self.record(start, end, kind, name);
                }
            }
            return;
        }
        match ALLOWED_TAGS.iter().find(|t| **t == name) {
            // Browsers read `</br>` as `<br>`.
            Some(&"br") => self.out.html.push_str("<br>"),
            Some(allowed) if self.stack.contains(allowed) => self.close_to(allowed),
            Some(allowed) if is_heading(allowed) => {
                // `</h3>` closes an open `h2`: any heading end tag closes the open heading.
                match self.stack.iter().rev().find(|t| is_heading(t)).copied() {
                    Some(open) => self.close_to(open),
                    None => self.record(start, end, RemovalKind::Quiet, format!("stray </{name}>")),
                }
            }
            Some(_) => self.record(start, end, RemovalKind::Quiet, format!("stray </{name}>")),
            None => self.record(start, end, RemovalKind::Quiet, format!("{name} end tag")),
        }
    }

    fn text(&mut self, bytes: &[u8]) {
        if self.skip.is_some() {
            return;
        }
        let text = String::from_utf8_lossy(bytes);
        match self.output {
            Output::Html => push_escaped(&mut self.out.html, &text, false),
            Output::Structure if text.trim().is_empty() => self.out.html.push(' '),
            Output::Structure => self.out.html.push('x'),
        }
    }

    fn finish(mut self) -> Outcome {
        if let Some(skip) = self.skip.take() {
            self.record(skip.start, self.input.len(), skip.kind, skip.name);
        }
        while let Some(top) = self.stack.pop() {
            self.out.html.push_str("</");
            self.out.html.push_str(top);
            self.out.html.push('>');
        }
        self.out.removed.sort_by_key(|(r, _)| (r.start, r.end));
        self.out
    }
}

/// The byte range of an attribute. The tokenizer's span of an unquoted value at the end of a tag
/// takes in the closing `>`; clamp it to the tag.
fn attr_range(tag: &StartTag, span: Span) -> (usize, usize) {
    let end = span.end.min(tag.span.end.saturating_sub(1)).max(span.start);
    (span.start, end)
}

pub(crate) fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Appends `s` HTML-escaped. In attribute values `"` is escaped too. NUL is dropped. A
/// carriage return (only possible from a `&#13;` reference: the tokenizer turns raw CRs into
/// LFs) is written as `&#13;` again, so sanitizing the output changes nothing. A `:`
/// right after `javascript`/`vbscript` is written as `&#58;` (same meaning to a browser), so
/// the output never contains those schemes literally, not even in text.
fn push_escaped(out: &mut String, s: &str, attribute: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\0' => {}
            ':' if ends_with_ignore_case(out, "javascript")
                || ends_with_ignore_case(out, "vbscript") =>
            {
                out.push_str("&#58;");
            }
            c => out.push(c),
        }
    }
}

fn ends_with_ignore_case(haystack: &str, suffix: &str) -> bool {
    let (h, s) = (haystack.as_bytes(), suffix.as_bytes());
    h.len() >= s.len() && h[h.len() - s.len()..].eq_ignore_ascii_case(s)
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn lower(bytes: &[u8]) -> String {
    let mut s = lossy(bytes);
    s.make_ascii_lowercase();
    s
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(html: &str) -> String {
        sanitize_html(html).html
    }

    fn whats(html: &str) -> Vec<String> {
        sanitize_html(html)
            .removed
            .into_iter()
            .map(|r| r.what)
            .collect()
    }

    #[test]
    fn keeps_allowed_markup() {
        let html = "<h2>Title</h2><p>A <strong>b</strong> <em>c</em><br>d</p><ul><li>x</li></ul>";
        assert_eq!(clean(html), html);
        assert!(sanitize_html(html).removed.is_empty());
    }

    #[test]
    fn drops_script_and_style_with_contents() {
        let input = "a<script>alert(\"</p>\")</script>b<style>p{}</style>c";
        let s = sanitize_html(input);
        assert_eq!(s.html, "abc");
        assert_eq!(s.removed.len(), 2);
        assert_eq!(s.removed[0].what, "script");
        assert_eq!(
            &input[s.removed[0].start as usize..s.removed[0].end as usize],
            "<script>alert(\"</p>\")</script>"
        );
        assert_eq!(s.removed[1].what, "style");
    }

    #[test]
    fn unclosed_script_drops_the_rest() {
        assert_eq!(clean("<p>ok</p><script>alert(1)<p>x</p>"), "<p>ok</p>");
        assert_eq!(whats("<p>ok</p><script>x"), vec!["script"]);
    }

    #[test]
    fn nested_objects_are_dropped_whole() {
        assert_eq!(
            clean("a<object><object>x</object>y</object>b"),
            "ab",
            "nested object must not end the skip early"
        );
    }

    #[test]
    fn unwraps_other_tags_and_strips_attributes() {
        let s = sanitize_html(r#"<div class="x"><p id="p1" onclick="evil()">Hi</p></div>"#);
        assert_eq!(s.html, "<p>Hi</p>");
        let whats: Vec<_> = s.removed.iter().map(|r| r.what.as_str()).collect();
        assert_eq!(
            whats,
            [
                "div tag",
                "id attribute",
                "onclick attribute",
                "div end tag"
            ]
        );
    }

    #[test]
    fn attribute_spans_point_at_the_attribute() {
        let input = r#"<p id="x" onclick="y">t</p>"#;
        let s = sanitize_html(input);
        let spans: Vec<_> = s
            .removed
            .iter()
            .map(|r| &input[r.start as usize..r.end as usize])
            .collect();
        assert_eq!(spans, [r#"id="x""#, r#"onclick="y""#]);
        let input = "<img src=x onerror=alert(1)>";
        let s = sanitize_html(input);
        let spans: Vec<_> = s
            .removed
            .iter()
            .map(|r| &input[r.start as usize..r.end as usize])
            .collect();
        assert_eq!(spans, [input, "onerror=alert(1)"]);
    }

    #[test]
    fn links_keep_only_safe_href_and_title() {
        assert_eq!(
            clean(r#"<a href="https://x.test/?a=1&amp;b=2" title='T "q"' target="_blank">x</a>"#),
            r#"<a href="https://x.test/?a=1&amp;b=2" title="T &quot;q&quot;">x</a>"#
        );
        assert_eq!(clean(r#"<a href="/rel">x</a>"#), r#"<a href="/rel">x</a>"#);
        assert_eq!(
            clean(r#"<a href="mailto:a@b.c">x</a>"#),
            r#"<a href="mailto:a@b.c">x</a>"#
        );
    }

    #[test]
    fn dangerous_hrefs_are_removed_even_obfuscated() {
        for href in [
            "javascript:alert(1)",
            "  JaVaScRiPt:alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;&#x61;vascript:alert(1)",
            "java&#x09;script:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "jav\u{200b}ascript:alert(1)",
            "javascript&colon;alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
        ] {
            let input = format!(r#"<a href="{href}">x</a>"#);
            let s = sanitize(&input, Output::Html);
            assert_eq!(s.html, "<a>x</a>", "{href}");
            assert_eq!(s.removed.len(), 1, "{href}");
            assert_eq!(s.removed[0].1, RemovalKind::Unsafe, "{href}");
        }
    }

    #[test]
    fn unsupported_schemes_are_lossy_not_unsafe() {
        let s = sanitize(r#"<a href="ftp://x.test/f">x</a>"#, Output::Html);
        assert_eq!(s.html, "<a>x</a>");
        assert_eq!(s.removed[0].0.what, "ftp: href");
        assert_eq!(s.removed[0].1, RemovalKind::Lossy);
    }

    #[test]
    fn event_handlers_on_unwrapped_tags_are_unsafe() {
        let s = sanitize(
            "<img src=x onerror=alert(1)><svg onload=alert(1)>t</svg>",
            Output::Html,
        );
        assert_eq!(s.html, "t");
        let kinds: Vec<_> = s
            .removed
            .iter()
            .map(|(r, k)| (r.what.as_str(), *k))
            .collect();
        assert_eq!(
            kinds,
            [
                ("img tag", RemovalKind::Harmless),
                ("onerror attribute", RemovalKind::Unsafe),
                ("svg tag", RemovalKind::Harmless),
                ("onload attribute", RemovalKind::Unsafe),
                ("svg end tag", RemovalKind::Quiet),
            ]
        );
    }

    #[test]
    fn escapes_text_and_closes_open_tags() {
        assert_eq!(clean("a < b & c > d"), "a &lt; b &amp; c &gt; d");
        assert_eq!(
            clean("<p>1 &lt; 2 &amp;&nbsp;ok"),
            "<p>1 &lt; 2 &amp;\u{a0}ok</p>"
        );
        assert_eq!(
            clean("<ul><li>a<li>b</ul>"),
            "<ul><li>a</li><li>b</li></ul>"
        );
        assert_eq!(clean("<p>a<p>b"), "<p>a</p><p>b</p>");
        assert_eq!(
            clean("<p>x<ul><li>y</li></ul></p>"),
            "<p>x</p><ul><li>y</li></ul>"
        );
        assert_eq!(clean("<h2>x</h3>"), "<h2>x</h2>");
        assert_eq!(clean("a</br>b"), "a<br>b");
        assert_eq!(clean("<b>x</i></b>"), "<b>x</b>");
    }

    #[test]
    fn nested_lists_survive() {
        let html = "<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul>";
        assert_eq!(clean(html), html);
    }

    #[test]
    fn comments_and_doctype_are_removed() {
        assert_eq!(clean("<!doctype html>a<!-- b -->c"), "ac");
        assert_eq!(whats("<!doctype html>a<!-- b -->c"), ["doctype", "comment"]);
    }

    #[test]
    fn output_never_spells_javascript_scheme() {
        let out = clean("JavaScript: the language. java<!-- -->script:x");
        assert!(!out.to_ascii_lowercase().contains("javascript:"), "{out}");
        assert_eq!(clean(&out), out);
        let out = clean(r#"<a href="https://x.test/javascript:y">x</a>"#);
        assert_eq!(out, r#"<a href="https://x.test/javascript&#58;y">x</a>"#);
    }

    #[test]
    fn sanitizing_is_idempotent_on_tricky_inputs() {
        for input in [
            "<p>a<p>b<li>c<h2>d<h3>e</p></h4>",
            "<scr<script>ipt>alert(1)</script>",
            "<a href=x><a href=y>z",
            "<p/>x<br/>y<b/>",
            "&amp;lt;script&amp;gt;",
            "<plaintext><p>x",
            "<ol><li><ol><li>x</ol></li></ol>",
            // Found by the validate fuzz target: a CR from a character reference.
            "k&#13<!",
            "a&#13;\r\nb",
        ] {
            let once = clean(input);
            assert_eq!(clean(&once), once, "{input}");
            assert!(!once.to_ascii_lowercase().contains("<script"), "{input}");
        }
    }

    #[test]
    fn deep_nesting_is_capped_and_fast() {
        let input = format!("{}{}x", "<b>".repeat(100_000), "<p>".repeat(100_000));
        let out = clean(&input);
        // The stack is full of `b`s, so the `p`s are unwrapped too.
        assert_eq!(out.matches("<b>").count(), MAX_DEPTH);
        assert_eq!(out.matches("<p>").count(), 0);
        assert!(out.ends_with(&format!("x{}", "</b>".repeat(MAX_DEPTH))));
        assert_eq!(clean(&out), out);
        let out = clean(&"<li>".repeat(100_000));
        assert_eq!(out.matches("<li>").count(), 100_000);
    }

    #[test]
    fn classify_url_cases() {
        assert_eq!(classify_url(""), UrlClass::Safe);
        assert_eq!(classify_url("page#a:b"), UrlClass::Safe);
        assert_eq!(classify_url("HTTPS://x"), UrlClass::Safe);
        assert_eq!(
            classify_url(" \tJaVa\nScRiPt :x"),
            UrlClass::Dangerous("javascript".into())
        );
        assert_eq!(classify_url("tel:123"), UrlClass::Unsupported("tel".into()));
    }

    #[test]
    fn removals_are_capped_and_counted() {
        let input = format!(
            "{}<img src=x onerror=alert(1)>{}",
            "<div>x</div>".repeat(1_000),
            "<span>y</span>".repeat(1_000)
        );
        let s = sanitize_html(&input);
        assert_eq!(s.removed.len(), MAX_REMOVALS);
        // 4,002 removals: 2,000 tags, 2,000 end tags, the img and its handler.
        assert_eq!(s.removed.len() as u32 + s.truncated, 4_002);
        assert!(s.removed.windows(2).all(|w| w[0].start <= w[1].start));
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["truncated"], s.truncated);
        // The validator's pass counts what it does not list by kind: the handler is there.
        let o = sanitize(&input, Output::Structure);
        assert_eq!(o.removed.len(), LISTED_REMOVALS);
        assert_eq!(o.omitted.unsafe_, 1);
        // Nothing removed: nothing truncated.
        assert_eq!(sanitize_html("<p>x</p>").truncated, 0);
    }
}
