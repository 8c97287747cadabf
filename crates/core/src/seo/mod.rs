//! SEO analysis of a product description.
//!
//! [`analyze`] parses the description once ([`crate::text::Document`]), builds a shared
//! [`Ctx`], then runs the SEO checks (here, in [`checks`]) and the readability checks
//! ([`crate::readability`]). Thresholds live in [`thresholds`], one table per [`Profile`].

mod checks;
pub(crate) mod glyph_widths;
pub mod keyphrase;
pub mod thresholds;
pub mod title;
mod types;

pub use types::*;

use crate::lang::{Language, LanguageProfile, Script};
use crate::span::{Field, Highlight};
use crate::text::{dominant_script, Block, Document, Range, TextScript};
use keyphrase::Keyphrase;
use thresholds::Thresholds;

/// Highlights are capped per check so a pathological text cannot blow up the output.
pub(crate) const MAX_HIGHLIGHTS: usize = 50;

/// Everything the checks share: the parsed document, language data, thresholds, keyphrase.
pub(crate) struct Ctx<'a> {
    pub input: &'a AnalyzeInput,
    pub doc: Document,
    pub lang: &'static LanguageProfile,
    pub t: &'static Thresholds,
    pub kp: Keyphrase,
    /// Words can be counted (the text is in a space-separated script).
    pub words_supported: bool,
    /// The text is in the script of the chosen language, so its word lists apply.
    pub language_fits_text: bool,
    pub word_count: usize,
}

impl Ctx<'_> {
    /// A highlight of a block's text range, in the content's source offsets.
    pub fn hl(&self, block: &Block, range: Range) -> Highlight {
        let (s, e) = block.source_range(range);
        Highlight::new(Field::Content, &self.input.content, s as usize, e as usize)
    }

    /// A highlight of a content source range.
    pub fn hl_source(&self, (s, e): Range) -> Highlight {
        Highlight::new(Field::Content, &self.input.content, s as usize, e as usize)
    }

    /// A highlight in another field.
    pub fn hl_field(&self, field: Field, start: usize, end: usize) -> Highlight {
        Highlight::new(field, self.input.field(field), start, end)
    }

    /// Why a word-based check cannot run, if it cannot.
    pub fn words_unsupported(&self) -> Option<String> {
        if self.words_supported {
            None
        } else {
            Some(
                "Not supported yet for text written without spaces between words (e.g. Chinese, \
                 Japanese, Thai)."
                    .to_owned(),
            )
        }
    }

    /// Why a language-specific check cannot run, if it cannot.
    pub fn language_unsupported(&self, available: bool) -> Option<String> {
        if let Some(why) = self.words_unsupported() {
            return Some(why);
        }
        if !self.language_fits_text {
            return Some(format!(
                "The text does not look like {}; this language-specific check was skipped.",
                language_name(self.lang.language)
            ));
        }
        if !available {
            return Some(format!(
                "Not supported for {} yet.",
                language_name(self.lang.language)
            ));
        }
        None
    }
}

/// English name of a language, for messages.
pub fn language_name(lang: Language) -> &'static str {
    match lang {
        Language::En => "English",
        Language::Es => "Spanish",
        Language::De => "German",
        Language::Fr => "French",
        Language::It => "Italian",
        Language::Nl => "Dutch",
        Language::Pt => "Portuguese",
        Language::Ru => "Russian",
        Language::Other => "this language",
    }
}

/// Analyzes a description: SEO checks, readability checks, statistics. Never fails: every
/// input is some text, and checks that do not apply report `na`.
pub fn analyze(input: &AnalyzeInput) -> Analysis {
    let doc = Document::parse(&input.content);
    let language = Language::from_locale(&input.locale);
    let lang = language.profile();
    let script = dominant_script(doc.blocks.iter().map(|b| b.text.as_str()));
    let words_supported = script != TextScript::Unsegmented;
    let language_fits_text = matches!(
        (script, lang.script),
        (TextScript::None, _)
            | (TextScript::Latin, Script::Latin)
            | (TextScript::Cyrillic, Script::Cyrillic)
            | (_, Script::Other)
    );
    let kp = Keyphrase::new(&input.keyphrase, &input.synonyms, lang);
    let word_count = if words_supported { doc.word_count() } else { 0 };
    let ctx = Ctx {
        input,
        doc,
        lang,
        t: input.profile.thresholds(),
        kp,
        words_supported,
        language_fits_text,
        word_count,
    };
    let mut stats = Stats {
        words: word_count as u32,
        sentences: ctx.doc.sentence_count() as u32,
        paragraphs: ctx.doc.paragraphs().count() as u32,
        subheadings: ctx.doc.headings().filter(|(l, _)| *l >= 2).count() as u32,
        ..Stats::default()
    };
    let seo = checks::run(&ctx, &mut stats);
    let readability = crate::readability::run(&ctx, &mut stats);
    Analysis {
        language,
        profile: input.profile,
        seo: Section::from_checks(seo),
        readability: Section::from_checks(readability),
        stats,
    }
}

impl AnalyzeInput {
    /// The input that scores generated `content` for `product`: what every consumer (CLI,
    /// edge API, npm package) analyzes after writing.
    pub fn for_content(
        product: &crate::product::Product,
        content: &crate::validate::GeneratedContent,
        keyphrase: &str,
        locale: &str,
    ) -> Self {
        AnalyzeInput {
            content: content.description.clone(),
            short_description: content.short_description.clone(),
            title: content.seo_title.clone(),
            meta_description: content.meta_description.clone(),
            slug: content.slug.clone(),
            keyphrase: keyphrase.to_owned(),
            synonyms: Vec::new(),
            locale: locale.to_owned(),
            profile: Profile::Product,
            product: ProductFacts {
                sku: product.sku.clone(),
                gtin: product.gtin.clone(),
                image_count: Some(u32::try_from(product.images.len()).unwrap_or(u32::MAX)),
                variants: u32::try_from(product.variants.len()).unwrap_or(u32::MAX),
            },
            site_url: None,
        }
    }
}
