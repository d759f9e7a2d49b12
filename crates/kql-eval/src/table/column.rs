//! [`Column`]: one typed column of a table, with the row operations every operator is
//! built from.
//!
//! | operator | column operation |
//! |---|---|
//! | `where` | [`Column::filter`] |
//! | `sort`, `top`, `join`, `summarize arg_max` | [`Column::gather`] |
//! | `join kind=leftouter/rightouter/fullouter` | [`Column::gather_opt`] (unmatched rows: null, `""` for strings) |
//! | `take` | [`Column::slice`] |
//! | `union` | [`Column::concat`] |

use std::sync::Arc;

use kql_parser::ast::ScalarType;
use rust_decimal::Decimal;

use super::bitmap::Bitmap;
use super::builder::ColumnBuilder;
use super::dynamic::DynamicColumn;
use super::error::TableError;
use super::primitive::PrimitiveColumn;
use super::string::StringColumn;
use crate::value::Value;

/// A typed column.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    Bool(PrimitiveColumn<bool>),
    Int(PrimitiveColumn<i32>),
    Long(PrimitiveColumn<i64>),
    Real(PrimitiveColumn<f64>),
    Decimal(PrimitiveColumn<Decimal>),
    /// Ticks since 0001-01-01.
    DateTime(PrimitiveColumn<i64>),
    /// Ticks.
    TimeSpan(PrimitiveColumn<i64>),
    Guid(PrimitiveColumn<u128>),
    String(StringColumn),
    Dynamic(DynamicColumn),
}

/// Applies the same expression to the inner column of every variant, producing a
/// column of the same variant.
macro_rules! map_column {
    ($self:expr, $c:ident => $body:expr) => {
        match $self {
            Column::Bool($c) => Column::Bool($body),
            Column::Int($c) => Column::Int($body),
            Column::Long($c) => Column::Long($body),
            Column::Real($c) => Column::Real($body),
            Column::Decimal($c) => Column::Decimal($body),
            Column::DateTime($c) => Column::DateTime($body),
            Column::TimeSpan($c) => Column::TimeSpan($body),
            Column::Guid($c) => Column::Guid($body),
            Column::String($c) => Column::String($body),
            Column::Dynamic($c) => Column::Dynamic($body),
        }
    };
}

/// Evaluates the same expression on the inner column of every variant.
macro_rules! with_column {
    ($self:expr, $c:ident => $body:expr) => {
        match $self {
            Column::Bool($c) => $body,
            Column::Int($c) => $body,
            Column::Long($c) => $body,
            Column::Real($c) => $body,
            Column::Decimal($c) => $body,
            Column::DateTime($c) => $body,
            Column::TimeSpan($c) => $body,
            Column::Guid($c) => $body,
            Column::String($c) => $body,
            Column::Dynamic($c) => $body,
        }
    };
}

impl Column {
    /// `len` nulls of a type (`""` for strings).
    pub fn nulls(ty: ScalarType, len: usize) -> Column {
        match ty {
            ScalarType::Bool => Column::Bool(PrimitiveColumn::nulls(len)),
            ScalarType::Int => Column::Int(PrimitiveColumn::nulls(len)),
            ScalarType::Long => Column::Long(PrimitiveColumn::nulls(len)),
            ScalarType::Real => Column::Real(PrimitiveColumn::nulls(len)),
            ScalarType::Decimal => Column::Decimal(PrimitiveColumn::nulls(len)),
            ScalarType::DateTime => Column::DateTime(PrimitiveColumn::nulls(len)),
            ScalarType::TimeSpan => Column::TimeSpan(PrimitiveColumn::nulls(len)),
            ScalarType::Guid => Column::Guid(PrimitiveColumn::nulls(len)),
            ScalarType::String => Column::String(StringColumn::empties(len)),
            ScalarType::Dynamic => Column::Dynamic(DynamicColumn::nulls(len)),
        }
    }

    /// An empty column of a type.
    pub fn empty(ty: ScalarType) -> Column {
        Column::nulls(ty, 0)
    }

    /// A column from values. `Null` is accepted everywhere; `int` values widen to
    /// `long`, `real` and `decimal` columns, `long` to `real` and `decimal`; any value
    /// goes into a `dynamic` column. Anything else is [`TableError::TypeMismatch`].
    pub fn from_values(
        ty: ScalarType,
        values: impl Iterator<Item = Value>,
    ) -> Result<Column, TableError> {
        let mut b = ColumnBuilder::with_capacity(ty, values.size_hint().0);
        for v in values {
            b.push_value(&v)?;
        }
        Ok(b.finish())
    }

    /// The KQL type of the column.
    pub fn scalar_type(&self) -> ScalarType {
        match self {
            Column::Bool(_) => ScalarType::Bool,
            Column::Int(_) => ScalarType::Int,
            Column::Long(_) => ScalarType::Long,
            Column::Real(_) => ScalarType::Real,
            Column::Decimal(_) => ScalarType::Decimal,
            Column::DateTime(_) => ScalarType::DateTime,
            Column::TimeSpan(_) => ScalarType::TimeSpan,
            Column::Guid(_) => ScalarType::Guid,
            Column::String(_) => ScalarType::String,
            Column::Dynamic(_) => ScalarType::Dynamic,
        }
    }

