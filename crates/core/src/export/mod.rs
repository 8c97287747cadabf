//! Exports: the one writer of every output format proseo produces.
//!
//! A feed is a list of products with their generated content, written in one [`Format`]:
//!
//! | format | what | channel rules |
//! |---|---|---|
//! | `woocommerce` | WooCommerce product CSV (import format): descriptions, Yoast SEO and Rank Math meta, image alt texts | [`Channel::Woocommerce`] |
//! | `amazon` | Amazon inventory flat-file style, tab-separated | [`Channel::Amazon`] |
//! | `ebay` | eBay File Exchange style CSV (`Add` rows) | [`Channel::Ebay`] |
//! | `kaufland` | Kaufland product data CSV (semicolons) | [`Channel::Kaufland`] |
//! | `allegro` | a JSON array of Allegro offer bodies (`POST /sale/product-offers`) | [`Channel::Allegro`] |
//! | `jsonld` | a JSON array of schema.org `Product` objects ([`json_ld`]) | Google's product rich results |
//!
//! docs/feeds.md describes each format's columns and where they come from.
//!
//! **Rows that break a rule are left out and reported; nothing is cut.** Each item's content
//! is made publishable ([`crate::validate::sanitize_content`]), shaped for the channel (plain
//! text where the channel takes no HTML, HTML reduced to the channel's tags: only markup
//! changes, never text, see [`html_to_text`] and [`html_for_channel`]), and validated against
//! the channel's profile ([`crate::validate::validate_content`]) and the format's own needs
//! (SKU, GTIN, price, category…). A row with an error is not written: the [`Feed`]'s
//! [`Report`] lists why (paths `/items/N/…`), and [`Feed::skipped`] counts it. A value longer
//! than its field is an error, never shortened. With [`OnInvalid::Refuse`] an export with any
//! such row fails as a whole ([`ExportError::RowsInvalid`]) instead.
//!
//! **Cells are safe.** Every CSV/TSV cell goes through [`crate::woocsv::spreadsheet_safe`]
//! (a leading `'` before `=`, `+`, `-`, `@`, tab, CR), and a cell it changed is reported as
//! info (`export_cell_defused`). JSON output is JSON-escaped by serde_json; JSON-LD written
//! into HTML also escapes `<` ([`JsonLd::script_tag`]).
//!
//! **Streaming and bounded.** [`FeedWriter`] takes items one at a time and hands out the text
//! written so far ([`FeedWriter::take_output`]), so a caller can page through a catalog of any
//! size; what one row writes is proportional to that item (property-tested), and the report
//! holds at most [`crate::report::MAX_ISSUES`] issues. [`export`] is the all-at-once form.
//!
//! Pure: no clock, no I/O; the same items give the same bytes everywhere.

mod allegro;
mod amazon;
mod cells;
mod ebay;
mod jsonld;
mod kaufland;
mod row;
mod text;
mod woocommerce;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::content::GeneratedContent;
use crate::error::ErrorCode;
use crate::product::Product;
use crate::report::Report;
use crate::validate::Channel;

pub use jsonld::{code as jsonld_code, json_ld, JsonLd, JsonLdOptions, JSONLD_CODES};
pub use text::{html_for_channel, html_to_text, plain_text_complete, sections};
pub use woocommerce::IMAGE_ALT_META;

use row::RowCtx;

#[cfg(test)]
mod tests;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// WooCommerce product CSV, import format.
    Woocommerce,
    /// Amazon inventory flat-file style, tab-separated.
    Amazon,
    /// eBay File Exchange style CSV.
    Ebay,
    /// Kaufland product data CSV.
    Kaufland,
    /// Allegro offer bodies (JSON array).
    Allegro,
    /// schema.org `Product` JSON-LD (JSON array).
    Jsonld,
}

