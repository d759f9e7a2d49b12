//! Types for columns no schema declares, decided after the whole column is read.
//!
//! **CSV** (every field is text). Ignoring empty fields, the column is:
//! `long` if every value is an integer; else `real` if every value is a decimal or
//! scientific number (a number written with a leading zero, like `007` or `0123.5`,
//! makes the column text: it is an identifier, and its zeros would be lost); else `bool` if every value is `true`/`false` (any case); else
//! `datetime` if every value is a datetime [`parse_datetime`] reads (ISO 8601, RFC
//! 822/850, `5/10/2026, 12:34:56.789 PM`, ...); else `string`. A column with no
//! non-empty value is `string`.
//!
//! **JSON** (values are typed). Ignoring nulls, the column is: `bool` if every value is
//! a boolean; `long` if every value is an integer; `real` if every value is a number;
//! `datetime` if every value is a string and every non-empty one is ISO 8601 with the
//! date first (`2026-05-09T12:00:00Z`; looser forms stay strings); `string` if every
//! value is a string; `dynamic` otherwise (objects, arrays, or a mix of kinds). A
//! column with only nulls is `string`.

use kql_parser::ast::ScalarType;

use crate::table::{Column, ColumnBuilder, StringColumn};
use crate::value::Dynamic;
use crate::value::datetime_parse::{parse_datetime, parse_datetime_iso};

use super::convert::{Raw, parse_bool, push_raw};

/// The values of a column whose type is not known yet.
#[derive(Debug, Clone)]
pub(crate) enum InferBuf {
    /// CSV fields (empty = null).
    Text(StringColumn),
    /// JSON values.
    Json(Vec<Dynamic>),
}

impl InferBuf {
    pub(crate) fn len(&self) -> usize {
        match self {
            InferBuf::Text(c) => c.len(),
            InferBuf::Json(v) => v.len(),
        }
    }

    pub(crate) fn push_null(&mut self) {
        match self {
            InferBuf::Text(c) => c.push(""),
            InferBuf::Json(v) => v.push(Dynamic::Null),
        }
    }

    pub(crate) fn push(&mut self, raw: Raw<'_>) {
        match (self, raw) {
            (InferBuf::Text(c), Raw::Text(s) | Raw::Str(s)) => c.push(s),
            (InferBuf::Text(c), other) => c.push(&other.into_dynamic().to_json()),
            (InferBuf::Json(v), raw) => v.push(raw.into_dynamic()),
        }
    }

    /// The column, with its inferred type.
    pub(crate) fn finish(self) -> Column {
        match self {
            InferBuf::Text(c) => finish_text(c),
            InferBuf::Json(v) => finish_json(v),
        }
    }
}

/// `007`, `-012`, `00.5`: digits after a leading zero.
fn leading_zero(t: &str) -> bool {
    let digits = t.trim_start_matches(['-', '+']).as_bytes();
    digits.len() > 1 && digits[0] == b'0' && digits[1].is_ascii_digit()
}

/// Decimal or scientific number text (not `NaN`/`Infinity`, which are words).
fn numeric(t: &str) -> bool {
    !leading_zero(t)
        && t.bytes().any(|b| b.is_ascii_digit())
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'))
        && t.parse::<f64>().is_ok()
}

