//! `project`/`extend`/...: computes columns in order, then picks the output columns.

use std::sync::Arc;

use crate::exec::{EvalError, Executor, eval_scalar};
use crate::plan::{ProjectItem, ScalarExpr};
use crate::table::{Schema, Table};

pub(crate) fn project(
    exec: &mut Executor<'_>,
    input: &Arc<Table>,
    computed: &[ScalarExpr],
    output: &[ProjectItem],
    schema: &Schema,
) -> Result<Arc<Table>, EvalError> {
    let rows = input.num_rows();
    let mut columns = input.columns().to_vec();
    let n = columns.len();
    for expr in computed {
        let datum = eval_scalar(exec, expr, &columns, rows)?;
        columns.push(datum.into_column(expr.ty, rows)?);
    }
    let picked = output
        .iter()
        .map(|item| match *item {
            ProjectItem::Input(i) => columns[i].clone(),
            ProjectItem::Computed(j) => columns[n + j].clone(),
        })
        .collect();
    Ok(Arc::new(Table::with_row_count(
        schema.clone(),
        picked,
        rows,
    )?))
}
