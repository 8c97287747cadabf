//! `prompt::render_template` on arbitrary template sources and variables.
//!
//! The bytes (UTF-8, lossily) before the first NUL are the template; after it, JSON variables
//! when they parse as JSON, else a product-like object built around that text.
//!
//! Invariants: an error has a stable code, a message, a JSON form carrying that code, and a
//! line/column that point into the source; a source without `{` renders to itself (minus at
//! most one trailing line break); rendering is deterministic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use proseo_core::prompt::{render_template, PromptError};
use proseo_core::ErrorCode;
use serde_json::{json, Value};

const CODES: &[&str] = &[
    "template_syntax",
    "template_unknown_variable",
    "template_render",
    "template_unknown",
    // The sandbox's limits (a constant folding past 64 KiB is found by chance easily).
    "template_too_complex",
    "template_output_too_large",
    "template_too_large",
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (source, vars_text) = text.split_once('\0').unwrap_or((&text, ""));
    let vars = serde_json::from_str::<Value>(vars_text).unwrap_or_else(|_| {
        json!({
            "product": {
                "name": vars_text,
                "sku": null,
                "attributes": [{"name": "Color", "values": ["Sage", vars_text]}],
                "features": [vars_text, ""],
            },
            "keyphrase": vars_text,
            "target_words": 120,
            "synonyms": [],
            "extra": {},
        })
    });
    let result = render_template(source, &vars);
    match &result {
        Ok(out) => {
            if !source.contains('{') {
                // minijinja drops one trailing line break (`\n`, `\r\n` or `\r`).
                let trimmed = ["\r\n", "\n", "\r"]
                    .iter()
                    .find_map(|nl| source.strip_suffix(nl))
                    .unwrap_or(source);
                assert!(
                    out == source || out == trimmed,
                    "{source:?} rendered as {out:?}"
                );
            }
        }
        Err(e) => check_error(e, source),
    }
    assert_eq!(render_template(source, &vars), result, "not deterministic");
});

fn check_error(e: &PromptError, source: &str) {
    assert!(CODES.contains(&e.code()), "{e:?}");
    assert!(!matches!(e, PromptError::UnknownTemplate { .. }), "{e:?}");
    assert!(!e.to_string().is_empty());
    let json = serde_json::to_value(e);
    assert!(
        json.as_ref().is_ok_and(|v| v["code"] == e.code()),
        "{json:?}"
    );
    let lines: Vec<&str> = source.split('\n').collect();
    if let Some(line) = e.line() {
        assert!(
            line >= 1 && line as usize <= lines.len(),
            "{e:?}: line {line} of {} in {source:?}",
            lines.len()
        );
        if let Some(column) = e.column() {
            let chars = lines[line as usize - 1].chars().count();
            assert!(
                column >= 1 && column as usize <= chars + 1,
                "{e:?}: column {column} of {chars} in {source:?}"
            );
        }
    } else {
        assert!(e.column().is_none(), "{e:?}: a column without a line");
    }
}
