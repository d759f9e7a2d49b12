//! Column pruning: rewrites a plan so every node carries only the columns something
//! above it reads, down to the table scans, which then load only those columns.
//!
//! ```kql
//! EmailEvents | where EmailDirection == "Outbound" | summarize count() by SenderFromDomain
//! // scans EmailEvents with two of its columns
//! ```
//! Each node is pruned given which of its output columns are required, and returns
//! the narrowed node with a map from old to new output indexes, used to rewrite the
//! expressions above it.

mod combine;
mod nodes;

use std::sync::Arc;

use super::{
    AggregateCall, JoinPlan, Plan, PlanKind, ProjectItem, ScalarExpr, ScalarKind, SortKeyPlan,
    SummarizePlan, TableRef,
};
use crate::table::Schema;

/// Old output index to new output index (`None`: pruned away).
type Mapping = Vec<Option<usize>>;

/// Prunes a whole query: every output column of the root is required.
pub fn prune(plan: &Plan) -> Plan {
    let required = vec![true; plan.schema.fields.len()];
    prune_node(plan, &required).0
}

fn prune_node(plan: &Plan, required: &[bool]) -> (Plan, Mapping) {
    let span = plan.span;
    let identity = |n: usize| (0..n).map(Some).collect::<Mapping>();
    match &plan.kind {
        PlanKind::Scan(table) => {
            let keep: Vec<usize> = (0..table.columns.len()).filter(|&i| required[i]).collect();
            let schema = select_schema(&plan.schema, &keep);
            let columns = keep.iter().map(|&i| table.columns[i]).collect();
            let scan = TableRef {
                name: table.name.clone(),
                columns,
                full_schema: table.full_schema.clone(),
            };
            (
                Plan {
                    kind: PlanKind::Scan(scan),
                    schema,
                    span,
                },
                mapping_for(&keep, required.len()),
            )
        }
        PlanKind::Rows { values } => {
            let values = values.iter().map(prune_expr).collect();
            (
                Plan {
                    kind: PlanKind::Rows { values },
                    ..plan.clone()
                },
                identity(required.len()),
            )
        }
        // Leaves that read no input: every column stays.
        PlanKind::Range { .. }
        | PlanKind::Constant(_)
        | PlanKind::Late(_)
        | PlanKind::SubInput
        | PlanKind::ExternalData(_) => (plan.clone(), identity(required.len())),
        PlanKind::Filter { input, predicate } => {
            let mut need = required.to_vec();
            mark(predicate, &mut need);
            let (input, map) = prune_node(input, &need);
            let predicate = remap(predicate, &map);
            let schema = input.schema.clone();
            (
                Plan {
                    kind: PlanKind::Filter {
                        input: Arc::new(input),
                        predicate,
                    },
                    schema,
                    span,
                },
                map,
            )
        }
        PlanKind::Project {
            input,
            computed,
            output,
        } => prune_project(plan, input, computed, output, required),
        PlanKind::Summarize(s) => {
            let mut need = vec![false; s.input.schema.fields.len()];
            s.keys.iter().for_each(|k| mark(k, &mut need));
            for call in &s.aggregates {
                call.args.iter().for_each(|a| mark(a, &mut need));
                call.extra_columns.iter().for_each(|&c| need[c] = true);
            }
            let (input, map) = prune_node(&s.input, &need);
            let keys = s.keys.iter().map(|k| remap(k, &map)).collect();
            let aggregates = s
                .aggregates
                .iter()
                .map(|call| AggregateCall {
                    args: call.args.iter().map(|a| remap(a, &map)).collect(),
                    extra_columns: call.extra_columns.iter().filter_map(|&c| map[c]).collect(),
                    ..call.clone()
                })
                .collect();
            let kind = PlanKind::Summarize(Box::new(SummarizePlan {
                input: Arc::new(input),
                keys,
                aggregates,
            }));
            (
                Plan {
                    kind,
                    ..plan.clone()
                },
                identity(required.len()),
            )
        }
        PlanKind::Join(j) => prune_join(plan, j, required),
        PlanKind::Distinct { input, columns } => {
            let mut need = vec![false; input.schema.fields.len()];
            columns.iter().for_each(|&c| need[c] = true);
            let (input, map) = prune_node(input, &need);
            let columns = columns.iter().filter_map(|&c| map[c]).collect();
            (
                Plan {
                    kind: PlanKind::Distinct {
                        input: Arc::new(input),
                        columns,
                    },
                    ..plan.clone()
                },
                identity(required.len()),
            )
        }
        PlanKind::Sort { input, keys } => {
            let mut need = required.to_vec();
            keys.iter().for_each(|k| mark(&k.expr, &mut need));
            let (input, map) = prune_node(input, &need);
            let keys = keys
                .iter()
                .map(|k| SortKeyPlan {
                    expr: remap(&k.expr, &map),
                    ..k.clone()
                })
                .collect();
            let schema = input.schema.clone();
            (
                Plan {
                    kind: PlanKind::Sort {
                        input: Arc::new(input),
                        keys,
                    },
                    schema,
                    span,
                },
                map,
            )
        }
        PlanKind::Take { input, count } => {
            let (input, map) = prune_node(input, required);
            let schema = input.schema.clone();
            (
                Plan {
                    kind: PlanKind::Take {
                        input: Arc::new(input),
                        count: prune_expr(count),
                    },
                    schema,
                    span,
                },
                map,
            )
        }
        PlanKind::Count { input } => {
            let (input, _) = prune_node(input, &vec![false; input.schema.fields.len()]);
            (
                Plan {
                    kind: PlanKind::Count {
                        input: Arc::new(input),
                    },
                    ..plan.clone()
                },
                identity(required.len()),
            )
        }
        PlanKind::Union(u) => combine::prune_union(plan, u, required),
        PlanKind::MvExpand(mv) => nodes::prune_mv_expand(plan, mv, required),
        PlanKind::Parse(p) => nodes::prune_parse(plan, p, required),
        PlanKind::MakeSeries(ms) => nodes::prune_make_series(plan, ms),
        PlanKind::TopNested(t) => nodes::prune_top_nested(plan, t),
        PlanKind::MvApply(m) => nodes::prune_mv_apply(plan, m),
        PlanKind::Ipv4Lookup { .. } => combine::prune_ipv4_lookup(plan, required),
        PlanKind::GeoLookup(_) => combine::prune_geo_lookup(plan, required),
        PlanKind::ScanSequence(_) => combine::prune_scan(plan, required),
        PlanKind::Partition { .. } => combine::prune_partition(plan, required),
        PlanKind::Serialize { input } => {
            let (input, map) = prune_node(input, required);
            let kind = PlanKind::Serialize {
                input: Arc::new(input.clone()),
            };
            let schema = input.schema;
            (Plan { kind, schema, span }, map)
        }
        PlanKind::Render { input, request } => {
            combine::prune_render(input, request, required, span)
        }
        PlanKind::Materialize { id, input } => {
            // Shared by several readers with different needs: keep every column.
            let (input, _) = prune_node(input, &vec![true; input.schema.fields.len()]);
            (
                Plan {
                    kind: PlanKind::Materialize {
                        id: *id,
                        input: Arc::new(input),
                    },
                    ..plan.clone()
                },
                identity(required.len()),
            )
        }
    }
}

