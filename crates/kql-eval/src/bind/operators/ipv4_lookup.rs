//! `evaluate ipv4_lookup(LookupTable, SourceIPv4Key, LookupKey [, return_unmatched])`
//! (q/ipv4-lookup-plugin.md).
//!
//! ```kql
//! IPs | evaluate ipv4_lookup(IP_Data, ip, network, return_unmatched = true)
//! // ip, network, continent_code, ...: each address with the range row holding it
//! ```
//! The schema is the input's columns, then the lookup table's. A lookup column whose
//! name is an input column's is refused (how Kusto renames it is undocumented).

use std::sync::Arc;

use kql_parser::ast::{Expr, ExprKind, ScalarType, Span};

use crate::bind::{Binder, CheckError};
use crate::plan::{Plan, PlanKind};
use crate::table::Schema;

impl Binder<'_> {
    pub(super) fn ipv4_lookup(
        &mut self,
        input: Arc<Plan>,
        args: &[Expr],
        span: Span,
    ) -> Result<Plan, CheckError> {
        let mut positional = Vec::new();
        let mut unmatched = None;
        for arg in args {
            match &arg.kind {
                ExprKind::NamedArg { name, value } if name.name == "return_unmatched" => {
                    unmatched = Some(&**value)
                }
                _ => positional.push(arg),
            }
        }
        if positional.len() == 4 && unmatched.is_none() {
            unmatched = positional.pop();
        }
        let [table, ip, range] = positional.as_slice() else {
            return Err(CheckError::invalid(
                "`ipv4_lookup` takes a lookup table, a column of addresses and a column of ranges",
                span,
            ));
        };
        let lookup = self.tabular(table)?;
        let ip = self.column_of(ip, &input.schema, ScalarType::String, "ipv4_lookup")?;
        let range = self.column_of(range, &lookup.schema, ScalarType::String, "ipv4_lookup")?;
        let return_unmatched = match unmatched {
            None => false,
            Some(e) => self.flag(e)?,
        };
        let mut fields = input.schema.fields.clone();
        for f in &lookup.schema.fields {
            if input.schema.index_of(&f.name).is_some() {
                return Err(CheckError::unsupported(
                    format!("`ipv4_lookup` with column `{}` on both sides", f.name),
                    span,
                ));
            }
            fields.push(f.clone());
        }
        Ok(Plan {
            schema: Schema { fields },
            kind: PlanKind::Ipv4Lookup {
                input,
                lookup,
                ip,
                range,
                return_unmatched,
            },
            span,
        })
    }
}
