//! Datetime literal text to ticks (100 ns) since 0001-01-01T00:00:00Z, with the calendar
//! math done here (no date library).
//!
//! Accepted forms, as Kusto documents them:
//!
//! * ISO 8601: `2014-05-25T08:20:03.123456Z`, `2014-05-25T08:20`, `2014-11-08 15:55:55`,
//!   `2014-11-08 15:55`, `2014-11-08`, with an optional `Z` or `+hh:mm` offset;
//! * RFC 822: `Sat, 8 Nov 14 15:05:02 GMT`, `8 Nov 2014 15:05`;
//! * RFC 850: `Saturday, 08-Nov-14 15:05:02 GMT`, `08-Nov-14 15:05`;
//! * the lenient forms Kusto also accepts: `2017 - 08 - 01`, `2017/08/01`,
//!   `01-31-2022` (month first), `2025, 6, 14` (year, month, day);
//! * any of these in quotes, and `null`.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{alpha1, char, digit1, one_of, space0, space1};
use nom::combinator::{all_consuming, opt};
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};

use super::timespan::{
    TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND, fraction_ticks,
};

/// Days from 0001-01-01 to 1970-01-01.
const UNIX_EPOCH_DAYS: i64 = 719_162;

/// The largest valid value, 9999-12-31T23:59:59.9999999.
pub const MAX_DATETIME_TICKS: i64 = 3_155_378_975_999_999_999;

/// The fields of a date and time as written, before validation.
#[derive(Debug, Default)]
struct Parts {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    fraction: i64,
    /// Offset east of UTC in minutes.
    offset_minutes: i64,
}

/// Parses datetime literal text. `Ok(None)` is `null`.
pub fn parse_datetime(text: &str) -> Result<Option<i64>, String> {
    let mut text = text.trim();
    if text.len() >= 2 {
        let (first, last) = (text.as_bytes()[0], text.as_bytes()[text.len() - 1]);
        if first == last && (first == b'\'' || first == b'"') {
            text = text[1..text.len() - 1].trim();
        }
    }
    if text == "null" {
        return Ok(None);
    }
    let parts = all_consuming(alt((iso, month_first, comma_separated, rfc)))
        .parse(text)
        .map(|(_, p)| p)
        .map_err(|_| {
            format!("`{text}` is not a date (expected e.g. 2024-05-01 or 2024-05-01T12:30:00Z)")
        })?;
    to_ticks(&parts).map(Some)
}

