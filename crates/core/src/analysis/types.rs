//! The analysis wire types: [`AnalyzeInput`] in, [`Analysis`] out.
//!
//! Field names here are the one JSON shape shared by the CLI, the edge API and the npm package.
//! A [`Check`]'s `score` is in Yoast SEO's score points (negative for the worst findings, 0 for
//! `na` and `feedback`), so a proseo check and its Yoast counterpart can be compared point for
//! point.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize};

use crate::lang::Language;
use crate::span::Highlight;

/// What to analyze. Every field is optional on the wire; `content` is the description HTML.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct AnalyzeInput {
    /// The long description, as HTML (shortcodes and page-builder markup allowed).
    pub content: String,
    /// The short description (HTML).
    pub short_description: String,
    /// The SEO title as shown in search results.
    #[serde(deserialize_with = "short_text")]
    pub title: String,
    /// The meta description.
    #[serde(deserialize_with = "short_text")]
    pub meta_description: String,
    /// The URL slug.
    #[serde(deserialize_with = "short_text")]
    pub slug: String,
    /// The focus keyphrase.
    #[serde(deserialize_with = "short_text")]
    pub keyphrase: String,
    /// Synonyms of the keyphrase: a list, or one comma-separated string.
    #[serde(deserialize_with = "list_or_csv")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "synonyms_schema"))]
    pub synonyms: Vec<String>,
    /// Locale (`en_US`) or BCP 47 tag; decides the language. Empty means English.
    pub locale: String,
    /// Which threshold table to use.
    pub profile: Profile,
    /// Facts about the product the text describes.
    pub product: ProductFacts,
    /// The shop's base URL (`https://shop.example`); links to its host count as internal.
    /// Without it, only relative links are internal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_url: Option<String>,
}

impl AnalyzeInput {
    /// The text of one input field (what a [`crate::span::Highlight`] indexes into).
    pub fn field(&self, field: crate::span::Field) -> &str {
        use crate::span::Field;
        match field {
            Field::Content => &self.content,
            Field::Title => &self.title,
            Field::MetaDescription => &self.meta_description,
            Field::Slug => &self.slug,
            Field::Keyphrase => &self.keyphrase,
            Field::ShortDescription => &self.short_description,
        }
    }
}

/// Reads a short field (title, meta description, slug, keyphrase): its first
/// [`crate::text::MAX_FIELD_BYTES`] (cut on a char boundary), so the analysis of any request is
/// bounded; every threshold for these fields is far below.
fn short_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    use crate::text::{prefix, MAX_FIELD_BYTES};
    let mut s = String::deserialize(d)?;
    if s.len() > MAX_FIELD_BYTES {
        s = prefix(&s, MAX_FIELD_BYTES).to_owned();
    }
    Ok(s)
}

/// Reads `synonyms`: a list of strings, one comma-separated string, or `null`. Keeps at most
/// [`crate::text::MAX_SYNONYMS`] (the rest of a list is skipped unread), each cut to
/// [`crate::text::MAX_FIELD_BYTES`], so a hostile body of a million synonyms costs no memory.
fn list_or_csv<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use crate::text::{prefix, MAX_FIELD_BYTES, MAX_SYNONYMS};
    use serde::de::{Error, SeqAccess, Visitor};
    use std::fmt;

    fn cut(s: &str) -> String {
        prefix(s, MAX_FIELD_BYTES).to_owned()
    }

    struct Synonyms;
    impl<'de> Visitor<'de> for Synonyms {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of strings, a comma-separated string, or null")
        }
        fn visit_str<E: Error>(self, s: &str) -> Result<Vec<String>, E> {
            Ok(split_synonyms(s).iter().map(|s| cut(s)).collect())
        }
        fn visit_unit<E: Error>(self) -> Result<Vec<String>, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: Error>(self) -> Result<Vec<String>, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut out = Vec::new();
            while out.len() < MAX_SYNONYMS {
                match seq.next_element::<String>()? {
                    Some(s) => out.push(cut(&s)),
                    None => return Ok(out),
                }
            }
            while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
            Ok(out)
        }
    }
    d.deserialize_any(Synonyms)
}

/// `synonyms` on the wire: a list, one comma-separated string, or `null` (see [`list_or_csv`]).
#[cfg(feature = "schema")]
fn synonyms_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "Synonyms of the keyphrase: a list, or one comma-separated string.",
        "anyOf": [
            { "type": "array", "items": { "type": "string" } },
            { "type": "string" },
            { "type": "null" }
        ]
    })
}

