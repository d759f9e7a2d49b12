//! The function registry: every scalar function, operator and aggregate as data.
//!
//! Each domain module (`string`, `datetime`, `math`, ...) exports a slice of
//! [`ScalarFunction`] or [`AggregateFunction`] entries: a name, an arity, a typing rule
//! and a columnar implementation. The binder looks functions up here (an unknown name
//! is an error before any data is read) and the README's table of supported functions
//! is generated from the same slices, so neither can drift.

pub mod aggregate;
mod args;
pub(crate) mod array;
mod bag;
pub(crate) mod compare;
mod conditional;
mod conversion;
mod datetime;
mod datetime_format;
mod datetime_parts;
mod dynamic;
mod encoding;
mod geo;
mod geoip;
mod ipv4;
mod logical;
mod math;
mod math_functions;
pub(crate) mod ops;
pub(crate) mod re2;
mod series;
mod statistics;
mod string;
mod string_search;
mod strings;
#[cfg(test)]
pub(crate) mod test_support;
mod units;
pub(crate) mod window;

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use kql_parser::ast::ScalarType;

pub use args::{ArgInfo, Datum, GroupIds};
pub(crate) use geo::lookup_matches;

use crate::exec::{EvalContext, EvalError};
use crate::table::Column;
use crate::value::Value;

/// What the binder knows of an argument when typing a call.
pub type TypeRule = fn(&[ArgInfo<'_>]) -> Result<ScalarType, TypeError>;

/// Why a call does not type: which argument (when one is to blame) and what is wrong.
#[derive(Debug, Clone)]
pub struct TypeError {
    pub arg: Option<usize>,
    pub message: String,
}

impl TypeError {
    /// Argument `arg` has the wrong type.
    pub fn arg(arg: usize, message: impl Into<String>) -> TypeError {
        TypeError {
            arg: Some(arg),
            message: message.into(),
        }
    }

    /// The call as a whole is wrong.
    pub fn call(message: impl Into<String>) -> TypeError {
        TypeError {
            arg: None,
            message: message.into(),
        }
    }
}

/// A scalar function's implementation: arguments (columns or constants) in, a column
/// or constant out. `rows` is the batch length; `out` the type the binder computed.
pub type ScalarImpl = fn(&ScalarCall<'_>) -> Result<Datum, EvalError>;

/// The arguments of one scalar call during execution.
pub struct ScalarCall<'a> {
    /// The function being called (one implementation may serve several names).
    pub function: &'static ScalarFunction,
    pub args: &'a [Datum],
    pub types: &'a [ScalarType],
    pub rows: usize,
    pub out: ScalarType,
    pub ctx: &'a EvalContext,
}

/// A scalar function or operator.
pub struct ScalarFunction {
    /// The KQL name (`strcat`) or operator spelling (`==`, `has`, `!in~`).
    pub name: &'static str,
    /// Inclusive bounds on the argument count.
    pub min_args: usize,
    pub max_args: usize,
    pub return_type: TypeRule,
    pub eval: ScalarImpl,
    /// One line for the README's function table.
    pub doc: &'static str,
}

/// An aggregate's implementation: argument columns in, one value per group out.
pub type AggregateImpl = fn(&AggregateInput<'_>) -> Result<Column, EvalError>;

/// The arguments of one aggregate call during execution.
pub struct AggregateInput<'a> {
    pub args: &'a [Datum],
    pub types: &'a [ScalarType],
    pub groups: &'a GroupIds,
    pub out: ScalarType,
    pub ctx: &'a EvalContext,
}

/// An aggregation function usable in `summarize`.
pub struct AggregateFunction {
    pub name: &'static str,
    pub min_args: usize,
    pub max_args: usize,
    pub return_type: TypeRule,
    /// The prefix of the auto-generated column name: `count` gives `count_` or
    /// `count_X`; `make_set` gives `set_X`. `None` names the column after the argument
    /// (`take_any(X)` gives `X`).
    pub name_prefix: Option<&'static str>,
    /// `arg_max`/`arg_min`: the implementation returns, per group, the index of the
    /// chosen row (a long, or null); the outputs are the first argument and the extra
    /// columns at that row.
    pub picks_row: bool,
    pub eval: AggregateImpl,
    pub doc: &'static str,
}

impl fmt::Debug for ScalarFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}()", self.name)
    }
}

