//! One item on its way into a feed: its content made publishable and shaped for the channel,
//! validated, and the product facts every format asks for (SKU, GTIN, price, brand, category,
//! stock, images), each checked with the format's need for it.

use std::borrow::Cow;

use super::{cells, code, ExportItem, ExportOptions, Format};
use crate::content::GeneratedContent;
use crate::product::Price;
use crate::report::{Report, Severity};
use crate::validate;
use crate::woocsv::spreadsheet_safe;

/// How much a format needs a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Need {
    /// Missing is an error: the row is not written.
    Required,
    /// Missing is a warning.
    Recommended,
}

impl Need {
    fn severity(self) -> Severity {
        match self {
            Need::Required => Severity::Error,
            Need::Recommended => Severity::Warning,
        }
    }
}

/// A row being built.
pub(super) struct RowCtx<'a> {
    pub(super) format: Format,
    pub(super) item: &'a ExportItem,
    pub(super) options: &'a ExportOptions,
    /// The content, sanitized and shaped for the channel: what the row writes.
    pub(super) content: GeneratedContent,
    /// Issues, paths relative to the item.
    pub(super) report: Report,
    out: String,
}

impl<'a> RowCtx<'a> {
    pub(super) fn new(format: Format, item: &'a ExportItem, options: &'a ExportOptions) -> Self {
        let mut report = Report::new();
        let sanitized = validate::sanitize_content(&item.content);
        if sanitized.unsafe_removed {
            report.error(
                "/content",
                validate::content_code::UNSAFE_HTML,
                "the content held unsafe markup (a script, an event handler or a javascript: URL); it is not exported",
            );
        }
        let mut content = sanitized.content;
        if let Some(channel) = format.channel() {
            let profile = channel.profile();
            if !profile.html_allowed {
                if !super::plain_text_complete(&content.description) {
                    report.error(
                        "/content/description",
                        validate::content_code::DESCRIPTION_TOO_LONG,
                        format!(
                            "the description holds more than {} KiB of text; {} allows {} characters",
                            crate::text::MAX_TEXT_BYTES / 1024,
                            profile.name,
                            profile.description_max_chars
                        ),
                    );
                }
                content.description = super::html_to_text(&content.description);
            } else if super::text::needs_reshape(&content.description, profile.allowed_tags) {
                content.description =
                    super::html_for_channel(&content.description, profile.allowed_tags);
            }
            report.extend_prefixed("/content", validate::validate_content(&content, channel));
        }
        if !item.product.variants.is_empty() && format != Format::Woocommerce {
            report.info(
                "/product/variants",
                code::VARIATIONS_NOT_LISTED,
                format!(
                    "the product has {} variation(s); the {} feed lists it as one listing (variation families are not written)",
                    item.product.variants.len(),
                    format
                ),
            );
        }
        RowCtx {
            format,
            item,
            options,
            content,
            report,
            out: String::new(),
        }
    }

