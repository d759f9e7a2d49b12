//! Binding of tabular operators: one module per operator (or close family).

mod as_invoke;
mod count;
mod distinct;
mod evaluate;
mod extend;
mod filter;
mod geo_lookup;
mod getschema;
mod ipv4_lookup;
mod join;
mod make_series;
mod mv_apply;
mod mv_expand;
pub(super) mod options;
mod parse;
mod parse_pattern;
mod partition;
mod pivot;
mod project;
pub(crate) mod render;
mod sample;
mod scan;
pub(crate) use scan::state_column;
mod search;
mod serialize;
mod sort;
mod summarize;
mod take;
mod top_nested;
mod union;

use std::sync::Arc;

use kql_parser::ast::{Operator, OperatorKind};

use super::{Binder, CheckError};
use crate::plan::{Plan, PlanKind};

impl Binder<'_> {
    /// Binds `input | op`.
    pub(crate) fn operator(
        &mut self,
        input: Arc<Plan>,
        op: &Operator,
    ) -> Result<Arc<Plan>, CheckError> {
        if let PlanKind::Render { .. } = input.kind {
            return Err(CheckError::invalid(
                "`render` must be the last operator of a query",
                input.span,
            ));
        }
        let serialized = std::mem::replace(&mut self.serialized, serialize::is_serialized(&input));
        let plan = self.operator_kind(input, op);
        self.serialized = serialized;
        Ok(Arc::new(plan?))
    }

    fn operator_kind(&mut self, input: Arc<Plan>, op: &Operator) -> Result<Plan, CheckError> {
        let span = op.span;
        let plan = match &op.kind {
            OperatorKind::Where(predicate) => self.filter(input, predicate, span)?,
            OperatorKind::Extend(items) => self.extend(input, items, span)?,
            OperatorKind::Project(items) => self.project(input, items, span)?,
            OperatorKind::ProjectAway(patterns) => self.project_away(input, patterns, span)?,
            OperatorKind::ProjectKeep(patterns) => self.project_keep(input, patterns, span)?,
            OperatorKind::ProjectRename(renames) => self.project_rename(input, renames, span)?,
            OperatorKind::ProjectReorder(items) => self.project_reorder(input, items, span)?,
            OperatorKind::Summarize(summarize) => self.summarize(input, summarize, span)?,
            OperatorKind::Join(join) => self.join(input, join, span)?,
            OperatorKind::Lookup(lookup) => self.lookup(input, lookup, span)?,
            OperatorKind::Distinct(columns) => self.distinct(input, columns, span)?,
            OperatorKind::Sort(sort) => self.sort(input, &sort.keys, span)?,
            OperatorKind::Top(top) => self.top(input, top, span)?,
            OperatorKind::TopNested(levels) => self.top_nested(input, levels, span)?,
            OperatorKind::As(as_) => self.as_name(input, as_)?,
            OperatorKind::Invoke(call) => self.invoke(input, call)?,
            OperatorKind::Sample(count) => self.sample(input, count, span)?,
            OperatorKind::SampleDistinct { count, column } => {
                self.sample_distinct(input, count, column, span)?
            }
            OperatorKind::Take(count) => self.take(input, count, span)?,
            OperatorKind::Count => self.count(input, span),
            OperatorKind::Union(union) => self.union(Some(input), union, span)?,
            OperatorKind::Serialize(items) => self.serialize(input, items, span)?,
            OperatorKind::MvApply(apply) => self.mv_apply(input, apply, span)?,
            OperatorKind::MvExpand(mv) => self.mv_expand(input, mv, span)?,
            OperatorKind::MakeSeries(ms) => self.make_series(input, ms, span)?,
            OperatorKind::Partition(p) => self.partition(input, p, span)?,
            OperatorKind::Parse(parse) => self.parse(input, parse, span)?,
            OperatorKind::Evaluate(evaluate) => self.evaluate(input, evaluate, span)?,
            OperatorKind::GetSchema => self.getschema(input, span)?,
            OperatorKind::Render(render) => self.render(input, render, span)?,
            OperatorKind::Scan(scan) => self.scan(input, scan, span)?,
            other => {
                return Err(CheckError::unsupported(
                    format!("the `{}` operator", operator_name(other)),
                    span,
                ));
            }
        };
        Ok(plan)
    }
}

/// The KQL keyword of an operator, for messages.
pub(crate) fn operator_name(kind: &OperatorKind) -> &'static str {
    match kind {
        OperatorKind::Where(_) => "where",
        OperatorKind::Extend(_) => "extend",
        OperatorKind::Project(_) => "project",
        OperatorKind::ProjectAway(_) => "project-away",
        OperatorKind::ProjectKeep(_) => "project-keep",
        OperatorKind::ProjectRename(_) => "project-rename",
        OperatorKind::ProjectReorder(_) => "project-reorder",
        OperatorKind::Summarize(_) => "summarize",
        OperatorKind::Join(_) => "join",
        OperatorKind::Lookup(_) => "lookup",
        OperatorKind::Distinct(_) => "distinct",
        OperatorKind::Sort(_) => "sort",
        OperatorKind::Take(_) => "take",
        OperatorKind::Top(_) => "top",
        OperatorKind::TopNested(_) => "top-nested",
        OperatorKind::Count => "count",
        OperatorKind::Union(_) => "union",
        OperatorKind::MvExpand(_) => "mv-expand",
        OperatorKind::MvApply(_) => "mv-apply",
        OperatorKind::MakeSeries(_) => "make-series",
        OperatorKind::Parse(p) if p.is_where => "parse-where",
        OperatorKind::Parse(_) => "parse",
        OperatorKind::ParseKv(_) => "parse-kv",
        OperatorKind::Evaluate(_) => "evaluate",
        OperatorKind::Render(_) => "render",
        OperatorKind::As(_) => "as",
        OperatorKind::Serialize(_) => "serialize",
        OperatorKind::GetSchema => "getschema",
        OperatorKind::Sample(_) => "sample",
        OperatorKind::SampleDistinct { .. } => "sample-distinct",
        OperatorKind::Search(_) => "search",
        OperatorKind::Scan(_) => "scan",
        OperatorKind::Fork(_) => "fork",
        OperatorKind::Facet(_) => "facet",
        OperatorKind::Partition(_) => "partition",
        OperatorKind::Invoke(_) => "invoke",
        OperatorKind::Consume => "consume",
        OperatorKind::Print(_) => "print",
        OperatorKind::Range(_) => "range",
        OperatorKind::DataTable(_) => "datatable",
        OperatorKind::ExternalData(_) => "externaldata",
    }
}