impl Format {
    /// Every format.
    pub fn all() -> &'static [Format] {
        &[
            Format::Woocommerce,
            Format::Amazon,
            Format::Ebay,
            Format::Kaufland,
            Format::Allegro,
            Format::Jsonld,
        ]
    }

    /// The stable id (`amazon`), as used on the wire.
    pub fn id(self) -> &'static str {
        match self {
            Format::Woocommerce => "woocommerce",
            Format::Amazon => "amazon",
            Format::Ebay => "ebay",
            Format::Kaufland => "kaufland",
            Format::Allegro => "allegro",
            Format::Jsonld => "jsonld",
        }
    }

    /// Parses a format id (case-insensitive, surrounding whitespace ignored).
    pub fn parse(s: &str) -> Option<Format> {
        let s = s.trim();
        Format::all()
            .iter()
            .copied()
            .find(|f| f.id().eq_ignore_ascii_case(s))
    }

    /// The format of a sales channel's feed.
    pub fn of_channel(channel: Channel) -> Format {
        match channel {
            Channel::Woocommerce => Format::Woocommerce,
            Channel::Amazon => Format::Amazon,
            Channel::Ebay => Format::Ebay,
            Channel::Kaufland => Format::Kaufland,
            Channel::Allegro => Format::Allegro,
        }
    }

    /// The channel whose content rules apply; `None` for JSON-LD (Google's rules apply).
    pub fn channel(self) -> Option<Channel> {
        match self {
            Format::Woocommerce => Some(Channel::Woocommerce),
            Format::Amazon => Some(Channel::Amazon),
            Format::Ebay => Some(Channel::Ebay),
            Format::Kaufland => Some(Channel::Kaufland),
            Format::Allegro => Some(Channel::Allegro),
            Format::Jsonld => None,
        }
    }

    /// The media type of the output (`text/csv; charset=utf-8`…).
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Woocommerce | Format::Ebay | Format::Kaufland => "text/csv; charset=utf-8",
            Format::Amazon => "text/tab-separated-values; charset=utf-8",
            Format::Allegro => "application/json",
            Format::Jsonld => "application/ld+json",
        }
    }

    /// A file name extension for the output (`csv`, `txt`, `json`, `jsonld`).
    pub fn file_extension(self) -> &'static str {
        match self {
            Format::Woocommerce | Format::Ebay | Format::Kaufland => "csv",
            // Seller Central uploads flat files as tab-delimited text.
            Format::Amazon => "txt",
            Format::Allegro => "json",
            Format::Jsonld => "jsonld",
        }
    }

    /// The columns a CSV/TSV format writes, in order (empty for the JSON formats). Some
    /// formats add the caller's [`ExportOptions::constants`] after these.
    pub fn columns(self) -> Vec<String> {
        match self {
            Format::Woocommerce => woocommerce::columns(),
            Format::Amazon => amazon::columns(),
            Format::Ebay => ebay::columns(&ExportOptions::default()),
            Format::Kaufland => kaufland::columns(),
            Format::Allegro | Format::Jsonld => Vec::new(),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Most entries in [`ExportOptions::categories`].
pub const MAX_CATEGORY_MAPPINGS: usize = 1_000;
/// Most entries in [`ExportOptions::constants`].
pub const MAX_CONSTANTS: usize = 50;
/// Longest option value (a category id, a constant's value…), in bytes.
pub const MAX_OPTION_BYTES: usize = 1_024;

/// One product and its content, as exported.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct ExportItem {
    /// The product (its id, SKU, GTIN, brand, prices, images… as the shop has them).
    pub product: Product,
    /// Its generated content. Raw or sanitized: the export sanitizes it either way, and a row
    /// whose content held unsafe markup is not written.
    pub content: GeneratedContent,
    /// The focus keyphrase (Yoast / Rank Math focus keyword, Amazon search terms); default:
    /// the product's ([`Product::focus_keyphrase`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyphrase: Option<String>,
    /// Units in stock, when the caller knows them (WooCommerce's `stock_quantity`). Without
    /// it: 0 for a product out of stock, else [`ExportOptions::quantity`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
}

/// What to do with rows that break a rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OnInvalid {
    /// Leave the row out, report why, write the others (the default).
    #[default]
    Skip,
    /// Fail the whole export with [`ExportError::RowsInvalid`].
    Refuse,
}

