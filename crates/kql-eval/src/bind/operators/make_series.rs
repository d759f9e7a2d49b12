//! `make-series`: per series (distinct `by` keys), one array per aggregate over the
//! bins of an axis (q/make-series-operator.md).
//!
//! ```kql
//! T | make-series Count = count() default = 0 on Timestamp from ago(30d) to now() step 1d by Sender
//! // Sender, Count: dynamic, Timestamp: dynamic
//! T | make-series kind=nonempty avg(metric) default=1.0 on timestamp from s to e step 1d
//! ```
//! Columns: the `by` keys, then each aggregate's array (named as `summarize` names
//! it), then the axis array (named after the axis column), as Kusto.Language's binder
//! builds them. An aggregate must have a numeric result (the doc's "only aggregation
//! functions that return numeric results"); `default` (0 when absent) is a constant of
//! that type. A constant item (`other = -1`) fills the bins that have rows.
//! The `in range(start, stop, step)` form is refused (its binning is underspecified).

use std::sync::Arc;

use kql_parser::ast::{ExprKind, MakeSeries, NamedExpr, ScalarType, Span};

use super::options::{option_text, unknown_option};
use super::summarize::output_names;
use crate::bind::naming::{derived_name, next_column_name, unique_name};
use crate::bind::{Binder, CheckError, RowScope};
use crate::functions;
use crate::plan::{
    MakeSeriesPlan, Plan, PlanKind, ScalarExpr, ScalarKind, SeriesAggregate, SeriesValue,
};
use crate::table::{Field, Schema};

