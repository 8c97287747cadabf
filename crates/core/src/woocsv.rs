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
//! Writing goes the other way: every cell proseo writes into a CSV for WooCommerce or a
//! spreadsheet passes through [`spreadsheet_safe`], which defuses formula injection.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::error::ErrorCode;
use crate::product::{Attribute, Image, Price, Product, Variant, VariantAttribute};
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
}

impl ErrorCode for CsvError {
    fn code(&self) -> &'static str {
        match self {
            CsvError::Malformed { .. } => "csv_malformed",
            CsvError::MissingColumn { .. } => "csv_missing_column",
            CsvError::Empty => "csv_empty",
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

/// Case-insensitive column lookup.
struct Columns(HashMap<String, usize>);

impl Columns {
    fn get<'r>(&self, row: &'r csv::StringRecord, name: &str) -> &'r str {
        self.0
            .get(&name.to_ascii_lowercase())
            .and_then(|&i| row.get(i))
            .map(str::trim)
            .unwrap_or("")
    }

    fn opt(&self, row: &csv::StringRecord, name: &str) -> Option<String> {
        let v = self.get(row, name);
        (!v.is_empty()).then(|| v.to_owned())
    }

    /// The first non-empty of several columns.
    fn first(&self, row: &csv::StringRecord, names: &[&str]) -> Option<String> {
        names.iter().find_map(|n| self.opt(row, n))
    }

    /// Columns whose header starts with `prefix` and ends with `suffix`, e.g. the unit in
    /// `Weight (lbs)`.
    fn with_prefix(&self, prefix: &str) -> Option<(String, usize)> {
        let p = prefix.to_ascii_lowercase();
        self.0
            .iter()
            .filter(|(k, _)| k.starts_with(&p))
            .min_by_key(|(_, &i)| i)
            .map(|(k, &i)| (k.clone(), i))
    }
}

/// First characters that make a spreadsheet read a cell as a formula (or, for tab and carriage
/// return, let one hide in front of it): `=`, `+`, `-`, `@`, tab and carriage return, as listed
/// by OWASP's "CSV Injection" guidance. WooCommerce's own product exporter defuses the same
/// six, and its importer removes the prefix again.
pub const FORMULA_TRIGGERS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A CSV cell made safe to open in a spreadsheet: a cell starting with one of
/// [`FORMULA_TRIGGERS`] gets a leading `'`, so Excel, LibreOffice and Google Sheets show it as
/// text instead of evaluating it (`=HYPERLINK(…)` → `'=HYPERLINK(…)`). Any other cell is
/// returned as is (borrowed). Quoting of commas, quotes and newlines stays the CSV writer's job.
///
/// Numbers are not exempt: `-5` becomes `'-5`. OWASP advises prefixing every such cell, since
/// `-2+3+cmd|…` is a number to a quick look; WooCommerce's importer turns `'-5` back into
/// `-5`, and proseo's exports hold text (descriptions, SEO fields), not signed numbers.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_TRIGGERS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Splits a WooCommerce list value: comma-separated, `\,` is a literal comma.
pub fn split_list(v: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = v.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&',') => {
                cur.push(',');
                chars.next();
            }
            ',' => {
                let t = cur.trim();
                if !t.is_empty() {
                    out.push(t.to_owned());
                }
                cur.clear();
            }
            c => cur.push(c),
        }
    }
    let t = cur.trim();
    if !t.is_empty() {
        out.push(t.to_owned());
    }
    out
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

