//! Kusto `datetime` values as .NET ticks: calendar arithmetic and text forms.
//!
//! A `datetime` is the number of 100 ns ticks since `0001-01-01T00:00:00Z`
//! (`q/scalar-data-types/datetime.md`: "a ticks value of 31241376000000000 represents
//! the date, Friday, January 01, 0100 12:00:00 midnight"). The calendar is the
//! proleptic Gregorian one, always UTC.
//!
//! Two text forms exist, and Kusto uses both:
//!
//! | where | form | example |
//! |---|---|---|
//! | result cells (REST v1 JSON, CSV) | [`format_datetime_kusto`]: fraction trimmed | `2018-07-01T00:00:00Z`, `2016-12-31T23:59:59.9999999Z` |
//! | `tostring()`, `strcat()`, values inside `dynamic` | [`format_datetime_tostring`]: always 7 digits | `2022-01-01T00:00:00.0000000Z` |
//!
//! The 7-digit form is the one conformance case `array-iff-function-02` shows for
//! `dynamic(["...", datetime("01-01-2022"), null])`; the trimmed form is the one every
//! `datetime` column of `conformance/cases.jsonl` uses.

use std::fmt::Write as _;

/// Ticks (100 ns) per microsecond.
pub const TICKS_PER_MICROSECOND: i64 = 10;
/// Ticks per millisecond.
pub const TICKS_PER_MILLISECOND: i64 = 10_000;
/// Ticks per second.
pub const TICKS_PER_SECOND: i64 = 10_000_000;
/// Ticks per minute.
pub const TICKS_PER_MINUTE: i64 = 60 * TICKS_PER_SECOND;
/// Ticks per hour.
pub const TICKS_PER_HOUR: i64 = 60 * TICKS_PER_MINUTE;
/// Ticks per day.
pub const TICKS_PER_DAY: i64 = 24 * TICKS_PER_HOUR;
/// `1970-01-01T00:00:00Z` in ticks (.NET `DateTime.UnixEpoch.Ticks`).
pub const UNIX_EPOCH_TICKS: i64 = 621_355_968_000_000_000;
/// `9999-12-31T23:59:59.9999999Z`, the largest Kusto datetime (.NET `DateTime.MaxValue`).
pub const MAX_DATETIME_TICKS: i64 = 3_155_378_975_999_999_999;

/// Days from 0001-01-01 to 1970-01-01.
const UNIX_EPOCH_DAYS: i64 = UNIX_EPOCH_TICKS / TICKS_PER_DAY;

/// A datetime split into calendar fields (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTimeParts {
    pub year: i64,
    /// 1..=12
    pub month: u32,
    /// 1..=31
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// Ticks within the second, 0..10_000_000.
    pub fraction: u32,
}

/// True for Gregorian leap years.
pub fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1..=12) of `year`; 0 for an invalid month.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // day is in 1..=31 and month in 1..=12 by construction.
    (year, month as u32, day as u32)
}

/// Ticks of a calendar date and time, or `None` when a field is out of range or the
/// result is outside `0001-01-01 ..= 9999-12-31T23:59:59.9999999`.
///
/// `datetime(2014-05-25T08:20:03.123456Z)` is `from_parts(2014, 5, 25, 8, 20, 3, 1_234_560)`.
pub fn from_parts(
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    fraction: u32,
) -> Option<i64> {
    if !(1..=9999).contains(&year)
        || !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
        || i64::from(fraction) >= TICKS_PER_SECOND
    {
        return None;
    }
    let days = days_from_civil(year, month, day) + UNIX_EPOCH_DAYS;
    let secs = i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    Some(days * TICKS_PER_DAY + secs * TICKS_PER_SECOND + i64::from(fraction))
}

/// Ticks of midnight of a date, without the 1..=9999 year check (used by arithmetic
/// that validates the result itself). `None` for an invalid month or day, or a year
/// whose ticks do not fit in an `i64`.
pub fn date_to_ticks_unchecked(year: i64, month: u32, day: u32) -> Option<i64> {
    if !(-30_000_000..=30_000_000).contains(&year)
        || !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
    {
        return None;
    }
    let days = days_from_civil(year, month, day) + UNIX_EPOCH_DAYS;
    days.checked_mul(TICKS_PER_DAY)
}

/// Splits ticks into calendar fields. Works for any tick value (years outside
/// 1..=9999 come out as they are), so it never fails.
pub fn to_parts(ticks: i64) -> DateTimeParts {
    let days = ticks.div_euclid(TICKS_PER_DAY);
    let in_day = ticks.rem_euclid(TICKS_PER_DAY);
    let (year, month, day) = civil_from_days(days - UNIX_EPOCH_DAYS);
    let secs = in_day / TICKS_PER_SECOND;
    DateTimeParts {
        year,
        month,
        day,
        hour: (secs / 3600) as u32,
        minute: (secs / 60 % 60) as u32,
        second: (secs % 60) as u32,
        fraction: (in_day % TICKS_PER_SECOND) as u32,
    }
}

