//! Pruning of the nodes that combine tables or pass them through: `union`,
//! `partition`, `ipv4_lookup`, `geo_polygon_lookup`/`geo_line_lookup`, `render`.
//!
//! A union leg needs the columns the union maps; a sub-query's implicit input
//! (`SubInput`) has a fixed schema, so `partition` keeps every input column;
//! `ipv4_lookup` and the geo lookups output both sides whole; `render` passes its needs through.

use std::sync::Arc;

use kql_parser::ast::Span;

use super::{Mapping, prune, prune_node};
use crate::plan::{GeoLookup, Plan, PlanKind, RenderRequest, ScanPlan, UnionPlan};

fn identity(n: usize) -> Mapping {
    (0..n).map(Some).collect()
}

/// Every column of a plan's output, required.
fn all(plan: &Plan) -> Vec<bool> {
    vec![true; plan.schema.fields.len()]
}

pub(super) fn prune_partition(plan: &Plan, required: &[bool]) -> (Plan, Mapping) {
    let PlanKind::Partition {
        input,
        column,
        sub,
        legacy,
    } = &plan.kind
    else {
        return (plan.clone(), identity(required.len()));
    };
    let (input, map) = prune_node(input, &all(input));
    let kind = PlanKind::Partition {
        input: Arc::new(input),
        column: map[*column].unwrap_or(*column),
        sub: Arc::new(prune(sub)),
        legacy: *legacy,
    };
    (
        Plan {
            kind,
            ..plan.clone()
        },
        identity(required.len()),
    )
}

pub(super) fn prune_ipv4_lookup(plan: &Plan, required: &[bool]) -> (Plan, Mapping) {
    let PlanKind::Ipv4Lookup {
        input,
        lookup,
        ip,
        range,
        return_unmatched,
    } = &plan.kind
    else {
        return (plan.clone(), identity(required.len()));
    };
    let (input, imap) = prune_node(input, &all(input));
    let (lookup, lmap) = prune_node(lookup, &all(lookup));
    let kind = PlanKind::Ipv4Lookup {
        input: Arc::new(input),
        lookup: Arc::new(lookup),
        ip: imap[*ip].unwrap_or(*ip),
        range: lmap[*range].unwrap_or(*range),
        return_unmatched: *return_unmatched,
    };
    (
        Plan {
            kind,
            ..plan.clone()
        },
        identity(required.len()),
    )
}

pub(super) fn prune_render(
    input: &Plan,
    request: &RenderRequest,
    required: &[bool],
    span: Span,
) -> (Plan, Mapping) {
    let (input, map) = prune_node(input, required);
    let schema = input.schema.clone();
    let kind = PlanKind::Render {
        input: Arc::new(input),
        request: request.clone(),
    };
    (Plan { kind, schema, span }, map)
}

pub(super) fn prune_union(plan: &Plan, u: &UnionPlan, required: &[bool]) -> (Plan, Mapping) {
    let (inputs, mappings) = u
        .inputs
        .iter()
        .zip(&u.mappings)
        .map(|(input, mapping)| {
            let mut need = vec![false; input.schema.fields.len()];
            mapping.iter().flatten().for_each(|&c| need[c] = true);
            let (pruned, map) = prune_node(input, &need);
            let mapping: Vec<Option<usize>> =
                mapping.iter().map(|m| m.and_then(|c| map[c])).collect();
            (Arc::new(pruned), mapping)
        })
        .unzip();
    let kind = PlanKind::Union(Box::new(UnionPlan {
        inputs,
        mappings,
        source_names: u.source_names.clone(),
    }));
    (
        Plan {
            kind,
            ..plan.clone()
        },
        identity(required.len()),
    )
}

pub(super) fn prune_geo_lookup(plan: &Plan, required: &[bool]) -> (Plan, Mapping) {
    let PlanKind::GeoLookup(g) = &plan.kind else {
        return (plan.clone(), identity(required.len()));
    };
    let (input, imap) = prune_node(&g.input, &all(&g.input));
    let (lookup, lmap) = prune_node(&g.lookup, &all(&g.lookup));
    let kind = PlanKind::GeoLookup(Box::new(GeoLookup {
        input: Arc::new(input),
        lookup: Arc::new(lookup),
        shape: lmap[g.shape].unwrap_or(g.shape),
        lon: imap[g.lon].unwrap_or(g.lon),
        lat: imap[g.lat].unwrap_or(g.lat),
        max_distance: g.max_distance,
        return_unmatched: g.return_unmatched,
        lookup_columns: g
            .lookup_columns
            .iter()
            .map(|&c| lmap[c].unwrap_or(c))
            .collect(),
    }));
    (
        Plan {
            kind,
            ..plan.clone()
        },
        identity(required.len()),
    )
}

/// `scan` binds its expressions over the whole input, so the input keeps every
/// column and only its own plan below is pruned.
pub(super) fn prune_scan(plan: &Plan, required: &[bool]) -> (Plan, Mapping) {
    let PlanKind::ScanSequence(s) = &plan.kind else {
        return (plan.clone(), identity(required.len()));
    };
    let (input, map) = prune_node(&s.input, &all(&s.input));
    if map.iter().enumerate().any(|(i, m)| *m != Some(i)) {
        return (plan.clone(), identity(required.len()));
    }
    let kind = PlanKind::ScanSequence(Box::new(ScanPlan {
        input: Arc::new(input),
        ..(**s).clone()
    }));
    (
        Plan {
            kind,
            ..plan.clone()
        },
        identity(required.len()),
    )
}
