//! `mv-apply`: a sub-query applied to each row's expansion (q/mv-apply-operator.md).
//!
//! ```kql
//! data | mv-apply Arr2 = Arr to typeof(long) on (top 2 by Arr2 | summarize Top2 = make_list(Arr2))
//! // index, Arr, Top2: the input's other columns, then the sub-query's
//! data | mv-apply with_itemindex=index value = Arr to typeof(long) on (where index >= 2)
//! ```
//! The sub-query sees the row's `mv-expand` output (the input's columns, expanded
//! ones replaced in place, new ones and the index after). Its output gets the input
//! row's non-expanded columns in front when it drops them all (the doc's step 3); when
//! it keeps them all, it is the output as is. A sub-query keeping only some of them is
//! refused (where Kusto puts the rest is undocumented), as is `materialize` inside it.

use std::sync::Arc;

use kql_parser::ast::{MvApply, MvExpand, Span};

use super::mv_expand::expansion_plan;
use crate::bind::{Binder, CheckError};
use crate::plan::{MvApplyPlan, MvExpandColumn, Plan, PlanKind};
use crate::table::{Field, Schema};

impl Binder<'_> {
    pub(super) fn mv_apply(
        &mut self,
        input: Arc<Plan>,
        apply: &MvApply,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let mv = MvExpand {
            options: apply.options.clone(),
            items: apply.items.clone(),
            limit: apply.limit.clone(),
        };
        let expansion = self.expansion("mv-apply", &input, &mv, true)?;
        let expanded = expansion_plan(input.clone(), expansion, span);
        let PlanKind::MvExpand(expand) = expanded.kind.clone() else {
            return Err(CheckError::invalid("mv-apply expansion", span));
        };
        let mut sub = Arc::new(Plan {
            schema: expanded.schema.clone(),
            kind: PlanKind::SubInput,
            span: apply.on.span,
        });
        for op in &apply.on.operators {
            sub = self.operator(sub, op)?;
        }
        if contains_materialize(&sub) {
            return Err(CheckError::unsupported(
                "`materialize` inside an mv-apply sub-query",
                apply.on.span,
            ));
        }
        // The input columns that are not expanded (not replaced by an item).
        let kept: Vec<usize> = expand
            .output
            .iter()
            .filter_map(|c| match c {
                MvExpandColumn::Input(i) => Some(*i),
                _ => None,
            })
            .collect();
        let present = kept
            .iter()
            .filter(|&&i| sub.schema.index_of(&input.schema.fields[i].name).is_some())
            .count();
        let extras = if present == kept.len() {
            Vec::new()
        } else if present == 0 {
            kept
        } else {
            return Err(CheckError::unsupported(
                "an mv-apply sub-query that keeps only some of the input's columns",
                apply.on.span,
            ));
        };
        let mut fields: Vec<Field> = extras
            .iter()
            .map(|&i| input.schema.fields[i].clone())
            .collect();
        for f in &sub.schema.fields {
            if fields.iter().any(|g| g.name == f.name) {
                return Err(CheckError::invalid(
                    format!("column `{}` would appear twice after mv-apply", f.name),
                    apply.on.span,
                ));
            }
            fields.push(f.clone());
        }
        Ok(Plan {
            schema: Schema { fields },
            kind: PlanKind::MvApply(Box::new(MvApplyPlan {
                expand: *expand,
                expanded: expanded.schema.clone(),
                sub,
                extras,
            })),
            span,
        })
    }
}

/// Whether a plan has a `materialize` (whose cache would outlive one sub-table).
pub(super) fn contains_materialize(plan: &Plan) -> bool {
    let children: Vec<&Plan> = match &plan.kind {
        PlanKind::Materialize { .. } => return true,
        PlanKind::Filter { input, .. }
        | PlanKind::Project { input, .. }
        | PlanKind::Distinct { input, .. }
        | PlanKind::Sort { input, .. }
        | PlanKind::Take { input, .. }
        | PlanKind::Count { input }
        | PlanKind::Render { input, .. }
        | PlanKind::Serialize { input } => vec![input],
        PlanKind::Summarize(s) => vec![&s.input],
        PlanKind::Join(j) => vec![&j.left, &j.right],
        PlanKind::Union(u) => u.inputs.iter().map(AsRef::as_ref).collect(),
        PlanKind::MvExpand(m) => vec![&m.input],
        PlanKind::MvApply(m) => vec![&m.expand.input, &m.sub],
        PlanKind::Partition { input, sub, .. } => vec![input, sub],
        PlanKind::Ipv4Lookup { input, lookup, .. } => vec![input, lookup],
        PlanKind::GeoLookup(g) => vec![&g.input, &g.lookup],
        PlanKind::ScanSequence(s) => vec![&s.input],
        PlanKind::Parse(p) => vec![&p.input],
        PlanKind::MakeSeries(m) => vec![&m.input],
        PlanKind::TopNested(t) => vec![&t.input],
        PlanKind::Scan(_)
        | PlanKind::Rows { .. }
        | PlanKind::Range { .. }
        | PlanKind::Constant(_)
        | PlanKind::Late(_)
        | PlanKind::SubInput
        | PlanKind::ExternalData(_) => vec![],
    };
    children.into_iter().any(contains_materialize)
}
