//! Date and time functions: `now`, `ago` (one instant per query: q/now-function.md),
//! period starts and ends, `datetime_add`, `datetime_diff`, `make_datetime`,
//! `make_timespan`, unix-time conversions, `around`, and time zones (in `timezone`).
//!
//! ```kql
//! print now() == now(), now() - ago(1d)     // true, 1.00:00:00
//! print startofweek(datetime(2017-01-01 10:10:17), 1)          // 2017-01-08
//! print endofmonth(datetime(2017-01-01 10:10:17), -1)          // 2016-12-31T23:59:59.9999999Z
//! print datetime_add('month', -15, make_datetime(2017, 1, 1))  // 2015-10-01
//! print datetime_diff('week', datetime(2017-10-29), datetime(2017-09-30 23:59))  // 5
//! print unixtime_milliseconds_todatetime(1546300800000)       // 2019-01-01
//! ```

use kql_parser::ast::ScalarType;

use super::args::map_rows;
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::Value;
use crate::value::datetime::{self as dt, TICKS_PER_DAY};

mod calendar;
use calendar::{
    datetime_add, datetime_add_type, datetime_diff, datetime_diff_type, period, period_type,
};

mod timezone;

mod construct;
use construct::{
    around, around_type, make_datetime, make_timespan, make_type, unix_to_datetime, unix_type,
};

macro_rules! period_fn {
    ($name:literal, $doc:literal) => {
        ScalarFunction {
            name: $name,
            min_args: 1,
            max_args: 2,
            return_type: period_type,
            eval: period,
            doc: $doc,
        }
    };
}

macro_rules! unix_fn {
    ($name:literal, $doc:literal) => {
        ScalarFunction {
            name: $name,
            min_args: 1,
            max_args: 1,
            return_type: unix_type,
            eval: unix_to_datetime,
            doc: $doc,
        }
    };
}

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    ScalarFunction {
        name: "datetime_local_to_utc",
        min_args: 2,
        max_args: 2,
        return_type: timezone::convert_type,
        eval: timezone::convert,
        doc: "a local datetime of an IANA time zone as UTC (tz database 2025b)",
    },
    ScalarFunction {
        name: "datetime_utc_to_local",
        min_args: 2,
        max_args: 2,
        return_type: timezone::convert_type,
        eval: timezone::convert,
        doc: "a UTC datetime as the local time of an IANA time zone (tz database 2025b)",
    },
    ScalarFunction {
        name: "now",
        min_args: 0,
        max_args: 1,
        return_type: datetime_of_span,
        eval: now,
        doc: "the query's fixed current time, plus an optional offset",
    },
    ScalarFunction {
        name: "ago",
        min_args: 1,
        max_args: 1,
        return_type: datetime_of_span,
        eval: ago,
        doc: "now() minus a timespan",
    },
    period_fn!(
        "startofday",
        "midnight of the day, shifted by an optional number of days"
    ),
    period_fn!(
        "startofweek",
        "midnight of the week's Sunday, shifted by an optional number of weeks"
    ),
    period_fn!(
        "startofmonth",
        "midnight of the month's first day, shifted by an optional number of months"
    ),
    period_fn!(
        "startofyear",
        "midnight of January 1st, shifted by an optional number of years"
    ),
    period_fn!(
        "endofday",
        "the last tick of the day, shifted by an optional number of days"
    ),
    period_fn!(
        "endofweek",
        "the last tick of the week (Saturday), shifted by an optional number of weeks"
    ),
    period_fn!(
        "endofmonth",
        "the last tick of the month, shifted by an optional number of months"
    ),
    period_fn!(
        "endofyear",
        "the last tick of the year, shifted by an optional number of years"
    ),
    ScalarFunction {
        name: "datetime_add",
        min_args: 3,
        max_args: 3,
        return_type: datetime_add_type,
        eval: datetime_add,
        doc: "a datetime plus an amount of a calendar period",
    },
    ScalarFunction {
        name: "datetime_diff",
        min_args: 3,
        max_args: 3,
        return_type: datetime_diff_type,
        eval: datetime_diff,
        doc: "the number of period boundaries between two datetimes",
    },
    ScalarFunction {
        name: "make_datetime",
        min_args: 3,
        max_args: 6,
        return_type: make_type,
        eval: make_datetime,
        doc: "a datetime from year, month, day[, hour, minute[, second]]",
    },
    ScalarFunction {
        name: "make_timespan",
        min_args: 2,
        max_args: 4,
        return_type: make_type,
        eval: make_timespan,
        doc: "a timespan from [days,] hours, minutes[, seconds]",
    },
    unix_fn!(
        "unixtime_seconds_todatetime",
        "unix-epoch seconds to a datetime"
    ),
    unix_fn!(
        "unixtime_milliseconds_todatetime",
        "unix-epoch milliseconds to a datetime"
    ),
    unix_fn!(
        "unixtime_microseconds_todatetime",
        "unix-epoch microseconds to a datetime"
    ),
    unix_fn!(
        "unixtime_nanoseconds_todatetime",
        "unix-epoch nanoseconds to a datetime"
    ),
    ScalarFunction {
        name: "around",
        min_args: 3,
        max_args: 3,
        return_type: around_type,
        eval: around,
        doc: "whether a value lies within center - delta ..= center + delta",
    },
];

