//! String functions: `strcat`, `strlen`, `tolower`, `toupper`, `split`.
//!
//! ```kql
//! print strcat("a", 1, "|", true)         // "a1|true"
//! print split("aaa_bbb_ccc", "_")         // ["aaa","bbb","ccc"]
//! print split("aaa_bbb_ccc", "_", 1)      // ["bbb"]
//! print strlen("⒦⒰⒮⒯⒪")                   // 5 (code points)
//! ```

use std::sync::Arc;

use kql_parser::ast::ScalarType;

use super::args::map_rows;
use super::compare::text;
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    ScalarFunction {
        name: "strcat",
        min_args: 1,
        max_args: 64,
        return_type: string_type,
        eval: strcat,
        doc: "concatenates the arguments' text",
    },
    ScalarFunction {
        name: "strlen",
        min_args: 1,
        max_args: 1,
        return_type: strlen_type,
        eval: strlen,
        doc: "length in Unicode code points",
    },
    ScalarFunction {
        name: "tolower",
        min_args: 1,
        max_args: 1,
        return_type: string_type,
        eval: case_map,
        doc: "lower case",
    },
    ScalarFunction {
        name: "toupper",
        min_args: 1,
        max_args: 1,
        return_type: string_type,
        eval: case_map,
        doc: "upper case",
    },
    ScalarFunction {
        name: "split",
        min_args: 2,
        max_args: 3,
        return_type: split_type,
        eval: split,
        doc: "splits on a delimiter into a dynamic array; with an index, a one-element array",
    },
];

fn string_type(_: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    Ok(ScalarType::String)
}

fn strlen_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args[0].ty {
        ScalarType::String | ScalarType::Dynamic => Ok(ScalarType::Long),
        t => Err(TypeError::arg(0, format!("strlen takes a string, not {t}"))),
    }
}

fn split_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if !matches!(args[1].ty, ScalarType::String) {
        return Err(TypeError::arg(1, "the delimiter must be a string"));
    }
    if let Some(a) = args.get(2)
        && !matches!(a.ty, ScalarType::Int | ScalarType::Long)
    {
        return Err(TypeError::arg(2, "the index must be a whole number"));
    }
    Ok(ScalarType::Dynamic)
}

fn strcat(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let mut out = String::new();
        for x in v {
            match x {
                Value::String(s) => out.push_str(s),
                other => out.push_str(&other.to_kusto_string()),
            }
        }
        Ok(Value::String(out.into()))
    })
}

fn strlen(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        Ok(Value::Long(text(&v[0]).chars().count() as i64))
    })
}

fn case_map(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let upper = call.function.name == "toupper";
    map_rows(call, |v| {
        let s = text(&v[0]);
        Ok(Value::String(
            if upper {
                s.to_uppercase()
            } else {
                s.to_lowercase()
            }
            .into(),
        ))
    })
}

fn split(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let source = text(&v[0]);
        let delimiter = text(&v[1]);
        let parts: Vec<Dynamic> = if delimiter.is_empty() {
            vec![Dynamic::String(source.as_str().into())]
        } else {
            source
                .split(delimiter.as_str())
                .map(|p| Dynamic::String(p.into()))
                .collect()
        };
        let parts = match v.get(2) {
            None => parts,
            Some(Value::Null) => return Ok(Value::Null),
            Some(index) => {
                let i = index.as_i64().unwrap_or(-1);
                let i = if i < 0 { parts.len() as i64 + i } else { i };
                usize::try_from(i)
                    .ok()
                    .and_then(|i| parts.get(i).cloned())
                    .into_iter()
                    .collect()
            }
        };
        Ok(Value::Dynamic(Dynamic::Array(Arc::new(parts))))
    })
}
