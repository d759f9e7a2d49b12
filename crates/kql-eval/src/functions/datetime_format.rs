//! `format_datetime` and `format_timespan` with the documented format elements
//! (q/format-datetime-function.md, q/format-timespan-function.md).
//!
//! ```kql
//! let dt = datetime(2017-01-29 09:00:05);
//! print format_datetime(dt, 'yy-MM-dd [HH:mm:ss]'),   // 17-01-29 [09:00:05]
//!       format_datetime(dt, 'yyyy-M-dd [H:mm:ss]'),   // 2017-1-29 [9:00:05]
//!       format_datetime(dt, 'yy-MM-dd [hh:mm:ss tt]') // 17-01-29 [09:00:05 AM]
//! let t = time(29.09:00:05.12345);
//! print format_timespan(t, 'dd.hh:mm:ss:FF'),          // 29.09:00:05:12
//!       format_timespan(t, 'ddd.h:mm:ss [fffffff]')    // 029.9:00:05 [1234500]
//! ```
//!
//! The format must be a literal; elements and delimiters outside the documented
//! tables are refused when the query is checked.

use std::fmt::Write as _;

use kql_parser::ast::ScalarType;

use super::args::map_rows;
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::Value;
use crate::value::datetime::{self as dt, TICKS_PER_DAY, TICKS_PER_SECOND};

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    ScalarFunction {
        name: "format_datetime",
        min_args: 2,
        max_args: 2,
        return_type: format_type,
        eval: format,
        doc: "a datetime as text, by a format of y, M, d, h, H, m, s, f, F and tt elements",
    },
    ScalarFunction {
        name: "format_timespan",
        min_args: 2,
        max_args: 2,
        return_type: format_type,
        eval: format,
        doc: "a timespan as text, by a format of d, h, H, m, s, f and F elements",
    },
];

/// One element of a format: a run of one letter, or a delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    Field(char, usize),
    Delimiter(char),
}

const DELIMITERS: &[char] = &[' ', '/', '-', ':', ',', '.', '_', '[', ']'];

/// Splits a format into elements, checking each against the documented table of
/// `format_datetime` (`datetime == true`) or `format_timespan`.
fn parse_format(format: &str, datetime: bool) -> Result<Vec<Element>, String> {
    let chars: Vec<char> = format.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if DELIMITERS.contains(&c) {
            out.push(Element::Delimiter(c));
            i += 1;
            continue;
        }
        let n = chars[i..].iter().take_while(|&&x| x == c).count();
        let ok = match c {
            'f' | 'F' => n <= 7,
            'h' | 'H' | 'm' | 's' => n <= 2,
            'd' if datetime => n <= 2,
            'd' => n <= 8,
            'M' if datetime => n <= 2,
            'y' if datetime => n <= 2 || n == 4,
            't' if datetime => n == 2,
            _ => false,
        };
        if !ok {
            let run: String = chars[i..i + n].iter().collect();
            return Err(format!("'{run}' is not a supported format element"));
        }
        out.push(Element::Field(c, n));
        i += n;
    }
    if out.is_empty() {
        return Err("the format is empty".into());
    }
    Ok(out)
}

fn format_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    let datetime = match args[0].ty {
        ScalarType::DateTime => true,
        ScalarType::TimeSpan => false,
        t => {
            return Err(TypeError::arg(
                0,
                format!("expected a datetime or timespan, got {t}"),
            ));
        }
    };
    let Some(Value::String(f)) = args[1].literal else {
        return Err(TypeError::arg(1, "the format must be a string literal"));
    };
    parse_format(f, datetime).map_err(|e| TypeError::arg(1, e))?;
    Ok(ScalarType::String)
}

/// The fields a format element reads, split out of a datetime or a timespan.
struct Fields {
    year: i64,
    month: u32,
    day: i64,
    hour: u32,
    minute: u32,
    second: u32,
    /// Ticks within the second.
    fraction: u32,
}

fn datetime_fields(t: i64) -> Fields {
    let p = dt::to_parts(t);
    Fields {
        year: p.year,
        month: p.month,
        day: i64::from(p.day),
        hour: p.hour,
        minute: p.minute,
        second: p.second,
        fraction: p.fraction,
    }
}

fn timespan_fields(t: i64) -> Fields {
    let rest = t % TICKS_PER_DAY;
    let secs = rest / TICKS_PER_SECOND;
    Fields {
        year: 0,
        month: 0,
        day: t / TICKS_PER_DAY,
        hour: (secs / 3600) as u32,
        minute: (secs / 60 % 60) as u32,
        second: (secs % 60) as u32,
        fraction: (rest % TICKS_PER_SECOND) as u32,
    }
}

