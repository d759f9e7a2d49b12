//! `kql run` options (`--output`, `--stats`, `--format markdown`), `kql check` on
//! standard input, `kql functions` and `kql completions`, through the built binary.

// Test code: a failing unwrap is a failing test (clippy exempts only `#[test]` bodies).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const NOW: &str = "2026-05-10T00:00:00Z";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `kql` in the workspace root, colour off, with `stdin` as standard input.
fn kql(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kql"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace('\r', "")
}

const PARTNER: &str = "queries/partner_bec_top_domains.kql";

#[test]
fn output_writes_to_a_file_and_nothing_to_stdout() {
    let dir = std::env::temp_dir().join(format!("kql-cli-cmd-{}-output", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("result.csv");
    let out = kql(
        &[
            "run",
            "--data",
            "testdata/seeds",
            "--now",
            NOW,
            "-f",
            "csv",
            "--output",
            file.to_str().unwrap(),
            PARTNER,
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        std::fs::read_to_string(root().join("testdata/seeds/partner_bec_top_domains.expected.csv"))
            .unwrap()
            .replace(":string", "")
            .replace(":long", "")
    );
}

#[test]
fn output_to_an_unwritable_place_exits_2() {
    let out = kql(
        &[
            "run",
            "--data",
            "testdata/seeds",
            "--output",
            "/nonexistent/dir/x.csv",
            PARTNER,
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot write /nonexistent/dir/x.csv"));
}

#[test]
fn markdown_is_a_github_table() {
    let out = kql(
        &[
            "run",
            "--data",
            "testdata/seeds",
            "--now",
            NOW,
            "-f",
            "markdown",
            PARTNER,
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "| SenderFromDomain:string | OutboundEmails:long | IncomingEmailsWithThreats:long |\n\
         | --- | --- | --- |\n\
         | partner.com | 3 | 2 |\n\
         | known.com | 2 | 1 |\n\
         | tie1.com | 2 | 1 |\n\
         | tie2.com | 2 | 3 |\n"
    );
}

#[test]
fn stats_go_to_stderr() {
    let out = kql(
        &[
            "run",
            "--data",
            "testdata/seeds",
            "--now",
            NOW,
            "-f",
            "csv",
            "--stats",
            PARTNER,
        ],
        "",
    );
    assert!(out.status.success());
    assert!(!text(&out.stdout).contains("stats"));
    let stderr = text(&out.stderr);
    for phase in [
        "parse",
        "check",
        "load+execute",
        "write",
        "rows PrimaryResult: 4",
    ] {
        assert!(stderr.contains(phase), "{phase} missing from {stderr}");
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["run", "--format", "xml", PARTNER][..],
        &["run", "--now", "yesterday", PARTNER],
        &["run", "--schema-variant", "splunk", PARTNER],
        &["run", "--table", "EmailEvents", PARTNER],
        &["check", "--format", "xml", "queries"],
        &["completions", "tcsh"],
    ] {
        let out = kql(args, "");
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn check_reads_standard_input() {
    let out = kql(&["check", "-"], "EmailEvents | project Sender\n");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("kql::check::unknown_column"), "{stderr}");
    assert!(stderr.contains("<stdin>"), "{stderr}");
    assert_eq!(text(&out.stdout), "1 files checked, 1 with errors\n");

    let out = kql(
        &["check", "--schema-variant", "sentinel", "-"],
        "EmailEvents | project TimeGenerated\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn functions_lists_three_groups() {
    let out = kql(&["functions"], "");
    assert!(out.status.success());
    let listing = text(&out.stdout);
    for heading in ["Scalar functions (", "Aggregates (", "Operators ("] {
        assert!(listing.contains(heading), "{heading}");
    }
    assert!(listing.contains("  strcat "), "{listing}");
    assert!(listing.contains("  dcount "), "{listing}");
    assert!(listing.contains("  !has_cs "), "{listing}");
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = kql(&["completions", shell], "");
        assert!(out.status.success(), "{shell}");
        let script = text(&out.stdout);
        assert!(script.contains("kql"), "{shell}");
        assert!(script.contains("schema-variant"), "{shell}");
    }
}

/// Two blank-line-separated queries: `--each-block` runs both, each result named after
/// its block; `--block 2` runs the second; a comment-only block is not counted.
#[test]
fn each_block_runs_every_query_of_a_file() {
    let query = "// a heading\n\nprint a = 1\n\n// second\nprint b = \"two\"\n";
    let out = kql(&["run", "--each-block", "-"], query);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("== <stdin> block 1 (line 3: print a = 1)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("== <stdin> block 2 (line 6: print b = \"two\")"),
        "{stdout}"
    );
    let out = kql(&["run", "--block", "2", "--format", "csv", "-"], query);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "b\ntwo\n");
    let out = kql(&["run", "--block", "3", "-"], query);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("has no block 3"));
    // Without the option the file is one query, and two expressions without `;` are
    // a syntax error, as in Kusto.
    let out = kql(&["run", "-"], query);
    assert_eq!(out.status.code(), Some(1));
}

/// A block's diagnostics point at the file's own line.
#[test]
fn a_failing_block_names_its_block_and_line() {
    let out = kql(&["run", "--each-block", "-"], "print 1\n\nprint x\n");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("<stdin> block 2:3:"), "{stderr}");
}

/// `kql check --each-block` checks each block as its own query, at the file's lines.
#[test]
fn check_each_block_reports_at_the_files_lines() {
    let query = "print a = 1\n\nprint b = nosuchcolumn\n";
    let out = kql(&["check", "-"], query);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("expected `;` or the end of the query"));
    let out = kql(&["check", "--each-block", "--format", "json", "-"], query);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("nosuchcolumn"), "{stdout}");
    assert!(stdout.contains("\"line\": 3"), "{stdout}");
}
