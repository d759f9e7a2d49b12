//! Text forms of values against what Kusto itself wrote: every datetime, timespan,
//! guid and dynamic cell of `shared/conformance/cases.jsonl` is parsed and written
//! back, and must come out as Kusto wrote it; plus the documented examples.
#![cfg(test)]

use std::path::PathBuf;

use kql_eval::value::datetime::{TICKS_PER_DAY, format_datetime_kusto, format_datetime_tostring};
use kql_eval::value::datetime_parse::parse_datetime;
use kql_eval::value::guid::{format_guid, parse_guid};
use kql_eval::value::real::format_real;
use kql_eval::value::timespan::{format_timespan, parse_timespan};
use kql_eval::value::{Dynamic, Value};

fn cases_file() -> Option<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    [
        manifest.join("../../../shared/conformance/cases.jsonl"),
        manifest.join("../../shared/conformance/cases.jsonl"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// `(type, cell)` for every non-null expected cell of every case.
fn expected_cells() -> Option<Vec<(String, serde_json::Value)>> {
    let text = std::fs::read_to_string(cases_file()?).ok()?;
    let mut cells = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).ok()?;
        let expected = &case["expected"];
        let (Some(types), Some(rows)) = (expected["types"].as_array(), expected["rows"].as_array())
        else {
            continue;
        };
        for row in rows.iter().filter_map(|r| r.as_array()) {
            for (ty, cell) in types.iter().zip(row) {
                if !cell.is_null() {
                    cells.push((ty.as_str().unwrap_or_default().to_string(), cell.clone()));
                }
            }
        }
    }
    Some(cells)
}

#[test]
fn conformance_cells_round_trip() {
    let Some(cells) = expected_cells() else {
        eprintln!("note: shared/conformance/cases.jsonl not found; test skipped");
        return;
    };
    let mut counts = [0usize; 4];
    for (ty, cell) in &cells {
        match (ty.as_str(), cell.as_str()) {
            ("datetime", Some(s)) => {
                let ticks = parse_datetime(s).unwrap_or_else(|| panic!("cannot parse {s}"));
                assert_eq!(format_datetime_kusto(ticks), *s);
                counts[0] += 1;
            }
            ("timespan", Some(s)) => {
                let ticks = parse_timespan(s).unwrap_or_else(|| panic!("cannot parse {s}"));
                assert_eq!(format_timespan(ticks), *s);
                counts[1] += 1;
            }
            ("guid", Some(s)) => {
                let g = parse_guid(s).unwrap_or_else(|| panic!("cannot parse {s}"));
                assert_eq!(format_guid(g), s.to_lowercase());
                counts[2] += 1;
            }
            ("dynamic", _) => {
                // Kusto's value, re-read from its JSON text, writes the same JSON value.
                let d = Dynamic::parse_json(&cell.to_string()).unwrap();
                let back: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
                assert!(json_equal(cell, &back), "{cell} vs {back}");
                counts[3] += 1;
            }
            _ => {}
        }
    }
    // The file holds 81+ datetime, 20+ timespan, 1 guid and many dynamic cells.
    assert!(
        counts[0] >= 81 && counts[1] >= 20 && counts[2] >= 1 && counts[3] >= 100,
        "{counts:?}"
    );
}

/// Numbers compare as numbers (Kusto's `10.0` and our `10.0` read back as equal
/// floats); everything else structurally.
fn json_equal(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => x.as_f64() == y.as_f64(),
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn tostring_of_dynamic_matches_kusto_text() {
    // conformance geo-polygon-densify-function-01: tostring() of a dynamic polygon.
    // Kusto wrote `9.999999999999999` for the double nearest to it, whose shortest
    // closest digits are `9.999999999999998` (what we write; both read back to the
    // same double). Every other number, and the `.0` of integral reals, match exactly.
    let kusto = r#"{"type":"Polygon","coordinates":[[[10.0,10.000000000000002],[10.25,10.0],[10.5,9.999999999999999],[10.75,10.000000000000002],[11.0,10.0],[11.0,11.0],[10.75,11.0],[10.5,11.0],[10.25,11.0],[10.0,11.000000000000002],[10.0,10.000000000000002]]]}"#;
    let ours = Value::Dynamic(Dynamic::parse_json(kusto).unwrap()).to_kusto_string();
    assert_eq!(
        ours,
        kusto.replace("9.999999999999999", "9.999999999999998")
    );
    let (a, b): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(kusto).unwrap(),
        serde_json::from_str(&ours).unwrap(),
    );
    assert_eq!(a, b);
    // conformance parse-json-function-00: reals written with ".0" stay reals.
    let text = r#"{"duration":{"value":118.0,"count":5.0,"min":100.0,"max":150.0,"stdDev":0.0,"sampledValue":118.0,"sum":118.0}}"#;
    assert_eq!(Dynamic::parse_json(text).unwrap().to_json(), text);
}

