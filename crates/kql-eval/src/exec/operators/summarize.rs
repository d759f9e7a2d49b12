//! `summarize`: hash-groups the rows by key, then runs each aggregate over the groups.
//!
//! Without `by` there is exactly one group, even over no rows (so `count()` gives 0);
//! with `by`, no rows give no groups (q/summarize-operator.md).

use std::sync::Arc;

use crate::exec::keys::group_rows;
use crate::exec::{EvalError, Executor, eval_scalar};
use crate::functions::{AggregateInput, Datum, GroupIds};
use crate::plan::SummarizePlan;
use crate::table::{Column, Schema, Table};
use crate::value::Value;

pub(crate) fn summarize(
    exec: &mut Executor<'_>,
    input: &Arc<Table>,
    plan: &SummarizePlan,
    schema: &Schema,
) -> Result<Arc<Table>, EvalError> {
    let rows = input.num_rows();
    let mut key_columns = Vec::with_capacity(plan.keys.len());
    for key in &plan.keys {
        key_columns.push(eval_scalar(exec, key, input.columns(), rows)?.into_column(key.ty, rows)?);
    }
    let (groups, firsts) = if plan.keys.is_empty() {
        (GroupIds::single(rows), vec![])
    } else {
        let refs: Vec<&Column> = key_columns.iter().map(AsRef::as_ref).collect();
        let (ids, firsts) = group_rows(&refs, rows);
        (
            GroupIds {
                ids,
                count: firsts.len(),
            },
            firsts,
        )
    };
    let mut out: Vec<Arc<Column>> = key_columns
        .iter()
        .map(|c| Arc::new(c.gather(&firsts)))
        .collect();
    for call in &plan.aggregates {
        let mut args = Vec::with_capacity(call.args.len());
        let mut types = Vec::with_capacity(call.args.len());
        for arg in &call.args {
            args.push(eval_scalar(exec, arg, input.columns(), rows)?);
            types.push(arg.ty);
        }
        let agg_input = AggregateInput {
            args: &args,
            types: &types,
            groups: &groups,
            out: call.outputs[0],
            ctx: &exec.ctx,
        };
        let result = (call.function.eval)(&agg_input)?;
        if !call.function.picks_row {
            out.push(Arc::new(result));
            continue;
        }
        // arg_max / arg_min: the result holds each group's chosen row; project the
        // argument and the extra columns at that row.
        let picked: Vec<Option<u32>> = (0..groups.count)
            .map(|g| match result.get(g) {
                Value::Long(r) => u32::try_from(r).ok(),
                _ => None,
            })
            .collect();
        let first = match args.first() {
            Some(Datum::Column(c)) => c.clone(),
            Some(d @ Datum::Scalar(_)) => d.clone().into_column(call.outputs[0], rows)?,
            None => return Err(EvalError::Internal("arg_max without arguments".into())),
        };
        out.push(Arc::new(first.gather_opt(&picked)));
        for &c in &call.extra_columns {
            out.push(Arc::new(input.columns()[c].gather_opt(&picked)));
        }
    }
    Ok(Arc::new(Table::new(schema.clone(), out)?))
}
