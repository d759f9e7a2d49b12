//! Tabular operators.

use std::fmt::{self, Display, Formatter};

use super::expr::{scalar, write};
use super::{comma_list, write_pattern, write_word};
use crate::ast::{
    ColumnDecl, Expr, ExprKind, MvExpandItem, NamedExpr, NamedOption, NullsOrder, Operator,
    OperatorKind, ReorderOrder, SortKey, SortOrder, SubPipeline,
};

impl Display for Operator {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_operator(f, &self.kind)
    }
}

impl Display for NamedExpr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.names.as_slice() {
            [] => {}
            [one] => write!(f, "{one} = ")?,
            many => {
                f.write_str("(")?;
                comma_list(f, many, |f, n| write!(f, "{n}"))?;
                f.write_str(") = ")?;
            }
        }
        scalar(f, &self.expr)
    }
}

impl Display for SortKey {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        scalar(f, &self.expr)?;
        write_order(f, self.order)?;
        match self.nulls {
            Some(NullsOrder::First) => f.write_str(" nulls first"),
            Some(NullsOrder::Last) => f.write_str(" nulls last"),
            None => Ok(()),
        }
    }
}

impl Display for SubPipeline {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        for (i, op) in self.operators.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            write!(f, "{op}")?;
        }
        f.write_str(")")
    }
}

fn write_order(f: &mut Formatter<'_>, order: Option<SortOrder>) -> fmt::Result {
    match order {
        Some(SortOrder::Asc) => f.write_str(" asc"),
        Some(SortOrder::Desc) => f.write_str(" desc"),
        None => Ok(()),
    }
}

pub(super) fn named_exprs(f: &mut Formatter<'_>, items: &[NamedExpr]) -> fmt::Result {
    comma_list(f, items, |f, n| write!(f, "{n}"))
}

pub(super) fn exprs(f: &mut Formatter<'_>, items: &[Expr]) -> fmt::Result {
    comma_list(f, items, scalar)
}

/// ` name=value` for each option.
pub(super) fn options(f: &mut Formatter<'_>, options: &[NamedOption]) -> fmt::Result {
    for o in options {
        f.write_str(" ")?;
        write_word(f, &o.name.name)?;
        f.write_str("=")?;
        scalar(f, &o.value)?;
    }
    Ok(())
}

/// ` with (name=value, ...)`, or nothing.
pub(super) fn with_options(f: &mut Formatter<'_>, options: &[NamedOption]) -> fmt::Result {
    if options.is_empty() {
        return Ok(());
    }
    f.write_str(" with (")?;
    comma_list(f, options, |f, o| {
        write_word(f, &o.name.name)?;
        f.write_str("=")?;
        scalar(f, &o.value)
    })?;
    f.write_str(")")
}

pub(super) fn columns(f: &mut Formatter<'_>, cols: &[ColumnDecl]) -> fmt::Result {
    f.write_str("(")?;
    comma_list(f, cols, |f, c| write!(f, "{}:{}", c.name, c.ty))?;
    f.write_str(")")
}

fn patterns(f: &mut Formatter<'_>, names: &[crate::ast::Ident]) -> fmt::Result {
    comma_list(f, names, |f, n| write_pattern(f, &n.name))
}

fn mv_items(f: &mut Formatter<'_>, items: &[MvExpandItem]) -> fmt::Result {
    comma_list(f, items, |f, item| {
        if let Some(name) = &item.name {
            write!(f, "{name} = ")?;
        }
        scalar(f, &item.expr)?;
        if let Some(ty) = item.to_type {
            write!(f, " to typeof({ty})")?;
        }
        Ok(())
    })
}

/// A table in `union`/`search in (...)`: wildcard names stay bare.
pub(super) fn table(f: &mut Formatter<'_>, e: &Expr) -> fmt::Result {
    match &e.kind {
        ExprKind::Name(id) if id.name.contains('*') => write_pattern(f, &id.name),
        _ => scalar(f, e),
    }
}

