//! Conversions: `tostring`, `toint`, `tolong`, `todouble`/`toreal`, `tobool`/`toboolean`,
//! `todecimal`, `todatetime`, `totimespan`/`totime`, `toguid`, `tohex`, and
//! `parse_json`/`todynamic`/`toobject`/`parsejson` (q/to*-function.md,
//! q/parse-json-function.md), plus `format_bytes` and `parse_version`.
//!
//! ```kql
//! print tostring(123), tostring(int(null))          // "123", ""
//! print toint(2.3), toint("123"), tolong("abc")     // 2, 123, null
//! print tobool("true"), tobool(123), tohex(-256)    // true, true, "ffffffffffffff00"
//! print parse_json('{"a":1}').a, toguid("0123456789abcdef0123456789abcdef")
//! ```
//!
//! A conversion that fails gives null. Where Kusto's answer is not documented (text such
//! as `"1.0"` for `toint`, `todatetime(123)`), kql refuses instead of guessing.

mod bytes;
mod hex;
mod json;
mod number;
pub(super) mod text;

use kql_parser::ast::ScalarType;

use super::args::map_rows;
use super::ops::dynamic_scalar;
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::Value;

macro_rules! conversion {
    ($name:literal, $rule:ident, $doc:literal) => {
        ScalarFunction {
            name: $name,
            min_args: 1,
            max_args: 1,
            return_type: $rule,
            eval: convert,
            doc: $doc,
        }
    };
}

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    conversion!(
        "tostring",
        to_string_type,
        "the value's text; null gives \"\""
    ),
    conversion!(
        "toint",
        to_int_type,
        "to int: numbers truncate, text parses; else null"
    ),
    conversion!(
        "tolong",
        to_long_type,
        "to long: numbers truncate, text parses; else null"
    ),
    conversion!("todouble", to_real_type, "to real; failure gives null"),
    conversion!("toreal", to_real_type, "alias of todouble()"),
    conversion!(
        "tobool",
        to_bool_type,
        "to bool: \"true\"/\"false\" any case, numbers != 0"
    ),
    conversion!("toboolean", to_bool_type, "alias of tobool()"),
    conversion!(
        "todecimal",
        to_decimal_type,
        "to decimal; failure gives null"
    ),
    conversion!(
        "todatetime",
        to_datetime_type,
        "text to datetime; failure gives null"
    ),
    conversion!(
        "totimespan",
        to_timespan_type,
        "text to timespan; failure gives null"
    ),
    conversion!("totime", to_timespan_type, "alias of totimespan()"),
    conversion!(
        "toguid",
        to_guid_type,
        "text to guid (32 hex digits, hyphens optional)"
    ),
    conversion!(
        "parse_json",
        to_dynamic_type,
        "JSON text to dynamic; other text stays a string"
    ),
    conversion!("parsejson", to_dynamic_type, "alias of parse_json()"),
    conversion!("todynamic", to_dynamic_type, "alias of parse_json()"),
    conversion!("toobject", to_dynamic_type, "alias of parse_json()"),
    ScalarFunction {
        name: "format_bytes",
        min_args: 1,
        max_args: 3,
        return_type: bytes::format_bytes_type,
        eval: bytes::format_bytes,
        doc: "a size in bytes as text with a unit (`10.1 KB`)",
    },
    ScalarFunction {
        name: "parse_version",
        min_args: 1,
        max_args: 1,
        return_type: bytes::parse_version_type,
        eval: bytes::parse_version,
        doc: "a version of up to four parts as a comparable decimal",
    },
    ScalarFunction {
        name: "tohex",
        min_args: 1,
        max_args: 2,
        return_type: hex::tohex_type,
        eval: hex::tohex,
        doc: "an int or long as lower-case hex (two's complement), padded to minLength",
    },
];

