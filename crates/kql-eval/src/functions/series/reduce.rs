//! Whole-series functions: reductions to a real (q/series-sum-function.md,
//! q/series-magnitude-function.md, q/series-dot-product-function.md,
//! q/series-cosine-similarity-function.md, q/series-pearson-correlation-function.md)
//! and the IIR filter (q/series-iir-function.md).
//!
//! ```kql
//! print series_sum(dynamic([1,2,3,4]))                                  // 10.0
//! print series_magnitude(dynamic([1,2,3,4]))                            // 5.477225575051661
//! print series_iir(dynamic([1.0,2.0,3.0]), dynamic([1]), dynamic([1,-1]))  // [1.0,3.0,6.0]
//! ```
//!
//! **[U]** The docs do not say how these treat null or non-numeric elements, empty
//! series, or series of different lengths, nor what a zero norm or variance gives; all
//! of those are refused.

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::{array_value, expect_dynamic, finite, series_of, undocumented};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

/// The elements as reals, refusing anything that is not a finite number.
fn reals(function: &str, v: &Value) -> Result<Vec<f64>, EvalError> {
    let items = series_of(function, v)?;
    if items.is_empty() {
        return Err(undocumented(function, "an empty series"));
    }
    items
        .iter()
        .map(|d| match d {
            Dynamic::Long(n) => Ok(*n as f64),
            Dynamic::Real(x) if x.is_finite() => Ok(*x),
            _ => Err(undocumented(
                function,
                "a series with a null or non-numeric element",
            )),
        })
        .collect()
}

/// A finite real result.
fn real(function: &str, x: f64) -> Result<Value, EvalError> {
    if x.is_finite() {
        Ok(Value::Real(x))
    } else {
        Err(undocumented(function, "inputs whose result is not finite"))
    }
}

/// `series_sum(a)` and `series_magnitude(a)`.
pub(super) fn single(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let xs = reals(name, &v[0])?;
        let r = match name {
            "series_sum" => xs.iter().sum(),
            _ => dot(&xs, &xs).sqrt(),
        };
        real(name, r)
    })
}

/// Two series in, a real out.
pub(super) fn pair_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_dynamic(args, 0)?;
    expect_dynamic(args, 1)?;
    Ok(ScalarType::Real)
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// `series_dot_product`, `series_cosine_similarity`, `series_pearson_correlation`.
pub(super) fn pair(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let a = reals(name, &v[0])?;
        let b = reals(name, &v[1])?;
        if a.len() != b.len() {
            return Err(undocumented(name, "series of different lengths"));
        }
        let r = match name {
            "series_dot_product" => dot(&a, &b),
            "series_cosine_similarity" => {
                let norms = dot(&a, &a).sqrt() * dot(&b, &b).sqrt();
                if norms == 0.0 {
                    return Err(undocumented(name, "a zero series"));
                }
                dot(&a, &b) / norms
            }
            _ => pearson(name, &a, &b)?,
        };
        real(name, r)
    })
}

/// The sample Pearson correlation coefficient.
fn pearson(name: &str, a: &[f64], b: &[f64]) -> Result<f64, EvalError> {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        let (dx, dy) = (x - ma, y - mb);
        sab += dx * dy;
        saa += dx * dx;
        sbb += dy * dy;
    }
    if saa == 0.0 || sbb == 0.0 {
        return Err(undocumented(name, "a constant series"));
    }
    Ok(sab / (saa.sqrt() * sbb.sqrt()))
}

/// `series_iir(x, b, a)`: y[n] = (Σ b[k]·x[n-k] − Σ_{k≥1} a[k]·y[n-k]) / a[0]
/// (q/series-iir-function.md, "Returns"). **[U]** `a[0] == 0` is refused.
pub(super) fn iir(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let x = reals(name, &v[0])?;
        let b = reals(name, &v[1])?;
        let a = reals(name, &v[2])?;
        if a[0] == 0.0 {
            return Err(undocumented(name, "a zero a[0]"));
        }
        let mut y: Vec<f64> = Vec::with_capacity(x.len());
        for n in 0..x.len() {
            let mut acc = 0.0;
            for (k, bk) in b.iter().enumerate().take(n + 1) {
                acc += bk * x[n - k];
            }
            for (k, ak) in a.iter().enumerate().skip(1).take(n) {
                acc -= ak * y[n - k];
            }
            y.push(acc / a[0]);
        }
        let out = y
            .into_iter()
            .map(|e| finite(name, e))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(array_value(out))
    })
}
