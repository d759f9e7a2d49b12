//! Command-line arguments (clap derive); each subcommand's arguments live beside its
//! implementation in `commands/`.

use clap::{Parser, Subcommand};

use crate::commands::parse::ParseArgs;
use crate::commands::run::RunArgs;
use crate::commands::test::TestArgs;

/// Parse, check and run KQL hunting queries offline.
#[derive(Debug, Parser)]
#[command(name = "kql", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse query files and report syntax errors (exit 1 if any).
    Parse(ParseArgs),
    /// Run queries over tables loaded from files.
    Run(RunArgs),
    /// Run snapshot test cases (`*.test.yaml`) and compare their results.
    Test(TestArgs),
}
