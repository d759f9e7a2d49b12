//! Bad queries: each gives Kusto's answer or a clear error, in bounded time. Every
//! query runs on its own thread with a generous timeout that is only a hang guard;
//! what is asserted is the exact result or error.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::mpsc;
use std::time::Duration;

use kql_eval::{Limits, MemoryTables, RunOptions, check, run};
use kql_parser::MAX_DEPTH;

/// A hang guard only: every query here finishes in well under a second.
const HANG_GUARD: Duration = Duration::from_secs(120);

/// Parses, checks and runs `query` with the given limits on an 8 MiB thread (a main
/// thread's stack on Linux and macOS; `kql` itself runs on 64 MiB): the binder and the
/// executor recurse once per nesting level, and an unoptimised build needs that much
/// for the deepest query the parser accepts. The result's rows as text, or the error.
fn outcome(query: &str, limits: Limits) -> Result<String, String> {
    let query = query.to_string();
    let (send, receive) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let result = (|| {
                let script = kql_parser::parse(&query).map_err(|e| e.to_string())?;
                let tables = MemoryTables::default();
                let bound = check(&script, &tables).map_err(|e| {
                    e.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; ")
                })?;
                let options = RunOptions {
                    now: Some(639_028_512_000_000_000),
                    limits,
                    ..RunOptions::default()
                };
                let out = run(&bound, &tables, &options).map_err(|e| e.to_string())?;
                let rows: Vec<String> = out
                    .iter()
                    .flat_map(|t| t.rows())
                    .map(|r| {
                        r.iter()
                            .map(|v| v.to_kusto_string())
                            .collect::<Vec<_>>()
                            .join(",")
                    })
                    .collect();
                Ok(rows.join("\n"))
            })();
            let _ = send.send(result);
        })
        .unwrap();
    receive
        .recv_timeout(HANG_GUARD)
        .expect("the query did not finish: a hang")
}

fn small() -> Limits {
    Limits {
        max_rows: 1_000_000,
        max_memory: 64 << 20,
    }
}

fn err(query: &str) -> String {
    outcome(query, small()).unwrap_err()
}

fn ok(query: &str) -> String {
    outcome(query, small()).unwrap()
}

#[test]
fn a_range_of_a_trillion_rows_stops_at_once() {
    assert_eq!(
        err("range x from 1 to 1000000000000 step 1 | count"),
        "range would produce 1000000000000 rows, more than the limit of 1000000"
    );
    // Under the row limit, the memory limit stops what the values would take.
    let limits = Limits {
        max_rows: u64::MAX,
        max_memory: 64 << 20,
    };
    assert_eq!(
        outcome("range x from 1 to 100000000 step 1 | count", limits).unwrap_err(),
        "range would hold 3.0 GiB, more than the memory limit of 64.0 MiB"
    );
}

#[test]
fn exploding_mv_expand_and_join_stop_at_the_limit() {
    assert_eq!(
        err("range x from 1 to 10 step 1 | extend d = range(1, 1000000, 1) | mv-expand d | count"),
        "mv-expand would produce 2000000 rows, more than the limit of 1000000"
    );
    // Every row matches every row: 10^10 pairs, refused before they are made.
    assert_eq!(
        err(
            "range x from 1 to 100000 step 1 | extend k = 1 | join kind=inner (range y from 1 to 100000 step 1 | extend k = 1) on k | count"
        ),
        "join would produce 1100000 rows, more than the limit of 1000000"
    );
    assert_eq!(
        err(
            "range x from 1 to 200000 step 1 | extend s = strcat(tostring(x), strcat_array(repeat(\"y\", 500), \"\")) | summarize max(strlen(s))"
        ),
        "extend/project would hold 97.9 MiB, more than the memory limit of 64.0 MiB"
    );
}

/// The `regex` crate matches in time linear in the input (no backtracking), so the
/// classic catastrophic patterns answer at once; a pattern whose compiled form is too
/// big is refused when the query is checked.
#[test]
fn pathological_regexes_answer_in_linear_time() {
    assert_eq!(
        ok(
            "print s = strcat_array(repeat(\"a\", 100000), \"\") | project x = s matches regex \"(a+)+$\", y = extract(\"(a|aa)+b\", 0, s), z = strlen(replace_regex(s, \"(a*)*b\", \"c\"))"
        ),
        "true,,100000"
    );
    assert_eq!(
        err("print x = extract(\"a{1000}{1000}\", 0, \"a\")"),
        "extract(): invalid regex \"a{1000}{1000}\": Compiled regex exceeds size limit of 10485760 bytes."
    );
}

