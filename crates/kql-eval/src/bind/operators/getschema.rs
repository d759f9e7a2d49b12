//! `getschema`: the input's columns as rows (q/getschema-operator.md).
//!
//! ```kql
//! datatable (a: string, b: dynamic) [] | getschema
//! // ColumnName:string, ColumnOrdinal:int, DataType:string, ColumnType:string
//! // "a", 0, "System.String", "string"
//! // "b", 1, "System.Object", "dynamic"
//! ```
//! The answer depends only on the schema, so it is bound as constant rows and the
//! input is never run. `DataType` is the .NET type Kusto stores the column as: `bool`
//! is `System.SByte` (its I8 storage) and `decimal` is
//! `System.Data.SqlTypes.SqlDecimal` (q/scalar-data-types/index.md).

use std::sync::Arc;

use kql_parser::ast::{ScalarType, Span};

use crate::bind::{Binder, CheckError};
use crate::plan::{Plan, PlanKind, ScalarExpr};
use crate::table::{Field, Schema};
use crate::value::Value;

impl Binder<'_> {
    pub(super) fn getschema(&mut self, input: Arc<Plan>, span: Span) -> Result<Plan, CheckError> {
        let fields = vec![
            field("ColumnName", ScalarType::String),
            field("ColumnOrdinal", ScalarType::Int),
            field("DataType", ScalarType::String),
            field("ColumnType", ScalarType::String),
        ];
        let mut values = Vec::with_capacity(input.schema.fields.len() * 4);
        for (i, f) in input.schema.fields.iter().enumerate() {
            let ordinal = i32::try_from(i)
                .map_err(|_| CheckError::invalid("too many columns for `getschema`", span))?;
            let cells = [
                Value::string(&f.name),
                Value::Int(ordinal),
                Value::string(dotnet_type(f.ty)),
                Value::string(f.ty.name()),
            ];
            for (cell, column) in cells.into_iter().zip(&fields) {
                values.push(ScalarExpr::literal(cell, column.ty, span));
            }
        }
        Ok(Plan {
            schema: Schema { fields },
            kind: PlanKind::Rows { values },
            span,
        })
    }
}

fn field(name: &str, ty: ScalarType) -> Field {
    Field {
        name: name.to_string(),
        ty,
    }
}

/// The `DataType` column: the .NET type of the column's storage.
fn dotnet_type(ty: ScalarType) -> &'static str {
    match ty {
        ScalarType::Bool => "System.SByte",
        ScalarType::Decimal => "System.Data.SqlTypes.SqlDecimal",
        ScalarType::Int => "System.Int32",
        ScalarType::Long => "System.Int64",
        ScalarType::Real => "System.Double",
        ScalarType::String => "System.String",
        ScalarType::DateTime => "System.DateTime",
        ScalarType::TimeSpan => "System.TimeSpan",
        ScalarType::Guid => "System.Guid",
        ScalarType::Dynamic => "System.Object",
    }
}
