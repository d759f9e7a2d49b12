//! Turns records into columns: maps each field of a file to a column of the result,
//! converts it, and fills in what a record lacks.
//!
//! Column rules (the same for every format):
//! * With a schema, its columns come first, in its order, with its types.
//! * A schema column the file lacks is all null (`""` for strings).
//! * A file column the schema lacks is kept after the schema's columns, in the order
//!   first seen, with an inferred type ([`infer`](super::infer)).
//! * `Timestamp` and `TimeGenerated` stand in for each other when the schema has only
//!   one of them ([`time_column_alias`]): a Defender export loads into the Sentinel
//!   schema and the reverse.
//! * With `LoadOptions::columns`, other columns are skipped while parsing (their values
//!   are never converted or stored).
//! * A field missing from a record is null; a field given twice is an error.

use std::collections::{HashMap, HashSet};

use crate::schema::time_column_alias;
use crate::table::{Column, ColumnBuilder, Field, Schema, StringColumn, Table, TableError};

use super::bad_rows::{BadRowLog, BadRowPolicy, BadRows, Pending};
use super::convert::{Raw, Unconvertible, push_raw};
use super::error::LoadError;
use super::infer::InferBuf;

/// Where a file field goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Slot(usize),
    Skip,
}

/// A problem with one field; the format adds the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Issue {
    Bad { field: String, err: Unconvertible },
    Duplicate { field: String },
}

enum SlotData {
    Typed(ColumnBuilder),
    Inferred(InferBuf),
}

struct Slot {
    name: String,
    data: SlotData,
}

impl Slot {
    fn len(&self) -> usize {
        match &self.data {
            SlotData::Typed(b) => b.len(),
            SlotData::Inferred(b) => b.len(),
        }
    }

    fn push_null(&mut self) {
        match &mut self.data {
            SlotData::Typed(b) => b.push_null(),
            SlotData::Inferred(b) => b.push_null(),
        }
    }
}

/// Builds a table record by record.
pub(crate) struct Assembler {
    slots: Vec<Slot>,
    lookup: HashMap<String, Target>,
    /// The targets of the previous record's fields by position: records usually list
    /// their fields in the same order, so a string comparison replaces a hash lookup.
    order: Vec<(Box<str>, Target)>,
    wanted: Option<HashSet<String>>,
    text_fields: bool,
    rows: usize,
    /// Bad rows found so far and the `--bad-rows` policy ([`super::bad_rows`]).
    pending: Pending,
    log: Option<std::sync::Arc<BadRowLog>>,
}

impl Assembler {
    /// `file_names`: the file's column names when known up front (CSV header); an
    /// alias then applies only if the real name is not among them. `text_fields`:
    /// fields arrive as text (CSV) rather than typed JSON values.
    pub(crate) fn new(
        schema: Option<&Schema>,
        wanted: Option<&[String]>,
        file_names: Option<&[String]>,
        text_fields: bool,
    ) -> Assembler {
        let wanted: Option<HashSet<String>> = wanted.map(|w| w.iter().cloned().collect());
        let mut a = Assembler {
            slots: Vec::new(),
            lookup: HashMap::new(),
            order: Vec::new(),
            wanted,
            text_fields,
            rows: 0,
            pending: Pending::default(),
            log: None,
        };
        let Some(schema) = schema else {
            return a;
        };
        for field in &schema.fields {
            let alias = ["Timestamp", "TimeGenerated"]
                .into_iter()
                .find(|other| time_column_alias(schema, other) == Some(field.name.as_str()));
            let is_wanted = a
                .wanted
                .as_ref()
                .is_none_or(|w| w.contains(&field.name) || alias.is_some_and(|al| w.contains(al)));
            if !is_wanted {
                a.lookup.insert(field.name.clone(), Target::Skip);
                if let Some(al) = alias {
                    a.lookup.insert(al.to_string(), Target::Skip);
                }
                continue;
            }
            let target = Target::Slot(a.slots.len());
            a.slots.push(Slot {
                name: field.name.clone(),
                data: SlotData::Typed(ColumnBuilder::new(field.ty)),
            });
            a.lookup.insert(field.name.clone(), target);
            if let Some(al) = alias {
                let real_in_file = file_names.is_some_and(|n| n.contains(&field.name));
                if !real_in_file {
                    a.lookup.insert(al.to_string(), target);
                }
            }
        }
        a
    }

