#!/usr/bin/env bash
# The project's test command (README.md): format check, lints as errors, every test,
# then the snapshot cases in testdata/ through the real binary.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
cargo run --quiet --locked -p kql-cli -- test testdata
