//! Comments, and formatting a script with its comments kept.
//!
//! The canonical printer (`Display` for [`Script`]) knows nothing of comments: the lexer
//! skips them. [`comments`] finds them again (they are the only non-blank text between
//! tokens), and [`format`] lays a script out canonically, one pipeline step per line,
//! placing each comment by the AST spans:
//!
//! * a comment on its own line between statements or pipeline steps is printed on its own
//!   line before the next statement or step;
//! * a comment after a statement or step, on its last line, stays at the end of that line;
//! * a comment between the tokens of one step (or of a statement that is not a pipeline)
//!   has no place in the printer's output: [`format`] refuses with
//!   [`FormatError::CommentInside`] rather than drop it.
//!
//! The result is checked before it is returned: it must parse to the same AST, hold the
//! same comments in the same order, and format to itself.
//!
//! ```
//! let text = "EmailEvents // mail\n// recent only\n| where Timestamp > ago(4hrs)|count";
//! assert_eq!(
//!     kql_parser::format(text).unwrap(),
//!     "EmailEvents // mail\n// recent only\n| where Timestamp > ago(4h)\n| count\n",
//! );
//! ```

use miette::Diagnostic;
use thiserror::Error;

use crate::ast::{Expr, ExprKind, LetValue, Script, Span, Statement, StatementKind};
use crate::error::ParseErrors;
use crate::lexer;

/// A `//` comment: its text (from `//`, trailing whitespace removed) and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub text: String,
    /// The byte range of `text` in the source.
    pub span: Span,
    /// Only whitespace precedes it on its line.
    pub own_line: bool,
}

/// Every `//` comment of `src`, in order. Text that does not lex still yields the comments
/// found between the tokens that do.
pub fn comments(src: &str) -> Vec<Comment> {
    let lexed = lexer::lex(src, Vec::new());
    let mut found = Vec::new();
    let mut gap_start = 0usize;
    for token in &lexed.tokens {
        let start = token.start as usize;
        if start > gap_start {
            comments_in_gap(src, gap_start, start, &mut found);
        }
        gap_start = gap_start.max(token.end as usize);
    }
    found
}

/// The comments in `src[from..to]`, a stretch of whitespace and comments.
fn comments_in_gap(src: &str, from: usize, to: usize, found: &mut Vec<Comment>) {
    let Some(gap) = src.get(from..to) else {
        return;
    };
    let mut rest = 0;
    while let Some(off) = gap[rest..].find("//") {
        let start = rest + off;
        let line_end = gap[start..].find('\n').map_or(gap.len(), |n| start + n);
        let text = gap[start..line_end].trim_end();
        let abs = from + start;
        let line_start = src[..abs].rfind('\n').map_or(0, |n| n + 1);
        let own_line = src[line_start..abs].trim().is_empty();
        found.push(Comment {
            text: text.to_string(),
            span: Span::new(abs, abs + text.len()),
            own_line,
        });
        rest = line_end;
    }
}

/// Why a script could not be formatted. The source text is never changed in that case.
#[derive(Debug, Clone, Error, Diagnostic)]
pub enum FormatError {
    /// The text does not parse.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Parse(ParseErrors),
    /// A comment sits between the tokens of one pipeline step or statement, where the
    /// canonical layout has no line to keep it on.
    #[error("cannot format: this comment is inside a {place}, where the layout cannot keep it")]
    #[diagnostic(
        code(kql::fmt::comment_inside),
        help(
            "move the comment to its own line before the {place}, or to the end of its last line"
        )
    )]
    CommentInside {
        place: &'static str,
        #[label("comment inside a {place}")]
        span: Span,
    },
    /// The formatted text failed the safety checks (it would not parse to the same AST,
    /// would lose or reorder a comment, or would not be stable). A bug in the formatter.
    #[error("cannot format safely: {reason}")]
    #[diagnostic(
        code(kql::fmt::unsafe_output),
        help("this is a bug in the formatter; the text was left unchanged")
    )]
    Unsafe { reason: String },
}

