//! The registry: which assessments run for which profile, in which order, and whether each is
//! a Yoast counterpart (counted in the section score) or proseo-only (reported, not counted).
//!
//! Product pages mirror Yoast SEO's product assessors as the Yoast WooCommerce SEO plugin
//! extends them (image alt attributes, product identifier, SKU, lists) plus the keyphrase
//! distribution (Premium); articles mirror the post assessors (plus keyphrase distribution).
//! Adding an assessment: its file under `assessments/`, its module line, and a line here.

use super::assessment::Assessment;
use super::assessments::{readability as r, seo as s};
use super::types::{Origin, Profile};

/// One registered assessment.
pub(crate) struct Entry {
    pub assessment: &'static Assessment,
    pub origin: Origin,
}

const fn yoast(assessment: &'static Assessment) -> Entry {
    Entry {
        assessment,
        origin: Origin::Yoast,
    }
}

const fn proseo(assessment: &'static Assessment) -> Entry {
    Entry {
        assessment,
        origin: Origin::Proseo,
    }
}

static PRODUCT: &[Entry] = &[
    // SEO: ProductSEOAssessor's order, then WooCommerce SEO's and Premium's additions.
    yoast(&s::keyphrase_in_introduction::ASSESSMENT),
    yoast(&s::keyphrase_length::ASSESSMENT),
    yoast(&s::keyphrase_density::ASSESSMENT),
    yoast(&s::keyphrase_in_meta_description::ASSESSMENT),
    yoast(&s::meta_description_length::ASSESSMENT),
    yoast(&s::keyphrase_in_subheadings::ASSESSMENT),
    yoast(&s::competing_links::ASSESSMENT),
    yoast(&s::text_length::ASSESSMENT),
    yoast(&s::keyphrase_in_title::ASSESSMENT),
    yoast(&s::title_width::ASSESSMENT),
    yoast(&s::keyphrase_in_slug::ASSESSMENT),
    yoast(&s::function_words_in_keyphrase::ASSESSMENT),
    yoast(&s::single_h1::ASSESSMENT),
    yoast(&s::image_count::ASSESSMENT),
    yoast(&s::keyphrase_in_image_alt::ASSESSMENT),
    yoast(&s::image_alt::ASSESSMENT),
    yoast(&s::product_identifiers::ASSESSMENT),
    yoast(&s::product_sku::ASSESSMENT),
    yoast(&s::keyphrase_distribution::ASSESSMENT),
    // Readability: ProductContentAssessor's order, then WooCommerce SEO's lists.
    yoast(&r::subheading_distribution::ASSESSMENT),
    yoast(&r::paragraph_length::ASSESSMENT),
    yoast(&r::sentence_length::ASSESSMENT),
    yoast(&r::transition_words::ASSESSMENT),
    yoast(&r::passive_voice::ASSESSMENT),
    yoast(&r::text_presence::ASSESSMENT),
    yoast(&r::lists::ASSESSMENT),
    proseo(&r::consecutive_sentences::ASSESSMENT),
    proseo(&r::flesch_reading_ease::ASSESSMENT),
];

static ARTICLE: &[Entry] = &[
    // SEO: SEOAssessor's order, then Premium's keyphrase distribution.
    yoast(&s::keyphrase_in_introduction::ASSESSMENT),
    yoast(&s::keyphrase_length::ASSESSMENT),
    yoast(&s::keyphrase_density::ASSESSMENT),
    yoast(&s::keyphrase_in_meta_description::ASSESSMENT),
    yoast(&s::meta_description_length::ASSESSMENT),
    yoast(&s::keyphrase_in_subheadings::ASSESSMENT),
    yoast(&s::competing_links::ASSESSMENT),
    yoast(&s::keyphrase_in_image_alt::ASSESSMENT),
    yoast(&s::image_count::ASSESSMENT),
    yoast(&s::text_length::ASSESSMENT),
    yoast(&s::outbound_links::ASSESSMENT),
    yoast(&s::keyphrase_in_title::ASSESSMENT),
    yoast(&s::internal_links::ASSESSMENT),
    yoast(&s::title_width::ASSESSMENT),
    yoast(&s::keyphrase_in_slug::ASSESSMENT),
    yoast(&s::function_words_in_keyphrase::ASSESSMENT),
    yoast(&s::single_h1::ASSESSMENT),
    yoast(&s::keyphrase_distribution::ASSESSMENT),
    // Readability: ContentAssessor's order.
    yoast(&r::subheading_distribution::ASSESSMENT),
    yoast(&r::paragraph_length::ASSESSMENT),
    yoast(&r::sentence_length::ASSESSMENT),
    yoast(&r::transition_words::ASSESSMENT),
    yoast(&r::passive_voice::ASSESSMENT),
    yoast(&r::text_presence::ASSESSMENT),
    yoast(&r::consecutive_sentences::ASSESSMENT),
    proseo(&r::flesch_reading_ease::ASSESSMENT),
];

/// The assessments of a profile, in order.
pub(crate) fn entries(profile: Profile) -> &'static [Entry] {
    match profile {
        Profile::Product => PRODUCT,
        Profile::Article => ARTICLE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_check_appears_once_per_profile() {
        for profile in [Profile::Product, Profile::Article] {
            let mut ids: Vec<_> = entries(profile).iter().map(|e| e.assessment.id).collect();
            let n = ids.len();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), n, "{profile:?}");
        }
    }

    #[test]
    fn yoast_entries_name_their_yoast_assessment() {
        for profile in [Profile::Product, Profile::Article] {
            for e in entries(profile) {
                if e.origin == Origin::Yoast {
                    assert!(e.assessment.yoast.is_some(), "{:?}", e.assessment.id);
                }
            }
        }
    }
}