/// True when `ticks` is a datetime Kusto can represent.
pub fn is_valid_datetime(ticks: i64) -> bool {
    (0..=MAX_DATETIME_TICKS).contains(&ticks)
}

/// Day of the week, 0 = Sunday .. 6 = Saturday (Kusto's `dayofweek()` returns this
/// many days as a timespan). 0001-01-01 was a Monday.
pub fn day_of_week(ticks: i64) -> u32 {
    ((ticks.div_euclid(TICKS_PER_DAY) + 1).rem_euclid(7)) as u32
}

/// Day of the year, 1..=366.
pub fn day_of_year(ticks: i64) -> u32 {
    let p = to_parts(ticks);
    let jan1 = days_from_civil(p.year, 1, 1);
    let today = ticks.div_euclid(TICKS_PER_DAY) - UNIX_EPOCH_DAYS;
    (today - jan1 + 1) as u32
}

/// Midnight of the same day: `startofday(datetime(2017-01-01 10:10:17))` is `2017-01-01`.
/// (The `start_of_*` functions saturate instead of overflowing for ticks far outside
/// the datetime range.)
pub fn start_of_day(ticks: i64) -> i64 {
    ticks.saturating_sub(ticks.rem_euclid(TICKS_PER_DAY))
}

/// Midnight of the preceding (or same) Sunday: Kusto weeks start on Sunday
/// (`q/startofweek-function.md`).
pub fn start_of_week(ticks: i64) -> i64 {
    start_of_day(ticks).saturating_sub(i64::from(day_of_week(ticks)) * TICKS_PER_DAY)
}

/// Midnight of the first day of the month.
pub fn start_of_month(ticks: i64) -> i64 {
    let p = to_parts(ticks);
    start_of_day(ticks).saturating_sub(i64::from(p.day - 1) * TICKS_PER_DAY)
}

/// Midnight of January 1st.
pub fn start_of_year(ticks: i64) -> i64 {
    start_of_day(ticks).saturating_sub(i64::from(day_of_year(ticks) - 1) * TICKS_PER_DAY)
}

/// Adds calendar months, clamping the day to the end of the target month like .NET's
/// `DateTime.AddMonths` (`2017-01-31 + 1 month = 2017-02-28`). `None` when the result
/// leaves the datetime range.
pub fn add_months(ticks: i64, months: i64) -> Option<i64> {
    let p = to_parts(ticks);
    let total = p
        .year
        .checked_mul(12)?
        .checked_add(i64::from(p.month - 1))?
        .checked_add(months)?;
    let year = total.div_euclid(12);
    if !(1..=9999).contains(&year) {
        return None;
    }
    let month = (total.rem_euclid(12) + 1) as u32;
    let day = p.day.min(days_in_month(year, month));
    let midnight = date_to_ticks_unchecked(year, month, day)?;
    let result = midnight.checked_add(ticks.rem_euclid(TICKS_PER_DAY))?;
    is_valid_datetime(result).then_some(result)
}

/// Converts ticks to a chrono UTC datetime (for code that wants chrono's formatting);
/// `None` outside chrono's range.
pub fn to_chrono(ticks: i64) -> Option<chrono::DateTime<chrono::Utc>> {
    let since_epoch = ticks.checked_sub(UNIX_EPOCH_TICKS)?;
    let secs = since_epoch.div_euclid(TICKS_PER_SECOND);
    let nanos = (since_epoch.rem_euclid(TICKS_PER_SECOND) * 100) as u32;
    chrono::DateTime::from_timestamp(secs, nanos)
}

/// Converts a chrono UTC datetime to ticks (sub-tick nanoseconds are truncated).
pub fn from_chrono(dt: &chrono::DateTime<chrono::Utc>) -> Option<i64> {
    let secs = dt.timestamp().checked_mul(TICKS_PER_SECOND)?;
    let ticks = secs
        .checked_add(i64::from(dt.timestamp_subsec_nanos() / 100))?
        .checked_add(UNIX_EPOCH_TICKS)?;
    is_valid_datetime(ticks).then_some(ticks)
}

/// Appends `yyyy-MM-ddTHH:mm:ss` (no fraction, no zone).
fn push_seconds(out: &mut String, p: &DateTimeParts) {
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        p.year, p.month, p.day, p.hour, p.minute, p.second
    );
}

/// Appends the result-cell form: `2018-07-01T00:00:00Z`, `2014-05-25T08:20:03.123456Z`
/// (the fraction's trailing zeros are dropped, .NET's `FFFFFFF`).
pub fn push_datetime_kusto(out: &mut String, ticks: i64) {
    let p = to_parts(ticks);
    push_seconds(out, &p);
    if p.fraction != 0 {
        let mut digits = format!("{:07}", p.fraction);
        while digits.ends_with('0') {
            digits.pop();
        }
        out.push('.');
        out.push_str(&digits);
    }
    out.push('Z');
}

/// The result-cell form of a datetime: `2018-07-01T00:00:00Z`.
pub fn format_datetime_kusto(ticks: i64) -> String {
    let mut s = String::with_capacity(28);
    push_datetime_kusto(&mut s, ticks);
    s
}

