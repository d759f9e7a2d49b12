//! Dynamic-array functions: building and reshaping arrays (`shape`), sorting (`sort`)
//! and set operations and lookups (`sets`). Sources: the q/array-*-function.md,
//! q/set-*-function.md, q/range-function.md, q/zip-function.md, q/repeat-function.md and
//! q/jaccard-index-function.md pages; signatures from Kusto.Language `Functions.cs`.
//!
//! ```kql
//! print range(1, 8, 3)                                   // [1,4,7]
//! print array_slice(dynamic([1,2,3,4,5]), -3, -2)        // [3,4]
//! print array_sort_asc(dynamic([null,"blue","green"]))   // ["blue","green",null]
//! print set_union(dynamic([1,2]), dynamic([2,3]))        // [1,2,3]
//! print array_index_of(dynamic(["a","b"]), "b")          // 1
//! ```
//!
//! Where Kusto's answer is undocumented (a null where an array is expected, strings
//! that differ only in case, a long and a real of equal value), the function refuses
//! with an error rather than guess; such places are marked **[U]**.

mod build;
mod sets;
mod shape;
mod sort;

use kql_parser::ast::ScalarType;

use super::{ArgInfo, ScalarFunction, TypeError, entry};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

#[rustfmt::skip]
pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    entry("range", (2, 3), build::range_type, build::range, "range(start, stop [, step]): a dynamic array of equally spaced values"),
    entry("array_concat", (1, 64), all_dynamic, shape::concat, "the elements of all the arrays, in order"),
    entry("array_slice", (3, 3), shape::slice_type, shape::slice, "array_slice(a, start, end): elements start..end inclusive; negative from the end"),
    entry("array_split", (2, 2), shape::split_type, shape::split, "array_split(a, i | [i1, i2, ...]): the pieces between the split indices"),
    entry("array_reverse", (1, 1), all_dynamic, shape::reverse, "the elements in reverse order"),
    entry("array_rotate_left", (2, 2), shape::count_type, shape::rotate, "rotates the elements n places to the left"),
    entry("array_rotate_right", (2, 2), shape::count_type, shape::rotate, "rotates the elements n places to the right"),
    entry("array_shift_left", (2, 3), shape::shift_type, shape::shift, "shifts the elements n places left, filling with null or a default"),
    entry("array_shift_right", (2, 3), shape::shift_type, shape::shift, "shifts the elements n places right, filling with null or a default"),
    entry("array_iff", (3, 3), shape::iff_type, shape::iff, "element-wise iff over a condition array"),
    entry("array_iif", (3, 3), shape::iff_type, shape::iff, "alias of array_iff()"),
    entry("array_sum", (1, 1), shape::sum_type, shape::sum, "the sum of a numeric array as a real; null if an element is not a number"),
    entry("zip", (2, 16), all_dynamic, build::zip, "arrays of the i-th elements of the input arrays"),
    entry("repeat", (2, 2), build::repeat_type, build::repeat, "repeat(value, n): an array of n copies of value"),
    entry("array_sort_asc", (1, 2), sort::sort_type, sort::sort, "the array sorted ascending; nulls last unless nulls_last is false"),
    entry("array_sort_desc", (1, 2), sort::sort_type, sort::sort, "the array sorted descending; nulls last unless nulls_last is false"),
    entry("array_index_of", (2, 5), sets::index_of_type, sets::index_of, "array_index_of(a, v [, start [, length [, occurrence]]]): position or -1"),
    entry("set_has_element", (2, 2), sets::has_element_type, sets::has_element, "true if the array holds the value"),
    entry("set_union", (2, 64), all_dynamic, sets::union, "the distinct values of all the arrays"),
    entry("set_intersect", (2, 64), all_dynamic, sets::intersect, "the distinct values that are in every array"),
    entry("set_difference", (2, 64), all_dynamic, sets::difference, "the distinct values of the first array that are in no other"),
    entry("jaccard_index", (2, 2), all_dynamic, sets::jaccard, "|a ∩ b| / |a ∪ b| of the distinct values"),
];

/// `set_has_element` as the binder calls it in a `where` or `countif` predicate, where
/// a null array may read as false (see `bind::predicate`); not listed on its own.
pub(crate) static SET_HAS_ELEMENT_IN_PREDICATE: ScalarFunction = entry(
    "set_has_element",
    (2, 2),
    sets::has_element_type,
    sets::has_element_in_predicate,
    "true if the array holds the value",
);

