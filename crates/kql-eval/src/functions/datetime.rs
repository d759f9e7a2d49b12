//! Date and time functions: `now`, `ago` (one instant per query: q/now-function.md).
//!
//! ```kql
//! print now() == now(), now() - ago(1d)     // true, 1.00:00:00
//! ```

use kql_parser::ast::ScalarType;

use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::Value;

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    ScalarFunction {
        name: "now",
        min_args: 0,
        max_args: 1,
        return_type: datetime_of_span,
        eval: now,
        doc: "the query's fixed current time, plus an optional offset",
    },
    ScalarFunction {
        name: "ago",
        min_args: 1,
        max_args: 1,
        return_type: datetime_of_span,
        eval: ago,
        doc: "now() minus a timespan",
    },
];

fn datetime_of_span(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args.first().map(|a| a.ty) {
        None | Some(ScalarType::TimeSpan) => Ok(ScalarType::DateTime),
        Some(t) => Err(TypeError::arg(0, format!("expected a timespan, got {t}"))),
    }
}

fn offset(call: &ScalarCall<'_>, sign: i64) -> Result<Datum, EvalError> {
    let now = call.ctx.now;
    super::args::map_rows(call, |v| {
        Ok(match v.first() {
            None => Value::DateTime(now),
            Some(Value::TimeSpan(t)) => t
                .checked_mul(sign)
                .and_then(|d| now.checked_add(d))
                .map_or(Value::Null, Value::DateTime),
            Some(_) => Value::Null,
        })
    })
}

fn now(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    offset(call, 1)
}

fn ago(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    offset(call, -1)
}
