//! Kusto types, columnar tables, schemas, loaders, checking and execution.
#![forbid(unsafe_code)]
