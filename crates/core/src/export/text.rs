//! Descriptions reshaped for a channel: plain text for channels that take no HTML, and HTML
//! reduced to the tags a channel accepts. Text is never dropped or shortened here; only markup
//! changes (each rule below).

use crate::text::tokenizer::Token;
use crate::text::{tokenize, Document};

/// Sentence-ending punctuation: a block that ends with one needs no period added.
const TERMINAL: &[char] = &['.', '!', '?', '…', ':', ';', '。', '！', '？', '؟', '।'];

/// The visible text of a description on one line: its blocks (paragraphs, headings, list
/// items) in order, separated by a space; a block that does not end with punctuation (a
/// heading, a list item) gets a period, so the text still reads as sentences. Entities are decoded and
/// whitespace collapsed ([`Document::parse`]); scripts, styles and comments are not text.
/// [`plain_text_complete`] says whether the whole description fitted a parsed document.
pub fn html_to_text(html: &str) -> String {
    let doc = Document::parse(html);
    let mut out = String::new();
    for block in &doc.blocks {
        // A `<br>` is a line break inside a block: one line here.
        let text = block
            .text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text);
        if !text.ends_with(TERMINAL) {
            out.push('.');
        }
    }
    out
}

/// False when the description holds more text than a parsed document keeps
/// ([`crate::text::MAX_TEXT_BYTES`], 128 KiB): [`html_to_text`] would then be its beginning only.
pub fn plain_text_complete(html: &str) -> bool {
    !Document::parse(html).truncated
}

/// What a tag becomes on a channel that does not accept it (`None`: unwrapped, its contents
/// kept). Same answer for start and end tags, so the output stays well formed.
fn replacement(tag: &str, allowed: &[&str]) -> Option<&'static str> {
    let first = |options: &[&'static str]| options.iter().copied().find(|t| allowed.contains(t));
    match tag {
        // A lower heading becomes the lowest heading the channel has.
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => first(&["h2", "h3", "h4", "h1"]),
        "strong" | "b" => first(&["b", "strong"]),
        "em" | "i" => first(&["em", "i"]),
        "p" => first(&["p"]),
        "ul" => first(&["ul"]),
        "ol" => first(&["ol", "ul"]),
        "li" => first(&["li"]),
        _ => None,
    }
}

/// Tags after which an unwrapped element needs a space, so words do not run together.
const BLOCKS: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "br",
];

