//! Lookups and set operations on arrays: `array_index_of`, `set_has_element`,
//! `set_union`, `set_intersect`, `set_difference`, `jaccard_index`
//! (q/array-index-of-function.md, q/set-*-function.md, q/jaccard-index-function.md).
//!
//! ```kql
//! print array_index_of(dynamic(["this","is","an","example","an"]), "an", 1, -1, 2)  // 4
//! print set_has_element(dynamic(["this","is"]), "is")                              // true
//! print set_difference(dynamic([1,2,1,4]), dynamic([1,2]))                          // [4]
//! print jaccard_index(dynamic([1,2,3]), dynamic([1,2,3,4]))                         // 0.75
//! ```
//!
//! Values match when they are equal with the same kind (`"a"` and `"a"`, `1` and `1`).
//! **[U]** Whether Kusto matches `"A"` with `"a"`, `1` with `1.0`, `true` with `1`, or a
//! datetime with its text is undocumented, so any input where that would change the
//! answer is refused; so are nulls in sets and null or non-array inputs.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::dynamic::to_dynamic;
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::{
    array_of, array_value, expect_dynamic, expect_integer, integer_of, signed, undocumented,
};
use crate::exec::EvalError;
use crate::value::real::canonical_real;
use crate::value::{Dynamic, Value};

/// The refusal for values that would match only under a looser equality.
fn ambiguous(function: &str) -> EvalError {
    undocumented(
        function,
        "values that differ only in case, numeric type or representation",
    )
}

/// A value's identity under the loosest equality Kusto might use: numbers (and bools)
/// by value, text (and datetimes, timespans, guids by their text) ignoring case.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Loose {
    Null,
    Number(u64),
    Text(String),
    Other(Dynamic),
}

fn loose(d: &Dynamic) -> Loose {
    match number(d) {
        Some(x) => Loose::Number(canonical_real(x).to_bits()),
        None => match text(d) {
            Some(t) => Loose::Text(t.to_lowercase()),
            None if d.is_null() => Loose::Null,
            None => Loose::Other(d.clone()),
        },
    }
}

fn number(d: &Dynamic) -> Option<f64> {
    match d {
        Dynamic::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        d => d.as_f64(),
    }
}

fn text(d: &Dynamic) -> Option<Cow<'_, str>> {
    match d {
        Dynamic::String(s) => Some(Cow::Borrowed(s)),
        Dynamic::DateTime(_) | Dynamic::TimeSpan(_) | Dynamic::Guid(_) => {
            Some(Cow::Owned(Value::Dynamic(d.clone()).to_kusto_string()))
        }
        _ => None,
    }
}

/// Whether `a` and `b` are equal under the loose equality, without building keys.
fn loosely_equal(a: &Dynamic, b: &Dynamic) -> bool {
    if let (Some(x), Some(y)) = (number(a), number(b)) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (text(a), text(b)) {
        return if x.is_ascii() && y.is_ascii() {
            x.eq_ignore_ascii_case(&y)
        } else {
            x.to_lowercase() == y.to_lowercase()
        };
    }
    a == b
}

/// Does `item` match `target`? Refuses when the answer depends on the equality used.
fn matches(function: &str, item: &Dynamic, target: &Dynamic) -> Result<bool, EvalError> {
    if item == target {
        Ok(true)
    } else if loosely_equal(item, target) {
        Err(ambiguous(function))
    } else {
        Ok(false)
    }
}

/// The value looked up, as a dynamic scalar. **[U]** Null, array and bag lookups are
/// refused.
fn lookup_target(function: &str, v: &Value, ty: ScalarType) -> Result<Dynamic, EvalError> {
    match to_dynamic(v, ty)? {
        Dynamic::Null => Err(undocumented(function, "a null value to look up")),
        Dynamic::Array(_) | Dynamic::Bag(_) => {
            Err(undocumented(function, "an array or bag to look up"))
        }
        d => Ok(d),
    }
}