#[test]
fn documented_datetime_literals() {
    // q/scalar-data-types/datetime.md, every example of the "Supported formats" tables.
    let cases = [
        ("2014-05-25T08:20:03.123456Z", "2014-05-25T08:20:03.123456Z"),
        ("2014-05-25T08:20:03.123456", "2014-05-25T08:20:03.123456Z"),
        ("2014-05-25T08:20", "2014-05-25T08:20:00Z"),
        ("2014-11-08 15:55:55.123456Z", "2014-11-08T15:55:55.123456Z"),
        ("2014-11-08 15:55:55", "2014-11-08T15:55:55Z"),
        ("2014-11-08 15:55", "2014-11-08T15:55:00Z"),
        ("2014-11-08", "2014-11-08T00:00:00Z"),
        ("Sat, 8 Nov 14 15:05:02 GMT", "2014-11-08T15:05:02Z"),
        ("Sat, 8 Nov 14 15:05", "2014-11-08T15:05:00Z"),
        ("8 Nov 14 15:05:02 GMT", "2014-11-08T15:05:02Z"),
        ("Saturday, 08-Nov-14 15:05:02 GMT", "2014-11-08T15:05:02Z"),
        ("08-Nov-14 15:05", "2014-11-08T15:05:00Z"),
        ("2014-11-08 15:05:25 GMT", "2014-11-08T15:05:25Z"),
        ("2014-11-08T15:05 GMT", "2014-11-08T15:05:00Z"),
        // q/scalar-data-types/datetime.md literal examples.
        ("2015-12-31 23:59:59.9", "2015-12-31T23:59:59.9Z"),
        ("2015-12-31", "2015-12-31T00:00:00Z"),
    ];
    for (input, want) in cases {
        assert_eq!(
            parse_datetime(input).map(format_datetime_kusto).as_deref(),
            Some(want),
            "{input}"
        );
    }
    // tostring() always writes seven fraction digits.
    let t = parse_datetime("2022-01-01").unwrap();
    assert_eq!(format_datetime_tostring(t), "2022-01-01T00:00:00.0000000Z");
    assert_eq!(
        Value::DateTime(t).to_kusto_string(),
        "2022-01-01T00:00:00.0000000Z"
    );
}

#[test]
fn documented_timespans_and_reals() {
    // q/scalar-data-types/timespan.md: timespan(0.12:34:56.7); pack_array shows 2s as 00:00:02.
    let t = parse_timespan("0.12:34:56.7").unwrap();
    assert_eq!(format_timespan(t), "12:34:56.7000000");
    assert_eq!(format_timespan(2 * 10_000_000), "00:00:02");
    assert_eq!(format_timespan(14 * TICKS_PER_DAY), "14.00:00:00");
    assert_eq!(format_timespan(-(90 * 60 * 10_000_000)), "-01:30:00");
    assert_eq!(format_timespan(100), "00:00:00.0000100");
    // Reals in strcat/tostring (conformance geo-geohash-to-central-point-function-02).
    assert_eq!(
        format!(
            "{}_{}",
            format_real(32.15620994567871),
            format_real(34.80245590209961)
        ),
        "32.15620994567871_34.80245590209961"
    );
    assert_eq!(format_real(1.0), "1");
    assert_eq!(format_real(f64::INFINITY), "Infinity");
}
