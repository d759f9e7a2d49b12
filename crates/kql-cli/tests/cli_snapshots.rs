//! The `kql` binary's output, driven as a user would (colour off, `now()` pinned) and
//! kept as reviewed insta snapshots: help texts, results, rendered diagnostics, exit
//! codes.

// Test code: a failing unwrap is a failing test (clippy exempts only `#[test]` bodies).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NOW: &str = "2026-05-10T00:00:00Z";

/// The workspace root: every command runs there, with relative paths, so snapshots do
/// not depend on where the repository is checked out.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Runs `kql` in the workspace root with colour off and a terminal width that would be
/// used if stdout were a terminal (it is not: nothing is truncated).
fn kql(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kql"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "60")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

/// A fresh per-test temporary directory.
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kql-cli-snap-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Output text with timings (`, 12 ms)`) and `dir` replaced by stable placeholders.
fn clean(bytes: &[u8], dir: Option<&Path>) -> String {
    let mut text = String::from_utf8_lossy(bytes).replace('\r', "");
    if let Some(dir) = dir {
        text = text.replace(&dir.display().to_string(), "[TMP]");
    }
    redact_ms(&text)
}

/// `(4 rows, 12 ms)` becomes `(4 rows, [T] ms)`.
fn redact_ms(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" ms)") {
        let head = &rest[..i];
        let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && head[..head.len() - digits].ends_with(", ") {
            out.push_str(&head[..head.len() - digits]);
            out.push_str("[T]");
        } else {
            out.push_str(head);
        }
        out.push_str(" ms)");
        rest = &rest[i + 4..];
    }
    out.push_str(rest);
    out
}

/// Exit code, stdout and stderr in one snapshot.
fn transcript(out: &Output, dir: Option<&Path>) -> String {
    format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        clean(&out.stdout, dir),
        clean(&out.stderr, dir)
    )
}

#[test]
fn redaction_keeps_everything_but_the_time() {
    assert_eq!(redact_ms("(4 rows, 12 ms)\n"), "(4 rows, [T] ms)\n");
    assert_eq!(redact_ms("took 3 ms) (x, 7 ms)"), "took 3 ms) (x, [T] ms)");
}

#[test]
fn help() {
    insta::assert_snapshot!("help", transcript(&kql(&["--help"]), None));
    insta::assert_snapshot!("run_help", transcript(&kql(&["run", "--help"]), None));
}

#[test]
fn seed_queries_as_table_and_csv() {
    for query in ["conversation_takeover", "partner_bec_top_domains"] {
        for format in ["table", "csv"] {
            let path = format!("queries/{query}.kql");
            let out = kql(&[
                "run",
                "--data",
                "testdata/seeds",
                "--now",
                NOW,
                "--format",
                format,
                &path,
            ]);
            assert_eq!(out.status.code(), Some(0), "{}", transcript(&out, None));
            insta::assert_snapshot!(format!("run_{query}_{format}"), transcript(&out, None));
        }
    }
}

