//! `dynamic` columns: one [`Dynamic`] per row, `Dynamic::Null` for null.
//!
//! ```kql
//! datatable(d:dynamic) [dynamic({"a":1}), dynamic(null), dynamic([1,2])]
//! ```
//!
//! Arrays, bags and strings inside are reference-counted, so gathering rows copies
//! pointers, not trees.

use std::sync::Arc;

use crate::value::Dynamic;

/// A column of dynamic values. Also its own builder ([`DynamicColumn::push`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DynamicColumn {
    values: Vec<Dynamic>,
}

impl DynamicColumn {
    /// Bytes held, estimated (for `--max-memory`): each value and its first level
    /// (a string's text, an array's or bag's entries). A value shared with the row
    /// before it (an `Arc`, as a constant column repeats) counts once.
    pub fn heap_bytes(&self) -> usize {
        let slot = std::mem::size_of::<Dynamic>();
        let mut previous: *const u8 = std::ptr::null();
        let mut total = 0;
        for v in &self.values {
            let (ptr, bytes): (*const u8, usize) = match v {
                Dynamic::String(s) => (s.as_ptr(), s.len()),
                Dynamic::Array(a) => (Arc::as_ptr(a).cast(), a.len() * slot),
                Dynamic::Bag(b) => (
                    Arc::as_ptr(b).cast(),
                    b.iter().map(|(k, _)| k.len() + slot).sum(),
                ),
                _ => (std::ptr::null(), 0),
            };
            total += slot;
            if ptr.is_null() || ptr != previous {
                total += bytes;
            }
            previous = ptr;
        }
        total
    }

    pub fn with_capacity(rows: usize) -> DynamicColumn {
        DynamicColumn {
            values: Vec::with_capacity(rows),
        }
    }

    pub fn from_values(values: Vec<Dynamic>) -> DynamicColumn {
        DynamicColumn { values }
    }

    /// `len` nulls.
    pub fn nulls(len: usize) -> DynamicColumn {
        DynamicColumn {
            values: vec![Dynamic::Null; len],
        }
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    pub fn values(&self) -> &[Dynamic] {
        &self.values
    }

    /// The value at row `i` (`Dynamic::Null` past the end).
    #[inline]
    pub fn get(&self, i: usize) -> &Dynamic {
        const NULL: &Dynamic = &Dynamic::Null;
        self.values.get(i).unwrap_or(NULL)
    }

    pub fn is_null(&self, i: usize) -> bool {
        self.get(i).is_null()
    }

    pub fn null_count(&self) -> usize {
        self.values.iter().filter(|v| v.is_null()).count()
    }

    pub fn push(&mut self, value: Dynamic) {
        self.values.push(value);
    }

    pub fn gather(&self, indices: &[u32]) -> DynamicColumn {
        DynamicColumn {
            values: indices
                .iter()
                .map(|&i| self.get(i as usize).clone())
                .collect(),
        }
    }

    pub fn gather_opt(&self, indices: &[Option<u32>]) -> DynamicColumn {
        DynamicColumn {
            values: indices
                .iter()
                .map(|i| i.map_or(Dynamic::Null, |i| self.get(i as usize).clone()))
                .collect(),
        }
    }

    pub fn filter(&self, mask: &[bool]) -> DynamicColumn {
        DynamicColumn {
            values: self
                .values
                .iter()
                .zip(mask)
                .filter(|(_, keep)| **keep)
                .map(|(v, _)| v.clone())
                .collect(),
        }
    }

    pub fn slice(&self, offset: usize, len: usize) -> DynamicColumn {
        let start = offset.min(self.len());
        let end = start.saturating_add(len).min(self.len());
        DynamicColumn {
            values: self.values.get(start..end).unwrap_or_default().to_vec(),
        }
    }

    pub fn extend_from(&mut self, other: &DynamicColumn) {
        self.values.extend_from_slice(&other.values);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_operations_share_trees() {
        let arr = Dynamic::parse_json("[1,2]").unwrap();
        let c = DynamicColumn::from_values(vec![arr.clone(), Dynamic::Null, Dynamic::Long(3)]);
        assert_eq!(c.null_count(), 1);
        assert_eq!(
            c.gather(&[2, 0, 9]).values(),
            [Dynamic::Long(3), arr.clone(), Dynamic::Null]
        );
        assert_eq!(c.gather_opt(&[None]).values(), [Dynamic::Null]);
        assert_eq!(c.filter(&[true, false, true]).len(), 2);
        assert_eq!(c.slice(1, 1).values(), [Dynamic::Null]);
        // Gathering copies the Arc, not the array.
        let g = c.gather(&[0]);
        match (g.get(0), &arr) {
            (Dynamic::Array(a), Dynamic::Array(b)) => assert!(std::sync::Arc::ptr_eq(a, b)),
            other => panic!("{other:?}"),
        }
    }
}
