//! Dynamic values: member access `d.key` (registry name `.`), indexing `a[i]` (`[]`),
//! `array_length`, `pack_array`.
//!
//! ```kql
//! print dynamic({"a": [1, 2]}).a[-1]      // 2
//! print array_length(dynamic([1, 2, 3]))  // 3; null when not an array
//! ```

use std::sync::Arc;

use kql_parser::ast::ScalarType;

use super::args::map_rows;
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    ScalarFunction {
        name: ".",
        min_args: 2,
        max_args: 2,
        return_type: dynamic_target,
        eval: member,
        doc: "d.key: a property of a dynamic bag",
    },
    ScalarFunction {
        name: "[]",
        min_args: 2,
        max_args: 2,
        return_type: dynamic_target,
        eval: index,
        doc: "a[i] (negative from the end) or d[\"key\"]",
    },
    ScalarFunction {
        name: "array_length",
        min_args: 1,
        max_args: 1,
        return_type: long_type,
        eval: array_length,
        doc: "element count; null when not an array",
    },
    ScalarFunction {
        name: "pack_array",
        min_args: 1,
        max_args: 64,
        return_type: dynamic_type,
        eval: pack_array,
        doc: "a dynamic array of the arguments",
    },
];

fn dynamic_target(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args[0].ty {
        ScalarType::Dynamic => Ok(ScalarType::Dynamic),
        t => Err(TypeError::arg(
            0,
            format!("only dynamic values have members or elements, not {t}"),
        )),
    }
}

fn long_type(_: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    Ok(ScalarType::Long)
}

fn dynamic_type(_: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    Ok(ScalarType::Dynamic)
}

fn as_dynamic(v: &Value) -> Option<&Dynamic> {
    match v {
        Value::Dynamic(d) => Some(d),
        _ => None,
    }
}

fn member(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let (Some(d), Value::String(key)) = (as_dynamic(&v[0]), &v[1]) else {
            return Ok(Value::Dynamic(Dynamic::Null));
        };
        Ok(Value::Dynamic(d.get(key).cloned().unwrap_or(Dynamic::Null)))
    })
}

fn index(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let Some(d) = as_dynamic(&v[0]) else {
            return Ok(Value::Dynamic(Dynamic::Null));
        };
        let found = match &v[1] {
            Value::String(key) => d.get(key).cloned(),
            i => match (d, i.as_i64()) {
                (Dynamic::Array(items), Some(i)) => {
                    let i = if i < 0 { items.len() as i64 + i } else { i };
                    usize::try_from(i).ok().and_then(|i| items.get(i).cloned())
                }
                _ => None,
            },
        };
        Ok(Value::Dynamic(found.unwrap_or(Dynamic::Null)))
    })
}

fn array_length(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        Ok(match as_dynamic(&v[0]) {
            Some(Dynamic::Array(items)) => Value::Long(items.len() as i64),
            _ => Value::Null,
        })
    })
}

fn pack_array(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        Ok(Value::Dynamic(Dynamic::Array(Arc::new(
            v.iter().map(Dynamic::from).collect(),
        ))))
    })
}
