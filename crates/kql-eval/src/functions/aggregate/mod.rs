//! Aggregation functions for `summarize`: each takes its argument columns and the
//! row-to-group assignment and returns one value per group
//! (q/summarize-operator.md; names per kusto-semantics.md section 5).

mod count;
mod extremes;

use kql_parser::ast::ScalarType;

use super::{AggregateFunction, ArgInfo, TypeError};

pub static FUNCTIONS: &[AggregateFunction] = &[
    count::COUNT,
    count::COUNTIF,
    extremes::MAX,
    extremes::MIN,
    extremes::ARG_MAX,
    extremes::ARG_MIN,
];

/// Typing rule: a `long` result.
pub(crate) fn long_result(_: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    Ok(ScalarType::Long)
}

/// Typing rule: the first argument's type.
pub(crate) fn first_arg_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    args.first()
        .map(|a| a.ty)
        .ok_or_else(|| TypeError::call("expected an argument"))
}
