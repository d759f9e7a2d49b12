//! Math functions: `abs`, `sign`, real-valued functions, `min_of`/`max_of`,
//! bitwise functions (q/round-function.md, q/abs-function.md, q/sqrt-function.md,
//! q/log-function.md, q/max-of-function.md, q/binary-shift-left-function.md).
//!
//! ```kql
//! print round(2.15, 1), round(-50.55, -2), ceiling(-1.1)   // 2.2, -100, -1
//! print abs(-5), sign(-42), sqrt(-1), log(5)                // 5, -1.0, null, 1.609...
//! print pow(2, 3), degrees(pi() / 4), isfinite(1.0 / 0)     // 8.0, 45.0, false
//! print max_of(10, 1, -3, 17), binary_or(5, 3), bitset_count_ones(42)   // 17, 7, 3
//! ```

use kql_parser::ast::ScalarType;

use super::args::map_rows;
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::Value;

mod round;
use round::{ceiling, round, round_type};

mod bits;
use bits::{bits, bits_type, extreme_of, extreme_type};

mod special;
pub(super) use special::loggamma;

macro_rules! real_fn {
    ($name:literal, $doc:literal) => {
        ScalarFunction {
            name: $name,
            min_args: 1,
            max_args: 1,
            return_type: real_type,
            eval: real_unary,
            doc: $doc,
        }
    };
}

macro_rules! bits_fn {
    ($name:literal, $args:literal, $doc:literal) => {
        ScalarFunction {
            name: $name,
            min_args: $args,
            max_args: $args,
            return_type: bits_type,
            eval: bits,
            doc: $doc,
        }
    };
}

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    ScalarFunction {
        name: "round",
        min_args: 1,
        max_args: 2,
        return_type: round_type,
        eval: round,
        doc: "rounds half away from zero to a number of decimals (default 0)",
    },
    ScalarFunction {
        name: "ceiling",
        min_args: 1,
        max_args: 1,
        return_type: round_type,
        eval: ceiling,
        doc: "the smallest integer greater than or equal to the number",
    },
    ScalarFunction {
        name: "abs",
        min_args: 1,
        max_args: 1,
        return_type: abs_type,
        eval: abs,
        doc: "absolute value of a number or timespan",
    },
    ScalarFunction {
        name: "sign",
        min_args: 1,
        max_args: 1,
        return_type: real_type,
        eval: real_unary,
        doc: "-1.0, 0.0 or 1.0 by the sign of the number",
    },
    real_fn!("sqrt", "square root; null for a negative number"),
    real_fn!("exp", "e to the power of the number"),
    real_fn!("exp2", "2 to the power of the number"),
    real_fn!("exp10", "10 to the power of the number"),
    real_fn!("log", "natural logarithm; null for a negative number"),
    real_fn!("log2", "base-2 logarithm; null for a negative number"),
    real_fn!("log10", "base-10 logarithm; null for a negative number"),
    real_fn!("sin", "sine of radians"),
    real_fn!("cos", "cosine of radians"),
    real_fn!("tan", "tangent of radians"),
    real_fn!("cot", "cotangent of radians"),
    real_fn!("asin", "arc sine, in radians"),
    real_fn!("acos", "arc cosine, in radians"),
    real_fn!("atan", "arc tangent, in radians"),
    real_fn!("degrees", "radians to degrees"),
    real_fn!("radians", "degrees to radians"),
    real_fn!("gamma", "the gamma function"),
    real_fn!("loggamma", "the natural logarithm of |gamma(x)|"),
    real_fn!("erf", "the error function"),
    real_fn!("erfc", "the complementary error function, 1 - erf(x)"),
    ScalarFunction {
        name: "atan2",
        min_args: 2,
        max_args: 2,
        return_type: real_type,
        eval: real_binary,
        doc: "angle of the point (x, y) from atan2(y, x), in radians",
    },
    ScalarFunction {
        name: "pow",
        min_args: 2,
        max_args: 2,
        return_type: real_type,
        eval: real_binary,
        doc: "base raised to the exponent",
    },
    ScalarFunction {
        name: "pi",
        min_args: 0,
        max_args: 0,
        return_type: real_type,
        eval: pi,
        doc: "the constant pi",
    },
    ScalarFunction {
        name: "isnan",
        min_args: 1,
        max_args: 1,
        return_type: real_test_type,
        eval: real_test,
        doc: "whether a real is NaN",
    },
    ScalarFunction {
        name: "isinf",
        min_args: 1,
        max_args: 1,
        return_type: real_test_type,
        eval: real_test,
        doc: "whether a real is positive or negative infinity",
    },
    ScalarFunction {
        name: "isfinite",
        min_args: 1,
        max_args: 1,
        return_type: real_test_type,
        eval: real_test,
        doc: "whether a real is neither infinite nor NaN",
    },
    ScalarFunction {
        name: "max_of",
        min_args: 2,
        max_args: 64,
        return_type: extreme_type,
        eval: extreme_of,
        doc: "the largest argument; nulls are ignored",
    },
    ScalarFunction {
        name: "min_of",
        min_args: 2,
        max_args: 64,
        return_type: extreme_type,
        eval: extreme_of,
        doc: "the smallest argument; nulls are ignored",
    },
    bits_fn!("binary_and", 2, "bitwise and of two integers"),
    bits_fn!("binary_or", 2, "bitwise or of two integers"),
    bits_fn!("binary_xor", 2, "bitwise exclusive or of two integers"),
    bits_fn!("binary_not", 1, "bitwise complement of an integer"),
    bits_fn!(
        "binary_shift_left",
        2,
        "value << (shift % 64); null for a negative shift"
    ),
    bits_fn!(
        "binary_shift_right",
        2,
        "value >> (shift % 64); null for a negative shift"
    ),
    bits_fn!(
        "bitset_count_ones",
        1,
        "the number of set bits of an integer"
    ),
];

