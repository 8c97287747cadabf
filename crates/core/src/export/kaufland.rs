//! Kaufland product data CSV: semicolon-separated, UTF-8, one product per row, keyed by EAN.
//!
//! Kaufland keeps product data (what the product is) apart from offers (price, stock,
//! condition: "units", sent by its inventory feed or API): this file is the product data, the
//! part proseo writes. Column names are Kaufland's attribute names; an attribute with several
//! values repeats its column (`picture;picture;…`), as Kaufland's format asks.
//!
//! Rules: `ean` (a valid GTIN) and `title` (at most 150 characters, proseo's default) are
//! required; the description is HTML reduced to Kaufland's tags (no links); pictures,
//! `manufacturer` and `category` are recommended. `locale` is the listing locale (default
//! `de-DE`).

use super::row::{Need, RowCtx};

/// Picture columns written.
const PICTURES: usize = 10;

pub(super) fn columns() -> Vec<String> {
    let mut c: Vec<String> = ["ean", "locale", "title", "description"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    c.extend((0..PICTURES).map(|_| "picture".to_owned()));
    c.push("manufacturer".to_owned());
    c.push("category".to_owned());
    c
}

pub(super) fn row(r: &mut RowCtx<'_>) -> Vec<String> {
    let ean = r.gtin(Need::Required).unwrap_or_default();
    let locale = r.locale("de-DE");
    let pictures = r.images(Need::Recommended, PICTURES);
    let manufacturer = r.brand(Need::Recommended).unwrap_or_default();
    let category = r.category(Need::Recommended).unwrap_or_default();
    let description = std::mem::take(&mut r.content.description);
    let c = &r.content;
    let mut cells = vec![ean, locale, c.title.trim().to_owned(), description];
    cells.extend((0..PICTURES).map(|i| pictures.get(i).cloned().unwrap_or_default()));
    cells.push(manufacturer);
    cells.push(category);
    cells
}
