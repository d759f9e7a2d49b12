//! Warnings: queries a Kusto engine accepts that are probably not what the author meant.
//! They never stop `kql run`; `kql check` reports them (exit code 0 if there is nothing
//! else).
//!
//! ```text
//! CloudAppEvents | where RawEventData == "x"    // kql::check::dynamic_equality
//! EmailEvents | where Subject has "@"           // kql::check::has_not_a_term
//! let unused = 1h; EmailEvents | take 1         // kql::check::unused_let
//! ```
//!
//! They are kept conservative: a false warning on a correct hunting query is noise.

use std::collections::HashMap;

use kql_parser::ast::visit::{Visitor, walk_expr};
use kql_parser::ast::{Expr, ExprKind, Ident, ScalarType, Script, Span, StatementKind};
use miette::Diagnostic;
use thiserror::Error;

use crate::plan::{ScalarExpr, ScalarKind};
use crate::value::Value;

/// A probable mistake in a query that Kusto accepts.
#[derive(Debug, Clone, Error, Diagnostic)]
pub enum CheckWarning {
    /// `where AdditionalFields == "x"`: a table's dynamic column (typically a bag or an
    /// array) equals a string only when it holds exactly that string. Computed dynamic
    /// values (`parse_json(x).a`, an `mv-expand`ed element) usually hold plain values and
    /// are not reported.
    #[error("`{op}` on the dynamic column `{column}` compares dynamic values, not text")]
    #[diagnostic(
        code(kql::check::dynamic_equality),
        severity(Warning),
        help(
            "convert it first (`tostring({column}) {op} ...`), or search it with `has` / `contains`; for an array use `set_has_element({column}, ...)`"
        )
    )]
    DynamicEquality {
        op: String,
        column: String,
        #[label("dynamic column")]
        span: Span,
    },
    /// `where Subject has "@"`: terms are runs of ASCII letters and digits, and this
    /// needle has none, so it is not a term search.
    #[error("`{op}` looks for whole terms (runs of letters and digits), but {needle:?} has none")]
    #[diagnostic(
        code(kql::check::has_not_a_term),
        severity(Warning),
        help("to find this text anywhere in the value, use `contains {needle:?}`")
    )]
    HasNotATerm {
        op: String,
        needle: String,
        #[label("not a term")]
        span: Span,
    },
    /// `let window = 1h; EmailEvents | take 1`
    #[error("`{name}` is defined but never used")]
    #[diagnostic(
        code(kql::check::unused_let),
        severity(Warning),
        help("remove the `let`, or use `{name}` where it was meant to go")
    )]
    UnusedLet {
        name: String,
        #[label("never used")]
        span: Span,
    },
}

impl CheckWarning {
    /// The primary span.
    pub fn span(&self) -> Span {
        match self {
            CheckWarning::DynamicEquality { span, .. }
            | CheckWarning::HasNotATerm { span, .. }
            | CheckWarning::UnusedLet { span, .. } => *span,
        }
    }
}

/// The warning a bound call deserves, if any: `==`/`!=` with an operand that is a
/// table's dynamic column (`column_name` gives its name, `None` for other columns),
/// `has`-family operators with a literal needle that holds no term.
pub(crate) fn call_warning(
    name: &str,
    args: &[ScalarExpr],
    column_name: impl Fn(usize) -> Option<String>,
) -> Option<CheckWarning> {
    match name {
        "==" | "!=" => args.iter().find_map(|arg| match arg.kind {
            ScalarKind::Column(index) if arg.ty == ScalarType::Dynamic => {
                Some(CheckWarning::DynamicEquality {
                    op: name.to_string(),
                    column: column_name(index)?,
                    span: arg.span,
                })
            }
            _ => None,
        }),
        "has" | "!has" | "has_cs" | "!has_cs" => {
            let needle = args.get(1)?;
            let ScalarKind::Literal(Value::String(text)) = &needle.kind else {
                return None;
            };
            // An empty needle is left alone: Kusto's `has ""` has its own meaning.
            let text: &str = text;
            let no_term = !text.is_empty() && !text.chars().any(|c| c.is_ascii_alphanumeric());
            no_term.then(|| CheckWarning::HasNotATerm {
                op: name.to_string(),
                needle: text.to_string(),
                span: needle.span,
            })
        }
        _ => None,
    }
}

/// Top-level `let`s whose name appears nowhere after their definition.
///
/// A name counts as used wherever it appears as an identifier (a column of the same name
/// counts too), so this never warns about a `let` that is used.
pub(crate) fn unused_lets(script: &Script) -> Vec<CheckWarning> {
    let mut uses = NameUses::default();
    uses.visit_script(script);
    let mut warnings = Vec::new();
    for statement in &script.statements {
        let StatementKind::Let(let_) = &statement.kind else {
            continue;
        };
        let used = uses
            .spans
            .get(let_.name.name.as_str())
            .is_some_and(|spans| spans.iter().any(|span| span.start >= let_.name.span.end));
        if !used {
            warnings.push(CheckWarning::UnusedLet {
                name: let_.name.name.to_string(),
                span: let_.name.span,
            });
        }
    }
    warnings
}

/// Every identifier of a script, by name, with where it occurs.
#[derive(Default)]
struct NameUses {
    spans: HashMap<String, Vec<Span>>,
}

impl<'a> Visitor<'a> for NameUses {
    fn visit_ident(&mut self, ident: &'a Ident) {
        self.spans
            .entry(ident.name.to_string())
            .or_default()
            .push(ident.span);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match &expr.kind {
            ExprKind::Name(ident) => self.visit_ident(ident),
            ExprKind::Call { name, .. } => self.visit_ident(name),
            // `table("name")`, `view`: a let named by a string.
            ExprKind::Literal(kql_parser::ast::Literal::String(s)) => {
                self.spans
                    .entry(s.value.clone())
                    .or_default()
                    .push(expr.span);
            }
            _ => {}
        }
        walk_expr(self, expr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unused(text: &str) -> Vec<String> {
        let script = kql_parser::parse(text).unwrap();
        unused_lets(&script)
            .into_iter()
            .map(|w| match w {
                CheckWarning::UnusedLet { name, .. } => name,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn lets_used_anywhere_later_are_not_reported() {
        assert_eq!(unused("let a = 1; let b = 2; print a"), ["b"]);
        assert!(unused("let f = (x:long) { x + 1 }; print f(1)").is_empty());
        assert!(unused("let T = datatable(a:long)[1]; T | where a > 0").is_empty());
        assert!(unused("let a = 1; let b = a; print b").is_empty());
        // Used only by itself: still unused.
        assert_eq!(unused("let a = 1; print 2"), ["a"]);
    }
}