fn lookup_type(args: &[ArgInfo<'_>], reals: bool) -> Result<(), TypeError> {
    expect_dynamic(args, 0)?;
    match args[1].ty {
        ScalarType::Decimal => Err(TypeError::arg(1, "looking up a decimal is not supported")),
        ScalarType::Real if !reals => Err(TypeError::arg(
            1,
            "array_index_of() of a real is not supported (the docs list long, int, datetime, timespan, string, guid and bool)",
        )),
        _ => Ok(()),
    }
}

pub(super) fn index_of_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    lookup_type(args, false)?;
    for i in 2..args.len() {
        expect_integer(args, i)?;
    }
    Ok(ScalarType::Long)
}

/// `array_index_of(a, value [, start [, length [, occurrence]]])`: the position of the
/// occurrence-th match among the `length` elements from `start` (negative counts from
/// the end; length -1 is unlimited), -1 if none, null when occurrence < 0 or
/// length < -1 (q/array-index-of-function.md). **[U]** A start before the beginning or
/// past the end, and occurrence 0, are refused.
pub(super) fn index_of(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    const NAME: &str = "array_index_of";
    let ty = call.types[1];
    map_rows(call, |v| {
        let arg = |i: usize, default: i64| v.get(i).map_or(Ok(default), |x| integer_of(NAME, x));
        let (start, length, occurrence) = (arg(2, 0)?, arg(3, -1)?, arg(4, 1)?);
        if occurrence < 0 || length < -1 {
            return Ok(Value::Null);
        }
        if occurrence == 0 {
            return Err(undocumented(NAME, "occurrence 0"));
        }
        let items = array_of(NAME, &v[0])?;
        let target = lookup_target(NAME, &v[1], ty)?;
        let len = signed(items.len());
        let from = if start < 0 {
            start.saturating_add(len)
        } else {
            start
        };
        if from < 0 || (from > len) || (from == len && v.len() > 2 && len > 0) {
            return Err(undocumented(NAME, "a start outside the array"));
        }
        let to = if length == -1 {
            len
        } else {
            from.saturating_add(length).min(len)
        };
        let mut seen = 0;
        for i in from..to {
            let item = usize::try_from(i).ok().and_then(|i| items.get(i));
            if let Some(item) = item
                && matches(NAME, item, &target)?
            {
                seen += 1;
                if seen == occurrence {
                    return Ok(Value::Long(i));
                }
            }
        }
        Ok(Value::Long(-1))
    })
}

pub(super) fn has_element_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    lookup_type(args, true)?;
    Ok(ScalarType::Bool)
}

/// `set_has_element(a, value)` (q/set-has-element-function.md).
pub(super) fn has_element(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    element_in(call, false)
}

/// `set_has_element(a, value)` where only a `true` answer matters (the predicate of
/// `where` or `countif`, see `bind::predicate`): a null or non-array `a` is "not true",
/// so it gives false.
pub(crate) fn has_element_in_predicate(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    element_in(call, true)
}

/// Whether `value` is in the array `a`; `a` that is not an array is refused, or (in a
/// predicate) false.
fn element_in(call: &ScalarCall<'_>, non_array_is_false: bool) -> Result<Datum, EvalError> {
    const NAME: &str = "set_has_element";
    let ty = call.types[1];
    map_rows(call, |v| {
        let items = match &v[0] {
            Value::Dynamic(Dynamic::Array(items)) => items.as_slice(),
            Value::Dynamic(_) | Value::Null if non_array_is_false => {
                return Ok(Value::Bool(false));
            }
            other => array_of(NAME, other)?,
        };
        let target = lookup_target(NAME, &v[1], ty)?;
        let mut found = false;
        for item in items {
            found |= matches(NAME, item, &target)?;
        }
        Ok(Value::Bool(found))
    })
}