#[test]
fn misspelled_column_is_rendered_and_exits_1() {
    let dir = temp_dir("misspelled");
    let query = dir.join("bad.kql");
    std::fs::write(
        &query,
        "EmailEvents\n| where SenderFromDomian == \"x\"\n| take 1\n",
    )
    .unwrap();
    let out = kql(&[
        "run",
        "--data",
        "testdata/seeds",
        "--now",
        NOW,
        query.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("run_misspelled_column", transcript(&out, Some(&dir)));
}

#[test]
fn missing_query_file_exits_2() {
    let out = kql(&["run", "--data", "testdata/seeds", "queries/no_such.kql"]);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!("run_missing_file", transcript(&out, None));
}

#[test]
fn check_of_the_seed_queries_is_clean() {
    let out = kql(&["check", "queries"]);
    assert_eq!(out.status.code(), Some(0), "{}", transcript(&out, None));
    insta::assert_snapshot!("check_clean", transcript(&out, None));
}

#[test]
fn check_reports_every_error_of_every_file() {
    let dir = temp_dir("check");
    std::fs::write(
        dir.join("a_bad.kql"),
        "EmailEvents\n| where SenderFromDomian == \"x\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b_rule.yaml"),
        "id: 1\nquery: |\n  EmailEvnts\n  | take 1\n",
    )
    .unwrap();
    std::fs::write(dir.join("c_not_a_rule.yml"), "name: a workbook\n").unwrap();
    std::fs::write(dir.join("d_syntax.kql"), "EmailEvents | take\n").unwrap();
    let out = kql(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("check_broken", transcript(&out, Some(&dir)));

    let out = kql(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("check_broken_json", transcript(&out, Some(&dir)));
}

/// One error and one warning of each kind, in a `.kql` file and in a rule.
fn write_warned(dir: &Path) {
    std::fs::write(
        dir.join("a_warned.kql"),
        "let unused = 1h;\nCloudAppEvents\n| where RawEventData == \"x\" and AccountDisplayName has \"@\"\n| extend g = parse_user_agent(IPAddress, \"browser\")\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b_rule.yaml"),
        "id: 1\nquery: |\n  EmailEvents\n  | where strlen(42) > 1\n",
    )
    .unwrap();
}

#[test]
fn check_json_has_severities_and_end_positions() {
    let dir = temp_dir("checkjson");
    write_warned(&dir);
    let out = kql(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("check_warned_json", transcript(&out, Some(&dir)));
}

#[test]
fn check_sarif_is_a_code_scanning_log() {
    let dir = temp_dir("checksarif");
    write_warned(&dir);
    let out = kql(&["check", "--format", "sarif", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"][0]["tool"]["driver"]["name"], "kql");
    insta::assert_snapshot!("check_warned_sarif", transcript(&out, Some(&dir)));
}

#[test]
fn check_with_warnings_only_succeeds() {
    let dir = temp_dir("checkwarn");
    std::fs::write(dir.join("w.kql"), "let unused = 1;\nEmailEvents | take 1\n").unwrap();
    let out = kql(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("check_warning_only", transcript(&out, Some(&dir)));
}

#[test]
fn check_prints_the_result_schema() {
    let out = kql(&[
        "check",
        "--print-schema",
        "queries/partner_bec_top_domains.kql",
        "queries/conversation_takeover.yaml",
    ]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("check_print_schema", transcript(&out, None));
}

#[test]
fn failing_test_case_shows_its_diff() {
    let dir = temp_dir("testdiff");
    let root = root();
    std::fs::write(
        dir.join("partner.test.yaml"),
        format!(
            "query: {}\nnow: {NOW}\ndata: {}\n",
            root.join("queries/partner_bec_top_domains.kql").display(),
            root.join("testdata/seeds").display()
        ),
    )
    .unwrap();
    let expected =
        std::fs::read_to_string(root.join("testdata/seeds/partner_bec_top_domains.expected.csv"))
            .unwrap()
            .replace("partner.com,3,2", "partner.com,3,5")
            .replace("tie2.com,2,3\n", "");
    std::fs::write(dir.join("partner.expected.csv"), expected).unwrap();
    let out = kql(&["test", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = transcript(&out, Some(&dir)).replace(&root.display().to_string(), "[ROOT]");
    insta::assert_snapshot!("test_failing_diff", text);
}

#[test]
fn partner_bec_in_every_machine_format() {
    for format in ["markdown", "json", "jsonl", "kusto-json"] {
        let out = kql(&[
            "run",
            "--data",
            "testdata/seeds",
            "--now",
            NOW,
            "--format",
            format,
            "queries/partner_bec_top_domains.kql",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", transcript(&out, None));
        insta::assert_snapshot!(format!("run_partner_bec_{format}"), transcript(&out, None));
    }
}

#[test]
fn bad_data_file_names_file_line_and_value_and_exits_2() {
    let dir = temp_dir("bad-data");
    let data = dir.join("EmailEvents.jsonl");
    std::fs::write(
        &data,
        concat!(
            "{\"Timestamp\": \"2026-05-09T10:00:00Z\", \"EmailDirection\": \"Outbound\", \"RecipientEmailAddress\": \"a@b.com\"}\n",
            "{\"Timestamp\": \"yesterday\", \"EmailDirection\": \"Outbound\", \"RecipientEmailAddress\": \"c@d.com\"}\n",
        ),
    )
    .unwrap();
    let table = format!("EmailEvents={}", data.display());
    // The takeover hunt reads Timestamp (the partner-BEC one does not, and so never
    // parses the bad value: only the columns a query reads are loaded).
    let out = kql(&[
        "run",
        "--table",
        &table,
        "--now",
        NOW,
        "queries/conversation_takeover.kql",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        transcript(&out, Some(&dir))
    );
    insta::assert_snapshot!("run_bad_data_file", transcript(&out, Some(&dir)));
}
