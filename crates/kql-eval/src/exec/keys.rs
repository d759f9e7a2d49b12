//! Row keys for hashing: joins, `summarize` groups and `distinct` encode the key columns
//! of a row into bytes, so any mix of types hashes and compares without boxing values.
//!
//! Two rows get equal bytes exactly when Kusto considers their keys equal (nulls equal
//! each other here, as `summarize` groups them; a string is never null).

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use crate::table::Column;
use crate::value::Value;

/// Appends the encoding of `column[row]` to `out`.
pub(crate) fn encode(column: &Column, row: usize, out: &mut Vec<u8>) {
    if let Column::String(s) = column {
        let text = s.get(row);
        out.push(1);
        out.extend_from_slice(&(text.len() as u64).to_le_bytes());
        out.extend_from_slice(text.as_bytes());
        return;
    }
    match column.get(row) {
        Value::Null => out.push(0),
        Value::Bool(b) => out.extend_from_slice(&[2, u8::from(b)]),
        Value::Int(n) => push(out, 3, &i64::from(n).to_le_bytes()),
        Value::Long(n) => push(out, 3, &n.to_le_bytes()),
        Value::Real(r) => {
            // One NaN, one zero: equal reals encode equally.
            let r = if r.is_nan() {
                f64::NAN
            } else if r == 0.0 {
                0.0
            } else {
                r
            };
            push(out, 4, &r.to_bits().to_le_bytes());
        }
        Value::Decimal(d) => {
            let text = d.normalize().to_string();
            push(out, 5, text.as_bytes());
        }
        Value::String(s) => push(out, 1, s.as_bytes()),
        Value::DateTime(t) => push(out, 6, &t.to_le_bytes()),
        Value::TimeSpan(t) => push(out, 7, &t.to_le_bytes()),
        Value::Guid(g) => push(out, 8, &g.to_le_bytes()),
        Value::Dynamic(d) => push(out, 9, d.to_string().as_bytes()),
    }
}

fn push(out: &mut Vec<u8>, tag: u8, bytes: &[u8]) {
    out.push(tag);
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// The encoded key of `row` over `columns`.
pub(crate) fn row_key(columns: &[&Column], row: usize, buf: &mut Vec<u8>) {
    buf.clear();
    for c in columns {
        encode(c, row, buf);
    }
}

/// Distinct encoded keys, each with an id (in order of first insertion). The keys
/// live in one buffer and the table holds only ids, so a million groups cost two
/// allocations that grow, not a million small ones.
pub(crate) struct KeyIndex {
    state: DefaultHashBuilder,
    table: HashTable<u32>,
    bytes: Vec<u8>,
    /// `ends[id]`: where key `id` ends in `bytes` (it starts where `id - 1` ends).
    ends: Vec<usize>,
    hashes: Vec<u64>,
}

impl KeyIndex {
    pub(crate) fn new() -> KeyIndex {
        KeyIndex {
            state: DefaultHashBuilder::default(),
            table: HashTable::new(),
            bytes: Vec::new(),
            ends: Vec::new(),
            hashes: Vec::new(),
        }
    }

    /// How many distinct keys.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    fn key(&self, id: u32) -> &[u8] {
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.bytes[start..self.ends[id]]
    }

    /// The id of `key`, if it was inserted.
    pub(crate) fn find(&self, key: &[u8]) -> Option<u32> {
        let hash = self.state.hash_one(key);
        self.table.find(hash, |&id| self.key(id) == key).copied()
    }

    /// The id of `key`, inserting it if new; `true` when it was new.
    pub(crate) fn insert(&mut self, key: &[u8]) -> (u32, bool) {
        let hash = self.state.hash_one(key);
        if let Some(&id) = self.table.find(hash, |&id| self.key(id) == key) {
            return (id, false);
        }
        let id = self.ends.len() as u32;
        self.bytes.extend_from_slice(key);
        self.ends.push(self.bytes.len());
        self.hashes.push(hash);
        let hashes = &self.hashes;
        self.table.insert_unique(hash, id, |&i| hashes[i as usize]);
        (id, true)
    }
}

/// Assigns each row a group id (in order of first appearance) by its key over
/// `columns`; returns the ids, and the first row of each group.
pub(crate) fn group_rows(columns: &[&Column], rows: usize) -> (Vec<u32>, Vec<u32>) {
    let mut groups = KeyIndex::new();
    let mut ids = Vec::with_capacity(rows);
    let mut firsts = Vec::new();
    let mut buf = Vec::new();
    for row in 0..rows {
        row_key(columns, row, &mut buf);
        let (id, new) = groups.insert(&buf);
        if new {
            firsts.push(row as u32);
        }
        ids.push(id);
    }
    (ids, firsts)
}
