//! Parts of a datetime: `dayofweek` (a timespan), `dayofmonth`, `dayofyear`,
//! `getmonth`/`monthofyear`, `getyear`, `hourofday`, `week_of_year` (ISO 8601) and
//! `datetime_part` (q/datetime-part-function.md, q/dayofweek-function.md).
//!
//! ```kql
//! print dayofweek(datetime(1947-11-30 10:00:05))     // 00:00:00 (a Sunday)
//! print getyear(datetime(2015-10-12)), monthofyear(datetime(2015-12-14))   // 2015, 12
//! print datetime_part("week_of_year", datetime(2017-10-30 01:02:03.7654321))  // 44
//! ```
//!
//! The parts are `long`s: conformance `getyear-function-00` and
//! `monthofyear-function-00` show `long` where Kusto.Language declares `int`. The other
//! parts are taken to follow them **[U]**.

use chrono::Datelike as _;
use kql_parser::ast::ScalarType;

use super::args::map_rows;
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::Value;
use crate::value::datetime::{self as dt, TICKS_PER_DAY};

macro_rules! part_fn {
    ($name:literal, $doc:literal) => {
        ScalarFunction {
            name: $name,
            min_args: 1,
            max_args: 1,
            return_type: part_type,
            eval: part,
            doc: $doc,
        }
    };
}

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    ScalarFunction {
        name: "dayofweek",
        min_args: 1,
        max_args: 1,
        return_type: dayofweek_type,
        eval: dayofweek,
        doc: "days since the preceding Sunday, as a timespan",
    },
    part_fn!("dayofmonth", "the day of the month, 1 to 31"),
    part_fn!("dayofyear", "the day of the year, 1 to 366"),
    part_fn!("getmonth", "the month, 1 to 12"),
    part_fn!("monthofyear", "the month, 1 to 12"),
    part_fn!("getyear", "the year"),
    part_fn!("hourofday", "the hour, 0 to 23"),
    part_fn!("week_of_year", "the ISO 8601 week number"),
    ScalarFunction {
        name: "datetime_part",
        min_args: 2,
        max_args: 2,
        return_type: datetime_part_type,
        eval: datetime_part,
        doc: "one part (year, quarter, month, week_of_year, day, ...) of a datetime",
    },
];

fn datetime_arg(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args[i].ty {
        ScalarType::DateTime => Ok(()),
        t => Err(TypeError::arg(i, format!("expected a datetime, got {t}"))),
    }
}

fn dayofweek_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    datetime_arg(args, 0)?;
    Ok(ScalarType::TimeSpan)
}

fn dayofweek(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        Ok(match v[0] {
            Value::DateTime(t) => Value::TimeSpan(i64::from(dt::day_of_week(t)) * TICKS_PER_DAY),
            _ => Value::Null,
        })
    })
}

fn part_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    datetime_arg(args, 0)?;
    Ok(ScalarType::Long)
}

/// The parts `datetime_part` accepts, lowercased.
const PARTS: &[&str] = &[
    "year",
    "quarter",
    "month",
    "week_of_year",
    "day",
    "dayofyear",
    "hour",
    "minute",
    "second",
    "millisecond",
    "microsecond",
    "nanosecond",
];

/// One part of a datetime; `part` is one of [`PARTS`].
fn part_of(part: &str, t: i64) -> i64 {
    let p = dt::to_parts(t);
    match part {
        "year" => p.year,
        "quarter" => i64::from((p.month - 1) / 3 + 1),
        "month" => i64::from(p.month),
        "week_of_year" => dt::to_chrono(t).map_or(0, |c| i64::from(c.iso_week().week())),
        "day" => i64::from(p.day),
        "dayofyear" => i64::from(dt::day_of_year(t)),
        "hour" => i64::from(p.hour),
        "minute" => i64::from(p.minute),
        "second" => i64::from(p.second),
        "millisecond" => i64::from(p.fraction) / dt::TICKS_PER_MILLISECOND,
        "microsecond" => i64::from(p.fraction) / dt::TICKS_PER_MICROSECOND,
        _ => i64::from(p.fraction) * 100,
    }
}

