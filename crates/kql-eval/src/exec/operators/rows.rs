//! `datatable` and `print`: rows of constant expressions.

use std::sync::Arc;

use crate::exec::{EvalError, Executor, eval_scalar};
use crate::functions::ops::convert;
use crate::plan::{Plan, ScalarExpr};
use crate::table::{Column, Table};
use crate::value::Value;

pub(crate) fn rows(
    exec: &mut Executor<'_>,
    plan: &Plan,
    values: &[ScalarExpr],
) -> Result<Arc<Table>, EvalError> {
    let width = plan.schema.fields.len().max(1);
    let mut cells: Vec<Value> = Vec::with_capacity(values.len());
    for expr in values {
        cells.push(eval_scalar(exec, expr, &[], 1)?.value(0));
    }
    let columns = plan
        .schema
        .fields
        .iter()
        .enumerate()
        .map(|(c, field)| {
            let column = cells
                .iter()
                .skip(c)
                .step_by(width)
                .map(|v| convert(v, field.ty));
            Column::from_values(field.ty, column).map(Arc::new)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Arc::new(Table::new(plan.schema.clone(), columns)?))
}
