//! `serialize` and the window functions (`row_number`, `prev`, `next`, `row_cumsum`,
//! `row_rank_min`, `row_rank_dense`): expectations from their q/*-function.md pages
//! and the conformance cases row-cumsum-function-01, row-rank-*.

#[path = "operators_helper.rs"]
mod helper;

use helper::{error, eval, rows};

#[test]
fn row_number_counts_from_one_or_a_start() {
    // row-number-function.md: range a from 1 to 10 step 1 | sort by a desc | extend rn = row_number()
    let q = "range a from 1 to 4 step 1 | sort by a desc | extend rn = row_number()";
    assert_eq!(rows(q), ["4|1", "3|2", "2|3", "1|4"]);
    let q = "range a from 1 to 4 step 1 | extend rn = row_number(7, a == 3)";
    assert_eq!(rows(q), ["1|7", "2|8", "3|7", "4|8"]);
    let (header, _) = eval("datatable(x:long) [1] | serialize rn = row_number()");
    assert_eq!(header, ["x:long", "rn:long"]);
}

#[test]
fn prev_and_next_shift_with_defaults() {
    // prev-function.md: prev(a), prev(a, 2), prev(a, 1, 0).
    let q = "range a from 1 to 4 step 1 | extend p = prev(a), p2 = prev(a, 2), p0 = prev(a, 1, 0), n = next(a)";
    assert_eq!(rows(q), ["1|||0|2", "2|1||1|3", "3|2|1|2|4", "4|3|2|3|"]);
    let q = "datatable(s:string) ['a', 'b'] | serialize | extend p = prev(s)";
    assert_eq!(rows(q), ["a|", "b|a"]);
}

#[test]
fn row_cumsum_restarts() {
    // Conformance row-cumsum-function-01.
    let q = r#"datatable (name:string, month:int, salary:long)
        ["Alice", 1, 1000, "Bob", 1, 1000, "Alice", 2, 2000, "Bob", 2, 1950, "Alice", 3, 1400, "Bob", 3, 1450]
        | order by name asc, month asc
        | extend total = row_cumsum(salary, name != prev(name))"#;
    let (header, _) = eval(q);
    assert_eq!(header[3], "total:long");
    let totals: Vec<String> = eval(q).1.into_iter().map(|r| r[3].clone()).collect();
    assert_eq!(totals, ["1000", "3000", "4400", "1000", "2950", "4400"]);
}

#[test]
fn ranks() {
    // Conformance row-rank-min-function-00 and row-rank-dense-function-01.
    let q = "datatable(d:long) [2, 3, 3, 3, 100] | sort by d asc | extend m = row_rank_min(d), x = row_rank_dense(d)";
    assert_eq!(rows(q), ["2|1|1", "3|2|2", "3|2|2", "3|2|2", "100|5|3"]);
}

#[test]
fn window_functions_need_a_serialized_input() {
    let e = error("datatable(x:long) [1, 2] | extend n = row_number()");
    assert!(e.contains("serialized"), "{e}");
    assert!(
        error("datatable(x:long) [1] | summarize count() by x | extend p = prev(x)")
            .contains("serialized")
    );
    // Order-keeping operators keep it.
    assert_eq!(
        rows(
            "datatable(x:long) [2, 1] | serialize | where x > 0 | project x | extend n = row_number()"
        ),
        ["2|1", "1|2"]
    );
}

#[test]
fn as_names_the_input() {
    // as-operator.md / conformance as-operator-01: `union withsource` takes the `as` name.
    let q = "union withsource=TableName (range x from 1 to 2 step 1 | as T1), (range x from 1 to 1 step 1 | as T2)";
    assert_eq!(rows(q), ["T1|1", "T1|2", "T2|1"]);
    // The name is usable later in the query.
    let q = "range x from 1 to 2 step 1 | as R | join kind=inner (R | extend y = x * 10) on x | project x, y";
    assert_eq!(rows(q), ["1|10", "2|20"]);
}

#[test]
fn invoke_passes_the_input_first() {
    // invoke-operator.md: a function whose first parameter is tabular.
    let q = "let f = (T:(x:long), k:long) { T | where x > k | count };
             range x from 1 to 10 step 1 | invoke f(7)";
    assert_eq!(rows(q), ["3"]);
    assert!(error("let g = (k:long) { print k }; print a = 1 | invoke g(1)").contains("table"));
}
