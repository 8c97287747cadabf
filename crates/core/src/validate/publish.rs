//! Publishable content: [`sanitize_content`] is the one way from generated content (a model's
//! answer, the offline writer's text) to what may be stored, returned, exported or published.
//!
//! - HTML fields (`description`, `short_description`) go through [`super::sanitize_html`]'s
//!   allowlist.
//! - Plain-text fields (`seo_title`, `meta_description`, `slug`, `title`, every `bullets` and
//!   `image_alt` entry) become plain text: tags and comments are dropped (with the contents of
//!   `script`, `style` and the other dropped elements), character references are decoded,
//!   control characters and `<`/`>` are removed, and whitespace runs collapse to one space.
//!   Such a field holds no markup even where a careless theme prints it unescaped between
//!   tags (in attributes it still needs the usual escaping of quotes, e.g. `esc_attr`).
//!
//! It relates to [`super::validate_content`] this way: validate the *raw* content for the report
//! (where unsafe markup is an `unsafe_html` error naming each removal), and store the
//! *sanitized* content. [`SanitizedContent::unsafe_removed`] tells the caller the same thing
//! as the report's `unsafe_html`: the model tried to emit active content, so the item must not
//! be approved or exported as if it were clean, even though what is stored is now harmless.
//! Sanitizing is idempotent: sanitized content sanitizes to itself, with nothing unsafe.

use serde::Serialize;

use super::sanitize::{sanitize, Output, RemovalKind};
use crate::content::GeneratedContent;
use crate::text::tokenize;
use crate::text::tokenizer::Token;

/// The result of [`sanitize_content`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SanitizedContent {
    /// The content, safe to store and publish.
    pub content: GeneratedContent,
    /// Active content was removed somewhere (a script or other embedded content, an event
    /// handler, a `javascript:`/`data:` URL): the raw content fails validation with
    /// `unsafe_html`, and must not be approved as is.
    pub unsafe_removed: bool,
    /// Anything at all was changed (harmless markup removed, text re-escaped, whitespace
    /// collapsed…).
    pub changed: bool,
}

/// Sanitizes every field of `content`: HTML fields to the allowlist, plain-text fields to plain
/// text without `<`, `>` or control characters. Never fails; idempotent. Validate the raw
/// content with [`super::validate_content`], store this.
pub fn sanitize_content(content: &GeneratedContent) -> SanitizedContent {
    let mut unsafe_removed = false;
    let mut html = |s: &str| {
        let out = sanitize(s, Output::Html);
        unsafe_removed |=
            out.omitted.unsafe_ > 0 || out.removed.iter().any(|(_, k)| *k == RemovalKind::Unsafe);
        out.html
    };
    let description = html(&content.description);
    let short_description = html(&content.short_description);
    let mut text = |s: &str| {
        let (text, was_unsafe) = plain_text(s);
        unsafe_removed |= was_unsafe;
        text
    };
    let sanitized = GeneratedContent {
        description,
        short_description,
        seo_title: text(&content.seo_title),
        meta_description: text(&content.meta_description),
        slug: text(&content.slug),
        image_alt: content.image_alt.iter().map(|s| text(s)).collect(),
        bullets: content.bullets.iter().map(|s| text(s)).collect(),
        title: text(&content.title),
    };
    SanitizedContent {
        changed: sanitized != *content,
        content: sanitized,
        unsafe_removed,
    }
}

/// The plain text of a field, and whether unsafe markup was removed from it.
fn plain_text(s: &str) -> (String, bool) {
    // Fast path: nothing that could be markup, a reference, a control char or extra space.
    let plain = !s.contains(['<', '>', '&'])
        && !s
            .chars()
            .any(|c| c.is_control() || (c.is_whitespace() && c != ' '))
        && s.trim() == s
        && !s.contains("  ");
    if plain {
        return (s.to_owned(), false);
    }
    let (mut text, was_unsafe) = text_of(s);
    // Stored plain text is read as HTML again when it is sanitized again, so a reference that
    // decoding made would decode once more (`&amp;#xda;` → `&#xda;` → `Ú`, or `&#x` and `da`
    // joined where a tag was removed). Decoding to a fixpoint makes the result stable; text
    // escaped more times than the rounds allow (a hostile input) loses its ampersands instead.
    for _ in 0..PLAIN_TEXT_ROUNDS {
        if !text.contains('&') {
            return (text, was_unsafe);
        }
        let (next, _) = text_of(&text);
        if next == text {
            return (text, was_unsafe);
        }
        text = next;
    }
    if text.contains('&') && text_of(&text).0 != text {
        text = text_of(&text.replace('&', "")).0;
    }
    (text, was_unsafe)
}

/// Rounds of decoding [`plain_text`] does past the first.
const PLAIN_TEXT_ROUNDS: usize = 4;

