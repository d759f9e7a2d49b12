//! Text to typed values, as `toint("12")`, `todouble("1.5")`, `tobool("TRUE")`,
//! `toguid("...")` and `extract(re, 1, s, typeof(long))` read strings.
//!
//! ```kql
//! print toint("123"), tolong("abc"), todouble("1e3"), tobool("True")   // 123, null, 1000, true
//! ```
//!
//! Each parser answers `Ok(Some(v))`, `Ok(None)` (Kusto gives null: the text cannot be
//! that type under any reading) or `Err` when the text is in a grey zone whose answer
//! the docs do not settle (`toint("1.0")`, `toint(" 12")`, `tobool("1")`): kql refuses
//! those rather than guess.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::exec::EvalError;
use crate::value::datetime_parse::parse_datetime;
use crate::value::timespan::parse_timespan;

fn unsure(function: &str, text: &str) -> EvalError {
    EvalError::invalid(format!(
        "{function}({text:?}): kql cannot tell Kusto's exact answer for this text"
    ))
}

/// Characters that can take part in some number syntax (.NET `NumberStyles.Any`):
/// text made only of these, that a strict parser rejects, is a grey zone.
fn numberish(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_ascii_digit()
            || matches!(c, '+' | '-' | '.' | ',' | 'e' | 'E' | '(' | ')' | '$' | '¤')
            || c.is_whitespace()
    })
}

/// Special values, and hex (`0x1F`, which Kusto's literal syntax has): refused.
fn is_nan_or_infinity(text: &str) -> bool {
    let t = text
        .trim()
        .trim_start_matches(['+', '-'])
        .to_ascii_lowercase();
    t == "nan" || t.starts_with("inf") || t == "∞" || t.starts_with("0x")
}

