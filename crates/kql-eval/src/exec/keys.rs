//! Row keys for hashing: joins, `summarize` groups and `distinct` encode the key columns
//! of a row into bytes, so any mix of types hashes and compares without boxing values.
//!
//! Two rows get equal bytes exactly when Kusto considers their keys equal (nulls equal
//! each other here, as `summarize` groups them; a string is never null).

use std::collections::HashMap;

use crate::table::Column;
use crate::value::Value;

/// Appends the encoding of `column[row]` to `out`.
pub(crate) fn encode(column: &Column, row: usize, out: &mut Vec<u8>) {
    if let Column::String(s) = column {
        let text = s.get(row);
        out.push(1);
        out.extend_from_slice(&(text.len() as u64).to_le_bytes());
        out.extend_from_slice(text.as_bytes());
        return;
    }
    match column.get(row) {
        Value::Null => out.push(0),
        Value::Bool(b) => out.extend_from_slice(&[2, u8::from(b)]),
        Value::Int(n) => push(out, 3, &i64::from(n).to_le_bytes()),
        Value::Long(n) => push(out, 3, &n.to_le_bytes()),
        Value::Real(r) => {
            // One NaN, one zero: equal reals encode equally.
            let r = if r.is_nan() {
                f64::NAN
            } else if r == 0.0 {
                0.0
            } else {
                r
            };
            push(out, 4, &r.to_bits().to_le_bytes());
        }
        Value::Decimal(d) => {
            let text = d.normalize().to_string();
            push(out, 5, text.as_bytes());
        }
        Value::String(s) => push(out, 1, s.as_bytes()),
        Value::DateTime(t) => push(out, 6, &t.to_le_bytes()),
        Value::TimeSpan(t) => push(out, 7, &t.to_le_bytes()),
        Value::Guid(g) => push(out, 8, &g.to_le_bytes()),
        Value::Dynamic(d) => push(out, 9, d.to_string().as_bytes()),
    }
}

fn push(out: &mut Vec<u8>, tag: u8, bytes: &[u8]) {
    out.push(tag);
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// The encoded key of `row` over `columns`.
pub(crate) fn row_key(columns: &[&Column], row: usize, buf: &mut Vec<u8>) {
    buf.clear();
    for c in columns {
        encode(c, row, buf);
    }
}

/// Assigns each row a group id (in order of first appearance) by its key over
/// `columns`; returns the ids, and the first row of each group.
pub(crate) fn group_rows(columns: &[&Column], rows: usize) -> (Vec<u32>, Vec<u32>) {
    let mut groups: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut ids = Vec::with_capacity(rows);
    let mut firsts = Vec::new();
    let mut buf = Vec::new();
    for row in 0..rows {
        row_key(columns, row, &mut buf);
        // Look up by slice first: the key is copied only for a new group.
        let id = match groups.get(buf.as_slice()) {
            Some(&id) => id,
            None => {
                let id = firsts.len() as u32;
                groups.insert(buf.clone(), id);
                firsts.push(row as u32);
                id
            }
        };
        ids.push(id);
    }
    (ids, firsts)
}
