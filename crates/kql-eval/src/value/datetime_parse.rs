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
use super::datetime_scan::{Scanner, full_year, month_name, parse_time, parse_zone};

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