fn datetime_of_span(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args.first().map(|a| a.ty) {
        None | Some(ScalarType::TimeSpan) => Ok(ScalarType::DateTime),
        Some(t) => Err(TypeError::arg(0, format!("expected a timespan, got {t}"))),
    }
}

fn offset(call: &ScalarCall<'_>, sign: i64) -> Result<Datum, EvalError> {
    let now = call.ctx.now;
    map_rows(call, |v| {
        Ok(match v.first() {
            None => Value::DateTime(now),
            Some(Value::TimeSpan(t)) => t
                .checked_mul(sign)
                .and_then(|d| now.checked_add(d))
                .map_or(Value::Null, Value::DateTime),
            Some(_) => Value::Null,
        })
    })
}

fn now(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    offset(call, 1)
}

fn ago(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    offset(call, -1)
}

fn datetime_arg(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args[i].ty {
        ScalarType::DateTime => Ok(()),
        t => Err(TypeError::arg(i, format!("expected a datetime, got {t}"))),
    }
}

fn integer_arg(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args[i].ty {
        ScalarType::Int | ScalarType::Long => Ok(()),
        t => Err(TypeError::arg(i, format!("expected an integer, got {t}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::math_functions::test_support::{row, try_eval};

    #[test]
    fn period_starts_and_ends() {
        // conformance startofday/startofweek/startofmonth/startofyear/endofmonth-function-00
        let t = "datetime(2017-01-01 10:10:17)";
        assert_eq!(
            row(&format!(
                "print startofday({t}, -1), startofweek({t}, 1), startofmonth({t}, -1), startofyear({t}, 1)"
            )),
            [
                "2016-12-31T00:00:00.0000000Z",
                "2017-01-08T00:00:00.0000000Z",
                "2016-12-01T00:00:00.0000000Z",
                "2018-01-01T00:00:00.0000000Z"
            ]
        );
        assert_eq!(
            row(&format!(
                "print endofmonth({t}, -1), endofmonth({t}, 1), endofday({t}), endofweek({t}), endofyear({t})"
            )),
            [
                "2016-12-31T23:59:59.9999999Z",
                "2017-02-28T23:59:59.9999999Z",
                "2017-01-01T23:59:59.9999999Z",
                "2017-01-07T23:59:59.9999999Z",
                "2017-12-31T23:59:59.9999999Z"
            ]
        );
        assert_eq!(
            row("print endofyear(datetime(9999-05-01)), startofyear(datetime(9999-05-01), 1)"),
            ["9999-12-31T23:59:59.9999999Z", ""]
        );
    }

    #[test]
    fn datetime_add_doc_examples() {
        // q/datetime-add-function.md
        assert_eq!(
            row(
                "print datetime_add('year',-5,make_datetime(2017,1,1)), datetime_add('quarter',12,make_datetime(2017,1,1)), \
                 datetime_add('month',-15,make_datetime(2017,1,1)), datetime_add('week',100,make_datetime(2017,1,1)), \
                 datetime_add('Second', 1, make_datetime(2017,1,1))"
            ),
            [
                "2012-01-01T00:00:00.0000000Z",
                "2020-01-01T00:00:00.0000000Z",
                "2015-10-01T00:00:00.0000000Z",
                "2018-12-02T00:00:00.0000000Z",
                "2017-01-01T00:00:01.0000000Z"
            ]
        );
        assert!(try_eval("print datetime_add('fortnight', 1, now())").is_err());
    }

    #[test]
    fn datetime_diff_doc_examples() {
        // q/datetime-diff-function.md
        let q = "print datetime_diff('year',datetime(2017-01-01),datetime(2000-12-31)),
            datetime_diff('quarter',datetime(2017-07-01),datetime(2017-03-30)),
            datetime_diff('month',datetime(2017-01-01),datetime(2015-12-30)),
            datetime_diff('week',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59)),
            datetime_diff('day',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59)),
            datetime_diff('hour',datetime(2017-10-31 01:00),datetime(2017-10-30 23:59)),
            datetime_diff('minute',datetime(2017-10-30 23:05:01),datetime(2017-10-30 23:00:59)),
            datetime_diff('second',datetime(2017-10-30 23:00:10.100),datetime(2017-10-30 23:00:00.900)),
            datetime_diff('millisecond',datetime(2017-10-30 23:00:00.200100),datetime(2017-10-30 23:00:00.100900)),
            datetime_diff('microsecond',datetime(2017-10-30 23:00:00.1009001),datetime(2017-10-30 23:00:00.1008009)),
            datetime_diff('nanosecond',datetime(2017-10-30 23:00:00.0000000),datetime(2017-10-30 23:00:00.0000007))";
        assert_eq!(
            row(q),
            [
                "17", "2", "13", "5", "29", "2", "5", "10", "100", "100", "-700"
            ]
        );
    }

    #[test]
    fn make_and_unix() {
        // q/make-datetime-function.md, conformance make-timespan-function-00,
        // unixtime-*-todatetime-function-00, q/unixtime-nanoseconds-todatetime-function.md
        assert_eq!(
            row(
                "print make_datetime(2017,10,01), make_datetime(2017,10,01,12,11,0.1234567), make_datetime(2017,2,30), make_timespan(1,12,30,55.123), make_timespan(25, 0)"
            ),
            [
                "2017-10-01T00:00:00.0000000Z",
                "2017-10-01T12:11:00.1234567Z",
                "",
                "1.12:30:55.1230000",
                ""
            ]
        );
        assert_eq!(
            row(
                "print unixtime_milliseconds_todatetime(1546300800000), unixtime_microseconds_todatetime(1546300800000000), \
                 unixtime_nanoseconds_todatetime(1546300800000000000), unixtime_seconds_todatetime(1546300800.5)"
            ),
            [
                "2019-01-01T00:00:00.0000000Z",
                "2019-01-01T00:00:00.0000000Z",
                "2019-01-01T00:00:00.0000000Z",
                "2019-01-01T00:00:00.5000000Z"
            ]
        );
        assert!(try_eval("print unixtime_nanoseconds_todatetime(1546300800000000123)").is_err());
    }

    #[test]
    fn around_values() {
        // q/around-function.md
        assert_eq!(
            row(
                "print around(datetime(2021-01-01 01:29), datetime(2021-01-01 01:30), 1min), around(1.5, 1, 0.4), around(3, 1, 2), around(int(null), 1, 2)"
            ),
            ["true", "false", "true", ""]
        );
    }
}
