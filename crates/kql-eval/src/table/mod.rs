//! Columnar tables: a [`Schema`] plus one shared [`Column`] per field.
//!
//! ```
//! use std::sync::Arc;
//! use kql_eval::table::{Column, PrimitiveColumn, Schema, StringColumn, Table};
//! use kql_eval::value::Value;
//! use kql_parser::ast::ScalarType;
//!
//! // datatable(n:long, s:string) [1, "a", 2, "b"] | where n > 1
//! let t = Table::new(
//!     Schema::from_pairs(&[("n", ScalarType::Long), ("s", ScalarType::String)]),
//!     vec![
//!         Arc::new(Column::Long(PrimitiveColumn::from_values(vec![1, 2]))),
//!         Arc::new(Column::String(["a", "b"].into_iter().collect::<StringColumn>())),
//!     ],
//! )
//! .unwrap();
//! let filtered = t.filter(&[false, true]);
//! assert_eq!(filtered.row(0), vec![Value::Long(2), Value::string("b")]);
//! ```
//!
//! Columns are `Arc`s, so operators that keep a column (`project`, `extend`) share it
//! instead of copying.

mod bitmap;
mod builder;
mod column;
mod dynamic;
mod error;
mod primitive;
mod schema;
mod string;

use std::collections::HashSet;
use std::sync::Arc;

pub use bitmap::Bitmap;
pub use builder::ColumnBuilder;
pub use column::Column;
pub use dynamic::DynamicColumn;
pub use error::TableError;
pub use primitive::{Primitive, PrimitiveColumn};
pub use schema::{Field, Schema};
pub use string::StringColumn;

use crate::value::Value;

/// A table: columns of equal length matching a schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    schema: Schema,
    columns: Vec<Arc<Column>>,
    row_count: usize,
}

impl Table {
    /// A table from a schema and its columns. Checks that there is one column per
    /// field, of the field's type, that every column has the same length, and that
    /// names are unique. A table without columns has 0 rows (see
    /// [`Table::with_row_count`]).
    pub fn new(schema: Schema, columns: Vec<Arc<Column>>) -> Result<Table, TableError> {
        let rows = columns.first().map_or(0, |c| c.len());
        Table::with_row_count(schema, columns, rows)
    }

    /// Like [`Table::new`], with an explicit row count, which matters only for a table
    /// without columns (`print` with nothing to print, `project-away` of everything).
    pub fn with_row_count(
        schema: Schema,
        columns: Vec<Arc<Column>>,
        row_count: usize,
    ) -> Result<Table, TableError> {
        if schema.len() != columns.len() {
            return Err(TableError::ColumnCount {
                expected: schema.len(),
                found: columns.len(),
            });
        }
        let mut names = HashSet::with_capacity(schema.len());
        for (field, column) in schema.fields.iter().zip(&columns) {
            if !names.insert(field.name.as_str()) {
                return Err(TableError::DuplicateColumn(field.name.clone()));
            }
            if column.scalar_type() != field.ty {
                return Err(TableError::ColumnType {
                    column: field.name.clone(),
                    declared: field.ty,
                    actual: column.scalar_type(),
                });
            }
            if column.len() != row_count {
                return Err(TableError::LengthMismatch {
                    column: field.name.clone(),
                    expected: row_count,
                    found: column.len(),
                });
            }
        }
        Ok(Table {
            schema,
            columns,
            row_count,
        })
    }

    /// A table from named columns; the schema takes each column's type.
    pub fn from_columns<S: Into<String>>(
        columns: impl IntoIterator<Item = (S, Column)>,
    ) -> Result<Table, TableError> {
        let (fields, cols): (Vec<Field>, Vec<Arc<Column>>) = columns
            .into_iter()
            .map(|(name, c)| (Field::new(name, c.scalar_type()), Arc::new(c)))
            .unzip();
        Table::new(Schema::new(fields), cols)
    }

    /// A table with the schema and no rows.
    pub fn empty(schema: Schema) -> Table {
        let columns = schema
            .fields
            .iter()
            .map(|f| Arc::new(Column::empty(f.ty)))
            .collect();
        Table {
            schema,
            columns,
            row_count: 0,
        }
    }

    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    pub fn columns(&self) -> &[Arc<Column>] {
        &self.columns
    }

    /// The column with this name (case-sensitive).
    pub fn column(&self, name: &str) -> Option<&Arc<Column>> {
        self.schema.index_of(name).and_then(|i| self.columns.get(i))
    }

    /// The column at this position.
    pub fn column_at(&self, index: usize) -> Option<&Arc<Column>> {
        self.columns.get(index)
    }

    /// Bytes the table's columns hold, each shared column counted once (`--max-memory`).
    pub fn heap_bytes(&self) -> usize {
        let mut seen: Vec<*const Column> = Vec::with_capacity(self.columns.len());
        let mut total = 0;
        for c in &self.columns {
            let p = Arc::as_ptr(c);
            if !seen.contains(&p) {
                seen.push(p);
                total += c.heap_bytes();
            }
        }
        total
    }

    pub fn num_rows(&self) -> usize {
        self.row_count
    }

    pub fn num_columns(&self) -> usize {
        self.columns.len()
    }

