//! WooCommerce's product CSV export → [`Product`]s.
//!
//! Reads the format WooCommerce's exporter writes (Products → Export): a header row of
//! English column names (`ID`, `Type`, `SKU`, `Name`, `Categories`, `Attribute 1 name`…),
//! values with WooCommerce's list conventions (comma-separated lists, `\,` for a literal comma,
//! `A > B` category paths, `1`/`0` booleans). Variation rows (`Type` = `variation`) are attached
//! to their parent (`Parent` = `id:44` or the parent's SKU) as [`Variant`]s. Unknown columns
//! are ignored; focus keyphrases from Yoast SEO / Rank Math meta columns are picked up.
//!
//! Pure: the caller reads the file; this parses a string.
//!
//! Bounded: [`parse_products`] applies [`ParseLimits::default`] (the edge API's: 5,000
//! products), [`parse_products_with`] takes the caller's. A quote-aware scan checks rows,
//! columns and cell sizes before the CSV reader allocates anything for them, and the parse
//! stops at the first product past the limit, so memory stays proportional to what is kept.
//!
//! Writing goes the other way: every cell proseo writes into a CSV for WooCommerce or a
//! spreadsheet passes through [`spreadsheet_safe`], which defuses formula injection.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::error::ErrorCode;
use crate::product::{
    Attribute, Image, Price, Product, Variant, VariantAttribute, MAX_LIST_ITEMS, MAX_VARIANTS,
};
use crate::report::Report;

/// Why a CSV could not be read at all. Row-level problems are warnings in [`ParsedCsv`].
///
/// Serialized as `{"code": …, …fields}` with the same code as [`ErrorCode::code`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code")]
pub enum CsvError {
    /// The CSV is malformed (e.g. an unterminated quote, or invalid UTF-8).
    #[serde(rename = "csv_malformed")]
    Malformed {
        /// 1-based line.
        line: u64,
        /// Parser message.
        message: String,
    },
    /// The header has no `Name` column, so this is not a WooCommerce product export.
    #[serde(rename = "csv_missing_column")]
    MissingColumn {
        /// The missing column.
        column: String,
    },
    /// The file has a header but no rows.
    #[serde(rename = "csv_empty")]
    Empty,
    /// More products (parents and simple products) than [`ParseLimits::max_products`]. The
    /// parse stopped at the first one past the limit; split the file.
    #[serde(rename = "csv_too_many_products")]
    TooManyProducts {
        /// The limit.
        limit: usize,
    },
    /// More data rows (products and variations) than [`ParseLimits::max_rows`]; split the
    /// file.
    #[serde(rename = "csv_too_many_rows")]
    TooManyRows {
        /// The limit.
        limit: usize,
    },
    /// A row (the header included) has more fields than [`ParseLimits::max_columns`].
    #[serde(rename = "csv_too_many_columns")]
    TooManyColumns {
        /// 1-based line where the row starts.
        line: u64,
        /// The limit.
        limit: usize,
    },
    /// A cell is longer than [`ParseLimits::max_cell_bytes`].
    #[serde(rename = "csv_cell_too_large")]
    CellTooLarge {
        /// 1-based line where the row starts.
        line: u64,
        /// The limit, in bytes.
        limit: usize,
    },
    /// A list cell (`Categories`, `Tags`, `Images`, attribute values) has more entries than
    /// a product may have ([`crate::product::MAX_LIST_ITEMS`]), or the file's list cells
    /// together more than [`ParseLimits::max_list_entries`] (then `column` is empty).
    #[serde(rename = "csv_list_too_long")]
    ListTooLong {
        /// 1-based data row.
        row: u64,
        /// The column.
        column: String,
        /// The limit.
        limit: usize,
    },
}

/// What one CSV parse may hold. Past any of these the parse stops with a typed error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseLimits {
    /// Most products (parents and simple products; variations attach to them).
    pub max_products: usize,
    /// Most data rows (products and variations together; blank rows are not counted).
    pub max_rows: usize,
    /// Most fields in a row (the header included).
    pub max_columns: usize,
    /// Most bytes in one cell (a long description fits many times over).
    pub max_cell_bytes: usize,
    /// Most entries of all list cells (categories, tags, images, attribute values) together:
    /// each is a string of its own, so `a,b,c,…` would otherwise cost 12 times its size.
    pub max_list_entries: usize,
}

