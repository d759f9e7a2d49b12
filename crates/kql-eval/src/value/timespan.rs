//! Kusto `timespan` text: .NET's constant (`c`) format, `[-][d.]hh:mm:ss[.fffffff]`.
//!
//! | ticks | text | source |
//! |---|---|---|
//! | `2s` | `00:00:02` | `q/pack-array-function.md` (`pack_array(x, y, z)` with `z = x * 2 * 1s`) |
//! | `1d + 12:30:55.123` | `1.12:30:55.1230000` | conformance `timespan` cells |
//! | `14d` | `14.00:00:00` | |
//! | `-1.5h` | `-01:30:00` | |
//! | `10microseconds` | `00:00:00.0000100` | |
//!
//! The fraction is written with all 7 digits when it is not zero, as .NET does.

use std::fmt::Write as _;

use super::datetime::{TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND};

/// Appends the `c` form of a timespan.
pub fn push_timespan(out: &mut String, ticks: i64) {
    if ticks < 0 {
        out.push('-');
    }
    // unsigned_abs: i64::MIN has no positive i64 counterpart.
    let t = ticks.unsigned_abs();
    let day = TICKS_PER_DAY.unsigned_abs();
    let days = t / day;
    let rest = t % day;
    let hours = rest / TICKS_PER_HOUR.unsigned_abs();
    let minutes = rest / TICKS_PER_MINUTE.unsigned_abs() % 60;
    let seconds = rest / TICKS_PER_SECOND.unsigned_abs() % 60;
    let fraction = rest % TICKS_PER_SECOND.unsigned_abs();
    if days > 0 {
        let _ = write!(out, "{days}.");
    }
    let _ = write!(out, "{hours:02}:{minutes:02}:{seconds:02}");
    if fraction > 0 {
        let _ = write!(out, ".{fraction:07}");
    }
}

/// The `c` form of a timespan: `14.00:00:00`, `-01:30:00`, `00:00:00.0000100`.
pub fn format_timespan(ticks: i64) -> String {
    let mut s = String::with_capacity(16);
    push_timespan(&mut s, ticks);
    s
}

/// Parses `[-][d.]hh:mm[:ss[.f]]` or a bare day count `d`, returning ticks.
///
/// Hours must be below 24 and minutes and seconds below 60 (as in .NET); the fraction
/// has 1 to 7 digits. Whitespace around the text is ignored. `None` for anything else.
///
/// ```
/// use kql_eval::value::timespan::parse_timespan;
/// assert_eq!(parse_timespan("1.12:30:55.123"), Some(1_314_551_230_000));
/// assert_eq!(parse_timespan("-01:30:00"), Some(-54_000_000_000));
/// ```
pub fn parse_timespan(text: &str) -> Option<i64> {
    let s = text.trim();
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let magnitude = parse_unsigned(body)?;
    Some(if negative { -magnitude } else { magnitude })
}

fn number(s: &str, max_len: usize) -> Option<i64> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_unsigned(body: &str) -> Option<i64> {
    let Some(colon) = body.find(':') else {
        // A bare day count.
        return number(body, 8)?.checked_mul(TICKS_PER_DAY);
    };
    // `d.hh` before the first colon, or just `hh`.
    let (days, hours) = match body[..colon].split_once('.') {
        Some((d, h)) => (number(d, 8)?, number(h, 2)?),
        None => (0, number(&body[..colon], 2)?),
    };
    let rest = &body[colon + 1..];
    let (minutes, seconds_part) = match rest.split_once(':') {
        Some((m, s)) => (number(m, 2)?, Some(s)),
        None => (number(rest, 2)?, None),
    };
    let (seconds, fraction) = match seconds_part {
        None => (0, 0),
        Some(sp) => match sp.split_once('.') {
            Some((s, f)) => (number(s, 2)?, fraction_ticks(f)?),
            None => (number(sp, 2)?, 0),
        },
    };
    if hours > 23 || minutes > 59 || seconds > 59 {
        return None;
    }
    days.checked_mul(TICKS_PER_DAY)?
        .checked_add(hours * TICKS_PER_HOUR + minutes * TICKS_PER_MINUTE)?
        .checked_add(seconds * TICKS_PER_SECOND + fraction)
}

/// `1230000` for `123`: 1 to 7 digits scaled to ticks.
fn fraction_ticks(f: &str) -> Option<i64> {
    let v = number(f, 7)?;
    Some(v * 10_i64.pow(7 - f.len() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_dotnet_constant_format() {
        // q/pack-array-function.md shows 2 seconds as "00:00:02".
        assert_eq!(format_timespan(2 * TICKS_PER_SECOND), "00:00:02");
        assert_eq!(format_timespan(14 * TICKS_PER_DAY), "14.00:00:00");
        assert_eq!(format_timespan(-90 * TICKS_PER_MINUTE), "-01:30:00");
        assert_eq!(format_timespan(100), "00:00:00.0000100");
        assert_eq!(format_timespan(0), "00:00:00");
        // conformance: "1.12:30:55.1230000".
        let t = TICKS_PER_DAY
            + 12 * TICKS_PER_HOUR
            + 30 * TICKS_PER_MINUTE
            + 55 * TICKS_PER_SECOND
            + 1_230_000;
        assert_eq!(format_timespan(t), "1.12:30:55.1230000");
        assert_eq!(format_timespan(i64::MIN), "-10675199.02:48:05.4775808");
        assert_eq!(format_timespan(i64::MAX), "10675199.02:48:05.4775807");
    }

    #[test]
    fn parses_and_round_trips() {
        for t in [
            0,
            1,
            2 * TICKS_PER_SECOND,
            14 * TICKS_PER_DAY,
            -90 * TICKS_PER_MINUTE,
            i64::MAX,
            i64::MIN + 1,
            1_350_551_230_000,
        ] {
            assert_eq!(parse_timespan(&format_timespan(t)), Some(t), "{t}");
        }
        // q/scalar-data-types/timespan.md: timespan(0.12:34:56.7).
        assert_eq!(
            parse_timespan("0.12:34:56.7"),
            Some(12 * TICKS_PER_HOUR + 34 * TICKS_PER_MINUTE + 56 * TICKS_PER_SECOND + 7_000_000)
        );
        assert_eq!(parse_timespan("00:01"), Some(TICKS_PER_MINUTE));
        assert_eq!(parse_timespan(" 2 "), Some(2 * TICKS_PER_DAY));
    }

    #[test]
    fn rejects_malformed() {
        for s in [
            "",
            "-",
            "abc",
            "24:00:00",
            "00:60:00",
            "00:00:60",
            "1.2.3:00",
            "00:00:00.12345678",
            "00:00:00.",
            "1d",
            ":",
            "00::00",
            "99999999999:00:00",
            "1.24:00:00",
        ] {
            assert_eq!(parse_timespan(s), None, "{s}");
        }
    }
}
