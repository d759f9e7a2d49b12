//! `take N` (alias `limit`).

use std::sync::Arc;

use kql_parser::ast::{Expr, ScalarType, Span};

use crate::bind::{Binder, CheckError, RowScope};
use crate::plan::{Plan, PlanKind};

impl Binder<'_> {
    pub(super) fn take(
        &mut self,
        input: Arc<Plan>,
        count: &Expr,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let count = self.scalar(count, &RowScope::empty())?;
        if !matches!(count.ty, ScalarType::Int | ScalarType::Long) {
            return Err(CheckError::type_error(
                format!(
                    "`take` needs a whole number of rows, but this is {}",
                    count.ty
                ),
                "not a long",
                count.span,
            ));
        }
        Ok(Plan {
            schema: input.schema.clone(),
            kind: PlanKind::Take { input, count },
            span,
        })
    }
}