impl ParseLimits {
    /// The edge API's limits: a job holds at most 5,000 products.
    pub const EDGE: ParseLimits = ParseLimits {
        max_products: 5_000,
        max_rows: 50_000,
        max_columns: 2_000,
        max_cell_bytes: 1024 * 1024,
        max_list_entries: 200_000,
    };
}

impl Default for ParseLimits {
    /// [`ParseLimits::EDGE`].
    fn default() -> Self {
        ParseLimits::EDGE
    }
}

impl ErrorCode for CsvError {
    fn code(&self) -> &'static str {
        match self {
            CsvError::Malformed { .. } => "csv_malformed",
            CsvError::MissingColumn { .. } => "csv_missing_column",
            CsvError::Empty => "csv_empty",
            CsvError::TooManyProducts { .. } => "csv_too_many_products",
            CsvError::TooManyRows { .. } => "csv_too_many_rows",
            CsvError::TooManyColumns { .. } => "csv_too_many_columns",
            CsvError::CellTooLarge { .. } => "csv_cell_too_large",
            CsvError::ListTooLong { .. } => "csv_list_too_long",
        }
    }
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::Malformed { line, message } => {
                write!(f, "malformed CSV at line {line}: {message}")
            }
            CsvError::MissingColumn { column } => write!(
                f,
                "the CSV has no `{column}` column; export products from WooCommerce (Products → Export)"
            ),
            CsvError::Empty => write!(f, "the CSV has no product rows"),
            CsvError::TooManyProducts { limit } => {
                write!(f, "the CSV has more than {limit} products; split it")
            }
            CsvError::TooManyRows { limit } => write!(
                f,
                "the CSV has more than {limit} rows (products and variations); split it"
            ),
            CsvError::TooManyColumns { line, limit } => {
                write!(f, "the row at line {line} has more than {limit} columns")
            }
            CsvError::CellTooLarge { line, limit } => write!(
                f,
                "the row at line {line} has a cell longer than {limit} bytes"
            ),
            CsvError::ListTooLong { row, column, limit } if column.is_empty() => write!(
                f,
                "row {row}: the file's list cells hold more than {limit} entries in all"
            ),
            CsvError::ListTooLong { row, column, limit } => write!(
                f,
                "row {row}: `{column}` lists more than {limit} entries"
            ),
        }
    }
}

impl std::error::Error for CsvError {}

/// The products of a CSV, plus row-level warnings (orphan variations, unreadable values).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ParsedCsv {
    /// Parent and simple products in file order, variations attached.
    pub products: Vec<Product>,
    /// Row-level problems; paths are `/rows/N` with N the 1-based data row.
    pub warnings: Report,
}

/// Case-insensitive column lookup, with the unit columns (`Weight (lbs)`…) found once.
struct Columns {
    index: HashMap<String, usize>,
    /// The first `weight…` column, and the first `length…`, `width…`, `height…` ones.
    weight: Option<(String, usize)>,
    dims: [Option<(String, usize)>; 3],
}

impl Columns {
    fn new(index: HashMap<String, usize>) -> Self {
        let prefixed = |p: &str| {
            index
                .iter()
                .filter(|(k, _)| k.starts_with(p))
                .min_by_key(|(_, &i)| i)
                .map(|(k, &i)| (k.clone(), i))
        };
        let weight = prefixed("weight");
        let dims = [prefixed("length"), prefixed("width"), prefixed("height")];
        Columns {
            index,
            weight,
            dims,
        }
    }

    fn has(&self, name: &str) -> bool {
        self.index.contains_key(&name.to_ascii_lowercase())
    }
}

/// One data row and where it is.
struct Row<'a> {
    cols: &'a Columns,
    record: &'a csv::StringRecord,
    /// 1-based data row.
    no: usize,
    /// List entries the file may still hold ([`ParseLimits::max_list_entries`]).
    entries_left: &'a std::cell::Cell<usize>,
    limits: &'a ParseLimits,
}

