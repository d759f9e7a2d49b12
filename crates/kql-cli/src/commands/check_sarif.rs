//! `kql check --format sarif`: the diagnostics as a SARIF 2.1.0 log, the format GitHub
//! code scanning uploads (`github/codeql-action/upload-sarif`).
//!
//! ```text
//! kql check --format sarif rules/ > kql.sarif
//! ```
//!
//! One run, tool `kql`, one rule per diagnostic code used; each result has the rule id,
//! `error` or `warning`, the message (with the help appended) and the region of the
//! diagnostic's label: 1-based lines and columns, columns counted in characters.

use serde_json::{Value, json};

use super::check_report::Record;

/// The SARIF log of `records`.
pub fn sarif(records: &[Record]) -> Value {
    let mut codes: Vec<&str> = records
        .iter()
        .map(|r| r.code.as_deref().unwrap_or("kql::check"))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let rules: Vec<Value> = codes
        .iter()
        .map(|code| {
            let example = records
                .iter()
                .find(|r| r.code.as_deref().unwrap_or("kql::check") == *code);
            let level = example.map_or("error", Record::severity);
            json!({
                "id": code,
                "name": rule_name(code),
                "shortDescription": { "text": code },
                "defaultConfiguration": { "level": level },
            })
        })
        .collect();
    let results: Vec<Value> = records.iter().map(result).collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "kql",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://learn.microsoft.com/kusto/query/",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// One SARIF result.
fn result(record: &Record) -> Value {
    let text = match &record.help {
        Some(help) => format!("{} ({help})", record.message),
        None => record.message.clone(),
    };
    let mut physical = json!({ "artifactLocation": { "uri": uri(&record.file) } });
    if let (Some(line), Some(column)) = (record.line, record.column) {
        let (end_line, end_column) = match (record.end_line, record.end_column) {
            // An empty label still covers one character, so the region is visible.
            (Some(l), Some(c)) if (l, c) != (line, column) => (l, c),
            _ => (line, column + 1),
        };
        physical["region"] = json!({
            "startLine": line,
            "startColumn": column,
            "endLine": end_line,
            "endColumn": end_column,
        });
    }
    json!({
        "ruleId": record.code.as_deref().unwrap_or("kql::check"),
        "level": record.severity(),
        "message": { "text": text },
        "locations": [{ "physicalLocation": physical }],
    })
}

/// `kql::check::unknown_column` is `UnknownColumn`.
fn rule_name(code: &str) -> String {
    let last = code.rsplit("::").next().unwrap_or(code);
    last.split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// A relative URI reference for a path: `/` separators, spaces and `%` escaped;
/// `./` dropped, since code scanning matches paths from the repository root.
fn uri(file: &str) -> String {
    let path = file.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len() + 7);
    // An absolute path is a `file://` URI.
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for c in path.chars() {
        match c {
            '%' => out.push_str("%25"),
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(rule_name("kql::check::unknown_column"), "UnknownColumn");
        assert_eq!(
            uri("./Hunting Queries/a#1.kql"),
            "Hunting%20Queries/a%231.kql"
        );
        assert_eq!(uri("/tmp/a.kql"), "file:///tmp/a.kql");
    }
}
