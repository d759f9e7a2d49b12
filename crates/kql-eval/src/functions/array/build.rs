//! Building arrays: `range`, `zip`, `repeat` (q/range-function.md, q/zip-function.md,
//! q/repeat-function.md).
//!
//! ```kql
//! print range(1, 8, 3)                       // [1,4,7]
//! print range(1h, 3h)                        // ["01:00:00","02:00:00","03:00:00"]
//! print zip(dynamic([1,3]), dynamic([2]))    // [[1,2],[3,null]]
//! print repeat("a", 2)                       // ["a","a"]
//! ```

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::dynamic::to_dynamic;
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::{array_of, array_value, expect_integer, integer_of, undocumented};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

/// q/range-function.md: "a maximum of 1,048,576 (2^20) results"; longer is truncated.
const MAX_RANGE: i128 = 1 << 20;
/// The largest array `repeat()` builds; beyond it kql refuses.
const MAX_REPEAT: i64 = 1 << 20;
/// One hour in ticks: the default step of a datetime or timespan range.
const HOUR: i64 = 36_000_000_000;

pub(super) fn range_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    use ScalarType as T;
    let start = args[0].ty;
    match start {
        T::Int | T::Long | T::Real | T::DateTime | T::TimeSpan => {}
        T::Decimal => return Err(TypeError::arg(0, "a decimal range is not supported")),
        t => {
            return Err(TypeError::arg(
                0,
                format!("range() needs numbers, datetimes or timespans, not {t}"),
            ));
        }
    }
    for (i, a) in args.iter().enumerate().skip(1) {
        let fits = match start {
            T::DateTime if i == 1 => a.ty == T::DateTime,
            T::DateTime | T::TimeSpan => a.ty == T::TimeSpan,
            _ => matches!(a.ty, T::Int | T::Long | T::Real),
        };
        if !fits {
            return Err(TypeError::arg(
                i,
                format!("range() from a {start} cannot take a {} here", a.ty),
            ));
        }
    }
    Ok(T::Dynamic)
}

/// `range(start, stop [, step])`: start, start + step, ... up to and including stop.
/// **[U]** A step that is not positive, a stop below the start and a null argument are
/// undocumented and refused; so are real ranges with fractional values (whether Kusto
/// adds the step repeatedly or multiplies it changes the last digits).
pub(super) fn range(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let start_ty = call.types[0];
    let reals = call.types.contains(&ScalarType::Real);
    map_rows(call, |v| {
        if v.iter().any(Value::is_null) {
            return Err(undocumented("range", "a null bound or step"));
        }
        let items = match start_ty {
            ScalarType::DateTime | ScalarType::TimeSpan => {
                let ticks = |x: &Value| match x {
                    Value::DateTime(t) | Value::TimeSpan(t) => Ok(*t),
                    _ => Err(EvalError::Internal("range() tick type".into())),
                };
                let step = v.get(2).map_or(Ok(HOUR), ticks)?;
                let wrap = if start_ty == ScalarType::DateTime {
                    Dynamic::DateTime
                } else {
                    Dynamic::TimeSpan
                };
                series(ticks(&v[0])?, ticks(&v[1])?, step)?
                    .into_iter()
                    .map(wrap)
                    .collect()
            }
            _ if reals => {
                let n = |x: &Value| {
                    x.as_f64()
                        .and_then(integral)
                        .ok_or_else(|| undocumented("range", "fractional real values"))
                };
                let step = v.get(2).map_or(Ok(1), n)?;
                series(n(&v[0])?, n(&v[1])?, step)?
                    .into_iter()
                    .map(|x| Dynamic::Real(x as f64))
                    .collect()
            }
            _ => {
                let step = v.get(2).map_or(Ok(1), |s| integer_of("range", s))?;
                let (start, stop) = (integer_of("range", &v[0])?, integer_of("range", &v[1])?);
                series(start, stop, step)?
                    .into_iter()
                    .map(Dynamic::Long)
                    .collect()
            }
        };
        Ok(array_value(items))
    })
}

/// The integer value of a real, when it is one and exactly representable.
fn integral(x: f64) -> Option<i64> {
    (x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_992.0).then_some(x as i64)
}

