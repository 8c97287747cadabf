//! Data-driven tests of [`parse_completion`]: every `fixtures/completions/NAME.txt` is a model
//! answer and `NAME.expected.json` what it must parse to. The expectation is either a
//! [`Completion`] (missing fields default to empty, so `repairs` must list exactly the repairs
//! made) or `{"error": {"code": …, "line"?, "column"?, "path"?}}`, whose keys must match the
//! serialized [`CompletionError`].

use std::fs;
use std::path::Path;

use proseo_core::prompt::{parse_completion, Completion};
use serde_json::Value;

#[test]
fn completion_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/completions");
    let mut inputs: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    inputs.sort();
    assert!(
        inputs.len() >= 10,
        "expected at least 10 fixtures, found {}",
        inputs.len()
    );

    let mut failures = Vec::new();
    for input in &inputs {
        let name = input.file_stem().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(input).unwrap();
        let expected_path = dir.join(format!("{name}.expected.json"));
        let expected: Value = serde_json::from_str(
            &fs::read_to_string(&expected_path)
                .unwrap_or_else(|_| panic!("{name}: missing {}", expected_path.display())),
        )
        .unwrap_or_else(|e| panic!("{name}: bad expectation: {e}"));

        let result = parse_completion(&text);
        match (expected.get("error"), result) {
            (None, Ok(got)) => {
                let want: Completion = serde_json::from_value(expected.clone())
                    .unwrap_or_else(|e| panic!("{name}: bad expectation: {e}"));
                if got != want {
                    failures.push(format!("{name}: expected {want:#?}\ngot {got:#?}"));
                }
            }
            (None, Err(err)) => failures.push(format!("{name}: expected success, got {err:?}")),
            (Some(want), Ok(got)) => {
                failures.push(format!("{name}: expected error {want}, got {got:?}"));
            }
            (Some(want), Err(err)) => {
                let got = serde_json::to_value(&err).unwrap();
                for (key, value) in want.as_object().unwrap() {
                    if got.get(key) != Some(value) {
                        failures.push(format!("{name}: expected error {want}, got {got}"));
                        break;
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
