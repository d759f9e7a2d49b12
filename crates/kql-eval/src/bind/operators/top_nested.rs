//! `top-nested`: hierarchical top values (q/top-nested-operator.md).
//!
//! ```kql
//! T | top-nested 2 of State by sum(Damage), top-nested 3 of EventType by sum(Damage)
//! // State, aggregated_State, EventType, aggregated_EventType
//! T | top-nested of id by Ignore0 = max(1), top-nested 2 of timestamp by Ignore1 = max(timestamp)
//! ```
//! Two columns per level, as Kusto.Language names them: the key (its projection name)
//! and the aggregate (its declared name, else `aggregated_` + the key's name), made
//! unique. Each aggregate is one aggregation call (`sum`, `count`, `max`, ...).
//! `with others` is supported on the last level only.

use std::sync::Arc;

use kql_parser::ast::{ExprKind, ScalarType, SortOrder, Span, TopNestedLevel};

use crate::bind::naming::{derived_name, next_column_name, unique_name};
use crate::bind::{Binder, CheckError, RowScope};
use crate::functions;
use crate::plan::{Plan, PlanKind, TopNestedLevelPlan, TopNestedPlan};
use crate::table::{Field, Schema};

impl Binder<'_> {
    pub(super) fn top_nested(
        &mut self,
        input: Arc<Plan>,
        levels: &[TopNestedLevel],
        span: Span,
    ) -> Result<Plan, CheckError> {
        let row = RowScope::of(&input.schema);
        let mut fields: Vec<Field> = Vec::new();
        let mut bound = Vec::with_capacity(levels.len());
        for (i, level) in levels.iter().enumerate() {
            let count = match &level.count {
                Some(c) => {
                    let expr = self.scalar(c, &RowScope::empty())?;
                    if !matches!(expr.ty, ScalarType::Int | ScalarType::Long) {
                        return Err(CheckError::type_error(
                            format!("`top-nested` needs a whole number, not {}", expr.ty),
                            "not a long",
                            expr.span,
                        ));
                    }
                    Some(expr)
                }
                None => None,
            };
            let key = self.scalar(&level.of.expr, &row)?;
            let key_name = match level.of.names.first() {
                Some(n) => n.name.to_string(),
                None => derived_name(&level.of.expr).unwrap_or_else(|| {
                    next_column_name(&mut self.column_counter, |n| {
                        fields.iter().any(|f| f.name == n)
                    })
                }),
            };
            let others = match &level.others {
                Some(o) if i + 1 < levels.len() => {
                    return Err(CheckError::unsupported(
                        "`with others` above the last top-nested level",
                        o.span,
                    ));
                }
                Some(o) => {
                    let expr = self.scalar(o, &RowScope::empty())?;
                    if expr.ty != key.ty {
                        return Err(CheckError::type_error(
                            format!("`with others` must be a {}, like the key", key.ty),
                            "others value",
                            expr.span,
                        ));
                    }
                    Some(expr)
                }
                None => None,
            };
            let ExprKind::Call { name, args } = &level.by.expr.kind else {
                return Err(unsupported_aggregate(level.by.expr.span));
            };
            let Some(function) = functions::aggregate(&name.name) else {
                return Err(unsupported_aggregate(level.by.expr.span));
            };
            if function.picks_row {
                return Err(unsupported_aggregate(level.by.expr.span));
            }
            let aggregate = self.aggregate_call(function, args, &row, &[], level.by.expr.span)?;
            let agg_name = match level.by.names.first() {
                Some(n) => n.name.to_string(),
                None => format!("aggregated_{key_name}"),
            };
            for (name, ty) in [(key_name, key.ty), (agg_name, aggregate.outputs[0])] {
                let name = unique_name(&name, |n| fields.iter().any(|f| f.name == n));
                fields.push(Field { name, ty });
            }
            bound.push(TopNestedLevelPlan {
                count,
                key,
                others,
                aggregate,
                descending: level.order != Some(SortOrder::Asc),
            });
        }
        Ok(Plan {
            schema: Schema { fields },
            kind: PlanKind::TopNested(Box::new(TopNestedPlan {
                input,
                levels: bound,
            })),
            span,
        })
    }
}

fn unsupported_aggregate(span: Span) -> CheckError {
    CheckError::unsupported(
        "this top-nested aggregation (one aggregation call, such as sum(x) or count())",
        span,
    )
}
