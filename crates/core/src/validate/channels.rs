//! Sales channels and their content rules, as data.
//!
//! Every limit lives in one static table, [`CHANNEL_PROFILES`]; the validator reads it and has
//! no per-channel code paths. Each figure says where it comes from: the channel's published
//! rules where proseo knows them, otherwise "proseo default" (a deliberate, documented choice
//! that is easy to change here).

use serde::{Deserialize, Serialize};

/// A sales channel the content is written for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A WooCommerce shop (the default).
    #[default]
    Woocommerce,
    /// Amazon marketplace.
    Amazon,
    /// eBay.
    Ebay,
    /// Kaufland marketplace.
    Kaufland,
    /// Allegro.
    Allegro,
}

impl Channel {
    /// Every channel, in [`CHANNEL_PROFILES`] order.
    pub fn all() -> &'static [Channel] {
        &[
            Channel::Woocommerce,
            Channel::Amazon,
            Channel::Ebay,
            Channel::Kaufland,
            Channel::Allegro,
        ]
    }

    /// Parses a channel id (`amazon`, case-insensitive, surrounding whitespace ignored).
    pub fn parse(s: &str) -> Option<Channel> {
        let s = s.trim();
        Channel::all()
            .iter()
            .copied()
            .find(|c| c.profile().id.eq_ignore_ascii_case(s))
    }

    /// The stable id (`woocommerce`), as used on the wire.
    pub fn id(self) -> &'static str {
        self.profile().id
    }

    /// This channel's rules.
    pub fn profile(self) -> &'static ChannelProfile {
        &CHANNEL_PROFILES[self as usize]
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// The content rules of one channel. Lengths are in characters (Unicode scalar values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChannelProfile {
    /// Stable id, equal to the serde name of the [`Channel`].
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Maximum length of the marketplace product title (`GeneratedContent::title`).
    pub title_max_chars: u32,
    /// Whether the channel needs a marketplace title (an empty one is an error).
    pub title_required: bool,
    /// Whether the SEO fields (SEO title, meta description, slug) are published on this channel
    /// and so required. When false they are still checked if filled in.
    pub seo_fields: bool,
    /// Maximum length of the SEO title before search engines truncate it.
    pub seo_title_max_chars: u32,
    /// Meta description shorter than this is a warning.
    pub meta_description_min_chars: u32,
    /// Meta description longer than this is a warning.
    pub meta_description_max_chars: u32,
    /// Maximum slug length.
    pub slug_max_chars: u32,
    /// Maximum length of the long description (characters of the HTML or text as written).
    pub description_max_chars: u32,
    /// Whether the description may contain HTML at all.
    pub html_allowed: bool,
    /// Tags the channel accepts in the description (a subset of the sanitizer allowlist applies
    /// anyway). Empty when `html_allowed` is false.
    pub allowed_tags: &'static [&'static str],
    /// Fewer bullets than this is a warning.
    pub bullets_min: u32,
    /// More bullets than this is an error: the channel has no field for them.
    pub bullets_max: u32,
    /// Maximum length of one bullet.
    pub bullet_max_chars: u32,
    /// Maximum length of the short description; `None` when the channel has no such field.
    pub short_description_max_chars: Option<u32>,
    /// Maximum length of one image alt text.
    pub image_alt_max_chars: u32,
}

/// proseo default: Google truncates titles at about 600 px, which is 50–60 characters; Yoast
/// SEO's title-width check uses the same 600 px.
const SEO_TITLE_MAX: u32 = 60;
/// proseo default: below ~50 characters a meta description wastes the snippet; Yoast treats
/// 121–156 as good.
const META_MIN: u32 = 50;
/// proseo default: Google cuts snippets at ~155–160 characters on desktop.
const META_MAX: u32 = 160;
/// proseo default: short slugs read and share better; 75 is the common SEO-plugin advice.
const SLUG_MAX: u32 = 75;
/// proseo default: screen readers read alt text in one go; 125 characters is the common
/// accessibility advice.
const ALT_MAX: u32 = 125;

