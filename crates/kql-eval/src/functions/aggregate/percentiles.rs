//! `percentiles(x, p)`: `percentile(x, p)` written with the plural name.
//!
//! ```kql
//! range x from 1 to 100 step 1 | summarize percentiles(x, 5)   // percentile_x_5: 5
//! ```
//!
//! q/percentiles-aggregation-function.md: `percentiles(x, p1, ...)` returns "an estimate
//! for the specified nearest-rank percentile" of each `p`, one column per percentile,
//! named `percentile_x_p` like `percentile()`'s. kql takes one percentile here (several
//! make several columns, which the binder does not build yet) and computes it exactly
//! as `percentile` does, under the same limit of 100 values per group (see
//! `percentile.rs`).

use kql_parser::ast::ScalarType;

use super::percentile::{percentile, percentile_type};
use crate::functions::{AggregateFunction, ArgInfo, TypeError};

pub(super) const PERCENTILES: AggregateFunction = AggregateFunction {
    name: "percentiles",
    min_args: 2,
    max_args: 64,
    return_type: percentiles_type,
    name_prefix: Some("percentile"),
    picks_row: false,
    eval: percentile,
    doc: "percentiles(x, p): percentile(x, p); one percentile per call in kql",
};

fn percentiles_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if args.len() > 2 {
        return Err(TypeError::arg(
            2,
            "kql supports one percentile per `percentiles()` call; write `percentiles(x, p1), percentiles(x, p2)`",
        ));
    }
    percentile_type(args)
}

#[cfg(test)]
mod tests {
    use crate::functions::test_support::run_at;

    #[test]
    fn one_percentile_is_percentile_with_its_name() {
        // conformance invoke-operator-00: p5 and p99 of 1..100 are 5 and 99; the column
        // is named like percentile()'s (conformance summarize-operator-04).
        let rows = run_at(
            "range x from 1 to 100 step 1 | summarize percentiles(x, 5), percentiles(x, 99)",
            0,
            true,
        )
        .unwrap_or_default();
        assert_eq!(rows[0], ["percentile_x_5:long", "percentile_x_99:long"]);
        assert_eq!(rows[1], ["5", "99"]);
    }

    #[test]
    fn several_percentiles_in_one_call_are_refused() {
        assert!(
            run_at(
                "range x from 1 to 10 step 1 | summarize percentiles(x, 5, 50)",
                0,
                true
            )
            .is_err()
        );
    }
}
