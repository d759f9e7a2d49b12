//! Timespan literal text: `4hrs`, `1.5h`, `15 seconds`, `2` (days), `1.02:03:04.5`,
//! `00:01:00`. Values are ticks of 100 ns, computed with integer arithmetic.

use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{char, digit1};
use nom::combinator::{all_consuming, opt};
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};

pub const TICKS_PER_MICROSECOND: i64 = 10;
pub const TICKS_PER_MILLISECOND: i64 = 10_000;
pub const TICKS_PER_SECOND: i64 = 10_000_000;
pub const TICKS_PER_MINUTE: i64 = 60 * TICKS_PER_SECOND;
pub const TICKS_PER_HOUR: i64 = 60 * TICKS_PER_MINUTE;
pub const TICKS_PER_DAY: i64 = 24 * TICKS_PER_HOUR;

/// A unit's length as a fraction of ticks `(numerator, denominator)`: a nanosecond is a
/// hundredth of a tick.
pub(crate) fn suffix_ticks(unit: &str) -> Option<(i64, i64)> {
    Some(match unit {
        "d" | "day" | "days" => (TICKS_PER_DAY, 1),
        "h" | "hr" | "hrs" | "hour" | "hours" => (TICKS_PER_HOUR, 1),
        "m" | "min" | "minute" | "minutes" => (TICKS_PER_MINUTE, 1),
        "s" | "sec" | "second" | "seconds" => (TICKS_PER_SECOND, 1),
        "ms" | "milli" | "millis" | "millisec" | "millisecond" | "milliseconds" => {
            (TICKS_PER_MILLISECOND, 1)
        }
        "micro" | "micros" | "microsec" | "microsecond" | "microseconds" => {
            (TICKS_PER_MICROSECOND, 1)
        }
        "nano" | "nanos" | "nanosec" | "nanosecond" | "nanoseconds" => (1, 100),
        "tick" | "ticks" => (1, 1),
        _ => return None,
    })
}

/// A decimal number's text as `mantissa * 10^exponent`: `1.5e3` is `(15, 2)`.
fn decimal_parts(text: &str) -> Option<(i128, i32)> {
    let (num, exp) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].parse::<i32>().ok()?),
        None => (text, 0),
    };
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let digits = int.len() + frac.len();
    if digits > 30 || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut mantissa: i128 = 0;
    for b in int.bytes().chain(frac.bytes()) {
        mantissa = mantissa * 10 + i128::from(b - b'0');
    }
    let frac_len = i32::try_from(frac.len()).ok()?;
    Some((mantissa, exp.checked_sub(frac_len)?))
}

/// `count * unit` in ticks, truncated toward zero; `None` on overflow.
fn scaled(count: &str, (num, den): (i64, i64)) -> Option<i64> {
    let (mantissa, exp) = decimal_parts(count)?;
    let mut value = mantissa.checked_mul(i128::from(num))?;
    let mut den = i128::from(den);
    if exp >= 0 {
        value = value.checked_mul(10i128.checked_pow(u32::try_from(exp).ok()?)?)?;
    } else {
        den = den.checked_mul(10i128.checked_pow(u32::try_from(-exp).ok()?)?)?;
    }
    i64::try_from(value / den).ok()
}

/// Splits `1.5h` / `15 seconds` into the count and the trailing unit letters.
fn split_unit(text: &str) -> (&str, &str) {
    let count_len = text
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .len();
    (text[..count_len].trim_end(), &text[count_len..])
}

/// The ticks of a timespan token such as `4hrs` or `1.5h` (a number and a unit, touching).
pub(crate) fn token_ticks(text: &str) -> Option<i64> {
    let (count, unit) = split_unit(text);
    scaled(count, suffix_ticks(unit)?)
}

/// Parses the text inside `timespan(...)` / `time(...)`, or a string given to
/// `totimespan()`. `Ok(None)` is `null`.
///
/// Accepted: `1d`, `1.5h`, `15 seconds`, `2` (days), `-1d`, `1.02:03:04.5`
/// (`d.hh:mm:ss.fffffff`), `02:03:04`, `02:03`, `null`.
pub fn parse_timespan(text: &str) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text == "null" {
        return Ok(None);
    }
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, text[1..].trim_start()),
        Some(b'+') => (false, text[1..].trim_start()),
        _ => (false, text),
    };
    let ticks = if body.contains(':') {
        clock_ticks(body)?
    } else {
        let (count, unit) = split_unit(body);
        let unit = if unit.is_empty() {
            (TICKS_PER_DAY, 1)
        } else {
            suffix_ticks(unit).ok_or_else(|| format!("unknown time unit `{unit}`"))?
        };
        scaled(count, unit).ok_or_else(|| format!("`{body}` is not a timespan"))?
    };
    Ok(Some(if negative { -ticks } else { ticks }))
}

/// `[d.]hh:mm[:ss[.fffffff]]`.
fn clock_ticks(text: &str) -> Result<i64, String> {
    let bad = || format!("`{text}` is not a timespan (expected d.hh:mm:ss.fffffff)");
    let (_, (days, h, m, s, frac)) = all_consuming(clock).parse(text).map_err(|_| bad())?;
    if h > 23 || m > 59 || s > 59 {
        return Err(bad());
    }
    let days = days.unwrap_or(0);
    let frac = frac.map_or(0, fraction_ticks);
    days.checked_mul(TICKS_PER_DAY)
        .and_then(|t| t.checked_add(h * TICKS_PER_HOUR + m * TICKS_PER_MINUTE))
        .and_then(|t| t.checked_add(s * TICKS_PER_SECOND + frac))
        .ok_or_else(bad)
}

