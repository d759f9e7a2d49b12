//! `evaluate geo_polygon_lookup(LookupTable, Polygon, Longitude, Latitude, ...)` and
//! `evaluate geo_line_lookup(LookupTable, Line, Longitude, Latitude, MaxDistance, ...)`
//! (learn.microsoft.com/kusto/query/geo-polygon-lookup-plugin,
//! geo-line-lookup-plugin).
//!
//! ```kql
//! locations | evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude, return_unmatched = true)
//! locations | evaluate geo_line_lookup(roads, road, longitude, latitude, 100, return_lookup_key = true)
//! ```
//!
//! The schema is the input's columns, then the lookup table's, without its shape
//! column unless `return_lookup_key = true` (conformance
//! `geo-polygon-lookup-plugin-01`, `geo-line-lookup-plugin-00`). The options are
//! taken by name; **[U]** `lookup_area_radius`, options given by position, and a
//! lookup column whose name is an input column's are refused.

use std::sync::Arc;

use kql_parser::ast::{Expr, ExprKind, ScalarType, Span};

use crate::bind::{Binder, CheckError, RowScope};
use crate::plan::{GeoLookup, Plan, PlanKind, ScalarKind};
use crate::table::Schema;
use crate::value::Value;

impl Binder<'_> {
    pub(super) fn geo_lookup(
        &mut self,
        input: Arc<Plan>,
        args: &[Expr],
        lines: bool,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let plugin = if lines {
            "geo_line_lookup"
        } else {
            "geo_polygon_lookup"
        };
        let mut positional = Vec::new();
        let (mut unmatched, mut key) = (false, false);
        for arg in args {
            match &arg.kind {
                ExprKind::NamedArg { name, value } => match name.name.as_str() {
                    "return_unmatched" => unmatched = self.flag(value)?,
                    "return_lookup_key" => key = self.flag(value)?,
                    other => {
                        return Err(CheckError::unsupported(
                            format!("the `{other}` option of `{plugin}`"),
                            name.span,
                        ));
                    }
                },
                _ => positional.push(arg),
            }
        }
        let wanted = if lines { 5 } else { 4 };
        if positional.len() != wanted {
            return Err(CheckError::unsupported(
                format!(
                    "`{plugin}` with {} positional arguments (kql takes the lookup table, \
                     shape, longitude, latitude{} by position and options by name)",
                    positional.len(),
                    if lines { ", distance" } else { "" }
                ),
                span,
            ));
        }
        let lookup = self.tabular(positional[0])?;
        let shape = self.column_of(positional[1], &lookup.schema, ScalarType::Dynamic, plugin)?;
        let lon = self.column_of(positional[2], &input.schema, ScalarType::Real, plugin)?;
        let lat = self.column_of(positional[3], &input.schema, ScalarType::Real, plugin)?;
        let max_distance = if lines {
            let e = positional[4];
            match self.scalar(e, &RowScope::empty())?.as_literal() {
                Some(v) => match v.as_f64() {
                    Some(d) if d.is_finite() && d >= 0.0 => Some(d),
                    _ => {
                        return Err(CheckError::invalid(
                            "the distance must be a non-negative number",
                            e.span,
                        ));
                    }
                },
                None => {
                    return Err(CheckError::unsupported(
                        "a distance that is not a constant",
                        e.span,
                    ));
                }
            }
        } else {
            None
        };
        let mut fields = input.schema.fields.clone();
        let mut lookup_columns = Vec::new();
        for (i, f) in lookup.schema.fields.iter().enumerate() {
            if i == shape && !key {
                continue;
            }
            if input.schema.index_of(&f.name).is_some() {
                return Err(CheckError::unsupported(
                    format!("`{plugin}` with column `{}` on both sides", f.name),
                    span,
                ));
            }
            fields.push(f.clone());
            lookup_columns.push(i);
        }
        Ok(Plan {
            schema: Schema { fields },
            kind: PlanKind::GeoLookup(Box::new(GeoLookup {
                input,
                lookup,
                shape,
                lon,
                lat,
                max_distance,
                return_unmatched: unmatched,
                lookup_columns,
            })),
            span,
        })
    }

    /// A constant `true` or `false` (a plugin's flag, such as `return_unmatched`).
    pub(super) fn flag(&mut self, e: &Expr) -> Result<bool, CheckError> {
        match self.scalar(e, &RowScope::empty())?.as_literal() {
            Some(Value::Bool(b)) => Ok(*b),
            _ => Err(CheckError::invalid("expected true or false", e.span)),
        }
    }

    /// A column of `schema` named by `expr`, of type `ty` (a real also takes the
    /// other numeric types).
    pub(super) fn column_of(
        &mut self,
        expr: &Expr,
        schema: &Schema,
        ty: ScalarType,
        plugin: &str,
    ) -> Result<usize, CheckError> {
        let bound = self.scalar(expr, &RowScope::of(schema))?;
        let fits = bound.ty == ty || (ty == ScalarType::Real && bound.ty.is_numeric());
        match bound.kind {
            ScalarKind::Column(i) if fits => Ok(i),
            ScalarKind::Column(_) => Err(CheckError::invalid(
                format!("`{plugin}` expects a {ty} column here, not {}", bound.ty),
                expr.span,
            )),
            _ => Err(CheckError::unsupported(
                format!("`{plugin}` with an expression instead of a column"),
                expr.span,
            )),
        }
    }
}
