//! Window functions over a serialized row set: `row_number`, `prev`, `next`,
//! `row_cumsum`, `row_rank_min`, `row_rank_dense` (q/row-number-function.md,
//! q/prev-function.md, q/next-function.md, q/row-cumsum-function.md,
//! q/row-rank-min-function.md, q/row-rank-dense-function.md).
//!
//! ```kql
//! T | sort by Name asc, Month asc
//!   | extend Total = row_cumsum(Salary, Name != prev(Name)), N = row_number()
//! ```
//! Each call sees the whole input of its operator at once (the executor evaluates an
//! operator's expressions over all its rows, in order), so a row's neighbours are the
//! rows before and after it. The binder only allows these functions over a serialized
//! input (`sort`, `top`, `serialize`, `range`, and operators that keep their order).
//!
//! [U] A null `row_cumsum` term or a null rank term is refused at run time: the docs do
//! not say how nulls add up or rank.

use std::sync::Arc;

use kql_parser::ast::ScalarType;

use super::ops::convert;
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::table::{Column, ColumnBuilder, PrimitiveColumn};
use crate::value::Value;

/// The functions that need a serialized input (the binder checks it).
pub const NAMES: &[&str] = &[
    "row_number",
    "prev",
    "next",
    "row_cumsum",
    "row_rank_min",
    "row_rank_dense",
];

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    ScalarFunction {
        name: "row_number",
        min_args: 0,
        max_args: 2,
        return_type: row_number_type,
        eval: row_number,
        doc: "the row's 1-based index in a serialized row set; restarts where the predicate is true",
    },
    ScalarFunction {
        name: "prev",
        min_args: 1,
        max_args: 3,
        return_type: shift_type,
        eval: prev,
        doc: "the value `offset` (1) rows before, else the default (null)",
    },
    ScalarFunction {
        name: "next",
        min_args: 1,
        max_args: 3,
        return_type: shift_type,
        eval: next,
        doc: "the value `offset` (1) rows after, else the default (null)",
    },
    ScalarFunction {
        name: "row_cumsum",
        min_args: 1,
        max_args: 2,
        return_type: cumsum_type,
        eval: row_cumsum,
        doc: "the running sum of a column; restarts where the predicate is true",
    },
    ScalarFunction {
        name: "row_rank_min",
        min_args: 1,
        max_args: 2,
        return_type: rank_type,
        eval: row_rank_min,
        doc: "the row number where the current value first appeared (1, 2, 2, 4)",
    },
    ScalarFunction {
        name: "row_rank_dense",
        min_args: 1,
        max_args: 2,
        return_type: rank_type,
        eval: row_rank_dense,
        doc: "the dense rank of the current value (1, 2, 2, 3)",
    },
];

fn restart_arg(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args.get(i) {
        Some(a) if a.ty != ScalarType::Bool => {
            Err(TypeError::arg(i, "expected a bool restart predicate"))
        }
        _ => Ok(()),
    }
}

fn row_number_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if let Some(start) = args.first()
        && (!matches!(start.ty, ScalarType::Int | ScalarType::Long) || start.literal.is_none())
    {
        return Err(TypeError::arg(
            0,
            "the starting index must be a constant long",
        ));
    }
    restart_arg(args, 1)?;
    Ok(ScalarType::Long)
}

fn shift_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    let ty = args[0].ty;
    if let Some(offset) = args.get(1) {
        let ok = matches!(offset.ty, ScalarType::Int | ScalarType::Long)
            && offset
                .literal
                .and_then(Value::as_i64)
                .is_some_and(|n| n >= 0);
        if !ok {
            return Err(TypeError::arg(
                1,
                "the offset must be a constant, non-negative long",
            ));
        }
    }
    if let Some(default) = args.get(2) {
        let null = default.literal.is_some_and(Value::is_null);
        if default.ty != ty && !null {
            return Err(TypeError::arg(
                2,
                format!("the default must be a {ty}, like the column"),
            ));
        }
    }
    Ok(ty)
}

fn cumsum_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    let ty = args[0].ty;
    if !matches!(ty, ScalarType::Int | ScalarType::Long | ScalarType::Real) {
        return Err(TypeError::arg(
            0,
            format!("expected an int, long or real, got {ty}"),
        ));
    }
    restart_arg(args, 1)?;
    Ok(ty)
}

fn rank_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    restart_arg(args, 1)?;
    Ok(ScalarType::Long)
}

/// Row `r` of the restart predicate (true only for `true`).
fn restarts<'a>(call: &'a ScalarCall<'a>, i: usize) -> impl Fn(usize) -> bool + 'a {
    move |r| {
        matches!(
            call.args.get(i).map(|a| a.value(r)),
            Some(Value::Bool(true))
        )
    }
}