fn infer_text(c: &StringColumn) -> ScalarType {
    let (mut long, mut real, mut boolean, mut datetime) = (true, true, true, true);
    let mut any = false;
    for s in c.iter() {
        let t = s.trim();
        if t.is_empty() {
            continue;
        }
        any = true;
        long = long && !leading_zero(t) && t.parse::<i64>().is_ok();
        real = real && numeric(t);
        boolean = boolean && (t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false"));
        datetime = datetime && !real && parse_datetime(t).is_some();
        if !(long || real || boolean || datetime) {
            return ScalarType::String;
        }
    }
    match (any, long, real, boolean, datetime) {
        (false, ..) => ScalarType::String,
        (_, true, ..) => ScalarType::Long,
        (_, _, true, ..) => ScalarType::Real,
        (_, _, _, true, _) => ScalarType::Bool,
        (_, _, _, _, true) => ScalarType::DateTime,
        _ => ScalarType::String,
    }
}

fn finish_text(c: StringColumn) -> Column {
    let ty = infer_text(&c);
    if ty == ScalarType::String {
        return Column::String(c);
    }
    let mut b = ColumnBuilder::with_capacity(ty, c.len());
    let mut ok = true;
    for s in c.iter() {
        let raw = if ty == ScalarType::Bool {
            // Only true/false were seen; parse_bool also reads them.
            match parse_bool(s) {
                Some(v) => Raw::Bool(v),
                None => Raw::Null,
            }
        } else {
            Raw::Text(s)
        };
        if push_raw(&mut b, raw).is_err() {
            ok = false;
            break;
        }
    }
    // A failure cannot happen after inference accepted every value; keep the text.
    if ok { b.finish() } else { Column::String(c) }
}

fn infer_json(values: &[Dynamic]) -> ScalarType {
    let (mut bools, mut longs, mut reals, mut strings, mut others) = (0, 0, 0, 0, 0);
    let mut datetimes = true;
    for v in values {
        match v {
            Dynamic::Null => {}
            Dynamic::Bool(_) => bools += 1,
            Dynamic::Long(_) => longs += 1,
            Dynamic::Real(_) => reals += 1,
            Dynamic::String(s) => {
                strings += 1;
                datetimes = datetimes && (s.is_empty() || parse_datetime_iso(s).is_some());
            }
            _ => others += 1,
        }
    }
    let kinds = [bools, longs + reals, strings, others]
        .iter()
        .filter(|n| **n > 0)
        .count();
    if kinds > 1 || others > 0 {
        return ScalarType::Dynamic;
    }
    if bools > 0 {
        ScalarType::Bool
    } else if reals > 0 {
        ScalarType::Real
    } else if longs > 0 {
        ScalarType::Long
    } else if strings > 0
        && datetimes
        && values
            .iter()
            .any(|v| v.as_str().is_some_and(|s| !s.is_empty()))
    {
        ScalarType::DateTime
    } else {
        ScalarType::String
    }
}

fn finish_json(values: Vec<Dynamic>) -> Column {
    let ty = infer_json(&values);
    let mut b = ColumnBuilder::with_capacity(ty, values.len());
    for v in &values {
        let raw = match v {
            Dynamic::Null => Raw::Null,
            Dynamic::Bool(x) => Raw::Bool(*x),
            Dynamic::Long(x) => Raw::I64(*x),
            Dynamic::Real(x) => Raw::F64(*x),
            Dynamic::String(s) if ty != ScalarType::Dynamic => Raw::Str(s),
            other => Raw::Json(other.clone()),
        };
        if push_raw(&mut b, raw).is_err() {
            // Cannot happen after inference; a dynamic column holds anything.
            return Column::Dynamic(crate::table::DynamicColumn::from_values(values));
        }
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Value;

    fn text(values: &[&str]) -> Column {
        InferBuf::Text(values.iter().copied().collect()).finish()
    }

    fn json(values: &[&str]) -> Column {
        let v = values
            .iter()
            .map(|s| Dynamic::parse_json(s).unwrap())
            .collect();
        InferBuf::Json(v).finish()
    }

    #[test]
    fn csv_rules() {
        assert_eq!(text(&["1", "", "-3"]).scalar_type(), ScalarType::Long);
        assert_eq!(text(&["1", "2.5", "1e3"]).scalar_type(), ScalarType::Real);
        assert_eq!(text(&["True", "false", ""]).scalar_type(), ScalarType::Bool);
        assert_eq!(
            text(&["2026-05-09T12:00:00Z", "5/10/2026, 12:34:56.789 PM"]).scalar_type(),
            ScalarType::DateTime
        );
        assert_eq!(text(&["1", "x"]).scalar_type(), ScalarType::String);
        assert_eq!(text(&["NaN"]).scalar_type(), ScalarType::String);
        assert_eq!(text(&["007", "12"]).scalar_type(), ScalarType::String);
        assert_eq!(text(&["0", "-0.5", "0.25"]).scalar_type(), ScalarType::Real);
        assert_eq!(text(&["", ""]).scalar_type(), ScalarType::String);
        let c = text(&["1", ""]);
        assert_eq!(c.get(1), Value::Null);
        let b = text(&["TRUE", "false"]);
        assert_eq!(b.get(0), Value::Bool(true));
    }

    #[test]
    fn json_rules() {
        assert_eq!(json(&["1", "null", "2"]).scalar_type(), ScalarType::Long);
        assert_eq!(json(&["1", "2.5"]).scalar_type(), ScalarType::Real);
        assert_eq!(json(&["true", "null"]).scalar_type(), ScalarType::Bool);
        assert_eq!(json(&["\"a\"", "\"\""]).scalar_type(), ScalarType::String);
        assert_eq!(
            json(&["\"2026-05-09T12:00:00Z\"", "\"\"", "null"]).scalar_type(),
            ScalarType::DateTime
        );
        assert_eq!(json(&["\"5/10/2026\""]).scalar_type(), ScalarType::String);
        assert_eq!(json(&["{\"a\":1}"]).scalar_type(), ScalarType::Dynamic);
        assert_eq!(json(&["1", "\"x\""]).scalar_type(), ScalarType::Dynamic);
        assert_eq!(json(&["null"]).scalar_type(), ScalarType::String);
        let mixed = json(&["1", "\"x\"", "null"]);
        assert_eq!(mixed.get(1), Value::Dynamic(Dynamic::string("x")));
        assert_eq!(json(&["1", "2.5"]).get(0), Value::Real(1.0));
    }
}
