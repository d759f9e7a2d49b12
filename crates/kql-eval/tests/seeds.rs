//! The two seed hunts, verbatim, over the hand-built table in `testdata/seeds`
//! (every row's purpose is in `testdata/seeds/ROWS.md`), with `now()` pinned to
//! 2026-05-10T00:00:00Z.
//!
//! The expected rows were derived independently by `scripts/seed_oracle.py`, a literal
//! Python evaluation of the same hunts; the snapshots pin the exact output (column
//! names, types, order).

// A test that cannot read its inputs should fail loudly: unwrapping is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::Arc;

use kql_eval::schema::{SchemaCatalog, SchemaVariant};
use kql_eval::table::Table;
use kql_eval::{FileTables, RunOptions, check, run};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn now() -> i64 {
    kql_eval::value::datetime_parse::parse_datetime("2026-05-10T00:00:00Z").unwrap()
}

fn run_seed(query_file: &str, data_file: &str) -> Arc<Table> {
    let text = std::fs::read_to_string(root().join("queries").join(query_file)).unwrap();
    let script = kql_parser::parse(&text).unwrap();
    let mut tables = FileTables::new(SchemaCatalog::builtin(SchemaVariant::AdvancedHunting));
    tables.add_file("EmailEvents", root().join("testdata/seeds").join(data_file));
    let bound = check(&script, &tables).unwrap();
    let mut results = run(
        &bound,
        &tables,
        &RunOptions {
            now: Some(now()),
            ..Default::default()
        },
    )
    .unwrap();
    results.pop().unwrap()
}

/// The table as text: a header of `name:type`, then one line per row, cells joined by
/// ` | `.
fn render(table: &Table) -> String {
    let mut out = table
        .schema()
        .fields
        .iter()
        .map(|f| format!("{}:{}", f.name, f.ty))
        .collect::<Vec<_>>()
        .join(" | ");
    for r in 0..table.num_rows() {
        out.push('\n');
        out.push_str(
            &table
                .row(r)
                .iter()
                .map(|v| v.to_kusto_string())
                .collect::<Vec<_>>()
                .join(" | "),
        );
    }
    out
}

fn sorted_rows(table: &Table) -> Vec<String> {
    let mut rows: Vec<String> = (0..table.num_rows())
        .map(|r| {
            table
                .row(r)
                .iter()
                .map(|v| v.to_kusto_string())
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn conversation_takeover_finds_first_contact_replies() {
    let table = run_seed("conversation_takeover.kql", "EmailEvents.jsonl");
    // scripts/seed_oracle.py: the seven reply-like messages from never-seen pairs and domains.
    let ids: Vec<String> = {
        let mut v: Vec<String> = (0..table.num_rows())
            .map(|r| table.row(r)[1].to_kusto_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        ids,
        [
            "h05-boundary-history",
            "r01-reply-new",
            "r02-lowercase-re",
            "r03-re-inside",
            "r04-forward",
            "r12-no-domain",
            "r13-junk-history-domain"
        ]
    );
    let header = render(&table)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    insta::assert_snapshot!(format!("{header}\n{}", sorted_rows(&table).join("\n")));
}

#[test]
fn partner_bec_ranks_domains_by_outbound_volume() {
    let table = run_seed("partner_bec_top_domains.kql", "EmailEvents.jsonl");
    // scripts/seed_oracle.py; `sort by` is descending by default.
    let outbound: Vec<String> = (0..table.num_rows())
        .map(|r| table.row(r)[1].to_kusto_string())
        .collect();
    assert_eq!(outbound, ["3", "2", "2", "2"]);
    let mut rows = sorted_rows(&table);
    rows.sort();
    assert_eq!(
        rows,
        [
            "known.com\t2\t1",
            "partner.com\t3\t2",
            "tie1.com\t2\t1",
            "tie2.com\t2\t3"
        ]
    );
    insta::assert_snapshot!(render(&table));
}

#[test]
fn a_table_two_scans_read_is_loaded_once() {
    // The partner-BEC hunt joins EmailEvents with itself: both scans are served by one
    // load holding the columns of both.
    let data = root().join("testdata/seeds/EmailEvents.jsonl");
    let text = std::fs::read_to_string(root().join("queries/partner_bec_top_domains.kql")).unwrap();
    let script = kql_parser::parse(&text).unwrap();
    let mut tables = FileTables::new(SchemaCatalog::builtin(SchemaVariant::AdvancedHunting));
    tables.add_file("EmailEvents", &data);
    let progress = Arc::new(kql_eval::load::LoadProgress::default());
    tables.progress = Some(progress.clone());
    let bound = check(&script, &tables).unwrap();
    let out = run(
        &bound,
        &tables,
        &RunOptions {
            now: Some(now()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(out[0].num_rows(), 4);
    let file_len = std::fs::metadata(&data).unwrap().len();
    assert_eq!(progress.snapshot(), (file_len, file_len));
}
