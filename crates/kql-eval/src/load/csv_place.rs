//! Where a CSV field is: the line and column an error names. The `csv` crate gives
//! the byte offset and line of each record; the column of a field inside it is found
//! here, only when there is an error to report, by reading the record's raw text again
//! (from the bytes, or by reopening the file), so loading stays one fast pass.
//!
//! ```text
//! a,b,c
//! 1,"x, y",three        field 2 of line 2 starts at column 10
//! ```

use std::cell::Cell;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::PathBuf;

/// The raw text a CSV load reads, for finding places in it again.
#[derive(Debug, Clone)]
pub(crate) struct CsvSource<'a> {
    text: Text<'a>,
    /// The last offset whose line is known, and that line: places are asked for in
    /// file order, so counting lines from here keeps the total work linear.
    cursor: Cell<(u64, usize)>,
}

#[derive(Debug, Clone)]
enum Text<'a> {
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

impl<'a> CsvSource<'a> {
    /// The text itself (a byte order mark already removed).
    pub(crate) fn bytes(bytes: &'a [u8]) -> CsvSource<'a> {
        CsvSource::new(Text::Bytes(bytes))
    }

    /// A file, whose first `skip` bytes (a byte order mark) the reader did not see.
    pub(crate) fn file(path: PathBuf, skip: u64) -> CsvSource<'a> {
        CsvSource::new(Text::File { path, skip })
    }

    fn new(text: Text<'a>) -> CsvSource<'a> {
        CsvSource {
            text,
            cursor: Cell::new((0, 1)),
        }
    }

    /// Where field `field` (0-based) of the record at byte `offset` starts; `None`
    /// when the text cannot be read again.
    pub(crate) fn field(&self, offset: u64, field: usize, delim: u8) -> Option<Place> {
        let offset = self.record_start(offset)?;
        let p = scan(self.read_from(offset)?, 1, delim, Goal::Field(field))?;
        self.in_file(offset, p)
    }

    /// Where the quote that the record at `offset` leaves open begins, if it does.
    /// (Lines are counted only when it does: this runs on every file's last record.)
    pub(crate) fn open_quote(&self, offset: u64, delim: u8) -> Option<Place> {
        let offset = self.record_start(offset)?;
        let p = scan(self.read_from(offset)?, 1, delim, Goal::OpenQuote)?;
        self.in_file(offset, p)
    }

    /// The `csv` crate places a record after CRLF at the `\n` before it: skip it.
    fn record_start(&self, offset: u64) -> Option<u64> {
        let ends = self
            .read_from(offset)?
            .take_while(|b| *b == b'\n' || *b == b'\r')
            .count();
        Some(offset + ends as u64)
    }

    /// A place relative to the record at `offset` (its first line is 1) in the file.
    fn in_file(&self, offset: u64, p: Place) -> Option<Place> {
        Some(Place {
            line: self.line_of(offset)? + p.line - 1,
            column: p.column,
        })
    }

    /// The line of byte `offset` (the `csv` crate miscounts lines ended by CRLF).
    fn line_of(&self, offset: u64) -> Option<usize> {
        let (mut at, mut line) = self.cursor.get();
        if offset < at {
            (at, line) = (0, 1);
        }
        let newlines = self
            .read_from(at)?
            .take(usize::try_from(offset - at).ok()?)
            .filter(|b| *b == b'\n')
            .count();
        line += newlines;
        self.cursor.set((offset, line));
        Some(line)
    }

    /// The text from byte `offset` on.
    fn read_from(&self, offset: u64) -> Option<Box<dyn Iterator<Item = u8> + 'a>> {
        match &self.text {
            Text::Bytes(b) => {
                let start = usize::try_from(offset).ok()?.min(b.len());
                Some(Box::new(b[start..].iter().copied()))
            }
            Text::File { path, skip } => {
                let mut file = File::open(path).ok()?;
                file.seek(SeekFrom::Start(offset.checked_add(*skip)?))
                    .ok()?;
                let bytes = BufReader::with_capacity(1 << 16, file).bytes();
                Some(Box::new(bytes.map_while(Result::ok)))
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
        let src = CsvSource::bytes(text);
        assert_eq!(src.field(6, 0, b','), place(2, 1));
        assert_eq!(src.field(6, 1, b','), place(2, 3));
        assert_eq!(src.field(6, 2, b','), place(2, 14));
        // Past the last field: the end of the record.
        assert_eq!(src.field(6, 3, b','), place(2, 19));
        let third = 25;
        assert_eq!(src.field(third, 1, b','), place(3, 3));
        assert_eq!(src.field(third, 2, b','), place(4, 5));
        assert_eq!(src.open_quote(third, b','), None);
        // Asked out of order, lines are counted again from the start.
        assert_eq!(src.field(0, 1, b','), place(1, 3));
    }

    #[test]
    fn an_open_quote_is_found() {
        let text = b"a,b\n1,\"x\n2,3\n";
        let src = CsvSource::bytes(text);
        assert_eq!(src.open_quote(4, b','), place(2, 3));
        // A record before it ends with its quotes closed; CRLF lines count once.
        let text = b"a,b\r\n1\r\n2,\"x\r\n";
        let src = CsvSource::bytes(text);
        assert_eq!(src.open_quote(5, b','), None);
        assert_eq!(src.open_quote(8, b','), place(3, 3));
        // As the `csv` crate gives it, at the `\n` before the record.
        assert_eq!(src.open_quote(7, b','), place(3, 3));
    }
}
