//! CSV loading: the quirks of real exports, schema handling, inference and errors.
#![cfg(test)]

use std::path::Path;

use kql_eval::load::{
    DataFormat, LoadError, LoadOptions, load_from_bytes, load_from_str, load_table,
};
use kql_eval::schema::{SchemaCatalog, SchemaVariant};
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

fn csv(text: &str, o: &LoadOptions) -> Table {
    load_from_str(text, DataFormat::Csv, "t.csv", o).unwrap()
}

fn csv_err(text: &str, o: &LoadOptions) -> LoadError {
    load_from_str(text, DataFormat::Csv, "t.csv", o).unwrap_err()
}

fn dt(v: &Value) -> String {
    match v {
        Value::DateTime(t) => format_datetime_kusto(*t),
        other => format!("{other:?}"),
    }
}

#[test]
fn log_analytics_export_fixture() {
    // BOM, CRLF, `"TimeGenerated [UTC]"`, `M/d/yyyy, h:mm:ss.fff tt`, a quoted comma,
    // doubled quotes and a line break inside a quoted field.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/tables/la_export_email_url_info.csv");
    let schema = SchemaCatalog::builtin(SchemaVariant::Sentinel)
        .get("EmailUrlInfo")
        .cloned();
    let t = load_table(
        &path,
        &LoadOptions {
            schema,
            columns: None,
            ..LoadOptions::default()
        },
    )
    .unwrap();
    assert_eq!(t.num_rows(), 2);
    assert_eq!(t.num_columns(), 11);
    let time = t.column("TimeGenerated").unwrap();
    assert_eq!(dt(&time.get(0)), "2026-05-09T12:34:56.789Z");
    assert_eq!(dt(&time.get(1)), "2026-05-09T01:05:00Z");
    let url = t.column("Url").unwrap();
    assert_eq!(url.get(0), Value::string("https://contoso.test/a?x=1,2"));
    assert_eq!(url.get(1), Value::string("https://fabrikam.test/\"q\""));
    assert_eq!(
        t.column("UrlLocation").unwrap().get(1),
        Value::string("QR\r\nCode")
    );
    assert_eq!(t.column("UrlChainPosition").unwrap().get(1), Value::Int(2));
    // An empty string field is "", never null.
    assert_eq!(t.column("UrlChainId").unwrap().get(0), Value::string(""));
}

#[test]
fn lf_and_crlf_give_the_same_table() {
    let o = opts(&[("a", ScalarType::Long), ("b", ScalarType::String)]);
    let lf = csv("a,b\n1,\"x\ny\"\n2,z\n", &o);
    let crlf = csv("a,b\r\n1,\"x\ny\"\r\n2,z\r\n", &o);
    assert_eq!(lf, crlf);
    assert_eq!(lf.row(0), [Value::Long(1), Value::string("x\ny")]);
    let no_final_newline = csv("a,b\n1,\"x\ny\"\n2,z", &o);
    assert_eq!(lf, no_final_newline);
}

