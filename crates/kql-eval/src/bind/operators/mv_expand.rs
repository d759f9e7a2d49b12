//! `mv-expand`: one output row per element of a dynamic array or property bag
//! (q/mv-expand-operator.md).
//!
//! ```kql
//! T | mv-expand Phish = parse_json(DetectionMethods).Phish to typeof(string)
//! T | mv-expand b, c                    // zipped: as many rows as the longest, nulls pad
//! T | mv-expand kind=array Bag          // {"k": v} entries become ["k", v]
//! T | mv-expand with_itemindex=I Items  // I: the 0-based position, a last long column
//! T | mv-expand todynamic(Folders)      // unnamed: named as extend would (`Folders`)
//! ```
//! An item whose name is an input column replaces it in place; any other name is a new
//! column at the end (the doc's Parameters table). The index column comes last and takes
//! a free name (`b1`) when its name is taken.
//!
//! `to typeof(T)` converts each element, not its text: a number to `long`/`int`
//! truncates toward zero and a string there is null; `bool` takes a JSON bool or a
//! whole number; `datetime`/`guid` parse a string; `string` is `tostring`. `decimal` is
//! refused (no rule known). The executor applies this (`exec/operators/mv_expand.rs`).

use std::sync::Arc;

use kql_parser::ast::{MvExpand, ScalarType, Span};

use super::options::{option_text, unknown_option};
use crate::bind::naming::{derived_name, next_column_name, unique_name};
use crate::bind::{Binder, CheckError, RowScope};
use crate::plan::{MvExpandColumn, MvExpandPlan, Plan, PlanKind, ScalarExpr};
use crate::table::{Field, Schema};

/// The parts of `mv-expand` that `mv-apply` shares.
pub(crate) struct Expansion {
    pub items: Vec<(ScalarExpr, ScalarType)>,
    pub bag_as_array: bool,
    pub limit: Option<ScalarExpr>,
    /// Output (name, column) pairs.
    pub output: Vec<(String, MvExpandColumn)>,
}

impl Binder<'_> {
    pub(super) fn mv_expand(
        &mut self,
        input: Arc<Plan>,
        mv: &MvExpand,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let expansion = self.expansion("mv-expand", &input, mv, true)?;
        Ok(expansion_plan(input, expansion, span))
    }

    /// Binds the options, items and limit of `mv-expand` (or of `mv-apply`, whose
    /// output keeps only the expanded columns when `keep_input` is false).
    pub(crate) fn expansion(
        &mut self,
        operator: &str,
        input: &Plan,
        mv: &MvExpand,
        keep_input: bool,
    ) -> Result<Expansion, CheckError> {
        let mut bag_as_array = false;
        let mut index_name = None;
        for option in &mv.options {
            match option.name.name.as_str() {
                "kind" | "bagexpansion" => match option_text(option)?.as_str() {
                    "bag" => bag_as_array = false,
                    "array" => bag_as_array = true,
                    other => {
                        return Err(CheckError::invalid(
                            format!("`{operator}` expands bags as `bag` or `array`, not `{other}`"),
                            option.value.span,
                        ));
                    }
                },
                "with_itemindex" => index_name = Some(option_text(option)?),
                _ => unknown_option(operator, option)?,
            }
        }
        let row = RowScope::of(&input.schema);
        let mut output: Vec<(String, MvExpandColumn)> = if keep_input {
            input
                .schema
                .fields
                .iter()
                .enumerate()
                .map(|(i, f)| (f.name.clone(), MvExpandColumn::Input(i)))
                .collect()
        } else {
            Vec::new()
        };
        let mut items = Vec::with_capacity(mv.items.len());
        let mut item_names: Vec<String> = Vec::new();
        for item in &mv.items {
            let expr = self.scalar(&item.expr, &row)?;
            if expr.ty != ScalarType::Dynamic {
                return Err(CheckError::type_error(
                    format!(
                        "`{operator}` expands dynamic arrays and bags, but this is {}",
                        expr.ty
                    ),
                    "not dynamic",
                    expr.span,
                )
                .with_help("convert it first, e.g. todynamic(x) or split(x, \",\")"));
            }
            let ty = item.to_type.unwrap_or(ScalarType::Dynamic);
            if ty == ScalarType::Decimal {
                return Err(CheckError::unsupported(
                    format!("`{operator} ... to typeof(decimal)`"),
                    item.span,
                ));
            }
            let name = match &item.name {
                Some(ident) => ident.name.to_string(),
                None => derived_name(&item.expr).unwrap_or_else(|| {
                    next_column_name(&mut self.column_counter, |n| {
                        output.iter().any(|(o, _)| o == n)
                    })
                }),
            };
            if item_names.contains(&name) {
                return Err(CheckError::invalid(
                    format!("column `{name}` is expanded twice"),
                    item.span,
                ));
            }
            let column = MvExpandColumn::Item(items.len());
            match output.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = column,
                None => output.push((name.clone(), column)),
            }
            item_names.push(name);
            items.push((expr, ty));
        }
        if let Some(name) = index_name {
            let name = unique_name(&name, |n| output.iter().any(|(o, _)| o == n));
            output.push((name, MvExpandColumn::Index));
        }
        let limit = match &mv.limit {
            Some(limit) => {
                let expr = self.scalar(limit, &RowScope::empty())?;
                if !matches!(expr.ty, ScalarType::Int | ScalarType::Long) {
                    return Err(CheckError::type_error(
                        format!(
                            "`{operator} ... limit` needs a whole number, but this is {}",
                            expr.ty
                        ),
                        "not a long",
                        expr.span,
                    ));
                }
                Some(expr)
            }
            None => None,
        };
        Ok(Expansion {
            items,
            bag_as_array,
            limit,
            output,
        })
    }
}

/// The plan node of an expansion, with its schema.
pub(crate) fn expansion_plan(input: Arc<Plan>, expansion: Expansion, span: Span) -> Plan {
    let fields = expansion
        .output
        .iter()
        .map(|(name, column)| Field {
            name: name.clone(),
            ty: match *column {
                MvExpandColumn::Input(i) => input.schema.fields[i].ty,
                MvExpandColumn::Item(k) => expansion.items[k].1,
                MvExpandColumn::Index => ScalarType::Long,
            },
        })
        .collect();
    Plan {
        schema: Schema { fields },
        kind: PlanKind::MvExpand(Box::new(MvExpandPlan {
            input,
            items: expansion.items,
            bag_as_array: expansion.bag_as_array,
            limit: expansion.limit,
            output: expansion.output.into_iter().map(|(_, c)| c).collect(),
        })),
        span,
    }
}
