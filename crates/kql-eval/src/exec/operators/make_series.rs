//! `make-series`: rows grouped by (keys, axis bin), aggregated with the registry's
//! aggregates, then each series' bins laid out as arrays (q/make-series-operator.md).
//!
//! ```kql
//! data | make-series avg(metric) on timestamp from datetime(2017-01-01) to datetime(2017-01-10) step 1d
//! // avg_metric: [4.0, 3.0, 5.0, 0.0, ...], timestamp: ["2017-01-01T00:00:00.0000000Z", ...]
//! ```
//! Bins are `bin_at(axis, step, from)` (`bin(axis, step)` without `from`); the arrays
//! run from `from` (else each series' first bin with rows) up to `to` exclusive (else
//! past each series' last bin with rows). Bins without rows hold the default.
//!
//! Series are the distinct `by` keys of all input rows: a series whose rows all fall
//! outside the range (or have a null axis) gets arrays of defaults (the doc's "Returns":
//! rows are grouped by keys and bins before the arrays are laid out). Refused where
//! Kusto's answer is unknown: such a series without both `from` and `to`, and
//! `kind=nonempty` over an empty input with `by` keys or without `from`/`to`. Arrays longer than 2^20 (Kusto's limit) and more cells than the
//! row limit are errors.

use std::sync::Arc;

use super::series_axis::{Grid, Num};
use crate::exec::keys::group_rows;
use crate::exec::{EvalError, Executor, eval_scalar};
use crate::functions::ops::convert;
use crate::functions::{AggregateInput, Datum, GroupIds};
use crate::plan::{MakeSeriesPlan, Plan, SeriesAggregate, SeriesValue};
use crate::table::{Column, DynamicColumn, PrimitiveColumn, Table};
use crate::value::{Dynamic, Value};

/// Kusto's longest series.
const MAX_BINS: i64 = 1 << 20;

pub(crate) fn make_series(
    exec: &mut Executor<'_>,
    input: &Arc<Table>,
    plan: &MakeSeriesPlan,
    node: &Plan,
) -> Result<Arc<Table>, EvalError> {
    let rows = input.num_rows();
    let mut constant = |e: &crate::plan::ScalarExpr| -> Result<Value, EvalError> {
        Ok(eval_scalar(exec, e, &[], 1)?.value(0))
    };
    let from = plan.from.as_ref().map(&mut constant).transpose()?;
    let to = plan.to.as_ref().map(&mut constant).transpose()?;
    let step = constant(&plan.step)?;
    let grid = Grid::new(plan.axis.ty, from.as_ref(), &step)?;
    let end = match &to {
        Some(t) => Some(grid.bins_below(t)?),
        None => None,
    };
    let mut defaults = Vec::with_capacity(plan.values.len());
    for value in &plan.values {
        defaults.push(default_of(exec, value)?);
    }

    // Each row's bin, or None (null axis, outside the range).
    let axis = eval_scalar(exec, &plan.axis, input.columns(), rows)?;
    let mut keep = Vec::with_capacity(rows);
    let mut bins = Vec::with_capacity(rows);
    for r in 0..rows {
        let Some(b) = Num::of(&axis.value(r)).and_then(|v| grid.bin(v)) else {
            continue;
        };
        if (from.is_some() && b < 0) || end.is_some_and(|e| b >= e) {
            continue;
        }
        keep.push(r as u32);
        bins.push(b);
    }
    let mut keys = Vec::with_capacity(plan.keys.len());
    for key in &plan.keys {
        keys.push(eval_scalar(exec, key, input.columns(), rows)?.into_column(key.ty, rows)?);
    }
    let key_refs: Vec<&Column> = keys.iter().map(AsRef::as_ref).collect();
    let (all_series, series_firsts) = group_rows(&key_refs, rows);
    let series_count = if keys.is_empty() {
        usize::from(rows > 0)
    } else {
        all_series
            .iter()
            .map(|&s| s as usize + 1)
            .max()
            .unwrap_or(0)
    };

    if keep.is_empty() && rows == 0 {
        return empty_input(plan, node, &grid, end, &defaults);
    }
    // Series ids of the kept rows (by first appearance over all rows).
    let series_of = |r: u32| {
        if keys.is_empty() {
            0
        } else {
            all_series[r as usize]
        }
    };
    let mut has_rows = vec![false; series_count];
    keep.iter()
        .for_each(|&r| has_rows[series_of(r) as usize] = true);
    // A series whose rows all fall outside the range (or have a null axis) still
    // exists, its arrays all defaults (the doc's grouping by keys and bins comes before
    // the arrays are laid out); without `from` and `to` its bounds are unknown.
    if (from.is_none() || end.is_none()) && has_rows.iter().any(|h| !h) {
        return Err(EvalError::invalid(
            "make-series: kql cannot tell the range of a series with no rows in it (give from and to)",
        ));
    }

    // Groups of (series, bin) over the kept rows.
    let kept_series: Vec<i64> = keep.iter().map(|&r| i64::from(series_of(r))).collect();
    let series_col = Column::Long(PrimitiveColumn::from_values(kept_series.clone()));
    let bin_col = Column::Long(PrimitiveColumn::from_values(bins.clone()));
    let (group_ids, firsts) = group_rows(&[&series_col, &bin_col], keep.len());
    let groups = GroupIds {
        ids: group_ids,
        count: firsts.len(),
    };
    let mut lo = vec![i64::MAX; series_count];
    let mut hi = vec![i64::MIN; series_count];
    for (&s, &b) in kept_series.iter().zip(&bins) {
        lo[s as usize] = lo[s as usize].min(b);
        hi[s as usize] = hi[s as usize].max(b + 1);
    }
    for s in 0..series_count {
        if from.is_some() {
            lo[s] = 0;
        }
        if let Some(e) = end {
            hi[s] = e;
        }
    }
    let lengths: Vec<i64> = lo.iter().zip(&hi).map(|(l, h)| (h - l).max(0)).collect();
    check_size(exec, &lengths, plan.values.len(), node)?;

    let mut columns: Vec<Arc<Column>> = Vec::with_capacity(node.schema.fields.len());
    for key in &keys {
        columns.push(Arc::new(key.gather(&series_firsts)));
    }
    for (value, default) in plan.values.iter().zip(&defaults) {
        let per_group = group_values(exec, input, &keep, &groups, value)?;
        let mut arrays: Vec<Vec<Dynamic>> = lengths
            .iter()
            .map(|&n| vec![default.clone(); n as usize])
            .collect();
        for (g, &first) in firsts.iter().enumerate() {
            let s = kept_series[first as usize] as usize;
            let slot = (bins[first as usize] - lo[s]) as usize;
            arrays[s][slot] = Dynamic::from(&per_group[g]);
        }
        columns.push(Arc::new(array_column(arrays)));
    }
    let axes = (0..series_count)
        .map(|s| (lo[s]..hi[s]).map(|b| grid.value(b)).collect())
        .collect::<Result<Vec<Vec<Dynamic>>, _>>()?;
    columns.push(Arc::new(array_column(axes)));
    Ok(Arc::new(Table::with_row_count(
        node.schema.clone(),
        columns,
        series_count,
    )?))
}

