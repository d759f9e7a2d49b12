//! `kql fmt`, driven through the built binary with colour off; and the formatter's
//! guarantees (same syntax tree, same comments, idempotent) over the seed queries and,
//! when `../shared` is beside the checkout, the whole hunting corpus.

// The helpers below are test code too: a failing unwrap is a failing test (clippy only
// exempts `#[test]` functions themselves).
#![allow(clippy::unwrap_used)]

use std::path::Path;

mod common;
use common::{kql, repo, temp_file, text};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

const MESSY: &str = "// Recent mail\nlet since = 4hrs ;  // window\n\n\nEmailEvents|where Timestamp>ago(since)   // recent\n  // only inbound\n  |summarize count() by SenderFromDomain\n";
const TIDY: &str = "// Recent mail\nlet since = 4h; // window\n\nEmailEvents\n| where Timestamp > ago(since) // recent\n// only inbound\n| summarize count() by SenderFromDomain\n";

#[test]
fn stdin_to_stdout() {
    let out = kql(&["fmt", "-"], Some(MESSY));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), TIDY);
    let out = kql(&["fmt", "-"], Some(TIDY));
    assert_eq!(text(&out.stdout), TIDY);
}

#[test]
fn check_lists_changes_and_writes_nothing() {
    let messy = temp_file("check", "messy.kql", MESSY);
    let tidy = temp_file("check", "tidy.kql", TIDY);
    let (m, t) = (messy.to_str().unwrap(), tidy.to_str().unwrap());
    let out = kql(&["fmt", "--check", m, t], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), format!("{m}\n"));
    assert_eq!(read(&messy), MESSY);

    let out = kql(&["fmt", m, t], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(read(&messy), TIDY);
    assert_eq!(read(&tidy), TIDY);

    let out = kql(&["fmt", "--check", m, t], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "");

    let out = kql(&["fmt", "--check", "-"], Some(MESSY));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "<stdin>\n");
}

#[test]
fn rule_query_block_formatted_in_place() {
    let rule = "id: 1f2e\nname: Recent mail   # keep me\nquery: |\n    EmailEvents|where Timestamp>ago(4hrs) // recent\n\n    |count\n\nentityMappings:\n  - entityType: Account\nversion: 1.0.0\n";
    let path = temp_file("rule", "rule.yaml", rule);
    let p = path.to_str().unwrap();
    let out = kql(&["fmt", p], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        read(&path),
        "id: 1f2e\nname: Recent mail   # keep me\nquery: |\n    EmailEvents\n    | where Timestamp > ago(4h) // recent\n    | count\n\nentityMappings:\n  - entityType: Account\nversion: 1.0.0\n"
    );
    assert_eq!(kql(&["fmt", "--check", p], None).status.code(), Some(0));
}

#[test]
fn rule_without_a_block_is_refused() {
    let rule = "id: 1\nquery: \"EmailEvents|count\"\n";
    let path = temp_file("flow", "rule.yaml", rule);
    let out = kql(&["fmt", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("kql::fmt::yaml_query_block"));
    assert_eq!(read(&path), rule);
}

#[test]
fn comment_inside_a_step_is_refused() {
    let src = "EmailEvents\n| where A == 1 // first\n    and B == 2\n";
    let path = temp_file("inside", "q.kql", src);
    let out = kql(&["fmt", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("kql::fmt::comment_inside"), "{err}");
    assert!(err.contains("q.kql:2:16"), "{err}");
    assert_eq!(read(&path), src);
}

#[test]
fn syntax_errors_and_missing_files() {
    let out = kql(&["fmt", "-"], Some("T | where"));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("kql::parse::"));
    assert_eq!(text(&out.stdout), "");
    let out = kql(&["fmt", "no/such/file.kql"], None);
    assert_eq!(out.status.code(), Some(2));
}

/// Formatting `src` keeps its syntax tree and comments, and formatting again changes
/// nothing. `None` when the formatter refuses the text.
fn check_guarantees(name: &str, src: &str) -> Option<()> {
    let formatted = kql_parser::format(src).ok()?;
    assert_eq!(
        kql_parser::parse(&formatted).unwrap(),
        kql_parser::parse(src).unwrap(),
        "{name}"
    );
    let texts = |s: &str| -> Vec<String> {
        kql_parser::comments(s)
            .into_iter()
            .map(|c| c.text)
            .collect()
    };
    assert_eq!(texts(&formatted), texts(src), "{name}");
    assert_eq!(
        kql_parser::format(&formatted).unwrap(),
        formatted,
        "{name}: not idempotent"
    );
    Some(())
}

#[test]
fn seed_queries_are_stable() {
    for entry in std::fs::read_dir(repo().join("queries")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "kql") {
            let src = read(&path);
            check_guarantees(&path.display().to_string(), &src)
                .unwrap_or_else(|| panic!("{} was refused", path.display()));
        }
    }
}

#[test]
fn seed_rules_format_in_place() {
    for name in ["conversation_takeover.yaml", "partner_bec_top_domains.yaml"] {
        let original = read(&repo().join("queries").join(name));
        let path = temp_file("seed-rules", name, &original);
        let p = path.to_str().unwrap();
        let out = kql(&["fmt", p], None);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let once = read(&path);
        assert_eq!(kql(&["fmt", "--check", p], None).status.code(), Some(0));
        // Everything before and after the query block is unchanged.
        let head = original.find("query:").unwrap();
        assert_eq!(once[..head], original[..head]);
    }
}

#[test]
fn corpus_is_stable() {
    let dir = repo().join("../shared/corpus/sentinel");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let (mut parsed, mut formatted) = (0, 0);
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "kql") {
            continue;
        }
        let Ok(src) = std::fs::read_to_string(&path) else {
            continue;
        };
        if kql_parser::parse(&src).is_err() {
            continue;
        }
        parsed += 1;
        match check_guarantees(&path.display().to_string(), &src) {
            Some(()) => formatted += 1,
            // The only acceptable refusal of a parseable file: a comment it cannot place.
            None => assert!(
                matches!(
                    kql_parser::format(&src),
                    Err(kql_parser::FormatError::CommentInside { .. })
                ),
                "{}",
                path.display()
            ),
        }
    }
    eprintln!("corpus: {formatted} of {parsed} parseable files formatted and stable");
    assert!(
        parsed > 0 && formatted * 10 >= parsed * 9,
        "{formatted}/{parsed}"
    );
}
