//! Results as a GitHub-flavoured Markdown table.

use std::io::{self, Write};

use kql_eval::table::Table;

/// Writes `table` as a Markdown table: a `Name:type` header, a rule, one line per row.
/// A table without columns is written as a note.
pub fn write_table(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    let (header, rows) = super::cells(table);
    if header.is_empty() {
        return writeln!(out, "_(no columns)_");
    }
    let line = |cells: &[String], out: &mut dyn Write| -> io::Result<()> {
        let escaped: Vec<String> = cells.iter().map(|c| escape(c)).collect();
        writeln!(out, "| {} |", escaped.join(" | "))
    };
    line(&header, out)?;
    writeln!(out, "|{}", " --- |".repeat(header.len()))?;
    for row in &rows {
        line(row, out)?;
    }
    Ok(())
}

/// Escapes a cell so it stays in its column: `|` and `\` get a backslash, line breaks
/// become `<br>`, and characters Markdown would format are escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("<br>");
                }
            }
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stay_in_their_column() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("line1\r\nline2\nline3"), "line1<br>line2<br>line3");
        assert_eq!(escape("[x](y) *z*"), "\\[x\\](y) \\*z\\*");
        assert_eq!(escape("plain.com"), "plain.com");
    }
}
