//! Syntax errors: miette diagnostics with a stable code, the span of the offending token,
//! what was expected there and, where one helps, a hint.
//!
//! Every variant's doc shows a tiny input that triggers it.

use std::fmt;

use miette::Diagnostic;
use thiserror::Error;

use crate::ast::Span;

/// What the parser was looking for when it met something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// A scalar or tabular expression: `T | where` .
    Expression,
    /// A tabular operator after `|`: `T | 42`.
    Operator,
    /// A name (column, table, parameter): `T | project-rename = A`.
    Name,
    /// A scalar type name: `datatable(a:) []`.
    TypeName,
    /// `;` or the end of the script after a complete statement: `T | take 1 T`.
    StatementEnd,
    /// A specific token or keyword, already quoted: "`)`", "`by`", "`on`".
    Token(&'static str),
    /// One of several tokens or keywords, already quoted and joined: "`,` or `)`".
    OneOf(&'static str),
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Expression => f.write_str("an expression"),
            Expected::Operator => f.write_str("a tabular operator"),
            Expected::Name => f.write_str("a name"),
            Expected::TypeName => f.write_str("a type name"),
            Expected::StatementEnd => f.write_str("`;` or the end of the query"),
            Expected::Token(t) | Expected::OneOf(t) => f.write_str(t),
        }
    }
}

/// One syntax error.
#[derive(Debug, Clone, Error, Diagnostic)]
pub enum ParseError {
    /// The parser met a token that cannot come next.
    ///
    /// ```kql
    /// T | where          // expected an expression, found end of input
    /// T | take 1 T       // expected `;` or the end of the query, found a name
    /// ```
    #[error("expected {expected}, found {found}")]
    #[diagnostic(code(kql::parse::unexpected_token))]
    Unexpected {
        expected: Expected,
        found: String,
        #[label("expected {expected}")]
        span: Span,
        #[help]
        help: Option<String>,
    },

    /// A bracket was opened and never closed.
    ///
    /// ```kql
    /// print strcat("a", "b"
    /// ```
    #[error("unclosed `{delimiter}`: expected `{closer}`, found {found}")]
    #[diagnostic(code(kql::parse::unclosed_delimiter))]
    Unclosed {
        delimiter: char,
        closer: char,
        found: String,
        #[label("opened here")]
        open: Span,
        #[label("expected `{closer}`")]
        span: Span,
    },

    /// The word after `|` is not a tabular operator.
    ///
    /// ```kql
    /// T | extnd x = 1    // did you mean `extend`?
    /// ```
    #[error("unknown tabular operator `{name}`")]
    #[diagnostic(code(kql::parse::unknown_operator))]
    UnknownOperator {
        name: String,
        #[label("not an operator")]
        span: Span,
        #[help]
        help: Option<String>,
    },

    /// A `kind=` value that the operator does not know.
    ///
    /// ```kql
    /// T | join kind=lefouter (U) on Key
    /// ```
    #[error("unknown {what} kind `{name}`")]
    #[diagnostic(code(kql::parse::unknown_kind))]
    UnknownKind {
        what: &'static str,
        name: String,
        #[label("unknown kind")]
        span: Span,
        #[help]
        help: Option<String>,
    },

    /// A type name that Kusto does not have.
    ///
    /// ```kql
    /// datatable(Name:strng) ["a"]
    /// ```
    #[error("unknown type `{name}`")]
    #[diagnostic(code(kql::parse::unknown_type))]
    UnknownType {
        name: String,
        #[label("not a type")]
        span: Span,
        #[help]
        help: Option<String>,
    },

