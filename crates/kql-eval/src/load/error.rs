//! Loader errors: every one names the file, and where a record is at fault its line
//! (and column where the format has one), the field, the offending value and the type
//! that was expected.
//!
//! ```text
//! Error: kql::load::bad_value
//!   × events.jsonl:3:14: field `UrlCount`: cannot convert "three" to int
//!   help: expected a whole number (int is 32-bit), or null / an empty field for null
//! ```

use std::fmt;

use kql_parser::ast::ScalarType;
use miette::Diagnostic;
use thiserror::Error;

/// Where in a file a problem is: `path:line` or `path:line:column` (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: String,
    pub line: usize,
    pub column: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) => write!(f, "{}:{}:{}", self.path, self.line, c),
            None => write!(f, "{}:{}", self.path, self.line),
        }
    }
}

/// A file could not be loaded into a table.
#[derive(Debug, Error, Diagnostic)]
pub enum LoadError {
    /// The file cannot be opened or read.
    #[error("cannot read {path}: {source}")]
    #[diagnostic(
        code(kql::load::io),
        help("check that the file exists and is readable")
    )]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// `{"a": 1,}` or a JSONL line that is not one JSON object.
    #[error("{at}: invalid JSON: {message}")]
    #[diagnostic(
        code(kql::load::json_syntax),
        help(
            "a .json file holds an array of objects (or a Defender API response); a .jsonl file holds one object per line"
        )
    )]
    JsonSyntax { at: Location, message: String },
    /// A CSV record with a different number of fields than the header.
    #[error("{at}: invalid CSV: {message}")]
    #[diagnostic(
        code(kql::load::csv_syntax),
        help(
            "every record needs as many fields as the header; quote fields that hold commas, quotes or newlines"
        )
    )]
    CsvSyntax { at: Location, message: String },
    /// A value that cannot be converted to its column's type.
    #[error("{at}: field `{field}`: cannot convert {value} to {expected}")]
    #[diagnostic(code(kql::load::bad_value))]
    BadValue {
        at: Location,
        field: String,
        value: String,
        expected: ScalarType,
        #[help]
        help: String,
    },
    /// `{"a": 1, "a": 2}`.
    #[error("{at}: field `{field}` appears twice in one record")]
    #[diagnostic(
        code(kql::load::duplicate_field),
        help(
            "`Timestamp` and `TimeGenerated` count as the same field when the schema has only one of them"
        )
    )]
    DuplicateField { at: Location, field: String },
    /// Two header cells with the same name (after dropping ` [UTC]`-style suffixes).
    #[error("{at}: column `{column}` appears twice in the header")]
    #[diagnostic(code(kql::load::duplicate_column), help("rename one of the columns"))]
    DuplicateColumn { at: Location, column: String },
    /// A CSV header row that names none of the table's columns.
    #[error("{at}: the header names none of the table's columns (its first cell is {first})")]
    #[diagnostic(
        code(kql::load::wrong_header),
        help(
            "the first line of a CSV file is its header, naming the columns (such as {expected}); add one, or load the file as the table it belongs to"
        )
    )]
    WrongHeader {
        at: Location,
        first: String,
        expected: String,
    },
    /// Text that is not UTF-8.
    #[error("{at}: field `{field}` is not valid UTF-8")]
    #[diagnostic(code(kql::load::utf8), help("save the file as UTF-8"))]
    Utf8 { at: Location, field: String },
    /// A file whose overall shape is not a table (a JSON number, an API response
    /// without a usable schema, ...).
    #[error("{path}: {message}")]
    #[diagnostic(
        code(kql::load::format),
        help(
            "supported: CSV with a header row, JSON arrays of objects, JSONL, and Defender API responses {{\"Schema\": [...], \"Results\": [...]}}"
        )
    )]
    Format { path: String, message: String },
}

impl LoadError {
    /// The place the error names, when it names one inside the file.
    pub fn location(&self) -> Option<&Location> {
        match self {
            LoadError::JsonSyntax { at, .. }
            | LoadError::CsvSyntax { at, .. }
            | LoadError::BadValue { at, .. }
            | LoadError::DuplicateField { at, .. }
            | LoadError::Utf8 { at, .. }
            | LoadError::DuplicateColumn { at, .. }
            | LoadError::WrongHeader { at, .. } => Some(at),
            _ => None,
        }
    }

    pub(crate) fn location_mut(&mut self) -> Option<&mut Location> {
        match self {
            LoadError::JsonSyntax { at, .. }
            | LoadError::CsvSyntax { at, .. }
            | LoadError::BadValue { at, .. }
            | LoadError::DuplicateField { at, .. }
            | LoadError::Utf8 { at, .. }
            | LoadError::DuplicateColumn { at, .. }
            | LoadError::WrongHeader { at, .. } => Some(at),
            _ => None,
        }
    }
}

/// Help text for a value that does not convert to `ty`.
pub(crate) fn conversion_help(ty: ScalarType) -> String {
    let what = match ty {
        ScalarType::Bool => "expected true or false (or 1 / 0)",
        ScalarType::Int => "expected a whole number (int is 32-bit)",
        ScalarType::Long => "expected a whole number (long is 64-bit)",
        ScalarType::Real => "expected a number such as 1.5, 1e-3, NaN or Infinity",
        ScalarType::Decimal => "expected a decimal number such as 12.50",
        ScalarType::DateTime => {
            "expected a datetime such as 2026-05-09T12:00:00Z (ISO 8601, RFC 822/850 and the Log Analytics export form `5/9/2026, 12:00:00.000 PM` are read)"
        }
        ScalarType::TimeSpan => "expected a timespan [-][d.]hh:mm:ss[.fffffff] such as 01:30:00",
        ScalarType::Guid => "expected a guid such as 74be27de-1e4e-49d9-b579-fe0b331d3642",
        ScalarType::String | ScalarType::Dynamic => "expected text",
    };
    format!(
        "{what}, or null / an empty field for null; or declare the column with another type in the schema"
    )
}

/// A value shown in a message: strings quoted and escaped, long text shortened.
pub(crate) fn show_value(text: &str, quoted: bool) -> String {
    const MAX: usize = 80;
    let short: String = text.chars().take(MAX).collect();
    let ellipsis = if text.chars().nth(MAX).is_some() {
        "…"
    } else {
        ""
    };
    if quoted {
        let mut s = String::new();
        crate::value::json_text::push_json_string(&mut s, &short);
        if !ellipsis.is_empty() {
            s.pop();
            s.push_str(ellipsis);
            s.push('"');
        }
        s
    } else {
        format!("{short}{ellipsis}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_place() {
        let e = LoadError::BadValue {
            at: Location {
                path: "events.jsonl".into(),
                line: 3,
                column: Some(14),
            },
            field: "UrlCount".into(),
            value: show_value("three", true),
            expected: ScalarType::Int,
            help: conversion_help(ScalarType::Int),
        };
        assert_eq!(
            e.to_string(),
            "events.jsonl:3:14: field `UrlCount`: cannot convert \"three\" to int"
        );
        assert_eq!(
            e.code().map(|c| c.to_string()).as_deref(),
            Some("kql::load::bad_value")
        );
        assert!(e.help().is_some_and(|h| h.to_string().contains("32-bit")));
    }

    #[test]
    fn long_values_are_shortened() {
        let long = "x".repeat(200);
        let shown = show_value(&long, true);
        assert_eq!(shown.chars().count(), 83);
        assert!(shown.ends_with("…\""));
        assert_eq!(show_value("a\"b", true), "\"a\\\"b\"");
    }
}