/// Optional sign then decimal digits, nothing else.
fn strict_integer(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `tolong(string)`: an optional sign and digits. Text with no digit at all, or with
/// letters, is null; other number-like text (`"1.0"`, `" 12"`, `"1e3"`) is refused.
pub(crate) fn parse_long(function: &str, text: &str) -> Result<Option<i64>, EvalError> {
    if strict_integer(text) {
        return text
            .parse::<i64>()
            .map(Some)
            .map_err(|_| unsure(function, text));
    }
    if is_nan_or_infinity(text) || (numberish(text) && text.bytes().any(|b| b.is_ascii_digit())) {
        return Err(unsure(function, text));
    }
    Ok(None)
}

/// `[+-]digits[.digits][e[+-]digits]` or `.digits...`.
fn strict_real(text: &str) -> bool {
    let s = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = all_digits(int) && all_digits(frac) && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.is_none_or(strict_integer);
    mantissa_ok && exponent_ok
}

/// `todouble(string)`: decimal or scientific notation, and `NaN`, `Infinity`,
/// `-Infinity` as Kusto writes them.
pub(crate) fn parse_real(function: &str, text: &str) -> Result<Option<f64>, EvalError> {
    match text {
        "NaN" => return Ok(Some(f64::NAN)),
        "Infinity" => return Ok(Some(f64::INFINITY)),
        "-Infinity" => return Ok(Some(f64::NEG_INFINITY)),
        _ => {}
    }
    if strict_real(text) {
        return text
            .parse::<f64>()
            .map(Some)
            .map_err(|_| unsure(function, text));
    }
    if is_nan_or_infinity(text) || (numberish(text) && text.bytes().any(|b| b.is_ascii_digit())) {
        return Err(unsure(function, text));
    }
    Ok(None)
}

/// `todecimal(string)`: `[+-]digits[.digits]` with at most 28 digits.
pub(crate) fn parse_decimal(function: &str, text: &str) -> Result<Option<Decimal>, EvalError> {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    if strict_real(text) && !text.contains(['e', 'E']) && digits <= 28 {
        return Decimal::from_str(text)
            .map(Some)
            .map_err(|_| unsure(function, text));
    }
    if is_nan_or_infinity(text) || (numberish(text) && digits > 0) {
        return Err(unsure(function, text));
    }
    Ok(None)
}

/// `tobool(string)`: `true` / `false` in any case (q/tobool-function.md). Numbers in
/// text and padded words are refused.
pub(crate) fn parse_bool(function: &str, text: &str) -> Result<Option<bool>, EvalError> {
    if text.eq_ignore_ascii_case("true") {
        return Ok(Some(true));
    }
    if text.eq_ignore_ascii_case("false") {
        return Ok(Some(false));
    }
    let trimmed = text.trim();
    if trimmed.eq_ignore_ascii_case("true")
        || trimmed.eq_ignore_ascii_case("false")
        || text.bytes().any(|b| b.is_ascii_digit())
    {
        return Err(unsure(function, text));
    }
    Ok(None)
}

/// `todatetime(string)`: the formats of [`parse_datetime`].
pub(crate) fn parse_datetime_text(text: &str) -> Option<i64> {
    parse_datetime(text)
}

/// `totimespan(string)`: `[-][d.]hh:mm[:ss[.fffffff]]` or a day count. Literal-like
/// text with units (`"1d"`, `"1.5h"`) is refused: whether Kusto reads it is undocumented.
pub(crate) fn parse_timespan_text(function: &str, text: &str) -> Result<Option<i64>, EvalError> {
    if let Some(t) = parse_timespan(text) {
        return Ok(Some(t));
    }
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    let unit_like = text
        .trim()
        .trim_start_matches(['+', '-'])
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
        .chars()
        .all(|c| c.is_ascii_alphabetic());
    if has_digit && (unit_like || numberish(text) || text.contains(':')) {
        return Err(unsure(function, text));
    }
    Ok(None)
}

/// `toguid(string)`: "takes the first 32 characters of the input, ignoring properly
/// located hyphens, validates that the characters are between 0-9 or a-f ... The rest
/// of the string is ignored" (q/toguid-function.md; its example accepts
/// `0123456789ab-cdef-0123-456789abcdef`). A hyphen may follow the 8th, 12th, 16th or
/// 20th digit. Upper-case digits and braces are refused (undocumented).
pub(crate) fn parse_guid_text(function: &str, text: &str) -> Result<Option<u128>, EvalError> {
    let mut value: u128 = 0;
    let mut digits = 0;
    let mut after_hyphen = false;
    for c in text.chars() {
        if digits == 32 {
            break;
        }
        match c {
            '0'..='9' | 'a'..='f' => {
                let d = c.to_digit(16).unwrap_or(0);
                value = (value << 4) | u128::from(d);
                digits += 1;
                after_hyphen = false;
            }
            '-' if matches!(digits, 8 | 12 | 16 | 20) && !after_hyphen => after_hyphen = true,
            'A'..='F' | '{' | '(' => return Err(unsure(function, text)),
            _ => return Ok(None),
        }
    }
    Ok((digits == 32).then_some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        assert_eq!(parse_long("tolong", "123").unwrap(), Some(123));
        assert_eq!(parse_long("tolong", "-7").unwrap(), Some(-7));
        assert_eq!(parse_long("tolong", "abc").unwrap(), None);
        assert_eq!(parse_long("tolong", "").unwrap(), None);
        assert_eq!(parse_long("tolong", "not a number").unwrap(), None);
        assert!(parse_long("tolong", "1.0").is_err());
        assert!(parse_long("tolong", "0x1F").is_err());
        assert!(parse_long("tolong", " 1").is_err());
        assert!(parse_long("tolong", "99999999999999999999").is_err());
    }

    #[test]
    fn reals() {
        assert_eq!(parse_real("todouble", "123.4").unwrap(), Some(123.4));
        assert_eq!(parse_real("todouble", "1e3").unwrap(), Some(1000.0));
        assert_eq!(parse_real("todouble", ".5").unwrap(), Some(0.5));
        assert_eq!(parse_real("todouble", "abc").unwrap(), None);
        assert!(parse_real("todouble", "1,5").is_err());
        assert!(parse_real("todouble", "nan").is_err());
        assert!(
            parse_real("todouble", "NaN")
                .unwrap()
                .is_some_and(f64::is_nan)
        );
    }

    #[test]
    fn bools_and_guids() {
        assert_eq!(parse_bool("tobool", "TRUE").unwrap(), Some(true));
        assert_eq!(parse_bool("tobool", "false").unwrap(), Some(false));
        assert_eq!(parse_bool("tobool", "yes").unwrap(), None);
        assert!(parse_bool("tobool", "1").is_err());
        // q/toguid-function.md examples.
        let g = 0x0123_4567_89ab_cdef_0123_4567_89ab_cdef_u128;
        assert_eq!(
            parse_guid_text("toguid", "0123456789abcdef0123456789abcdef").unwrap(),
            Some(g)
        );
        assert_eq!(
            parse_guid_text("toguid", "0123456789ab-cdef-0123-456789abcdef").unwrap(),
            Some(g)
        );
        assert_eq!(
            parse_guid_text("toguid", "a string that is not a guid").unwrap(),
            None
        );
        assert_eq!(
            parse_guid_text("toguid", "01234567-89ab-cdef-0123-456789abcdef").unwrap(),
            Some(g)
        );
    }
}
