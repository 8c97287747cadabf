//! SKU (Yoast WooCommerce SEO: `productSKU`).
//!
//! Measures: whether the product has a SKU, or, with variations, whether each has one.
//! Applies: product pages; not to a product with variations whose SKUs are unknown
//! (`product.variants_with_sku` absent). Judges: present good; missing ok.

use super::product_identifiers::judge;
use crate::analysis::assessment::{Assessment, SectionKind};
use crate::analysis::researcher::Researcher;
use crate::analysis::types::{Check, CheckId};

const GOOD: &str = "Your product has a SKU. Good job!";
const MISSING: &str = "Your product is missing a SKU. Include it if you can, as it will help search engines to better understand your content.";
const ALL_VARIANTS: &str = "All your product variants have a SKU. Good job!";
const SOME_VARIANTS: &str = "Not all your product variants have a SKU. Include it if you can, as it will help search engines to better understand your content.";
const UNKNOWN: &str =
    "The product has variations whose SKUs were not given (product.variants_with_sku).";

pub(crate) static ASSESSMENT: Assessment = Assessment {
    id: CheckId::ProductSku,
    section: SectionKind::Seo,
    yoast: Some("productSKU"),
    run,
};

fn run(r: &Researcher<'_>) -> Check {
    let p = &r.input.product;
    let has = p.sku.as_deref().is_some_and(|s| !s.trim().is_empty());
    judge(
        ASSESSMENT.id,
        has,
        p.variants,
        p.variants_with_sku,
        [GOOD, MISSING, ALL_VARIANTS, SOME_VARIANTS, UNKNOWN],
    )
}
