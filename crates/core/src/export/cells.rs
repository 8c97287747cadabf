//! CSV and TSV records, prices and identifiers as the feeds write them.

use super::Format;

/// The field separator of a CSV/TSV format.
pub(super) fn delimiter(format: Format) -> u8 {
    match format {
        Format::Amazon => b'\t',
        // Kaufland's product data files are semicolon-separated.
        Format::Kaufland => b';',
        _ => b',',
    }
}

/// Appends one record (with a `\n` line end) to `out`: fields quoted when they hold the
/// delimiter, a quote or a line break (RFC 4180 style, quotes doubled). The csv crate does the
/// quoting; a record of strings into a `Vec` cannot fail, and if it ever did, the record is
/// written unquoted rather than lost.
pub(super) fn write_record(out: &mut String, delimiter: u8, cells: &[&str]) {
    // Written straight into `out`'s buffer (no copy of the row), which stays UTF-8: the csv
    // crate adds only ASCII quotes, delimiters and line ends around the cells' own bytes.
    let mut buf = std::mem::take(out).into_bytes();
    let start = buf.len();
    // Room for the row (quotes doubled in the worst case), so the buffer does not grow by
    // doubling past a long description: the row is in memory once.
    let need: usize = cells
        .iter()
        .map(|c| c.len() + c.matches('"').count() + 3)
        .sum();
    buf.reserve(need + 1);
    let ok = {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(&mut buf);
        w.write_record(cells)
            .and_then(|()| w.flush().map_err(csv::Error::from))
            .is_ok()
    };
    if !ok {
        buf.truncate(start);
        buf.extend_from_slice(cells.join(&char::from(delimiter).to_string()).as_bytes());
        buf.push(b'\n');
    }
    *out = String::from_utf8(buf)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

/// A price as feeds write it: a dot and two decimals (`19.9` → `19.90`).
pub(super) fn price(value: f64) -> String {
    format!("{value:.2}")
}

/// True for an absolute `http(s)://host…` URL without whitespace.
pub(super) fn absolute_url(u: &str) -> bool {
    let lower = u.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !u.trim().contains(char::is_whitespace) && !u.contains(['<', '>', '"'])
    })
}

/// A product name as plain text: markup in it (from an untrusted source) is not written
/// into a feed; entities are decoded. Names without `<` or `&` are returned as they are.
pub(super) fn plain_name(name: &str) -> String {
    if name.contains(['<', '&']) {
        let doc = crate::text::Document::parse(name);
        let parts: Vec<&str> = doc.blocks.iter().map(|b| b.text().trim()).collect();
        parts
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        name.trim().to_owned()
    }
}

/// The kind of a GTIN by its length, as Amazon's `external_product_id_type` names it.
pub(super) fn gtin_kind(gtin: &str) -> &'static str {
    match gtin.len() {
        12 => "UPC",
        14 => "GTIN",
        _ => "EAN",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_quote_what_needs_it() {
        let mut out = String::new();
        write_record(
            &mut out,
            b',',
            &["a", "b,c", "say \"hi\"", "two\nlines", ""],
        );
        assert_eq!(out, "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\n");
        let mut tsv = String::new();
        write_record(&mut tsv, b'\t', &["a,b", "c\td"]);
        assert_eq!(tsv, "a,b\t\"c\td\"\n");
        let mut semi = String::new();
        write_record(&mut semi, b';', &["a;b", "c"]);
        assert_eq!(semi, "\"a;b\";c\n");
    }

    #[test]
    fn prices_and_gtin_kinds() {
        assert_eq!(price(19.9), "19.90");
        assert_eq!(price(5.0), "5.00");
        assert_eq!(gtin_kind("4006381333931"), "EAN");
        assert_eq!(gtin_kind("96385074"), "EAN");
        assert_eq!(gtin_kind("036000291452"), "UPC");
        assert_eq!(gtin_kind("10036000291459"), "GTIN");
    }

    #[test]
    fn urls_and_names() {
        assert!(absolute_url("https://a.example/x.jpg"));
        assert!(absolute_url("HTTP://A.EXAMPLE"));
        for bad in [
            "https:///x.jpg",
            "ftp://a.example/x.jpg",
            "/x.jpg",
            "https://a.example/a b.jpg",
            "<script>",
            "https://a.example/\"><script>",
        ] {
            assert!(!absolute_url(bad), "{bad}");
        }
        assert_eq!(plain_name(" Mug "), "Mug");
        assert_eq!(plain_name("Fish &amp; Chips"), "Fish & Chips");
        assert_eq!(plain_name("Mug <img src=x onerror=alert(1)>"), "Mug");
        assert_eq!(plain_name("Mug 2.0"), "Mug 2.0");
        assert_eq!(plain_name("Fish & Chips Co."), "Fish & Chips Co.");
        assert_eq!(plain_name("<b>Bold</b> mug &amp; co."), "Bold mug & co.");
    }
}
