//! Parsing datetime text: every format `todatetime()` / `datetime()` accept, plus the
//! formats Log Analytics and Defender exports write.
//!
//! | family | examples (from `q/scalar-data-types/datetime.md` unless noted) |
//! |---|---|
//! | ISO 8601 | `2014-05-25T08:20:03.123456Z`, `2014-05-25T08:20`, `2014-11-08 15:55:55`, `2014-11-08`, `2014-11-08T15:55:55+02:00` |
//! | RFC 822 | `Sat, 8 Nov 14 15:05:02 GMT`, `8 Nov 14 15:05` |
//! | RFC 850 | `Saturday, 08-Nov-14 15:05:02 GMT`, `08-Nov-14 15:05` |
//! | sortable | `2014-11-08 15:05:25 GMT`, `2014-11-08T15:05 GMT` |
//! | US (Kusto accepts these: conformance `parse-operator-01`, `array-iff-function-02`) | `02/17/2016 08:40:01`, `01-01-2022` |
//! | Log Analytics CSV export | `2/25/2025, 9:19:25.391 AM` |
//! | Defender portal display | `May 9, 2026 12:00:00 PM` |
//!
//! Rules: leading/trailing whitespace is ignored; a missing zone means UTC; an offset
//! (`+02:00`, `-0500`, `EST`) is converted to UTC; fractions longer than 7 digits are
//! truncated to ticks; two-digit years follow .NET (`00`-`49` = 20xx, `50`-`99` = 19xx);
//! a leading weekday name is accepted and not checked against the date.

use super::datetime::{TICKS_PER_MINUTE, from_parts, is_valid_datetime};

/// Parses a datetime, returning ticks, or `None` when the text is not a datetime.
///
/// ```
/// use kql_eval::value::datetime_parse::parse_datetime;
/// use kql_eval::value::datetime::format_datetime_kusto;
/// let t = parse_datetime("Sat, 8 Nov 14 15:05:02 GMT").unwrap();
/// assert_eq!(format_datetime_kusto(t), "2014-11-08T15:05:02Z");
/// ```
pub fn parse_datetime(text: &str) -> Option<i64> {
    let s = text.trim().as_bytes();
    if s.is_empty() {
        return None;
    }
    let mut sc = Scanner { s, pos: 0 };
    if s[0].is_ascii_digit() {
        // ISO (year first), US (month first) or RFC (day first, then a month name).
        parse_iso(&mut Scanner { s, pos: 0 })
            .or_else(|| parse_us(&mut Scanner { s, pos: 0 }))
            .or_else(|| parse_day_month_year(&mut Scanner { s, pos: 0 }))
    } else {
        sc.skip_weekday();
        let start = sc.pos;
        parse_day_month_year(&mut sc).or_else(|| {
            sc.pos = start;
            parse_month_day_year(&mut sc)
        })
    }
}

/// Parses only ISO 8601 text starting with `yyyy-MM-dd` (used where a looser match
/// would misfire, such as inferring column types from JSON strings).
pub fn parse_datetime_iso(text: &str) -> Option<i64> {
    parse_iso(&mut Scanner {
        s: text.trim().as_bytes(),
        pos: 0,
    })
}

struct Scanner<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn skip_ws(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// Between `min` and `max` ASCII digits: their value and count.
    fn digits(&mut self, min: usize, max: usize) -> Option<(u32, usize)> {
        let start = self.pos;
        let mut value: u32 = 0;
        while self.pos - start < max {
            match self.peek() {
                Some(b) if b.is_ascii_digit() => {
                    value = value * 10 + u32::from(b - b'0');
                    self.pos += 1;
                }
                _ => break,
            }
        }
        let n = self.pos - start;
        if n < min {
            self.pos = start;
            return None;
        }
        Some((value, n))
    }

    /// A run of ASCII letters.
    fn word(&mut self) -> &[u8] {
        let start = self.pos;
        while matches!(self.peek(), Some(b) if b.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        &self.s[start..self.pos]
    }

    /// Skips `Sat, ` / `Saturday ` when present.
    fn skip_weekday(&mut self) {
        let start = self.pos;
        let w = self.word();
        if weekday(w) {
            self.eat(b',');
            self.skip_ws();
        } else {
            self.pos = start;
        }
    }
}

fn weekday(w: &[u8]) -> bool {
    const DAYS: [&str; 7] = [
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
    ];
    let lower = w.to_ascii_lowercase();
    DAYS.iter()
        .any(|d| lower == d.as_bytes() || (lower.len() == 3 && d.as_bytes().starts_with(&lower)))
}

/// `Jan`..`Dec` or the full English name, any case.
fn month_name(w: &[u8]) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = w.to_ascii_lowercase();
    if lower == b"sept" {
        return Some(9);
    }
    let i = MONTHS.iter().position(|m| {
        let m = m.as_bytes();
        lower == m || (lower.len() == 3 && m.starts_with(&lower))
    })?;
    // position is 0..12, so the month number fits.
    Some(i as u32 + 1)
}

