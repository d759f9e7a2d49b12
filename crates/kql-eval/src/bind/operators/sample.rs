//! `sample N` and `sample-distinct N of Column` (q/sample-operator.md,
//! q/sample-distinct-operator.md).
//!
//! ```kql
//! T | sample 10                       // 10 rows of T
//! T | sample-distinct 5 of Sender     // 5 distinct senders
//! ```
//! Kusto picks the rows (values) at random, so no answer is "the" answer; kql picks
//! deterministically: the first N rows, the first N distinct values in input order.
//! Counts and shapes match Kusto's; which rows come out does not, by design.

use std::sync::Arc;

use kql_parser::ast::{Expr, Span};

use crate::bind::naming::derived_name;
use crate::bind::{Binder, CheckError, RowScope};
use crate::plan::{Plan, PlanKind, ScalarKind};
use crate::table::{Field, Schema};

impl Binder<'_> {
    pub(super) fn sample(
        &mut self,
        input: Arc<Plan>,
        count: &Expr,
        span: Span,
    ) -> Result<Plan, CheckError> {
        self.take(input, count, span)
    }

    pub(super) fn sample_distinct(
        &mut self,
        input: Arc<Plan>,
        count: &Expr,
        column: &Expr,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let expr = self.scalar(column, &RowScope::of(&input.schema))?;
        let ScalarKind::Column(index) = expr.kind else {
            return Err(CheckError::invalid(
                "`sample-distinct` takes a column",
                column.span,
            ));
        };
        let name = derived_name(column).unwrap_or_else(|| "Column1".to_string());
        let distinct = Arc::new(Plan {
            schema: Schema {
                fields: vec![Field { name, ty: expr.ty }],
            },
            kind: PlanKind::Distinct {
                input,
                columns: vec![index],
            },
            span,
        });
        self.take(distinct, count, span)
    }
}
