//! `kql completions SHELL`: print a shell completion script for `kql`.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;

/// Prints a completion script for a shell to standard output.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  kql completions bash > ~/.local/share/bash-completion/completions/kql\n  kql completions zsh > ~/.zfunc/_kql\n  kql completions fish > ~/.config/fish/completions/kql.fish\n  kql completions powershell >> $PROFILE"
)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Writes the script for `args.shell`.
pub fn completions(args: &CompletionsArgs) {
    let mut command = Cli::command();
    let name = command.get_name().to_string();
    clap_complete::generate(args.shell, &mut command, name, &mut std::io::stdout());
}
