//! The files behind `externaldata`: Kusto's ingestion formats, read into the schema the
//! query declares.
//!
//! ```kql
//! externaldata(Url:string, Seen:datetime) [@"https://host/feed.csv"] with (format="csv", ignoreFirstRecord=true)
//! ```
//!
//! Formats (Kusto's "data formats supported for ingestion"):
//! * `csv`, `tsv`, `psv` (`|`), `scsv` (`;`), `sohsv` (`\x01`): no header; field `i`
//!   fills declared column `i`. Every record must have as many fields as the first
//!   one kept (Kusto fails such a file too).
//!   `[U]` A file narrower than the schema leaves the last columns null; fields past the
//!   schema's columns are dropped.
//! * `txt`: each line is a record of one column; empty lines are skipped.
//! * `raw`: the whole file is one record of one column.
//! * `json`: JSON Lines (one object per line); `multijson`: objects, or arrays of
//!   objects, one after another, each may span lines. Fields map to the declared columns
//!   by name; other fields are ignored.
//!
//! `ignoreFirstRecord=true` drops the first record of each file. Values convert to the
//! declared types as in [`convert`](super::convert); one that does not is an error
//! naming the file, line and column. Compressed files (zip, gzip) are refused: give the
//! extracted file.

use crate::table::{Schema, Table};

use super::assemble::Assembler;
use super::convert::Raw;
use super::error::{LoadError, Location};
use super::{LoadOptions, csv, finish, issue_error, json};

/// An `externaldata` format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExternalFormat {
    Csv,
    Tsv,
    Psv,
    Scsv,
    Sohsv,
    Txt,
    Raw,
    Json,
    MultiJson,
}

impl ExternalFormat {
    /// The names `with (format=...)` accepts.
    pub const NAMES: [&'static str; 9] = [
        "csv",
        "tsv",
        "psv",
        "scsv",
        "sohsv",
        "txt",
        "raw",
        "json",
        "multijson",
    ];

    /// The format a `format=` value names (any case).
    pub fn from_name(name: &str) -> Option<ExternalFormat> {
        Some(match name.to_ascii_lowercase().as_str() {
            "csv" => ExternalFormat::Csv,
            "tsv" => ExternalFormat::Tsv,
            "psv" => ExternalFormat::Psv,
            "scsv" => ExternalFormat::Scsv,
            "sohsv" => ExternalFormat::Sohsv,
            "txt" => ExternalFormat::Txt,
            "raw" => ExternalFormat::Raw,
            "json" => ExternalFormat::Json,
            "multijson" => ExternalFormat::MultiJson,
            _ => return None,
        })
    }

    /// The format Kusto detects when `format` is not given: the extension of the URL's
    /// last path segment (before `?` or `#`, a `.gz` or `.zip` suffix removed), CSV when
    /// it names none.
    pub fn from_url(url: &str) -> ExternalFormat {
        let path = url.split(['?', '#']).next().unwrap_or(url);
        let mut name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
        for suffix in [".gz", ".zip"] {
            if let Some(stem) = name.strip_suffix(suffix) {
                name = stem.to_string();
            }
        }
        name.rsplit_once('.')
            .and_then(|(_, ext)| ExternalFormat::from_name(ext))
            .unwrap_or(ExternalFormat::Csv)
    }

    /// The format's name, as `format=` spells it.
    pub fn name(self) -> &'static str {
        match self {
            ExternalFormat::Csv => "csv",
            ExternalFormat::Tsv => "tsv",
            ExternalFormat::Psv => "psv",
            ExternalFormat::Scsv => "scsv",
            ExternalFormat::Sohsv => "sohsv",
            ExternalFormat::Txt => "txt",
            ExternalFormat::Raw => "raw",
            ExternalFormat::Json => "json",
            ExternalFormat::MultiJson => "multijson",
        }
    }

    /// Whether the format reads whole lines (or the whole file) into a single column.
    pub fn single_column(self) -> bool {
        matches!(self, ExternalFormat::Txt | ExternalFormat::Raw)
    }
}

/// Loads one `externaldata` file into `schema` (the declared columns, in order).
/// `origin` names the file in errors.
pub fn load_external(
    bytes: &[u8],
    format: ExternalFormat,
    origin: &str,
    schema: &Schema,
    ignore_first: bool,
) -> Result<Table, LoadError> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\x1f\x8b") {
        return Err(LoadError::Format {
            path: origin.to_string(),
            message: "the file is compressed (zip or gzip); extract it and give the extracted file"
                .into(),
        });
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let delimited =
        |delimiter| csv::load_csv_positional(body, delimiter, origin, schema, ignore_first);
    match format {
        ExternalFormat::Csv => delimited(b','),
        ExternalFormat::Tsv => delimited(b'\t'),
        ExternalFormat::Psv => delimited(b'|'),
        ExternalFormat::Scsv => delimited(b';'),
        ExternalFormat::Sohsv => delimited(1),
        ExternalFormat::Txt => load_lines(body, origin, schema, ignore_first),
        ExternalFormat::Raw => load_raw(body, origin, schema, ignore_first),
        ExternalFormat::Json | ExternalFormat::MultiJson => {
            let opts = LoadOptions {
                schema: Some(schema.clone()),
                columns: Some(schema.fields.iter().map(|f| f.name.clone()).collect()),
                ..LoadOptions::default()
            };
            let table = if format == ExternalFormat::Json {
                json::load_jsonl(body, origin, &opts)?
            } else {
                json::load_multijson(body, origin, &opts)?
            };
            if ignore_first && table.num_rows() > 0 {
                Ok(table.slice(1, table.num_rows() - 1))
            } else {
                Ok(table)
            }
        }
    }
}

