//! Reshaping arrays: `array_concat`, `array_slice`, `array_split`, `array_reverse`,
//! `array_rotate_*`, `array_shift_*`, `array_iff`, `array_sum`.
//!
//! ```kql
//! print array_split(dynamic([1,2,3,4,5]), dynamic([1,3]))  // [[1],[2,3],[4,5]]
//! print array_shift_left(dynamic([1,2,3,4,5]), 2, -1)      // [3,4,5,-1,-1]
//! print array_rotate_right(dynamic([1,2,3,4,5]), 2)        // [4,5,1,2,3]
//! print array_iff(dynamic([true,false]), 1, 0)              // [1,0]
//! print array_sum(dynamic([1,2,3,4]))                       // 10
//! ```

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::dynamic::{packable, to_dynamic};
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::{
    array_of, array_value, expect_dynamic, expect_integer, from_end, integer_of, signed,
    undocumented,
};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

pub(super) fn concat(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let mut out = Vec::new();
        for x in v {
            out.extend_from_slice(array_of("array_concat", x)?);
        }
        Ok(array_value(out))
    })
}

pub(super) fn slice_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_dynamic(args, 0)?;
    expect_integer(args, 1)?;
    expect_integer(args, 2)?;
    Ok(ScalarType::Dynamic)
}

/// `array_slice(a, start, end)`: inclusive; negative indices count from the end and
/// out-of-bounds indices are ignored (q/array-slice-function.md), i.e. clamped.
pub(super) fn slice(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let items = array_of("array_slice", &v[0])?;
        let len = items.len();
        let start = from_end(integer_of("array_slice", &v[1])?, len).max(0);
        let end = from_end(integer_of("array_slice", &v[2])?, len).min(signed(len) - 1);
        let picked = match (usize::try_from(start), usize::try_from(end)) {
            (Ok(s), Ok(e)) if s <= e => items.get(s..=e).unwrap_or_default().to_vec(),
            _ => Vec::new(),
        };
        Ok(array_value(picked))
    })
}

pub(super) fn split_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_dynamic(args, 0)?;
    match args[1].ty {
        ScalarType::Int | ScalarType::Long | ScalarType::Dynamic => Ok(ScalarType::Dynamic),
        t => Err(TypeError::arg(
            1,
            format!("expected an integer or an array of integers, not {t}"),
        )),
    }
}

/// `array_split(a, indices)`: the pieces `[0..i1), [i1..i2), ..., [iN..len)`
/// (q/array-split-function.md). **[U]** Indices outside the array or out of order are
/// refused.
pub(super) fn split(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    const NAME: &str = "array_split";
    map_rows(call, |v| {
        let items = array_of(NAME, &v[0])?;
        let len = items.len();
        let raw: Vec<i64> = match &v[1] {
            Value::Dynamic(Dynamic::Array(xs)) => xs
                .iter()
                .map(|x| {
                    x.as_i64()
                        .ok_or_else(|| undocumented(NAME, "non-integer indices"))
                })
                .collect::<Result<_, _>>()?,
            x => vec![integer_of(NAME, x)?],
        };
        let mut pieces: Vec<Dynamic> = Vec::with_capacity(raw.len() + 1);
        let mut from = 0usize;
        for i in raw {
            let at = usize::try_from(from_end(i, len))
                .ok()
                .filter(|at| *at <= len && *at >= from)
                .ok_or_else(|| undocumented(NAME, "indices outside the array or out of order"))?;
            pieces.push(Dynamic::array(items[from..at].to_vec()));
            from = at;
        }
        pieces.push(Dynamic::array(items[from..].to_vec()));
        Ok(array_value(pieces))
    })
}

pub(super) fn reverse(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let mut items = array_of("array_reverse", &v[0])?.to_vec();
        items.reverse();
        Ok(array_value(items))
    })
}

pub(super) fn count_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_dynamic(args, 0)?;
    expect_integer(args, 1)?;
    Ok(ScalarType::Dynamic)
}

/// `array_rotate_left/right(a, n)`: a negative count rotates the other way
/// (q/array-rotate-left-function.md).
pub(super) fn rotate(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let mut items = array_of(name, &v[0])?.to_vec();
        let n = integer_of(name, &v[1])?;
        if !items.is_empty() {
            let k = usize::try_from(n.rem_euclid(signed(items.len()))).unwrap_or(0);
            if name == "array_rotate_left" {
                items.rotate_left(k);
            } else {
                items.rotate_right(k);
            }
        }
        Ok(array_value(items))
    })
}

