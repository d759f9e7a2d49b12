//! Source operators, which start a pipeline: `datatable`, `print`, `range`, `union`,
//! `externaldata`.
//!
//! ```kql
//! datatable(Name:string, N:long) ["a", 1, "b", 2]
//! externaldata(Url:string) [@"https://host/feed.csv"] with (format="csv", ignoreFirstRecord=true)
//! print x = 1, strcat("a", "b")          // x, print_1
//! range i from 1 to 10 step 2
//! ```

use std::sync::Arc;

use kql_parser::ast::{
    DataTable, ExternalData, NamedExpr, Operator, OperatorKind, Range, ScalarType, Span,
};

use super::operators::operator_name;
use super::operators::options::option_text;
use super::{Binder, CheckError, RowScope};
use crate::load::ExternalFormat;
use crate::plan::{ExternalDataPlan, Plan, PlanKind};
use crate::table::{Field, Schema};

impl Binder<'_> {
    pub(crate) fn source(&mut self, op: &Operator) -> Result<Arc<Plan>, CheckError> {
        let span = op.span;
        let plan = match &op.kind {
            OperatorKind::DataTable(table) => self.datatable(table, span)?,
            OperatorKind::Print(items) => self.print(items, span)?,
            OperatorKind::Range(range) => self.range(range, span)?,
            OperatorKind::Union(union) => self.union(None, union, span)?,
            OperatorKind::ExternalData(ed) => self.externaldata(ed, span)?,
            OperatorKind::Evaluate(evaluate) => {
                let plugin = match &evaluate.call.kind {
                    kql_parser::ast::ExprKind::Call { name, .. } => name.name.as_str(),
                    _ => "?",
                };
                return Err(CheckError::unsupported(
                    format!("the `{plugin}` plugin of `evaluate`"),
                    span,
                ));
            }
            other => {
                return Err(CheckError::unsupported(
                    format!("the `{}` source", operator_name(other)),
                    span,
                ));
            }
        };
        Ok(Arc::new(plan))
    }

    fn datatable(&mut self, table: &DataTable, span: Span) -> Result<Plan, CheckError> {
        let fields: Vec<Field> = table
            .columns
            .iter()
            .map(|c| Field {
                name: c.name.name.to_string(),
                ty: c.ty,
            })
            .collect();
        if fields.is_empty() {
            return Err(CheckError::invalid(
                "`datatable` needs at least one column",
                span,
            ));
        }
        if !table.values.len().is_multiple_of(fields.len()) {
            return Err(CheckError::invalid(
                format!(
                    "`datatable` has {} columns but {} values, which is not a whole number of rows",
                    fields.len(),
                    table.values.len()
                ),
                span,
            ));
        }
        let mut values = Vec::with_capacity(table.values.len());
        for (i, value) in table.values.iter().enumerate() {
            let expr = self.scalar(value, &RowScope::empty())?;
            let column = &fields[i % fields.len()];
            if !assignable(expr.ty, column.ty) {
                return Err(CheckError::type_error(
                    format!(
                        "column `{}` is {}, but this value is {}",
                        column.name, column.ty, expr.ty
                    ),
                    format!("expected {}", column.ty),
                    expr.span,
                ));
            }
            values.push(expr);
        }
        Ok(Plan {
            schema: Schema { fields },
            kind: PlanKind::Rows { values },
            span,
        })
    }

    fn print(&mut self, items: &[NamedExpr], span: Span) -> Result<Plan, CheckError> {
        let mut fields: Vec<Field> = Vec::new();
        let mut values = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let expr = self.scalar(&item.expr, &RowScope::empty())?;
            let name = item
                .names
                .first()
                .map_or_else(|| format!("print_{i}"), |n| n.name.to_string());
            if fields.iter().any(|f| f.name == name) {
                return Err(CheckError::invalid(
                    format!("column `{name}` is defined twice"),
                    item.span,
                ));
            }
            fields.push(Field { name, ty: expr.ty });
            values.push(expr);
        }
        Ok(Plan {
            schema: Schema { fields },
            kind: PlanKind::Rows { values },
            span,
        })
    }

    /// `externaldata(Cols) [Urls] with (format=..., ignoreFirstRecord=...)`: the URLs
    /// are read at run time from the local files the caller maps them to.
    fn externaldata(&mut self, ed: &ExternalData, span: Span) -> Result<Plan, CheckError> {
        let mut fields: Vec<Field> = Vec::with_capacity(ed.columns.len());
        for c in &ed.columns {
            if fields.iter().any(|f| f.name == c.name.name) {
                return Err(CheckError::invalid(
                    format!("column `{}` is declared twice", c.name.name),
                    c.span,
                ));
            }
            fields.push(Field {
                name: c.name.name.to_string(),
                ty: c.ty,
            });
        }
        if fields.is_empty() {
            return Err(CheckError::invalid(
                "`externaldata` needs at least one column",
                span,
            ));
        }
        if ed.urls.is_empty() {
            return Err(CheckError::invalid(
                "`externaldata` needs at least one URL",
                span,
            ));
        }
        let mut urls = Vec::with_capacity(ed.urls.len());
        for url in &ed.urls {
            let expr = self.scalar(url, &RowScope::empty())?;
            if expr.ty != ScalarType::String {
                return Err(CheckError::type_error(
                    format!("an `externaldata` URL must be a string, not {}", expr.ty),
                    "expected string",
                    expr.span,
                ));
            }
            urls.push(expr);
        }
        let mut format = None;
        let mut ignore_first_record = false;
        for option in &ed.options {
            match option.name.name.to_ascii_lowercase().as_str() {
                "format" => {
                    let name = option_text(option)?;
                    let Some(f) = ExternalFormat::from_name(&name) else {
                        return Err(CheckError::unsupported(
                            format!(
                                "`externaldata` format `{name}` (kql reads {})",
                                ExternalFormat::NAMES.join(", ")
                            ),
                            option.span,
                        ));
                    };
                    format = Some(f);
                }
                "ignorefirstrecord" => {
                    ignore_first_record = match option_text(option)?.to_ascii_lowercase().as_str() {
                        "true" => true,
                        "false" => false,
                        other => {
                            return Err(CheckError::invalid(
                                format!("`ignoreFirstRecord` must be true or false, not `{other}`"),
                                option.value.span,
                            ));
                        }
                    };
                }
                _ => {
                    return Err(CheckError::unsupported(
                        format!(
                            "the `{}` property of `externaldata` (kql knows format and ignoreFirstRecord)",
                            option.name.name
                        ),
                        option.span,
                    ));
                }
            }
        }
        if let Some(f) = format
            && f.single_column()
            && fields.len() != 1
        {
            return Err(CheckError::unsupported(
                format!(
                    "`externaldata` with format={} and {} columns (it fills one column)",
                    f.name(),
                    fields.len()
                ),
                span,
            ));
        }
        Ok(Plan {
            schema: Schema { fields },
            kind: PlanKind::ExternalData(Box::new(ExternalDataPlan {
                urls,
                format,
                ignore_first_record,
            })),
            span,
        })
    }

    fn range(&mut self, range: &Range, span: Span) -> Result<Plan, CheckError> {
        let row = RowScope::empty();
        let from = self.scalar(&range.from, &row)?;
        let to = self.scalar(&range.to, &row)?;
        let step = self.scalar(&range.step, &row)?;
        let ty = match (from.ty, to.ty) {
            (ScalarType::Int | ScalarType::Long, ScalarType::Int | ScalarType::Long) => {
                ScalarType::Long
            }
            (a, b)
                if a == b
                    && matches!(
                        a,
                        ScalarType::Real | ScalarType::DateTime | ScalarType::TimeSpan
                    ) =>
            {
                a
            }
            (ScalarType::Real, t) | (t, ScalarType::Real) if t.is_numeric() => ScalarType::Real,
            _ => {
                return Err(CheckError::type_error(
                    format!(
                        "`range` bounds must be numbers, datetimes or timespans of one type, got {} and {}",
                        from.ty, to.ty
                    ),
                    "range bounds",
                    span,
                ));
            }
        };
        let fields = vec![Field {
            name: range.column.name.to_string(),
            ty,
        }];
        Ok(Plan {
            schema: Schema { fields },
            kind: PlanKind::Range { from, to, step },
            span,
        })
    }
}

/// Whether a value of type `from` can fill a column of type `to` in a `datatable`.
fn assignable(from: ScalarType, to: ScalarType) -> bool {
    from == to || to == ScalarType::Dynamic || (from.is_numeric() && to.is_numeric())
}
