//! JSON inputs: an array of objects, JSONL (one object per line), and the Defender
//! advanced hunting API response.
//!
//! ```json
//! [{"Timestamp": "2026-05-09T12:00:00Z", "UrlCount": 2}, ...]
//! {"Timestamp": "2026-05-09T12:00:00Z", "UrlCount": 2}        (JSONL: one per line)
//! {"Schema": [{"Name": "Timestamp", "Type": "DateTime"}], "Results": [{...}, ...]}
//! ```
//!
//! Records are streamed through serde straight into the column builders: a field is
//! converted where it is read, fields of unwanted columns are skipped unparsed
//! (`IgnoredAny`), and no intermediate `serde_json::Value` is built.

use std::fmt;
use std::io::BufRead;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::schema::type_from_any_name;
use crate::table::{Field, Schema, Table};

use super::assemble::{Assembler, Issue};
use super::bad_rows::BadRowPolicy;
use super::error::{LoadError, Location};
use super::json_lenient::{ApiRecords, load_records_leniently, read_record};
use super::json_seed::{ApiSeed, Ctx, RecordSeed, RecordsSeed};
use super::{LoadOptions, finish, issue_error};

/// Turns a serde error into a load error. `src` is the text the deserializer read
/// and `line` the line number of its first line in the file.
pub(crate) fn json_error(
    e: &serde_json::Error,
    issue: Option<Issue>,
    path: &str,
    src: &[u8],
    line: usize,
) -> LoadError {
    let at_line = line + e.line().saturating_sub(1);
    let mut at = Location {
        path: path.to_string(),
        line: at_line.max(1),
        // serde_json says column 0 for a value rejected before any byte of it was read.
        column: Some(e.column().max(1)),
    };
    match issue {
        Some(issue) => {
            // serde reports the end of the value; point at its start when the field's
            // key is on the same line.
            let field = match &issue {
                Issue::Bad { field, .. } | Issue::Duplicate { field } => field.as_str(),
            };
            let text = src.split(|b| *b == b'\n').nth(e.line().saturating_sub(1));
            if let Some(start) = text.and_then(|t| value_start(t, e.column(), field)) {
                at.column = Some(start);
            }
            issue_error(issue, at)
        }
        None => {
            let full = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            LoadError::JsonSyntax {
                at,
                message: full.strip_suffix(&suffix).unwrap_or(&full).to_string(),
            }
        }
    }
}

/// The 1-based column where the value of `"field":` starts, searching the line
/// backwards from `end` (the 1-based column where the value ends).
fn value_start(line: &[u8], end: usize, field: &str) -> Option<usize> {
    let mut key = String::new();
    crate::value::json_text::push_json_string(&mut key, field);
    let before = line.get(..end.min(line.len()))?;
    let at = before
        .windows(key.len())
        .rposition(|w| w == key.as_bytes())?;
    let mut i = at + key.len();
    let skip_ws = |i: &mut usize| {
        while before.get(*i).is_some_and(u8::is_ascii_whitespace) {
            *i += 1;
        }
    };
    skip_ws(&mut i);
    if before.get(i) != Some(&b':') {
        return None;
    }
    i += 1;
    skip_ws(&mut i);
    (i < before.len()).then_some(i + 1)
}

/// Loads a whole JSON document: an array of records, an API response, or JSONL text.
pub(crate) fn load_json_bytes(
    bytes: &[u8],
    path: &str,
    opts: &LoadOptions,
) -> Result<Table, LoadError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => finish(opts.assembler(None, false), path),
        Some(b'[') => load_array(body, path, opts),
        Some(b'{') => {
            let mut first = serde_json::Deserializer::from_slice(body).into_iter::<Probe>();
            match first.next() {
                Some(Ok(p)) if p.results => load_api(body, path, opts, p.schema),
                _ => load_jsonl(body, path, opts),
            }
        }
        Some(_) => {
            // The place of the first value: its line and column.
            let start = body
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(0);
            let before = &body[..start];
            let line = 1 + before.iter().filter(|b| **b == b'\n').count();
            let line_start = before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            Err(LoadError::JsonSyntax {
                at: Location {
                    path: path.to_string(),
                    line,
                    column: Some(start - line_start + 1),
                },
                message: "expected an array of records or an object".into(),
            })
        }
    }
}

fn load_array(body: &[u8], path: &str, opts: &LoadOptions) -> Result<Table, LoadError> {
    if opts.bad_rows.policy != BadRowPolicy::Fail {
        let records: Vec<&RawValue> =
            serde_json::from_slice(body).map_err(|e| json_error(&e, None, path, body, 1))?;
        return load_records_leniently(body, &records, path, opts.assembler(None, false));
    }
    let mut asm = opts.assembler(None, false);
    let mut ctx = Ctx::new(&mut asm);
    let mut de = serde_json::Deserializer::from_slice(body);
    let result = RecordsSeed(&mut ctx)
        .deserialize(&mut de)
        .and_then(|()| de.end());
    if let Err(e) = result {
        return Err(json_error(&e, ctx.issue.take(), path, body, 1));
    }
    finish(asm, path)
}