pub(super) fn shift_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_dynamic(args, 0)?;
    expect_integer(args, 1)?;
    if args.len() > 2 {
        packable(args, 2)?;
    }
    Ok(ScalarType::Dynamic)
}

/// `array_shift_left/right(a, n [, default])`: elements move n places; the vacated ones
/// take `default`. Without one the docs say "null or an empty string depending on the
/// type of elements" (q/array-shift-left-function.md); **[U]** which applies to an
/// array holding strings is unclear, so that case is refused.
pub(super) fn shift(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    let default_ty = call.types.get(2).copied();
    map_rows(call, |v| {
        let items = array_of(name, &v[0])?;
        let n = integer_of(name, &v[1])?;
        let offset = if name == "array_shift_left" {
            n
        } else {
            n.saturating_neg()
        };
        let fill = match (v.get(2), default_ty) {
            (Some(d), Some(ty)) => to_dynamic(d, ty)?,
            _ if n != 0 && items.iter().any(|i| matches!(i, Dynamic::String(_))) => {
                return Err(undocumented(name, "a string array without a default value"));
            }
            _ => Dynamic::Null,
        };
        let shifted = (0..signed(items.len()))
            .map(|i| {
                i.checked_add(offset)
                    .and_then(|j| usize::try_from(j).ok())
                    .and_then(|j| items.get(j))
                    .cloned()
                    .unwrap_or_else(|| fill.clone())
            })
            .collect();
        Ok(array_value(shifted))
    })
}

pub(super) fn iff_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_dynamic(args, 0)?;
    packable(args, 1)?;
    packable(args, 2)?;
    Ok(ScalarType::Dynamic)
}

/// `array_iff(conditions, when_true, when_false)` (q/array-iff-function.md): a numeric
/// condition is true when not 0, any other non-bool condition gives null, and a value
/// array shorter than the conditions gives null for the missing elements.
pub(super) fn iff(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    let (then_ty, else_ty) = (call.types[1], call.types[2]);
    map_rows(call, |v| {
        let conditions = array_of(name, &v[0])?;
        let pick = |x: &Value, ty: ScalarType, i: usize| -> Result<Dynamic, EvalError> {
            match x {
                Value::Dynamic(Dynamic::Array(xs)) => Ok(xs.get(i).cloned().unwrap_or_default()),
                x => to_dynamic(x, ty),
            }
        };
        let mut out = Vec::with_capacity(conditions.len());
        for (i, c) in conditions.iter().enumerate() {
            let chosen = match c {
                Dynamic::Bool(b) => Some(*b),
                Dynamic::Long(n) => Some(*n != 0),
                Dynamic::Real(r) if r.is_nan() => {
                    return Err(undocumented(name, "a NaN condition"));
                }
                Dynamic::Real(r) => Some(*r != 0.0),
                _ => None,
            };
            out.push(match chosen {
                Some(true) => pick(&v[1], then_ty, i)?,
                Some(false) => pick(&v[2], else_ty, i)?,
                None => Dynamic::Null,
            });
        }
        Ok(array_value(out))
    })
}

pub(super) fn sum_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_dynamic(args, 0)?;
    Ok(ScalarType::Real)
}

