//! Arithmetic operators and `bin()` (q/numerical-operators.md,
//! q/datetime-timespan-arithmetic.md, q/bin-function.md).
//!
//! ```kql
//! print 1 / 2, 1.0 / 2, -14 % 12        // 0, 0.5, 10
//! print datetime(2020-01-02) - datetime(2020-01-01)   // 1.00:00:00
//! print 1d / 5h, 1.5 * 1h               // 4.8, 01:30:00
//! print bin(4.5, 1), bin(datetime(1970-05-11 13:45:07), 1d)
//! print bin_at(6.5, 2.5, 7), bin_at(time(1h), 1d, 12h)          // 4.5, -12:00:00
//! ```

use kql_parser::ast::ScalarType;
use rust_decimal::Decimal;

use super::args::map_rows;
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::Value;

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    ScalarFunction {
        name: "+",
        min_args: 2,
        max_args: 2,
        return_type: add_type,
        eval: arith,
        doc: "addition; datetime + timespan",
    },
    ScalarFunction {
        name: "-",
        min_args: 2,
        max_args: 2,
        return_type: sub_type,
        eval: arith,
        doc: "subtraction; datetime - datetime is a timespan",
    },
    ScalarFunction {
        name: "*",
        min_args: 2,
        max_args: 2,
        return_type: mul_type,
        eval: arith,
        doc: "multiplication; number * timespan",
    },
    ScalarFunction {
        name: "/",
        min_args: 2,
        max_args: 2,
        return_type: div_type,
        eval: arith,
        doc: "division; integer division truncates; timespan / timespan is real",
    },
    ScalarFunction {
        name: "%",
        min_args: 2,
        max_args: 2,
        return_type: mod_type,
        eval: arith,
        doc: "modulo, never negative for integers",
    },
    ScalarFunction {
        name: "negate",
        min_args: 1,
        max_args: 1,
        return_type: negate_type,
        eval: negate,
        doc: "unary minus",
    },
    ScalarFunction {
        name: "bin",
        min_args: 2,
        max_args: 2,
        return_type: bin_type,
        eval: bin,
        doc: "rounds down to a multiple of the bin size",
    },
    ScalarFunction {
        name: "floor",
        min_args: 2,
        max_args: 2,
        return_type: bin_type,
        eval: bin,
        doc: "alias of bin()",
    },
    ScalarFunction {
        name: "bin_at",
        min_args: 3,
        max_args: 3,
        return_type: bin_at_type,
        eval: bin_at,
        doc: "rounds down to a multiple of the bin size, aligned to a fixed point",
    },
];

/// The numeric kinds arithmetic promotes through.
fn numeric_result(a: ScalarType, b: ScalarType) -> Option<ScalarType> {
    use ScalarType as T;
    match (a, b) {
        (T::Real, x) | (x, T::Real) if x.is_numeric() => Some(T::Real),
        (T::Decimal, x) | (x, T::Decimal) if x.is_numeric() => Some(T::Decimal),
        (T::Int | T::Long, T::Int | T::Long) => Some(T::Long),
        _ => None,
    }
}

fn arith_result(op: &str, a: ScalarType, b: ScalarType) -> Option<ScalarType> {
    use ScalarType as T;
    if let Some(t) = numeric_result(a, b) {
        return Some(t);
    }
    match (op, a, b) {
        ("-", T::DateTime, T::DateTime) => Some(T::TimeSpan),
        ("+" | "-", T::DateTime, T::TimeSpan) | ("+", T::TimeSpan, T::DateTime) => {
            Some(T::DateTime)
        }
        ("+" | "-" | "%", T::TimeSpan, T::TimeSpan) => Some(T::TimeSpan),
        ("/", T::TimeSpan, T::TimeSpan) => Some(T::Real),
        ("*" | "/", T::TimeSpan, n) if n.is_numeric() => Some(T::TimeSpan),
        ("*", n, T::TimeSpan) if n.is_numeric() => Some(T::TimeSpan),
        _ => None,
    }
}

