//! `where`: keeps the rows whose predicate is `true`; null and false drop the row.

use std::sync::Arc;

use crate::exec::{EvalError, Executor, eval_scalar};
use crate::functions::Datum;
use crate::plan::ScalarExpr;
use crate::table::{Column, Table};
use crate::value::Value;

pub(crate) fn filter(
    exec: &mut Executor<'_>,
    input: &Arc<Table>,
    predicate: &ScalarExpr,
) -> Result<Arc<Table>, EvalError> {
    let rows = input.num_rows();
    match eval_scalar(exec, predicate, input.columns(), rows)? {
        Datum::Scalar(Value::Bool(true)) => Ok(input.clone()),
        Datum::Scalar(_) => Ok(Arc::new(input.gather(&[]))),
        Datum::Column(column) => {
            let Column::Bool(flags) = column.as_ref() else {
                return Err(EvalError::Internal(
                    "where predicate is not a bool column".into(),
                ));
            };
            let keep: Vec<u32> = (0..rows)
                .filter(|&i| flags.get(i) == Some(true))
                .map(|i| i as u32)
                .collect();
            if keep.len() == rows {
                return Ok(input.clone());
            }
            Ok(Arc::new(input.gather(&keep)))
        }
    }
}
