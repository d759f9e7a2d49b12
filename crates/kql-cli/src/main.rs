//! The `kql` command.
#![forbid(unsafe_code)]

fn main() {}