impl<'a> Row<'a> {
    fn at(&self, i: usize) -> &'a str {
        self.record.get(i).map(str::trim).unwrap_or("")
    }

    fn get(&self, name: &str) -> &'a str {
        match self.cols.index.get(&name.to_ascii_lowercase()) {
            Some(&i) => self.at(i),
            None => "",
        }
    }

    fn opt(&self, name: &str) -> Option<String> {
        let v = self.get(name);
        (!v.is_empty()).then(|| v.to_owned())
    }

    /// The first non-empty of several columns.
    fn first(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|n| self.opt(n))
    }

    /// A list column, at most [`MAX_LIST_ITEMS`] entries.
    fn list(&self, name: &str) -> Result<Vec<String>, CsvError> {
        self.split(name, self.get(name))
    }

    fn split(&self, column: &str, value: &str) -> Result<Vec<String>, CsvError> {
        let left = self.entries_left.get();
        let too_long = |column: &str, limit| CsvError::ListTooLong {
            row: self.no as u64,
            column: column.to_owned(),
            limit,
        };
        match split_at_most(value, MAX_LIST_ITEMS.min(left)) {
            Some(list) => {
                self.entries_left.set(left - list.len());
                Ok(list)
            }
            None if left < MAX_LIST_ITEMS => Err(too_long("", self.limits.max_list_entries)),
            None => Err(too_long(column, MAX_LIST_ITEMS)),
        }
    }
}

/// First characters that make a spreadsheet read a cell as a formula (or, for tab and carriage
/// return, let one hide in front of it): `=`, `+`, `-`, `@`, tab and carriage return, as listed
/// by OWASP's "CSV Injection" guidance. WooCommerce's own product exporter defuses the same
/// six; its importer removes the prefix again in its number and list fields (`unescape_data`),
/// not in names, descriptions or meta.
pub const FORMULA_TRIGGERS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A CSV cell made safe to open in a spreadsheet: a cell starting with one of
/// [`FORMULA_TRIGGERS`] gets a leading `'`, so Excel, LibreOffice and Google Sheets show it as
/// text instead of evaluating it (`=HYPERLINK(…)` → `'=HYPERLINK(…)`). Any other cell is
/// returned as is (borrowed). Quoting of commas, quotes and newlines stays the CSV writer's job.
///
/// Numbers are not exempt: `-5` becomes `'-5`. OWASP advises prefixing every such cell, since
/// `-2+3+cmd|…` is a number to a quick look; WooCommerce's importer turns `'-5` back into
/// `-5` in its numeric fields, and proseo's exports hold text (descriptions, SEO fields), not
/// signed numbers. Every file proseo writes comes from [`crate::export`], which reports each
/// cell this changed.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_TRIGGERS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Splits a WooCommerce list value: comma-separated, `\,` is a literal comma.
pub fn split_list(v: &str) -> Vec<String> {
    split_at_most(v, usize::MAX).unwrap_or_default()
}

/// [`split_list`], or `None` past `max` entries (found without keeping them).
fn split_at_most(v: &str, max: usize) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let keep = |cur: &mut String, out: &mut Vec<String>| {
        let t = cur.trim();
        if !t.is_empty() {
            if out.len() == max {
                return false;
            }
            out.push(t.to_owned());
        }
        cur.clear();
        true
    };
    let mut chars = v.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&',') => {
                cur.push(',');
                chars.next();
            }
            ',' => {
                if !keep(&mut cur, &mut out) {
                    return None;
                }
            }
            c => cur.push(c),
        }
    }
    keep(&mut cur, &mut out).then_some(out)
}

fn truthy(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "yes" | "true" | "instock" => Some(true),
        "0" | "no" | "false" | "outofstock" => Some(false),
        _ => None,
    }
}

/// The unit in a header like `weight (lbs)`.
fn unit_of(header: &str) -> &str {
    header
        .split_once('(')
        .and_then(|(_, r)| r.strip_suffix(')'))
        .unwrap_or("")
}