    /// Builds a CSV/TSV row with `build`; writes it unless an error was found. The caller's
    /// constant columns follow the format's own.
    pub(super) fn csv_row(&mut self, build: fn(&mut RowCtx<'_>) -> Vec<String>) -> bool {
        let mut cells = build(self);
        cells.extend(self.options.constants.iter().map(|c| c.value.clone()));
        if !self.written() {
            return false;
        }
        let columns = match self.format {
            Format::Woocommerce => super::woocommerce::columns(),
            Format::Amazon => super::amazon::columns(),
            Format::Ebay => super::ebay::columns(self.options),
            _ => super::kaufland::columns(),
        };
        // Each cell is moved, changed in place only when it must be (memory: the row once).
        let mut safe: Vec<String> = Vec::with_capacity(cells.len());
        for (i, mut cell) in cells.into_iter().enumerate() {
            // Tab-separated files cannot hold tabs or line breaks in a cell, and marketplace
            // importers read one line per row: line breaks (insignificant between HTML tags)
            // become spaces. WooCommerce's descriptions are escaped by its own convention.
            let breaks: &[char] = match self.format {
                Format::Amazon => &['\t', '\r', '\n'],
                Format::Ebay | Format::Kaufland => &['\r', '\n'],
                _ => &[],
            };
            if !breaks.is_empty() && cell.contains(breaks) {
                cell = cell.replace(breaks, " ");
            }
            if let Cow::Owned(defused) = spreadsheet_safe(&cell) {
                let name = columns
                    .get(i)
                    .cloned()
                    .or_else(|| {
                        self.options
                            .constants
                            .get(i.saturating_sub(columns.len()))
                            .map(|c| c.column.clone())
                    })
                    .unwrap_or_default();
                self.report.info(
                    format!("/columns/{}", pointer_escape(&name)),
                    code::CELL_DEFUSED,
                    format!("`{name}` started like a spreadsheet formula; it is written with a leading '"),
                );
                cell = defused;
            }
            safe.push(cell);
        }
        let refs: Vec<&str> = safe.iter().map(String::as_str).collect();
        cells::write_record(&mut self.out, cells::delimiter(self.format), &refs);
        true
    }

    /// Builds a JSON row with `build`; writes it unless an error was found.
    pub(super) fn json_row(&mut self, build: fn(&mut RowCtx<'_>) -> serde_json::Value) -> bool {
        let value = build(self);
        if !self.written() {
            return false;
        }
        // Sized for the item's text first, so a long description is not copied by doubling.
        let c = &self.item.content;
        let mut buf = Vec::with_capacity(
            c.description.len() + c.short_description.len() + c.title.len() + 4_096,
        );
        // A `Value` always serializes, and serde_json writes UTF-8.
        if serde_json::to_writer(&mut buf, &value).is_ok() {
            self.out = String::from_utf8(buf).unwrap_or_default();
        }
        true
    }

    /// True when the row has no error; otherwise records that it was left out.
    fn written(&mut self) -> bool {
        if self.report.is_valid() {
            return true;
        }
        let errors: Vec<String> = {
            let mut codes: Vec<String> = self
                .report
                .issues
                .iter()
                .filter(|i| i.severity == Severity::Error)
                .map(|i| i.code.clone())
                .collect();
            codes.dedup();
            codes
        };
        self.report.error(
            "",
            code::ROW_SKIPPED,
            format!("not exported: {}", errors.join(", ")),
        );
        false
    }

    /// The row text and the report.
    pub(super) fn finish(self) -> (String, Report) {
        (self.out, self.report)
    }

    fn missing(&mut self, path: &str, code: &str, need: Need, message: String) {
        self.report.push(path, code, need.severity(), message);
    }

    /// Checks a value against a field's length (in characters); longer is an error.
    pub(super) fn fits(&mut self, path: &str, what: &str, value: &str, max: usize) -> bool {
        let n = value.chars().count();
        if n > max {
            self.report.error(
                path,
                code::FIELD_TOO_LONG,
                format!(
                    "{what} has {n} characters; the {} format allows {max}",
                    self.format
                ),
            );
            return false;
        }
        true
    }

    /// The product's SKU.
    pub(super) fn sku(&mut self, need: Need, max: usize) -> Option<String> {
        match non_empty(&self.item.product.sku) {
            Some(s) => {
                self.fits("/product/sku", "the SKU", &s, max);
                Some(s)
            }
            None => {
                self.missing(
                    "/product/sku",
                    code::SKU_MISSING,
                    need,
                    format!(
                        "the product has no SKU; the {} feed keys rows by it",
                        self.format
                    ),
                );
                None
            }
        }
    }

    /// The product's GTIN, checked (length and check digit).
    pub(super) fn gtin(&mut self, need: Need) -> Option<String> {
        match non_empty(&self.item.product.gtin) {
            Some(g) => match validate::gtin_check(&g) {
                Ok(()) => Some(g),
                Err(why) => {
                    self.report.error(
                        "/product/gtin",
                        code::GTIN_INVALID,
                        format!("`{g}` is not a valid GTIN: {why}"),
                    );
                    None
                }
            },
            None => {
                self.missing(
                    "/product/gtin",
                    code::GTIN_MISSING,
                    need,
                    format!(
                        "the product has no GTIN (EAN/UPC) for the {} feed",
                        self.format
                    ),
                );
                None
            }
        }
    }

    /// The price buyers pay today: the sale price when it is below the regular price, else the
    /// regular price; for a product with no price of its own, its cheapest variation's. Must
    /// be above zero.
    pub(super) fn price(&mut self, need: Need) -> Option<f64> {
        let p = &self.item.product;
        let current = |regular: Option<&Price>, sale: Option<&Price>| {
            let r = regular.and_then(Price::value);
            let s = sale.and_then(Price::value);
            match (r, s) {
                (Some(r), Some(s)) if s < r && s > 0.0 => Some(s),
                (Some(r), _) => Some(r),
                (None, s) => s,
            }
        };
        let own = current(p.regular_price.as_ref(), p.sale_price.as_ref());
        let value = own.or_else(|| {
            p.variants
                .iter()
                .filter_map(|v| current(v.regular_price.as_ref(), v.sale_price.as_ref()))
                .filter(|v| *v > 0.0)
                .min_by(f64::total_cmp)
        });
        match value {
            Some(v) if v > 0.0 && v.is_finite() => Some(v),
            _ => {
                self.missing(
                    "/product/regular_price",
                    code::PRICE_MISSING,
                    need,
                    format!(
                        "the product has no price above zero for the {} feed",
                        self.format
                    ),
                );
                None
            }
        }
    }

    /// The currency: the product's, else the options'.
    pub(super) fn currency(&mut self, need: Need) -> Option<String> {
        let c =
            non_empty(&self.item.product.currency).or_else(|| non_empty(&self.options.currency));
        match c {
            Some(c) if validate::is_iso_4217(&c) => Some(c),
            Some(c) => {
                self.report.error(
                    "/product/currency",
                    code::CURRENCY_INVALID,
                    format!("`{c}` is not an ISO 4217 currency code"),
                );
                None
            }
            None => {
                self.missing(
                    "/product/currency",
                    code::CURRENCY_MISSING,
                    need,
                    "neither the product nor the export options name a currency".to_owned(),
                );
                None
            }
        }
    }

    /// The brand: the product's, else the options'.
    pub(super) fn brand(&mut self, need: Need) -> Option<String> {
        match non_empty(&self.item.product.brand).or_else(|| non_empty(&self.options.brand)) {
            Some(b) => Some(b),
            None => {
                self.missing(
                    "/product/brand",
                    code::BRAND_MISSING,
                    need,
                    format!(
                        "the product has no brand, and the export options name none, for the {} feed",
                        self.format
                    ),
                );
                None
            }
        }
    }

    /// The marketplace category: the first mapping that matches one of the product's
    /// categories (its full path, its last part, or an ancestor path: `Clothing` maps
    /// `Clothing > Tshirts`), else the options' default.
    pub(super) fn category(&mut self, need: Need) -> Option<String> {
        let p = &self.item.product;
        let norm = |s: &str| {
            s.split('>')
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" > ")
                .to_lowercase()
        };
        let mapped = p.categories.iter().find_map(|path| {
            let full = norm(path);
            let last = full.rsplit(" > ").next().unwrap_or("").to_owned();
            self.options
                .categories
                .iter()
                .find(|m| {
                    let shop = norm(&m.shop);
                    !shop.is_empty()
                        && (shop == full || shop == last || full.starts_with(&format!("{shop} > ")))
                })
                .map(|m| m.channel.trim().to_owned())
                .filter(|c| !c.is_empty())
        });
        match mapped.or_else(|| non_empty(&self.options.category)) {
            Some(c) => Some(c),
            None => {
                self.missing(
                    "/product/categories",
                    code::CATEGORY_MISSING,
                    need,
                    format!(
                        "no {} category for the product: map one of its categories ({}) or set a default",
                        self.format,
                        if p.categories.is_empty() {
                            "it has none".to_owned()
                        } else {
                            p.categories.join(", ")
                        }
                    ),
                );
                None
            }
        }
    }

    /// Units in stock: the item's, else 0 for a product out of stock, else the options'.
    pub(super) fn quantity(&mut self, need: Need) -> Option<u32> {
        let q = self.item.quantity.or(match self.item.product.in_stock {
            Some(false) => Some(0),
            _ => self.options.quantity,
        });
        if q.is_none() {
            self.missing(
                "/quantity",
                code::QUANTITY_MISSING,
                need,
                "the stock is unknown: pass the item's quantity or a default quantity".to_owned(),
            );
        }
        q
    }

    /// The image URLs, at most `max` (the rest reported), the first being the main image.
    pub(super) fn images(&mut self, need: Need, max: usize) -> Vec<String> {
        let mut all: Vec<String> = Vec::new();
        for (i, image) in self.item.product.images.iter().enumerate() {
            let src = image.src.trim();
            if src.is_empty() {
                continue;
            }
            if cells::absolute_url(src) {
                all.push(src.to_owned());
            } else {
                self.report.warning(
                    format!("/product/images/{i}/src"),
                    code::IMAGE_INVALID,
                    "not an absolute http(s) URL; the image is left out",
                );
            }
        }
        if all.is_empty() {
            self.missing(
                "/product/images",
                code::IMAGE_MISSING,
                need,
                format!("the product has no image for the {} feed", self.format),
            );
        } else if all.len() > max {
            self.report.warning(
                "/product/images",
                code::IMAGES_OVER_LIMIT,
                format!(
                    "the product has {} images; the {} feed holds {max}, so the last {} are not in it",
                    all.len(),
                    self.format,
                    all.len() - max
                ),
            );
        }
        all.into_iter().take(max).collect()
    }

    /// The focus keyphrase: the item's, else the product's.
    pub(super) fn keyphrase(&self) -> String {
        non_empty(&self.item.keyphrase)
            .unwrap_or_else(|| self.item.product.focus_keyphrase().to_owned())
    }

    /// The listing locale: the options', else the product's language, else `default`.
    pub(super) fn locale(&self, default: &str) -> String {
        non_empty(&self.options.locale)
            .or_else(|| non_empty(&self.item.product.language))
            .map(|l| l.replace('_', "-"))
            .filter(|l| validate::is_language_tag(l))
            .unwrap_or_else(|| default.to_owned())
    }
}

/// A trimmed, non-empty string.
pub(super) fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// A JSON pointer token (`~` → `~0`, `/` → `~1`).
fn pointer_escape(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}
