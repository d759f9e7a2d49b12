//! `sort by` (alias `order by`) and `top`.
//!
//! ```kql
//! T | sort by OutboundEmails          // descending by default, nulls last
//! T | order by Name asc               // ascending: nulls first
//! T | top 10 by Count desc nulls last // = sort by ... | take 10
//! ```

use std::sync::Arc;

use kql_parser::ast::{NullsOrder, SortKey, SortOrder, Span, Top};

use crate::bind::{Binder, CheckError, RowScope};
use crate::plan::{Plan, PlanKind, SortKeyPlan};

impl Binder<'_> {
    pub(super) fn sort(
        &mut self,
        input: Arc<Plan>,
        keys: &[SortKey],
        span: Span,
    ) -> Result<Plan, CheckError> {
        let row = RowScope::of(&input.schema);
        let mut bound = Vec::with_capacity(keys.len());
        for key in keys {
            let expr = self.scalar(&key.expr, &row)?;
            let descending = key.order != Some(SortOrder::Asc);
            let nulls = key.nulls.unwrap_or(if descending {
                NullsOrder::Last
            } else {
                NullsOrder::First
            });
            bound.push(SortKeyPlan {
                expr,
                descending,
                nulls,
            });
        }
        Ok(Plan {
            schema: input.schema.clone(),
            kind: PlanKind::Sort { input, keys: bound },
            span,
        })
    }

    pub(super) fn top(
        &mut self,
        input: Arc<Plan>,
        top: &Top,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let sorted = Arc::new(self.sort(input, std::slice::from_ref(&top.by), span)?);
        self.take(sorted, &top.count, span)
    }
}
