//! Bad data files, each generated here and loaded from disk: every one gives a clear
//! error naming file, line and column (asserted exactly), or loads to the exact table;
//! under `--bad-rows skip|null` nothing is lost without being logged.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use kql_eval::load::{BadRowAction, BadRowPolicy, BadRows, LoadError, LoadOptions, load_table};
use kql_eval::table::{Schema, Table};
use kql_eval::value::Value;
use kql_parser::ast::ScalarType;

/// A file in this test's own temporary directory (tests run in parallel).
fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let test = std::thread::current()
        .name()
        .unwrap_or("main")
        .replace("::", "-");
    let dir = std::env::temp_dir().join(format!("kql-data-bad-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn opts() -> LoadOptions {
    LoadOptions {
        schema: Some(Schema::from_pairs(&[
            ("N", ScalarType::Long),
            ("S", ScalarType::String),
            ("T", ScalarType::DateTime),
        ])),
        ..LoadOptions::default()
    }
}

/// The error loading `bytes` as file `name`, with the temp directory cut from it.
fn err(name: &str, bytes: &[u8]) -> String {
    err_with(name, bytes, &opts())
}

fn err_with(name: &str, bytes: &[u8], o: &LoadOptions) -> String {
    let path = file(name, bytes);
    let e: LoadError = load_table(&path, o).unwrap_err();
    let dir = format!("{}/", path.parent().unwrap().display());
    e.to_string().replace(&dir, "")
}

fn load(name: &str, bytes: &[u8]) -> Table {
    load_table(&file(name, bytes), &opts()).unwrap()
}

#[test]
fn malformed_and_truncated_json() {
    assert_eq!(
        err("a.json", b"[{\"N\":1},\n {\"N\":2,}]"),
        "a.json:2:9: invalid JSON: trailing comma"
    );
    assert_eq!(
        err("b.json", b"[{\"N\":1},\n {\"N\":"),
        "b.json:2:6: invalid JSON: EOF while parsing a value"
    );
    assert_eq!(
        err("c.jsonl", b"{\"N\":1}\n{\"N\":2\n"),
        "c.jsonl:2:6: invalid JSON: EOF while parsing an object"
    );
    assert_eq!(
        err("d.jsonl", b"{\"N\":1}\n{\"N\" 2}\n"),
        "d.jsonl:2:6: invalid JSON: expected `:`"
    );
    assert_eq!(
        err("e.json", b"\n  \"just a string\""),
        "e.json:2:3: invalid JSON: expected an array of records or an object"
    );
}

#[test]
fn json_values_of_the_wrong_type() {
    assert_eq!(
        err("a.jsonl", b"{\"N\":[1,2]}\n"),
        "a.jsonl:1:6: field `N`: cannot convert [1,2] to long"
    );
    assert_eq!(
        err("b.jsonl", b"{\"T\":true}\n"),
        "b.jsonl:1:6: field `T`: cannot convert true to datetime"
    );
    assert_eq!(
        err("c.jsonl", b"{\"S\":\"ok\"}\n{\"N\":{\"a\":1}}\n"),
        "c.jsonl:2:6: field `N`: cannot convert {\"a\":1} to long"
    );
    // A string column takes any JSON value as its text.
    let t = load("d.jsonl", b"{\"S\":{\"a\":1}}\n{\"S\":7}\n");
    assert_eq!(t.column("S").unwrap().get(0), Value::string("{\"a\":1}"));
    assert_eq!(t.column("S").unwrap().get(1), Value::string("7"));
}

#[test]
fn csv_ragged_rows_unbalanced_quotes_and_wrong_headers() {
    assert_eq!(
        err("a.csv", b"N,S,T\n1,x,\n2,y,,extra\n"),
        "a.csv:3:6: invalid CSV: the record has 4 fields but the header has 3"
    );
    assert_eq!(
        err("b.csv", b"N,S,T\n1,x,\n2\n"),
        "b.csv:3:2: invalid CSV: the record has 1 fields but the header has 3"
    );
    // An unclosed quote swallows the rest of the file, which then has the right width.
    assert_eq!(
        err("c.csv", b"N,S,T\n1,\"x,\n2,y,\n3,z,\n"),
        "c.csv:2:3: invalid CSV: this quote is never closed, so the rest of the file is one field"
    );
    // With the wrong width, the quote is still the cause named.
    assert_eq!(
        err("d.csv", b"N,S,T\n1,x,\n2,\"y\n"),
        "d.csv:3:3: invalid CSV: this quote is never closed, so the rest of the file is one field"
    );
    assert_eq!(
        err("e.csv", b"1,x,2026-05-09\n2,y,2026-05-10\n"),
        "e.csv:1:1: the header names none of the table's columns (its first cell is \"1\")"
    );
    assert_eq!(
        err("f.csv", b"N,S,N [UTC]\n1,x,2\n"),
        "f.csv:1:5: column `N` appears twice in the header"
    );
}

#[test]
fn non_utf8_bytes() {
    assert_eq!(
        err("a.csv", b"N,S\n1,ok\n2,caf\xe9\n"),
        "a.csv:3:3: field `S` is not valid UTF-8"
    );
    assert_eq!(
        err("b.csv", b"N,\xff\n1,2\n"),
        "b.csv:1:3: field `header cell 2` is not valid UTF-8"
    );
    assert_eq!(
        err("c.jsonl", b"{\"S\":\"caf\xe9\"}\n"),
        "c.jsonl:1:10: invalid JSON: invalid unicode code point"
    );
}

#[test]
fn bom_crlf_and_places_after_them() {
    // The byte order mark does not shift the columns errors name, from a file or bytes.
    assert_eq!(
        err("a.csv", b"\xEF\xBB\xBFN,S\r\n1,x\r\nbad,y\r\n"),
        "a.csv:3:1: field `N`: cannot convert \"bad\" to long"
    );
    assert_eq!(
        err("b.csv", b"\xEF\xBB\xBFS,N\r\nx,1\r\ny,bad\r\n"),
        "b.csv:3:3: field `N`: cannot convert \"bad\" to long"
    );
    assert_eq!(
        err("c.jsonl", b"\xEF\xBB\xBF{\"N\":\"x\"}\r\n"),
        "c.jsonl:1:6: field `N`: cannot convert \"x\" to long"
    );
    let t = load("d.csv", b"\xEF\xBB\xBFN,S\r\n1,\"a\r\nb\"\r\n");
    assert_eq!(t.row(0)[..2], [Value::Long(1), Value::string("a\r\nb")]);
}

#[test]
fn empty_files_and_header_only() {
    for (name, bytes) in [
        ("a.csv", &b""[..]),
        ("b.jsonl", b""),
        ("c.json", b""),
        ("d.json", b"[]"),
        ("e.csv", b"N,S,T\n"),
        ("f.csv", b"N,S,T"),
        ("g.tsv", b"N\tS\tT\r\n"),
        ("h.jsonl", b"\n\n"),
    ] {
        let t = load(name, bytes);
        assert_eq!(t.num_rows(), 0, "{name}");
        assert_eq!(
            t.schema().to_string(),
            "(N:long, S:string, T:datetime)",
            "{name}"
        );
    }
}

#[test]
fn a_10mb_field_and_a_million_character_line() {
    let big = "x".repeat(10 << 20);
    // Columns are counted past the 10 MB fields, quoted and not.
    let csv = format!("S,N\n\"{big}\",1\n{big},bad\n");
    assert_eq!(
        err("a.csv", csv.as_bytes()),
        format!(
            "a.csv:3:{}: field `N`: cannot convert \"bad\" to long",
            (10 << 20) + 2
        )
    );
    let ok = format!("N,S\n1,\"{big}\"\n");
    let t = load("b.csv", ok.as_bytes());
    assert_eq!(t.column("S").unwrap().get(0), Value::string(&big));
    let line = "y".repeat(1_000_000);
    let jsonl = format!("{{\"S\":\"{line}\",\"N\":\"z\"}}\n");
    assert_eq!(
        err("c.jsonl", jsonl.as_bytes()),
        "c.jsonl:1:1000013: field `N`: cannot convert \"z\" to long"
    );
    let csv = format!("S,N\n{line},q\n");
    assert_eq!(
        err("d.csv", csv.as_bytes()),
        "d.csv:2:1000002: field `N`: cannot convert \"q\" to long"
    );
}

#[test]
fn numbers_out_of_range() {
    let o = LoadOptions {
        schema: Some(Schema::from_pairs(&[
            ("I", ScalarType::Int),
            ("N", ScalarType::Long),
            ("R", ScalarType::Real),
        ])),
        ..LoadOptions::default()
    };
    assert_eq!(
        err_with("a.csv", b"I,N,R\n2147483648,1,1\n", &o),
        "a.csv:2:1: field `I`: cannot convert \"2147483648\" to int"
    );
    assert_eq!(
        err_with("b.csv", b"I,N,R\n1,9223372036854775808,1\n", &o),
        "b.csv:2:3: field `N`: cannot convert \"9223372036854775808\" to long"
    );
    assert_eq!(
        err_with("c.jsonl", b"{\"N\":18446744073709551616}\n", &o),
        "c.jsonl:1:6: field `N`: cannot convert 1.8446744073709552E+19 to long"
    );
    assert_eq!(
        err_with("d.jsonl", b"{\"R\":1e400}\n", &o),
        "d.jsonl:1:10: invalid JSON: number out of range"
    );
    let t = load_table(
        &file("e.csv", b"I,N,R\n-2147483648,-9223372036854775808,1e308\n"),
        &o,
    )
    .unwrap();
    assert_eq!(
        t.row(0),
        [
            Value::Int(i32::MIN),
            Value::Long(i64::MIN),
            Value::Real(1e308)
        ]
    );
}

/// The datetimes Kusto's exporters write (Log Analytics CSV, Defender API JSON, ADX
/// `.export`), and some they do not.
#[test]
fn datetimes_exporters_write_and_others() {
    let accepted = [
        ("2026-05-09T12:34:56Z", "2026-05-09T12:34:56.0000000Z"),
        (
            "2026-05-09T12:34:56.1234567Z",
            "2026-05-09T12:34:56.1234567Z",
        ),
        (
            "2026-05-09T12:34:56.789+02:00",
            "2026-05-09T10:34:56.7890000Z",
        ),
        ("2026-05-09 12:34:56", "2026-05-09T12:34:56.0000000Z"),
        ("2026-05-09", "2026-05-09T00:00:00.0000000Z"),
        ("5/9/2026, 12:34:56.789 PM", "2026-05-09T12:34:56.7890000Z"),
        ("5/9/2026, 1:05:00.000 AM", "2026-05-09T01:05:00.0000000Z"),
        (
            "Sat, 09 May 2026 12:34:56 GMT",
            "2026-05-09T12:34:56.0000000Z",
        ),
        // Not an exporter's form: month first, as .NET's invariant culture reads it.
        ("09/05/2026 12:00", "2026-09-05T12:00:00.0000000Z"),
    ];
    for (text, want) in accepted {
        let csv = format!("T\n\"{text}\"\n");
        let t = load("ok.csv", csv.as_bytes());
        assert_eq!(
            t.column("T").unwrap().get(0).to_kusto_string(),
            want,
            "{text}"
        );
    }
    for (text, shown) in [
        ("2026-13-01", "\"2026-13-01\""),
        ("2026-05-09T25:00:00Z", "\"2026-05-09T25:00:00Z\""),
        ("31/12/2026 12:00", "\"31/12/2026 12:00\""),
        ("next tuesday", "\"next tuesday\""),
        ("1715256000", "\"1715256000\""),
    ] {
        let csv = format!("S,T\nx,{text}\n");
        assert_eq!(
            err("bad.csv", csv.as_bytes()),
            format!("bad.csv:2:3: field `T`: cannot convert {shown} to datetime"),
            "{text}"
        );
    }
}

#[test]
fn bad_rows_skip_and_null_log_every_row() {
    let csv = b"N,S\n1,a\nx,b\n3\n4,d\n";
    let jsonl =
        b"{\"N\":1,\"S\":\"a\"}\n{\"N\":\"x\",\"S\":\"b\"}\nnot json\n{\"S\":\"d\",\"N\":4}\n";
    let array = b"[{\"N\":1,\"S\":\"a\"},\n {\"N\":\"x\",\"S\":\"b\"},\n {\"N\":4,\"S\":\"d\",\"N\":5},\n {\"S\":\"e\",\"N\":6}]";
    let cases: [(&str, &[u8], &str); 3] = [
        ("p.csv", csv, "p.csv:3:1 p.csv:4:2"),
        ("p.jsonl", jsonl, "p.jsonl:2:6 p.jsonl:3:2"),
        ("p.json", array, "p.json:2:7 p.json:3:21"),
    ];
    for (name, bytes, places) in cases {
        for policy in [BadRowPolicy::Skip, BadRowPolicy::Null] {
            let o = LoadOptions {
                bad_rows: BadRows::new(policy),
                ..opts()
            };
            let path = file(name, bytes);
            let t = load_table(&path, &o).unwrap();
            let rows = o.bad_rows.log.rows();
            let dir = format!("{}/", path.parent().unwrap().display());
            let got: Vec<String> = rows
                .iter()
                .map(|r| r.at.to_string().replace(&dir, ""))
                .collect();
            assert_eq!(got.join(" "), places, "{name} {policy:?}");
            let ns: Vec<Value> = (0..t.num_rows()).map(|i| t.row(i)[0].clone()).collect();
            let last = if name == "p.json" { 6 } else { 4 };
            match policy {
                BadRowPolicy::Skip => {
                    assert_eq!(ns, [Value::Long(1), Value::Long(last)], "{name}");
                    assert!(rows.iter().all(|r| r.action == BadRowAction::Skipped));
                }
                _ => {
                    assert_eq!(
                        ns,
                        [Value::Long(1), Value::Null, Value::Long(last)],
                        "{name}"
                    );
                    assert_eq!(rows[0].action, BadRowAction::Nulled);
                    assert_eq!(rows[0].column.as_deref(), Some("N"));
                    assert_eq!(rows[0].value.as_deref(), Some("\"x\""));
                    assert_eq!(rows[1].action, BadRowAction::Skipped, "{name}");
                    // The row whose N was nulled keeps its other cells.
                    assert_eq!(t.row(1)[1], Value::string("b"));
                }
            }
        }
    }
}

#[test]
fn bad_rows_summary_lines() {
    let o = LoadOptions {
        bad_rows: BadRows::new(BadRowPolicy::Null),
        ..opts()
    };
    let path = file("s.jsonl", b"{\"N\":\"x\"}\n{\"N\":\"y\"}\n{\n");
    load_table(&path, &o).unwrap();
    let dir = format!("{}/", path.parent().unwrap().display());
    let lines: Vec<String> = o
        .bad_rows
        .summary()
        .iter()
        .map(|l| l.replace(&dir, ""))
        .collect();
    assert_eq!(
        lines,
        [
            "kql: 1 bad row in s.jsonl skipped: not readable as a record, so there was nothing to null (first at s.jsonl:3:1: invalid JSON: EOF while parsing an object)",
            "kql: 2 bad rows in s.jsonl nulled (first at s.jsonl:1:6: field `N`: cannot convert \"x\" to long)",
        ]
    );
    let json = o.bad_rows.log.rows()[0].to_json().replace(&dir, "");
    assert_eq!(
        json,
        r#"{"file":"s.jsonl","line":1,"column":6,"field":"N","value":"\"x\"","reason":"field `N`: cannot convert \"x\" to long","action":"nulled"}"#
    );
}
