//! Rows as JSON objects: `json` (one array, one object per line inside it) and `jsonl`
//! (one object per line). Keys are the column names in column order; cells as in
//! [`cell`](super::cell).
//!
//! ```json
//! [
//! {"Timestamp":"2026-05-09T12:00:00Z","Count":3},
//! {"Timestamp":"2026-05-09T13:00:00Z","Count":null}
//! ]
//! ```

use std::io::{self, BufWriter, Write};

use crate::table::Table;
use crate::value::json_text::push_json_string;

use super::cell::push_cell_json;

fn push_object(buf: &mut String, keys: &[String], table: &Table, row: usize) {
    buf.push('{');
    for (i, (key, col)) in keys.iter().zip(table.columns()).enumerate() {
        if i > 0 {
            buf.push(',');
        }
        buf.push_str(key);
        push_cell_json(buf, col, row);
    }
    buf.push('}');
}

/// `"name":` for every column, escaped once.
fn keys(table: &Table) -> Vec<String> {
    table
        .schema()
        .names()
        .map(|n| {
            let mut k = String::new();
            push_json_string(&mut k, n);
            k.push(':');
            k
        })
        .collect()
}

/// Writes the table as a JSON array of objects.
pub fn write_json(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 16, out);
    let keys = keys(table);
    let mut buf = String::with_capacity(1024);
    w.write_all(b"[")?;
    for row in 0..table.num_rows() {
        buf.clear();
        buf.push_str(if row > 0 { ",\n" } else { "\n" });
        push_object(&mut buf, &keys, table, row);
        w.write_all(buf.as_bytes())?;
    }
    w.write_all(if table.num_rows() > 0 {
        b"\n]\n"
    } else {
        b"]\n"
    })?;
    w.flush()
}

/// Writes the table as JSON lines: one object per row.
pub fn write_jsonl(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 16, out);
    let keys = keys(table);
    let mut buf = String::with_capacity(1024);
    for row in 0..table.num_rows() {
        buf.clear();
        push_object(&mut buf, &keys, table, row);
        buf.push('\n');
        w.write_all(buf.as_bytes())?;
    }
    w.flush()
}
