//! Table schemas known before any data is read: the built-in Defender and Sentinel tables
//! the hunting corpus reads, and custom tables from JSON files.
//!
//! ```
//! use kql_eval::schema::{SchemaCatalog, SchemaVariant};
//! let cat = SchemaCatalog::builtin(SchemaVariant::AdvancedHunting);
//! let ee = cat.get("EmailEvents").unwrap();
//! assert_eq!(ee.fields[0].name, "Timestamp");
//! assert!(cat.names().contains(&"EmailUrlInfo"));
//! ```
//!
//! The two variants differ mainly in the time column: advanced hunting has `Timestamp`,
//! Sentinel / Log Analytics has `TimeGenerated`. Corpus queries use both (58% and
//! 15.5%), so [`time_column_alias`] tells the binder and the loader which column stands
//! in for the other.

mod cols;
mod defender;
mod defender_device;
mod defender_other;
mod defender_sentinel;
mod defender_teams;
mod json;
mod sentinel;
mod sentinel_office;

use std::collections::BTreeMap;
use std::path::Path;

pub use json::{SchemaError, parse_schema_json, type_from_any_name};

use crate::table::Schema;

/// Which copy of the Defender tables to describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SchemaVariant {
    /// Defender XDR advanced hunting: `Timestamp`, strings for JSON-ish columns.
    #[default]
    AdvancedHunting,
    /// Microsoft Sentinel / Log Analytics: `TimeGenerated`, `TenantId`, `Type`, ...
    Sentinel,
    /// The unified Defender portal, where Sentinel and Defender XDR share advanced
    /// hunting: the advanced hunting tables, with `TimeGenerated` also naming their
    /// `Timestamp`, so queries written for Sentinel and run there, which name both,
    /// bind (defender-email-schemas.md, "For the interpreter": "some use both (queries
    /// written for Sentinel but run in the unified portal). Expose both names over the
    /// same value.").
    Unified,
}

impl SchemaVariant {
    /// `advanced-hunting` / `ah`, `sentinel` / `log-analytics` / `la` (any case).
    pub fn from_name(name: &str) -> Option<SchemaVariant> {
        match name.to_ascii_lowercase().as_str() {
            "advanced-hunting" | "advancedhunting" | "ah" | "defender" => {
                Some(SchemaVariant::AdvancedHunting)
            }
            "sentinel" | "log-analytics" | "loganalytics" | "la" => Some(SchemaVariant::Sentinel),
            "unified" | "defender-portal" => Some(SchemaVariant::Unified),
            _ => None,
        }
    }
}

/// Table name to schema.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaCatalog {
    tables: BTreeMap<String, Schema>,
    /// [`SchemaVariant::Unified`]: `TimeGenerated` answers for a table's `Timestamp`.
    time_generated_alias: bool,
}

impl SchemaCatalog {
    /// No tables.
    pub fn new() -> SchemaCatalog {
        SchemaCatalog::default()
    }

    /// The built-in tables of `variant`, plus the tables of the other variant that have
    /// no copy in this one.
    ///
    /// * Advanced hunting: the Defender email tables (`EmailEvents`, `EmailAttachmentInfo`,
    ///   `EmailUrlInfo`, `EmailPostDeliveryEvents`, `UrlClickEvents`), the device event
    ///   tables (`DeviceFileEvents`, `DeviceNetworkEvents`, `DeviceEvents`,
    ///   `DeviceProcessEvents`, `DeviceLogonEvents`), the Teams tables (`MessageEvents`,
    ///   `MessageUrlInfo`) and `CloudAppEvents`, `AlertEvidence`, `AlertInfo`,
    ///   `IdentityInfo`, `IdentityLogonEvents`, `AADSignInEventsBeta`,
    ///   `EntraIdSignInEvents`, `ExposureGraphNodes`, `ExposureGraphEdges`, `DeviceInfo`,
    ///   `DeviceTvmSoftwareVulnerabilities`.
    /// * Sentinel: the Log Analytics copies of the email tables, `CloudAppEvents` and the
    ///   five device event tables (no `Timestamp` there), and the Sentinel-only
    ///   `SecurityAlert`, `ThreatIntelligenceIndicator`, `ThreatIntelIndicators`,
    ///   `BehaviorAnalytics`, `OfficeActivity`, `SigninLogs`.
    ///
    /// Why the union: the CLI binds each query against one variant, picked from the time
    /// column it names (`TimeGenerated` only: Sentinel, else advanced hunting), yet
    /// hunting queries mix tables, e.g. `EmailEvents | where Timestamp > ago(1d)` joined
    /// with `ThreatIntelligenceIndicator`. A table that exists in only one variant is
    /// unambiguous, so both catalogs carry it; a table with a copy in each variant gets
    /// this variant's copy. Defender tables whose Log Analytics copy is not transcribed
    /// here (every one but those listed above) so appear in the Sentinel catalog with
    /// their advanced hunting columns: a data file with `TimeGenerated` still loads into
    /// their `Timestamp` ([`time_column_alias`]), but the binder does not alias, so a
    /// query over them must name `Timestamp`.
    ///
    /// ```
    /// use kql_eval::schema::{SchemaCatalog, SchemaVariant};
    /// let ah = SchemaCatalog::builtin(SchemaVariant::AdvancedHunting);
    /// assert!(ah.contains("SecurityAlert") && ah.contains("DeviceProcessEvents"));
    /// let la = SchemaCatalog::builtin(SchemaVariant::Sentinel);
    /// assert!(la.contains("SecurityAlert") && la.contains("ExposureGraphNodes"));
    /// ```
    pub fn builtin(variant: SchemaVariant) -> SchemaCatalog {
        let (own, other) = match variant {
            SchemaVariant::AdvancedHunting | SchemaVariant::Unified => {
                (advanced_hunting_tables(), sentinel_tables())
            }
            SchemaVariant::Sentinel => (sentinel_tables(), advanced_hunting_tables()),
        };
        let mut tables: BTreeMap<String, Schema> =
            own.into_iter().map(|(n, s)| (n.to_string(), s)).collect();
        for (name, schema) in other {
            tables.entry(name.to_string()).or_insert(schema);
        }
        SchemaCatalog {
            tables,
            time_generated_alias: variant == SchemaVariant::Unified,
        }
    }