/// Parses a WooCommerce product CSV export within [`ParseLimits::default`] (5,000 products).
pub fn parse_products(csv_text: &str) -> Result<ParsedCsv, CsvError> {
    parse_products_with(csv_text, &ParseLimits::default())
}

/// Parses a WooCommerce product CSV export within `limits`.
pub fn parse_products_with(csv_text: &str, limits: &ParseLimits) -> Result<ParsedCsv, CsvError> {
    let text = csv_text.strip_prefix('\u{feff}').unwrap_or(csv_text);
    scan(text, limits)?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| malformed(&e, 1))?
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().to_ascii_lowercase(), i))
        .collect::<HashMap<_, _>>();
    let cols = Columns::new(headers);
    if !cols.has("name") {
        return Err(CsvError::MissingColumn {
            column: "Name".to_owned(),
        });
    }
    let mut parsed = ParsedCsv::default();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut by_sku: HashMap<String, usize> = HashMap::new();
    let mut variations: Vec<(usize, String, Variant)> = Vec::new();
    let mut rows = 0usize;
    let mut record = csv::StringRecord::new();
    let mut row_no = 0usize;
    let entries_left = std::cell::Cell::new(limits.max_list_entries);
    while reader
        .read_record(&mut record)
        .map_err(|e| malformed(&e, row_no as u64 + 2))?
    {
        row_no += 1;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        rows += 1;
        if rows > limits.max_rows {
            return Err(CsvError::TooManyRows {
                limit: limits.max_rows,
            });
        }
        let row = Row {
            cols: &cols,
            record: &record,
            no: row_no,
            entries_left: &entries_left,
            limits,
        };
        let kind = row.get("Type").to_ascii_lowercase();
        if kind.split(',').any(|k| k.trim() == "variation") {
            let parent = row.get("Parent").to_owned();
            variations.push((row_no, parent, variant_of(&row)?));
            continue;
        }
        if parsed.products.len() == limits.max_products {
            return Err(CsvError::TooManyProducts {
                limit: limits.max_products,
            });
        }
        let product = product_of(&row)?;
        let index = parsed.products.len();
        if let Some(id) = &product.id {
            by_id.insert(id.clone(), index);
        }
        if let Some(sku) = &product.sku {
            by_sku.insert(sku.clone(), index);
        }
        parsed.products.push(product);
    }
    if rows == 0 {
        return Err(CsvError::Empty);
    }
    for (row_no, parent, variant) in variations {
        let target = parent
            .strip_prefix("id:")
            .and_then(|id| by_id.get(id.trim()))
            .or_else(|| by_sku.get(parent.as_str()))
            .copied();
        match target.and_then(|i| parsed.products.get_mut(i)) {
            Some(p) if p.variants.len() == MAX_VARIANTS => parsed.warnings.warning(
                format!("/rows/{row_no}"),
                "csv_too_many_variations",
                format!("variation row {row_no}: `{parent}` has {MAX_VARIANTS} variations already, the most a product may have; it was skipped"),
            ),
            Some(p) => p.variants.push(variant),
            None => parsed.warnings.warning(
                format!("/rows/{row_no}"),
                "csv_orphan_variation",
                format!("variation row {row_no} names parent `{parent}`, which is not in the file; it was skipped"),
            ),
        }
    }
    Ok(parsed)
}

