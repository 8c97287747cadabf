//! Validation of generated content (description, SEO fields, bullets…) for one channel.
//!
//! [`validate_content`] sanitizes the description HTML (see [`super::sanitize`]) and any markup
//! in the plain-text fields, reports what the sanitizer removed, then checks the fields against
//! the channel's
//! [`super::ChannelProfile`]: lengths, HTML rules, bullet counts, SEO-field formats, leftover
//! template placeholders and empty sections.

use crate::text::tokenizer::Token;

use super::channels::{Channel, ChannelProfile};
use super::sanitize::{is_heading, sanitize, Outcome, Output, RemovalKind};
use crate::content::GeneratedContent;
use crate::report::{Report, Severity};
use crate::text::tokenize;

/// Stable codes of [`validate_content`] issues.
pub mod code {
    /// The sanitizer removed a harmless tag/attribute (info) or lost content (warning).
    pub const HTML_REMOVED: &str = "html_removed";
    /// Script, event handler, `javascript:`/`data:` URL or embedded active content (error).
    pub const UNSAFE_HTML: &str = "unsafe_html";
    /// The channel accepts no HTML, but the description has markup (error).
    pub const HTML_NOT_ALLOWED: &str = "html_not_allowed";
    /// The description uses tags the channel does not accept (warning).
    pub const HTML_TAG_NOT_ALLOWED: &str = "html_tag_not_allowed";
    /// The description has no text (error).
    pub const DESCRIPTION_EMPTY: &str = "description_empty";
    /// The description is longer than the channel allows (error).
    pub const DESCRIPTION_TOO_LONG: &str = "description_too_long";
    /// The short description is longer than the channel's limit (warning).
    pub const SHORT_DESCRIPTION_TOO_LONG: &str = "short_description_too_long";
    /// No SEO title on a channel that publishes one (error).
    pub const SEO_TITLE_EMPTY: &str = "seo_title_empty";
    /// SEO title longer than search engines show (warning).
    pub const SEO_TITLE_TOO_LONG: &str = "seo_title_too_long";
    /// No meta description on a channel that publishes one (warning).
    pub const META_DESCRIPTION_EMPTY: &str = "meta_description_empty";
    /// Meta description too short to fill the snippet (warning).
    pub const META_DESCRIPTION_TOO_SHORT: &str = "meta_description_too_short";
    /// Meta description longer than search engines show (warning).
    pub const META_DESCRIPTION_TOO_LONG: &str = "meta_description_too_long";
    /// No slug on a channel that publishes one (warning; the shop will derive one).
    pub const SLUG_EMPTY: &str = "slug_empty";
    /// Slug is not lowercase words joined by single hyphens (error).
    pub const SLUG_INVALID: &str = "slug_invalid";
    /// Slug uses non-ASCII lowercase letters: valid, but percent-encoded in URLs (warning).
    pub const SLUG_NON_ASCII: &str = "slug_non_ascii";
    /// Slug longer than the channel's limit (warning).
    pub const SLUG_TOO_LONG: &str = "slug_too_long";
    /// No marketplace title on a channel that needs one (error).
    pub const TITLE_EMPTY: &str = "title_empty";
    /// Marketplace title longer than the channel allows (error).
    pub const TITLE_TOO_LONG: &str = "title_too_long";
    /// Fewer bullets than the channel's recommended minimum (warning).
    pub const BULLETS_TOO_FEW: &str = "bullets_too_few";
    /// More bullets than the channel has fields for (error).
    pub const BULLETS_TOO_MANY: &str = "bullets_too_many";
    /// A bullet is empty (warning).
    pub const BULLET_EMPTY: &str = "bullet_empty";
    /// A bullet is longer than the channel allows (error).
    pub const BULLET_TOO_LONG: &str = "bullet_too_long";
    /// An image alt text is empty (warning).
    pub const IMAGE_ALT_EMPTY: &str = "image_alt_empty";
    /// An image alt text is too long (warning).
    pub const IMAGE_ALT_TOO_LONG: &str = "image_alt_too_long";
    /// A template placeholder was left in a field (`{{ name }}`, `[PRODUCT NAME]`, `TODO`…)
    /// (error).
    pub const PLACEHOLDER_LEFT: &str = "placeholder_left";
    /// A heading with nothing under it, or an empty paragraph / list item (warning).
    pub const EMPTY_SECTION: &str = "empty_section";
}