    /// The column a name not in a table's schema stands for: in the unified variant,
    /// `TimeGenerated` is `Timestamp`.
    pub fn column_alias(&self, name: &str) -> Option<&'static str> {
        (self.time_generated_alias && name == "TimeGenerated").then_some("Timestamp")
    }

    /// Adds or replaces a table.
    pub fn add(&mut self, name: impl Into<String>, schema: Schema) {
        self.tables.insert(name.into(), schema);
    }

    /// Adds the tables of a schema file (one object or an array), or of every `.json`
    /// file in a directory (sorted by name). Returns the names added.
    pub fn add_json_file(&mut self, path: &Path) -> Result<Vec<String>, SchemaError> {
        let io = |source| SchemaError::Io {
            path: path.display().to_string(),
            source,
        };
        if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(path)
                .map_err(io)?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                })
                .collect();
            files.sort();
            let mut names = Vec::new();
            for f in files {
                names.extend(self.add_json_file(&f)?);
            }
            return Ok(names);
        }
        let text = std::fs::read_to_string(path).map_err(io)?;
        self.add_json_str(&text, &path.display().to_string())
    }

    /// Adds the tables of schema JSON text; `origin` names it in errors.
    pub fn add_json_str(&mut self, text: &str, origin: &str) -> Result<Vec<String>, SchemaError> {
        let tables = parse_schema_json(text, origin)?;
        let names = tables.iter().map(|(n, _)| n.clone()).collect();
        for (name, schema) in tables {
            self.add(name, schema);
        }
        Ok(names)
    }

    /// The schema of a table (names are case-sensitive).
    pub fn get(&self, name: &str) -> Option<&Schema> {
        self.tables.get(name)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.tables.contains_key(name)
    }

    /// Every table name, sorted (for "did you mean" suggestions).
    pub fn names(&self) -> Vec<&str> {
        self.tables.keys().map(String::as_str).collect()
    }

    pub fn len(&self) -> usize {
        self.tables.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }

    /// `(name, schema)` pairs, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Schema)> + '_ {
        self.tables.iter().map(|(n, s)| (n.as_str(), s))
    }
}

/// Every advanced hunting table with its advanced hunting columns.
fn advanced_hunting_tables() -> Vec<(&'static str, Schema)> {
    let mut tables = defender::advanced_hunting();
    tables.extend(defender_device::advanced_hunting());
    tables.extend(defender_other::advanced_hunting());
    tables.extend(defender_teams::advanced_hunting());
    tables
}

/// Every Sentinel / Log Analytics table with its Log Analytics columns.
fn sentinel_tables() -> Vec<(&'static str, Schema)> {
    let mut tables = defender::sentinel();
    tables.extend(defender_sentinel::sentinel());
    tables.extend(sentinel::tables());
    tables
}

