//! Converting one field of a file to its column's type.
//!
//! | column type | accepted (JSON value or CSV text) | null |
//! |---|---|---|
//! | `string` | any: numbers and booleans as their text, objects and arrays as compact JSON | never: null is `""` |
//! | `bool` | `true`/`false` (any case), numbers (0 is false, others true, like `tobool`), text `1`/`0` | `null`, `""` |
//! | `int`, `long` | integers in range, integral reals (`5.0`), integer text | `null`, `""` |
//! | `real` | numbers, numeric text, `NaN`, `Infinity`, `-Infinity` | `null`, `""` |
//! | `decimal` | numbers, decimal or scientific text | `null`, `""` |
//! | `datetime` | text in any format [`parse_datetime`] reads | `null`, `""` |
//! | `timespan` | `[-][d.]hh:mm:ss[.fffffff]` text | `null`, `""` |
//! | `guid` | guid text | `null`, `""` |
//! | `dynamic` | any JSON value; text that is a JSON object or array is parsed (`"{\"Phish\":1}"`); CSV text is parsed as JSON, and kept as a string when it is not JSON | `null`; `""` in CSV |
//!
//! Anything else is an error naming the value and the expected type: values are never
//! silently turned into nulls.

use std::str::FromStr;

use kql_parser::ast::ScalarType;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use crate::table::ColumnBuilder;
use crate::value::datetime_parse::parse_datetime;
use crate::value::guid::parse_guid;
use crate::value::real::{format_real, parse_real};
use crate::value::timespan::parse_timespan;
use crate::value::{Dynamic, Value};

use super::error::show_value;

/// One field as read from a file.
#[derive(Debug, Clone)]
pub(crate) enum Raw<'a> {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    /// A JSON string.
    Str(&'a str),
    /// A CSV field (text that may stand for any type; empty means null).
    Text(&'a str),
    /// A JSON object or array.
    Json(Dynamic),
}

impl Raw<'_> {
    /// How the value is shown in an error message.
    pub(crate) fn show(&self) -> String {
        match self {
            Raw::Null => "null".into(),
            Raw::Bool(b) => b.to_string(),
            Raw::I64(v) => v.to_string(),
            Raw::U64(v) => v.to_string(),
            Raw::F64(v) => format_real(*v),
            Raw::Str(s) | Raw::Text(s) => show_value(s, true),
            Raw::Json(d) => show_value(&d.to_json(), false),
        }
    }

    /// The value as a dynamic (for columns whose type is being inferred).
    pub(crate) fn into_dynamic(self) -> Dynamic {
        match self {
            Raw::Null => Dynamic::Null,
            Raw::Bool(b) => Dynamic::Bool(b),
            Raw::I64(v) => Dynamic::Long(v),
            Raw::U64(v) => i64::try_from(v).map_or(Dynamic::Real(v as f64), Dynamic::Long),
            Raw::F64(v) => Dynamic::Real(v),
            Raw::Str(s) | Raw::Text(s) => Dynamic::string(s),
            Raw::Json(d) => d,
        }
    }
}

/// The field cannot be converted; the caller adds the place and the column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unconvertible {
    pub value: String,
    pub expected: ScalarType,
}

/// Appends `raw` to `builder`, converted to the builder's type.
pub(crate) fn push_raw(builder: &mut ColumnBuilder, raw: Raw<'_>) -> Result<(), Unconvertible> {
    let ty = builder.scalar_type();
    let fail = |raw: &Raw<'_>| Unconvertible {
        value: raw.show(),
        expected: ty,
    };
    // The hot path: text into a string column, without an intermediate Value.
    if let (Raw::Str(s) | Raw::Text(s), ScalarType::String) = (&raw, ty) {
        return builder.push_str(s).map_err(|_| fail(&raw));
    }
    let value = match convert(ty, &raw) {
        Some(v) => v,
        None => return Err(fail(&raw)),
    };
    builder.push_value(&value).map_err(|_| fail(&raw))
}

