//! Writing rows as JSONL (one compact object a line, null numbers as `null`) or CSV
//! (a header line, fields quoted when they hold a quote, a comma or a line end, null
//! numbers as empty fields).

use std::io::{self, Write};

use crate::row::{COLUMNS, Cell, Row};

/// `"text"` with JSON escapes (non-ASCII written as it is).
fn json_string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            c if (c as u32) < 0x20 => {
                out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes())
            }
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out.push(b'"');
}

pub fn jsonl_row(out: &mut Vec<u8>, row: &Row) {
    out.push(b'{');
    for (i, (name, cell)) in COLUMNS.iter().zip(&row.0).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_string(out, name);
        out.push(b':');
        match cell {
            Cell::Str(s) => json_string(out, s),
            Cell::Int(Some(v)) => out.extend_from_slice(v.to_string().as_bytes()),
            Cell::Int(None) => out.extend_from_slice(b"null"),
        }
    }
    out.extend_from_slice(b"}\n");
}

fn csv_field(out: &mut Vec<u8>, s: &str) {
    if s.contains(['"', ',', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(s.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

pub fn csv_header(out: &mut Vec<u8>) {
    out.extend_from_slice(COLUMNS.join(",").as_bytes());
    out.push(b'\n');
}

pub fn csv_row(out: &mut Vec<u8>, row: &Row) {
    for (i, cell) in row.0.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match cell {
            Cell::Str(s) => csv_field(out, s),
            Cell::Int(Some(v)) => out.extend_from_slice(v.to_string().as_bytes()),
            Cell::Int(None) => {}
        }
    }
    out.push(b'\n');
}

/// Writes `buf` out when it holds more than a megabyte.
pub fn flush_if_full(w: &mut impl Write, buf: &mut Vec<u8>) -> io::Result<()> {
    if buf.len() > 1 << 20 {
        w.write_all(buf)?;
        buf.clear();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        let mut row = Row::new();
        row.set(crate::row::SUBJECT, "RE: \"x\", y\u{1}é");
        row.set_int(crate::row::BULK_COMPLAINT, None);
        let mut j = Vec::new();
        jsonl_row(&mut j, &row);
        let j = String::from_utf8(j).unwrap();
        assert!(j.contains(r#""Subject":"RE: \"x\", y\u0001é""#), "{j}");
        assert!(j.contains(r#""BulkComplaintLevel":null"#));
        assert!(j.ends_with("}\n"));
        let mut c = Vec::new();
        csv_row(&mut c, &row);
        let c = String::from_utf8(c).unwrap();
        assert!(c.contains(",\"RE: \"\"x\"\", y\u{1}é\","), "{c}");
        assert_eq!(c.matches(',').count(), 38 + 1);
    }
}