fn prune_project(
    plan: &Plan,
    input: &Plan,
    computed: &[ScalarExpr],
    output: &[ProjectItem],
    required: &[bool],
) -> (Plan, Mapping) {
    let n = input.schema.fields.len();
    let mut need_computed = vec![false; computed.len()];
    let mut need_input = vec![false; n];
    for (k, item) in output.iter().enumerate() {
        if required[k] {
            match *item {
                ProjectItem::Input(i) => need_input[i] = true,
                ProjectItem::Computed(j) => need_computed[j] = true,
            }
        }
    }
    // Later computed columns may read earlier ones: walk backwards.
    for j in (0..computed.len()).rev() {
        if need_computed[j] {
            computed[j].for_each_column(&mut |c| {
                if c < n {
                    need_input[c] = true;
                } else {
                    need_computed[c - n] = true;
                }
            });
        }
    }
    let (new_input, map) = prune_node(input, &need_input);
    let new_n = new_input.schema.fields.len();
    let mut computed_map = vec![None; computed.len()];
    let mut new_computed = Vec::new();
    for (j, expr) in computed.iter().enumerate() {
        if need_computed[j] {
            let remapped = remap_with(expr, &|c| {
                if c < n {
                    map[c]
                } else {
                    computed_map[c - n].map(|k: usize| new_n + k)
                }
            });
            computed_map[j] = Some(new_computed.len());
            new_computed.push(remapped);
        }
    }
    let mut new_output = Vec::new();
    let mut keep = Vec::new();
    for (k, item) in output.iter().enumerate() {
        if !required[k] {
            continue;
        }
        let item = match *item {
            ProjectItem::Input(i) => map[i].map(ProjectItem::Input),
            ProjectItem::Computed(j) => computed_map[j].map(ProjectItem::Computed),
        };
        if let Some(item) = item {
            new_output.push(item);
            keep.push(k);
        }
    }
    let schema = select_schema(&plan.schema, &keep);
    let kind = PlanKind::Project {
        input: Arc::new(new_input),
        computed: new_computed,
        output: new_output,
    };
    (
        Plan {
            kind,
            schema,
            span: plan.span,
        },
        mapping_for(&keep, required.len()),
    )
}

