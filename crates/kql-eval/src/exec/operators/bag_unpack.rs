//! `evaluate bag_unpack(Column [, Prefix] [, columnsConflict] [, ignoredProperties])`:
//! one column per top-level key of the bags in `Column` (q/bag-unpack-plugin.md).
//!
//! ```kql
//! datatable(d:dynamic) [dynamic({"Name":"John","Age":20}), dynamic({"Name":"Dave","Height":170,"Age":40})]
//! | evaluate bag_unpack(d)
//! // Age:long, Height:long, Name:string: (20, null, "John"), (40, 170, "Dave")
//! ```
//! The unpacked column is removed; the other input columns keep their order and the
//! new columns follow, sorted by name (conformance bag-unpack-plugin-05). A column's
//! type is its values' type when they all have one, else `dynamic`; nulls are ignored.
//! Called by the binder at run time (`bind::late`), since the columns come from data.
//!
//! Refused (run-time errors) where Kusto's answer is unknown: a value that is not a
//! bag or null, a key whose values are all null, names whose order differs between
//! ordinal and case-insensitive sorting, an empty key, and a conflicting name under
//! `replace_source`/`keep_source`.

use std::collections::BTreeMap;
use std::sync::Arc;

use kql_parser::ast::ScalarType;

use crate::exec::EvalError;
use crate::functions::ops::dynamic_scalar;
use crate::table::{Column, ColumnBuilder, Field, Schema, Table};
use crate::value::{Dynamic, Value};

/// `columnsConflict`: what to do when a new column's name is an input column's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Conflict {
    Error,
    ReplaceSource,
    KeepSource,
}

/// The plugin's arguments.
#[derive(Debug, Clone)]
pub(crate) struct Unpack {
    pub column: usize,
    pub prefix: String,
    pub conflict: Conflict,
    pub ignored: Vec<String>,
}

fn refuse(message: String) -> EvalError {
    EvalError::invalid(format!("bag_unpack: {message}"))
}

pub(crate) fn bag_unpack(input: &Table, args: &Unpack) -> Result<Table, EvalError> {
    let Some(Column::Dynamic(values)) = input.columns().get(args.column).map(AsRef::as_ref) else {
        return Err(EvalError::Internal(
            "bag_unpack of a non-dynamic column".into(),
        ));
    };
    // Each key's type: Some(ty) while all its non-null values agree, None for mixed.
    let mut slots: BTreeMap<&str, Option<Option<ScalarType>>> = BTreeMap::new();
    for value in values.values() {
        match value {
            Dynamic::Null => {}
            Dynamic::Bag(bag) => {
                for (key, v) in bag.iter() {
                    if args.ignored.iter().any(|i| i == key) {
                        continue;
                    }
                    let slot = slots.entry(key.as_str()).or_insert(Some(None));
                    if v.is_null() {
                        continue;
                    }
                    let ty = slot_type(v);
                    *slot = match *slot {
                        Some(None) => Some(Some(ty)),
                        Some(Some(t)) if t == ty => Some(Some(t)),
                        _ => None,
                    };
                }
            }
            other => {
                return Err(refuse(format!(
                    "kql cannot tell how Kusto unpacks the non-bag value {}",
                    other.to_json()
                )));
            }
        }
    }
    let mut keys: Vec<(&str, ScalarType)> = Vec::with_capacity(slots.len());
    for (key, ty) in &slots {
        let ty = match ty {
            None => ScalarType::Dynamic,
            Some(Some(t)) => *t,
            Some(None) => {
                return Err(refuse(format!(
                    "key `{key}` is null in every row; kql cannot tell its column's type"
                )));
            }
        };
        if key.is_empty() {
            return Err(refuse("an empty key is not a column name".into()));
        }
        keys.push((key, ty));
    }
    // Ordinal order (BTreeMap) must agree with case-insensitive order.
    let mut folded: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
    folded.sort_by_key(|k| k.to_lowercase());
    if folded.iter().zip(&keys).any(|(a, (b, _))| a != b) {
        return Err(refuse(
            "kql cannot tell how Kusto orders keys that differ in case".into(),
        ));
    }

    let mut fields = Vec::new();
    let mut columns: Vec<Arc<Column>> = Vec::new();
    for (i, (f, c)) in input
        .schema()
        .fields
        .iter()
        .zip(input.columns())
        .enumerate()
    {
        if i != args.column {
            fields.push(f.clone());
            columns.push(c.clone());
        }
    }
    for (key, ty) in keys {
        let name = format!("{}{key}", args.prefix);
        if fields.iter().any(|f| f.name == name) {
            return Err(match args.conflict {
                Conflict::Error => EvalError::invalid(format!(
                    "bag_unpack: the new column `{name}` already exists (use columnsConflict)"
                )),
                _ => refuse(format!(
                    "kql cannot tell where Kusto places `{name}` under columnsConflict"
                )),
            });
        }
        let mut builder = ColumnBuilder::with_capacity(ty, values.len());
        for value in values.values() {
            let v = value.get(key).unwrap_or(&Dynamic::Null);
            let cell = if ty == ScalarType::Dynamic {
                Value::Dynamic(v.clone())
            } else {
                dynamic_scalar(v).unwrap_or(Value::Null)
            };
            builder.push_value(&cell)?;
        }
        fields.push(Field { name, ty });
        columns.push(Arc::new(builder.finish()));
    }
    Ok(Table::with_row_count(
        Schema { fields },
        columns,
        input.num_rows(),
    )?)
}

/// The column type of a (non-null) value.
fn slot_type(v: &Dynamic) -> ScalarType {
    match v {
        Dynamic::Bool(_) => ScalarType::Bool,
        Dynamic::Long(_) => ScalarType::Long,
        Dynamic::Real(_) => ScalarType::Real,
        Dynamic::String(_) => ScalarType::String,
        Dynamic::DateTime(_) => ScalarType::DateTime,
        Dynamic::TimeSpan(_) => ScalarType::TimeSpan,
        Dynamic::Guid(_) => ScalarType::Guid,
        Dynamic::Null | Dynamic::Array(_) | Dynamic::Bag(_) => ScalarType::Dynamic,
    }
}
