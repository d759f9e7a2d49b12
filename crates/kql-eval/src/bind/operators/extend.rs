//! `extend` and the projection builder it shares with `project`.
//!
//! ```kql
//! T | extend Pair = strcat(A, "|", B), strlen(Subject)   // adds Pair, strlen_Subject
//! T | extend x = x + 1, y = x                             // x replaced in place; y sees the old x
//! ```

use std::sync::Arc;

use kql_parser::ast::{NamedExpr, Span};

use crate::bind::naming::{derived_name, next_column_name};
use crate::bind::{Binder, CheckError, RowScope};
use crate::plan::{Plan, PlanKind, ProjectItem, ScalarExpr};
use crate::table::{Field, Schema};

/// Builds a [`PlanKind::Project`]: computed columns see the input first, then the
/// columns computed before them.
pub(super) struct Projection {
    input: Arc<Plan>,
    /// Input fields, then one field per computed column (named as in the output).
    scope: Schema,
    computed: Vec<ScalarExpr>,
    /// Output columns with their names.
    output: Vec<(String, ProjectItem)>,
}

impl Projection {
    pub(super) fn new(input: Arc<Plan>, keep_input: bool) -> Projection {
        let output = if keep_input {
            input
                .schema
                .fields
                .iter()
                .enumerate()
                .map(|(i, f)| (f.name.clone(), ProjectItem::Input(i)))
                .collect()
        } else {
            Vec::new()
        };
        Projection {
            scope: input.schema.clone(),
            input,
            computed: Vec::new(),
            output,
        }
    }

    pub(super) fn has_output(&self, name: &str) -> bool {
        self.output.iter().any(|(n, _)| n == name)
    }

    /// Adds or replaces (in place) output column `name`.
    pub(super) fn set(&mut self, name: String, item: ProjectItem) {
        match self.output.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = item,
            None => self.output.push((name, item)),
        }
    }

    /// Binds one `[Name =] Expr` and adds it; `replace` allows redefining a column.
    pub(super) fn add(
        &mut self,
        binder: &mut Binder<'_>,
        item: &NamedExpr,
        replace: bool,
    ) -> Result<(), CheckError> {
        if item.names.len() > 1 {
            return Err(CheckError::unsupported(
                "assigning to several columns `(a, b) = ...`",
                item.span,
            ));
        }
        let expr = binder.scalar(&item.expr, &RowScope::of(&self.scope))?;
        let name = match item.names.first() {
            Some(ident) => ident.name.to_string(),
            None => match derived_name(&item.expr) {
                Some(name) => name,
                None => {
                    let output = &self.output;
                    next_column_name(&mut binder.column_counter, |n| {
                        output.iter().any(|(o, _)| o == n)
                    })
                }
            },
        };
        if !replace && self.has_output(&name) {
            return Err(CheckError::invalid(
                format!("column `{name}` is defined twice"),
                item.span,
            )
            .with_help("give one of them another name with `Name = ...`"));
        }
        // A plain input column passes through unchanged (renamed if named).
        if let crate::plan::ScalarKind::Column(i) = expr.kind
            && i < self.input.schema.fields.len()
        {
            self.set(name, ProjectItem::Input(i));
            return Ok(());
        }
        self.scope.fields.push(Field {
            name: name.clone(),
            ty: expr.ty,
        });
        self.computed.push(expr);
        self.set(name, ProjectItem::Computed(self.computed.len() - 1));
        Ok(())
    }

    pub(super) fn finish(self, span: Span) -> Plan {
        let n = self.input.schema.fields.len();
        let fields = self
            .output
            .iter()
            .map(|(name, item)| {
                let ty = match *item {
                    ProjectItem::Input(i) => self.input.schema.fields[i].ty,
                    ProjectItem::Computed(j) => self.scope.fields[n + j].ty,
                };
                Field {
                    name: name.clone(),
                    ty,
                }
            })
            .collect();
        Plan {
            schema: Schema { fields },
            kind: PlanKind::Project {
                input: self.input,
                computed: self.computed,
                output: self.output.into_iter().map(|(_, item)| item).collect(),
            },
            span,
        }
    }
}

impl Binder<'_> {
    pub(super) fn extend(
        &mut self,
        input: Arc<Plan>,
        items: &[NamedExpr],
        span: Span,
    ) -> Result<Plan, CheckError> {
        let mut projection = Projection::new(input, true);
        for item in items {
            projection.add(self, item, true)?;
        }
        Ok(projection.finish(span))
    }
}
