//! Tidy checks that keep the architecture invariants true (see docs/architecture.md):
//! every Rust file documents its module, and the core depends on nothing that does I/O,
//! reads a clock, draws randomness or binds to a host (wasm-bindgen, workers).

#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if !path.ends_with("target") && !path.ends_with("fixtures") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_rust_file_starts_with_a_module_doc() {
    let mut files = Vec::new();
    rust_files(&root().join("crates"), &mut files);
    assert!(files.len() > 20);
    let undocumented: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| f.strip_prefix(root()).unwrap_or(f).display().to_string())
        .collect();
    assert!(
        undocumented.is_empty(),
        "files without a `//!` module doc: {undocumented:?}"
    );
}

#[test]
fn core_stays_pure() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap();
    for banned in [
        "wasm-bindgen",
        "js-sys",
        "web-sys",
        "worker",
        "getrandom",
        "rand",
        "chrono",
        "time",
        "tokio",
        "reqwest",
    ] {
        assert!(
            !deps
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{banned} "))
                    || l.trim_start().starts_with(&format!("{banned}="))),
            "proseo-core must not depend on `{banned}`"
        );
    }
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    // `tests.rs` files are unit-test modules, declared under `#[cfg(test)]`.
    for f in files.into_iter().filter(|f| !f.ends_with("tests.rs")) {
        let text = std::fs::read_to_string(&f).unwrap();
        // Unit tests (after `#[cfg(test)]`) may read fixtures.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for banned in [
            "std::fs",
            "std::net",
            "std::time::",
            "SystemTime",
            "Instant::now",
            "std::env",
            "std::process",
        ] {
            assert!(
                !text.contains(banned),
                "{} uses {banned}: the core is pure",
                f.display()
            );
        }
    }
}