fn number_arg(args: &[ArgInfo<'_>], i: usize) -> Result<ScalarType, TypeError> {
    match args[i].ty {
        t if t.is_numeric() => Ok(t),
        t => Err(TypeError::arg(i, format!("expected a number, got {t}"))),
    }
}

fn integer_arg(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args[i].ty {
        ScalarType::Int | ScalarType::Long => Ok(()),
        t => Err(TypeError::arg(i, format!("expected an integer, got {t}"))),
    }
}

fn abs_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args[0].ty {
        ScalarType::Int | ScalarType::Long => Ok(ScalarType::Long),
        t @ (ScalarType::Real | ScalarType::Decimal | ScalarType::TimeSpan) => Ok(t),
        t => Err(TypeError::arg(
            0,
            format!("expected a number or timespan, got {t}"),
        )),
    }
}

fn abs(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        Ok(match &v[0] {
            Value::Int(n) => Value::Long(i64::from(*n).abs()),
            Value::Long(n) => n.checked_abs().map_or(Value::Null, Value::Long),
            Value::Real(x) => Value::Real(x.abs()),
            Value::Decimal(d) => Value::Decimal(d.abs()),
            Value::TimeSpan(t) => t.checked_abs().map_or(Value::Null, Value::TimeSpan),
            _ => Value::Null,
        })
    })
}

fn real_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    for i in 0..args.len() {
        number_arg(args, i)?;
    }
    Ok(ScalarType::Real)
}

/// `None` means null.
fn apply_unary(name: &str, x: f64) -> Result<Option<f64>, EvalError> {
    let non_negative = |f: fn(f64) -> f64| if x < 0.0 { None } else { Some(f(x)) };
    Ok(match name {
        "sqrt" => non_negative(f64::sqrt),
        "log" => non_negative(f64::ln),
        "log2" => non_negative(f64::log2),
        "log10" => non_negative(f64::log10),
        "exp" => Some(x.exp()),
        "exp2" => Some(x.exp2()),
        "exp10" => Some(10f64.powf(x)),
        "sin" => Some(x.sin()),
        "cos" => Some(x.cos()),
        "tan" => Some(x.tan()),
        "cot" => Some(1.0 / x.tan()),
        "asin" => Some(x.asin()),
        "acos" => Some(x.acos()),
        "atan" => Some(x.atan()),
        "degrees" => Some(x * 180.0 / std::f64::consts::PI),
        "radians" => Some(x * std::f64::consts::PI / 180.0),
        "gamma" | "loggamma" => {
            let g = if name == "gamma" {
                special::gamma(x)
            } else {
                special::loggamma(x)
            };
            match g {
                Some(g) => Some(g),
                None => {
                    return Err(EvalError::invalid(format!(
                        "{name}({x}): Kusto's result at a pole of gamma is not documented"
                    )));
                }
            }
        }
        "erf" => Some(special::erf(x)),
        "erfc" => Some(special::erfc(x)),
        "sign" if x.is_nan() => {
            return Err(EvalError::invalid(
                "sign(NaN): Kusto's result is not documented",
            ));
        }
        "sign" => Some(if x == 0.0 { 0.0 } else { x.signum() }),
        other => {
            return Err(EvalError::invalid(format!(
                "{other}() is not a real function"
            )));
        }
    })
}

fn real_unary(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        Ok(match v[0].as_f64() {
            Some(x) => apply_unary(name, x)?.map_or(Value::Null, Value::Real),
            None => Value::Null,
        })
    })
}

fn real_binary(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let atan2 = call.function.name == "atan2";
    map_rows(call, |v| {
        Ok(match (v[0].as_f64(), v[1].as_f64()) {
            (Some(a), Some(b)) if atan2 => Value::Real(a.atan2(b)),
            (Some(a), Some(b)) => Value::Real(a.powf(b)),
            _ => Value::Null,
        })
    })
}

fn pi(_call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    Ok(Datum::Scalar(Value::Real(std::f64::consts::PI)))
}

fn real_test_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    number_arg(args, 0)?;
    Ok(ScalarType::Bool)
}

/// A null argument is refused: whether Kusto answers null or false is not documented
/// **[U]**.
fn real_test(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(x) = v[0].as_f64() else {
            return Err(EvalError::invalid(format!(
                "{name}() of null: Kusto's result is not documented"
            )));
        };
        Ok(Value::Bool(match name {
            "isnan" => x.is_nan(),
            "isinf" => x.is_infinite(),
            _ => x.is_finite(),
        }))
    })
}

#[cfg(test)]
pub(super) mod test_support;

#[cfg(test)]
mod tests;