fn to_ticks(p: &Parts) -> Result<i64, String> {
    if !(1..=9999).contains(&p.year) {
        return Err(format!("year {} is out of range 1..9999", p.year));
    }
    if !(1..=12).contains(&p.month) {
        return Err(format!("month {} is out of range 1..12", p.month));
    }
    let max_day = days_in_month(p.year, p.month);
    if !(1..=max_day).contains(&p.day) {
        return Err(format!(
            "day {} is out of range 1..{max_day} for {:04}-{:02}",
            p.day, p.year, p.month
        ));
    }
    if p.hour > 23 || p.minute > 59 || p.second > 59 {
        return Err(format!(
            "time {:02}:{:02}:{:02} is out of range",
            p.hour, p.minute, p.second
        ));
    }
    let days = days_from_civil(p.year, p.month, p.day) + UNIX_EPOCH_DAYS;
    let ticks = days * TICKS_PER_DAY
        + p.hour * TICKS_PER_HOUR
        + p.minute * TICKS_PER_MINUTE
        + p.second * TICKS_PER_SECOND
        + p.fraction
        - p.offset_minutes * TICKS_PER_MINUTE;
    if !(0..=MAX_DATETIME_TICKS).contains(&ticks) {
        return Err("the date is out of range after applying its offset".into());
    }
    Ok(ticks)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01: `(year, month, day)`.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// ISO 8601 text for ticks: `2024-05-01T12:30:00Z`, with the fraction of a second
/// (up to 7 digits, trailing zeros dropped) when there is one.
pub fn format_datetime(ticks: i64) -> String {
    let days = ticks.div_euclid(TICKS_PER_DAY);
    let rest = ticks.rem_euclid(TICKS_PER_DAY);
    let (y, mo, d) = civil_from_days(days - UNIX_EPOCH_DAYS);
    let (h, mi) = (
        rest / TICKS_PER_HOUR,
        rest % TICKS_PER_HOUR / TICKS_PER_MINUTE,
    );
    let (s, frac) = (
        rest % TICKS_PER_MINUTE / TICKS_PER_SECOND,
        rest % TICKS_PER_SECOND,
    );
    let mut out = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}");
    if frac != 0 {
        let digits = format!("{frac:07}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    out.push('Z');
    out
}

fn digits(min: usize, max: usize) -> impl Fn(&str) -> IResult<&str, i64> {
    move |input| {
        let (rest, d) = take_while_m_n(min, max, |c: char| c.is_ascii_digit()).parse(input)?;
        Ok((rest, d.parse::<i64>().unwrap_or(0)))
    }
}

/// `HH:MM[:SS[.fffffff]]` as `(hour, minute, second, fraction ticks)`.
fn clock(input: &str) -> IResult<&str, (i64, i64, i64, i64)> {
    let (input, hour) = digits(1, 2)(input)?;
    let (input, minute) = preceded(char(':'), digits(2, 2)).parse(input)?;
    let (input, second) = opt(preceded(char(':'), digits(2, 2))).parse(input)?;
    let (input, fraction) = if second.is_some() {
        opt(preceded(char('.'), digit1)).parse(input)?
    } else {
        (input, None)
    };
    Ok((
        input,
        (
            hour,
            minute,
            second.unwrap_or(0),
            fraction.map_or(0, fraction_ticks),
        ),
    ))
}

/// `Z`, `+hh:mm`, `-hhmm`, or a zone name after a space (`GMT`, `UTC`, `EST`, ...).
fn zone(input: &str) -> IResult<&str, i64> {
    alt((
        |i| char('Z').parse(i).map(|(i, _)| (i, 0)),
        numeric_offset,
        preceded(space1, zone_name),
    ))
    .parse(input)
}

fn numeric_offset(input: &str) -> IResult<&str, i64> {
    let (input, sign) = preceded(space0, one_of("+-")).parse(input)?;
    let (input, hours) = digits(2, 2)(input)?;
    let (input, _) = opt(char(':')).parse(input)?;
    let (input, minutes) = digits(2, 2)(input)?;
    let offset = hours * 60 + minutes;
    Ok((input, if sign == '-' { -offset } else { offset }))
}

fn zone_name(input: &str) -> IResult<&str, i64> {
    let (rest, name) = alpha1(input)?;
    let hours = match name {
        "GMT" | "UT" | "UTC" | "Z" => 0,
        "EDT" => -4,
        "EST" | "CDT" => -5,
        "CST" | "MDT" => -6,
        "MST" | "PDT" => -7,
        "PST" => -8,
        _ => {
            return Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Tag,
            )));
        }
    };
    Ok((rest, hours * 60))
}

/// A date separator: `-` or `/`, spaces allowed around it.
fn date_sep(input: &str) -> IResult<&str, char> {
    delimited(space0, one_of("-/"), space0).parse(input)
}

/// `2014-05-25T08:20:03.123456Z`, `2014-11-08 15:55`, `2014-11-08`, `2014/11/08`.
fn iso(input: &str) -> IResult<&str, Parts> {
    let (input, year) = digits(4, 4)(input)?;
    let (input, month) = preceded(date_sep, digits(1, 2)).parse(input)?;
    let (input, day) = preceded(date_sep, digits(1, 2)).parse(input)?;
    time_and_zone(input, year, month, day)
}

/// `01-31-2022`, `1/31/2022 10:00`: month, day, year.
fn month_first(input: &str) -> IResult<&str, Parts> {
    let (input, month) = digits(1, 2)(input)?;
    let (input, day) = preceded(date_sep, digits(1, 2)).parse(input)?;
    let (input, year) = preceded(date_sep, digits(4, 4)).parse(input)?;
    time_and_zone(input, year, month, day)
}

/// `2025, 6, 14` and `2025, 6, 14, 10, 30, 0`.
fn comma_separated(input: &str) -> IResult<&str, Parts> {
    let comma = || delimited(space0, char(','), space0);
    let (input, year) = digits(1, 4)(input)?;
    let (input, month) = preceded(comma(), digits(1, 2)).parse(input)?;
    let (input, day) = preceded(comma(), digits(1, 2)).parse(input)?;
    let (input, hour) = opt(preceded(comma(), digits(1, 2))).parse(input)?;
    let (input, minute) = opt(preceded(comma(), digits(1, 2))).parse(input)?;
    let (input, second) = opt(preceded(comma(), digits(1, 2))).parse(input)?;
    let parts = Parts {
        year,
        month,
        day,
        hour: hour.unwrap_or(0),
        minute: minute.unwrap_or(0),
        second: second.unwrap_or(0),
        ..Parts::default()
    };
    Ok((input, parts))
}

