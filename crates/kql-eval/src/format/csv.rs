//! Rows as CSV: a header of column names, then one record per row, fields quoted only
//! when they hold a comma, a quote or a line break (`"` doubled inside), `\n` line
//! ends. Cells as in [`cell`](super::cell): nulls are empty fields.
//!
//! ```csv
//! Timestamp,Subject,Count
//! 2026-05-09T12:00:00Z,"RE: a, b",3
//! ```

use std::io::{self, Write};

use crate::table::Table;

use super::cell::push_cell_text;

/// Writes the table as CSV.
pub fn write_csv(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(1 << 16)
        .from_writer(out);
    w.write_record(table.schema().names())
        .map_err(io::Error::other)?;
    let mut cells: Vec<String> = vec![String::new(); table.num_columns()];
    for row in 0..table.num_rows() {
        for (cell, col) in cells.iter_mut().zip(table.columns()) {
            cell.clear();
            push_cell_text(cell, col, row);
        }
        w.write_record(&cells).map_err(io::Error::other)?;
    }
    w.flush()
}
