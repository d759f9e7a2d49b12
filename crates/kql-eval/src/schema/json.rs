//! Custom table schemas in Azure-Sentinel's KQL-validation format
//! (`.script/tests/KqlvalidationsTests/CustomTables/*.json`):
//!
//! ```json
//! {"Name": "UrlClickEvents", "Properties": [{"Name": "Url", "Type": "string"}, ...]}
//! ```
//!
//! Keys are matched in any case (the repository has both `"Name"` and `"name"`), a
//! file may hold one such object or an array of them, and type names may be KQL names
//! (`string`, `datetime`, `Datetime`) or .NET names (`System.String`, `Int64`,
//! `Object`), see [`type_from_any_name`].

use kql_parser::ast::ScalarType;
use serde_json::Value as Json;

use crate::table::{Field, Schema};

/// A type name as KQL (`long`, `double`, `date`), .NET (`Int64`, `System.DateTime`,
/// `Object`, `SByte`) or JSON-schema-ish exporters (`Datetime`, `Boolean`) write it.
pub fn type_from_any_name(name: &str) -> Option<ScalarType> {
    let trimmed = name.trim();
    let base = trimmed
        .strip_prefix("System.")
        .or_else(|| trimmed.strip_prefix("system."))
        .unwrap_or(trimmed);
    if let Some(t) = ScalarType::from_name(base) {
        return Some(t);
    }
    Some(match base.to_ascii_lowercase().as_str() {
        "object" | "json" | "array" => ScalarType::Dynamic,
        "sbyte" | "byte" | "int16" | "uint16" | "integer" => ScalarType::Int,
        "uint32" | "uint64" => ScalarType::Long,
        "single" | "float" | "number" => ScalarType::Real,
        "datetimeoffset" => ScalarType::DateTime,
        _ => return None,
    })
}

/// A schema file could not be read.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum SchemaError {
    #[error("cannot read schema file {path}: {source}")]
    #[diagnostic(code(kql::schema::io))]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: invalid JSON in schema file: {message}")]
    #[diagnostic(code(kql::schema::json))]
    Json {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    #[diagnostic(
        code(kql::schema::shape),
        help(
            "expected {{\"Name\": \"T\", \"Properties\": [{{\"Name\": \"c\", \"Type\": \"string\"}}]}} or an array of such objects"
        )
    )]
    Shape { path: String, message: String },
    #[error("{path}: table `{table}`, column `{column}`: unknown type `{type_name}`")]
    #[diagnostic(
        code(kql::schema::unknown_type),
        help(
            "use a KQL type: bool, int, long, real, decimal, string, datetime, timespan, guid, dynamic"
        )
    )]
    UnknownType {
        path: String,
        table: String,
        column: String,
        type_name: String,
    },
}

/// The value of a key matched case-insensitively.
fn key<'a>(obj: &'a serde_json::Map<String, Json>, name: &str) -> Option<&'a Json> {
    obj.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// Parses a schema file's text: `(table name, schema)` pairs.
