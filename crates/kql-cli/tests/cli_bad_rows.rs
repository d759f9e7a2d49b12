//! `kql run --bad-rows skip|null|fail`, `--bad-rows-report FILE`, `--max-rows` and
//! `--max-memory` through the built binary: what reaches stdout, stderr and the report.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{kql, temp_file, text};

const SCHEMA: &str =
    r#"[{"Name":"T","Properties":[{"Name":"N","Type":"long"},{"Name":"S","Type":"string"}]}]"#;

/// Runs `T | project N, S` over `data` (as `name`) with `extra` options; the exit code,
/// stdout and stderr (the temporary directory cut out).
fn run_over(test: &str, name: &str, data: &str, extra: &[&str]) -> (i32, String, String) {
    let schema = temp_file(test, "schema.json", SCHEMA);
    let file = temp_file(test, name, data);
    let query = temp_file(test, "q.kql", "T | project N, S");
    let table = format!("T={}", file.display());
    let mut args = vec![
        "run",
        "--format",
        "csv",
        "--schema",
        schema.to_str().unwrap(),
        "--table",
        &table,
    ];
    args.extend_from_slice(extra);
    args.push(query.to_str().unwrap());
    let out = kql(&args, None);
    let dir = format!("{}/", file.parent().unwrap().display());
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr).replace(&dir, ""),
    )
}

const CSV: &str = "N,S\n1,a\nx,b\n3\n4,d\n";

#[test]
fn fail_is_the_default_and_names_the_place() {
    let (code, out, err) = run_over("fail", "t.csv", CSV, &[]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(err.contains("kql::load::bad_value"), "{err}");
    assert!(
        err.contains("t.csv:3:1: field `N`: cannot convert \"x\" to long"),
        "{err}"
    );
}

#[test]
fn skip_drops_rows_and_counts_them() {
    let (code, out, err) = run_over("skip", "t.csv", CSV, &["--bad-rows", "skip"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "N,S\n1,a\n4,d\n");
    assert_eq!(
        err,
        "kql: 2 bad rows in t.csv skipped (first at t.csv:3:1: field `N`: cannot convert \"x\" to long)\n"
    );
}

#[test]
fn null_keeps_rows_and_the_report_lists_each() {
    let report = temp_file("null", "report.jsonl", "stale");
    let (code, out, err) = run_over(
        "null",
        "t.csv",
        CSV,
        &[
            "--bad-rows",
            "null",
            "--bad-rows-report",
            report.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "N,S\n1,a\n,b\n4,d\n");
    assert_eq!(
        err,
        concat!(
            "kql: 1 bad row in t.csv skipped: not readable as a record, so there was nothing to null (first at t.csv:4:2: invalid CSV: the record has 1 fields but the header has 2)\n",
            "kql: 1 bad row in t.csv nulled (first at t.csv:3:1: field `N`: cannot convert \"x\" to long)\n",
        )
    );
    let dir = format!("{}/", report.parent().unwrap().display());
    let lines = std::fs::read_to_string(&report).unwrap().replace(&dir, "");
    assert_eq!(
        lines,
        concat!(
            r#"{"file":"t.csv","line":3,"column":1,"field":"N","value":"\"x\"","reason":"field `N`: cannot convert \"x\" to long","action":"nulled"}"#,
            "\n",
            r#"{"file":"t.csv","line":4,"column":2,"field":null,"value":null,"reason":"invalid CSV: the record has 1 fields but the header has 2","action":"skipped"}"#,
            "\n",
        )
    );
}

#[test]
fn a_malformed_json_line_is_skipped_whole() {
    let jsonl = "{\"N\":1,\"S\":\"a\"}\n{\"N\":2,\n{\"N\":3,\"S\":\"c\"}\n";
    let (code, out, err) = run_over("jsonl", "t.jsonl", jsonl, &["--bad-rows", "skip"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "N,S\n1,a\n3,c\n");
    assert_eq!(
        err,
        "kql: 1 bad row in t.jsonl skipped (first at t.jsonl:2:7: invalid JSON: EOF while parsing a value)\n"
    );
}

#[test]
fn limits_stop_the_query_naming_the_operator() {
    let query = temp_file(
        "limits",
        "q.kql",
        "range x from 1 to 10000 step 1 | extend s = strcat(tostring(x), strcat_array(repeat(\"y\", 100), \"\")) | summarize max(strlen(s))",
    );
    let out = kql(
        &["run", "--max-memory", "512KiB", query.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("kql::run::memory_limit"), "{err}");
    assert!(
        err.contains("extend/project would hold 1.1 MiB, more than the memory limit of 512.0 KiB"),
        "{err}"
    );
    let out = kql(
        &["run", "--max-rows", "1000", query.to_str().unwrap()],
        None,
    );
    let err = text(&out.stderr);
    assert!(
        err.contains("range would produce 10000 rows, more than the limit of 1000"),
        "{err}"
    );
    let out = kql(
        &["run", "--max-memory", "lots", query.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--max-memory takes a size, got `lots`"));
}
