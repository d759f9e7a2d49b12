//! One cell of a result as text: the JSON value Kusto's REST API writes, or the plain
//! text of a CSV field.
//!
//! | type | JSON (`kusto-json`, `json`, `jsonl`) | CSV |
//! |---|---|---|
//! | null (any type but string) | `null` | empty |
//! | `bool` | `true` | `true` |
//! | `int`, `long` | `42` | `42` |
//! | `real` | `0.5`, `1.0`; `"NaN"`, `"Infinity"`, `"-Infinity"` | `0.5`, `1`, `NaN` |
//! | `decimal` | `"12.50"` (a string, as REST v1 writes decimals) | `12.50` |
//! | `string` | `"text"` | `text` |
//! | `datetime` | `"2018-07-01T00:00:00Z"` | `2018-07-01T00:00:00Z` |
//! | `timespan` | `"1.12:30:55.1230000"` | `1.12:30:55.1230000` |
//! | `guid` | `"01234567-89ab-cdef-0123-456789abcdef"` | same, unquoted |
//! | `dynamic` | the JSON value | compact JSON |
//!
//! Sources: conformance `cases.jsonl` (datetime cells such as `2016-12-31T23:59:59.9999999Z`,
//! timespans such as `1.12:30:55.1230000`, reals `"NaN"`/`"Infinity"`, decimals as
//! strings such as `"700000000"`).

use std::fmt::Write as _;

use crate::table::Column;
use crate::value::datetime::push_datetime_kusto;
use crate::value::guid::push_guid;
use crate::value::json_text::push_json_string;
use crate::value::real::{push_real, push_real_json};
use crate::value::timespan::push_timespan;

/// Appends row `row` of `col` as a JSON value.
pub fn push_cell_json(out: &mut String, col: &Column, row: usize) {
    fn quoted(out: &mut String, f: impl FnOnce(&mut String)) {
        out.push('"');
        f(out);
        out.push('"');
    }
    match col {
        Column::String(c) => return push_json_string(out, c.get(row)),
        Column::Dynamic(c) => return c.get(row).push_json(out),
        _ => {}
    }
    if col.is_null(row) {
        out.push_str("null");
        return;
    }
    match col {
        Column::Bool(c) => out.push_str(if c.get(row) == Some(true) {
            "true"
        } else {
            "false"
        }),
        Column::Int(c) => {
            let _ = write!(out, "{}", c.get(row).unwrap_or_default());
        }
        Column::Long(c) => {
            let _ = write!(out, "{}", c.get(row).unwrap_or_default());
        }
        Column::Real(c) => push_real_json(out, c.get(row).unwrap_or_default()),
        Column::Decimal(c) => {
            let _ = write!(out, "\"{}\"", c.get(row).unwrap_or_default());
        }
        Column::DateTime(c) => {
            quoted(out, |o| {
                push_datetime_kusto(o, c.get(row).unwrap_or_default())
            });
        }
        Column::TimeSpan(c) => quoted(out, |o| push_timespan(o, c.get(row).unwrap_or_default())),
        Column::Guid(c) => quoted(out, |o| push_guid(o, c.get(row).unwrap_or_default())),
        Column::String(_) | Column::Dynamic(_) => {}
    }
}

/// Appends row `row` of `col` as CSV field text (unquoted; the CSV writer quotes).
pub fn push_cell_text(out: &mut String, col: &Column, row: usize) {
    match col {
        Column::String(c) => return out.push_str(c.get(row)),
        Column::Dynamic(c) => {
            let d = c.get(row);
            if !d.is_null() {
                d.push_json(out);
            }
            return;
        }
        _ => {}
    }
    if col.is_null(row) {
        return;
    }
    match col {
        Column::Bool(c) => out.push_str(if c.get(row) == Some(true) {
            "true"
        } else {
            "false"
        }),
        Column::Int(c) => {
            let _ = write!(out, "{}", c.get(row).unwrap_or_default());
        }
        Column::Long(c) => {
            let _ = write!(out, "{}", c.get(row).unwrap_or_default());
        }
        Column::Real(c) => push_real(out, c.get(row).unwrap_or_default()),
        Column::Decimal(c) => {
            let _ = write!(out, "{}", c.get(row).unwrap_or_default());
        }
        Column::DateTime(c) => push_datetime_kusto(out, c.get(row).unwrap_or_default()),
        Column::TimeSpan(c) => push_timespan(out, c.get(row).unwrap_or_default()),
        Column::Guid(c) => push_guid(out, c.get(row).unwrap_or_default()),
        Column::String(_) | Column::Dynamic(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use kql_parser::ast::ScalarType;

    use super::*;
    use crate::value::Value;

    fn both(ty: ScalarType, v: Value) -> (String, String) {
        let col = Column::from_values(ty, [v].into_iter()).unwrap();
        let (mut json, mut text) = (String::new(), String::new());
        push_cell_json(&mut json, &col, 0);
        push_cell_text(&mut text, &col, 0);
        (json, text)
    }

    #[test]
    fn cell_forms() {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(both(ScalarType::Long, Value::Null), pair("null", ""));
        assert_eq!(both(ScalarType::String, Value::Null), pair("\"\"", ""));
        assert_eq!(both(ScalarType::Real, Value::Real(1.0)), pair("1.0", "1"));
        assert_eq!(
            both(ScalarType::Real, Value::Real(f64::INFINITY)),
            pair("\"Infinity\"", "Infinity")
        );
        assert_eq!(
            both(ScalarType::TimeSpan, Value::TimeSpan(-1)),
            pair("\"-00:00:00.0000001\"", "-00:00:00.0000001")
        );
        assert_eq!(
            both(ScalarType::DateTime, Value::DateTime(0)),
            pair("\"0001-01-01T00:00:00Z\"", "0001-01-01T00:00:00Z")
        );
        assert_eq!(
            both(ScalarType::Bool, Value::Bool(false)),
            pair("false", "false")
        );
        let d = Value::Dynamic(crate::value::Dynamic::string("s"));
        assert_eq!(both(ScalarType::Dynamic, d), pair("\"s\"", "\"s\""));
        assert_eq!(both(ScalarType::Dynamic, Value::Null), pair("null", ""));
    }
}
