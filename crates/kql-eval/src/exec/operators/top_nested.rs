//! `top-nested`: each level splits every surviving group by its key, aggregates, and
//! keeps the top N sub-groups (q/top-nested-operator.md).
//!
//! ```kql
//! T | top-nested 2 of State by sum(Damage), top-nested 1 of Type by sum(Damage)
//! // per State in the top 2 by total damage: its top Type by damage
//! ```
//! Refused (run-time errors) where Kusto's choice is undocumented: a tie in the
//! aggregate across the N-th place, and a null aggregate when only N are kept.
//! Rows come out level by level, best first ([U]: Kusto's order is unspecified).

use std::cmp::Ordering;
use std::sync::Arc;

use crate::exec::keys::group_rows;
use crate::exec::{EvalError, Executor, eval_scalar};
use crate::functions::compare::order;
use crate::functions::{AggregateInput, Datum, GroupIds};
use crate::plan::{AggregateCall, Plan, TopNestedLevelPlan, TopNestedPlan};
use crate::table::{Column, ColumnBuilder, Table};
use crate::value::Value;

/// A group that survived the levels so far: its rows and its (key, aggregate) cells.
struct Node {
    rows: Vec<u32>,
    cells: Vec<Value>,
}

pub(crate) fn top_nested(
    exec: &mut Executor<'_>,
    input: &Arc<Table>,
    plan: &TopNestedPlan,
    node: &Plan,
) -> Result<Arc<Table>, EvalError> {
    let n = input.num_rows();
    let mut nodes = vec![Node {
        rows: (0..n as u32).collect(),
        cells: Vec::new(),
    }];
    if n == 0 {
        nodes.clear();
    }
    for level in &plan.levels {
        let count = match &level.count {
            Some(c) => match eval_scalar(exec, c, &[], 1)?.value(0).as_i64() {
                Some(k) => Some(usize::try_from(k.max(0)).unwrap_or(usize::MAX)),
                None => return Err(EvalError::invalid("top-nested: the count is null")),
            },
            None => None,
        };
        let others = match &level.others {
            Some(o) => Some(eval_scalar(exec, o, &[], 1)?.value(0)),
            None => None,
        };
        let key =
            eval_scalar(exec, &level.key, input.columns(), n)?.into_column(level.key.ty, n)?;
        let mut args = Vec::with_capacity(level.aggregate.args.len());
        for arg in &level.aggregate.args {
            args.push(eval_scalar(exec, arg, input.columns(), n)?);
        }
        let mut next = Vec::new();
        for parent in &nodes {
            split(
                exec,
                parent,
                level,
                &key,
                &args,
                count,
                others.as_ref(),
                &mut next,
            )?;
        }
        nodes = next;
    }
    let mut builders: Vec<ColumnBuilder> = node
        .schema
        .fields
        .iter()
        .map(|f| ColumnBuilder::with_capacity(f.ty, nodes.len()))
        .collect();
    for leaf in &nodes {
        for (b, v) in builders.iter_mut().zip(&leaf.cells) {
            b.push_value(v)?;
        }
    }
    let columns = builders.into_iter().map(|b| Arc::new(b.finish())).collect();
    Ok(Arc::new(Table::with_row_count(
        node.schema.clone(),
        columns,
        nodes.len(),
    )?))
}

/// Splits one group by a level's key and keeps its top sub-groups.
#[allow(clippy::too_many_arguments)]
fn split(
    exec: &Executor<'_>,
    parent: &Node,
    level: &TopNestedLevelPlan,
    key: &Column,
    args: &[Datum],
    count: Option<usize>,
    others: Option<&Value>,
    out: &mut Vec<Node>,
) -> Result<(), EvalError> {
    let keys = key.gather(&parent.rows);
    let (ids, firsts) = group_rows(&[&keys], parent.rows.len());
    let groups = GroupIds {
        ids,
        count: firsts.len(),
    };
    let aggs = aggregate(exec, &level.aggregate, args, &parent.rows, &groups)?;
    let mut ranked: Vec<usize> = (0..groups.count).collect();
    let compare = |a: &usize, b: &usize| {
        let ord = order(&aggs[*a], &aggs[*b]).unwrap_or(Ordering::Equal);
        if level.descending { ord.reverse() } else { ord }
    };
    ranked.sort_by(compare);
    let keep = count.unwrap_or(usize::MAX).min(ranked.len());
    if keep < ranked.len() {
        let undecided = aggs.iter().any(Value::is_null)
            || (keep > 0 && compare(&ranked[keep - 1], &ranked[keep]) == Ordering::Equal);
        if undecided {
            return Err(EvalError::invalid(
                "top-nested: kql cannot tell which values Kusto keeps (a tie or a null at the cut)",
            ));
        }
    }
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); groups.count];
    for (i, &g) in groups.ids.iter().enumerate() {
        members[g as usize].push(parent.rows[i]);
    }
    for &g in &ranked[..keep] {
        let mut cells = parent.cells.clone();
        cells.push(keys.get(firsts[g] as usize));
        cells.push(aggs[g].clone());
        out.push(Node {
            rows: std::mem::take(&mut members[g]),
            cells,
        });
    }
    if let Some(value) = others
        && keep < ranked.len()
    {
        let rest: Vec<u32> = ranked[keep..]
            .iter()
            .flat_map(|&g| members[g].iter().copied())
            .collect();
        let single = GroupIds::single(rest.len());
        let agg = aggregate(exec, &level.aggregate, args, &rest, &single)?;
        let mut cells = parent.cells.clone();
        cells.push(value.clone());
        cells.push(agg.into_iter().next().unwrap_or(Value::Null));
        out.push(Node { rows: rest, cells });
    }
    Ok(())
}

/// One aggregate over `rows` (input row indexes), grouped by `groups`.
fn aggregate(
    exec: &Executor<'_>,
    call: &AggregateCall,
    args: &[Datum],
    rows: &[u32],
    groups: &GroupIds,
) -> Result<Vec<Value>, EvalError> {
    let gathered: Vec<Datum> = args
        .iter()
        .map(|a| match a {
            Datum::Column(c) => Datum::Column(Arc::new(c.gather(rows))),
            scalar => scalar.clone(),
        })
        .collect();
    let types: Vec<_> = call.args.iter().map(|a| a.ty).collect();
    let input = AggregateInput {
        args: &gathered,
        types: &types,
        groups,
        out: call.outputs[0],
        ctx: &exec.ctx,
    };
    let column = (call.function.eval)(&input)?;
    Ok((0..groups.count).map(|g| column.get(g)).collect())
}
