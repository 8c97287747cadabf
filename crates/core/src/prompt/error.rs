//! Typed errors of the prompt module: [`PromptError`] (building a prompt from a template) and
//! [`CompletionError`] (reading the model's answer).
//!
//! Both serialize as `{ "code", "message", "line"?, "column"?, "path"? }`, where `code` is the
//! stable [`ErrorCode`] and `message` the human-readable [`Display`](std::fmt::Display) text.
//! Lines and columns are 1-based; columns count Unicode scalar values (chars), not bytes.

use std::fmt;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::error::ErrorCode;

/// Why a prompt could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptError {
    /// The template source is not valid Jinja (unclosed tag, bad expression…). Fix the template;
    /// retrying with the same source fails the same way.
    Syntax {
        /// What the parser expected.
        message: String,
        /// 1-based line in the template source, when known.
        line: Option<u32>,
        /// 1-based column (chars) in that line, when known.
        column: Option<u32>,
    },
    /// The template used a variable (or attribute) that is not defined. Templates render in
    /// strict mode, so a typo is an error rather than silently empty text. Test optional values
    /// with `{% if x %}` (absent product fields are `null`, which is fine) or `x is defined`.
    UnknownVariable {
        /// The undefined expression as minijinja names it (`foo`, `product.nme`).
        name: String,
        /// 1-based line, when known.
        line: Option<u32>,
        /// 1-based column (chars), when known.
        column: Option<u32>,
    },
    /// The template parsed but failed while rendering (unknown filter, bad operand types,
    /// a custom template with a `system` block but no `user` block…).
    Render {
        /// What went wrong.
        message: String,
        /// 1-based line, when known.
        line: Option<u32>,
    },
    /// The template went past a render limit: more than [`super::TEMPLATE_FUEL`] steps (nested
    /// loops over huge ranges), or more than the sandbox lets one render build, nest, or
    /// measure ([`super::MAX_BUILT_BYTES`], [`super::MAX_ITEMS`], [`super::MAX_DEPTH`],
    /// [`super::MAX_WORK`]; `"x" * 100000000`, a string doubled in a loop…). Templates are user
    /// input on the edge API, so rendering is bounded; simplify the template.
    TooComplex {
        /// 1-based line where the limit was hit, when known.
        line: Option<u32>,
        /// Which limit, in words.
        reason: String,
    },
    /// The template wrote more than [`super::MAX_RENDERED_BYTES`] (text written into `set`
    /// blocks and macro calls counts too); rendering stopped there.
    OutputTooLarge {
        /// 1-based line where the limit was hit, when known.
        line: Option<u32>,
    },
    /// The template source is longer than [`super::MAX_TEMPLATE_BYTES`].
    TooLarge {
        /// Its length in bytes.
        bytes: usize,
    },
    /// [`super::TemplateRef::Builtin`] named a template that does not exist.
    UnknownTemplate {
        /// The name asked for.
        name: String,
    },
}

impl ErrorCode for PromptError {
    fn code(&self) -> &'static str {
        match self {
            PromptError::Syntax { .. } => "template_syntax",
            PromptError::UnknownVariable { .. } => "template_unknown_variable",
            PromptError::Render { .. } => "template_render",
            PromptError::TooComplex { .. } => "template_too_complex",
            PromptError::OutputTooLarge { .. } => "template_output_too_large",
            PromptError::TooLarge { .. } => "template_too_large",
            PromptError::UnknownTemplate { .. } => "template_unknown",
        }
    }
}

impl PromptError {
    /// The 1-based line the error points at, when known.
    pub fn line(&self) -> Option<u32> {
        match self {
            PromptError::Syntax { line, .. }
            | PromptError::UnknownVariable { line, .. }
            | PromptError::Render { line, .. }
            | PromptError::TooComplex { line, .. }
            | PromptError::OutputTooLarge { line } => *line,
            PromptError::UnknownTemplate { .. } | PromptError::TooLarge { .. } => None,
        }
    }

    /// The 1-based column the error points at, when known.
    pub fn column(&self) -> Option<u32> {
        match self {
            PromptError::Syntax { column, .. } | PromptError::UnknownVariable { column, .. } => {
                *column
            }
            PromptError::Render { .. }
            | PromptError::TooComplex { .. }
            | PromptError::OutputTooLarge { .. }
            | PromptError::TooLarge { .. }
            | PromptError::UnknownTemplate { .. } => None,
        }
    }