/// The optional time and zone after a date.
fn time_and_zone(input: &str, year: i64, month: i64, day: i64) -> IResult<&str, Parts> {
    let (input, time) = opt(preceded(alt((tag("T"), space1)), clock)).parse(input)?;
    let (input, offset) = opt(zone).parse(input)?;
    let (hour, minute, second, fraction) = time.unwrap_or_default();
    let parts = Parts {
        year,
        month,
        day,
        hour,
        minute,
        second,
        fraction,
        offset_minutes: offset.unwrap_or(0),
    };
    Ok((input, parts))
}

fn month_number(name: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.to_ascii_lowercase();
    let key = lower.get(..3)?;
    let index = MONTHS.iter().position(|m| *m == key)?;
    i64::try_from(index).ok().map(|i| i + 1)
}

/// RFC 822 (`Sat, 8 Nov 14 15:05:02 GMT`) and RFC 850 (`Saturday, 08-Nov-14 15:05 GMT`).
fn rfc(input: &str) -> IResult<&str, Parts> {
    let (input, _) = opt((alpha1, char(','), space0)).parse(input)?;
    let (input, day) = digits(1, 2)(input)?;
    let (input, _) = alt((space1, tag("-"))).parse(input)?;
    let (after_month, month_name) = alpha1(input)?;
    let Some(month) = month_number(month_name) else {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Alpha,
        )));
    };
    let (input, _) = alt((space1, tag("-"))).parse(after_month)?;
    let (input, year_text) = take_while_m_n(2, 4, |c: char| c.is_ascii_digit()).parse(input)?;
    let year = year_text.parse::<i64>().unwrap_or(0);
    let year = match year_text.len() {
        2 if year < 50 => 2000 + year,
        2 => 1900 + year,
        _ => year,
    };
    let (input, (hour, minute, second, fraction)) = preceded(space1, clock).parse(input)?;
    let (input, offset) = opt(zone).parse(input)?;
    let parts = Parts {
        year,
        month,
        day,
        hour,
        minute,
        second,
        fraction,
        offset_minutes: offset.unwrap_or(0),
    };
    Ok((input, parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso_of(text: &str) -> String {
        format_datetime(parse_datetime(text).unwrap().unwrap())
    }

    #[test]
    fn iso_forms() {
        assert_eq!(parse_datetime("0001-01-01"), Ok(Some(0)));
        assert_eq!(iso_of("2015-12-31 23:59:59.9"), "2015-12-31T23:59:59.9Z");
        assert_eq!(
            iso_of("2014-05-25T08:20:03.123456Z"),
            "2014-05-25T08:20:03.123456Z"
        );
        assert_eq!(iso_of("2014-11-08 15:55"), "2014-11-08T15:55:00Z");
        assert_eq!(iso_of("'2007-04-07'"), "2007-04-07T00:00:00Z");
        assert_eq!(iso_of("2020-01-01T10:00:00+02:00"), "2020-01-01T08:00:00Z");
        assert_eq!(iso_of("2024-02-29"), "2024-02-29T00:00:00Z");
        assert_eq!(parse_datetime("null"), Ok(None));
        assert_eq!(
            parse_datetime("1970-01-01"),
            Ok(Some(UNIX_EPOCH_DAYS * TICKS_PER_DAY))
        );
    }

    #[test]
    fn rfc_forms() {
        assert_eq!(iso_of("Sat, 8 Nov 14 15:05:02 GMT"), "2014-11-08T15:05:02Z");
        assert_eq!(iso_of("8 Nov 14 15:05"), "2014-11-08T15:05:00Z");
        assert_eq!(
            iso_of("Saturday, 08-Nov-14 15:05:02 GMT"),
            "2014-11-08T15:05:02Z"
        );
        assert_eq!(iso_of("08-Nov-14 15:05 EST"), "2014-11-08T20:05:00Z");
    }

    #[test]
    fn lenient_forms() {
        assert_eq!(iso_of("2017 - 08 - 01"), "2017-08-01T00:00:00Z");
        assert_eq!(iso_of("\"01-31-2022\""), "2022-01-31T00:00:00Z");
        assert_eq!(iso_of("2025, 6, 14"), "2025-06-14T00:00:00Z");
        assert_eq!(iso_of("2017/08/01 10:00"), "2017-08-01T10:00:00Z");
    }

    #[test]
    fn bad_dates_are_errors() {
        for text in [
            "2020-13-01",
            "2023-02-29",
            "2020-01-01 24:00",
            "yesterday",
            "2020-01",
        ] {
            assert!(parse_datetime(text).is_err(), "{text}");
        }
    }

    #[test]
    fn calendar_round_trips() {
        for days in [-719_162, -1, 0, 1, 11_016, 19_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
