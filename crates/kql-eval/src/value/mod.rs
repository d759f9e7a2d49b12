//! Kusto scalar values and their text forms.
//!
//! | KQL type | [`Value`] variant | `tostring()` text ([`Value::to_kusto_string`]) |
//! |---|---|---|
//! | `bool` | `Bool` | `true`, `false` |
//! | `int` / `long` | `Int` / `Long` | `42` |
//! | `real` | `Real` | `1`, `0.5`, `1E+15`, `NaN` ([`real`]) |
//! | `decimal` | `Decimal` | `1.50` |
//! | `string` | `String` | the string |
//! | `datetime` | `DateTime` (ticks) | `2020-01-01T00:00:00.0000000Z` ([`datetime`]) |
//! | `timespan` | `TimeSpan` (ticks) | `1.12:30:55.1230000` ([`timespan`]) |
//! | `guid` | `Guid` | `74be27de-1e4e-49d9-b579-fe0b331d3642` ([`guid`]) |
//! | `dynamic` | `Dynamic` | a string bare, anything else as compact JSON ([`json_text`]) |
//! | null of any type | `Null` | `""` (`q/tostring-function.md`) |
//!
//! `Value::Null` carries no type: the column or the binder knows it. Strings are never
//! null in Kusto (`q/scalar-data-types/null-values.md`), so a string-typed null is `""`
//! ([`Value::null_of`]).

pub mod datetime;
pub mod datetime_parse;
mod datetime_scan;
mod dynamic;
mod dynamic_de;
pub mod guid;
pub mod json_text;
mod order;
pub mod real;
pub mod timespan;

use std::fmt;
use std::sync::Arc;

use kql_parser::ast::ScalarType;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

pub use dynamic::{Bag, Dynamic, JsonError};

/// A Kusto scalar value.
///
/// Equality, hashing and ordering are structural and total, for use as grouping and
/// distinct keys: `NaN == NaN`, `-0.0 == 0.0`, values of different variants are unequal
/// and order by variant (`Null` first). KQL's `==` (null-propagating, with numeric
/// promotion) is implemented by the function registry, not here.
#[derive(Debug, Clone, Default)]
pub enum Value {
    /// A null of the type known from context.
    #[default]
    Null,
    Bool(bool),
    Int(i32),
    Long(i64),
    Real(f64),
    Decimal(Decimal),
    String(Arc<str>),
    /// Ticks (100 ns) since 0001-01-01T00:00:00Z.
    DateTime(i64),
    /// Ticks (100 ns).
    TimeSpan(i64),
    Guid(u128),
    Dynamic(Dynamic),
}

impl Value {
    /// The null of a type: `""` for `string` (strings are never null), `Null` otherwise.
    pub fn null_of(ty: ScalarType) -> Value {
        match ty {
            ScalarType::String => Value::String(Arc::from("")),
            _ => Value::Null,
        }
    }

    /// A string value.
    pub fn string(s: &str) -> Value {
        Value::String(Arc::from(s))
    }

    /// The value's type, or `None` for an untyped `Null`.
    pub fn scalar_type(&self) -> Option<ScalarType> {
        Some(match self {
            Value::Null => return None,
            Value::Bool(_) => ScalarType::Bool,
            Value::Int(_) => ScalarType::Int,
            Value::Long(_) => ScalarType::Long,
            Value::Real(_) => ScalarType::Real,
            Value::Decimal(_) => ScalarType::Decimal,
            Value::String(_) => ScalarType::String,
            Value::DateTime(_) => ScalarType::DateTime,
            Value::TimeSpan(_) => ScalarType::TimeSpan,
            Value::Guid(_) => ScalarType::Guid,
            Value::Dynamic(_) => ScalarType::Dynamic,
        })
    }

    /// True for `Null` and for `dynamic(null)`; a string is never null, not even `""`
    /// (`isnull("")` is false, `q/isnull-function.md`).
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null | Value::Dynamic(Dynamic::Null))
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The value of an `int` or `long`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(v) => Some(i64::from(*v)),
            Value::Long(v) => Some(*v),
            _ => None,
        }
    }

    /// The value of an `int`, `long`, `real` or `decimal`, as a real.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(v) => Some(f64::from(*v)),
            Value::Long(v) => Some(*v as f64),
            Value::Real(v) => Some(*v),
            Value::Decimal(d) => d.to_f64(),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_dynamic(&self) -> Option<&Dynamic> {
        match self {
            Value::Dynamic(d) => Some(d),
            _ => None,
        }
    }

    /// Kusto's `tostring()`: see the table in the module docs.
    ///
    /// ```
    /// use kql_eval::value::Value;
    /// assert_eq!(Value::Real(1.0).to_kusto_string(), "1");
    /// assert_eq!(Value::Null.to_kusto_string(), "");
    /// assert_eq!(Value::Bool(true).to_kusto_string(), "true");
    /// ```
    pub fn to_kusto_string(&self) -> String {
        let mut s = String::new();
        self.push_kusto_string(&mut s);
        s
    }

    /// Appends [`Value::to_kusto_string`] to `out`.
    pub fn push_kusto_string(&self, out: &mut String) {
        use std::fmt::Write as _;
        match self {
            Value::Null => {}
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(v) => {
                let _ = write!(out, "{v}");
            }
            Value::Long(v) => {
                let _ = write!(out, "{v}");
            }
            Value::Real(v) => real::push_real(out, *v),
            Value::Decimal(d) => {
                let _ = write!(out, "{d}");
            }
            Value::String(s) => out.push_str(s),
            Value::DateTime(t) => datetime::push_datetime_tostring(out, *t),
            Value::TimeSpan(t) => timespan::push_timespan(out, *t),
            Value::Guid(g) => guid::push_guid(out, *g),
            Value::Dynamic(d) => push_dynamic_string(out, d),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Value::Null => 0,
            Value::Bool(_) => 1,
            Value::Int(_) => 2,
            Value::Long(_) => 3,
            Value::Real(_) => 4,
            Value::Decimal(_) => 5,
            Value::String(_) => 6,
            Value::DateTime(_) => 7,
            Value::TimeSpan(_) => 8,
            Value::Guid(_) => 9,
            Value::Dynamic(_) => 10,
        }
    }
}

