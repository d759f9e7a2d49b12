//! The Kusto REST API v1 response shape, which the conformance runner reads:
//!
//! ```json
//! {"Tables":[{"TableName":"PrimaryResult",
//!   "Columns":[{"ColumnName":"x","DataType":"Int64","ColumnType":"long"}],
//!   "Rows":[
//! [1],
//! [2]
//! ]}]}
//! ```
//!
//! `DataType` is the .NET type name, `ColumnType` the KQL one; cells are written as in
//! [`cell`](super::cell). One entry per result table, named by the caller (Kusto
//! names the first `PrimaryResult`).

use std::io::{self, BufWriter, Write};

use crate::table::Table;
use crate::value::json_text::push_json_string;

use super::cell::push_cell_json;

/// Writes the tables as a REST v1 response.
pub fn write_kusto_json(tables: &[(&str, &Table)], out: &mut dyn Write) -> io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 16, out);
    let mut buf = String::with_capacity(1024);
    w.write_all(b"{\"Tables\":[")?;
    for (t, (name, table)) in tables.iter().enumerate() {
        buf.clear();
        if t > 0 {
            buf.push(',');
        }
        buf.push_str("{\"TableName\":");
        push_json_string(&mut buf, name);
        buf.push_str(",\"Columns\":[");
        for (i, f) in table.schema().fields.iter().enumerate() {
            if i > 0 {
                buf.push(',');
            }
            buf.push_str("{\"ColumnName\":");
            push_json_string(&mut buf, &f.name);
            buf.push_str(",\"DataType\":\"");
            buf.push_str(f.ty.dotnet_name());
            buf.push_str("\",\"ColumnType\":\"");
            buf.push_str(f.ty.name());
            buf.push_str("\"}");
        }
        buf.push_str("],\"Rows\":[");
        w.write_all(buf.as_bytes())?;
        for row in 0..table.num_rows() {
            buf.clear();
            buf.push_str(if row > 0 { ",\n[" } else { "\n[" });
            for (i, col) in table.columns().iter().enumerate() {
                if i > 0 {
                    buf.push(',');
                }
                push_cell_json(&mut buf, col, row);
            }
            buf.push(']');
            w.write_all(buf.as_bytes())?;
        }
        w.write_all(if table.num_rows() > 0 { b"\n]}" } else { b"]}" })?;
    }
    w.write_all(b"]}\n")?;
    w.flush()
}