/// Every code [`validate_content`] can report.
pub const CONTENT_CODES: &[&str] = &[
    code::HTML_REMOVED,
    code::UNSAFE_HTML,
    code::HTML_NOT_ALLOWED,
    code::HTML_TAG_NOT_ALLOWED,
    code::DESCRIPTION_EMPTY,
    code::DESCRIPTION_TOO_LONG,
    code::SHORT_DESCRIPTION_TOO_LONG,
    code::SEO_TITLE_EMPTY,
    code::SEO_TITLE_TOO_LONG,
    code::META_DESCRIPTION_EMPTY,
    code::META_DESCRIPTION_TOO_SHORT,
    code::META_DESCRIPTION_TOO_LONG,
    code::SLUG_EMPTY,
    code::SLUG_INVALID,
    code::SLUG_NON_ASCII,
    code::SLUG_TOO_LONG,
    code::TITLE_EMPTY,
    code::TITLE_TOO_LONG,
    code::BULLETS_TOO_FEW,
    code::BULLETS_TOO_MANY,
    code::BULLET_EMPTY,
    code::BULLET_TOO_LONG,
    code::IMAGE_ALT_EMPTY,
    code::IMAGE_ALT_TOO_LONG,
    code::PLACEHOLDER_LEFT,
    code::EMPTY_SECTION,
];

/// Validates generated content for a channel. Never fails: every problem is an issue in the
/// report, with a JSON-pointer path into `c` (`/description`, `/bullets/2`).
///
/// Give it the *raw* content (the model's answer): unsafe markup anywhere (the HTML fields, or
/// markup in a plain-text field) is an `unsafe_html` error naming what
/// [`super::sanitize_content`] removes, and that function's result is what to store and
/// publish. Its `unsafe_removed` is true exactly when this report has `unsafe_html`.
pub fn validate_content(c: &GeneratedContent, channel: Channel) -> Report {
    let profile = channel.profile();
    let mut report = Report::new();

    let description = sanitize(&c.description, Output::Structure);
    report_removals(&mut report, "/description", &description);
    check_description(&mut report, c, &description, profile);

    let short = sanitize(&c.short_description, Output::Structure);
    report_removals(&mut report, "/short_description", &short);
    if let Some(max) = profile.short_description_max_chars {
        let n = chars(&c.short_description);
        if n > max as usize {
            report.warning(
                "/short_description",
                code::SHORT_DESCRIPTION_TOO_LONG,
                format!(
                    "short description has {n} characters; {} allows {max}",
                    profile.name
                ),
            );
        }
    }

    check_text_markup(&mut report, c);
    check_seo_fields(&mut report, c, profile);
    check_title(&mut report, c, profile);
    check_bullets(&mut report, c, profile);
    check_image_alts(&mut report, c, profile);
    check_placeholders(&mut report, c);
    report
}

/// Empty sections listed one by one; the rest are counted in one issue, which leaves room in
/// the report for the other checks' findings (removals are capped the same way, by the
/// sanitizer: [`super::sanitize::LISTED_REMOVALS`]).
const LISTED_EMPTY: usize = super::sanitize::LISTED_REMOVALS;

fn report_removals(report: &mut Report, path: &str, outcome: &Outcome) {
    for (removal, kind) in &outcome.removed {
        let (severity, code) = match kind {
            RemovalKind::Unsafe => (Severity::Error, code::UNSAFE_HTML),
            RemovalKind::Lossy => (Severity::Warning, code::HTML_REMOVED),
            RemovalKind::Harmless => (Severity::Info, code::HTML_REMOVED),
            RemovalKind::Quiet => continue,
        };
        let message = format!(
            "removed {} (bytes {}..{})",
            removal.what, removal.start, removal.end
        );
        report.push(path, code, severity, message);
    }
    // Removals past the sanitizer's list: one issue per kind, so an unsafe one is never lost.
    let o = outcome.omitted;
    for (n, severity, code, what) in [
        (o.unsafe_, Severity::Error, code::UNSAFE_HTML, "unsafe"),
        (o.lossy, Severity::Warning, code::HTML_REMOVED, "lossy"),
        (o.harmless, Severity::Info, code::HTML_REMOVED, "harmless"),
    ] {
        if n > 0 {
            report.push(path, code, severity, format!("{n} more {what} removals"));
        }
    }
}

