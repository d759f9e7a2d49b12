//! `kql parse`, driven through the built binary with colour off.

// The helpers below are test code too: a failing unwrap is a failing test (clippy only
// exempts `#[test]` functions themselves).
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

mod common;
use common::{kql, temp_file, text};

fn queries() -> PathBuf {
    common::repo().join("queries")
}

#[test]
fn seed_queries_and_rules_parse() {
    let dir = queries();
    let mut args = Vec::new();
    for name in [
        "conversation_takeover.kql",
        "conversation_takeover.yaml",
        "partner_bec_top_domains.kql",
        "partner_bec_top_domains.yaml",
    ] {
        args.push(dir.join(name).display().to_string());
    }
    let mut argv = vec!["parse"];
    argv.extend(args.iter().map(String::as_str));
    let out = kql(&argv, None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn print_gives_canonical_kql_that_parses_again() {
    let path = queries().join("partner_bec_top_domains.kql");
    let out = kql(&["parse", "--print", path.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(
        printed.starts_with("EmailEvents\n| where EmailDirection == \"Outbound\"\n"),
        "{printed}"
    );
    let again = kql(&["parse", "--print", "-"], Some(&printed));
    assert!(again.status.success());
    assert_eq!(text(&again.stdout), printed);
}

#[test]
fn ast_prints_the_tree() {
    let out = kql(&["parse", "--ast", "-"], Some("T | take 5"));
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "Script 0..10\n  Query 0..10\n    Pipeline 0..10\n      Name T 0..1\n      | Take 4..10\n        Literal long 5 9..10\n"
    );
}

#[test]
fn syntax_errors_are_rendered_and_exit_1() {
    let path = temp_file("errors", "bad.kql", "EmailEvents\n| extnd x = 1\n| where\n");
    let out = kql(&["parse", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr).replace(&path.display().to_string(), "bad.kql");
    insta::assert_snapshot!("syntax_errors", stderr);
}

#[test]
fn stdin_is_read_with_dash() {
    let out = kql(&["parse", "-"], Some("print 1 +"));
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("kql::parse::unexpected_token"), "{stderr}");
    assert!(stderr.contains("<stdin>"), "{stderr}");
}

#[test]
fn missing_file_exits_2() {
    let out = kql(&["parse", "/nonexistent/query.kql"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read /nonexistent/query.kql"));
}

#[test]
fn rule_without_query_exits_2() {
    let path = temp_file("noquery", "rule.yaml", "id: 1\nname: no query here\n");
    let out = kql(&["parse", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("has no `query:` field"), "{stderr}");
    assert!(stderr.contains("kql::source::no_query"), "{stderr}");
}

#[test]
fn yaml_errors_point_into_the_query() {
    let path = temp_file(
        "yamlerr",
        "rule.yml",
        "id: 1\nquery: |\n  T\n  | summarze count()\n",
    );
    let out = kql(&["parse", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("did you mean `summarize`?"), "{stderr}");
    assert!(stderr.contains("rule.yml (query)"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    let out = kql(&["parse"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = kql(&["parse", "--bogus", "x.kql"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn good_and_bad_files_together_report_every_error() {
    let bad = temp_file("mixed", "bad.kql", "T | take\n");
    let good = queries().join("conversation_takeover.kql");
    let out = kql(
        &[
            "parse",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
            "/nonexistent.kql",
        ],
        None,
    );
    // An unreadable file wins over a query error.
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("expected an expression"), "{stderr}");
    assert!(stderr.contains("cannot read"), "{stderr}");
}