/// Checks the CSV's shape before the reader allocates for it: every quoted field is closed
/// (the csv reader is lenient and would read an unclosed one to the end of the file, silently
/// merging every row after it into one value), no row has more than `max_columns` fields and
/// no cell more than `max_cell_bytes`. Quotes inside an unquoted field are literal, as the
/// reader has them. Lines are 1-based; a row's line is where it starts.
fn scan(text: &str, limits: &ParseLimits) -> Result<(), CsvError> {
    let b = text.as_bytes();
    let (mut i, mut line, mut row_line) = (0usize, 1u64, 1u64);
    let (mut fields, mut cell, mut field_start) = (1usize, 0usize, true);
    let too_large = |line| CsvError::CellTooLarge {
        line,
        limit: limits.max_cell_bytes,
    };
    while let Some(&c) = b.get(i) {
        if field_start && c == b'"' {
            let opened = line;
            i += 1;
            loop {
                match b.get(i) {
                    None => {
                        return Err(CsvError::Malformed {
                            line: opened,
                            message: "a quoted field opened on this line is never closed"
                                .to_owned(),
                        })
                    }
                    Some(b'"') if b.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(b'\n') => {
                        line += 1;
                        i += 1;
                    }
                    Some(_) => i += 1,
                }
                cell += 1;
            }
            // Checked once the field is closed, so an unclosed quote is reported as such.
            if cell > limits.max_cell_bytes {
                return Err(too_large(row_line));
            }
            field_start = false;
            continue;
        }
        match c {
            b',' => {
                fields += 1;
                if fields > limits.max_columns {
                    return Err(CsvError::TooManyColumns {
                        line: row_line,
                        limit: limits.max_columns,
                    });
                }
                (cell, field_start) = (0, true);
            }
            b'\n' => {
                line += 1;
                row_line = line;
                (fields, cell, field_start) = (1, 0, true);
            }
            b'\r' => {}
            _ => {
                field_start = false;
                cell += 1;
                if cell > limits.max_cell_bytes {
                    return Err(too_large(row_line));
                }
            }
        }
        i += 1;
    }
    Ok(())
}

fn malformed(e: &csv::Error, fallback_line: u64) -> CsvError {
    CsvError::Malformed {
        line: e.position().map_or(fallback_line, csv::Position::line),
        message: e.to_string(),
    }
}

fn attributes_of(row: &Row<'_>) -> Result<Vec<Attribute>, CsvError> {
    let mut out = Vec::new();
    for n in 1..=64 {
        let name_col = format!("Attribute {n} name");
        if !row.cols.has(&name_col) {
            break;
        }
        let name = row.get(&name_col);
        if name.is_empty() {
            continue;
        }
        out.push(Attribute {
            name: name.to_owned(),
            values: row.list(&format!("Attribute {n} value(s)"))?,
            visible: truthy(row.get(&format!("Attribute {n} visible"))).unwrap_or(true),
            // WooCommerce marks variation attributes only in the product data; in an export a
            // variable product's attributes with several values are the variation ones.
            variation: false,
        });
    }
    Ok(out)
}

fn price(row: &Row<'_>, name: &str) -> Option<Price> {
    row.opt(name).map(Price::Text)
}