/// The input arrays of a set function, after checking that exact and loose equality
/// agree on all their elements and that none is null.
fn set_inputs<'a>(function: &str, v: &'a [Value]) -> Result<Vec<&'a [Dynamic]>, EvalError> {
    let arrays = v
        .iter()
        .map(|x| array_of(function, x))
        .collect::<Result<Vec<_>, _>>()?;
    let mut by_key: HashMap<Loose, &Dynamic> = HashMap::new();
    for item in arrays.iter().flat_map(|a| a.iter()) {
        if item.is_null() {
            return Err(undocumented(function, "arrays holding nulls"));
        }
        match by_key.get(&loose(item)) {
            Some(seen) if *seen != item => return Err(ambiguous(function)),
            Some(_) => {}
            None => {
                by_key.insert(loose(item), item);
            }
        }
    }
    Ok(arrays)
}

/// The distinct elements of `items`, in first-appearance order.
fn distinct<'a>(items: impl Iterator<Item = &'a Dynamic>) -> Vec<&'a Dynamic> {
    let mut seen = HashSet::new();
    items.filter(|d| seen.insert(*d)).collect()
}

fn owned(items: Vec<&Dynamic>) -> Value {
    array_value(items.into_iter().cloned().collect())
}

/// `set_union(a, b, ...)`: distinct values in first-appearance order
/// (q/set-union-function.md: `[1,2,1,4] ∪ [1,2] ∪ [8]` is `[1,2,4,8]`).
pub(super) fn union(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let arrays = set_inputs("set_union", v)?;
        Ok(owned(distinct(arrays.iter().flat_map(|a| a.iter()))))
    })
}

/// `set_intersect(a, b, ...)`: the distinct values of `a` present in every other array.
pub(super) fn intersect(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let arrays = set_inputs("set_intersect", v)?;
        let others: Vec<HashSet<&Dynamic>> =
            arrays.iter().skip(1).map(|a| a.iter().collect()).collect();
        let first = arrays.first().copied().unwrap_or_default();
        let kept = distinct(first.iter()).into_iter();
        Ok(owned(
            kept.filter(|d| others.iter().all(|o| o.contains(d)))
                .collect(),
        ))
    })
}

/// `set_difference(a, b, ...)`: the distinct values of `a` present in no other array.
pub(super) fn difference(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let arrays = set_inputs("set_difference", v)?;
        let others: HashSet<&Dynamic> = arrays.iter().skip(1).flat_map(|a| a.iter()).collect();
        let first = arrays.first().copied().unwrap_or_default();
        let kept = distinct(first.iter()).into_iter();
        Ok(owned(kept.filter(|d| !others.contains(d)).collect()))
    })
}

