//! Reading JSON records one at a time under `--bad-rows skip|null`
//! ([`super::bad_rows`]): a JSONL line, or each record of a JSON array or API response
//! (found as unparsed slices first), so that a bad record is skipped or read again with
//! its bad cells null while the rest load. Under `fail` the loaders in [`super::json`]
//! stream records without this.

use std::fmt;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::table::Table;

use super::assemble::{Assembler, Issue};
use super::bad_rows::BadRowPolicy;
use super::error::LoadError;
use super::finish;
use super::json::json_error;
use super::json_seed::{Ctx, RecordSeed};

/// The records of a JSON array (`records`, slices of `body`) one at a time, so that a
/// bad one is skipped or nulled (`--bad-rows skip|null`) and the rest are kept.
pub(crate) fn load_records_leniently(
    body: &[u8],
    records: &[&RawValue],
    path: &str,
    mut asm: Assembler,
) -> Result<Table, LoadError> {
    let mut ctx = Ctx::new(&mut asm);
    let (mut line, mut line_start, mut scanned) = (1, 0, 0);
    for record in records {
        let text = record.get().as_bytes();
        // The record is a slice of `body`: its offset gives its line and column.
        let offset = (text.as_ptr() as usize)
            .saturating_sub(body.as_ptr() as usize)
            .min(body.len());
        for (i, b) in body[scanned..offset].iter().enumerate() {
            if *b == b'\n' {
                line += 1;
                line_start = scanned + i + 1;
            }
        }
        scanned = offset;
        read_record(&mut ctx, text, path, line, offset - line_start)?;
    }
    finish(asm, path)
}

/// Reads one record (`text`, starting at `line` and 0-based `column` of the file)
/// under the load's bad-row policy: a value that does not convert is the error under
/// `fail`, else logged and its row dropped (`skip`) or the record read again with that
/// column null (`null`); a record that is not valid JSON is skipped.
pub(crate) fn read_record(
    ctx: &mut Ctx<'_>,
    text: &[u8],
    path: &str,
    line: usize,
    column: usize,
) -> Result<(), LoadError> {
    ctx.nulls.clear();
    loop {
        let mut de = serde_json::Deserializer::from_slice(text);
        let result = RecordSeed(&mut *ctx)
            .deserialize(&mut de)
            .and_then(|()| de.end());
        let Err(e) = result else {
            return Ok(());
        };
        let issue = ctx.issue.take();
        let slot = ctx.issue_slot.take();
        let bad_value = matches!(issue, Some(Issue::Bad { .. }));
        let mut error = json_error(&e, issue, path, text, line);
        if let Some(at) = error.location_mut()
            && at.line == line
        {
            at.column = at.column.map(|c| c + column);
        }
        match slot {
            Some(slot) if bad_value && !ctx.nulls.contains(&slot) => {
                ctx.asm.bad_cell(slot, error)?;
                ctx.asm.abandon_row();
                if ctx.asm.policy() != BadRowPolicy::Null {
                    return Ok(());
                }
                ctx.nulls.push(slot);
            }
            _ => return ctx.asm.bad_record(error),
        }
    }
}

/// The records of an API response's `Results` (any key case), unparsed.
pub(crate) struct ApiRecords<'a>(pub(crate) Vec<&'a RawValue>);

impl<'de: 'a, 'a> Deserialize<'de> for ApiRecords<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ApiRecords<'a>, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = ApiRecords<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an API response object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ApiRecords<'a>, A::Error> {
                let mut records = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    if k.eq_ignore_ascii_case("Results") {
                        records = map.next_value()?;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(ApiRecords(records))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}