/// The result type of the conversion function `name`.
fn target(name: &str) -> ScalarType {
    match name {
        "toint" => ScalarType::Int,
        "tolong" => ScalarType::Long,
        "todouble" | "toreal" => ScalarType::Real,
        "tobool" | "toboolean" => ScalarType::Bool,
        "todecimal" => ScalarType::Decimal,
        "todatetime" => ScalarType::DateTime,
        "totimespan" | "totime" => ScalarType::TimeSpan,
        "toguid" => ScalarType::Guid,
        "parse_json" | "parsejson" | "todynamic" | "toobject" => ScalarType::Dynamic,
        _ => ScalarType::String,
    }
}

/// Whether kql converts a value of type `from` to `to` exactly as Kusto does.
pub(super) fn supported(from: ScalarType, to: ScalarType) -> bool {
    use ScalarType as T;
    if from == to || from == T::Dynamic || to == T::String {
        return true;
    }
    match to {
        T::Int | T::Long | T::Real | T::Bool => {
            matches!(
                from,
                T::Bool | T::Int | T::Long | T::Real | T::Decimal | T::String
            )
        }
        T::Decimal => matches!(from, T::Int | T::Long | T::Real | T::String),
        T::DateTime | T::TimeSpan | T::Guid => from == T::String,
        _ => false,
    }
}

fn check(name: &str, to: ScalarType, args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    let from = args[0].ty;
    if supported(from, to) {
        Ok(to)
    } else {
        Err(TypeError::arg(
            0,
            format!("kql does not support {name}() of a {from}: Kusto's result is undocumented"),
        ))
    }
}

fn to_string_type(_: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    Ok(ScalarType::String)
}

fn to_int_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check("toint", ScalarType::Int, args)
}

fn to_long_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check("tolong", ScalarType::Long, args)
}

fn to_real_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check("todouble", ScalarType::Real, args)
}

fn to_bool_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check("tobool", ScalarType::Bool, args)
}

fn to_decimal_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check("todecimal", ScalarType::Decimal, args)
}

fn to_datetime_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check("todatetime", ScalarType::DateTime, args)
}

fn to_timespan_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check("totimespan", ScalarType::TimeSpan, args)
}

/// `toguid(value)`: Kusto's signature takes a string or dynamic only.
fn to_guid_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args[0].ty {
        ScalarType::String | ScalarType::Dynamic => Ok(ScalarType::Guid),
        t => Err(TypeError::arg(
            0,
            format!("toguid takes a string or dynamic, not {t}"),
        )),
    }
}

/// `parse_json(json_text)`: a string; a dynamic passes through unchanged.
fn to_dynamic_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args[0].ty {
        ScalarType::String | ScalarType::Dynamic => Ok(ScalarType::Dynamic),
        t => Err(TypeError::arg(
            0,
            format!("parse_json takes a string, not {t}"),
        )),
    }
}

fn convert(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let to = target(call.function.name);
    if call.types[0] == to && to != ScalarType::Dynamic {
        return Ok(call.args[0].clone());
    }
    let name = call.function.name;
    map_rows(call, |v| convert_value(name, &v[0], to))
}

fn unsure(function: &str, v: &Value) -> EvalError {
    EvalError::invalid(format!(
        "{function}({}): kql cannot tell Kusto's exact answer for this value",
        v.to_kusto_string()
    ))
}