/// The rules of every channel, indexed by `Channel as usize` (same order as [`Channel::all`]).
pub static CHANNEL_PROFILES: [ChannelProfile; 5] = [
    ChannelProfile {
        id: "woocommerce",
        name: "WooCommerce",
        // proseo default: WooCommerce has no title limit; same as the product-name limit of
        // `validate_product`.
        title_max_chars: 200,
        // The product name is the title; generated content need not repeat it.
        title_required: false,
        // A shop page is indexed by search engines: SEO title, meta description and slug matter.
        seo_fields: true,
        seo_title_max_chars: SEO_TITLE_MAX,
        meta_description_min_chars: META_MIN,
        meta_description_max_chars: META_MAX,
        slug_max_chars: SLUG_MAX,
        // proseo default: WordPress stores post content as LONGTEXT; longer than this is a
        // pasting accident, not a product description.
        description_max_chars: 20_000,
        // WordPress renders the description as HTML.
        html_allowed: true,
        allowed_tags: &[
            "a", "b", "br", "em", "h2", "h3", "h4", "i", "li", "ol", "p", "strong", "ul",
        ],
        // WooCommerce has no bullet field; proseo writes bullets into the description.
        bullets_min: 0,
        // proseo default: more than 10 feature bullets stop being scannable.
        bullets_max: 10,
        // proseo default.
        bullet_max_chars: 250,
        // proseo default: the short description shows next to the buy button.
        short_description_max_chars: Some(800),
        image_alt_max_chars: ALT_MAX,
    },
    ChannelProfile {
        id: "amazon",
        name: "Amazon",
        // Amazon's product title requirements: at most 200 characters including spaces (some
        // categories set lower limits).
        title_max_chars: 200,
        title_required: true,
        seo_fields: false,
        seo_title_max_chars: SEO_TITLE_MAX,
        meta_description_min_chars: META_MIN,
        meta_description_max_chars: META_MAX,
        slug_max_chars: SLUG_MAX,
        // Amazon's product description field: up to 2,000 characters.
        description_max_chars: 2_000,
        // Amazon's listing policy no longer allows HTML in product descriptions.
        html_allowed: false,
        allowed_tags: &[],
        // proseo default: Amazon shows five bullet fields and listings with fewer than three
        // look thin.
        bullets_min: 3,
        // Amazon: five "key product features" (bullet points).
        bullets_max: 5,
        // Amazon style guides: up to 500 characters per bullet point.
        bullet_max_chars: 500,
        // Amazon has no short description field.
        short_description_max_chars: None,
        image_alt_max_chars: ALT_MAX,
    },
    ChannelProfile {
        id: "ebay",
        name: "eBay",
        // eBay: listing titles are limited to 80 characters.
        title_max_chars: 80,
        title_required: true,
        seo_fields: false,
        seo_title_max_chars: SEO_TITLE_MAX,
        meta_description_min_chars: META_MIN,
        meta_description_max_chars: META_MAX,
        slug_max_chars: SLUG_MAX,
        // eBay Trading API: the item description may be up to 500,000 characters (HTML
        // included).
        description_max_chars: 500_000,
        // eBay accepts HTML descriptions but bans active content (JavaScript, plug-ins), which
        // the sanitizer removes.
        html_allowed: true,
        allowed_tags: &[
            "a", "b", "br", "em", "h2", "h3", "h4", "i", "li", "ol", "p", "strong", "ul",
        ],
        // eBay has no bullet field; proseo writes bullets into the description.
        bullets_min: 0,
        // proseo default.
        bullets_max: 10,
        // proseo default.
        bullet_max_chars: 250,
        // eBay has no short description field.
        short_description_max_chars: None,
        image_alt_max_chars: ALT_MAX,
    },
    ChannelProfile {
        id: "kaufland",
        name: "Kaufland",
        // proseo default: a conservative limit for Kaufland's marketplace titles.
        title_max_chars: 150,
        title_required: true,
        seo_fields: false,
        seo_title_max_chars: SEO_TITLE_MAX,
        meta_description_min_chars: META_MIN,
        meta_description_max_chars: META_MAX,
        slug_max_chars: SLUG_MAX,
        // proseo default.
        description_max_chars: 20_000,
        // Kaufland accepts basic HTML formatting in descriptions (proseo default tag set).
        html_allowed: true,
        allowed_tags: &[
            "b", "br", "em", "h2", "h3", "h4", "i", "li", "ol", "p", "strong", "ul",
        ],
        // proseo default: bullets go into the description.
        bullets_min: 0,
        // proseo default.
        bullets_max: 10,
        // proseo default.
        bullet_max_chars: 250,
        // Kaufland has no short description field.
        short_description_max_chars: None,
        image_alt_max_chars: ALT_MAX,
    },
    ChannelProfile {
        id: "allegro",
        name: "Allegro",
        // Allegro: offer titles are limited to 75 characters.
        title_max_chars: 75,
        title_required: true,
        seo_fields: false,
        seo_title_max_chars: SEO_TITLE_MAX,
        meta_description_min_chars: META_MIN,
        meta_description_max_chars: META_MAX,
        slug_max_chars: SLUG_MAX,
        // proseo default: a conservative limit for Allegro's description sections.
        description_max_chars: 40_000,
        html_allowed: true,
        // Allegro's description editor accepts only h1, h2, p, ul, ol, li and b (h1 is not in
        // proseo's sanitizer allowlist, so it never reaches here).
        allowed_tags: &["h1", "h2", "p", "ul", "ol", "li", "b"],
        // proseo default: bullets go into the description.
        bullets_min: 0,
        // proseo default.
        bullets_max: 10,
        // proseo default.
        bullet_max_chars: 250,
        // Allegro has no short description field.
        short_description_max_chars: None,
        image_alt_max_chars: ALT_MAX,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_order_matches_the_enum() {
        for (i, c) in Channel::all().iter().enumerate() {
            assert_eq!(*c as usize, i);
            let wire = serde_json::to_string(c).unwrap_or_default();
            assert_eq!(wire, format!("\"{}\"", c.profile().id));
        }
        assert_eq!(Channel::all().len(), CHANNEL_PROFILES.len());
    }

    #[test]
    fn parse_is_case_insensitive() {
        assert_eq!(Channel::parse(" Amazon "), Some(Channel::Amazon));
        assert_eq!(Channel::parse("ebay"), Some(Channel::Ebay));
        assert_eq!(Channel::parse("etsy"), None);
        assert_eq!(Channel::default(), Channel::Woocommerce);
    }

    #[test]
    fn profiles_are_consistent() {
        for p in &CHANNEL_PROFILES {
            assert!(p.bullets_min <= p.bullets_max, "{}", p.id);
            assert_eq!(p.html_allowed, !p.allowed_tags.is_empty(), "{}", p.id);
            assert!(p.meta_description_min_chars < p.meta_description_max_chars);
        }
        assert_eq!(Channel::Ebay.profile().title_max_chars, 80);
        assert_eq!(Channel::Allegro.profile().title_max_chars, 75);
        assert!(!Channel::Amazon.profile().html_allowed);
    }
}
