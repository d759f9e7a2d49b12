//! Kusto's names for columns nobody named, as Microsoft's `Kusto.Language` binder derives
//! them (`Binder_Projection.GetFunctionResultName`/`GetExpressionResultName`, the
//! `ResultNameKind` of each function in `Functions.cs`/`Aggregates.cs`;
//! kusto-semantics.md section 5).
//!
//! ```kql
//! extend strlen(Subject)          // strlen_Subject   (name + first argument)
//! extend tostring(Details.Phish)  // Details_Phish    (first argument's name)
//! extend round(Score, 2)          // Score
//! project pack_array(a, b)        // Column1          (no derived name)
//! summarize count(), max(strlen(s))   // count_, max_strlen_s
//! print 1, x = 2                  // print_0, x
//! ```

use kql_parser::ast::{Expr, ExprKind, Literal};

/// How a scalar function's unnamed call is named.
enum NameKind {
    /// `prefix_` + the first argument's name (`strlen_s`), or `prefix_` without one.
    Prefixed(&'static str),
    /// The first argument's name (`tostring(x)` is `x`).
    First,
    /// The argument's name, when there is exactly one.
    Only,
}

/// Scalar functions named after their first argument (`ResultNameKind.FirstArgument`).
const FIRST_ARGUMENT: &[&str] = &[
    "split",
    "parse_csv",
    "parsejson",
    "parse_json",
    "parse_xml",
    "format_datetime",
    "format_timespan",
    "format_bytes",
    "tostring",
    "tohex",
    "todynamic",
    "toobject",
    "tolong",
    "toint",
    "toreal",
    "todouble",
    "todatetime",
    "totimespan",
    "totime",
    "tobool",
    "toboolean",
    "todecimal",
    "toguid",
    "startofday",
    "bin",
    "floor",
    "bin_at",
    "bin_auto",
    "binary_and",
    "binary_or",
    "binary_xor",
    "binary_not",
    "binary_shift_right",
    "binary_shift_left",
    "bitset_count_ones",
    "series_fir",
    "series_outliers",
    "series_iir",
    "series_fill_backward",
    "series_fill_forward",
    "series_fill_const",
    "series_fill_linear",
    "round",
    "ceiling",
    "pow",
    "sqrt",
    "log",
    "log2",
    "log10",
    "exp",
    "exp2",
    "exp10",
    "cos",
    "sin",
    "tan",
    "acos",
    "asin",
    "atan",
    "atan2",
    "abs",
    "rand",
    "gamma",
    "loggamma",
    "erf",
    "erfc",
];

fn scalar_kind(name: &str) -> Option<NameKind> {
    Some(match name {
        "strlen" => NameKind::Prefixed("strlen"),
        "string_size" => NameKind::Prefixed("string_size"),
        "gettype" => NameKind::Prefixed("type"),
        "treepath" => NameKind::Prefixed("tree"),
        "repeat" => NameKind::Prefixed("repeat"),
        "make_datetime" | "make_timespan" => NameKind::Only,
        n if FIRST_ARGUMENT.contains(&n) => NameKind::First,
        _ => return None,
    })
}

/// The name an expression gives its column when unnamed, if any
/// (`GetExpressionResultName`).
pub(crate) fn derived_name(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Name(ident) => Some(ident.name.to_string()),
        ExprKind::Paren(inner) => derived_name(inner),
        ExprKind::Member { target, name } => {
            Some(path_name(derived_name(target), Some(name.name.to_string())))
        }
        ExprKind::Index { target, index } => {
            let selector = match &index.kind {
                ExprKind::Literal(Literal::String(s)) => Some(s.value.clone()),
                ExprKind::Literal(Literal::Long(Some(n))) => Some(n.to_string()),
                ExprKind::Literal(Literal::Int(Some(n))) => Some(n.to_string()),
                _ => None,
            };
            Some(path_name(derived_name(target), selector))
        }
        ExprKind::Call { name, args } => call_name(&name.name, args),
        _ => None,
    }
}

/// `d.a` is `d_a`; a path whose left side has no name is just the selector.
fn path_name(left: Option<String>, right: Option<String>) -> String {
    let right = right.unwrap_or_default();
    match left {
        Some(l) if !l.trim().is_empty() => format!("{l}_{right}"),
        _ => right,
    }
}

/// The name of an unnamed call of scalar function `name`.
fn call_name(name: &str, args: &[Expr]) -> Option<String> {
    match scalar_kind(name)? {
        NameKind::First => derived_name(args.first()?),
        NameKind::Only if args.len() == 1 => derived_name(&args[0]),
        NameKind::Only => None,
        NameKind::Prefixed(prefix) => Some(prefixed(prefix, args)),
    }
}

/// `prefix_` + the first argument's name, or `prefix_` alone.
fn prefixed(prefix: &str, args: &[Expr]) -> String {
    let arg = args.first().and_then(derived_name).unwrap_or_default();
    format!("{prefix}_{arg}")
}

