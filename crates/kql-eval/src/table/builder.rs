//! [`ColumnBuilder`]: builds a column of a type known at run time, one value at a time.
//!
//! ```
//! use kql_eval::table::ColumnBuilder;
//! use kql_eval::value::Value;
//! use kql_parser::ast::ScalarType;
//! let mut b = ColumnBuilder::new(ScalarType::Long);
//! b.push_value(&Value::Long(5)).unwrap();
//! b.push_null();
//! b.push_i64(7).unwrap();
//! let col = b.finish();
//! assert_eq!(col.get(2), Value::Long(7));
//! assert!(col.is_null(1));
//! ```
//!
//! Hot paths that know their type build a [`PrimitiveColumn`], [`StringColumn`] or
//! [`DynamicColumn`] directly: each is its own builder (`push`, `push_null`).

use kql_parser::ast::ScalarType;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use super::column::Column;
use super::dynamic::DynamicColumn;
use super::error::TableError;
use super::primitive::PrimitiveColumn;
use super::string::StringColumn;
use crate::value::{Dynamic, Value};

/// Builds one column of a given type.
#[derive(Debug, Clone)]
pub struct ColumnBuilder {
    column: Column,
}

impl ColumnBuilder {
    pub fn new(ty: ScalarType) -> ColumnBuilder {
        ColumnBuilder::with_capacity(ty, 0)
    }

    /// A builder with room for `rows` values.
    pub fn with_capacity(ty: ScalarType, rows: usize) -> ColumnBuilder {
        let column = match ty {
            ScalarType::Bool => Column::Bool(PrimitiveColumn::with_capacity(rows)),
            ScalarType::Int => Column::Int(PrimitiveColumn::with_capacity(rows)),
            ScalarType::Long => Column::Long(PrimitiveColumn::with_capacity(rows)),
            ScalarType::Real => Column::Real(PrimitiveColumn::with_capacity(rows)),
            ScalarType::Decimal => Column::Decimal(PrimitiveColumn::with_capacity(rows)),
            ScalarType::DateTime => Column::DateTime(PrimitiveColumn::with_capacity(rows)),
            ScalarType::TimeSpan => Column::TimeSpan(PrimitiveColumn::with_capacity(rows)),
            ScalarType::Guid => Column::Guid(PrimitiveColumn::with_capacity(rows)),
            ScalarType::String => Column::String(StringColumn::with_capacity(rows, 0)),
            ScalarType::Dynamic => Column::Dynamic(DynamicColumn::with_capacity(rows)),
        };
        ColumnBuilder { column }
    }

    pub fn scalar_type(&self) -> ScalarType {
        self.column.scalar_type()
    }

    /// Values pushed so far.
    pub fn len(&self) -> usize {
        self.column.len()
    }

    pub fn is_empty(&self) -> bool {
        self.column.is_empty()
    }

    /// Appends the type's null (`""` for strings).
    pub fn push_null(&mut self) {
        match &mut self.column {
            Column::Bool(c) => c.push_null(),
            Column::Int(c) => c.push_null(),
            Column::Long(c) | Column::DateTime(c) | Column::TimeSpan(c) => c.push_null(),
            Column::Real(c) => c.push_null(),
            Column::Decimal(c) => c.push_null(),
            Column::Guid(c) => c.push_null(),
            Column::String(c) => c.push(""),
            Column::Dynamic(c) => c.push(Dynamic::Null),
        }
    }

    /// Appends a value of the column's type. `Null` is accepted everywhere; `int`
    /// widens to `long`/`real`/`decimal` and `long` to `real`/`decimal`; a `dynamic`
    /// column takes any value (as [`Dynamic::from`]).
    pub fn push_value(&mut self, value: &Value) -> Result<(), TableError> {
        if let Value::Null = value {
            self.push_null();
            return Ok(());
        }
        match (&mut self.column, value) {
            (Column::Bool(c), Value::Bool(v)) => c.push_value(*v),
            (Column::Int(c), Value::Int(v)) => c.push_value(*v),
            (Column::Long(c), Value::Int(v)) => c.push_value(i64::from(*v)),
            (Column::Long(c), Value::Long(v))
            | (Column::DateTime(c), Value::DateTime(v))
            | (Column::TimeSpan(c), Value::TimeSpan(v)) => c.push_value(*v),
            (Column::Real(c), Value::Int(v)) => c.push_value(f64::from(*v)),
            (Column::Real(c), Value::Long(v)) => c.push_value(*v as f64),
            (Column::Real(c), Value::Real(v)) => c.push_value(*v),
            (Column::Decimal(c), Value::Int(v)) => c.push_value(Decimal::from(*v)),
            (Column::Decimal(c), Value::Long(v)) => c.push_value(Decimal::from(*v)),
            (Column::Decimal(c), Value::Decimal(v)) => c.push_value(*v),
            (Column::Guid(c), Value::Guid(v)) => c.push_value(*v),
            (Column::String(c), Value::String(v)) => c.push(v),
            (Column::Dynamic(c), v) => c.push(Dynamic::from(v)),
            (col, v) => return Err(mismatch(col.scalar_type(), v)),
        }
        Ok(())
    }

