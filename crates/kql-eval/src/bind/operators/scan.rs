//! `scan [with_match_id = Id] [declare (Col: type [= Default], ...)] with (step ...)`
//! (learn.microsoft.com/kusto/query/scan-operator).
//!
//! ```kql
//! Events | sort by Ts asc
//! | scan with_match_id = m_id with (
//!     step s1: Event == "Start";
//!     step s2: Event != "Start" and Event != "Stop" and Ts - s1.Ts <= 5m;
//!     step s3: Event == "Stop" and Ts - s1.Ts <= 5m;
//! )
//! ```
//!
//! Conditions and assignments see the record's input columns and, as `Step.Column`,
//! the values a step holds in the state (bound here to hidden columns laid out after
//! the input's: for each step, the input columns then the declared ones). The output
//! is the input's columns, the declared ones, then the match id.
//! **[U]** Refused: an input that is not serialized (Kusto requires it), `output =
//! last`, a step that outputs records without assigning every declared column, a
//! reference to a declared column of a step that does not assign it, a default that
//! is not a constant, and a bare reference to a declared column.

use std::sync::Arc;

use kql_parser::ast::{ExprKind, ScalarType, Scan, Span};

use super::serialize::is_serialized;
use crate::bind::{Binder, CheckError, RowScope};
use crate::plan::{Plan, PlanKind, ScanPlan, ScanStepPlan};
use crate::table::{Field, Schema};
use crate::value::Value;

/// The hidden column name of `step.column` in a scan's binding schema.
pub(crate) fn state_column(step: &str, column: &str) -> String {
    format!("\u{0}scan\u{0}{step}.{column}")
}

impl Binder<'_> {
    pub(super) fn scan(
        &mut self,
        input: Arc<Plan>,
        scan: &Scan,
        span: Span,
    ) -> Result<Plan, CheckError> {
        if !is_serialized(&input) {
            return Err(CheckError::unsupported(
                "`scan` over an input that is not serialized (sort or serialize it first)",
                span,
            ));
        }
        let mut match_id = None;
        for option in &scan.options {
            match option.name.name.as_str() {
                "with_match_id" => match &option.value.kind {
                    ExprKind::Name(n) => match_id = Some(n.name.to_string()),
                    _ => {
                        return Err(CheckError::invalid(
                            "with_match_id takes a column name",
                            option.value.span,
                        ));
                    }
                },
                other => {
                    return Err(CheckError::unsupported(
                        format!("the `{other}` option of `scan`"),
                        option.name.span,
                    ));
                }
            }
        }
        let inputs = input.schema.fields.len();
        let mut declared: Vec<Field> = Vec::new();
        let mut defaults = Vec::new();
        for d in &scan.declare {
            let name = d.column.name.name.to_string();
            if input.schema.index_of(&name).is_some() || declared.iter().any(|f| f.name == name) {
                return Err(CheckError::invalid(
                    format!("the declared column `{name}` already exists"),
                    d.span,
                ));
            }
            let default = match &d.default {
                None => Value::Null,
                Some(e) => match self.scalar(e, &RowScope::empty())?.as_literal() {
                    Some(v) => v.clone(),
                    None => {
                        return Err(CheckError::unsupported(
                            "a declared default that is not a constant",
                            e.span,
                        ));
                    }
                },
            };
            declared.push(Field {
                name,
                ty: d.column.ty,
            });
            defaults.push(default);
        }
        // The binding schema: input columns, then each step's state columns.
        let mut fields = input.schema.fields.clone();
        let state_fields: Vec<Field> = input
            .schema
            .fields
            .iter()
            .chain(&declared)
            .cloned()
            .collect();
        for step in &scan.steps {
            for (c, f) in state_fields.iter().enumerate() {
                // A declared column the step does not assign has no documented value
                // in its state: its hidden name is left unreachable, so a reference
                // to it does not bind.
                let assigned = c < inputs
                    || step
                        .assignments
                        .iter()
                        .any(|a| a.names.iter().any(|n| n.name == f.name));
                let name = if assigned {
                    state_column(&step.name.name, &f.name)
                } else {
                    format!("\u{0}unassigned\u{0}{}", fields.len())
                };
                fields.push(Field { name, ty: f.ty });
            }
        }
        let binding = Schema { fields };
        let mut steps = Vec::new();
        for step in &scan.steps {
            let output = match step.output.as_ref().map(|o| o.name.as_str()) {
                None | Some("all") => true,
                Some("none") => false,
                Some(other) => {
                    return Err(CheckError::unsupported(
                        format!("`output = {other}` in a scan step"),
                        step.span,
                    ));
                }
            };
            let condition = self.scalar(&step.condition, &RowScope::of(&binding))?;
            if condition.ty != ScalarType::Bool {
                return Err(CheckError::invalid(
                    "a scan step's condition must be a bool",
                    step.condition.span,
                ));
            }
            let mut assignments: Vec<Option<crate::plan::ScalarExpr>> = vec![None; declared.len()];
            for a in &step.assignments {
                let [name] = a.names.as_slice() else {
                    return Err(CheckError::invalid("one column per assignment", a.span));
                };
                let Some(k) = declared.iter().position(|f| f.name == name.name) else {
                    return Err(CheckError::invalid(
                        format!("`{}` is not a declared column", name.name),
                        name.span,
                    ));
                };
                let bound = self.scalar(&a.expr, &RowScope::of(&binding))?;
                if bound.ty != declared[k].ty {
                    return Err(CheckError::unsupported(
                        format!(
                            "assigning a {} to the {} column `{}`",
                            bound.ty, declared[k].ty, name.name
                        ),
                        a.span,
                    ));
                }
                assignments[k] = Some(bound);
            }
            if output && assignments.iter().any(Option::is_none) {
                return Err(CheckError::unsupported(
                    "a scan step that outputs records without assigning every declared column",
                    step.span,
                ));
            }
            steps.push(ScanStepPlan {
                condition,
                assignments,
                output,
            });
        }
        let mut out = input.schema.fields.clone();
        out.extend(declared.iter().cloned());
        if let Some(id) = &match_id {
            out.push(Field {
                name: id.clone(),
                ty: ScalarType::Long,
            });
        }
        Ok(Plan {
            schema: Schema { fields: out },
            kind: PlanKind::ScanSequence(Box::new(ScanPlan {
                input,
                inputs,
                declared: declared.iter().map(|f| f.ty).collect(),
                defaults,
                steps,
                match_id: match_id.is_some(),
            })),
            span,
        })
    }
}