/// One typing rule per operator: the rule is all a call's typing sees, and
/// `timespan / timespan` (real) differs from `timespan + timespan` (timespan).
fn arith_type_for(op: &str, args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    arith_result(op, args[0].ty, args[1].ty).ok_or_else(|| {
        TypeError::call(format!(
            "`{op}` is not defined between {} and {}",
            args[0].ty, args[1].ty
        ))
    })
}

fn add_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    arith_type_for("+", args)
}

fn sub_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    arith_type_for("-", args)
}

fn mul_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    arith_type_for("*", args)
}

fn div_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    arith_type_for("/", args)
}

fn mod_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    arith_type_for("%", args)
}

fn arith(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let op = call.function.name;
    let (ta, tb) = (call.types[0], call.types[1]);
    let Some(out) = arith_result(op, ta, tb) else {
        return Err(EvalError::invalid(format!(
            "`{op}` is not defined between {ta} and {tb}"
        )));
    };
    map_rows(call, |v| apply(op, out, &v[0], &v[1]))
}

fn apply(op: &str, out: ScalarType, a: &Value, b: &Value) -> Result<Value, EvalError> {
    use Value as V;
    if matches!(a, V::Null) || matches!(b, V::Null) {
        return Ok(V::Null);
    }
    Ok(match out {
        ScalarType::Long => {
            let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) else {
                return Ok(V::Null);
            };
            long_op(op, x, y).map_or(V::Null, V::Long)
        }
        ScalarType::Real if !matches!((a, b), (V::TimeSpan(_), V::TimeSpan(_))) => {
            let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) else {
                return Ok(V::Null);
            };
            V::Real(real_op(op, x, y))
        }
        ScalarType::Decimal => {
            let (Some(x), Some(y)) = (super::ops::as_decimal(a), super::ops::as_decimal(b)) else {
                return Ok(V::Null);
            };
            decimal_op(op, x, y).map_or(V::Null, V::Decimal)
        }
        _ => time_op(op, a, b).unwrap_or(V::Null),
    })
}

fn long_op(op: &str, x: i64, y: i64) -> Option<i64> {
    Some(match op {
        "+" => x.wrapping_add(y),
        "-" => x.wrapping_sub(y),
        "*" => x.wrapping_mul(y),
        "/" => x.checked_div(y)?,
        _ => x.checked_rem_euclid(y)?,
    })
}

fn real_op(op: &str, x: f64, y: f64) -> f64 {
    match op {
        "+" => x + y,
        "-" => x - y,
        "*" => x * y,
        "/" => x / y,
        _ => x.rem_euclid(y),
    }
}

fn decimal_op(op: &str, x: Decimal, y: Decimal) -> Option<Decimal> {
    match op {
        "+" => x.checked_add(y),
        "-" => x.checked_sub(y),
        "*" => x.checked_mul(y),
        "/" => x.checked_div(y),
        _ => x.checked_rem(y),
    }
}

/// datetime and timespan arithmetic, in ticks; out of range gives null.
fn time_op(op: &str, a: &Value, b: &Value) -> Option<Value> {
    use Value as V;
    Some(match (op, a, b) {
        ("-", V::DateTime(x), V::DateTime(y)) => V::TimeSpan(x.checked_sub(*y)?),
        ("+", V::DateTime(x), V::TimeSpan(y)) | ("+", V::TimeSpan(y), V::DateTime(x)) => {
            V::DateTime(valid_datetime(x.checked_add(*y)?)?)
        }
        ("-", V::DateTime(x), V::TimeSpan(y)) => V::DateTime(valid_datetime(x.checked_sub(*y)?)?),
        ("+", V::TimeSpan(x), V::TimeSpan(y)) => V::TimeSpan(x.checked_add(*y)?),
        ("-", V::TimeSpan(x), V::TimeSpan(y)) => V::TimeSpan(x.checked_sub(*y)?),
        ("%", V::TimeSpan(x), V::TimeSpan(y)) => V::TimeSpan(x.checked_rem_euclid(*y)?),
        ("/", V::TimeSpan(x), V::TimeSpan(y)) => V::Real(*x as f64 / *y as f64),
        ("*", V::TimeSpan(t), n) | ("*", n, V::TimeSpan(t)) => V::TimeSpan(scale(*t, n.as_f64()?)?),
        ("/", V::TimeSpan(t), n) => {
            let d = n.as_f64()?;
            if d == 0.0 {
                return None;
            }
            V::TimeSpan(scale(*t, 1.0 / d)?)
        }
        _ => return None,
    })
}

