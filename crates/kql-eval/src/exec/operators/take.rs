//! `take N`: the first N rows (which rows is undefined unless the input is sorted).

use std::sync::Arc;

use crate::exec::{EvalError, Executor, eval_scalar};
use crate::plan::ScalarExpr;
use crate::table::Table;
use crate::value::Value;

pub(crate) fn take(
    exec: &mut Executor<'_>,
    input: &Arc<Table>,
    count: &ScalarExpr,
) -> Result<Arc<Table>, EvalError> {
    let n = match eval_scalar(exec, count, &[], 1)?.value(0) {
        Value::Long(n) => n,
        Value::Int(n) => i64::from(n),
        _ => return Err(EvalError::invalid("`take` needs a non-null whole number")),
    };
    let n = usize::try_from(n.max(0)).unwrap_or(usize::MAX);
    if n >= input.num_rows() {
        return Ok(input.clone());
    }
    let rows: Vec<u32> = (0..n as u32).collect();
    Ok(Arc::new(input.gather(&rows)))
}
