//! The serde seeds that stream JSON records into an [`Assembler`]: each field name is
//! resolved to its column without allocating, each value is converted where it is
//! read, and values of skipped columns are passed over with `IgnoredAny`.
//!
//! ```text
//! RecordsSeed  [ {..}, {..} ]          (a JSON array file, or an API response's Results)
//! RecordSeed   {"Timestamp": "...", "UrlCount": 2}
//! KeySeed      "UrlCount"  -> Target::Slot(28)
//! CellSeed     2           -> push into column 28, converted to int
//! ```

use std::fmt;

use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::value::Dynamic;

use super::assemble::{Assembler, Issue, Target};
use super::convert::Raw;

/// Marker message of the serde error raised when a field does not convert; the real
/// error is in [`Ctx::issue`].
const ISSUE: &str = "kql: field conversion failed";

pub(crate) struct Ctx<'a> {
    pub(crate) asm: &'a mut Assembler,
    pub(crate) issue: Option<Issue>,
    /// The column of the value that raised [`Ctx::issue`].
    pub(crate) issue_slot: Option<usize>,
    /// Columns whose values are read as null: the record is being read again after
    /// they did not convert (`--bad-rows null`).
    pub(crate) nulls: Vec<usize>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(asm: &'a mut Assembler) -> Ctx<'a> {
        Ctx {
            asm,
            issue: None,
            issue_slot: None,
            nulls: Vec::new(),
        }
    }
}

/// `{"Schema": ..., "Results": [records], ...}`: only `Results` is read.
pub(crate) struct ApiSeed<'c, 'a>(pub(crate) &'c mut Ctx<'a>);

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
pub(crate) struct RecordsSeed<'c, 'a>(pub(crate) &'c mut Ctx<'a>);

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
pub(crate) struct RecordSeed<'c, 'a>(pub(crate) &'c mut Ctx<'a>);

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
        let raw = if !self.ctx.nulls.is_empty() && self.ctx.nulls.contains(&self.slot) {
            Raw::Null
        } else {
            raw
        };
        match self.ctx.asm.push(self.slot, raw) {
            Ok(()) => Ok(()),
            Err(issue) => {
                self.ctx.issue = Some(issue);
                self.ctx.issue_slot = Some(self.slot);
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
