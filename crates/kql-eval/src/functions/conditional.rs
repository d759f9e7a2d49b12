//! Conditionals and emptiness tests: `iff`/`iif`, `case`, `coalesce`, `isnull`,
//! `isnotnull`, `isempty`, `isnotempty` (q/iff-function.md, q/case-function.md,
//! q/isempty-function.md, q/isnull-function.md).
//!
//! ```kql
//! print iff(bool(null), 1, 2)               // 2: a null condition takes the else branch
//! print case(x > 10, "big", x > 5, "mid", "small")
//! print isempty(""), isnull(""), isempty(dynamic([]))   // true, false, false
//! ```

use kql_parser::ast::ScalarType;

use super::args::map_rows;
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::Value;

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    ScalarFunction {
        name: "iff",
        min_args: 3,
        max_args: 3,
        return_type: iff_type,
        eval: iff,
        doc: "iff(cond, then, else); a null condition gives else",
    },
    ScalarFunction {
        name: "iif",
        min_args: 3,
        max_args: 3,
        return_type: iff_type,
        eval: iff,
        doc: "alias of iff()",
    },
    ScalarFunction {
        name: "case",
        min_args: 3,
        max_args: usize::MAX,
        return_type: case_type,
        eval: case,
        doc: "case(p1, v1, p2, v2, ..., else): the value of the first true predicate",
    },
    ScalarFunction {
        name: "coalesce",
        min_args: 2,
        max_args: 64,
        return_type: coalesce_type,
        eval: coalesce,
        doc: "the first non-null (non-empty string) argument",
    },
    ScalarFunction {
        name: "isnull",
        min_args: 1,
        max_args: 1,
        return_type: to_bool,
        eval: emptiness,
        doc: "true for a null of any type; false for \"\"",
    },
    ScalarFunction {
        name: "isnotnull",
        min_args: 1,
        max_args: 1,
        return_type: to_bool,
        eval: emptiness,
        doc: "not isnull()",
    },
    ScalarFunction {
        name: "isempty",
        min_args: 1,
        max_args: 1,
        return_type: to_bool,
        eval: emptiness,
        doc: "true for \"\" and for any null",
    },
    ScalarFunction {
        name: "isnotempty",
        min_args: 1,
        max_args: 1,
        return_type: to_bool,
        eval: emptiness,
        doc: "not isempty()",
    },
];

/// The common type of branch values: equal types, numbers widen; else an error.
pub(crate) fn common_type(types: &[(usize, ScalarType)]) -> Result<ScalarType, TypeError> {
    let mut out: Option<ScalarType> = None;
    for &(i, t) in types {
        out = Some(match out {
            None => t,
            Some(o) if o == t => o,
            Some(ScalarType::Dynamic) => t,
            Some(o) if t == ScalarType::Dynamic => o,
            Some(o) if o.is_numeric() && t.is_numeric() => widest(o, t),
            Some(o) => {
                return Err(TypeError::arg(
                    i,
                    format!("branches must have one type: {o} and {t}"),
                ));
            }
        });
    }
    out.ok_or_else(|| TypeError::call("no values"))
}

fn widest(a: ScalarType, b: ScalarType) -> ScalarType {
    use ScalarType as T;
    match (a, b) {
        (T::Real, _) | (_, T::Real) => T::Real,
        (T::Decimal, _) | (_, T::Decimal) => T::Decimal,
        (T::Long, _) | (_, T::Long) => T::Long,
        _ => T::Int,
    }
}

fn check_bool(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args[i].ty {
        ScalarType::Bool | ScalarType::Dynamic => Ok(()),
        t => Err(TypeError::arg(
            i,
            format!("a condition must be bool, not {t}"),
        )),
    }
}

fn iff_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_bool(args, 0)?;
    common_type(&[(1, args[1].ty), (2, args[2].ty)])
}

fn case_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if args.len().is_multiple_of(2) {
        return Err(TypeError::call(
            "case() needs predicate/value pairs and a final else value",
        ));
    }
    let mut values = Vec::new();
    for i in (0..args.len() - 1).step_by(2) {
        check_bool(args, i)?;
        values.push((i + 1, args[i + 1].ty));
    }
    values.push((args.len() - 1, args[args.len() - 1].ty));
    common_type(&values)
}

fn coalesce_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    let types: Vec<(usize, ScalarType)> = args.iter().enumerate().map(|(i, a)| (i, a.ty)).collect();
    common_type(&types)
}

fn to_bool(_: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    Ok(ScalarType::Bool)
}

fn is_true(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Dynamic(d) => d.as_bool() == Some(true),
        _ => false,
    }
}

fn iff(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let out = call.out;
    map_rows(call, |v| {
        Ok(if is_true(&v[0]) {
            super::ops::convert(&v[1], out)
        } else {
            super::ops::convert(&v[2], out)
        })
    })
}

fn case(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let out = call.out;
    map_rows(call, |v| {
        let last = v.len() - 1;
        let chosen = (0..last)
            .step_by(2)
            .find(|&i| is_true(&v[i]))
            .map_or(last, |i| i + 1);
        Ok(super::ops::convert(&v[chosen], out))
    })
}

fn coalesce(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let out = call.out;
    map_rows(call, |v| {
        let first = v
            .iter()
            .find(|x| !is_empty(x) || (out != ScalarType::String && !is_null(x)));
        Ok(first.map_or(Value::Null, |x| super::ops::convert(x, out)))
    })
}

fn is_null(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Dynamic(d) => d.is_null(),
        _ => false,
    }
}

/// `isempty`: `""` or any null.
pub(crate) fn is_empty(v: &Value) -> bool {
    match v {
        Value::String(s) => s.is_empty(),
        other => is_null(other),
    }
}

fn emptiness(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    let string_arg = call.types[0] == ScalarType::String;
    map_rows(call, |v| {
        // A string is never null: isnull("") is false.
        let null = !string_arg && is_null(&v[0]);
        let empty = if string_arg {
            matches!(&v[0], Value::Null) || is_empty(&v[0])
        } else {
            is_empty(&v[0])
        };
        Ok(Value::Bool(match name {
            "isnull" => null,
            "isnotnull" => !null,
            "isempty" => empty,
            _ => !empty,
        }))
    })
}