fn product_of(row: &Row<'_>) -> Result<Product, CsvError> {
    let kind = row.opt("Type").map(|t| {
        // "simple, virtual" → "simple"
        t.split(',')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    let mut attributes = attributes_of(row)?;
    if kind.as_deref() == Some("variable") {
        for a in &mut attributes {
            a.variation = a.values.len() > 1;
        }
    }
    let images = row
        .list("Images")?
        .into_iter()
        .map(|src| Image { src, alt: None })
        .collect();
    let weight = row.cols.weight.as_ref().and_then(|(h, i)| {
        let v = row.at(*i);
        (!v.is_empty()).then(|| {
            format!("{} {}", normalize_number(v), unit_of(h))
                .trim()
                .to_owned()
        })
    });
    let dims: Vec<(String, String)> = row
        .cols
        .dims
        .iter()
        .flatten()
        .filter_map(|(h, i)| {
            let v = row.at(*i);
            (!v.is_empty()).then(|| (normalize_number(v), unit_of(h).to_owned()))
        })
        .collect();
    let dimensions = (dims.len() == 3).then(|| {
        let unit = dims.first().map(|d| d.1.clone()).unwrap_or_default();
        let values: Vec<&str> = dims.iter().map(|d| d.0.as_str()).collect();
        format!("{} {unit}", values.join(" × ")).trim().to_owned()
    });
    let brand = match row.first(&["Brands", "Brand"]) {
        Some(b) => Some(row.split("Brands", &b)?.join(", ")),
        None => None,
    };
    Ok(Product {
        id: row.opt("ID"),
        name: row.get("Name").to_owned(),
        product_type: kind,
        sku: row.opt("SKU"),
        gtin: row.first(&[
            "GTIN, UPC, EAN, or ISBN",
            "Meta: _global_unique_id",
            "GTIN",
            "EAN",
        ]),
        brand,
        description: row.opt("Description"),
        short_description: row.opt("Short description"),
        regular_price: price(row, "Regular price"),
        sale_price: price(row, "Sale price"),
        currency: None,
        categories: row.list("Categories")?,
        tags: row.list("Tags")?,
        attributes,
        features: Vec::new(),
        images,
        variants: Vec::new(),
        url: row.opt("External URL"),
        language: None,
        keyphrase: row.first(&[
            "Meta: _yoast_wpseo_focuskw",
            "Meta: rank_math_focus_keyword",
        ]),
        weight,
        dimensions,
        in_stock: truthy(row.get("In stock?")),
    })
}

/// `.5` → `0.5` (WooCommerce exports drop the leading zero).
fn normalize_number(v: &str) -> String {
    if v.starts_with('.') {
        format!("0{v}")
    } else {
        v.to_owned()
    }
}

fn variant_of(row: &Row<'_>) -> Result<Variant, CsvError> {
    Ok(Variant {
        sku: row.opt("SKU"),
        attributes: attributes_of(row)?
            .into_iter()
            .map(|a| VariantAttribute {
                name: a.name,
                value: a.values.join(", "),
            })
            .collect(),
        regular_price: price(row, "Regular price"),
        sale_price: price(row, "Sale price"),
        gtin: row.first(&["GTIN, UPC, EAN, or ISBN", "Meta: _global_unique_id"]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unterminated_quotes_are_malformed() {
        let unterminated = |text: &str| match scan(text, &ParseLimits::default()) {
            Err(CsvError::Malformed { line, .. }) => Some(line),
            _ => None,
        };
        assert_eq!(unterminated("a,b\n\"x\"\"y\",2\n"), None);
        assert_eq!(unterminated("a,b\n1,5\" tall\n"), None);
        assert_eq!(unterminated("a,\"b\nc\"\nd,e\n"), None);
        assert_eq!(unterminated("ID,Name\n1,ok\n2,\"Unclosed\n3,x\n"), Some(3));
        let e = parse_products("ID,Type,SKU,Name\n1,simple,a,\"Unclosed\n").unwrap_err();
        assert_eq!(
            e,
            CsvError::Malformed {
                line: 2,
                message: "a quoted field opened on this line is never closed".into()
            }
        );
    }

    const CSV: &str = "\u{feff}ID,Type,SKU,Name,Parent,Categories,Images,\"Weight (lbs)\",\"Length (in)\",\"Width (in)\",\"Height (in)\",Regular price,Attribute 1 name,Attribute 1 value(s),Attribute 1 visible,Meta: _yoast_wpseo_focuskw\n\
        44,variable,woo-vneck-tee,V-Neck T-Shirt,,\"Clothing > Tshirts, Sale\\, now\",\"https://a.example/1.jpg, https://a.example/2.jpg\",.5,24,1,2,,Color,\"Blue, Red\",1,v-neck t-shirt\n\
        45,variation,woo-vneck-tee-red,V-Neck T-Shirt - Red,id:44,,,,,,,20,Color,Red,,\n\
        46,variation,,Orphan,id:999,,,,,,,20,Color,Red,,\n\
        47,\"simple, virtual\",woo-tshirt,T-Shirt,,Clothing,,,,,,18,,,,\n\
        48,variation,woo-tshirt-x,T-Shirt X,woo-vneck-tee,,,,,,,21,Color,Blue,,\n";

    #[test]
    fn parses_products_and_attaches_variations() {
        let parsed = parse_products(CSV).unwrap();
        assert_eq!(parsed.products.len(), 2);
        let tee = &parsed.products[0];
        assert_eq!(tee.name, "V-Neck T-Shirt");
        assert_eq!(tee.categories, vec!["Clothing > Tshirts", "Sale, now"]);
        assert_eq!(tee.images.len(), 2);
        assert_eq!(tee.weight.as_deref(), Some("0.5 lbs"));
        assert_eq!(tee.dimensions.as_deref(), Some("24 × 1 × 2 in"));
        assert_eq!(tee.keyphrase.as_deref(), Some("v-neck t-shirt"));
        assert!(tee.attributes[0].variation);
        assert_eq!(tee.variants.len(), 2, "by id and by parent SKU");
        assert_eq!(tee.variants[0].attributes[0].value, "Red");
        assert_eq!(parsed.products[1].product_type.as_deref(), Some("simple"));
        assert!(parsed.warnings.has("csv_orphan_variation"));
        assert_eq!(parsed.warnings.issues[0].path, "/rows/3");
    }

    #[test]
    fn rejects_what_is_not_a_product_export() {
        assert_eq!(
            parse_products("a,b\n1,2\n").unwrap_err().code(),
            "csv_missing_column"
        );
        assert_eq!(parse_products("Name\n").unwrap_err().code(), "csv_empty");
        assert_eq!(parse_products("").unwrap_err().code(), "csv_missing_column");
        // An unterminated quote would swallow the rest of the file as one field: refused.
        let e = parse_products("Name,SKU\n\"unterminated,1\n").unwrap_err();
        assert_eq!(
            (e.code(), e.clone()),
            (
                "csv_malformed",
                CsvError::Malformed {
                    line: 2,
                    message: "a quoted field opened on this line is never closed".into()
                }
            )
        );
    }

    fn small() -> ParseLimits {
        ParseLimits {
            max_products: 2,
            max_rows: 4,
            max_columns: 5,
            max_cell_bytes: 10,
            max_list_entries: 5,
        }
    }

    #[test]
    fn the_parse_stops_at_its_limits() {
        let ok = "Name,Type,Parent,SKU\nA,simple,,a\nB,simple,,b\n";
        assert_eq!(parse_products_with(ok, &small()).unwrap().products.len(), 2);
        // A third product: stopped there, with the limit.
        let e = parse_products_with(&format!("{ok}C,simple,,c\n"), &small()).unwrap_err();
        assert_eq!(e, CsvError::TooManyProducts { limit: 2 });
        assert_eq!(e.code(), "csv_too_many_products");
        // Variations count as rows, not products; blank rows count as nothing.
        let rows = format!("{ok}\n\n,,\nv1,variation,a\nv2,variation,a\n");
        assert_eq!(
            parse_products_with(&rows, &small()).unwrap().products[0]
                .variants
                .len(),
            2
        );
        let e = parse_products_with(&format!("{rows}v3,variation,b\n"), &small()).unwrap_err();
        assert_eq!(e, CsvError::TooManyRows { limit: 4 });
        // Columns and cells, found before the reader runs (lines are where the row starts).
        let e = parse_products_with("Name,a,b,c,d,e\nx\n", &small()).unwrap_err();
        assert_eq!(e, CsvError::TooManyColumns { line: 1, limit: 5 });
        let e = parse_products_with("Name\nx\n\"a\nb\",1,2,3,4,5\n", &small()).unwrap_err();
        assert_eq!(e, CsvError::TooManyColumns { line: 3, limit: 5 });
        let e = parse_products_with("Name\nabcdefghijk\n", &small()).unwrap_err();
        assert_eq!(e, CsvError::CellTooLarge { line: 2, limit: 10 });
        let e = parse_products_with("Name\nok\n\"abc\"\"defghij\"\n", &small()).unwrap_err();
        assert_eq!(e, CsvError::CellTooLarge { line: 3, limit: 10 });
        // An unclosed quote is reported as such even past the cell limit.
        let e = parse_products_with("Name\n\"abcdefghijklmn\n", &small()).unwrap_err();
        assert_eq!(e.code(), "csv_malformed");
        // List entries of the whole file.
        let tags = "Name,Tags\nA,\"a,b\"\nB,\"c,d\"\n";
        let limits = ParseLimits {
            max_products: 10,
            ..small()
        };
        assert!(parse_products_with(tags, &limits).is_ok());
        let e = parse_products_with(&format!("{tags}C,\"e,f\"\n"), &limits).unwrap_err();
        assert_eq!(
            e,
            CsvError::ListTooLong {
                row: 3,
                column: String::new(),
                limit: 5
            }
        );
        assert_eq!(
            e.to_string(),
            "row 3: the file's list cells hold more than 5 entries in all"
        );
        // The default is the edge API's.
        assert_eq!(ParseLimits::default().max_products, 5_000);
    }

    #[test]
    fn list_cells_are_bounded() {
        let many = vec!["c"; MAX_LIST_ITEMS + 1].join(",");
        let e = parse_products(&format!("Name,Categories\nMug,\"{many}\"\n")).unwrap_err();
        assert_eq!(
            e,
            CsvError::ListTooLong {
                row: 1,
                column: "Categories".into(),
                limit: MAX_LIST_ITEMS
            }
        );
        let fits = vec!["c"; MAX_LIST_ITEMS].join(",");
        let p = parse_products(&format!("Name,Tags\nMug,\"{fits},,\"\n")).unwrap();
        assert_eq!(p.products[0].tags.len(), MAX_LIST_ITEMS);
        assert_eq!(split_at_most("a,b\\,c", 1), None);
        assert_eq!(
            split_at_most("a, ,b", 2),
            Some(vec!["a".into(), "b".into()])
        );
    }

    #[test]
    fn a_product_takes_at_most_max_variants() {
        let mut csv = String::from("ID,Type,Name,Parent\n1,variable,Tee,\n");
        for i in 0..=MAX_VARIANTS {
            csv.push_str(&format!("{},variation,Tee {i},id:1\n", i + 2));
        }
        let p = parse_products(&csv).unwrap();
        assert_eq!(p.products[0].variants.len(), MAX_VARIANTS);
        assert!(p.warnings.has("csv_too_many_variations"));
    }

    #[test]
    fn serialized_codes_match_error_codes() {
        for e in [
            CsvError::Malformed {
                line: 1,
                message: "x".into(),
            },
            CsvError::MissingColumn {
                column: "Name".into(),
            },
            CsvError::Empty,
            CsvError::TooManyProducts { limit: 1 },
            CsvError::TooManyRows { limit: 1 },
            CsvError::TooManyColumns { line: 1, limit: 1 },
            CsvError::CellTooLarge { line: 1, limit: 1 },
            CsvError::ListTooLong {
                row: 1,
                column: "Tags".into(),
                limit: 1,
            },
        ] {
            assert_eq!(serde_json::to_value(&e).unwrap()["code"], e.code());
        }
    }

    #[test]
    fn formula_cells_are_defused() {
        for (cell, safe) in [
            ("=1+1", "'=1+1"),
            (
                "=HYPERLINK(\"https://evil.example\",\"x\")",
                "'=HYPERLINK(\"https://evil.example\",\"x\")",
            ),
            ("+41 22 000 00 00", "'+41 22 000 00 00"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            ("-5", "'-5"),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\r=1+1"),
        ] {
            assert_eq!(spreadsheet_safe(cell), safe, "{cell:?}");
        }
        // Anything else is borrowed untouched, including a trigger that is not first.
        for cell in ["", "Mug", "5", "a=b", " =1", "'quoted", "<p>x</p>", "\n=1"] {
            assert!(
                matches!(spreadsheet_safe(cell), Cow::Borrowed(c) if c == cell),
                "{cell:?}"
            );
        }
    }

    #[test]
    fn lists_honour_escaped_commas() {
        assert_eq!(split_list("a, b\\, c ,, d"), vec!["a", "b, c", "d"]);
    }

    #[test]
    fn reads_the_shared_sample_catalogs() {
        for name in [
            "experimental_sample_9_products.csv",
            "experimental_fashion_sample_9_products.csv",
        ] {
            let path = format!(
                "{}/../../data/woocommerce/{name}",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(&path).unwrap();
            let parsed = parse_products(&text).unwrap();
            assert_eq!(parsed.products.len(), 9, "{name}");
            assert!(parsed.products.iter().all(|p| !p.name.is_empty()));
        }
    }
}
