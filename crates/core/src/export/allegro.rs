//! Allegro offers: a JSON array, each element the body of one `POST /sale/product-offers`
//! request (Allegro REST API, "list an offer with a product in one request").
//!
//! Each offer names its product (`productSet`: the GTIN as `id` with `idType: GTIN` when the
//! product has one, so Allegro can match its catalog; else the product's name, category and
//! images), and carries the offer's own fields: `name` (the generated marketplace title, at
//! most 75 characters), `category`, `sellingMode` (`BUY_NOW`, price as a decimal string and
//! currency), `stock`, `images`, `external.id` (the SKU, so the offer can be found again),
//! `language` and `description`. The description is Allegro's structure: `sections`, each
//! with one `TEXT` item whose HTML uses Allegro's tags only (h1, h2, p, ul, ol, li, b); a
//! section starts at each heading. Offers are created as drafts (`publication.status:
//! INACTIVE`): category parameters Allegro requires (size, colour…) are category-specific,
//! and Allegro's answer names the missing ones before the seller activates the offer.
//!
//! Rules: category, price (default currency PLN), quantity and an image are required; a GTIN
//! and a SKU are recommended.

use serde_json::{json, Value};

use super::cells::price;
use super::row::{Need, RowCtx};
use super::text::sections;

/// Most images of one Allegro offer.
const IMAGES: usize = 16;
/// `external.id`: 100 characters.
const SKU_MAX: usize = 100;

pub(super) fn row(r: &mut RowCtx<'_>) -> Value {
    let category = r.category(Need::Required).unwrap_or_default();
    let amount = r.price(Need::Required).map(price).unwrap_or_default();
    let currency = r
        .currency(Need::Recommended)
        .unwrap_or_else(|| "PLN".to_owned());
    let quantity = r.quantity(Need::Required).unwrap_or(0);
    let images = r.images(Need::Required, IMAGES);
    let gtin = r.gtin(Need::Recommended);
    let sku = r.sku(Need::Recommended, SKU_MAX);
    let language = r.locale("pl-PL");
    let c = &r.content;
    let mut product = json!({
        "name": super::cells::plain_name(&r.item.product.name),
        "category": { "id": category },
        "images": images,
    });
    if let Some(g) = gtin {
        product["id"] = json!(g);
        product["idType"] = json!("GTIN");
    }
    let description: Vec<Value> = sections(&c.description)
        .into_iter()
        .map(|html| json!({ "items": [ { "type": "TEXT", "content": html } ] }))
        .collect();
    let mut offer = json!({
        "name": c.title.trim(),
        "category": { "id": category },
        "productSet": [ { "product": product } ],
        "sellingMode": {
            "format": "BUY_NOW",
            "price": { "amount": amount, "currency": currency },
        },
        "stock": { "available": quantity, "unit": "UNIT" },
        "images": images,
        "description": { "sections": description },
        "language": language,
        "publication": { "status": "INACTIVE" },
    });
    if let Some(s) = sku {
        offer["external"] = json!({ "id": s });
    }
    offer
}
