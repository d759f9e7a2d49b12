//! Reading operator options (`kind=array`, `with_itemindex=I`, `flags=i`,
//! `hint.materialized=true`) the same way for every operator.
//!
//! ```kql
//! T | mv-expand kind=array with_itemindex=Index Items
//! T | parse-where kind=regex flags=i Text with * "x=" X:long
//! ```

use kql_parser::ast::{ExprKind, Literal, NamedOption};

use crate::bind::CheckError;

/// The text of an option value written as a name or a literal: `array` in
/// `kind=array`, `"i"` in `flags="i"`, `true` in `hint.materialized=true`.
pub(crate) fn option_text(option: &NamedOption) -> Result<String, CheckError> {
    match &option.value.kind {
        ExprKind::Name(ident) => Ok(ident.name.to_string()),
        ExprKind::Literal(Literal::String(s)) => Ok(s.value.clone()),
        ExprKind::Literal(Literal::Bool(Some(b))) => Ok(b.to_string()),
        ExprKind::Literal(Literal::Long(Some(n))) => Ok(n.to_string()),
        ExprKind::Literal(Literal::Int(Some(n))) => Ok(n.to_string()),
        _ => Err(CheckError::invalid(
            format!("the value of option `{}` must be a name", option.name.name),
            option.value.span,
        )),
    }
}

/// Refuses an option the operator does not know (hints are accepted and ignored:
/// they change how Kusto distributes work, never the answer).
pub(crate) fn unknown_option(operator: &str, option: &NamedOption) -> Result<(), CheckError> {
    if option.name.name.starts_with("hint.") {
        return Ok(());
    }
    Err(CheckError::unsupported(
        format!("the `{}` option of `{operator}`", option.name.name),
        option.span,
    ))
}