/// Loads JSONL: one object per line; blank lines are ignored.
pub(crate) fn load_jsonl(
    mut reader: impl BufRead,
    path: &str,
    opts: &LoadOptions,
) -> Result<Table, LoadError> {
    let mut asm = opts.assembler(None, false);
    let lenient = opts.bad_rows.policy != BadRowPolicy::Fail;
    let mut ctx = Ctx::new(&mut asm);
    let mut buf = Vec::with_capacity(4096);
    let mut line_no = 0;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|source| LoadError::Io {
                path: path.to_string(),
                source,
            })?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let mut line: &[u8] = &buf;
        if line_no == 1 {
            line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        }
        // Without its line end, so an error at the end of the line is placed on it.
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if lenient {
            read_record(&mut ctx, line, path, line_no, 0)?;
            continue;
        }
        let mut de = serde_json::Deserializer::from_slice(line);
        let result = RecordSeed(&mut ctx)
            .deserialize(&mut de)
            .and_then(|()| de.end());
        if let Err(e) = result {
            return Err(json_error(&e, ctx.issue.take(), path, line, line_no));
        }
    }
    finish(asm, path)
}

/// Loads Kusto's `multijson`: JSON values one after another, each a record or an array
/// of records, with any whitespace (or none) between them and inside them.
pub(crate) fn load_multijson(
    body: &[u8],
    path: &str,
    opts: &LoadOptions,
) -> Result<Table, LoadError> {
    let mut asm = opts.assembler(None, false);
    let mut ctx = Ctx::new(&mut asm);
    let mut values = serde_json::Deserializer::from_slice(body).into_iter::<IgnoredAny>();
    let mut start = 0;
    loop {
        let line = 1 + body[..start].iter().filter(|b| **b == b'\n').count();
        match values.next() {
            None => break,
            Some(Err(e)) => return Err(json_error(&e, None, path, body, 1)),
            Some(Ok(_)) => {}
        }
        let end = values.byte_offset();
        let value = &body[start..end];
        let mut de = serde_json::Deserializer::from_slice(value);
        let result = match value.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'[') => RecordsSeed(&mut ctx).deserialize(&mut de),
            _ => RecordSeed(&mut ctx).deserialize(&mut de),
        }
        .and_then(|()| de.end());
        if let Err(e) = result {
            return Err(json_error(&e, ctx.issue.take(), path, value, line));
        }
        start = end;
    }
    finish(asm, path)
}

/// The Defender API response: the file's schema gives the types (after the caller's
/// schema, which wins for the columns it names).
fn load_api(
    body: &[u8],
    path: &str,
    opts: &LoadOptions,
    file_schema: Option<serde_json::Value>,
) -> Result<Table, LoadError> {
    let mut fields = opts.schema.clone().map(|s| s.fields).unwrap_or_default();
    for (name, ty) in api_schema(file_schema, path)? {
        if !fields.iter().any(|f| f.name == name) {
            fields.push(Field::new(name, ty));
        }
    }
    let schema = Schema::new(fields);
    let asm = Assembler::new(Some(&schema), opts.columns.as_deref(), None, false)
        .with_bad_rows(&opts.bad_rows);
    if opts.bad_rows.policy != BadRowPolicy::Fail {
        let response: ApiRecords<'_> =
            serde_json::from_slice(body).map_err(|e| json_error(&e, None, path, body, 1))?;
        return load_records_leniently(body, &response.0, path, asm);
    }
    let mut asm = asm;
    let mut ctx = Ctx::new(&mut asm);
    let mut de = serde_json::Deserializer::from_slice(body);
    let result = ApiSeed(&mut ctx)
        .deserialize(&mut de)
        .and_then(|()| de.end());
    if let Err(e) = result {
        return Err(json_error(&e, ctx.issue.take(), path, body, 1));
    }
    finish(asm, path)
}

/// `[{"Name": "Timestamp", "Type": "DateTime"}, ...]` (any key case).
fn api_schema(
    schema: Option<serde_json::Value>,
    path: &str,
) -> Result<Vec<(String, kql_parser::ast::ScalarType)>, LoadError> {
    let bad = |message: String| LoadError::Format {
        path: path.to_string(),
        message,
    };
    let Some(schema) = schema else {
        return Ok(Vec::new());
    };
    let cols = schema
        .as_array()
        .ok_or_else(|| bad("\"Schema\" is not an array".into()))?;
    let get = |o: &serde_json::Map<String, serde_json::Value>, k: &str| {
        o.iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(k))
            .and_then(|(_, v)| v.as_str().map(str::to_string))
    };
    let mut out = Vec::with_capacity(cols.len());
    for (i, c) in cols.iter().enumerate() {
        let o = c
            .as_object()
            .ok_or_else(|| bad(format!("\"Schema\" entry {i} is not an object")))?;
        let name =
            get(o, "Name").ok_or_else(|| bad(format!("\"Schema\" entry {i} has no \"Name\"")))?;
        let tname =
            get(o, "Type").ok_or_else(|| bad(format!("column `{name}` has no \"Type\"")))?;
        let ty = type_from_any_name(&tname)
            .ok_or_else(|| bad(format!("column `{name}` has the unknown type `{tname}`")))?;
        out.push((name, ty));
    }
    Ok(out)
}

/// The top-level keys of an object: is it an API response, and its schema.
struct Probe {
    results: bool,
    schema: Option<serde_json::Value>,
}

impl<'de> Deserialize<'de> for Probe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Probe, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Probe;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
                let mut p = Probe {
                    results: false,
                    schema: None,
                };
                while let Some(k) = map.next_key::<String>()? {
                    if k.eq_ignore_ascii_case("Schema") {
                        p.schema = Some(map.next_value()?);
                    } else {
                        p.results |= k.eq_ignore_ascii_case("Results");
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(p)
            }
        }
        d.deserialize_map(V)
    }
}
