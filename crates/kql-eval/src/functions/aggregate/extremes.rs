//! `max`, `min`, `maxif`, `minif`, `arg_max`, `arg_min`.
//!
//! ```kql
//! T | summarize max(OutboundCount) by Domain             // max_OutboundCount
//! T | summarize maxif(Size, Spam)                         // maxif_Size
//! T | summarize arg_max(Timestamp, *) by NetworkMessageId
//! ```
//!
//! * `max`/`min` ignore nulls; a group without values gives null (`""` for strings)
//!   (q/max-aggregation-function.md, conformance `summarize-operator-04`).
//! * `arg_max`/`arg_min` return the row with the greatest/least value; a null value
//!   never wins, and a group whose values are all null still yields a row (its first)
//!   with a null value (q/arg-max-aggregation-function.md, semantics case 030). Ties
//!   keep the first row, one of the rows Kusto may return.
//! * The argument must be orderable (Kusto.Language `ParameterTypeKind.Orderable`):
//!   bool, int, long, real, decimal, datetime, timespan or string. `dynamic` and
//!   `guid` are refused.
//! * Strings compare ordinally (by bytes), so `""` is the least string **[U]**. A real
//!   NaN is skipped like a null **[U]**.

use std::cmp::Ordering;

use kql_parser::ast::ScalarType;

use super::{Rows, check_predicate, column_arg, first_arg_type};
use crate::exec::EvalError;
use crate::functions::{AggregateFunction, AggregateInput, ArgInfo, TypeError};
use crate::table::{Column, Primitive, PrimitiveColumn};

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

pub(super) const MAXIF: AggregateFunction = AggregateFunction {
    name: "maxif",
    min_args: 2,
    max_args: 2,
    return_type: orderable_if,
    name_prefix: Some("maxif"),
    picks_row: false,
    eval: maxif,
    doc: "maxif(x, predicate): the greatest value where the predicate is true",
};

pub(super) const MINIF: AggregateFunction = AggregateFunction {
    name: "minif",
    min_args: 2,
    max_args: 2,
    return_type: orderable_if,
    name_prefix: Some("minif"),
    picks_row: false,
    eval: minif,
    doc: "minif(x, predicate): the least value where the predicate is true",
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
    match t {
        ScalarType::Guid | ScalarType::Dynamic => Err(TypeError::arg(
            0,
            format!(
                "expected an orderable value (number, string, datetime, timespan, bool), not {t}; convert it first, e.g. tolong(x)"
            ),
        )),
        _ => Ok(t),
    }
}

fn orderable_if(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_predicate(args, 1)?;
    orderable(args)
}

/// Per group, the first row holding the best value that `get` yields (nulls yield
/// `None`); `better(a, b)` is true when `a` beats `b`.
fn best_by<T: Copy>(
    rows: &Rows<'_>,
    get: impl Fn(usize) -> Option<T>,
    better: impl Fn(T, T) -> bool,
) -> Vec<Option<(usize, T)>> {
    let mut best: Vec<Option<(usize, T)>> = vec![None; rows.groups];
    for (row, g) in rows.iter() {
        let Some(v) = get(row) else { continue };
        if let Some(slot) = best.get_mut(g) {
            match slot {
                Some((_, current)) if !better(v, *current) => {}
                _ => *slot = Some((row, v)),
            }
        }
    }
    best
}

fn ordered<T: Primitive + Ord>(
    c: &PrimitiveColumn<T>,
    rows: &Rows<'_>,
    want: Ordering,
) -> Vec<Option<usize>> {
    best_by(rows, |r| c.get(r), |a, b| a.cmp(&b) == want)
        .into_iter()
        .map(|b| b.map(|(row, _)| row))
        .collect()
}

/// Per group, the first row holding the greatest (`Greater`) or least (`Less`)
/// non-null value.
fn best_rows(
    column: &Column,
    rows: &Rows<'_>,
    want: Ordering,
) -> Result<Vec<Option<usize>>, EvalError> {
    Ok(match column {
        Column::Bool(c) => ordered(c, rows, want),
        Column::Int(c) => ordered(c, rows, want),
        Column::Long(c) | Column::DateTime(c) | Column::TimeSpan(c) => ordered(c, rows, want),
        Column::Decimal(c) => ordered(c, rows, want),
        Column::Real(c) => best_by(
            rows,
            |r| c.get(r).filter(|x| !x.is_nan()),
            |a, b| a.partial_cmp(&b) == Some(want),
        )
        .into_iter()
        .map(|b| b.map(|(row, _)| row))
        .collect(),
        Column::String(c) => best_by(
            rows,
            |r| Some(c.get(r)),
            |a: &str, b: &str| a.as_bytes().cmp(b.as_bytes()) == want,
        )
        .into_iter()
        .map(|b| b.map(|(row, _)| row))
        .collect(),
        Column::Guid(_) | Column::Dynamic(_) => {
            return Err(EvalError::Internal(format!(
                "max/min over {}",
                column.scalar_type()
            )));
        }
    })
}