/// `base` if `taken` says it is free, else `base1`, `base2`, ... (Kusto's
/// `UniqueNameTable`: the smallest free numeric suffix).
pub fn unique_name(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (1..)
        .map(|i| format!("{base}{i}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| base.to_string())
}

/// The automatic name of an aggregate: `prefix_` + the first argument's name, or
/// `prefix_`; with no prefix, the first argument's own name (`take_any(x)` is `x`,
/// `binary_all_or(x)` is `x`), or `any_arg0`.
pub(crate) fn aggregate_name(prefix: Option<&str>, args: &[Expr]) -> String {
    match prefix {
        Some(p) => prefixed(p, args),
        None => args
            .first()
            .and_then(derived_name)
            .unwrap_or_else(|| "any_arg0".to_string()),
    }
}

/// `covariance(x, y)` and `covariancep(x, y)`: `covariance_x_y` (q/covariance-aggregation-
/// function.md; conformance `covariancep-aggregation-function-00`); `None` when an
/// argument has no name of its own, where Kusto's name is undocumented.
pub(crate) fn covariance_name(prefix: &str, args: &[Expr]) -> Option<String> {
    let x = derived_name(args.first()?)?;
    let y = derived_name(args.get(1)?)?;
    Some(format!("{prefix}_{x}_{y}"))
}

/// `percentile(x, 55)` and `percentiles(x, 55)`: `percentile_x_55` (conformance
/// `summarize-operator-04`); the percentile's text is made a valid name, `.` as `_`
/// (`percentile_x_99_5`, Kusto.Language `AddPercentileColumns`).
/// `None` when the percentage is not a literal number.
pub(crate) fn percentile_name(args: &[Expr]) -> Option<String> {
    let base = prefixed("percentile", args);
    let p = match args.get(1).map(|a| &a.kind) {
        Some(kql_parser::ast::ExprKind::Literal(kql_parser::ast::Literal::Long(Some(n)))) => {
            n.to_string()
        }
        Some(kql_parser::ast::ExprKind::Literal(kql_parser::ast::Literal::Int(Some(n)))) => {
            n.to_string()
        }
        Some(kql_parser::ast::ExprKind::Literal(kql_parser::ast::Literal::Real(Some(r)))) => {
            r.to_string().replace(['.', '-'], "_")
        }
        _ => return None,
    };
    Some(format!("{base}_{p}"))
}

/// `Column1`, `Column2`, ...: the next free one. The counter lives in the binder and
/// runs across the whole query, as in Kusto.Language's binder.
pub(crate) fn next_column_name(counter: &mut usize, taken: impl Fn(&str) -> bool) -> String {
    loop {
        *counter += 1;
        let name = format!("Column{counter}");
        if !taken(&name) {
            return name;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_of(src: &str) -> Option<String> {
        derived_name(&kql_parser::parse_expr(src).unwrap())
    }

    #[test]
    fn unique_names_take_the_smallest_free_suffix() {
        // kusto-semantics.md 4.7.5: [c, c, c1] becomes [c, c2, c1].
        let taken = ["c", "c1"];
        assert_eq!(unique_name("c", |n| taken.contains(&n)), "c2");
        assert_eq!(unique_name("d", |n| taken.contains(&n)), "d");
    }

    #[test]
    fn names_follow_kusto_language() {
        assert_eq!(name_of("strlen(s)").as_deref(), Some("strlen_s"));
        assert_eq!(name_of("strlen(a + b)").as_deref(), Some("strlen_"));
        assert_eq!(
            name_of("tostring(parse_json(x).Phish)").as_deref(),
            Some("x_Phish")
        );
        assert_eq!(name_of("d['key']").as_deref(), Some("d_key"));
        assert_eq!(name_of("a[0]").as_deref(), Some("a_0"));
        assert_eq!(name_of("a[-1]").as_deref(), Some("a_"));
        assert_eq!(name_of("parse_url(u).Host").as_deref(), Some("Host"));
        assert_eq!(name_of("round(Score, 2)").as_deref(), Some("Score"));
        assert_eq!(name_of("gettype(x)").as_deref(), Some("type_x"));
        assert_eq!(name_of("strcat(a, b)"), None);
        assert_eq!(name_of("a + b"), None);
    }

    #[test]
    fn aggregate_names_use_the_argument_name() {
        let args = |src: &str| vec![kql_parser::parse_expr(src).unwrap()];
        assert_eq!(aggregate_name(Some("sum"), &args("tolong(x)")), "sum_x");
        assert_eq!(
            aggregate_name(Some("max"), &args("strlen(s)")),
            "max_strlen_s"
        );
        assert_eq!(aggregate_name(Some("sum"), &args("x * 2")), "sum_");
        assert_eq!(aggregate_name(Some("count"), &[]), "count_");
        assert_eq!(aggregate_name(None, &args("tostring(x)")), "x");
        assert_eq!(aggregate_name(None, &args("x + 1")), "any_arg0");
    }
}
