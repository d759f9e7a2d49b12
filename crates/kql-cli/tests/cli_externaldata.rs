//! `kql run --external URL=FILE` and `--external-dir DIR` feed `externaldata`; without
//! them the run fails naming the URL and how to supply it.

// Test code: a failing unwrap is a failing test (clippy exempts only `#[test]` bodies).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Runs `kql` with the query on standard input, colour off.
fn kql(args: &[&str], query: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kql"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(query.as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace('\r', "")
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kql-cli-ext-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

const URL: &str = "https://feeds.example/lists/bad.csv";
const QUERY: &str = "externaldata(Domain:string, Score:long) [@'https://feeds.example/lists/bad.csv'] with (format='csv', ignoreFirstRecord=true) | where Score > 5";

#[test]
fn external_maps_a_url_to_a_file() {
    let d = dir("map");
    let feed = d.join("feed.csv");
    std::fs::write(&feed, "Domain,Score\na.test,9\nb.test,1\n").unwrap();
    let spec = format!("{URL}={}", feed.display());
    let out = kql(&["run", "-f", "csv", "--external", &spec, "-"], QUERY);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "Domain,Score\na.test,9\n");
}

#[test]
fn external_dir_finds_the_file_by_its_url() {
    let d = dir("cache");
    std::fs::write(
        d.join("feeds.example_lists_bad.csv"),
        "Domain,Score\nc.test,7\n",
    )
    .unwrap();
    let out = kql(
        &[
            "run",
            "-f",
            "csv",
            "--external-dir",
            d.to_str().unwrap(),
            "-",
        ],
        QUERY,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "Domain,Score\nc.test,7\n");
}

#[test]
fn a_missing_feed_is_an_input_error_naming_the_url() {
    let out = kql(&["run", "-"], QUERY);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains(URL), "{err}");
    assert!(err.contains("--external"), "{err}");
    assert!(err.contains("feeds.example_lists_bad.csv"), "{err}");
    // `kql check` accepts the query: it needs no data.
    let out = kql(&["check", "-"], QUERY);
    assert!(out.status.success(), "{}", text(&out.stderr));
}
