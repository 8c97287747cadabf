//! Generated content: the fields a writer (an LLM or the offline writer) produces for a
//! product. One type for every producer and consumer: [`crate::prompt::parse_completion`]
//! returns it (plus repairs), [`crate::writer::write`] returns it, and
//! [`crate::validate::validate_content`] and [`crate::analysis::input_for_generated`] take it.

use serde::{Deserialize, Serialize};

/// Most bullet points in [`GeneratedContent`] (marketplaces take five to ten); a longer list is
/// a decoding error ([`crate::bounded`]).
pub const MAX_BULLETS: usize = 100;
/// Most image alt texts in [`GeneratedContent`] (one per product image, see
/// [`crate::product::MAX_LIST_ITEMS`]).
pub const MAX_IMAGE_ALTS: usize = crate::product::MAX_LIST_ITEMS;

/// Content generated for a product (by an LLM or the offline writer), as validated and
/// published.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct GeneratedContent {
    /// Long description, HTML.
    pub description: String,
    /// Short description (HTML on WooCommerce).
    pub short_description: String,
    /// SEO title (`<title>` / search-result title).
    pub seo_title: String,
    /// Meta description.
    pub meta_description: String,
    /// URL slug.
    pub slug: String,
    /// Alt texts, one per product image.
    #[serde(deserialize_with = "crate::bounded::vec::<_, _, MAX_IMAGE_ALTS>")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_IMAGE_ALTS)))]
    pub image_alt: Vec<String>,
    /// Bullet points (key features).
    #[serde(deserialize_with = "crate::bounded::vec::<_, _, MAX_BULLETS>")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_BULLETS)))]
    pub bullets: Vec<String>,
    /// Marketplace listing title; may be empty for shops, where the product name is the title.
    pub title: String,
}