/// Kusto's `to*()` conversion of one value to `to` (`function` names the caller in
/// errors). `Err` where Kusto's answer is not known.
pub(super) fn convert_value(function: &str, v: &Value, to: ScalarType) -> Result<Value, EvalError> {
    use ScalarType as T;
    match (v, to) {
        (_, T::String) => return Ok(Value::String(v.to_kusto_string().into())),
        (Value::Null, _) => return Ok(Value::Null),
        (Value::Dynamic(d), T::Dynamic) => return Ok(Value::Dynamic(d.clone())),
        (Value::String(s), T::Dynamic) => return json::parse_json(s).map(Value::Dynamic),
        (Value::Dynamic(d), _) => {
            return match dynamic_scalar(d) {
                Some(inner) => convert_value(function, &inner, to),
                // dynamic(null), arrays and bags are not numbers, dates or guids.
                None => Ok(Value::Null),
            };
        }
        _ => {}
    }
    let Some(from) = v.scalar_type() else {
        return Ok(Value::Null);
    };
    if !supported(from, to) {
        return Err(unsure(function, v));
    }
    let out = match to {
        T::Long => number::to_long(function, v)?.map(Value::Long),
        T::Int => match number::to_long(function, v)? {
            None => None,
            Some(n) => Some(Value::Int(
                i32::try_from(n).map_err(|_| unsure(function, v))?,
            )),
        },
        T::Real => number::to_real(function, v)?.map(Value::Real),
        T::Bool => number::to_bool(function, v)?.map(Value::Bool),
        T::Decimal => number::to_decimal(function, v)?.map(Value::Decimal),
        T::DateTime => match v {
            Value::String(s) => text::parse_datetime_text(s).map(Value::DateTime),
            _ => Some(v.clone()),
        },
        T::TimeSpan => match v {
            Value::String(s) => text::parse_timespan_text(function, s)?.map(Value::TimeSpan),
            _ => Some(v.clone()),
        },
        T::Guid => match v {
            Value::String(s) => text::parse_guid_text(function, s)?.map(Value::Guid),
            _ => Some(v.clone()),
        },
        T::String | T::Dynamic => Some(v.clone()),
    };
    Ok(out.unwrap_or(Value::Null))
}

/// The text form of a dynamic for JSON output in tests.
#[cfg(test)]
fn json_of(v: &Value) -> String {
    match v {
        Value::Dynamic(d) => d.to_json(),
        other => other.to_kusto_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::string::test_util::eval_row;
    use crate::value::Dynamic;

    #[test]
    fn doc_assertions() {
        // semantics-cases 108 (q/tolong, toreal, todouble, tobool pages).
        let row = eval_row(
            "print tolong('123') == 123, toreal('123.4') == 123.4, todouble('123.4') == 123.4, \
             tobool('true') == true, tobool('false') == false, tobool(1) == true, tobool(123) == true",
        );
        assert!(row.iter().all(|c| c == "true"), "{row:?}");
        // q/toint-function.md: toint(2.3) is 2; semantics-cases 109: failures are null.
        assert_eq!(eval_row("print toint(2.3), toint('123')"), ["2", "123"]);
        let row = eval_row(
            "print isnull(toint('abc')), isnull(tolong('abc')), isnull(toreal('abc')), isnull(todatetime('abc'))",
        );
        assert!(row.iter().all(|c| c == "true"), "{row:?}");
        // q/todecimal-function.md.
        assert_eq!(
            eval_row("print todecimal('123.45678') == decimal(123.45678)"),
            ["true"]
        );
        // q/totimespan-function.md.
        assert_eq!(
            eval_row("print totimespan('0.00:01:00') == time(1min)"),
            ["true"]
        );
    }

    #[test]
    fn parse_json_nested() {
        // q/parse-json-function.md: the nested JSON example gives 456.
        let q = r#"let d='{"a":123, "b":"{\\"c\\":456}"}'; print parse_json(tostring(parse_json(d).b)).c"#;
        assert_eq!(eval_row(q), ["456"]);
        let v = convert_value(
            "parse_json",
            &Value::string("not json"),
            ScalarType::Dynamic,
        );
        assert_eq!(json_of(&v.unwrap_or_default()), "\"not json\"");
    }

    #[test]
    fn refuses_what_is_undocumented() {
        assert!(convert_value("toint", &Value::string("1.0"), ScalarType::Int).is_err());
        assert!(convert_value("toint", &Value::Long(1 << 40), ScalarType::Int).is_err());
        assert!(!supported(ScalarType::Long, ScalarType::DateTime));
        assert_eq!(
            convert_value(
                "tolong",
                &Value::Dynamic(Dynamic::Real(2.7)),
                ScalarType::Long
            )
            .ok(),
            Some(Value::Long(2))
        );
    }
}
