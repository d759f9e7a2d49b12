//! JSON, JSONL and Defender API response loading.
#![cfg(test)]

use std::path::Path;

use kql_eval::load::{
    DataFormat, LoadError, LoadOptions, load_from_bytes, load_from_str, load_table,
};
use kql_eval::table::{Schema, Table};
use kql_eval::value::datetime::format_datetime_kusto;
use kql_eval::value::{Dynamic, Value};
use kql_parser::ast::ScalarType;

fn opts(schema: &[(&str, ScalarType)]) -> LoadOptions {
    LoadOptions {
        schema: Some(Schema::from_pairs(schema)),
        columns: None,
        ..LoadOptions::default()
    }
}

fn load(text: &str, format: DataFormat, o: &LoadOptions) -> Table {
    load_from_str(text, format, "t.json", o).unwrap()
}

fn load_err(text: &str, format: DataFormat, o: &LoadOptions) -> LoadError {
    load_from_str(text, format, "t.json", o).unwrap_err()
}

fn dt(v: &Value) -> String {
    match v {
        Value::DateTime(t) => format_datetime_kusto(*t),
        other => format!("{other:?}"),
    }
}

#[test]
fn values_convert_to_the_schema_types() {
    let o = opts(&[
        ("T", ScalarType::DateTime),
        ("B", ScalarType::Bool),
        ("I", ScalarType::Int),
        ("L", ScalarType::Long),
        ("R", ScalarType::Real),
        ("S", ScalarType::String),
        ("D", ScalarType::Dynamic),
        ("Span", ScalarType::TimeSpan),
        ("G", ScalarType::Guid),
        ("Dec", ScalarType::Decimal),
    ]);
    let t = load(
        r#"[{"T":"2026-05-09T12:00:00.5Z","B":"true","I":"7","L":9007199254740993,"R":"NaN",
             "S":{"SPF":"pass"},"D":"{\"Phish\":[\"Spoof DMARC\"]}","Span":"1.12:30:55.123",
             "G":"01234567-89ab-cdef-0123-456789abcdef","Dec":"12.50"}]"#,
        DataFormat::Json,
        &o,
    );
    let r = t.row(0);
    assert_eq!(dt(&r[0]), "2026-05-09T12:00:00.5Z");
    assert_eq!(r[1], Value::Bool(true));
    assert_eq!(r[2], Value::Int(7));
    assert_eq!(r[3], Value::Long(9_007_199_254_740_993));
    assert!(matches!(r[4], Value::Real(x) if x.is_nan()));
    // A JSON object in a string column is kept as its compact JSON text.
    assert_eq!(r[5], Value::string(r#"{"SPF":"pass"}"#));
    // JSON text in a dynamic column is parsed (DetectionMethods-style values).
    let d = r[6].as_dynamic().unwrap();
    assert_eq!(
        d.get("Phish")
            .and_then(|p| p.index(0))
            .and_then(Dynamic::as_str),
        Some("Spoof DMARC")
    );
    assert_eq!(r[7].to_kusto_string(), "1.12:30:55.1230000");
    assert_eq!(
        r[8].to_kusto_string(),
        "01234567-89ab-cdef-0123-456789abcdef"
    );
    assert_eq!(r[9].to_kusto_string(), "12.50");
}

#[test]
fn nulls_and_missing_fields() {
    let o = opts(&[
        ("S", ScalarType::String),
        ("N", ScalarType::Long),
        ("D", ScalarType::Dynamic),
    ]);
    let t = load(
        "{\"S\":null,\"N\":null,\"D\":null}\n{}\n{\"N\":\"\"}\n",
        DataFormat::Jsonl,
        &o,
    );
    for r in t.rows() {
        assert_eq!(r, [Value::string(""), Value::Null, Value::Null]);
    }
}

#[test]
fn jsonl_quirks_blank_lines_crlf_bom() {
    let o = opts(&[("N", ScalarType::Long)]);
    let t = load_from_bytes(
        b"\xEF\xBB\xBF{\"N\":1}\r\n\r\n   \n{\"N\":2}\r\n",
        DataFormat::Jsonl,
        "t.jsonl",
        &o,
    )
    .unwrap();
    assert_eq!(t.rows(), [vec![Value::Long(1)], vec![Value::Long(2)]]);
}

#[test]
fn json_extension_detects_jsonl_and_arrays() {
    let o = opts(&[("N", ScalarType::Long)]);
    let lines = load("{\"N\":1}\n{\"N\":2}\n", DataFormat::Json, &o);
    let array = load("[{\"N\":1},\n {\"N\":2}]", DataFormat::Json, &o);
    let auto = load("  [{\"N\":1},{\"N\":2}]", DataFormat::Auto, &o);
    assert_eq!(lines, array);
    assert_eq!(array, auto);
}

#[test]
fn empty_inputs_give_empty_tables_with_the_schema() {
    let o = opts(&[("T", ScalarType::DateTime), ("N", ScalarType::Long)]);
    for (text, format) in [
        ("", DataFormat::Json),
        ("[]", DataFormat::Json),
        ("\n\n", DataFormat::Jsonl),
    ] {
        let t = load(text, format, &o);
        assert_eq!(
            (t.num_rows(), t.schema().to_string()),
            (0, "(T:datetime, N:long)".to_string())
        );
    }
}

#[test]
fn defender_api_response_fixture() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/tables/defender_api_response.json");
    let t = load_table(&path, &LoadOptions::default()).unwrap();
    assert_eq!(
        t.schema().to_string(),
        "(Timestamp:datetime, AccountUpn:string, IsClickedThrough:bool, ClickCount:long, Details:dynamic)"
    );
    assert_eq!(t.num_rows(), 2);
    assert_eq!(dt(&t.row(0)[0]), "2026-05-09T10:00:00.1234567Z");
    assert_eq!(
        t.row(0)[4].to_kusto_string(),
        r#"{"UrlChain":["https://x.test","https://y.test"]}"#
    );
    assert_eq!(
        t.row(1)[2..],
        [Value::Bool(false), Value::Null, Value::Null]
    );
}