/// Expands a two-digit year the way .NET does (TwoDigitYearMax = 2049).
fn full_year(value: u32, digits: usize) -> i64 {
    let y = i64::from(value);
    match digits {
        1 | 2 if y < 50 => 2000 + y,
        1 | 2 => 1900 + y,
        _ => y,
    }
}

/// The time of day and zone after a date: `HH:mm[:ss[.f]][ AM|PM][zone]`.
struct TimeOfDay {
    hour: u32,
    minute: u32,
    second: u32,
    fraction: u32,
    offset_minutes: i64,
}

fn parse_time(sc: &mut Scanner<'_>) -> Option<TimeOfDay> {
    let (mut hour, _) = sc.digits(1, 2)?;
    if !sc.eat(b':') {
        return None;
    }
    let (minute, _) = sc.digits(2, 2)?;
    let (mut second, mut fraction) = (0, 0);
    if sc.eat(b':') {
        second = sc.digits(2, 2)?.0;
        if sc.eat(b'.') || sc.eat(b',') {
            fraction = parse_fraction(sc)?;
        }
    }
    let before_ws = sc.pos;
    sc.skip_ws();
    let w = sc.word();
    if w.eq_ignore_ascii_case(b"am") || w.eq_ignore_ascii_case(b"pm") {
        if hour == 0 || hour > 12 {
            return None;
        }
        let pm = w.eq_ignore_ascii_case(b"pm");
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    } else {
        // Not a meridiem: the zone parser looks at it again.
        sc.pos = before_ws;
    }
    let offset_minutes = parse_zone(sc)?;
    Some(TimeOfDay {
        hour,
        minute,
        second,
        fraction,
        offset_minutes,
    })
}

/// 1+ digits after the decimal point, as ticks (digits past the 7th are truncated).
fn parse_fraction(sc: &mut Scanner<'_>) -> Option<u32> {
    let start = sc.pos;
    let mut ticks: u32 = 0;
    let mut n = 0;
    while let Some(b) = sc.peek() {
        if !b.is_ascii_digit() {
            break;
        }
        if n < 7 {
            ticks = ticks * 10 + u32::from(b - b'0');
        }
        n += 1;
        sc.pos += 1;
    }
    if sc.pos == start {
        return None;
    }
    for _ in n..7 {
        ticks *= 10;
    }
    Some(ticks)
}

/// An optional zone: `Z`, `GMT`, `UTC`, `UT`, a US zone name, `+HH:mm`, `+HHmm`, `+HH`.
/// Whitespace before it is allowed. Returns the offset from UTC in minutes.
fn parse_zone(sc: &mut Scanner<'_>) -> Option<i64> {
    sc.skip_ws();
    if sc.at_end() {
        return Some(0);
    }
    let start = sc.pos;
    let w = sc.word().to_ascii_uppercase();
    let named = match w.as_slice() {
        b"Z" | b"GMT" | b"UTC" | b"UT" => Some(0),
        b"EST" | b"CDT" => Some(-5 * 60),
        b"EDT" => Some(-4 * 60),
        b"CST" | b"MDT" => Some(-6 * 60),
        b"MST" | b"PDT" => Some(-7 * 60),
        b"PST" => Some(-8 * 60),
        b"" => None,
        _ => return None,
    };
    if let Some(offset) = named {
        if sc.at_end() {
            return Some(offset);
        }
        if !matches!(sc.peek(), Some(b'+' | b'-')) {
            return None;
        }
    } else {
        sc.pos = start;
    }
    let sign = match sc.peek() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return None,
    };
    sc.pos += 1;
    let (hh, n) = sc.digits(1, 4)?;
    let (hours, minutes) = if n > 2 {
        (hh / 100, hh % 100)
    } else if sc.eat(b':') {
        (hh, sc.digits(2, 2)?.0)
    } else {
        (hh, 0)
    };
    if hours > 14 || minutes > 59 || !sc.at_end() {
        return None;
    }
    Some(sign * i64::from(hours * 60 + minutes))
}