/// Markup in the plain-text fields: reported like the description's (an event handler in an
/// alt text is `unsafe_html`), since [`super::sanitize_content`] strips it from them.
fn check_text_markup(report: &mut Report, c: &GeneratedContent) {
    let fields = [
        ("/seo_title", &c.seo_title),
        ("/meta_description", &c.meta_description),
        ("/slug", &c.slug),
        ("/title", &c.title),
    ];
    let single = fields.iter().map(|(p, s)| ((*p).to_owned(), *s));
    let lists = [("/image_alt", &c.image_alt), ("/bullets", &c.bullets)];
    let listed = lists.iter().flat_map(|(base, items)| {
        items
            .iter()
            .enumerate()
            .map(move |(i, s)| (format!("{base}/{i}"), s))
    });
    for (path, text) in single.chain(listed) {
        if text.contains('<') {
            report_removals(report, &path, &sanitize(text, Output::Structure));
        }
    }
}

fn check_description(
    report: &mut Report,
    c: &GeneratedContent,
    sanitized: &Outcome,
    profile: &ChannelProfile,
) {
    let structure = analyze_structure(&sanitized.html);
    if !structure.has_text {
        report.error(
            "/description",
            code::DESCRIPTION_EMPTY,
            "the description has no text",
        );
    }
    for message in structure.empty_sections {
        report.warning("/description", code::EMPTY_SECTION, message);
    }
    if structure.more_empty > 0 {
        report.warning(
            "/description",
            code::EMPTY_SECTION,
            format!("{} more empty sections", structure.more_empty),
        );
    }
    let n = chars(&c.description);
    if n > profile.description_max_chars as usize {
        report.error(
            "/description",
            code::DESCRIPTION_TOO_LONG,
            format!(
                "description has {n} characters; {} allows {}",
                profile.name, profile.description_max_chars
            ),
        );
    }
    if !profile.html_allowed {
        if sanitized.saw_markup {
            report.error(
                "/description",
                code::HTML_NOT_ALLOWED,
                format!(
                    "{} accepts no HTML in descriptions; use plain text",
                    profile.name
                ),
            );
        }
    } else {
        let extra: Vec<&str> = sanitized
            .tags
            .iter()
            .copied()
            .filter(|t| !profile.allowed_tags.contains(t))
            .collect();
        if !extra.is_empty() {
            report.warning(
                "/description",
                code::HTML_TAG_NOT_ALLOWED,
                format!(
                    "{} does not accept <{}>; allowed: {}",
                    profile.name,
                    extra.join(">, <"),
                    profile.allowed_tags.join(", ")
                ),
            );
        }
    }
}

fn check_seo_fields(report: &mut Report, c: &GeneratedContent, profile: &ChannelProfile) {
    let title = c.seo_title.trim();
    if title.is_empty() {
        if profile.seo_fields {
            report.error(
                "/seo_title",
                code::SEO_TITLE_EMPTY,
                "the SEO title is empty",
            );
        }
    } else {
        let n = chars(title);
        let max = profile.seo_title_max_chars as usize;
        if n > max {
            report.warning(
                "/seo_title",
                code::SEO_TITLE_TOO_LONG,
                format!("SEO title has {n} characters; search engines show about {max}"),
            );
        }
    }

    let meta = c.meta_description.trim();
    let (min, max) = (
        profile.meta_description_min_chars as usize,
        profile.meta_description_max_chars as usize,
    );
    let n = chars(meta);
    if meta.is_empty() {
        if profile.seo_fields {
            report.warning(
                "/meta_description",
                code::META_DESCRIPTION_EMPTY,
                "the meta description is empty; search engines will pick a snippet themselves",
            );
        }
    } else if n < min {
        report.warning(
            "/meta_description",
            code::META_DESCRIPTION_TOO_SHORT,
            format!("meta description has {n} characters; aim for {min}–{max}"),
        );
    } else if n > max {
        report.warning(
            "/meta_description",
            code::META_DESCRIPTION_TOO_LONG,
            format!("meta description has {n} characters; search engines cut it after ~{max}"),
        );
    }

    if c.slug.is_empty() {
        if profile.seo_fields {
            report.warning(
                "/slug",
                code::SLUG_EMPTY,
                "no slug; the shop will derive one",
            );
        }
    } else {
        match slug_kind(&c.slug) {
            SlugKind::Ascii => {}
            SlugKind::Unicode => report.warning(
                "/slug",
                code::SLUG_NON_ASCII,
                "the slug has non-ASCII letters; they are percent-encoded in URLs",
            ),
            SlugKind::Invalid => report.error(
                "/slug",
                code::SLUG_INVALID,
                "a slug is lowercase letters and digits joined by single hyphens \
                 (`blue-cotton-shirt`)",
            ),
        }
        let n = chars(&c.slug);
        if n > profile.slug_max_chars as usize {
            report.warning(
                "/slug",
                code::SLUG_TOO_LONG,
                format!(
                    "slug has {n} characters; keep it under {}",
                    profile.slug_max_chars
                ),
            );
        }
    }
}

