//! `format_bytes(size[, precision[, units]])` and `parse_version(version)`
//! (q/format-bytes-function.md, q/parse-version-function.md).
//!
//! ```kql
//! print format_bytes(10332, 1), format_bytes(20010332, 0, "KB")   // "10.1 KB", "19541 KB"
//! print parse_version("1.2.3.4")                                  // 1000000020000000300000004
//! ```

use kql_parser::ast::ScalarType;
use rust_decimal::Decimal;

use super::super::args::map_rows;
use super::super::string::{check_string, string_arg};
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use crate::exec::EvalError;
use crate::value::Value;

const UNITS: [&str; 7] = ["Bytes", "KB", "MB", "GB", "TB", "PB", "EB"];

pub(super) fn format_bytes_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if !args[0].ty.is_numeric() {
        return Err(TypeError::arg(
            0,
            format!("the size must be a number, not {}", args[0].ty),
        ));
    }
    if let Some(p) = args.get(1)
        && !matches!(
            p.ty,
            ScalarType::Int | ScalarType::Long | ScalarType::Dynamic
        )
    {
        return Err(TypeError::arg(1, "the precision must be a whole number"));
    }
    if let Some(u) = args.get(2) {
        match u.literal {
            Some(Value::String(s)) if !s.is_empty() => {}
            _ => {
                return Err(TypeError::arg(
                    2,
                    "the units must be a non-empty string literal",
                ));
            }
        }
    }
    Ok(ScalarType::String)
}

fn unsure(what: &str) -> EvalError {
    EvalError::invalid(format!(
        "format_bytes(): {what} is undocumented; kql refuses it"
    ))
}

/// Follows the page's examples: 1024-based units, the largest unit the size reaches
/// unless one is given, rounding to `precision` decimals. Results whose formatting the
/// examples do not settle (a rounded value ending in 0 after the point, a tie, a size
/// between 1000 and 1024 of a unit, negative sizes) are refused.
pub(super) fn format_bytes(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let Some(size) = v[0].as_f64() else {
            return Err(unsure("a null size"));
        };
        let precision = match v.get(1) {
            None => 0,
            Some(p) => match p.as_i64() {
                Some(p @ 0..=10) => p as i32,
                _ => return Err(unsure("this precision")),
            },
        };
        if !size.is_finite() || size < 0.0 {
            return Err(unsure("a negative or infinite size"));
        }
        let unit = match v.get(2).and_then(Value::as_str) {
            Some(u) => UNITS
                .iter()
                .position(|x| *x == u)
                .ok_or_else(|| unsure("this unit"))?,
            None => {
                let mut unit = 0;
                let mut scaled = size;
                while scaled >= 1024.0 && unit + 1 < UNITS.len() {
                    scaled /= 1024.0;
                    unit += 1;
                }
                if scaled >= 1000.0 && unit + 1 < UNITS.len() {
                    return Err(unsure("a size between 1000 and 1024 of a unit"));
                }
                unit
            }
        };
        let value = size / 1024f64.powi(unit as i32);
        let scale = 10f64.powi(precision);
        let shifted = value * scale;
        if (shifted.fract() - 0.5).abs() < 1e-6 {
            return Err(unsure("a value halfway between two roundings"));
        }
        let rounded = shifted.round() / scale;
        let text = format!("{rounded:.*}", precision as usize);
        if precision > 0 && text.ends_with('0') {
            return Err(unsure("trailing zeros after the decimal point"));
        }
        if text.bytes().filter(u8::is_ascii_digit).count() > 15 {
            return Err(unsure("a result with more than 15 significant digits"));
        }
        Ok(Value::String(format!("{text} {}", UNITS[unit]).into()))
    })
}

pub(super) fn parse_version_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_string(args, 0, "the version")?;
    Ok(ScalarType::Decimal)
}

/// One to four dot-separated parts of up to eight digits; part `i` is worth
/// `10^(8*(3-i))`, so `1.0` equals `1.0.0.0`. Anything else is null; text with white
/// space is refused.
pub(super) fn parse_version(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let s = string_arg(&v[0])?;
        if s.chars().any(char::is_whitespace) {
            return Err(EvalError::invalid(
                "parse_version(): text with white space is undocumented; kql refuses it",
            ));
        }
        let parts: Vec<&str> = s.split('.').collect();
        if parts.len() > 4
            || parts
                .iter()
                .any(|p| p.is_empty() || p.len() > 8 || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Ok(Value::Null);
        }
        let mut total = Decimal::ZERO;
        let step = Decimal::from(100_000_000u32);
        for i in 0..4 {
            let part = parts
                .get(i)
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(0);
            total = total
                .checked_mul(step)
                .and_then(|t| t.checked_add(Decimal::from(part)))
                .ok_or_else(|| EvalError::invalid("parse_version(): overflow"))?;
        }
        Ok(Value::Decimal(total))
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::string::test_util::{eval, eval_row, refused};

    #[test]
    fn format_bytes_examples() {
        // conformance format-bytes-function-00 (q/format-bytes-function.md).
        assert_eq!(
            eval_row(
                r#"print format_bytes(564), format_bytes(10332, 1), format_bytes(20010332), format_bytes(20010332, 2), format_bytes(20010332, 0, "KB")"#
            ),
            ["564 Bytes", "10.1 KB", "19 MB", "19.08 MB", "19541 KB"]
        );
        assert!(refused("print format_bytes(1024, 1)"));
        assert!(refused("print format_bytes(1010)"));
        assert!(refused("print format_bytes(1e30, 10)"));
    }

    #[test]
    fn parse_version_examples() {
        // conformance parse-version-function-00 (q/parse-version-function.md).
        let q = r#"datatable(v: string)["0.0.0.5", "0.0.7.0", "0.0.3", "0.2", "0.1.2.0", "1.2.3.4", "1", "1.x", "1.2.3.4.5"]
            | extend p = parse_version(v)"#;
        let rows = eval(q).unwrap_or_default();
        let got: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
        assert_eq!(
            got,
            [
                "5",
                "700000000",
                "300000000",
                "20000000000000000",
                "10000000200000000",
                "1000000020000000300000004",
                "1000000000000000000000000",
                "",
                ""
            ]
        );
    }
}
