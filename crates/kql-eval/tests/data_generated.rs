//! Loads the bench generator's EmailEvents output (`shared/bench/gen_email_events.py`)
//! as JSONL and as CSV with the advanced hunting schema, and checks that both give the
//! same table. Skipped (with a note) when `../shared` or `python3` is missing.
#![cfg(test)]

use std::path::{Path, PathBuf};
use std::process::Command;

use kql_eval::load::{LoadOptions, load_table};
use kql_eval::schema::{SchemaCatalog, SchemaVariant};
use kql_eval::table::Table;
use kql_eval::value::Value;
use kql_parser::ast::ScalarType;

const ROWS: usize = 2000;

fn generator() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        manifest.join("../../../shared/bench/gen_email_events.py"),
        manifest.join("../../shared/bench/gen_email_events.py"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

fn generate(script: &Path, format: &str, out: &Path) -> bool {
    Command::new("python3")
        .arg(script)
        .args(["--rows", &ROWS.to_string(), "--now", "2026-05-10T00:00:00Z"])
        .args(["--format", format, "--out"])
        .arg(out)
        .status()
        .is_ok_and(|s| s.success())
}

fn email_events_opts() -> LoadOptions {
    LoadOptions {
        schema: SchemaCatalog::builtin(SchemaVariant::AdvancedHunting)
            .get("EmailEvents")
            .cloned(),
        columns: None,
        ..LoadOptions::default()
    }
}

#[test]
fn generated_jsonl_and_csv_load_to_the_same_table() {
    let Some(script) = generator() else {
        eprintln!("note: shared/bench/gen_email_events.py not found; test skipped");
        return;
    };
    let dir = std::env::temp_dir().join(format!("kql-data-generated-{}", std::process::id()));
    if std::fs::create_dir_all(&dir).is_err() {
        eprintln!("note: cannot create {}; test skipped", dir.display());
        return;
    }
    let (jsonl, csv) = (dir.join("ee.jsonl"), dir.join("ee.csv"));
    if !generate(&script, "jsonl", &jsonl) || !generate(&script, "csv", &csv) {
        eprintln!("note: python3 could not run the generator; test skipped");
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    let opts = email_events_opts();
    let from_jsonl = load_table(&jsonl, &opts).unwrap();
    let from_csv = load_table(&csv, &opts).unwrap();
    let _ = std::fs::remove_dir_all(&dir);

    assert_eq!(from_jsonl.num_rows(), ROWS);
    // The schema's 53 columns; the generator writes 39 of them, the rest are null.
    assert_eq!(from_jsonl.num_columns(), 53);
    assert_eq!(from_jsonl.schema(), from_csv.schema());
    assert_tables_equal(&from_jsonl, &from_csv);

    // Spot checks on the first row (generator: Timestamp with microseconds, JSON in strings).
    let ts = from_jsonl.column("Timestamp").unwrap();
    assert_eq!(ts.scalar_type(), ScalarType::DateTime);
    assert_eq!(ts.null_count(), 0);
    let first = ts.get(0).to_kusto_string();
    assert!(
        first.starts_with("2026-04-") && first.len() == 28,
        "{first}"
    );
    let topics = from_jsonl.column("Topics").unwrap();
    assert_eq!(topics.get(0), Value::string(""));
    let cluster = from_jsonl.column("EmailClusterId").unwrap();
    assert_eq!(cluster.null_count(), 0);
    // BulkComplaintLevel is the one column the generator leaves null.
    let bcl = from_jsonl.column("BulkComplaintLevel").unwrap();
    assert_eq!(bcl.scalar_type(), ScalarType::Int);
}

fn assert_tables_equal(a: &Table, b: &Table) {
    assert_eq!(a.num_columns(), b.num_columns());
    for ((field, ca), cb) in a.schema().fields.iter().zip(a.columns()).zip(b.columns()) {
        if ca != cb {
            let row = (0..a.num_rows())
                .find(|&r| ca.get(r) != cb.get(r))
                .unwrap_or(0);
            panic!(
                "column `{}` differs at row {row}: jsonl {:?} vs csv {:?}",
                field.name,
                ca.get(row),
                cb.get(row)
            );
        }
    }
}