type Clock<'a> = (Option<i64>, i64, i64, i64, Option<&'a str>);

fn clock(input: &str) -> IResult<&str, Clock<'_>> {
    let (input, days) = opt(terminated(number, char('.'))).parse(input)?;
    let (input, h) = number(input)?;
    let (input, m) = preceded(char(':'), number).parse(input)?;
    let (input, s) = opt(preceded(char(':'), number)).parse(input)?;
    let (input, frac) = opt(preceded(char('.'), digit1)).parse(input)?;
    Ok((input, (days, h, m, s.unwrap_or(0), frac)))
}

fn number(input: &str) -> IResult<&str, i64> {
    let (rest, digits) = take_while_m_n(1, 9, |c: char| c.is_ascii_digit()).parse(input)?;
    let n = digits.parse::<i64>().unwrap_or(0);
    Ok((rest, n))
}

/// Digits after the decimal point of seconds, as ticks (7 digits; more are truncated).
pub(crate) fn fraction_ticks(digits: &str) -> i64 {
    let mut ticks = 0i64;
    for b in digits.bytes().take(7) {
        ticks = ticks * 10 + i64::from(b - b'0');
    }
    for _ in digits.len().min(7)..7 {
        ticks *= 10;
    }
    ticks
}

/// The canonical literal for a number of ticks: the largest unit that divides it
/// (`1d`, `90m`, `1500ms`, `3tick`); `timespan(-1d)` when negative.
pub fn format_timespan(ticks: i64) -> String {
    if ticks < 0 {
        return format!("timespan(-{})", format_timespan_abs(ticks.unsigned_abs()));
    }
    format_timespan_abs(ticks.unsigned_abs())
}

fn format_timespan_abs(ticks: u64) -> String {
    const UNITS: [(i64, &str); 6] = [
        (TICKS_PER_DAY, "d"),
        (TICKS_PER_HOUR, "h"),
        (TICKS_PER_MINUTE, "m"),
        (TICKS_PER_SECOND, "s"),
        (TICKS_PER_MILLISECOND, "ms"),
        (TICKS_PER_MICROSECOND, "microsecond"),
    ];
    for (size, unit) in UNITS {
        let size = size.unsigned_abs();
        if ticks.is_multiple_of(size) && ticks != 0 {
            return format!("{}{unit}", ticks / size);
        }
    }
    if ticks == 0 {
        return "0s".to_string();
    }
    format!("{ticks}tick")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_and_fractions() {
        assert_eq!(token_ticks("4hrs"), Some(4 * TICKS_PER_HOUR));
        assert_eq!(token_ticks("1.5h"), Some(90 * TICKS_PER_MINUTE));
        assert_eq!(token_ticks("10min"), Some(10 * TICKS_PER_MINUTE));
        assert_eq!(token_ticks("100ms"), Some(100 * TICKS_PER_MILLISECOND));
        assert_eq!(token_ticks("1tick"), Some(1));
        assert_eq!(token_ticks("250nanoseconds"), Some(2));
        assert_eq!(token_ticks("10microsecond"), Some(100));
        assert_eq!(token_ticks("1e3s"), Some(1000 * TICKS_PER_SECOND));
        assert_eq!(token_ticks("30d"), Some(30 * TICKS_PER_DAY));
    }

    #[test]
    fn timespan_text_forms() {
        assert_eq!(
            parse_timespan("15 seconds"),
            Ok(Some(15 * TICKS_PER_SECOND))
        );
        assert_eq!(parse_timespan("2"), Ok(Some(2 * TICKS_PER_DAY)));
        assert_eq!(parse_timespan("-1d"), Ok(Some(-TICKS_PER_DAY)));
        assert_eq!(parse_timespan("null"), Ok(None));
        assert_eq!(
            parse_timespan("0.12:34:56.7"),
            Ok(Some(
                12 * TICKS_PER_HOUR + 34 * TICKS_PER_MINUTE + 56 * TICKS_PER_SECOND + 7_000_000
            ))
        );
        assert_eq!(parse_timespan("00:01:00"), Ok(Some(TICKS_PER_MINUTE)));
        assert_eq!(
            parse_timespan("1.02:03:04"),
            Ok(Some(
                TICKS_PER_DAY + 2 * TICKS_PER_HOUR + 3 * TICKS_PER_MINUTE + 4 * TICKS_PER_SECOND
            ))
        );
        assert!(parse_timespan("3 weeks").is_err());
        assert!(parse_timespan("1:99").is_err());
    }

    #[test]
    fn canonical_form_round_trips() {
        for ticks in [
            TICKS_PER_DAY,
            90 * TICKS_PER_MINUTE,
            1500 * TICKS_PER_MILLISECOND,
            3,
            0,
        ] {
            let text = format_timespan(ticks);
            assert_eq!(token_ticks(&text), Some(ticks), "{text}");
        }
        assert_eq!(format_timespan(-TICKS_PER_DAY), "timespan(-1d)");
    }
}
