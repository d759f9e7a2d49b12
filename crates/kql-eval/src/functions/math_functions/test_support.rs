//! Runs a query in-process for the unit tests of the math, datetime and IPv4 modules.

use crate::{MemoryTables, RunOptions, check, run};

/// `Ok` holds the header (`name:type`) and then the rows as `tostring()` text;
/// `Err` the check or run error.
pub(in crate::functions) fn try_eval(src: &str) -> Result<Vec<Vec<String>>, String> {
    let script = kql_parser::parse(src).map_err(|e| format!("{e:?}"))?;
    let tables = MemoryTables::default();
    let bound = check(&script, &tables).map_err(|e| format!("{e:?}"))?;
    let options = RunOptions {
        now: Some(639_028_512_000_000_000),
        ..Default::default()
    };
    let out = run(&bound, &tables, &options).map_err(|e| format!("{e}"))?;
    let t = out.last().ok_or("no result")?;
    let mut rows = vec![
        t.schema()
            .fields
            .iter()
            .map(|f| format!("{}:{}", f.name, f.ty))
            .collect(),
    ];
    for r in 0..t.num_rows() {
        rows.push(t.row(r).iter().map(|v| v.to_kusto_string()).collect());
    }
    Ok(rows)
}

/// The single row of a `print`, as text.
pub(in crate::functions) fn row(src: &str) -> Vec<String> {
    let rows = try_eval(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    rows[1].clone()
}

/// The types of a query's columns.
pub(in crate::functions) fn types(src: &str) -> Vec<String> {
    let rows = try_eval(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    rows[0]
        .iter()
        .map(|h| h.rsplit(':').next().unwrap_or("").to_string())
        .collect()
}