/// Row indexes for [`Column::gather_opt`].
fn to_u32(rows: Vec<Option<usize>>) -> Result<Vec<Option<u32>>, EvalError> {
    rows.into_iter()
        .map(|r| {
            r.map(|r| u32::try_from(r).map_err(|_| EvalError::invalid("too many rows")))
                .transpose()
        })
        .collect()
}

fn extreme(
    input: &AggregateInput<'_>,
    rows: &Rows<'_>,
    want: Ordering,
) -> Result<Column, EvalError> {
    let column = column_arg(input, 0)?;
    let best = to_u32(best_rows(&column, rows, want)?)?;
    Ok(column.gather_opt(&best))
}

fn max(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    extreme(input, &Rows::all(input), Ordering::Greater)
}

fn min(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    extreme(input, &Rows::all(input), Ordering::Less)
}

fn maxif(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    extreme(input, &Rows::where_true(input, 1)?, Ordering::Greater)
}

fn minif(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    extreme(input, &Rows::where_true(input, 1)?, Ordering::Less)
}

/// Per group, the chosen row as a long; a group with only null values picks its first
/// row (whose value is null), so the row still appears.
fn pick(input: &AggregateInput<'_>, want: Ordering) -> Result<Column, EvalError> {
    let rows = Rows::all(input);
    let column = column_arg(input, 0)?;
    let mut best = best_rows(&column, &rows, want)?;
    for (row, g) in rows.iter() {
        if let Some(slot @ None) = best.get_mut(g) {
            *slot = Some(row);
        }
    }
    let mut out = PrimitiveColumn::with_capacity(best.len());
    for b in best {
        out.push(b.map(|r| r as i64));
    }
    Ok(Column::Long(out))
}

fn arg_max(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    pick(input, Ordering::Greater)
}

fn arg_min(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    pick(input, Ordering::Less)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{error, table};

    #[test]
    fn max_min_of_each_orderable_type() {
        let t = table(
            r#"datatable(s:string, d:datetime, t:timespan, r:real, b:bool)
            ["b", datetime(2020-01-02), 2s, 1.5, false,
             "", datetime(null), time(null), real(null), bool(null),
             "a", datetime(2020-01-01), 1s, -2.0, true]
            | summarize max(s), min(s), max(d), min(d), max(t), min(t), max(r), min(r), max(b), min(b)"#,
        );
        assert_eq!(
            t[1],
            [
                "b",
                "",
                "2020-01-02T00:00:00.0000000Z",
                "2020-01-01T00:00:00.0000000Z",
                "00:00:02",
                "00:00:01",
                "1.5",
                "-2",
                "true",
                "false"
            ]
        );
    }

    #[test]
    fn empty_input_gives_null() {
        // conformance summarize-operator-04: max_x, min_x null on empty input.
        let t = table("datatable(x:long)[] | summarize max(x), min(x), maxif(x, x > 0)");
        assert_eq!(
            t,
            [
                vec!["max_x:long", "min_x:long", "maxif_x:long"],
                vec!["", "", ""]
            ]
        );
    }

    #[test]
    fn maxif_minif_read_only_matching_rows() {
        let t = table(
            "datatable(x:long, g:string)[1, 'a', 5, 'a', 3, 'a', 7, 'b'] | summarize maxif(x, x < 5), minif(x, x > 1) by g | sort by g asc",
        );
        assert_eq!(
            t,
            [
                vec!["g:string", "maxif_x:long", "minif_x:long"],
                vec!["a", "3", "3"],
                vec!["b", "", "7"]
            ]
        );
    }

    #[test]
    fn arg_max_null_handling() {
        // q/arg-max-aggregation-function.md (semantics case 030).
        let t = table(
            r#"datatable(Fruit: string, Color: string, Version: int) [
                "Apple", "Red", 1, "Apple", "Green", int(null),
                "Banana", "Yellow", int(null), "Banana", "Green", int(null),
                "Pear", "Brown", 1, "Pear", "Green", 2]
            | summarize arg_max(Version, *) by Fruit | sort by Fruit asc"#,
        );
        assert_eq!(
            t,
            [
                vec!["Fruit:string", "Version:int", "Color:string"],
                vec!["Apple", "1", "Red"],
                vec!["Banana", "", "Yellow"],
                vec!["Pear", "2", "Green"]
            ]
        );
    }

    #[test]
    fn dynamic_is_refused() {
        let e = error("datatable(d:dynamic)[dynamic(1)] | summarize max(d)");
        assert!(e.contains("orderable"), "{e}");
    }
}
