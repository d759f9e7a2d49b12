//! `make_list`, `make_list_if`, `make_list_with_nulls`: a dynamic array of the group's
//! values.
//!
//! ```kql
//! T | summarize make_list(Subject), make_list_if(Url, IsPhish, 100) by Sender
//! //          list_Subject       list_Url
//! ```
//!
//! * Values keep the input order (Kusto: "If the input to the summarize operator is
//!   sorted, the order of elements in the resulting array tracks that of the input",
//!   q/make-list-aggregation-function.md; conformance `make-list-aggregation-function-00`
//!   and `-01` show input order).
//! * Nulls are skipped (`make_list_with_nulls` keeps them as `null`,
//!   conformance `make-list-with-nulls-aggregation-function-00`); a string is never null,
//!   so `""` is kept. Array values are elements, not flattened (unlike `make_set`).
//! * `maxSize` (default and limit 1048576) keeps the first values; a group without
//!   values gives `[]` (conformance `summarize-operator-06`).

use kql_parser::ast::ScalarType;

use super::{
    Rows, arrays_column, check_element, check_int_option, check_predicate, column_arg, element_at,
    max_size,
};
use crate::exec::EvalError;
use crate::functions::{AggregateFunction, AggregateInput, ArgInfo, TypeError};
use crate::table::Column;
use crate::value::Dynamic;

pub(super) const MAKE_LIST: AggregateFunction = AggregateFunction {
    name: "make_list",
    min_args: 1,
    max_args: 2,
    return_type: list_type,
    name_prefix: Some("list"),
    picks_row: false,
    eval: make_list,
    doc: "make_list(x [, maxSize]): an array of the non-null values, in input order",
};

pub(super) const MAKE_LIST_IF: AggregateFunction = AggregateFunction {
    name: "make_list_if",
    min_args: 2,
    max_args: 3,
    return_type: list_if_type,
    name_prefix: Some("list"),
    picks_row: false,
    eval: make_list_if,
    doc: "make_list_if(x, predicate [, maxSize]): make_list over rows where the predicate is true",
};

pub(super) const MAKE_LIST_WITH_NULLS: AggregateFunction = AggregateFunction {
    name: "make_list_with_nulls",
    min_args: 1,
    max_args: 1,
    return_type: list_type,
    name_prefix: Some("list"),
    picks_row: false,
    eval: make_list_with_nulls,
    doc: "an array of all the values, nulls included, in input order",
};

const MAX_SIZE: std::ops::RangeInclusive<i64> = 1..=1_048_576;

fn list_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_element(args)?;
    check_int_option(args, 1, "maxSize", MAX_SIZE)?;
    Ok(ScalarType::Dynamic)
}

fn list_if_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_element(args)?;
    check_predicate(args, 1)?;
    check_int_option(args, 2, "maxSize", MAX_SIZE)?;
    Ok(ScalarType::Dynamic)
}

/// Per group, up to `limit` elements in row order; `keep_nulls` adds nulls as `null`.
fn collect(column: &Column, rows: &Rows<'_>, limit: usize, keep_nulls: bool) -> Column {
    let mut lists: Vec<Vec<Dynamic>> = vec![Vec::new(); rows.groups];
    for (row, g) in rows.iter() {
        let Some(list) = lists.get_mut(g) else {
            continue;
        };
        if list.len() >= limit {
            continue;
        }
        match element_at(column, row) {
            Some(d) => list.push(d),
            None if keep_nulls => list.push(Dynamic::Null),
            None => {}
        }
    }
    arrays_column(lists)
}

fn make_list(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    let column = column_arg(input, 0)?;
    Ok(collect(
        &column,
        &Rows::all(input),
        max_size(input, 1)?,
        false,
    ))
}

fn make_list_if(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    let column = column_arg(input, 0)?;
    let rows = Rows::where_true(input, 1)?;
    Ok(collect(&column, &rows, max_size(input, 2)?, false))
}

fn make_list_with_nulls(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    let column = column_arg(input, 0)?;
    Ok(collect(
        &column,
        &Rows::all(input),
        max_size(input, 1)?,
        true,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{error, table};

    const SHAPES: &str = r#"datatable (name: string, sideCount: int)
        ["triangle", 3, "square", 4, "rectangle", 4, "pentagon", 5, "hexagon", 6,
         "heptagon", 7, "octagon", 8, "nonagon", 9, "decagon", 10]"#;

    #[test]
    fn input_order_by_group() {
        // q/make-list-aggregation-function.md, "Using the 'by' clause".
        let t = table(&format!(
            "{SHAPES} | summarize mylist = make_list(name) by isEvenSideCount = sideCount % 2 == 0 | sort by isEvenSideCount asc"
        ));
        assert_eq!(
            t,
            [
                vec!["isEvenSideCount:bool", "mylist:dynamic"],
                vec!["false", r#"["triangle","pentagon","heptagon","nonagon"]"#],
                vec![
                    "true",
                    r#"["square","rectangle","hexagon","octagon","decagon"]"#
                ]
            ]
        );
    }

    #[test]
    fn make_list_if_and_max_size() {
        // q/make-list-if-aggregation-function.md: ["George","Ringo"].
        let t = table(
            r#"datatable(name:string, day_of_birth:long)["John", 9, "Paul", 18, "George", 25, "Ringo", 7]
            | summarize make_list_if(name, strlen(name) > 4), make_list(day_of_birth, 2)"#,
        );
        assert_eq!(
            t,
            [
                vec!["list_name:dynamic", "list_day_of_birth:dynamic"],
                vec![r#"["George","Ringo"]"#, "[9,18]"]
            ]
        );
    }

    #[test]
    fn nulls_and_arrays() {
        // q/make-list-with-nulls-aggregation-function.md keeps the null.
        let t = table(
            "datatable(x:int, d:dynamic)[int(null), dynamic([1,2]), 4, dynamic(null)] | summarize make_list_with_nulls(x), make_list(x), make_list(d)",
        );
        assert_eq!(t[1], ["[null,4]", "[4]", "[[1,2]]"]);
        let t = table("datatable(x:long)[] | summarize make_list(x)");
        assert_eq!(t[1], ["[]"]);
    }

    #[test]
    fn refusals() {
        assert!(error("datatable(x:long)[1] | summarize make_list(x, 0)").contains("maxSize"));
        assert!(
            error("datatable(x:decimal)[decimal(1)] | summarize make_list(x)").contains("decimal")
        );
    }
}
