//! Kusto `dynamic` values: JSON-like trees that can also hold datetimes, timespans and
//! guids.
//!
//! ```kql
//! print d = dynamic({"a": 1, "b": [1.5, "x", null]}), p = parse_json('{"n": 2}')
//! ```
//!
//! Parsing follows `parse_json()`: integers become `long`, every other number `real`
//! (`parse_json('{"v":118.0}').v` is a real, conformance `parse-json-function-00`);
//! integers beyond the `long` range become `real`. Bags keep their key order for
//! printing, but compare as maps (`q/scalar-data-types/dynamic.md`: "property-bag key
//! order is not preserved").
//!
//! Equality, hashing and ordering here are *structural* and total (for `distinct`,
//! `summarize by`, `make_set`): `NaN` equals `NaN`, `-0.0` equals `0.0`, a `long` never
//! equals a `real`, values of different kinds order by kind (null, bool, long, real,
//! string, datetime, timespan, guid, array, bag). KQL's `==` operator is not this.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use indexmap::IndexMap;

use super::real::canonical_real;

/// A property bag: keys in insertion order.
pub type Bag = IndexMap<String, Dynamic>;

/// A `dynamic` value.
#[derive(Debug, Clone, Default)]
pub enum Dynamic {
    /// `dynamic(null)`; also an absent key or an out-of-range index.
    #[default]
    Null,
    Bool(bool),
    Long(i64),
    Real(f64),
    String(Arc<str>),
    /// Ticks since 0001-01-01 (written as `"2022-01-01T00:00:00.0000000Z"` in JSON).
    DateTime(i64),
    /// Ticks (written as `"00:00:02"` in JSON).
    TimeSpan(i64),
    Guid(u128),
    Array(Arc<Vec<Dynamic>>),
    Bag(Arc<Bag>),
}

/// A JSON syntax error from [`Dynamic::parse_json`], with its 1-based position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid JSON at line {line}, column {column}: {message}")]
pub struct JsonError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl From<serde_json::Error> for JsonError {
    fn from(e: serde_json::Error) -> JsonError {
        // serde_json appends " at line L column C" to its Display; keep the bare message.
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        JsonError {
            message,
            line: e.line(),
            column: e.column(),
        }
    }
}

impl Dynamic {
    /// Parses JSON text like Kusto's `parse_json()` / `todynamic()`.
    ///
    /// ```
    /// use kql_eval::value::Dynamic;
    /// let d = Dynamic::parse_json(r#"{"a":1,"b":[2.5,"x",null]}"#).unwrap();
    /// assert_eq!(d.get("a"), Some(&Dynamic::Long(1)));
    /// assert_eq!(d.to_json(), r#"{"a":1,"b":[2.5,"x",null]}"#);
    /// ```
    pub fn parse_json(text: &str) -> Result<Dynamic, JsonError> {
        Ok(serde_json::from_str(text)?)
    }

    /// A string value.
    pub fn string(s: &str) -> Dynamic {
        Dynamic::String(Arc::from(s))
    }

    /// An array value.
    pub fn array(items: Vec<Dynamic>) -> Dynamic {
        Dynamic::Array(Arc::new(items))
    }