    /// Reports bad rows to `bad` (its policy and log) instead of failing.
    pub(crate) fn with_bad_rows(mut self, bad: &BadRows) -> Assembler {
        self.pending.policy = bad.policy;
        self.log = Some(bad.log.clone());
        self
    }

    /// The `--bad-rows` policy of this load.
    pub(crate) fn policy(&self) -> BadRowPolicy {
        self.pending.policy
    }

    /// A value of the current record that does not fit column `slot`: the error under
    /// `--bad-rows fail`; otherwise logged, and the cell nulled or the row marked to be
    /// dropped.
    pub(crate) fn bad_cell(&mut self, slot: usize, error: LoadError) -> Result<(), LoadError> {
        self.pending.cell(error, self.rows)?;
        let rows = self.rows;
        if let Some(s) = self.slots.get_mut(slot)
            && s.len() == rows
        {
            s.push_null();
        }
        Ok(())
    }

    /// A record that cannot be read (whatever of it was stored is dropped): the error
    /// under `fail`, else logged as skipped.
    pub(crate) fn bad_record(&mut self, error: LoadError) -> Result<(), LoadError> {
        self.pending.record(error)?;
        self.abandon_row();
        Ok(())
    }

    /// Drops what the current record stored so far, so it can be read again.
    pub(crate) fn abandon_row(&mut self) {
        let rows = self.rows;
        if self.slots.iter().any(|s| s.len() > rows) {
            self.end_row();
            self.pending.drop_row(rows);
        }
    }

    /// Marks the last row ended to be dropped (its record turned out unreadable).
    pub(crate) fn drop_last_row(&mut self) {
        if let Some(row) = self.rows.checked_sub(1) {
            self.pending.drop_row(row);
        }
    }

    /// The target of a field name, creating an inferred column for a new name.
    pub(crate) fn resolve(&mut self, name: &str) -> Target {
        if let Some(t) = self.lookup.get(name) {
            return *t;
        }
        let target = if self.wanted.as_ref().is_none_or(|w| w.contains(name)) {
            let mut buf = if self.text_fields {
                InferBuf::Text(StringColumn::default())
            } else {
                InferBuf::Json(Vec::new())
            };
            for _ in 0..self.rows {
                buf.push_null();
            }
            self.slots.push(Slot {
                name: name.to_string(),
                data: SlotData::Inferred(buf),
            });
            Target::Slot(self.slots.len() - 1)
        } else {
            Target::Skip
        };
        self.lookup.insert(name.to_string(), target);
        target
    }

    /// [`Assembler::resolve`] for the field at `pos` of a record, using the previous
    /// record's order as a guess.
    pub(crate) fn resolve_at(&mut self, pos: usize, name: &str) -> Target {
        if let Some((n, t)) = self.order.get(pos)
            && **n == *name
        {
            return *t;
        }
        let t = self.resolve(name);
        let entry = (Box::from(name), t);
        match self.order.get_mut(pos) {
            Some(slot) => *slot = entry,
            None => self.order.push(entry),
        }
        t
    }

    /// The previous record's field name at `pos` and its target, when the name has
    /// no `"` or `\\` (so its JSON text is the name itself).
    #[inline]
    pub(crate) fn expected_at(&self, pos: usize) -> Option<(&[u8], Target)> {
        match self.order.get(pos) {
            Some((n, t)) if !n.contains(['"', '\\']) => Some((n.as_bytes(), *t)),
            _ => None,
        }
    }

    /// Converts and stores one field of the current record.
    pub(crate) fn push(&mut self, slot: usize, raw: Raw<'_>) -> Result<(), Issue> {
        let rows = self.rows;
        let Some(s) = self.slots.get_mut(slot) else {
            return Ok(());
        };
        if s.len() != rows {
            return Err(Issue::Duplicate {
                field: s.name.clone(),
            });
        }
        match &mut s.data {
            SlotData::Typed(b) => push_raw(b, raw).map_err(|err| Issue::Bad {
                field: s.name.clone(),
                err,
            }),
            SlotData::Inferred(b) => {
                b.push(raw);
                Ok(())
            }
        }
    }