/// Splits a comma-separated synonym list, dropping empty entries; keeps the first
/// [`crate::text::MAX_SYNONYMS`].
pub fn split_synonyms(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .take(crate::text::MAX_SYNONYMS)
        .map(str::to_owned)
        .collect()
}

/// The threshold table to score against.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// A product page (default): paragraphs ≤ 70 words, ≥ 4 images, identifiers expected.
    #[default]
    Product,
    /// A blog article / category text: links expected, product checks off.
    Article,
}

impl Profile {
    /// Every variant, in declaration order: `x as usize` is `x`'s index (the npm module's
    /// compact result refers to them by index, crates/wasm/src/tape.rs).
    pub const ALL: [Profile; 2] = [Profile::Product, Profile::Article];
}

/// Facts about the product that the description belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct ProductFacts {
    /// SKU, if the product has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// GTIN/EAN/UPC/ISBN, if the product has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
    /// Number of product images (gallery + main). When absent, the `<img>` tags in the
    /// content are counted instead (unless `images` is given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_count: Option<u32>,
    /// The product's images (main and gallery) with their alt texts. When given, the image
    /// checks (count, alt text, keyphrase in alt text) assess these instead of the `<img>` tags
    /// in the content, as current Yoast SEO does with a paper's provided images.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub images: Option<Vec<ProvidedImage>>,
    /// Number of variations.
    pub variants: u32,
    /// How many of the variations have a SKU, when known. Without it, a product with
    /// variations gets no SKU verdict (`na`), as Yoast does when it cannot read the variants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variants_with_sku: Option<u32>,
    /// How many of the variations have a GTIN (or other product identifier), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variants_with_gtin: Option<u32>,
}

/// An image of the product, outside the description (gallery, main image).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct ProvidedImage {
    /// The image URL.
    pub src: String,
    /// Its alt text (empty: none).
    pub alt: String,
}

/// A check's traffic light. `Na` means the check did not run: not applicable, or unsupported
/// (e.g. a word list proseo has no data for in the text's language); the check's message says
/// why. `Feedback` is information without a verdict (Yoast's grey bullet, score 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Needs work.
    Bad,
    /// Could be better.
    Ok,
    /// Good.
    Good,
    /// Information only: no verdict, score 0 (Yoast's grey bullet).
    Feedback,
    /// Did not run: not applicable or unsupported (the message says why).
    Na,
}

impl Rating {
    /// Every variant, in declaration order: `x as usize` is `x`'s index (the npm module's
    /// compact result refers to them by index, crates/wasm/src/tape.rs).
    pub const ALL: [Rating; 5] = [
        Rating::Bad,
        Rating::Ok,
        Rating::Good,
        Rating::Feedback,
        Rating::Na,
    ];

    /// The rating of a check score in Yoast's points: 0 is `feedback`, ≤ 4 (negative
    /// included) bad, 5–7 ok, ≥ 8 good.
    pub fn of_check_score(score: i16) -> Self {
        match score {
            0 => Rating::Feedback,
            ..=4 => Rating::Bad,
            5..=7 => Rating::Ok,
            _ => Rating::Good,
        }
    }

    /// The rating of an overall 0–100 score: ≤ 40 bad, 41–70 ok, > 70 good.
    pub fn of_overall_score(score: u8) -> Self {
        match score {
            0..=40 => Rating::Bad,
            41..=70 => Rating::Ok,
            _ => Rating::Good,
        }
    }
}