/// Combines a date with an optional time (already scanned up to the end).
fn finish(sc: &mut Scanner<'_>, year: i64, month: u32, day: u32) -> Option<i64> {
    if sc.at_end() {
        return from_parts(year, month, day, 0, 0, 0, 0);
    }
    let t = parse_time(sc)?;
    if !sc.at_end() {
        return None;
    }
    let local = from_parts(year, month, day, t.hour, t.minute, t.second, t.fraction)?;
    let utc = local.checked_sub(t.offset_minutes * TICKS_PER_MINUTE)?;
    is_valid_datetime(utc).then_some(utc)
}

/// `yyyy-M-d[(T| )time]`, also with `/` separators.
fn parse_iso(sc: &mut Scanner<'_>) -> Option<i64> {
    let (year, _) = sc.digits(4, 4)?;
    let sep = sc.peek().filter(|b| matches!(b, b'-' | b'/'))?;
    sc.pos += 1;
    let (month, _) = sc.digits(1, 2)?;
    if !sc.eat(sep) {
        return None;
    }
    let (day, _) = sc.digits(1, 2)?;
    if !sc.at_end() && !sc.eat(b'T') && !sc.eat(b't') && !sc.skip_ws() {
        // `2014-11-08Z`: a zone straight after the date.
        let offset = parse_zone(sc)?;
        let local = from_parts(i64::from(year), month, day, 0, 0, 0, 0)?;
        let utc = local.checked_sub(offset * TICKS_PER_MINUTE)?;
        return is_valid_datetime(utc).then_some(utc);
    }
    finish(sc, i64::from(year), month, day)
}

/// `M/d/yyyy[,] [time]` and `M-d-yyyy [time]` (US order).
fn parse_us(sc: &mut Scanner<'_>) -> Option<i64> {
    let (month, _) = sc.digits(1, 2)?;
    let sep = sc.peek().filter(|b| matches!(b, b'/' | b'-'))?;
    sc.pos += 1;
    let (day, _) = sc.digits(1, 2)?;
    if !sc.eat(sep) {
        return None;
    }
    let (year, _) = sc.digits(4, 4)?;
    sc.eat(b',');
    sc.skip_ws();
    finish(sc, i64::from(year), month, day)
}

/// RFC 822 / 850: `8 Nov 14 15:05:02 GMT`, `08-Nov-14 15:05`, `8 November 2014`.
fn parse_day_month_year(sc: &mut Scanner<'_>) -> Option<i64> {
    let (day, _) = sc.digits(1, 2)?;
    let dash = sc.eat(b'-');
    if !dash && !sc.skip_ws() {
        return None;
    }
    let month = month_name(sc.word())?;
    if dash {
        if !sc.eat(b'-') {
            return None;
        }
    } else if !sc.skip_ws() {
        return None;
    }
    let (y, n) = sc.digits(2, 4)?;
    if n == 3 {
        return None;
    }
    sc.skip_ws();
    finish(sc, full_year(y, n), month, day)
}

/// `May 9, 2026 12:00:00 PM`, `Nov 8 2014 15:05`.
fn parse_month_day_year(sc: &mut Scanner<'_>) -> Option<i64> {
    let month = month_name(sc.word())?;
    if !sc.skip_ws() {
        return None;
    }
    let (day, _) = sc.digits(1, 2)?;
    sc.eat(b',');
    if !sc.skip_ws() {
        return None;
    }
    let (y, n) = sc.digits(4, 4)?;
    sc.eat(b',');
    sc.skip_ws();
    finish(sc, full_year(y, n), month, day)
}

#[cfg(test)]
mod tests {
    use super::super::datetime::format_datetime_kusto;
    use super::*;

    fn iso(s: &str) -> String {
        parse_datetime(s).map_or_else(|| format!("<none: {s}>"), format_datetime_kusto)
    }

    #[test]
    fn iso_8601_table_of_the_docs() {
        // q/scalar-data-types/datetime.md, "ISO 8601".
        assert_eq!(
            iso("2014-05-25T08:20:03.123456Z"),
            "2014-05-25T08:20:03.123456Z"
        );
        assert_eq!(
            iso("2014-05-25T08:20:03.123456"),
            "2014-05-25T08:20:03.123456Z"
        );
        assert_eq!(iso("2014-05-25T08:20"), "2014-05-25T08:20:00Z");
        assert_eq!(
            iso("2014-11-08 15:55:55.123456Z"),
            "2014-11-08T15:55:55.123456Z"
        );
        assert_eq!(iso("2014-11-08 15:55:55"), "2014-11-08T15:55:55Z");
        assert_eq!(iso("2014-11-08 15:55"), "2014-11-08T15:55:00Z");
        assert_eq!(iso("2014-11-08"), "2014-11-08T00:00:00Z");
        assert_eq!(iso("2015-12-31 23:59:59.9"), "2015-12-31T23:59:59.9Z");
    }