/// Text of a JSON string or CSV field that stands for null in a non-string column.
fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// The value of `raw` as a `ty`, `Some(Value::Null)` for a null, `None` when it does
/// not convert.
fn convert(ty: ScalarType, raw: &Raw<'_>) -> Option<Value> {
    if let Raw::Null = raw {
        return Some(Value::Null);
    }
    if let (Raw::Str(s) | Raw::Text(s), false) = (raw, matches!(ty, ScalarType::String)) {
        let json_empty_string = matches!(raw, Raw::Str(_)) && s.is_empty();
        if blank(s) && !(ty == ScalarType::Dynamic && json_empty_string) {
            return Some(Value::Null);
        }
    }
    Some(match ty {
        ScalarType::String => Value::string(&string_of(raw)),
        ScalarType::Bool => Value::Bool(match raw {
            Raw::Bool(b) => *b,
            Raw::I64(v) => *v != 0,
            Raw::U64(v) => *v != 0,
            Raw::F64(v) if !v.is_nan() => *v != 0.0,
            Raw::Str(s) | Raw::Text(s) => parse_bool(s)?,
            _ => return None,
        }),
        ScalarType::Int => Value::Int(i32::try_from(integer(raw)?).ok()?),
        ScalarType::Long => Value::Long(integer(raw)?),
        ScalarType::Real => Value::Real(match raw {
            Raw::I64(v) => *v as f64,
            Raw::U64(v) => *v as f64,
            Raw::F64(v) => *v,
            Raw::Str(s) | Raw::Text(s) => parse_real(s)?,
            _ => return None,
        }),
        ScalarType::Decimal => Value::Decimal(match raw {
            Raw::I64(v) => Decimal::from(*v),
            Raw::U64(v) => Decimal::from(*v),
            Raw::F64(v) => Decimal::from_f64(*v)?,
            Raw::Str(s) | Raw::Text(s) => parse_decimal(s)?,
            _ => return None,
        }),
        ScalarType::DateTime => Value::DateTime(parse_datetime(text(raw)?)?),
        ScalarType::TimeSpan => Value::TimeSpan(parse_timespan(text(raw)?)?),
        ScalarType::Guid => Value::Guid(parse_guid(text(raw)?)?),
        ScalarType::Dynamic => Value::Dynamic(dynamic_of(raw)),
    })
}

fn text<'a>(raw: &Raw<'a>) -> Option<&'a str> {
    match raw {
        Raw::Str(s) | Raw::Text(s) => Some(s),
        _ => None,
    }
}

/// `true`/`false` in any case, `1`/`0`.
pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("true") || t == "1" {
        Some(true)
    } else if t.eq_ignore_ascii_case("false") || t == "0" {
        Some(false)
    } else {
        None
    }
}