fn series(start: i64, stop: i64, step: i64) -> Result<Vec<i64>, EvalError> {
    if step <= 0 {
        return Err(undocumented("range", "a step that is not positive"));
    }
    if stop < start {
        return Err(undocumented("range", "a stop below the start"));
    }
    let count = ((i128::from(stop) - i128::from(start)) / i128::from(step) + 1).min(MAX_RANGE);
    Ok((0..count)
        .filter_map(|k| i64::try_from(i128::from(start) + k * i128::from(step)).ok())
        .collect())
}

/// `zip(a, b, ...)`: `[[a0, b0], [a1, b1], ...]`, shorter arrays padded with null
/// (q/zip-function.md).
pub(super) fn zip(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let arrays = v
            .iter()
            .map(|x| array_of("zip", x))
            .collect::<Result<Vec<_>, _>>()?;
        let len = arrays.iter().map(|a| a.len()).max().unwrap_or(0);
        let rows = (0..len)
            .map(|i| {
                let row = arrays.iter().map(|a| a.get(i).cloned().unwrap_or_default());
                Dynamic::array(row.collect())
            })
            .collect();
        Ok(array_value(rows))
    })
}

pub(super) fn repeat_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    use ScalarType as T;
    match args[0].ty {
        T::Bool | T::Int | T::Long | T::Real | T::DateTime | T::String | T::TimeSpan => {}
        t => {
            return Err(TypeError::arg(
                0,
                format!(
                    "repeat() of a {t} is not supported (the docs list bool, int, long, real, datetime, string and timespan)"
                ),
            ));
        }
    }
    expect_integer(args, 1)?;
    Ok(T::Dynamic)
}

/// `repeat(value, n)`: `[]` for 0 and null for a negative count (q/repeat-function.md).
/// **[U]** A null value or count is refused, and so is a count above 2^20.
pub(super) fn repeat(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let ty = call.types[0];
    map_rows(call, |v| {
        let n = integer_of("repeat", &v[1])?;
        if n < 0 {
            return Ok(Value::Dynamic(Dynamic::Null));
        }
        if n > MAX_REPEAT {
            return Err(EvalError::invalid(format!(
                "repeat() of more than {MAX_REPEAT} elements is not supported"
            )));
        }
        if matches!(v[0], Value::Null) && ty != ScalarType::String {
            return Err(undocumented("repeat", "a null value"));
        }
        let item = to_dynamic(&v[0], ty)?;
        let count = usize::try_from(n).unwrap_or(0);
        Ok(array_value(vec![item; count]))
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::dynamic::test_support::{ok, refused};

    #[test]
    fn range_examples() {
        // q/range-function.md examples; conformance range-function-03.
        assert_eq!(ok("range(1, 8, 3)"), "[1,4,7]");
        assert_eq!(ok("range(1, 3)"), "[1,2,3]");
        assert_eq!(
            ok("range(1h, 5h)"),
            r#"["01:00:00","02:00:00","03:00:00","04:00:00","05:00:00"]"#
        );
        assert_eq!(
            ok("range(datetime(2007-01-01), datetime(2007-01-03), 1d)"),
            r#"["2007-01-01T00:00:00.0000000Z","2007-01-02T00:00:00.0000000Z","2007-01-03T00:00:00.0000000Z"]"#
        );
        assert_eq!(ok("array_length(range(1, 1000000000))"), "1048576");
        assert_eq!(ok("range(1.0, 3)"), "[1.0,2.0,3.0]");
        assert!(refused("range(0.1, 0.5, 0.1)"));
        assert!(refused("range(5, 1)"));
        assert!(refused("range(1, 5, 0)"));
        assert!(refused("range('a', 'b')"));
        assert!(refused("range(datetime(2020-01-01), 5)"));
    }

    #[test]
    fn zip_and_repeat() {
        // q/zip-function.md
        assert_eq!(
            ok("zip(dynamic([1,3,5]), dynamic([2,4,6]))"),
            "[[1,2],[3,4],[5,6]]"
        );
        assert_eq!(
            ok(r#"zip(dynamic(["A", 1, 1.5]), dynamic([{}, "B"]))"#),
            r#"[["A",{}],[1,"B"],[1.5,null]]"#
        );
        // q/repeat-function.md
        assert_eq!(ok("repeat(1, 3)"), "[1,1,1]");
        assert_eq!(ok("repeat('a', 0)"), "[]");
        assert_eq!(ok("isnull(repeat(1, -1))"), "true");
        assert_eq!(ok("repeat(2s, 2)"), r#"["00:00:02","00:00:02"]"#);
        assert!(refused("repeat(dynamic([1]), 2)"));
    }
}
