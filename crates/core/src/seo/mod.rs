//! SEO analysis of a product description.
//!
//! [`analyze`] parses the description once ([`crate::text::Document`]) and runs every SEO and
//! readability check on it. Thresholds live in [`thresholds`], one table per [`Profile`].

mod types;

pub use types::*;
