//! `sort`: a stable sort of row indexes by the keys, then one gather.
//!
//! Nulls go first or last as asked; NaN travels with the nulls, just inside them
//! (`null, NaN, -inf, ...` or `..., +inf, NaN, null`; q/sort-operator.md). Strings
//! compare by code point.

use std::cmp::Ordering;
use std::sync::Arc;

use kql_parser::ast::NullsOrder;

use crate::exec::{EvalError, Executor, eval_scalar};
use crate::functions::compare::order;
use crate::plan::SortKeyPlan;
use crate::table::Table;
use crate::value::Value;

pub(crate) fn sort(
    exec: &mut Executor<'_>,
    input: &Arc<Table>,
    keys: &[SortKeyPlan],
) -> Result<Arc<Table>, EvalError> {
    let rows = input.num_rows();
    let mut key_values: Vec<Vec<Value>> = Vec::with_capacity(keys.len());
    for key in keys {
        let datum = eval_scalar(exec, &key.expr, input.columns(), rows)?;
        key_values.push((0..rows).map(|r| datum.value(r)).collect());
    }
    let mut order: Vec<u32> = (0..rows as u32).collect();
    order.sort_by(|&a, &b| {
        for (key, values) in keys.iter().zip(&key_values) {
            let ord = compare_for_sort(&values[a as usize], &values[b as usize], key);
            if ord != Ordering::Equal {
                return ord;
            }
        }
        Ordering::Equal
    });
    Ok(Arc::new(input.gather(&order)))
}

/// Null-ish rank: 0 for a value, 1 for NaN, 2 for null.
fn special(v: &Value) -> u8 {
    match v {
        Value::Null => 2,
        Value::Real(r) if r.is_nan() => 1,
        Value::Dynamic(d) if d.is_null() => 2,
        _ => 0,
    }
}

fn compare_for_sort(a: &Value, b: &Value, key: &SortKeyPlan) -> Ordering {
    let (sa, sb) = (special(a), special(b));
    if sa != 0 || sb != 0 {
        // Nulls (then NaN) at the chosen end, regardless of direction.
        let ord = sa.cmp(&sb);
        return if key.nulls == NullsOrder::First {
            ord.reverse()
        } else {
            ord
        };
    }
    let ord = order(a, b).unwrap_or(Ordering::Equal);
    if key.descending { ord.reverse() } else { ord }
}
