//! Validation: bad input described as data, never a panic.
//!
//! - [`validate_product`]: is the product data sane before writing about it (name, prices,
//!   ISO 4217 currency, URLs, SKU, GTIN, attributes, categories, BCP 47 language, variants)?
//! - [`validate_content`]: is generated content publishable on a [`Channel`] (safe HTML,
//!   lengths, SEO-field formats, placeholders, empty sections, channel rules)?
//! - [`sanitize_html`]: the description HTML reduced to a small allowlist, with every removal
//!   reported as a byte range.
//! - [`sanitize_content`]: the one way to publishable content: every field of generated
//!   content made safe (HTML to the allowlist, plain-text fields to plain text), and whether
//!   anything unsafe was removed. Validate the raw content, store the sanitized one.
//!
//! Channel limits are data: one static table, [`CHANNEL_PROFILES`]. Every issue code is a
//! stable snake_case string listed in [`PRODUCT_CODES`] or [`CONTENT_CODES`].

mod channels;
mod content;
mod language;
mod product;
mod publish;
mod sanitize;

pub use crate::content::GeneratedContent;
pub use channels::{Channel, ChannelProfile, CHANNEL_PROFILES};
pub use content::{code as content_code, validate_content, CONTENT_CODES};
pub use language::{check_language, LANGUAGE_MISMATCH, MIN_CONFIDENCE, MIN_LETTERS};
pub use product::{
    code as product_code, gtin_check, is_iso_4217, is_language_tag, validate_product,
    DESCRIPTION_MAX_CHARS, ISO_4217_CODES, NAME_MAX_CHARS, PRODUCT_CODES,
    SHORT_DESCRIPTION_MAX_CHARS, SKU_MAX_CHARS,
};
pub use publish::{sanitize_content, SanitizedContent};
pub use sanitize::{
    sanitize_html, Removal, Sanitized, ALLOWED_TAGS, DROPPED_TAGS, MAX_REMOVALS,
    UNSAFE_DROPPED_TAGS,
};