/// Writes the elements. `F` runs drop trailing zeros and print nothing for a zero
/// fraction; .NET then also drops a preceding `.`, which Kusto is not documented to do
/// **[U]**, so that one case is refused.
fn render(elements: &[Element], f: &Fields, datetime: bool) -> Result<String, EvalError> {
    let mut out = String::new();
    for (i, e) in elements.iter().enumerate() {
        let (c, n) = match *e {
            Element::Delimiter(d) => {
                out.push(d);
                continue;
            }
            Element::Field(c, n) => (c, n),
        };
        let _ = match c {
            'y' if n == 1 => write!(out, "{}", f.year % 100),
            'y' if n == 2 => write!(out, "{:02}", f.year % 100),
            'y' => write!(out, "{:04}", f.year),
            'M' => write!(out, "{:0n$}", f.month),
            'd' => write!(out, "{:0n$}", f.day),
            'h' if datetime => write!(out, "{:0n$}", (f.hour + 11) % 12 + 1),
            'h' | 'H' => write!(out, "{:0n$}", f.hour),
            'm' => write!(out, "{:0n$}", f.minute),
            's' => write!(out, "{:0n$}", f.second),
            't' => write!(out, "{}", if f.hour < 12 { "AM" } else { "PM" }),
            _ => {
                let digits = format!("{:07}", f.fraction);
                let digits = &digits[..n];
                if c == 'f' {
                    out.push_str(digits);
                } else {
                    let trimmed = digits.trim_end_matches('0');
                    let after_dot = i > 0 && elements[i - 1] == Element::Delimiter('.');
                    if trimmed.is_empty() && after_dot {
                        return Err(EvalError::invalid(
                            "a zero fraction in an 'F' element after '.': Kusto's output is not documented",
                        ));
                    }
                    out.push_str(trimmed);
                }
                Ok(())
            }
        };
    }
    Ok(out)
}

fn format(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let datetime = call.function.name == "format_datetime";
    let elements = match call.args[1].as_scalar() {
        Some(Value::String(f)) => parse_format(f, datetime).map_err(EvalError::invalid)?,
        _ => return Err(EvalError::invalid("the format must be a constant")),
    };
    map_rows(call, |v| {
        Ok(match v[0] {
            Value::DateTime(t) => Value::from(render(&elements, &datetime_fields(t), true)?),
            Value::TimeSpan(t) if t < 0 => {
                return Err(EvalError::invalid(
                    "format_timespan() of a negative timespan: Kusto's output is not documented",
                ));
            }
            Value::TimeSpan(t) => Value::from(render(&elements, &timespan_fields(t), false)?),
            _ => Value::string(""),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::super::math_functions::test_support::{row, try_eval};

    #[test]
    fn format_datetime_doc_examples() {
        // q/format-datetime-function.md; conformance format-datetime-function-00..02
        let q = "let dt = datetime(2017-01-29 09:00:05);
            print format_datetime(dt,'yy-MM-dd [HH:mm:ss]'), format_datetime(dt, 'yyyy-M-dd [H:mm:ss]'),
                  format_datetime(dt, 'yy-MM-dd [hh:mm:ss tt]')";
        assert_eq!(
            row(q),
            [
                "17-01-29 [09:00:05]",
                "2017-1-29 [9:00:05]",
                "17-01-29 [09:00:05 AM]"
            ]
        );
    }

    #[test]
    fn format_datetime_elements() {
        // The examples of the element table in q/format-datetime-function.md.
        let t = "datetime(2009-06-15T13:45:30.6175425)";
        assert_eq!(
            row(&format!(
                "print format_datetime({t}, 'd/dd f ff fff fffffff F FFF h hh H HH m mm M MM s ss y yy yyyy tt')"
            )),
            ["15/15 6 61 617 6175425 6 617 1 01 13 13 45 45 6 06 30 30 9 09 2009 PM"]
        );
        assert_eq!(
            row(
                "print format_datetime(datetime(2009-06-15T13:45:30.0001150), 'FFFFFFF'), \
                 format_datetime(datetime(0900-01-01), 'y yy yyyy'), format_datetime(datetime(2009-06-15 00:05), 'h tt')"
            ),
            ["000115", "0 00 0900", "12 AM"]
        );
        assert!(try_eval("print format_datetime(now(), 'yyyy-MM-ddTHH')").is_err());
        assert!(try_eval("print format_datetime(now(), 'MMM')").is_err());
        assert!(
            try_eval("print format_datetime(datetime(2009-06-15T13:45:30), 'ss.FFF')").is_err()
        );
    }

    #[test]
    fn format_timespan_doc_example() {
        // q/format-timespan-function.md
        let q = "let t = time(29.09:00:05.12345);
            print format_timespan(t, 'dd.hh:mm:ss:FF'), format_timespan(t, 'ddd.h:mm:ss [fffffff]'),
                  format_timespan(15h, 'd.HH:m:s')";
        assert_eq!(
            row(q),
            ["29.09:00:05:12", "029.9:00:05 [1234500]", "0.15:0:0"]
        );
        assert!(try_eval("print format_timespan(-1h, 'hh')").is_err());
    }
}
