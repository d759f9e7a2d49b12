//! Errors from building columns and tables. These are programming errors of the
//! caller (a value of the wrong type pushed into a column, columns of different
//! lengths), reported instead of panicking.

use kql_parser::ast::ScalarType;
use miette::Diagnostic;
use thiserror::Error;

/// A column or table could not be built.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum TableError {
    /// `Column::from_values(ScalarType::Long, [Value::string("x")])`.
    #[error("a {expected} column cannot hold the {found} value {value}")]
    #[diagnostic(code(kql::table::type_mismatch))]
    TypeMismatch {
        expected: ScalarType,
        found: ScalarType,
        value: String,
    },
    /// `Table::new` with a column of another length than the first.
    #[error("column `{column}` has {found} rows, but the table has {expected}")]
    #[diagnostic(code(kql::table::length_mismatch))]
    LengthMismatch {
        column: String,
        expected: usize,
        found: usize,
    },
    /// `Table::new` with more or fewer columns than the schema has fields.
    #[error("the schema has {expected} columns, but {found} were given")]
    #[diagnostic(code(kql::table::column_count))]
    ColumnCount { expected: usize, found: usize },
    /// `Table::new` with a column whose type is not the schema's.
    #[error("column `{column}` is declared {declared} but holds {actual} values")]
    #[diagnostic(code(kql::table::column_type))]
    ColumnType {
        column: String,
        declared: ScalarType,
        actual: ScalarType,
    },
    /// Two columns with the same name.
    #[error("duplicate column name `{0}`")]
    #[diagnostic(code(kql::table::duplicate_column))]
    DuplicateColumn(String),
    /// `Table::select` with an index past the last column.
    #[error("column index {index} is out of range (the table has {count} columns)")]
    #[diagnostic(code(kql::table::column_index))]
    ColumnIndex { index: usize, count: usize },
    /// `Column::concat` of columns of different types, or of nothing.
    #[error("cannot concatenate columns of types {0}")]
    #[diagnostic(code(kql::table::concat))]
    Concat(String),
}
