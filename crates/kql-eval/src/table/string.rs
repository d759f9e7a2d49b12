//! `string` columns: every value's UTF-8 bytes in one buffer, plus offsets.
//!
//! ```kql
//! datatable(s:string) ["ab", "", "c"]   // data "abc", offsets [0, 2, 2, 3]
//! ```
//!
//! Strings are never null in Kusto, so there is no validity: a missing string is `""`
//! (`q/scalar-data-types/null-values.md`). [`StringColumn::get`] borrows from the
//! buffer without allocating.

/// A column of strings. Also its own builder ([`StringColumn::push`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringColumn {
    data: String,
    /// `offsets[i]..offsets[i + 1]` is row `i`; always starts with 0.
    offsets: Vec<usize>,
}

impl Default for StringColumn {
    fn default() -> StringColumn {
        StringColumn::with_capacity(0, 0)
    }
}

impl StringColumn {
    /// Bytes held (for `--max-memory`).
    pub fn heap_bytes(&self) -> usize {
        self.data.len() + self.offsets.len() * std::mem::size_of::<usize>()
    }

    /// An empty column with room for `rows` strings of `bytes` bytes in total.
    pub fn with_capacity(rows: usize, bytes: usize) -> StringColumn {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        StringColumn {
            data: String::with_capacity(bytes),
            offsets,
        }
    }

    /// `len` empty strings (the null of a string column).
    pub fn empties(len: usize) -> StringColumn {
        StringColumn {
            data: String::new(),
            offsets: vec![0; len + 1],
        }
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Total bytes of all strings.
    pub fn byte_len(&self) -> usize {
        self.data.len()
    }

    /// The string at row `i` (`""` past the end).
    #[inline]
    pub fn get(&self, i: usize) -> &str {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&start), Some(&end)) => self.data.get(start..end).unwrap_or(""),
            _ => "",
        }
    }

    /// The strings in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }

    /// Appends a string.
    #[inline]
    pub fn push(&mut self, s: &str) {
        self.data.push_str(s);
        self.offsets.push(self.data.len());
    }

    /// Rows by index; an index past the end gives `""`.
    pub fn gather(&self, indices: &[u32]) -> StringColumn {
        let bytes = indices.iter().map(|&i| self.get(i as usize).len()).sum();
        let mut out = StringColumn::with_capacity(indices.len(), bytes);
        for &i in indices {
            out.push(self.get(i as usize));
        }
        out
    }

    /// Rows by optional index: `None` gives `""` (outer-join fill).
    pub fn gather_opt(&self, indices: &[Option<u32>]) -> StringColumn {
        let mut out = StringColumn::with_capacity(indices.len(), 0);
        for i in indices {
            out.push(i.map_or("", |i| self.get(i as usize)));
        }
        out
    }

    /// The rows where `mask` is true.
    pub fn filter(&self, mask: &[bool]) -> StringColumn {
        let kept = mask.iter().filter(|k| **k).count();
        let mut out = StringColumn::with_capacity(kept, 0);
        for (i, _) in mask.iter().enumerate().filter(|(_, keep)| **keep) {
            if i >= self.len() {
                break;
            }
            out.push(self.get(i));
        }
        out
    }

    /// Rows `offset .. offset + len`, clamped to the column.
    pub fn slice(&self, offset: usize, len: usize) -> StringColumn {
        let start = offset.min(self.len());
        let end = start.saturating_add(len).min(self.len());
        let mut out = StringColumn::with_capacity(end - start, 0);
        for i in start..end {
            out.push(self.get(i));
        }
        out
    }

    /// Appends every row of `other`.
    pub fn extend_from(&mut self, other: &StringColumn) {
        let base = self.data.len();
        self.data.push_str(&other.data);
        self.offsets
            .extend(other.offsets.iter().skip(1).map(|o| o + base));
    }
}

impl<'a> FromIterator<&'a str> for StringColumn {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> StringColumn {
        let iter = iter.into_iter();
        let mut c = StringColumn::with_capacity(iter.size_hint().0, 0);
        for s in iter {
            c.push(s);
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_and_access() {
        let c: StringColumn = ["ab", "", "cé"].into_iter().collect();
        assert_eq!(c.len(), 3);
        assert_eq!(c.byte_len(), 5);
        assert_eq!(c.get(0), "ab");
        assert_eq!(c.get(1), "");
        assert_eq!(c.get(2), "cé");
        assert_eq!(c.get(3), "");
        assert!(StringColumn::default().is_empty());
        assert_eq!(
            StringColumn::empties(2).iter().collect::<Vec<_>>(),
            ["", ""]
        );
    }

    #[test]
    fn gather_filter_slice_extend() {
        let c: StringColumn = ["a", "bb", "ccc"].into_iter().collect();
        let g = c.gather(&[2, 0, 9]);
        assert_eq!(g.iter().collect::<Vec<_>>(), ["ccc", "a", ""]);
        let o = c.gather_opt(&[None, Some(1)]);
        assert_eq!(o.iter().collect::<Vec<_>>(), ["", "bb"]);
        let f = c.filter(&[false, true, true, true]);
        assert_eq!(f.iter().collect::<Vec<_>>(), ["bb", "ccc"]);
        assert_eq!(c.slice(1, 1).iter().collect::<Vec<_>>(), ["bb"]);
        let mut e = c.slice(0, 1);
        e.extend_from(&c.slice(2, 1));
        assert_eq!(e.iter().collect::<Vec<_>>(), ["a", "ccc"]);
        assert_eq!(e, ["a", "ccc"].into_iter().collect());
    }
}
