//! What the binder reports: every error a Kusto engine would raise before reading data,
//! plus refusals of what `kql` does not support yet.

use kql_parser::ast::Span;
use miette::Diagnostic;
use thiserror::Error;

/// A semantic error found without data.
#[derive(Debug, Clone, Error, Diagnostic)]
pub enum CheckError {
    /// `EmailEvents | where Sendr == "x"`
    #[error("unknown column `{name}` in {context}")]
    #[diagnostic(code(kql::check::unknown_column))]
    UnknownColumn {
        name: String,
        context: String,
        #[label("not a column here")]
        span: Span,
        #[help]
        help: Option<String>,
    },
    /// `EmailEvnts | take 1`
    #[error("unknown table or name `{name}`")]
    #[diagnostic(code(kql::check::unknown_table))]
    UnknownTable {
        name: String,
        #[label("no table, let or function has this name")]
        span: Span,
        #[help]
        help: Option<String>,
    },
    /// `print strcatt("a")`
    #[error("unknown function `{name}`")]
    #[diagnostic(code(kql::check::unknown_function))]
    UnknownFunction {
        name: String,
        #[label("not a known function")]
        span: Span,
        #[help]
        help: Option<String>,
    },
    /// `EmailEvents | evaluate pivott(EmailDirection)`
    #[error("unknown plugin `{name}`")]
    #[diagnostic(code(kql::check::unknown_plugin))]
    UnknownPlugin {
        name: String,
        #[label("not a Kusto plugin")]
        span: Span,
        #[help]
        help: Option<String>,
    },
    /// `T | mv-apply ...` before kql implements it: refused, never guessed.
    #[error("{what} is not supported by kql yet")]
    #[diagnostic(
        code(kql::check::unsupported),
        help("kql refuses what it cannot evaluate exactly as Kusto does, rather than guess")
    )]
    Unsupported {
        what: String,
        #[label("not supported")]
        span: Span,
    },
    /// `print strlen(42)`, `where Timestamp contains 3`
    #[error("{message}")]
    #[diagnostic(code(kql::check::type_mismatch))]
    Type {
        message: String,
        #[label("{label}")]
        span: Span,
        label: String,
        #[help]
        help: Option<String>,
    },
    /// `T | evaluate bag_unpack(d) | ...` checked without data: the columns depend on
    /// the data, so the statement is bound again at run time (`bind::late`). Only seen
    /// where such a statement is used in a place that needs its schema now.
    #[error("{what} has columns that depend on the data, which is not available here")]
    #[diagnostic(code(kql::check::needs_data))]
    NeedsData {
        what: String,
        #[label("columns known only when the query runs")]
        span: Span,
    },
    /// `print strcat()`
    #[error("`{name}` takes {expected} argument(s), got {got}")]
    #[diagnostic(code(kql::check::argument_count))]
    ArgumentCount {
        name: String,
        expected: String,
        got: usize,
        #[label("here")]
        span: Span,
    },
    /// `print x = EmailEvents`, `T | where count() > 1`
    #[error("{message}")]
    #[diagnostic(code(kql::check::invalid))]
    Invalid {
        message: String,
        #[label("here")]
        span: Span,
        #[help]
        help: Option<String>,
    },
}

impl CheckError {
    pub fn unsupported(what: impl Into<String>, span: Span) -> CheckError {
        CheckError::Unsupported {
            what: what.into(),
            span,
        }
    }

    pub fn invalid(message: impl Into<String>, span: Span) -> CheckError {
        CheckError::Invalid {
            message: message.into(),
            span,
            help: None,
        }
    }

    pub fn type_error(
        message: impl Into<String>,
        label: impl Into<String>,
        span: Span,
    ) -> CheckError {
        CheckError::Type {
            message: message.into(),
            label: label.into(),
            span,
            help: None,
        }
    }

    /// Adds a help line (to the variants that carry one).
    pub fn with_help(mut self, text: impl Into<String>) -> CheckError {
        match &mut self {
            CheckError::UnknownColumn { help, .. }
            | CheckError::UnknownTable { help, .. }
            | CheckError::UnknownFunction { help, .. }
            | CheckError::UnknownPlugin { help, .. }
            | CheckError::Type { help, .. }
            | CheckError::Invalid { help, .. } => *help = Some(text.into()),
            CheckError::Unsupported { .. }
            | CheckError::ArgumentCount { .. }
            | CheckError::NeedsData { .. } => {}
        }
        self
    }

    /// The primary span.
    pub fn span(&self) -> Span {
        match self {
            CheckError::UnknownColumn { span, .. }
            | CheckError::UnknownTable { span, .. }
            | CheckError::UnknownFunction { span, .. }
            | CheckError::UnknownPlugin { span, .. }
            | CheckError::Unsupported { span, .. }
            | CheckError::Type { span, .. }
            | CheckError::ArgumentCount { span, .. }
            | CheckError::NeedsData { span, .. }
            | CheckError::Invalid { span, .. } => *span,
        }
    }
}

/// "did you mean `X`?" for the closest candidate within a small edit distance.
pub fn did_you_mean<S: AsRef<str>>(
    name: &str,
    candidates: impl IntoIterator<Item = S>,
) -> Option<String> {
    let lower = name.to_lowercase();
    let mut best: Option<(usize, String)> = None;
    for c in candidates {
        let c = c.as_ref();
        let d = edit_distance(&lower, &c.to_lowercase());
        let limit = (name.chars().count() / 3).max(1) + usize::from(lower == c.to_lowercase());
        if d <= limit && best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, c.to_string()));
        }
    }
    best.map(|(_, c)| format!("did you mean `{c}`?"))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["SenderFromDomain", "SenderMailFromAddress", "Subject"];
        assert_eq!(
            did_you_mean("SenderFromDomian", names).as_deref(),
            Some("did you mean `SenderFromDomain`?")
        );
        assert_eq!(
            did_you_mean("subject", names).as_deref(),
            Some("did you mean `Subject`?")
        );
        assert_eq!(did_you_mean("Timestamp", names), None);
    }
}
