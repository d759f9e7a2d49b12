//! `kql fmt`: rewrite query files in the canonical layout, keeping their comments.
//!
//! ```text
//! kql fmt queries/*.kql rules/*.yaml
//! kql fmt --check queries/
//! cat hunt.kql | kql fmt -
//! ```
//!
//! The formatting itself is [`kql_parser::format`], which refuses (rather than drops) a
//! comment it cannot place and checks its output parses to the same syntax tree. A Sentinel
//! rule `.yaml`/`.yml` has only its `query: |` block rewritten: every other byte of the
//! file is kept, and the block keeps its indentation.

use std::path::{Path, PathBuf};

use clap::Args;
use miette::Diagnostic;
use thiserror::Error;
use yaml_rust2::{Yaml, YamlLoader};

use super::{Failure, render, render_with_source};
use crate::source::{QuerySource, SourceError};

/// Rewrites query files in the canonical layout: one pipeline step per line, consistent
/// spacing, comments kept.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  kql fmt queries/*.kql rules/*.yaml\n  kql fmt --check queries/hunt.kql rules/rule.yaml\n  cat hunt.kql | kql fmt -\n\nA comment inside a pipeline step (between its tokens) cannot be placed: such a file is\nreported and left unchanged. Exit codes: 0 ok (with --check: nothing to change), 1 a file\nthat would change (--check) or cannot be formatted, 2 an unreadable file."
)]
pub struct FmtArgs {
    /// Change nothing: list the files that are not formatted and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,
    /// Query files: `.kql`, or a Sentinel rule `.yaml`/`.yml` (its `query: |` block is
    /// formatted in place); `-` reads standard input and writes standard output.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Why a rule file's query block cannot be rewritten in place.
#[derive(Debug, Error, Diagnostic)]
pub enum YamlBlockError {
    #[error("{name}: the `query:` field is not a plain `query: |` block at the top level")]
    #[diagnostic(
        code(kql::fmt::yaml_query_block),
        help(
            "`kql fmt` rewrites only a literal block (`query: |` or `query: |-`, lines indented below it); other forms are left unchanged"
        )
    )]
    NotABlock { name: String },
    #[error("{name}: the file uses CRLF line endings")]
    #[diagnostic(
        code(kql::fmt::yaml_crlf),
        help("`kql fmt` rewrites rule files with LF line endings only")
    )]
    Crlf { name: String },
    #[error("{name}: rewriting the `query:` block would change the rest of the rule")]
    #[diagnostic(
        code(kql::fmt::yaml_unsafe),
        help("this is a bug in `kql fmt`; the file was left unchanged")
    )]
    Unsafe { name: String },
}

/// Formats every file; reports each problem and goes on with the next file.
pub fn fmt(args: &FmtArgs) -> Result<(), Failure> {
    let mut failure: Option<Failure> = None;
    let mut fail = |f: Failure| {
        // An input error (exit 2) outranks a query error (exit 1).
        failure = Some(match failure {
            Some(Failure::Input) => Failure::Input,
            _ => f,
        });
    };
    for path in &args.files {
        if let Err(f) = fmt_file(path, args.check) {
            fail(f);
        }
    }
    failure.map_or(Ok(()), Err)
}

fn fmt_file(path: &Path, check: bool) -> Result<(), Failure> {
    let name = path.display().to_string();
    if name == "-" {
        let source = crate::source::read_query(path).map_err(|e| report_input(&e))?;
        let formatted = format_query(&source)?;
        if check {
            if formatted != source.text {
                println!("<stdin>");
                return Err(Failure::Query);
            }
        } else {
            print!("{formatted}");
        }
        return Ok(());
    }
    let text = std::fs::read_to_string(path).map_err(|error| {
        report_input(&SourceError::Read {
            name: name.clone(),
            error,
        })
    })?;
    let formatted = if is_yaml(path) {
        format_rule(&name, &text)?
    } else {
        format_query(&QuerySource {
            name: name.clone(),
            text: text.clone(),
        })?
    };
    if formatted == text {
        return Ok(());
    }
    if check {
        println!("{name}");
        return Err(Failure::Query);
    }
    std::fs::write(path, formatted).map_err(|error| {
        report_input(&SourceError::Read {
            name: format!("{name} (writing)"),
            error,
        })
    })
}

fn report_input(e: &SourceError) -> Failure {
    eprint!("{}", render(e));
    Failure::Input
}

fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The formatted query, or the reasons it cannot be formatted (already printed).
fn format_query(source: &QuerySource) -> Result<String, Failure> {
    match kql_parser::format(&source.text) {
        Ok(text) => Ok(text),
        Err(kql_parser::FormatError::Parse(errors)) => {
            for error in errors.errors {
                eprint!("{}", render_with_source(error, source));
            }
            Err(Failure::Query)
        }
        Err(e) => {
            eprint!("{}", render_with_source(e, source));
            Err(Failure::Query)
        }
    }
}