#[test]
fn api_response_in_graph_casing_with_a_caller_schema() {
    // Microsoft Graph's runHuntingQuery uses lowercase keys; the caller's schema wins
    // for the columns it names, the file's schema types the rest.
    let o = opts(&[("ClickCount", ScalarType::Int)]);
    let t = load(
        r#"{"schema":[{"name":"ClickCount","type":"Int64"},{"name":"Url","type":"String"}],
            "results":[{"ClickCount":3,"Url":"https://x.test"}]}"#,
        DataFormat::Json,
        &o,
    );
    assert_eq!(t.schema().to_string(), "(ClickCount:int, Url:string)");
    assert_eq!(t.row(0), [Value::Int(3), Value::string("https://x.test")]);
    let e = load_err(
        r#"{"Schema":[{"Name":"X","Type":"Blob"}],"Results":[]}"#,
        DataFormat::Json,
        &o,
    );
    assert_eq!(
        e.to_string(),
        "t.json: column `X` has the unknown type `Blob`"
    );
}

#[test]
fn inference_without_a_schema() {
    let t = load(
        r#"[{"b":true,"l":1,"r":1,"s":"x","t":"2026-05-09T12:00:00Z","o":{"a":1},"m":1,"n":null},
            {"b":false,"l":2,"r":2.5,"s":"","t":"","o":[1],"m":"x","n":null,"late":5}]"#,
        DataFormat::Json,
        &LoadOptions::default(),
    );
    assert_eq!(
        t.schema().to_string(),
        "(b:bool, l:long, r:real, s:string, t:datetime, o:dynamic, m:dynamic, n:string, late:long)"
    );
    assert_eq!(t.column("late").unwrap().get(0), Value::Null);
    assert_eq!(t.column("t").unwrap().get(1), Value::Null);
    assert_eq!(
        t.column("m").unwrap().get(1),
        Value::Dynamic(Dynamic::string("x"))
    );
}

#[test]
fn unwanted_fields_are_skipped_unconverted() {
    let mut o = opts(&[("N", ScalarType::Long), ("Bad", ScalarType::Long)]);
    o.columns = Some(vec!["N".into()]);
    let t = load(
        r#"{"Bad":"not a number","N":1,"Other":{"deep":[1,2]}}"#,
        DataFormat::Jsonl,
        &o,
    );
    assert_eq!(t.schema().to_string(), "(N:long)");
    assert_eq!(t.row(0), [Value::Long(1)]);
}