#[test]
fn deep_nesting_is_refused_or_runs() {
    let too_deep =
        "nesting too deep: brackets, operators or pipeline steps nest more than the parser allows";
    for query in [
        format!("print x = {}1{}", "(".repeat(100_000), ")".repeat(100_000)),
        format!(
            "print x = {}\"a\"{}",
            "strlen(".repeat(10_000),
            ")".repeat(10_000)
        ),
        format!(
            "print x = dynamic({}{})",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
        format!(
            "range x from 1 to 2 step 1{} | count",
            " | where x > 0".repeat(5_000)
        ),
    ] {
        assert_eq!(err(&query), too_deep);
    }
    // The deepest the parser accepts also checks and runs.
    let n = MAX_DEPTH - 8;
    assert_eq!(
        ok(&format!("print x = 1{}", " + 1".repeat(n))),
        (n + 1).to_string()
    );
    assert_eq!(
        ok(&format!(
            "range x from 1 to 3 step 1{} | count",
            " | where x > 1".repeat(n / 2)
        )),
        "2"
    );
    assert_eq!(
        ok(&format!(
            "print x = {}1{}",
            "(".repeat(n / 2),
            ")".repeat(n / 2)
        )),
        "1"
    );
    assert_eq!(
        ok(&format!(
            "print x = {}\"abc\"{}",
            "trim(\" \", ".repeat(n / 4),
            ")".repeat(n / 4)
        )),
        "abc"
    );
    assert_eq!(
        ok(&format!(
            "print x = {}1{}",
            "iff(true, ".repeat(n / 4),
            ", 0)".repeat(n / 4)
        )),
        "1"
    );
    let nested_unions = format!(
        "{}print x = 1{} | count",
        "union (".repeat(n / 8),
        ")".repeat(n / 8)
    );
    assert_eq!(ok(&nested_unions), "1");
    let joins = format!(
        "print k = 1{} | count",
        " | join (print k = 1) on k".repeat(n / 8)
    );
    assert_eq!(ok(&joins), "1");
}

#[test]
fn enormous_literals() {
    assert_eq!(
        ok(&format!("print n = strlen(\"{}\")", "a".repeat(10_000_000))),
        "10000000"
    );
    assert_eq!(
        ok(&format!(
            "print n = array_length(dynamic([{}]))",
            vec!["1"; 1_000_000].join(",")
        )),
        "1000000"
    );
    assert_eq!(
        err("print x = 99999999999999999999999"),
        "invalid number: `99999999999999999999999` does not fit in a long"
    );
    assert_eq!(
        err("print x = 1e400"),
        "invalid number: `1e400` is out of the range of a real"
    );
}

/// Real division follows IEEE 754 as .NET's double does: `x / 0.0` is ±infinity and
/// `0.0 / 0.0` NaN. For long division and modulo by zero the Kusto docs give no answer
/// (<https://learn.microsoft.com/en-us/azure/data-explorer/kusto/query/numoperators>
/// lists the operators only); `[U]` kql answers null, as Kusto does for other failed
/// computations such as `bin(5, 0)`.
#[test]
fn division_by_zero() {
    assert_eq!(
        ok("print a = 1 / 0, b = 5 % 0, c = 1.0 / 0, d = -1.0 / 0, e = 0.0 / 0, f = bin(5, 0)"),
        ",,Infinity,-Infinity,NaN,"
    );
}

/// Kusto computes in 64-bit integers ("Kusto uses 64-bit types for arithmetic
/// computations", <https://learn.microsoft.com/en-us/kusto/concepts/overflow>); a long
/// that overflows wraps around (.NET's unchecked arithmetic) `[U]`: the page documents
/// only that an aggregate's overflow fails the query.
#[test]
fn long_overflow_wraps() {
    assert_eq!(
        ok(
            "print a = 9223372036854775807 + 1, b = -9223372036854775807 - 2, c = 9223372036854775807 * 2, d = -(-9223372036854775807 - 1)"
        ),
        "-9223372036854775808,9223372036854775807,-2,-9223372036854775808"
    );
    // Near the end of long's range, range stops rather than overflowing.
    assert_eq!(
        ok("range x from 9223372036854775800 to 9223372036854775807 step 5 | count"),
        "2"
    );
}