impl fmt::Debug for AggregateFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}()", self.name)
    }
}

/// A registry entry, written compactly: `entry("strlen", (1, 1), rule, eval, "doc")`.
pub(crate) const fn entry(
    name: &'static str,
    (min_args, max_args): (usize, usize),
    return_type: TypeRule,
    eval: ScalarImpl,
    doc: &'static str,
) -> ScalarFunction {
    ScalarFunction {
        name,
        min_args,
        max_args,
        return_type,
        eval,
        doc,
    }
}

/// Every scalar function and operator, by domain.
pub fn scalar_functions() -> impl Iterator<Item = &'static ScalarFunction> {
    [
        compare::FUNCTIONS,
        logical::FUNCTIONS,
        conditional::FUNCTIONS,
        conversion::FUNCTIONS,
        string::FUNCTIONS,
        math::FUNCTIONS,
        datetime::FUNCTIONS,
        dynamic::FUNCTIONS,
        string_search::FUNCTIONS,
        encoding::FUNCTIONS,
        array::FUNCTIONS,
        bag::FUNCTIONS,
        math_functions::FUNCTIONS,
        datetime_parts::FUNCTIONS,
        datetime_format::FUNCTIONS,
        ipv4::FUNCTIONS,
        geoip::FUNCTIONS,
        window::FUNCTIONS,
        series::FUNCTIONS,
        geo::FUNCTIONS,
        units::FUNCTIONS,
        statistics::FUNCTIONS,
    ]
    .into_iter()
    .flatten()
}

static SCALARS: LazyLock<HashMap<&'static str, &'static ScalarFunction>> =
    LazyLock::new(|| scalar_functions().map(|f| (f.name, f)).collect());

static AGGREGATES: LazyLock<HashMap<&'static str, &'static AggregateFunction>> =
    LazyLock::new(|| aggregate::FUNCTIONS.iter().map(|f| (f.name, f)).collect());

/// Looks up a scalar function or operator by its exact (case-sensitive) name.
pub fn scalar(name: &str) -> Option<&'static ScalarFunction> {
    SCALARS.get(name).copied()
}

/// Looks up an aggregation function by its exact name.
pub fn aggregate(name: &str) -> Option<&'static AggregateFunction> {
    AGGREGATES.get(name).copied()
}

/// Every function name, for "did you mean" suggestions.
pub fn all_names() -> impl Iterator<Item = &'static str> {
    scalar_functions()
        .map(|f| f.name)
        .chain(aggregate::FUNCTIONS.iter().map(|f| f.name))
}

/// A constant argument, when the binder knows it.
pub fn literal_arg<'a>(args: &[ArgInfo<'a>], i: usize) -> Option<&'a Value> {
    args.get(i).and_then(|a| a.literal)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_function_name_is_registered_once() {
        let mut seen = HashSet::new();
        for f in scalar_functions() {
            assert!(
                seen.insert(f.name),
                "scalar function `{}` is registered twice",
                f.name
            );
        }
        let mut seen = HashSet::new();
        for f in aggregate::FUNCTIONS {
            assert!(
                seen.insert(f.name),
                "aggregate `{}` is registered twice",
                f.name
            );
        }
    }

    #[test]
    fn every_function_has_a_doc_line() {
        for f in scalar_functions() {
            assert!(!f.doc.is_empty(), "`{}` has no doc line", f.name);
        }
        for f in aggregate::FUNCTIONS {
            assert!(!f.doc.is_empty(), "aggregate `{}` has no doc line", f.name);
        }
    }
}