/// Stable identifiers of every check. Each is one assessment in `analysis::assessments`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    // SEO
    /// The keyphrase (or a synonym) appears in the first paragraph.
    KeyphraseInIntroduction,
    /// The keyphrase's length in content words.
    KeyphraseLength,
    /// Keyphrase occurrences relative to the text's length.
    KeyphraseDensity,
    /// The keyphrase (or a synonym) is spread through the text.
    KeyphraseDistribution,
    /// The keyphrase appears in the meta description.
    KeyphraseInMetaDescription,
    /// The keyphrase appears in H2/H3 subheadings.
    KeyphraseInSubheadings,
    /// The keyphrase appears in image alt text.
    KeyphraseInImageAlt,
    /// The keyphrase appears in the SEO title, preferably at its start.
    KeyphraseInTitle,
    /// The keyphrase's words appear in the slug.
    KeyphraseInSlug,
    /// The keyphrase consists of function words only.
    FunctionWordsInKeyphrase,
    /// Links whose anchor text is the keyphrase (competing with this page).
    CompetingLinks,
    /// Links to other sites (article profile).
    OutboundLinks,
    /// Links within the site (article profile).
    InternalLinks,
    /// Word count of the description.
    TextLength,
    /// SEO title width in pixels as search engines render it.
    TitleWidth,
    /// Meta description length in characters.
    MetaDescriptionLength,
    /// At most one H1 in the description.
    SingleH1,
    /// Number of product images.
    ImageCount,
    /// Every image in the description has alt text.
    ImageAlt,
    /// The product (or each variation) has a product identifier (GTIN, EAN, UPC, ISBN).
    ProductIdentifiers,
    /// The product (or each variation) has a SKU.
    ProductSku,
    /// The description has a bulleted or numbered list.
    Lists,
    // Readability
    /// Flesch reading ease (proseo-only: Yoast shows it as an insight, not as a check).
    FleschReadingEase,
    /// Share of long sentences.
    SentenceLength,
    /// Paragraph length in words.
    ParagraphLength,
    /// Share of sentences in the passive voice.
    PassiveVoice,
    /// Share of sentences with a transition word.
    TransitionWords,
    /// Words between subheadings.
    SubheadingDistribution,
    /// Three or more consecutive sentences starting with the same word.
    ConsecutiveSentences,
    /// There is enough text to analyze.
    TextPresence,
}

impl CheckId {
    /// Every variant, in declaration order: `x as usize` is `x`'s index (the npm module's
    /// compact result refers to them by index, crates/wasm/src/tape.rs).
    pub const ALL: [CheckId; 30] = [
        CheckId::KeyphraseInIntroduction,
        CheckId::KeyphraseLength,
        CheckId::KeyphraseDensity,
        CheckId::KeyphraseDistribution,
        CheckId::KeyphraseInMetaDescription,
        CheckId::KeyphraseInSubheadings,
        CheckId::KeyphraseInImageAlt,
        CheckId::KeyphraseInTitle,
        CheckId::KeyphraseInSlug,
        CheckId::FunctionWordsInKeyphrase,
        CheckId::CompetingLinks,
        CheckId::OutboundLinks,
        CheckId::InternalLinks,
        CheckId::TextLength,
        CheckId::TitleWidth,
        CheckId::MetaDescriptionLength,
        CheckId::SingleH1,
        CheckId::ImageCount,
        CheckId::ImageAlt,
        CheckId::ProductIdentifiers,
        CheckId::ProductSku,
        CheckId::Lists,
        CheckId::FleschReadingEase,
        CheckId::SentenceLength,
        CheckId::ParagraphLength,
        CheckId::PassiveVoice,
        CheckId::TransitionWords,
        CheckId::SubheadingDistribution,
        CheckId::ConsecutiveSentences,
        CheckId::TextPresence,
    ];
}

/// Where a check's rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The counterpart of a Yoast SEO assessment for this profile: same inputs, boundaries,
    /// score points and rating (differences are listed in docs/architecture.md). Counts toward
    /// the section score.
    Yoast,
    /// proseo's own check (Yoast has none for this profile). Reported, but left out of the
    /// section score so that scores stay comparable with Yoast's.
    Proseo,
}

impl Origin {
    /// Every variant, in declaration order: `x as usize` is `x`'s index (the npm module's
    /// compact result refers to them by index, crates/wasm/src/tape.rs).
    pub const ALL: [Origin; 2] = [Origin::Yoast, Origin::Proseo];
}

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Check {
    /// Which check.
    pub id: CheckId,
    /// Yoast SEO's score points: 9 best; ≤ 4 bad (down to −999 for a missing keyphrase);
    /// 0 when `na` or `feedback`.
    pub score: i16,
    /// The traffic light derived from `score` (or `na` when the check did not run).
    pub rating: Rating,
    /// What was found and what to do, in English; for `na`, why the check did not run.
    // Most messages are fixed text: borrowed, not copied into a new string per analysis.
    pub message: Cow<'static, str>,
    /// Where in the inputs the problem (or the match) is.
    pub highlights: Vec<Highlight>,
    /// Yoast counterpart or proseo-only.
    pub origin: Origin,
    /// The check did not run because the text's language or script is unsupported (not
    /// because it does not apply): what makes a section partially supported.
    #[serde(skip)]
    pub(crate) unsupported: bool,
}

