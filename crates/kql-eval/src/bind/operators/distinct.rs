//! `distinct A, B` / `distinct *`: one row per distinct combination (order undefined).

use std::sync::Arc;

use kql_parser::ast::{Expr, ExprKind, Span};

use crate::bind::{Binder, CheckError, RowScope};
use crate::plan::{Plan, PlanKind, ScalarKind};
use crate::table::Schema;

impl Binder<'_> {
    pub(super) fn distinct(
        &mut self,
        input: Arc<Plan>,
        columns: &[Expr],
        span: Span,
    ) -> Result<Plan, CheckError> {
        let mut indexes = Vec::new();
        for column in columns {
            if matches!(column.kind, ExprKind::Star) {
                indexes.extend(0..input.schema.fields.len());
                continue;
            }
            let expr = self.scalar(column, &RowScope::of(&input.schema))?;
            let ScalarKind::Column(i) = expr.kind else {
                return Err(CheckError::invalid(
                    "`distinct` takes column names (or `*`)",
                    column.span,
                )
                .with_help("compute the value first with `extend Name = ...`"));
            };
            indexes.push(i);
        }
        let schema = Schema {
            fields: indexes
                .iter()
                .map(|i| input.schema.fields[*i].clone())
                .collect(),
        };
        Ok(Plan {
            schema,
            kind: PlanKind::Distinct {
                input,
                columns: indexes,
            },
            span,
        })
    }
}
