//! Formatting for the CLI: human-readable text, CSV and JSON rows.

use std::fmt::Write as _;

use proseo_core::analysis::{keyphrase_for, score_generated, Analysis, Check, CheckId, Rating};
use proseo_core::duplicate::CatalogDuplicates;
use proseo_core::export::{self, ExportItem};
use proseo_core::product::Product;
use proseo_core::prompt::PromptOptions;
use proseo_core::report::{Issue, Report, Severity};
use proseo_core::validate::{self, Channel, GeneratedContent};
use proseo_core::{writer, ErrorCode};
use serde::Serialize;

fn light(r: Rating) -> &'static str {
    match r {
        Rating::Good => "good",
        Rating::Ok => "ok",
        Rating::Bad => "bad",
        Rating::Feedback => "info",
        Rating::Na => "n/a",
    }
}

fn id_str(id: CheckId) -> String {
    serde_json::to_value(id)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The analysis as a report for a terminal.
pub fn analysis_text(a: &Analysis, source: &str) -> String {
    let mut s = String::new();
    for (title, section) in [("SEO", &a.seo), ("Readability", &a.readability)] {
        let _ = writeln!(
            s,
            "{title}: {}/100 ({}), {} of {} checks ran",
            section.score,
            light(section.rating),
            section.checks_run,
            section.checks_total
        );
        if let Some(reason) = &section.reason {
            let _ = writeln!(s, "  {reason}");
        }
        for c in &section.checks {
            let _ = writeln!(
                s,
                "  [{:>4}] {:<30} {}",
                light(c.rating),
                id_str(c.id),
                c.message
            );
            for h in c
                .highlights
                .iter()
                .filter(|h| h.field == proseo_core::span::Field::Content)
                .take(3)
            {
                let text: String = h.text(source).chars().take(70).collect();
                let _ = writeln!(s, "         > {}", text.replace('\n', " "));
            }
        }
        s.push('\n');
    }
    let st = &a.stats;
    let _ = write!(
        s,
        "{} words, {} sentences, {} paragraphs",
        st.words, st.sentences, st.paragraphs
    );
    if let Some(f) = st.flesch_reading_ease {
        let _ = write!(s, ", Flesch reading ease {f:.1}");
    }
    if let Some(g) = st.flesch_kincaid_grade {
        let _ = write!(s, ", grade {g:.1}");
    }
    let _ = writeln!(
        s,
        ", title {:.0} px, meta {} chars",
        st.title_width_px, st.meta_description_chars
    );
    s
}

/// Validation reports for a terminal.
pub fn reports_text(reports: &[(String, Report)]) -> String {
    let mut s = String::new();
    for (label, r) in reports {
        let verdict = if r.is_valid() { "valid" } else { "INVALID" };
        let _ = writeln!(s, "{label}: {verdict} ({} issue(s))", r.issues.len());
        for i in &r.issues {
            let sev = serde_json::to_value(i.severity)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let path = if i.path.is_empty() { "/" } else { &i.path };
            let _ = writeln!(s, "  {sev:<7} {path:<28} {:<26} {}", i.code, i.message);
        }
    }
    s
}

/// One check, as `write --json` lists it.
#[derive(Serialize)]
pub struct CheckRow {
    id: CheckId,
    score: i16,
    rating: Rating,
    message: String,
}

impl From<&Check> for CheckRow {
    fn from(c: &Check) -> Self {
        Self {
            id: c.id,
            score: c.score,
            rating: c.rating,
            message: c.message.to_string(),
        }
    }
}

/// One product's result of `write`.
#[derive(Serialize)]
pub struct WriteResult {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sku: Option<String>,
    pub name: String,
    pub keyphrase: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<GeneratedContent>,
    seo_score: u8,
    seo_rating: Rating,
    readability_score: u8,
    readability_rating: Rating,
    valid: bool,
    issues: Vec<Issue>,
    checks: Vec<CheckRow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What the writer produced, before sanitizing (what an export validates).
    #[serde(skip)]
    pub raw: Option<GeneratedContent>,
}

/// Writes, validates and scores every product.
pub fn write_all(products: &[Product], options: &PromptOptions) -> Vec<WriteResult> {
    products
        .iter()
        .map(|p| {
            let keyphrase = keyphrase_for(p, options);
            let base = WriteResult {
                id: p.id.clone(),
                sku: p.sku.clone(),
                name: p.name.clone(),
                keyphrase: keyphrase.clone(),
                content: None,
                seo_score: 0,
                seo_rating: Rating::Na,
                readability_score: 0,
                readability_rating: Rating::Na,
                valid: false,
                issues: Vec::new(),
                checks: Vec::new(),
                error: None,
                raw: None,
            };
            match writer::write(p, options) {
                Ok(raw) => {
                    // The report is on what the writer produced; what is written out (and
                    // scored) is its sanitized, publishable form.
                    let report = validate::validate_content(&raw, Channel::Woocommerce);
                    let content = validate::sanitize_content(&raw).content;
                    let analysis: Analysis = score_generated(p, &content, options);
                    WriteResult {
                        seo_score: analysis.seo.score,
                        seo_rating: analysis.seo.rating,
                        readability_score: analysis.readability.score,
                        readability_rating: analysis.readability.rating,
                        valid: report.is_valid(),
                        issues: report.issues,
                        checks: analysis.checks().map(CheckRow::from).collect(),
                        content: Some(content),
                        raw: Some(raw),
                        ..base
                    }
                }
                Err(e) => WriteResult {
                    error: Some(format!("{e} [{}]", e.code())),
                    ..base
                },
            }
        })
        .collect()
}

/// The results as a WooCommerce product CSV in the import format (the core's export module:
/// descriptions, Yoast SEO and Rank Math meta, alt texts; every cell formula-safe). Products
/// that could not be written have no row; rows whose content breaks WooCommerce's rules are
/// left out too (the returned feed's report says why).
pub fn results_csv(
    products: &[Product],
    results: &[WriteResult],
) -> Result<export::Feed, export::ExportError> {
    let items: Vec<ExportItem> = products
        .iter()
        .zip(results)
        .filter_map(|(p, r)| {
            r.raw.clone().map(|content| ExportItem {
                product: p.clone(),
                content,
                keyphrase: Some(r.keyphrase.clone()),
                quantity: None,
            })
        })
        .collect();
    export::export(
        export::Format::Woocommerce,
        &items,
        &export::ExportOptions::default(),
    )
}

/// An export report for a terminal: the counts, then each error and warning (infos counted).
pub fn feed_text(feed: &export::Feed, labels: &[String]) -> String {
    let mut s = String::new();
    let infos = feed
        .report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Info)
        .count();
    let _ = writeln!(
        s,
        "{}: {} row(s) written, {} left out{}",
        feed.format,
        feed.rows,
        feed.skipped,
        if infos > 0 {
            format!(", {infos} note(s)")
        } else {
            String::new()
        }
    );
    for i in feed
        .report
        .issues
        .iter()
        .filter(|i| i.severity != Severity::Info)
    {
        let label = item_label(&i.path, labels);
        let sev = if i.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        let _ = writeln!(s, "  {sev:<7} {label:<28} {:<26} {}", i.code, i.message);
    }
    if feed.report.truncated > 0 {
        let _ = writeln!(s, "  … {} more issue(s)", feed.report.truncated);
    }
    s
}

