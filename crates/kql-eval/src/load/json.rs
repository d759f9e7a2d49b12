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

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::schema::type_from_any_name;
use crate::table::{Field, Schema, Table};
use crate::value::{Dynamic, JsonError};

use super::assemble::{Assembler, Issue, Target};
use super::convert::Raw;
use super::error::{LoadError, Location};
use super::{LoadOptions, finish, issue_error};

/// Marker message of the serde error raised when a field does not convert; the real
/// error is in [`Ctx::issue`].
const ISSUE: &str = "kql: field conversion failed";

struct Ctx<'a> {
    asm: &'a mut Assembler,
    issue: Option<Issue>,
}

/// Turns a serde error into a load error at `line` (0: use the error's own line).
fn json_error(e: &serde_json::Error, issue: Option<Issue>, path: &str, line: usize) -> LoadError {
    let at = Location {
        path: path.to_string(),
        line: if line == 0 { e.line() } else { line },
        column: Some(e.column()),
    };
    match issue {
        Some(issue) => issue_error(issue, at),
        None => LoadError::JsonSyntax {
            at,
            message: JsonError::from(serde_json::Error::io(std::io::Error::other(
                e.to_string(),
            )))
            .message
            .replace(&format!(" at line {} column {}", e.line(), e.column()), ""),
        },
    }
}

/// Loads a whole JSON document: an array of records, an API response, or JSONL text.
pub(crate) fn load_json_bytes(
    bytes: &[u8],
    path: &str,
    opts: &LoadOptions,
) -> Result<Table, LoadError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => finish(Assembler::new(opts.schema.as_ref(), opts.columns.as_deref(), None, false), path),
        Some(b'[') => load_array(body, path, opts),
        Some(b'{') => {
            let mut first = serde_json::Deserializer::from_slice(body).into_iter::<Probe>();
            match first.next() {
                Some(Ok(p)) if p.results => load_api(body, path, opts, p.schema),
                _ => load_jsonl(body, path, opts),
            }
        }
        Some(_) => Err(LoadError::Format {
            path: path.to_string(),
            message: "the JSON is neither an array of records nor an object".into(),
        }),
    }
}

fn load_array(body: &[u8], path: &str, opts: &LoadOptions) -> Result<Table, LoadError> {
    let mut asm = Assembler::new(opts.schema.as_ref(), opts.columns.as_deref(), None, false);
    let mut ctx = Ctx {
        asm: &mut asm,
        issue: None,
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    let result = RecordsSeed(&mut ctx).deserialize(&mut de).and_then(|()| de.end());
    if let Err(e) = result {
        return Err(json_error(&e, ctx.issue.take(), path, 0));
    }
    finish(asm, path)
}

/// Loads JSONL: one object per line; blank lines are ignored.
pub(crate) fn load_jsonl(
    mut reader: impl BufRead,
    path: &str,
    opts: &LoadOptions,
) -> Result<Table, LoadError> {
    let mut asm = Assembler::new(opts.schema.as_ref(), opts.columns.as_deref(), None, false);
    let mut ctx = Ctx {
        asm: &mut asm,
        issue: None,
    };
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
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let mut de = serde_json::Deserializer::from_slice(line);
        let result = RecordSeed(&mut ctx).deserialize(&mut de).and_then(|()| de.end());
        if let Err(e) = result {
            return Err(json_error(&e, ctx.issue.take(), path, line_no));
        }
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
    let mut asm = Assembler::new(Some(&schema), opts.columns.as_deref(), None, false);
    let mut ctx = Ctx {
        asm: &mut asm,
        issue: None,
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    let result = ApiSeed(&mut ctx).deserialize(&mut de).and_then(|()| de.end());
    if let Err(e) = result {
        return Err(json_error(&e, ctx.issue.take(), path, 0));
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
        let name = get(o, "Name").ok_or_else(|| bad(format!("\"Schema\" entry {i} has no \"Name\"")))?;
        let tname = get(o, "Type").ok_or_else(|| bad(format!("column `{name}` has no \"Type\"")))?;
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

/// `{"Schema": ..., "Results": [records], ...}`: only `Results` is read.
struct ApiSeed<'c, 'a>(&'c mut Ctx<'a>);

impl<'de> DeserializeSeed<'de> for ApiSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ApiSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an API response object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(k) = map.next_key::<String>()? {
            if k.eq_ignore_ascii_case("Results") {
                map.next_value_seed(RecordsSeed(&mut *self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// `[record, record, ...]`.
struct RecordsSeed<'c, 'a>(&'c mut Ctx<'a>);

impl<'de> DeserializeSeed<'de> for RecordsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RecordsSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of JSON objects (one per record)")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(RecordSeed(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

/// One record: `{"field": value, ...}`.
struct RecordSeed<'c, 'a>(&'c mut Ctx<'a>);

impl<'de> DeserializeSeed<'de> for RecordSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object (one record)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let ctx = self.0;
        let mut pos = 0;
        while let Some(target) = map.next_key_seed(KeySeed {
            asm: &mut *ctx.asm,
            pos,
        })? {
            match target {
                Target::Skip => {
                    map.next_value::<IgnoredAny>()?;
                }
                Target::Slot(slot) => map.next_value_seed(CellSeed {
                    ctx: &mut *ctx,
                    slot,
                })?,
            }
            pos += 1;
        }
        ctx.asm.end_row();
        Ok(())
    }
}

/// A field name, resolved to its column without allocating.
struct KeySeed<'c> {
    asm: &'c mut Assembler,
    pos: usize,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Target;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Target, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Target;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Target, E> {
        Ok(self.asm.resolve_at(self.pos, v))
    }
}

/// One field value, converted into its column.
struct CellSeed<'c, 'a> {
    ctx: &'c mut Ctx<'a>,
    slot: usize,
}

impl CellSeed<'_, '_> {
    fn store<E: de::Error>(self, raw: Raw<'_>) -> Result<(), E> {
        match self.ctx.asm.push(self.slot, raw) {
            Ok(()) => Ok(()),
            Err(issue) => {
                self.ctx.issue = Some(issue);
                Err(E::custom(ISSUE))
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for CellSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CellSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.store(Raw::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.store(Raw::I64(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.store(Raw::U64(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.store(Raw::F64(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.store(Raw::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.store(Raw::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.store(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        let d = Dynamic::deserialize(SeqAccessDeserializer::new(seq))?;
        self.store(Raw::Json(d))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let d = Dynamic::deserialize(MapAccessDeserializer::new(map))?;
        self.store(Raw::Json(d))
    }
}
