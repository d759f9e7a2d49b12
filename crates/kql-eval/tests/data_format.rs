//! Result writers: the Kusto REST v1 shape the conformance runner reads, and CSV /
//! JSON / JSONL that the loader reads back to the same table.
#![cfg(test)]

use std::str::FromStr;
use std::sync::Arc;

use kql_eval::format::{
    OutputFormat, write_csv, write_json, write_jsonl, write_kusto_json, write_tables,
};
use kql_eval::load::{DataFormat, LoadOptions, load_from_bytes};
use kql_eval::table::{Column, ColumnBuilder, Field, Schema, Table};
use kql_eval::value::datetime::{TICKS_PER_SECOND, from_parts};
use kql_eval::value::{Dynamic, Value};
use kql_parser::ast::ScalarType;
use rust_decimal::Decimal;

/// Two rows of every type: values in the first, nulls in the second.
fn all_types() -> Table {
    let t = from_parts(2016, 12, 31, 23, 59, 59, 9_999_999).unwrap_or_default();
    let cells = [
        ("b", Value::Bool(true)),
        ("i", Value::Int(-7)),
        ("l", Value::Long(1 << 40)),
        ("r", Value::Real(0.5)),
        ("whole", Value::Real(10.0)),
        ("nan", Value::Real(f64::NAN)),
        (
            "dec",
            Value::Decimal(Decimal::from_str("12.50").unwrap_or_default()),
        ),
        ("s", Value::string("a, \"quoted\"\nline")),
        ("t", Value::DateTime(t)),
        ("span", Value::TimeSpan(-(90 * 60 * TICKS_PER_SECOND + 1))),
        ("g", Value::Guid(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef)),
        (
            "d",
            Value::Dynamic(Dynamic::parse_json(r#"{"a":[1,2.5,"x",null]}"#).unwrap_or_default()),
        ),
    ];
    let mut fields = Vec::new();
    let mut columns = Vec::new();
    for (name, v) in cells {
        let ty = v.scalar_type().unwrap_or(ScalarType::String);
        let mut b = ColumnBuilder::new(ty);
        b.push_value(&v).unwrap();
        b.push_null();
        fields.push(Field::new(name, ty));
        columns.push(Arc::new(b.finish()));
    }
    Table::new(Schema::new(fields), columns).unwrap()
}

fn written(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    f(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn kusto_json_has_the_rest_v1_shape() {
    let t = all_types();
    let text = written(|o| write_kusto_json(&[("PrimaryResult", &t)], o));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let table = &v["Tables"][0];
    assert_eq!(table["TableName"], "PrimaryResult");
    let cols: Vec<(String, String, String)> = table["Columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or_default().to_string();
            (s("ColumnName"), s("DataType"), s("ColumnType"))
        })
        .collect();
    assert_eq!(cols[0], ("b".into(), "Boolean".into(), "bool".into()));
    assert_eq!(cols[2], ("l".into(), "Int64".into(), "long".into()));
    assert_eq!(cols[11], ("d".into(), "Object".into(), "dynamic".into()));
    let row = table["Rows"][0].to_string();
    // Cell forms as in conformance/cases.jsonl: trimmed ISO datetimes, `c` timespans,
    // "NaN" as a string, decimals as strings, dynamic as a JSON value.
    assert_eq!(
        row,
        r#"[true,-7,1099511627776,0.5,10.0,"NaN","12.50","a, \"quoted\"\nline","2016-12-31T23:59:59.9999999Z","-01:30:00.0000001","01234567-89ab-cdef-0123-456789abcdef",{"a":[1,2.5,"x",null]}]"#
    );
    // Nulls are JSON null, except strings, which are never null.
    assert_eq!(
        table["Rows"][1].to_string(),
        r#"[null,null,null,null,null,null,null,"",null,null,null,null]"#
    );
}

#[test]
fn several_tables_and_empty_tables() {
    let t = all_types();
    let empty = Table::empty(Schema::from_pairs(&[("x", ScalarType::Long)]));
    let text = written(|o| write_kusto_json(&[("PrimaryResult", &empty), ("Second", &t)], o));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["Tables"][0]["Rows"], serde_json::json!([]));
    assert_eq!(v["Tables"][1]["TableName"], "Second");
    assert_eq!(written(|o| write_json(&empty, o)), "[]\n");
    assert_eq!(written(|o| write_jsonl(&empty, o)), "");
    assert_eq!(written(|o| write_csv(&empty, o)), "x\n");
}

#[test]
fn csv_cells_and_quoting() {
    let t = all_types();
    let text = written(|o| write_csv(&t, o));
    let mut lines = text.split_inclusive('\n');
    assert_eq!(lines.next(), Some("b,i,l,r,whole,nan,dec,s,t,span,g,d\n"));
    assert_eq!(
        text.split_once('\n').map(|(_, rest)| rest),
        Some(
            "true,-7,1099511627776,0.5,10,NaN,12.50,\"a, \"\"quoted\"\"\nline\",2016-12-31T23:59:59.9999999Z,-01:30:00.0000001,01234567-89ab-cdef-0123-456789abcdef,\"{\"\"a\"\":[1,2.5,\"\"x\"\",null]}\"\n,,,,,,,,,,,\n"
        )
    );
}

#[test]
fn json_lines_of_objects() {
    let t = Table::from_columns([
        (
            "n",
            Column::from_values(ScalarType::Long, [Value::Long(1), Value::Null].into_iter())
                .unwrap(),
        ),
        (
            "s",
            Column::from_values(
                ScalarType::String,
                [Value::string("x"), Value::Null].into_iter(),
            )
            .unwrap(),
        ),
    ])
    .unwrap();
    assert_eq!(
        written(|o| write_jsonl(&t, o)),
        "{\"n\":1,\"s\":\"x\"}\n{\"n\":null,\"s\":\"\"}\n"
    );
    assert_eq!(
        written(|o| write_json(&t, o)),
        "[\n{\"n\":1,\"s\":\"x\"},\n{\"n\":null,\"s\":\"\"}\n]\n"
    );
    assert_eq!(
        written(|o| write_tables(OutputFormat::Csv, &[("a", &t), ("b", &t)], o)),
        "n,s\n1,x\n,\n\nn,s\n1,x\n,\n"
    );
}

/// What the writers produce, the loader reads back with the schema.
#[test]
fn written_tables_load_back_identically() {
    let t = all_types();
    let opts = LoadOptions {
        schema: Some(t.schema().clone()),
        columns: None,
        ..LoadOptions::default()
    };
    for (format, load_as) in [
        (OutputFormat::Csv, DataFormat::Csv),
        (OutputFormat::Json, DataFormat::Json),
        (OutputFormat::Jsonl, DataFormat::Jsonl),
    ] {
        let text = written(|o| write_tables(format, &[("PrimaryResult", &t)], o));
        let back = load_from_bytes(text.as_bytes(), load_as, "round-trip", &opts).unwrap();
        assert_eq!(back.schema(), t.schema(), "{format:?}");
        for (i, (a, b)) in t.columns().iter().zip(back.columns()).enumerate() {
            for row in 0..2 {
                // NaN != NaN under ==; Value's equality is total.
                assert_eq!(a.get(row), b.get(row), "{format:?} column {i} row {row}");
            }
        }
    }
}
