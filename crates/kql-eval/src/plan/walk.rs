//! Walking a plan tree: the inputs of each node, and every table scan below a plan.

use super::{Plan, PlanKind, TableRef};

impl Plan {
    /// The plans this node reads its rows from (sub-queries inside scalar expressions
    /// are not included).
    pub fn inputs(&self) -> Vec<&Plan> {
        match &self.kind {
            PlanKind::Scan(_)
            | PlanKind::Rows { .. }
            | PlanKind::Range { .. }
            | PlanKind::Constant(_)
            | PlanKind::Late(_)
            | PlanKind::SubInput
            | PlanKind::ExternalData(_) => Vec::new(),
            PlanKind::Filter { input, .. }
            | PlanKind::Project { input, .. }
            | PlanKind::Distinct { input, .. }
            | PlanKind::Sort { input, .. }
            | PlanKind::Take { input, .. }
            | PlanKind::Count { input }
            | PlanKind::Materialize { input, .. }
            | PlanKind::Serialize { input }
            | PlanKind::Render { input, .. } => vec![input],
            PlanKind::Summarize(s) => vec![&s.input],
            PlanKind::Join(j) => vec![&j.left, &j.right],
            PlanKind::Union(u) => u.inputs.iter().map(AsRef::as_ref).collect(),
            PlanKind::MvExpand(m) => vec![&m.input],
            PlanKind::MakeSeries(m) => vec![&m.input],
            PlanKind::Parse(p) => vec![&p.input],
            PlanKind::TopNested(t) => vec![&t.input],
            PlanKind::MvApply(m) => vec![&m.expand.input, &m.sub],
            PlanKind::Partition { input, sub, .. } => vec![input, sub],
            PlanKind::Ipv4Lookup { input, lookup, .. } => vec![input, lookup],
            PlanKind::GeoLookup(g) => vec![&g.input, &g.lookup],
            PlanKind::ScanSequence(s) => vec![&s.input],
        }
    }

    /// Every table scan in this plan and the plans it reads.
    pub fn scans(&self) -> Vec<&TableRef> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(plan) = stack.pop() {
            if let PlanKind::Scan(table) = &plan.kind {
                out.push(table);
            }
            stack.extend(plan.inputs());
        }
        out
    }
}