    /// Converts a minijinja error, locating it in `source` (the template that failed).
    pub(crate) fn from_minijinja(err: &minijinja::Error, source: &str) -> Self {
        use minijinja::ErrorKind;

        let (line, column) = locate(err, source);
        let detail = err.detail().unwrap_or_default();
        let message = if detail.is_empty() {
            err.kind().to_string()
        } else {
            format!("{}: {detail}", err.kind())
        };
        match err.kind() {
            ErrorKind::SyntaxError | ErrorKind::BadEscape | ErrorKind::InvalidDelimiter => {
                PromptError::Syntax {
                    message,
                    line,
                    column,
                }
            }
            ErrorKind::UndefinedError => {
                let name = backticked(detail)
                    .map(str::to_owned)
                    .or_else(|| {
                        err.range()
                            .and_then(|r| source.get(r))
                            .map(|s| s.trim().to_owned())
                    })
                    .filter(|n| !n.is_empty());
                match name {
                    Some(name) => PromptError::UnknownVariable { name, line, column },
                    None => PromptError::Render { message, line },
                }
            }
            ErrorKind::OutOfFuel if detail.starts_with(super::sandbox::OUTPUT_LIMIT) => {
                PromptError::OutputTooLarge { line }
            }
            ErrorKind::OutOfFuel => PromptError::TooComplex {
                line,
                reason: if detail.is_empty() {
                    format!("more than {} steps", super::TEMPLATE_FUEL)
                } else {
                    detail.to_owned()
                },
            },
            _ => PromptError::Render { message, line },
        }
    }
}

/// The first `` `quoted` `` part of a minijinja detail message.
fn backticked(detail: &str) -> Option<&str> {
    let start = detail.find('`')? + 1;
    let len = detail.get(start..)?.find('`')?;
    detail.get(start..start + len)
}

/// Line and column of a minijinja error: from its byte range when it has one (debug mode), else
/// its line only.
fn locate(err: &minijinja::Error, source: &str) -> (Option<u32>, Option<u32>) {
    match err.range() {
        Some(range) => {
            let (line, column) = line_column(source, range.start);
            (Some(line), Some(column))
        }
        None => (err.line().map(to_u32), None),
    }
}

/// 1-based line and column (in chars) of byte offset `offset` in `source`. Offsets past the end
/// point just after the last char; offsets inside a char snap to its start.
pub(crate) fn line_column(source: &str, offset: usize) -> (u32, u32) {
    let (offset, _) = crate::span::snap(source, offset, offset);
    let before = source.get(..offset).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).unwrap_or_default().chars().count() + 1;
    (to_u32(line), to_u32(column))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl fmt::Display for PromptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PromptError::Syntax { message, .. } => write!(f, "template {message}")?,
            PromptError::UnknownVariable { name, .. } => {
                write!(f, "template uses an undefined variable `{name}`")?;
            }
            PromptError::Render { message, .. } => {
                write!(f, "template could not be rendered: {message}")?;
            }
            PromptError::TooComplex { reason, .. } => write!(
                f,
                "template exceeded a render limit ({reason}); simplify it"
            )?,
            PromptError::OutputTooLarge { .. } => write!(
                f,
                "template wrote more than {} bytes; rendering stopped",
                super::MAX_RENDERED_BYTES
            )?,
            PromptError::TooLarge { bytes } => {
                return write!(
                    f,
                    "template is {bytes} bytes long; at most {} are accepted",
                    super::MAX_TEMPLATE_BYTES
                );
            }
            PromptError::UnknownTemplate { name } => {
                return write!(
                    f,
                    "unknown built-in template `{name}` (known: {})",
                    super::templates::builtin_names().join(", ")
                );
            }
        }
        write_location(f, self.line(), self.column())
    }
}

fn write_location(
    f: &mut fmt::Formatter<'_>,
    line: Option<u32>,
    column: Option<u32>,
) -> fmt::Result {
    match (line, column) {
        (Some(l), Some(c)) => write!(f, " (line {l}, column {c})"),
        (Some(l), None) => write!(f, " (line {l})"),
        _ => Ok(()),
    }
}

impl std::error::Error for PromptError {}

impl Serialize for PromptError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("message", &self.to_string())?;
        if let PromptError::UnknownVariable { name, .. } = self {
            map.serialize_entry("name", name)?;
        }
        if let Some(line) = self.line() {
            map.serialize_entry("line", &line)?;
        }
        if let Some(column) = self.column() {
            map.serialize_entry("column", &column)?;
        }
        map.end()
    }
}

/// Why a model's answer could not be read as a [`super::Completion`]. None of these is worth
/// retrying with the same text; retrying the *request* (or a repair prompt) may help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompletionError {
    /// The answer is empty or whitespace (also after removing a BOM or empty code fence).
    Empty,
    /// The answer contains no `{` at all: the model wrote prose instead of JSON.
    NoJson,
    /// The answer contains an object that is not valid JSON even after the safe repairs
    /// (truncated output, unquoted keys…). Position is in the original answer text.
    InvalidJson {
        /// The JSON parser's message.
        message: String,
        /// 1-based line in the answer.
        line: u32,
        /// 1-based column (chars) in the answer.
        column: u32,
    },
    /// Valid JSON of the wrong shape: a field of the wrong type, or no content field at all.
    Schema {
        /// JSON pointer to the offending value (`/bullets/2`; `""` for the whole object).
        path: String,
        /// What was expected.
        message: String,
    },
}