    /// Row `i` as values (slow path, for tests and printing).
    pub fn row(&self, i: usize) -> Vec<Value> {
        self.columns.iter().map(|c| c.get(i)).collect()
    }

    /// Every row as values (slow path).
    pub fn rows(&self) -> Vec<Vec<Value>> {
        (0..self.row_count).map(|i| self.row(i)).collect()
    }

    /// The columns at these positions, in this order (`project`).
    pub fn select(&self, indices: &[usize]) -> Result<Table, TableError> {
        let mut fields = Vec::with_capacity(indices.len());
        let mut columns = Vec::with_capacity(indices.len());
        for &i in indices {
            let (Some(f), Some(c)) = (self.schema.fields.get(i), self.columns.get(i)) else {
                return Err(TableError::ColumnIndex {
                    index: i,
                    count: self.columns.len(),
                });
            };
            fields.push(f.clone());
            columns.push(Arc::clone(c));
        }
        Table::with_row_count(Schema::new(fields), columns, self.row_count)
    }

    fn map_columns(&self, rows: usize, f: impl Fn(&Column) -> Column) -> Table {
        Table {
            schema: self.schema.clone(),
            columns: self.columns.iter().map(|c| Arc::new(f(c))).collect(),
            row_count: rows,
        }
    }

    /// Rows by index (indexes past the end give nulls).
    pub fn gather(&self, rows: &[u32]) -> Table {
        self.map_columns(rows.len(), |c| c.gather(rows))
    }

    /// Rows by optional index (`None`: a row of nulls, `""` for strings).
    pub fn gather_opt(&self, rows: &[Option<u32>]) -> Table {
        self.map_columns(rows.len(), |c| c.gather_opt(rows))
    }

    /// The rows where `mask` is true.
    pub fn filter(&self, mask: &[bool]) -> Table {
        let kept = mask
            .iter()
            .take(self.row_count)
            .filter(|keep| **keep)
            .count();
        self.map_columns(kept, |c| c.filter(mask))
    }

    /// Rows `offset .. offset + len`, clamped (`take`).
    pub fn slice(&self, offset: usize, len: usize) -> Table {
        let start = offset.min(self.row_count);
        let rows = len.min(self.row_count - start);
        self.map_columns(rows, |c| c.slice(start, rows))
    }

    /// The schema, columns and row count.
    pub fn into_parts(self) -> (Schema, Vec<Arc<Column>>, usize) {
        (self.schema, self.columns, self.row_count)
    }
}

#[cfg(test)]
mod tests {
    use kql_parser::ast::ScalarType;

    use super::*;

    fn sample() -> Table {
        Table::from_columns([
            (
                "n",
                Column::Long(PrimitiveColumn::from_values(vec![1, 2, 3])),
            ),
            ("s", Column::String(["a", "b", "c"].into_iter().collect())),
        ])
        .unwrap()
    }

    #[test]
    fn constructors_validate() {
        let schema = Schema::from_pairs(&[("n", ScalarType::Long)]);
        let long = Arc::new(Column::Long(PrimitiveColumn::from_values(vec![1])));
        let real = Arc::new(Column::Real(PrimitiveColumn::from_values(vec![1.0])));
        assert!(Table::new(schema.clone(), vec![long.clone()]).is_ok());
        assert_eq!(
            Table::new(schema.clone(), vec![real])
                .unwrap_err()
                .to_string(),
            "column `n` is declared long but holds real values"
        );
        assert!(matches!(
            Table::new(schema.clone(), vec![]),
            Err(TableError::ColumnCount {
                expected: 1,
                found: 0
            })
        ));
        let two = Schema::from_pairs(&[("n", ScalarType::Long), ("m", ScalarType::Long)]);
        let longer = Arc::new(Column::Long(PrimitiveColumn::from_values(vec![1, 2])));
        assert!(matches!(
            Table::new(two, vec![long.clone(), longer]),
            Err(TableError::LengthMismatch { .. })
        ));
        let dup = Schema::from_pairs(&[("n", ScalarType::Long), ("n", ScalarType::Long)]);
        assert!(Table::new(dup, vec![long.clone(), long]).is_err());
        let empty = Table::empty(schema);
        assert_eq!((empty.num_rows(), empty.num_columns()), (0, 1));
        let no_columns = Table::with_row_count(Schema::default(), vec![], 3).unwrap();
        assert_eq!(no_columns.num_rows(), 3);
    }

    #[test]
    fn row_operations() {
        let t = sample();
        assert_eq!(t.column("s").map(|c| c.get(1)), Some(Value::string("b")));
        assert!(t.column("S").is_none());
        let g = t.gather(&[2, 0]);
        assert_eq!(
            g.rows(),
            [
                vec![Value::Long(3), Value::string("c")],
                vec![Value::Long(1), Value::string("a")]
            ]
        );
        let o = t.gather_opt(&[None]);
        assert_eq!(o.row(0), [Value::Null, Value::string("")]);
        assert_eq!(t.filter(&[true, false, true]).num_rows(), 2);
        assert_eq!(t.slice(1, 10).num_rows(), 2);
        assert_eq!(t.slice(5, 1).num_rows(), 0);
        let sel = t.select(&[1]).unwrap();
        assert_eq!(sel.schema().to_string(), "(s:string)");
        assert!(t.select(&[7]).is_err());
    }
}
