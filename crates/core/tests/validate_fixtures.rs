//! Data-driven validation tests: every `tests/fixtures/validate/*.json` is one case.
//!
//! A fixture is `{ "about", "kind": "product"|"content", "channel"?, "input",
//! "expect_codes": [...], "expect_valid": bool, "expect_sanitized"? }`. The set of issue codes
//! must equal `expect_codes` exactly, so a check that fires wrongly or not at all fails here.

use std::collections::BTreeSet;
use std::path::PathBuf;

use proseo_core::product::Product;
use proseo_core::report::Report;
use proseo_core::validate::{
    sanitize_html, validate_content, validate_product, Channel, GeneratedContent, CONTENT_CODES,
    PRODUCT_CODES,
};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    about: String,
    kind: String,
    #[serde(default)]
    channel: Option<String>,
    input: serde_json::Value,
    expect_codes: Vec<String>,
    expect_valid: bool,
    #[serde(default)]
    expect_sanitized: Option<String>,
}

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate")
}

/// Runs one fixture; returns a description of every mismatch.
fn run(name: &str, fixture: Fixture) -> Result<Vec<String>, String> {
    let mut failures = Vec::new();
    let (report, known): (Report, &[&str]) = match fixture.kind.as_str() {
        "product" => {
            let product: Product =
                serde_json::from_value(fixture.input.clone()).map_err(|e| e.to_string())?;
            (validate_product(&product), PRODUCT_CODES)
        }
        "content" => {
            let content: GeneratedContent =
                serde_json::from_value(fixture.input.clone()).map_err(|e| e.to_string())?;
            let channel = match fixture.channel.as_deref() {
                None => Channel::default(),
                Some(id) => Channel::parse(id).ok_or(format!("unknown channel {id}"))?,
            };
            if let Some(expected) = &fixture.expect_sanitized {
                let sanitized = sanitize_html(&content.description);
                if &sanitized.html != expected {
                    failures.push(format!(
                        "{name}: sanitized\n    got:      {:?}\n    expected: {expected:?}",
                        sanitized.html
                    ));
                }
            }
            (validate_content(&content, channel), CONTENT_CODES)
        }
        other => return Err(format!("unknown kind {other}")),
    };
    if fixture.kind == "product" && fixture.expect_sanitized.is_some() {
        return Err("expect_sanitized only applies to content fixtures".into());
    }
    let got: BTreeSet<&str> = report.issues.iter().map(|i| i.code.as_str()).collect();
    let expected: BTreeSet<&str> = fixture.expect_codes.iter().map(String::as_str).collect();
    if got != expected {
        failures.push(format!(
            "{name} ({}): codes\n    got:      {got:?}\n    expected: {expected:?}\n    issues: {:#?}",
            fixture.about, report.issues
        ));
    }
    for code in got.iter().chain(expected.iter()) {
        if !known.contains(code) {
            failures.push(format!(
                "{name}: code {code} is not in the published code list"
            ));
        }
    }
    if report.is_valid() != fixture.expect_valid {
        failures.push(format!(
            "{name}: is_valid() = {}, expected {}",
            report.is_valid(),
            fixture.expect_valid
        ));
    }
    for issue in &report.issues {
        if !(issue.path.is_empty() || issue.path.starts_with('/')) {
            failures.push(format!(
                "{name}: path {:?} is not a JSON pointer",
                issue.path
            ));
        }
    }
    Ok(failures)
}

#[test]
fn validate_fixtures() {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .expect("fixture dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    entries.sort();
    assert!(entries.len() >= 12, "only {} fixtures", entries.len());

    let mut failures = Vec::new();
    let (mut products, mut contents) = (0, 0);
    for path in &entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(path).expect("read fixture");
        let fixture: Fixture = match serde_json::from_str(&text) {
            Ok(f) => f,
            Err(e) => {
                failures.push(format!("{name}: bad fixture: {e}"));
                continue;
            }
        };
        match fixture.kind.as_str() {
            "product" => products += 1,
            _ => contents += 1,
        }
        match run(&name, fixture) {
            Ok(f) => failures.extend(f),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(
        products >= 4 && contents >= 8,
        "{products} product / {contents} content fixtures"
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The fixtures together exercise most codes; a code no fixture or unit test expects is a check
/// nobody verified. This pins the fixture coverage so it can only grow.
#[test]
fn fixtures_cover_the_important_codes() {
    let mut seen = BTreeSet::new();
    for entry in std::fs::read_dir(fixture_dir())
        .expect("fixture dir")
        .flatten()
    {
        let text = std::fs::read_to_string(entry.path()).expect("read fixture");
        let fixture: Fixture = serde_json::from_str(&text).expect("parse fixture");
        seen.extend(fixture.expect_codes);
    }
    for code in [
        "unsafe_html",
        "html_removed",
        "html_not_allowed",
        "html_tag_not_allowed",
        "placeholder_left",
        "empty_section",
        "price_invalid",
        "price_negative",
        "sale_price_not_lower",
        "currency_invalid",
        "url_invalid",
        "sku_invalid",
        "gtin_invalid",
        "attribute_duplicate",
        "language_invalid",
        "language_not_canonical",
        "variant_attribute_unknown",
    ] {
        assert!(seen.contains(code), "no fixture expects {code}");
    }
}