fn write_operator(f: &mut Formatter<'_>, kind: &OperatorKind) -> fmt::Result {
    match kind {
        OperatorKind::Where(e) => {
            f.write_str("where ")?;
            scalar(f, e)
        }
        OperatorKind::Extend(items) => {
            f.write_str("extend ")?;
            named_exprs(f, items)
        }
        OperatorKind::Project(items) => {
            f.write_str("project ")?;
            named_exprs(f, items)
        }
        OperatorKind::ProjectAway(names) => {
            f.write_str("project-away ")?;
            patterns(f, names)
        }
        OperatorKind::ProjectKeep(names) => {
            f.write_str("project-keep ")?;
            patterns(f, names)
        }
        OperatorKind::ProjectRename(renames) => {
            f.write_str("project-rename ")?;
            comma_list(f, renames, |f, r| write!(f, "{} = {}", r.new, r.old))
        }
        OperatorKind::ProjectReorder(items) => {
            f.write_str("project-reorder ")?;
            comma_list(f, items, |f, item| {
                write_pattern(f, &item.pattern.name)?;
                f.write_str(match item.order {
                    Some(ReorderOrder::Asc) => " asc",
                    Some(ReorderOrder::Desc) => " desc",
                    Some(ReorderOrder::GrannyAsc) => " granny-asc",
                    Some(ReorderOrder::GrannyDesc) => " granny-desc",
                    None => "",
                })
            })
        }
        OperatorKind::Summarize(s) => {
            f.write_str("summarize")?;
            options(f, &s.options)?;
            if !s.aggregates.is_empty() {
                f.write_str(" ")?;
                named_exprs(f, &s.aggregates)?;
            }
            if !s.by.is_empty() {
                f.write_str(" by ")?;
                named_exprs(f, &s.by)?;
            }
            Ok(())
        }
        OperatorKind::Join(j) => {
            f.write_str("join")?;
            if let Some(kind) = j.kind {
                write!(f, " kind={}", kind.name())?;
            }
            options(f, &j.options)?;
            f.write_str(" ")?;
            write(f, &j.right, 8)?;
            f.write_str(" on ")?;
            exprs(f, &j.on)
        }
        OperatorKind::Lookup(l) => {
            f.write_str("lookup")?;
            if let Some(kind) = l.kind {
                write!(f, " kind={}", kind.name())?;
            }
            options(f, &l.options)?;
            f.write_str(" ")?;
            write(f, &l.right, 8)?;
            f.write_str(" on ")?;
            exprs(f, &l.on)
        }
        OperatorKind::Distinct(items) => {
            f.write_str("distinct ")?;
            exprs(f, items)
        }
        OperatorKind::Sort(s) => {
            f.write_str("sort")?;
            options(f, &s.options)?;
            f.write_str(" by ")?;
            comma_list(f, &s.keys, |f, k| write!(f, "{k}"))
        }
        OperatorKind::Take(e) => {
            f.write_str("take ")?;
            scalar(f, e)
        }
        OperatorKind::Top(t) => {
            f.write_str("top ")?;
            scalar(f, &t.count)?;
            write!(f, " by {}", t.by)
        }
        OperatorKind::TopNested(levels) => comma_list(f, levels, |f, level| {
            f.write_str("top-nested ")?;
            if let Some(count) = &level.count {
                scalar(f, count)?;
                f.write_str(" ")?;
            }
            write!(f, "of {}", level.of)?;
            if let Some(others) = &level.others {
                f.write_str(" with others = ")?;
                scalar(f, others)?;
            }
            write!(f, " by {}", level.by)?;
            write_order(f, level.order)
        }),
        OperatorKind::Count => f.write_str("count"),
        OperatorKind::Union(u) => {
            f.write_str("union")?;
            options(f, &u.options)?;
            f.write_str(" ")?;
            comma_list(f, &u.tables, table)
        }
        OperatorKind::MvExpand(m) => {
            f.write_str("mv-expand")?;
            options(f, &m.options)?;
            f.write_str(" ")?;
            mv_items(f, &m.items)?;
            if let Some(limit) = &m.limit {
                f.write_str(" limit ")?;
                scalar(f, limit)?;
            }
            Ok(())
        }
        OperatorKind::MvApply(m) => {
            f.write_str("mv-apply")?;
            options(f, &m.options)?;
            f.write_str(" ")?;
            mv_items(f, &m.items)?;
            if let Some(limit) = &m.limit {
                f.write_str(" limit ")?;
                scalar(f, limit)?;
            }
            write!(f, " on {}", m.on)
        }
        OperatorKind::As(a) => {
            f.write_str("as")?;
            options(f, &a.options)?;
            write!(f, " {}", a.name)
        }
        OperatorKind::Serialize(items) => {
            f.write_str("serialize")?;
            if !items.is_empty() {
                f.write_str(" ")?;
                named_exprs(f, items)?;
            }
            Ok(())
        }
        OperatorKind::GetSchema => f.write_str("getschema"),
        OperatorKind::Sample(e) => {
            f.write_str("sample ")?;
            scalar(f, e)
        }
        OperatorKind::SampleDistinct { count, column } => {
            f.write_str("sample-distinct ")?;
            scalar(f, count)?;
            f.write_str(" of ")?;
            scalar(f, column)
        }
        OperatorKind::Invoke(e) => {
            f.write_str("invoke ")?;
            scalar(f, e)
        }
        OperatorKind::Consume => f.write_str("consume"),
        OperatorKind::MakeSeries(_)
        | OperatorKind::Parse(_)
        | OperatorKind::ParseKv(_)
        | OperatorKind::Evaluate(_)
        | OperatorKind::Render(_)
        | OperatorKind::Search(_)
        | OperatorKind::Scan(_)
        | OperatorKind::Fork(_)
        | OperatorKind::Facet(_)
        | OperatorKind::Partition(_)
        | OperatorKind::Print(_)
        | OperatorKind::Range(_)
        | OperatorKind::DataTable(_)
        | OperatorKind::ExternalData(_) => super::operator_ext::write_operator(f, kind),
    }
}
