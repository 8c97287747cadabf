//! The one scoring of generated content: the analysis input for content written for a product
//! (by an LLM or the offline writer), built the same way for the CLI, the edge API (Worker), the
//! writer's tests and the npm package (which the WordPress plugin uses).
//!
//! From the product and the generation options: the keyphrase (the options', else the
//! product's focus keyphrase), the synonyms, the locale (the product's language, else the
//! options', else English), the product facts (SKU, GTIN, variations' identifiers, images with
//! the generated alt texts), and the shop's URL (from the product's URL).

use super::types::{AnalyzeInput, ProductFacts, Profile, ProvidedImage};
use super::{analyze, Analysis};
use crate::content::GeneratedContent;
use crate::product::Product;
use crate::prompt::PromptOptions;

/// The keyphrase generated content is scored against: the options', else the product's focus
/// keyphrase (its own, else its name), lowercased.
pub fn keyphrase_for(product: &Product, options: &PromptOptions) -> String {
    options
        .keyphrase
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map_or_else(|| product.focus_keyphrase().to_lowercase(), str::to_owned)
}

/// The locale content is written and scored in: the product's language (what the shop sells
/// it in), else the options' language (the job's or command's), else the language the
/// product's data is written in when [`crate::lang::guess_product`] is confident, else
/// English. The offline writer and the prompt builder use it too, so a product is written,
/// prompted for and scored in one language.
pub fn locale_for(product: &Product, options: &PromptOptions) -> String {
    [
        product.language.as_deref().unwrap_or(""),
        options.language.as_str(),
    ]
    .into_iter()
    .map(str::trim)
    .find(|l| !l.is_empty())
    .map(str::to_owned)
    .or_else(|| crate::lang::guess_product(product).map(|g| g.language.code().to_owned()))
    .unwrap_or_else(|| "en".to_owned())
}

/// The shop's base URL (`https://host`) of a product URL.
fn site_of(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty() && (scheme == "http" || scheme == "https"))
        .then(|| format!("{scheme}://{host}"))
}

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The analysis input that scores `content` generated for `product` with `options`.
pub fn input_for_generated(
    product: &Product,
    content: &GeneratedContent,
    options: &PromptOptions,
) -> AnalyzeInput {
    let filled = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
    let images: Vec<ProvidedImage> = product
        .images
        .iter()
        .enumerate()
        .map(|(i, img)| ProvidedImage {
            src: img.src.clone(),
            alt: content
                .image_alt
                .get(i)
                .filter(|a| !a.trim().is_empty())
                .or(img.alt.as_ref())
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    let title = if content.seo_title.trim().is_empty() {
        content.title.clone()
    } else {
        content.seo_title.clone()
    };
    AnalyzeInput {
        content: content.description.clone(),
        short_description: content.short_description.clone(),
        title,
        meta_description: content.meta_description.clone(),
        slug: content.slug.clone(),
        keyphrase: keyphrase_for(product, options),
        synonyms: options
            .synonyms
            .iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        locale: locale_for(product, options),
        profile: Profile::Product,
        product: ProductFacts {
            sku: product.sku.clone(),
            gtin: product.gtin.clone(),
            image_count: Some(count_u32(images.len())),
            images: (!images.is_empty()).then_some(images),
            variants: count_u32(product.variants.len()),
            variants_with_sku: Some(count_u32(
                product.variants.iter().filter(|v| filled(&v.sku)).count(),
            )),
            variants_with_gtin: Some(count_u32(
                product.variants.iter().filter(|v| filled(&v.gtin)).count(),
            )),
        },
        site_url: product.url.as_deref().and_then(site_of),
    }
}

/// Analyzes `content` generated for `product` with `options`: what every consumer shows.
pub fn score_generated(
    product: &Product,
    content: &GeneratedContent,
    options: &PromptOptions,
) -> Analysis {
    analyze(&input_for_generated(product, content, options))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::product::{Image, Variant};

    #[test]
    fn options_win_then_the_product() {
        let p = Product {
            name: "Merino Socks".into(),
            language: Some("de_DE".into()),
            url: Some("https://shop.example/p/socks?x=1".into()),
            images: vec![
                Image {
                    src: "a.jpg".into(),
                    alt: Some("old alt".into()),
                },
                Image {
                    src: "b.jpg".into(),
                    alt: None,
                },
            ],
            variants: vec![
                Variant {
                    sku: Some("S-1".into()),
                    ..Variant::default()
                },
                Variant::default(),
            ],
            ..Product::default()
        };
        let content = GeneratedContent {
            image_alt: vec!["".into(), "new alt".into()],
            ..GeneratedContent::default()
        };
        let input = input_for_generated(&p, &content, &PromptOptions::default());
        assert_eq!(input.keyphrase, "merino socks");
        assert_eq!(input.locale, "de_DE");
        assert_eq!(input.site_url.as_deref(), Some("https://shop.example"));
        let alts: Vec<&str> = input
            .product
            .images
            .iter()
            .flatten()
            .map(|i| i.alt.as_str())
            .collect();
        assert_eq!(alts, ["old alt", "new alt"]);
        assert_eq!(input.product.variants_with_sku, Some(1));
        assert_eq!(input.product.variants_with_gtin, Some(0));
        let options = PromptOptions {
            keyphrase: Some(" wool socks ".into()),
            synonyms: vec!["socks".into(), " ".into()],
            language: "en_GB".into(),
            ..PromptOptions::default()
        };
        let input = input_for_generated(&p, &content, &options);
        assert_eq!(input.keyphrase, "wool socks");
        assert_eq!(input.synonyms, ["socks"]);
        assert_eq!(input.locale, "de_DE", "the product's language wins");
        let p = Product {
            language: None,
            ..p
        };
        assert_eq!(input_for_generated(&p, &content, &options).locale, "en_GB");
    }
}
