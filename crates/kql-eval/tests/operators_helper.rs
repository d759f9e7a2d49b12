//! Shared helpers for the `operators_*` tests: run KQL in-process over no tables and
//! show the result as text. Included by each test file with `#[path]`.
#![allow(dead_code)]

use std::sync::Arc;

use kql_eval::table::Table;
use kql_eval::{BoundScript, MemoryTables, RunOptions, check, run};

/// 2026-01-01T00:00:00Z, as the conformance cases pin `now()`.
pub const NOW: i64 = 639_028_512_000_000_000;

/// Binds a query, or the first error's text.
pub fn bind(src: &str) -> Result<BoundScript, String> {
    let script = kql_parser::parse(src).map_err(|e| format!("parse: {e}"))?;
    check(&script, &MemoryTables::default()).map_err(|e| format!("check: {}", e[0]))
}

/// Runs a query: the last result, or the first error's text.
pub fn try_run(src: &str) -> Result<Arc<Table>, String> {
    let bound = bind(src)?;
    let options = RunOptions {
        now: Some(NOW),
        ..Default::default()
    };
    let out = run(&bound, &MemoryTables::default(), &options).map_err(|e| format!("run: {e}"))?;
    out.last().cloned().ok_or_else(|| "no result".to_string())
}

/// The schema as `name:type` items.
pub fn header(t: &Table) -> Vec<String> {
    t.schema()
        .fields
        .iter()
        .map(|f| format!("{}:{}", f.name, f.ty))
        .collect()
}

/// Every row, each cell as Kusto's `tostring` text (nulls are empty).
pub fn cells(t: &Table) -> Vec<Vec<String>> {
    (0..t.num_rows())
        .map(|r| t.row(r).iter().map(|v| v.to_kusto_string()).collect())
        .collect()
}

/// Runs a query that must succeed: `(header, rows)`.
pub fn eval(src: &str) -> (Vec<String>, Vec<Vec<String>>) {
    match try_run(src) {
        Ok(t) => (header(&t), cells(&t)),
        Err(e) => panic!("{src}\n{e}"),
    }
}

/// Rows written as `a|b|c` strings, for compact expectations.
pub fn rows(src: &str) -> Vec<String> {
    eval(src).1.into_iter().map(|r| r.join("|")).collect()
}

/// The error of a query that must fail (at check or at run time).
pub fn error(src: &str) -> String {
    match try_run(src) {
        Ok(t) => panic!("{src}\nexpected an error, got {:?}", cells(&t)),
        Err(e) => e,
    }
}
