//! Amazon inventory flat-file style feed: tab-separated, one listing per row.
//!
//! The header is the field-name row of Amazon's category inventory templates ("Template"
//! tab, third row: `feed_product_type`, `item_sku`, `brand_name`…). Seller Central's
//! templates also carry two rows above it (a signed `TemplateType=…` settings row and the
//! localized labels) that are specific to each category template and cannot be generated:
//! paste these rows under them in the template downloaded from Seller Central, or upload
//! through a tool that maps field names. `update_delete` is `Update` (create or replace the
//! listing).
//!
//! Rules: `item_sku`, `feed_product_type` (from the category mapping), `brand_name`,
//! `item_name` (the generated marketplace title, at most 200 characters), the price and a main
//! image are required; a GTIN (`external_product_id`, with its type by length) is expected
//! unless the brand has a GTIN exemption (warning). The description is plain text (Amazon
//! accepts no HTML), at most 2,000 characters; up to five bullet points. Cells hold no tabs or
//! line breaks (replaced by spaces).

use super::cells::{gtin_kind, price};
use super::row::{Need, RowCtx};

/// `other_image_url1…8`.
const OTHER_IMAGES: usize = 8;
/// Bullet point fields.
const BULLETS: usize = 5;
/// `item_sku`: Amazon allows 40 characters.
const SKU_MAX: usize = 40;
/// `brand_name` and `manufacturer`: 50 characters in Amazon's templates.
const BRAND_MAX: usize = 50;
/// `generic_keywords` (search terms): Amazon reads 250 bytes; proseo counts characters.
const KEYWORDS_MAX: usize = 250;

pub(super) fn columns() -> Vec<String> {
    let mut c: Vec<String> = [
        "feed_product_type",
        "item_sku",
        "update_delete",
        "brand_name",
        "manufacturer",
        "item_name",
        "external_product_id",
        "external_product_id_type",
        "product_description",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    c.extend((1..=BULLETS).map(|i| format!("bullet_point{i}")));
    c.extend(
        [
            "generic_keywords",
            "standard_price",
            "currency",
            "quantity",
            "main_image_url",
        ]
        .iter()
        .map(|s| (*s).to_owned()),
    );
    c.extend((1..=OTHER_IMAGES).map(|i| format!("other_image_url{i}")));
    c
}

pub(super) fn row(r: &mut RowCtx<'_>) -> Vec<String> {
    let feed_product_type = r.category(Need::Required).unwrap_or_default();
    let sku = r.sku(Need::Required, SKU_MAX).unwrap_or_default();
    let brand = r.brand(Need::Required).unwrap_or_default();
    r.fits("/product/brand", "the brand", &brand, BRAND_MAX);
    let gtin = r.gtin(Need::Recommended).unwrap_or_default();
    let amount = r.price(Need::Required).map(price).unwrap_or_default();
    let currency = r.currency(Need::Required).unwrap_or_default();
    let quantity = r
        .quantity(Need::Recommended)
        .map(|q| q.to_string())
        .unwrap_or_default();
    let images = r.images(Need::Required, 1 + OTHER_IMAGES);
    let keywords = r.keyphrase();
    r.fits("/keyphrase", "the search terms", &keywords, KEYWORDS_MAX);
    let description = std::mem::take(&mut r.content.description);
    let c = &r.content;
    let mut cells = vec![
        feed_product_type,
        sku,
        "Update".to_owned(),
        brand.clone(),
        brand,
        c.title.trim().to_owned(),
        gtin.clone(),
        if gtin.is_empty() {
            String::new()
        } else {
            gtin_kind(&gtin).to_owned()
        },
        description,
    ];
    cells.extend((0..BULLETS).map(|i| {
        c.bullets
            .get(i)
            .map(|b| b.trim().to_owned())
            .unwrap_or_default()
    }));
    cells.extend([keywords, amount, currency, quantity]);
    cells.extend((0..=OTHER_IMAGES).map(|i| images.get(i).cloned().unwrap_or_default()));
    cells
}
