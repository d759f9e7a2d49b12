//! Fixed-width columns: `bool`, `int`, `long`, `real`, `decimal`, `datetime`,
//! `timespan` and `guid` values in one `Vec<T>` plus an optional validity bitmap.
//!
//! ```kql
//! datatable(ival:int) [5, int(null)]    // values [5, 0], validity [1, 0]
//! ```
//!
//! A null slot holds `T::default()`; `validity == None` means every value is present,
//! so columns without nulls (the common case) cost nothing extra.

use std::fmt::Debug;

use rust_decimal::Decimal;

use super::bitmap::Bitmap;

/// The element types of [`PrimitiveColumn`].
pub trait Primitive: Copy + Default + PartialEq + Debug + Send + Sync + 'static {}

impl Primitive for bool {}
impl Primitive for i32 {}
impl Primitive for i64 {}
impl Primitive for f64 {}
impl Primitive for u128 {}
impl Primitive for Decimal {}

/// A column of fixed-width values with optional nulls. Also its own builder
/// (`push`, `push_null`).
#[derive(Debug, Clone, Default)]
pub struct PrimitiveColumn<T> {
    values: Vec<T>,
    validity: Option<Bitmap>,
}

impl<T: Primitive> PrimitiveColumn<T> {
    /// Bytes held (for `--max-memory`).
    pub fn heap_bytes(&self) -> usize {
        self.values.len() * std::mem::size_of::<T>()
            + self.validity.as_ref().map_or(0, Bitmap::heap_bytes)
    }

    /// An empty column with room for `rows` values.
    pub fn with_capacity(rows: usize) -> Self {
        PrimitiveColumn {
            values: Vec::with_capacity(rows),
            validity: None,
        }
    }

    /// A column of present values.
    pub fn from_values(values: Vec<T>) -> Self {
        PrimitiveColumn {
            values,
            validity: None,
        }
    }

    /// A column from values and a validity bitmap of the same length (`None` when the
    /// lengths differ).
    pub fn from_parts(values: Vec<T>, validity: Option<Bitmap>) -> Option<Self> {
        if validity.as_ref().is_some_and(|v| v.len() != values.len()) {
            return None;
        }
        Some(PrimitiveColumn { values, validity })
    }

    /// `len` nulls.
    pub fn nulls(len: usize) -> Self {
        PrimitiveColumn {
            values: vec![T::default(); len],
            validity: Some(Bitmap::filled(len, false)),
        }
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The raw values; null slots hold `T::default()`.
    pub fn values(&self) -> &[T] {
        &self.values
    }

    /// The validity bitmap (`None`: no nulls).
    pub fn validity(&self) -> Option<&Bitmap> {
        self.validity.as_ref()
    }

    /// True when row `i` holds a value.
    #[inline]
    pub fn is_valid(&self, i: usize) -> bool {
        i < self.values.len() && self.validity.as_ref().is_none_or(|v| v.get(i))
    }

    /// True when row `i` is null (or past the end).
    #[inline]
    pub fn is_null(&self, i: usize) -> bool {
        !self.is_valid(i)
    }

    /// The value at row `i`, `None` when null or past the end.
    #[inline]
    pub fn get(&self, i: usize) -> Option<T> {
        if self.is_valid(i) {
            self.values.get(i).copied()
        } else {
            None
        }
    }

    /// The values in order.
    pub fn iter(&self) -> impl Iterator<Item = Option<T>> + '_ {
        (0..self.len()).map(move |i| self.get(i))
    }

    pub fn null_count(&self) -> usize {
        self.validity
            .as_ref()
            .map_or(0, |v| v.len() - v.count_ones())
    }

    /// Appends a value or a null.
    #[inline]
    pub fn push(&mut self, value: Option<T>) {
        match value {
            Some(v) => self.push_value(v),
            None => self.push_null(),
        }
    }

    /// Appends a present value.
    #[inline]
    pub fn push_value(&mut self, value: T) {
        self.values.push(value);
        if let Some(v) = &mut self.validity {
            v.push(true);
        }
    }

    /// Appends a null.
    pub fn push_null(&mut self) {
        let len = self.values.len();
        self.values.push(T::default());
        self.validity
            .get_or_insert_with(|| Bitmap::filled(len, true))
            .push(false);
    }

