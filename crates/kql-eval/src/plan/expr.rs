//! Typed scalar and aggregate expressions.

use std::sync::Arc;

use kql_parser::ast::{ScalarType, Span};

use super::Plan;
use crate::functions::{AggregateFunction, ScalarFunction};
use crate::value::Value;

/// A scalar expression with its resolved type.
#[derive(Debug, Clone)]
pub struct ScalarExpr {
    pub kind: ScalarKind,
    pub ty: ScalarType,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ScalarKind {
    /// A constant: a literal, a scalar `let`, `now()`.
    Literal(Value),
    /// The input row's column at this index.
    Column(usize),
    /// A registry function or operator (`==`, `has`, `strcat`, `iff`, ...).
    Call {
        function: &'static ScalarFunction,
        args: Vec<ScalarExpr>,
    },
    /// `toscalar(T | ...)`: the first column of the first row, computed once per run.
    Subquery(Arc<Plan>),
    /// The values of a tabular expression's first column, as a dynamic array:
    /// the right side of `x in (T | project c)`.
    ColumnValues(Arc<Plan>),
}

impl ScalarExpr {
    pub fn literal(value: Value, ty: ScalarType, span: Span) -> ScalarExpr {
        ScalarExpr {
            kind: ScalarKind::Literal(value),
            ty,
            span,
        }
    }

    /// The constant value, when this expression is one.
    pub fn as_literal(&self) -> Option<&Value> {
        match &self.kind {
            ScalarKind::Literal(v) => Some(v),
            _ => None,
        }
    }

    /// The same expression reading column `f(i)` wherever it read column `i`.
    pub fn map_columns(&self, f: &dyn Fn(usize) -> usize) -> ScalarExpr {
        let kind = match &self.kind {
            ScalarKind::Column(i) => ScalarKind::Column(f(*i)),
            ScalarKind::Call { function, args } => ScalarKind::Call {
                function,
                args: args.iter().map(|a| a.map_columns(f)).collect(),
            },
            other => other.clone(),
        };
        ScalarExpr {
            kind,
            ty: self.ty,
            span: self.span,
        }
    }

    /// Visits the input column indexes this expression reads.
    pub fn for_each_column(&self, f: &mut dyn FnMut(usize)) {
        match &self.kind {
            ScalarKind::Column(i) => f(*i),
            ScalarKind::Call { args, .. } => args.iter().for_each(|a| a.for_each_column(f)),
            ScalarKind::Literal(_) | ScalarKind::Subquery(_) | ScalarKind::ColumnValues(_) => {}
        }
    }
}

/// An aggregate call inside `summarize`: `count()`, `max(OutboundCount)`, `arg_max(T, *)`.
#[derive(Debug, Clone)]
pub struct AggregateCall {
    pub function: &'static AggregateFunction,
    pub args: Vec<ScalarExpr>,
    /// The output columns this call produces (one for most aggregates, several for
    /// `arg_max(X, a, b)` / `arg_max(X, *)`), with their types.
    pub outputs: Vec<ScalarType>,
    /// For `arg_max`/`arg_min`: the input columns projected after the first output.
    pub extra_columns: Vec<usize>,
    pub span: Span,
}