/// Every argument is `dynamic`; the result is `dynamic`.
fn all_dynamic(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    for i in 0..args.len() {
        expect_dynamic(args, i)?;
    }
    Ok(ScalarType::Dynamic)
}

/// Argument `i` is `dynamic`.
fn expect_dynamic(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args[i].ty {
        ScalarType::Dynamic => Ok(()),
        t => Err(TypeError::arg(
            i,
            format!("expected a dynamic array, not {t}"),
        )),
    }
}

/// Argument `i`, when present, is an `int` or a `long`.
fn expect_integer(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args.get(i).map(|a| a.ty) {
        None | Some(ScalarType::Int | ScalarType::Long) => Ok(()),
        Some(t) => Err(TypeError::arg(i, format!("expected an integer, not {t}"))),
    }
}

/// Argument `i`, when present, is a constant (Kusto requires one there).
fn expect_constant(args: &[ArgInfo<'_>], i: usize, what: &str) -> Result<(), TypeError> {
    match args.get(i) {
        Some(a) if a.literal.is_none() => {
            Err(TypeError::arg(i, format!("{what} must be a constant")))
        }
        _ => Ok(()),
    }
}

/// The refusal for an input whose result Kusto does not document.
fn undocumented(function: &str, what: &str) -> EvalError {
    EvalError::invalid(format!(
        "{function}() of {what} is undocumented in Kusto, so kql refuses rather than guess"
    ))
}

/// The elements of an array argument. **[U]** What the array functions give for a
/// null or a non-array is undocumented, so both are refused.
fn array_of<'a>(function: &str, v: &'a Value) -> Result<&'a [Dynamic], EvalError> {
    match v {
        Value::Dynamic(Dynamic::Array(items)) => Ok(items),
        Value::Null | Value::Dynamic(Dynamic::Null) => Err(undocumented(function, "a null array")),
        _ => Err(undocumented(function, "a value that is not an array")),
    }
}

/// An integer argument (a count or an index). **[U]** A null one is refused.
fn integer_of(function: &str, v: &Value) -> Result<i64, EvalError> {
    match v {
        Value::Dynamic(Dynamic::Long(n)) => Ok(*n),
        v => v
            .as_i64()
            .ok_or_else(|| undocumented(function, "a null count or index")),
    }
}

/// A length as a signed number (array lengths are far below `i64::MAX`).
fn signed(len: usize) -> i64 {
    i64::try_from(len).unwrap_or(i64::MAX)
}

/// `i`, or `len + i` when `i` is negative (a position counted from the end).
fn from_end(i: i64, len: usize) -> i64 {
    if i < 0 {
        i.saturating_add(signed(len))
    } else {
        i
    }
}

/// A dynamic array value.
fn array_value(items: Vec<Dynamic>) -> Value {
    Value::Dynamic(Dynamic::array(items))
}

#[cfg(test)]
mod tests {
    use super::super::dynamic::test_support::{ok, refused};

    #[test]
    fn non_arrays_are_refused() {
        assert!(refused("array_reverse(dynamic(null))"));
        assert!(refused("array_reverse(dynamic({}))"));
        assert!(refused("array_reverse(1)"));
        assert!(refused("array_slice(dynamic([1]), int(null), 1)"));
        assert_eq!(ok("array_reverse(dynamic([]))"), "[]");
    }

    #[test]
    fn extreme_counts_do_not_panic() {
        let (min, max) = ("(-9223372036854775807 - 1)", "9223372036854775807");
        for n in [min, max, "0", "-1"] {
            let a = "dynamic([1,2,3])";
            for expr in [
                format!("array_slice({a}, {n}, {n})"),
                format!("array_slice({a}, {min}, {max})"),
                format!("array_rotate_left({a}, {n})"),
                format!("array_rotate_right({a}, {n})"),
                format!("array_shift_left({a}, {n})"),
                format!("array_shift_right({a}, {n}, 0)"),
                format!("array_split({a}, {n})"),
                format!("array_index_of({a}, 2, {n}, {n}, {n})"),
                format!("repeat(1, {n})"),
                format!("range({n}, {max}, {max})"),
                format!("range({min}, {n})"),
            ] {
                let _ = super::super::dynamic::test_support::eval(&expr);
            }
        }
        assert_eq!(
            ok(&format!("array_slice(dynamic([1,2,3]), {min}, {max})")),
            "[1,2,3]"
        );
        assert_eq!(
            ok(&format!("array_length(range({min}, {max}, {max}))")),
            "3"
        );
    }
}
