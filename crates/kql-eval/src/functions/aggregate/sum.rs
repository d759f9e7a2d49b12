//! `sum`, `sumif`, `avg`, `avgif`.
//!
//! ```kql
//! T | summarize sum(Size), avg(Size), sumif(Size, Spam) by Domain
//! //          sum_Size   avg_Size   sumif_Size
//! ```
//!
//! * `sum` keeps its argument's type, with `int` promoted to `long` (Kusto.Language
//!   `ReturnTypeKind.Parameter0Promoted`): `int`/`long` give `long`, `real` gives
//!   `real`, `decimal` gives `decimal`, `timespan` gives `timespan`. Nulls are ignored
//!   and a group without values sums to 0 (q/summarize-operator.md, conformance
//!   `summarize-operator-04`, `-07`). An integer or decimal overflow is an error rather
//!   than a wrapped value **[U]**.
//! * `avg` of `int`, `long` or `real` is a `real`: the sum of the non-null values over
//!   their count, so a group without values gives NaN (0/0, as documented for empty
//!   input in q/summarize-operator.md). Kusto also averages `decimal`, `timespan` and
//!   `datetime`; their rounding is undocumented, so they are refused.

use kql_parser::ast::ScalarType;
use rust_decimal::Decimal;

use super::{Rows, check_predicate, column_arg, first_arg_type};
use crate::exec::EvalError;
use crate::functions::{AggregateFunction, AggregateInput, ArgInfo, TypeError};
use crate::table::{Column, Primitive, PrimitiveColumn};

pub(super) const SUM: AggregateFunction = AggregateFunction {
    name: "sum",
    min_args: 1,
    max_args: 1,
    return_type: sum_type,
    name_prefix: Some("sum"),
    picks_row: false,
    eval: sum,
    doc: "the sum of the non-null values (0 for none)",
};

pub(super) const SUMIF: AggregateFunction = AggregateFunction {
    name: "sumif",
    min_args: 2,
    max_args: 2,
    return_type: sumif_type,
    name_prefix: Some("sumif"),
    picks_row: false,
    eval: sumif,
    doc: "sumif(x, predicate): the sum over rows where the predicate is true",
};

pub(super) const AVG: AggregateFunction = AggregateFunction {
    name: "avg",
    min_args: 1,
    max_args: 1,
    return_type: avg_type,
    name_prefix: Some("avg"),
    picks_row: false,
    eval: avg,
    doc: "the mean of the non-null values (NaN for none)",
};

pub(super) const AVGIF: AggregateFunction = AggregateFunction {
    name: "avgif",
    min_args: 2,
    max_args: 2,
    return_type: avgif_type,
    name_prefix: Some("avgif"),
    picks_row: false,
    eval: avgif,
    doc: "avgif(x, predicate): the mean over rows where the predicate is true",
};

fn sum_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match first_arg_type(args)? {
        ScalarType::Int | ScalarType::Long => Ok(ScalarType::Long),
        t @ (ScalarType::Real | ScalarType::Decimal | ScalarType::TimeSpan) => Ok(t),
        t => Err(TypeError::arg(
            0,
            format!(
                "expected a number or timespan to sum, not {t}; convert it first, e.g. tolong(x)"
            ),
        )),
    }
}

fn sumif_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_predicate(args, 1)?;
    sum_type(args)
}

fn avg_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match first_arg_type(args)? {
        ScalarType::Int | ScalarType::Long | ScalarType::Real => Ok(ScalarType::Real),
        t @ (ScalarType::Decimal | ScalarType::TimeSpan | ScalarType::DateTime) => {
            Err(TypeError::arg(
                0,
                format!(
                    "avg of {t} values is not supported (Kusto's rounding is undocumented); average todouble(x) instead"
                ),
            ))
        }
        t => Err(TypeError::arg(
            0,
            format!("expected a number to average, not {t}; convert it first, e.g. todouble(x)"),
        )),
    }
}

fn avgif_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_predicate(args, 1)?;
    avg_type(args)
}

/// Folds the non-null values of each group; `add` returns `None` on overflow.
fn fold<T: Primitive, A: Copy>(
    c: &PrimitiveColumn<T>,
    rows: &Rows<'_>,
    zero: A,
    add: impl Fn(A, T) -> Option<A>,
) -> Result<Vec<A>, EvalError> {
    let mut acc = vec![zero; rows.groups];
    let values = c.values();
    for (row, g) in rows.iter() {
        if !c.is_valid(row) {
            continue;
        }
        if let (Some(a), Some(&v)) = (acc.get_mut(g), values.get(row)) {
            *a = add(*a, v).ok_or_else(|| EvalError::invalid("sum overflows its type"))?;
        }
    }
    Ok(acc)
}

