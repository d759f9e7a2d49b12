//! Kusto's scalar type names, shared by the AST (`datatable(a:long)`, `typeof(string)`,
//! typed nulls like `long(null)`) and by the evaluator.

use std::fmt;

/// A Kusto scalar type.
///
/// ```kql
/// datatable(Flag:bool, N:int, Big:long, X:real, D:decimal, S:string,
///           T:datetime, Span:timespan, Id:guid, Bag:dynamic) []
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScalarType {
    /// `bool` (alias `boolean`).
    Bool,
    /// `int`: 32-bit signed.
    Int,
    /// `long`: 64-bit signed.
    Long,
    /// `real` (alias `double`): 64-bit float.
    Real,
    /// `decimal`: 128-bit decimal.
    Decimal,
    /// `string`: never null; a missing string is `""`.
    String,
    /// `datetime` (alias `date`): ticks of 100 ns since 0001-01-01 UTC.
    DateTime,
    /// `timespan` (alias `time`): ticks of 100 ns.
    TimeSpan,
    /// `guid` (alias `uniqueid`).
    Guid,
    /// `dynamic`: JSON-like value (null, bool, number, string, array, property bag).
    Dynamic,
}

impl ScalarType {
    /// Every type, in the order Kusto's documentation lists them.
    pub const ALL: [ScalarType; 10] = [
        ScalarType::Bool,
        ScalarType::DateTime,
        ScalarType::Decimal,
        ScalarType::Dynamic,
        ScalarType::Guid,
        ScalarType::Int,
        ScalarType::Long,
        ScalarType::Real,
        ScalarType::String,
        ScalarType::TimeSpan,
    ];

    /// The canonical KQL name (`long`, `real`, `datetime`, ...).
    pub fn name(self) -> &'static str {
        match self {
            ScalarType::Bool => "bool",
            ScalarType::Int => "int",
            ScalarType::Long => "long",
            ScalarType::Real => "real",
            ScalarType::Decimal => "decimal",
            ScalarType::String => "string",
            ScalarType::DateTime => "datetime",
            ScalarType::TimeSpan => "timespan",
            ScalarType::Guid => "guid",
            ScalarType::Dynamic => "dynamic",
        }
    }

    /// Parses a KQL type name or one of its aliases (`double`, `date`, `time`,
    /// `boolean`, `uniqueid`). Type names are case-sensitive in KQL, but the
    /// schema files written by exporters (`"Type": "String"`) are not, so this
    /// accepts any case; the parser checks case where KQL requires it.
    pub fn from_name(name: &str) -> Option<ScalarType> {
        const NAMES: [(&str, ScalarType); 17] = [
            ("bool", ScalarType::Bool),
            ("boolean", ScalarType::Bool),
            ("int", ScalarType::Int),
            ("int32", ScalarType::Int),
            ("long", ScalarType::Long),
            ("int64", ScalarType::Long),
            ("real", ScalarType::Real),
            ("double", ScalarType::Real),
            ("decimal", ScalarType::Decimal),
            ("string", ScalarType::String),
            ("datetime", ScalarType::DateTime),
            ("date", ScalarType::DateTime),
            ("timespan", ScalarType::TimeSpan),
            ("time", ScalarType::TimeSpan),
            ("guid", ScalarType::Guid),
            ("uniqueid", ScalarType::Guid),
            ("dynamic", ScalarType::Dynamic),
        ];
        // Compared case-insensitively in place: lowercasing a copy allocated.
        NAMES
            .iter()
            .find(|(spelling, _)| spelling.eq_ignore_ascii_case(name))
            .map(|&(_, ty)| ty)
    }

    /// The .NET type name Kusto writes as `DataType` in a REST v1 response.
    pub fn dotnet_name(self) -> &'static str {
        match self {
            ScalarType::Bool => "Boolean",
            ScalarType::Int => "Int32",
            ScalarType::Long => "Int64",
            ScalarType::Real => "Double",
            ScalarType::Decimal => "Decimal",
            ScalarType::String => "String",
            ScalarType::DateTime => "DateTime",
            ScalarType::TimeSpan => "TimeSpan",
            ScalarType::Guid => "Guid",
            ScalarType::Dynamic => "Object",
        }
    }

    /// Numeric types: `int`, `long`, `real`, `decimal`.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            ScalarType::Int | ScalarType::Long | ScalarType::Real | ScalarType::Decimal
        )
    }
}

impl fmt::Display for ScalarType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_resolve_to_canonical_types() {
        // q/scalar-data-types/index.md: `double` = real, `date` = datetime, `time` = timespan.
        assert_eq!(ScalarType::from_name("double"), Some(ScalarType::Real));
        assert_eq!(ScalarType::from_name("date"), Some(ScalarType::DateTime));
        assert_eq!(ScalarType::from_name("time"), Some(ScalarType::TimeSpan));
        assert_eq!(ScalarType::from_name("boolean"), Some(ScalarType::Bool));
        assert_eq!(ScalarType::from_name("week"), None);
        for t in ScalarType::ALL {
            assert_eq!(ScalarType::from_name(t.name()), Some(t));
        }
    }
}
