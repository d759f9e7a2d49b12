//! Numbers and bools from other scalars, for `toint`, `tolong`, `todouble`, `tobool`
//! and `todecimal`: numbers truncate toward zero (`toint(2.7)` is 2), bools are 1 and 0,
//! text parses (see `text`). Out-of-range values are refused.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::exec::EvalError;
use crate::value::Value;

pub(super) fn to_long(function: &str, v: &Value) -> Result<Option<i64>, EvalError> {
    Ok(match v {
        Value::Bool(b) => Some(i64::from(*b)),
        Value::Int(n) => Some(i64::from(*n)),
        Value::Long(n) => Some(*n),
        Value::Real(r) => {
            let t = r.trunc();
            // 2^63 as a real: the first value past the long range.
            if !(-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&t) {
                return Err(super::unsure(function, v));
            }
            Some(t as i64)
        }
        Value::Decimal(d) => Some(
            d.trunc()
                .to_i64()
                .ok_or_else(|| super::unsure(function, v))?,
        ),
        Value::String(s) => super::text::parse_long(function, s)?,
        _ => return Err(super::unsure(function, v)),
    })
}

pub(super) fn to_real(function: &str, v: &Value) -> Result<Option<f64>, EvalError> {
    Ok(match v {
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::String(s) => super::text::parse_real(function, s)?,
        other => Some(other.as_f64().ok_or_else(|| super::unsure(function, v))?),
    })
}

pub(super) fn to_bool(function: &str, v: &Value) -> Result<Option<bool>, EvalError> {
    Ok(match v {
        Value::Bool(b) => Some(*b),
        Value::Int(n) => Some(*n != 0),
        Value::Long(n) => Some(*n != 0),
        Value::Real(r) if r.is_nan() => return Err(super::unsure(function, v)),
        Value::Real(r) => Some(*r != 0.0),
        Value::Decimal(d) => Some(!d.is_zero()),
        Value::String(s) => super::text::parse_bool(function, s)?,
        _ => return Err(super::unsure(function, v)),
    })
}

pub(super) fn to_decimal(function: &str, v: &Value) -> Result<Option<Decimal>, EvalError> {
    Ok(match v {
        Value::Int(n) => Some(Decimal::from(*n)),
        Value::Long(n) => Some(Decimal::from(*n)),
        Value::Decimal(d) => Some(*d),
        // .NET rounds a double to 15 significant digits on the way to decimal; only
        // integral reals that survive that unchanged are converted.
        Value::Real(r) if r.fract() == 0.0 && r.abs() < 1e15 => Some(Decimal::from(*r as i64)),
        Value::String(s) => super::text::parse_decimal(function, s)?,
        _ => return Err(super::unsure(function, v)),
    })
}