    /// Bytes the column holds (dynamic values estimated), for `--max-memory`.
    pub fn heap_bytes(&self) -> usize {
        match self {
            Column::Bool(c) => c.heap_bytes(),
            Column::Int(c) => c.heap_bytes(),
            Column::Long(c) | Column::DateTime(c) | Column::TimeSpan(c) => c.heap_bytes(),
            Column::Real(c) => c.heap_bytes(),
            Column::Decimal(c) => c.heap_bytes(),
            Column::Guid(c) => c.heap_bytes(),
            Column::String(c) => c.heap_bytes(),
            Column::Dynamic(c) => c.heap_bytes(),
        }
    }

    pub fn len(&self) -> usize {
        with_column!(self, c => c.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value at row `i`: `Value::Null` for a null, `""` for a string column's
    /// missing value; past the end, the type's null.
    pub fn get(&self, i: usize) -> Value {
        fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> Value) -> Value {
            v.map_or(Value::Null, f)
        }
        match self {
            Column::Bool(c) => opt(c.get(i), Value::Bool),
            Column::Int(c) => opt(c.get(i), Value::Int),
            Column::Long(c) => opt(c.get(i), Value::Long),
            Column::Real(c) => opt(c.get(i), Value::Real),
            Column::Decimal(c) => opt(c.get(i), Value::Decimal),
            Column::DateTime(c) => opt(c.get(i), Value::DateTime),
            Column::TimeSpan(c) => opt(c.get(i), Value::TimeSpan),
            Column::Guid(c) => opt(c.get(i), Value::Guid),
            Column::String(c) => Value::String(Arc::from(c.get(i))),
            Column::Dynamic(c) => match c.get(i) {
                crate::value::Dynamic::Null => Value::Null,
                d => Value::Dynamic(d.clone()),
            },
        }
    }

    /// True when row `i` is null. A string is never null (`""` is not null), a dynamic
    /// is null when it is `dynamic(null)`.
    pub fn is_null(&self, i: usize) -> bool {
        match self {
            Column::String(c) => i >= c.len(),
            Column::Dynamic(c) => c.is_null(i),
            Column::Bool(c) => c.is_null(i),
            Column::Int(c) => c.is_null(i),
            Column::Long(c) | Column::DateTime(c) | Column::TimeSpan(c) => c.is_null(i),
            Column::Real(c) => c.is_null(i),
            Column::Decimal(c) => c.is_null(i),
            Column::Guid(c) => c.is_null(i),
        }
    }

    /// The number of null rows (0 for strings).
    pub fn null_count(&self) -> usize {
        match self {
            Column::String(_) => 0,
            Column::Dynamic(c) => c.null_count(),
            Column::Bool(c) => c.null_count(),
            Column::Int(c) => c.null_count(),
            Column::Long(c) | Column::DateTime(c) | Column::TimeSpan(c) => c.null_count(),
            Column::Real(c) => c.null_count(),
            Column::Decimal(c) => c.null_count(),
            Column::Guid(c) => c.null_count(),
        }
    }

    /// Rows by index, in the order given (indexes may repeat); an index past the end
    /// gives a null.
    pub fn gather(&self, indices: &[u32]) -> Column {
        map_column!(self, c => c.gather(indices))
    }

    /// Rows by optional index; `None` gives a null (`""` for strings).
    pub fn gather_opt(&self, indices: &[Option<u32>]) -> Column {
        map_column!(self, c => c.gather_opt(indices))
    }

    /// The rows where `mask` is true.
    pub fn filter(&self, mask: &[bool]) -> Column {
        map_column!(self, c => c.filter(mask))
    }

    /// The rows whose bit is set.
    pub fn filter_bitmap(&self, mask: &Bitmap) -> Column {
        let bools: Vec<bool> = mask.iter().collect();
        self.filter(&bools)
    }

    /// Rows `offset .. offset + len`, clamped to the column.
    pub fn slice(&self, offset: usize, len: usize) -> Column {
        map_column!(self, c => c.slice(offset, len))
    }

    /// The rows of several columns of the same type, one after the other.
    pub fn concat(parts: &[&Column]) -> Result<Column, TableError> {
        let Some(first) = parts.first() else {
            return Err(TableError::Concat("(none)".into()));
        };
        let mut out = (*first).clone();
        for part in &parts[1..] {
            out.extend_from(part)?;
        }
        Ok(out)
    }

    /// Appends the rows of a column of the same type.
    pub fn extend_from(&mut self, other: &Column) -> Result<(), TableError> {
        match (self, other) {
            (Column::Bool(a), Column::Bool(b)) => a.extend_from(b),
            (Column::Int(a), Column::Int(b)) => a.extend_from(b),
            (Column::Long(a), Column::Long(b))
            | (Column::DateTime(a), Column::DateTime(b))
            | (Column::TimeSpan(a), Column::TimeSpan(b)) => a.extend_from(b),
            (Column::Real(a), Column::Real(b)) => a.extend_from(b),
            (Column::Decimal(a), Column::Decimal(b)) => a.extend_from(b),
            (Column::Guid(a), Column::Guid(b)) => a.extend_from(b),
            (Column::String(a), Column::String(b)) => a.extend_from(b),
            (Column::Dynamic(a), Column::Dynamic(b)) => a.extend_from(b),
            (a, b) => {
                return Err(TableError::Concat(format!(
                    "{} and {}",
                    a.scalar_type(),
                    b.scalar_type()
                )));
            }
        }
        Ok(())
    }

    /// The values in order (slow path: one [`Value`] per row).
    pub fn values(&self) -> impl Iterator<Item = Value> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }

