//! Where a CSV field is: the line and column an error names. The `csv` crate gives
//! the byte offset and line of each record; the column of a field inside it is found
//! here, only when there is an error to report, by reading the record's raw text again
//! (from the bytes, or by reopening the file), so loading stays one fast pass.
//!
//! ```text
//! a,b,c
//! 1,"x, y",three        field 2 of line 2 starts at column 10
//! ```

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::PathBuf;

/// The raw text a CSV load reads, for finding places in it again.
#[derive(Debug, Clone)]
pub(crate) enum CsvSource<'a> {
    /// The text itself (a byte order mark already removed).
    Bytes(&'a [u8]),
    /// A file, whose first `skip` bytes (a byte order mark) the reader did not see.
    File { path: PathBuf, skip: u64 },
}

/// A place in the text: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// What to look for in a record.
#[derive(Debug, Clone, Copy)]
enum Goal {
    /// The start of field `n` (0-based); past the last field, the record's end.
    Field(usize),
    /// A quote that is still open at the end of the text.
    OpenQuote,
}

impl CsvSource<'_> {
    /// Where field `field` (0-based) of the record at byte `offset`, line `line`
    /// starts; `None` when the text cannot be read again.
    pub(crate) fn field(&self, offset: u64, line: usize, field: usize, delim: u8) -> Option<Place> {
        self.scan(offset, line, delim, Goal::Field(field))
    }

    /// Where the quote that the record at `offset` leaves open begins, if it does.
    pub(crate) fn open_quote(&self, offset: u64, line: usize, delim: u8) -> Option<Place> {
        self.scan(offset, line, delim, Goal::OpenQuote)
    }

    fn scan(&self, offset: u64, line: usize, delim: u8, goal: Goal) -> Option<Place> {
        match self {
            CsvSource::Bytes(b) => {
                let start = usize::try_from(offset).ok()?.min(b.len());
                scan(b[start..].iter().copied(), line, delim, goal)
            }
            CsvSource::File { path, skip } => {
                let mut file = File::open(path).ok()?;
                file.seek(SeekFrom::Start(offset.checked_add(*skip)?))
                    .ok()?;
                let bytes = BufReader::with_capacity(1 << 16, file).bytes();
                scan(bytes.map_while(Result::ok), line, delim, goal)
            }
        }
    }
}

/// Walks a record's bytes (RFC 4180 quoting) to the goal.
fn scan(bytes: impl Iterator<Item = u8>, line: usize, delim: u8, goal: Goal) -> Option<Place> {
    let mut at = Place { line, column: 1 };
    let mut field = 0;
    let mut in_quotes = false;
    let mut quote_at = at;
    let mut field_start = true;
    if let Goal::Field(0) = goal {
        return Some(at);
    }
    for b in bytes {
        if in_quotes {
            in_quotes = b != b'"';
        } else if b == b'"' {
            in_quotes = true;
            if field_start {
                quote_at = at;
            }
        } else if b == b'\n' || b == b'\r' {
            // The record ended: before the field sought, or with every quote closed.
            return match goal {
                Goal::Field(_) => Some(at),
                Goal::OpenQuote => None,
            };
        }
        field_start = false;
        let delimiter = !in_quotes && b == delim;
        if b == b'\n' {
            at.line += 1;
            at.column = 1;
        } else if b & 0xC0 != 0x80 {
            at.column += 1;
        }
        if delimiter {
            field += 1;
            field_start = true;
            if let Goal::Field(n) = goal
                && field == n
            {
                return Some(at);
            }
        }
    }
    match goal {
        Goal::Field(_) => Some(at),
        Goal::OpenQuote => in_quotes.then_some(quote_at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(line: usize, column: usize) -> Option<Place> {
        Some(Place { line, column })
    }

    #[test]
    fn fields_after_quotes_and_multibyte_text() {
        let text = b"a,b,c\n1,\"x, \"\"y\"\"\",three\n\xc3\xbc,\"l1\nl2\",z\n";
        let src = CsvSource::Bytes(text);
        assert_eq!(src.field(6, 2, 0, b','), place(2, 1));
        assert_eq!(src.field(6, 2, 1, b','), place(2, 3));
        assert_eq!(src.field(6, 2, 2, b','), place(2, 14));
        // Past the last field: the end of the record.
        assert_eq!(src.field(6, 2, 3, b','), place(2, 19));
        let third = 25;
        assert_eq!(src.field(third, 3, 1, b','), place(3, 3));
        assert_eq!(src.field(third, 3, 2, b','), place(4, 5));
        assert_eq!(src.open_quote(third, 3, b','), None);
    }

    #[test]
    fn an_open_quote_is_found() {
        let text = b"a,b\n1,\"x\n2,3\n";
        let src = CsvSource::Bytes(text);
        assert_eq!(src.open_quote(4, 2, b','), place(2, 3));
        // A record before it ends with its quotes closed.
        let text = b"a,b\n1\n2,\"x\n";
        assert_eq!(CsvSource::Bytes(text).open_quote(4, 2, b','), None);
        assert_eq!(CsvSource::Bytes(text).open_quote(6, 3, b','), place(3, 3));
    }
}
