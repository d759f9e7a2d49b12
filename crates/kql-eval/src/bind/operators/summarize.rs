//! `summarize Aggregates [by Keys]`: output is the keys, then the aggregates.
//!
//! ```kql
//! T | summarize count() by RecipientDomain                 // RecipientDomain, count_
//! T | summarize max(OutboundCount), count() by Domain      // Domain, max_OutboundCount, count_
//! T | summarize arg_max(Timestamp, *) by NetworkMessageId  // the latest row per message
//! T | summarize Pct = 100.0 * countif(Spam) / count()      // expressions over aggregates
//! ```

use std::sync::Arc;

use kql_parser::ast::{Expr, ExprKind, Ident, NamedExpr, Span, Summarize};

use super::extend::Projection;
use crate::bind::naming::{aggregate_name, derived_name, next_column_name, unique_name};
use crate::bind::scalar::type_call_aggregate;
use crate::bind::{Binder, CheckError, RowScope};
use crate::functions::{self, AggregateFunction};
use crate::plan::{AggregateCall, Plan, PlanKind, ProjectItem, ScalarKind, SummarizePlan};
use crate::table::{Field, Schema};

/// Prefix of the hidden columns that hold aggregates used inside larger expressions.
const HIDDEN: &str = "\u{1}agg";