    /// A string literal without its closing quote.
    ///
    /// ```kql
    /// print "abc
    /// ```
    #[error("unterminated string literal")]
    #[diagnostic(
        code(kql::parse::unterminated_string),
        help(
            "close the string with the quote it starts with; a string cannot span lines (use ``` for multi-line text)"
        )
    )]
    UnterminatedString {
        #[label("string starts here")]
        span: Span,
    },

    /// A backslash escape that Kusto does not define.
    ///
    /// ```kql
    /// print "C:\dir"
    /// ```
    #[error("invalid escape sequence `{sequence}`")]
    #[diagnostic(
        code(kql::parse::invalid_escape),
        help("write `\\\\` for a backslash, or use a verbatim string: @\"C:\\dir\"")
    )]
    InvalidEscape {
        sequence: String,
        #[label("invalid escape")]
        span: Span,
    },

    /// A number that is malformed, too large, or followed by letters that are not a
    /// timespan unit.
    ///
    /// ```kql
    /// print 99999999999999999999, 3x, 2w
    /// ```
    #[error("invalid number: {reason}")]
    #[diagnostic(code(kql::parse::invalid_number))]
    InvalidNumber {
        reason: String,
        #[label("here")]
        span: Span,
        #[help]
        help: Option<String>,
    },

    /// A typed literal whose text does not denote a value of its type.
    ///
    /// ```kql
    /// print datetime(2020-13-45), timespan(3 weeks), guid(xyz), long(1.5)
    /// ```
    #[error("invalid {ty} literal: {reason}")]
    #[diagnostic(code(kql::parse::invalid_literal))]
    InvalidLiteral {
        ty: &'static str,
        reason: String,
        #[label("invalid {ty}")]
        span: Span,
        #[help]
        help: Option<String>,
    },

    /// A character that cannot start any token.
    ///
    /// ```kql
    /// print 1 # 2
    /// ```
    #[error("unexpected character `{ch}`")]
    #[diagnostic(code(kql::parse::unexpected_character))]
    UnexpectedCharacter {
        ch: char,
        #[label("not valid here")]
        span: Span,
    },

    /// Brackets or operators nested deeper than the parser allows; this guards the stack.
    ///
    /// ```kql
    /// print ((((((((((... 1 ...))))))))))   // more than 256 levels
    /// ```
    #[error(
        "nesting too deep: brackets, operators or pipeline steps nest more than the parser allows"
    )]
    #[diagnostic(
        code(kql::parse::too_deep),
        help("the parser accepts up to {limit} levels; split the query with `let` statements")
    )]
    TooDeep {
        limit: usize,
        #[label("nesting limit reached here")]
        span: Span,
    },

    /// A construct that is recognised but not allowed where it appears.
    ///
    /// ```kql
    /// T | project-away A = 1      // project-away takes column names only
    /// ```
    #[error("{message}")]
    #[diagnostic(code(kql::parse::invalid_syntax))]
    Invalid {
        message: String,
        #[label("here")]
        span: Span,
        #[help]
        help: Option<String>,
    },
}

impl ParseError {
    /// The span of the offending text.
    pub fn span(&self) -> Span {
        match self {
            ParseError::Unexpected { span, .. }
            | ParseError::Unclosed { span, .. }
            | ParseError::UnknownOperator { span, .. }
            | ParseError::UnknownKind { span, .. }
            | ParseError::UnknownType { span, .. }
            | ParseError::UnterminatedString { span }
            | ParseError::InvalidEscape { span, .. }
            | ParseError::InvalidNumber { span, .. }
            | ParseError::InvalidLiteral { span, .. }
            | ParseError::UnexpectedCharacter { span, .. }
            | ParseError::TooDeep { span, .. }
            | ParseError::Invalid { span, .. } => *span,
        }
    }

    /// The stable diagnostic code, such as `kql::parse::unexpected_token`.
    pub fn code_str(&self) -> String {
        self.code().map(|c| c.to_string()).unwrap_or_default()
    }

    /// Whether two errors report the same thing at the same place (spans do not take part
    /// in `==` anywhere in this crate, so this compares them explicitly).
    pub(crate) fn same_as(&self, other: &ParseError) -> bool {
        let (a, b) = (self.span(), other.span());
        a.start == b.start && a.end == b.end && self.to_string() == other.to_string()
    }
}

/// One or more syntax errors in a script, in source order.
#[derive(Debug, Clone, Error)]
#[error("{}", summary(.errors))]
pub struct ParseErrors {
    pub errors: Vec<ParseError>,
}

fn summary(errors: &[ParseError]) -> String {
    match errors {
        [one] => one.to_string(),
        _ => format!("{} syntax errors", errors.len()),
    }
}

impl ParseErrors {
    pub fn iter(&self) -> std::slice::Iter<'_, ParseError> {
        self.errors.iter()
    }

    pub fn len(&self) -> usize {
        self.errors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }
}

impl<'a> IntoIterator for &'a ParseErrors {
    type Item = &'a ParseError;
    type IntoIter = std::slice::Iter<'a, ParseError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

/// With a single error, the diagnostic is that error; with several, a summary whose
/// `related` diagnostics are the errors.
impl Diagnostic for ParseErrors {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        match self.errors.as_slice() {
            [one] => one.code(),
            _ => Some(Box::new("kql::parse::errors")),
        }
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        match self.errors.as_slice() {
            [one] => one.help(),
            _ => None,
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        match self.errors.as_slice() {
            [one] => one.labels(),
            _ => None,
        }
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        match self.errors.as_slice() {
            [_] => None,
            errors => Some(Box::new(errors.iter().map(|e| e as &dyn Diagnostic))),
        }
    }
}

/// The closest candidate within a small edit distance, for "did you mean" hints.
pub(crate) fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = match word.len() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    };
    let lower = word.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&lower, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over bytes (the candidates are ASCII).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_pick_the_nearest_word() {
        let ops = ["extend", "project", "where", "summarize"];
        assert_eq!(did_you_mean("extnd", &ops), Some("extend"));
        assert_eq!(did_you_mean("summarise", &ops), Some("summarize"));
        assert_eq!(did_you_mean("Where", &ops), Some("where"));
        assert_eq!(did_you_mean("zzz", &ops), None);
    }
}
