//! `take_any`, `any` (its deprecated alias) and `anyif`: one value of the group.
//!
//! ```kql
//! T | summarize take_any(Subject), any(Sender), anyif(Url, IsPhish) by NetworkMessageId
//! //          Subject            any_Sender   anyif_Url
//! ```
//!
//! Kusto "arbitrarily chooses one record"; given a single column it "tries to return a
//! non-null, non-empty value" (q/take-any-aggregation-function.md). Here that is the
//! first row of the group whose value is neither null nor `""` (nor a dynamic null or
//! empty string); when there is none, the first row's value (null, or `""` for
//! strings). An empty group gives null (conformance `summarize-operator-04`).
//!
//! Names: `take_any(x)` is named `x`, `take_any(expr)` `any_arg0`, `any(x)` `any_x`
//! (kusto-semantics.md section 5). `take_any` with several arguments or `*` produces
//! several columns and is the binder's to expand; here it takes one argument.

use kql_parser::ast::ScalarType;

use super::{Rows, check_predicate, column_arg, first_arg_type};
use crate::exec::EvalError;
use crate::functions::{AggregateFunction, AggregateInput, ArgInfo, TypeError};
use crate::table::Column;
use crate::value::Dynamic;

pub(super) const TAKE_ANY: AggregateFunction = AggregateFunction {
    name: "take_any",
    min_args: 1,
    max_args: 1,
    return_type: first_arg_type,
    name_prefix: None,
    picks_row: false,
    eval: take_any,
    doc: "a value of the group, preferring non-null, non-empty ones",
};

pub(super) const ANY: AggregateFunction = AggregateFunction {
    name: "any",
    min_args: 1,
    max_args: 1,
    return_type: first_arg_type,
    name_prefix: Some("any"),
    picks_row: false,
    eval: take_any,
    doc: "deprecated alias of take_any (named any_x)",
};

pub(super) const ANYIF: AggregateFunction = AggregateFunction {
    name: "anyif",
    min_args: 2,
    max_args: 2,
    return_type: anyif_type,
    name_prefix: Some("anyif"),
    picks_row: false,
    eval: anyif,
    doc: "anyif(x, predicate): a value from a row where the predicate is true",
};

fn anyif_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_predicate(args, 1)?;
    first_arg_type(args)
}

/// True when row `row` holds a value take_any prefers: not null and not empty.
fn is_filled(column: &Column, row: usize) -> bool {
    match column {
        Column::String(c) => !c.get(row).is_empty(),
        Column::Dynamic(c) => match c.get(row) {
            Dynamic::Null => false,
            Dynamic::String(s) => !s.is_empty(),
            _ => true,
        },
        other => !other.is_null(row),
    }
}

fn pick(input: &AggregateInput<'_>, rows: &Rows<'_>) -> Result<Column, EvalError> {
    let column = column_arg(input, 0)?;
    // Per group: the first filled row, else the first row.
    let mut chosen: Vec<Option<(u32, bool)>> = vec![None; rows.groups];
    for (row, g) in rows.iter() {
        let Some(slot) = chosen.get_mut(g) else {
            continue;
        };
        if matches!(slot, Some((_, true))) {
            continue;
        }
        let filled = is_filled(&column, row);
        if slot.is_none() || filled {
            let row = u32::try_from(row).map_err(|_| EvalError::invalid("too many rows"))?;
            *slot = Some((row, filled));
        }
    }
    let picked: Vec<Option<u32>> = chosen.into_iter().map(|c| c.map(|(r, _)| r)).collect();
    Ok(column.gather_opt(&picked))
}

fn take_any(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    pick(input, &Rows::all(input))
}

fn anyif(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    pick(input, &Rows::where_true(input, 1)?)
}

#[cfg(test)]
mod tests {
    use super::super::testing::table;

    #[test]
    fn names_and_empty_input() {
        // conformance summarize-operator-04: take_any of no rows is null.
        let t = table("datatable(x:long)[] | summarize take_any(x), any(x), anyif(x, x > 0)");
        assert_eq!(
            t,
            [
                vec!["x:long", "any_x:long", "anyif_x:long"],
                vec!["", "", ""]
            ]
        );
        let t = table("datatable(x:long)[1] | summarize take_any(x + 1)");
        assert_eq!(t, [vec!["any_arg0:long"], vec!["2"]]);
    }

    #[test]
    fn prefers_filled_values() {
        let t = table(
            r#"datatable(g:string, s:string, n:long)["a", "", long(null), "a", "x", 5, "b", "", long(null)]
            | summarize take_any(s), take_any(n), anyif(s, n > 1) by g | sort by g asc"#,
        );
        assert_eq!(
            t,
            [
                vec!["g:string", "s:string", "n:long", "anyif_s:string"],
                vec!["a", "x", "5", "x"],
                vec!["b", "", "", ""]
            ]
        );
    }
}
