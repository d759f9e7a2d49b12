//! A packed bit vector: the validity of nullable columns (bit set = value present) and
//! the result of predicates.

/// A growable packed vector of bits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bitmap {
    words: Vec<u64>,
    len: usize,
}

impl Bitmap {
    /// Bytes held (for `--max-memory`).
    pub fn heap_bytes(&self) -> usize {
        self.words.len() * 8
    }

    /// An empty bitmap with room for `bits` bits.
    pub fn with_capacity(bits: usize) -> Bitmap {
        Bitmap {
            words: Vec::with_capacity(bits.div_ceil(64)),
            len: 0,
        }
    }

    /// `len` bits, all set to `value`.
    pub fn filled(len: usize, value: bool) -> Bitmap {
        let word = if value { u64::MAX } else { 0 };
        let mut words = vec![word; len.div_ceil(64)];
        if value
            && !len.is_multiple_of(64)
            && let Some(last) = words.last_mut()
        {
            *last = (1u64 << (len % 64)) - 1;
        }
        Bitmap { words, len }
    }

    /// A bitmap from booleans.
    pub fn from_bools(bits: &[bool]) -> Bitmap {
        bits.iter().copied().collect()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bit `i`; `false` past the end.
    #[inline]
    pub fn get(&self, i: usize) -> bool {
        i < self.len
            && self
                .words
                .get(i / 64)
                .is_some_and(|w| w >> (i % 64) & 1 == 1)
    }

    /// Sets bit `i`; ignored past the end.
    pub fn set(&mut self, i: usize, value: bool) {
        if i >= self.len {
            return;
        }
        if let Some(w) = self.words.get_mut(i / 64) {
            if value {
                *w |= 1 << (i % 64);
            } else {
                *w &= !(1 << (i % 64));
            }
        }
    }

    /// Appends a bit.
    #[inline]
    pub fn push(&mut self, value: bool) {
        if self.len.is_multiple_of(64) {
            self.words.push(0);
        }
        if value && let Some(w) = self.words.last_mut() {
            *w |= 1 << (self.len % 64);
        }
        self.len += 1;
    }

    /// Appends `count` copies of a bit.
    pub fn extend_constant(&mut self, count: usize, value: bool) {
        for _ in 0..count {
            self.push(value);
        }
    }

    /// The number of set bits.
    pub fn count_ones(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// True when every bit is set.
    pub fn all_set(&self) -> bool {
        self.count_ones() == self.len
    }

    /// The bits in order.
    pub fn iter(&self) -> impl Iterator<Item = bool> + '_ {
        (0..self.len).map(move |i| self.get(i))
    }

    /// The indexes of the set bits.
    pub fn set_indices(&self) -> Vec<u32> {
        (0..self.len)
            .filter(|&i| self.get(i))
            .filter_map(|i| u32::try_from(i).ok())
            .collect()
    }
}

impl FromIterator<bool> for Bitmap {
    fn from_iter<I: IntoIterator<Item = bool>>(iter: I) -> Bitmap {
        let iter = iter.into_iter();
        let mut b = Bitmap::with_capacity(iter.size_hint().0);
        for bit in iter {
            b.push(bit);
        }
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_get_set_count() {
        let mut b = Bitmap::default();
        for i in 0..130 {
            b.push(i % 3 == 0);
        }
        assert_eq!(b.len(), 130);
        assert!(b.get(0) && !b.get(1) && b.get(129));
        assert!(!b.get(500));
        assert_eq!(b.count_ones(), 44);
        b.set(1, true);
        b.set(0, false);
        assert!(b.get(1) && !b.get(0));
        assert_eq!(b.set_indices()[..3], [1, 3, 6]);
    }

    #[test]
    fn filled_masks_the_tail() {
        let b = Bitmap::filled(70, true);
        assert_eq!(b.count_ones(), 70);
        assert!(b.all_set());
        let mut b2 = b.clone();
        b2.push(false);
        assert_eq!(b2.count_ones(), 70);
        assert!(!b2.all_set());
        assert_eq!(Bitmap::filled(5, false).count_ones(), 0);
    }
}
