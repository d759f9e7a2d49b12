//! `kql run --bad-rows skip|null` and `--max-memory`: reporting the rows that were
//! skipped or nulled, and reading the memory limit.
//!
//! ```text
//! $ kql run --bad-rows skip --bad-rows-report bad.jsonl --table T=t.csv q.kql
//! kql: 3 bad rows in t.csv skipped (first at t.csv:12:5: field `N`: cannot convert "x" to long)
//! ```

use std::io::Write;
use std::path::Path;

use kql_eval::exec::{default_max_memory, parse_size};
use kql_eval::load::BadRows;
use miette::{Report, miette};

use super::Failure;

/// Says on stderr how many rows of each file were skipped or nulled, and writes each
/// to `report` (JSON Lines) when given. The file is written even when there were none,
/// so a stale report is never mistaken for this run's.
pub(super) fn report_bad_rows(
    bad_rows: &BadRows,
    report: Option<&Path>,
) -> Result<(), (Failure, Report)> {
    for line in bad_rows.summary() {
        eprintln!("{line}");
    }
    let Some(path) = report else {
        return Ok(());
    };
    let mut text = String::new();
    for row in bad_rows.log.rows() {
        text.push_str(&row.to_json());
        text.push('\n');
    }
    std::fs::File::create(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| {
            (
                Failure::Input,
                miette!(
                    code = "kql::run::bad_rows_report",
                    help = "check that the directory exists and is writable",
                    "cannot write --bad-rows-report {}: {e}",
                    path.display()
                ),
            )
        })
}

/// `--max-memory SIZE`, or half the machine's memory.
pub(super) fn max_memory(size: Option<&str>) -> Result<u64, Report> {
    let Some(size) = size else {
        return Ok(default_max_memory());
    };
    parse_size(size).ok_or_else(|| {
        miette!(
            code = "kql::run::bad_size",
            help = "give a size such as 4GiB, 512MB or 100k (K/M/G are powers of 1024, KB/MB/GB of 1000)",
            "--max-memory takes a size, got `{size}`"
        )
    })
}
