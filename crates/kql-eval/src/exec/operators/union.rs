//! `union`: each output column concatenates the legs' matching columns (nulls where a
//! leg lacks it), with an optional `withsource` column first.

use std::sync::Arc;

use kql_parser::ast::ScalarType;

use crate::exec::EvalError;
use crate::plan::UnionPlan;
use crate::table::{Column, Schema, Table};
use crate::value::Value;

pub(crate) fn union(
    inputs: &[Arc<Table>],
    plan: &UnionPlan,
    schema: &Schema,
) -> Result<Arc<Table>, EvalError> {
    let mut columns = Vec::with_capacity(schema.fields.len());
    let offset = usize::from(plan.source_names.is_some());
    if let Some(names) = &plan.source_names {
        let values = inputs.iter().zip(names).flat_map(|(t, name)| {
            std::iter::repeat_n(Value::String(name.as_str().into()), t.num_rows())
        });
        columns.push(Arc::new(Column::from_values(ScalarType::String, values)?));
    }
    for (k, field) in schema.fields.iter().enumerate().skip(offset) {
        let parts: Vec<Column> = inputs
            .iter()
            .zip(&plan.mappings)
            .map(|(table, mapping)| match mapping[k - offset] {
                Some(i) => table.columns()[i].as_ref().clone(),
                None => Column::nulls(field.ty, table.num_rows()),
            })
            .collect();
        let refs: Vec<&Column> = parts.iter().collect();
        columns.push(Arc::new(Column::concat(&refs)?));
    }
    let rows = inputs.iter().map(|t| t.num_rows()).sum();
    Ok(Arc::new(Table::with_row_count(
        schema.clone(),
        columns,
        rows,
    )?))
}
