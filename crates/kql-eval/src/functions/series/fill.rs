//! Filling missing values (q/series-fill-backward-function.md,
//! q/series-fill-forward-function.md, q/series-fill-const-function.md,
//! q/series-fill-linear-function.md).
//!
//! ```kql
//! print series_fill_backward(dynamic([111, null, 36, null, null]))   // [111,36,36,null,null]
//! print series_fill_const(dynamic([111, null, 36]), -1)             // [111,-1,36]
//! print series_fill_linear(dynamic([null, 111, null, 36]))          // [111,111,73,36]
//! ```
//!
//! Only the default missing-value placeholder, null, is supported: how Kusto converts
//! another placeholder "to actual element types" is not spelled out, so one is refused
//! **[U]**.

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::{array_value, expect_dynamic, series_of, undocumented};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

/// `series_fill_linear(a [, placeholder [, fill_edges [, constant]]])`, and
/// `series_fill_forward/backward(a [, placeholder])`.
pub(super) fn fill_linear_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_dynamic(args, 0)?;
    if let Some(a) = args.get(2).filter(|a| a.ty != ScalarType::Bool) {
        return Err(TypeError::arg(
            2,
            format!("fill_edges must be a bool, not {}", a.ty),
        ));
    }
    if let Some(a) = args.get(3).filter(|a| !a.ty.is_numeric()) {
        return Err(TypeError::arg(
            3,
            format!("constant_value must be a number, not {}", a.ty),
        ));
    }
    Ok(ScalarType::Dynamic)
}

/// `series_fill_const(a, constant [, placeholder])`.
pub(super) fn fill_const_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_dynamic(args, 0)?;
    if !args[1].ty.is_numeric() {
        return Err(TypeError::arg(
            1,
            format!("constant_value must be a number, not {}", args[1].ty),
        ));
    }
    Ok(ScalarType::Dynamic)
}

/// A series of numbers and nulls. **[U]** The docs call the input "an array of numeric
/// values"; what the fills do with other elements is not said, so those are refused.
fn numeric_series<'a>(function: &str, v: &'a Value) -> Result<&'a [Dynamic], EvalError> {
    let items = series_of(function, v)?;
    if items
        .iter()
        .any(|d| !matches!(d, Dynamic::Null | Dynamic::Long(_) | Dynamic::Real(_)))
    {
        return Err(undocumented(
            function,
            "a series with a non-numeric element",
        ));
    }
    Ok(items)
}

/// Refuses a placeholder other than null.
fn null_placeholder(function: &str, v: Option<&Value>) -> Result<(), EvalError> {
    match v {
        None | Some(Value::Null) | Some(Value::Dynamic(Dynamic::Null)) => Ok(()),
        Some(_) => Err(undocumented(
            function,
            "a missing-value placeholder other than null",
        )),
    }
}

/// A scalar constant as an array element; `None` for null. **[U]** A decimal is refused.
fn constant(function: &str, v: &Value) -> Result<Option<Dynamic>, EvalError> {
    Ok(match v {
        Value::Null | Value::Dynamic(Dynamic::Null) => None,
        Value::Int(n) => Some(Dynamic::Long(i64::from(*n))),
        Value::Long(n) => Some(Dynamic::Long(*n)),
        Value::Real(x) => Some(Dynamic::Real(*x)),
        _ => return Err(undocumented(function, "this constant_value")),
    })
}

/// `series_fill_forward(a)` / `series_fill_backward(a)`: a null takes the nearest
/// non-null value before (forward) or after (backward) it; nulls with none stay.
pub(super) fn fill_directional(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    let backward = name == "series_fill_backward";
    map_rows(call, |v| {
        null_placeholder(name, v.get(1))?;
        let mut out = numeric_series(name, &v[0])?.to_vec();
        let mut last: Option<Dynamic> = None;
        let mut step = |slot: &mut Dynamic| {
            if slot.is_null() {
                if let Some(l) = &last {
                    *slot = l.clone();
                }
            } else {
                last = Some(slot.clone());
            }
        };
        if backward {
            out.iter_mut().rev().for_each(&mut step);
        } else {
            out.iter_mut().for_each(&mut step);
        }
        Ok(array_value(out))
    })
}