/// An integer: JSON integers, integral JSON reals, integer text.
fn integer(raw: &Raw<'_>) -> Option<i64> {
    match raw {
        Raw::I64(v) => Some(*v),
        Raw::U64(v) => i64::try_from(*v).ok(),
        Raw::F64(v) if v.fract() == 0.0 && v.abs() < 9.2e18 => Some(*v as i64),
        Raw::Str(s) | Raw::Text(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn parse_decimal(s: &str) -> Option<Decimal> {
    let t = s.trim();
    Decimal::from_str(t)
        .ok()
        .or_else(|| Decimal::from_scientific(t).ok())
}

/// The string form of any field (a `string` column accepts everything).
fn string_of(raw: &Raw<'_>) -> String {
    match raw {
        Raw::Null => String::new(),
        Raw::Bool(b) => b.to_string(),
        Raw::I64(v) => v.to_string(),
        Raw::U64(v) => v.to_string(),
        Raw::F64(v) => format_real(*v),
        Raw::Str(s) | Raw::Text(s) => (*s).to_string(),
        Raw::Json(d) => d.to_json(),
    }
}

/// A field as a dynamic: JSON as it is; text holding a JSON object or array parsed
/// (CSV text is parsed whatever it holds); anything unparsable stays a string.
fn dynamic_of(raw: &Raw<'_>) -> Dynamic {
    match raw {
        Raw::Str(s) => {
            let t = s.trim_start();
            if t.starts_with('{') || t.starts_with('[') {
                Dynamic::parse_json(s).unwrap_or_else(|_| Dynamic::string(s))
            } else {
                Dynamic::string(s)
            }
        }
        Raw::Text(s) => Dynamic::parse_json(s).unwrap_or_else(|_| Dynamic::string(s)),
        other => other.clone().into_dynamic(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(ty: ScalarType, raw: Raw<'_>) -> Result<Value, Unconvertible> {
        let mut b = ColumnBuilder::new(ty);
        push_raw(&mut b, raw)?;
        Ok(b.finish().get(0))
    }

    #[test]
    fn numbers() {
        assert_eq!(one(ScalarType::Int, Raw::I64(5)), Ok(Value::Int(5)));
        assert_eq!(one(ScalarType::Int, Raw::F64(5.0)), Ok(Value::Int(5)));
        assert_eq!(
            one(ScalarType::Long, Raw::Text(" 42 ")),
            Ok(Value::Long(42))
        );
        assert_eq!(one(ScalarType::Long, Raw::Text("")), Ok(Value::Null));
        assert_eq!(one(ScalarType::Real, Raw::I64(2)), Ok(Value::Real(2.0)));
        assert_eq!(
            one(ScalarType::Real, Raw::Str("1e3")),
            Ok(Value::Real(1000.0))
        );
        assert_eq!(
            one(ScalarType::Decimal, Raw::Text("12.50")).map(|v| v.to_kusto_string()),
            Ok("12.50".to_string())
        );
        let e = one(ScalarType::Int, Raw::I64(1 << 40)).unwrap_err();
        assert_eq!(e.value, "1099511627776");
        let e = one(ScalarType::Long, Raw::Str("three")).unwrap_err();
        assert_eq!(
            (e.value.as_str(), e.expected),
            ("\"three\"", ScalarType::Long)
        );
        assert!(one(ScalarType::Long, Raw::F64(1.5)).is_err());
        assert!(one(ScalarType::Long, Raw::Bool(true)).is_err());
    }

    #[test]
    fn bools_follow_tobool() {
        // q/tobool-function.md: tobool("true") == true, tobool(1) == true, tobool(123) == true.
        assert_eq!(
            one(ScalarType::Bool, Raw::Str("TRUE")),
            Ok(Value::Bool(true))
        );
        assert_eq!(one(ScalarType::Bool, Raw::I64(123)), Ok(Value::Bool(true)));
        assert_eq!(
            one(ScalarType::Bool, Raw::Text("0")),
            Ok(Value::Bool(false))
        );
        assert!(one(ScalarType::Bool, Raw::Text("yes")).is_err());
    }

    #[test]
    fn strings_take_anything() {
        assert_eq!(one(ScalarType::String, Raw::Null), Ok(Value::string("")));
        assert_eq!(one(ScalarType::String, Raw::I64(7)), Ok(Value::string("7")));
        assert_eq!(
            one(ScalarType::String, Raw::F64(1.0)),
            Ok(Value::string("1"))
        );
        let bag = Dynamic::parse_json(r#"{"a":1}"#).unwrap();
        assert_eq!(
            one(ScalarType::String, Raw::Json(bag)),
            Ok(Value::string(r#"{"a":1}"#))
        );
        assert_eq!(
            one(ScalarType::String, Raw::Text("")),
            Ok(Value::string(""))
        );
    }

    #[test]
    fn dynamic_parses_json_text() {
        let v = one(
            ScalarType::Dynamic,
            Raw::Str(r#"{"Phish":["Spoof DMARC"]}"#),
        )
        .unwrap();
        assert_eq!(v.to_kusto_string(), r#"{"Phish":["Spoof DMARC"]}"#);
        assert_eq!(
            one(ScalarType::Dynamic, Raw::Str("plain")),
            Ok(Value::Dynamic(Dynamic::string("plain")))
        );
        assert_eq!(
            one(ScalarType::Dynamic, Raw::Text("5")),
            Ok(Value::Dynamic(Dynamic::Long(5)))
        );
        assert_eq!(
            one(ScalarType::Dynamic, Raw::Text("{broken")),
            Ok(Value::Dynamic(Dynamic::string("{broken")))
        );
        assert_eq!(one(ScalarType::Dynamic, Raw::Text("")), Ok(Value::Null));
        assert_eq!(
            one(ScalarType::Dynamic, Raw::Str("")),
            Ok(Value::Dynamic(Dynamic::string("")))
        );
    }

    #[test]
    fn datetimes_timespans_guids() {
        let v = one(ScalarType::DateTime, Raw::Str("2026-05-09T12:00:00Z")).unwrap();
        assert_eq!(v.to_kusto_string(), "2026-05-09T12:00:00.0000000Z");
        assert_eq!(one(ScalarType::DateTime, Raw::Str("")), Ok(Value::Null));
        let e = one(ScalarType::DateTime, Raw::Str("yesterday")).unwrap_err();
        assert_eq!(e.value, "\"yesterday\"");
        assert!(one(ScalarType::DateTime, Raw::I64(5)).is_err());
        assert_eq!(
            one(ScalarType::TimeSpan, Raw::Text("01:30:00")),
            Ok(Value::TimeSpan(54_000_000_000))
        );
        assert!(one(ScalarType::Guid, Raw::Text("nope")).is_err());
    }
}
