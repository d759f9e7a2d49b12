//! Compact JSON text as Kusto writes it: `tostring()` of a dynamic, dynamic cells.
//!
//! ```kql
//! print tostring(dynamic({"type":"Polygon","coordinates":[[[10,10],[10.25,10]]]}))
//! ```
//!
//! gives `{"type":"Polygon","coordinates":[[[10,10],[10.25,10]]]}` for longs, and for
//! reals the `.0` form (`[[[10.0,10.000000000000002],[10.25,10.0]...`, conformance
//! `geo-polygon-densify-function-01`): no spaces, keys in insertion order, reals as in
//! [`push_real_json`](super::real::push_real_json), datetimes as
//! `"2022-01-01T00:00:00.0000000Z"` (conformance `array-iff-function-02`), timespans as
//! `"00:00:02"` (`q/pack-array-function.md`), guids lowercase. Strings escape `"`, `\`
//! and control characters; other characters are written as they are.

use std::fmt::Write as _;

use super::datetime::push_datetime_tostring;
use super::dynamic::Dynamic;
use super::guid::push_guid;
use super::real::push_real_json;
use super::timespan::push_timespan;

impl Dynamic {
    /// The compact JSON text of this value.
    pub fn to_json(&self) -> String {
        let mut s = String::new();
        self.push_json(&mut s);
        s
    }

    /// Appends the compact JSON text of this value.
    pub fn push_json(&self, out: &mut String) {
        match self {
            Dynamic::Null => out.push_str("null"),
            Dynamic::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Dynamic::Long(v) => {
                let _ = write!(out, "{v}");
            }
            Dynamic::Real(v) => push_real_json(out, *v),
            Dynamic::String(s) => push_json_string(out, s),
            Dynamic::DateTime(t) => {
                out.push('"');
                push_datetime_tostring(out, *t);
                out.push('"');
            }
            Dynamic::TimeSpan(t) => {
                out.push('"');
                push_timespan(out, *t);
                out.push('"');
            }
            Dynamic::Guid(g) => {
                out.push('"');
                push_guid(out, *g);
                out.push('"');
            }
            Dynamic::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.push_json(out);
                }
                out.push(']');
            }
            Dynamic::Bag(bag) => {
                out.push('{');
                for (i, (k, v)) in bag.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_json_string(out, k);
                    out.push(':');
                    v.push_json(out);
                }
                out.push('}');
            }
        }
    }
}

/// Appends `s` as a quoted JSON string.
pub fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            c if (c as u32) < 0x20 => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push_str(escape);
        }
        start = i + c.len_utf8();
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::super::datetime::TICKS_PER_SECOND;
    use super::super::datetime::from_parts;
    use super::*;

    #[test]
    fn round_trips_parse_json_text() {
        for text in [
            r#"{"a":1,"b":{"c":[1,2,{"d":null}]},"e":"x"}"#,
            r#"[1,"2",3.4]"#,
            r#"{"duration":{"value":118.0,"count":5.0,"min":100.0}}"#,
            r#"{"type":"LineString","coordinates":[[-73.949247,40.79686]]}"#,
            "[]",
            "{}",
            "true",
            "\"s\"",
            "null",
        ] {
            assert_eq!(Dynamic::parse_json(text).unwrap().to_json(), text);
        }
    }

    #[test]
    fn typed_scalars_inside_dynamic() {
        let d = Dynamic::array(vec![
            Dynamic::string("some string value"),
            Dynamic::DateTime(from_parts(2022, 1, 1, 0, 0, 0, 0).unwrap()),
            Dynamic::Null,
            Dynamic::TimeSpan(2 * TICKS_PER_SECOND),
            Dynamic::Real(10.0),
            Dynamic::Guid(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef),
        ]);
        // conformance array-iff-function-02 and q/pack-array-function.md.
        assert_eq!(
            d.to_json(),
            r#"["some string value","2022-01-01T00:00:00.0000000Z",null,"00:00:02",10.0,"01234567-89ab-cdef-0123-456789abcdef"]"#
        );
    }

    #[test]
    fn escapes_strings() {
        let mut s = String::new();
        push_json_string(&mut s, "a\"b\\c\nd\u{1}é€");
        assert_eq!(s, r#""a\"b\\c\nd\u0001é€""#);
        // What we write, serde_json reads back.
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "a\"b\\c\nd\u{1}é€");
    }

    #[test]
    fn conformance_parse_csv_output() {
        // conformance parse-csv-function-01 expects these strings inside a dynamic array.
        let d = Dynamic::array(vec![
            Dynamic::string("Escaping quotes: \"Title\""),
            Dynamic::string("line1\nline2"),
        ]);
        assert_eq!(
            d.to_json(),
            r#"["Escaping quotes: \"Title\"","line1\nline2"]"#
        );
    }
}