/// Sanitized description HTML ([`crate::validate::sanitize_html`]'s output) reduced to a
/// channel's tags (`allowed`): a heading the channel lacks becomes its lowest heading (`h3` →
/// `h2` on Allegro), `strong` ↔ `b` and `em` ↔ `i` swap for the one the channel has, `br`
/// without a `br` becomes a space, and any other tag the channel lacks (`a` on Kaufland and
/// Allegro) is unwrapped: its text stays. Text is copied byte for byte; every tag the channel
/// accepts is kept as written (attributes included).
pub fn html_for_channel(html: &str, allowed: &[&str]) -> String {
    let mut out = String::with_capacity(html.len());
    for token in tokenize(html) {
        match token {
            Token::String(t) => out.push_str(html.get(t.span.start..t.span.end).unwrap_or("")),
            Token::StartTag(t) => {
                let name = String::from_utf8_lossy(&t.name);
                if allowed.contains(&name.as_ref()) {
                    out.push_str(html.get(t.span.start..t.span.end).unwrap_or(""));
                } else if let Some(to) = replacement(&name, allowed) {
                    out.push('<');
                    out.push_str(to);
                    out.push('>');
                } else if BLOCKS.contains(&name.as_ref()) && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            Token::EndTag(t) => {
                let name = String::from_utf8_lossy(&t.name);
                if allowed.contains(&name.as_ref()) {
                    out.push_str(html.get(t.span.start..t.span.end).unwrap_or(""));
                } else if let Some(to) = replacement(&name, allowed) {
                    out.push_str("</");
                    out.push_str(to);
                    out.push('>');
                } else if BLOCKS.contains(&name.as_ref()) && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            Token::Comment(_) | Token::Doctype(_) => {}
        }
    }
    out
}

/// True when [`html_for_channel`] would change something: a tag the channel does not accept.
/// (Checked first, so content that already fits is not copied.)
pub(crate) fn needs_reshape(html: &str, allowed: &[&str]) -> bool {
    tokenize(html).any(|t| match t {
        Token::StartTag(t) => !allowed.contains(&String::from_utf8_lossy(&t.name).as_ref()),
        Token::EndTag(t) => !allowed.contains(&String::from_utf8_lossy(&t.name).as_ref()),
        Token::Comment(_) | Token::Doctype(_) => true,
        Token::String(_) => false,
    })
}

/// A description cut into sections at its top-level headings (`h1`, `h2`): each heading
/// starts a section holding everything up to the next one. Nothing is lost: the sections
/// joined are the input.
pub fn sections(html: &str) -> Vec<String> {
    let mut starts: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    for token in tokenize(html) {
        match token {
            Token::StartTag(t) => {
                let name = t.name.as_slice();
                if depth == 0 && (name == b"h1" || name == b"h2") {
                    starts.push(t.span.start);
                }
                if !t.self_closing && name != b"br" {
                    depth += 1;
                }
            }
            Token::EndTag(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let mut bounds: Vec<usize> = vec![0];
    bounds.extend(starts.into_iter().filter(|&s| s > 0));
    bounds.push(html.len());
    bounds
        .windows(2)
        .filter_map(|w| html.get(w[0]..w[1]))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HTML: &str = "<p>Soft <strong>merino</strong> socks &amp; more.</p>\n<h3>Care</h3>\n<ul><li>Wash <em>cold</em></li><li>Dry flat<br>and slow</li></ul>\n<p>See <a href=\"https://shop.example/care\">our guide</a>.</p>";

    #[test]
    fn plain_text_keeps_every_word_on_one_line() {
        let text = html_to_text(HTML);
        assert_eq!(
            text,
            "Soft merino socks & more. Care. Wash cold. Dry flat and slow. See our guide."
        );
        assert!(!text.contains('\n'));
        assert!(plain_text_complete(HTML));
        assert_eq!(html_to_text("<p>Done!</p><h2>Why?</h2>"), "Done! Why?");
        assert_eq!(html_to_text(""), "");
    }

    #[test]
    fn html_is_reduced_to_the_channel_tags_text_untouched() {
        let allegro = ["h1", "h2", "p", "ul", "ol", "li", "b"];
        assert_eq!(
            html_for_channel(HTML, &allegro),
            "<p>Soft <b>merino</b> socks &amp; more.</p>\n<h2>Care</h2>\n<ul><li>Wash cold</li><li>Dry flat and slow</li></ul>\n<p>See our guide.</p>"
        );
        let kaufland = [
            "b", "br", "em", "h2", "h3", "h4", "i", "li", "ol", "p", "strong", "ul",
        ];
        assert_eq!(
            html_for_channel(HTML, &kaufland),
            "<p>Soft <strong>merino</strong> socks &amp; more.</p>\n<h3>Care</h3>\n<ul><li>Wash <em>cold</em></li><li>Dry flat<br>and slow</li></ul>\n<p>See our guide.</p>"
        );
        let all = crate::validate::ALLOWED_TAGS;
        assert_eq!(html_for_channel(HTML, all), HTML);
        assert!(!needs_reshape(HTML, all));
        assert!(needs_reshape(HTML, &allegro) && needs_reshape(HTML, &kaufland));
        assert!(!needs_reshape(
            "<p>A <b>b</b></p><ul><li>x</li></ul>",
            &allegro
        ));
        // The text is the same whatever the tags.
        assert_eq!(
            html_to_text(&html_for_channel(HTML, &allegro)),
            html_to_text(HTML)
        );
    }

    #[test]
    fn sections_start_at_top_level_headings() {
        let html = "<p>Intro.</p><h2>One</h2><p>A</p><h2>Two</h2><ul><li>B</li></ul>";
        assert_eq!(
            sections(html),
            [
                "<p>Intro.</p>",
                "<h2>One</h2><p>A</p>",
                "<h2>Two</h2><ul><li>B</li></ul>"
            ]
        );
        assert_eq!(sections("<h2>Only</h2><p>x</p>"), ["<h2>Only</h2><p>x</p>"]);
        assert!(sections("  ").is_empty());
        assert_eq!(sections(html).concat(), html);
    }
}