fn prune_join(plan: &Plan, j: &JoinPlan, required: &[bool]) -> (Plan, Mapping) {
    let mut need_left = vec![false; j.left.schema.fields.len()];
    let mut need_right = vec![false; j.right.schema.fields.len()];
    j.left_keys.iter().for_each(|&c| need_left[c] = true);
    j.right_keys.iter().for_each(|&c| need_right[c] = true);
    for (k, &(is_right, c)) in j.output.iter().enumerate() {
        if required[k] {
            if is_right {
                need_right[c] = true
            } else {
                need_left[c] = true
            }
        }
    }
    let (left, lmap) = prune_node(&j.left, &need_left);
    let (right, rmap) = prune_node(&j.right, &need_right);
    let mut output = Vec::new();
    let mut keep = Vec::new();
    for (k, &(is_right, c)) in j.output.iter().enumerate() {
        let mapped = if is_right { rmap[c] } else { lmap[c] };
        if required[k]
            && let Some(m) = mapped
        {
            output.push((is_right, m));
            keep.push(k);
        }
    }
    let join = JoinPlan {
        kind: j.kind,
        left_keys: j.left_keys.iter().filter_map(|&c| lmap[c]).collect(),
        right_keys: j.right_keys.iter().filter_map(|&c| rmap[c]).collect(),
        left: Arc::new(left),
        right: Arc::new(right),
        output,
    };
    let schema = select_schema(&plan.schema, &keep);
    (
        Plan {
            kind: PlanKind::Join(Box::new(join)),
            schema,
            span: plan.span,
        },
        mapping_for(&keep, required.len()),
    )
}

fn select_schema(schema: &Schema, keep: &[usize]) -> Schema {
    Schema {
        fields: keep.iter().map(|&i| schema.fields[i].clone()).collect(),
    }
}

fn mapping_for(keep: &[usize], len: usize) -> Mapping {
    let mut map = vec![None; len];
    for (new, &old) in keep.iter().enumerate() {
        map[old] = Some(new);
    }
    map
}

fn mark(expr: &ScalarExpr, need: &mut [bool]) {
    expr.for_each_column(&mut |c| {
        if let Some(slot) = need.get_mut(c) {
            *slot = true;
        }
    });
}

fn remap(expr: &ScalarExpr, map: &Mapping) -> ScalarExpr {
    remap_with(expr, &|c| map.get(c).copied().flatten())
}

/// Rewrites column indexes (and prunes sub-queries inside the expression).
fn remap_with(expr: &ScalarExpr, f: &dyn Fn(usize) -> Option<usize>) -> ScalarExpr {
    let kind = match &expr.kind {
        // A required column is never pruned, so the map always has it.
        ScalarKind::Column(c) => ScalarKind::Column(f(*c).unwrap_or(*c)),
        ScalarKind::Call { function, args } => ScalarKind::Call {
            function,
            args: args.iter().map(|a| remap_with(a, f)).collect(),
        },
        ScalarKind::Literal(v) => ScalarKind::Literal(v.clone()),
        ScalarKind::Subquery(p) => ScalarKind::Subquery(Arc::new(prune(p))),
        ScalarKind::ColumnValues(p) => ScalarKind::ColumnValues(Arc::new(prune(p))),
    };
    ScalarExpr {
        kind,
        ty: expr.ty,
        span: expr.span,
    }
}

/// Prunes the sub-queries inside an expression that reads no columns.
fn prune_expr(expr: &ScalarExpr) -> ScalarExpr {
    remap_with(expr, &Some)
}
