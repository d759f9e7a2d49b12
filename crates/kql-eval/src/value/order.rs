//! Total equality, hashing and ordering of [`Value`]s, for grouping and distinct
//! keys (`summarize by`, `distinct`, `dcount`, join keys).
//!
//! ```kql
//! datatable(x:real) [real(nan), real(nan), 0.0, -0.0] | distinct x   // 2 rows
//! ```
//!
//! `NaN` equals `NaN` and `-0.0` equals `0.0`; decimals compare by value (`1.50` is
//! `1.5`); values of different variants are unequal and order by variant, `Null`
//! first. This is not KQL's `==`, which propagates nulls and promotes numbers.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use super::{Value, real};

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Value {}

impl Hash for Value {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.rank().hash(state);
        match self {
            Value::Null => {}
            Value::Bool(b) => b.hash(state),
            Value::Int(v) => v.hash(state),
            Value::Long(v) | Value::DateTime(v) | Value::TimeSpan(v) => v.hash(state),
            Value::Real(v) => real::canonical_real(*v).to_bits().hash(state),
            // normalize(): 1.50 and 1.5 are equal decimals and must hash alike.
            Value::Decimal(d) => d.normalize().hash(state),
            Value::String(s) => s.hash(state),
            Value::Guid(g) => g.hash(state),
            Value::Dynamic(d) => d.hash(state),
        }
    }
}

impl Ord for Value {
    fn cmp(&self, other: &Value) -> Ordering {
        match (self, other) {
            (Value::Bool(a), Value::Bool(b)) => a.cmp(b),
            (Value::Int(a), Value::Int(b)) => a.cmp(b),
            (Value::Long(a), Value::Long(b))
            | (Value::DateTime(a), Value::DateTime(b))
            | (Value::TimeSpan(a), Value::TimeSpan(b)) => a.cmp(b),
            (Value::Real(a), Value::Real(b)) => {
                real::canonical_real(*a).total_cmp(&real::canonical_real(*b))
            }
            (Value::Decimal(a), Value::Decimal(b)) => a.cmp(b),
            (Value::String(a), Value::String(b)) => a.cmp(b),
            (Value::Guid(a), Value::Guid(b)) => a.cmp(b),
            (Value::Dynamic(a), Value::Dynamic(b)) => a.cmp(b),
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

impl PartialOrd for Value {
    fn partial_cmp(&self, other: &Value) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
