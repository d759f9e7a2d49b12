//! What `kql check` reports about one diagnostic, in a form that serialises to JSON:
//! the file, the stable code, the message, where (1-based line and column, in
//! characters) and the help text.

use miette::Diagnostic;
use serde_json::{Value, json};

/// One diagnostic of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The file as given or found (a rule's line numbers count from its `query:` text).
    pub file: String,
    pub code: Option<String>,
    pub message: String,
    /// 1-based position of the diagnostic's first label in the query text.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub help: Option<String>,
}

impl Record {
    /// Describes `diagnostic`, locating its first label in `text` (when it has one).
    pub fn new(file: &str, diagnostic: &dyn Diagnostic, text: Option<&str>) -> Record {
        let offset = diagnostic
            .labels()
            .and_then(|mut labels| labels.next())
            .map(|label| label.offset());
        let position = match (offset, text) {
            (Some(offset), Some(text)) => Some(line_column(text, offset)),
            _ => None,
        };
        Record {
            file: file.to_string(),
            code: diagnostic.code().map(|c| c.to_string()),
            message: diagnostic.to_string(),
            line: position.map(|p| p.0),
            column: position.map(|p| p.1),
            help: diagnostic.help().map(|h| h.to_string()),
        }
    }

    /// `{"file", "code", "message", "line", "column", "help"}`; absent values are null.
    pub fn to_json(&self) -> Value {
        json!({
            "file": self.file,
            "code": self.code,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "help": self.help,
        })
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`; an offset
/// past the end or inside a character counts as the nearest boundary before it.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_in_characters() {
        let text = "T\n| where é == 1\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 2), (2, 1));
        // `é` is two bytes: the second `=` is the 12th character of line 2.
        assert_eq!(line_column(text, 2 + 12), (2, 12));
        // Inside `é`, and past the end.
        assert_eq!(line_column(text, 11), (2, 9));
        assert_eq!(line_column(text, 999), (3, 1));
    }
}
