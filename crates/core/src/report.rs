//! Validation reports: bad input described as data.
//!
//! Validators never fail; they return a [`Report`] listing every [`Issue`] found, each with a
//! JSON-pointer-like `path` (`/attributes/0/name`), a stable `code`, a severity and a message.

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

/// The result of a validation: every issue found, in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report {
    /// All issues.
    pub issues: Vec<Issue>,
}

impl Report {
    /// An empty report.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an issue.
    pub fn push(
        &mut self,
        path: impl Into<String>,
        code: &str,
        severity: Severity,
        message: impl Into<String>,
    ) {
        self.issues.push(Issue {
            path: path.into(),
            code: code.to_owned(),
            severity,
            message: message.into(),
        });
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

    /// Appends another report's issues, prefixing their paths.
    pub fn extend_prefixed(&mut self, prefix: &str, other: Report) {
        for mut issue in other.issues {
            issue.path = format!("{prefix}{}", issue.path);
            self.issues.push(issue);
        }
    }
}