    /// Rows by index; an index past the end gives a null.
    pub fn gather(&self, indices: &[u32]) -> Self {
        let in_range = indices.iter().all(|&i| (i as usize) < self.values.len());
        if self.validity.is_none() && in_range {
            let values = indices
                .iter()
                .filter_map(|&i| self.values.get(i as usize).copied())
                .collect();
            return PrimitiveColumn::from_values(values);
        }
        let mut out = PrimitiveColumn::with_capacity(indices.len());
        for &i in indices {
            out.push(self.get(i as usize));
        }
        out
    }

    /// Rows by optional index: `None` gives a null (outer-join fill).
    pub fn gather_opt(&self, indices: &[Option<u32>]) -> Self {
        let mut out = PrimitiveColumn::with_capacity(indices.len());
        for i in indices {
            out.push(i.and_then(|i| self.get(i as usize)));
        }
        out
    }

    /// The rows where `mask` is true (rows past the mask's end are dropped).
    pub fn filter(&self, mask: &[bool]) -> Self {
        if self.validity.is_none() {
            let values = self
                .values
                .iter()
                .zip(mask)
                .filter(|(_, keep)| **keep)
                .map(|(v, _)| *v)
                .collect();
            return PrimitiveColumn::from_values(values);
        }
        let mut out = PrimitiveColumn::with_capacity(mask.len());
        for (i, _) in mask.iter().enumerate().filter(|(_, keep)| **keep) {
            out.push(self.get(i));
        }
        out
    }

    /// Rows `offset .. offset + len`, clamped to the column.
    pub fn slice(&self, offset: usize, len: usize) -> Self {
        let start = offset.min(self.len());
        let end = start.saturating_add(len).min(self.len());
        let values = self.values.get(start..end).unwrap_or_default().to_vec();
        let validity = self
            .validity
            .as_ref()
            .map(|v| (start..end).map(|i| v.get(i)).collect());
        PrimitiveColumn { values, validity }
    }

    /// Appends every row of `other`.
    pub fn extend_from(&mut self, other: &Self) {
        if self.validity.is_none() && other.validity.is_none() {
            self.values.extend_from_slice(&other.values);
            return;
        }
        for v in other.iter() {
            self.push(v);
        }
    }
}

impl<T: Primitive> PartialEq for PrimitiveColumn<T> {
    /// Same length and the same value or null at every row (validity representation
    /// and the filler behind nulls do not matter).
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<T: Primitive> FromIterator<Option<T>> for PrimitiveColumn<T> {
    fn from_iter<I: IntoIterator<Item = Option<T>>>(iter: I) -> Self {
        let iter = iter.into_iter();
        let mut c = PrimitiveColumn::with_capacity(iter.size_hint().0);
        for v in iter {
            c.push(v);
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(v: &[Option<i64>]) -> PrimitiveColumn<i64> {
        v.iter().copied().collect()
    }

    #[test]
    fn nulls_are_tracked_lazily() {
        let mut c = PrimitiveColumn::<i64>::with_capacity(4);
        c.push_value(1);
        c.push_value(2);
        assert!(c.validity().is_none());
        c.push_null();
        c.push_value(4);
        assert_eq!(
            c.iter().collect::<Vec<_>>(),
            [Some(1), Some(2), None, Some(4)]
        );
        assert_eq!(c.null_count(), 1);
        assert_eq!(c.values(), [1, 2, 0, 4]);
        assert_eq!(c.get(9), None);
    }

    #[test]
    fn gather_filter_slice() {
        let c = col(&[Some(10), None, Some(30)]);
        assert_eq!(
            c.gather(&[2, 0, 1, 7]),
            col(&[Some(30), Some(10), None, None])
        );
        assert_eq!(c.gather_opt(&[None, Some(0)]), col(&[None, Some(10)]));
        assert_eq!(c.filter(&[true, true, false]), col(&[Some(10), None]));
        assert_eq!(c.slice(1, 5), col(&[None, Some(30)]));
        let plain = PrimitiveColumn::from_values(vec![1.5, 2.5]);
        assert_eq!(plain.gather(&[1, 1]).values(), [2.5, 2.5]);
        assert_eq!(plain.filter(&[false, true]).values(), [2.5]);
    }

    #[test]
    fn equality_ignores_representation() {
        let a = PrimitiveColumn::from_parts(vec![1, 2], Some(Bitmap::filled(2, true))).unwrap();
        assert_eq!(a, PrimitiveColumn::from_values(vec![1, 2]));
        assert!(PrimitiveColumn::from_parts(vec![1], Some(Bitmap::filled(2, true))).is_none());
        let mut e = col(&[Some(1)]);
        e.extend_from(&col(&[None, Some(3)]));
        assert_eq!(e, col(&[Some(1), None, Some(3)]));
    }
}
