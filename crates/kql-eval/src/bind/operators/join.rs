//! `join` and `lookup`.
//!
//! ```kql
//! T | join kind=leftouter (Delivered) on Pair            // Pair, ..., Pair1
//! T | join (U) on $left.SenderFromDomain == $right.Domain
//! T | lookup kind=inner (Dim) on Key                      // Key once, then Dim's other columns
//! ```
//! The default kind is `innerunique` (q/join-operator.md). A right column whose name is
//! taken gets the smallest free numeric suffix (`Pair1`).

use std::sync::Arc;

use kql_parser::ast::{BinaryOp, Expr, ExprKind, Join, JoinKind, Lookup, Span};

use crate::bind::{Binder, CheckError, did_you_mean, unique_name};
use crate::plan::{JoinPlan, Plan, PlanKind};
use crate::table::{Field, Schema};

impl Binder<'_> {
    pub(super) fn join(
        &mut self,
        left: Arc<Plan>,
        join: &Join,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let right = self.tabular(&join.right)?;
        let kind = join.kind.unwrap_or(JoinKind::InnerUnique);
        let (left_keys, right_keys) = join_keys(&left, &right, &join.on, span)?;
        let output: Vec<(bool, usize)> = match kind {
            JoinKind::LeftSemi | JoinKind::LeftAnti => {
                (0..left.schema.fields.len()).map(|i| (false, i)).collect()
            }
            JoinKind::RightSemi | JoinKind::RightAnti => {
                (0..right.schema.fields.len()).map(|i| (true, i)).collect()
            }
            _ => (0..left.schema.fields.len())
                .map(|i| (false, i))
                .chain((0..right.schema.fields.len()).map(|i| (true, i)))
                .collect(),
        };
        Ok(joined(
            kind, left, right, left_keys, right_keys, output, span,
        ))
    }

    pub(super) fn lookup(
        &mut self,
        left: Arc<Plan>,
        lookup: &Lookup,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let right = self.tabular(&lookup.right)?;
        let kind = lookup.kind.unwrap_or(JoinKind::LeftOuter);
        if !matches!(kind, JoinKind::LeftOuter | JoinKind::Inner) {
            return Err(CheckError::invalid(
                "`lookup` supports only kind=leftouter and kind=inner",
                span,
            ));
        }
        let (left_keys, right_keys) = join_keys(&left, &right, &lookup.on, span)?;
        let output = (0..left.schema.fields.len())
            .map(|i| (false, i))
            .chain(
                (0..right.schema.fields.len())
                    .filter(|i| !right_keys.contains(i))
                    .map(|i| (true, i)),
            )
            .collect();
        Ok(joined(
            kind, left, right, left_keys, right_keys, output, span,
        ))
    }
}

fn joined(
    kind: JoinKind,
    left: Arc<Plan>,
    right: Arc<Plan>,
    left_keys: Vec<usize>,
    right_keys: Vec<usize>,
    output: Vec<(bool, usize)>,
    span: Span,
) -> Plan {
    let mut fields: Vec<Field> = Vec::with_capacity(output.len());
    for &(is_right, i) in &output {
        let f = if is_right {
            &right.schema.fields[i]
        } else {
            &left.schema.fields[i]
        };
        let name = unique_name(&f.name, |n| fields.iter().any(|g| g.name == n));
        fields.push(Field { name, ty: f.ty });
    }
    Plan {
        schema: Schema { fields },
        kind: PlanKind::Join(Box::new(JoinPlan {
            kind,
            left,
            right,
            left_keys,
            right_keys,
            output,
        })),
        span,
    }
}

/// Resolves `on` conditions to pairs of key columns.
fn join_keys(
    left: &Plan,
    right: &Plan,
    on: &[Expr],
    span: Span,
) -> Result<(Vec<usize>, Vec<usize>), CheckError> {
    let mut keys = (Vec::new(), Vec::new());
    for condition in on {
        add_condition(left, right, condition, &mut keys)?;
    }
    if keys.0.is_empty() {
        return Err(CheckError::invalid(
            "a join needs at least one `on` condition",
            span,
        ));
    }
    for (l, r) in keys.0.iter().zip(&keys.1) {
        let (lt, rt) = (left.schema.fields[*l].ty, right.schema.fields[*r].ty);
        if lt != rt {
            return Err(CheckError::type_error(
                format!(
                    "join keys `{}` ({lt}) and `{}` ({rt}) have different types",
                    left.schema.fields[*l].name, right.schema.fields[*r].name
                ),
                "keys of different types",
                span,
            ));
        }
    }
    Ok(keys)
}

fn add_condition(
    left: &Plan,
    right: &Plan,
    cond: &Expr,
    keys: &mut (Vec<usize>, Vec<usize>),
) -> Result<(), CheckError> {
    match &cond.kind {
        ExprKind::Paren(inner) => add_condition(left, right, inner, keys),
        ExprKind::Name(ident) => {
            keys.0.push(column(left, &ident.name, "left", cond.span)?);
            keys.1.push(column(right, &ident.name, "right", cond.span)?);
            Ok(())
        }
        ExprKind::Binary {
            op: BinaryOp::And,
            left: a,
            right: b,
        } => {
            add_condition(left, right, a, keys)?;
            add_condition(left, right, b, keys)
        }
        ExprKind::Binary {
            op: BinaryOp::Eq,
            left: a,
            right: b,
        } => {
            let (sa, ca) = side_column(a)?;
            let (sb, cb) = side_column(b)?;
            let (l, r) = match (sa, sb) {
                (false, true) => ((ca, a.span), (cb, b.span)),
                (true, false) => ((cb, b.span), (ca, a.span)),
                _ => {
                    return Err(CheckError::invalid(
                        "a join condition compares a `$left` column with a `$right` column",
                        cond.span,
                    ));
                }
            };
            keys.0.push(column(left, l.0, "left", l.1)?);
            keys.1.push(column(right, r.0, "right", r.1)?);
            Ok(())
        }
        _ => Err(CheckError::unsupported(
            "this join condition (only `Col` and `$left.A == $right.B`, joined by `,` or `and`)",
            cond.span,
        )),
    }
}

/// `$left.Col` is `(false, "Col")`, `$right.Col` is `(true, "Col")`.
fn side_column(expr: &Expr) -> Result<(bool, &str), CheckError> {
    if let ExprKind::Member { target, name } = &expr.kind
        && let ExprKind::Name(side) = &target.kind
    {
        match side.name.as_str() {
            "$left" => return Ok((false, &name.name)),
            "$right" => return Ok((true, &name.name)),
            _ => {}
        }
    }
    Err(CheckError::invalid(
        "expected `$left.Column` or `$right.Column`",
        expr.span,
    ))
}

fn column(plan: &Plan, name: &str, side: &str, span: Span) -> Result<usize, CheckError> {
    plan.schema
        .index_of(name)
        .ok_or_else(|| CheckError::UnknownColumn {
            name: name.to_string(),
            context: format!("the {side} side of the join"),
            span,
            help: did_you_mean(name, plan.schema.fields.iter().map(|f| f.name.as_str())),
        })
}
