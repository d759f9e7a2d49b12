//! `where Predicate` (alias `filter`): keeps the rows where the predicate is `true`.
//!
//! After a default (`innerunique`) join, a predicate that reads only left-side columns
//! is applied to the left input before its deduplication, as Kusto does:
//! `t1 | join t2 on key | where value == "val1.2"` always keeps the `val1.2` rows
//! (q/join-innerunique.md; conformance case join-innerunique-03).

use std::sync::Arc;

use kql_parser::ast::{Expr, JoinKind, ScalarType, Span};

use crate::bind::{Binder, CheckError, RowScope};
use crate::plan::{JoinPlan, Plan, PlanKind, ProjectItem, ScalarExpr, ScalarKind};

impl Binder<'_> {
    pub(super) fn filter(
        &mut self,
        input: Arc<Plan>,
        predicate: &Expr,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let predicate = crate::bind::predicate::as_predicate(
            self.scalar(predicate, &RowScope::of(&input.schema))?,
        );
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

/// Moves the conjuncts of `predicate` that read only left-side columns below an
/// `innerunique` join's deduplication (looking through `where`s stacked on the join);
/// the other conjuncts stay above. `None` when nothing can move.
fn push_below_innerunique(input: &Plan, predicate: &ScalarExpr, span: Span) -> Option<Plan> {
    let mut conjuncts = Vec::new();
    split_and(predicate, &mut conjuncts);
    let (pushed, kept) = push_conjuncts(input, conjuncts, span)?;
    Some(match and_all(kept) {
        None => pushed,
        Some(rest) => Plan {
            schema: pushed.schema.clone(),
            kind: PlanKind::Filter {
                input: Arc::new(pushed),
                predicate: rest,
            },
            span,
        },
    })
}

/// Pushes what it can into `input`; returns the new input and the conjuncts left over.
fn push_conjuncts(
    input: &Plan,
    conjuncts: Vec<ScalarExpr>,
    span: Span,
) -> Option<(Plan, Vec<ScalarExpr>)> {
    match &input.kind {
        // A `where` keeps its input's columns: look through it.
        PlanKind::Filter {
            input: inner,
            predicate,
        } => {
            let (pushed, kept) = push_conjuncts(inner, conjuncts, span)?;
            let plan = Plan {
                kind: PlanKind::Filter {
                    input: Arc::new(pushed),
                    predicate: predicate.clone(),
                },
                ..input.clone()
            };
            Some((plan, kept))
        }
        // A projection of plain columns: conjuncts reading only those columns are
        // rewritten to the projection's input and pushed on; the rest stay above.
        PlanKind::Project {
            input: inner,
            computed,
            output,
        } => {
            let n = inner.schema.fields.len();
            let source = |c: usize| match output.get(c) {
                Some(ProjectItem::Input(i)) => Some(*i),
                _ => None,
            };
            let (movable, stay): (Vec<ScalarExpr>, Vec<ScalarExpr>) =
                conjuncts.into_iter().partition(|e| {
                    let mut ok = true;
                    e.for_each_column(&mut |c| ok &= source(c).is_some_and(|i| i < n));
                    ok
                });
            if movable.is_empty() {
                return None;
            }
            let rewritten = movable
                .iter()
                .map(|e| e.map_columns(&|c| source(c).unwrap_or(c)))
                .collect();
            let (pushed, kept_below) = push_conjuncts(inner, rewritten, span)?;
            let pushed = match and_all(kept_below) {
                None => pushed,
                Some(rest) => Plan {
                    schema: pushed.schema.clone(),
                    kind: PlanKind::Filter {
                        input: Arc::new(pushed),
                        predicate: rest,
                    },
                    span,
                },
            };
            let plan = Plan {
                kind: PlanKind::Project {
                    input: Arc::new(pushed),
                    computed: computed.clone(),
                    output: output.clone(),
                },
                ..input.clone()
            };
            Some((plan, stay))
        }
        PlanKind::Join(join) if join.kind == JoinKind::InnerUnique => {
            let left_only = |e: &ScalarExpr| {
                let mut ok = true;
                e.for_each_column(&mut |c| {
                    ok &= join.output.get(c).is_some_and(|(is_right, _)| !is_right)
                });
                ok
            };
            let (to_push, kept): (Vec<ScalarExpr>, Vec<ScalarExpr>) =
                conjuncts.into_iter().partition(left_only);
            let to_push = and_all(to_push)?;
            let on_left = to_push.map_columns(&|c| join.output.get(c).map_or(c, |&(_, i)| i));
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
            Some((
                Plan {
                    kind: PlanKind::Join(Box::new(join)),
                    ..input.clone()
                },
                kept,
            ))
        }
        _ => None,
    }
}

/// `a and b and c` as `[a, b, c]`.
fn split_and(e: &ScalarExpr, out: &mut Vec<ScalarExpr>) {
    match &e.kind {
        ScalarKind::Call { function, args } if function.name == "and" && args.len() == 2 => {
            split_and(&args[0], out);
            split_and(&args[1], out);
        }
        _ => out.push(e.clone()),
    }
}

/// The conjunction of `parts` (`None` when empty).
fn and_all(parts: Vec<ScalarExpr>) -> Option<ScalarExpr> {
    let and = crate::functions::scalar("and")?;
    parts.into_iter().reduce(|a, b| {
        let span = a.span.to(b.span);
        ScalarExpr {
            kind: ScalarKind::Call {
                function: and,
                args: vec![a, b],
            },
            ty: ScalarType::Bool,
            span,
        }
    })
}
