//! CSV (and TSV) with a header row, as Log Analytics, Defender and the bench generator
//! write it.
//!
//! ```csv
//! "TimeGenerated [UTC]",Subject,UrlCount
//! "2/25/2025, 9:19:25.391 AM","RE: ""quoted"", and
//! a second line",3
//! ```
//!
//! Quoted fields (with `""` escapes, separators and newlines inside), CRLF or LF line
//! ends and a UTF-8 byte order mark are read. Header names drop an export suffix in
//! brackets: `TimeGenerated [UTC]` and `Timestamp [Local Time]` name the columns
//! `TimeGenerated` and `Timestamp` (local times are read as they are: the file does not
//! say which zone they are in). An empty field is null (`""` for strings).

use std::io::Read;

use csv::{ByteRecord, ErrorKind, ReaderBuilder};

use crate::table::{Schema, Table};

use super::assemble::{Assembler, Target};
use super::convert::Raw;
use super::csv_place::CsvSource;
use super::error::{LoadError, Location, show_value};
use super::{LoadOptions, finish, issue_error};

/// `TimeGenerated [UTC]` -> `TimeGenerated`; surrounding whitespace and a BOM dropped.
pub(crate) fn header_name(raw: &str) -> String {
    let t = raw.trim_start_matches('\u{feff}').trim();
    if t.ends_with(']')
        && let Some(i) = t.rfind(" [")
        && i > 0
    {
        return t[..i].trim_end().to_string();
    }
    t.to_string()
}

fn csv_error(e: csv::Error, path: &str) -> LoadError {
    let line = e.position().map_or(0, |p| p.line() as usize);
    let at = Location {
        path: path.to_string(),
        line,
        column: None,
    };
    match e.into_kind() {
        ErrorKind::Io(source) => LoadError::Io {
            path: path.to_string(),
            source,
        },
        ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => LoadError::CsvSyntax {
            at,
            message: format!("the record has {len} fields but the header has {expected_len}"),
        },
        other => LoadError::CsvSyntax {
            at,
            message: format!("{other:?}"),
        },
    }
}

/// Loads CSV from a reader; `delimiter` is `b','` (or `b'\t'` for TSV). `source` is
/// the same text again, for the columns that errors name ([`csv_place`](super::csv_place)).
pub(crate) fn load_csv(
    reader: impl Read,
    delimiter: u8,
    path: &str,
    opts: &LoadOptions,
    source: &CsvSource<'_>,
) -> Result<Table, LoadError> {
    let mut rdr = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(reader);
    let header = rdr.byte_headers().map_err(|e| csv_error(e, path))?.clone();
    let place = |offset: u64, line: usize, field: usize| {
        let p = source.field(offset, field, delimiter);
        Location {
            path: path.to_string(),
            line: p.map_or(line, |p| p.line),
            column: p.map(|p| p.column),
        }
    };
    let names = header_names(&header, |field| place(0, 1, field))?;
    // A file with nothing in it has no header: an empty table.
    let names = if names.len() == 1 && names[0].is_empty() && rdr.is_done() {
        Vec::new()
    } else {
        names
    };
    check_header(&names, opts, || place(0, 1, 0))?;
    let mut asm = opts.assembler(Some(&names), true);
    let targets: Vec<Target> = names.iter().map(|n| asm.resolve(n)).collect();
    let mut record = ByteRecord::new();
    let mut last = None;
    while rdr
        .read_byte_record(&mut record)
        .map_err(|e| csv_error(e, path))?
    {
        let (offset, line) = record
            .position()
            .map_or((0, 0), |p| (p.byte(), p.line() as usize));
        last = None;
        if record.len() != names.len() {
            let err = match open_quote(source, offset, delimiter, path) {
                Some(at) => unclosed(at),
                None => LoadError::CsvSyntax {
                    at: place(offset, line, record.len().min(names.len())),
                    message: format!(
                        "the record has {} fields but the header has {}",
                        record.len(),
                        names.len()
                    ),
                },
            };
            asm.bad_record(err)?;
            continue;
        }
        for (i, (field, target)) in record.iter().zip(&targets).enumerate() {
            let Target::Slot(slot) = *target else {
                continue;
            };
            let Ok(text) = std::str::from_utf8(field) else {
                let err = LoadError::Utf8 {
                    at: place(offset, line, i),
                    field: names[i].clone(),
                };
                asm.bad_cell(slot, err)?;
                continue;
            };
            if let Err(issue) = asm.push(slot, Raw::Text(text)) {
                asm.bad_cell(slot, issue_error(issue, place(offset, line, i)))?;
            }
        }
        asm.end_row();
        last = Some(offset);
    }
    // A quote never closed swallows the rest of the file into the last record.
    if let Some(offset) = last
        && let Some(at) = open_quote(source, offset, delimiter, path)
    {
        asm.bad_record(unclosed(at))?;
        asm.drop_last_row();
    }
    finish(asm, path)
}

