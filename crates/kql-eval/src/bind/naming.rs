//! Kusto's names for columns nobody named (reference: kusto-semantics.md section 5).
//!
//! ```kql
//! extend strlen(Subject)          // strlen_Subject
//! extend tostring(Details.Phish)  // Details_Phish
//! project pack_array(a, b)        // Column1
//! summarize count(), max(N)       // count_, max_N
//! print 1, x = 2                  // print_0, x
//! ```

use kql_parser::ast::{Expr, ExprKind, Literal};

/// Functions whose unnamed call is named after their first argument.
const NAME_KEEPING: &[&str] = &[
    "tostring",
    "toint",
    "tolong",
    "todouble",
    "toreal",
    "tobool",
    "toboolean",
    "todatetime",
    "totimespan",
    "todynamic",
    "toobject",
    "parse_json",
    "todecimal",
    "toguid",
    "split",
    "bin",
    "floor",
];

/// The name an unnamed `extend`/`project`/`summarize by` expression derives, if any.
pub(crate) fn derived_name(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Name(ident) => Some(ident.name.clone()),
        ExprKind::Paren(inner) => derived_name(inner),
        ExprKind::Member { target, name } => match derived_name(target) {
            Some(base) => Some(format!("{base}_{}", name.name)),
            None => Some(name.name.clone()),
        },
        ExprKind::Index { target, index } => {
            let base = derived_name(target)?;
            match &index.kind {
                ExprKind::Literal(Literal::String(s)) => Some(format!("{base}_{}", s.value)),
                ExprKind::Literal(Literal::Long(Some(n))) => Some(format!("{base}_{n}")),
                ExprKind::Literal(Literal::Int(Some(n))) => Some(format!("{base}_{n}")),
                ExprKind::Unary { operand, .. } => match &operand.kind {
                    ExprKind::Literal(Literal::Long(Some(n))) => Some(format!("{base}__{n}")),
                    _ => None,
                },
                _ => None,
            }
        }
        ExprKind::Call { name, args } => {
            let first = args.first()?;
            match name.name.as_str() {
                n if NAME_KEEPING.contains(&n) => derived_name(first),
                "strlen" | "string_size" => Some(format!("{}_{}", name.name, derived_name(first)?)),
                _ => None,
            }
        }
        _ => None,
    }
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

/// The automatic name of an aggregate: `prefix_arg` or `prefix_`; with no prefix, the
/// argument's own name (`take_any(x)` is `x`).
pub(crate) fn aggregate_name(prefix: Option<&str>, args: &[Expr]) -> String {
    let arg = args.first().and_then(|a| match &a.kind {
        ExprKind::Name(ident) => Some(ident.name.clone()),
        _ => None,
    });
    match (prefix, arg) {
        (Some(p), Some(a)) => format!("{p}_{a}"),
        (Some(p), None) => format!("{p}_"),
        (None, Some(a)) => a,
        (None, None) => "any_arg0".to_string(),
    }
}

/// `Column1`, `Column2`, ...: the next free one.
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

    #[test]
    fn unique_names_take_the_smallest_free_suffix() {
        // kusto-semantics.md 4.7.5: [c, c, c1] becomes [c, c2, c1].
        let taken = ["c", "c1"];
        assert_eq!(unique_name("c", |n| taken.contains(&n)), "c2");
        assert_eq!(unique_name("d", |n| taken.contains(&n)), "d");
    }
}