fn check_title(report: &mut Report, c: &GeneratedContent, profile: &ChannelProfile) {
    let title = c.title.trim();
    if title.is_empty() {
        if profile.title_required {
            report.error(
                "/title",
                code::TITLE_EMPTY,
                format!("{} needs a listing title", profile.name),
            );
        }
        return;
    }
    let n = chars(title);
    if n > profile.title_max_chars as usize {
        report.error(
            "/title",
            code::TITLE_TOO_LONG,
            format!(
                "title has {n} characters; {} allows {}",
                profile.name, profile.title_max_chars
            ),
        );
    }
}

fn check_bullets(report: &mut Report, c: &GeneratedContent, profile: &ChannelProfile) {
    let count = c.bullets.len();
    if count < profile.bullets_min as usize {
        report.warning(
            "/bullets",
            code::BULLETS_TOO_FEW,
            format!(
                "{count} bullet(s); {} listings should have at least {}",
                profile.name, profile.bullets_min
            ),
        );
    }
    if count > profile.bullets_max as usize {
        report.error(
            "/bullets",
            code::BULLETS_TOO_MANY,
            format!(
                "{count} bullets; {} takes at most {}",
                profile.name, profile.bullets_max
            ),
        );
    }
    for (i, bullet) in c.bullets.iter().enumerate() {
        let path = format!("/bullets/{i}");
        let n = chars(bullet.trim());
        if n == 0 {
            report.warning(path, code::BULLET_EMPTY, "empty bullet");
        } else if n > profile.bullet_max_chars as usize {
            report.error(
                path,
                code::BULLET_TOO_LONG,
                format!(
                    "bullet has {n} characters; {} allows {}",
                    profile.name, profile.bullet_max_chars
                ),
            );
        }
    }
}

fn check_image_alts(report: &mut Report, c: &GeneratedContent, profile: &ChannelProfile) {
    for (i, alt) in c.image_alt.iter().enumerate() {
        let path = format!("/image_alt/{i}");
        let n = chars(alt.trim());
        if n == 0 {
            report.warning(path, code::IMAGE_ALT_EMPTY, "empty image alt text");
        } else if n > profile.image_alt_max_chars as usize {
            report.warning(
                path,
                code::IMAGE_ALT_TOO_LONG,
                format!(
                    "alt text has {n} characters; keep it under {}",
                    profile.image_alt_max_chars
                ),
            );
        }
    }
}

fn check_placeholders(report: &mut Report, c: &GeneratedContent) {
    let fields = [
        ("/description", &c.description),
        ("/short_description", &c.short_description),
        ("/seo_title", &c.seo_title),
        ("/meta_description", &c.meta_description),
        ("/slug", &c.slug),
        ("/title", &c.title),
    ];
    let lists = [("/image_alt", &c.image_alt), ("/bullets", &c.bullets)];
    let listed = lists.iter().flat_map(|(base, items)| {
        items
            .iter()
            .enumerate()
            .map(move |(i, s)| (format!("{base}/{i}"), s))
    });
    let all = fields
        .iter()
        .map(|(p, s)| ((*p).to_owned(), *s))
        .chain(listed);
    for (path, text) in all {
        if let Some((start, end)) = find_placeholder(text) {
            let found: String = text
                .get(start..end)
                .unwrap_or("")
                .chars()
                .take(40)
                .collect();
            report.error(
                path,
                code::PLACEHOLDER_LEFT,
                format!(
                    "template placeholder left in the text: \"{found}\" (bytes {start}..{end})"
                ),
            );
        }
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// What kind of slug a string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SlugKind {
    /// `^[a-z0-9]+(?:-[a-z0-9]+)*$`.
    Ascii,
    /// Same shape, with lowercase non-ASCII letters (`grüne-tasse`).
    Unicode,
    /// Anything else.
    Invalid,
}

pub(crate) fn slug_kind(slug: &str) -> SlugKind {
    let mut kind = SlugKind::Ascii;
    for segment in slug.split('-') {
        if segment.is_empty() {
            return SlugKind::Invalid;
        }
        for c in segment.chars() {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                continue;
            }
            if !c.is_ascii() && c.is_alphanumeric() && !c.is_uppercase() {
                kind = SlugKind::Unicode;
            } else {
                return SlugKind::Invalid;
            }
        }
    }
    kind
}

