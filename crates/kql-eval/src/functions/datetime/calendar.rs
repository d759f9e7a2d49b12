//! Calendar periods: `startof*`/`endof*`, `datetime_add`, `datetime_diff`
//! (q/startofweek-function.md, q/datetime-add-function.md, q/datetime-diff-function.md).
//!
//! ```kql
//! print endofmonth(datetime(2017-01-01 10:10:17), -1)          // 2016-12-31T23:59:59.9999999Z
//! print datetime_diff('week', datetime(2017-10-29), datetime(2017-09-30 23:59))  // 5
//! ```

#[allow(unused_imports)]
use super::*;

pub(super) fn period_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    datetime_arg(args, 0)?;
    if args.len() == 2 {
        integer_arg(args, 1)?;
    }
    Ok(ScalarType::DateTime)
}

/// The start of the period holding `t`, `offset` periods later.
pub(super) fn start_of(name: &str, t: i64, offset: i64) -> Option<i64> {
    let start = match &name[name.len() - 3..] {
        "day" => dt::start_of_day(t).checked_add(offset.checked_mul(TICKS_PER_DAY)?)?,
        "eek" => dt::start_of_week(t).checked_add(offset.checked_mul(7 * TICKS_PER_DAY)?)?,
        "nth" => dt::add_months(dt::start_of_month(t), offset)?,
        _ => dt::add_months(dt::start_of_year(t), offset.checked_mul(12)?)?,
    };
    dt::is_valid_datetime(start).then_some(start)
}

/// `startof*` and `endof*` (q/startofweek-function.md, q/endofmonth-function.md): the
/// end of a period is one tick before the start of the next.
pub(super) fn period(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let offset = match v.get(1) {
            None => 0,
            Some(o) => match o.as_i64() {
                Some(o) => o,
                None => return Ok(Value::Null),
            },
        };
        let Value::DateTime(t) = v[0] else {
            return Ok(Value::Null);
        };
        let result = if name.starts_with("end") {
            offset
                .checked_add(1)
                .and_then(|next| start_of(name, t, next))
                .map(|s| s - 1)
                .or_else(|| {
                    // The period after the last one starts past the datetime range.
                    let last = start_of(name, dt::MAX_DATETIME_TICKS, 0)?;
                    (start_of(name, t, offset)? == last).then_some(dt::MAX_DATETIME_TICKS)
                })
        } else {
            start_of(name, t, offset)
        };
        Ok(result.map_or(Value::Null, Value::DateTime))
    })
}

/// The periods of `datetime_add` and `datetime_diff` (case-insensitive literals).
pub(super) const PERIODS: &[&str] = &[
    "year",
    "quarter",
    "month",
    "week",
    "day",
    "hour",
    "minute",
    "second",
    "millisecond",
    "microsecond",
    "nanosecond",
];

/// The period named by the literal first argument, lowercased.
pub(super) fn period_arg(args: &[ArgInfo<'_>]) -> Result<String, TypeError> {
    let Some(Value::String(s)) = args[0].literal else {
        return Err(TypeError::arg(0, "the period must be a string literal"));
    };
    let lower = s.to_ascii_lowercase();
    if PERIODS.contains(&lower.as_str()) {
        Ok(lower)
    } else {
        Err(TypeError::arg(
            0,
            format!(
                "unknown period '{s}'; expected one of {}",
                PERIODS.join(", ")
            ),
        ))
    }
}

pub(super) fn datetime_add_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    period_arg(args)?;
    integer_arg(args, 1)?;
    datetime_arg(args, 2)?;
    Ok(ScalarType::DateTime)
}

/// Ticks of one period below a month.
pub(super) fn period_ticks(period: &str) -> Option<i64> {
    Some(match period {
        "week" => 7 * TICKS_PER_DAY,
        "day" => TICKS_PER_DAY,
        "hour" => dt::TICKS_PER_HOUR,
        "minute" => dt::TICKS_PER_MINUTE,
        "second" => dt::TICKS_PER_SECOND,
        "millisecond" => dt::TICKS_PER_MILLISECOND,
        "microsecond" => dt::TICKS_PER_MICROSECOND,
        _ => return None,
    })
}

/// Months add like .NET's `AddMonths` (the day clamps to the month's end).
pub(super) fn datetime_add(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let period = match call.args[0].as_scalar() {
        Some(Value::String(s)) => s.to_ascii_lowercase(),
        _ => {
            return Err(EvalError::invalid(
                "datetime_add(): the period must be a constant",
            ));
        }
    };
    map_rows(call, |v| {
        let (Some(n), Value::DateTime(t)) = (v[1].as_i64(), &v[2]) else {
            return Ok(Value::Null);
        };
        let result = match period.as_str() {
            "year" => n.checked_mul(12).and_then(|m| dt::add_months(*t, m)),
            "quarter" => n.checked_mul(3).and_then(|m| dt::add_months(*t, m)),
            "month" => dt::add_months(*t, n),
            "nanosecond" if n % 100 != 0 => {
                return Err(EvalError::invalid(
                    "datetime_add('nanosecond', ...) of a part of a tick (100 ns) is not supported",
                ));
            }
            "nanosecond" => t.checked_add(n / 100),
            p => period_ticks(p)
                .and_then(|unit| n.checked_mul(unit))
                .and_then(|d| t.checked_add(d)),
        };
        Ok(result
            .filter(|r| dt::is_valid_datetime(*r))
            .map_or(Value::Null, Value::DateTime))
    })
}

pub(super) fn datetime_diff_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    period_arg(args)?;
    datetime_arg(args, 1)?;
    datetime_arg(args, 2)?;
    Ok(ScalarType::Long)
}

/// The index of the period holding `t`, counted from 0001-01-01: differences of these
/// count period boundaries, as q/datetime-diff-function.md's examples do (weeks start
/// on Sunday: `datetime_diff('week', 2017-10-29, 2017-09-30 23:59)` is 5).
pub(super) fn period_index(period: &str, t: i64) -> i64 {
    let p = dt::to_parts(t);
    match period {
        "year" => p.year,
        "quarter" => p.year * 4 + i64::from(p.month - 1) / 3,
        "month" => p.year * 12 + i64::from(p.month - 1),
        // 0001-01-01 was a Monday: shift so that weeks break before Sundays.
        "week" => (t + TICKS_PER_DAY).div_euclid(7 * TICKS_PER_DAY),
        p => t.div_euclid(period_ticks(p).unwrap_or(1)),
    }
}

pub(super) fn datetime_diff(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let period = match call.args[0].as_scalar() {
        Some(Value::String(s)) => s.to_ascii_lowercase(),
        _ => {
            return Err(EvalError::invalid(
                "datetime_diff(): the period must be a constant",
            ));
        }
    };
    map_rows(call, |v| {
        let (Value::DateTime(a), Value::DateTime(b)) = (&v[1], &v[2]) else {
            return Ok(Value::Null);
        };
        // Datetimes are at most 3.2e18 ticks apart, so nanoseconds may overflow.
        Ok(if period == "nanosecond" {
            (a - b).checked_mul(100).map_or(Value::Null, Value::Long)
        } else {
            Value::Long(period_index(&period, *a) - period_index(&period, *b))
        })
    })
}
