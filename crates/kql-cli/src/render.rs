//! Writing result tables: a readable table for people, or a machine format.

use std::io::{self, Write};
use std::sync::Arc;

use kql_eval::format::{OutputFormat, cell::push_cell_text};
use kql_eval::table::Table;

/// How results are written.
#[derive(Debug, Clone, Copy)]
pub enum Format {
    /// Aligned columns with the types in the header.
    Table,
    Machine(OutputFormat),
}

/// Writes named result tables one after another.
pub fn write(
    format: Format,
    results: &[(String, Arc<Table>)],
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Machine(f) => {
            let refs: Vec<(&str, &Table)> = results
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_ref()))
                .collect();
            kql_eval::format::write_tables(f, &refs, out)
        }
        Format::Table => {
            for (k, (name, table)) in results.iter().enumerate() {
                if results.len() > 1 {
                    if k > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "== {name}")?;
                }
                write_table(table, out)?;
            }
            Ok(())
        }
    }
}

fn write_table(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    let header: Vec<String> = table
        .schema()
        .fields
        .iter()
        .map(|f| format!("{}:{}", f.name, f.ty))
        .collect();
    let mut cells: Vec<Vec<String>> = Vec::with_capacity(table.num_rows());
    for r in 0..table.num_rows() {
        cells.push(
            table
                .columns()
                .iter()
                .map(|c| {
                    let mut s = String::new();
                    push_cell_text(&mut s, c, r);
                    s
                })
                .collect(),
        );
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |row: &[String], out: &mut dyn Write| -> io::Result<()> {
        let parts: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        writeln!(out, "{}", parts.join(" | ").trim_end())
    };
    line(&header, out)?;
    writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("-+-")
    )?;
    for row in &cells {
        line(row, out)?;
    }
    writeln!(out, "({} rows)", table.num_rows())
}
