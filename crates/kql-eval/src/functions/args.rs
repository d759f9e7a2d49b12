//! Arguments as functions see them, and helpers to implement a function row by row.

use std::sync::Arc;

use kql_parser::ast::ScalarType;

use super::ScalarCall;
use crate::exec::EvalError;
use crate::table::Column;
use crate::value::Value;

/// An evaluated argument: a constant (a literal, `now()`, a scalar `let`) or a column
/// with one value per row. Functions whose arguments are all constants return a
/// constant, which is how constant expressions fold.
#[derive(Debug, Clone)]
pub enum Datum {
    Scalar(Value),
    Column(Arc<Column>),
}

impl Datum {
    /// The value at `row` (a constant is the same at every row).
    pub fn value(&self, row: usize) -> Value {
        match self {
            Datum::Scalar(v) => v.clone(),
            Datum::Column(c) => c.get(row),
        }
    }

    pub fn as_scalar(&self) -> Option<&Value> {
        match self {
            Datum::Scalar(v) => Some(v),
            Datum::Column(_) => None,
        }
    }

    pub fn as_column(&self) -> Option<&Column> {
        match self {
            Datum::Scalar(_) => None,
            Datum::Column(c) => Some(c),
        }
    }

    /// A column of `rows` values, broadcasting a constant.
    pub fn into_column(self, ty: ScalarType, rows: usize) -> Result<Arc<Column>, EvalError> {
        match self {
            Datum::Column(c) => Ok(c),
            Datum::Scalar(v) => Ok(Arc::new(Column::from_values(
                ty,
                std::iter::repeat_n(v, rows),
            )?)),
        }
    }
}

/// What the binder knows of one argument: its type, and its value when constant.
#[derive(Debug, Clone, Copy)]
pub struct ArgInfo<'a> {
    pub ty: ScalarType,
    pub literal: Option<&'a Value>,
    /// The type named by a `typeof(T)` argument (`extract(re, 1, s, typeof(long))`).
    pub type_of: Option<ScalarType>,
}

/// Row-to-group assignment for aggregation: `ids[row]` is the row's group, in
/// `0..count`.
#[derive(Debug, Clone)]
pub struct GroupIds {
    pub ids: Vec<u32>,
    pub count: usize,
}

impl GroupIds {
    /// Everything in one group (a `summarize` without `by`).
    pub fn single(rows: usize) -> GroupIds {
        GroupIds {
            ids: vec![0; rows],
            count: 1,
        }
    }
}

/// Implements a function row by row: `f` gets one value per argument and returns the
/// result. When every argument is constant, `f` runs once and the result is constant.
///
/// This is the general path; hot functions have columnar implementations instead.
pub fn map_rows(
    call: &ScalarCall<'_>,
    f: impl Fn(&[Value]) -> Result<Value, EvalError>,
) -> Result<Datum, EvalError> {
    if call.args.iter().all(|a| matches!(a, Datum::Scalar(_))) {
        let values: Vec<Value> = call.args.iter().map(|a| a.value(0)).collect();
        return Ok(Datum::Scalar(f(&values)?));
    }
    let mut values = Vec::with_capacity(call.args.len());
    let mut out = Vec::with_capacity(call.rows);
    for row in 0..call.rows {
        values.clear();
        values.extend(call.args.iter().map(|a| a.value(row)));
        out.push(f(&values)?);
    }
    Ok(Datum::Column(Arc::new(Column::from_values(
        call.out,
        out.into_iter(),
    )?)))
}