fn long_column(values: Vec<i64>) -> Datum {
    Datum::Column(Arc::new(Column::Long(PrimitiveColumn::from_values(values))))
}

fn row_number(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let start = call
        .args
        .first()
        .and_then(|a| a.value(0).as_i64())
        .unwrap_or(1);
    let restart = restarts(call, 1);
    let mut out = Vec::with_capacity(call.rows);
    let mut n = start;
    for r in 0..call.rows {
        if r > 0 {
            n = if restart(r) {
                start
            } else {
                n.saturating_add(1)
            };
        }
        out.push(n);
    }
    Ok(long_column(out))
}

fn shift(call: &ScalarCall<'_>, backwards: bool) -> Result<Datum, EvalError> {
    let offset = call
        .args
        .get(1)
        .and_then(|a| a.value(0).as_i64())
        .unwrap_or(1);
    let offset = usize::try_from(offset).unwrap_or(usize::MAX);
    let default = call.args.get(2).map(|a| a.value(0)).unwrap_or(Value::Null);
    let column = call.args[0].clone().into_column(call.out, call.rows)?;
    let rows = call.rows;
    let source = |r: usize| -> Option<u32> {
        let s = if backwards {
            r.checked_sub(offset)?
        } else {
            r.checked_add(offset)?
        };
        (s < rows).then_some(s as u32)
    };
    let indexes: Vec<Option<u32>> = (0..rows).map(source).collect();
    if default.is_null() {
        return Ok(Datum::Column(Arc::new(column.gather_opt(&indexes))));
    }
    let default = convert(&default, call.out);
    let mut b = ColumnBuilder::with_capacity(call.out, rows);
    for index in indexes {
        match index {
            Some(s) => b.push_value(&column.get(s as usize))?,
            None => b.push_value(&default)?,
        }
    }
    Ok(Datum::Column(Arc::new(b.finish())))
}

fn prev(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    shift(call, true)
}

fn next(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    shift(call, false)
}

fn row_cumsum(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let restart = restarts(call, 1);
    let term = &call.args[0];
    let null_term = || EvalError::invalid("row_cumsum: kql cannot tell how Kusto adds a null term");
    let mut b = ColumnBuilder::with_capacity(call.out, call.rows);
    match call.out {
        ScalarType::Real => {
            let mut sum = 0.0;
            for r in 0..call.rows {
                let v = term.value(r).as_f64().ok_or_else(null_term)?;
                sum = if r == 0 || restart(r) { v } else { sum + v };
                b.push_f64(sum)?;
            }
        }
        ScalarType::Int => {
            let mut sum: i32 = 0;
            for r in 0..call.rows {
                let v = term.value(r).as_i64().ok_or_else(null_term)?;
                let v = i32::try_from(v).map_err(|_| null_term())?;
                sum = if r == 0 || restart(r) {
                    v
                } else {
                    sum.wrapping_add(v)
                };
                b.push_i32(sum)?;
            }
        }
        _ => {
            let mut sum: i64 = 0;
            for r in 0..call.rows {
                let v = term.value(r).as_i64().ok_or_else(null_term)?;
                sum = if r == 0 || restart(r) {
                    v
                } else {
                    sum.wrapping_add(v)
                };
                b.push_i64(sum)?;
            }
        }
    }
    Ok(Datum::Column(Arc::new(b.finish())))
}

/// Ranks over runs of equal values: `dense` counts distinct runs, else the rank is the
/// row number where the run started (both restart at 1 where the predicate is true).
fn rank(call: &ScalarCall<'_>, dense: bool) -> Result<Datum, EvalError> {
    let restart = restarts(call, 1);
    let term = &call.args[0];
    let mut out = Vec::with_capacity(call.rows);
    let (mut rank, mut number) = (0i64, 0i64);
    let mut previous: Option<Value> = None;
    for r in 0..call.rows {
        let v = term.value(r);
        if v.is_null() {
            return Err(EvalError::invalid(
                "row_rank: kql cannot tell how Kusto ranks a null value",
            ));
        }
        if r == 0 || restart(r) {
            (rank, number) = (1, 1);
        } else {
            number += 1;
            if previous.as_ref() != Some(&v) {
                rank = if dense { rank + 1 } else { number };
            }
        }
        out.push(rank);
        previous = Some(v);
    }
    Ok(long_column(out))
}

fn row_rank_min(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    rank(call, false)
}

fn row_rank_dense(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    rank(call, true)
}
