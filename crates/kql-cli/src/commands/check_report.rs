//! What `kql check` reports about one diagnostic, in a form that serialises to JSON:
//! the file, the stable code, the severity, the message, where (1-based lines and
//! columns, in characters, of the first label's start and end) and the help text.

use miette::{Diagnostic, Severity};
use serde_json::{Value, json};

/// One diagnostic of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The file as given or found.
    pub file: String,
    pub code: Option<String>,
    /// `true` for an error (exit code 1), `false` for a warning.
    pub error: bool,
    pub message: String,
    /// 1-based position of the diagnostic's first label: in the file, for a rule's
    /// `query:` block too, when the block can be located in the YAML text.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// 1-based position just past the label's last character.
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub help: Option<String>,
}

/// Where the query text sits in its file: lines to add, and the indentation of each
/// line after the first (a YAML block scalar's).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Placement {
    pub line_offset: usize,
    pub indent: usize,
}

impl Record {
    /// Describes `diagnostic`, locating its first label in `text` (when it has one).
    pub fn new(file: &str, diagnostic: &dyn Diagnostic, text: Option<&str>) -> Record {
        Record::placed(file, diagnostic, text, Placement::default())
    }

    /// [`Record::new`], with positions moved to where the query sits in its file.
    pub fn placed(
        file: &str,
        diagnostic: &dyn Diagnostic,
        text: Option<&str>,
        placement: Placement,
    ) -> Record {
        let label = diagnostic
            .labels()
            .and_then(|mut labels| labels.next())
            .map(|label| (label.offset(), label.offset() + label.len()));
        // Every line of a block scalar is indented, the first one too.
        let place = |(line, column): (usize, usize)| {
            (line + placement.line_offset, column + placement.indent)
        };
        let (start, end) = match (label, text) {
            (Some((start, end)), Some(text)) => (
                Some(place(line_column(text, start))),
                Some(place(line_column(text, end))),
            ),
            _ => (None, None),
        };
        Record {
            file: file.to_string(),
            code: diagnostic.code().map(|c| c.to_string()),
            error: diagnostic.severity().is_none_or(|s| s == Severity::Error),
            message: diagnostic.to_string(),
            line: start.map(|p| p.0),
            column: start.map(|p| p.1),
            end_line: end.map(|p| p.0),
            end_column: end.map(|p| p.1),
            help: diagnostic.help().map(|h| h.to_string()),
        }
    }

    /// `"error"` or `"warning"`.
    pub fn severity(&self) -> &'static str {
        if self.error { "error" } else { "warning" }
    }

    /// `{"file", "code", "severity", "message", "line", "column", "end_line",
    /// "end_column", "help"}`; absent values are null.
    pub fn to_json(&self) -> Value {
        json!({
            "file": self.file,
            "code": self.code,
            "severity": self.severity(),
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "help": self.help,
        })
    }
}

/// Where a rule's `query:` block scalar (`query: |`) sits in the YAML `file` text: its
/// lines must appear there, one per line, under the same indentation. `None` when they
/// do not (a quoted or folded query), so positions stay relative to the query.
pub fn yaml_placement(file: &str, query: &str) -> Option<Placement> {
    let lines: Vec<&str> = file.lines().collect();
    let key = lines.iter().position(|l| {
        let rest = l.strip_prefix("query:").map(str::trim);
        rest.is_some_and(|r| r.starts_with('|'))
    })?;
    let first = query.lines().next()?;
    let body = lines.get(key + 1..)?;
    let skip = body.iter().position(|l| !l.trim().is_empty())?;
    let indent = body.get(skip)?.len() - body.get(skip)?.trim_start().len();
    let placement = Placement {
        line_offset: key + 1 + skip,
        indent,
    };
    // Every non-empty query line must be the file line, less the indentation.
    let matches = query.lines().enumerate().all(|(i, q)| {
        q.trim().is_empty()
            || lines
                .get(placement.line_offset + i)
                .and_then(|l| l.get(indent..))
                .is_some_and(|l| l.trim_end() == q.trim_end())
    });
    (matches && !first.is_empty()).then_some(placement)
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
    fn a_block_scalar_query_is_placed_in_its_yaml_file() {
        let yaml = "id: 1\nquery: |\n  EmailEvents\n\n  | take 1\nname: x\n";
        let query = "EmailEvents\n\n| take 1\n";
        let placement = yaml_placement(yaml, query);
        assert_eq!(
            placement,
            Some(Placement {
                line_offset: 2,
                indent: 2
            })
        );
        assert_eq!(
            yaml_placement("query: 'EmailEvents'\n", "EmailEvents"),
            None
        );
    }

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
