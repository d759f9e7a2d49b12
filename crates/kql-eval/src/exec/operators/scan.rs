//! `scan`: record by record, each step from the last to the first, following the
//! docs' "Scan logic" (learn.microsoft.com/kusto/query/scan-operator):
//!
//! ```kql
//! Events | sort by Ts asc | scan with_match_id = m_id with (step s1: Event == "Start"; step s2: Event == "Stop";)
//! ```
//!
//! * Check 1: when the previous step's state is not empty and the record meets this
//!   step's condition (evaluated against that state), the previous state moves to
//!   this step, extended with the record and this step's assignments; the record is
//!   output (unless `output = none`) with the sequence's match id.
//! * Check 2 (only without a check 1 match): when this step's state is active, or it
//!   is the first step, and the record meets the condition against this step's
//!   state, the record replaces this step's values in it and is output. On the first
//!   step with no active sequence a new sequence starts with the next match id (0, 1,
//!   ...; conformance `scan-operator-03`, `scan-operator-05`).
//!
//! A value of a step absent from the state is the declared default (null for input
//! columns). Each record and step evaluates its expressions over a one-row batch.

use std::sync::Arc;

use kql_parser::ast::ScalarType;

use crate::exec::{EvalError, Executor, eval_scalar};
use crate::plan::{Plan, ScanPlan};
use crate::table::{Column, Table};
use crate::value::Value;

/// A sequence in progress: per step, the values (input then declared columns) it
/// holds, and the sequence's match id.
#[derive(Clone)]
struct State {
    rows: Vec<Option<Vec<Value>>>,
    id: i64,
}

/// The one-row batch a step's expressions see: the record, then each step's values
/// in `state` (or the defaults).
fn batch(
    plan: &ScanPlan,
    types: &[ScalarType],
    record: &[Value],
    state: Option<&State>,
) -> Result<Vec<Arc<Column>>, EvalError> {
    let mut columns = Vec::with_capacity(types.len() * (plan.steps.len() + 1));
    for (v, ty) in record.iter().zip(types) {
        columns.push(Arc::new(Column::from_values(
            *ty,
            std::iter::once(v.clone()),
        )?));
    }
    for step in 0..plan.steps.len() {
        let held = state.and_then(|s| s.rows[step].as_ref());
        for (c, ty) in types.iter().enumerate() {
            let v = match held {
                Some(values) => values[c].clone(),
                None if c >= plan.inputs => plan.defaults[c - plan.inputs].clone(),
                None => Value::Null,
            };
            columns.push(Arc::new(Column::from_values(*ty, std::iter::once(v))?));
        }
    }
    Ok(columns)
}

/// Whether step `k` matches the record against `state`; if so, the record's values
/// extended with the step's assignments (unassigned declared columns keep the
/// step's values in `state`, or the defaults).
fn try_step(
    exec: &mut Executor<'_>,
    plan: &ScanPlan,
    types: &[ScalarType],
    k: usize,
    record: &[Value],
    state: Option<&State>,
) -> Result<Option<Vec<Value>>, EvalError> {
    let columns = batch(plan, types, record, state)?;
    let step = &plan.steps[k];
    let hit = eval_scalar(exec, &step.condition, &columns, 1)?.value(0);
    if !matches!(hit, Value::Bool(true)) {
        return Ok(None);
    }
    let mut values = record.to_vec();
    for (d, assignment) in step.assignments.iter().enumerate() {
        let v = match assignment {
            Some(e) => eval_scalar(exec, e, &columns, 1)?.value(0),
            None => match state.and_then(|s| s.rows[k].as_ref()) {
                Some(held) => held[plan.inputs + d].clone(),
                None => plan.defaults[d].clone(),
            },
        };
        values.push(v);
    }
    Ok(Some(values))
}

pub(crate) fn scan(
    exec: &mut Executor<'_>,
    input: &Arc<Table>,
    plan: &ScanPlan,
    node: &Plan,
) -> Result<Arc<Table>, EvalError> {
    let n = plan.steps.len();
    let mut types: Vec<ScalarType> = input.schema().fields.iter().map(|f| f.ty).collect();
    types.extend(plan.declared.iter().copied());
    let mut states: Vec<Option<State>> = vec![None; n];
    let mut next_id = 0i64;
    // Output rows: the record's values (input then declared) and match id.
    let mut out: Vec<(Vec<Value>, i64)> = Vec::new();
    for row in 0..input.num_rows() {
        let record: Vec<Value> = input.columns().iter().map(|c| c.get(row)).collect();
        for k in (0..n).rev() {
            if k > 0
                && let Some(previous) = states[k - 1].clone()
                && let Some(values) = try_step(exec, plan, &types, k, &record, Some(&previous))?
            {
                let mut moved = previous;
                moved.rows[k] = Some(values.clone());
                if plan.steps[k].output {
                    out.push((values, moved.id));
                }
                states[k] = Some(moved);
                states[k - 1] = None;
                continue;
            }
            let active = states[k].clone();
            if (active.is_some() || k == 0)
                && let Some(values) = try_step(exec, plan, &types, k, &record, active.as_ref())?
            {
                let mut state = match active {
                    Some(s) => s,
                    None => {
                        let id = next_id;
                        next_id += 1;
                        State {
                            rows: vec![None; n],
                            id,
                        }
                    }
                };
                state.rows[k] = Some(values.clone());
                if plan.steps[k].output {
                    out.push((values, state.id));
                }
                states[k] = Some(state);
            }
        }
    }
    let mut columns = Vec::with_capacity(types.len() + 1);
    for (c, ty) in types.iter().enumerate() {
        let values = out.iter().map(|(v, _)| v[c].clone());
        columns.push(Arc::new(Column::from_values(*ty, values)?));
    }
    if plan.match_id {
        let ids = out.iter().map(|(_, id)| Value::Long(*id));
        columns.push(Arc::new(Column::from_values(ScalarType::Long, ids)?));
    }
    Ok(Arc::new(Table::with_row_count(
        node.schema.clone(),
        columns,
        out.len(),
    )?))
}
