//! The block-parallel loaders (JSONL and CSV cut into blocks parsed on several
//! threads) give the same tables and the same errors as one sequential read: the seed
//! data is loaded in blocks of a few hundred bytes on three threads
//! (`KQL_BLOCK_BYTES`, `KQL_THREADS`) and the seed queries' results compared.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NOW: &str = "2026-05-10T00:00:00Z";
const QUERIES: [&str; 2] = [
    "queries/conversation_takeover.kql",
    "queries/partner_bec_top_domains.kql",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `kql run` with `block` bytes per load block and `threads` threads.
fn run(args: &[&str], block: &str, threads: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kql"))
        .arg("run")
        .args(["--now", NOW, "-f", "csv"])
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env("KQL_BLOCK_BYTES", block)
        .env("KQL_THREADS", threads)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kql-parallel-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn jsonl_in_small_blocks_gives_the_expected_results() {
    let table = "EmailEvents=testdata/seeds/EmailEvents.jsonl";
    for (query, expected) in QUERIES.iter().zip([
        "testdata/seeds/conversation_takeover.expected.csv",
        "testdata/seeds/partner_bec_top_domains.expected.csv",
    ]) {
        let want = std::fs::read_to_string(root().join(expected)).unwrap();
        let want_rows: Vec<&str> = want.lines().skip(1).collect();
        for block in ["64", "300", "1000000"] {
            let got = stdout(&run(&["--table", table, query], block, "3"));
            let got_rows: Vec<&str> = got.lines().skip(1).collect();
            let (mut a, mut b) = (got_rows.clone(), want_rows.clone());
            a.sort();
            b.sort();
            assert_eq!(a, b, "{query} in blocks of {block}");
        }
    }
}

#[test]
fn csv_in_small_blocks_matches_jsonl() {
    // The seed table as CSV (quoted fields with commas and doubled quotes).
    let csv = temp("EmailEvents.csv");
    let everything = temp("all.kql");
    std::fs::write(&everything, "EmailEvents\n").unwrap();
    let all = stdout(&run(
        &[
            "--data",
            "testdata/seeds",
            "--output",
            csv.to_str().unwrap(),
            everything.to_str().unwrap(),
        ],
        "1000000",
        "1",
    ));
    assert_eq!(all, "");
    let csv_table = format!("EmailEvents={}", csv.display());
    for query in QUERIES {
        let from_jsonl = stdout(&run(&["--data", "testdata/seeds", query], "1000000", "1"));
        for block in ["64", "257", "4096"] {
            let from_csv = stdout(&run(&["--table", &csv_table, query], block, "3"));
            assert_eq!(from_csv, from_jsonl, "{query} in blocks of {block}");
        }
    }
}

#[test]
fn an_error_in_a_late_block_names_its_line_and_column() {
    let mut text =
        std::fs::read_to_string(root().join("testdata/seeds/EmailEvents.jsonl")).unwrap();
    let lines = text.lines().count();
    text.push_str("{\"EmailDirection\":\"Inbound\",\"Timestamp\":\"yesterday\"}\n");
    let file = temp("bad.jsonl");
    std::fs::write(&file, text).unwrap();
    let table = format!("EmailEvents={}", file.display());
    let out = run(&["--table", &table, QUERIES[0]], "128", "2");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    // The value starts at column 41 of the last line.
    let place = format!("bad.jsonl:{}:41", lines + 1);
    assert!(err.contains(&place), "{place} not in {err}");
}
