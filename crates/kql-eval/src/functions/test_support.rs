//! Runs a KQL query in-process for the functions' unit tests: the one runner every
//! domain's tests share.

use crate::value::Value;
use crate::{MemoryTables, RunOptions, check, run};

/// 2026-01-01T00:00:00Z in ticks (the instant the conformance runner pins `now()` to).
pub(crate) const NOW_2026: i64 = 639_028_512_000_000_000;

/// The last result of `src` with `now()` pinned to `now`: a header row of `name:type`,
/// then each row's cells as `tostring()` text, or, with `dynamic_as_json`, dynamic
/// values as JSON (strings quoted). `Err` holds the parse, check or run error.
pub(crate) fn run_at(
    src: &str,
    now: i64,
    dynamic_as_json: bool,
) -> Result<Vec<Vec<String>>, String> {
    let script = kql_parser::parse(src).map_err(|e| format!("parse: {e:?}"))?;
    let tables = MemoryTables::default();
    let bound = check(&script, &tables).map_err(|e| format!("check: {e:?}"))?;
    let options = RunOptions {
        now: Some(now),
        ..Default::default()
    };
    let out = run(&bound, &tables, &options).map_err(|e| format!("run: {e}"))?;
    let t = out.last().ok_or("no result")?;
    let mut rows = vec![
        t.schema()
            .fields
            .iter()
            .map(|f| format!("{}:{}", f.name, f.ty))
            .collect(),
    ];
    for r in 0..t.num_rows() {
        rows.push(
            t.row(r)
                .iter()
                .map(|v| match v {
                    Value::Dynamic(d) if dynamic_as_json => d.to_json(),
                    other => other.to_kusto_string(),
                })
                .collect(),
        );
    }
    Ok(rows)
}

/// [`run_at`] with `now()` at tick 0 and `tostring()` cells.
pub(crate) fn query(src: &str) -> Result<Vec<Vec<String>>, String> {
    run_at(src, 0, false)
}
