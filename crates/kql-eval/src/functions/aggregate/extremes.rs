//! `max`, `min` (nulls ignored; an empty group gives null) and `arg_max`, `arg_min`
//! (the row with the greatest/least value; a null value never wins, and a group whose
//! values are all null still yields a row with nulls: q/arg-max-aggregation-function.md).
//!
//! ```kql
//! T | summarize max(OutboundCount) by Domain             // max_OutboundCount
//! T | summarize arg_max(Timestamp, *) by NetworkMessageId
//! ```

use std::cmp::Ordering;

use kql_parser::ast::ScalarType;

use super::first_arg_type;
use crate::exec::EvalError;
use crate::functions::compare::order;
use crate::functions::{AggregateFunction, AggregateInput, ArgInfo, TypeError};
use crate::table::Column;
use crate::value::Value;

pub(super) const MAX: AggregateFunction = AggregateFunction {
    name: "max",
    min_args: 1,
    max_args: 1,
    return_type: orderable,
    name_prefix: Some("max"),
    picks_row: false,
    eval: max,
    doc: "the greatest non-null value",
};

pub(super) const MIN: AggregateFunction = AggregateFunction {
    name: "min",
    min_args: 1,
    max_args: 1,
    return_type: orderable,
    name_prefix: Some("min"),
    picks_row: false,
    eval: min,
    doc: "the least non-null value",
};

pub(super) const ARG_MAX: AggregateFunction = AggregateFunction {
    name: "arg_max",
    min_args: 1,
    max_args: 1,
    return_type: orderable,
    name_prefix: Some("max"),
    picks_row: true,
    eval: arg_max,
    doc: "arg_max(X, cols or *): the row with the greatest X",
};

pub(super) const ARG_MIN: AggregateFunction = AggregateFunction {
    name: "arg_min",
    min_args: 1,
    max_args: 1,
    return_type: orderable,
    name_prefix: Some("min"),
    picks_row: true,
    eval: arg_min,
    doc: "arg_min(X, cols or *): the row with the least X",
};

fn orderable(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    let t = first_arg_type(args)?;
    if matches!(t, ScalarType::Guid) {
        return Err(TypeError::arg(0, format!("{t} values have no order")));
    }
    Ok(t)
}

fn is_null(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Real(r) => r.is_nan(),
        Value::Dynamic(d) => d.is_null(),
        _ => false,
    }
}

/// The winning row of each group: the first row whose value beats all others.
fn best_rows(input: &AggregateInput<'_>, want: Ordering) -> Vec<Option<usize>> {
    let mut best: Vec<Option<(usize, Value)>> = vec![None; input.groups.count];
    let values = &input.args[0];
    for (row, &g) in input.groups.ids.iter().enumerate() {
        let v = values.value(row);
        if is_null(&v) {
            continue;
        }
        let slot = &mut best[g as usize];
        let better = match slot {
            None => true,
            Some((_, current)) => order(&v, current) == Some(want),
        };
        if better {
            *slot = Some((row, v));
        }
    }
    best.into_iter().map(|b| b.map(|(row, _)| row)).collect()
}

fn extreme(input: &AggregateInput<'_>, want: Ordering) -> Result<Column, EvalError> {
    let rows = best_rows(input, want);
    let values = rows
        .into_iter()
        .map(|r| r.map_or(Value::Null, |r| input.args[0].value(r)));
    Ok(Column::from_values(input.out, values)?)
}

fn max(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    extreme(input, Ordering::Greater)
}

fn min(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    extreme(input, Ordering::Less)
}

/// Per group: the chosen row; a group with only null values picks its first row
/// (whose value is null), so the row still appears.
fn pick(input: &AggregateInput<'_>, want: Ordering) -> Result<Column, EvalError> {
    let rows = best_rows(input, want);
    let mut first_row = vec![None; input.groups.count];
    for (row, &g) in input.groups.ids.iter().enumerate() {
        first_row[g as usize].get_or_insert(row);
    }
    let picked = rows.into_iter().zip(first_row).map(|(best, first)| {
        best.or(first)
            .map_or(Value::Null, |r| Value::Long(r as i64))
    });
    Ok(Column::from_values(ScalarType::Long, picked)?)
}

fn arg_max(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    pick(input, Ordering::Greater)
}

fn arg_min(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    pick(input, Ordering::Less)
}
