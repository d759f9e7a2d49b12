//! `parse` and `parse-where`: columns captured from a string by a pattern
//! (q/parse-operator.md, q/parse-where-operator.md).
//!
//! ```kql
//! T | parse EventText with * "resourceName=" resourceName ", totalSlices=" totalSlices:long * "x=" x
//! T | parse kind=relaxed Text with "a=" A:long "," *      // a failed conversion: that column null
//! T | parse-where kind=regex flags=i Text with * "NAME=" Name "," *   // unparsed rows dropped
//! ```
//! The captured columns follow the input's, typed as declared (`string` by default).
//! A row that does not match gets `""` and nulls. In `simple` and `regex` modes a row
//! where any typed capture fails to convert gets no values at all (the docs' "the
//! match is strict"; conformance parse-where-operator-01); in `relaxed` mode only that
//! column is null. A non-string source is converted with `tostring` first. Each typed
//! capture converts as the registry's `tolong`, `todatetime`, ... convert text.

use std::sync::Arc;

use kql_parser::ast::{Parse, ScalarType, Span};

use super::options::{option_text, unknown_option};
use super::parse_pattern::{ParseKind, translate};
use crate::bind::{Binder, CheckError, RowScope};
use crate::functions::{self, ScalarFunction};
use crate::plan::{ParsePlan, Plan, PlanKind, ScalarExpr};
use crate::table::{Field, Schema};

impl Binder<'_> {
    pub(super) fn parse(
        &mut self,
        input: Arc<Plan>,
        parse: &Parse,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let operator = if parse.is_where {
            "parse-where"
        } else {
            "parse"
        };
        let mut kind = ParseKind::Simple;
        let mut flags = String::new();
        for option in &parse.options {
            match option.name.name.as_str() {
                "kind" => {
                    kind = match option_text(option)?.as_str() {
                        "simple" => ParseKind::Simple,
                        "relaxed" => ParseKind::Relaxed,
                        "regex" => ParseKind::Regex,
                        other => {
                            return Err(CheckError::invalid(
                                format!("`{other}` is not a parse kind (simple, relaxed or regex)"),
                                option.value.span,
                            ));
                        }
                    }
                }
                "flags" => flags = option_text(option)?,
                _ => unknown_option(operator, option)?,
            }
        }
        if parse.is_where && kind == ParseKind::Relaxed {
            return Err(CheckError::invalid(
                "`parse-where` does not support kind=relaxed",
                span,
            ));
        }
        let row = RowScope::of(&input.schema);
        let mut source = self.scalar(&parse.source, &row)?;
        if source.ty != ScalarType::String {
            let at = source.span;
            source = self.apply("tostring", vec![source], &[None], at)?;
        }
        let pattern = translate(kind, &flags, &parse.pattern, span)?;
        let mut fields = input.schema.fields.clone();
        let mut columns = Vec::with_capacity(pattern.columns.len());
        for (name, ty, at) in &pattern.columns {
            if input.schema.index_of(name).is_some() {
                return Err(CheckError::unsupported(
                    format!("`{operator}` into the existing column `{name}`"),
                    *at,
                ));
            }
            columns.push(self.conversion(*ty, *at)?);
            fields.push(Field {
                name: name.clone(),
                ty: *ty,
            });
        }
        Ok(Plan {
            schema: Schema { fields },
            kind: PlanKind::Parse(Box::new(ParsePlan {
                input,
                source,
                regex: pattern.regex,
                variants: pattern.variants,
                columns,
                strict: kind != ParseKind::Relaxed,
                drop_unmatched: parse.is_where,
            })),
            span,
        })
    }

    /// The registry function converting text to `ty` (`None` for `string`), checked to
    /// accept a string argument.
    fn conversion(
        &mut self,
        ty: ScalarType,
        span: Span,
    ) -> Result<Option<&'static ScalarFunction>, CheckError> {
        let name = match ty {
            ScalarType::String => return Ok(None),
            ScalarType::Bool => "tobool",
            ScalarType::Int => "toint",
            ScalarType::Long => "tolong",
            ScalarType::Real => "todouble",
            ScalarType::Decimal => "todecimal",
            ScalarType::DateTime => "todatetime",
            ScalarType::TimeSpan => "totimespan",
            ScalarType::Guid => "toguid",
            ScalarType::Dynamic => "todynamic",
        };
        let Some(function) = functions::scalar(name) else {
            return Err(CheckError::unsupported(
                format!("parsing a {ty} column (`{name}` is not available)"),
                span,
            ));
        };
        let text = ScalarExpr::literal(crate::value::Value::string(""), ScalarType::String, span);
        let call = self.apply(name, vec![text], &[None], span)?;
        if call.ty != ty {
            return Err(CheckError::unsupported(
                format!("parsing a {ty} column"),
                span,
            ));
        }
        Ok(Some(function))
    }
}
