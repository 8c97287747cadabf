//! Validation reports: bad input described as data.
//!
//! Validators never fail; they return a [`Report`] listing the [`Issue`]s found, each with a
//! JSON-pointer-like `path` (`/attributes/0/name`), a stable `code`, a severity and a message.
//!
//! A report lists [`MAX_ISSUES`] issues and counts the rest in [`Report::truncated`], so
//! hostile input (800,000 stray tags) cannot make a huge report. Past the limit it still lists
//! the first issue of each code and severity it does not hold yet (a few dozen at most), so
//! [`Report::is_valid`] and [`Report::has`] stay exact.

use serde::{Deserialize, Serialize};

/// How serious an issue is. `Error` blocks publishing; `Warning` should be looked at;
/// `Info` is advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Advice only.
    Info,
    /// Should be fixed, does not block.
    Warning,
    /// Blocks publishing.
    Error,
}

/// One finding of a validator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Issue {
    /// Where: a JSON pointer into the validated value (`""` for the whole value).
    pub path: String,
    /// Stable machine code, e.g. `price_negative`.
    pub code: String,
    /// How serious.
    pub severity: Severity,
    /// Human-readable explanation (English).
    pub message: String,
}

/// Most issues a [`Report`] lists, beyond the first of each code and severity; see
/// [`Report::truncated`].
pub const MAX_ISSUES: usize = 200;

/// The result of a validation: the issues found, in the order found (200, [`MAX_ISSUES`], and
/// past that the first of each code and severity not listed yet).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report {
    /// The issues, in the order found. Every code and severity found is among them, even when
    /// the report is truncated.
    pub issues: Vec<Issue>,
    /// How many further issues were found but left out because the report was full (200
    /// issues, every code and severity listed); `0` when `issues` is complete.
    #[serde(default)]
    pub truncated: u32,
}

impl Report {
    /// An empty report.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an issue, or counts it in [`Report::truncated`] when the report is full (see the
    /// [module docs](self)). Nothing is allocated for an issue that is left out.
    pub fn push(
        &mut self,
        path: impl Into<String>,
        code: &str,
        severity: Severity,
        message: impl Into<String>,
    ) {
        // Full: only a code and severity the report does not hold yet is still listed (there
        // are a few dozen codes), so every kind found stays visible.
        if self.issues.len() >= MAX_ISSUES && self.has_kind(code, severity) {
            self.truncated = self.truncated.saturating_add(1);
            return;
        }
        self.issues.push(Issue {
            path: path.into(),
            code: code.to_owned(),
            severity,
            message: message.into(),
        });
    }

    fn has_kind(&self, code: &str, severity: Severity) -> bool {
        self.issues
            .iter()
            .any(|i| i.severity == severity && i.code == code)
    }

    /// Adds an error-severity issue.
    pub fn error(&mut self, path: impl Into<String>, code: &str, message: impl Into<String>) {
        self.push(path, code, Severity::Error, message);
    }

    /// Adds a warning-severity issue.
    pub fn warning(&mut self, path: impl Into<String>, code: &str, message: impl Into<String>) {
        self.push(path, code, Severity::Warning, message);
    }

    /// Adds an info-severity issue.
    pub fn info(&mut self, path: impl Into<String>, code: &str, message: impl Into<String>) {
        self.push(path, code, Severity::Info, message);
    }

    /// True when no issue has `Error` severity.
    pub fn is_valid(&self) -> bool {
        !self.issues.iter().any(|i| i.severity == Severity::Error)
    }

    /// True when an issue with this code is present.
    pub fn has(&self, code: &str) -> bool {
        self.issues.iter().any(|i| i.code == code)
    }

    /// Appends another report's issues, prefixing their paths (and adds its `truncated`).
    pub fn extend_prefixed(&mut self, prefix: &str, other: Report) {
        self.truncated = self.truncated.saturating_add(other.truncated);
        for issue in other.issues {
            let path = format!("{prefix}{}", issue.path);
            self.push(path, &issue.code, issue.severity, issue.message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_report_counts_the_rest() {
        let mut r = Report::new();
        for i in 0..1_000 {
            r.info(format!("/x/{i}"), "html_removed", "removed a tag");
        }
        assert_eq!(r.issues.len(), MAX_ISSUES);
        assert_eq!(r.truncated, 1_000 - MAX_ISSUES as u32);
        assert_eq!(r.issues[0].path, "/x/0");
        assert_eq!(
            r.issues[MAX_ISSUES - 1].path,
            format!("/x/{}", MAX_ISSUES - 1)
        );
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["truncated"], 800);
    }

    #[test]
    fn every_code_and_severity_found_stays_in_a_full_report() {
        let mut r = Report::new();
        for i in 0..500 {
            r.info(format!("/a/{i}"), "html_removed", "info");
        }
        assert!(r.is_valid());
        // An error after the report is full still makes it invalid, and is listed.
        r.error("/description", "unsafe_html", "removed script");
        r.warning("/slug", "slug_too_long", "long");
        r.warning("/b", "html_removed", "lossy");
        for i in 0..500 {
            r.error(format!("/c/{i}"), "unsafe_html", "again");
        }
        assert!(!r.is_valid());
        assert!(r.has("unsafe_html") && r.has("slug_too_long") && r.has("html_removed"));
        // 200 listed, plus the first of each new code and severity.
        assert_eq!(r.issues.len(), MAX_ISSUES + 3);
        assert_eq!(r.truncated, 300 + 500);
        assert_eq!(r.issues[0].path, "/a/0");
        assert_eq!(r.issues[MAX_ISSUES].path, "/description");
    }

    #[test]
    fn truncated_defaults_to_zero_on_the_wire() {
        let r: Report = serde_json::from_str(r#"{"issues": []}"#).unwrap();
        assert_eq!(r.truncated, 0);
        let mut a = Report::new();
        let mut b = Report::new();
        for i in 0..300 {
            b.info(format!("/{i}"), "x", "m");
        }
        a.extend_prefixed("/product", b);
        assert_eq!(a.issues.len(), MAX_ISSUES);
        assert_eq!(a.truncated, 100);
        assert_eq!(a.issues[0].path, "/product/0");
    }
}