/// `array_sum(a)`: a real; null when an element is not numeric (q/array-sum-function.md).
/// **[U]** Null elements and the empty array are refused.
pub(super) fn sum(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let items = array_of("array_sum", &v[0])?;
        if items.is_empty() {
            return Err(undocumented("array_sum", "an empty array"));
        }
        let mut total = 0.0;
        for item in items {
            match item {
                Dynamic::Long(n) => total += *n as f64,
                Dynamic::Real(r) => total += r,
                Dynamic::Null => return Err(undocumented("array_sum", "an array with nulls")),
                _ => return Ok(Value::Null),
            }
        }
        Ok(Value::Real(total))
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::dynamic::test_support::{ok, query, refused};

    #[test]
    fn concat_slice_split_reverse() {
        // q/array-concat-function.md (conformance array-concat-function-00).
        let rows = query(
            "range x from 1 to 3 step 1 | extend y = x * 2 | extend z = y * 2 \
             | extend a1 = pack_array(x,y,z), a2 = pack_array(x, y) | project array_concat(a1, a2)",
        )
        .unwrap();
        assert_eq!(rows[1], ["[1,2,4,1,2]"]);
        // q/array-slice-function.md
        assert_eq!(ok("array_slice(dynamic([1,2,3]), 1, 2)"), "[2,3]");
        assert_eq!(ok("array_slice(dynamic([1,2,3,4,5]), 2, -1)"), "[3,4,5]");
        assert_eq!(ok("array_slice(dynamic([1,2,3,4,5]), -3, -2)"), "[3,4]");
        assert_eq!(ok("array_slice(dynamic([1,2,3]), 1, 10)"), "[2,3]");
        assert_eq!(ok("array_slice(dynamic([1,2,3]), 2, 1)"), "[]");
        assert_eq!(ok("array_slice(dynamic([]), 0, 0)"), "[]");
        // q/array-split-function.md
        assert_eq!(
            ok("array_split(dynamic([1,2,3,4,5]), 2)"),
            "[[1,2],[3,4,5]]"
        );
        assert_eq!(
            ok("array_split(dynamic([1,2,3,4,5]), dynamic([1,3]))"),
            "[[1],[2,3],[4,5]]"
        );
        assert!(refused("array_split(dynamic([1,2,3]), 7)"));
        assert!(refused("array_split(dynamic([1,2,3]), dynamic([2,1]))"));
        // q/array-reverse-function.md
        assert_eq!(
            ok(r#"array_reverse(dynamic(["this", "is", "an", "example"]))"#),
            r#"["example","an","is","this"]"#
        );
    }

    #[test]
    fn rotate_and_shift() {
        // q/array-rotate-left-function.md, q/array-rotate-right-function.md
        assert_eq!(
            ok("array_rotate_left(dynamic([1,2,3,4,5]), 2)"),
            "[3,4,5,1,2]"
        );
        assert_eq!(
            ok("array_rotate_left(dynamic([1,2,3,4,5]), -2)"),
            "[4,5,1,2,3]"
        );
        assert_eq!(
            ok("array_rotate_right(dynamic([1,2,3,4,5]), 2)"),
            "[4,5,1,2,3]"
        );
        assert_eq!(
            ok("array_rotate_right(dynamic([1,2,3,4,5]), 7)"),
            "[4,5,1,2,3]"
        );
        // q/array-shift-left-function.md
        assert_eq!(
            ok("array_shift_left(dynamic([1,2,3,4,5]), 2)"),
            "[3,4,5,null,null]"
        );
        assert_eq!(
            ok("array_shift_left(dynamic([1,2,3,4,5]), 2, -1)"),
            "[3,4,5,-1,-1]"
        );
        assert_eq!(
            ok("array_shift_left(dynamic([1,2,3,4,5]), -2, -1)"),
            "[-1,-1,1,2,3]"
        );
        assert_eq!(
            ok("array_shift_right(dynamic([1,2,3,4,5]), 2, -1)"),
            "[-1,-1,1,2,3]"
        );
        assert_eq!(ok("array_shift_right(dynamic([1,2]), 9)"), "[null,null]");
        assert!(refused(r#"array_shift_left(dynamic(["a","b"]), 1)"#));
        assert_eq!(
            ok(r#"array_shift_left(dynamic(["a","b"]), 1, "z")"#),
            r#"["b","z"]"#
        );
    }

    #[test]
    fn iff_and_sum() {
        // q/array-iff-function.md (conformance array-iff-function-00..02)
        assert_eq!(
            ok("array_iff(dynamic([true,false,true]), dynamic([1,2,3]), dynamic([4,5,6]))"),
            "[1,5,3]"
        );
        assert_eq!(
            ok(r#"array_iff(dynamic([1,0,50]), "yes", "no")"#),
            r#"["yes","no","yes"]"#
        );
        assert_eq!(
            ok(r#"array_iff(dynamic(["s", datetime(2022-01-01), null]), 1, 0)"#),
            "[null,null,null]"
        );
        assert_eq!(
            ok("array_iif(dynamic([true,true,true]), dynamic([1,2]), dynamic([3,4]))"),
            "[1,2,null]"
        );
        // q/array-sum-function.md
        assert_eq!(ok("array_sum(dynamic([1,2,3,4]))"), "10");
        assert_eq!(ok("isnull(array_sum(dynamic([1,'a'])))"), "true");
        assert!(refused("array_sum(dynamic([]))"));
    }
}
