//! `make_datetime`, `make_timespan`, unix-time conversions and `around`
//! (q/make-datetime-function.md, q/make-timespan-function.md, q/around-function.md).
//!
//! ```kql
//! print make_timespan(1, 12, 30, 55.123), unixtime_milliseconds_todatetime(1546300800000)
//! ```

#[allow(unused_imports)]
use super::*;

pub(super) fn make_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    let last = args.len() - 1;
    for (i, a) in args.iter().enumerate() {
        let ok = match a.ty {
            ScalarType::Int | ScalarType::Long => true,
            // Only the seconds may have a fraction.
            ScalarType::Real => i == last && last >= 2,
            _ => false,
        };
        if !ok {
            return Err(TypeError::arg(
                i,
                format!("expected an integer, got {}", a.ty),
            ));
        }
    }
    Ok(
        if args.len() == 2 || args.len() == 4 || args[0].ty == ScalarType::Real {
            ScalarType::TimeSpan
        } else {
            ScalarType::DateTime
        },
    )
}

/// Seconds (`0 <= s < 60`, possibly fractional) as ticks, or `None` when out of range.
pub(super) fn second_ticks(v: &Value) -> Option<i64> {
    let s = v.as_f64()?;
    if !(0.0..60.0).contains(&s) {
        return None;
    }
    Some(((s * 1e7).round() as i64).min(60 * dt::TICKS_PER_SECOND - 1))
}

pub(super) fn make_datetime(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    if call.out != ScalarType::DateTime || call.args.len() == 4 {
        return Err(EvalError::invalid(
            "make_datetime() takes 3, 5 or 6 arguments",
        ));
    }
    map_rows(call, |v| {
        let int = |i: usize| v.get(i).map_or(Some(0), Value::as_i64);
        let seconds = v.get(5).map_or(Some(0), second_ticks);
        let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s)) =
            (int(0), int(1), int(2), int(3), int(4), seconds)
        else {
            return Ok(Value::Null);
        };
        let field = |x: i64| u32::try_from(x).ok();
        let ticks = (|| {
            let date = dt::from_parts(y, field(mo)?, field(d)?, field(h)?, field(mi)?, 0, 0)?;
            Some(date + s)
        })();
        Ok(ticks.map_or(Value::Null, Value::DateTime))
    })
}

pub(super) fn make_timespan(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    if call.out != ScalarType::TimeSpan {
        return Err(EvalError::invalid(
            "make_timespan() takes 2, 3 or 4 arguments",
        ));
    }
    let with_days = call.args.len() == 4;
    map_rows(call, |v| {
        let (days, rest) = if with_days {
            (v[0].as_i64(), &v[1..])
        } else {
            (Some(0), v)
        };
        let seconds = rest.get(2).map_or(Some(0), second_ticks);
        let (Some(d), Some(h), Some(m), Some(s)) =
            (days, rest[0].as_i64(), rest[1].as_i64(), seconds)
        else {
            return Ok(Value::Null);
        };
        if !(0..24).contains(&h) || !(0..60).contains(&m) {
            return Ok(Value::Null);
        }
        let ticks = d
            .checked_mul(TICKS_PER_DAY)
            .and_then(|t| t.checked_add(h * dt::TICKS_PER_HOUR + m * dt::TICKS_PER_MINUTE + s));
        Ok(ticks.map_or(Value::Null, Value::TimeSpan))
    })
}

pub(super) fn unix_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args[0].ty {
        ScalarType::Int | ScalarType::Long | ScalarType::Real => Ok(ScalarType::DateTime),
        t => Err(TypeError::arg(0, format!("expected a number, got {t}"))),
    }
}

/// Unix time to a datetime. Kusto takes the number as a real **[U]**, so a result that
/// depends on how a part of a tick is rounded, or on the precision lost converting a
/// large long to a real, is refused.
pub(super) fn unix_to_datetime(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    let (mul, div): (i64, i64) = match name {
        "unixtime_seconds_todatetime" => (dt::TICKS_PER_SECOND, 1),
        "unixtime_milliseconds_todatetime" => (dt::TICKS_PER_MILLISECOND, 1),
        "unixtime_microseconds_todatetime" => (dt::TICKS_PER_MICROSECOND, 1),
        _ => (1, 100),
    };
    map_rows(call, |v| {
        let Some(x) = v[0].as_f64() else {
            return Ok(Value::Null);
        };
        let real = x * mul as f64 / div as f64;
        if !real.is_finite() || real.abs() > 4e18 {
            return Ok(Value::Null);
        }
        let exact = match v[0].as_i64() {
            Some(n) => n.checked_mul(mul).filter(|t| t % div == 0).map(|t| t / div),
            None => Some(real.trunc() as i64),
        };
        if exact.is_none_or(|e| real.trunc() != real.round() || real != e as f64) {
            return Err(EvalError::invalid(format!(
                "{name}({x}): kql cannot reproduce Kusto's rounding to whole ticks here"
            )));
        }
        let ticks = exact.and_then(|e| e.checked_add(dt::UNIX_EPOCH_TICKS));
        Ok(ticks
            .filter(|t| dt::is_valid_datetime(*t))
            .map_or(Value::Null, Value::DateTime))
    })
}

/// `around(value, center, delta)` (q/around-function.md): datetimes with a timespan
/// delta, timespans, or numbers.
pub(super) fn around_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    use ScalarType as T;
    match (args[0].ty, args[1].ty, args[2].ty) {
        (T::DateTime, T::DateTime, T::TimeSpan) | (T::TimeSpan, T::TimeSpan, T::TimeSpan) => {
            Ok(T::Bool)
        }
        (a, b, c)
            if [a, b, c]
                .iter()
                .all(|t| matches!(t, T::Int | T::Long | T::Real)) =>
        {
            Ok(T::Bool)
        }
        (a, b, c) => Err(TypeError::call(format!(
            "around() takes (datetime, datetime, timespan), timespans or numbers, not ({a}, {b}, {c})"
        ))),
    }
}

pub(super) fn around(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        use Value as V;
        let ticks = |x: &Value| match x {
            V::DateTime(t) | V::TimeSpan(t) => Some(i128::from(*t)),
            other => other.as_i64().map(i128::from),
        };
        Ok(match (&v[0], &v[1], &v[2]) {
            (a, b, c) if a.is_null() || b.is_null() || c.is_null() => V::Null,
            (a, b, c) if [a, b, c].iter().all(|x| !matches!(x, V::Real(_))) => {
                match (ticks(a), ticks(b), ticks(c)) {
                    (Some(a), Some(b), Some(c)) => V::Bool(b - c <= a && a <= b + c),
                    _ => V::Null,
                }
            }
            (a, b, c) => match (a.as_f64(), b.as_f64(), c.as_f64()) {
                (Some(a), Some(b), Some(c)) => V::Bool(b - c <= a && a <= b + c),
                _ => V::Null,
            },
        })
    })
}
