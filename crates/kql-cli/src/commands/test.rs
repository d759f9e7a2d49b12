//! `kql test`: snapshot tests of query results.
//!
//! A test case is a manifest named `<case>.test.yaml`; its expected result sits beside it
//! as `<case>.expected.csv`:
//!
//! ```yaml
//! # testdata/seeds/conversation_takeover.test.yaml
//! query: ../../queries/conversation_takeover.kql   # .kql or a Sentinel rule .yaml
//! now: 2026-05-10T00:00:00Z                         # pins now() and ago()
//! data: .                                           # directories holding <Table>.jsonl/.json/.csv
//! tables:                                           # or name the files one by one
//!   EmailEvents: EmailEvents.jsonl
//! ```
//!
//! Other keys: `schema` (a list of schema files), `schema_variant` (`advanced-hunting` or
//! `sentinel`), `ordered` (`true`/`false`; by default rows compare in order only when the
//! query ends by sorting them), `expected` (another file name). Paths are relative to
//! the manifest. The expected CSV has a header of `Name:type` cells and one row per line,
//! values as `kql run --format table` prints them, so a pull request's diff shows what
//! changed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use miette::{IntoDiagnostic, Report, WrapErr, miette};

use super::test_case::{Case, CaseOutcome};

/// Runs snapshot test cases (`*.test.yaml`) and compares their results with the expected ones.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  kql test testdata\n  kql test --update testdata/seeds/conversation_takeover.test.yaml"
)]
pub struct TestArgs {
    /// Case manifests or directories to search for `*.test.yaml` (default: the current directory).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write the actual results as the new expected results.
    #[arg(long)]
    pub update: bool,
}

/// Runs every case found; exit code 1 when any fails.
pub fn run(args: &TestArgs) -> Result<ExitCode, Report> {
    let roots = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut manifests = Vec::new();
    for root in &roots {
        find_cases(root, &mut manifests)
            .wrap_err_with(|| format!("searching {}", root.display()))?;
    }
    manifests.sort();
    if manifests.is_empty() {
        return Err(miette!(
            help = "a test case is a file named <case>.test.yaml",
            "no test cases found under {}",
            roots
                .iter()
                .map(|r| r.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let (mut passed, mut failed) = (0, 0);
    for manifest in &manifests {
        let outcome = Case::load(manifest).and_then(|case| case.run(args.update));
        match outcome {
            Ok(CaseOutcome::Passed { rows }) => {
                passed += 1;
                println!("ok     {} ({rows} rows)", manifest.display());
            }
            Ok(CaseOutcome::Updated { rows }) => {
                passed += 1;
                println!("update {} ({rows} rows written)", manifest.display());
            }
            Ok(CaseOutcome::Failed { diff }) => {
                failed += 1;
                println!("FAIL   {}\n{diff}", manifest.display());
            }
            Err(report) => {
                failed += 1;
                println!("FAIL   {}", manifest.display());
                eprintln!("{report:?}");
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Collects `*.test.yaml` files under `path` (or `path` itself).
fn find_cases(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), Report> {
    if path.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let entries = std::fs::read_dir(path).into_diagnostic()?;
    for entry in entries {
        let entry = entry.into_diagnostic()?;
        let p = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if p.is_dir() && !name.starts_with('.') && name != "target" {
            find_cases(&p, out)?;
        } else if name.ends_with(".test.yaml") {
            out.push(p);
        }
    }
    Ok(())
}