impl Binder<'_> {
    pub(super) fn summarize(
        &mut self,
        input: Arc<Plan>,
        s: &Summarize,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let row = RowScope::of(&input.schema);
        let mut fields: Vec<Field> = Vec::new();
        let mut keys = Vec::new();
        let mut key_columns = Vec::new();
        for key in &s.by {
            let expr = self.scalar(&key.expr, &row)?;
            if let ScalarKind::Column(i) = expr.kind {
                key_columns.push(i);
            }
            let name = match key.names.first() {
                Some(n) => n.name.to_string(),
                None => derived_name(&key.expr).unwrap_or_else(|| {
                    next_column_name(&mut self.column_counter, |n| {
                        fields.iter().any(|f| f.name == n)
                    })
                }),
            };
            let name = unique_name(&name, |n| fields.iter().any(|f| f.name == n));
            fields.push(Field { name, ty: expr.ty });
            keys.push(expr);
        }

        let mut aggregates = Vec::new();
        // The output in argument order: keys, then each item's columns; items that are
        // expressions over aggregates are computed after the summarize.
        let mut layout: Vec<Slot> = vec![Slot::Fields(0..fields.len())];
        let mut hidden = 0;
        for item in &s.aggregates {
            if let ExprKind::Call { name, args } = &item.expr.kind
                && let Some(function) = functions::aggregate(&name.name)
            {
                let call =
                    self.aggregate_call(function, args, &row, &key_columns, item.expr.span)?;
                let names = output_names(item, function, args, &call, &input.schema)?;
                let start = fields.len();
                for (name, ty) in names.into_iter().zip(&call.outputs) {
                    let name = unique_name(&name, |n| fields.iter().any(|f| f.name == n));
                    fields.push(Field { name, ty: *ty });
                }
                layout.push(Slot::Fields(start..fields.len()));
                aggregates.push(call);
                continue;
            }
            // An expression over aggregates: each aggregate becomes a hidden column.
            let mut rewritten = item.expr.clone();
            let mut found = Vec::new();
            extract_aggregates(&mut rewritten, &mut hidden, &mut found);
            if found.is_empty()
                && let ExprKind::Call { name, .. } = &item.expr.kind
            {
                if crate::bind::kusto_names::is_kusto_aggregate(&name.name) {
                    return Err(CheckError::unsupported(
                        format!("the aggregate `{}`", name.name),
                        name.span,
                    ));
                }
                return Err(CheckError::UnknownFunction {
                    name: name.name.to_string(),
                    span: name.span,
                    help: crate::bind::did_you_mean(
                        &name.name,
                        functions::aggregate::FUNCTIONS.iter().map(|f| f.name),
                    )
                    .or_else(|| {
                        Some(
                            "summarize takes aggregation functions: count(), sum(x), max(x), ..."
                                .into(),
                        )
                    }),
                });
            }
            if found.is_empty() {
                return Err(CheckError::invalid(
                    "each summarize item must be an aggregate (count(), max(x), ...) or an expression over aggregates",
                    item.expr.span,
                )
                .with_help("move plain expressions to `by`, or compute them with `extend` first"));
            }
            for (hidden_name, name, args, call_span) in found {
                let Some(function) = functions::aggregate(&name) else {
                    continue;
                };
                let call = self.aggregate_call(function, &args, &row, &key_columns, call_span)?;
                fields.push(Field {
                    name: hidden_name,
                    ty: call.outputs[0],
                });
                aggregates.push(call);
            }
            let name = match item.names.first() {
                Some(n) => n.name.to_string(),
                None => next_column_name(&mut self.column_counter, |n| {
                    fields.iter().any(|f| f.name == n)
                }),
            };
            layout.push(Slot::Post(name, rewritten));
        }

        let plan = Plan {
            schema: Schema { fields },
            kind: PlanKind::Summarize(Box::new(SummarizePlan {
                input,
                keys,
                aggregates,
            })),
            span,
        };
        if !layout.iter().any(|slot| matches!(slot, Slot::Post(..))) {
            return Ok(plan);
        }
        // Compute the expressions over aggregates in their places; the hidden
        // columns holding their aggregates are left out.
        let plan = Arc::new(plan);
        let mut projection = Projection::new(plan.clone(), false);
        for slot in layout {
            match slot {
                Slot::Fields(range) => {
                    for i in range {
                        projection.set(plan.schema.fields[i].name.clone(), ProjectItem::Input(i));
                    }
                }
                Slot::Post(name, expr) => {
                    let item = NamedExpr {
                        names: vec![Ident {
                            name: name.into(),
                            span: expr.span,
                        }],
                        span: expr.span,
                        expr,
                    };
                    projection.add(self, &item, false)?;
                }
            }
        }
        Ok(projection.finish(span))
    }

    /// Binds one aggregate call's arguments (expanding `*` in `arg_max(X, *)`).
    pub(super) fn aggregate_call(
        &mut self,
        function: &'static AggregateFunction,
        args: &[Expr],
        row: &RowScope<'_>,
        key_columns: &[usize],
        span: Span,
    ) -> Result<AggregateCall, CheckError> {
        let schema = row.schema;
        let is_arg = matches!(function.name, "arg_max" | "arg_min");
        let mut bound = Vec::new();
        let mut extra_columns = Vec::new();
        for (i, arg) in args.iter().enumerate() {
            if matches!(arg.kind, ExprKind::Star) {
                if is_arg && i > 0 {
                    let first =
                        bound
                            .first()
                            .and_then(|b: &crate::plan::ScalarExpr| match b.kind {
                                ScalarKind::Column(c) => Some(c),
                                _ => None,
                            });
                    let n = schema.map_or(0, |s| s.fields.len());
                    for c in 0..n {
                        if Some(c) != first
                            && !key_columns.contains(&c)
                            && !extra_columns.contains(&c)
                        {
                            extra_columns.push(c);
                        }
                    }
                    continue;
                }
                if function.name == "count" && args.len() == 1 {
                    continue;
                }
                return Err(CheckError::invalid("`*` is not allowed here", arg.span));
            }
            let mut expr = self.scalar(arg, row)?;
            // The `...if` aggregates read the rows where their predicate is true
            // (q/countif-aggregation-function.md, q/sumif-aggregation-function.md).
            if Some(i) == predicate_argument(function.name) {
                expr = crate::bind::predicate::as_predicate(expr);
            }
            if is_arg && i > 0 {
                match expr.kind {
                    ScalarKind::Column(c) => {
                        if !extra_columns.contains(&c) {
                            extra_columns.push(c);
                        }
                        continue;
                    }
                    _ => {
                        return Err(CheckError::unsupported(
                            "computed extra arguments of arg_max/arg_min",
                            arg.span,
                        ));
                    }
                }
            }
            bound.push(expr);
        }
        let ty = type_call_aggregate(function, &bound, span)?;
        let mut outputs = vec![ty];
        if let Some(s) = schema {
            outputs.extend(extra_columns.iter().map(|c| s.fields[*c].ty));
        }
        Ok(AggregateCall {
            function,
            args: bound,
            outputs,
            extra_columns,
            span,
        })
    }
}