fn scale(ticks: i64, factor: f64) -> Option<i64> {
    let r = (ticks as f64 * factor).round();
    (r.is_finite() && r.abs() < 9.2e18).then_some(r as i64)
}

fn valid_datetime(ticks: i64) -> Option<i64> {
    crate::value::datetime::is_valid_datetime(ticks).then_some(ticks)
}

fn negate_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args[0].ty {
        ScalarType::Int | ScalarType::Long => Ok(ScalarType::Long),
        t @ (ScalarType::Real | ScalarType::Decimal | ScalarType::TimeSpan) => Ok(t),
        t => Err(TypeError::arg(0, format!("cannot negate {t}"))),
    }
}

fn negate(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        Ok(match &v[0] {
            Value::Int(n) => Value::Long(-i64::from(*n)),
            Value::Long(n) => Value::Long(n.wrapping_neg()),
            Value::Real(r) => Value::Real(-r),
            Value::Decimal(d) => Value::Decimal(-*d),
            Value::TimeSpan(t) => Value::TimeSpan(t.wrapping_neg()),
            _ => Value::Null,
        })
    })
}

fn bin_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    use ScalarType as T;
    match (args[0].ty, args[1].ty) {
        (T::DateTime, T::TimeSpan) => Ok(T::DateTime),
        (T::TimeSpan, T::TimeSpan) => Ok(T::TimeSpan),
        (a, b) => {
            numeric_result(a, b).ok_or_else(|| TypeError::arg(1, format!("cannot bin {a} by {b}")))
        }
    }
}

/// Rounds down to a multiple of the size; a null, zero or negative size gives null.
fn bin(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let out = call.out;
    map_rows(call, |v| {
        use Value as V;
        Ok(match (&v[0], &v[1], out) {
            (V::DateTime(t), V::TimeSpan(s), _) | (V::TimeSpan(t), V::TimeSpan(s), _) if *s > 0 => {
                let floored = t - t.rem_euclid(*s);
                if matches!(v[0], V::DateTime(_)) {
                    V::DateTime(floored)
                } else {
                    V::TimeSpan(floored)
                }
            }
            (a, b, ScalarType::Long) => match (a.as_i64(), b.as_i64()) {
                (Some(x), Some(s)) if s > 0 => V::Long(x - x.rem_euclid(s)),
                _ => V::Null,
            },
            (a, b, ScalarType::Real) => match (a.as_f64(), b.as_f64()) {
                (Some(x), Some(s)) if s > 0.0 => V::Real((x / s).floor() * s),
                _ => V::Null,
            },
            (a, b, ScalarType::Decimal) => {
                match (super::ops::as_decimal(a), super::ops::as_decimal(b)) {
                    (Some(x), Some(s)) if s > Decimal::ZERO => V::Decimal((x / s).floor() * s),
                    _ => V::Null,
                }
            }
            _ => V::Null,
        })
    })
}

