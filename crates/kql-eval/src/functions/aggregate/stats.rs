//! `variance`, `variancep`, `stdev`, `stdevp` (and their `if` forms), `covariance`,
//! `covariancep`: real results over `int`, `long` or `real` values, nulls ignored.
//!
//! ```kql
//! range x from 1 to 5 step 1 | summarize variance(x), stdev(x), variancep(x)
//! //                           2.5          1.5811388300841898  2
//! ```
//!
//! * The sample forms divide by n - 1 (Bessel's correction), the `p` forms by n
//!   (q/variance-aggregation-function.md, q/stdev-aggregation-function.md; values from
//!   conformance `variance-`, `variancep-`, `stdev-`, `varianceif-`,
//!   `variancepif-aggregation-function-00`, `covariancep-aggregation-function-00`).
//! * A group without values gives 0 for `variance`/`stdev` (q/summarize-operator.md's
//!   default-value table; conformance `summarize-operator-04`), and so does a group with
//!   a single value **[U]** (n - 1 = 0; the empty case shows Kusto guards the division
//!   with 0). The default of the population forms over no values is undocumented (the
//!   table leaves them out), so that case is an error.
//! * The mean is computed first, then the squared deviations (two passes), which is
//!   exact to the last few bits; Kusto's summation order is unknown.
//! * `covariance(x, y)` reads the rows where both are non-null **[U]**. Kusto names it
//!   `covariance_x_y` (q/covariance-aggregation-function.md; `covariancep_x_y`,
//!   conformance `covariancep-aggregation-function-00`): `naming::covariance_name`.

use kql_parser::ast::ScalarType;

use super::{Rows, check_predicate, column_arg, first_arg_type};
use crate::exec::EvalError;
use crate::functions::{AggregateFunction, AggregateInput, ArgInfo, TypeError};
use crate::table::{Column, PrimitiveColumn};

macro_rules! spread {
    ($const:ident, $name:literal, $args:literal, $rule:ident, $eval:ident, $doc:literal) => {
        pub(super) const $const: AggregateFunction = AggregateFunction {
            name: $name,
            min_args: $args,
            max_args: $args,
            return_type: $rule,
            name_prefix: Some($name),
            picks_row: false,
            eval: $eval,
            doc: $doc,
        };
    };
}

spread!(
    VARIANCE,
    "variance",
    1,
    numeric,
    variance,
    "sample variance (n - 1)"
);
spread!(
    VARIANCEIF,
    "varianceif",
    2,
    numeric_if,
    varianceif,
    "varianceif(x, predicate): sample variance where the predicate is true"
);
spread!(
    VARIANCEP,
    "variancep",
    1,
    numeric,
    variancep,
    "population variance (n)"
);
spread!(
    VARIANCEPIF,
    "variancepif",
    2,
    numeric_if,
    variancepif,
    "variancepif(x, predicate): population variance where the predicate is true"
);
spread!(
    STDEV,
    "stdev",
    1,
    numeric,
    stdev,
    "sample standard deviation (n - 1)"
);
spread!(
    STDEVIF,
    "stdevif",
    2,
    numeric_if,
    stdevif,
    "stdevif(x, predicate): sample standard deviation where the predicate is true"
);
spread!(
    STDEVP,
    "stdevp",
    1,
    numeric,
    stdevp,
    "population standard deviation (n)"
);
spread!(
    COVARIANCE,
    "covariance",
    2,
    numeric_pair,
    covariance,
    "covariance(x, y): sample covariance (n - 1)"
);
spread!(
    COVARIANCEP,
    "covariancep",
    2,
    numeric_pair,
    covariancep,
    "covariancep(x, y): population covariance (n)"
);

fn check_numeric(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args.get(i).map(|a| a.ty) {
        Some(ScalarType::Int | ScalarType::Long | ScalarType::Real) => Ok(()),
        Some(t) => Err(TypeError::arg(
            i,
            format!("expected an int, long or real, not {t}; convert it first, e.g. todouble(x)"),
        )),
        None => Err(TypeError::call("expected a numeric argument")),
    }
}

fn numeric(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    first_arg_type(args)?;
    check_numeric(args, 0)?;
    Ok(ScalarType::Real)
}

fn numeric_if(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_predicate(args, 1)?;
    numeric(args)
}

fn numeric_pair(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_numeric(args, 1)?;
    numeric(args)
}

/// The value of row `r` of a numeric column, as a real (`None`: null).
fn real_at(column: &Column, r: usize) -> Option<f64> {
    match column {
        Column::Int(c) => c.get(r).map(f64::from),
        Column::Long(c) => c.get(r).map(|v| v as f64),
        Column::Real(c) => c.get(r),
        _ => None,
    }
}

/// Per group: the number of pairs read and the sum of the products of the deviations
/// from the means (for `x` with itself: the sum of squared deviations).
fn co_moments(x: &Column, y: &Column, rows: &Rows<'_>) -> Vec<(u64, f64)> {
    let pair = |r: usize| Some((real_at(x, r)?, real_at(y, r)?));
    let mut sums = vec![(0u64, 0f64, 0f64); rows.groups];
    for (row, g) in rows.iter() {
        if let (Some((a, b)), Some((n, sx, sy))) = (pair(row), sums.get_mut(g)) {
            *n += 1;
            *sx += a;
            *sy += b;
        }
    }
    let means: Vec<(f64, f64)> = sums
        .iter()
        .map(|&(n, sx, sy)| (sx / n as f64, sy / n as f64))
        .collect();
    let mut out: Vec<(u64, f64)> = sums.iter().map(|&(n, _, _)| (n, 0.0)).collect();
    for (row, g) in rows.iter() {
        if let (Some((a, b)), Some(&(mx, my)), Some((_, m))) =
            (pair(row), means.get(g), out.get_mut(g))
        {
            *m += (a - mx) * (b - my);
        }
    }
    out
}

