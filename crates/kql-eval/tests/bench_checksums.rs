//! The seed hunts over data from `../shared/bench/gen_email_events.py`, at 10k and 100k
//! rows, from JSONL and from CSV, must give the result checksums published in
//! `../shared/bench/README.md` (computed there with DuckDB, Polars and a row-at-a-time
//! evaluation). Skipped, with a note, when the generator or python3 is missing.
//!
//! The checksum: every value as text (null as ""), a row's values joined with U+001F,
//! lines sorted by code point, each ended with `\n`, SHA-256 of the UTF-8 bytes.

// A test that cannot read its inputs should fail loudly: unwrapping is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use kql_eval::schema::{SchemaCatalog, SchemaVariant};
use kql_eval::table::Table;
use kql_eval::{FileTables, RunOptions, check, run};
use sha2::{Digest, Sha256};

const NOW: &str = "2026-05-10T00:00:00Z";

/// (rows, takeover rows, takeover sha256, partner rows, partner sha256) from the README.
const EXPECTED: [(usize, usize, &str, usize, &str); 2] = [
    (
        10_000,
        10,
        "0c16a07585085d00f4be1d3ca3da555dd1af7912bba812585a3fff73efd01134",
        38,
        "8ae830165d0b5af13a77435fb6e92809c3b1094c01739d6ea381786426710de9",
    ),
    (
        100_000,
        43,
        "4bcbb2d8eb15e39a9640b96ae755c9c6a41bebdddbe9c039a6cc0495c05828df",
        248,
        "8e238af88b0d2e8311547ea61a3fb898b44eec5dd10222e600d4be21a319d892",
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn generate(rows: usize, format: &str, dir: &Path) -> Option<PathBuf> {
    let generator = root().join("../shared/bench/gen_email_events.py");
    if !generator.is_file() {
        return None;
    }
    let out = dir.join(format!("EmailEvents_{rows}.{format}"));
    if out.is_file() {
        return Some(out);
    }
    let status = Command::new("python3")
        .arg(&generator)
        .args([
            "--rows",
            &rows.to_string(),
            "--now",
            NOW,
            "--format",
            format,
            "--out",
        ])
        .arg(&out)
        .status()
        .ok()?;
    status.success().then_some(out)
}

fn checksum(table: &Table) -> String {
    let mut lines: Vec<String> = (0..table.num_rows())
        .map(|r| {
            table
                .row(r)
                .iter()
                .map(|v| v.to_kusto_string())
                .collect::<Vec<_>>()
                .join("\u{1f}")
        })
        .collect();
    lines.sort();
    let mut hasher = Sha256::new();
    for line in lines {
        hasher.update(line.as_bytes());
        hasher.update(b"\n");
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn run_query(query: &str, data: &Path) -> Table {
    let text = std::fs::read_to_string(root().join("queries").join(query)).unwrap();
    let script = kql_parser::parse(&text).unwrap();
    let mut tables = FileTables::new(SchemaCatalog::builtin(SchemaVariant::AdvancedHunting));
    tables.add_file("EmailEvents", data);
    let bound = check(&script, &tables).unwrap();
    let now = kql_eval::value::datetime_parse::parse_datetime(NOW).unwrap();
    let mut out = run(
        &bound,
        &tables,
        &RunOptions {
            now: Some(now),
            ..Default::default()
        },
    )
    .unwrap();
    std::sync::Arc::unwrap_or_clone(out.pop().unwrap())
}

#[test]
fn seed_results_match_published_checksums() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    for (rows, takeover_rows, takeover_sum, partner_rows, partner_sum) in EXPECTED {
        for format in ["jsonl", "csv"] {
            let Some(data) = generate(rows, format, &dir) else {
                eprintln!(
                    "skipped: ../shared/bench/gen_email_events.py or python3 is not available"
                );
                return;
            };
            let takeover = run_query("conversation_takeover.kql", &data);
            assert_eq!(
                takeover.num_rows(),
                takeover_rows,
                "{rows} {format} takeover rows"
            );
            assert_eq!(
                checksum(&takeover),
                takeover_sum,
                "{rows} {format} takeover checksum"
            );
            let partner = run_query("partner_bec_top_domains.kql", &data);
            assert_eq!(
                partner.num_rows(),
                partner_rows,
                "{rows} {format} partner rows"
            );
            assert_eq!(
                checksum(&partner),
                partner_sum,
                "{rows} {format} partner checksum"
            );
            // Ordered by OutboundEmails, never increasing.
            let outbound: Vec<i64> = (0..partner.num_rows())
                .map(|r| partner.row(r)[1].as_i64().unwrap())
                .collect();
            assert!(
                outbound.windows(2).all(|w| w[0] >= w[1]),
                "{rows} {format} partner order"
            );
        }
    }
}
