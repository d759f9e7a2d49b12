//! Shared helpers for the `semantics_*` tests: run one KQL script in-process (no tables,
//! `now()` pinned) and compare its last result with an expected table written as text.
//! Included by each `semantics_*.rs` file with `#[path]`.
#![allow(dead_code)]

use kql_eval::{MemoryTables, RunOptions, check, run};

/// 2026-01-01T00:00:00Z in ticks, the instant the conformance cases pin `now()` to.
pub const NOW: i64 = 639_028_512_000_000_000;

/// Runs `src`; the last result as lines: first `name:type|...`, then one line per row
/// with each cell as `Value::to_kusto_string()` (null is empty), cells joined by `|`.
pub fn try_eval(src: &str) -> Result<Vec<String>, String> {
    let script = kql_parser::parse(src).map_err(|e| format!("parse error: {e}"))?;
    let tables = MemoryTables::default();
    let bound = check(&script, &tables).map_err(|errors| {
        let all: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        format!("check error: {}", all.join("; "))
    })?;
    let options = RunOptions {
        now: Some(NOW),
        ..Default::default()
    };
    let out = run(&bound, &tables, &options).map_err(|e| format!("run error: {e}"))?;
    let t = out.last().ok_or_else(|| "no result table".to_string())?;
    let header: Vec<String> = t
        .schema()
        .fields
        .iter()
        .map(|f| format!("{}:{}", f.name, f.ty))
        .collect();
    let mut lines = vec![header.join("|")];
    for r in 0..t.num_rows() {
        let cells: Vec<String> = t.row(r).iter().map(|v| v.to_kusto_string()).collect();
        lines.push(cells.join("|"));
    }
    Ok(lines)
}

fn show(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn actual(src: &str) -> Vec<String> {
    match try_eval(src) {
        Ok(lines) => lines,
        Err(e) => panic!("query failed\n--- query\n{src}\n--- error\n{e}"),
    }
}

fn owned(expected: &[&str]) -> Vec<String> {
    expected.iter().map(|s| s.to_string()).collect()
}

/// The result must be exactly `expected` (header line, then rows in order).
pub fn expect(src: &str, expected: &[&str]) {
    let got = actual(src);
    let want = owned(expected);
    assert!(
        got == want,
        "\n--- query\n{src}\n--- expected\n{}\n--- actual\n{}\n",
        show(&want),
        show(&got)
    );
}

/// Like [`expect`], but the rows are compared as a multiset (the header stays exact).
pub fn expect_unordered(src: &str, expected: &[&str]) {
    let got = actual(src);
    let want = owned(expected);
    let sorted = |v: &[String]| {
        let mut rows = v.get(1..).unwrap_or_default().to_vec();
        rows.sort();
        (v.first().cloned(), rows)
    };
    assert!(
        sorted(&got) == sorted(&want),
        "\n--- query\n{src}\n--- expected (any row order)\n{}\n--- actual\n{}\n",
        show(&want),
        show(&got)
    );
}

/// The query must be rejected (at parse, check or run time).
pub fn expect_error(src: &str) {
    if let Ok(lines) = try_eval(src) {
        panic!(
            "\n--- query\n{src}\n--- expected an error, got\n{}\n",
            show(&lines)
        );
    }
}
