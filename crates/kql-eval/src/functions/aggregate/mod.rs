//! Aggregation functions for `summarize`: each takes its argument columns and the
//! row-to-group assignment and returns one value per group
//! (q/summarize-operator.md; names per kusto-semantics.md section 5).
//!
//! ```kql
//! T | summarize count(), dcount(Sender), make_set(Domain), sumif(Size, Spam) by Day
//! ```
//!
//! Shared rules, from q/summarize-operator.md ("Default values of aggregations") and the
//! conformance cases `summarize-operator-04..08`:
//!
//! * nulls are ignored (except `count(x)` and `make_list_with_nulls`); a string is never
//!   null, so `""` is a value like any other;
//! * a group with no (non-null) values gets the aggregate's default: 0 for `count`,
//!   `countif`, `dcount`, `dcountif`, `count_distinct`, `sum`, `sumif`, `variance`,
//!   `stdev` (and their `if` forms); `[]` / `{}` for `make_list`, `make_set`, `make_bag`;
//!   NaN for `avg` (0/0); null for everything else;
//! * the `...if(x, predicate)` forms read only the rows where the predicate is `true`
//!   (null counts as not true). They are the plain aggregate over [`Rows::where_true`].
//!
//! Each implementation walks the rows once with per-group state in vectors indexed by
//! group id, with typed paths over the column variants.

mod any;
mod bag;
mod bitwise;
mod count;
mod distinct;
mod extremes;
mod list;
mod percentile;
mod percentiles;
mod set;
mod stats;
mod sum;

use std::borrow::Cow;
use std::sync::Arc;

use kql_parser::ast::ScalarType;

use super::{AggregateFunction, AggregateInput, ArgInfo, Datum, TypeError};
use crate::exec::EvalError;
use crate::table::Column;
use crate::value::{Dynamic, Value};

pub static FUNCTIONS: &[AggregateFunction] = &[
    count::COUNT,
    count::COUNTIF,
    distinct::DCOUNT,
    distinct::DCOUNTIF,
    distinct::COUNT_DISTINCT,
    distinct::COUNT_DISTINCTIF,
    sum::SUM,
    sum::SUMIF,
    sum::AVG,
    sum::AVGIF,
    extremes::MAX,
    extremes::MIN,
    extremes::MAXIF,
    extremes::MINIF,
    extremes::ARG_MAX,
    extremes::ARG_MIN,
    list::MAKE_LIST,
    list::MAKE_LIST_IF,
    list::MAKE_LIST_WITH_NULLS,
    set::MAKE_SET,
    set::MAKE_SET_IF,
    bag::MAKE_BAG,
    bag::MAKE_BAG_IF,
    any::TAKE_ANY,
    any::ANY,
    any::ANYIF,
    stats::STDEV,
    stats::STDEVIF,
    stats::STDEVP,
    stats::VARIANCE,
    stats::VARIANCEIF,
    stats::VARIANCEP,
    stats::VARIANCEPIF,
    bitwise::BINARY_ALL_AND,
    bitwise::BINARY_ALL_OR,
    bitwise::BINARY_ALL_XOR,
    percentile::PERCENTILE,
    percentiles::PERCENTILES,
    stats::COVARIANCE,
    stats::COVARIANCEP,
];

/// Group id of a row an `...if` predicate rejected: past every real group, so the
/// per-group vectors' `get_mut` skips it.
const SKIP: u32 = u32::MAX;

/// The rows an aggregate reads: `ids[row]` is the row's group, or [`SKIP`].
pub(super) struct Rows<'a> {
    pub ids: Cow<'a, [u32]>,
    pub groups: usize,
}

