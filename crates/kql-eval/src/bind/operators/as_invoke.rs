//! `as` (name the input for the rest of the query) and `invoke` (call a user
//! function with the input as its first, tabular, argument).
//!
//! ```kql
//! union withsource=T (range x from 1 to 2 step 1 | as A), (range x from 1 to 2 step 1 | as B)
//! range x from 1 to 100 step 1 | invoke clipped_average(5, 99)
//! ```
//! q/as-operator.md, q/invoke-operator.md. `as` leaves the rows unchanged; its name
//! is also a `union withsource` leg's name. `hint.materialized` changes only how
//! Kusto caches the input, so it is accepted and ignored.

use std::sync::Arc;

use kql_parser::ast::{As, Expr, ExprKind, ParamType};

use super::options::unknown_option;
use crate::bind::scope::Binding;
use crate::bind::{Binder, CheckError, RowScope};
use crate::plan::Plan;

impl Binder<'_> {
    pub(super) fn as_name(&mut self, input: Arc<Plan>, as_: &As) -> Result<Plan, CheckError> {
        for option in &as_.options {
            if option.name.name != "hint.materialized" {
                unknown_option("as", option)?;
            }
        }
        self.scopes
            .define(&as_.name.name, Binding::Tabular(input.clone()));
        Ok(Arc::unwrap_or_clone(input))
    }

    pub(super) fn invoke(&mut self, input: Arc<Plan>, call: &Expr) -> Result<Plan, CheckError> {
        let ExprKind::Call { name, args } = &call.kind else {
            return Err(CheckError::invalid(
                "`invoke` needs a function call",
                call.span,
            ));
        };
        let Some(Binding::Function(def)) = self.scopes.lookup(&name.name) else {
            return Err(CheckError::unsupported(
                format!(
                    "`invoke` of `{}` (only functions defined with `let`)",
                    name.name
                ),
                name.span,
            ));
        };
        if !matches!(
            def.params.first().map(|p| &p.ty),
            Some(ParamType::Tabular { .. })
        ) {
            return Err(CheckError::invalid(
                format!(
                    "`{}` does not take a table as its first parameter",
                    name.name
                ),
                name.span,
            ));
        }
        let first = Binding::Tabular(input);
        let plan =
            self.with_function_scope_from(&def, Some(first), args, RowScope::empty(), call, |b| {
                b.tabular(&def.body)
            })?;
        Ok(Arc::unwrap_or_clone(plan))
    }
}