/// `/items/3/content/title` → the product's name (or `item 3`) and the rest of the path.
fn item_label(path: &str, labels: &[String]) -> String {
    let rest = path.strip_prefix("/items/").unwrap_or(path);
    let (n, tail) = rest.split_once('/').unwrap_or((rest, ""));
    match n.parse::<usize>().ok().and_then(|n| labels.get(n)) {
        Some(name) => {
            let name: String = name.chars().take(20).collect();
            if tail.is_empty() {
                name
            } else {
                format!("{name} /{tail}")
            }
        }
        None => path.to_owned(),
    }
}

/// The near-duplicate summary of written descriptions, for the terminal.
pub fn duplicates_text(d: &CatalogDuplicates) -> String {
    let mut s = format!(
        "near-duplicate descriptions: {} pair(s) at {:.0}% similarity or more (highest {:.0}%)\n",
        d.pairs_total,
        d.threshold * 100.0,
        d.max_similarity * 100.0
    );
    for p in d.pairs.iter().take(20) {
        let _ = writeln!(s, "  {:>3.0}%  {} ↔ {}", p.similarity * 100.0, p.a, p.b);
    }
    if !d.complete {
        s.push_str("  (search stopped at its bound: counts are lower bounds)\n");
    }
    s
}

/// A score table for the terminal (stderr, so stdout stays machine-readable).
pub fn results_table(results: &[WriteResult]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<28} {:>9} {:>13}  valid",
        "product", "SEO", "readability"
    );
    for r in results {
        let name: String = r.name.chars().take(28).collect();
        match &r.error {
            Some(e) => {
                let _ = writeln!(s, "{name:<28} error: {e}");
            }
            None => {
                let _ = writeln!(
                    s,
                    "{name:<28} {:>3} {:<5} {:>6} {:<6}  {}",
                    r.seo_score,
                    light(r.seo_rating),
                    r.readability_score,
                    light(r.readability_rating),
                    if r.valid { "yes" } else { "NO" }
                );
            }
        }
    }
    let scored: Vec<&WriteResult> = results.iter().filter(|r| r.error.is_none()).collect();
    if !scored.is_empty() {
        let avg = scored.iter().map(|r| u32::from(r.seo_score)).sum::<u32>() / scored.len() as u32;
        let _ = writeln!(
            s,
            "{} product(s) written, average SEO score {avg}/100",
            scored.len()
        );
    }
    s
}
