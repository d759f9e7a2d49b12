//! Runs `../shared/conformance/cases.jsonl` (queries with the answers the real Kusto
//! engine gave) in-process and counts matches, wrong answers, refusals and panics, with
//! the comparison rules of `../shared/conformance/run.py`.
//!
//! A wrong answer or a panic fails the test: where kql cannot answer exactly it must
//! refuse. `KQL_CONFORMANCE=substring` runs only matching case ids and prints details.

// A test that cannot read its inputs should fail loudly: unwrapping is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use kql_eval::value::Value;
use kql_eval::{MemoryTables, RunOptions, check, run};
use serde_json::{Value as Json, json};

/// 2026-01-01T00:00:00Z, the instant run.py pins `now()` to.
const NOW_TICKS: i64 = 639_028_512_000_000_000;

/// The least number of matching cases; raise it as coverage grows.
const MIN_MATCHING: usize = 300;

#[derive(Debug, PartialEq)]
enum Outcome {
    Match,
    Mismatch(String),
    Refused(String),
    Panic(String),
}

fn cases_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/cases.jsonl")
}

fn to_json(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => json!(b),
        Value::Int(n) => json!(n),
        Value::Long(n) => json!(n),
        Value::Real(r) if r.is_nan() => json!("NaN"),
        Value::Real(r) if r.is_infinite() => json!(if *r > 0.0 { "Infinity" } else { "-Infinity" }),
        Value::Real(r) => json!(r),
        Value::Decimal(d) => json!(d.to_string()),
        Value::String(s) => json!(s.as_ref()),
        Value::DateTime(t) => json!(kql_eval::value::datetime::format_datetime_kusto(*t)),
        Value::TimeSpan(t) => json!(kql_eval::value::timespan::format_timespan(*t)),
        Value::Guid(g) => json!(kql_eval::value::guid::format_guid(*g)),
        Value::Dynamic(d) => serde_json::from_str(&d.to_json()).unwrap_or(Json::Null),
    }
}

fn as_f64(v: &Json) -> Option<f64> {
    match v {
        Json::Number(n) => n.as_f64(),
        Json::String(s) => s.replace("Infinity", "inf").parse().ok(),
        _ => None,
    }
}

fn num_equal(x: f64, y: f64) -> bool {
    if x.is_nan() || y.is_nan() {
        return x.is_nan() && y.is_nan();
    }
    if x.is_infinite() || y.is_infinite() {
        return x == y;
    }
    (x - y).abs() <= 1e-9 * 1f64.max(x.abs()).max(y.abs())
}

