//! WooCommerce product CSV in the import format (Products → Import, "Update existing
//! products"): the generated descriptions, Yoast SEO and Rank Math meta, and image alt texts.
//!
//! Columns are the English headers WooCommerce's importer maps by default
//! (`includes/admin/importers/mappings/default.php`); `Meta: <key>` columns become product
//! meta. Rows are matched to existing products by `ID`, else `SKU`, so one of them is
//! required. Descriptions are written as WooCommerce's own exporter writes them: each line
//! break as the two characters `\n`, and a literal `\n` as `\\n`, which the importer turns
//! back (`parse_description_field`).
//!
//! Image alt texts have no importer column in WooCommerce core (alt text belongs to the media
//! library item, not to the product). They travel as product meta `_proseo_image_alt`: the
//! alt texts in the product's image order (main image first), in WooCommerce's list
//! convention (comma-separated, `\,` for a comma inside an alt text); the proseo plugin
//! copies them to each image's `_wp_attachment_image_alt`. The slug is not written: the
//! importer has no column for it (the REST connector pushes slugs).

use super::code;
use super::row::RowCtx;

/// The header, in order.
const COLUMNS: &[&str] = &[
    "ID",
    "SKU",
    "Name",
    "Short description",
    "Description",
    "Meta: _yoast_wpseo_title",
    "Meta: _yoast_wpseo_metadesc",
    "Meta: _yoast_wpseo_focuskw",
    "Meta: rank_math_title",
    "Meta: rank_math_description",
    "Meta: rank_math_focus_keyword",
    "Meta: _proseo_image_alt",
];

/// The product meta key that carries the alt texts.
pub const IMAGE_ALT_META: &str = "_proseo_image_alt";

pub(super) fn columns() -> Vec<String> {
    COLUMNS.iter().map(|c| (*c).to_owned()).collect()
}

/// WooCommerce's exporter's escaping of description fields (`filter_description_field`): a
/// literal `\n` becomes `\\n`, then each line break (`\r\n` or `\n`) the two characters `\n`.
/// One pass, one allocation.
fn description_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'n') => {
                chars.next();
                out.push_str("\\\\n");
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// WooCommerce's list convention: `a, b\, c`.
fn list_cell(items: &[String]) -> String {
    items
        .iter()
        .map(|i| i.trim().replace(',', "\\,"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn row(r: &mut RowCtx<'_>) -> Vec<String> {
    let p = &r.item.product;
    let raw_id = p.id.as_deref().map(str::trim).unwrap_or("");
    let id = raw_id.strip_prefix("id:").unwrap_or(raw_id);
    let sku = p.sku.as_deref().map(str::trim).unwrap_or("").to_owned();
    let id = if id.is_empty() {
        String::new()
    } else if id.bytes().all(|b| b.is_ascii_digit()) && !id.trim_start_matches('0').is_empty() {
        id.to_owned()
    } else {
        let severity_error = sku.is_empty();
        let message = format!(
            "`{raw_id}` is not a WooCommerce product id (a number){}",
            if severity_error {
                "; without a SKU the importer cannot find the product"
            } else {
                "; the row matches the product by its SKU"
            }
        );
        if severity_error {
            r.report.error("/product/id", code::ID_INVALID, message);
        } else {
            r.report.warning("/product/id", code::ID_INVALID, message);
        }
        String::new()
    };
    if id.is_empty() && sku.is_empty() && r.report.is_valid() {
        r.report.error(
            "/product/id",
            code::ID_MISSING,
            "the product has neither an id nor a SKU: an import would create a new product instead of updating it",
        );
    }
    if p.name.trim().is_empty() {
        r.report.error(
            "/product/name",
            crate::validate::product_code::NAME_REQUIRED,
            "the product has no name (WooCommerce requires one)",
        );
    }
    let c = &r.content;
    let alts = c.image_alt.clone();
    let images = p.images.len();
    if !alts.is_empty() && alts.len() != images {
        r.report.warning(
            "/content/image_alt",
            code::ALT_COUNT_MISMATCH,
            format!(
                "{} alt text(s) for {images} image(s); they are applied in image order",
                alts.len()
            ),
        );
    }
    let keyphrase = r.keyphrase();
    let description = description_cell(&std::mem::take(&mut r.content.description));
    let short = description_cell(&std::mem::take(&mut r.content.short_description));
    let c = &r.content;
    vec![
        id,
        sku,
        super::cells::plain_name(&p.name),
        short,
        description,
        c.seo_title.clone(),
        c.meta_description.clone(),
        keyphrase.clone(),
        c.seo_title.clone(),
        c.meta_description.clone(),
        keyphrase,
        list_cell(&alts),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_escape_like_woocommerce() {
        assert_eq!(
            description_cell("<p>a</p>\n<p>b</p>"),
            "<p>a</p>\\n<p>b</p>"
        );
        assert_eq!(description_cell("a \\n b"), "a \\\\n b");
        assert_eq!(description_cell("a\r\nb"), "a\\nb");
        assert_eq!(
            list_cell(&["Red mug, front".into(), " Blue mug ".into()]),
            "Red mug\\, front, Blue mug"
        );
    }
}
