//! Dynamic values: member access `d.key` (registry name `.`), indexing `a[i]` (`[]`),
//! `array_length`, `pack_array`, `gettype` (q/scalar-data-types/dynamic.md,
//! q/array-length-function.md, q/pack-array-function.md, q/gettype-function.md).
//!
//! ```kql
//! print dynamic({"a": [1, 2]}).a[-1]      // 2; a missing key or index gives null
//! print array_length(dynamic([1, 2, 3]))  // 3; null when not an array
//! print pack_array(1, "2", 2s)            // [1,"2","00:00:02"]
//! print gettype(1s), gettype(dynamic([])) // "timespan", "array"
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
        return_type: array_length_type,
        eval: array_length,
        doc: "element count; null when not an array",
    },
    ScalarFunction {
        name: "pack_array",
        min_args: 1,
        max_args: 64,
        return_type: pack_array_type,
        eval: pack_array,
        doc: "a dynamic array of the arguments",
    },
    ScalarFunction {
        name: "gettype",
        min_args: 1,
        max_args: 1,
        return_type: gettype_type,
        eval: gettype,
        doc: "the runtime type of a value: \"long\", \"string\", \"array\", \"dictionary\", ...",
    },
];

fn dynamic_target(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args[0].ty {
        ScalarType::Dynamic => {}
        t => {
            return Err(TypeError::arg(
                0,
                format!("only dynamic values have members or elements, not {t}"),
            ));
        }
    }
    match args[1].ty {
        ScalarType::String | ScalarType::Int | ScalarType::Long | ScalarType::Dynamic => {
            Ok(ScalarType::Dynamic)
        }
        t => Err(TypeError::arg(
            1,
            format!("an index must be an integer or a string key, not {t}"),
        )),
    }
}

fn array_length_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args[0].ty {
        ScalarType::Dynamic => Ok(ScalarType::Long),
        t => Err(TypeError::arg(
            0,
            format!("expected a dynamic array, not {t}"),
        )),
    }
}

fn pack_array_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    for i in 0..args.len() {
        packable(args, i)?;
    }
    Ok(ScalarType::Dynamic)
}

fn gettype_type(_: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    Ok(ScalarType::String)
}

/// Argument `i` can go inside a dynamic value. **[U]** How Kusto stores a `decimal` in
/// a dynamic value (`dynamic` holds no decimals, q/scalar-data-types/dynamic.md) is not
/// documented, so decimals are refused.
pub(super) fn packable(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args[i].ty {
        ScalarType::Decimal => Err(TypeError::arg(
            i,
            "a decimal inside a dynamic value is not supported (its conversion is undocumented)",
        )),
        _ => Ok(()),
    }
}

/// A scalar of type `ty` as a dynamic element: `int` and `long` become a long, a
/// timespan stays a timespan (written `"00:00:02"`, q/pack-array-function.md), a string
/// column's missing value is `""`. Decimals are refused (see [`packable`]).
pub(super) fn to_dynamic(v: &Value, ty: ScalarType) -> Result<Dynamic, EvalError> {
    match v {
        Value::Null if ty == ScalarType::String => Ok(Dynamic::string("")),
        Value::Decimal(_) => Err(EvalError::invalid(
            "a decimal inside a dynamic value is not supported (its conversion is undocumented)",
        )),
        v => Ok(Dynamic::from(v)),
    }
}

/// The dynamic value of an argument, with `Value::Null` (a null dynamic cell) as
/// `dynamic(null)`.
pub(super) fn dynamic_of(v: &Value) -> Option<&Dynamic> {
    match v {
        Value::Dynamic(d) => Some(d),
        Value::Null => Some(&Dynamic::Null),
        _ => None,
    }
}

fn member(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let (Some(d), Value::String(key)) = (dynamic_of(&v[0]), &v[1]) else {
            return Ok(Value::Dynamic(Dynamic::Null));
        };
        Ok(Value::Dynamic(d.get(key).cloned().unwrap_or(Dynamic::Null)))
    })
}

fn index(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let Some(d) = dynamic_of(&v[0]) else {
            return Ok(Value::Dynamic(Dynamic::Null));
        };
        let found = match &v[1] {
            Value::String(key) => d.get(key),
            Value::Dynamic(Dynamic::String(key)) => d.get(key),
            Value::Dynamic(Dynamic::Long(i)) => d.index(*i),
            i => i.as_i64().and_then(|i| d.index(i)),
        };
        Ok(Value::Dynamic(found.cloned().unwrap_or(Dynamic::Null)))
    })
}

fn array_length(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        Ok(match dynamic_of(&v[0]) {
            Some(Dynamic::Array(items)) => {
                i64::try_from(items.len()).map_or(Value::Null, Value::Long)
            }
            _ => Value::Null,
        })
    })
}

fn pack_array(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let types = call.types;
    map_rows(call, |v| {
        let items = v
            .iter()
            .zip(types)
            .map(|(x, ty)| to_dynamic(x, *ty))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Value::Dynamic(Dynamic::Array(Arc::new(items))))
    })
}

/// `gettype()`: the static type's name for a non-dynamic value, the runtime kind for a
/// dynamic one (q/gettype-function.md).
fn gettype(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let ty = call.types[0];
    map_rows(call, |v| {
        let name = match (ty, &v[0]) {
            (ScalarType::Dynamic, v) => dynamic_type_name(dynamic_of(v).unwrap_or(&Dynamic::Null))?,
            (ScalarType::String, _) => "string",
            // [U] Whether a null `int`, `datetime`, ... reports its type or "null" is
            // undocumented.
            (_, Value::Null) => {
                return Err(EvalError::invalid(
                    "gettype() of a null non-dynamic value is undocumented in Kusto; kql refuses rather than guess",
                ));
            }
            (t, _) => scalar_type_name(t),
        };
        Ok(Value::string(name))
    })
}