fn part(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let part = match call.function.name {
        "dayofmonth" => "day",
        "dayofyear" => "dayofyear",
        "getmonth" | "monthofyear" => "month",
        "getyear" => "year",
        "hourofday" => "hour",
        _ => "week_of_year",
    };
    map_rows(call, |v| {
        Ok(match v[0] {
            Value::DateTime(t) => Value::Long(part_of(part, t)),
            _ => Value::Null,
        })
    })
}

fn datetime_part_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    let Some(Value::String(s)) = args[0].literal else {
        return Err(TypeError::arg(0, "the part must be a string literal"));
    };
    if !PARTS.contains(&s.to_ascii_lowercase().as_str()) {
        return Err(TypeError::arg(
            0,
            format!("unknown part '{s}'; expected one of {}", PARTS.join(", ")),
        ));
    }
    datetime_arg(args, 1)?;
    Ok(ScalarType::Long)
}

fn datetime_part(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let part = match call.args[0].as_scalar() {
        Some(Value::String(s)) => s.to_ascii_lowercase(),
        _ => {
            return Err(EvalError::invalid(
                "datetime_part(): the part must be a constant",
            ));
        }
    };
    map_rows(call, |v| {
        Ok(match v[1] {
            Value::DateTime(t) => Value::Long(part_of(&part, t)),
            _ => Value::Null,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::super::math_functions::test_support::{row, try_eval, types};

    #[test]
    fn datetime_part_doc_example() {
        // q/datetime-part-function.md
        let q = r#"let dt = datetime(2017-10-30 01:02:03.7654321);
            print datetime_part("year", dt), datetime_part("quarter", dt), datetime_part("month", dt),
            datetime_part("week_of_year", dt), datetime_part("day", dt), datetime_part("dayOfYear", dt),
            datetime_part("hour", dt), datetime_part("minute", dt), datetime_part("second", dt),
            datetime_part("millisecond", dt), datetime_part("microsecond", dt), datetime_part("nanosecond", dt)"#;
        assert_eq!(
            row(q),
            [
                "2017",
                "4",
                "10",
                "44",
                "30",
                "303",
                "1",
                "2",
                "3",
                "765",
                "765432",
                "765432100"
            ]
        );
        assert!(try_eval("print datetime_part('fortnight', now())").is_err());
    }

    #[test]
    fn part_functions() {
        // conformance getyear-function-00, monthofyear-function-00
        assert_eq!(
            types("print getyear(datetime(2015-10-12)), monthofyear(datetime(2015-12-14))"),
            ["long", "long"]
        );
        assert_eq!(
            row(
                "print getyear(datetime(2015-10-12)), monthofyear(datetime(2015-12-14)), getmonth(datetime(2015-12-14)), \
                 dayofmonth(datetime(2015-12-14)), dayofyear(datetime(2015-12-14)), hourofday(datetime(2015-12-14 18:54))"
            ),
            ["2015", "12", "12", "14", "348", "18"]
        );
        // q/dayofweek-function.md: 1947-11-30 was a Sunday, 1970-05-11 a Monday.
        assert_eq!(
            row(
                "print dayofweek(datetime(1947-11-30 10:00:05)), dayofweek(datetime(1970-05-11)), dayofweek(datetime(2015-12-14))"
            ),
            ["00:00:00", "1.00:00:00", "1.00:00:00"]
        );
        // ISO weeks: 2021-01-03 is in week 53 of 2020; 2018-12-31 in week 1 of 2019.
        assert_eq!(
            row("print week_of_year(datetime(2021-01-03)), week_of_year(datetime(2018-12-31))"),
            ["53", "1"]
        );
    }
}