/// `jaccard_index(a, b)`: |a ∩ b| / |a ∪ b| over distinct values. The result type is
/// `dynamic` as Kusto.Language declares it (`Functions.cs`: `ScalarTypes.Dynamic`);
/// **[U]** two empty sets (0 / 0) are refused.
pub(super) fn jaccard(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let arrays = set_inputs("jaccard_index", v)?;
        let a: HashSet<&Dynamic> = arrays.first().copied().unwrap_or_default().iter().collect();
        let b: HashSet<&Dynamic> = arrays.get(1).copied().unwrap_or_default().iter().collect();
        let union = a.union(&b).count();
        if union == 0 {
            return Err(undocumented("jaccard_index", "two empty sets"));
        }
        let common = a.intersection(&b).count();
        Ok(Value::Dynamic(Dynamic::Real(common as f64 / union as f64)))
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::dynamic::test_support::{ok, query, refused};

    #[test]
    fn index_of_examples() {
        // q/array-index-of-function.md (conformance array-index-of-function-00).
        let arr = r#"dynamic(["this", "is", "an", "example", "an", "example"])"#;
        let cases = [
            (r#""an""#, "2"),
            (r#""example",1,3"#, "3"),
            (r#""example",1,2"#, "-1"),
            (r#""is",2,4"#, "-1"),
            (r#""example",2,-1"#, "3"),
            (r#""an", 1, -1, 2"#, "4"),
            (r#""an", 1, -1, 3"#, "-1"),
            (r#""an", -3"#, "4"),
            (r#""is", -4"#, "-1"),
        ];
        for (args, want) in cases {
            assert_eq!(
                ok(&format!("array_index_of({arr}, {args})")),
                want,
                "{args}"
            );
        }
        assert_eq!(
            ok(&format!("isnull(array_index_of({arr}, 'an', 0, -2))")),
            "true"
        );
        assert_eq!(
            ok(&format!("isnull(array_index_of({arr}, 'an', 0, -1, -1))")),
            "true"
        );
        assert_eq!(ok("array_index_of(dynamic([]), 'a')"), "-1");
        assert!(refused(&format!("array_index_of({arr}, 'AN')")));
        assert!(refused("array_index_of(dynamic([1.0]), 1)"));
        assert!(refused("array_index_of(dynamic(null), 1)"));
        assert!(refused("array_index_of(dynamic([1]), 1.0)"));
    }

    #[test]
    fn has_element() {
        // q/set-has-element-function.md
        assert_eq!(
            ok(r#"set_has_element(dynamic(["this", "is", "an", "example"]), "example")"#),
            "true"
        );
        assert_eq!(ok(r#"set_has_element(dynamic(["a"]), "b")"#), "false");
        assert_eq!(ok("set_has_element(dynamic([1, 2]), toint(2))"), "true");
        assert_eq!(
            ok(r#"set_has_element(parse_json('{"p":["x"]}').p, "x")"#),
            "true"
        );
        assert!(refused(r#"set_has_element(dynamic(["A"]), "a")"#));
        assert!(refused(r#"set_has_element(dynamic(null), "a")"#));
    }

    #[test]
    fn set_operations() {
        // q/set-union-function.md (conformance set-union-function-01).
        assert_eq!(
            ok("set_union(dynamic([1,2,1,4]), dynamic([1,2]), dynamic([8]))"),
            "[1,2,4,8]"
        );
        assert_eq!(
            ok("set_union(dynamic(['A4','A2','A7','A2']), dynamic(['A4','A2','A7','A2']))"),
            r#"["A4","A2","A7"]"#
        );
        // q/set-intersect-function.md, q/set-difference-function.md (conformance cases).
        assert_eq!(
            ok("set_intersect(dynamic([1,2,1,4]), dynamic([1,2]), dynamic([8,1]))"),
            "[1]"
        );
        assert_eq!(
            ok("set_intersect(dynamic([1, 2, 3]), dynamic([4,5]))"),
            "[]"
        );
        assert_eq!(
            ok("set_difference(dynamic([1,2,1,4]), dynamic([1,2]), dynamic([1,2,8]))"),
            "[4]"
        );
        assert_eq!(
            ok("set_difference(dynamic([1,2,3]), dynamic([1,2,3]))"),
            "[]"
        );
        assert!(refused("set_union(dynamic(['a']), dynamic(['A']))"));
        assert!(refused("set_union(dynamic([1]), dynamic([1.0]))"));
        assert!(refused("set_union(dynamic([1, null]), dynamic([2]))"));
        assert!(refused("set_union(dynamic(null), dynamic([2]))"));
    }

    #[test]
    fn jaccard() {
        // q/jaccard-index-function.md
        let rows = query(
            "print set1=dynamic([1,2,3]), set2=dynamic([1,2,3,4]) \
             | extend jaccard=jaccard_index(set1, set2)",
        )
        .unwrap();
        assert_eq!(rows[0][2], "jaccard:dynamic");
        assert_eq!(rows[1][2], "0.75");
        assert_eq!(ok("jaccard_index(dynamic([1,1,2]), dynamic([3]))"), "0");
        assert!(refused("jaccard_index(dynamic([]), dynamic([]))"));
    }
}
