//! Literal values, already decoded: escapes resolved, datetimes and timespans in ticks.

use super::ScalarType;

/// A literal.
///
/// ```kql
/// true  42  int(7)  1.5e3  real(nan)  decimal(1.25)  "text"  @'C:\dir'  h"secret"
/// datetime(2026-05-10 12:00)  4hrs  time(1.02:03:04)  guid(74be27de-1e4e-49d9-b579-fe0b331d3642)
/// dynamic({"a": [1, 2]})  long(null)
/// ```
#[derive(Debug, Clone)]
pub enum Literal {
    Bool(Option<bool>),
    Int(Option<i32>),
    Long(Option<i64>),
    Real(Option<f64>),
    /// The decimal's text, normalized (`decimal(1.50)` keeps `1.50`); `None` is `decimal(null)`.
    Decimal(Option<String>),
    /// A string after escapes are resolved and adjacent literals are concatenated.
    String(StringLiteral),
    /// Ticks (100 ns) since 0001-01-01T00:00:00Z.
    DateTime(Option<i64>),
    /// Ticks (100 ns).
    TimeSpan(Option<i64>),
    Guid(Option<u128>),
    Dynamic(DynamicLiteral),
}

/// A string literal's value and whether it was obfuscated (`h"..."`), which a printer keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct StringLiteral {
    pub value: String,
    pub obfuscated: bool,
}

impl Literal {
    /// The type this literal has.
    pub fn scalar_type(&self) -> ScalarType {
        match self {
            Literal::Bool(_) => ScalarType::Bool,
            Literal::Int(_) => ScalarType::Int,
            Literal::Long(_) => ScalarType::Long,
            Literal::Real(_) => ScalarType::Real,
            Literal::Decimal(_) => ScalarType::Decimal,
            Literal::String(_) => ScalarType::String,
            Literal::DateTime(_) => ScalarType::DateTime,
            Literal::TimeSpan(_) => ScalarType::TimeSpan,
            Literal::Guid(_) => ScalarType::Guid,
            Literal::Dynamic(_) => ScalarType::Dynamic,
        }
    }
}

impl PartialEq for Literal {
    /// Reals compare by bit pattern so that `real(nan)` round-trips.
    fn eq(&self, other: &Literal) -> bool {
        match (self, other) {
            (Literal::Bool(a), Literal::Bool(b)) => a == b,
            (Literal::Int(a), Literal::Int(b)) => a == b,
            (Literal::Long(a), Literal::Long(b)) => a == b,
            (Literal::Real(a), Literal::Real(b)) => a.map(f64::to_bits) == b.map(f64::to_bits),
            (Literal::Decimal(a), Literal::Decimal(b)) => a == b,
            (Literal::String(a), Literal::String(b)) => a == b,
            (Literal::DateTime(a), Literal::DateTime(b)) => a == b,
            (Literal::TimeSpan(a), Literal::TimeSpan(b)) => a == b,
            (Literal::Guid(a), Literal::Guid(b)) => a == b,
            (Literal::Dynamic(a), Literal::Dynamic(b)) => a == b,
            _ => false,
        }
    }
}

/// The value inside `dynamic(...)`: JSON, where scalars may also be KQL literals
/// (`dynamic({"when": datetime(2020-01-01)})`) and strings may be single-quoted.
#[derive(Debug, Clone)]
pub enum DynamicLiteral {
    Null,
    Bool(bool),
    Long(i64),
    Real(f64),
    String(String),
    DateTime(i64),
    TimeSpan(i64),
    Guid(u128),
    Array(Vec<DynamicLiteral>),
    /// Keys in the order written.
    Bag(Vec<(String, DynamicLiteral)>),
}

impl PartialEq for DynamicLiteral {
    fn eq(&self, other: &DynamicLiteral) -> bool {
        use DynamicLiteral as D;
        match (self, other) {
            (D::Null, D::Null) => true,
            (D::Bool(a), D::Bool(b)) => a == b,
            (D::Long(a), D::Long(b)) => a == b,
            (D::Real(a), D::Real(b)) => a.to_bits() == b.to_bits(),
            (D::String(a), D::String(b)) => a == b,
            (D::DateTime(a), D::DateTime(b)) => a == b,
            (D::TimeSpan(a), D::TimeSpan(b)) => a == b,
            (D::Guid(a), D::Guid(b)) => a == b,
            (D::Array(a), D::Array(b)) => a == b,
            (D::Bag(a), D::Bag(b)) => a == b,
            _ => false,
        }
    }
}
