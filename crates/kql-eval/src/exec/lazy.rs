//! Short-circuit evaluation of `and`, `or`, `iff`/`iif` and `case`: an operand is
//! computed only on the rows whose result depends on it.
//!
//! ```kql
//! T | where isnotempty(List) and array_index_of(List, "x") >= 0
//! ```
//! evaluates `array_index_of` only where `List` is not empty, as Kusto's result depends
//! on nothing else there; a function that would refuse an input the condition rules
//! out then never sees it. The other rows get a null placeholder, which the combining
//! function never picks.

use std::sync::Arc;

use kql_parser::ast::ScalarType;

use super::{EvalError, Executor, eval_scalar};
use crate::functions::{Datum, ScalarCall, ScalarFunction};
use crate::plan::ScalarExpr;
use crate::table::Column;
use crate::value::Value;

/// Evaluates a call of `and`, `or`, `iff`, `iif` or `case` lazily; `None` for other
/// functions.
pub(super) fn eval_lazy(
    exec: &mut Executor<'_>,
    function: &'static ScalarFunction,
    args: &[ScalarExpr],
    out: ScalarType,
    columns: &[Arc<Column>],
    rows: usize,
) -> Option<Result<Datum, EvalError>> {
    if !matches!(function.name, "and" | "or" | "iff" | "iif" | "case") || rows == 0 {
        return None;
    }
    Some(evaluate(exec, function, args, out, columns, rows))
}

fn evaluate(
    exec: &mut Executor<'_>,
    function: &'static ScalarFunction,
    args: &[ScalarExpr],
    out: ScalarType,
    columns: &[Arc<Column>],
    rows: usize,
) -> Result<Datum, EvalError> {
    let all: Vec<u32> = (0..rows as u32).collect();
    let mut values: Vec<Datum> = Vec::with_capacity(args.len());
    match function.name {
        // `a and b` needs b where a is not false; `a or b` where a is not true.
        "and" | "or" => {
            let settled = function.name == "or";
            let first = eval_scalar(exec, &args[0], columns, rows)?;
            let need = rows_where(&first, &all, |b| b != Some(settled));
            values.push(first);
            values.push(eval_on(exec, &args[1], columns, rows, &need)?);
        }
        // `iff(c, t, e)`: t where c is true, e elsewhere.
        "iff" | "iif" => {
            let cond = eval_scalar(exec, &args[0], columns, rows)?;
            let then_rows = rows_where(&cond, &all, |b| b == Some(true));
            let else_rows = rows_where(&cond, &all, |b| b != Some(true));
            values.push(cond);
            values.push(eval_on(exec, &args[1], columns, rows, &then_rows)?);
            values.push(eval_on(exec, &args[2], columns, rows, &else_rows)?);
        }
        // `case(p1, v1, ..., else)`: each predicate only on rows no earlier one took.
        _ => {
            let mut remaining = all;
            let last = args.len() - 1;
            for pair in args[..last].chunks(2) {
                let [predicate, value] = pair else {
                    return Err(EvalError::Internal("case() without a value".into()));
                };
                let p = eval_on(exec, predicate, columns, rows, &remaining)?;
                let taken = rows_where(&p, &remaining, |b| b == Some(true));
                remaining = rows_where(&p, &remaining, |b| b != Some(true));
                values.push(p);
                values.push(eval_on(exec, value, columns, rows, &taken)?);
            }
            values.push(eval_on(exec, &args[last], columns, rows, &remaining)?);
        }
    }
    let types: Vec<ScalarType> = args.iter().map(|a| a.ty).collect();
    let call = ScalarCall {
        function,
        args: &values,
        types: &types,
        rows,
        out,
        ctx: &exec.ctx,
    };
    (function.eval)(&call)
}

/// The rows among `candidates` whose boolean value passes `keep`.
fn rows_where(datum: &Datum, candidates: &[u32], keep: impl Fn(Option<bool>) -> bool) -> Vec<u32> {
    match datum {
        Datum::Scalar(v) => {
            if keep(as_bool(v)) {
                candidates.to_vec()
            } else {
                Vec::new()
            }
        }
        Datum::Column(c) => candidates
            .iter()
            .copied()
            .filter(|&r| keep(as_bool(&c.get(r as usize))))
            .collect(),
    }
}

fn as_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Dynamic(d) => d.as_bool(),
        _ => None,
    }
}

/// Evaluates `expr` on the rows `on` only; the result has `rows` rows, null elsewhere.
fn eval_on(
    exec: &mut Executor<'_>,
    expr: &ScalarExpr,
    columns: &[Arc<Column>],
    rows: usize,
    on: &[u32],
) -> Result<Datum, EvalError> {
    if on.len() == rows {
        return eval_scalar(exec, expr, columns, rows);
    }
    if on.is_empty() {
        return Ok(Datum::Scalar(Value::Null));
    }
    // Only the columns the expression reads need narrowing; the others are never read.
    let mut narrowed: Vec<Arc<Column>> = columns.to_vec();
    let mut used = vec![false; columns.len()];
    expr.for_each_column(&mut |c| {
        if let Some(u) = used.get_mut(c) {
            *u = true;
        }
    });
    for (i, column) in narrowed.iter_mut().enumerate() {
        if used[i] {
            *column = Arc::new(column.gather(on));
        }
    }
    let sub = eval_scalar(exec, expr, &narrowed, on.len())?;
    if let Datum::Scalar(_) = sub {
        // A constant is the same on every row: the placeholder rows never matter.
        return Ok(sub);
    }
    let sub = sub.into_column(expr.ty, on.len())?;
    let mut positions: Vec<Option<u32>> = vec![None; rows];
    for (k, &r) in on.iter().enumerate() {
        positions[r as usize] = Some(k as u32);
    }
    Ok(Datum::Column(Arc::new(sub.gather_opt(&positions))))
}