/// `txt`: one record per non-empty line (a trailing `\r` dropped).
fn load_lines(
    body: &[u8],
    origin: &str,
    schema: &Schema,
    ignore_first: bool,
) -> Result<Table, LoadError> {
    let mut asm = Assembler::new(Some(schema), None, None, true);
    let mut skip = ignore_first;
    for (i, line) in body.split(|b| *b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() || std::mem::take(&mut skip) {
            continue;
        }
        push_text(&mut asm, line, origin, i + 1, schema)?;
    }
    finish(asm, origin)
}

/// `raw`: the whole file is one value.
fn load_raw(
    body: &[u8],
    origin: &str,
    schema: &Schema,
    ignore_first: bool,
) -> Result<Table, LoadError> {
    let mut asm = Assembler::new(Some(schema), None, None, true);
    if !ignore_first {
        push_text(&mut asm, body, origin, 1, schema)?;
    }
    finish(asm, origin)
}

/// One record whose first column is `text`.
fn push_text(
    asm: &mut Assembler,
    text: &[u8],
    origin: &str,
    line: usize,
    schema: &Schema,
) -> Result<(), LoadError> {
    let at = || Location {
        path: origin.to_string(),
        line,
        column: None,
    };
    let field = schema
        .fields
        .first()
        .map(|f| f.name.clone())
        .unwrap_or_default();
    let text = std::str::from_utf8(text).map_err(|_| LoadError::Utf8 {
        at: at(),
        field: field.clone(),
    })?;
    asm.push(0, Raw::Text(text))
        .map_err(|issue| issue_error(issue, at()))?;
    asm.end_row();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Field;
    use crate::value::Value;
    use kql_parser::ast::ScalarType;

    fn schema(fields: &[(&str, ScalarType)]) -> Schema {
        Schema::new(fields.iter().map(|(n, t)| Field::new(*n, *t)).collect())
    }

    #[test]
    fn format_from_url() {
        let f = ExternalFormat::from_url;
        assert_eq!(f("https://h/a/feed.txt"), ExternalFormat::Txt);
        assert_eq!(f("https://h/a/feed.csv.zip"), ExternalFormat::Csv);
        assert_eq!(f("https://h/a/drop.JSON?x=1"), ExternalFormat::Json);
        assert_eq!(f("https://h/a/list"), ExternalFormat::Csv);
        assert_eq!(f("https://h.example/"), ExternalFormat::Csv);
    }

    #[test]
    fn csv_is_positional() {
        let s = schema(&[("a", ScalarType::String), ("n", ScalarType::Long)]);
        let t = load_external(b"h1,h2\nx,1\ny,2\n", ExternalFormat::Csv, "f", &s, true).unwrap();
        assert_eq!(t.num_rows(), 2);
        assert_eq!(t.row(1), [Value::string("y"), Value::Long(2)]);
        let err = load_external(b"h1,h2\nx,1\n", ExternalFormat::Csv, "f", &s, false).unwrap_err();
        assert!(err.to_string().contains("f:1"), "{err}");
        // The skipped header may be narrower; the records may not differ.
        let t = load_external(b"h\nx,1\n", ExternalFormat::Csv, "f", &s, true).unwrap();
        assert_eq!(t.num_rows(), 1);
        let err = load_external(b"x,1\ny\n", ExternalFormat::Csv, "f", &s, false).unwrap_err();
        assert!(err.to_string().contains("f:2"), "{err}");
    }

    #[test]
    fn txt_skips_empty_lines() {
        let s = schema(&[("line", ScalarType::String)]);
        let t = load_external(b"a\r\n\nb,c\n", ExternalFormat::Txt, "f", &s, false).unwrap();
        assert_eq!(t.rows(), [[Value::string("a")], [Value::string("b,c")]]);
    }

    #[test]
    fn multijson_reads_objects_and_arrays() {
        let s = schema(&[("cidr", ScalarType::String)]);
        let text = b"{\"cidr\": \"1.0.0.0/8\", \"x\": 1}\n{\n \"cidr\": \"2.0.0.0/8\"}[{\"cidr\":\"3.0.0.0/8\"}]";
        let t = load_external(text, ExternalFormat::MultiJson, "f", &s, false).unwrap();
        assert_eq!(t.num_rows(), 3);
        assert_eq!(t.num_columns(), 1);
    }
}
