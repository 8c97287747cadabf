//! Architecture rules of the Worker, checked on its sources:
//! - only `src/jobs/` writes `jobs` or `job_items` rows (one home for the job pipeline);
//! - only `src/catalog/` writes `catalog_products` rows (the job pipeline runs statements it
//!   builds);
//! - only `src/connectors/runs.rs` writes `sync_runs` and `stores` rows;
//! - the queue consumer (`src/queue.rs`) and the job module never import from the HTTP
//!   handlers.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn all() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// SQL that writes a job or an item row.
fn writes_jobs(text: &str) -> Vec<String> {
    writes(text, &["JOBS", "JOB_ITEMS"])
}

/// SQL that writes a row of one of `tables` (upper case).
fn writes(text: &str, tables: &[&str]) -> Vec<String> {
    let flat = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase();
    let mut hits = Vec::new();
    for table in tables {
        for verb in [
            format!("UPDATE {table} "),
            format!("INSERT INTO {table} "),
            format!("INSERT INTO {table}("),
            format!("DELETE FROM {table} "),
            format!("REPLACE INTO {table} "),
        ] {
            if flat.contains(&verb) {
                hits.push(verb.trim().to_owned());
            }
        }
    }
    hits
}

#[test]
fn only_the_job_module_writes_job_rows() {
    let mut offenders = Vec::new();
    let mut found_in_jobs = false;
    for (file, text) in all() {
        let hits = writes_jobs(&text);
        if file.starts_with("jobs/") {
            found_in_jobs |= !hits.is_empty();
        } else if !hits.is_empty() {
            offenders.push(format!("{file}: {}", hits.join(", ")));
        }
    }
    assert!(
        found_in_jobs,
        "the checker finds the job module's own statements"
    );
    assert!(
        offenders.is_empty(),
        "job rows written outside src/jobs/:\n{}",
        offenders.join("\n")
    );
}

/// Files allowed to write `tables`, by path prefix; every other file is an offender. Fails too
/// when the allowed files write nothing (the checker would be blind).
fn only_these_write(tables: &[&str], allowed: &str) {
    let mut offenders = Vec::new();
    let mut found = false;
    for (file, text) in all() {
        let hits = writes(&text, tables);
        if file.starts_with(allowed) {
            found |= !hits.is_empty();
        } else if !hits.is_empty() {
            offenders.push(format!("{file}: {}", hits.join(", ")));
        }
    }
    assert!(found, "the checker finds {allowed}'s own statements");
    assert!(
        offenders.is_empty(),
        "{tables:?} written outside {allowed}:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn only_the_catalog_module_writes_catalog_rows() {
    only_these_write(&["CATALOG_PRODUCTS"], "catalog/");
}

#[test]
fn only_the_connector_runs_write_sync_state() {
    only_these_write(&["SYNC_RUNS", "STORES"], "connectors/runs.rs");
}

#[test]
fn the_consumer_and_the_job_module_never_import_the_http_layer() {
    for (file, text) in all() {
        if file == "queue.rs" || file.starts_with("jobs/") {
            for bad in [
                "crate::handlers",
                "super::handlers",
                "crate::Ctx",
                "crate::Req",
                "crate::Reply",
                "crate::api::",
            ] {
                assert!(!text.contains(bad), "{file} imports `{bad}`");
            }
        }
    }
}
