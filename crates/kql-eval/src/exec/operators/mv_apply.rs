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
//! [U] An expanded element that is itself an array is refused: Kusto's
//! `mv-apply rings on (summarize make_list(rings))` over an array of arrays gives
//! the flattened elements (conformance geo-h3cell-rings-function-02), which
//! `make_list` elsewhere does not do, and the rule behind it is not documented.

use std::sync::Arc;

use super::mv_expand::expanded_table;
use crate::exec::{EvalError, Executor};
use crate::plan::{MvApplyPlan, MvExpandColumn, MvExpandPlan, Plan, PlanKind};
use crate::table::{Column, Table};
use crate::value::{Dynamic, Value};

/// Refuses an expansion whose expanded elements include an array (see the module doc).
fn refuse_nested_arrays(expanded: &Table, plan: &MvExpandPlan) -> Result<(), EvalError> {
    for (k, column) in plan.output.iter().enumerate() {
        if !matches!(column, MvExpandColumn::Item(_)) {
            continue;
        }
        let Some(c) = expanded.columns().get(k) else {
            continue;
        };
        if (0..c.len()).any(|r| matches!(c.get(r), Value::Dynamic(Dynamic::Array(_)))) {
            return Err(EvalError::invalid(
                "mv-apply over an array of arrays: Kusto's result is undocumented, so kql refuses rather than guess",
            ));
        }
    }
    Ok(())
}

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
    refuse_nested_arrays(&expanded, &plan.expand)?;
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
