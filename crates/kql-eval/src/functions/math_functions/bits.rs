//! `min_of`/`max_of` and the bitwise functions (q/max-of-function.md,
//! q/binary-shift-left-function.md).
//!
//! ```kql
//! print max_of(10, 1, -3, 17), binary_or(5, 3), bitset_count_ones(42)   // 17, 7, 3
//! ```

#[allow(unused_imports)]
use super::*;

/// All arguments of one type; `int`, `long` and `real` mix to the widest. Strings,
/// bools and decimals are refused: how Kusto orders them here is not documented **[U]**.
pub(super) fn extreme_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    use ScalarType as T;
    let mut out = args[0].ty;
    for (i, a) in args.iter().enumerate() {
        out = match (out, a.ty) {
            (x, y) if x == y => x,
            (T::Int | T::Long, T::Int | T::Long) => T::Long,
            (T::Int | T::Long | T::Real, T::Int | T::Long | T::Real) => T::Real,
            (x, y) => {
                return Err(TypeError::arg(
                    i,
                    format!("expected {x} like the other arguments, got {y}"),
                ));
            }
        };
    }
    match out {
        T::Int | T::Long | T::Real | T::DateTime | T::TimeSpan => Ok(out),
        t => Err(TypeError::arg(
            0,
            format!("kql does not support max_of/min_of on {t}"),
        )),
    }
}

pub(super) fn extreme_of(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let max = call.function.name == "max_of";
    let out = call.out;
    map_rows(call, |v| {
        let mut best: Option<Value> = None;
        for x in v.iter().filter(|x| !x.is_null()) {
            let x = crate::functions::ops::convert(x, out);
            if matches!(x, Value::Real(r) if r.is_nan()) {
                return Err(EvalError::invalid(
                    "max_of/min_of of NaN: Kusto's result is not documented",
                ));
            }
            best = Some(match best {
                Some(b) if (max && b >= x) || (!max && b <= x) => b,
                _ => x,
            });
        }
        Ok(best.unwrap_or(Value::Null))
    })
}

pub(super) fn bits_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    for i in 0..args.len() {
        integer_arg(args, i)?;
    }
    Ok(ScalarType::Long)
}

pub(super) fn bits(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(a) = v[0].as_i64() else {
            return Ok(Value::Null);
        };
        let b = v.get(1).map(Value::as_i64);
        Ok(match (name, b) {
            ("binary_not", _) => Value::Long(!a),
            ("bitset_count_ones", _) => Value::Long(i64::from(a.count_ones())),
            (_, None | Some(None)) => Value::Null,
            ("binary_and", Some(Some(b))) => Value::Long(a & b),
            ("binary_or", Some(Some(b))) => Value::Long(a | b),
            ("binary_xor", Some(Some(b))) => Value::Long(a ^ b),
            (_, Some(Some(s))) if s < 0 => Value::Null,
            ("binary_shift_left", Some(Some(s))) => Value::Long(a.wrapping_shl((s % 64) as u32)),
            (_, Some(Some(s))) => Value::Long(a.wrapping_shr((s % 64) as u32)),
        })
    })
}
