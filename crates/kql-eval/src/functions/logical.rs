//! `and`, `or`, `not()`: three-valued logic (q/scalar-data-types/null-values.md).
//!
//! ```kql
//! print false and bool(null)   // false
//! print true or bool(null)     // true
//! print true and bool(null)    // null
//! print not(bool(null))        // null
//! ```

use kql_parser::ast::ScalarType;

use super::args::map_rows;
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::Value;

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    ScalarFunction {
        name: "and",
        min_args: 2,
        max_args: 2,
        return_type: bools,
        eval: and,
        doc: "logical and, false wins over null",
    },
    ScalarFunction {
        name: "or",
        min_args: 2,
        max_args: 2,
        return_type: bools,
        eval: or,
        doc: "logical or, true wins over null",
    },
    ScalarFunction {
        name: "not",
        min_args: 1,
        max_args: 1,
        return_type: bools,
        eval: not,
        doc: "logical negation; not(null) is null",
    },
];

fn bools(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    for (i, a) in args.iter().enumerate() {
        if !matches!(a.ty, ScalarType::Bool | ScalarType::Dynamic) {
            return Err(TypeError::arg(i, format!("expected a bool, got {}", a.ty)));
        }
    }
    Ok(ScalarType::Bool)
}

fn as_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Dynamic(d) => d.as_bool(),
        _ => None,
    }
}

fn to_value(b: Option<bool>) -> Value {
    b.map_or(Value::Null, Value::Bool)
}

fn and(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        Ok(to_value(match (as_bool(&v[0]), as_bool(&v[1])) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        }))
    })
}

fn or(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        Ok(to_value(match (as_bool(&v[0]), as_bool(&v[1])) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        }))
    })
}

fn not(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| Ok(to_value(as_bool(&v[0]).map(|b| !b))))
}
