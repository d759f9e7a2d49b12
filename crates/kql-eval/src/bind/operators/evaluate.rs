//! `evaluate Plugin(...)`: `bag_unpack`, `pivot` (`pivot.rs`), `ipv4_lookup`
//! (`ipv4_lookup.rs`), `geo_polygon_lookup` and `geo_line_lookup` (`geo_lookup.rs`) are
//! supported; other plugins are refused by name.
//!
//! ```kql
//! T | evaluate bag_unpack(AR)                          // one column per key of AR
//! T | evaluate bag_unpack(d, 'Property_')              // ... prefixed
//! T | evaluate bag_unpack(d, ignoredProperties=dynamic(['Age']))
//! ```
//! `bag_unpack`'s columns come from the data, so it is bound late (`bind::late`): at
//! check time binding stops here; at run time the input is run and the plugin's table
//! (`exec/operators/bag_unpack.rs`) becomes a constant the rest of the query binds to.

use std::sync::Arc;

use kql_parser::ast::{Evaluate, Expr, ExprKind, ScalarType, Span};

use crate::bind::{Binder, CheckError, RowScope};
use crate::exec::operators::bag_unpack::{Conflict, Unpack, bag_unpack};
use crate::plan::{Plan, PlanKind, ScalarKind};
use crate::value::{Dynamic, Value};

impl Binder<'_> {
    pub(super) fn evaluate(
        &mut self,
        input: Arc<Plan>,
        evaluate: &Evaluate,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let ExprKind::Call { name, args } = &evaluate.call.kind else {
            return Err(CheckError::invalid("`evaluate` needs a plugin call", span));
        };
        for option in &evaluate.options {
            super::options::unknown_option("evaluate", option)?;
        }
        match name.name.as_str() {
            "bag_unpack" => self.bag_unpack(input, args, span),
            "ipv4_lookup" => self.ipv4_lookup(input, args, span),
            "geo_polygon_lookup" => self.geo_lookup(input, args, false, span),
            "geo_line_lookup" => self.geo_lookup(input, args, true, span),
            "pivot" => self.pivot(input, args, span),
            other if crate::bind::kusto_names::is_kusto_plugin(other) => Err(
                CheckError::unsupported(format!("the `{other}` plugin of `evaluate`"), name.span),
            ),
            other => Err(CheckError::UnknownPlugin {
                name: other.to_string(),
                span: name.span,
                help: crate::bind::did_you_mean(other, crate::bind::kusto_names::plugin_names()),
            }),
        }
    }

    fn bag_unpack(
        &mut self,
        input: Arc<Plan>,
        args: &[Expr],
        span: Span,
    ) -> Result<Plan, CheckError> {
        let mut positional = Vec::new();
        let mut named: Vec<(&str, &Expr)> = Vec::new();
        for arg in args {
            match &arg.kind {
                ExprKind::NamedArg { name, value } => named.push((name.name.as_str(), value)),
                _ => positional.push(arg),
            }
        }
        let Some(first) = positional.first() else {
            return Err(CheckError::invalid(
                "`bag_unpack` needs the column to unpack",
                span,
            ));
        };
        let column = self.scalar(first, &RowScope::of(&input.schema))?;
        let ScalarKind::Column(index) = column.kind else {
            return Err(CheckError::unsupported(
                "`bag_unpack` of an expression (unpack a column: extend it first)",
                first.span,
            ));
        };
        if column.ty != ScalarType::Dynamic {
            return Err(CheckError::type_error(
                format!(
                    "`bag_unpack` unpacks a dynamic column, but this is {}",
                    column.ty
                ),
                "not dynamic",
                first.span,
            ));
        }
        let mut unpack = Unpack {
            column: index,
            prefix: String::new(),
            conflict: Conflict::Error,
            ignored: Vec::new(),
        };
        let names = ["OutputColumnPrefix", "columnsConflict", "ignoredProperties"];
        let mut settings: Vec<(&str, &Expr)> = positional
            .iter()
            .skip(1)
            .zip(names)
            .map(|(e, n)| (n, *e))
            .collect();
        if positional.len() > 4 {
            return Err(CheckError::invalid(
                "`bag_unpack` takes at most 4 arguments",
                span,
            ));
        }
        settings.extend(named);
        for (name, expr) in settings {
            let value = self.scalar(expr, &RowScope::empty())?;
            let Some(value) = value.as_literal().cloned() else {
                return Err(CheckError::invalid(
                    format!("`bag_unpack`'s {name} must be a constant"),
                    expr.span,
                ));
            };
            match (name, value) {
                ("OutputColumnPrefix", Value::String(s)) => unpack.prefix = s.to_string(),
                ("columnsConflict", Value::String(s)) => {
                    unpack.conflict = match s.as_ref() {
                        "error" => Conflict::Error,
                        "replace_source" => Conflict::ReplaceSource,
                        "keep_source" => Conflict::KeepSource,
                        other => {
                            return Err(CheckError::invalid(
                                format!(
                                    "columnsConflict is error, replace_source or keep_source, not `{other}`"
                                ),
                                expr.span,
                            ));
                        }
                    }
                }
                ("ignoredProperties", Value::Dynamic(Dynamic::Array(items))) => {
                    for item in items.iter() {
                        match item.as_str() {
                            Some(s) => unpack.ignored.push(s.to_string()),
                            None => {
                                return Err(CheckError::invalid(
                                    "ignoredProperties must be an array of strings",
                                    expr.span,
                                ));
                            }
                        }
                    }
                }
                (name, _) => {
                    return Err(CheckError::invalid(
                        format!("`bag_unpack` has no argument `{name}` of this type"),
                        expr.span,
                    ));
                }
            }
        }
        let table = self.run_for_schema("`evaluate bag_unpack`", &input)?;
        let unpacked = bag_unpack(&table, &unpack).map_err(|e| self.data_error(e))?;
        Ok(Plan {
            schema: unpacked.schema().clone(),
            kind: PlanKind::Constant(Arc::new(unpacked)),
            span,
        })
    }
}