/// One reading of `s` as HTML for its text: tags are word breaks, references are decoded,
/// whitespace and control characters collapse to one space, `<` and `>` are dropped. Also
/// whether unsafe markup was removed.
fn text_of(s: &str) -> (String, bool) {
    // The sanitizer classifies what is removed (and drops dropped elements' contents); its
    // well-formed output is then read for text only.
    let out = sanitize(s, Output::Html);
    let was_unsafe =
        out.omitted.unsafe_ > 0 || out.removed.iter().any(|(_, k)| *k == RemovalKind::Unsafe);
    let mut text = String::with_capacity(out.html.len());
    let mut space = false;
    for token in tokenize(&out.html) {
        let Token::String(t) = token else {
            // A tag separates words (`a<br>b` is two words).
            space = true;
            continue;
        };
        for c in String::from_utf8_lossy(&t.value).chars() {
            if c.is_whitespace() || c.is_control() {
                space = true;
            } else if c != '<' && c != '>' {
                if space && !text.is_empty() {
                    text.push(' ');
                }
                space = false;
                text.push(c);
            }
        }
    }
    (text, was_unsafe)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> GeneratedContent {
        GeneratedContent {
            description: "<h2>Mug</h2><p>A <strong>stoneware</strong> mug &amp; saucer.</p>".into(),
            short_description: "<p>Handmade.</p>".into(),
            seo_title: "Stoneware Mug | Clayworks".into(),
            meta_description: "A handmade stoneware mug for coffee and tea.".into(),
            slug: "stoneware-mug".into(),
            image_alt: vec!["Mug from the side".into()],
            bullets: vec!["Dishwasher safe".into(), "350 ml & 500 ml".into()],
            title: String::new(),
        }
    }

    #[test]
    fn clean_content_is_unchanged() {
        let c = content();
        let s = sanitize_content(&c);
        assert_eq!(s.content, c);
        assert!(!s.changed && !s.unsafe_removed);
    }

    #[test]
    fn active_content_is_removed_and_flagged() {
        let c = GeneratedContent {
            description: "<p>Nice mug</p><img src=x onerror=alert(1)><script>steal()</script>"
                .into(),
            short_description: "<a href=\"javascript:alert(1)\">buy</a>".into(),
            ..content()
        };
        let s = sanitize_content(&c);
        assert!(s.unsafe_removed && s.changed);
        assert_eq!(s.content.description, "<p>Nice mug</p>");
        assert_eq!(s.content.short_description, "<a>buy</a>");
        // The report on the raw content says the same.
        let report = super::super::validate_content(&c, super::super::Channel::Woocommerce);
        assert!(report.has("unsafe_html"));
        // Sanitized content is clean and sanitizes to itself.
        let again = sanitize_content(&s.content);
        assert_eq!(again.content, s.content);
        assert!(!again.unsafe_removed && !again.changed);
        let report = super::super::validate_content(&s.content, super::super::Channel::Woocommerce);
        assert!(!report.has("unsafe_html"), "{:?}", report.issues);
    }

    #[test]
    fn plain_text_is_decoded_to_a_fixpoint() {
        // Each sanitizes to itself afterwards: a reference that decoding (or a removed tag
        // joining two texts) made is decoded too.
        // Escaped 40 times over: each reading decodes one level.
        let nested = format!("Salt &{} pepper", "amp;".repeat(40));
        let rest = format!("Salt {} pepper", "amp;".repeat(40 - 1 - PLAIN_TEXT_ROUNDS));
        for (raw, stored) in [
            ("<<&#x</a></div>data:", "Úta:"),
            ("Caf&amp;eacute; &amp;#xda;", "Café Ú"),
            ("&amp;amp;lt;b&amp;amp;gt;", "b"),
            ("Salt &amp; pepper", "Salt & pepper"),
            ("R&D &amp Co", "R&D & Co"),
            (nested.as_str(), rest.as_str()),
        ] {
            let (once, _) = plain_text(raw);
            assert_eq!(once, stored, "{raw}");
            assert_eq!(plain_text(&once).0, once, "{raw}");
        }
    }

    #[test]
    fn plain_text_fields_hold_no_markup() {
        let c = GeneratedContent {
            seo_title: "<b>Mug</b> <img src=x onerror=alert(1)>| Shop".into(),
            meta_description: "Mug\u{0}\u{7} for\n\ttea &lt;script&gt;x&lt;/script&gt;".into(),
            slug: " stoneware-mug<script>x</script> ".into(),
            image_alt: vec!["\"><svg onload=alert(1)>".into(), "a<br>b".into()],
            bullets: vec!["<style>p{}</style>Safe &amp; sound".into()],
            title: "Mug <!-- c --> 2 > 1".into(),
            ..content()
        };
        let s = sanitize_content(&c);
        assert!(s.unsafe_removed);
        let t = &s.content;
        assert_eq!(t.seo_title, "Mug | Shop");
        // Decoded references never bring a `<` or `>` back.
        assert_eq!(t.meta_description, "Mug for tea scriptx/script");
        assert_eq!(t.slug, "stoneware-mug");
        assert_eq!(t.image_alt, ["\"", "a b"]);
        assert_eq!(t.bullets, ["Safe & sound"]);
        assert_eq!(t.title, "Mug 2 1");
        for field in [&t.seo_title, &t.meta_description, &t.slug, &t.title]
            .into_iter()
            .chain(&t.image_alt)
            .chain(&t.bullets)
        {
            assert!(!field.contains(['<', '>']), "{field}");
            assert!(!field.chars().any(char::is_control), "{field}");
            assert_eq!(plain_text(field), (field.clone(), false), "idempotent");
        }
    }

    #[test]
    fn harmless_markup_changes_but_is_not_unsafe() {
        let c = GeneratedContent {
            description: "<div class=x><p>Mug</p></div>".into(),
            seo_title: "Mug  &amp;  Cup ".into(),
            ..content()
        };
        let s = sanitize_content(&c);
        assert!(s.changed && !s.unsafe_removed);
        assert_eq!(s.content.description, "<p>Mug</p>");
        assert_eq!(s.content.seo_title, "Mug & Cup");
    }
}
