//! `make_set`, `make_set_if`: a dynamic array of the group's distinct values.
//!
//! ```kql
//! T | summarize make_set(RecipientEmailAddress), make_set_if(Url, IsPhish, 10) by Sender
//! //          set_RecipientEmailAddress          set_Url
//! ```
//!
//! * Nulls are skipped; a string is never null, so `""` is a value.
//! * A dynamic array argument adds its elements, not the array (semantics case 029,
//!   q/make-set-aggregation-function.md "Set from array column"); null elements are
//!   skipped like null values **[U]**; nested arrays stay elements.
//! * Kusto documents the order as undefined; the documented and engine outputs list
//!   values in order of first appearance (conformance `make-set-if-aggregation-function-00`,
//!   semantics case 029), which is the order given here.
//! * `maxSize` (default and limit 1048576) keeps the first distinct values; a group
//!   without values gives `[]` (conformance `summarize-operator-06`).
//! * Distinct means structurally equal (`dynamic(1)` and `dynamic(1.0)` differ **[U]**).

use hashbrown::HashSet;
use kql_parser::ast::ScalarType;

use super::{
    Rows, arrays_column, check_element, check_int_option, check_predicate, column_arg, element_at,
    max_size,
};
use crate::exec::EvalError;
use crate::functions::{AggregateFunction, AggregateInput, ArgInfo, TypeError};
use crate::table::Column;
use crate::value::Dynamic;

pub(super) const MAKE_SET: AggregateFunction = AggregateFunction {
    name: "make_set",
    min_args: 1,
    max_args: 2,
    return_type: set_type,
    name_prefix: Some("set"),
    picks_row: false,
    eval: make_set,
    doc: "make_set(x [, maxSize]): an array of the distinct values (arrays flattened)",
};

pub(super) const MAKE_SET_IF: AggregateFunction = AggregateFunction {
    name: "make_set_if",
    min_args: 2,
    max_args: 3,
    return_type: set_if_type,
    name_prefix: Some("set"),
    picks_row: false,
    eval: make_set_if,
    doc: "make_set_if(x, predicate [, maxSize]): make_set over rows where the predicate is true",
};

const MAX_SIZE: std::ops::RangeInclusive<i64> = 1..=1_048_576;

fn set_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_element(args)?;
    check_int_option(args, 1, "maxSize", MAX_SIZE)?;
    Ok(ScalarType::Dynamic)
}

fn set_if_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_element(args)?;
    check_predicate(args, 1)?;
    check_int_option(args, 2, "maxSize", MAX_SIZE)?;
    Ok(ScalarType::Dynamic)
}

/// Per-group sets in order of first appearance.
struct Sets {
    lists: Vec<Vec<Dynamic>>,
    seen: HashSet<(usize, Dynamic)>,
    limit: usize,
}

impl Sets {
    fn add(&mut self, g: usize, d: Dynamic) {
        if d.is_null() {
            return;
        }
        let Some(list) = self.lists.get_mut(g) else {
            return;
        };
        if list.len() < self.limit && self.seen.insert((g, d.clone())) {
            list.push(d);
        }
    }
}

fn collect(column: &Column, rows: &Rows<'_>, limit: usize) -> Column {
    let mut lists: Vec<Vec<Dynamic>> = vec![Vec::new(); rows.groups];
    match column {
        // Strings: deduplicate on the borrowed text, allocating only new values.
        Column::String(c) => {
            let mut seen: HashSet<(usize, &str)> = HashSet::new();
            for (row, g) in rows.iter() {
                let s = c.get(row);
                if let Some(list) = lists.get_mut(g)
                    && list.len() < limit
                    && seen.insert((g, s))
                {
                    list.push(Dynamic::string(s));
                }
            }
        }
        Column::Dynamic(c) => {
            let mut sets = Sets {
                lists,
                seen: HashSet::new(),
                limit,
            };
            for (row, g) in rows.iter() {
                match c.get(row) {
                    Dynamic::Array(items) => {
                        for item in items.iter() {
                            sets.add(g, item.clone());
                        }
                    }
                    d => sets.add(g, d.clone()),
                }
            }
            lists = sets.lists;
        }
        _ => {
            let mut sets = Sets {
                lists,
                seen: HashSet::new(),
                limit,
            };
            for (row, g) in rows.iter() {
                if let Some(d) = element_at(column, row) {
                    sets.add(g, d);
                }
            }
            lists = sets.lists;
        }
    }
    arrays_column(lists)
}

fn make_set(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    let column = column_arg(input, 0)?;
    Ok(collect(&column, &Rows::all(input), max_size(input, 1)?))
}

fn make_set_if(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    let column = column_arg(input, 0)?;
    let rows = Rows::where_true(input, 1)?;
    Ok(collect(&column, &rows, max_size(input, 2)?))
}

#[cfg(test)]
mod tests {
    use super::super::testing::table;

    #[test]
    fn arrays_are_flattened() {
        // q/make-set-aggregation-function.md "Set from array column" (semantics case 029).
        let t = table(
            r#"datatable (Val: int, Arr1: dynamic)
            [1, dynamic(['A1', 'A2', 'A3']), 5, dynamic(['A2', 'C1']),
             7, dynamic(['C2', 'A3']), 5, dynamic(['C2', 'A1'])]
            | summarize Val_set=make_set(Val), Arr1_set=make_set(Arr1)"#,
        );
        assert_eq!(
            t,
            [
                vec!["Val_set:dynamic", "Arr1_set:dynamic"],
                vec!["[1,5,7]", r#"["A1","A2","A3","C1","C2"]"#]
            ]
        );
    }

    #[test]
    fn make_set_if_and_duplicate_names() {
        // q/make-set-if-aggregation-function.md: ["George","Ringo"].
        let t = table(
            r#"datatable(name:string, day_of_birth:long)["John", 9, "Paul", 18, "George", 25, "Ringo", 7]
            | summarize make_set_if(name, strlen(name) > 4)"#,
        );
        assert_eq!(t, [vec!["set_name:dynamic"], vec![r#"["George","Ringo"]"#]]);
        // Semantics case 025: make_set(y), make_set(y) gives set_y, set_y1.
        let t = table(
            "datatable(x:long)[1, 2] | extend y = iff(x == 1, real(null), real(5)) | summarize make_set(y), make_set(y)",
        );
        assert_eq!(
            t,
            [
                vec!["set_y:dynamic", "set_y1:dynamic"],
                vec!["[5.0]", "[5.0]"]
            ]
        );
    }

    #[test]
    fn groups_limits_and_empty_input() {
        let t = table(
            r#"datatable(user:string, host:string)["u1", "h1", "u1", "h2", "u1", "h1", "u2", "h3", "u2", ""]
            | summarize hosts = make_set(host), first = make_set(host, 1) by user | sort by user asc"#,
        );
        assert_eq!(
            t,
            [
                vec!["user:string", "hosts:dynamic", "first:dynamic"],
                vec!["u1", r#"["h1","h2"]"#, r#"["h1"]"#],
                vec!["u2", r#"["h3",""]"#, r#"["h3"]"#]
            ]
        );
        let t = table("datatable(x:long)[] | summarize make_set(x)");
        assert_eq!(t[1], ["[]"]);
    }
}