/// The rule with its `query: |` block formatted, every other byte kept.
fn format_rule(name: &str, text: &str) -> Result<String, Failure> {
    let refuse = |e: YamlBlockError| {
        eprint!("{}", render(&e));
        Failure::Query
    };
    // Reading the query the way `kql run` does also validates the YAML.
    let query = crate::source::query_from_yaml(name, text).map_err(|e| report_input(&e))?;
    if text.contains('\r') {
        return Err(refuse(YamlBlockError::Crlf { name: name.into() }));
    }
    let Some(block) = find_block(text) else {
        return Err(refuse(YamlBlockError::NotABlock { name: name.into() }));
    };
    let content = block.content(text);
    // The block as read here must be exactly the query the YAML parser sees.
    if content.trim_end_matches('\n') != query.trim_end_matches('\n') {
        return Err(refuse(YamlBlockError::NotABlock { name: name.into() }));
    }
    let source = QuerySource {
        name: format!("{name} (query)"),
        text: query,
    };
    let formatted = format_query(&source)?;
    let indent = " ".repeat(block.indent);
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(&text[..block.start]);
    for line in formatted.lines() {
        if !line.is_empty() {
            out.push_str(&indent);
            out.push_str(line);
        }
        out.push('\n');
    }
    if !text[..block.end].ends_with('\n') {
        // The block ends the file without a final newline: keep it that way.
        out.pop();
    }
    out.push_str(&text[block.end..]);
    // Check: the new file reads back to the formatted query, and nothing else changed.
    let unsafe_err = || refuse(YamlBlockError::Unsafe { name: name.into() });
    let new_query = crate::source::query_from_yaml(name, &out).map_err(|_| unsafe_err())?;
    if new_query.trim_end_matches('\n') != formatted.trim_end_matches('\n')
        || !same_except_query(text, &out)
    {
        return Err(unsafe_err());
    }
    Ok(out)
}

/// The lines of a `query: |` block: bytes `start..end` of the file (whole lines, the last
/// non-blank one included), indented by `indent` spaces.
struct Block {
    start: usize,
    end: usize,
    indent: usize,
}

impl Block {
    fn content(&self, text: &str) -> String {
        let mut content = String::new();
        for line in text[self.start..self.end].lines() {
            content.push_str(line.get(self.indent..).unwrap_or(""));
            content.push('\n');
        }
        content
    }
}

/// Finds a top-level `query: |` (or `|-`, `|+`) block with its lines.
fn find_block(text: &str) -> Option<Block> {
    let mut offset = 0;
    let mut header_end = None;
    let mut count = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if let Some(rest) = trimmed.strip_prefix("query:") {
            count += 1;
            let rest = rest.trim_start();
            let rest = match rest.find(" #") {
                Some(i) => rest[..i].trim_end(),
                None => rest,
            };
            if matches!(rest, "|" | "|-" | "|+") {
                header_end = Some(offset + line.len());
            }
        }
        offset += line.len();
    }
    if count != 1 {
        return None;
    }
    let start = header_end?;
    let mut indent = None;
    let mut end = start;
    let mut pos = start;
    for line in text[start..].split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        if body.trim().is_empty() {
            pos += line.len();
            continue;
        }
        let this = body.len() - body.trim_start_matches(' ').len();
        let block_indent = *indent.get_or_insert(this);
        if this < block_indent || this == 0 {
            break;
        }
        pos += line.len();
        end = pos;
    }
    let indent = indent?;
    if indent == 0 || end == start {
        return None;
    }
    Some(Block { start, end, indent })
}

/// Whether the two rule files are the same YAML apart from their `query` field.
fn same_except_query(a: &str, b: &str) -> bool {
    let load = |text: &str| {
        YamlLoader::load_from_str(text).ok().map(|mut docs| {
            for doc in &mut docs {
                if let Yaml::Hash(hash) = doc {
                    hash.remove(&Yaml::String("query".into()));
                }
            }
            docs
        })
    };
    matches!((load(a), load(b)), (Some(x), Some(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_only_the_block() {
        let rule = "id: x\nquery: |\n  T|where a==1 // keep\n\n  | take 1\n\nversion: 1  # same\n";
        let out = format_rule("r.yaml", rule).unwrap();
        assert_eq!(
            out,
            "id: x\nquery: |\n  T\n  | where a == 1 // keep\n  | take 1\n\nversion: 1  # same\n"
        );
        assert_eq!(format_rule("r.yaml", &out).unwrap(), out);
    }

    #[test]
    fn block_forms() {
        assert_eq!(
            format_rule("r.yaml", "id: 1\nquery: |-\n  T|take 1").unwrap(),
            "id: 1\nquery: |-\n  T\n  | take 1"
        );
        assert!(find_block("query: |\n  T\n").is_some());
        assert!(find_block("query: >\n  T\n").is_none());
        assert!(find_block("query: \"T\"\n").is_none());
    }
}
