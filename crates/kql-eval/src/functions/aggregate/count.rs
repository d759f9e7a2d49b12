//! `count()`, `count(x)` and `countif(predicate)`.
//!
//! ```kql
//! T | summarize count(), countif(Subject has "invoice") by SenderFromDomain
//! //                count_     countif_
//! ```
//!
//! `count(x)` counts every row of the group, null `x` included: the documented output
//! of `range x from 1 to 2 step 1 | extend y = iff(x == 1, real(null), real(5)) |
//! summarize count(y)` is 2 (q/summarize-operator.md, conformance
//! `summarize-operator-08`). `countif` counts the rows where the predicate is `true`
//! (q/countif-aggregation-function.md). Both give 0 for a group without rows.

use super::{Rows, check_predicate, long_column, long_result};
use crate::exec::EvalError;
use crate::functions::{AggregateFunction, AggregateInput, ArgInfo, TypeError};
use crate::table::Column;
use kql_parser::ast::ScalarType;

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
    return_type: countif_type,
    name_prefix: Some("countif"),
    picks_row: false,
    eval: countif,
    doc: "rows per group where the predicate is true",
};

fn countif_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_predicate(args, 0)?;
    Ok(ScalarType::Long)
}

/// Rows per group.
fn tally(rows: &Rows<'_>) -> Column {
    let mut counts = vec![0i64; rows.groups];
    for &g in rows.ids.iter() {
        if let Some(c) = counts.get_mut(g as usize) {
            *c += 1;
        }
    }
    long_column(counts)
}

fn count(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    Ok(tally(&Rows::all(input)))
}

fn countif(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    Ok(tally(&Rows::where_true(input, 0)?))
}

#[cfg(test)]
mod tests {
    use super::super::testing::table;

    #[test]
    fn count_includes_null_values() {
        // q/summarize-operator.md: count(y) is 2 although one y is null.
        let t = table(
            "datatable(x:long)[1, 2] | extend y = iff(x == 1, real(null), real(5)) | summarize count(y)",
        );
        assert_eq!(t, [vec!["count_y:long"], vec!["2"]]);
    }

    #[test]
    fn countif_counts_true_rows() {
        // q/countif-aggregation-function.md: names longer than 4 letters: 2.
        let t = table(
            r#"datatable(name:string, day_of_birth:long)["John", 9, "Paul", 18, "George", 25, "Ringo", 7]
            | summarize countif(strlen(name) > 4)"#,
        );
        assert_eq!(t, [vec!["countif_:long"], vec!["2"]]);
    }

    #[test]
    fn empty_input_gives_zero_and_null_predicates_do_not_count() {
        let t = table("datatable(x:long)[] | summarize count(), countif(x > 0)");
        assert_eq!(t, [vec!["count_:long", "countif_:long"], vec!["0", "0"]]);
        let t = table(
            "datatable(x:long, g:string)[1, 'a', long(null), 'a', 3, 'b'] | summarize countif(x > 0) by g | sort by g asc",
        );
        assert_eq!(
            t,
            [
                vec!["g:string", "countif_:long"],
                vec!["a", "1"],
                vec!["b", "1"]
            ]
        );
    }
}
