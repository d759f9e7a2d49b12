//! Loading tables from files: CSV/TSV, JSON arrays, JSONL and Defender API responses.
//!
//! ```
//! use kql_eval::load::{DataFormat, LoadOptions, load_from_str};
//! use kql_eval::schema::{SchemaCatalog, SchemaVariant};
//! use kql_eval::value::Value;
//!
//! let schema = SchemaCatalog::builtin(SchemaVariant::AdvancedHunting)
//!     .get("EmailUrlInfo")
//!     .cloned();
//! let opts = LoadOptions {
//!     schema,
//!     columns: Some(vec!["Url".into(), "UrlChainPosition".into()]),
//!     ..LoadOptions::default()
//! };
//! let jsonl = r#"{"Timestamp":"2026-05-09T12:00:00Z","Url":"https://x.test","UrlChainPosition":0}"#;
//! let t = load_from_str(jsonl, DataFormat::Jsonl, "urls.jsonl", &opts).unwrap();
//! assert_eq!(t.schema().to_string(), "(Url:string, UrlChainPosition:int)");
//! assert_eq!(t.row(0), [Value::string("https://x.test"), Value::Int(0)]);
//! ```
//!
//! The format comes from the extension (`.csv`, `.tsv`, `.jsonl`/`.ndjson`, `.json`),
//! and for `.json` (or an unknown extension) from the content: `[` is an array of
//! records, `{` an API response when it has a `Results` key and JSONL otherwise,
//! anything else CSV. Values are converted to the schema's types as described in
//! [`convert`]; columns without a schema get types as described in [`infer`]; how file
//! columns map to table columns is described in [`assemble`]. An empty file is an
//! empty table with the schema's columns.

pub mod assemble;
pub mod bad_rows;
mod blocks;
pub mod convert;
mod csv;
mod csv_blocks;
mod csv_place;
mod error;
pub mod external;
pub mod infer;
mod json;
mod json_lenient;
mod json_seed;
mod json_strings;
mod jsonl_scan;
mod progress;

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

pub use bad_rows::{BadRow, BadRowAction, BadRowLog, BadRowPolicy, BadRows};
pub use error::{LoadError, Location};
pub use external::{ExternalFormat, load_external};
pub use progress::{CountingReader, LoadProgress};

use crate::table::{Schema, Table};
use assemble::{Assembler, Issue};
use csv_place::CsvSource;
use error::conversion_help;

/// How to load a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// The table's schema: its columns come first, with its types. `None`: every
    /// column's type is inferred.
    pub schema: Option<Schema>,
    /// Load only these columns (`None`: all). Other fields are skipped while parsing.
    pub columns: Option<Vec<String>>,
    /// What to do with a row that does not fit (`--bad-rows`), and where to log it.
    pub bad_rows: BadRows,
}

impl LoadOptions {
    /// An assembler for this load: its schema, wanted columns and bad-row policy.
    pub(crate) fn assembler(&self, file_names: Option<&[String]>, text_fields: bool) -> Assembler {
        Assembler::new(
            self.schema.as_ref(),
            self.columns.as_deref(),
            file_names,
            text_fields,
        )
        .with_bad_rows(&self.bad_rows)
    }
}

/// A file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DataFormat {
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// An array of records, a Defender API response, or JSONL text (told apart by
    /// content).
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Decided from the content.
    Auto,
}

impl DataFormat {
    /// The format a file's extension names; `Auto` when it names none.
    pub fn from_path(path: &Path) -> DataFormat {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        DataFormat::from_name(&ext).unwrap_or(DataFormat::Auto)
    }

    /// `csv`, `tsv`, `json`, `jsonl` / `ndjson`, `auto`.
    pub fn from_name(name: &str) -> Option<DataFormat> {
        Some(match name.to_ascii_lowercase().as_str() {
            "csv" => DataFormat::Csv,
            "tsv" | "tab" => DataFormat::Tsv,
            "json" => DataFormat::Json,
            "jsonl" | "ndjson" | "jsonlines" => DataFormat::Jsonl,
            "auto" => DataFormat::Auto,
            _ => return None,
        })
    }
}

/// Loads a file, its format taken from the extension (and the content for `.json`).
pub fn load_table(path: &Path, opts: &LoadOptions) -> Result<Table, LoadError> {
    load_table_as(path, DataFormat::from_path(path), opts)
}

/// Loads a file in a given format. CSV, TSV and JSONL are streamed; JSON and `Auto`
/// files are read whole.
pub fn load_table_as(
    path: &Path,
    format: DataFormat,
    opts: &LoadOptions,
) -> Result<Table, LoadError> {
    load_table_counted(path, format, opts, None)
}