/// Parses a WooCommerce product CSV export.
pub fn parse_products(csv_text: &str) -> Result<ParsedCsv, CsvError> {
    let text = csv_text.strip_prefix('\u{feff}').unwrap_or(csv_text);
    if let Some(line) = unterminated_quote(text) {
        return Err(CsvError::Malformed {
            line,
            message: "a quoted field opened on this line is never closed".to_owned(),
        });
    }
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
    let cols = Columns(headers);
    if !cols.0.contains_key("name") {
        return Err(CsvError::MissingColumn {
            column: "Name".to_owned(),
        });
    }
    let mut parsed = ParsedCsv::default();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut by_sku: HashMap<String, usize> = HashMap::new();
    let mut variations: Vec<(usize, String, Variant)> = Vec::new();
    let mut rows = 0usize;
    for (n, record) in reader.records().enumerate() {
        let row_no = n + 1;
        let record = record.map_err(|e| malformed(&e, row_no as u64 + 1))?;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        rows += 1;
        let kind = cols.get(&record, "Type").to_ascii_lowercase();
        if kind.split(',').any(|k| k.trim() == "variation") {
            let parent = cols.get(&record, "Parent").to_owned();
            variations.push((row_no, parent, variant_of(&cols, &record)));
            continue;
        }
        let product = product_of(&cols, &record);
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

/// The 1-based line where a quoted field opens and is never closed, if any. The csv reader is
/// lenient and would read such a field to the end of the file, silently merging every row
/// after it into one value. Quotes inside an unquoted field are literal, as the reader has them.
fn unterminated_quote(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    let (mut i, mut line, mut field_start) = (0usize, 1u64, true);
    while let Some(&c) = b.get(i) {
        if field_start && c == b'"' {
            let opened = line;
            i += 1;
            loop {
                match b.get(i) {
                    None => return Some(opened),
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
            }
            field_start = false;
            continue;
        }
        match c {
            b',' => field_start = true,
            b'\n' => {
                line += 1;
                field_start = true;
            }
            b'\r' => {}
            _ => field_start = false,
        }
        i += 1;
    }
    None
}

fn malformed(e: &csv::Error, fallback_line: u64) -> CsvError {
    CsvError::Malformed {
        line: e.position().map_or(fallback_line, csv::Position::line),
        message: e.to_string(),
    }
}

fn attributes_of(cols: &Columns, row: &csv::StringRecord) -> Vec<Attribute> {
    let mut out = Vec::new();
    for n in 1..=64 {
        let name_col = format!("Attribute {n} name");
        if !cols.0.contains_key(&name_col.to_ascii_lowercase()) {
            break;
        }
        let name = cols.get(row, &name_col);
        if name.is_empty() {
            continue;
        }
        out.push(Attribute {
            name: name.to_owned(),
            values: split_list(cols.get(row, &format!("Attribute {n} value(s)"))),
            visible: truthy(cols.get(row, &format!("Attribute {n} visible"))).unwrap_or(true),
            // WooCommerce marks variation attributes only in the product data; in an export a
            // variable product's attributes with several values are the variation ones.
            variation: false,
        });
    }
    out
}

fn price(cols: &Columns, row: &csv::StringRecord, name: &str) -> Option<Price> {
    cols.opt(row, name).map(Price::Text)
}

fn product_of(cols: &Columns, row: &csv::StringRecord) -> Product {
    let kind = cols.opt(row, "Type").map(|t| {
        // "simple, virtual" → "simple"
        t.split(',')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    });
    let mut attributes = attributes_of(cols, row);
    if kind.as_deref() == Some("variable") {
        for a in &mut attributes {
            a.variation = a.values.len() > 1;
        }
    }
    let images = split_list(cols.get(row, "Images"))
        .into_iter()
        .map(|src| Image { src, alt: None })
        .collect();
    let weight = cols.with_prefix("weight").and_then(|(h, i)| {
        let v = row.get(i).map(str::trim).unwrap_or("");
        (!v.is_empty()).then(|| {
            format!("{} {}", normalize_number(v), unit_of(&h))
                .trim()
                .to_owned()
        })
    });
    let dims: Vec<(String, String)> = ["length", "width", "height"]
        .iter()
        .filter_map(|d| {
            let (h, i) = cols.with_prefix(d)?;
            let v = row.get(i).map(str::trim).unwrap_or("");
            (!v.is_empty()).then(|| (normalize_number(v), unit_of(&h).to_owned()))
        })
        .collect();
    let dimensions = (dims.len() == 3).then(|| {
        let unit = dims.first().map(|d| d.1.clone()).unwrap_or_default();
        let values: Vec<&str> = dims.iter().map(|d| d.0.as_str()).collect();
        format!("{} {unit}", values.join(" × ")).trim().to_owned()
    });
    Product {
        id: cols.opt(row, "ID"),
        name: cols.get(row, "Name").to_owned(),
        product_type: kind,
        sku: cols.opt(row, "SKU"),
        gtin: cols.first(
            row,
            &[
                "GTIN, UPC, EAN, or ISBN",
                "Meta: _global_unique_id",
                "GTIN",
                "EAN",
            ],
        ),
        brand: cols
            .first(row, &["Brands", "Brand"])
            .map(|b| split_list(&b).join(", ")),
        description: cols.opt(row, "Description"),
        short_description: cols.opt(row, "Short description"),
        regular_price: price(cols, row, "Regular price"),
        sale_price: price(cols, row, "Sale price"),
        currency: None,
        categories: split_list(cols.get(row, "Categories")),
        tags: split_list(cols.get(row, "Tags")),
        attributes,
        features: Vec::new(),
        images,
        variants: Vec::new(),
        url: cols.opt(row, "External URL"),
        language: None,
        keyphrase: cols.first(
            row,
            &[
                "Meta: _yoast_wpseo_focuskw",
                "Meta: rank_math_focus_keyword",
            ],
        ),
        weight,
        dimensions,
        in_stock: truthy(cols.get(row, "In stock?")),
    }
}

/// `.5` → `0.5` (WooCommerce exports drop the leading zero).
fn normalize_number(v: &str) -> String {
    if v.starts_with('.') {
        format!("0{v}")
    } else {
        v.to_owned()
    }
}

fn variant_of(cols: &Columns, row: &csv::StringRecord) -> Variant {
    Variant {
        sku: cols.opt(row, "SKU"),
        attributes: attributes_of(cols, row)
            .into_iter()
            .map(|a| VariantAttribute {
                name: a.name,
                value: a.values.join(", "),
            })
            .collect(),
        regular_price: price(cols, row, "Regular price"),
        sale_price: price(cols, row, "Sale price"),
        gtin: cols.first(row, &["GTIN, UPC, EAN, or ISBN", "Meta: _global_unique_id"]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unterminated_quotes_are_malformed() {
        assert_eq!(unterminated_quote("a,b\n\"x\"\"y\",2\n"), None);
        assert_eq!(unterminated_quote("a,b\n1,5\" tall\n"), None);
        assert_eq!(unterminated_quote("a,\"b\nc\"\nd,e\n"), None);
        assert_eq!(
            unterminated_quote("ID,Name\n1,ok\n2,\"Unclosed\n3,x\n"),
            Some(3)
        );
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
