//! `mv-apply`: each input row's expansion is run through the sub-query, and the
//! results are concatenated in input order, each after that row's extra columns.
//!
//! ```kql
//! data | mv-apply Arr2 = Arr to typeof(long) on (top 1 by Arr2)
//! ```
//! The sub-table of a row is a slice of the whole expansion (rows of one input row
//! are contiguous); the sub-plan reads it through `PlanKind::SubInput`.
//! [U] A row whose expansion is empty is skipped when the sub-query gives no rows for
//! an empty table (`top`, `where`, `take`); when it gives some (`summarize`), Kusto's
//! answer is unknown and the query is refused.

use std::sync::Arc;

use super::mv_expand::expanded_table;
use crate::exec::{EvalError, Executor};
use crate::plan::{MvApplyPlan, Plan, PlanKind};
use crate::table::{Column, Table};

pub(crate) fn mv_apply(
    exec: &mut Executor<'_>,
    input: &Arc<Table>,
    plan: &MvApplyPlan,
    node: &Plan,
) -> Result<Arc<Table>, EvalError> {
    let table_node = Plan {
        schema: plan.expanded.clone(),
        kind: PlanKind::SubInput,
        span: node.span,
    };
    let (expanded, sources) = expanded_table(exec, input, &plan.expand, &table_node)?;
    let mut parts: Vec<Vec<Column>> = vec![Vec::new(); node.schema.fields.len()];
    let mut total = 0usize;
    let mut start = 0usize;
    for r in 0..input.num_rows() {
        let mut end = start;
        while end < sources.len() && sources[end] as usize == r {
            end += 1;
        }
        let empty = end == start;
        let sub = Arc::new(expanded.slice(start, end - start));
        start = end;
        exec.sub_inputs.push(sub);
        let result = exec.execute(&plan.sub);
        exec.sub_inputs.pop();
        let result = result?;
        let rows = result.num_rows();
        if rows == 0 {
            continue;
        }
        if empty {
            return Err(EvalError::invalid(
                "mv-apply: kql cannot tell Kusto's answer for a row that expands to nothing",
            ));
        }
        total += rows;
        if total as u64 > exec.limits.max_rows {
            return Err(EvalError::RowLimit {
                operator: "mv-apply",
                rows: total as u64,
                limit: exec.limits.max_rows,
                span: Some(node.span),
            });
        }
        let repeat = vec![r as u32; rows];
        for (k, &c) in plan.extras.iter().enumerate() {
            parts[k].push(input.columns()[c].gather(&repeat));
        }
        for (k, column) in result.columns().iter().enumerate() {
            parts[plan.extras.len() + k].push(column.as_ref().clone());
        }
    }
    let mut columns = Vec::with_capacity(parts.len());
    for (part, field) in parts.iter().zip(&node.schema.fields) {
        let column = if part.is_empty() {
            Column::empty(field.ty)
        } else {
            let refs: Vec<&Column> = part.iter().collect();
            Column::concat(&refs)?
        };
        columns.push(Arc::new(column));
    }
    Ok(Arc::new(Table::with_row_count(
        node.schema.clone(),
        columns,
        total,
    )?))
}