/// Finds a leftover template placeholder; returns its byte range.
///
/// Recognized: `{{ … }}` / `{% … %}` (and stray `}}`/`%}`), `[PRODUCT NAME]` (all-caps in
/// brackets), `[insert …]`/`[your …]`/`[Product Name]`-style brackets, `<placeholder>`,
/// `lorem ipsum`, and the words `TODO`, `FIXME`, `XXX` (upper case, whole words).
pub(crate) fn find_placeholder(s: &str) -> Option<(usize, usize)> {
    for (open, close) in [("{{", "}}"), ("{%", "%}")] {
        if let Some(i) = s.find(open) {
            let end = s[i..]
                .find(close)
                .map_or(i + open.len(), |j| i + j + close.len());
            return Some((i, end));
        }
        if let Some(i) = s.find(close) {
            return Some((i, i + close.len()));
        }
    }
    for (i, _) in s.match_indices('[') {
        let rest = &s[i + 1..];
        // Only look a short way ahead, so a text full of `[` stays linear.
        let close = rest
            .char_indices()
            .take_while(|(k, c)| *k <= 80 && *c != '[')
            .find(|(_, c)| *c == ']');
        if let Some((j, _)) = close {
            if bracket_placeholder(rest[..j].trim()) {
                return Some((i, i + 1 + j + 1));
            }
        }
    }
    for needle in ["<placeholder", "&lt;placeholder", "lorem ipsum"] {
        if let Some(i) = find_ignore_ascii_case(s, needle) {
            return Some((i, i + needle.len()));
        }
    }
    for word in ["TODO", "FIXME", "XXX"] {
        for (i, _) in s.match_indices(word) {
            let before = s[..i].chars().next_back();
            let after = s[i + word.len()..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '_');
            if boundary(before) && boundary(after) {
                return Some((i, i + word.len()));
            }
        }
    }
    None
}

fn bracket_placeholder(inner: &str) -> bool {
    let lower = crate::text::lowercase::lowercase(inner);
    const PREFIXES: &[&str] = &[
        "insert ",
        "insert_",
        "your ",
        "add ",
        "enter ",
        "placeholder",
    ];
    const NAMES: &[&str] = &["product name", "brand name", "company name", "product_name"];
    if PREFIXES.iter().any(|p| lower.starts_with(p)) || NAMES.iter().any(|n| lower.contains(n)) {
        return true;
    }
    let letters = inner.chars().filter(|c| c.is_alphabetic()).count();
    let shaped = inner
        .chars()
        .all(|c| (c.is_alphabetic() && c.is_uppercase()) || matches!(c, ' ' | '_' | '-'));
    shaped && letters >= 2 && (letters >= 4 || inner.contains([' ', '_']))
}

fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// What the structure pass found in sanitized HTML.
#[derive(Debug, Default)]
struct Structure {
    has_text: bool,
    /// The first empty sections found (at most [`LISTED_EMPTY`]).
    empty_sections: Vec<String>,
    /// Further empty sections, counted.
    more_empty: u32,
}

impl Structure {
    fn empty(&mut self, message: impl FnOnce() -> String) {
        if self.empty_sections.len() < LISTED_EMPTY {
            self.empty_sections.push(message());
        } else {
            self.more_empty = self.more_empty.saturating_add(1);
        }
    }
}

