//! Column-at-a-time evaluation of typed scalar expressions.

use std::sync::Arc;

use super::{EvalError, Executor};
use crate::functions::{Datum, ScalarCall};
use crate::plan::{ScalarExpr, ScalarKind};
use crate::table::Column;
use crate::value::{Dynamic, Value};

/// Evaluates `expr` over `columns` (the input's columns, then any computed so far),
/// which all have `rows` rows. Constants stay constants.
pub fn eval_scalar(
    exec: &mut Executor<'_>,
    expr: &ScalarExpr,
    columns: &[Arc<Column>],
    rows: usize,
) -> Result<Datum, EvalError> {
    match &expr.kind {
        ScalarKind::Literal(v) => Ok(Datum::Scalar(v.clone())),
        ScalarKind::Column(i) => columns
            .get(*i)
            .cloned()
            .map(Datum::Column)
            .ok_or_else(|| EvalError::Internal(format!("column {i} out of range"))),
        ScalarKind::Call { function, args } => {
            if let Some(result) =
                super::lazy::eval_lazy(exec, function, args, expr.ty, columns, rows)
            {
                return result;
            }
            let mut values = Vec::with_capacity(args.len());
            let mut types = Vec::with_capacity(args.len());
            for arg in args {
                values.push(eval_scalar(exec, arg, columns, rows)?);
                types.push(arg.ty);
            }
            let call = ScalarCall {
                function,
                args: &values,
                types: &types,
                rows,
                out: expr.ty,
                ctx: &exec.ctx,
            };
            (function.eval)(&call)
        }
        ScalarKind::Subquery(plan) => {
            let table = exec.execute(plan)?;
            let value = match table.columns().first() {
                Some(c) if table.num_rows() > 0 => c.get(0),
                _ => Value::Null,
            };
            Ok(Datum::Scalar(value))
        }
        ScalarKind::ColumnValues(plan) => {
            let table = exec.execute(plan)?;
            let values = match table.columns().first() {
                Some(c) => (0..table.num_rows())
                    .map(|i| Dynamic::from(&c.get(i)))
                    .collect(),
                None => Vec::new(),
            };
            Ok(Datum::Scalar(Value::Dynamic(Dynamic::Array(Arc::new(
                values,
            )))))
        }
    }
}
