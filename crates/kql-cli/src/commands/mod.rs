//! One module per subcommand. Each returns `Result<(), Failure>` after reporting its own
//! errors; `main` maps the failure to the exit code.

pub mod check;
mod check_report;
mod check_sarif;
mod check_warning;
pub mod completions;
pub mod fmt;
pub mod functions;
pub mod parse;
pub mod run;
mod run_bad_rows;
mod run_stats;
pub mod schema_args;
pub mod test;
mod test_case;
mod test_diff;

use std::io::IsTerminal;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, NamedSource, Report};

use crate::cli::{Cli, Command};
use crate::source::QuerySource;

/// Why a command failed; its errors have already been printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The queries have errors (syntax, semantic, runtime): exit 1.
    Query,
    /// Bad usage or unreadable input (a missing file, a rule without `query:`): exit 2.
    Input,
}

impl Failure {
    pub fn exit_code(self) -> u8 {
        match self {
            Failure::Query => 1,
            Failure::Input => 2,
        }
    }
}

/// Runs the chosen subcommand.
pub fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Parse(args) => parse::parse(&args),
        Command::Check(args) => check::check(&args),
        Command::Fmt(args) => fmt::fmt(&args),
        Command::Functions(args) => {
            functions::functions(&args);
            Ok(())
        }
        Command::Completions(args) => {
            completions::completions(&args);
            Ok(())
        }
        Command::Test(args) => match test::run(&args) {
            Ok(code) if code == std::process::ExitCode::SUCCESS => Ok(()),
            Ok(_) => Err(Failure::Query),
            Err(report) => {
                eprint!("{}", render(report.as_ref()));
                Err(Failure::Input)
            }
        },
        Command::Run(args) => run::run(&args),
    }
}

/// Renders a diagnostic the way every subcommand prints one: miette's graphical report,
/// in colour only when stderr is a terminal and `NO_COLOR` is unset.
pub fn render(diagnostic: &dyn Diagnostic) -> String {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = if no_color || !std::io::stderr().is_terminal() {
        GraphicalTheme::unicode_nocolor()
    } else {
        GraphicalTheme::unicode()
    };
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(theme);
    if handler.render_report(&mut out, diagnostic).is_err() {
        out = format!("{diagnostic}\n");
    }
    out.push('\n');
    out
}

/// Renders a diagnostic about `source`, showing the offending text.
pub fn render_with_source<D>(diagnostic: D, source: &QuerySource) -> String
where
    D: Diagnostic + Send + Sync + 'static,
{
    let named = NamedSource::new(source.name.clone(), source.text.clone());
    let report = Report::new(diagnostic).with_source_code(named);
    render(report.as_ref())
}