#[test]
fn key_order_may_change_between_records() {
    let o = opts(&[("A", ScalarType::Long), ("B", ScalarType::String)]);
    let t = load(
        "{\"A\":1,\"B\":\"x\"}\n{\"B\":\"y\",\"A\":2}\n{\"B\":\"z\"}\n{\"A\":4,\"B\":\"w\"}\n",
        DataFormat::Jsonl,
        &o,
    );
    let got: Vec<_> = t
        .rows()
        .into_iter()
        .map(|r| (r[0].clone(), r[1].to_kusto_string()))
        .collect();
    assert_eq!(
        got,
        [
            (Value::Long(1), "x".into()),
            (Value::Long(2), "y".into()),
            (Value::Null, "z".into()),
            (Value::Long(4), "w".into())
        ]
    );
}

#[test]
fn errors_name_line_column_field_value_and_type() {
    let o = opts(&[
        ("Timestamp", ScalarType::DateTime),
        ("UrlCount", ScalarType::Int),
    ]);
    // JSONL: the line of the record, the column where the value starts.
    let e = load_err(
        "{\"Timestamp\":\"2026-05-09\",\"UrlCount\":1}\n{\"Timestamp\":\"2026-05-09\",\"UrlCount\":\"three\"}\n",
        DataFormat::Jsonl,
        &o,
    );
    assert_eq!(
        e.to_string(),
        "t.json:2:38: field `UrlCount`: cannot convert \"three\" to int"
    );
    assert_eq!(e_code(&e), "kql::load::bad_value");
    // JSON array: the line and column inside the file.
    let e = load_err(
        "[\n {\"Timestamp\": \"2026-05-09\"},\n {\"Timestamp\": \"next tuesday\"}\n]",
        DataFormat::Json,
        &o,
    );
    assert_eq!(
        e.to_string(),
        "t.json:3:16: field `Timestamp`: cannot convert \"next tuesday\" to datetime"
    );
    let e = load_err("{\"UrlCount\": 1,}\n", DataFormat::Jsonl, &o);
    assert_eq!(e.to_string(), "t.json:1:16: invalid JSON: trailing comma");
    assert_eq!(e_code(&e), "kql::load::json_syntax");
    let e = load_err("{\"UrlCount\":1}\n[1,2]\n", DataFormat::Jsonl, &o);
    assert_eq!(
        e.to_string(),
        "t.json:2:1: invalid JSON: invalid type: sequence, expected a JSON object (one record)"
    );
    let e = load_err("{\"UrlCount\":1,\"UrlCount\":2}", DataFormat::Jsonl, &o);
    assert_eq!(
        e.to_string(),
        "t.json:1:26: field `UrlCount` appears twice in one record"
    );
    let e = load_err("{\"UrlCount\":1} {\"UrlCount\":2}", DataFormat::Jsonl, &o);
    assert_eq!(
        e.to_string(),
        "t.json:1:16: invalid JSON: trailing characters"
    );
    let e = load_err("42", DataFormat::Json, &o);
    assert_eq!(
        e.to_string(),
        "t.json:1:1: invalid JSON: expected an array of records or an object"
    );
}

fn e_code(e: &LoadError) -> String {
    use miette::Diagnostic;
    e.code().map(|c| c.to_string()).unwrap_or_default()
}

#[test]
fn time_column_alias_in_json() {
    let o = opts(&[("TimeGenerated", ScalarType::DateTime)]);
    let t = load(
        "{\"Timestamp\":\"2026-05-09T01:02:03Z\"}",
        DataFormat::Jsonl,
        &o,
    );
    assert_eq!(t.schema().to_string(), "(TimeGenerated:datetime)");
    assert_eq!(dt(&t.row(0)[0]), "2026-05-09T01:02:03Z");
    let e = load_err(
        "{\"Timestamp\":\"2026-05-09\",\"TimeGenerated\":\"2026-05-10\"}",
        DataFormat::Jsonl,
        &o,
    );
    assert!(
        e.to_string()
            .ends_with("field `TimeGenerated` appears twice in one record"),
        "{e}"
    );
}
