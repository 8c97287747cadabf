//! Near-duplicate descriptions across a tenant's catalog, from the signatures stored on each
//! row ([`super::fingerprint`]: the generated description, else the source's). The core's
//! [`proseo_core::duplicate`] module measures; this module reads the signatures page by page
//! and bounds the work:
//!
//! - a product's check ([`Scan`]) compares its signature with every other product's, one page
//!   of [`SCAN_PAGE`] signatures at a time (memory: one page), at most [`MAX_SCAN`] in all;
//! - the catalog's pairs (`/products/stats`) run the core's banded search
//!   ([`proseo_core::duplicate::near_duplicates`], itself bounded in comparisons and listed
//!   pairs) over at most [`MAX_SCAN`] products.
//!
//! Beyond [`MAX_SCAN`] products the answer says it is incomplete (`complete: false`).

use proseo_core::duplicate::{
    check_with, CatalogEntry, DuplicateCheck, Signature, SimilarProduct, CHECK_CODE,
    MAX_SIMILAR_LISTED, NEAR_DUPLICATE_THRESHOLD,
};

/// Signatures read per D1 query (about 400 bytes each).
pub const SCAN_PAGE: u32 = 1_000;
/// Products compared at most, for one product's check and for the catalog's pairs (about
/// 10 MB for the catalog search at this size, see the peak-memory test).
pub const MAX_SCAN: usize = 20_000;

/// A page of stored signatures as the core's catalog entries; a signature that does not decode
/// (never written by this code) is skipped and logged.
pub fn entries(rows: Vec<super::read::SignatureRow>) -> Vec<CatalogEntry> {
    rows.into_iter()
        .filter_map(|r| match Signature::decode(&r.signature) {
            Ok(signature) => Some(CatalogEntry {
                id: r.id,
                signature,
            }),
            Err(e) => {
                crate::log::error("corrupt_row", &format!("catalog {} signature: {e}", r.id));
                None
            }
        })
        .collect()
}

/// One product's check against the rest of its catalog, page by page.
#[derive(Debug, Clone)]
pub struct Scan {
    id: String,
    signature: Signature,
    max: f64,
    similar: Vec<SimilarProduct>,
    total: u32,
    /// Other products compared.
    pub compared: u32,
}

impl Scan {
    /// A check of product `id` with `signature`.
    pub fn new(id: &str, signature: Signature) -> Self {
        Scan {
            id: id.to_owned(),
            signature,
            max: 0.0,
            similar: Vec::new(),
            total: 0,
            compared: 0,
        }
    }

    /// Compares with a page of the catalog (the product itself is skipped).
    pub fn page(&mut self, page: &[CatalogEntry]) {
        let c = check_with(&self.id, &self.signature, page, NEAR_DUPLICATE_THRESHOLD);
        self.compared = self
            .compared
            .saturating_add(page.iter().filter(|e| e.id != self.id).count() as u32);
        self.max = self.max.max(c.max_similarity);
        self.total = self.total.saturating_add(c.similar_total);
        self.similar.extend(c.similar);
        self.similar.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then_with(|| a.id.cmp(&b.id))
        });
        self.similar.truncate(MAX_SIMILAR_LISTED);
    }

    /// The check, as the core words it for a whole catalog.
    pub fn finish(self) -> DuplicateCheck {
        let t = NEAR_DUPLICATE_THRESHOLD;
        let message = match self.similar.first() {
            Some(top) => format!(
                "the description is a near-duplicate of {} other product(s) (most similar: `{}`, {:.0}% of three-word phrases shared; threshold {:.0}%)",
                self.total,
                top.id,
                top.similarity * 100.0,
                t * 100.0
            ),
            None if self.signature.is_empty() => "the description has no words to compare".to_owned(),
            None => format!(
                "no other product's description is a near-duplicate (highest similarity {:.0}%, threshold {:.0}%)",
                self.max * 100.0,
                t * 100.0
            ),
        };
        DuplicateCheck {
            code: CHECK_CODE.to_owned(),
            duplicate: self.total > 0,
            threshold: t,
            max_similarity: self.max,
            similar: self.similar,
            similar_total: self.total,
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proseo_core::duplicate::check_product;

    fn entry(id: &str, text: &str) -> CatalogEntry {
        CatalogEntry {
            id: id.into(),
            signature: Signature::of_text(text),
        }
    }

    #[test]
    fn a_paged_scan_finds_what_one_pass_finds() {
        let base = "a reliable choice from our kitchen range simple design keeps it easy to use for everyone every day";
        let mut catalog = vec![entry("p0", base)];
        for i in 1..12 {
            let text = if i % 3 == 0 {
                format!("{base} model {i}")
            } else {
                format!("an entirely different text about garden tools number {i} with its own words and phrases {}", "x ".repeat(i))
            };
            catalog.push(entry(&format!("p{i}"), &text));
        }
        let whole = check_product("p0", &catalog[0].signature, &catalog);
        let mut scan = Scan::new("p0", catalog[0].signature.clone());
        for page in catalog.chunks(5) {
            scan.page(page);
        }
        assert_eq!(scan.compared, 11);
        let paged = scan.finish();
        assert!(paged.duplicate);
        assert_eq!(paged.similar_total, whole.similar_total);
        assert_eq!(paged.similar, whole.similar);
        assert_eq!(paged.max_similarity, whole.max_similarity);
        assert_eq!(paged.message, whole.message);
        let lone = Scan::new("q", Signature::of_text("")).finish();
        assert!(!lone.duplicate && lone.message.contains("no words"));
    }

    #[test]
    fn corrupt_signatures_are_skipped() {
        let rows = vec![
            super::super::read::SignatureRow {
                id: "a".into(),
                signature: Signature::of_text("one two three four").encode(),
            },
            super::super::read::SignatureRow {
                id: "b".into(),
                signature: "mh1.nope".into(),
            },
        ];
        let e = entries(rows);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].id, "a");
    }
}