fn scalar_type_name(t: ScalarType) -> &'static str {
    match t {
        ScalarType::Bool => "bool",
        ScalarType::Int => "int",
        ScalarType::Long => "long",
        ScalarType::Real => "real",
        ScalarType::Decimal => "decimal",
        ScalarType::String => "string",
        ScalarType::DateTime => "datetime",
        ScalarType::TimeSpan => "timespan",
        ScalarType::Guid => "guid",
        ScalarType::Dynamic => "dynamic",
    }
}

/// The runtime kind of a dynamic value. Kusto's JSON parser keeps small integers as
/// `int` (`gettype(parse_json('1'))` is "int", q/gettype-function.md) while a packed
/// `long` stays "long"; kql does not track that difference, so an integer within the
/// `int` range is refused.
fn dynamic_type_name(d: &Dynamic) -> Result<&'static str, EvalError> {
    match d {
        Dynamic::Long(n) if i32::try_from(*n).is_ok() => Err(EvalError::invalid(
            "gettype() of a small dynamic integer (\"int\" or \"long\" depending on its origin) is not supported",
        )),
        d => Ok(d.type_name()),
    }
}

/// Runs KQL in-process for the unit tests of the dynamic, array and bag functions.
#[cfg(test)]
pub(super) mod test_support {

    /// The result of a one-query script: a header `name:type` per column, then each
    /// row's cells (dynamic values as compact JSON, strings bare), or the error text.
    pub(crate) fn query(src: &str) -> Result<Vec<Vec<String>>, String> {
        crate::functions::test_support::query(src)
    }

    /// The single cell of `print x = <expr>`.
    pub(crate) fn eval(expr: &str) -> Result<String, String> {
        let rows = query(&format!("print x = {expr}"))?;
        rows.get(1)
            .and_then(|r| r.first())
            .cloned()
            .ok_or_else(|| "no row".to_string())
    }

    /// The single cell, panicking on an error.
    pub(crate) fn ok(expr: &str) -> String {
        eval(expr).unwrap_or_else(|e| panic!("{expr}: {e}"))
    }

    /// True when the expression is refused (at check or run time).
    pub(crate) fn refused(expr: &str) -> bool {
        eval(expr).is_err()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{ok, query, refused};

    #[test]
    fn member_and_index() {
        // q/scalar-data-types/dynamic.md: arr[-1] is the last element.
        assert_eq!(ok(r#"dynamic({"a": [1, 2]}).a[-1]"#), "2");
        assert_eq!(ok(r#"dynamic({"a": [1, 2]})["a"][0]"#), "1");
        assert_eq!(ok(r#"isnull(dynamic([1, 2])[5])"#), "true");
        assert_eq!(ok(r#"isnull(dynamic([1, 2]).a)"#), "true");
        assert_eq!(ok(r#"isnull(dynamic({"a": 1})[0])"#), "true");
        assert!(refused("dynamic([1, 2])[1.5]"));
        assert!(refused(r#""abc"[0]"#));
    }

    #[test]
    fn array_length_of_non_arrays_is_null() {
        // q/array-length-function.md (semantics cases 123, 124).
        assert_eq!(ok("array_length(dynamic([1, 2, 3]))"), "3");
        assert_eq!(ok("array_length(dynamic([]))"), "0");
        assert_eq!(ok("isnull(array_length(dynamic({})))"), "true");
        assert_eq!(ok("isnull(array_length(dynamic(null)))"), "true");
    }

    #[test]
    fn pack_array_converts_scalars() {
        // q/pack-array-function.md: [1,"2","00:00:02"].
        let rows = query(
            "range x from 1 to 3 step 1 | extend y = tostring(x * 2) \
             | extend z = (x * 2) * 1s | project pack_array(x, y, z)",
        )
        .unwrap();
        assert_eq!(rows[0], ["Column1:dynamic"]);
        assert_eq!(rows[1], [r#"[1,"2","00:00:02"]"#]);
        assert_eq!(rows[3], [r#"[3,"6","00:00:06"]"#]);
        assert_eq!(
            ok("pack_array(int(null), 1.5, dynamic([1]))"),
            "[null,1.5,[1]]"
        );
        assert!(refused("pack_array(decimal(1.5))"));
    }

    #[test]
    fn gettype_names() {
        // q/gettype-function.md examples.
        assert_eq!(ok(r#"gettype("a")"#), "string");
        assert_eq!(ok("gettype(111)"), "long");
        assert_eq!(ok("gettype(1 == 1)"), "bool");
        assert_eq!(ok("gettype(now())"), "datetime");
        assert_eq!(ok("gettype(1s)"), "timespan");
        assert_eq!(ok(r#"gettype(parse_json(' "abc" '))"#), "string");
        assert_eq!(ok(r#"gettype(dynamic({"abc": 1}))"#), "dictionary");
        assert_eq!(ok("gettype(dynamic([1, 2, 3]))"), "array");
        assert_eq!(ok("gettype(123.45)"), "real");
        assert_eq!(
            ok("gettype(guid(12e8b78d-55b4-46ae-b068-26d7a0080254))"),
            "guid"
        );
        assert_eq!(ok("gettype(dynamic(null))"), "null");
        // parse_json('1') is "int" in Kusto; kql cannot tell int from long inside dynamic.
        assert!(refused("gettype(dynamic(1))"));
        assert!(refused("gettype(long(null))"));
    }
}
