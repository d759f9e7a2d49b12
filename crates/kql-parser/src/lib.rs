//! KQL source text to a spanned AST.
//!
//! ```
//! use kql_parser::ast::{ExprKind, StatementKind};
//!
//! let script = kql_parser::parse("EmailEvents | where Timestamp > ago(4hrs) | count").unwrap();
//! let StatementKind::Query(query) = &script.statements[0].kind else { unreachable!() };
//! assert!(matches!(query.kind, ExprKind::Pipe { .. }));
//!
//! // `Display` prints canonical KQL, which parses back to the same AST.
//! let text = script.to_string();
//! assert_eq!(text, "EmailEvents\n| where Timestamp > ago(4h)\n| count\n");
//! assert_eq!(kql_parser::parse(&text).unwrap(), script);
//!
//! // Errors are miette diagnostics with stable codes and spans.
//! let errors = kql_parser::parse("EmailEvents | extnd x = 1").unwrap_err();
//! assert_eq!(errors.errors[0].code_str(), "kql::parse::unknown_operator");
//! ```
//!
//! | stage | module | input → output |
//! |---|---|---|
//! | lexing | `lexer` (private) | text → tokens with byte spans |
//! | parsing | `parser` (private) | tokens → [`ast::Script`], [`ParseError`]s |
//! | printing | `print` (private) | `Display` for the AST → canonical KQL |
//! | walking | [`ast::visit`] | a visitor over every node |
//! | dumping | [`ast::dump`] | AST → indented tree with spans |
//! | literals | [`literal`] | datetime / timespan / guid / string text ↔ values |
//! | formatting | [`format()`], [`comments`] | text → canonical text with its `//` comments kept |
#![forbid(unsafe_code)]

pub mod ast;
mod error;
mod format;
mod lexer;
pub mod literal;
mod parser;
mod print;

pub use error::{Expected, ParseError, ParseErrors};
pub use format::{Comment, FormatError, comments, format};
pub use parser::MAX_DEPTH;

use ast::{Expr, Script};

/// Parses a KQL script: statements separated by `;`.
///
/// Fails with every syntax error found (the parser recovers at the next pipeline step
/// or statement to look for more).
pub fn parse(src: &str) -> Result<Script, ParseErrors> {
    let (script, errors) = parser::parse_script(src);
    if errors.is_empty() {
        Ok(script)
    } else {
        Err(ParseErrors { errors })
    }
}

/// Parses a script and returns what could be parsed along with every error: statements
/// that failed are left out, and pipeline steps that failed are dropped from their
/// pipeline.
pub fn parse_recovering(src: &str) -> (Script, Vec<ParseError>) {
    parser::parse_script(src)
}

/// Parses one expression, scalar (`a + 1`) or tabular (`T | where x`), spanning all of
/// `src`.
pub fn parse_expr(src: &str) -> Result<Expr, ParseErrors> {
    parser::parse_expression(src).map_err(|errors| ParseErrors { errors })
}