/// As [`load_table_as`], advancing `progress` (if any) as bytes are read.
pub fn load_table_counted(
    path: &Path,
    format: DataFormat,
    opts: &LoadOptions,
    progress: Option<&LoadProgress>,
) -> Result<Table, LoadError> {
    let name = path.display().to_string();
    let io = |source| LoadError::Io {
        path: name.clone(),
        source,
    };
    let file = File::open(path).map_err(io)?;
    let unused = std::sync::atomic::AtomicU64::new(0);
    let counter = match progress {
        Some(p) => {
            p.start(&name, file.metadata().map(|m| m.len()).unwrap_or(0));
            &p.bytes_read
        }
        None => &unused,
    };
    let before = counter.load(std::sync::atomic::Ordering::Relaxed);
    let in_blocks = match format {
        DataFormat::Jsonl => load_jsonl_in_blocks(path, &file, opts, counter),
        DataFormat::Csv => csv_blocks::load_csv_in_blocks(path, b',', opts, counter),
        DataFormat::Tsv => csv_blocks::load_csv_in_blocks(path, b'\t', opts, counter),
        _ => None,
    };
    if let Some(table) = in_blocks {
        return Ok(table);
    }
    // The sequential reader counts the bytes again.
    counter.store(before, std::sync::atomic::Ordering::Relaxed);
    let file = CountingReader::new(file, counter);
    match format {
        DataFormat::Csv | DataFormat::Tsv | DataFormat::Jsonl => {
            let mut reader = BufReader::with_capacity(1 << 20, file);
            let bom = skip_bom(&mut reader).map_err(io)?;
            let source = CsvSource::file(path.to_path_buf(), if bom { 3 } else { 0 });
            match format {
                DataFormat::Jsonl => json::load_jsonl(reader, &name, opts),
                DataFormat::Tsv => csv::load_csv(reader, b'\t', &name, opts, &source),
                _ => csv::load_csv(reader, b',', &name, opts, &source),
            }
        }
        DataFormat::Json | DataFormat::Auto => {
            let mut bytes = Vec::new();
            let mut file = file;
            file.read_to_end(&mut bytes).map_err(io)?;
            load_from_bytes(&bytes, format, &name, opts)
        }
    }
}

/// JSONL on every core ([`blocks`], [`jsonl_scan`]), for a file of a known schema
/// loaded under `--bad-rows fail`; `None` when that does not apply or the file needs
/// the sequential reader (which then reads it from the start and reports any error).
fn load_jsonl_in_blocks(
    path: &Path,
    file: &File,
    opts: &LoadOptions,
    counter: &std::sync::atomic::AtomicU64,
) -> Option<Table> {
    if opts.bad_rows.policy != BadRowPolicy::Fail || opts.schema.is_none() {
        return None;
    }
    let len = file.metadata().ok()?.len();
    if len == 0 {
        return None;
    }
    let parse = |body: &[u8], first: bool| {
        let body = if first {
            body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body)
        } else {
            body
        };
        let mut asm = opts.assembler(None, false);
        jsonl_scan::Scanner::default()
            .records(body, &mut asm)
            .ok()?;
        asm.finish().ok()
    };
    blocks::load_blocks(path, 0, len, counter, &parse)
}

/// Loads a table from bytes; `origin` names the data in errors.
pub fn load_from_bytes(
    bytes: &[u8],
    format: DataFormat,
    origin: &str,
    opts: &LoadOptions,
) -> Result<Table, LoadError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let source = CsvSource::bytes(body);
    match format {
        DataFormat::Csv => csv::load_csv(body, b',', origin, opts, &source),
        DataFormat::Tsv => csv::load_csv(body, b'\t', origin, opts, &source),
        DataFormat::Jsonl => json::load_jsonl(body, origin, opts),
        DataFormat::Json => json::load_json_bytes(body, origin, opts),
        DataFormat::Auto => match body.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'[' | b'{') | None => json::load_json_bytes(body, origin, opts),
            Some(_) => csv::load_csv(body, b',', origin, opts, &source),
        },
    }
}

/// [`load_from_bytes`] for text.
pub fn load_from_str(
    text: &str,
    format: DataFormat,
    origin: &str,
    opts: &LoadOptions,
) -> Result<Table, LoadError> {
    load_from_bytes(text.as_bytes(), format, origin, opts)
}

/// Skips a UTF-8 byte order mark at the start of a reader; says whether there was one.
fn skip_bom(reader: &mut impl BufRead) -> std::io::Result<bool> {
    if reader.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
        return Ok(true);
    }
    Ok(false)
}

/// The load error for a field problem at a place.
fn issue_error(issue: Issue, at: Location) -> LoadError {
    match issue {
        Issue::Bad { field, err } => LoadError::BadValue {
            at,
            field,
            value: err.value,
            expected: err.expected,
            help: conversion_help(err.expected),
        },
        Issue::Duplicate { field } => LoadError::DuplicateField { at, field },
    }
}

/// The finished table (a failure here would be a loader bug, reported, not panicked).
fn finish(asm: Assembler, path: &str) -> Result<Table, LoadError> {
    asm.finish().map_err(|e| LoadError::Format {
        path: path.to_string(),
        message: format!("internal error while building the table: {e}"),
    })
}
