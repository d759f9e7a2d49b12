//! `where Predicate` (alias `filter`): keeps the rows where the predicate is `true`.

use std::sync::Arc;

use kql_parser::ast::{Expr, ScalarType, Span};

use crate::bind::{Binder, CheckError, RowScope};
use crate::plan::{Plan, PlanKind};

impl Binder<'_> {
    pub(super) fn filter(
        &mut self,
        input: Arc<Plan>,
        predicate: &Expr,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let predicate = self.scalar(predicate, &RowScope::of(&input.schema))?;
        if predicate.ty != ScalarType::Bool {
            return Err(CheckError::type_error(
                format!(
                    "`where` needs a bool predicate, but this is {}",
                    predicate.ty
                ),
                format!("{}, not bool", predicate.ty),
                predicate.span,
            ));
        }
        Ok(Plan {
            schema: input.schema.clone(),
            kind: PlanKind::Filter { input, predicate },
            span,
        })
    }
}