/// The column that stands in for `name` when `schema` lacks it: `Timestamp` for
/// `TimeGenerated` and the reverse. `None` when `schema` has `name`, or lacks both.
///
/// ```
/// use kql_eval::schema::{SchemaCatalog, SchemaVariant, time_column_alias};
/// let cat = SchemaCatalog::builtin(SchemaVariant::AdvancedHunting);
/// let ee = cat.get("EmailEvents").unwrap();
/// assert_eq!(time_column_alias(ee, "TimeGenerated"), Some("Timestamp"));
/// assert_eq!(time_column_alias(ee, "Timestamp"), None);
/// ```
pub fn time_column_alias(schema: &Schema, name: &str) -> Option<&'static str> {
    if schema.index_of(name).is_some() {
        return None;
    }
    let other = match name {
        "Timestamp" => "TimeGenerated",
        "TimeGenerated" => "Timestamp",
        _ => return None,
    };
    schema.index_of(other).map(|_| other)
}

#[cfg(test)]
mod tests {
    use kql_parser::ast::ScalarType;

    use super::*;

    fn ty(cat: &SchemaCatalog, table: &str, col: &str) -> Option<ScalarType> {
        cat.get(table)?.field(col).map(|f| f.ty)
    }

    #[test]
    fn advanced_hunting_tables_match_the_reference() {
        let cat = SchemaCatalog::builtin(SchemaVariant::AdvancedHunting);
        let email = [
            "EmailAttachmentInfo",
            "EmailEvents",
            "EmailPostDeliveryEvents",
            "EmailUrlInfo",
            "UrlClickEvents",
        ];
        let counts: Vec<usize> = email
            .iter()
            .filter_map(|n| cat.get(n).map(Schema::len))
            .collect();
        assert_eq!(counts, [15, 53, 15, 8, 19]);
        assert_eq!(
            ty(&cat, "EmailEvents", "Timestamp"),
            Some(ScalarType::DateTime)
        );
        assert_eq!(
            ty(&cat, "EmailEvents", "EmailClusterId"),
            Some(ScalarType::Long)
        );
        assert_eq!(
            ty(&cat, "EmailEvents", "BulkComplaintLevel"),
            Some(ScalarType::Int)
        );
        assert_eq!(
            ty(&cat, "EmailEvents", "IsFirstContact"),
            Some(ScalarType::Int)
        );
        assert_eq!(
            ty(&cat, "EmailEvents", "AdditionalFields"),
            Some(ScalarType::String)
        );
        assert_eq!(
            ty(&cat, "UrlClickEvents", "IsClickedThrough"),
            Some(ScalarType::Bool)
        );
        assert_eq!(
            ty(&cat, "EmailUrlInfo", "UrlChainPosition"),
            Some(ScalarType::Int)
        );
        for (_, s) in cat.iter() {
            assert_eq!(s.duplicate_name(), None);
        }
    }

    #[test]
    fn sentinel_tables_match_the_reference() {
        let cat = SchemaCatalog::builtin(SchemaVariant::Sentinel);
        let ee = cat.get("EmailEvents").unwrap();
        assert_eq!(ee.len(), 55);
        assert_eq!(ee.index_of("Timestamp"), None);
        assert_eq!(
            ty(&cat, "EmailEvents", "AdditionalFields"),
            Some(ScalarType::Dynamic)
        );
        assert_eq!(
            ty(&cat, "EmailEvents", "IsFirstContact"),
            Some(ScalarType::Bool)
        );
        assert_eq!(ty(&cat, "EmailEvents", "EmailSize"), Some(ScalarType::Int));
        assert_eq!(
            ty(&cat, "EmailEvents", "_BilledSize"),
            Some(ScalarType::Real)
        );
        assert_eq!(ty(&cat, "EmailEvents", "Topics"), None);
        assert_eq!(cat.get("UrlClickEvents").map(Schema::len), Some(17));
        assert_eq!(
            ty(&cat, "EmailUrlInfo", "TimeGenerated"),
            Some(ScalarType::DateTime)
        );
        assert_eq!(
            ty(&cat, "EmailUrlInfo", "TenantId"),
            Some(ScalarType::String)
        );
        for (_, s) in cat.iter() {
            assert_eq!(s.duplicate_name(), None);
        }
    }

    #[test]
    fn custom_tables_and_aliases() {
        let mut cat = SchemaCatalog::new();
        let names = cat
            .add_json_str(
                r#"[{"Name":"A","Properties":[{"Name":"TimeGenerated","Type":"datetime"}]},
                    {"Name":"B","Properties":[]}]"#,
                "inline",
            )
            .unwrap();
        assert_eq!(names, ["A", "B"]);
        let a = cat.get("A").unwrap();
        assert_eq!(time_column_alias(a, "Timestamp"), Some("TimeGenerated"));
        assert_eq!(time_column_alias(a, "Other"), None);
        assert_eq!(
            SchemaVariant::from_name("Sentinel"),
            Some(SchemaVariant::Sentinel)
        );
        assert_eq!(
            SchemaVariant::from_name("ah"),
            Some(SchemaVariant::AdvancedHunting)
        );
    }
}