#[test]
fn bom_is_not_part_of_the_first_name() {
    let t = load_from_bytes(
        b"\xEF\xBB\xBFa,b\n1,2\n",
        DataFormat::Csv,
        "t.csv",
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(t.schema().to_string(), "(a:long, b:long)");
}

#[test]
fn empty_file_and_header_only() {
    let o = opts(&[("Timestamp", ScalarType::DateTime), ("N", ScalarType::Int)]);
    let empty = csv("", &o);
    assert_eq!((empty.num_rows(), empty.num_columns()), (0, 2));
    assert_eq!(empty.schema().to_string(), "(Timestamp:datetime, N:int)");
    let header_only = csv("Timestamp,N\n", &o);
    assert_eq!(header_only, empty);
    let no_schema = csv("", &LoadOptions::default());
    assert_eq!((no_schema.num_rows(), no_schema.num_columns()), (0, 0));
}

#[test]
fn missing_schema_columns_are_null_and_extras_are_kept_after() {
    let o = opts(&[
        ("S", ScalarType::String),
        ("N", ScalarType::Long),
        ("T", ScalarType::DateTime),
    ]);
    let t = csv("Extra,N,More\nx,5,1.5\ny,,2\n", &o);
    assert_eq!(
        t.schema().to_string(),
        "(S:string, N:long, T:datetime, Extra:string, More:real)"
    );
    assert_eq!(
        t.row(1),
        [
            Value::string(""),
            Value::Null,
            Value::Null,
            Value::string("y"),
            Value::Real(2.0)
        ]
    );
}

#[test]
fn only_requested_columns_are_loaded() {
    let mut o = opts(&[("A", ScalarType::Long), ("B", ScalarType::Long)]);
    o.columns = Some(vec!["B".into(), "X".into()]);
    // A's values are not numbers: they are never converted, so no error.
    let t = csv("A,B,X,Y\nnot-a-number,2,x,y\n", &o);
    assert_eq!(t.schema().to_string(), "(B:long, X:string)");
    assert_eq!(t.row(0), [Value::Long(2), Value::string("x")]);
}

#[test]
fn inference_without_a_schema() {
    let t = csv(
        "i,r,b,d,s,e,dyn\n1,1.5,true,2026-05-09T12:00:00Z,x,,{}\n-2,1e3,FALSE,\"5/9/2026, 1:00:00.000 PM\",7,,[1]\n",
        &LoadOptions::default(),
    );
    assert_eq!(
        t.schema().to_string(),
        "(i:long, r:real, b:bool, d:datetime, s:string, e:string, dyn:string)"
    );
    assert_eq!(dt(&t.column("d").unwrap().get(1)), "2026-05-09T13:00:00Z");
    assert_eq!(t.column("b").unwrap().get(1), Value::Bool(false));
}

#[test]
fn tsv_and_dynamic_columns() {
    let o = opts(&[("d", ScalarType::Dynamic), ("g", ScalarType::Guid)]);
    let t = load_from_str(
        "d\tg\n{\"Phish\":[\"Spoof DMARC\"]}\t{01234567-89AB-cdef-0123-456789abcdef}\n\t\n",
        DataFormat::Tsv,
        "t.tsv",
        &o,
    )
    .unwrap();
    let d = t.column("d").unwrap().get(0);
    assert_eq!(d.to_kusto_string(), r#"{"Phish":["Spoof DMARC"]}"#);
    assert_eq!(
        t.column("g").unwrap().get(0).to_kusto_string(),
        "01234567-89ab-cdef-0123-456789abcdef"
    );
    assert_eq!(t.row(1), [Value::Null, Value::Null]);
    // Text that is not JSON stays a string inside the dynamic.
    let t = csv("d\nplain text\n", &o);
    assert_eq!(
        t.column("d").unwrap().get(0),
        Value::Dynamic(Dynamic::string("plain text"))
    );
}

#[test]
fn bad_value_names_line_column_value_and_type() {
    let o = opts(&[
        ("Timestamp", ScalarType::DateTime),
        ("UrlCount", ScalarType::Int),
    ]);
    let e = csv_err(
        "Timestamp,UrlCount\n2026-05-09T12:00:00Z,1\n\"2026-05-09\nT12\",2\n2026-05-09,three\n",
        &o,
    );
    // The quoted field spans lines 3-4: the bad record starts on line 3.
    let msg = e.to_string();
    assert!(
        msg.starts_with(
            "t.csv:3:1: field `Timestamp`: cannot convert \"2026-05-09\\nT12\" to datetime"
        ),
        "{msg}"
    );
    let e = csv_err("Timestamp,UrlCount\n2026-05-09,three\n", &o);
    assert_eq!(
        e.to_string(),
        "t.csv:2:12: field `UrlCount`: cannot convert \"three\" to int"
    );
    let LoadError::BadValue { help, .. } = e else {
        panic!("{e:?}")
    };
    assert!(help.contains("32-bit"), "{help}");
    let e = csv_err("Timestamp,UrlCount\n,3000000000\n", &o);
    assert_eq!(
        e.to_string(),
        "t.csv:2:2: field `UrlCount`: cannot convert \"3000000000\" to int"
    );
}

#[test]
fn structural_errors() {
    let o = LoadOptions::default();
    let e = csv_err("a,b\n1,2\n3\n", &o);
    assert_eq!(
        e.to_string(),
        "t.csv:3:2: invalid CSV: the record has 1 fields but the header has 2"
    );
    let e = csv_err("a,a [UTC]\n1,2\n", &o);
    assert_eq!(
        e.to_string(),
        "t.csv:1:3: column `a` appears twice in the header"
    );
    let e = load_from_bytes(b"a\n\xff\n", DataFormat::Csv, "t.csv", &o).unwrap_err();
    assert_eq!(e.to_string(), "t.csv:2:1: field `a` is not valid UTF-8");
    let e = load_table(Path::new("/nonexistent/x.csv"), &o).unwrap_err();
    assert!(
        e.to_string().starts_with("cannot read /nonexistent/x.csv:"),
        "{e}"
    );
}

#[test]
fn time_column_aliases_follow_the_schema() {
    // A Defender export (Timestamp) into the Sentinel schema fills TimeGenerated.
    let o = opts(&[
        ("TimeGenerated", ScalarType::DateTime),
        ("N", ScalarType::Long),
    ]);
    let t = csv("Timestamp,N\n2026-05-09,1\n", &o);
    assert_eq!(t.schema().to_string(), "(TimeGenerated:datetime, N:long)");
    assert_eq!(dt(&t.row(0)[0]), "2026-05-09T00:00:00Z");
    // With both in the file, each keeps its own column.
    let t = csv("Timestamp,TimeGenerated,N\n2026-05-09,2026-05-10,1\n", &o);
    assert_eq!(
        t.schema().to_string(),
        "(TimeGenerated:datetime, N:long, Timestamp:datetime)"
    );
    assert_eq!(dt(&t.row(0)[0]), "2026-05-10T00:00:00Z");
}