impl Binder<'_> {
    pub(super) fn make_series(
        &mut self,
        input: Arc<Plan>,
        ms: &MakeSeries,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let mut nonempty = false;
        for option in &ms.options {
            match option.name.name.as_str() {
                "kind" if option_text(option)? == "nonempty" => nonempty = true,
                "kind" => {
                    return Err(CheckError::invalid(
                        "the only `make-series` kind is `nonempty`",
                        option.value.span,
                    ));
                }
                _ => unknown_option("make-series", option)?,
            }
        }
        if let Some(range) = &ms.in_range {
            return Err(CheckError::unsupported(
                "`make-series ... in range(...)` (use `from ... to ... step ...`)",
                range.span,
            ));
        }
        let row = RowScope::of(&input.schema);
        let mut fields: Vec<Field> = Vec::new();
        let mut keys = Vec::with_capacity(ms.by.len());
        for key in &ms.by {
            let expr = self.scalar(&key.expr, &row)?;
            let name = item_name(key, &mut self.column_counter, &fields);
            let name = unique_name(&name, |n| fields.iter().any(|f| f.name == n));
            fields.push(Field { name, ty: expr.ty });
            keys.push(expr);
        }
        let mut values = Vec::with_capacity(ms.aggregates.len());
        for item in &ms.aggregates {
            let named = &item.aggregate;
            if named.names.len() > 1 {
                return Err(CheckError::unsupported(
                    "several names for one make-series aggregate",
                    named.span,
                ));
            }
            let (value, ty, name) = match &named.expr.kind {
                ExprKind::Call { name, args } if functions::aggregate(&name.name).is_some() => {
                    let Some(function) = functions::aggregate(&name.name) else {
                        continue;
                    };
                    if function.picks_row {
                        return Err(CheckError::unsupported(
                            format!("`{}` in make-series", function.name),
                            named.span,
                        ));
                    }
                    let call = self.aggregate_call(function, args, &row, &[], named.expr.span)?;
                    let names = output_names(named, function, args, &call, &input.schema)?;
                    let name = names.into_iter().next().unwrap_or_default();
                    let ty = call.outputs[0];
                    (SeriesAggregate::Call(call), ty, name)
                }
                _ => {
                    // Bound without columns: only a constant binds here.
                    let expr = self.scalar(&named.expr, &RowScope::empty()).map_err(|_| {
                        CheckError::unsupported(
                            "a make-series item that is not an aggregate call or a constant",
                            named.span,
                        )
                    })?;
                    let name = item_name(named, &mut self.column_counter, &fields);
                    let ty = expr.ty;
                    (SeriesAggregate::Constant(expr), ty, name)
                }
            };
            if !ty.is_numeric() {
                return Err(CheckError::unsupported(
                    format!("a make-series aggregate of type {ty} (only numeric results)"),
                    named.span,
                ));
            }
            let default = match &item.default {
                Some(d) => Some(self.series_default(d, ty)?),
                None => None,
            };
            let name = unique_name(&name, |n| fields.iter().any(|f| f.name == n));
            fields.push(Field {
                name,
                ty: ScalarType::Dynamic,
            });
            values.push(SeriesValue { value, ty, default });
        }
        let axis = self.scalar(&ms.on, &row)?;
        let axis_name = derived_name(&ms.on).unwrap_or_else(|| {
            next_column_name(&mut self.column_counter, |n| {
                fields.iter().any(|f| f.name == n)
            })
        });
        let axis_name = unique_name(&axis_name, |n| fields.iter().any(|f| f.name == n));
        fields.push(Field {
            name: axis_name,
            ty: ScalarType::Dynamic,
        });
        let (from, to, step) = self.series_range(ms, &axis, span)?;
        Ok(Plan {
            schema: Schema { fields },
            kind: PlanKind::MakeSeries(Box::new(MakeSeriesPlan {
                input,
                keys,
                values,
                axis,
                from,
                to,
                step,
                nonempty,
            })),
            span,
        })
    }

    /// `default = V`: a constant of a numeric type (or null), converted to the element
    /// type when the query runs (a lossy conversion, 1.5 to a long, is refused there).
    fn series_default(
        &mut self,
        default: &kql_parser::ast::Expr,
        ty: ScalarType,
    ) -> Result<ScalarExpr, CheckError> {
        let expr = self.scalar(default, &RowScope::empty())?;
        let null = matches!(expr.as_literal(), Some(v) if v.is_null());
        if !(expr.ty.is_numeric() || null) {
            return Err(CheckError::type_error(
                format!(
                    "the default {} does not fit the series' {ty} values",
                    expr.ty
                ),
                "default",
                default.span,
            ));
        }
        Ok(expr)
    }

    /// `from`, `to` and `step`, typed against the axis.
    #[allow(clippy::type_complexity)]
    fn series_range(
        &mut self,
        ms: &MakeSeries,
        axis: &ScalarExpr,
        span: Span,
    ) -> Result<(Option<ScalarExpr>, Option<ScalarExpr>, ScalarExpr), CheckError> {
        let step_ty = match axis.ty {
            ScalarType::DateTime | ScalarType::TimeSpan => ScalarType::TimeSpan,
            ScalarType::Int | ScalarType::Long | ScalarType::Real => axis.ty,
            other => {
                return Err(CheckError::unsupported(
                    format!("a make-series axis of type {other}"),
                    axis.span,
                ));
            }
        };
        let empty = RowScope::empty();
        let bound = |b: &mut Self, e: &kql_parser::ast::Expr, want: ScalarType| {
            let expr = b.scalar(e, &empty)?;
            let fits = expr.ty == want
                || want.is_numeric() && matches!(expr.ty, ScalarType::Int | ScalarType::Long);
            if !fits {
                return Err(CheckError::type_error(
                    format!("expected a {want} here, not a {}", expr.ty),
                    format!("not a {want}"),
                    expr.span,
                ));
            }
            if let ScalarKind::Column(_) = expr.kind {
                return Err(CheckError::invalid("expected a constant", expr.span));
            }
            Ok(expr)
        };
        let from = ms
            .from
            .as_ref()
            .map(|e| bound(self, e, axis.ty))
            .transpose()?;
        let to = ms
            .to
            .as_ref()
            .map(|e| bound(self, e, axis.ty))
            .transpose()?;
        let Some(step) = &ms.step else {
            return Err(CheckError::invalid("`make-series` needs a `step`", span));
        };
        let step = bound(self, step, step_ty)?;
        Ok((from, to, step))
    }
}

/// The name of a `by` key or constant item: its own, derived, or `ColumnN`.
fn item_name(item: &NamedExpr, counter: &mut usize, fields: &[Field]) -> String {
    match item.names.first() {
        Some(n) => n.name.to_string(),
        None => derived_name(&item.expr)
            .unwrap_or_else(|| next_column_name(counter, |n| fields.iter().any(|f| f.name == n))),
    }
}
