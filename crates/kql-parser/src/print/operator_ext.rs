//! The less common tabular operators: `make-series`, `parse`, `parse-kv`, `evaluate`,
//! `render`, `search`, `scan`, `fork`, `facet`, `partition`, and the source operators
//! `print`, `range`, `datatable`, `externaldata`.

use std::fmt::{self, Formatter};

use super::expr::{scalar, write};
use super::operator::{columns, exprs, named_exprs, options, table, with_options};
use super::{comma_list, write_name, write_word};
use crate::ast::{ExprKind, OperatorKind, ParsePart};

/// Writes the operators `operator::write_operator` leaves to this module.
pub(super) fn write_operator(f: &mut Formatter<'_>, kind: &OperatorKind) -> fmt::Result {
    match kind {
        OperatorKind::MakeSeries(m) => {
            f.write_str("make-series")?;
            options(f, &m.options)?;
            f.write_str(" ")?;
            comma_list(f, &m.aggregates, |f, a| {
                write!(f, "{}", a.aggregate)?;
                if let Some(d) = &a.default {
                    f.write_str(" default = ")?;
                    scalar(f, d)?;
                }
                Ok(())
            })?;
            f.write_str(" on ")?;
            write(f, &m.on, 8)?;
            if let Some(range) = &m.in_range {
                f.write_str(" in ")?;
                write(f, range, 8)?;
            }
            for (word, part) in [(" from ", &m.from), (" to ", &m.to), (" step ", &m.step)] {
                if let Some(e) = part {
                    f.write_str(word)?;
                    scalar(f, e)?;
                }
            }
            if !m.by.is_empty() {
                f.write_str(" by ")?;
                named_exprs(f, &m.by)?;
            }
            Ok(())
        }
        OperatorKind::Parse(p) => {
            f.write_str(if p.is_where { "parse-where" } else { "parse" })?;
            options(f, &p.options)?;
            f.write_str(" ")?;
            scalar(f, &p.source)?;
            f.write_str(" with")?;
            for part in &p.pattern {
                f.write_str(" ")?;
                match part {
                    ParsePart::Literal { value, .. } => {
                        f.write_str(&crate::literal::escape_string(value))?;
                    }
                    ParsePart::Column { name, ty, .. } => {
                        write!(f, "{name}")?;
                        if let Some(ty) = ty {
                            write!(f, ":{ty}")?;
                        }
                    }
                    ParsePart::Star { .. } => f.write_str("*")?,
                }
            }
            Ok(())
        }
        OperatorKind::ParseKv(p) => {
            f.write_str("parse-kv ")?;
            scalar(f, &p.source)?;
            f.write_str(" as ")?;
            columns(f, &p.columns)?;
            with_options(f, &p.options)
        }
        OperatorKind::Evaluate(e) => {
            f.write_str("evaluate")?;
            options(f, &e.options)?;
            f.write_str(" ")?;
            scalar(f, &e.call)
        }
        OperatorKind::Render(r) => {
            f.write_str("render ")?;
            write_word(f, &r.chart.name)?;
            if r.properties.is_empty() {
                return Ok(());
            }
            f.write_str(" with (")?;
            comma_list(f, &r.properties, |f, p| {
                write_word(f, &p.name.name)?;
                f.write_str("=")?;
                exprs(f, &p.values)
            })?;
            f.write_str(")")
        }
        OperatorKind::Search(s) => {
            f.write_str("search")?;
            options(f, &s.options)?;
            if !s.tables.is_empty() {
                f.write_str(" in (")?;
                comma_list(f, &s.tables, table)?;
                f.write_str(")")?;
            }
            f.write_str(" ")?;
            scalar(f, &s.predicate)
        }
        OperatorKind::Scan(s) => {
            f.write_str("scan")?;
            options(f, &s.options)?;
            if !s.declare.is_empty() {
                f.write_str(" declare (")?;
                comma_list(f, &s.declare, |f, d| {
                    write!(f, "{}:{}", d.column.name, d.column.ty)?;
                    if let Some(default) = &d.default {
                        f.write_str(" = ")?;
                        scalar(f, default)?;
                    }
                    Ok(())
                })?;
                f.write_str(")")?;
            }
            f.write_str(" with (")?;
            for step in &s.steps {
                write!(f, "step {}", step.name)?;
                if let Some(output) = &step.output {
                    write!(f, " output={output}")?;
                }
                f.write_str(": ")?;
                scalar(f, &step.condition)?;
                if !step.assignments.is_empty() {
                    f.write_str(" => ")?;
                    named_exprs(f, &step.assignments)?;
                }
                f.write_str("; ")?;
            }
            f.write_str(")")
        }
        OperatorKind::Fork(branches) => {
            f.write_str("fork")?;
            for b in branches {
                f.write_str(" ")?;
                if let Some(name) = &b.name {
                    write!(f, "{name} = ")?;
                }
                write!(f, "{}", b.body)?;
            }
            Ok(())
        }
        OperatorKind::Facet(fc) => {
            f.write_str("facet by ")?;
            comma_list(f, &fc.columns, |f, c| write!(f, "{c}"))?;
            if let Some(with) = &fc.with {
                write!(f, " with {with}")?;
            }
            Ok(())
        }
        OperatorKind::Partition(p) => {
            f.write_str("partition")?;
            options(f, &p.options)?;
            f.write_str(" by ")?;
            match &p.by.kind {
                ExprKind::Name(id) => write_name(f, &id.name)?,
                _ => scalar(f, &p.by)?,
            }
            write!(f, " {}", p.body)
        }
        OperatorKind::Print(items) => {
            f.write_str("print ")?;
            named_exprs(f, items)
        }
        OperatorKind::Range(r) => {
            write!(f, "range {} from ", r.column)?;
            scalar(f, &r.from)?;
            f.write_str(" to ")?;
            scalar(f, &r.to)?;
            f.write_str(" step ")?;
            scalar(f, &r.step)
        }
        OperatorKind::DataTable(d) => {
            f.write_str("datatable")?;
            options(f, &d.options)?;
            columns(f, &d.columns)?;
            f.write_str(" [")?;
            exprs(f, &d.values)?;
            f.write_str("]")
        }
        OperatorKind::ExternalData(e) => {
            f.write_str("externaldata")?;
            columns(f, &e.columns)?;
            f.write_str(" [")?;
            exprs(f, &e.urls)?;
            f.write_str("]")?;
            with_options(f, &e.options)
        }
        // The rest are written by `operator::write_operator`.
        _ => Ok(()),
    }
}
