//! Table schemas: ordered, named, typed columns.
//!
//! ```kql
//! datatable(Timestamp:datetime, Subject:string, UrlCount:int) []
//! // Schema (Timestamp:datetime, Subject:string, UrlCount:int)
//! ```

use std::fmt;

use kql_parser::ast::ScalarType;

/// One column of a schema.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field {
    pub name: String,
    pub ty: ScalarType,
}

impl Field {
    pub fn new(name: impl Into<String>, ty: ScalarType) -> Field {
        Field {
            name: name.into(),
            ty,
        }
    }
}

/// The columns of a table, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Schema {
    pub fields: Vec<Field>,
}

impl Schema {
    pub fn new(fields: Vec<Field>) -> Schema {
        Schema { fields }
    }

    /// `Schema::from_pairs(&[("a", ScalarType::Long), ("b", ScalarType::String)])`.
    pub fn from_pairs(pairs: &[(&str, ScalarType)]) -> Schema {
        Schema {
            fields: pairs.iter().map(|(n, t)| Field::new(*n, *t)).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.fields.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The position of a column (names are case-sensitive, as in KQL).
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The column names in order.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.fields.iter().map(|f| f.name.as_str())
    }

    /// The column types in order.
    pub fn types(&self) -> impl Iterator<Item = ScalarType> + '_ {
        self.fields.iter().map(|f| f.ty)
    }

    /// The first name that appears twice, if any.
    pub fn duplicate_name(&self) -> Option<&str> {
        let mut seen = std::collections::HashSet::with_capacity(self.fields.len());
        self.fields
            .iter()
            .map(|f| f.name.as_str())
            .find(|n| !seen.insert(*n))
    }
}

impl fmt::Display for Schema {
    /// `(Timestamp:datetime, Subject:string)`, the way `datatable` declares columns.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        for (i, field) in self.fields.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}:{}", field.name, field.ty)?;
        }
        f.write_str(")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let s = Schema::from_pairs(&[("a", ScalarType::Long), ("B", ScalarType::String)]);
        assert_eq!(s.index_of("B"), Some(1));
        assert_eq!(s.index_of("b"), None);
        assert_eq!(s.field("a").map(|f| f.ty), Some(ScalarType::Long));
        assert_eq!(s.names().collect::<Vec<_>>(), ["a", "B"]);
        assert_eq!(s.to_string(), "(a:long, B:string)");
        assert_eq!(s.duplicate_name(), None);
        let d = Schema::from_pairs(&[("a", ScalarType::Long), ("a", ScalarType::Int)]);
        assert_eq!(d.duplicate_name(), Some("a"));
    }
}