/// A shop category and the marketplace category it maps to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct CategoryMapping {
    /// The shop's category: a full path (`Clothing > Tshirts`), its last part (`Tshirts`) or
    /// an ancestor (`Clothing`, for everything under it), matched case-insensitively against
    /// the product's categories in order.
    pub shop: String,
    /// The marketplace's: eBay category id, Allegro category id, Amazon `feed_product_type`,
    /// Kaufland category name.
    pub channel: String,
}

/// A column with the same value on every row (eBay's `*Location`, business policy names,
/// Amazon's `fulfillment_latency`…), added after the format's own columns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct Constant {
    /// Column name, as the marketplace's template spells it.
    pub column: String,
    /// The value.
    pub value: String,
}

/// How to export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct ExportOptions {
    /// Rows that break a rule: skipped (default) or the export refused.
    pub on_invalid: OnInvalid,
    /// ISO 4217 currency of products that name none (`EUR`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Brand of products that name none (the shop's own brand).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// BCP 47 locale of the listings (`de-DE`, `pl-PL`) for formats that state one (Kaufland
    /// `locale`, Allegro `language`, eBay's site); default: the product's language, then
    /// the format's home market.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Marketplace category of products no mapping matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Shop category → marketplace category, first match wins.
    #[serde(deserialize_with = "crate::bounded::vec::<_, _, MAX_CATEGORY_MAPPINGS>")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_CATEGORY_MAPPINGS)))]
    pub categories: Vec<CategoryMapping>,
    /// Units in stock of products in stock whose quantity is unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    /// Extra columns with one value for every row (CSV/TSV formats only).
    #[serde(deserialize_with = "crate::bounded::vec::<_, _, MAX_CONSTANTS>")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_CONSTANTS)))]
    pub constants: Vec<Constant>,
}

