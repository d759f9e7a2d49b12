//! `mv-expand`: repeats each input row once per element of its longest expanded value
//! (q/mv-expand-operator.md, "Returns").
//!
//! ```kql
//! datatable(a:int, b:dynamic, c:dynamic) [1, dynamic({"prop1":"a","prop2":"b"}), dynamic([5,4,3])]
//! | mv-expand b, c
//! // (1, {"prop1":"a"}, 5), (1, {"prop2":"b"}, 4), (1, null, 3)
//! ```
//! Per value: null gives one element (null), an empty array or bag none, an array its
//! elements, a bag one element per entry (`{"k": v}`, or `["k", v]` with
//! `kind=array`), any other value one element (itself). Several items are zipped: the
//! row repeats as often as the longest (capped by `limit`), the shorter ones give null.
//! Rows are built as one gather of row indexes per input column, plus one builder per
//! expanded column.

use std::sync::Arc;

use kql_parser::ast::ScalarType;
use rust_decimal::prelude::ToPrimitive;

use crate::exec::{EvalError, Executor, eval_scalar};
use crate::plan::{MvExpandColumn, MvExpandPlan, Plan};
use crate::table::{Column, ColumnBuilder, PrimitiveColumn, Table};
use crate::value::{Bag, Dynamic, Value};

/// The expanded rows: which input row each output row comes from, its element index,
/// and the expanded columns.
pub(crate) struct Expanded {
    pub rows: Vec<u32>,
    pub index: Vec<i64>,
    pub items: Vec<Column>,
}

pub(crate) fn mv_expand(
    exec: &mut Executor<'_>,
    input: &Arc<Table>,
    plan: &MvExpandPlan,
    node: &Plan,
) -> Result<Arc<Table>, EvalError> {
    Ok(Arc::new(expanded_table(exec, input, plan, node)?.0))
}

/// The expanded table, and the input row of each of its rows.
pub(crate) fn expanded_table(
    exec: &mut Executor<'_>,
    input: &Arc<Table>,
    plan: &MvExpandPlan,
    node: &Plan,
) -> Result<(Table, Vec<u32>), EvalError> {
    let expanded = expand(exec, input, plan, node)?;
    let rows = expanded.rows.len();
    let mut items: Vec<Option<Column>> = expanded.items.into_iter().map(Some).collect();
    let mut columns = Vec::with_capacity(plan.output.len());
    for column in &plan.output {
        columns.push(Arc::new(match *column {
            MvExpandColumn::Input(i) => input.columns()[i].gather(&expanded.rows),
            MvExpandColumn::Item(k) => items
                .get_mut(k)
                .and_then(Option::take)
                .ok_or_else(|| EvalError::Internal("mv-expand item used twice".into()))?,
            MvExpandColumn::Index => {
                Column::Long(PrimitiveColumn::from_values(expanded.index.clone()))
            }
        }));
    }
    let table = Table::with_row_count(node.schema.clone(), columns, rows)?;
    Ok((table, expanded.rows))
}

/// Expands every input row; fails with [`EvalError::RowLimit`] past the row limit.
pub(crate) fn expand(
    exec: &mut Executor<'_>,
    input: &Arc<Table>,
    plan: &MvExpandPlan,
    node: &Plan,
) -> Result<Expanded, EvalError> {
    let n = input.num_rows();
    let limit = match &plan.limit {
        Some(expr) => match eval_scalar(exec, expr, &[], 1)?.value(0).as_i64() {
            Some(l) => usize::try_from(l.max(0)).unwrap_or(usize::MAX),
            None => return Err(EvalError::invalid("`mv-expand ... limit` is null")),
        },
        None => usize::MAX,
    };
    let mut values = Vec::with_capacity(plan.items.len());
    for (expr, _) in &plan.items {
        let column = eval_scalar(exec, expr, input.columns(), n)?.into_column(expr.ty, n)?;
        values.push(column);
    }
    let dynamics: Vec<&[Dynamic]> = values
        .iter()
        .map(|c| match c.as_ref() {
            Column::Dynamic(d) => Ok(d.values()),
            _ => Err(EvalError::Internal(
                "mv-expand of a non-dynamic column".into(),
            )),
        })
        .collect::<Result<_, _>>()?;
    let mut builders: Vec<ColumnBuilder> = plan
        .items
        .iter()
        .map(|(_, ty)| ColumnBuilder::with_capacity(*ty, n))
        .collect();
    let mut rows = Vec::with_capacity(n);
    let mut index = Vec::with_capacity(n);
    let max_rows = exec.limits.max_rows;
    let row_bytes = crate::exec::row_bytes(input) + 8 * plan.items.len() as u64;
    for r in 0..n {
        let count = dynamics
            .iter()
            .map(|d| element_count(d.get(r).unwrap_or(&Dynamic::Null)))
            .max()
            .unwrap_or(0)
            .min(limit);
        if (rows.len() + count) as u64 > max_rows {
            return Err(EvalError::RowLimit {
                operator: "mv-expand",
                rows: (rows.len() + count) as u64,
                limit: max_rows,
                span: Some(node.span),
            });
        }
        if r % 1024 == 0 {
            let bytes = (rows.len() as u64).saturating_mul(row_bytes);
            exec.check_bytes("mv-expand", bytes, Some(node.span))?;
        }
        for j in 0..count {
            rows.push(r as u32);
            index.push(j as i64);
            for ((d, builder), (_, ty)) in dynamics.iter().zip(&mut builders).zip(&plan.items) {
                let value = d.get(r).unwrap_or(&Dynamic::Null);
                match element(value, j, plan.bag_as_array) {
                    Some(e) => builder.push_value(&cast_element(&e, *ty)?)?,
                    None => builder.push_null(),
                }
            }
        }
    }
    Ok(Expanded {
        rows,
        index,
        items: builders.into_iter().map(ColumnBuilder::finish).collect(),
    })
}