impl Check {
    /// A check with a score (rating derived from it) and no highlights.
    pub fn scored(id: CheckId, score: i16, message: impl Into<Cow<'static, str>>) -> Self {
        Self {
            id,
            score,
            rating: Rating::of_check_score(score),
            message: message.into(),
            highlights: Vec::new(),
            origin: Origin::Yoast,
            unsupported: false,
        }
    }

    /// A check that did not run, with the reason.
    pub fn na(id: CheckId, why: impl Into<Cow<'static, str>>) -> Self {
        Self {
            rating: Rating::Na,
            ..Self::scored(id, 0, why)
        }
    }

    /// Adds highlights.
    pub fn with_highlights(mut self, highlights: Vec<Highlight>) -> Self {
        self.highlights = highlights;
        self
    }

    /// True when the check is rated bad or ok (what a revision should fix).
    pub fn needs_work(&self) -> bool {
        matches!(self.rating, Rating::Bad | Rating::Ok)
    }

    /// True when the check ran (any rating but `na`).
    pub fn ran(&self) -> bool {
        self.rating != Rating::Na
    }
}

/// A scored group of checks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Section {
    /// 0–100, as Yoast SEO computes it for the section (SEO: the counted checks' points as a
    /// share of 9 each; readability: 90, 60 or 30 from penalty points); 0 when `na`.
    pub score: u8,
    /// Rating of `score` (≤ 40 bad, ≤ 70 ok, else good); `na` when the section's main checks
    /// cannot run (see `reason`).
    pub rating: Rating,
    /// How many of the checks ran (were not `na`).
    pub checks_run: u32,
    /// How many checks the section has.
    pub checks_total: u32,
    /// Why the section is `na`, or which language-specific checks could not run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The checks, in a stable order.
    pub checks: Vec<Check>,
}

/// Text statistics of the description.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Stats {
    /// Words (0 when the script is unsupported).
    pub words: u32,
    /// Characters, for text measured in characters (Chinese, Japanese): what the length checks
    /// count, as Yoast counts Japanese (no spaces, no sentence punctuation or brackets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub characters: Option<u32>,
    /// Sentences.
    pub sentences: u32,
    /// Paragraphs.
    pub paragraphs: u32,
    /// Subheadings (H2–H6).
    pub subheadings: u32,
    /// Syllables, when the language has a syllable counter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub syllables: Option<u32>,
    /// Flesch reading ease, when supported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flesch_reading_ease: Option<f64>,
    /// Flesch-Kincaid grade level, when supported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flesch_kincaid_grade: Option<f64>,
    /// Keyphrase occurrences (the keyphrase only, as Yoast counts them for the density).
    pub keyphrase_count: u32,
    /// Occurrences per 100 words.
    pub keyphrase_density: f64,
    /// SEO title width in pixels.
    pub title_width_px: f64,
    /// Meta description length in characters (UTF-16 code units, as Yoast counts them).
    pub meta_description_chars: u32,
}

/// The result of [`crate::analysis::analyze`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Analysis {
    /// The language the text was scored as.
    pub language: Language,
    /// The profile used.
    pub profile: Profile,
    /// SEO checks and score.
    pub seo: Section,
    /// Readability checks and score.
    pub readability: Section,
    /// Text statistics.
    pub stats: Stats,
}

impl Analysis {
    /// The analysis as JSON text (exactly its `Serialize` form), as the CLI, the edge API and
    /// the npm prompt module's `scoreGenerated` give it: written directly (`analysis/json.rs`),
    /// not through the derived `Serialize`, whose byte-by-byte escaping of every string and
    /// field name was most of the time to write a result. Written in the core, the code is
    /// compiled at the core's opt-level (docs/architecture.md, "The npm package's size and
    /// speed"). The npm scoring module's `analyze` answers in a compact form instead
    /// (crates/wasm/src/tape.rs).
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        super::json::analysis_json(self)
    }

    /// Every check, SEO first.
    pub fn checks(&self) -> impl Iterator<Item = &Check> {
        self.seo.checks.iter().chain(self.readability.checks.iter())
    }

    /// A check by id.
    pub fn check(&self, id: CheckId) -> Option<&Check> {
        self.checks().find(|c| c.id == id)
    }
}