/// Finds empty paragraphs, list items, lists and headings, and headings followed directly by a
/// heading of the same or a higher rank (`h2` after `h2`; `h3` after `h2` opens a subsection)
/// or by the end of the text. Runs on sanitized (well-formed) HTML.
fn analyze_structure(html: &str) -> Structure {
    let mut result = Structure::default();
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut pending_heading: Option<String> = None;
    for token in tokenize(html) {
        match token {
            Token::String(text) => {
                if String::from_utf8_lossy(&text.value).trim().is_empty() {
                    continue;
                }
                result.has_text = true;
                pending_heading = None;
                for (_, has_content) in &mut stack {
                    *has_content = true;
                }
            }
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                if is_heading(&name) {
                    if let Some(previous) = pending_heading.take() {
                        if name <= previous {
                            result.empty(|| {
                                format!(
                                    "<{previous}> section is empty: followed directly by <{name}>"
                                )
                            });
                        }
                    }
                }
                if name != "br" {
                    stack.push((name, false));
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                while let Some((open, has_content)) = stack.pop() {
                    if open != name {
                        continue;
                    }
                    let checked = matches!(name.as_str(), "p" | "li" | "ul" | "ol");
                    if !has_content && (checked || is_heading(&name)) {
                        result.empty(|| format!("empty <{name}>"));
                    } else if has_content && is_heading(&name) {
                        pending_heading = Some(name);
                    }
                    break;
                }
            }
            _ => {}
        }
    }
    if let Some(heading) = pending_heading {
        result.empty(|| format!("<{heading}> section is empty: nothing follows it"));
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> GeneratedContent {
        GeneratedContent {
            description: "<h2>Why you will love it</h2><p>A sturdy mug for daily coffee.</p>"
                .into(),
            short_description: "A sturdy mug.".into(),
            seo_title: "Stoneware Mug 350 ml | Shop".into(),
            meta_description:
                "A sturdy stoneware mug that keeps coffee warm for longer. Dishwasher safe.".into(),
            slug: "stoneware-mug-350-ml".into(),
            image_alt: vec!["Blue stoneware mug".into()],
            bullets: vec![],
            title: String::new(),
        }
    }

    fn codes(c: &GeneratedContent, channel: Channel) -> Vec<String> {
        let mut v: Vec<String> = validate_content(c, channel)
            .issues
            .into_iter()
            .map(|i| i.code)
            .collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn good_content_is_clean() {
        let r = validate_content(&good(), Channel::Woocommerce);
        assert!(r.issues.is_empty(), "{:?}", r.issues);
    }

    #[test]
    fn all_codes_are_listed_and_unique() {
        let mut v = CONTENT_CODES.to_vec();
        v.sort_unstable();
        v.dedup();
        assert_eq!(v.len(), CONTENT_CODES.len());
    }

    #[test]
    fn script_is_unsafe_and_class_is_info() {
        let mut c = good();
        c.description = r#"<p class="x">Hi<script>alert(1)</script></p>"#.into();
        let r = validate_content(&c, Channel::Woocommerce);
        assert!(!r.is_valid());
        let sev: Vec<_> = r
            .issues
            .iter()
            .map(|i| (i.code.as_str(), i.severity))
            .collect();
        use crate::report::Severity::*;
        assert_eq!(sev, [("html_removed", Info), ("unsafe_html", Error)]);
        assert!(r.issues.iter().all(|i| i.path == "/description"));
    }

    #[test]
    fn style_removal_is_a_warning() {
        let mut c = good();
        c.description = "<style>p{}</style><p>Text here</p>".into();
        let r = validate_content(&c, Channel::Woocommerce);
        assert_eq!(r.issues.len(), 1);
        assert_eq!(r.issues[0].severity, crate::report::Severity::Warning);
        assert!(r.is_valid());
    }

    #[test]
    fn seo_field_lengths() {
        let mut c = good();
        c.seo_title = "x".repeat(61);
        c.meta_description = "too short".into();
        c.slug = "Bad Slug".into();
        assert_eq!(
            codes(&c, Channel::Woocommerce),
            [
                "meta_description_too_short",
                "seo_title_too_long",
                "slug_invalid"
            ]
        );
        c.seo_title = " ".into();
        c.meta_description = "m".repeat(161);
        c.slug = format!("ok-{}", "a".repeat(80));
        assert_eq!(
            codes(&c, Channel::Woocommerce),
            [
                "meta_description_too_long",
                "seo_title_empty",
                "slug_too_long"
            ]
        );
        // 60 and 50/160 characters are within bounds (multi-byte characters count once).
        c.seo_title = "é".repeat(60);
        c.meta_description = "ü".repeat(50);
        c.slug = "grüne-tasse".into();
        assert_eq!(codes(&c, Channel::Woocommerce), ["slug_non_ascii"]);
        c.meta_description = "ü".repeat(160);
        c.slug = "a".into();
        assert!(codes(&c, Channel::Woocommerce).is_empty());
    }

    #[test]
    fn slug_shapes() {
        assert_eq!(slug_kind("a-b-1"), SlugKind::Ascii);
        assert_eq!(slug_kind("ß-ç"), SlugKind::Unicode);
        for bad in ["-a", "a-", "a--b", "A", "a_b", "a b", "", "a/b", "É"] {
            assert_eq!(slug_kind(bad), SlugKind::Invalid, "{bad}");
        }
    }

    #[test]
    fn seo_fields_are_optional_on_marketplaces() {
        let c = GeneratedContent {
            description: "A sturdy stoneware mug.".into(),
            title: "Stoneware Mug 350 ml, Blue".into(),
            bullets: vec![
                "Holds 350 ml".into(),
                "Dishwasher safe".into(),
                "Blue".into(),
            ],
            ..GeneratedContent::default()
        };
        assert!(codes(&c, Channel::Amazon).is_empty());
        assert_eq!(
            codes(&c, Channel::Woocommerce),
            ["meta_description_empty", "seo_title_empty", "slug_empty"]
        );
    }

    #[test]
    fn marketplace_rules() {
        let mut c = GeneratedContent {
            description: "<p>A sturdy mug.</p>".into(),
            title: "t".repeat(81),
            bullets: vec!["b".into(); 6],
            ..GeneratedContent::default()
        };
        assert_eq!(
            codes(&c, Channel::Amazon),
            ["bullets_too_many", "html_not_allowed"]
        );
        assert_eq!(codes(&c, Channel::Ebay), ["title_too_long"]);
        c.title = String::new();
        c.bullets = vec!["x".repeat(501), " ".into()];
        c.description = "Plain text & more".into();
        assert_eq!(
            codes(&c, Channel::Amazon),
            [
                "bullet_empty",
                "bullet_too_long",
                "bullets_too_few",
                "title_empty"
            ]
        );
        c.description = "x".repeat(2001);
        c.title = "Mug".into();
        c.bullets = vec!["a".into(), "b".into(), "c".into()];
        assert_eq!(codes(&c, Channel::Amazon), ["description_too_long"]);
    }

    #[test]
    fn allegro_restricts_tags() {
        let c = GeneratedContent {
            description: "<h2>Mug</h2><p><strong>Strong</strong> and <b>bold</b></p>".into(),
            title: "Mug".into(),
            ..GeneratedContent::default()
        };
        let r = validate_content(&c, Channel::Allegro);
        assert_eq!(r.issues.len(), 1);
        assert_eq!(r.issues[0].code, "html_tag_not_allowed");
        assert!(r.issues[0].message.contains("<strong>"));
        assert!(codes(&c, Channel::Ebay).is_empty());
    }

    #[test]
    fn placeholders_are_found() {
        for text in [
            "Buy {{ product_name }} now",
            "Buy {% if x %}",
            "Made by [BRAND] today",
            "The [PRODUCT NAME] is great",
            "[insert benefit here]",
            "[Product Name] rocks",
            "A <placeholder> here",
            "Lorem ipsum dolor",
            "TODO: write this",
            "price XXX EUR",
            "stray }} brace",
        ] {
            assert!(find_placeholder(text).is_some(), "{text}");
        }
        for text in [
            "A mug [350 ml] for you",
            "Size [XL] fits",
            "todo list notebook",
            "XXXL shirt",
            "Größe [EU 42]",
            "A {single} brace",
            "",
        ] {
            assert_eq!(find_placeholder(text), None, "{text}");
        }
        assert_eq!(find_placeholder(&"[".repeat(200_000)), None);
        assert_eq!(find_placeholder("[a [BRAND]"), Some((3, 10)));
        let text = "ok [PRODUCT NAME] ok";
        assert_eq!(find_placeholder(text), Some((3, 17)));
    }

    #[test]
    fn placeholders_are_reported_per_field() {
        let mut c = good();
        c.bullets = vec!["fine".into(), "TODO".into()];
        c.seo_title = "{{ title }}".into();
        let r = validate_content(&c, Channel::Woocommerce);
        let paths: Vec<_> = r
            .issues
            .iter()
            .filter(|i| i.code == "placeholder_left")
            .map(|i| i.path.as_str())
            .collect();
        assert_eq!(paths, ["/seo_title", "/bullets/1"]);
    }

    #[test]
    fn empty_sections() {
        let s = |h: &str| analyze_structure(h).empty_sections.len();
        assert_eq!(s("<h2>A</h2><p>x</p><h2>B</h2><p>y</p>"), 0);
        assert_eq!(s("<h2>A</h2><h3>A.1</h3><p>x</p>"), 0);
        assert_eq!(s("<h2>A</h2><h2>B</h2><p>y</p>"), 1);
        assert_eq!(s("<h3>A</h3><h2>B</h2><p>y</p>"), 1);
        assert_eq!(s("<p>x</p><h2>End</h2>"), 1);
        assert_eq!(s("<p> \u{a0}</p><p>x</p>"), 1);
        assert_eq!(s("<p><br></p>"), 1);
        assert_eq!(s("<ul><li>a</li><li></li></ul>"), 1);
        assert_eq!(s("<p><b>x</b></p>"), 0);
        assert!(!analyze_structure("<p> </p>").has_text);
    }

    #[test]
    fn hostile_markup_makes_a_bounded_report() {
        use crate::report::MAX_ISSUES;
        // 800,000 `<b>`: past the nesting cap (64) each one is a removal. The sanitizer lists
        // 200 and counts the rest, which the report states in one issue.
        let c = GeneratedContent {
            description: format!("<p>ok</p>{}", "<b>".repeat(800_000)),
            ..GeneratedContent::default()
        };
        let r = validate_content(&c, Channel::Woocommerce);
        assert!(r.issues.len() <= MAX_ISSUES);
        assert!(r
            .issues
            .iter()
            .any(|i| i.code == code::HTML_REMOVED && i.message == "799886 more harmless removals"));
        // The other findings fit too.
        assert!(r.has(code::SEO_TITLE_EMPTY) && r.has(code::SLUG_EMPTY));
        assert_eq!(r.truncated, 0);
        assert!(!r.is_valid(), "the empty SEO title is an error");
        // A report that overflows counts what it left out.
        let c = GeneratedContent {
            bullets: vec![String::new(); 1_000],
            ..c
        };
        let r = validate_content(&c, Channel::Woocommerce);
        assert_eq!(r.issues.len(), MAX_ISSUES);
        assert!(r.truncated as usize + MAX_ISSUES > 1_000, "{}", r.truncated);
        // An unsafe removal after a flood of harmless ones is still an error.
        let c = GeneratedContent {
            description: format!(
                "{}<p>ok</p><img src=x onerror=alert(1)>",
                "<i>x</i>".repeat(5_000)
            ),
            ..GeneratedContent::default()
        };
        let r = validate_content(&c, Channel::Woocommerce);
        assert!(r.has(code::UNSAFE_HTML), "{:?}", r.issues.last());
        assert!(!r.is_valid());
        // And so is one past the sanitizer's own list of unsafe removals.
        let c = GeneratedContent {
            description: format!("<p>ok</p>{}", "<p onclick=x>y</p>".repeat(5_000)),
            ..GeneratedContent::default()
        };
        let r = validate_content(&c, Channel::Woocommerce);
        assert!(r
            .issues
            .iter()
            .any(|i| i.code == code::UNSAFE_HTML && i.message == "4950 more unsafe removals"));
    }

    #[test]
    fn structure_mode_finds_what_full_sanitizing_finds() {
        for html in [
            "<h2>A</h2><h2>B</h2><p>t</p>",
            "<p> </p><ul><li></li></ul>",
            "<h2>x</h2>",
            "a &amp; b <a href=\"https://x.test\">l</a>",
            "<p><b> &nbsp;</b></p>",
            "",
        ] {
            let full =
                analyze_structure(&super::super::sanitize::sanitize(html, Output::Html).html);
            let structure =
                analyze_structure(&super::super::sanitize::sanitize(html, Output::Structure).html);
            assert_eq!(full.has_text, structure.has_text, "{html}");
            assert_eq!(full.empty_sections, structure.empty_sections, "{html}");
        }
    }
}