/// Formats `src` canonically, keeping its comments; see the module docs.
pub fn format(src: &str) -> Result<String, FormatError> {
    let script = crate::parse(src).map_err(FormatError::Parse)?;
    let original = comments(src);
    let out = layout(src, &script, &original)?;
    let unsafe_output = |reason: &str| FormatError::Unsafe {
        reason: reason.to_string(),
    };
    let reparsed =
        crate::parse(&out).map_err(|_| unsafe_output("the formatted text does not parse"))?;
    if reparsed != script {
        return Err(unsafe_output(
            "the formatted text parses to a different syntax tree",
        ));
    }
    let kept = comments(&out);
    if !same_texts(&original, &kept) {
        return Err(unsafe_output(
            "the formatted text does not keep every comment in order",
        ));
    }
    let again = layout(&out, &reparsed, &kept)
        .map_err(|_| unsafe_output("the formatted text cannot be formatted again"))?;
    if again != out {
        return Err(unsafe_output("formatting the result again changes it"));
    }
    Ok(out)
}

fn same_texts(a: &[Comment], b: &[Comment]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.text == y.text)
}

/// A piece of output the printer writes whole: a statement's head (up to its pipeline's
/// source) or one pipeline step.
struct Unit {
    /// Its source text: a comment strictly inside cannot be placed.
    span: Span,
    text: String,
    /// Starts a statement (blank lines before it are kept, one at most).
    starts_statement: bool,
    /// Ends a statement: its `;` (if any) follows.
    terminator: &'static str,
    place: &'static str,
}

/// Where a comment goes.
enum Slot {
    /// On its own line before unit `i` (or at the end when `i` is the unit count).
    Before(usize),
    /// At the end of unit `i`'s line.
    After(usize),
}

fn layout(src: &str, script: &Script, comments: &[Comment]) -> Result<String, FormatError> {
    let units = units(script);
    let mut before: Vec<Vec<&Comment>> = vec![Vec::new(); units.len() + 1];
    let mut after: Vec<Option<&Comment>> = vec![None; units.len()];
    for comment in comments {
        let start = comment.span.start;
        if let Some(unit) = units
            .iter()
            .find(|u| u.span.start < start && start < u.span.end)
        {
            return Err(FormatError::CommentInside {
                place: unit.place,
                span: comment.span,
            });
        }
        let next = units.partition_point(|u| u.span.end <= start);
        let slot = match next.checked_sub(1) {
            Some(prev)
                if !comment.own_line
                    && after[prev].is_none()
                    && !between(src, units[prev].span.end, start).contains('\n') =>
            {
                Slot::After(prev)
            }
            _ => Slot::Before(next),
        };
        match slot {
            Slot::After(i) => after[i] = Some(comment),
            Slot::Before(i) => before[i].push(comment),
        }
    }

    let mut out = String::new();
    // Where the previous item (unit or comment) ended in the source.
    let mut prev_end: Option<u32> = None;
    for (i, leading) in before.iter().enumerate() {
        let unit = units.get(i);
        // Comments before a statement (or at the end) are at statement level.
        let statement_level = unit.is_none_or(|u| u.starts_statement);
        for comment in leading {
            if statement_level && blank_between(src, prev_end, comment.span.start) {
                out.push('\n');
            }
            out.push_str(&comment.text);
            out.push('\n');
            prev_end = Some(comment.span.end);
        }
        let Some(unit) = unit else { break };
        if unit.starts_statement && blank_between(src, prev_end, unit.span.start) {
            out.push('\n');
        }
        out.push_str(&unit.text);
        out.push_str(unit.terminator);
        prev_end = Some(unit.span.end);
        if let Some(comment) = after[i] {
            out.push(' ');
            out.push_str(&comment.text);
            prev_end = Some(comment.span.end);
        }
        out.push('\n');
    }
    Ok(out)
}

fn between(src: &str, from: u32, to: u32) -> &str {
    src.get(from as usize..to as usize).unwrap_or("")
}

/// Whether the source has a blank line between the previous item and `start`.
fn blank_between(src: &str, prev_end: Option<u32>, start: u32) -> bool {
    let Some(prev_end) = prev_end else {
        return false;
    };
    let gap = between(src, prev_end, start);
    let lines: Vec<&str> = gap.split('\n').collect();
    lines.len() > 2
        && lines[1..lines.len() - 1]
            .iter()
            .any(|l| l.trim().is_empty())
}

