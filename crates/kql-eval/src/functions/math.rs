//! Arithmetic operators and `bin()` (q/numerical-operators.md,
//! q/datetime-timespan-arithmetic.md, q/bin-function.md).
//!
//! ```kql
//! print 1 / 2, 1.0 / 2, -14 % 12        // 0, 0.5, 10
//! print datetime(2020-01-02) - datetime(2020-01-01)   // 1.00:00:00
//! print 1d / 5h, 1.5 * 1h               // 4.8, 01:30:00
//! print bin(4.5, 1), bin(datetime(1970-05-11 13:45:07), 1d)
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
        return_type: arith_type,
        eval: arith,
        doc: "addition; datetime + timespan",
    },
    ScalarFunction {
        name: "-",
        min_args: 2,
        max_args: 2,
        return_type: arith_type,
        eval: arith,
        doc: "subtraction; datetime - datetime is a timespan",
    },
    ScalarFunction {
        name: "*",
        min_args: 2,
        max_args: 2,
        return_type: arith_type,
        eval: arith,
        doc: "multiplication; number * timespan",
    },
    ScalarFunction {
        name: "/",
        min_args: 2,
        max_args: 2,
        return_type: arith_type,
        eval: arith,
        doc: "division; integer division truncates; timespan / timespan is real",
    },
    ScalarFunction {
        name: "%",
        min_args: 2,
        max_args: 2,
        return_type: arith_type,
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

fn arith_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    // The operator is not passed to typing rules; every rule here accepts the union,
    // and the evaluation recomputes the exact case.
    for op in ["+", "-", "*", "/", "%"] {
        if let Some(t) = arith_result(op, args[0].ty, args[1].ty) {
            return Ok(t);
        }
    }
    Err(TypeError::call(format!(
        "no arithmetic between {} and {}",
        args[0].ty, args[1].ty
    )))
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