impl ErrorCode for CompletionError {
    fn code(&self) -> &'static str {
        match self {
            CompletionError::Empty => "completion_empty",
            CompletionError::NoJson => "completion_no_json",
            CompletionError::InvalidJson { .. } => "completion_invalid_json",
            CompletionError::Schema { .. } => "completion_schema",
        }
    }
}

impl fmt::Display for CompletionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompletionError::Empty => f.write_str("the model's answer is empty"),
            CompletionError::NoJson => f.write_str("the model's answer contains no JSON object"),
            CompletionError::InvalidJson {
                message,
                line,
                column,
            } => write!(
                f,
                "the model's answer is not valid JSON: {message} (line {line}, column {column})"
            ),
            CompletionError::Schema { path, message } if path.is_empty() => {
                write!(f, "the model's answer has the wrong shape: {message}")
            }
            CompletionError::Schema { path, message } => {
                write!(
                    f,
                    "the model's answer has the wrong shape at {path}: {message}"
                )
            }
        }
    }
}

impl std::error::Error for CompletionError {}

impl Serialize for CompletionError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("message", &self.to_string())?;
        match self {
            CompletionError::InvalidJson { line, column, .. } => {
                map.serialize_entry("line", line)?;
                map.serialize_entry("column", column)?;
            }
            CompletionError::Schema { path, .. } => map.serialize_entry("path", path)?,
            CompletionError::Empty | CompletionError::NoJson => {}
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_chars_not_bytes() {
        let src = "ab\néé{{ x }}";
        let offset = src.find("{{").unwrap();
        assert_eq!(line_column(src, offset), (2, 3));
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 999), (2, 10));
        // Inside the 2-byte 'é': snaps to its start.
        assert_eq!(line_column(src, 4), (2, 1));
    }

    #[test]
    fn codes_are_stable() {
        let cases: Vec<(Box<dyn ErrorCode>, &str)> = vec![
            (
                Box::new(PromptError::Syntax {
                    message: String::new(),
                    line: None,
                    column: None,
                }),
                "template_syntax",
            ),
            (
                Box::new(PromptError::UnknownVariable {
                    name: "x".into(),
                    line: None,
                    column: None,
                }),
                "template_unknown_variable",
            ),
            (
                Box::new(PromptError::Render {
                    message: String::new(),
                    line: None,
                }),
                "template_render",
            ),
            (
                Box::new(PromptError::UnknownTemplate { name: "x".into() }),
                "template_unknown",
            ),
            (Box::new(CompletionError::Empty), "completion_empty"),
            (Box::new(CompletionError::NoJson), "completion_no_json"),
            (
                Box::new(CompletionError::InvalidJson {
                    message: String::new(),
                    line: 1,
                    column: 1,
                }),
                "completion_invalid_json",
            ),
            (
                Box::new(CompletionError::Schema {
                    path: String::new(),
                    message: String::new(),
                }),
                "completion_schema",
            ),
        ];
        for (err, code) in cases {
            assert_eq!(err.code(), code);
        }
    }

    #[test]
    fn serializes_code_message_and_location() {
        let err = PromptError::UnknownVariable {
            name: "foo".into(),
            line: Some(3),
            column: Some(7),
        };
        let v = serde_json::to_value(&err).unwrap();
        assert_eq!(v["code"], "template_unknown_variable");
        assert_eq!(v["line"], 3);
        assert_eq!(v["column"], 7);
        assert_eq!(v["name"], "foo");
        assert_eq!(
            v["message"],
            "template uses an undefined variable `foo` (line 3, column 7)"
        );

        let v = serde_json::to_value(PromptError::UnknownTemplate { name: "x".into() }).unwrap();
        assert!(v.get("line").is_none());
        assert!(v.get("column").is_none());

        let v = serde_json::to_value(CompletionError::Schema {
            path: "/bullets/0".into(),
            message: "expected a string".into(),
        })
        .unwrap();
        assert_eq!(v["code"], "completion_schema");
        assert_eq!(v["path"], "/bullets/0");
    }

    #[test]
    fn backticked_extracts_the_name() {
        assert_eq!(
            backticked("`product.nme` is undefined"),
            Some("product.nme")
        );
        assert_eq!(backticked("no name"), None);
        assert_eq!(backticked("`unterminated"), None);
    }
}
