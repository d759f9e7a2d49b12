//! `kql check`: parse and bind every query under the given paths against the table
//! schemas, without data, and report every error of every file.
//!
//! ```text
//! kql check queries/
//! kql check --schema-variant sentinel --format json Azure-Sentinel/Hunting\ Queries/
//! ```

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use kql_eval::FileTables;

use super::check_report::Record;
use super::schema_args::{SchemaArgs, VariantTables};
use super::{Failure, render, render_with_source};
use crate::source::{QuerySource, SourceError, read_query};

/// Checks queries against the table schemas without data: syntax, names, types.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  kql check queries/\n  kql check --schema-variant sentinel --schema MyTables.json rules/\n  kql check --format json queries/ > diagnostics.json\n\nEvery `.kql`, `.yaml` and `.yml` file under a directory is checked (`*.test.yaml` manifests\nare skipped); a YAML file without a `query:` field is skipped with a note. Tables the schemas\ndo not describe are unknown. Exit code 1 if any query has an error, 2 if a file is unreadable."
)]
pub struct CheckArgs {
    /// Query files, or directories to search for `.kql`, `.yaml` and `.yml` files; `-` reads
    /// standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub schema: SchemaArgs,
    /// `human`: rendered diagnostics on stderr; `json`: an array of diagnostics on stdout.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
}

/// How `kql check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

/// What checking one file gave.
enum Outcome {
    /// Parsed and bound without error.
    Clean,
    /// A YAML file that is not a rule.
    Skipped,
    /// Errors in the query (exit 1).
    Errors(Vec<Record>),
    /// The file could not be read (exit 2).
    Unreadable(Record),
}

/// Checks every file found; all errors are reported before the summary.
pub fn check(args: &CheckArgs) -> Result<(), Failure> {
    let tables = VariantTables::new(&args.schema, FileTables::new).map_err(|report| {
        eprint!("{}", render(report.as_ref()));
        Failure::Input
    })?;
    let human = args.format == CheckFormat::Human;
    let mut files = Vec::new();
    let mut records = Vec::new();
    let mut failure = None;
    // A path that cannot be searched counts as a file with errors.
    let mut unsearchable = 0usize;
    for root in &args.paths {
        if let Err(error) = find_queries(root, true, &mut files) {
            let error = SourceError::Read {
                name: root.display().to_string(),
                error,
            };
            records.push(report_unreadable(&error, human));
            failure = Some(Failure::Input);
            unsearchable += 1;
        }
    }
    let (mut checked, mut with_errors) = (unsearchable, unsearchable);
    for path in &files {
        match check_file(path, &tables, human) {
            Outcome::Clean => checked += 1,
            Outcome::Skipped => {}
            Outcome::Errors(found) => {
                checked += 1;
                with_errors += 1;
                records.extend(found);
                failure = failure.or(Some(Failure::Query));
            }
            Outcome::Unreadable(record) => {
                checked += 1;
                with_errors += 1;
                records.push(record);
                failure = Some(Failure::Input);
            }
        }
    }
    let summary = format!("{checked} files checked, {with_errors} with errors");
    if human {
        println!("{summary}");
    } else {
        let array = records.iter().map(Record::to_json).collect::<Vec<_>>();
        match serde_json::to_string_pretty(&array) {
            Ok(text) => println!("{text}"),
            Err(e) => eprintln!("cannot write JSON: {e}"),
        }
        eprintln!("{summary}");
    }
    failure.map_or(Ok(()), Err)
}

/// Parses and binds one file, rendering its errors as they are found (human format).
fn check_file(path: &Path, tables: &VariantTables<FileTables>, human: bool) -> Outcome {
    let file = path.display().to_string();
    let source = match read_query(path) {
        Ok(source) => source,
        Err(SourceError::NoQuery { .. }) => {
            eprintln!("note: skipped {file}: no `query:` field, so not a rule");
            return Outcome::Skipped;
        }
        Err(error) => return Outcome::Unreadable(report_unreadable(&error, human)),
    };
    let records = match kql_parser::parse(&source.text) {
        Err(errors) => errors
            .errors
            .into_iter()
            .map(|e| report(&file, e, &source, human))
            .collect(),
        Ok(script) => match kql_eval::check(&script, tables.for_script(&script)) {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .into_iter()
                .map(|e| report(&file, e, &source, human))
                .collect(),
        },
    };
    if records.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Errors(records)
    }
}

/// Renders a query error (human format) and describes it.
fn report<D>(file: &str, error: D, source: &QuerySource, human: bool) -> Record
where
    D: miette::Diagnostic + Send + Sync + 'static,
{
    let record = Record::new(file, &error, Some(&source.text));
    if human {
        eprint!("{}", render_with_source(error, source));
    }
    record
}

/// Renders an unreadable file's error (human format) and describes it.
fn report_unreadable(error: &SourceError, human: bool) -> Record {
    let file = match error {
        SourceError::Read { name, .. }
        | SourceError::Yaml { name, .. }
        | SourceError::NoQuery { name } => name.clone(),
    };
    if human {
        eprint!("{}", render(error));
    }
    Record::new(&file, error, None)
}

/// Collects the query files under `path`, sorted: `path` itself when it is a file
/// named on the command line (or `-`, standard input), else every `.kql`/`.yaml`/`.yml`
/// below it, skipping hidden directories, `target`, links to directories and `kql test`
/// manifests (`*.test.yaml`).
fn find_queries(path: &Path, named: bool, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.as_os_str() == "-" {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_dir() {
        if named || is_query_file(path) {
            out.push(path.to_path_buf());
        }
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    for entry in entries {
        let name = entry
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Symbolic links to directories are not followed, so a link cycle cannot recurse.
        let is_link = std::fs::symlink_metadata(&entry).is_ok_and(|m| m.file_type().is_symlink());
        if entry.is_dir() {
            if !is_link && !name.starts_with('.') && name != "target" {
                find_queries(&entry, false, out)?;
            }
        } else if is_query_file(&entry) {
            out.push(entry);
        }
    }
    Ok(())
}

/// `.kql`, `.yaml` or `.yml`, but not a `kql test` manifest.
fn is_query_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.ends_with(".test.yaml") {
        return false;
    }
    [".kql", ".yaml", ".yml"]
        .iter()
        .any(|ext| name.ends_with(ext))
}