/// Each group's value of one series item.
fn group_values(
    exec: &mut Executor<'_>,
    input: &Table,
    keep: &[u32],
    groups: &GroupIds,
    value: &SeriesValue,
) -> Result<Vec<Value>, EvalError> {
    match &value.value {
        SeriesAggregate::Constant(expr) => {
            let v = convert(&eval_scalar(exec, expr, &[], 1)?.value(0), value.ty);
            Ok(vec![v; groups.count])
        }
        SeriesAggregate::Call(call) => {
            let rows = input.num_rows();
            let mut args = Vec::with_capacity(call.args.len());
            let mut types = Vec::with_capacity(call.args.len());
            for arg in &call.args {
                let datum = match eval_scalar(exec, arg, input.columns(), rows)? {
                    Datum::Column(c) => Datum::Column(Arc::new(c.gather(keep))),
                    scalar => scalar,
                };
                args.push(datum);
                types.push(arg.ty);
            }
            let agg = AggregateInput {
                args: &args,
                types: &types,
                groups,
                out: call.outputs[0],
                ctx: &exec.ctx,
            };
            let column = (call.function.eval)(&agg)?;
            Ok((0..groups.count).map(|g| column.get(g)).collect())
        }
    }
}

/// The default element of an item: its `default`, or 0, as the element type.
fn default_of(exec: &mut Executor<'_>, value: &SeriesValue) -> Result<Dynamic, EvalError> {
    let Some(expr) = &value.default else {
        return Ok(Dynamic::from(&convert(&Value::Long(0), value.ty)));
    };
    let v = eval_scalar(exec, expr, &[], 1)?.value(0);
    let converted = convert(&v, value.ty);
    let back = convert(&converted, expr.ty);
    if !v.is_null() && (converted.is_null() || back.as_f64() != v.as_f64()) {
        return Err(EvalError::invalid(format!(
            "make-series: the default {} does not convert exactly to {}",
            v.to_kusto_string(),
            value.ty
        )));
    }
    Ok(Dynamic::from(&converted))
}

/// `kind=nonempty` over an empty input: one row of defaults; else no rows.
fn empty_input(
    plan: &MakeSeriesPlan,
    node: &Plan,
    grid: &Grid,
    end: Option<i64>,
    defaults: &[Dynamic],
) -> Result<Arc<Table>, EvalError> {
    if !plan.nonempty {
        return Ok(Arc::new(Table::empty(node.schema.clone())));
    }
    let (Some(end), true, true) = (end, plan.from.is_some(), plan.keys.is_empty()) else {
        return Err(EvalError::invalid(
            "make-series kind=nonempty: kql cannot tell Kusto's answer without from/to or with `by`",
        ));
    };
    if end > MAX_BINS {
        return Err(EvalError::invalid("make-series: more than 2^20 bins"));
    }
    let n = end.max(0);
    let mut columns: Vec<Arc<Column>> = defaults
        .iter()
        .map(|d| Arc::new(array_column(vec![vec![d.clone(); n as usize]])))
        .collect();
    let axis = (0..n)
        .map(|b| grid.value(b))
        .collect::<Result<Vec<_>, _>>()?;
    columns.push(Arc::new(array_column(vec![axis])));
    Ok(Arc::new(Table::with_row_count(
        node.schema.clone(),
        columns,
        1,
    )?))
}

fn array_column(arrays: Vec<Vec<Dynamic>>) -> Column {
    Column::Dynamic(DynamicColumn::from_values(
        arrays.into_iter().map(Dynamic::array).collect(),
    ))
}

fn check_size(
    exec: &Executor<'_>,
    lengths: &[i64],
    items: usize,
    node: &Plan,
) -> Result<(), EvalError> {
    if lengths.iter().any(|&n| n > MAX_BINS) {
        return Err(EvalError::invalid(
            "make-series: a series longer than 2^20 bins (Kusto's limit)",
        ));
    }
    let cells: u64 = lengths.iter().map(|&n| n as u64).sum::<u64>() * (items as u64 + 1);
    if cells > exec.limits.max_rows {
        return Err(EvalError::RowLimit {
            operator: "make-series",
            rows: cells,
            limit: exec.limits.max_rows,
            span: Some(node.span),
        });
    }
    Ok(())
}