/// How many rows a value expands to.
fn element_count(value: &Dynamic) -> usize {
    match value {
        Dynamic::Array(items) => items.len(),
        Dynamic::Bag(bag) => bag.len(),
        _ => 1,
    }
}

/// The `j`-th element of a value, `None` past its end.
fn element(value: &Dynamic, j: usize, bag_as_array: bool) -> Option<Dynamic> {
    match value {
        Dynamic::Array(items) => items.get(j).cloned(),
        Dynamic::Bag(bag) => {
            let (key, v) = bag.get_index(j)?;
            Some(if bag_as_array {
                Dynamic::array(vec![Dynamic::string(key), v.clone()])
            } else {
                let mut single = Bag::new();
                single.insert(key.clone(), v.clone());
                Dynamic::bag(single)
            })
        }
        other if j == 0 => Some(other.clone()),
        _ => None,
    }
}

/// `to typeof(T)`: an element as a `T`, or null when it does not convert.
///
/// Measured conversions ([U] beyond these): numbers to `long`/`int` truncate toward
/// zero, strings there are null; `real` takes numbers only; `bool` a JSON bool or a
/// whole number; `datetime`/`guid` parse strings; `string` is `tostring`.
pub(crate) fn cast_element(d: &Dynamic, ty: ScalarType) -> Result<Value, EvalError> {
    let refuse = |what: &str| {
        Err(EvalError::invalid(format!(
            "kql cannot convert {what} `{}` to {ty} exactly as Kusto does",
            d.to_json()
        )))
    };
    Ok(match (ty, d) {
        (_, Dynamic::Null) => Value::null_of(ty),
        (ScalarType::Dynamic, _) => Value::Dynamic(d.clone()),
        (ScalarType::String, Dynamic::String(s)) => Value::String(s.clone()),
        (ScalarType::String, other) => Value::String(
            Value::Dynamic(other.clone())
                .to_kusto_string()
                .as_str()
                .into(),
        ),
        (ScalarType::Long, Dynamic::Long(n)) => Value::Long(*n),
        (ScalarType::Long, Dynamic::Real(r)) => match truncate(*r) {
            Some(n) => Value::Long(n),
            None => return refuse("the real"),
        },
        (ScalarType::Int, Dynamic::Long(n)) => match i32::try_from(*n) {
            Ok(n) => Value::Int(n),
            Err(_) => return refuse("the out-of-range number"),
        },
        (ScalarType::Int, Dynamic::Real(r)) => {
            match truncate(*r).and_then(|n| i32::try_from(n).ok()) {
                Some(n) => Value::Int(n),
                None => return refuse("the real"),
            }
        }
        (ScalarType::Real, Dynamic::Long(n)) => Value::Real(*n as f64),
        (ScalarType::Real, Dynamic::Real(r)) => Value::Real(*r),
        (ScalarType::Bool, Dynamic::Bool(b)) => Value::Bool(*b),
        (ScalarType::Bool, Dynamic::Long(n)) => Value::Bool(*n != 0),
        (ScalarType::Bool, Dynamic::Real(_)) => return refuse("the real"),
        (ScalarType::DateTime, Dynamic::DateTime(t)) => Value::DateTime(*t),
        (ScalarType::DateTime, Dynamic::String(s)) => {
            crate::value::datetime_parse::parse_datetime(s).map_or(Value::Null, Value::DateTime)
        }
        (ScalarType::TimeSpan, Dynamic::TimeSpan(t)) => Value::TimeSpan(*t),
        (ScalarType::Guid, Dynamic::Guid(g)) => Value::Guid(*g),
        (ScalarType::Guid, Dynamic::String(s)) => {
            crate::value::guid::parse_guid(s).map_or(Value::Null, Value::Guid)
        }
        (ScalarType::Decimal, _) => return refuse("the value"),
        _ => Value::Null,
    })
}

/// A real truncated toward zero, when it fits a long.
fn truncate(r: f64) -> Option<i64> {
    let t = r.trunc();
    if !t.is_finite() {
        return None;
    }
    t.to_i64()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_of_each_kind() {
        let arr = Dynamic::array(vec![Dynamic::Long(1), Dynamic::Long(2)]);
        assert_eq!(element_count(&arr), 2);
        assert_eq!(element_count(&Dynamic::Null), 1);
        assert_eq!(element_count(&Dynamic::array(vec![])), 0);
        assert_eq!(element(&arr, 1, false), Some(Dynamic::Long(2)));
        assert_eq!(element(&arr, 2, false), None);
        let bag = Dynamic::parse_json(r#"{"a":1,"b":2}"#).unwrap();
        assert_eq!(element(&bag, 1, false).unwrap().to_json(), r#"{"b":2}"#);
        assert_eq!(element(&bag, 0, true).unwrap().to_json(), r#"["a",1]"#);
        assert_eq!(element(&Dynamic::Long(7), 0, false), Some(Dynamic::Long(7)));
    }

    #[test]
    fn typed_elements_convert_like_kusto() {
        let long = |d: Dynamic| cast_element(&d, ScalarType::Long).unwrap();
        assert_eq!(long(Dynamic::Real(-2.5)), Value::Long(-2));
        assert_eq!(long(Dynamic::string("2")), Value::Null);
        let s = cast_element(&Dynamic::Long(5), ScalarType::String).unwrap();
        assert_eq!(s, Value::string("5"));
        let b = cast_element(&Dynamic::Long(2), ScalarType::Bool).unwrap();
        assert_eq!(b, Value::Bool(true));
        assert_eq!(
            cast_element(&Dynamic::Null, ScalarType::String).unwrap(),
            Value::string("")
        );
    }
}