impl<'a> Rows<'a> {
    /// Every row.
    pub fn all(input: &'a AggregateInput<'_>) -> Rows<'a> {
        Rows {
            ids: Cow::Borrowed(&input.groups.ids),
            groups: input.groups.count,
        }
    }

    /// The rows where argument `pred` is `true` (a null or false predicate skips the
    /// row, q/countif-aggregation-function.md).
    pub fn where_true(input: &'a AggregateInput<'_>, pred: usize) -> Result<Rows<'a>, EvalError> {
        let ids = &input.groups.ids;
        let masked: Vec<u32> = match arg(input, pred)? {
            Datum::Scalar(v) => {
                let keep = matches!(v, Value::Bool(true))
                    || matches!(v, Value::Dynamic(Dynamic::Bool(true)));
                ids.iter().map(|&g| if keep { g } else { SKIP }).collect()
            }
            Datum::Column(c) => match c.as_ref() {
                Column::Bool(p) => ids
                    .iter()
                    .enumerate()
                    .map(|(row, &g)| if p.get(row) == Some(true) { g } else { SKIP })
                    .collect(),
                Column::Dynamic(p) => ids
                    .iter()
                    .enumerate()
                    .map(|(row, &g)| {
                        if matches!(p.get(row), Dynamic::Bool(true)) {
                            g
                        } else {
                            SKIP
                        }
                    })
                    .collect(),
                other => {
                    return Err(EvalError::Internal(format!(
                        "aggregate predicate of type {}",
                        other.scalar_type()
                    )));
                }
            },
        };
        Ok(Rows {
            ids: Cow::Owned(masked),
            groups: input.groups.count,
        })
    }

    /// `(row, group)` for every row that is read.
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let groups = self.groups;
        self.ids
            .iter()
            .enumerate()
            .filter(move |&(_, &g)| (g as usize) < groups)
            .map(|(row, &g)| (row, g as usize))
    }
}

/// Argument `i` of the call.
pub(super) fn arg<'a>(input: &'a AggregateInput<'_>, i: usize) -> Result<&'a Datum, EvalError> {
    input
        .args
        .get(i)
        .ok_or_else(|| EvalError::Internal(format!("aggregate argument {i} missing")))
}

/// Argument `i` as a column of one value per row (a constant is broadcast).
pub(super) fn column_arg(input: &AggregateInput<'_>, i: usize) -> Result<Arc<Column>, EvalError> {
    let ty = input
        .types
        .get(i)
        .copied()
        .ok_or_else(|| EvalError::Internal(format!("aggregate argument {i} untyped")))?;
    arg(input, i)?
        .clone()
        .into_column(ty, input.groups.ids.len())
}

/// The optional `maxSize` argument `i` of `make_list`, `make_set`, `make_bag`: at most
/// 1048576, the default (q/make-set-aggregation-function.md).
pub(super) fn max_size(input: &AggregateInput<'_>, i: usize) -> Result<usize, EvalError> {
    const LIMIT: i64 = 1_048_576;
    let Some(d) = input.args.get(i) else {
        return Ok(LIMIT as usize);
    };
    match d.as_scalar().and_then(Value::as_i64) {
        Some(n) if (1..=LIMIT).contains(&n) => Ok(n as usize),
        Some(n) => Err(EvalError::invalid(format!(
            "maxSize must be between 1 and {LIMIT}, not {n}"
        ))),
        None => Err(EvalError::invalid("maxSize must be a constant integer")),
    }
}

/// A long column from per-group counts or sums.
pub(super) fn long_column(values: Vec<i64>) -> Column {
    Column::Long(crate::table::PrimitiveColumn::from_values(values))
}

/// Typing rule: a `long` result.
pub(crate) fn long_result(_: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    Ok(ScalarType::Long)
}

/// Typing rule: the first argument's type.
pub(crate) fn first_arg_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    args.first()
        .map(|a| a.ty)
        .ok_or_else(|| TypeError::call("expected an argument"))
}

