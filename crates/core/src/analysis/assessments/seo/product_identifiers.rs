//! Product identifier (Yoast WooCommerce SEO: `productIdentifier`).
//!
//! Measures: whether the product has a GTIN (EAN, UPC, ISBN…), or, with variations, whether
//! each variation has one. Applies: product pages; not to a product with variations whose
//! identifiers are unknown (`product.variants_with_gtin` absent), as Yoast skips variants it
//! cannot read. Judges: present good; missing ok (Yoast's orange).

use crate::analysis::assessment::{Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};

struct Scores {
    good: i16,
    okay: i16,
}
const SCORES: Scores = Scores { good: 9, okay: 6 };

const GOOD: &str = "Your product has an identifier (GTIN). Good job!";
const MISSING: &str = "Your product is missing an identifier (like a GTIN code). Include it if you can, as it will help search engines to better understand your content.";
const ALL_VARIANTS: &str = "All your product variants have an identifier. Good job!";
const SOME_VARIANTS: &str = "Not all your product variants have an identifier. Include it if you can, as it will help search engines to better understand your content.";
const UNKNOWN: &str =
    "The product has variations whose identifiers were not given (product.variants_with_gtin).";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::ProductIdentifiers,
    section: SectionKind::Seo,
    yoast: Some("productIdentifier"),
    run,
};

/// Shared with the SKU check: `(has_global, variants, variants_with)` → score and message.
pub(crate) fn judge(
    id: CheckId,
    has_global: bool,
    variants: u32,
    variants_with: Option<u32>,
    msgs: [&'static str; 5],
) -> Check {
    let [good, missing, all_variants, some_variants, unknown] = msgs;
    if variants == 0 {
        return if has_global {
            Check::scored(id, SCORES.good, good)
        } else {
            Check::scored(id, SCORES.okay, missing)
        };
    }
    match variants_with {
        None => Check::na(id, unknown),
        Some(n) if n >= variants => Check::scored(id, SCORES.good, all_variants),
        Some(_) => Check::scored(id, SCORES.okay, some_variants),
    }
}

fn run(r: &Researcher<'_>) -> Check {
    let p = &r.input.product;
    let has = p.gtin.as_deref().is_some_and(|s| !s.trim().is_empty());
    judge(
        ASSESSMENT.id,
        has,
        p.variants,
        p.variants_with_gtin,
        [GOOD, MISSING, ALL_VARIANTS, SOME_VARIANTS, UNKNOWN],
    )
}