    /// Appends a string to a `string` column (or a dynamic string to a `dynamic` one).
    pub fn push_str(&mut self, s: &str) -> Result<(), TableError> {
        match &mut self.column {
            Column::String(c) => c.push(s),
            Column::Dynamic(c) => c.push(Dynamic::string(s)),
            col => return Err(mismatch(col.scalar_type(), &Value::string(s))),
        }
        Ok(())
    }

    pub fn push_bool(&mut self, v: bool) -> Result<(), TableError> {
        self.push_value(&Value::Bool(v))
    }

    pub fn push_i32(&mut self, v: i32) -> Result<(), TableError> {
        self.push_value(&Value::Int(v))
    }

    pub fn push_i64(&mut self, v: i64) -> Result<(), TableError> {
        match &mut self.column {
            Column::Long(c) => {
                c.push_value(v);
                Ok(())
            }
            _ => self.push_value(&Value::Long(v)),
        }
    }

    pub fn push_f64(&mut self, v: f64) -> Result<(), TableError> {
        match &mut self.column {
            Column::Real(c) => {
                c.push_value(v);
                Ok(())
            }
            // A real into a decimal column: exact when representable, else an error.
            Column::Decimal(c) => match Decimal::from_f64(v) {
                Some(d) => {
                    c.push_value(d);
                    Ok(())
                }
                None => Err(mismatch(ScalarType::Decimal, &Value::Real(v))),
            },
            _ => self.push_value(&Value::Real(v)),
        }
    }

    pub fn push_decimal(&mut self, v: Decimal) -> Result<(), TableError> {
        self.push_value(&Value::Decimal(v))
    }

    /// Appends a datetime (ticks).
    pub fn push_datetime(&mut self, ticks: i64) -> Result<(), TableError> {
        self.push_value(&Value::DateTime(ticks))
    }

    /// Appends a timespan (ticks).
    pub fn push_timespan(&mut self, ticks: i64) -> Result<(), TableError> {
        self.push_value(&Value::TimeSpan(ticks))
    }

    pub fn push_guid(&mut self, v: u128) -> Result<(), TableError> {
        self.push_value(&Value::Guid(v))
    }

    /// Appends a dynamic value to a `dynamic` column.
    pub fn push_dynamic(&mut self, v: Dynamic) -> Result<(), TableError> {
        match &mut self.column {
            Column::Dynamic(c) => {
                c.push(v);
                Ok(())
            }
            col => Err(mismatch(col.scalar_type(), &Value::Dynamic(v))),
        }
    }

    /// The finished column.
    pub fn finish(self) -> Column {
        self.column
    }
}

fn mismatch(expected: ScalarType, value: &Value) -> TableError {
    let mut shown = String::new();
    crate::value::json_text::push_json_string(&mut shown, &value.to_kusto_string());
    TableError::TypeMismatch {
        expected,
        found: value.scalar_type().unwrap_or(expected),
        value: shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_round_trips_through_push_value() {
        let samples = [
            Value::Bool(true),
            Value::Int(-3),
            Value::Long(1 << 40),
            Value::Real(2.5),
            Value::Decimal(Decimal::new(150, 2)),
            Value::string("s"),
            Value::DateTime(636_188_256_000_000_000),
            Value::TimeSpan(-10),
            Value::Guid(7),
            Value::Dynamic(Dynamic::array(vec![Dynamic::Long(1)])),
        ];
        for v in &samples {
            let ty = v.scalar_type().unwrap();
            let mut b = ColumnBuilder::new(ty);
            b.push_value(v).unwrap();
            b.push_null();
            let c = b.finish();
            assert_eq!(c.get(0), *v, "{ty}");
            assert_eq!(c.get(1), Value::null_of(ty), "{ty}");
        }
    }

    #[test]
    fn typed_pushes_check_the_type() {
        let mut b = ColumnBuilder::new(ScalarType::String);
        b.push_str("a").unwrap();
        assert!(b.push_i64(1).is_err());
        let mut d = ColumnBuilder::new(ScalarType::Dynamic);
        d.push_str("x").unwrap();
        d.push_i64(2).unwrap();
        assert_eq!(d.finish().get(1), Value::Dynamic(Dynamic::Long(2)));
        let mut t = ColumnBuilder::new(ScalarType::DateTime);
        assert!(t.push_timespan(5).is_err());
        t.push_datetime(5).unwrap();
        assert_eq!(t.len(), 1);
    }
}