pub fn parse_schema_json(text: &str, path: &str) -> Result<Vec<(String, Schema)>, SchemaError> {
    let json: Json = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        let je = crate::value::JsonError::from(e);
        SchemaError::Json {
            path: path.to_string(),
            line: je.line,
            column: je.column,
            message: je.message,
        }
    })?;
    let shape = |message: String| SchemaError::Shape {
        path: path.to_string(),
        message,
    };
    let tables: Vec<&Json> = match &json {
        Json::Array(items) => items.iter().collect(),
        Json::Object(_) => vec![&json],
        _ => {
            return Err(shape(
                "the file holds neither an object nor an array".into(),
            ));
        }
    };
    let mut out = Vec::with_capacity(tables.len());
    for (i, t) in tables.into_iter().enumerate() {
        let obj = t
            .as_object()
            .ok_or_else(|| shape(format!("entry {i} is not an object")))?;
        let name = key(obj, "Name")
            .and_then(Json::as_str)
            .ok_or_else(|| shape(format!("entry {i} has no string \"Name\"")))?;
        let props = key(obj, "Properties")
            .or_else(|| key(obj, "Columns"))
            .and_then(Json::as_array)
            .ok_or_else(|| shape(format!("table `{name}` has no \"Properties\" array")))?;
        let mut fields = Vec::with_capacity(props.len());
        for (j, p) in props.iter().enumerate() {
            let col = p
                .as_object()
                .ok_or_else(|| shape(format!("table `{name}`: property {j} is not an object")))?;
            let cname = key(col, "Name").and_then(Json::as_str).ok_or_else(|| {
                shape(format!(
                    "table `{name}`: property {j} has no string \"Name\""
                ))
            })?;
            let tname = key(col, "Type").and_then(Json::as_str).ok_or_else(|| {
                shape(format!(
                    "table `{name}`: column `{cname}` has no string \"Type\""
                ))
            })?;
            let ty = type_from_any_name(tname).ok_or_else(|| SchemaError::UnknownType {
                path: path.to_string(),
                table: name.to_string(),
                column: cname.to_string(),
                type_name: tname.to_string(),
            })?;
            fields.push(Field::new(cname, ty));
        }
        let schema = Schema::new(fields);
        if let Some(dup) = schema.duplicate_name() {
            return Err(shape(format!(
                "table `{name}`: column `{dup}` appears twice"
            )));
        }
        out.push((name.to_string(), schema));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_from_every_source() {
        assert_eq!(type_from_any_name("string"), Some(ScalarType::String));
        assert_eq!(type_from_any_name("Datetime"), Some(ScalarType::DateTime));
        assert_eq!(type_from_any_name("System.Int64"), Some(ScalarType::Long));
        assert_eq!(type_from_any_name("Int32"), Some(ScalarType::Int));
        assert_eq!(type_from_any_name("Object"), Some(ScalarType::Dynamic));
        assert_eq!(type_from_any_name("SByte"), Some(ScalarType::Int));
        assert_eq!(type_from_any_name("Double"), Some(ScalarType::Real));
        assert_eq!(type_from_any_name("Boolean"), Some(ScalarType::Bool));
        assert_eq!(type_from_any_name("TimeSpan"), Some(ScalarType::TimeSpan));
        assert_eq!(type_from_any_name("weird"), None);
    }

    #[test]
    fn sentinel_custom_table_format() {
        // Shape of Azure-Sentinel CustomTables/AlertEvidence.json (lowercase keys inside).
        let text = r#"{"Name": "AlertEvidence", "Properties": [
            {"name": "TenantId", "type": "String"},
            {"name": "TimeGenerated", "type": "Datetime"},
            {"name": "FileSize", "type": "long"},
            {"name": "AdditionalFields", "type": "dynamic"}]}"#;
        let t = parse_schema_json(text, "AlertEvidence.json").unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].0, "AlertEvidence");
        assert_eq!(
            t[0].1.to_string(),
            "(TenantId:string, TimeGenerated:datetime, FileSize:long, AdditionalFields:dynamic)"
        );
    }

    #[test]
    fn errors_name_the_file_and_column() {
        let e = parse_schema_json(
            r#"[{"Name":"T","Properties":[{"Name":"c","Type":"varchar"}]}]"#,
            "x.json",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.json: table `T`, column `c`: unknown type `varchar`"
        );
        let e = parse_schema_json("{\"Name\": \"T\",\n \"Properties\": [}", "y.json").unwrap_err();
        assert!(e.to_string().starts_with("y.json:2:"), "{e}");
        let e = parse_schema_json(r#"{"Name":"T"}"#, "z.json").unwrap_err();
        assert_eq!(
            e.to_string(),
            "z.json: table `T` has no \"Properties\" array"
        );
    }
}
