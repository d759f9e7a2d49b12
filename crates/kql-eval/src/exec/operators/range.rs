//! `range x from A to B step S`: A, A+S, ... while not past B (both ends inclusive).

use std::sync::Arc;

use kql_parser::ast::ScalarType;

use crate::exec::{EvalError, Executor, eval_scalar};
use crate::functions::ops::convert;
use crate::plan::{Plan, ScalarExpr};
use crate::table::{Column, Table};
use crate::value::Value;

pub(crate) fn range(
    exec: &mut Executor<'_>,
    plan: &Plan,
    from: &ScalarExpr,
    to: &ScalarExpr,
    step: &ScalarExpr,
) -> Result<Arc<Table>, EvalError> {
    let ty = plan
        .schema
        .fields
        .first()
        .map(|f| f.ty)
        .ok_or_else(|| EvalError::Internal("range without column".into()))?;
    let from = convert(&eval_scalar(exec, from, &[], 1)?.value(0), ty);
    let to = convert(&eval_scalar(exec, to, &[], 1)?.value(0), ty);
    let step = eval_scalar(exec, step, &[], 1)?.value(0);
    let limit = exec.limits.max_rows;
    let check = |n: f64| {
        if n > limit as f64 {
            Err(EvalError::RowLimit {
                operator: "range",
                rows: n as u64,
                limit,
                span: Some(plan.span),
            })
        } else {
            // The values are built one `Value` each before they become a column.
            let bytes = (n as u64).saturating_mul(std::mem::size_of::<Value>() as u64);
            exec.check_bytes("range", bytes, Some(plan.span))?;
            Ok(n as u64)
        }
    };
    let values: Vec<Value> = match (ty, &from, &to, &step) {
        (ScalarType::Real, Value::Real(a), Value::Real(b), s) => {
            let s = s.as_f64().unwrap_or(0.0);
            let n = check(count(*a, *b, s))?;
            (0..n).map(|i| Value::Real(a + s * i as f64)).collect()
        }
        (ScalarType::Long, Value::Long(a), Value::Long(b), s) => {
            let Some(s) = s.as_i64() else {
                return empty(plan, ty);
            };
            let n = check(count_exact(*a, *b, s))?;
            (0..n as i64)
                .map_while(|i| s.checked_mul(i).and_then(|d| a.checked_add(d)))
                .map(Value::Long)
                .collect()
        }
        (ScalarType::DateTime, Value::DateTime(a), Value::DateTime(b), Value::TimeSpan(s)) => {
            let n = check(count_exact(*a, *b, *s))?;
            (0..n as i64)
                .map_while(|i| s.checked_mul(i).and_then(|d| a.checked_add(d)))
                .map(Value::DateTime)
                .collect()
        }
        (ScalarType::TimeSpan, Value::TimeSpan(a), Value::TimeSpan(b), Value::TimeSpan(s)) => {
            let n = check(count_exact(*a, *b, *s))?;
            (0..n as i64)
                .map_while(|i| s.checked_mul(i).and_then(|d| a.checked_add(d)))
                .map(Value::TimeSpan)
                .collect()
        }
        _ => return empty(plan, ty),
    };
    let column = Column::from_values(ty, values.into_iter())?;
    Ok(Arc::new(Table::new(
        plan.schema.clone(),
        vec![Arc::new(column)],
    )?))
}

fn empty(plan: &Plan, ty: ScalarType) -> Result<Arc<Table>, EvalError> {
    Ok(Arc::new(Table::new(
        plan.schema.clone(),
        vec![Arc::new(Column::nulls(ty, 0))],
    )?))
}

/// How many values `a, a+s, ...` lie within `[a, b]` (0 when the step goes the wrong way).
/// [`count`] for whole numbers (long, datetime and timespan ticks), exactly: near the
/// ends of long's range a double cannot tell the bounds apart.
fn count_exact(a: i64, b: i64, s: i64) -> f64 {
    let span = i128::from(b) - i128::from(a);
    if s == 0 {
        return if span == 0 { 1.0 } else { 0.0 };
    }
    if span != 0 && (span < 0) != (s < 0) {
        return 0.0;
    }
    (span / i128::from(s) + 1) as f64
}

fn count(a: f64, b: f64, s: f64) -> f64 {
    if s == 0.0 || !((b - a) / s).is_finite() {
        return if a == b { 1.0 } else { 0.0 };
    }
    if (b - a) / s < 0.0 {
        return 0.0;
    }
    ((b - a) / s).floor() + 1.0
}