/// Checks that argument `i` is a predicate (`bool`, or `dynamic` holding one).
pub(super) fn check_predicate(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args.get(i).map(|a| a.ty) {
        Some(ScalarType::Bool | ScalarType::Dynamic) => Ok(()),
        Some(t) => Err(TypeError::arg(
            i,
            format!("the predicate must be a bool, not {t}"),
        )),
        None => Err(TypeError::call("expected a predicate argument")),
    }
}

/// Checks that the optional argument `i` (`maxSize`, `accuracy`) is an integer, and in
/// `range` when it is a literal.
pub(super) fn check_int_option(
    args: &[ArgInfo<'_>],
    i: usize,
    what: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Result<(), TypeError> {
    let Some(a) = args.get(i) else {
        return Ok(());
    };
    if !matches!(a.ty, ScalarType::Int | ScalarType::Long) {
        return Err(TypeError::arg(
            i,
            format!("{what} must be an integer, not {}", a.ty),
        ));
    }
    match a.literal.map(Value::as_i64) {
        Some(Some(n)) if !range.contains(&n) => Err(TypeError::arg(
            i,
            format!(
                "{what} must be between {} and {}, not {n}",
                range.start(),
                range.end()
            ),
        )),
        Some(None) => Err(TypeError::arg(i, format!("{what} must not be null"))),
        _ => Ok(()),
    }
}

/// Row `row` of `column` as an element of a dynamic array (`make_list`, `make_set`):
/// `int` becomes `long`, a string stays a string (`""` included: strings are never
/// null). `None` for a null, which these aggregates skip. `decimal` columns are
/// refused by the typing rules, as Kusto's dynamic form of a decimal is undocumented.
pub(super) fn element_at(column: &Column, row: usize) -> Option<Dynamic> {
    match column {
        Column::Bool(c) => c.get(row).map(Dynamic::Bool),
        Column::Int(c) => c.get(row).map(|v| Dynamic::Long(i64::from(v))),
        Column::Long(c) => c.get(row).map(Dynamic::Long),
        Column::Real(c) => c.get(row).map(Dynamic::Real),
        Column::DateTime(c) => c.get(row).map(Dynamic::DateTime),
        Column::TimeSpan(c) => c.get(row).map(Dynamic::TimeSpan),
        Column::Guid(c) => c.get(row).map(Dynamic::Guid),
        Column::String(c) => Some(Dynamic::string(c.get(row))),
        Column::Dynamic(c) => Some(c.get(row)).filter(|d| !d.is_null()).cloned(),
        Column::Decimal(_) => None,
    }
}

/// Typing rule of `make_list`/`make_set`: any scalar but `decimal`; a dynamic result.
pub(super) fn check_element(args: &[ArgInfo<'_>]) -> Result<(), TypeError> {
    match first_arg_type(args)? {
        ScalarType::Decimal => Err(TypeError::arg(
            0,
            "decimal values in dynamic arrays are not supported; convert them first, e.g. todouble(x)",
        )),
        _ => Ok(()),
    }
}

/// A dynamic column of one array per group.
pub(super) fn arrays_column(groups: Vec<Vec<Dynamic>>) -> Column {
    Column::Dynamic(crate::table::DynamicColumn::from_values(
        groups.into_iter().map(Dynamic::array).collect(),
    ))
}

#[cfg(test)]
pub(super) mod testing {
    //! Runs a KQL query in-process and renders its last table, for the unit tests.

    /// `name:type` headers, then each row as `tostring()` texts.
    pub fn eval(src: &str) -> Result<Vec<Vec<String>>, String> {
        crate::functions::test_support::query(src)
    }

    /// The query's result, panicking (in tests only) on an error.
    pub fn table(src: &str) -> Vec<Vec<String>> {
        match eval(src) {
            Ok(t) => t,
            Err(e) => panic!("{src}\n{e}"),
        }
    }

    /// The error text of a query that must fail.
    pub fn error(src: &str) -> String {
        match eval(src) {
            Ok(t) => panic!("{src} should fail, gave {t:?}"),
            Err(e) => e,
        }
    }
}
