//! Command-line arguments (clap derive); each subcommand's arguments live beside its
//! implementation in `commands/`.

use clap::{Parser, Subcommand};

use crate::commands::check::CheckArgs;
use crate::commands::completions::CompletionsArgs;
use crate::commands::fmt::FmtArgs;
use crate::commands::functions::FunctionsArgs;
use crate::commands::parse::ParseArgs;
use crate::commands::run::RunArgs;
use crate::commands::test::TestArgs;

/// Parse, check and run KQL hunting queries offline.
#[derive(Debug, Parser)]
#[command(
    name = "kql",
    version,
    after_help = "Examples:\n  kql check queries/\n  kql run --data testdata/seeds --now 2026-05-10T00:00:00Z queries/conversation_takeover.kql\n  kql test testdata\n\nExit codes: 0 ok, 1 a query error or a failing test, 2 a usage or input error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse query files and report syntax errors (exit 1 if any).
    Parse(ParseArgs),
    /// Check queries against the table schemas without data (exit 1 if any error).
    Check(CheckArgs),
    /// Run queries over tables loaded from files.
    Run(Box<RunArgs>),
    /// Run snapshot test cases (`*.test.yaml`) and compare their results.
    Test(TestArgs),
    /// Rewrite queries in the canonical layout, keeping comments (`--check` for CI).
    Fmt(FmtArgs),
    /// List the supported scalar functions, aggregates and operators.
    Functions(FunctionsArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell).
    Completions(CompletionsArgs),
}