fn json_equal(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => num_equal(
            x.as_f64().unwrap_or(f64::NAN),
            y.as_f64().unwrap_or(f64::NAN),
        ),
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// Ticks of `[-][d.]hh:mm:ss[.fffffff]` or of an ISO datetime, for comparison.
fn ticks(ty: &str, v: &Json) -> Option<i64> {
    let s = v.as_str()?;
    match ty {
        "datetime" => kql_eval::value::datetime_parse::parse_datetime(s),
        _ => kql_eval::value::timespan::parse_timespan(s),
    }
}

fn value_equal(ty: &str, exp: &Json, got: &Json) -> bool {
    if exp.is_null() || got.is_null() {
        if ty == "string" {
            return exp.as_str().unwrap_or("") == got.as_str().unwrap_or("");
        }
        return exp.is_null() && got.is_null();
    }
    match ty {
        "long" | "int" => got.is_i64() && exp.as_i64() == got.as_i64(),
        "real" | "decimal" => {
            matches!((as_f64(exp), as_f64(got)), (Some(x), Some(y)) if num_equal(x, y))
        }
        "bool" => got.is_boolean() && exp == got,
        "datetime" | "timespan" => ticks(ty, exp).is_some() && ticks(ty, exp) == ticks(ty, got),
        "guid" => exp.as_str().map(str::to_lowercase) == got.as_str().map(str::to_lowercase),
        "dynamic" => json_equal(exp, got),
        _ => exp == got,
    }
}

fn sort_key(types: &[String], row: &[Json]) -> String {
    row.iter()
        .zip(types)
        .map(|(v, t)| match t.as_str() {
            "datetime" | "timespan" => format!("{:?}", ticks(t, v)),
            "real" | "decimal" => as_f64(v).map_or("null".into(), |f| {
                if f.is_nan() {
                    "NaN".into()
                } else {
                    format!("{:.6}", f)
                }
            }),
            "string" => v.as_str().unwrap_or("").to_string(),
            _ => v.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

fn compare(
    case: &Json,
    columns: &[String],
    types: &[String],
    mut rows: Vec<Vec<Json>>,
) -> Result<(), String> {
    let exp = &case["expected"];
    let exp_cols: Vec<String> = serde_json::from_value(exp["columns"].clone()).unwrap_or_default();
    if columns != exp_cols {
        return Err(format!("columns: expected {exp_cols:?}, got {columns:?}"));
    }
    let exp_types: Vec<String> = serde_json::from_value(exp["types"].clone()).unwrap_or_default();
    if exp_types.len() != types.len()
        || !exp_types
            .iter()
            .zip(types)
            .all(|(e, g)| e.split('|').any(|x| x == g))
    {
        return Err(format!("types: expected {exp_types:?}, got {types:?}"));
    }
    let mut exp_rows: Vec<Vec<Json>> =
        serde_json::from_value(exp["rows"].clone()).unwrap_or_default();
    let want = exp["row_count"]
        .as_u64()
        .map_or(exp_rows.len(), |n| n as usize);
    if rows.len() != want {
        return Err(format!("rows: expected {want}, got {}", rows.len()));
    }
    if want > exp_rows.len() {
        for e in &exp_rows {
            let hit = rows.iter().position(|g| {
                g.len() == e.len()
                    && types
                        .iter()
                        .zip(e)
                        .zip(g)
                        .all(|((t, x), y)| value_equal(t, x, y))
            });
            match hit {
                Some(i) => {
                    rows.remove(i);
                }
                None => return Err(format!("expected a row like {e:?}, not found")),
            }
        }
        return Ok(());
    }
    if !case["ordered"].as_bool().unwrap_or(false) {
        exp_rows.sort_by_key(|r| sort_key(types, r));
        rows.sort_by_key(|r| sort_key(types, r));
    }
    for (i, (e, g)) in exp_rows.iter().zip(&rows).enumerate() {
        if e.len() != g.len()
            || !types
                .iter()
                .zip(e)
                .zip(g)
                .all(|((t, x), y)| value_equal(t, x, y))
        {
            return Err(format!("row {i}: expected {e:?}, got {g:?}"));
        }
    }
    Ok(())
}

fn run_case(case: &Json) -> Outcome {
    let query = case["kql"].as_str().unwrap_or("");
    let expects_error = case["expected"]["error"].as_bool().unwrap_or(false);
    let result = catch_unwind(AssertUnwindSafe(|| {
        let script = kql_parser::parse(query).map_err(|e| format!("parse: {e}"))?;
        let tables = MemoryTables::default();
        let bound = check(&script, &tables).map_err(|e| format!("check: {}", e[0]))?;
        let out = run(
            &bound,
            &tables,
            &RunOptions {
                now: Some(NOW_TICKS),
                ..Default::default()
            },
        )
        .map_err(|e| format!("run: {e}"))?;
        let table = out.last().cloned().ok_or("no result")?;
        let columns: Vec<String> = table
            .schema()
            .fields
            .iter()
            .map(|f| f.name.clone())
            .collect();
        let types: Vec<String> = table
            .schema()
            .fields
            .iter()
            .map(|f| f.ty.to_string())
            .collect();
        let rows = (0..table.num_rows())
            .map(|r| table.row(r).iter().map(to_json).collect())
            .collect();
        Ok::<_, String>((columns, types, rows))
    }));
    match result {
        Err(p) => Outcome::Panic(
            p.downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default(),
        ),
        Ok(Err(why)) if expects_error => {
            let _ = why;
            Outcome::Match
        }
        Ok(Err(why)) => Outcome::Refused(why),
        Ok(Ok(_)) if expects_error => Outcome::Mismatch("accepted a query Kusto rejects".into()),
        Ok(Ok((columns, types, rows))) => match compare(case, &columns, &types, rows) {
            Ok(()) => Outcome::Match,
            Err(why) => Outcome::Mismatch(why),
        },
    }
}

#[test]
fn conformance_cases_never_get_a_wrong_answer() {
    let Ok(text) = std::fs::read_to_string(cases_path()) else {
        eprintln!(
            "conformance cases not found at {}; skipped",
            cases_path().display()
        );
        return;
    };
    let filter = std::env::var("KQL_CONFORMANCE").unwrap_or_default();
    let (mut matched, mut refused, mut wrong, mut panics) = (0, 0, Vec::new(), Vec::new());
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Json = serde_json::from_str(line).expect("a JSON case");
        let id = case["id"].as_str().unwrap_or("?").to_string();
        if !id.contains(&filter) {
            continue;
        }
        match run_case(&case) {
            Outcome::Match => matched += 1,
            Outcome::Refused(why) => {
                refused += 1;
                if !filter.is_empty() {
                    eprintln!("refused {id}: {why}");
                }
            }
            Outcome::Mismatch(why) => wrong.push(format!("{id}: {why}")),
            Outcome::Panic(why) => panics.push(format!("{id}: {why}")),
        }
    }
    let total = matched + refused + wrong.len() + panics.len();
    eprintln!(
        "conformance: {matched}/{total} match Kusto, {} wrong answers, {refused} refused with an error, {} crashes",
        wrong.len(),
        panics.len()
    );
    for w in &wrong {
        eprintln!("WRONG {w}");
    }
    for p in &panics {
        eprintln!("PANIC {p}");
    }
    assert!(
        wrong.is_empty() && panics.is_empty(),
        "wrong answers or crashes (see above)"
    );
    if filter.is_empty() {
        assert!(
            matched >= MIN_MATCHING,
            "only {matched} cases match; the floor is {MIN_MATCHING}"
        );
    }
}