/// The units of every statement, in source order.
fn units(script: &Script) -> Vec<Unit> {
    let mut units = Vec::new();
    let count = script.statements.len();
    for (k, stmt) in script.statements.iter().enumerate() {
        let is_query = matches!(stmt.kind, StatementKind::Query(_));
        // As `Display for Script` writes it: every statement but a final query ends in `;`.
        let terminator = if k + 1 == count && is_query { "" } else { ";" };
        let pipeline = match &stmt.kind {
            StatementKind::Query(e) => Some(e),
            StatementKind::Let(l) => match &l.value {
                LetValue::Expr(e) => Some(e),
                LetValue::Function(_) => None,
            },
            _ => None,
        };
        let mut steps = Vec::new();
        let mut head = pipeline;
        while let Some(Expr {
            kind: ExprKind::Pipe { input, op },
            ..
        }) = head
        {
            steps.push(op);
            head = Some(input);
        }
        steps.reverse();
        let head_stmt = match head {
            Some(source) if !steps.is_empty() => with_value(stmt, source.clone()),
            _ => stmt.clone(),
        };
        let head_end = match head {
            Some(source) if !steps.is_empty() => source.span.end,
            _ => stmt.span.end,
        };
        let place = if steps.is_empty() {
            "statement"
        } else {
            "pipeline step"
        };
        units.push(Unit {
            span: Span {
                start: stmt.span.start,
                end: head_end,
            },
            text: statement_text(&head_stmt),
            starts_statement: true,
            terminator: if steps.is_empty() { terminator } else { "" },
            place,
        });
        let last = steps.len();
        for (j, op) in steps.into_iter().enumerate() {
            units.push(Unit {
                span: op.span,
                text: format!("| {op}"),
                starts_statement: false,
                terminator: if j + 1 == last { terminator } else { "" },
                place,
            });
        }
    }
    units
}

/// `stmt` with its query or `let` value replaced by `value`.
fn with_value(stmt: &Statement, value: Expr) -> Statement {
    let kind = match &stmt.kind {
        StatementKind::Let(l) => {
            let mut l = l.clone();
            l.value = LetValue::Expr(value);
            StatementKind::Let(l)
        }
        _ => StatementKind::Query(value),
    };
    Statement {
        kind,
        span: stmt.span,
    }
}

/// A statement as `Display for Script` prints it (multi-line functions), without `;`.
fn statement_text(stmt: &Statement) -> String {
    let script = Script {
        statements: vec![stmt.clone()],
        span: stmt.span,
    };
    let text = script.to_string();
    let text = text.strip_suffix('\n').unwrap_or(&text);
    let text = match stmt.kind {
        StatementKind::Query(_) => text,
        _ => text.strip_suffix(';').unwrap_or(text),
    };
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(src: &str) -> String {
        format(src).unwrap()
    }

    #[test]
    fn finds_comments() {
        let found = comments("T // a\n  // b \n| where x == \"//no\"\n//c");
        let texts: Vec<_> = found.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["// a", "// b", "//c"]);
        assert!(!found[0].own_line);
        assert!(found[1].own_line);
        assert_eq!(found[1].span, Span::new(9, 13));
    }

    #[test]
    fn places_comments() {
        let src = "// header\n\nlet x = 1; // one\n\n\n// the query\nT | where a == x // keep\n  // before take\n  | take 1 // last\n// end\n";
        assert_eq!(
            fmt(src),
            "// header\n\nlet x = 1; // one\n\n// the query\nT\n| where a == x // keep\n// before take\n| take 1 // last\n// end\n"
        );
    }

    #[test]
    fn semicolon_before_trailing_comment() {
        assert_eq!(
            fmt("let T = E | take 1 // c\n;\nT"),
            "let T = E\n| take 1; // c\nT\n"
        );
    }

    #[test]
    fn refuses_comment_inside_a_step() {
        let src = "T\n| where a == 1 // first\n    and b == 2";
        let err = format(src).unwrap_err();
        let FormatError::CommentInside { span, .. } = err else {
            panic!("{err:?}")
        };
        assert_eq!(&src[span.range()], "// first");
        assert!(matches!(
            format("let f = (x:long) { // c\n x };"),
            Err(FormatError::CommentInside { .. })
        ));
    }

    #[test]
    fn comment_after_pipe() {
        assert_eq!(fmt("T | // c\n take 1"), "T // c\n| take 1\n");
        assert_eq!(fmt("T\n| // c\n take 1"), "T\n// c\n| take 1\n");
    }

    #[test]
    fn only_comments_and_empty() {
        assert_eq!(fmt(""), "");
        assert_eq!(fmt("// a\n\n// b\n"), "// a\n\n// b\n");
    }

    #[test]
    fn syntax_errors_are_reported() {
        assert!(matches!(format("T | where"), Err(FormatError::Parse(_))));
    }
}
