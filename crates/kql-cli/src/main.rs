//! The `kql` command.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;

mod blocks;
mod chart;
mod cli;
mod commands;
mod progress;
mod render;
mod source;

/// The stack the commands run on. The binder and the executor recurse once per level
/// of nesting (at most `kql_parser::MAX_DEPTH`); 64 MiB holds the deepest query the
/// parser accepts in any build and on every platform (Windows gives its main thread
/// only 1 MiB).
const STACK_BYTES: usize = 64 << 20;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let worker = std::thread::Builder::new()
        .name("kql".into())
        .stack_size(STACK_BYTES)
        .spawn(move || commands::run(cli));
    let result = match worker {
        Ok(handle) => match handle.join() {
            Ok(result) => result,
            // A panic is a bug, already reported on stderr by the panic hook.
            Err(_) => return ExitCode::from(101),
        },
        Err(e) => {
            eprintln!("kql: cannot start: {e}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => ExitCode::from(failure.exit_code()),
    }
}
