//! `where Predicate` (alias `filter`): keeps the rows where the predicate is `true`.
//!
//! After a default (`innerunique`) join, a predicate that reads only left-side columns
//! is applied to the left input before its deduplication, as Kusto does:
//! `t1 | join t2 on key | where value == "val1.2"` always keeps the `val1.2` rows
//! (q/join-innerunique.md; conformance case join-innerunique-03).

use std::sync::Arc;

use kql_parser::ast::{Expr, JoinKind, ScalarType, Span};

use crate::bind::{Binder, CheckError, RowScope};
use crate::plan::{JoinPlan, Plan, PlanKind, ScalarExpr};

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
        if let Some(pushed) = push_below_innerunique(&input, &predicate, span) {
            return Ok(pushed);
        }
        Ok(Plan {
            schema: input.schema.clone(),
            kind: PlanKind::Filter { input, predicate },
            span,
        })
    }
}

/// The join with the filter moved onto its left input, when the join is `innerunique`
/// and the predicate reads only left-side columns.
fn push_below_innerunique(input: &Plan, predicate: &ScalarExpr, span: Span) -> Option<Plan> {
    let PlanKind::Join(join) = &input.kind else {
        return None;
    };
    if join.kind != JoinKind::InnerUnique {
        return None;
    }
    let mut left_only = true;
    predicate.for_each_column(&mut |c| {
        left_only &= join.output.get(c).is_some_and(|(is_right, _)| !is_right)
    });
    if !left_only {
        return None;
    }
    let on_left = predicate.map_columns(&|c| join.output.get(c).map_or(c, |&(_, i)| i));
    let left = Arc::new(Plan {
        schema: join.left.schema.clone(),
        kind: PlanKind::Filter {
            input: join.left.clone(),
            predicate: on_left,
        },
        span,
    });
    let join = JoinPlan {
        left,
        ..(**join).clone()
    };
    Some(Plan {
        kind: PlanKind::Join(Box::new(join)),
        ..input.clone()
    })
}
