//! `percentile(x, p)`: the nearest-rank percentile of the group's non-null values.
//!
//! ```kql
//! range x from 1 to 100 step 1 | summarize percentile(x, 99)   // percentile_x_99: 99
//! ```
//!
//! Kusto documents an *estimate* "for the specified nearest-rank percentile", computed
//! with a T-Digest whose accuracy "depends on the density of population in the region
//! of the percentile" (q/percentiles-aggregation-function.md). The nearest-rank
//! percentile p of n sorted values is the value at rank ceil(p / 100 * n) (rank 1 for
//! p = 0). Over few values the digest keeps every value and the estimate is that exact
//! value: conformance `invoke-operator-00` (p5 and p99 of 1..100 give 5 and 99). Over
//! many values the digest merges neighbours and returns interpolated values (the
//! documentation's StormEvents example shows non-data values such as 51392), which
//! cannot be reproduced without Kusto's digest. So a group with more than
//! [`EXACT_LIMIT`] values is an error rather than a guess.
//!
//! The result type is the argument's, with `int` promoted to `long` (Kusto.Language
//! `AddPercentileColumns`); `decimal` is refused. An empty group gives null
//! (conformance `summarize-operator-04`). Kusto names the column `percentile_x_55`
//! (`naming::percentile_name`). `percentiles(x, p1, p2, ...)` makes one column per
//! percentile and needs the binder too.

use kql_parser::ast::ScalarType;

use super::{Rows, column_arg, first_arg_type};
use crate::exec::EvalError;
use crate::functions::{AggregateFunction, AggregateInput, ArgInfo, TypeError};
use crate::table::{Column, Primitive, PrimitiveColumn};
use crate::value::Value;

/// The most values a group may hold for its percentile to be exact (see module docs).
pub(super) const EXACT_LIMIT: usize = 100;

pub(super) const PERCENTILE: AggregateFunction = AggregateFunction {
    name: "percentile",
    min_args: 2,
    max_args: 2,
    return_type: percentile_type,
    name_prefix: Some("percentile"),
    picks_row: false,
    eval: percentile,
    doc: "percentile(x, p): the nearest-rank percentile (groups of at most 100 values)",
};

pub(super) fn percentile_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    let out = match first_arg_type(args)? {
        ScalarType::Int | ScalarType::Long => ScalarType::Long,
        t @ (ScalarType::Real | ScalarType::DateTime | ScalarType::TimeSpan) => t,
        t => {
            return Err(TypeError::arg(
                0,
                format!("expected a number, datetime or timespan, not {t}"),
            ));
        }
    };
    match args.get(1) {
        Some(a) if a.ty.is_numeric() => match a.literal.and_then(Value::as_f64) {
            Some(p) if !(0.0..=100.0).contains(&p) => Err(TypeError::arg(
                1,
                format!("the percentile must be between 0 and 100, not {p}"),
            )),
            _ => Ok(out),
        },
        _ => Err(TypeError::arg(
            1,
            "the percentile must be a constant number",
        )),
    }
}

/// The index of the nearest-rank percentile `p` among `n` sorted values (`n > 0`).
fn rank_index(p: f64, n: usize) -> usize {
    let rank = (p / 100.0 * n as f64).ceil();
    (rank as usize).clamp(1, n) - 1
}

fn nearest_rank<T: Primitive + PartialOrd>(
    c: &PrimitiveColumn<T>,
    rows: &Rows<'_>,
    p: f64,
    skip: impl Fn(T) -> bool,
) -> Result<PrimitiveColumn<T>, EvalError> {
    let mut groups: Vec<Vec<T>> = vec![Vec::new(); rows.groups];
    for (row, g) in rows.iter() {
        if let (Some(v), Some(list)) = (c.get(row), groups.get_mut(g))
            && !skip(v)
        {
            if list.len() == EXACT_LIMIT {
                return Err(EvalError::invalid(format!(
                    "percentile over more than {EXACT_LIMIT} values per group: Kusto returns a T-Digest estimate that cannot be reproduced exactly"
                )));
            }
            list.push(v);
        }
    }
    let mut out = PrimitiveColumn::with_capacity(groups.len());
    for mut values in groups {
        values.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        out.push(if values.is_empty() {
            None
        } else {
            values.get(rank_index(p, values.len())).copied()
        });
    }
    Ok(out)
}

pub(super) fn percentile(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    let p = input
        .args
        .get(1)
        .and_then(|d| d.as_scalar())
        .and_then(Value::as_f64)
        .filter(|p| (0.0..=100.0).contains(p))
        .ok_or_else(|| EvalError::invalid("the percentile must be a constant between 0 and 100"))?;
    let column = column_arg(input, 0)?;
    let rows = Rows::all(input);
    let longs = |c: &PrimitiveColumn<i64>| nearest_rank(c, &rows, p, |_| false);
    Ok(match column.as_ref() {
        Column::Int(c) => {
            let widened: PrimitiveColumn<i64> = c.iter().map(|v| v.map(i64::from)).collect();
            Column::Long(longs(&widened)?)
        }
        Column::Long(c) => Column::Long(longs(c)?),
        Column::DateTime(c) => Column::DateTime(longs(c)?),
        Column::TimeSpan(c) => Column::TimeSpan(longs(c)?),
        Column::Real(c) => Column::Real(nearest_rank(c, &rows, p, f64::is_nan)?),
        other => {
            return Err(EvalError::Internal(format!(
                "percentile over {}",
                other.scalar_type()
            )));
        }
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::exec::EvalContext;
    use crate::functions::{Datum, GroupIds};

    fn run(values: Vec<i64>, p: f64) -> Result<Column, EvalError> {
        let n = values.len();
        let args = [
            Datum::Column(Arc::new(Column::Long(PrimitiveColumn::from_values(values)))),
            Datum::Scalar(Value::Real(p)),
        ];
        percentile(&AggregateInput {
            args: &args,
            types: &[ScalarType::Long, ScalarType::Real],
            groups: &GroupIds::single(n),
            out: ScalarType::Long,
            ctx: &EvalContext::default(),
        })
    }

    fn value(c: Result<Column, EvalError>) -> Option<i64> {
        c.ok().and_then(|c| c.as_long()?.get(0))
    }

    #[test]
    fn nearest_rank_values() {
        // conformance invoke-operator-00: p99 and p5 of 1..100 are 99 and 5.
        let hundred: Vec<i64> = (1..=100).collect();
        assert_eq!(value(run(hundred.clone(), 99.0)), Some(99));
        assert_eq!(value(run(hundred.clone(), 5.0)), Some(5));
        assert_eq!(value(run(hundred, 0.0)), Some(1));
        assert_eq!(value(run(vec![15, 20, 35, 40, 50], 30.0)), Some(20));
        assert_eq!(value(run(vec![15, 20, 35, 40, 50], 100.0)), Some(50));
        // conformance summarize-operator-04: null on empty input.
        assert_eq!(value(run(vec![], 55.0)), None);
        assert!(run((0..101).collect(), 50.0).is_err());
    }
}
