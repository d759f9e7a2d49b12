//! `count()`, `count(x)` (counts nulls too) and `countif(pred)`.
//!
//! ```kql
//! T | summarize count(), countif(Subject has "invoice") by SenderFromDomain
//! ```

use kql_parser::ast::ScalarType;

use super::long_result;
use crate::exec::EvalError;
use crate::functions::{AggregateFunction, AggregateInput, ArgInfo, TypeError};
use crate::table::Column;
use crate::value::Value;

pub(super) const COUNT: AggregateFunction = AggregateFunction {
    name: "count",
    min_args: 0,
    max_args: 1,
    return_type: long_result,
    name_prefix: Some("count"),
    picks_row: false,
    eval: count,
    doc: "rows per group; count(x) counts null values too",
};

pub(super) const COUNTIF: AggregateFunction = AggregateFunction {
    name: "countif",
    min_args: 1,
    max_args: 1,
    return_type: bool_arg,
    name_prefix: Some("countif"),
    picks_row: false,
    eval: countif,
    doc: "rows per group where the predicate is true",
};

fn bool_arg(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args[0].ty {
        ScalarType::Bool | ScalarType::Dynamic => Ok(ScalarType::Long),
        t => Err(TypeError::arg(
            0,
            format!("countif needs a bool predicate, not {t}"),
        )),
    }
}

fn count(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    let mut counts = vec![0i64; input.groups.count];
    for &g in &input.groups.ids {
        counts[g as usize] += 1;
    }
    Ok(Column::from_values(
        ScalarType::Long,
        counts.into_iter().map(Value::Long),
    )?)
}

fn countif(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    let mut counts = vec![0i64; input.groups.count];
    let predicate = &input.args[0];
    for (row, &g) in input.groups.ids.iter().enumerate() {
        if matches!(predicate.value(row), Value::Bool(true)) {
            counts[g as usize] += 1;
        }
    }
    Ok(Column::from_values(
        ScalarType::Long,
        counts.into_iter().map(Value::Long),
    )?)
}
