//! Value conversions the functions and operators share: widening a value to a result
//! type, unwrapping dynamic scalars, flattening arrays.

use kql_parser::ast::ScalarType;
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};

use crate::value::{Dynamic, Value};

/// Converts a value to `ty` where Kusto converts implicitly (numbers widen or
/// narrow, anything becomes dynamic); other combinations give null.
pub(crate) fn convert(v: &Value, ty: ScalarType) -> Value {
    use ScalarType as T;
    use Value as V;
    if v.scalar_type() == Some(ty) || matches!(v, V::Null) {
        return v.clone();
    }
    match (v, ty) {
        (_, T::Dynamic) => V::Dynamic(Dynamic::from(v)),
        (_, T::String) => V::String(v.to_kusto_string().into()),
        (V::Dynamic(d), t) => dynamic_scalar(d).map_or(V::Null, |inner| convert(&inner, t)),
        (V::Int(n), T::Long) => V::Long(i64::from(*n)),
        (V::Long(n), T::Int) => i32::try_from(*n).map_or(V::Null, V::Int),
        (_, T::Real) => v.as_f64().map_or(V::Null, V::Real),
        (_, T::Decimal) => as_decimal(v).map_or(V::Null, V::Decimal),
        (V::Real(r), T::Long) => real_to_i64(*r).map_or(V::Null, V::Long),
        (V::Real(r), T::Int) => real_to_i64(*r)
            .and_then(|n| i32::try_from(n).ok())
            .map_or(V::Null, V::Int),
        (V::Decimal(d), T::Long) => d.trunc().to_i64().map_or(V::Null, V::Long),
        (V::Decimal(d), T::Int) => d.trunc().to_i32().map_or(V::Null, V::Int),
        _ => V::Null,
    }
}

fn real_to_i64(r: f64) -> Option<i64> {
    let t = r.trunc();
    (t.is_finite() && t.abs() < 9.2e18).then_some(t as i64)
}

/// The value of a number as a decimal.
pub(crate) fn as_decimal(v: &Value) -> Option<Decimal> {
    match v {
        Value::Decimal(d) => Some(*d),
        Value::Int(n) => Some(Decimal::from(*n)),
        Value::Long(n) => Some(Decimal::from(*n)),
        Value::Real(r) => Decimal::from_f64(*r),
        _ => None,
    }
}

/// A dynamic scalar as a typed value (`None` for null, arrays and bags).
pub(crate) fn dynamic_scalar(d: &Dynamic) -> Option<Value> {
    Some(match d {
        Dynamic::Bool(b) => Value::Bool(*b),
        Dynamic::Long(n) => Value::Long(*n),
        Dynamic::Real(r) => Value::Real(*r),
        Dynamic::String(s) => Value::String(s.clone()),
        Dynamic::DateTime(t) => Value::DateTime(*t),
        Dynamic::TimeSpan(t) => Value::TimeSpan(*t),
        Dynamic::Guid(g) => Value::Guid(*g),
        Dynamic::Null | Dynamic::Array(_) | Dynamic::Bag(_) => return None,
    })
}

/// Pushes a dynamic's scalars, arrays flattened recursively (`in (dynamic([1,[2,3]]))`
/// is `in (1, 2, 3)`, q/in-cs-operator.md).
pub(crate) fn flatten_dynamic(d: &Dynamic, out: &mut Vec<Value>) {
    match d {
        Dynamic::Array(items) => items.iter().for_each(|i| flatten_dynamic(i, out)),
        other => out.push(dynamic_scalar(other).unwrap_or_else(|| Value::Dynamic(other.clone()))),
    }
}
