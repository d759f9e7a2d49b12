//! Series functions: element-wise math and comparisons over numeric dynamic arrays
//! (`elementwise`), filling missing values (`fill`) and whole-series reductions and
//! filters (`reduce`). Sources: the q/series-*-function.md pages of the Kusto docs
//! (learn.microsoft.com/kusto/query/series-abs-function and siblings).
//!
//! ```kql
//! print series_abs(dynamic([-6.5, 0, 8.2]))                        // [6.5,0.0,8.2]
//! print series_subtract(dynamic([1,2,4]), dynamic([4,2,1]))        // [-3,0,3]
//! print series_greater(dynamic([1,2,4]), dynamic([4,2,1]))         // [false,false,true]
//! print series_fill_forward(dynamic([null, 1, null, 3]))           // [null,1,1,3]
//! print series_dot_product(dynamic([1,2,4]), dynamic([4,2,1]))     // 12.0
//! ```
//!
//! The docs say a non-numeric element (or one missing because the arrays differ in
//! length) gives a null element. What they do not say (a null or non-array argument,
//! a scalar in place of a series, results that are not finite) is refused rather than
//! guessed; such places are marked **[U]**.

mod elementwise;
mod fill;
mod reduce;

use kql_parser::ast::ScalarType;

use super::{ArgInfo, ScalarFunction, TypeError, entry};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

use elementwise::{binary, binary_type, unary};
use fill::{fill_const, fill_const_type, fill_directional, fill_linear, fill_linear_type};
use reduce::{iir, pair, pair_type, single};

#[rustfmt::skip]
pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    entry("series_abs", (1, 1), series_type, unary, "element-wise absolute value of a numeric array, as reals"),
    entry("series_acos", (1, 1), series_type, unary, "element-wise arc cosine, in radians"),
    entry("series_asin", (1, 1), series_type, unary, "element-wise arc sine, in radians"),
    entry("series_atan", (1, 1), series_type, unary, "element-wise arc tangent, in radians"),
    entry("series_ceiling", (1, 1), series_type, unary, "element-wise ceiling, as reals"),
    entry("series_cos", (1, 1), series_type, unary, "element-wise cosine of radians"),
    entry("series_exp", (1, 1), series_type, unary, "element-wise e to the power of the element"),
    entry("series_floor", (1, 1), series_type, unary, "element-wise floor, as reals"),
    entry("series_log", (1, 1), series_type, unary, "element-wise natural logarithm"),
    entry("series_sign", (1, 1), series_type, unary, "element-wise -1.0, 0.0 or 1.0 by sign"),
    entry("series_sin", (1, 1), series_type, unary, "element-wise sine of radians"),
    entry("series_sqrt", (1, 1), series_type, unary, "element-wise square root"),
    entry("series_tan", (1, 1), series_type, unary, "element-wise tangent of radians"),
    entry("series_add", (2, 2), binary_type, binary, "element-wise sum of two numeric arrays"),
    entry("series_subtract", (2, 2), binary_type, binary, "element-wise difference of two numeric arrays"),
    entry("series_multiply", (2, 2), binary_type, binary, "element-wise product of two numeric arrays"),
    entry("series_pow", (2, 2), binary_type, binary, "element-wise power, as reals"),
    entry("series_equals", (2, 2), binary_type, binary, "element-wise ==, as bools"),
    entry("series_not_equals", (2, 2), binary_type, binary, "element-wise !=, as bools"),
    entry("series_greater", (2, 2), binary_type, binary, "element-wise >, as bools"),
    entry("series_greater_equals", (2, 2), binary_type, binary, "element-wise >=, as bools"),
    entry("series_less", (2, 2), binary_type, binary, "element-wise <, as bools"),
    entry("series_less_equals", (2, 2), binary_type, binary, "element-wise <=, as bools"),
    entry("series_fill_backward", (1, 2), fill_linear_type, fill_directional, "each null takes the next non-null value"),
    entry("series_fill_forward", (1, 2), fill_linear_type, fill_directional, "each null takes the previous non-null value"),
    entry("series_fill_const", (2, 3), fill_const_type, fill_const, "series_fill_const(a, c): each null becomes c"),
    entry("series_fill_linear", (1, 4), fill_linear_type, fill_linear, "linear interpolation of nulls; edges and all-null arrays as documented"),
    entry("series_sum", (1, 1), reduce_type, single, "the sum of a numeric array, as a real"),
    entry("series_magnitude", (1, 1), reduce_type, single, "the Euclidean norm of a numeric array"),
    entry("series_dot_product", (2, 2), pair_type, pair, "the dot product of two numeric arrays of equal length"),
    entry("series_cosine_similarity", (2, 2), pair_type, pair, "the cosine of the angle between two numeric arrays"),
    entry("series_pearson_correlation", (2, 2), pair_type, pair, "the Pearson correlation coefficient of two numeric arrays"),
    entry("series_iir", (3, 3), iir_type, iir, "series_iir(x, b, a): the infinite impulse response filter of x"),
];

/// Argument `i` is `dynamic`.
fn expect_dynamic(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args[i].ty {
        ScalarType::Dynamic => Ok(()),
        t => Err(TypeError::arg(
            i,
            format!("expected a dynamic array, not {t}"),
        )),
    }
}

/// One series in, one series out.
fn series_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_dynamic(args, 0)?;
    Ok(ScalarType::Dynamic)
}

/// One series in, a real out.
fn reduce_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_dynamic(args, 0)?;
    Ok(ScalarType::Real)
}

/// `series_iir(x, b, a)`: three arrays in, one out.
fn iir_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    for i in 0..3 {
        expect_dynamic(args, i)?;
    }
    Ok(ScalarType::Dynamic)
}

/// The refusal for an input whose result Kusto does not document.
fn undocumented(function: &str, what: &str) -> EvalError {
    EvalError::invalid(format!(
        "{function}() of {what} is undocumented in Kusto, so kql refuses rather than guess"
    ))
}

/// The elements of a series argument. **[U]** A null or a non-array is refused.
fn series_of<'a>(function: &str, v: &'a Value) -> Result<&'a [Dynamic], EvalError> {
    match v {
        Value::Dynamic(Dynamic::Array(items)) => Ok(items),
        Value::Null | Value::Dynamic(Dynamic::Null) => Err(undocumented(function, "a null series")),
        _ => Err(undocumented(function, "a value that is not an array")),
    }
}

/// A real element, refusing a result that is not finite (**[U]**: how Kusto writes
/// NaN or infinity inside a dynamic array is not documented).
fn finite(function: &str, x: f64) -> Result<Dynamic, EvalError> {
    if x.is_finite() {
        Ok(Dynamic::Real(x))
    } else {
        Err(undocumented(
            function,
            "an element whose result is not finite",
        ))
    }
}

/// A dynamic array value.
fn array_value(items: Vec<Dynamic>) -> Value {
    Value::Dynamic(Dynamic::array(items))
}