/// The header's names, export suffixes dropped; each must be UTF-8 and unique.
pub(super) fn header_names(
    header: &ByteRecord,
    place: impl Fn(usize) -> Location,
) -> Result<Vec<String>, LoadError> {
    let mut names: Vec<String> = Vec::with_capacity(header.len());
    for (i, h) in header.iter().enumerate() {
        let text = std::str::from_utf8(h).map_err(|_| LoadError::Utf8 {
            at: place(i),
            field: format!("header cell {}", i + 1),
        })?;
        let name = header_name(text);
        if names.contains(&name) {
            return Err(LoadError::DuplicateColumn {
                at: place(i),
                column: name,
            });
        }
        names.push(name);
    }
    Ok(names)
}

/// A header that names none of the schema's columns is not a header (a file without
/// one, or the wrong table's file): loading it would give a table of nulls.
pub(super) fn check_header(
    names: &[String],
    opts: &LoadOptions,
    at: impl Fn() -> Location,
) -> Result<(), LoadError> {
    let Some(schema) = &opts.schema else {
        return Ok(());
    };
    if names.is_empty() || schema.fields.is_empty() {
        return Ok(());
    }
    let known = |n: &String| {
        schema.index_of(n).is_some() || crate::schema::time_column_alias(schema, n).is_some()
    };
    if names.iter().any(known) {
        return Ok(());
    }
    let expected: Vec<&str> = schema
        .fields
        .iter()
        .take(4)
        .map(|f| f.name.as_str())
        .collect();
    Err(LoadError::WrongHeader {
        at: at(),
        first: show_value(&names[0], true),
        expected: expected.join(","),
    })
}

fn open_quote(source: &CsvSource<'_>, offset: u64, delimiter: u8, path: &str) -> Option<Location> {
    let p = source.open_quote(offset, delimiter)?;
    Some(Location {
        path: path.to_string(),
        line: p.line,
        column: Some(p.column),
    })
}

/// A quoted field that never ends.
fn unclosed(at: Location) -> LoadError {
    LoadError::CsvSyntax {
        at,
        message: "this quote is never closed, so the rest of the file is one field".into(),
    }
}

/// Loads headerless CSV (`externaldata`): field `i` of each record fills column `i` of
/// `schema`. Every record must be as wide as the first kept one. `[U]` A file narrower
/// than the schema leaves the last columns null, and fields past the schema's columns
/// are dropped. `skip_first` drops the first record (`ignoreFirstRecord=true`: a header
/// line), whatever its width.
pub(crate) fn load_csv_positional(
    reader: impl Read,
    delimiter: u8,
    path: &str,
    schema: &Schema,
    skip_first: bool,
) -> Result<Table, LoadError> {
    let mut rdr = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut asm = Assembler::new(Some(schema), None, None, true);
    let width = schema.fields.len();
    let mut record = ByteRecord::new();
    let mut first = skip_first;
    let mut expected: Option<usize> = None;
    while rdr
        .read_byte_record(&mut record)
        .map_err(|e| csv_error(e, path))?
    {
        if std::mem::take(&mut first) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        // Kusto fails a CSV whose records differ in width (Stream_WrongNumberOfFields);
        // the skipped first record does not count.
        match expected {
            None => expected = Some(record.len()),
            Some(n) if n != record.len() => {
                return Err(LoadError::CsvSyntax {
                    at: Location {
                        path: path.to_string(),
                        line,
                        column: None,
                    },
                    message: format!(
                        "the record has {} fields but the first record has {n}",
                        record.len()
                    ),
                });
            }
            Some(_) => {}
        }
        for (slot, field) in record.iter().enumerate().take(width) {
            let at = || Location {
                path: path.to_string(),
                line,
                column: None,
            };
            let text = std::str::from_utf8(field).map_err(|_| LoadError::Utf8 {
                at: at(),
                field: schema.fields[slot].name.clone(),
            })?;
            asm.push(slot, Raw::Text(text))
                .map_err(|issue| issue_error(issue, at()))?;
        }
        asm.end_row();
    }
    finish(asm, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_header_suffixes() {
        assert_eq!(header_name("TimeGenerated [UTC]"), "TimeGenerated");
        assert_eq!(header_name("\u{feff}Timestamp [Local Time]"), "Timestamp");
        assert_eq!(header_name(" Subject "), "Subject");
        assert_eq!(header_name("[x]"), "[x]");
        assert_eq!(header_name("a[b]"), "a[b]");
    }
}