/// Why an export could not be written at all. Row problems are issues in [`Feed::report`].
///
/// Serialized as `{"code": …, …fields}` with the same code as [`ErrorCode::code`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code")]
pub enum ExportError {
    /// [`OnInvalid::Refuse`] and at least one row broke a rule: nothing is written.
    #[serde(rename = "export_rows_invalid")]
    RowsInvalid {
        /// Rows that broke a rule.
        invalid: u32,
        /// Why (paths `/items/N/…`).
        report: Report,
    },
    /// An option is unusable (a currency that is not ISO 4217, a constant that names one of
    /// the format's own columns…).
    #[serde(rename = "export_options_invalid")]
    OptionsInvalid {
        /// The option (`currency`, `constants/2/column`).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// No such format.
    #[serde(rename = "export_format_unknown")]
    FormatUnknown {
        /// The format asked for.
        format: String,
    },
}

impl ErrorCode for ExportError {
    fn code(&self) -> &'static str {
        match self {
            ExportError::RowsInvalid { .. } => "export_rows_invalid",
            ExportError::OptionsInvalid { .. } => "export_options_invalid",
            ExportError::FormatUnknown { .. } => "export_format_unknown",
        }
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::RowsInvalid { invalid, .. } => write!(
                f,
                "{invalid} row(s) break the channel's rules; nothing was exported (see the report)"
            ),
            ExportError::OptionsInvalid { field, message } => {
                write!(f, "export option `{field}`: {message}")
            }
            ExportError::FormatUnknown { format } => {
                let known: Vec<&str> = Format::all().iter().map(|f| f.id()).collect();
                write!(
                    f,
                    "unknown export format `{format}`; known: {}",
                    known.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for ExportError {}

/// Stable codes of export issues (besides [`crate::validate::CONTENT_CODES`] and, for
/// JSON-LD, [`JSONLD_CODES`]).
pub mod code {
    /// The product has neither an id nor a SKU a WooCommerce import can update it by (error).
    pub const ID_MISSING: &str = "export_id_missing";
    /// The product's id is not a WooCommerce post id; the row matches by SKU (warning) or not
    /// at all (error when there is no SKU either).
    pub const ID_INVALID: &str = "export_id_invalid";
    /// The format needs a SKU (error) or recommends one (warning).
    pub const SKU_MISSING: &str = "export_sku_missing";
    /// The format needs a GTIN/EAN (error) or recommends one (warning).
    pub const GTIN_MISSING: &str = "export_gtin_missing";
    /// The GTIN has the wrong length or check digit (error).
    pub const GTIN_INVALID: &str = "export_gtin_invalid";
    /// No usable price (error).
    pub const PRICE_MISSING: &str = "export_price_missing";
    /// No currency, or one the format's file cannot hold (error).
    pub const CURRENCY_MISSING: &str = "export_currency_missing";
    /// The currency is not ISO 4217 (error).
    pub const CURRENCY_INVALID: &str = "export_currency_invalid";
    /// No brand (error where required, else warning).
    pub const BRAND_MISSING: &str = "export_brand_missing";
    /// No marketplace category for the product (error where required, else warning).
    pub const CATEGORY_MISSING: &str = "export_category_missing";
    /// Stock unknown (error where required, else warning).
    pub const QUANTITY_MISSING: &str = "export_quantity_missing";
    /// No image (error where required, else warning).
    pub const IMAGE_MISSING: &str = "export_image_missing";
    /// An image URL is not an absolute http(s) URL: it is left out (warning).
    pub const IMAGE_INVALID: &str = "export_image_invalid";
    /// More images than the format has fields for: the rest are not in the feed (warning).
    pub const IMAGES_OVER_LIMIT: &str = "export_images_over_limit";
    /// A value is longer than its field (error; never shortened).
    pub const FIELD_TOO_LONG: &str = "export_field_too_long";
    /// A cell started like a spreadsheet formula and got a leading `'` (info).
    pub const CELL_DEFUSED: &str = "export_cell_defused";
    /// The product has variations; the feed lists it as one listing (info).
    pub const VARIATIONS_NOT_LISTED: &str = "export_variations_not_listed";
    /// Fewer or more alt texts than images (warning).
    pub const ALT_COUNT_MISMATCH: &str = "export_alt_count_mismatch";
    /// The row was not written (error; the other issues of the item say why).
    pub const ROW_SKIPPED: &str = "export_row_skipped";
}

/// Every code an export reports itself (see [`code`]).
pub const EXPORT_CODES: &[&str] = &[
    code::ID_MISSING,
    code::ID_INVALID,
    code::SKU_MISSING,
    code::GTIN_MISSING,
    code::GTIN_INVALID,
    code::PRICE_MISSING,
    code::CURRENCY_MISSING,
    code::CURRENCY_INVALID,
    code::BRAND_MISSING,
    code::CATEGORY_MISSING,
    code::QUANTITY_MISSING,
    code::IMAGE_MISSING,
    code::IMAGE_INVALID,
    code::IMAGES_OVER_LIMIT,
    code::FIELD_TOO_LONG,
    code::CELL_DEFUSED,
    code::VARIATIONS_NOT_LISTED,
    code::ALT_COUNT_MISMATCH,
    code::ROW_SKIPPED,
];

/// A written feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Feed {
    /// The format.
    pub format: Format,
    /// Its media type ([`Format::media_type`]).
    pub media_type: String,
    /// A file name extension ([`Format::file_extension`]).
    pub file_extension: String,
    /// The feed.
    pub body: String,
    /// Rows written.
    pub rows: u32,
    /// Items left out (their issues are in `report`).
    pub skipped: u32,
    /// Every issue found, paths `/items/N/…` (N counts from 0 in the order items came).
    pub report: Report,
}

/// What [`FeedWriter::finish`] returns: the last part of the output and the counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEnd {
    /// Output not yet taken with [`FeedWriter::take_output`] (for JSON formats, the closing
    /// bracket).
    pub tail: String,
    /// Rows written.
    pub rows: u32,
    /// Items left out.
    pub skipped: u32,
    /// Every issue found.
    pub report: Report,
}

/// Writes a feed one item at a time.
///
/// ```
/// use proseo_core::export::{ExportItem, ExportOptions, FeedWriter, Format};
/// let mut w = FeedWriter::new(Format::Woocommerce, ExportOptions::default()).unwrap();
/// let mut out = w.take_output(); // the header
/// # let items: Vec<ExportItem> = Vec::new();
/// for item in &items {
///     w.push(item);
///     out.push_str(&w.take_output());
/// }
/// let end = w.finish().unwrap();
/// out.push_str(&end.tail);
/// ```
#[derive(Debug)]
pub struct FeedWriter {
    format: Format,
    options: ExportOptions,
    out: String,
    rows: u32,
    skipped: u32,
    next_index: usize,
    report: Report,
}

impl FeedWriter {
    /// A writer for `format`; the header (or the opening bracket) is its first output.
    /// Fails when an option is unusable.
    pub fn new(format: Format, options: ExportOptions) -> Result<FeedWriter, ExportError> {
        check_options(format, &options)?;
        let mut out = String::new();
        match format {
            Format::Woocommerce | Format::Amazon | Format::Ebay | Format::Kaufland => {
                let mut header = match format {
                    Format::Woocommerce => woocommerce::columns(),
                    Format::Amazon => amazon::columns(),
                    Format::Ebay => ebay::columns(&options),
                    _ => kaufland::columns(),
                };
                header.extend(options.constants.iter().map(|c| c.column.clone()));
                let cells: Vec<&str> = header.iter().map(String::as_str).collect();
                cells::write_record(&mut out, cells::delimiter(format), &cells);
            }
            Format::Allegro | Format::Jsonld => out.push('['),
        }
        Ok(FeedWriter {
            format,
            options,
            out,
            rows: 0,
            skipped: 0,
            next_index: 0,
            report: Report::new(),
        })
    }