    pub fn as_bool(&self) -> Option<&PrimitiveColumn<bool>> {
        match self {
            Column::Bool(c) => Some(c),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<&PrimitiveColumn<i32>> {
        match self {
            Column::Int(c) => Some(c),
            _ => None,
        }
    }

    pub fn as_long(&self) -> Option<&PrimitiveColumn<i64>> {
        match self {
            Column::Long(c) => Some(c),
            _ => None,
        }
    }

    pub fn as_real(&self) -> Option<&PrimitiveColumn<f64>> {
        match self {
            Column::Real(c) => Some(c),
            _ => None,
        }
    }

    pub fn as_decimal(&self) -> Option<&PrimitiveColumn<Decimal>> {
        match self {
            Column::Decimal(c) => Some(c),
            _ => None,
        }
    }

    /// The ticks of a `datetime` column.
    pub fn as_datetime(&self) -> Option<&PrimitiveColumn<i64>> {
        match self {
            Column::DateTime(c) => Some(c),
            _ => None,
        }
    }

    /// The ticks of a `timespan` column.
    pub fn as_timespan(&self) -> Option<&PrimitiveColumn<i64>> {
        match self {
            Column::TimeSpan(c) => Some(c),
            _ => None,
        }
    }

    pub fn as_guid(&self) -> Option<&PrimitiveColumn<u128>> {
        match self {
            Column::Guid(c) => Some(c),
            _ => None,
        }
    }

    pub fn as_string(&self) -> Option<&StringColumn> {
        match self {
            Column::String(c) => Some(c),
            _ => None,
        }
    }

    pub fn as_dynamic(&self) -> Option<&DynamicColumn> {
        match self {
            Column::Dynamic(c) => Some(c),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Dynamic;

    fn longs(v: &[Option<i64>]) -> Column {
        Column::Long(v.iter().copied().collect())
    }

    #[test]
    fn get_and_nulls_per_type() {
        let s = Column::nulls(ScalarType::String, 2);
        assert_eq!(s.get(0), Value::string(""));
        assert!(!s.is_null(0));
        let l = Column::nulls(ScalarType::Long, 2);
        assert_eq!(l.get(1), Value::Null);
        assert!(l.is_null(1));
        assert_eq!(l.null_count(), 2);
        let d = Column::Dynamic(DynamicColumn::from_values(vec![
            Dynamic::Long(1),
            Dynamic::Null,
        ]));
        assert_eq!(d.get(0), Value::Dynamic(Dynamic::Long(1)));
        assert_eq!(d.get(1), Value::Null);
        assert_eq!(d.null_count(), 1);
        for ty in ScalarType::ALL {
            assert_eq!(Column::empty(ty).scalar_type(), ty);
        }
    }

    #[test]
    fn from_values_widens_and_rejects() {
        let c = Column::from_values(
            ScalarType::Real,
            [Value::Int(1), Value::Long(2), Value::Null, Value::Real(0.5)].into_iter(),
        )
        .unwrap();
        assert_eq!(
            c.values().collect::<Vec<_>>(),
            [
                Value::Real(1.0),
                Value::Real(2.0),
                Value::Null,
                Value::Real(0.5)
            ]
        );
        let err =
            Column::from_values(ScalarType::Long, [Value::string("x")].into_iter()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a long column cannot hold the string value \"x\""
        );
    }

    #[test]
    fn row_operations() {
        let c = longs(&[Some(1), None, Some(3)]);
        assert_eq!(c.gather(&[2, 2, 1]), longs(&[Some(3), Some(3), None]));
        assert_eq!(c.gather_opt(&[Some(0), None]), longs(&[Some(1), None]));
        assert_eq!(c.filter(&[true, false, true]), longs(&[Some(1), Some(3)]));
        assert_eq!(
            c.filter_bitmap(&Bitmap::from_bools(&[false, true, false])),
            longs(&[None])
        );
        assert_eq!(c.slice(2, 9), longs(&[Some(3)]));
        let all = Column::concat(&[&c, &longs(&[Some(4)])]).unwrap();
        assert_eq!(all, longs(&[Some(1), None, Some(3), Some(4)]));
        let strings = Column::nulls(ScalarType::String, 1);
        assert!(Column::concat(&[&c, &strings]).is_err());
        assert!(Column::concat(&[]).is_err());
    }
}
