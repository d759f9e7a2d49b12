//! `and`, `or`, `iff` and `case` compute an operand only where the result depends on
//! it, so a guard keeps a function away from inputs it refuses (several corpus queries
//! guard `array_index_of`/`set_has_element` with `isnotempty(...) and ...`).

// A test that cannot run its query should fail loudly: unwrapping is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kql_eval::{MemoryTables, RunOptions, check, run};

fn rows(src: &str) -> Vec<String> {
    let script = kql_parser::parse(src).unwrap();
    let tables = MemoryTables::default();
    let bound = check(&script, &tables).unwrap();
    let out = run(
        &bound,
        &tables,
        &RunOptions {
            now: Some(0),
            ..Default::default()
        },
    )
    .unwrap();
    let t = out.last().unwrap();
    (0..t.num_rows())
        .map(|r| {
            t.row(r)
                .iter()
                .map(|v| v.to_kusto_string())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

const DATA: &str = r#"datatable(k:string, d:dynamic)["none", dynamic(null), "ab", dynamic(["a", "b"]), "c", dynamic(["c"])]"#;

#[test]
fn and_skips_the_right_side_where_the_left_is_false() {
    let q = format!(r#"{DATA} | where isnotnull(d) and set_has_element(d, "a") | project k"#);
    assert_eq!(rows(&q), ["ab"]);
}

#[test]
fn or_skips_the_right_side_where_the_left_is_true() {
    let q = format!(r#"{DATA} | where isnull(d) or set_has_element(d, "c") | project k"#);
    assert_eq!(rows(&q), ["none", "c"]);
}

#[test]
fn iff_evaluates_each_branch_on_its_own_rows() {
    let q = format!(r#"{DATA} | project k, i = iff(isnull(d), -1, array_index_of(d, "b"))"#);
    assert_eq!(rows(&q), ["none|-1", "ab|1", "c|-1"]);
}

#[test]
fn case_evaluates_later_predicates_only_on_unmatched_rows() {
    let q = format!(
        r#"{DATA} | project k, c = case(isnull(d), "null", set_has_element(d, "a"), "has a", "other")"#
    );
    assert_eq!(rows(&q), ["none|null", "ab|has a", "c|other"]);
}
