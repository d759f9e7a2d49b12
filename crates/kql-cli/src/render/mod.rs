//! Writing result tables: an aligned table or a Markdown table for people, or a
//! machine format (csv, json, jsonl, kusto-json).

mod markdown;
mod table;

use std::io::{self, Write};
use std::sync::Arc;
use std::time::Duration;

use kql_eval::format::OutputFormat;
use kql_eval::format::cell::push_cell_text;
use kql_eval::table::Table;

pub use table::TableStyle;

/// How results are written.
#[derive(Debug, Clone, Copy)]
pub enum Format {
    /// Aligned columns with the types in the header, and a `(N rows, X ms)` footer.
    Table(TableStyle),
    /// A GitHub-flavoured Markdown table.
    Markdown,
    Machine(OutputFormat),
}

impl Format {
    /// `table`, `markdown` (or `md`), or a machine format's name; tables get `style`.
    pub fn from_name(name: &str, style: TableStyle) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "table" => Some(Format::Table(style)),
            "markdown" | "md" => Some(Format::Markdown),
            other => OutputFormat::from_name(other).map(Format::Machine),
        }
    }
}

/// One result table, with its name and how long its query took to run.
#[derive(Debug, Clone)]
pub struct NamedResult {
    pub name: String,
    pub table: Arc<Table>,
    pub elapsed: Duration,
}

/// Writes named result tables one after another.
pub fn write(format: Format, results: &[NamedResult], out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Machine(f) => {
            let refs: Vec<(&str, &Table)> = results
                .iter()
                .map(|r| (r.name.as_str(), r.table.as_ref()))
                .collect();
            kql_eval::format::write_tables(f, &refs, out)
        }
        Format::Table(style) => {
            for (k, result) in results.iter().enumerate() {
                if results.len() > 1 {
                    if k > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "== {}", result.name)?;
                }
                table::write_table(result, style, out)?;
            }
            Ok(())
        }
        Format::Markdown => {
            for (k, result) in results.iter().enumerate() {
                if results.len() > 1 {
                    if k > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "### {}\n", markdown::escape(&result.name))?;
                }
                markdown::write_table(&result.table, out)?;
            }
            Ok(())
        }
    }
}

/// The header (`Name:type`) and the cells of a table, as text (what `kql run` prints
/// and `kql test` compares).
pub(crate) fn cells(table: &Table) -> (Vec<String>, Vec<Vec<String>>) {
    let header = table
        .schema()
        .fields
        .iter()
        .map(|f| format!("{}:{}", f.name, f.ty))
        .collect();
    let rows = (0..table.num_rows())
        .map(|r| {
            table
                .columns()
                .iter()
                .map(|c| {
                    let mut s = String::new();
                    push_cell_text(&mut s, c, r);
                    s
                })
                .collect()
        })
        .collect();
    (header, rows)
}
