//! Writing result tables: Kusto REST v1 JSON, CSV, JSON and JSON lines.
//!
//! ```
//! use kql_eval::format::{OutputFormat, write_tables};
//! use kql_eval::table::{Column, PrimitiveColumn, Table};
//!
//! // print x = 1
//! let t = Table::from_columns([("x", Column::Long(PrimitiveColumn::from_values(vec![1])))]).unwrap();
//! let mut out = Vec::new();
//! write_tables(OutputFormat::KustoJson, &[("PrimaryResult", &t)], &mut out).unwrap();
//! assert_eq!(
//!     String::from_utf8(out).unwrap(),
//!     "{\"Tables\":[{\"TableName\":\"PrimaryResult\",\"Columns\":[{\"ColumnName\":\"x\",\
//!      \"DataType\":\"Int64\",\"ColumnType\":\"long\"}],\"Rows\":[\n[1]\n]}]}\n"
//! );
//! ```
//!
//! Every writer buffers internally and flushes before returning, so callers can pass
//! stdout or a file directly.

pub mod cell;
mod csv;
mod json;
mod kusto_json;

use std::io::{self, Write};

pub use csv::write_csv;
pub use json::{write_json, write_jsonl};
pub use kusto_json::write_kusto_json;

use crate::table::Table;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputFormat {
    /// `{"Tables":[{"TableName":..,"Columns":[..],"Rows":[[..]]}]}`.
    KustoJson,
    Csv,
    /// An array of objects.
    Json,
    /// One object per line.
    Jsonl,
}

impl OutputFormat {
    /// `kusto-json` (also `kusto`, `v1`), `csv`, `json`, `jsonl` (also `ndjson`).
    pub fn from_name(name: &str) -> Option<OutputFormat> {
        Some(match name.to_ascii_lowercase().as_str() {
            "kusto-json" | "kusto" | "v1" | "kustojson" => OutputFormat::KustoJson,
            "csv" => OutputFormat::Csv,
            "json" => OutputFormat::Json,
            "jsonl" | "ndjson" | "jsonlines" => OutputFormat::Jsonl,
            _ => return None,
        })
    }

    /// The canonical name (as accepted by [`OutputFormat::from_name`]).
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::KustoJson => "kusto-json",
            OutputFormat::Csv => "csv",
            OutputFormat::Json => "json",
            OutputFormat::Jsonl => "jsonl",
        }
    }
}

/// Writes result tables in a format. `kusto-json` writes them all in one response;
/// the others write each table in turn (CSV tables separated by an empty line, one
/// JSON array per table, JSON lines of every table).
pub fn write_tables(
    format: OutputFormat,
    tables: &[(&str, &Table)],
    out: &mut dyn Write,
) -> io::Result<()> {
    if format == OutputFormat::KustoJson {
        return write_kusto_json(tables, out);
    }
    for (i, (_, table)) in tables.iter().enumerate() {
        match format {
            OutputFormat::Csv => {
                if i > 0 {
                    out.write_all(b"\n")?;
                }
                write_csv(table, out)?;
            }
            OutputFormat::Json => write_json(table, out)?,
            OutputFormat::Jsonl | OutputFormat::KustoJson => write_jsonl(table, out)?,
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for f in [
            OutputFormat::KustoJson,
            OutputFormat::Csv,
            OutputFormat::Json,
            OutputFormat::Jsonl,
        ] {
            assert_eq!(OutputFormat::from_name(f.name()), Some(f));
        }
        assert_eq!(OutputFormat::from_name("xml"), None);
    }
}
