//! `datetime_utc_to_local(from, timezone)` and `datetime_local_to_utc(from, timezone)`
//! (q/datetime-utc-to-local-function.md, q/datetime-local-to-utc-function.md).
//!
//! ```kql
//! print datetime_local_to_utc(datetime(2020-02-02 20:02:20), 'Europe/Paris')   // 2020-02-02T19:02:20Z
//! print datetime_utc_to_local(datetime(2022-03-27 00:00), 'Europe/Brussels')    // 2022-03-27T01:00:00Z
//! ```
//!
//! Time zones are the IANA names (q/timezone.md), with the rules of the IANA tz database
//! release 2025b (the `chrono-tz` 0.10.4 crate); a name that is not one of them is an
//! error. A local time that the clocks skip when they spring forward is read with the
//! offset after the change: the page's own example gives 2022-03-27 02:00 in
//! Europe/Brussels as 00:00 UTC. A local time that happens twice when they fall back
//! is undocumented, so it is refused.

use chrono::{Offset, TimeZone};
use chrono_tz::Tz;
use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::string::{check_string, string_arg};
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use crate::exec::EvalError;
use crate::value::Value;
use crate::value::datetime::{self as dt, TICKS_PER_SECOND};

pub(super) fn convert_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if args[0].ty != ScalarType::DateTime {
        return Err(TypeError::arg(
            0,
            format!("expected a datetime, not {}", args[0].ty),
        ));
    }
    check_string(args, 1, "the time zone")?;
    Ok(ScalarType::DateTime)
}

pub(super) fn convert(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    let to_local = name == "datetime_utc_to_local";
    map_rows(call, |v| {
        let (Value::DateTime(ticks), Value::String(_)) = (&v[0], &v[1]) else {
            return Ok(Value::Null);
        };
        let zone_name = string_arg(&v[1])?;
        let zone: Tz = zone_name.parse().map_err(|_| {
            EvalError::invalid(format!(
                "{name}(): `{zone_name}` is not a time zone kql knows (IANA names such as Europe/Paris, q/timezone.md)"
            ))
        })?;
        let out_of_range = || EvalError::invalid(format!("{name}(): the result is out of range"));
        let naive = dt::to_chrono(*ticks).ok_or_else(out_of_range)?.naive_utc();
        let offset_seconds = if to_local {
            zone.offset_from_utc_datetime(&naive)
                .fix()
                .local_minus_utc()
        } else {
            match zone.offset_from_local_datetime(&naive) {
                chrono::LocalResult::Single(offset) => offset.fix().local_minus_utc(),
                // Skipped by a change: the offset after it (the page's example).
                chrono::LocalResult::None => {
                    let later = naive + chrono::Duration::days(1);
                    zone.offset_from_utc_datetime(&later)
                        .fix()
                        .local_minus_utc()
                }
                chrono::LocalResult::Ambiguous(..) => {
                    return Err(EvalError::invalid(format!(
                        "{name}(): {naive} happens twice in {zone_name} (the clocks go back); which one Kusto takes is undocumented"
                    )));
                }
            }
        };
        let shift = i64::from(offset_seconds) * TICKS_PER_SECOND;
        let result = if to_local {
            ticks.checked_add(shift)
        } else {
            ticks.checked_sub(shift)
        };
        match result.filter(|t| dt::to_chrono(*t).is_some()) {
            Some(t) => Ok(Value::DateTime(t)),
            None => Err(out_of_range()),
        }
    })
}

#[cfg(test)]
mod tests {
    use crate::functions::test_support::run_at;

    fn rows(query: &str) -> Vec<Vec<String>> {
        run_at(query, 0, true).unwrap_or_default()
    }

    #[test]
    fn local_to_utc_documented_examples() {
        // q/datetime-local-to-utc-function.md.
        let out = rows(
            "datatable(local_dt: datetime, tz: string)
            [ datetime(2020-02-02 20:02:20), 'US/Pacific',
              datetime(2020-02-02 20:02:20), 'America/Chicago',
              datetime(2020-02-02 20:02:20), 'Europe/Paris']
            | extend utc_dt = datetime_local_to_utc(local_dt, tz) | project utc_dt",
        );
        assert_eq!(
            out[1..],
            [
                ["2020-02-03T04:02:20.0000000Z"],
                ["2020-02-03T02:02:20.0000000Z"],
                ["2020-02-02T19:02:20.0000000Z"]
            ]
        );
    }

    #[test]
    fn the_documented_spring_forward_round_trip() {
        // q/datetime-local-to-utc-function.md, the DST note's table.
        let out = rows(
            "range Local from datetime(2022-03-27 01:00:00.0000000) to datetime(2022-03-27 04:00:00.0000000) step 1h
            | extend UTC=datetime_local_to_utc(Local, 'Europe/Brussels')
            | extend BackToLocal=datetime_utc_to_local(UTC, 'Europe/Brussels')
            | extend diff=Local-BackToLocal",
        );
        assert_eq!(
            out[1..],
            [
                [
                    "2022-03-27T01:00:00.0000000Z",
                    "2022-03-27T00:00:00.0000000Z",
                    "2022-03-27T01:00:00.0000000Z",
                    "00:00:00"
                ],
                [
                    "2022-03-27T02:00:00.0000000Z",
                    "2022-03-27T00:00:00.0000000Z",
                    "2022-03-27T01:00:00.0000000Z",
                    "01:00:00"
                ],
                [
                    "2022-03-27T03:00:00.0000000Z",
                    "2022-03-27T01:00:00.0000000Z",
                    "2022-03-27T03:00:00.0000000Z",
                    "00:00:00"
                ],
                [
                    "2022-03-27T04:00:00.0000000Z",
                    "2022-03-27T02:00:00.0000000Z",
                    "2022-03-27T04:00:00.0000000Z",
                    "00:00:00"
                ]
            ]
        );
    }

    #[test]
    fn unknown_zones_and_fall_back_hours_are_refused() {
        assert!(
            run_at(
                "print datetime_local_to_utc(datetime(2020-01-01), 'Mars/Olympus')",
                0,
                true
            )
            .is_err()
        );
        // Europe/Brussels goes back from 03:00 to 02:00 on 2022-10-30.
        assert!(
            run_at(
                "print datetime_local_to_utc(datetime(2022-10-30 02:30), 'Europe/Brussels')",
                0,
                true
            )
            .is_err()
        );
        assert_eq!(
            rows("print datetime_local_to_utc(datetime(null), 'Europe/Paris')")[1],
            [""]
        );
    }
}