    /// A property-bag value.
    pub fn bag(entries: Bag) -> Dynamic {
        Dynamic::Bag(Arc::new(entries))
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Dynamic::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Dynamic::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Dynamic::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The value of a `long`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Dynamic::Long(v) => Some(*v),
            _ => None,
        }
    }

    /// The value of a `long` or `real`, as a real.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Dynamic::Long(v) => Some(*v as f64),
            Dynamic::Real(v) => Some(*v),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Dynamic]> {
        match self {
            Dynamic::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_bag(&self) -> Option<&Bag> {
        match self {
            Dynamic::Bag(b) => Some(b),
            _ => None,
        }
    }

    /// `d.key` / `d["key"]`: the value of a bag's key.
    pub fn get(&self, key: &str) -> Option<&Dynamic> {
        self.as_bag().and_then(|b| b.get(key))
    }

    /// `arr[i]`: 0-based, negative counts from the end (`arr[-1]` is the last element,
    /// `q/scalar-data-types/dynamic.md`).
    pub fn index(&self, i: i64) -> Option<&Dynamic> {
        let items = self.as_array()?;
        let len = i64::try_from(items.len()).ok()?;
        let pos = if i < 0 { len + i } else { i };
        usize::try_from(pos).ok().and_then(|p| items.get(p))
    }

    /// The name `gettype()` gives this value: `null`, `bool`, `long`, `real`, `string`,
    /// `datetime`, `timespan`, `guid`, `array`, `dictionary`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Dynamic::Null => "null",
            Dynamic::Bool(_) => "bool",
            Dynamic::Long(_) => "long",
            Dynamic::Real(_) => "real",
            Dynamic::String(_) => "string",
            Dynamic::DateTime(_) => "datetime",
            Dynamic::TimeSpan(_) => "timespan",
            Dynamic::Guid(_) => "guid",
            Dynamic::Array(_) => "array",
            Dynamic::Bag(_) => "dictionary",
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Dynamic::Null => 0,
            Dynamic::Bool(_) => 1,
            Dynamic::Long(_) => 2,
            Dynamic::Real(_) => 3,
            Dynamic::String(_) => 4,
            Dynamic::DateTime(_) => 5,
            Dynamic::TimeSpan(_) => 6,
            Dynamic::Guid(_) => 7,
            Dynamic::Array(_) => 8,
            Dynamic::Bag(_) => 9,
        }
    }
}

/// Bags sorted by key, for order-insensitive comparison.
fn sorted_entries(b: &Bag) -> Vec<(&String, &Dynamic)> {
    let mut entries: Vec<_> = b.iter().collect();
    entries.sort_by(|x, y| x.0.cmp(y.0));
    entries
}

impl PartialEq for Dynamic {
    fn eq(&self, other: &Dynamic) -> bool {
        match (self, other) {
            (Dynamic::Null, Dynamic::Null) => true,
            (Dynamic::Bool(a), Dynamic::Bool(b)) => a == b,
            (Dynamic::Long(a), Dynamic::Long(b)) => a == b,
            (Dynamic::Real(a), Dynamic::Real(b)) => {
                canonical_real(*a).to_bits() == canonical_real(*b).to_bits()
            }
            (Dynamic::String(a), Dynamic::String(b)) => a == b,
            (Dynamic::DateTime(a), Dynamic::DateTime(b)) => a == b,
            (Dynamic::TimeSpan(a), Dynamic::TimeSpan(b)) => a == b,
            (Dynamic::Guid(a), Dynamic::Guid(b)) => a == b,
            (Dynamic::Array(a), Dynamic::Array(b)) => a == b,
            (Dynamic::Bag(a), Dynamic::Bag(b)) => {
                a.len() == b.len() && a.iter().all(|(k, v)| b.get(k) == Some(v))
            }
            _ => false,
        }
    }
}

impl Eq for Dynamic {}

impl Hash for Dynamic {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.rank().hash(state);
        match self {
            Dynamic::Null => {}
            Dynamic::Bool(b) => b.hash(state),
            Dynamic::Long(v) | Dynamic::DateTime(v) | Dynamic::TimeSpan(v) => v.hash(state),
            Dynamic::Real(v) => canonical_real(*v).to_bits().hash(state),
            Dynamic::String(s) => s.hash(state),
            Dynamic::Guid(g) => g.hash(state),
            Dynamic::Array(a) => a.hash(state),
            Dynamic::Bag(b) => {
                // Order-independent: equal maps hash equally whatever their key order.
                let mut sum: u64 = 0;
                for (k, v) in b.iter() {
                    let mut h = DefaultHasher::new();
                    k.hash(&mut h);
                    v.hash(&mut h);
                    sum = sum.wrapping_add(h.finish());
                }
                b.len().hash(state);
                sum.hash(state);
            }
        }
    }
}

