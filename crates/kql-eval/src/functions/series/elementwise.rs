//! Element-wise series functions (q/series-abs-function.md, q/series-subtract-function.md,
//! q/series-greater-function.md and their siblings).
//!
//! ```kql
//! print series_floor(dynamic([-1.5, 1, 2.5]))                      // [-2.0,1.0,2.0]
//! print series_pow(dynamic([1,2,3,4]), dynamic([1,2,3,0.5]))       // [1.0,4.0,27.0,2.0]
//! print series_equals(dynamic([1,2,4]), dynamic([4,2,1]))          // [false,true,false]
//! ```
//!
//! Unary functions and `series_pow` give reals; `series_add`/`subtract`/`multiply` keep
//! `long` when both elements are `long` (q/series-subtract-function.md: `[-3,0,3]`);
//! comparisons give bools. A non-numeric or missing element gives null (the docs'
//! "Returns" sections). **[U]** A `bool` element, whose numeric reading the docs do not
//! give, and long arithmetic that overflows are refused.

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::{array_value, expect_dynamic, finite, series_of, undocumented};
use crate::exec::EvalError;
use crate::value::Dynamic;

/// A numeric element: `Some(Long | Real)`, `None` for one the docs call non-numeric.
#[derive(Clone, Copy)]
enum Num {
    Long(i64),
    Real(f64),
}

impl Num {
    fn real(self) -> f64 {
        match self {
            Num::Long(n) => n as f64,
            Num::Real(x) => x,
        }
    }
}

/// Reads one element. **[U]** Booleans are refused.
fn number(function: &str, d: Option<&Dynamic>) -> Result<Option<Num>, EvalError> {
    Ok(match d {
        Some(Dynamic::Long(n)) => Some(Num::Long(*n)),
        Some(Dynamic::Real(x)) => Some(Num::Real(*x)),
        Some(Dynamic::Bool(_)) => return Err(undocumented(function, "a bool element")),
        _ => None,
    })
}

/// Applies a real function by name.
fn apply_unary(function: &str, x: f64) -> Result<f64, EvalError> {
    Ok(match function {
        "series_abs" => x.abs(),
        "series_acos" => x.acos(),
        "series_asin" => x.asin(),
        "series_atan" => x.atan(),
        "series_ceiling" => x.ceil(),
        "series_cos" => x.cos(),
        "series_exp" => x.exp(),
        "series_floor" => x.floor(),
        "series_log" => x.ln(),
        "series_sign" if x == 0.0 => 0.0,
        "series_sign" => x.signum(),
        "series_sin" => x.sin(),
        "series_sqrt" => x.sqrt(),
        "series_tan" => x.tan(),
        other => {
            return Err(EvalError::invalid(format!(
                "{other}() is not a unary series function"
            )));
        }
    })
}

/// `series_abs(a)` and the other unary functions: one real per element.
pub(super) fn unary(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let items = series_of(name, &v[0])?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(match number(name, Some(item))? {
                Some(n) => finite(name, apply_unary(name, n.real())?)?,
                None => Dynamic::Null,
            });
        }
        Ok(array_value(out))
    })
}

/// Two series in, one series out.
pub(super) fn binary_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_dynamic(args, 0)?;
    expect_dynamic(args, 1)?;
    Ok(ScalarType::Dynamic)
}

/// Long arithmetic, refusing overflow.
fn long_op(function: &str, a: i64, b: i64) -> Result<Dynamic, EvalError> {
    let r = match function {
        "series_add" => a.checked_add(b),
        "series_subtract" => a.checked_sub(b),
        _ => a.checked_mul(b),
    };
    r.map(Dynamic::Long)
        .ok_or_else(|| undocumented(function, "long elements whose result overflows"))
}

/// One element of a binary function.
fn apply_binary(function: &str, a: Num, b: Num) -> Result<Dynamic, EvalError> {
    let (x, y) = (a.real(), b.real());
    Ok(match function {
        "series_add" | "series_subtract" | "series_multiply" => match (a, b) {
            (Num::Long(a), Num::Long(b)) => long_op(function, a, b)?,
            _ => finite(
                function,
                match function {
                    "series_add" => x + y,
                    "series_subtract" => x - y,
                    _ => x * y,
                },
            )?,
        },
        "series_pow" => finite(function, x.powf(y))?,
        _ => Dynamic::Bool(compare(function, a, b, x, y)?),
    })
}

/// A comparison; two longs compare exactly.
fn compare(function: &str, a: Num, b: Num, x: f64, y: f64) -> Result<bool, EvalError> {
    let ord = match (a, b) {
        (Num::Long(a), Num::Long(b)) => Some(a.cmp(&b)),
        _ => x.partial_cmp(&y),
    };
    let Some(ord) = ord else {
        return Err(undocumented(function, "a NaN element"));
    };
    Ok(match function {
        "series_equals" => ord.is_eq(),
        "series_not_equals" => ord.is_ne(),
        "series_greater" => ord.is_gt(),
        "series_greater_equals" => ord.is_ge(),
        "series_less" => ord.is_lt(),
        "series_less_equals" => ord.is_le(),
        other => {
            return Err(EvalError::invalid(format!(
                "{other}() is not a binary series function"
            )));
        }
    })
}

/// `series_subtract(a, b)` and the other binary functions. The result is as long as the
/// longer input; elements past the end of the shorter are missing, so null.
pub(super) fn binary(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let a = series_of(name, &v[0])?;
        let b = series_of(name, &v[1])?;
        let len = a.len().max(b.len());
        let mut out = Vec::with_capacity(len);
        for i in 0..len {
            let x = number(name, a.get(i))?;
            let y = number(name, b.get(i))?;
            out.push(match (x, y) {
                (Some(x), Some(y)) => apply_binary(name, x, y)?,
                _ => Dynamic::Null,
            });
        }
        Ok(array_value(out))
    })
}
