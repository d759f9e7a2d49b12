//! `partition by Column (SubQuery)`: rows grouped by the column's value (in order of
//! first appearance), the sub-plan run on each group through `PlanKind::SubInput`, the
//! results concatenated.
//!
//! ```kql
//! T | partition by State (top 1 by Damage)
//! ```

use std::sync::Arc;

use crate::exec::keys::group_rows;
use crate::exec::{EvalError, Executor};
use crate::plan::Plan;
use crate::table::{Column, Table};

/// The most partitions the legacy strategy allows.
const LEGACY_LIMIT: usize = 64;

pub(crate) fn partition(
    exec: &mut Executor<'_>,
    input: &Arc<Table>,
    column: usize,
    sub: &Plan,
    legacy: bool,
    node: &Plan,
) -> Result<Arc<Table>, EvalError> {
    let key = input.columns()[column].as_ref();
    let (ids, firsts) = group_rows(&[key], input.num_rows());
    if legacy && firsts.len() > LEGACY_LIMIT {
        return Err(EvalError::invalid(format!(
            "partition: {} partitions, more than the legacy strategy's {LEGACY_LIMIT} (use hint.strategy=native)",
            firsts.len()
        )));
    }
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); firsts.len()];
    for (r, &g) in ids.iter().enumerate() {
        members[g as usize].push(r as u32);
    }
    let mut parts: Vec<Vec<Column>> = vec![Vec::new(); node.schema.fields.len()];
    let mut total = 0usize;
    for rows in members {
        exec.sub_inputs.push(Arc::new(input.gather(&rows)));
        let result = exec.execute(sub);
        exec.sub_inputs.pop();
        let result = result?;
        total += result.num_rows();
        if total as u64 > exec.limits.max_rows {
            return Err(EvalError::RowLimit {
                operator: "partition",
                rows: total as u64,
                limit: exec.limits.max_rows,
                span: Some(node.span),
            });
        }
        for (k, c) in result.columns().iter().enumerate() {
            parts[k].push(c.as_ref().clone());
        }
    }
    let mut columns = Vec::with_capacity(parts.len());
    for (part, field) in parts.iter().zip(&node.schema.fields) {
        let column = if part.is_empty() {
            Column::empty(field.ty)
        } else {
            Column::concat(&part.iter().collect::<Vec<_>>())?
        };
        columns.push(Arc::new(column));
    }
    Ok(Arc::new(Table::with_row_count(
        node.schema.clone(),
        columns,
        total,
    )?))
}
