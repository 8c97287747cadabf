//! `prompt::parse_completion` on arbitrary model answers.
//!
//! Invariants: repairs are listed at most once each, and a BOM repair means there was a BOM;
//! an answer without `{` is `Empty` or `NoJson`; an `InvalidJson` position points into the
//! answer; a schema error's path is a JSON pointer; and what was parsed, written back as
//! plain JSON, parses to the same content with no repairs (normalizing is idempotent).
#![no_main]

use std::collections::BTreeSet;

use libfuzzer_sys::fuzz_target;
use proseo_core::prompt::{parse_completion, CompletionError, Repair};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let result = parse_completion(&text);
    match &result {
        Ok(completion) => {
            let unique: BTreeSet<String> = completion
                .repairs
                .iter()
                .map(|r| format!("{r:?}"))
                .collect();
            assert_eq!(
                unique.len(),
                completion.repairs.len(),
                "{:?}",
                completion.repairs
            );
            if completion.repairs.contains(&Repair::Bom) {
                assert!(text.trim_start().starts_with('\u{feff}'));
            }
            let plain = serde_json::to_string(&completion.content);
            let plain = plain.as_deref().unwrap_or_default();
            match parse_completion(plain) {
                Ok(again) => {
                    assert_eq!(again.content, completion.content, "{plain}");
                    assert!(again.repairs.is_empty(), "{plain}: {:?}", again.repairs);
                }
                Err(e) => panic!("{text:?} parsed, but its content {plain} does not: {e}"),
            }
        }
        Err(CompletionError::InvalidJson { line, column, .. }) => {
            let lines: Vec<&str> = text.split('\n').collect();
            assert!(*line >= 1 && *line as usize <= lines.len(), "{result:?}");
            let chars = lines[*line as usize - 1].chars().count();
            assert!(*column >= 1 && *column as usize <= chars + 1, "{result:?}");
        }
        Err(CompletionError::Schema { path, message }) => {
            assert!(path.is_empty() || path.starts_with('/'), "{result:?}");
            assert!(!message.is_empty());
        }
        Err(CompletionError::Empty | CompletionError::NoJson) => {}
    }
    if !text.contains('{') {
        assert!(
            matches!(
                result,
                Err(CompletionError::Empty | CompletionError::NoJson)
            ),
            "{text:?}: {result:?}"
        );
    }
});