    #[test]
    fn rfc_822_and_850_tables_of_the_docs() {
        for s in [
            "Sat, 8 Nov 14 15:05:02 GMT",
            "Sat, 8 Nov 14 15:05:02",
            "8 Nov 14 15:05:02 GMT",
            "8 Nov 14 15:05:02",
            "Saturday, 08-Nov-14 15:05:02 GMT",
            "Saturday, 08-Nov-14 15:05:02",
            "08-Nov-14 15:05:02 GMT",
            "08-Nov-14 15:05:02",
        ] {
            assert_eq!(iso(s), "2014-11-08T15:05:02Z", "{s}");
        }
        for s in [
            "Sat, 8 Nov 14 15:05",
            "Sat, 8 Nov 14 15:05 GMT",
            "8 Nov 14 15:05",
            "8 Nov 14 15:05 GMT",
            "Saturday, 08-Nov-14 15:05 GMT",
            "Saturday, 08-Nov-14 15:05",
            "08-Nov-14 15:05 GMT",
            "08-Nov-14 15:05",
        ] {
            assert_eq!(iso(s), "2014-11-08T15:05:00Z", "{s}");
        }
    }

    #[test]
    fn sortable_table_of_the_docs() {
        assert_eq!(iso("2014-11-08 15:05:25"), "2014-11-08T15:05:25Z");
        assert_eq!(iso("2014-11-08 15:05:25 GMT"), "2014-11-08T15:05:25Z");
        assert_eq!(iso("2014-11-08T15:05:25 GMT"), "2014-11-08T15:05:25Z");
        assert_eq!(iso("2014-11-08T15:05 GMT"), "2014-11-08T15:05:00Z");
    }

    #[test]
    fn us_formats_kusto_accepts() {
        // conformance parse-operator-01: "02/17/2016 08:40:01" -> 2016-02-17T08:40:01Z.
        assert_eq!(iso("02/17/2016 08:40:01"), "2016-02-17T08:40:01Z");
        // conformance array-iff-function-02: datetime("01-01-2022") -> 2022-01-01.
        assert_eq!(iso("01-01-2022"), "2022-01-01T00:00:00Z");
    }

    #[test]
    fn export_formats() {
        // Log Analytics CSV export ("TimeGenerated [UTC]" columns).
        assert_eq!(iso("2/25/2025, 9:19:25.391 AM"), "2025-02-25T09:19:25.391Z");
        assert_eq!(
            iso("10/25/2023, 12:43:21.994 PM"),
            "2023-10-25T12:43:21.994Z"
        );
        assert_eq!(iso("10/25/2023, 12:01:00.000 AM"), "2023-10-25T00:01:00Z");
        // Defender portal display.
        assert_eq!(iso("May 9, 2026 1:02:03 PM"), "2026-05-09T13:02:03Z");
        // The bench generator's Timestamp.
        assert_eq!(
            iso("2026-04-10T01:49:33.481703Z"),
            "2026-04-10T01:49:33.481703Z"
        );
    }

    #[test]
    fn offsets_convert_to_utc() {
        assert_eq!(iso("2014-11-08T15:05:25+02:00"), "2014-11-08T13:05:25Z");
        assert_eq!(iso("2014-11-08T15:05:25-0530"), "2014-11-08T20:35:25Z");
        assert_eq!(iso("Sat, 8 Nov 2014 15:05:02 EST"), "2014-11-08T20:05:02Z");
        assert_eq!(
            iso("2014-11-08T15:05:25.12345678901Z"),
            "2014-11-08T15:05:25.1234567Z"
        );
    }

    #[test]
    fn rejects_non_dates() {
        for s in [
            "",
            "abc",
            "2014",
            "2014-13-01",
            "2014-02-30",
            "12:00",
            "1.5",
            "8 Nov",
            "2014-11-08T25:00",
            "2014-11-08 15:05 XYZ",
            "0000-01-01",
            "13/25/2020",
            "2014-11-08T15:05:25+99:00",
        ] {
            assert_eq!(parse_datetime(s), None, "{s}");
        }
    }

    #[test]
    fn strict_iso_only_accepts_year_first() {
        assert!(parse_datetime_iso("2014-11-08").is_some());
        assert!(parse_datetime_iso("8 Nov 14 15:05").is_none());
        assert!(parse_datetime_iso("02/17/2016 08:40:01").is_none());
    }
}
