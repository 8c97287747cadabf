//! Descriptions reshaped for a channel: plain text for channels that take no HTML, and HTML
//! reduced to the tags a channel accepts. Text is never dropped or shortened here; only markup
//! changes (documented per rule below).

use crate::text::Document;

/// Sentence-ending punctuation: a block that ends with one needs no period added.
const TERMINAL: &[char] = &['.', '!', '?', '…', ':', ';', '。', '！', '？', '؟', '।'];

/// The visible text of a description on one line: its blocks (paragraphs, headings, list
/// items) in order, separated by a space; a heading or list item that does not end with
/// punctuation gets a period, so the text still reads as sentences. Entities are decoded and
/// whitespace collapsed ([`Document::parse`]); scripts, styles and comments are not text.
/// Use [`plain_text_complete`] to know whether the whole description fitted.
pub fn html_to_text(html: &str) -> String {
    let doc = Document::parse(html);
    let mut out = String::new();
    for block in &doc.blocks {
        let text = block.text.trim();
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(text);
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
