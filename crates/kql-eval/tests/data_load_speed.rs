//! Load-speed probe, ignored by default. Run in release mode:
//!
//! ```text
//! KQL_LOAD_FILE=/tmp/ee100k.jsonl cargo test --release -p kql-eval --test data_load_speed -- --ignored --nocapture
//! ```
//!
//! It loads the file with the EmailEvents advanced hunting schema, all columns and then
//! only four, and prints the times.
#![cfg(test)]

use std::path::Path;
use std::time::Instant;

use kql_eval::load::{LoadOptions, load_table};
use kql_eval::schema::{SchemaCatalog, SchemaVariant};

#[test]
#[ignore = "a timing probe; needs KQL_LOAD_FILE"]
fn load_speed() {
    let Ok(file) = std::env::var("KQL_LOAD_FILE") else {
        eprintln!("note: set KQL_LOAD_FILE to an EmailEvents .jsonl or .csv file");
        return;
    };
    let schema = SchemaCatalog::builtin(SchemaVariant::AdvancedHunting)
        .get("EmailEvents")
        .cloned();
    for columns in [
        None,
        Some(vec![
            "Timestamp".to_string(),
            "SenderFromDomain".to_string(),
            "RecipientEmailAddress".to_string(),
            "EmailDirection".to_string(),
        ]),
    ] {
        let n = columns.as_ref().map_or(0, Vec::len);
        let opts = LoadOptions {
            schema: schema.clone(),
            columns,
            ..LoadOptions::default()
        };
        let start = Instant::now();
        let t = load_table(Path::new(&file), &opts).unwrap();
        eprintln!(
            "{file}: {} rows x {} columns (asked for {n}) in {:?}",
            t.num_rows(),
            t.num_columns(),
            start.elapsed()
        );
    }
}
