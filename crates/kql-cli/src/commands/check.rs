//! `kql check`: parse and bind every query under the given paths against the table
//! schemas, without data, and report every error and warning of every file.
//!
//! ```text
//! kql check queries/
//! kql check --schema-variant sentinel --format sarif Azure-Sentinel/Hunting\ Queries/
//! kql check --print-schema queries/partner_bec_top_domains.kql
//! ```

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use kql_eval::{CheckError, FileTables};

use super::check_report::{Placement, Record, yaml_placement};
use super::check_warning::AsWarning;
use super::schema_args::{SchemaArgs, VariantTables};
use super::{Failure, render, render_with_source};
use crate::source::{QuerySource, SourceError, read_query};

/// Checks queries against the table schemas without data: syntax, names, types.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  kql check queries/\n  kql check --schema-variant sentinel --schema MyTables.json rules/\n  kql check --format sarif queries/ > kql.sarif\n  kql check --print-schema queries/partner_bec_top_domains.kql\n\nEvery `.kql`, `.yaml` and `.yml` file under a directory is checked (`*.test.yaml` manifests\nare skipped); a YAML file without a `query:` field is skipped with a note. Tables the schemas\ndo not describe are unknown. Warnings (probable mistakes Kusto accepts, and what kql cannot\nrun yet) do not fail the check. Exit code 1 if any query has an error, 2 if a file is\nunreadable."
)]
pub struct CheckArgs {
    /// Query files, or directories to search for `.kql`, `.yaml` and `.yml` files; `-` reads
    /// standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub schema: SchemaArgs,
    /// `human`: rendered diagnostics on stderr; `json`: an array of diagnostics on stdout;
    /// `sarif`: a SARIF 2.1.0 log on stdout (GitHub code scanning).
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Print the result schema (`Name: type` per column) of every query on stdout.
    #[arg(long)]
    pub print_schema: bool,
    /// Check each blank-line-separated block of a file as its own query (as
    /// `kql run --each-block` runs them); diagnostics keep the file's line numbers.
    #[arg(long)]
    pub each_block: bool,
}

/// How `kql check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Sarif,
}

/// What checking one file gave.
enum Outcome {
    /// Checked; its diagnostics (errors make the check fail with exit 1) and, with
    /// `--print-schema`, the result schema of each query.
    Checked(Vec<Record>, Vec<String>),
    /// A YAML file that is not a rule.
    Skipped,
    /// The file could not be read (exit 2).
    Unreadable(Record),
}

/// Checks every file found; all diagnostics are reported before the summary.
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
    let (mut checked, mut with_errors, mut warnings) = (unsearchable, unsearchable, 0usize);
    for path in &files {
        match check_file(path, &tables, human, args.print_schema, args.each_block) {
            Outcome::Checked(found, schemas) => {
                checked += 1;
                if found.iter().any(|r| r.error) {
                    with_errors += 1;
                    failure = failure.or(Some(Failure::Query));
                }
                warnings += found.iter().filter(|r| !r.error).count();
                records.extend(found);
                if args.print_schema {
                    out(&path.display().to_string());
                    for schema in schemas {
                        out(&schema);
                    }
                }
            }
            Outcome::Skipped => {}
            Outcome::Unreadable(record) => {
                checked += 1;
                with_errors += 1;
                records.push(record);
                failure = Some(Failure::Input);
            }
        }
    }
    let mut summary = format!("{checked} files checked, {with_errors} with errors");
    if warnings > 0 {
        summary.push_str(&format!(", {warnings} warnings"));
    }
    match args.format {
        CheckFormat::Human if args.print_schema => eprintln!("{summary}"),
        CheckFormat::Human => out(&summary),
        CheckFormat::Json | CheckFormat::Sarif => {
            let value = if args.format == CheckFormat::Json {
                serde_json::Value::Array(records.iter().map(Record::to_json).collect())
            } else {
                super::check_sarif::sarif(&records)
            };
            // With --print-schema, stdout holds the schemas; the diagnostics go to stderr.
            match serde_json::to_string_pretty(&value) {
                Ok(text) if args.print_schema => eprintln!("{text}"),
                Ok(text) => out(&text),
                Err(e) => eprintln!("cannot write JSON: {e}"),
            }
            eprintln!("{summary}");
        }
    }
    failure.map_or(Ok(()), Err)
}