    /// Ends the current record: fields it lacked become null.
    pub(crate) fn end_row(&mut self) {
        let rows = self.rows;
        for s in &mut self.slots {
            if s.len() == rows {
                s.push_null();
            }
        }
        self.rows += 1;
    }

    /// The table: schema columns first, then inferred ones, without the dropped rows;
    /// the bad rows go to the log.
    pub(crate) fn finish(self) -> Result<Table, TableError> {
        let rows = self.rows;
        let Pending { found, dropped, .. } = self.pending;
        if let Some(log) = &self.log {
            log.extend(found);
        }
        let mut fields = Vec::with_capacity(self.slots.len());
        let mut columns = Vec::with_capacity(self.slots.len());
        for slot in self.slots {
            let column: Column = match slot.data {
                SlotData::Typed(b) => b.finish(),
                SlotData::Inferred(b) => b.finish(),
            };
            fields.push(Field::new(slot.name, column.scalar_type()));
            columns.push(std::sync::Arc::new(column));
        }
        let table = Table::with_row_count(Schema::new(fields), columns, rows)?;
        if dropped.is_empty() {
            return Ok(table);
        }
        let mut keep = vec![true; rows];
        for row in dropped {
            if let Some(k) = keep.get_mut(row) {
                *k = false;
            }
        }
        Ok(table.filter(&keep))
    }
}

#[cfg(test)]
mod tests {
    use kql_parser::ast::ScalarType;

    use super::*;
    use crate::value::Value;

    fn schema() -> Schema {
        Schema::from_pairs(&[("Timestamp", ScalarType::DateTime), ("N", ScalarType::Long)])
    }

    #[test]
    fn schema_then_extras_with_nulls_filled() {
        let s = schema();
        let mut a = Assembler::new(Some(&s), None, None, false);
        let Target::Slot(n) = a.resolve_at(0, "N") else {
            panic!()
        };
        a.push(n, Raw::I64(1)).unwrap();
        a.end_row();
        let Target::Slot(x) = a.resolve_at(0, "X") else {
            panic!()
        };
        a.push(x, Raw::Str("x")).unwrap();
        assert_eq!(a.resolve_at(0, "X"), Target::Slot(x));
        a.end_row();
        let t = a.finish().unwrap();
        assert_eq!(
            t.schema().to_string(),
            "(Timestamp:datetime, N:long, X:string)"
        );
        assert_eq!(t.row(0), [Value::Null, Value::Long(1), Value::string("")]);
        assert_eq!(t.row(1), [Value::Null, Value::Null, Value::string("x")]);
    }

    #[test]
    fn duplicates_and_aliases() {
        let s = schema();
        let mut a = Assembler::new(Some(&s), None, None, false);
        let t = a.resolve("TimeGenerated");
        assert_eq!(t, a.resolve("Timestamp"));
        let Target::Slot(i) = t else { panic!() };
        a.push(i, Raw::Str("2026-01-01")).unwrap();
        assert_eq!(
            a.push(i, Raw::Str("2026-01-02")),
            Err(Issue::Duplicate {
                field: "Timestamp".into()
            })
        );
        // With the header known and holding the real name, the alias is a column of its own.
        let names = ["Timestamp".to_string(), "TimeGenerated".to_string()];
        let mut b = Assembler::new(Some(&s), None, Some(&names), true);
        assert_ne!(b.resolve("Timestamp"), b.resolve("TimeGenerated"));
    }

    #[test]
    fn unwanted_columns_are_skipped() {
        let s = schema();
        let wanted = ["N".to_string(), "Y".to_string()];
        let mut a = Assembler::new(Some(&s), Some(&wanted), None, false);
        assert_eq!(a.resolve("Timestamp"), Target::Skip);
        assert_eq!(a.resolve("X"), Target::Skip);
        assert!(matches!(a.resolve("Y"), Target::Slot(_)));
        a.end_row();
        let t = a.finish().unwrap();
        assert_eq!(t.schema().to_string(), "(N:long, Y:string)");
        assert_eq!(t.num_rows(), 1);
    }
}
