//! Data-driven analysis tests: `fixtures/analyze/NAME.json` holds an [`AnalyzeInput`]; the
//! expected result (every check's id, score, rating and highlighted text, plus the section
//! scores and statistics) is in `NAME.expected.json`.
//!
//! After an intended change of behaviour, regenerate with `UPDATE_EXPECT=1 cargo test -p
//! proseo-core --test analyze_fixtures` and review the diff like code.

// Test helpers outside #[test] functions may fail loudly.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

use proseo_core::analysis::{analyze, AnalyzeInput};
use proseo_core::span::Highlight;
use serde_json::{json, Value};

/// Checks a highlight against its field the way JavaScript would index it.
fn check_highlight(name: &str, input: &AnalyzeInput, h: &Highlight) -> String {
    let src = input.field(h.field);
    let (s, e) = (h.start as usize, h.end as usize);
    assert!(s <= e && e <= src.len(), "{name}: {h:?} out of bounds");
    assert!(
        src.is_char_boundary(s) && src.is_char_boundary(e),
        "{name}: {h:?} splits a char"
    );
    let utf16: Vec<u16> = src.encode_utf16().collect();
    let prefix = src[..s].encode_utf16().count();
    let len = src[s..e].encode_utf16().count();
    assert_eq!(
        (h.start_utf16 as usize, h.end_utf16 as usize),
        (prefix, prefix + len),
        "{name}: utf16 of {h:?}"
    );
    let via_js = String::from_utf16(&utf16[prefix..prefix + len]).unwrap();
    assert_eq!(via_js, &src[s..e], "{name}: utf16 slice differs");
    via_js
}

fn summarize(name: &str, input: &AnalyzeInput) -> Value {
    let a = analyze(input);
    let checks: Vec<Value> = a
        .checks()
        .map(|c| {
            let hl: Vec<Value> = c
                .highlights
                .iter()
                .map(|h| json!([h.field, check_highlight(name, input, h)]))
                .collect();
            json!({ "id": c.id, "score": c.score, "rating": c.rating, "origin": c.origin, "highlights": hl })
        })
        .collect();
    json!({
        "language": a.language,
        "seo": section(&a.seo),
        "readability": section(&a.readability),
        "stats": a.stats,
        "checks": checks,
    })
}

fn section(s: &proseo_core::analysis::Section) -> Value {
    json!({
        "score": s.score,
        "rating": s.rating,
        "checks_run": s.checks_run,
        "checks_total": s.checks_total,
        "reason": s.reason,
    })
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/analyze");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && !p.to_string_lossy().ends_with(".expected.json")
        })
        .collect();
    files.sort();
    assert!(files.len() >= 10, "fixtures missing in {}", dir.display());
    files
}

#[test]
fn analyze_fixtures() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for path in fixtures() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let fixture: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let input: AnalyzeInput = serde_json::from_value(fixture["input"].clone()).unwrap();
        let actual = summarize(&name, &input);
        let expected_path = path.with_extension("expected.json");
        if update {
            std::fs::write(
                &expected_path,
                serde_json::to_string_pretty(&actual).unwrap() + "\n",
            )
            .unwrap();
            continue;
        }
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
                panic!(
                    "{} missing; run with UPDATE_EXPECT=1",
                    expected_path.display()
                )
            }),
        )
        .unwrap();
        if actual != expected {
            failures.push(format!(
                "{name}:\n--- expected\n{}\n--- actual\n{}",
                serde_json::to_string_pretty(&expected).unwrap(),
                serde_json::to_string_pretty(&actual).unwrap()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `Analysis::to_json` (written by hand for speed) is exactly the derived `Serialize` form, on
/// every fixture, every benchmark text and every text of the Yoast oracle's corpus (all
/// languages, `na` sections with reasons, highlights in every field, escapes).
#[test]
fn to_json_is_the_serialize_form() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs: Vec<Value> = fixtures()
        .iter()
        .map(|p| {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            v["input"].clone()
        })
        .collect();
    for corpus in ["benches/corpus.json", "../../pkg/test/oracle/corpus.json"] {
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(root.join(corpus)).unwrap()).unwrap();
        inputs.extend(
            v.as_array()
                .unwrap()
                .iter()
                .map(|item| item.get("input").cloned().unwrap_or_else(|| item.clone())),
        );
    }
    // Control characters, quotes and backslashes in the messages (the keyphrase is quoted
    // back in some) and in a section's reason.
    inputs.push(json!({
        "content": "<p>A \"quoted\" \\ back\u{1}slash\ttab</p>",
        "keyphrase": "\"wool\\socks\u{7}\"",
        "title": "Wool\u{1f} socks \"x\"",
        "locale": "zz",
    }));
    let mut compared = 0;
    for input in inputs {
        let Ok(input) = serde_json::from_value::<AnalyzeInput>(input) else {
            continue;
        };
        let a = analyze(&input);
        assert_eq!(a.to_json().unwrap(), serde_json::to_string(&a).unwrap());
        compared += 1;
    }
    assert!(compared > 150, "only {compared} analyses compared");
}
