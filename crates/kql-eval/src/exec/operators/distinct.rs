//! `distinct`: the first row of each distinct key.

use std::sync::Arc;

use crate::exec::EvalError;
use crate::exec::keys::group_rows;
use crate::table::{Column, Schema, Table};

pub(crate) fn distinct(
    input: &Arc<Table>,
    columns: &[usize],
    schema: &Schema,
) -> Result<Arc<Table>, EvalError> {
    let keys: Vec<&Column> = columns
        .iter()
        .map(|&i| input.columns()[i].as_ref())
        .collect();
    let (_, firsts) = group_rows(&keys, input.num_rows());
    let out = columns
        .iter()
        .map(|&i| Arc::new(input.columns()[i].gather(&firsts)))
        .collect();
    Ok(Arc::new(Table::new(schema.clone(), out)?))
}
