//! `make_bag`, `make_bag_if`: one property bag merging the group's bags.
//!
//! ```kql
//! T | extend p = bag_pack(prop, value) | summarize dict = make_bag(p)
//! //                                     bag_p when unnamed
//! ```
//!
//! * Values that are not property bags (nulls, arrays, scalars) are skipped
//!   (q/make-bag-aggregation-function.md).
//! * "If a key appears in more than one row, an arbitrary value, out of the possible
//!   values for this key, will be selected": a key seen again with an *equal* value is
//!   fine, but with a different value Kusto's choice cannot be reproduced, so the query
//!   fails with an error instead of guessing.
//! * Keys keep the order in which they first appear. `maxSize` (default and limit
//!   1048576) bounds the number of keys; which keys Kusto keeps beyond it is
//!   unspecified, so exceeding it is an error too.
//! * A group without bags gives `{}` **[U]** (the documentation's default-value table
//!   lumps make_bag with the arrays as `[]`, without an example).

use kql_parser::ast::ScalarType;

use super::{Rows, check_int_option, check_predicate, column_arg, first_arg_type, max_size};
use crate::exec::EvalError;
use crate::functions::{AggregateFunction, AggregateInput, ArgInfo, TypeError};
use crate::table::{Column, DynamicColumn};
use crate::value::{Bag, Dynamic};

pub(super) const MAKE_BAG: AggregateFunction = AggregateFunction {
    name: "make_bag",
    min_args: 1,
    max_args: 2,
    return_type: bag_type,
    name_prefix: Some("bag"),
    picks_row: false,
    eval: make_bag,
    doc: "make_bag(bag [, maxSize]): the union of the group's property bags",
};

pub(super) const MAKE_BAG_IF: AggregateFunction = AggregateFunction {
    name: "make_bag_if",
    min_args: 2,
    max_args: 3,
    return_type: bag_if_type,
    name_prefix: Some("bag"),
    picks_row: false,
    eval: make_bag_if,
    doc: "make_bag_if(bag, predicate [, maxSize]): make_bag over rows where the predicate is true",
};

const MAX_SIZE: std::ops::RangeInclusive<i64> = 1..=1_048_576;

fn check_dynamic(args: &[ArgInfo<'_>]) -> Result<(), TypeError> {
    match first_arg_type(args)? {
        ScalarType::Dynamic => Ok(()),
        t => Err(TypeError::arg(
            0,
            format!("expected a dynamic property bag, not {t}"),
        )),
    }
}

fn bag_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_dynamic(args)?;
    check_int_option(args, 1, "maxSize", MAX_SIZE)?;
    Ok(ScalarType::Dynamic)
}

fn bag_if_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_dynamic(args)?;
    check_predicate(args, 1)?;
    check_int_option(args, 2, "maxSize", MAX_SIZE)?;
    Ok(ScalarType::Dynamic)
}

fn merge(column: &Column, rows: &Rows<'_>, limit: usize) -> Result<Column, EvalError> {
    let Column::Dynamic(values) = column else {
        return Err(EvalError::Internal(format!(
            "make_bag over {}",
            column.scalar_type()
        )));
    };
    let mut bags: Vec<Bag> = vec![Bag::new(); rows.groups];
    for (row, g) in rows.iter() {
        let (Some(entries), Some(bag)) = (values.get(row).as_bag(), bags.get_mut(g)) else {
            continue;
        };
        for (key, value) in entries {
            match bag.get(key) {
                Some(existing) if existing == value => {}
                Some(_) => {
                    return Err(EvalError::invalid(format!(
                        "make_bag: key \"{key}\" has different values in one group, and Kusto picks one of them arbitrarily; make the keys unique per group"
                    )));
                }
                None if bag.len() >= limit => {
                    return Err(EvalError::invalid(format!(
                        "make_bag: a group has more than {limit} keys, and which ones Kusto keeps is unspecified"
                    )));
                }
                None => {
                    bag.insert(key.clone(), value.clone());
                }
            }
        }
    }
    Ok(Column::Dynamic(DynamicColumn::from_values(
        bags.into_iter().map(Dynamic::bag).collect(),
    )))
}

fn make_bag(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    let column = column_arg(input, 0)?;
    merge(&column, &Rows::all(input), max_size(input, 1)?)
}

fn make_bag_if(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    let column = column_arg(input, 0)?;
    let rows = Rows::where_true(input, 1)?;
    merge(&column, &rows, max_size(input, 2)?)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{error, table};

    #[test]
    fn merges_bags_and_skips_other_values() {
        let t = table(
            r#"datatable(d:dynamic)[dynamic({"a":1}), dynamic(null), dynamic([1]), dynamic({"b":"x","a":1})]
            | summarize make_bag(d)"#,
        );
        assert_eq!(t, [vec!["bag_d:dynamic"], vec![r#"{"a":1,"b":"x"}"#]]);
    }

    #[test]
    fn make_bag_if_filters_rows() {
        // q/make-bag-if-aggregation-function.md, with literal bags for bag_pack().
        let t = table(
            r#"datatable(p:dynamic, predicate:bool)[
                dynamic({"prop01":"val_a"}), true,
                dynamic({"prop02":"val_b"}), false,
                dynamic({"prop03":"val_c"}), true]
            | summarize dict=make_bag_if(p, predicate)"#,
        );
        assert_eq!(t[1], [r#"{"prop01":"val_a","prop03":"val_c"}"#]);
    }

    #[test]
    fn conflicting_keys_are_refused() {
        let e = error(
            r#"datatable(d:dynamic)[dynamic({"a":1}), dynamic({"a":2})] | summarize make_bag(d)"#,
        );
        assert!(e.contains("arbitrarily"), "{e}");
        assert!(error("datatable(s:string)['a'] | summarize make_bag(s)").contains("dynamic"));
    }
}
