//! Conversions: `tostring` (more in later work: toint, tolong, todouble, ...).
//!
//! ```kql
//! print tostring(123), tostring(int(null))   // "123", ""
//! ```

use kql_parser::ast::ScalarType;

use super::args::map_rows;
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::Value;

pub(super) static FUNCTIONS: &[ScalarFunction] = &[ScalarFunction {
    name: "tostring",
    min_args: 1,
    max_args: 1,
    return_type: string_type,
    eval: tostring,
    doc: "the value's text; null gives \"\"",
}];

fn string_type(_: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    Ok(ScalarType::String)
}

fn tostring(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    if call.types[0] == ScalarType::String {
        return Ok(call.args[0].clone());
    }
    map_rows(call, |v| Ok(Value::String(v[0].to_kusto_string().into())))
}
