//! `kql parse`: check the syntax of query files, optionally printing each in canonical
//! form or as a syntax tree.
//!
//! ```text
//! kql parse queries/*.kql rules/*.yaml
//! kql parse --print hunt.kql
//! cat hunt.kql | kql parse --ast -
//! ```

use std::path::PathBuf;

use clap::Args;

use super::{Failure, render, render_with_source};
use crate::source::read_query;

/// Parses KQL query files and reports every syntax error.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  kql parse queries/*.kql rules/*.yaml\n  kql parse --print hunt.kql\n  cat hunt.kql | kql parse --ast -"
)]
pub struct ParseArgs {
    /// Print each query in canonical form (it parses back to the same syntax tree).
    #[arg(long)]
    pub print: bool,
    /// Print each query's syntax tree, with byte spans.
    #[arg(long, conflicts_with = "print")]
    pub ast: bool,
    /// Query files: `.kql`, or a Sentinel rule `.yaml`/`.yml` (its `query:` is parsed);
    /// `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Parses every file, reporting all errors before failing.
pub fn parse(args: &ParseArgs) -> Result<(), Failure> {
    let mut failure = None;
    let many = args.files.len() > 1;
    for path in &args.files {
        let source = match read_query(path) {
            Ok(source) => source,
            Err(e) => {
                eprint!("{}", render(&e));
                failure = Some(Failure::Input);
                continue;
            }
        };
        match kql_parser::parse(&source.text) {
            Ok(script) => {
                if many && (args.print || args.ast) {
                    println!("// {}", source.name);
                }
                if args.print {
                    print!("{script}");
                } else if args.ast {
                    print!("{}", kql_parser::ast::dump(&script));
                }
            }
            Err(errors) => {
                for error in errors.errors {
                    eprint!("{}", render_with_source(error, &source));
                }
                failure = failure.or(Some(Failure::Query));
            }
        }
    }
    failure.map_or(Ok(()), Err)
}
