//! Pruning of the row-multiplying and reshaping nodes: `mv-expand`, `parse`,
//! `make-series`, ...
//!
//! Expanded items are always kept (they decide how many rows there are); only the
//! input columns passed through unread are dropped.

use std::sync::Arc;

use super::{Mapping, mapping_for, mark, prune_expr, prune_node, remap, select_schema};
use crate::plan::{
    AggregateCall, MakeSeriesPlan, MvApplyPlan, MvExpandColumn, MvExpandPlan, ParsePlan, Plan,
    PlanKind, SeriesAggregate, SeriesValue, TopNestedLevelPlan, TopNestedPlan,
};

/// `mv-expand`: needs the required pass-through columns and every column an item reads.
pub(super) fn prune_mv_expand(
    plan: &Plan,
    mv: &MvExpandPlan,
    required: &[bool],
) -> (Plan, Mapping) {
    let mut need = vec![false; mv.input.schema.fields.len()];
    for (k, column) in mv.output.iter().enumerate() {
        if let MvExpandColumn::Input(i) = *column
            && required[k]
        {
            need[i] = true;
        }
    }
    mv.items.iter().for_each(|(e, _)| mark(e, &mut need));
    let (input, map) = prune_node(&mv.input, &need);
    let mut keep = Vec::new();
    let mut output = Vec::new();
    for (k, column) in mv.output.iter().enumerate() {
        let kept = match *column {
            MvExpandColumn::Input(i) if required[k] => map[i].map(MvExpandColumn::Input),
            MvExpandColumn::Input(_) => None,
            other => Some(other),
        };
        if let Some(c) = kept {
            output.push(c);
            keep.push(k);
        }
    }
    let node = MvExpandPlan {
        input: Arc::new(input),
        items: mv
            .items
            .iter()
            .map(|(e, ty)| (remap(e, &map), *ty))
            .collect(),
        bag_as_array: mv.bag_as_array,
        limit: mv.limit.as_ref().map(prune_expr),
        output,
    };
    (
        Plan {
            kind: PlanKind::MvExpand(Box::new(node)),
            schema: select_schema(&plan.schema, &keep),
            span: plan.span,
        },
        mapping_for(&keep, required.len()),
    )
}

/// `parse`: the input columns required above (the captured columns are kept, as a
/// row's parse decides `parse-where`'s filter), plus those the source reads.
pub(super) fn prune_parse(plan: &Plan, p: &ParsePlan, required: &[bool]) -> (Plan, Mapping) {
    let n = p.input.schema.fields.len();
    let mut need = required[..n].to_vec();
    mark(&p.source, &mut need);
    let (input, map) = prune_node(&p.input, &need);
    // The output repeats the pruned input's columns, whatever it kept.
    let mut keep: Vec<usize> = (0..n).filter(|&i| map[i].is_some()).collect();
    keep.extend(n..required.len());
    let node = ParsePlan {
        input: Arc::new(input),
        source: remap(&p.source, &map),
        ..p.clone()
    };
    (
        Plan {
            kind: PlanKind::Parse(Box::new(node)),
            schema: select_schema(&plan.schema, &keep),
            span: plan.span,
        },
        mapping_for(&keep, required.len()),
    )
}

/// `make-series`: every output is kept; the input needs what the keys, the aggregates
/// and the axis read.
pub(super) fn prune_make_series(plan: &Plan, ms: &MakeSeriesPlan) -> (Plan, Mapping) {
    let mut need = vec![false; ms.input.schema.fields.len()];
    ms.keys.iter().for_each(|k| mark(k, &mut need));
    mark(&ms.axis, &mut need);
    for v in &ms.values {
        if let SeriesAggregate::Call(call) = &v.value {
            call.args.iter().for_each(|a| mark(a, &mut need));
        }
    }
    let (input, map) = prune_node(&ms.input, &need);
    let values = ms
        .values
        .iter()
        .map(|v| SeriesValue {
            value: match &v.value {
                SeriesAggregate::Call(call) => SeriesAggregate::Call(AggregateCall {
                    args: call.args.iter().map(|a| remap(a, &map)).collect(),
                    ..call.clone()
                }),
                SeriesAggregate::Constant(e) => SeriesAggregate::Constant(prune_expr(e)),
            },
            ty: v.ty,
            default: v.default.as_ref().map(prune_expr),
        })
        .collect();
    let node = MakeSeriesPlan {
        input: Arc::new(input),
        keys: ms.keys.iter().map(|k| remap(k, &map)).collect(),
        values,
        axis: remap(&ms.axis, &map),
        from: ms.from.as_ref().map(prune_expr),
        to: ms.to.as_ref().map(prune_expr),
        step: prune_expr(&ms.step),
        nonempty: ms.nonempty,
    };
    let n = plan.schema.fields.len();
    (
        Plan {
            kind: PlanKind::MakeSeries(Box::new(node)),
            ..plan.clone()
        },
        (0..n).map(Some).collect(),
    )
}

/// `top-nested`: every output is kept; the input needs what keys and aggregates read.
pub(super) fn prune_top_nested(plan: &Plan, t: &TopNestedPlan) -> (Plan, Mapping) {
    let mut need = vec![false; t.input.schema.fields.len()];
    for level in &t.levels {
        mark(&level.key, &mut need);
        level.aggregate.args.iter().for_each(|a| mark(a, &mut need));
    }
    let (input, map) = prune_node(&t.input, &need);
    let levels = t
        .levels
        .iter()
        .map(|level| TopNestedLevelPlan {
            count: level.count.as_ref().map(prune_expr),
            key: remap(&level.key, &map),
            others: level.others.as_ref().map(prune_expr),
            aggregate: AggregateCall {
                args: level
                    .aggregate
                    .args
                    .iter()
                    .map(|a| remap(a, &map))
                    .collect(),
                ..level.aggregate.clone()
            },
            descending: level.descending,
        })
        .collect();
    let node = TopNestedPlan {
        input: Arc::new(input),
        levels,
    };
    let n = plan.schema.fields.len();
    (
        Plan {
            kind: PlanKind::TopNested(Box::new(node)),
            ..plan.clone()
        },
        (0..n).map(Some).collect(),
    )
}

/// `mv-apply`: the sub-table is the whole expansion (its schema is fixed by the
/// sub-plan's `SubInput`), so every input column is kept; the sub-plan is pruned on its
/// own with all its outputs required.
pub(super) fn prune_mv_apply(plan: &Plan, m: &MvApplyPlan) -> (Plan, Mapping) {
    let all = vec![true; m.expand.input.schema.fields.len()];
    let (input, map) = prune_node(&m.expand.input, &all);
    let node = MvApplyPlan {
        expand: MvExpandPlan {
            input: Arc::new(input),
            items: m
                .expand
                .items
                .iter()
                .map(|(e, ty)| (remap(e, &map), *ty))
                .collect(),
            limit: m.expand.limit.as_ref().map(prune_expr),
            ..m.expand.clone()
        },
        expanded: m.expanded.clone(),
        sub: Arc::new(super::prune(&m.sub)),
        extras: m.extras.clone(),
    };
    let n = plan.schema.fields.len();
    (
        Plan {
            kind: PlanKind::MvApply(Box::new(node)),
            ..plan.clone()
        },
        (0..n).map(Some).collect(),
    )
}
