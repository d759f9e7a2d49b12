//! `count`: the number of input rows as one `long` row.

use std::sync::Arc;

use crate::exec::EvalError;
use crate::table::{Column, Schema, Table};
use crate::value::Value;

pub(crate) fn count(input: &Arc<Table>, schema: &Schema) -> Result<Arc<Table>, EvalError> {
    let n = i64::try_from(input.num_rows()).unwrap_or(i64::MAX);
    let column = Column::from_values(
        kql_parser::ast::ScalarType::Long,
        std::iter::once(Value::Long(n)),
    )?;
    Ok(Arc::new(Table::new(
        schema.clone(),
        vec![Arc::new(column)],
    )?))
}
