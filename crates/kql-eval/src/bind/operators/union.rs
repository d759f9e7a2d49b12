//! `union` as an operator (`T | union U`) and as a source (`union T, U`).
//!
//! ```kql
//! union withsource=Source EmailEvents, (EmailUrlInfo | take 5)
//! union kind=inner Email*            // only the columns every leg has
//! ```
//! Outer (the default) keeps every column in order of first appearance; one name with
//! two types becomes `name_type` columns (q/union-operator.md).
//!
//! `isfuzzy=true` leaves out a leg that does not resolve (an unknown table or function,
//! as an ASIM parser that is not deployed) with a `kql::check::fuzzy_union_leg`
//! warning; when no leg resolves, the first leg's error is the query's error.

use std::sync::Arc;

use kql_parser::ast::{ExprKind, Span, Union};

use super::project::glob_match;
use crate::bind::scope::Binding;
use crate::bind::{Binder, CheckError, CheckWarning};
use crate::plan::{Plan, PlanKind, UnionPlan};
use crate::table::{Field, Schema};

impl Binder<'_> {
    pub(crate) fn union(
        &mut self,
        input: Option<Arc<Plan>>,
        union: &Union,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let mut inner = false;
        let mut fuzzy = false;
        let mut with_source = None;
        for option in &union.options {
            match (option.name.name.as_str(), &option.value.kind) {
                ("kind", ExprKind::Name(v)) if v.name == "inner" => inner = true,
                ("kind", ExprKind::Name(v)) if v.name == "outer" => inner = false,
                ("withsource", ExprKind::Name(v)) => with_source = Some(v.name.clone()),
                ("isfuzzy", ExprKind::Literal(kql_parser::ast::Literal::Bool(Some(b)))) => {
                    fuzzy = *b
                }
                _ => {
                    return Err(CheckError::unsupported(
                        format!("union option `{}`", option.name.name),
                        option.span,
                    ));
                }
            }
        }
        let mut legs: Vec<(String, Arc<Plan>)> = Vec::new();
        // `isfuzzy=true`: the legs left out, warned about only if another leg resolves.
        let mut left_out = Vec::new();
        let mut first_error = None;
        if let Some(input) = input {
            legs.push(("union_arg0".to_string(), input));
        }
        for table in &union.tables {
            match &table.kind {
                ExprKind::Name(ident) if ident.name.contains('*') => {
                    // Catalog tables and `let` views (`view () { ... }`) match.
                    let views: Vec<String> = self
                        .scopes
                        .names()
                        .filter(|n| {
                            matches!(self.scopes.lookup(n),
                                Some(Binding::Function(def)) if def.is_view && def.params.is_empty())
                        })
                        .map(String::from)
                        .collect();
                    let mut names: Vec<String> = self
                        .tables
                        .table_names()
                        .into_iter()
                        .chain(views)
                        .filter(|n| glob_match(&ident.name, n))
                        .collect();
                    names.sort();
                    names.dedup();
                    for name in names {
                        let plan = self.tabular(&kql_parser::ast::Expr::new(
                            ExprKind::Name(kql_parser::ast::Ident {
                                name: name.as_str().into(),
                                span: ident.span,
                            }),
                            table.span,
                        ))?;
                        legs.push((name, plan));
                    }
                }
                _ => {
                    let name = match &table.kind {
                        ExprKind::Name(ident) => ident.name.to_string(),
                        _ => as_name(table).unwrap_or_else(|| format!("union_arg{}", legs.len())),
                    };
                    match self.tabular(table) {
                        Ok(plan) => legs.push((name, plan)),
                        Err(
                            e @ (CheckError::UnknownTable { .. }
                            | CheckError::UnknownFunction { .. }),
                        ) if fuzzy => {
                            left_out.push(CheckWarning::FuzzyUnionLeg {
                                reason: e.to_string(),
                                span: table.span,
                            });
                            first_error.get_or_insert(e);
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
        }
        if let (true, Some(e)) = (legs.is_empty(), first_error) {
            return Err(e);
        }
        self.warnings.append(&mut left_out);
        if legs.is_empty() {
            return Err(CheckError::invalid(
                "`union` needs at least one table",
                span,
            ));
        }
        let fields = if inner {
            inner_fields(&legs)
        } else {
            outer_fields(&legs)
        };
        let mappings = legs
            .iter()
            .map(|(_, plan)| {
                fields
                    .iter()
                    .map(|(source_name, f)| {
                        plan.schema
                            .fields
                            .iter()
                            .position(|g| g.name == *source_name && g.ty == f.ty)
                    })
                    .collect()
            })
            .collect();
        let mut out: Vec<Field> = fields.into_iter().map(|(_, f)| f).collect();
        let source_names = with_source.map(|column| {
            out.insert(
                0,
                Field {
                    name: column.to_string(),
                    ty: kql_parser::ast::ScalarType::String,
                },
            );
            legs.iter().map(|(name, _)| name.clone()).collect()
        });
        Ok(Plan {
            schema: Schema { fields: out },
            kind: PlanKind::Union(Box::new(UnionPlan {
                inputs: legs.into_iter().map(|(_, p)| p).collect(),
                mappings,
                source_names,
            })),
            span,
        })
    }
}

/// The name a leg ending in `| as Name` gives itself (its `withsource` value).
fn as_name(expr: &kql_parser::ast::Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Paren(inner) => as_name(inner),
        ExprKind::Pipe { op, .. } => match &op.kind {
            kql_parser::ast::OperatorKind::As(a) => Some(a.name.name.to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// Every (name, type) in order of first appearance; `(source name, output field)`.
fn outer_fields(legs: &[(String, Arc<Plan>)]) -> Vec<(String, Field)> {
    let mut seen: Vec<Field> = Vec::new();
    for (_, plan) in legs {
        for f in &plan.schema.fields {
            if !seen.iter().any(|g| g.name == f.name && g.ty == f.ty) {
                seen.push(f.clone());
            }
        }
    }
    let clashes = |f: &Field| seen.iter().any(|g| g.name == f.name && g.ty != f.ty);
    // Columns keeping their own name come first in claiming it; a renamed `x_long` that
    // meets a real `x_long` takes the next free suffix (`x_long1`, q/union-operator.md).
    let kept: Vec<String> = seen
        .iter()
        .filter(|f| !clashes(f))
        .map(|f| f.name.clone())
        .collect();
    let mut taken: Vec<String> = Vec::new();
    seen.iter()
        .map(|f| {
            let name = if clashes(f) {
                let base = format!("{}_{}", f.name, f.ty);
                crate::bind::unique_name(&base, |n| {
                    kept.iter().any(|k| k == n) || taken.iter().any(|t| t == n)
                })
            } else {
                f.name.clone()
            };
            taken.push(name.clone());
            (f.name.clone(), Field { name, ty: f.ty })
        })
        .collect()
}

/// The (name, type) pairs every leg has, in the first leg's order.
fn inner_fields(legs: &[(String, Arc<Plan>)]) -> Vec<(String, Field)> {
    let Some((_, first)) = legs.first() else {
        return Vec::new();
    };
    first
        .schema
        .fields
        .iter()
        .filter(|f| {
            legs.iter().all(|(_, p)| {
                p.schema
                    .fields
                    .iter()
                    .any(|g| g.name == f.name && g.ty == f.ty)
            })
        })
        .map(|f| (f.name.clone(), f.clone()))
        .collect()
}