/// The argument of an `...if` aggregate that is its row predicate: `countif(P)`,
/// `sumif(x, P)`, `dcountif(x, P, accuracy)`, `make_list_if(x, P, max)`, ...
fn predicate_argument(aggregate: &str) -> Option<usize> {
    match aggregate {
        "countif" => Some(0),
        name if name.ends_with("if") => Some(1),
        _ => None,
    }
}

/// Where a summarize item's output goes.
enum Slot {
    /// Columns of the summarize itself (keys, direct aggregates).
    Fields(std::ops::Range<usize>),
    /// An expression over aggregates, named, computed after the summarize.
    Post(String, Expr),
}

/// The output column names of a direct aggregate item.
pub(super) fn output_names(
    item: &NamedExpr,
    function: &AggregateFunction,
    args: &[Expr],
    call: &AggregateCall,
    schema: &Schema,
) -> Result<Vec<String>, CheckError> {
    let undocumented = |what: &str| {
        CheckError::unsupported(
            format!("an unnamed {what} (Kusto's column name is undocumented; name it)"),
            item.expr.span,
        )
    };
    let is_arg = matches!(function.name, "arg_max" | "arg_min");
    let mut names = Vec::new();
    let first = if let Some(n) = item.names.first() {
        n.name.to_string()
    } else if is_arg {
        derived_name(&args[0])
            .unwrap_or_else(|| format!("{}_", function.name.trim_start_matches("arg_")))
    } else if matches!(function.name, "percentile" | "percentiles") {
        crate::bind::naming::percentile_name(args)
            .ok_or_else(|| undocumented("percentile of a percentage that is not a literal"))?
    } else if matches!(function.name, "covariance" | "covariancep") {
        crate::bind::naming::covariance_name(function.name, args)
            .ok_or_else(|| undocumented("covariance of expressions"))?
    } else {
        aggregate_name(function.name_prefix, args)
    };
    names.push(first);
    for (k, c) in call.extra_columns.iter().enumerate() {
        match item.names.get(k + 1) {
            Some(n) => names.push(n.name.to_string()),
            None => names.push(schema.fields[*c].name.clone()),
        }
    }
    Ok(names)
}

/// Replaces each aggregate call inside `expr` with a hidden column name, collecting
/// `(hidden name, function, args, span)`.
fn extract_aggregates(
    expr: &mut Expr,
    counter: &mut usize,
    found: &mut Vec<(String, String, Vec<Expr>, Span)>,
) {
    if let ExprKind::Call { name, args } = &expr.kind
        && functions::aggregate(&name.name).is_some()
    {
        let hidden = format!("{HIDDEN}{counter}");
        *counter += 1;
        found.push((
            hidden.clone(),
            name.name.to_string(),
            args.clone(),
            expr.span,
        ));
        expr.kind = ExprKind::Name(Ident {
            name: hidden.into(),
            span: expr.span,
        });
        return;
    }
    match &mut expr.kind {
        ExprKind::Unary { operand, .. } => extract_aggregates(operand, counter, found),
        ExprKind::Binary { left, right, .. } => {
            extract_aggregates(left, counter, found);
            extract_aggregates(right, counter, found);
        }
        ExprKind::Call { args, .. } => args
            .iter_mut()
            .for_each(|a| extract_aggregates(a, counter, found)),
        ExprKind::Paren(inner) => extract_aggregates(inner, counter, found),
        ExprKind::Member { target, .. } => extract_aggregates(target, counter, found),
        ExprKind::Index { target, index } => {
            extract_aggregates(target, counter, found);
            extract_aggregates(index, counter, found);
        }
        ExprKind::Between {
            value, low, high, ..
        } => {
            extract_aggregates(value, counter, found);
            extract_aggregates(low, counter, found);
            extract_aggregates(high, counter, found);
        }
        ExprKind::List { left, items, .. } => {
            extract_aggregates(left, counter, found);
            items
                .iter_mut()
                .for_each(|a| extract_aggregates(a, counter, found));
        }
        _ => {}
    }
}