/// Writes a line to stdout; a closed pipe (`kql check ... | head`) is not an error.
fn out(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// Parses and binds one file, rendering its diagnostics as they are found (human format).
fn check_file(
    path: &Path,
    tables: &VariantTables<FileTables>,
    human: bool,
    print_schema: bool,
    each_block: bool,
) -> Outcome {
    let file = path.display().to_string();
    let source = match read_query(path) {
        Ok(source) => source,
        Err(SourceError::NoQuery { .. }) => {
            eprintln!("note: skipped {file}: no `query:` field, so not a rule");
            return Outcome::Skipped;
        }
        Err(error) => return Outcome::Unreadable(report_unreadable(&error, human)),
    };
    // A rule's diagnostics point into the YAML file where its `query: |` block is found.
    let placement = if source.name.ends_with(" (query)") {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|yaml| yaml_placement(&yaml, &source.text))
            .unwrap_or_default()
    } else {
        Placement::default()
    };
    let at = Location {
        file: &file,
        source: &source,
        placement,
        human,
    };
    let mut schemas = Vec::new();
    if !each_block {
        let records = check_text(&source.text, tables, &at, print_schema, &mut schemas);
        return Outcome::Checked(records, schemas);
    }
    let mut records = Vec::new();
    for block in crate::blocks::split(&source.text) {
        records.extend(check_text(
            &block.text,
            tables,
            &at,
            print_schema,
            &mut schemas,
        ));
    }
    Outcome::Checked(records, schemas)
}

/// Parses and binds one query text (a whole file, or a block of it with the other lines
/// emptied), reporting its diagnostics at `at`.
fn check_text(
    text: &str,
    tables: &VariantTables<FileTables>,
    at: &Location<'_>,
    print_schema: bool,
    schemas: &mut Vec<String>,
) -> Vec<Record> {
    match kql_parser::parse(text) {
        Err(errors) => errors.errors.into_iter().map(|e| at.report(e)).collect(),
        Ok(script) => {
            let checked = kql_eval::check_with_warnings(&script, tables.for_script(&script));
            let mut records: Vec<Record> = match checked.result {
                Ok(bound) => {
                    if print_schema {
                        schemas.extend(bound.queries.iter().map(describe_schema));
                    }
                    Vec::new()
                }
                Err(errors) => errors.into_iter().map(|e| at.report_check(e)).collect(),
            };
            records.extend(checked.warnings.into_iter().map(|w| at.report(w)));
            // Warnings are found after binding: machine formats list all in text order.
            records.sort_by_key(|r| (r.line, r.column));
            records
        }
    }
}

/// `  Name: type` per column of a query's result.
fn describe_schema(plan: &kql_eval::plan::Plan) -> String {
    if matches!(plan.kind, kql_eval::plan::PlanKind::Late(_)) {
        return "  (columns that depend on the data: known only when the query runs)".into();
    }
    plan.schema
        .fields
        .iter()
        .map(|f| format!("  {}: {}", f.name, f.ty.name()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where a file's diagnostics are reported.
struct Location<'a> {
    file: &'a str,
    source: &'a QuerySource,
    placement: Placement,
    human: bool,
}

impl Location<'_> {
    /// Renders a diagnostic (human format) and describes it.
    fn report<D>(&self, diagnostic: D) -> Record
    where
        D: miette::Diagnostic + Send + Sync + 'static,
    {
        let record = Record::placed(
            self.file,
            &diagnostic,
            Some(&self.source.text),
            self.placement,
        );
        if self.human {
            eprint!("{}", render_with_source(diagnostic, self.source));
        }
        record
    }

    /// A check error; what kql does not support (valid KQL) is reported as a warning.
    fn report_check(&self, error: CheckError) -> Record {
        match error {
            CheckError::Unsupported { .. } => self.report(AsWarning(error)),
            other => self.report(other),
        }
    }
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