/// `series_fill_const(a, c)`: every null becomes `c`; other elements are kept as they
/// are (q/series-fill-const-function.md: `[111,0.0,36,...]`).
pub(super) fn fill_const(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        null_placeholder(name, v.get(2))?;
        let c = constant(name, &v[1])?.unwrap_or(Dynamic::Null);
        let out = numeric_series(name, &v[0])?
            .iter()
            .map(|d| if d.is_null() { c.clone() } else { d.clone() })
            .collect();
        Ok(array_value(out))
    })
}

/// The known values of a series to interpolate: all longs or all reals.
enum Known {
    Longs,
    Reals,
}

/// Classifies the elements. **[U]** A non-numeric element, or a mix of longs and reals
/// (the docs' rounding rule is for series of "only int or long elements"), is refused.
fn classify(function: &str, items: &[Dynamic]) -> Result<Option<Known>, EvalError> {
    let (mut longs, mut reals) = (false, false);
    for d in items {
        match d {
            Dynamic::Null => {}
            Dynamic::Long(_) => longs = true,
            Dynamic::Real(x) if x.is_finite() => reals = true,
            _ => {
                return Err(undocumented(
                    function,
                    "a series with a non-numeric element",
                ));
            }
        }
    }
    match (longs, reals) {
        (false, false) => Ok(None),
        (true, false) => Ok(Some(Known::Longs)),
        (false, true) => Ok(Some(Known::Reals)),
        (true, true) => Err(undocumented(function, "a series mixing longs and reals")),
    }
}

/// An interpolated element: a real, or for a long series the value truncated
/// (q/series-fill-linear-function.md: 73.5 gives 73, 32.67 gives 32). **[U]** Whether
/// a negative value rounds down or toward zero is not shown, so one is refused.
fn element(function: &str, kind: &Known, x: f64) -> Result<Dynamic, EvalError> {
    match kind {
        Known::Reals => Ok(Dynamic::Real(x)),
        Known::Longs if (0.0..9.0e18).contains(&x) => Ok(Dynamic::Long(x.trunc() as i64)),
        Known::Longs if x.fract() == 0.0 && x.abs() < 9.0e18 => Ok(Dynamic::Long(x as i64)),
        Known::Longs => Err(undocumented(function, "a negative interpolated long")),
    }
}

/// `series_fill_linear(a [, placeholder [, fill_edges [, constant]]])`.
pub(super) fn fill_linear(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        null_placeholder(name, v.get(1))?;
        let fill_edges = match v.get(2) {
            None => true,
            Some(b) => b
                .as_bool()
                .ok_or_else(|| undocumented(name, "a null fill_edges"))?,
        };
        let items = series_of(name, &v[0])?;
        let Some(kind) = classify(name, items)? else {
            // All missing: the constant (default 0), or nulls for a null constant.
            let c = match v.get(3) {
                None => Some(Dynamic::Real(0.0)),
                Some(c) => constant(name, c)?,
            };
            return Ok(array_value(vec![c.unwrap_or(Dynamic::Null); items.len()]));
        };
        let known: Vec<(usize, f64)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.as_f64().map(|x| (i, x)))
            .collect();
        let mut out = items.to_vec();
        for pair in known.windows(2) {
            let ((i, a), (j, b)) = (pair[0], pair[1]);
            for (k, slot) in out.iter_mut().enumerate().take(j).skip(i + 1) {
                let t = (k - i) as f64 / (j - i) as f64;
                *slot = element(name, &kind, a * (1.0 - t) + b * t)?;
            }
        }
        if let (true, Some(&(first, _)), Some(&(last, _))) =
            (fill_edges, known.first(), known.last())
        {
            let (head, tail) = (items[first].clone(), items[last].clone());
            out[..first].fill(head);
            out[last + 1..].fill(tail);
        }
        Ok(array_value(out))
    })
}