    /// Validates an item and writes its row; returns false when the row broke a rule and was
    /// left out (its issues are in the report).
    pub fn push(&mut self, item: &ExportItem) -> bool {
        let index = self.next_index;
        self.next_index += 1;
        let mut ctx = RowCtx::new(self.format, item, &self.options);
        let written = match self.format {
            Format::Woocommerce => ctx.csv_row(woocommerce::row),
            Format::Amazon => ctx.csv_row(amazon::row),
            Format::Ebay => ctx.csv_row(ebay::row),
            Format::Kaufland => ctx.csv_row(kaufland::row),
            Format::Allegro => ctx.json_row(allegro::row),
            Format::Jsonld => ctx.json_row(jsonld::row),
        };
        let (out, report) = ctx.finish();
        self.report
            .extend_prefixed(&format!("/items/{index}"), report);
        match written.then_some(out) {
            Some(row) => {
                if matches!(self.format, Format::Allegro | Format::Jsonld) {
                    self.out.push_str(if self.rows == 0 { "\n" } else { ",\n" });
                }
                self.out.push_str(&row);
                self.rows += 1;
                true
            }
            None => {
                self.skipped += 1;
                false
            }
        }
    }

    /// The output written since the last call (the header first).
    pub fn take_output(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    /// Rows written so far.
    pub fn rows(&self) -> u32 {
        self.rows
    }

    /// Items left out so far.
    pub fn skipped(&self) -> u32 {
        self.skipped
    }

    /// Ends the feed. With [`OnInvalid::Refuse`] and rows left out, fails with
    /// [`ExportError::RowsInvalid`] (a streaming caller that must not publish a partial feed
    /// checks items first with [`check_item`]).
    pub fn finish(mut self) -> Result<FeedEnd, ExportError> {
        if self.options.on_invalid == OnInvalid::Refuse && self.skipped > 0 {
            return Err(ExportError::RowsInvalid {
                invalid: self.skipped,
                report: self.report,
            });
        }
        if matches!(self.format, Format::Allegro | Format::Jsonld) {
            self.out
                .push_str(if self.rows == 0 { "]\n" } else { "\n]\n" });
        }
        Ok(FeedEnd {
            tail: self.out,
            rows: self.rows,
            skipped: self.skipped,
            report: self.report,
        })
    }
}

/// The issues an item would have in a feed of `format`, without writing it (paths relative to
/// the item: `/content/title`, `/product/sku`). Its row would be left out exactly when the
/// report is not valid.
pub fn check_item(format: Format, item: &ExportItem, options: &ExportOptions) -> Report {
    let mut ctx = RowCtx::new(format, item, options);
    match format {
        Format::Woocommerce => ctx.csv_row(woocommerce::row),
        Format::Amazon => ctx.csv_row(amazon::row),
        Format::Ebay => ctx.csv_row(ebay::row),
        Format::Kaufland => ctx.csv_row(kaufland::row),
        Format::Allegro => ctx.json_row(allegro::row),
        Format::Jsonld => ctx.json_row(jsonld::row),
    };
    ctx.finish().1
}

/// Writes a whole feed.
pub fn export(
    format: Format,
    items: &[ExportItem],
    options: &ExportOptions,
) -> Result<Feed, ExportError> {
    let mut w = FeedWriter::new(format, options.clone())?;
    let mut body = w.take_output();
    for item in items {
        w.push(item);
        body.push_str(&w.take_output());
    }
    let end = w.finish()?;
    body.push_str(&end.tail);
    Ok(Feed {
        format,
        media_type: format.media_type().to_owned(),
        file_extension: format.file_extension().to_owned(),
        body,
        rows: end.rows,
        skipped: end.skipped,
        report: end.report,
    })
}

fn check_options(format: Format, o: &ExportOptions) -> Result<(), ExportError> {
    let invalid = |field: &str, message: String| ExportError::OptionsInvalid {
        field: field.to_owned(),
        message,
    };
    let too_long = |field: &str, s: &str| -> Result<(), ExportError> {
        if s.len() > MAX_OPTION_BYTES {
            return Err(invalid(
                field,
                format!("longer than {MAX_OPTION_BYTES} bytes"),
            ));
        }
        Ok(())
    };
    if let Some(c) = &o.currency {
        if !crate::validate::is_iso_4217(c.trim()) {
            return Err(invalid(
                "currency",
                format!("`{c}` is not an ISO 4217 currency code"),
            ));
        }
    }
    if let Some(l) = &o.locale {
        if !crate::validate::is_language_tag(l.trim()) {
            return Err(invalid("locale", format!("`{l}` is not a BCP 47 tag")));
        }
    }
    for (field, value) in [
        ("brand", &o.brand),
        ("category", &o.category),
        ("locale", &o.locale),
        ("currency", &o.currency),
    ] {
        if let Some(v) = value {
            too_long(field, v)?;
        }
    }
    for (i, m) in o.categories.iter().enumerate() {
        too_long(&format!("categories/{i}/shop"), &m.shop)?;
        too_long(&format!("categories/{i}/channel"), &m.channel)?;
    }
    if !o.constants.is_empty() && matches!(format, Format::Allegro | Format::Jsonld) {
        return Err(invalid(
            "constants",
            format!("the {format} format has no columns to add"),
        ));
    }
    let own = match format {
        Format::Woocommerce => woocommerce::columns(),
        Format::Amazon => amazon::columns(),
        Format::Ebay => ebay::columns(o),
        Format::Kaufland => kaufland::columns(),
        Format::Allegro | Format::Jsonld => Vec::new(),
    };
    for (i, c) in o.constants.iter().enumerate() {
        let field = format!("constants/{i}/column");
        too_long(&field, &c.column)?;
        too_long(&format!("constants/{i}/value"), &c.value)?;
        let name = c.column.trim();
        if name.is_empty() || name.contains(['\n', '\r', '\t']) {
            return Err(invalid(&field, "a column name is one line of text".into()));
        }
        // Kaufland repeats `picture`; any other repeat of a format's own column is a clash.
        if own.iter().any(|x| x.eq_ignore_ascii_case(name)) {
            return Err(invalid(
                &field,
                format!("`{name}` is one of the {format} format's own columns"),
            ));
        }
        if o.constants[..i]
            .iter()
            .any(|x| x.column.trim().eq_ignore_ascii_case(name))
        {
            return Err(invalid(&field, format!("`{name}` appears twice")));
        }
    }
    Ok(())
}
