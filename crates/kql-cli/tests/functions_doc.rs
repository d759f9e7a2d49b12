//! `docs/functions.md` is the output of `kql functions --markdown`: this test fails when
//! the function registry changed and the document was not regenerated.

// Test code: a failing unwrap is a failing test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

#[test]
fn docs_functions_md_is_up_to_date() {
    let out = Command::new(env!("CARGO_BIN_EXE_kql"))
        .args(["functions", "--markdown"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success());
    let generated = String::from_utf8(out.stdout).unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/functions.md");
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .replace("\r\n", "\n");
    if committed != generated {
        let first_difference = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || "one is a prefix of the other".to_string(),
                |i| format!("line {}", i + 1),
            );
        panic!(
            "docs/functions.md is out of date with the function registry (first difference: \
             {first_difference}).\nRegenerate it from the workspace root with:\n\n    \
             cargo run -q -p kql-cli -- functions --markdown > docs/functions.md\n"
        );
    }
}
