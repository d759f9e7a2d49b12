//! Binding of tabular operators: one module per operator (or close family).

mod count;
mod distinct;
mod extend;
mod filter;
mod join;
mod project;
mod sort;
mod summarize;
mod take;
mod union;

use std::sync::Arc;

use kql_parser::ast::{Operator, OperatorKind};

use super::{Binder, CheckError};
use crate::plan::Plan;

impl Binder<'_> {
    /// Binds `input | op`.
    pub(crate) fn operator(
        &mut self,
        input: Arc<Plan>,
        op: &Operator,
    ) -> Result<Arc<Plan>, CheckError> {
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
            OperatorKind::Take(count) => self.take(input, count, span)?,
            OperatorKind::Count => self.count(input, span),
            OperatorKind::Union(union) => self.union(Some(input), union, span)?,
            OperatorKind::Serialize(items) if items.is_empty() => return Ok(input),
            other => {
                return Err(CheckError::unsupported(
                    format!("the `{}` operator", operator_name(other)),
                    span,
                ));
            }
        };
        Ok(Arc::new(plan))
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