/// `sample`: divide by n - 1 (0 for n <= 1); else by n (an error for n = 0).
fn finish(
    moments: Vec<(u64, f64)>,
    sample: bool,
    root: bool,
    name: &str,
) -> Result<Column, EvalError> {
    let mut out = Vec::with_capacity(moments.len());
    for (n, m) in moments {
        let v = match (sample, n) {
            (true, 0 | 1) => 0.0,
            (true, n) => m / (n - 1) as f64,
            (false, 0) => {
                return Err(EvalError::invalid(format!(
                    "{name}() of a group without values: Kusto's result is undocumented"
                )));
            }
            (false, n) => m / n as f64,
        };
        out.push(if root { v.sqrt() } else { v });
    }
    Ok(Column::Real(PrimitiveColumn::from_values(out)))
}

fn spread_of(
    input: &AggregateInput<'_>,
    rows: &Rows<'_>,
    sample: bool,
    root: bool,
    name: &str,
) -> Result<Column, EvalError> {
    let x = column_arg(input, 0)?;
    finish(co_moments(&x, &x, rows), sample, root, name)
}

fn variance(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    spread_of(input, &Rows::all(input), true, false, "variance")
}

fn varianceif(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    spread_of(
        input,
        &Rows::where_true(input, 1)?,
        true,
        false,
        "varianceif",
    )
}

fn variancep(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    spread_of(input, &Rows::all(input), false, false, "variancep")
}

fn variancepif(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    spread_of(
        input,
        &Rows::where_true(input, 1)?,
        false,
        false,
        "variancepif",
    )
}

fn stdev(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    spread_of(input, &Rows::all(input), true, true, "stdev")
}

fn stdevif(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    spread_of(input, &Rows::where_true(input, 1)?, true, true, "stdevif")
}

fn stdevp(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    spread_of(input, &Rows::all(input), false, true, "stdevp")
}

fn covariance_of(
    input: &AggregateInput<'_>,
    sample: bool,
    name: &str,
) -> Result<Column, EvalError> {
    let x = column_arg(input, 0)?;
    let y = column_arg(input, 1)?;
    finish(co_moments(&x, &y, &Rows::all(input)), sample, false, name)
}

fn covariance(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    covariance_of(input, true, "covariance")
}

fn covariancep(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    covariance_of(input, false, "covariancep")
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::super::testing::{error, table};
    use super::*;
    use crate::exec::EvalContext;
    use crate::functions::{Datum, GroupIds};
    use crate::table::PrimitiveColumn;

    #[test]
    fn documented_values() {
        // q/stdev-, variance-, variancep-aggregation-function.md (conformance cases).
        let t = table(
            "range x from 1 to 5 step 1 | summarize stdev(x), variance(x), variancep(x), stdevp(x)",
        );
        assert_eq!(
            t[0],
            [
                "stdev_x:real",
                "variance_x:real",
                "variancep_x:real",
                "stdevp_x:real"
            ]
        );
        let v: Vec<f64> = t[1].iter().map(|s| s.parse().unwrap_or(f64::NAN)).collect();
        assert!((v[0] - 1.5811388300841898).abs() < 1e-12);
        assert_eq!(v[1], 2.5);
        assert_eq!(v[2], 2.0);
        assert!((v[3] - 2f64.sqrt()).abs() < 1e-12);
        // varianceif-, variancepif-aggregation-function.md: 850 and 833.
        let t = table(
            "range x from 1 to 100 step 1 | summarize varianceif(x, x % 2 == 0), variancepif(x, x % 2 == 0), stdevif(x, x % 2 == 0)",
        );
        assert_eq!(t[1][..2], ["850", "833"]);
        let s: f64 = t[1][2].parse().unwrap_or(f64::NAN);
        // q/stdevif-aggregation-function.md: 29.1547594742265.
        assert!((s - 29.1547594742265).abs() < 1e-9);
    }

    #[test]
    fn empty_and_single_values() {
        // conformance summarize-operator-04: stdev_x and variance_x are 0 on empty input.
        let t = table("datatable(x:long)[] | summarize stdev(x), variance(x)");
        assert_eq!(t[1], ["0", "0"]);
        let t = table("datatable(x:real)[real(null), 4.5] | summarize stdev(x), variancep(x)");
        assert_eq!(t[1], ["0", "0"]);
        assert!(error("datatable(x:long)[] | summarize variancep(x)").contains("undocumented"));
        assert!(error("datatable(s:string)['a'] | summarize stdev(s)").contains("real"));
    }

    fn reals(v: &[f64]) -> Datum {
        Datum::Column(Arc::new(Column::Real(PrimitiveColumn::from_values(
            v.to_vec(),
        ))))
    }

    #[test]
    fn covariance_values() {
        // q/covariance-aggregation-function.md: 20.5; covariancep: 16.4.
        let args = [
            reals(&[1.0, 2.0, 3.0, 4.0, 5.0]),
            reals(&[14.0, 10.0, 17.0, 20.0, 50.0]),
        ];
        let input = AggregateInput {
            args: &args,
            types: &[ScalarType::Real, ScalarType::Real],
            groups: &GroupIds::single(5),
            out: ScalarType::Real,
            ctx: &EvalContext::default(),
        };
        let get = |c: Result<Column, EvalError>| c.ok().and_then(|c| c.as_real()?.get(0));
        assert_eq!(get(covariance(&input)), Some(20.5));
        let p = get(covariancep(&input)).unwrap_or(f64::NAN);
        assert!((p - 16.4).abs() < 1e-12);
    }
}