/// `tostring()` of a dynamic: null is `""`, a string is bare, a scalar is written like
/// the scalar type (`tostring(dynamic(1.5))` is `1.5`) **[U]**, arrays and bags are
/// compact JSON.
fn push_dynamic_string(out: &mut String, d: &Dynamic) {
    match d {
        Dynamic::Null => {}
        Dynamic::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Dynamic::Long(v) => out.push_str(&v.to_string()),
        Dynamic::Real(v) => real::push_real(out, *v),
        Dynamic::String(s) => out.push_str(s),
        Dynamic::DateTime(t) => datetime::push_datetime_tostring(out, *t),
        Dynamic::TimeSpan(t) => timespan::push_timespan(out, *t),
        Dynamic::Guid(g) => guid::push_guid(out, *g),
        Dynamic::Array(_) | Dynamic::Bag(_) => d.push_json(out),
    }
}

impl From<&Value> for Dynamic {
    /// A scalar as a dynamic (`pack_array(x, y)`): `int` becomes `long`, `decimal`
    /// becomes `real`, null becomes `dynamic(null)`.
    fn from(v: &Value) -> Dynamic {
        match v {
            Value::Null => Dynamic::Null,
            Value::Bool(b) => Dynamic::Bool(*b),
            Value::Int(i) => Dynamic::Long(i64::from(*i)),
            Value::Long(i) => Dynamic::Long(*i),
            Value::Real(r) => Dynamic::Real(*r),
            Value::Decimal(d) => Dynamic::Real(d.to_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Dynamic::String(s.clone()),
            Value::DateTime(t) => Dynamic::DateTime(*t),
            Value::TimeSpan(t) => Dynamic::TimeSpan(*t),
            Value::Guid(g) => Dynamic::Guid(*g),
            Value::Dynamic(d) => d.clone(),
        }
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Value {
        Value::Bool(v)
    }
}

impl From<i32> for Value {
    fn from(v: i32) -> Value {
        Value::Int(v)
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Long(v)
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Value {
        Value::Real(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::string(v)
    }
}

impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::String(Arc::from(v))
    }
}

impl From<Decimal> for Value {
    fn from(v: Decimal) -> Value {
        Value::Decimal(v)
    }
}

impl From<Dynamic> for Value {
    fn from(v: Dynamic) -> Value {
        Value::Dynamic(v)
    }
}

impl fmt::Display for Value {
    /// The `tostring()` text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_kusto_string())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::str::FromStr;

    use super::*;

    #[test]
    fn tostring_of_each_type() {
        // q/tostring-function.md: tostring(null) is "".
        assert_eq!(Value::Null.to_kusto_string(), "");
        assert_eq!(Value::Int(-7).to_kusto_string(), "-7");
        assert_eq!(Value::Long(123).to_kusto_string(), "123");
        assert_eq!(Value::Real(0.5).to_kusto_string(), "0.5");
        assert_eq!(Value::Bool(false).to_kusto_string(), "false");
        assert_eq!(
            Value::Decimal(Decimal::from_str("1.50").unwrap()).to_kusto_string(),
            "1.50"
        );
        let t = datetime::from_parts(2020, 1, 1, 0, 0, 0, 0).unwrap();
        assert_eq!(
            Value::DateTime(t).to_kusto_string(),
            "2020-01-01T00:00:00.0000000Z"
        );
        assert_eq!(
            Value::TimeSpan(2 * datetime::TICKS_PER_SECOND).to_kusto_string(),
            "00:00:02"
        );
        assert_eq!(
            Value::Guid(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef).to_kusto_string(),
            "01234567-89ab-cdef-0123-456789abcdef"
        );
    }

    #[test]
    fn tostring_of_dynamic() {
        // Semantics 9: tostring of a null dynamic is ""; of a dynamic string, the string.
        assert_eq!(Value::Dynamic(Dynamic::Null).to_kusto_string(), "");
        assert_eq!(Value::Dynamic(Dynamic::string("s")).to_kusto_string(), "s");
        let d = Dynamic::parse_json(r#"{"a":[1,"x"]}"#).unwrap();
        assert_eq!(Value::Dynamic(d).to_kusto_string(), r#"{"a":[1,"x"]}"#);
    }

    #[test]
    fn null_of_string_is_empty() {
        assert_eq!(Value::null_of(ScalarType::String), Value::string(""));
        assert_eq!(Value::null_of(ScalarType::Long), Value::Null);
        assert!(!Value::string("").is_null());
        assert!(Value::Dynamic(Dynamic::Null).is_null());
    }

    #[test]
    fn keys_are_total() {
        let set: HashSet<Value> = [
            Value::Real(f64::NAN),
            Value::Real(f64::NAN),
            Value::Real(0.0),
            Value::Real(-0.0),
            Value::Decimal(Decimal::from_str("1.50").unwrap()),
            Value::Decimal(Decimal::from_str("1.5").unwrap()),
            Value::Long(1),
            Value::Int(1),
        ]
        .into_iter()
        .collect();
        assert_eq!(set.len(), 5);
        assert!(Value::Null < Value::Bool(false));
        assert!(Value::Long(2) < Value::Long(10));
        assert!(Value::string("B") < Value::string("a"));
    }
}
