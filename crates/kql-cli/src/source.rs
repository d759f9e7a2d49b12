//! Where queries come from: a `.kql` file, the `query:` of a Sentinel rule
//! (`.yaml`/`.yml`), or standard input (`-`). Every subcommand that reads queries uses
//! [`read_query`].

use std::fmt;
use std::io::Read;
use std::path::Path;

use yaml_rust2::{Yaml, YamlLoader};

/// A query's text and the name to show in diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuerySource {
    /// The file name (`<stdin>` for `-`; `rule.yaml (query)` for a rule).
    pub name: String,
    pub text: String,
}

/// Why a query could not be read (exit code 2).
#[derive(Debug)]
pub enum SourceError {
    /// The file (or stdin) could not be read.
    Read { name: String, error: std::io::Error },
    /// The file is not valid YAML.
    Yaml { name: String, message: String },
    /// The YAML has no string `query:` field.
    NoQuery { name: String },
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Read { name, error } => write!(f, "cannot read {name}: {error}"),
            SourceError::Yaml { name, message } => write!(f, "{name} is not valid YAML: {message}"),
            SourceError::NoQuery { name } => write!(f, "{name} has no `query:` field"),
        }
    }
}

/// The I/O error is part of the message, so it is not also given as the source (a
/// diagnostic would print it twice).
impl std::error::Error for SourceError {}

impl miette::Diagnostic for SourceError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(match self {
            SourceError::Read { .. } => "kql::source::read",
            SourceError::Yaml { .. } => "kql::source::yaml",
            SourceError::NoQuery { .. } => "kql::source::no_query",
        }))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        match self {
            SourceError::NoQuery { .. } => Some(Box::new(
                "a Sentinel rule holds its KQL in a `query: |` block",
            )),
            _ => None,
        }
    }
}

/// Reads the query at `path`: `-` is standard input, `.yaml`/`.yml` a Sentinel rule
/// whose `query:` is taken, anything else KQL text.
pub fn read_query(path: &Path) -> Result<QuerySource, SourceError> {
    let name = path.display().to_string();
    if name == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|error| SourceError::Read {
                name: "<stdin>".into(),
                error,
            })?;
        return Ok(QuerySource {
            name: "<stdin>".into(),
            text,
        });
    }
    let text = std::fs::read_to_string(path).map_err(|error| SourceError::Read {
        name: name.clone(),
        error,
    })?;
    let is_yaml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if is_yaml {
        let query = query_from_yaml(&name, &text)?;
        return Ok(QuerySource {
            name: format!("{name} (query)"),
            text: query,
        });
    }
    Ok(QuerySource { name, text })
}

/// The `query:` string of a Sentinel rule.
pub fn query_from_yaml(name: &str, text: &str) -> Result<String, SourceError> {
    let docs = YamlLoader::load_from_str(text).map_err(|e| SourceError::Yaml {
        name: name.to_string(),
        message: e.to_string(),
    })?;
    match docs.first().map(|doc| &doc["query"]) {
        Some(Yaml::String(query)) => Ok(query.clone()),
        _ => Err(SourceError::NoQuery {
            name: name.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_query_field() {
        let rule = "id: x\nquery: |\n  T\n  | take 1\nversion: 1\n";
        assert_eq!(query_from_yaml("r.yaml", rule).unwrap(), "T\n| take 1\n");
        assert!(matches!(
            query_from_yaml("r.yaml", "id: x\n"),
            Err(SourceError::NoQuery { .. })
        ));
        assert!(matches!(
            query_from_yaml("r.yaml", "a: [\n"),
            Err(SourceError::Yaml { .. })
        ));
    }
}