/// Appends the `tostring()` form: `2022-01-01T00:00:00.0000000Z` (always 7 digits,
/// .NET's round-trip `o` format).
pub fn push_datetime_tostring(out: &mut String, ticks: i64) {
    let p = to_parts(ticks);
    push_seconds(out, &p);
    let _ = write!(out, ".{:07}Z", p.fraction);
}

/// The `tostring()` / dynamic form of a datetime: `2022-01-01T00:00:00.0000000Z`.
pub fn format_datetime_tostring(ticks: i64) -> String {
    let mut s = String::with_capacity(28);
    push_datetime_tostring(&mut s, ticks);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_examples_from_the_docs() {
        // q/scalar-data-types/datetime.md: 31241376000000000 is 0100-01-01 00:00:00, a Friday.
        let t = from_parts(100, 1, 1, 0, 0, 0, 0).unwrap();
        assert_eq!(t, 31_241_376_000_000_000);
        assert_eq!(day_of_week(t), 5);
        assert_eq!(from_parts(1970, 1, 1, 0, 0, 0, 0), Some(UNIX_EPOCH_TICKS));
        assert_eq!(
            from_parts(9999, 12, 31, 23, 59, 59, 9_999_999),
            Some(MAX_DATETIME_TICKS)
        );
        assert_eq!(from_parts(1, 1, 1, 0, 0, 0, 0), Some(0));
    }

    #[test]
    fn parts_round_trip() {
        for &t in &[
            0,
            1,
            UNIX_EPOCH_TICKS,
            MAX_DATETIME_TICKS,
            636_188_256_000_000_000,
        ] {
            let p = to_parts(t);
            let back = from_parts(
                p.year, p.month, p.day, p.hour, p.minute, p.second, p.fraction,
            );
            assert_eq!(back, Some(t));
        }
    }

    #[test]
    fn invalid_dates_are_rejected() {
        assert_eq!(from_parts(2023, 2, 29, 0, 0, 0, 0), None);
        assert!(from_parts(2024, 2, 29, 0, 0, 0, 0).is_some());
        assert_eq!(from_parts(0, 1, 1, 0, 0, 0, 0), None);
        assert_eq!(from_parts(2024, 13, 1, 0, 0, 0, 0), None);
        assert_eq!(from_parts(2024, 1, 1, 24, 0, 0, 0), None);
    }

    #[test]
    fn formats() {
        let t = from_parts(2018, 7, 1, 0, 0, 0, 0).unwrap();
        assert_eq!(format_datetime_kusto(t), "2018-07-01T00:00:00Z");
        assert_eq!(format_datetime_tostring(t), "2018-07-01T00:00:00.0000000Z");
        // conformance endofmonth cases: 2016-12-31T23:59:59.9999999Z.
        let t = from_parts(2016, 12, 31, 23, 59, 59, 9_999_999).unwrap();
        assert_eq!(format_datetime_kusto(t), "2016-12-31T23:59:59.9999999Z");
        let t = from_parts(2014, 5, 25, 8, 20, 3, 1_234_560).unwrap();
        assert_eq!(format_datetime_kusto(t), "2014-05-25T08:20:03.123456Z");
        assert_eq!(format_datetime_tostring(t), "2014-05-25T08:20:03.1234560Z");
        assert_eq!(format_datetime_kusto(0), "0001-01-01T00:00:00Z");
    }

    #[test]
    fn starts_of_periods() {
        // q/startofweek-function.md: weeks start on Sunday; 2017-01-01 was a Sunday.
        let t = from_parts(2017, 1, 4, 10, 10, 17, 0).unwrap();
        assert_eq!(
            start_of_week(t),
            from_parts(2017, 1, 1, 0, 0, 0, 0).unwrap()
        );
        assert_eq!(start_of_day(t), from_parts(2017, 1, 4, 0, 0, 0, 0).unwrap());
        assert_eq!(
            start_of_month(t),
            from_parts(2017, 1, 1, 0, 0, 0, 0).unwrap()
        );
        let t = from_parts(2024, 12, 31, 5, 0, 0, 0).unwrap();
        assert_eq!(
            start_of_year(t),
            from_parts(2024, 1, 1, 0, 0, 0, 0).unwrap()
        );
        assert_eq!(day_of_year(t), 366);
    }

    #[test]
    fn month_arithmetic_clamps_like_dotnet() {
        let t = from_parts(2017, 1, 31, 12, 0, 0, 0).unwrap();
        assert_eq!(add_months(t, 1), from_parts(2017, 2, 28, 12, 0, 0, 0));
        assert_eq!(add_months(t, -13), from_parts(2015, 12, 31, 12, 0, 0, 0));
        assert_eq!(add_months(MAX_DATETIME_TICKS, 1), None);
    }

    #[test]
    fn chrono_round_trip() {
        let t = from_parts(2026, 5, 10, 1, 2, 3, 4_567_891).unwrap();
        let c = to_chrono(t).unwrap();
        assert_eq!(c.to_rfc3339(), "2026-05-10T01:02:03.456789100+00:00");
        assert_eq!(from_chrono(&c), Some(t));
    }
}