fn sum_rows(input: &AggregateInput<'_>, rows: &Rows<'_>) -> Result<Column, EvalError> {
    let column = column_arg(input, 0)?;
    let longs = |acc: Vec<i64>| PrimitiveColumn::from_values(acc);
    Ok(match column.as_ref() {
        Column::Int(c) => Column::Long(longs(fold(c, rows, 0i64, |a, v| {
            a.checked_add(i64::from(v))
        })?)),
        Column::Long(c) => Column::Long(longs(fold(c, rows, 0i64, i64::checked_add)?)),
        Column::TimeSpan(c) => Column::TimeSpan(longs(fold(c, rows, 0i64, i64::checked_add)?)),
        Column::Real(c) => Column::Real(PrimitiveColumn::from_values(fold(
            c,
            rows,
            0f64,
            |a, v| Some(a + v),
        )?)),
        Column::Decimal(c) => Column::Decimal(PrimitiveColumn::from_values(fold(
            c,
            rows,
            Decimal::ZERO,
            Decimal::checked_add,
        )?)),
        other => {
            return Err(EvalError::Internal(format!(
                "sum over {}",
                other.scalar_type()
            )));
        }
    })
}

fn sum(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    sum_rows(input, &Rows::all(input))
}

fn sumif(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    sum_rows(input, &Rows::where_true(input, 1)?)
}

/// Per group: the sum and the count of the non-null values.
fn mean<T: Primitive, S: Copy + Default>(
    c: &PrimitiveColumn<T>,
    rows: &Rows<'_>,
    add: impl Fn(S, T) -> S,
    finish: impl Fn(S) -> f64,
) -> Vec<f64> {
    let mut acc = vec![(S::default(), 0u64); rows.groups];
    let values = c.values();
    for (row, g) in rows.iter() {
        if !c.is_valid(row) {
            continue;
        }
        if let (Some((s, n)), Some(&v)) = (acc.get_mut(g), values.get(row)) {
            *s = add(*s, v);
            *n += 1;
        }
    }
    acc.into_iter().map(|(s, n)| finish(s) / n as f64).collect()
}

fn avg_rows(input: &AggregateInput<'_>, rows: &Rows<'_>) -> Result<Column, EvalError> {
    let column = column_arg(input, 0)?;
    // Integer sums are exact in i128 (no overflow below 2^64 rows).
    let means = match column.as_ref() {
        Column::Int(c) => mean(c, rows, |s: i128, v| s + i128::from(v), |s| s as f64),
        Column::Long(c) => mean(c, rows, |s: i128, v| s + i128::from(v), |s| s as f64),
        Column::Real(c) => mean(c, rows, |s: f64, v| s + v, |s| s),
        other => {
            return Err(EvalError::Internal(format!(
                "avg over {}",
                other.scalar_type()
            )));
        }
    };
    Ok(Column::Real(PrimitiveColumn::from_values(means)))
}

fn avg(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    avg_rows(input, &Rows::all(input))
}

fn avgif(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    avg_rows(input, &Rows::where_true(input, 1)?)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{error, table};

    #[test]
    fn sum_and_avg_ignore_nulls() {
        // q/summarize-operator.md (conformance summarize-operator-07): 15 and 5.
        let t = table(
            "datatable(x:long)[1, 2, 3, 4] | extend y = iff(x == 1, real(null), real(5)) | summarize sum(y), avg(y)",
        );
        assert_eq!(t, [vec!["sum_y:real", "avg_y:real"], vec!["15", "5"]]);
    }

    #[test]
    fn empty_input_defaults() {
        // conformance summarize-operator-04: sum_x 0, sumif_x 0, avg_x NaN.
        let t = table("datatable(x:long)[] | summarize sum(x), sumif(x, x > 0), avg(x)");
        assert_eq!(
            t,
            [
                vec!["sum_x:long", "sumif_x:long", "avg_x:real"],
                vec!["0", "0", "NaN"]
            ]
        );
    }

    #[test]
    fn result_types() {
        let t = table(
            "datatable(i:int, t:timespan, d:decimal)[1, 1s, decimal(1.5), 2, 2s, decimal(2.25)] | summarize sum(i), sum(t), sum(d), avg(i)",
        );
        assert_eq!(
            t,
            [
                vec![
                    "sum_i:long",
                    "sum_t:timespan",
                    "sum_d:decimal",
                    "avg_i:real"
                ],
                vec!["3", "00:00:03", "3.75", "1.5"]
            ]
        );
    }

    #[test]
    fn sumif_avgif_by_group() {
        let t = table(
            "datatable(x:long, g:string)[1, 'a', 2, 'a', 3, 'b', 4, 'b'] | summarize sumif(x, x % 2 == 0), avgif(x, x > 1) by g | sort by g asc",
        );
        assert_eq!(
            t,
            [
                vec!["g:string", "sumif_x:long", "avgif_x:real"],
                vec!["a", "2", "2"],
                vec!["b", "4", "3.5"]
            ]
        );
    }

    #[test]
    fn refusals() {
        assert!(error("datatable(s:string)['a'] | summarize sum(s)").contains("sum"));
        assert!(error("datatable(t:timespan)[1s] | summarize avg(t)").contains("avg"));
        let e = error("datatable(x:long)[9223372036854775807, 1] | summarize sum(x)");
        assert!(e.contains("overflow"), "{e}");
    }
}