/// `bin_at(value, size, fixed)` (q/bin-at-function.md): numbers widen to `long` or
/// `real`; a datetime or timespan value takes a timespan size and a fixed point of
/// its own type. All-`int` arguments are refused: whether Kusto answers `int` or
/// `long` is not documented **[U]**, and so are decimals. An unnamed
/// `bin_at(Column, ...)` is named after its column (`bind/naming.rs`; conformance
/// `bin-at-function-04`: `summarize by bin_at(Date, 1d, ...)` gives `Date`).
fn bin_at_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    use ScalarType as T;
    let (v, s, f) = (args[0].ty, args[1].ty, args[2].ty);
    match (v, s, f) {
        (T::DateTime, T::TimeSpan, T::DateTime) => Ok(T::DateTime),
        (T::TimeSpan, T::TimeSpan, T::TimeSpan) => Ok(T::TimeSpan),
        (T::DateTime | T::TimeSpan, T::TimeSpan, _) => Err(TypeError::arg(
            2,
            format!("the fixed point must be a {v}, got {f}"),
        )),
        (T::DateTime | T::TimeSpan, _, _) => Err(TypeError::arg(
            1,
            format!("the bin size of a {v} must be a timespan, got {s}"),
        )),
        (T::Int, T::Int, T::Int) => Err(TypeError::call(
            "bin_at() of int arguments is not supported; convert one with tolong()",
        )),
        _ => {
            for (i, t) in [v, s, f].into_iter().enumerate() {
                if !matches!(t, T::Int | T::Long | T::Real) {
                    return Err(TypeError::arg(
                        i,
                        format!("expected an int, long or real, got {t}"),
                    ));
                }
            }
            Ok(if [v, s, f].contains(&T::Real) {
                T::Real
            } else {
                T::Long
            })
        }
    }
}

/// `fixed + floor((value - fixed) / size) * size`; a null, zero or negative size gives
/// null, and so does a result out of range.
fn bin_at(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let out = call.out;
    map_rows(call, |v| {
        use Value as V;
        Ok(match (&v[0], &v[1], &v[2]) {
            (V::DateTime(x), V::TimeSpan(s), V::DateTime(f)) => align_ticks(*x, *s, *f)
                .and_then(valid_datetime)
                .map_or(V::Null, V::DateTime),
            (V::TimeSpan(x), V::TimeSpan(s), V::TimeSpan(f)) => {
                align_ticks(*x, *s, *f).map_or(V::Null, V::TimeSpan)
            }
            (x, s, f) if out == ScalarType::Long => match (x.as_i64(), s.as_i64(), f.as_i64()) {
                (Some(x), Some(s), Some(f)) => align_ticks(x, s, f).map_or(V::Null, V::Long),
                _ => V::Null,
            },
            (x, s, f) => match (x.as_f64(), s.as_f64(), f.as_f64()) {
                (Some(x), Some(s), Some(f)) if s > 0.0 => V::Real(f + ((x - f) / s).floor() * s),
                _ => V::Null,
            },
        })
    })
}

fn align_ticks(x: i64, size: i64, fixed: i64) -> Option<i64> {
    if size <= 0 {
        return None;
    }
    let (x, size, fixed) = (i128::from(x), i128::from(size), i128::from(fixed));
    let aligned = fixed + (x - fixed).div_euclid(size) * size;
    i64::try_from(aligned).ok()
}

#[cfg(test)]
mod tests {
    use super::super::math_functions::test_support::{row, try_eval, types};

    #[test]
    fn bin_at_doc_examples() {
        // q/bin-at-function.md; conformance bin-at-function-02, -03
        assert_eq!(
            row("print bin_at(6.5, 2.5, 7), bin_at(time(1h), 1d, 12h)"),
            ["4.5", "-12:00:00"]
        );
        assert_eq!(
            row(
                "print bin_at(datetime(2017-05-15 10:20:00.0), 1d, datetime(1970-01-01 12:00:00.0))"
            ),
            ["2017-05-14T12:00:00.0000000Z"]
        );
        assert_eq!(
            row(
                "print bin_at(datetime(2017-05-17 10:20:00.0), 7d, datetime(2017-06-04 00:00:00.0))"
            ),
            ["2017-05-14T00:00:00.0000000Z"]
        );
        assert_eq!(
            types("print bin_at(7, 5, 1), bin_at(7, 2.5, 1)"),
            ["long", "real"]
        );
        assert_eq!(
            row("print bin_at(7, 5, 1), bin_at(long(-7), 5, 1), bin_at(7, 0, 1)"),
            ["6", "-9", ""]
        );
        assert!(try_eval("print bin_at(datetime(2020-01-01), 1, datetime(2020-01-01))").is_err());
    }
}