impl Ord for Dynamic {
    fn cmp(&self, other: &Dynamic) -> Ordering {
        match (self, other) {
            (Dynamic::Bool(a), Dynamic::Bool(b)) => a.cmp(b),
            (Dynamic::Long(a), Dynamic::Long(b))
            | (Dynamic::DateTime(a), Dynamic::DateTime(b))
            | (Dynamic::TimeSpan(a), Dynamic::TimeSpan(b)) => a.cmp(b),
            (Dynamic::Real(a), Dynamic::Real(b)) => {
                canonical_real(*a).total_cmp(&canonical_real(*b))
            }
            (Dynamic::String(a), Dynamic::String(b)) => a.cmp(b),
            (Dynamic::Guid(a), Dynamic::Guid(b)) => a.cmp(b),
            (Dynamic::Array(a), Dynamic::Array(b)) => a.cmp(b),
            (Dynamic::Bag(a), Dynamic::Bag(b)) => sorted_entries(a).cmp(&sorted_entries(b)),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

impl PartialOrd for Dynamic {
    fn partial_cmp(&self, other: &Dynamic) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Dynamic {
    /// The compact JSON text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn parse_json_number_kinds() {
        // q/parse-json-function.md via conformance parse-json-function-00: 118.0 is a real.
        assert_eq!(Dynamic::parse_json("118.0"), Ok(Dynamic::Real(118.0)));
        assert_eq!(Dynamic::parse_json("118"), Ok(Dynamic::Long(118)));
        assert_eq!(Dynamic::parse_json("1e3"), Ok(Dynamic::Real(1000.0)));
        assert_eq!(
            Dynamic::parse_json("18446744073709551615"),
            Ok(Dynamic::Real(18446744073709551615.0))
        );
        assert_eq!(Dynamic::parse_json(" null "), Ok(Dynamic::Null));
        // Correctly rounded, as .NET parses: the double nearest to the text.
        assert_eq!(
            Dynamic::parse_json("9.999999999999999"),
            Ok(Dynamic::Real(9.999999999999998))
        );
    }

    #[test]
    fn parse_errors_carry_positions() {
        let e = Dynamic::parse_json("{\"a\":\n  tru}").unwrap_err();
        assert_eq!((e.line, e.column), (2, 6));
        assert!(e.message.contains("expected"), "{}", e.message);
    }

    #[test]
    fn access_by_key_and_index() {
        let d = Dynamic::parse_json(r#"{"a":[1,2,3],"b":{"c":"x"}}"#).unwrap();
        let a = d.get("a").unwrap();
        assert_eq!(a.index(0), Some(&Dynamic::Long(1)));
        assert_eq!(a.index(-1), Some(&Dynamic::Long(3)));
        assert_eq!(a.index(3), None);
        assert_eq!(a.index(-4), None);
        assert_eq!(
            d.get("b")
                .and_then(|b| b.get("c"))
                .and_then(Dynamic::as_str),
            Some("x")
        );
        assert_eq!(d.get("zz"), None);
        assert_eq!(d.type_name(), "dictionary");
    }

    #[test]
    fn bags_compare_and_hash_as_maps() {
        let a = Dynamic::parse_json(r#"{"x":1,"y":[true,null]}"#).unwrap();
        let b = Dynamic::parse_json(r#"{"y":[true,null],"x":1}"#).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.cmp(&b), Ordering::Equal);
        let set: HashSet<Dynamic> = [a, b].into_iter().collect();
        assert_eq!(set.len(), 1);
    }

    #[test]
    fn structural_equality_is_total() {
        assert_eq!(Dynamic::Real(f64::NAN), Dynamic::Real(f64::NAN));
        assert_eq!(Dynamic::Real(-0.0), Dynamic::Real(0.0));
        assert_ne!(Dynamic::Long(1), Dynamic::Real(1.0));
        let mut v = [
            Dynamic::string("b"),
            Dynamic::Long(2),
            Dynamic::Null,
            Dynamic::Long(-1),
            Dynamic::Bool(true),
        ];
        v.sort();
        assert_eq!(
            v,
            [
                Dynamic::Null,
                Dynamic::Bool(true),
                Dynamic::Long(-1),
                Dynamic::Long(2),
                Dynamic::string("b")
            ]
        );
    }

    #[test]
    fn from_serde_json_value() {
        let j: serde_json::Value = serde_json::from_str(r#"{"k":[1,2.5,"s",false,null]}"#).unwrap();
        let d = Dynamic::from(j);
        assert_eq!(
            d,
            Dynamic::parse_json(r#"{"k":[1,2.5,"s",false,null]}"#).unwrap()
        );
    }
}
